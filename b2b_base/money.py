"""Collected money (回款), one definition for every app: what payments and bank statement lines
paid on a customer invoice. A credit note, a journal entry, a write-off or a payment status is
not money. (Plain functions on Odoo's accounting records: the apps that call them depend on
account.)"""


def is_money(move):
    """Whether a journal entry moves money: a payment or a bank statement line."""
    return bool(move.origin_payment_id or move.statement_line_id)


def money_matched(invoice):
    """What payments and bank statement lines paid on ``invoice``, in its currency: the amounts
    matched to its receivable lines by money only."""
    receivables = invoice.line_ids.filtered(
        lambda line: line.account_id.account_type == "asset_receivable"
    )
    return sum(
        partial.debit_amount_currency
        for partial in receivables.matched_credit_ids
        if is_money(partial.credit_move_id.move_id)
    )


def money_matched_company(invoice):
    """money_matched() in the company's currency (at the invoice's rate)."""
    total = invoice.amount_total
    if not total:
        return 0.0
    return money_matched(invoice) * abs(invoice.amount_total_signed) / total
