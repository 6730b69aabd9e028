from odoo import api, fields, models


class ChannelCreditLimitApply(models.TransientModel):
    """The confirmation before a suggested limit replaces a distributor's base limit: both
    figures are read live from the partner, never taken from the client. A higher limit is
    granted only through a credit review, which this starts instead."""

    _name = "channel.credit.limit.apply"
    _description = "Apply the Suggested Credit Limit"

    partner_id = fields.Many2one("res.partner", string="Distributor", required=True, readonly=True)
    currency_id = fields.Many2one(related="partner_id.channel_currency_id")
    old_limit = fields.Monetary(string="Current Base Limit", compute="_compute_limits")
    new_limit = fields.Monetary(string="Suggested Limit", compute="_compute_limits")
    is_raise = fields.Boolean(compute="_compute_limits")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_limits(self):
        for wizard in self:
            wizard.old_limit = wizard.partner_id.credit_limit
            wizard.new_limit = wizard.partner_id.channel_suggested_limit
            wizard.is_raise = wizard.new_limit > wizard.old_limit

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_apply(self):
        self.ensure_one()
        return self.partner_id.action_channel_apply_suggested_limit()

    def action_start_review(self):
        self.ensure_one()
        review = self.env["channel.credit.review"].create(
            {"partner_id": self.partner_id.commercial_partner_id.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": review._name,
            "res_id": review.id,
            "view_mode": "form",
            "target": "current",
        }
