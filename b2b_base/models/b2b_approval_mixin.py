from odoo import models
from odoo.exceptions import UserError


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
