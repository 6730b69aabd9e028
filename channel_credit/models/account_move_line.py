from odoo import api, models
from odoo.addons.b2b_base import guards

# Stored computed figures that open receivables are read from.
GUARDED_FIGURES = {"amount_residual", "amount_residual_currency", "reconciled"}


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = guards.refuse_system_fields(self, vals_list, GUARDED_FIGURES)
        return super().create(vals_list)

    def write(self, vals):
        [vals] = guards.refuse_system_fields(self, [vals], GUARDED_FIGURES, records=self)
        return super().write(vals)
