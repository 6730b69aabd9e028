"""Collected money (回款), one definition for every app: what payments and bank statement lines
paid on a customer invoice. A credit note, a journal entry, a write-off or a payment status is
not money. (Plain functions on Odoo's accounting records: the apps that call them depend on
account.)"""

from odoo.exceptions import AccessError
from odoo.tools import SQL, format_date

from .guards import may_write_system_fields

# Changing these on a posted document can move when it is due.
DUE_FIELDS = frozenset(
    {
        "invoice_date_due",
        "invoice_payment_term_id",
        "invoice_date",
        "date",
        "line_ids",
        "invoice_line_ids",
    }
)


def posted_due_dates(lines):
    """{line: (its due date, its move's)} of the posted receivable lines among ``lines``, as
    they are before a change: later_due_date() then tells whether one falls due later."""
    lines = lines.filtered(
        lambda line: line.parent_state == "posted"
        and line.account_id.account_type == "asset_receivable"
    )
    return {line: (line.date_maturity, line.move_id.invoice_date_due) for line in lines}


def later_due_date(before):
    """(line, old date, new date) of the first line of ``before`` (from posted_due_dates) that,
    or whose move, now falls due later; None when none does. A later due date is a longer term,
    and it decides what counts as paid late."""
    for line, (due, move_due) in before.items():
        if not line.exists():
            continue
        for old, new in ((due, line.date_maturity), (move_due, line.move_id.invoice_date_due)):
            if old and new and new > old:
                return line, old, new
    return None


def refuse_later_due_date(env, before, message):
    """Refuse, as ``message`` (a translated text naming %(move)s, its %(old)s and %(new)s due
    dates and who may give more time), the change after which a line of ``before`` (from
    posted_due_dates) falls due later. The caller decides who may; an earlier date always
    passes."""
    later = later_due_date(before)
    if later:
        line, old, new = later
        raise AccessError(
            message
            % {
                "move": line.move_id.name,
                "old": format_date(env, old),
                "new": format_date(env, new),
            }
        )


def is_money(move):
    """Whether a journal entry moves money: the entry of a payment or of a bank statement line
    (its own, not one that merely names them: those links are plain fields)."""
    return bool(
        (move.origin_payment_id and move.origin_payment_id.move_id == move)
        or (move.statement_line_id and move.statement_line_id.move_id == move)
    )


def check_invoice_links(lines, vals):
    """The orders a posted invoice line is for are Odoo's (set as the invoice is made): re-linked
    by hand, the money of one order's invoice would pay for another's goods or deal."""
    if (
        "sale_line_ids" in vals
        and not may_write_system_fields(lines.env)
        and lines.filtered(lambda line: line.parent_state == "posted")
    ):
        raise AccessError(lines.env._("The orders of a posted invoice are not changed by hand."))


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


def money_for_orders(orders, date):
    """{order: money received for it, in its currency}: what its payers (its customer's and
    invoice address's companies) paid on its invoices with money, less its posted credit notes.
    An invoice shared by several orders (Odoo invoices a customer's orders together) counts for
    each in proportion to its lines; another customer's invoice pays nothing of it. ``date``
    converts an invoice in another currency."""
    received = dict.fromkeys(orders, 0.0)
    lines = orders.order_line.invoice_lines.filtered(
        lambda line: line.parent_state == "posted"
        and line.move_id.move_type in ("out_invoice", "out_refund")
    )
    for invoice in lines.move_id:
        product_lines = invoice.invoice_line_ids.filtered(lambda line: line.sale_line_ids)
        total = sum(product_lines.mapped("price_total"))
        if not total:
            continue
        if invoice.move_type == "out_invoice":
            money = min(money_matched(invoice), invoice.amount_total)
        else:
            money = -invoice.amount_total
        for order in product_lines.sale_line_ids.order_id & orders:
            payers = (order.partner_id | order.partner_invoice_id).commercial_partner_id
            if invoice.commercial_partner_id not in payers:
                continue
            share = sum(
                product_lines.filtered(
                    lambda line, o=order: line.sale_line_ids.order_id == o
                ).mapped("price_total")
            )
            amount = money * share / total
            if invoice.currency_id != order.currency_id:
                amount = invoice.currency_id._convert(
                    amount, order.currency_id, order.company_id, date
                )
            received[order] += amount
    return received


def collected_sql(columns=None):
    """The same definition for a query over many invoices: one row per matching of money to a
    posted customer invoice, with the matching's id (``pr``), the invoice (``invoice_id``),
    the day the money was matched (``day``) and the amount in company currency (``amount``);
    ``columns`` adds more, from the matching ``pr``, the invoice's receivable line ``dl`` or
    the invoice ``inv``."""
    return _matched_money_sql("debit", "credit", "out_invoice", columns)


def refunded_sql():
    """Money paid back (退款): one row per matching of money to a posted customer credit note,
    with the same columns as collected_sql() (``invoice_id`` is the credit note). A credit note
    settled against an invoice moves no money and is not here."""
    return _matched_money_sql("credit", "debit", "out_refund")


def _matched_money_sql(document_side, money_side, move_type, columns=None):
    """Matchings of a payment or bank line (on ``money_side`` of the matching) to a posted
    document of ``move_type`` (on ``document_side``)."""
    return SQL(
        """
        SELECT pr.id, inv.id AS invoice_id, pr.max_date AS day, pr.amount %(columns)s
          FROM account_partial_reconcile pr
          JOIN account_move_line dl ON dl.id = pr.%(document_line)s
          JOIN account_move inv ON inv.id = dl.move_id
          JOIN account_move_line cl ON cl.id = pr.%(money_line)s
          JOIN account_move money ON money.id = cl.move_id
     -- The entry of a payment or bank line itself (is_money). Written as outer joins on
     -- both ids, not as a filter comparing them: the planner takes such a filter for a rare
     -- one and loops over all the money of the database for each invoice asked about.
     LEFT JOIN account_payment pay
            ON pay.id = money.origin_payment_id AND pay.move_id = money.id
     LEFT JOIN account_bank_statement_line st
            ON st.id = money.statement_line_id AND st.move_id = money.id
         WHERE inv.move_type = %(move_type)s AND inv.state = 'posted'
           AND (pay.id IS NOT NULL OR st.id IS NOT NULL)
        """,
        columns=SQL(", %s", columns) if columns else SQL(),
        document_line=SQL.identifier(f"{document_side}_move_id"),
        money_line=SQL.identifier(f"{money_side}_move_id"),
        move_type=move_type,
    )


# Over a period's collected money (``c``, rows of collected_sql() with the invoice's ``due``
# date, for a period ``per`` from ``d0`` to ``d1``; see collected_in_periods): what of the
# money falling due in the period was paid by its due date, and the period's money that came
# after its due date.
PAID_ON_TIME = SQL(
    "SUM(c.amount) FILTER (WHERE c.due BETWEEN per.d0 AND per.d1 AND c.day <= c.due)"
)
PAID_LATE = SQL("SUM(c.amount) FILTER (WHERE c.day BETWEEN per.d0 AND per.d1 AND c.day > c.due)")


def _periods_sql(periods):
    """``periods`` (key, commercial partner id, company id, first day, last day[, since]) as a
    relation ``per``, one array a column: tens of thousands of rows in one statement."""
    columns = list(zip(*periods, strict=True))
    since = columns[5] if len(columns) > 5 else columns[3]
    return SQL(
        "unnest(%s::int[], %s::int[], %s::int[], %s::date[], %s::date[], %s::date[])"
        " AS per(key, cp, company_id, d0, d1, since)",
        *(list(column) for column in columns[:5]),
        list(since),
    )


def collected_in_periods(env, periods, aggregates):
    """{key: the values of ``aggregates`` (SQL aggregates over ``c`` and ``per``, as
    PAID_ON_TIME)} for ``periods`` (key, commercial partner id, company id, first day, last day
    and, optionally, an earlier day ``since`` the aggregates may read from): each period's
    company's collected money (collected_sql(), with the invoice's ``cp``, ``company_id`` and
    ``due`` date) matched by the period's last day, read in one pass for all the
    aggregates. The keys are integers."""
    if not periods:
        return {}
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            SELECT per.key, %(aggregates)s
              FROM %(periods)s
              JOIN (%(money)s) c ON c.cp = per.cp AND c.company_id = per.company_id
               AND c.day <= per.d1
          GROUP BY per.key
            """,
            aggregates=SQL(", ").join(aggregates),
            periods=_periods_sql(periods),
            money=collected_sql(
                SQL(
                    "inv.commercial_partner_id AS cp, inv.company_id AS company_id, "
                    "inv.invoice_date_due AS due"
                )
            ),
        )
    )
    return {row[0]: row[1:] for row in env.cr.fetchall()}


def fell_due_in_periods(env, periods):
    """{key: what fell due in the period} in company currency, for ``periods`` as in
    collected_in_periods(): the posted customer invoices falling due in it."""
    if not periods:
        return {}
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            SELECT per.key, SUM(m.amount_total_signed)
              FROM %(periods)s
              JOIN account_move m
                ON m.commercial_partner_id = per.cp AND m.company_id = per.company_id
               AND m.move_type = 'out_invoice' AND m.state = 'posted'
               AND m.invoice_date_due BETWEEN per.d0 AND per.d1
          GROUP BY per.key
            """,
            periods=_periods_sql(periods),
        )
    )
    return {key: float(amount or 0.0) for key, amount in env.cr.fetchall()}


def due_and_paid_on_time(env, periods):
    """{key: (what fell due, what of it was paid by its due date, what money came in the period
    after its due date)} in company currency, for ``periods`` as in collected_in_periods():
    the posted customer invoices falling due in the period, the collected money matched to
    them on or before their due date, and the period's collected money matched to any invoice
    after its due date. One definition for the scorecard's payment discipline and the rebate
    for paying on time."""
    due = fell_due_in_periods(env, periods)
    paid = collected_in_periods(env, periods, [PAID_ON_TIME, PAID_LATE])
    result = {}
    for period in periods:
        key = period[0]
        on_time, late = paid.get(key, (0.0, 0.0))
        result[key] = (due.get(key, 0.0), float(on_time or 0.0), float(late or 0.0))
    return result
