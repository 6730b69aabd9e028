"""The lines of a posted rebate settlement are not rewritten around its rule
(account_move.py): a write that reaches them is checked on the move as it now is, and the
link of an invoice line to a rebate's discount line is not rewritten at all."""

from odoo import models

# What a settlement's posting depends on, on its lines.
LINE_FIELDS = frozenset(
    {
        "product_id",
        "price_unit",
        "quantity",
        "discount",
        "tax_ids",
        "balance",
        "amount_currency",
        "debit",
        "credit",
        "currency_id",
        "display_type",
        "move_id",
    }
)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def write(self, vals):
        # Which invoice lines took a rebate's discount off is set by invoicing its order (and
        # copied by a reversal), never rewritten: the ledger reads what they paid.
        linked = "sale_line_ids" in vals and self.sale_line_ids._rebate_settlements()
        res = super().write(vals)
        if "sale_line_ids" in vals and (linked or self.sale_line_ids._rebate_settlements()):
            self.env["sale.order.line"]._refuse_invoice_links()
        # Lines of a posted settlement rewritten (skip_readonly_check) hold the same rule.
        if LINE_FIELDS & vals.keys():
            self.move_id.filtered(lambda move: move.state == "posted")._check_rebate_settlements()
        return res
