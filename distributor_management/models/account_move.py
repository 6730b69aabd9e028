"""A rebate is paid through its ledger only, and as the ledger made it: the credit note that
settles it (or the invoice of a claw-back) is posted as it was made, to that distributor, with
the rebate product alone, and given back by one reversal of all of it; a discount line on an
order is invoiced as it was made, the whole rebate off, once (a credit note may give it back),
and not after its order was cancelled (the rebate is owed again then). No other customer
document books the rebate product: a rebate paid beside the ledger would be paid twice."""

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
        """Refuse a posted customer document that books the rebate product otherwise than the
        ledger settled it. sudo: whoever posts need not read the ledger."""
        if not self:
            return
        products = self.env["res.company"]._distributor_rebate_products()
        # Whatever kind the move now is: a settlement turned into a vendor bill is refused too.
        by_move = (
            self.env["distributor.rebate"]
            .sudo()
            .search([("move_id", "in", (self | self.reversed_entry_id).ids)])
        )
        by_move._check_settlement_moves(self, products)
        customer = self.filtered(lambda move: move.move_type in ("out_invoice", "out_refund"))
        lines = customer.invoice_line_ids.filtered(lambda line: line.product_id in products)
        if not lines:
            return
        by_order = lines.sale_line_ids._rebate_settlements()
        settled = lines.filtered(
            lambda line: line.move_id in by_move.move_id
            or line.move_id.reversed_entry_id in by_move.move_id
            or line.sale_line_ids & by_order.sale_line_id
        )
        if lines - settled:
            raise UserError(
                self.env._(
                    "%(move)s books the rebate product (%(product)s) outside the rebate ledger: "
                    "a rebate is paid by settling it there (a credit note or a discount on an "
                    "order), never beside it.",
                    move=(lines - settled)[0].move_id.display_name,
                    product=(lines - settled)[0].product_id.display_name,
                )
            )
        by_order._check_discount_invoices(products)
