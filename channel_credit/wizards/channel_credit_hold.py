from odoo import fields, models


class ChannelCreditHold(models.TransientModel):
    """A Credit Manager puts a distributor on hold: a reason, and an end date or none."""

    _name = "channel.credit.hold"
    _description = "Put a Distributor on Credit Hold"

    partner_id = fields.Many2one("res.partner", string="Distributor", required=True, readonly=True)
    reason = fields.Char(required=True)
    until = fields.Date(string="Hold Until", help="Empty: until a Credit Manager lifts it.")

    def action_confirm(self):
        self.ensure_one()
        self.partner_id._channel_put_on_hold(self.reason, self.until)
        return {"type": "ir.actions.act_window_close"}
