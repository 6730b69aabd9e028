"""A distributor's visits are Key Accounts' visits (the same log, check-in and follow-up):
the agreement shows when its distributor was last visited and when next, and plans one."""

from odoo import api, fields, models
from odoo.addons.b2b_base import clock


class DistributorAgreement(models.Model):
    _inherit = "distributor.agreement"

    last_visit_date = fields.Date(
        string="Last Visit",
        compute="_compute_visit_dates",
        help="The distributor's latest visit done in the agreement's company, by anyone (on a "
        "signed agreement).",
    )
    next_visit_date = fields.Date(
        string="Next Visit",
        compute="_compute_visit_dates",
        help="The distributor's earliest visit still planned in the agreement's company.",
    )
    visit_count = fields.Integer(compute="_compute_visit_dates", string="Visits")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends_context("uid", "tz")
    def _compute_visit_dates(self):
        """The days in the reader's time zone. sudo: the dates of any representative's visits
        to the distributor are the agreement's news; the visits themselves keep their rules."""
        tz = clock.user_tz(self.env)
        agreements = self._origin._with_news()
        Visit = self.env["kam.visit"].sudo()
        domain = [
            ("partner_id", "in", agreements.partner_id.ids),
            ("company_id", "in", agreements.company_id.ids),
        ]
        done = {
            (partner.id, company.id): (last, count)
            for partner, company, last, count in Visit._read_group(
                [*domain, ("state", "=", "done")],
                ["partner_id", "company_id"],
                ["date_done:max", "__count"],
            )
        }
        planned = {
            (partner.id, company.id): first
            for partner, company, first in Visit._read_group(
                [*domain, ("state", "=", "planned")],
                ["partner_id", "company_id"],
                ["date_planned:min"],
            )
        }
        for agreement in self:
            key = (agreement.partner_id.id, agreement.company_id.id)
            if agreement._origin not in agreements:
                key = None
            last, count = done.get(key, (False, 0))
            agreement.last_visit_date = clock.local_date(last, tz)
            agreement.next_visit_date = clock.local_date(planned.get(key), tz)
            agreement.visit_count = count

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_plan_visit(self):
        """A new visit to the distributor in the Key Accounts visit log, for the user."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan a Visit"),
            "res_model": "kam.visit",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        }

    def action_view_visits(self):
        """The distributor's visits the user may read (their own, or all for a manager)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_visit_action"
        )
        action["domain"] = [
            ("partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
        }
        return action
