"""A rebate's settlement is posted as it was made: the ledger counts what the credit note was
made for, so the note that accounting posts, and keeps posted, pays that, to that distributor,
with the rebate product alone. A rebate settled on an order is invoiced as its discount line
was made: the whole rebate off, once (a credit note may give it back)."""

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
        self._check_rebate_discounts()
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

    def _check_rebate_discounts(self):
        """Refuse a posted invoice that invoices a rebate's discount line otherwise than as it
        was made (the whole rebate, untaxed, to its distributor, in its currency), or a second
        time before a credit note gave the first back."""
        lines = self.invoice_line_ids.filtered("sale_line_ids")
        rebates = lines.sale_line_ids._rebate_settlements()
        rebate_products = (
            self.env["res.company"]._distributor_rebate_products() if rebates else None
        )
        for rebate in rebates:
            currency = rebate.currency_id
            invoiced = rebate.sale_line_id.invoice_lines.filtered(
                lambda line: line.parent_state == "posted"
            )
            total = rebate._discount_invoiced()
            if any(
                line.product_id not in rebate_products
                or line.tax_ids
                or line.currency_id != currency
                or line.move_id.commercial_partner_id != rebate.partner_id.commercial_partner_id
                or currency.compare_amounts(abs(line.balance), rebate.settled_amount)
                for line in invoiced
            ) or (
                currency.compare_amounts(total, 0.0)
                and currency.compare_amounts(total, rebate.settled_amount)
            ):
                raise UserError(
                    self.env._(
                        "%(order)s's discount settles the rebate %(rebate)s: %(amount)s off for "
                        "%(partner)s, invoiced once, as it was made. Invoice it so, or remove "
                        "the line from the invoice.",
                        order=rebate.sale_line_id.order_id.display_name,
                        rebate=rebate.name,
                        amount=currency.format(rebate.settled_amount),
                        partner=rebate.partner_id.display_name,
                    )
                )
