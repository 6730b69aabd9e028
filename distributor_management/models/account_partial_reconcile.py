"""A matching of money to an invoice is made by the reconciliation and undone by unmatching,
never rewritten: collected money (and so attainment and rebates) reads its amount and day."""

from odoo import models
from odoo.addons.b2b_base import guards
from odoo.exceptions import AccessError

# What collected money reads of a matching; Odoo never rewrites them once it is made.
MATCHING_FIELDS = frozenset(
    {
        "amount",
        "debit_amount_currency",
        "credit_amount_currency",
        "debit_move_id",
        "credit_move_id",
        "max_date",
    }
)


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def write(self, vals):
        if MATCHING_FIELDS & vals.keys() and not guards.may_write_system_fields(self.env):
            raise AccessError(
                self.env._(
                    "A matching of money is undone and made again, never rewritten: unmatch "
                    "the payment and match it anew."
                )
            )
        return super().write(vals)
