from odoo import api, models

from .. import guards

# Stored computed figures that open receivables are read from.
GUARDED_FIGURES = {"amount_residual", "amount_residual_currency", "reconciled"}


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        guards.refuse_forged_figures(self, vals_list, GUARDED_FIGURES)
        return super().create(vals_list)

    def write(self, vals):
        guards.refuse_forged_figures(self, [vals], GUARDED_FIGURES)
        return super().write(vals)
