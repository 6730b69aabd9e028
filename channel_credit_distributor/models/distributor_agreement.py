"""An agreement proposes its distributor's credit to a credit review; the review decides it."""

from odoo import api, fields, models
from odoo.addons.b2b_base.const import SUBMITTED


class DistributorAgreement(models.Model):
    _inherit = "distributor.agreement"

    # Credit is Channel Credit's: those without its rights see no reviews on the agreement.
    credit_review_ids = fields.One2many(
        "channel.credit.review",
        "agreement_id",
        string="Credit Reviews",
        readonly=True,
        groups="channel_credit.group_channel_credit_user",
    )
    credit_review_count = fields.Integer(
        compute="_compute_credit_review_count", groups="channel_credit.group_channel_credit_user"
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("credit_review_ids")
    def _compute_credit_review_count(self):
        counts = dict(
            self.env["channel.credit.review"]._read_group(
                [("agreement_id", "in", self.ids)], ["agreement_id"], ["__count"]
            )
        )
        for agreement in self:
            agreement.credit_review_count = counts.get(agreement._origin, 0)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_start_credit_review(self):
        """The distributor's credit review, proposed from the agreement's planned monthly
        purchase and deposit (the basis of a new distributor's limit): the one still open if
        there is one, else a new draft. The limit is the review's to decide, never the
        agreement's."""
        self.ensure_one()
        Review = self.env["channel.credit.review"]
        review = Review.search(
            [("agreement_id", "=", self.id), ("state", "in", ("draft", SUBMITTED))], limit=1
        )
        if not review:
            review = Review.create(
                {
                    "partner_id": self.partner_id.commercial_partner_id.id,
                    "company_id": self.company_id.id,
                    "kind": "limit",
                    "agreement_id": self.id,
                    **self._credit_review_figures(),
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "channel.credit.review",
            "res_id": review.id,
            "view_mode": "form",
        }

    def action_approve(self):
        result = super().action_approve()
        self._start_new_distributor_reviews()
        return result

    def action_view_credit_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "channel_credit.channel_credit_review_action"
        )
        action["domain"] = [("agreement_id", "=", self.id)]
        action["context"] = {}
        return action

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _credit_review_figures(self):
        """What a new distributor's limit is proposed from (the review decides it)."""
        self.ensure_one()
        return {
            "planned_monthly_purchase": self.planned_monthly_purchase,
            "registered_capital": self.registered_capital,
            "deposit": self.deposit,
        }

    def _start_new_distributor_reviews(self):
        """A distributor new to the company's credit (no review, no limit) gets its first
        review when a Channel Manager approves its agreement (not on submission: anyone may
        submit an agreement for any partner, with any figures): a draft from the approved
        agreement's figures, with a to-do for the company's Credit Manager, who proposes the
        limit. sudo: the Channel Manager need not be a credit user; the review stays Channel
        Credit's to fill in and decide."""
        Review = self.env["channel.credit.review"].sudo()
        for agreement in self:
            partner = agreement.partner_id.commercial_partner_id
            company = agreement.company_id
            known = Review.search_count(
                [("partner_id", "=", partner.id), ("company_id", "=", company.id)], limit=1
            )
            if known or partner.sudo().with_company(company).credit_limit:
                continue
            manager = company._channel_credit_manager()
            review = Review.with_company(company).create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "kind": "limit",
                    "agreement_id": agreement.id,
                    "reviewer_id": manager.id,
                    **agreement._credit_review_figures(),
                }
            )
            review.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=review.with_context(lang=manager.lang).env._(
                    "Propose a new distributor's credit"
                ),
            )
            agreement.message_post(
                body=self.env._(
                    "A new distributor: its credit review %(review)s starts from this "
                    "agreement.",
                    review=review.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
