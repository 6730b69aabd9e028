from odoo import api, fields, models


class ChannelCreditReviewDecide(models.TransientModel):
    """An approver's decision on the step of a credit review waiting for them."""

    _name = "channel.credit.review.decide"
    _description = "Decide on a Credit Review"

    review_id = fields.Many2one("channel.credit.review", required=True, readonly=True)
    currency_id = fields.Many2one(related="review_id.currency_id")
    partner_id = fields.Many2one(related="review_id.partner_id")
    kind = fields.Selection(related="review_id.kind")
    credit_limit = fields.Monetary(related="review_id.credit_limit", string="Limit Proposed")
    temp_limit = fields.Monetary(related="review_id.temp_limit")
    temp_until = fields.Date(related="review_id.temp_until")
    approval_amount = fields.Monetary(
        related="review_id.approval_amount", string="Credit the Distributor Will Have"
    )
    step_name = fields.Char(string="Your Step", compute="_compute_step_name")
    note = fields.Text(string="Comment", help="Required to reject.")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("review_id")
    def _compute_step_name(self):
        # As superuser: the chain's levels name groups an approver may not read.
        for wizard in self:
            wizard.step_name = wizard.review_id.sudo()._pending_step().name

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_approve(self):
        self.ensure_one()
        self.review_id._decide(True, self.note)
        return {"type": "ir.actions.act_window_close"}

    def action_reject(self):
        self.ensure_one()
        self.review_id._decide(False, self.note)
        return {"type": "ir.actions.act_window_close"}
