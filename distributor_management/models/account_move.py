"""A rebate is paid through its ledger only, and as the ledger made it: the credit note that
settles it (or the invoice of a claw-back) is posted as it was made, to that distributor, with
the rebate product alone, and given back by one reversal of all of it; a discount line on an
order is invoiced as it was made, the whole rebate off, once (a credit note may give it back),
and not after its order was cancelled (the rebate is owed again then). No other customer
document books the rebate product: a rebate paid beside the ledger would be paid twice. A
distributor's posted invoice falls due later only by a Channel Manager (account_move_line.py)."""

from odoo import models
from odoo.addons.b2b_base import money
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
        due_before = (
            self.line_ids._distributor_posted_due_dates() if money.DUE_FIELDS & vals.keys() else {}
        )
        res = super().write(vals)
        self.env["account.move.line"]._distributor_check_due_not_later(due_before)
        # Checked on the moves as they now are, whichever way they were posted (_post writes
        # the state, and so may an RPC call), rewritten once posted, or taken back to draft or
        # cancelled (what the ledger counts changes then too); a refusal rolls back.
        if MOVE_FIELDS & vals.keys():
            moves = self if "state" in vals else self.filtered(lambda m: m.state == "posted")
            moves._check_rebate_settlements(posting=vals.get("state") == "posted")
        return res

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_rebate_settlements(self, posting=False):
        """Refuse moves that would book a rebate otherwise than its ledger settled it (see the
        module's docstring); ``posting``: these moves are being posted. sudo: whoever posts
        need not read the ledger."""
        if not self:
            return
        Rebate = self.env["distributor.rebate"].sudo()
        # Whatever kind the move now is: a settlement turned into a vendor bill is refused too.
        Rebate.search(
            [("move_id", "in", (self | self.reversed_entry_id).ids)]
        )._check_settlement_moves(self)
        # Every line linked to a discount line, whatever its product or its move's kind.
        self.line_ids.sale_line_ids._rebate_settlements()._check_discount_invoices(
            self.filtered(lambda move: move.state == "posted") if posting else self.browse()
        )
        self._check_rebate_product_lines()

    def _check_rebate_product_lines(self):
        """Refuse a posted customer document booking its company's rebate product outside the
        ledger: a rebate paid beside it would be paid twice."""
        customer = self.filtered(
            lambda move: move.state == "posted" and move.move_type in ("out_invoice", "out_refund")
        )
        # Each company's own rebate product: another company's may be one this one sells.
        products = {
            company: company._distributor_rebate_product() for company in customer.company_id.sudo()
        }
        lines = customer.invoice_line_ids.filtered(
            lambda line: line.product_id and line.product_id == products[line.company_id.sudo()]
        )
        if not lines:
            return
        Rebate = self.env["distributor.rebate"].sudo()
        settlements = Rebate.search(
            [("move_id", "in", (lines.move_id | lines.move_id.reversed_entry_id).ids)]
        ).move_id
        discounts = lines.sale_line_ids._rebate_settlements().sale_line_id
        outside = lines.filtered(
            lambda line: line.move_id not in settlements
            and line.move_id.reversed_entry_id not in settlements
            and not line.sale_line_ids & discounts
        )
        if outside:
            raise UserError(
                self.env._(
                    "%(move)s books the rebate product (%(product)s) outside the rebate ledger: "
                    "a rebate is paid by settling it there (a credit note or a discount on an "
                    "order), never beside it.",
                    move=outside[0].move_id.display_name,
                    product=outside[0].product_id.display_name,
                )
            )
