from odoo import fields, models


class ChannelCreditReviewDecide(models.TransientModel):
    """An approver's decision on the step of a credit review waiting for them."""

    _name = "channel.credit.review.decide"
    _description = "Decide on a Credit Review"

    review_id = fields.Many2one("channel.credit.review", required=True, readonly=True)
    currency_id = fields.Many2one(related="review_id.currency_id")
    partner_id = fields.Many2one(related="review_id.partner_id")
    approval_amount = fields.Monetary(related="review_id.approval_amount")
    note = fields.Text(string="Comment", help="Required to reject.")

    def action_approve(self):
        self.ensure_one()
        self.review_id._decide(True, self.note)
        return {"type": "ir.actions.act_window_close"}

    def action_reject(self):
        self.ensure_one()
        self.review_id._decide(False, self.note)
        return {"type": "ir.actions.act_window_close"}
