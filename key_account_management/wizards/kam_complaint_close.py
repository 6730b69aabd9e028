from odoo import fields, models

from ..const import SATISFACTION


class KamComplaintClose(models.TransientModel):
    """Closing a complaint: the customer's satisfaction with how it was handled, and what we
    told them last."""

    _name = "kam.complaint.close"
    _description = "Close a Complaint"

    complaint_id = fields.Many2one(
        "kam.complaint", required=True, readonly=True, ondelete="cascade"
    )
    satisfaction = fields.Selection(SATISFACTION, string="Customer Satisfaction", required=True)
    note = fields.Text(string="What We Told the Customer", required=True)

    def action_confirm(self):
        self.ensure_one()
        self.env["kam.complaint.update"].create(
            {"complaint_id": self.complaint_id.id, "note": self.note}
        )
        self.complaint_id._kam_close(self.satisfaction)
        return {"type": "ir.actions.act_window_close"}
