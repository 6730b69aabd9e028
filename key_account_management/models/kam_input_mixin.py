from odoo import models


class KamInputMixin(models.AbstractModel):
    """The shared input guard (b2b_base) on every create and write of this addon's models."""

    _name = "kam.input.mixin"
    _inherit = ["b2b.input.mixin"]
    _description = "Key-Account Input Checks"
