"""Ask a Channel Manager why an agreement is rejected or ends early, then decide it."""

from odoo import fields, models


class DistributorAgreementDecide(models.TransientModel):
    _name = "distributor.agreement.decide"
    _description = "Reject or Terminate an Agreement"

    agreement_id = fields.Many2one("distributor.agreement", required=True, ondelete="cascade")
    decision = fields.Selection(
        [("reject", "Reject"), ("terminate", "Terminate")], required=True, default="reject"
    )
    reason = fields.Text(required=True)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "terminate":
            self.agreement_id.action_terminate(self.reason)
        else:
            self.agreement_id.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
