"""Money received on a customer invoice, for cash before delivery."""

from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _channel_money_matched(self):
        """What payments and bank statement lines paid on this invoice, in its currency: the
        amounts matched to its receivable lines by money only (not credit notes, journal
        entries or write-offs), each at most the paying line's own amount."""
        self.ensure_one()
        paid = 0.0
        receivables = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        for partial in receivables.matched_credit_ids:
            money = partial.credit_move_id
            if money.move_id.origin_payment_id or money.move_id.statement_line_id:
                paid += min(partial.debit_amount_currency, abs(money.amount_currency))
        return paid
