"""A rebate's settlement is posted as it was made: the ledger counts what the credit note was
made for, so the note that accounting posts must pay that, to that distributor."""

from odoo import models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _post(self, soft=True):
        self._check_rebate_settlements()
        return super()._post(soft)

    def _check_rebate_settlements(self):
        """Refuse posting a settlement whose kind, distributor, currency or total was changed
        since the rebate made it. sudo: the accountant posting need not read the ledger."""
        rebates = self.env["distributor.rebate"].sudo().search([("move_id", "in", self.ids)])
        for rebate in rebates:
            move = rebate.move_id
            currency = rebate.currency_id
            if (
                move.move_type != ("out_refund" if rebate.settled_amount > 0 else "out_invoice")
                or move.commercial_partner_id != rebate.partner_id.commercial_partner_id
                or move.currency_id != currency
                or currency.compare_amounts(move.amount_total, abs(rebate.settled_amount))
            ):
                raise UserError(
                    self.env._(
                        "%(move)s settles the rebate %(rebate)s: %(amount)s to %(partner)s. "
                        "Post it as it was made, or cancel it (the next accrual owes the rebate "
                        "again).",
                        move=move.display_name,
                        rebate=rebate.name,
                        amount=currency.format(abs(rebate.settled_amount)),
                        partner=rebate.partner_id.display_name,
                    )
                )
