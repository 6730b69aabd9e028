from odoo import api, models

from .. import guards


class ChannelCreditInputMixin(models.AbstractModel):
    """Readable errors for numbers the database cannot take, on every create and write of the
    addon's own models."""

    _name = "channel.credit.input.mixin"
    _description = "Channel Credit Input Checks"

    @api.model_create_multi
    def create(self, vals_list):
        guards.check_numbers(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        guards.check_numbers(self, [vals])
        return super().write(vals)
