"""A rebate's settlement is posted as it was made: the ledger counts what the credit note was
made for, so the note that accounting posts, and keeps posted, pays that, to that distributor,
with the rebate product alone."""

from odoo import models
from odoo.exceptions import UserError

# What a settlement's posting depends on, on the move.
MOVE_FIELDS = frozenset(
    {"state", "line_ids", "invoice_line_ids", "partner_id", "currency_id", "move_type"}
)


class AccountMove(models.Model):
    _inherit = "account.move"

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def write(self, vals):
        res = super().write(vals)
        # Checked on the moves as they now are, whichever way they were posted (_post writes
        # the state, and so may an RPC call) or rewritten once posted; a refusal rolls back.
        if MOVE_FIELDS & vals.keys():
            self.filtered(lambda move: move.state == "posted")._check_rebate_settlements()
        return res

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_rebate_settlements(self):
        """Refuse a posted settlement whose kind, distributor, currency, total or lines (the
        rebate product alone, untaxed) differ from what the rebate made. sudo: whoever posts
        need not read the ledger."""
        if not self:
            return
        rebates = self.env["distributor.rebate"].sudo().search([("move_id", "in", self.ids)])
        rebate_products = (
            self.env["res.company"]._distributor_rebate_products() if rebates else None
        )
        for rebate in rebates:
            move = rebate.move_id
            currency = rebate.currency_id
            lines = move.invoice_line_ids.filtered(lambda line: line.display_type == "product")
            if (
                move.move_type != ("out_refund" if rebate.settled_amount > 0 else "out_invoice")
                or move.commercial_partner_id != rebate.partner_id.commercial_partner_id
                or move.currency_id != currency
                or currency.compare_amounts(move.amount_total, abs(rebate.settled_amount))
                or len(lines) != 1
                or lines.product_id not in rebate_products
                or lines.tax_ids
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
