from odoo import models


class ChannelCreditInputMixin(models.AbstractModel):
    """The shared input guard (b2b_base) on every create and write of this addon's models."""

    _name = "channel.credit.input.mixin"
    _inherit = ["b2b.input.mixin"]
    _description = "Channel Credit Input Checks"
