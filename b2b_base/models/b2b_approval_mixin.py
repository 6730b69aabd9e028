from odoo import models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_amount


class B2bApprovalMixin(models.AbstractModel):
    """Four eyes on what someone else approves (credit reviews, credit releases, gift and
    reception requests): nobody approves a request they asked for or prepared. Each model names
    those people in _approval_requesters(); its states use the keys of b2b_base.const
    (SUBMITTED, APPROVED, REJECTED)."""

    _name = "b2b.approval.mixin"
    _description = "B2B Approval (Four Eyes)"

    def _approval_requesters(self):
        """The users who asked for or prepared this record: none of them approves it. Each
        model says who they are; by default whoever typed it in."""
        self.ensure_one()
        return self.create_uid

    def _approval_own_request_problem(self, user=None):
        """Why ``user`` (the current user by default) may not approve this record because it
        is their own request, or None."""
        self.ensure_one()
        user = user or self.env.user
        if user not in self._approval_requesters():
            return None
        return self.env._(
            "You cannot approve %(record)s: you asked for it or prepared it, so someone else "
            "must decide it (four eyes).",
            record=self.display_name,
        )

    def _check_not_own_request(self, user=None):
        """Refuse ``user`` (the current user by default) the approval of any of these records
        they asked for or prepared."""
        for record in self:
            problem = record._approval_own_request_problem(user)
            if problem:
                raise UserError(problem)

    def _approval_first_of_two(self, amount, threshold, approvers):
        """Approval goes up by amount: above ``threshold`` (0: never) two different people
        decide, one after the other. Records the current user's first approval on a record
        that needs two and has none (its ``first_approver_id``) and returns True: the decision
        waits for the second. Returns False when the current user's approval decides, and
        refuses the first approver giving the second too. ``approvers`` names who decides, for
        the messages (e.g. "Channel Manager")."""
        self.ensure_one()
        currency = self.currency_id
        if (
            not threshold
            or float_compare(amount, threshold, precision_rounding=currency.rounding) <= 0
        ):
            return False
        if not self.first_approver_id:
            self.sudo().first_approver_id = self.env.uid
            self.message_post(
                body=self.env._(
                    "First approval by %(user)s; above %(threshold)s a second %(approvers)s "
                    "decides.",
                    user=self.env.user.name,
                    threshold=format_amount(self.env, threshold, currency),
                    approvers=approvers,
                ),
                subtype_xmlid="mail.mt_note",
            )
            return True
        if self.first_approver_id == self.env.user:
            raise UserError(
                self.env._(
                    "You gave %(record)s its first approval: another %(approvers)s gives the "
                    "second.",
                    record=self.display_name,
                    approvers=approvers,
                )
            )
        return False
