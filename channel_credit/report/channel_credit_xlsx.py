"""The credit management workbook: aging, utilization, holds and releases, collection."""

from datetime import timedelta
from operator import attrgetter

from odoo import fields
from odoo.addons.b2b_xlsx.workbook import Column, Workbook, day_text

from .. import rules
from ..const import AGING_BUCKETS


def format_percent(value):
    return f"{value * 100:g}%"


def build_credit_workbook(env, company, aging_date):
    env = env(
        context=dict(
            env.context,
            allowed_company_ids=[company.id],
            channel_aging_date=fields.Date.to_string(aging_date),
        )
    )
    book = Workbook(env, company)
    as_of = env._("As of %(date)s", date=day_text(aging_date))
    today = fields.Date.context_today(env.user)
    current = env._("As of %(date)s", date=day_text(today))
    total = env._("Total")

    aging = env["channel.credit.aging"].search([("company_id", "=", company.id)])
    book.sheet(env._("Aging"), env._("Receivables Aging"), as_of).table(
        [
            Column(env._("Distributor"), 30, "wrap", lambda r: r.partner_id.display_name),
            Column(env._("Salesperson"), 14, "wrap", lambda r: r.user_id.name or ""),
        ]
        + [
            Column(aging._fields[name]._description_string(env), 13, "money", attrgetter(name))
            for name in (*(bucket[0] for bucket in AGING_BUCKETS), "overdue", "total")
        ],
        aging,
        totals=total,
    )

    partners = env["res.partner"].search(
        [("channel_credit_policy", "!=", False), ("is_company", "=", True)]
        + env["res.partner"]._channel_my_distributors_domain()
    )
    yes = env._("Yes")
    prepay = env._("Cash before delivery")

    def limited(value):
        """A limit figure, or what a cash-before-delivery distributor has instead of one."""
        return lambda p: prepay if p.channel_credit_policy == "prepay" else value(p)

    # Fourteen columns: two pages across, the distributor repeated on each.
    book.sheet(
        env._("Credit Utilization"), env._("Credit Utilization"), current, pages_wide=2
    ).table(
        [
            Column(env._("Distributor"), 28, "wrap", lambda p: p.display_name),
            Column(
                env._("Credit Grade"), 8, "text", lambda p: (p.channel_credit_grade or "").upper()
            ),
            Column(
                env._("Effective Limit"),
                14,
                "money",
                limited(lambda p: p.channel_effective_limit),
                summed=False,
            ),
            Column(env._("Open Receivables"), 14, "money", lambda p: p.channel_exposure_receivable),
            Column(env._("Draft Invoices"), 13, "money", lambda p: p.channel_exposure_draft),
            Column(env._("Uninvoiced Orders"), 13, "money", lambda p: p.channel_exposure_orders),
            Column(env._("Credit Exposure"), 14, "money", lambda p: p.channel_credit_exposure),
            Column(
                env._("Available Credit"),
                14,
                "money",
                limited(lambda p: p.channel_credit_available),
                summed=False,
            ),
            Column(
                env._("Utilization"),
                10,
                "pct",
                limited(
                    lambda p: p.channel_credit_exposure / p.channel_effective_limit
                    if p.channel_effective_limit
                    else None
                ),
            ),
            Column(env._("Overdue Amount"), 13, "money", lambda p: p.channel_overdue_amount),
            Column(
                env._("Financing Cost since Due Dates"),
                13,
                "money",
                lambda p: p.channel_financing_cost,
            ),
            Column(
                env._("Sales to Recover if Lost"),
                14,
                "money",
                lambda p: p.channel_sales_to_recover_overdue,
            ),
            Column(env._("Credit Hold"), 8, "text", lambda p: yes if p.channel_credit_hold else ""),
            Column(env._("Hold Reason"), 30, "wrap", lambda p: p.channel_credit_hold_reason or ""),
        ],
        partners,
        totals=total,
    )

    states = dict(env["channel.credit.release"]._fields["state"]._description_selection(env))
    releases = env["channel.credit.release"].search([("company_id", "=", company.id)])
    book.sheet(env._("Holds and Releases"), env._("Credit Release Requests"), current).table(
        [
            # The release names its order: whoever reads the release reads that reference,
            # even when the order is another salesperson's.
            Column(env._("Order"), 12, "text", lambda r: r.order_id.sudo().name),
            Column(env._("Distributor"), 26, "wrap", lambda r: r.partner_id.display_name),
            Column(env._("Requested By"), 14, "wrap", lambda r: r.requester_id.name),
            Column(env._("Order Amount"), 14, "money", lambda r: r.amount),
            Column(env._("Over the Limit"), 14, "money", lambda r: r.amount_over_limit),
            Column(env._("Status"), 10, "text", lambda r: states[r.state]),
            Column(env._("Decided By"), 14, "wrap", lambda r: r.approver_id.name or ""),
            Column(env._("Reason"), 40, "wrap", lambda r: r.reason or ""),
        ],
        releases,
        totals=total,
    )

    plans = env["channel.collection.plan"].search([("company_id", "=", company.id)])
    plan_states = dict(plans._fields["state"]._description_selection(env))
    book.sheet(
        env._("Collection Plan vs Actual"), env._("Collection Plan vs Actual"), current
    ).table(
        [
            Column(env._("Distributor"), 28, "wrap", lambda c: c.partner_id.display_name),
            Column(env._("Expected Payment Date"), 14, "date", lambda c: c.date),
            Column(env._("Promised Amount"), 14, "money", lambda c: c.amount),
            Column(env._("Paid"), 14, "money", lambda c: c.paid_amount),
            Column(env._("Status"), 10, "text", lambda c: plan_states[c.state]),
            Column(env._("Promised By"), 16, "wrap", lambda c: c.promised_by or ""),
        ],
        plans,
        totals=total,
    )
    _collection_desk_sheet(book, env, company, current)
    _promises_sheet(book, env, plans, current)
    _cost_of_waiting_sheet(book, env, company, today)
    _bad_debt_sheet(book, env, company, partners, today)
    return book.close()


def _label(records, name):
    return records._fields[name]._description_string(records.env)


def _collection_desk_sheet(book, env, company, scope):
    """What each salesperson chases today, as on the collection desk (the reader's rows)."""
    desk = env["channel.collection.desk"].search([("company_id", "=", company.id)])
    book.sheet(env._("Collection Desk"), env._("Collection Desk"), scope).table(
        [
            Column(_label(desk, "partner_id"), 28, "wrap", lambda d: d.partner_id.display_name),
            Column(_label(desk, "user_id"), 14, "wrap", lambda d: d.user_id.name or ""),
            Column(_label(desk, "overdue_amount"), 14, "money", attrgetter("overdue_amount")),
            Column(_label(desk, "oldest_due"), 12, "date", attrgetter("oldest_due")),
            Column(_label(desk, "days_overdue"), 9, "days", attrgetter("days_overdue")),
            Column(_label(desk, "step_id"), 16, "wrap", lambda d: d.step_id.name or ""),
            Column(_label(desk, "promised_amount"), 14, "money", attrgetter("promised_amount")),
            Column(_label(desk, "next_promise_date"), 12, "date", attrgetter("next_promise_date")),
            Column(_label(desk, "broken_promises"), 9, "int", attrgetter("broken_promises")),
            Column(_label(desk, "last_contact_date"), 12, "date", attrgetter("last_contact_date")),
        ],
        desk,
        totals=env._("Total"),
    )


def _promises_sheet(book, env, plans, scope):
    """Who keeps their word: each distributor's promised payments, kept, broken and open."""
    rows = rules.promise_records(
        (plan.partner_id, plan.state, plan.amount, plan.paid_amount) for plan in plans
    )
    book.sheet(env._("Promises Kept and Broken"), env._("Promises Kept and Broken"), scope).table(
        [
            Column(env._("Distributor"), 28, "wrap", lambda r: r.key.display_name),
            Column(env._("Salesperson"), 14, "wrap", lambda r: r.key.user_id.name or ""),
            Column(env._("Promises"), 9, "int", attrgetter("made")),
            Column(env._("Kept"), 9, "int", attrgetter("kept")),
            Column(env._("Broken"), 9, "int", attrgetter("broken")),
            Column(env._("Open"), 9, "int", attrgetter("open")),
            Column(env._("Kept Rate"), 10, "pct", attrgetter("kept_rate")),
            Column(env._("Promised Amount"), 14, "money", attrgetter("promised")),
            Column(env._("Paid"), 14, "money", attrgetter("paid")),
        ],
        sorted(rows, key=lambda r: (r.kept_rate is None, r.kept_rate or 0, -r.broken)),
        totals=env._("Total"),
    )


def _cost_of_waiting_sheet(book, env, company, today):
    """Each open invoice of a credit-controlled distributor: what waiting for it costs since it
    was issued, and the day that cost eats the sale's margin ("working for the bank")."""
    rate = company.channel_interest_rate
    controlled = env["res.partner"].search(
        [("channel_credit_policy", "!=", False), ("is_company", "=", True)]
        + env["res.partner"]._channel_my_distributors_domain()
    )
    invoices = env["account.move"].search(
        [
            ("commercial_partner_id", "in", controlled.ids),
            ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("amount_residual", ">", 0),
        ],
        order="invoice_date, id",
    )
    gone, soon = env._("Margin gone"), env._("Within 7 days")

    def untaxed_share(move):
        """The margin is earned on the untaxed sale; financing runs on what is owed, tax
        included."""
        return move.amount_untaxed / move.amount_total if move.amount_total else 1.0

    def margin_of_sale(move):
        margin = move.commercial_partner_id._channel_net_margin()
        return move.amount_residual_signed * untaxed_share(move) * margin

    def margin_date(move):
        margin = move.commercial_partner_id._channel_net_margin() * untaxed_share(move)
        days = rules.days_until_margin_gone(margin, rate)
        return days is not None and move.invoice_date + timedelta(days=int(days))

    def status(move):
        day = margin_date(move)
        if not day:
            return ""
        return gone if day <= today else soon if (day - today).days <= 7 else ""

    sheet = book.sheet(
        env._("Cost of Waiting"),
        env._("Cost of Waiting"),
        env._(
            "Financing at %(rate)s a year, from the invoice date",
            rate=format_percent(rate),
        ),
    )
    sheet.table(
        [
            Column(env._("Distributor"), 26, "wrap", lambda m: m.commercial_partner_id.name),
            Column(env._("Invoice"), 14, "text", lambda m: m.name),
            Column(env._("Invoice Date"), 11, "date", lambda m: m.invoice_date),
            Column(env._("Due Date"), 11, "date", lambda m: m.invoice_date_due),
            Column(env._("Open Amount"), 14, "money", lambda m: m.amount_residual_signed),
            Column(env._("Days Since Invoice"), 9, "days", lambda m: (today - m.invoice_date).days),
            Column(
                env._("Financing Cost"),
                13,
                "money",
                lambda m: rules.financing_cost(
                    m.amount_residual_signed, rate, (today - m.invoice_date).days
                ),
            ),
            Column(env._("Margin of the Sale (Untaxed)"), 13, "money", margin_of_sale),
            Column(env._("Margin Gone On"), 12, "date", margin_date),
            Column(env._("Working for the Bank"), 14, "alert", status),
        ],
        invoices,
        totals=env._("Total"),
    )


def _bad_debt_sheet(book, env, company, partners, today):
    """Each distributor's overdue amount in sales needed to earn it back and in months of its
    own sales, then the training's table of the sales needed to earn back a loss."""
    margins = rules.BAD_DEBT_MARGINS
    sheet = book.sheet(
        env._("Cost of Bad Debt"),
        env._("Cost of Bad Debt"),
        env._("Extra sales needed to earn back a loss: loss / net margin"),
    )
    monthly = _monthly_sales(env, company, partners, today)

    def months(partner):
        return rules.months_of_sales(partner.channel_overdue_amount, monthly.get(partner, 0.0))

    sheet.table(
        [
            Column(env._("Distributor"), 28, "wrap", lambda p: p.display_name),
            Column(env._("Overdue Amount"), 16, "money", lambda p: p.channel_overdue_amount),
            Column(env._("Net Margin"), 16, "pct", lambda p: p._channel_net_margin(), summed=False),
            Column(
                env._("Sales to Recover if Lost"),
                16,
                "money",
                lambda p: p.channel_sales_to_recover_overdue,
            ),
            Column(
                env._("Monthly Sales (Invoiced, Untaxed, Last 12 Months)"),
                16,
                "money",
                lambda p: monthly.get(p, 0.0),
            ),
            Column(env._("Months of Own Sales"), 16, "decimal", months),
        ],
        partners.filtered(lambda p: p.channel_overdue_amount > 0),
        totals=env._("Total"),
    )
    sheet.write_row(
        [
            env._("Loss"),
            *(env._("Net Margin %(margin)s", margin=format_percent(m)) for m in margins),
        ],
        ["head"] * (len(margins) + 1),
    )
    for loss, row in zip(rules.BAD_DEBT_LOSSES, rules.bad_debt_table(), strict=True):
        sheet.write_row([loss, *row], ["money"] * (len(margins) + 1))


def _monthly_sales(env, company, partners, today):
    """{partner: average monthly invoiced sales (untaxed) over the last twelve months}."""
    groups = env["account.move"]._read_group(
        [
            ("commercial_partner_id", "in", partners.ids),
            ("company_id", "=", company.id),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("invoice_date", ">", today - timedelta(days=365)),
        ],
        ["commercial_partner_id"],
        ["amount_untaxed_signed:sum"],
    )
    return {partner: rules.monthly_sales(total, 12) for partner, total in groups}
