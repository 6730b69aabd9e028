from odoo import api, models

from .. import guards


class B2bInputMixin(models.AbstractModel):
    """The input guard (guards.check_input) and the system's figures (guards.system_fields) on
    every create and write of the apps' own models."""

    _name = "b2b.input.mixin"
    _description = "B2B Input Checks"

    @api.model_create_multi
    def create(self, vals_list):
        guards.check_input(self, vals_list, create=True)
        vals_list = guards.refuse_system_fields(self, vals_list, guards.system_fields(self))
        return super().create(vals_list)

    def write(self, vals):
        guards.check_input(self, [vals])
        [vals] = guards.refuse_system_fields(self, [vals], guards.system_fields(self), records=self)
        return super().write(vals)
