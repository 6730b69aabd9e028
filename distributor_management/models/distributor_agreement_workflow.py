"""An agreement's workflow: submitted, approved by a Channel Manager who did not prepare it
(four eyes), rejected, expired at the end of its last day, terminated, renewed."""

import logging

from odoo import api, fields, models
from odoo.addons.b2b_base import clock, jobs
from odoo.addons.b2b_base.const import APPROVED, REJECTED, SUBMITTED
from odoo.exceptions import AccessError, UserError

from .. import rules
from ..const import MANAGER_GROUP

_logger = logging.getLogger(__name__)


class DistributorAgreement(models.Model):
    _inherit = "distributor.agreement"

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_submit(self):
        for agreement in self:
            if agreement.state != "draft":
                raise UserError(self.env._("Only a draft agreement can be submitted."))
            problems = agreement._submit_problems()
            if problems:
                raise UserError("\n".join(problems))
            agreement._raise_territory_conflicts()
        # Whoever may change the draft submits it (the record rules on writing decide).
        self.check_access("write")
        self.sudo().write({"state": SUBMITTED, "submitted_by_id": self.env.uid})
        self._schedule_approval()
        return True

    def action_approve(self):
        self._check_approver()
        for agreement in self:
            if agreement.state != SUBMITTED:
                raise UserError(self.env._("Only a submitted agreement can be approved."))
        # The constraint checks the territories again as the agreements become binding.
        self.sudo().write(
            {
                "state": APPROVED,
                "approved_by_id": self.env.uid,
                "approved_date": fields.Datetime.now(),
            }
        )
        self._close_approval_activities()
        for agreement in self:
            agreement.message_post(
                body=self.env._(
                    "Agreement approved: in force from %(start)s to %(end)s.",
                    start=agreement.date_start,
                    end=agreement.date_end,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_reject(self, reason):
        """Send submitted agreements back with the reason (the wizard asks for it)."""
        self._check_approver()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the agreement is rejected."))
        if self.filtered(lambda a: a.state != SUBMITTED):
            raise UserError(self.env._("Only a submitted agreement can be rejected."))
        self.sudo().write({"state": REJECTED, "rejection_reason": reason})
        self._close_approval_activities()
        for agreement in self:
            agreement.message_post(
                body=self.env._("Agreement rejected: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_reset_draft(self):
        if self.filtered(lambda a: a.state != REJECTED):
            raise UserError(self.env._("Only a rejected agreement can be taken back to draft."))
        self.check_access("write")
        self.sudo().write({"state": "draft"})
        return True

    def action_terminate(self, reason):
        """End agreements in force before their end date, with the reason (a Channel
        Manager's decision; the wizard asks for it)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a Channel Manager terminates an agreement."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the agreement is terminated."))
        if self.filtered(lambda a: a.state != APPROVED):
            raise UserError(self.env._("Only an agreement in force can be terminated."))
        self.check_access("read")
        self.sudo().write(
            {
                "state": "terminated",
                "termination_reason": reason,
                "terminated_date": fields.Date.context_today(self),
            }
        )
        for agreement in self:
            agreement.message_post(
                body=self.env._("Agreement terminated: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_renew(self):
        """A draft for the next period (the day after this one ends, as long as this one),
        with the same territories, lines and terms, and the targets moved a period on."""
        self.ensure_one()
        if self.state not in (APPROVED, "expired"):
            raise UserError(self.env._("Only an agreement in force or expired can be renewed."))
        shift = rules.renewal_shift(self.date_start, self.date_end)
        start, end = rules.shift_period(self.date_start, self.date_end, shift)
        renewal = self.copy(
            {
                "date_start": start,
                "date_end": end,
                "target_ids": [
                    fields.Command.create(
                        dict(
                            zip(
                                ("date_from", "date_to"),
                                rules.shift_period(target.date_from, target.date_to, shift),
                                strict=True,
                            ),
                            product_line_id=target.product_line_id.id,
                            amount=target.amount,
                        )
                    )
                    for target in self.target_ids
                ],
            }
        )
        renewal.sudo().renewed_from_id = self
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": renewal.id,
            "view_mode": "form",
        }

    def action_split_target(self):
        """Spread the target to split over the agreement's months or quarters (all product
        lines together), replacing the targets it had."""
        self._check_draft(["target_ids"])
        for agreement in self:
            periods = rules.split_periods(
                agreement.date_start, agreement.date_end, agreement.target_split
            )
            amounts = rules.split_amount(
                agreement.yearly_target, len(periods), agreement.currency_id.decimal_places
            )
            agreement.write(
                {
                    "target_ids": [fields.Command.clear()]
                    + [
                        fields.Command.create(
                            {"date_from": start, "date_to": end, "amount": amount}
                        )
                        for (start, end), amount in zip(periods, amounts, strict=True)
                    ]
                }
            )
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _approval_requesters(self):
        # Whoever typed it in or submitted it does not approve it.
        self.ensure_one()
        return self.create_uid | self.submitted_by_id

    def _check_approver(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only a Channel Manager approves or rejects agreements."))
        self.check_access("read")
        self._check_not_own_request()

    def _submit_problems(self):
        self.ensure_one()
        problems = []
        if not self.territory_ids:
            problems.append(self.env._("Give the agreement at least one territory."))
        if not self.target_ids:
            problems.append(self.env._("Give the agreement its targets."))
        return problems

    def _schedule_approval(self):
        """A to-do for each Channel Manager of the company but those who prepared it."""
        group = self.env.ref(MANAGER_GROUP)
        todo = self.env.ref("mail.mail_activity_data_todo")
        today = fields.Date.context_today(self)
        values = [
            jobs.activity_values(
                agreement,
                todo,
                user,
                today,
                summary=self.env._("Approve the distribution agreement"),
            )
            for agreement in self
            for user in group.users
            if agreement.company_id in user.company_ids
            and not user.share
            and user not in agreement._approval_requesters()
        ]
        jobs.create_activities(self.env(su=True), values)

    def _close_approval_activities(self):
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        ).action_feedback()

    @api.model
    def _cron_expire_agreements(self):
        """Nightly: agreements in force whose last day has passed in their company's time zone
        expire, one company at a time."""
        companies = self.env["res.company"].sudo().with_context(active_test=False).search([])
        results = jobs.each_company(
            companies,
            lambda company: clock.company_env(self, company)._expire_company(company),
            "Agreement expiry",
        )
        _logger.info("Agreement expiry: %s agreements expired", sum(results))
        self.env["ir.cron"]._notify_progress(done=sum(results), remaining=0)

    @api.model
    def _expire_company(self, company):
        today = fields.Date.context_today(self)
        ended = self.sudo().search(
            [("company_id", "=", company.id), ("state", "=", APPROVED), ("date_end", "<", today)]
        )
        ended.write({"state": "expired"})
        return len(ended)
