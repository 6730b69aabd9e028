"""The lines of a posted rebate settlement are not rewritten around its rule
(account_move.py): a write that reaches them is checked on the move as it now is, and the
link of an invoice line to a rebate's discount line is not rewritten at all. A distributor's
posted invoice falls due later only by a Channel Manager: its due dates decide the extra
rebate for paying on time and the scorecard's payment discipline."""

from odoo import models
from odoo.addons.b2b_base import money

from ..const import MANAGER_GROUP, REBATE_AGREEMENT_STATES

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
        due_before = self._distributor_posted_due_dates() if "date_maturity" in vals else {}
        # Which invoice lines took a rebate's discount off is set by invoicing its order (and
        # copied by a reversal), never rewritten: the ledger reads what they paid.
        linked = "sale_line_ids" in vals and self.sale_line_ids._rebate_settlements()
        res = super().write(vals)
        if "sale_line_ids" in vals and (linked or self.sale_line_ids._rebate_settlements()):
            self.env["sale.order.line"]._refuse_invoice_links()
        # Lines of a posted settlement rewritten (skip_readonly_check) hold the same rule.
        if LINE_FIELDS & vals.keys():
            self.move_id.filtered(lambda move: move.state == "posted")._check_rebate_settlements()
        self._distributor_check_due_not_later(due_before)
        return res

    def _distributor_posted_due_dates(self):
        """money.posted_due_dates() of these lines' distributors: partners with a signed
        agreement in the line's company. sudo: whoever invoices need not read agreements."""
        lines = self.sudo().filtered(lambda line: line.parent_state == "posted" and line.partner_id)
        if not lines:
            return {}
        signed = {
            (agreement.partner_id, agreement.company_id)
            for agreement in self.env["distributor.agreement"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", lines.partner_id.commercial_partner_id.ids),
                    ("state", "in", REBATE_AGREEMENT_STATES),
                ],
                ["partner_id", "company_id"],
            )
        }
        return money.posted_due_dates(
            lines.filtered(
                lambda line: (line.partner_id.commercial_partner_id, line.company_id) in signed
            )
        )

    def _distributor_check_due_not_later(self, before):
        """A distributor may be given less time on a posted invoice, never more, but by a
        Channel Manager (or the system)."""
        if not before or self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        money.refuse_later_due_date(
            self.env,
            before,
            self.env._(
                "%(move)s was due on %(old)s: only a Channel Manager gives a distributor "
                "more time (%(new)s), as it decides the rebate for paying on time and the "
                "scorecard. An earlier date is always allowed."
            ),
        )
