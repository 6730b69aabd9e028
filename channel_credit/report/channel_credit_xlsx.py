"""The credit management workbook: aging, utilization, holds and releases, collection."""

import io
from operator import attrgetter

import xlsxwriter
from xlsxwriter.utility import xl_range

from odoo import fields

from .channel_credit_aging import AGING_BUCKETS


def build_credit_workbook(env, company, aging_date):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = {
        "head": book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True}
        ),
        "money": book.add_format({"num_format": "#,##0.00"}),
        "pct": book.add_format({"num_format": "0.0%"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "total": book.add_format({"bold": True, "num_format": "#,##0.00", "top": 1}),
    }
    env = env(
        context=dict(
            env.context,
            allowed_company_ids=[company.id],
            channel_aging_date=fields.Date.to_string(aging_date),
        )
    )
    aging = env["channel.credit.aging"].search([("company_id", "=", company.id)])
    _sheet(
        book,
        fmt,
        env._("Aging"),
        [
            (env._("Distributor"), 30, None, lambda r: r.partner_id.display_name),
            (env._("Salesperson"), 16, None, lambda r: r.user_id.name or ""),
        ]
        + [
            (aging._fields[name]._description_string(env), 14, "money", attrgetter(name))
            for name in (*(bucket[0] for bucket in AGING_BUCKETS), "overdue", "total")
        ],
        aging,
        totals=env._("Total"),
    )
    partners = env["res.partner"].search(
        [("channel_credit_policy", "!=", False), ("is_company", "=", True)]
        + env["res.partner"]._channel_my_distributors_domain()
    )
    _sheet(
        book,
        fmt,
        env._("Credit Utilization"),
        [
            (env._("Distributor"), 30, None, lambda p: p.display_name),
            (env._("Credit Grade"), 10, None, lambda p: (p.channel_credit_grade or "").upper()),
            (env._("Effective Limit"), 16, "money", lambda p: p.channel_effective_limit),
            (env._("Open Receivables"), 16, "money", lambda p: p.channel_exposure_receivable),
            (env._("Draft Invoices"), 16, "money", lambda p: p.channel_exposure_draft),
            (env._("Uninvoiced Orders"), 16, "money", lambda p: p.channel_exposure_orders),
            (env._("Credit Exposure"), 16, "money", lambda p: p.channel_credit_exposure),
            (env._("Available Credit"), 16, "money", lambda p: p.channel_credit_available),
            (
                env._("Utilization"),
                12,
                "pct",
                lambda p: p.channel_credit_exposure / p.channel_effective_limit
                if p.channel_effective_limit
                else 0.0,
            ),
            (env._("Overdue Amount"), 14, "money", lambda p: p.channel_overdue_amount),
            (env._("Financing Cost of Overdue"), 16, "money", lambda p: p.channel_financing_cost),
            (
                env._("Sales to Recover if Lost"),
                16,
                "money",
                lambda p: p.channel_sales_to_recover_overdue,
            ),
            (
                env._("Credit Hold"),
                10,
                None,
                lambda p: env._("Yes") if p.channel_credit_hold else "",
            ),
            (env._("Hold Reason"), 30, None, lambda p: p.channel_credit_hold_reason or ""),
        ],
        partners,
    )
    states = dict(env["channel.credit.release"]._fields["state"]._description_selection(env))
    releases = env["channel.credit.release"].search([("company_id", "=", company.id)])
    _sheet(
        book,
        fmt,
        env._("Holds and Releases"),
        [
            (env._("Order"), 14, None, lambda r: r.order_id.name),
            (env._("Distributor"), 30, None, lambda r: r.partner_id.display_name),
            (env._("Requested By"), 16, None, lambda r: r.requester_id.name),
            (env._("Order Amount"), 14, "money", lambda r: r.amount),
            (env._("Over the Limit"), 14, "money", lambda r: r.amount_over_limit),
            (env._("Status"), 12, None, lambda r: states[r.state]),
            (env._("Decided By"), 16, None, lambda r: r.approver_id.name or ""),
            (env._("Reason"), 40, None, lambda r: r.reason or ""),
        ],
        releases,
    )
    plans = env["channel.collection.plan"].search([("company_id", "=", company.id)])
    plan_states = dict(plans._fields["state"]._description_selection(env))
    _sheet(
        book,
        fmt,
        env._("Collection Plan vs Actual"),
        [
            (env._("Distributor"), 30, None, lambda c: c.partner_id.display_name),
            (env._("Expected Payment Date"), 14, "date", lambda c: c.date),
            (env._("Promised Amount"), 14, "money", lambda c: c.amount),
            (env._("Paid"), 14, "money", lambda c: c.paid_amount),
            (env._("Status"), 10, None, lambda c: plan_states[c.state]),
            (env._("Promised By"), 16, None, lambda c: c.promised_by or ""),
        ],
        plans,
    )
    book.close()
    return buffer.getvalue()


def _sheet(book, fmt, title, columns, records, totals=None):
    """A table of ``records`` on its own sheet; ``totals``: the label of a row that sums the
    money columns."""
    sheet = book.add_worksheet(title[:31])
    for col, (name, width, style, _get) in enumerate(columns):
        sheet.write(0, col, name, fmt["head"])
        sheet.set_column(col, col, width, fmt[style] if style else None)
    for row, record in enumerate(records, start=1):
        for col, (_name, _width, style, get) in enumerate(columns):
            value = get(record)
            if style == "date" and value:
                sheet.write_datetime(row, col, value, fmt["date"])
            else:
                sheet.write(row, col, value)
    if totals:
        last = len(records) + 1
        sheet.write(last, 0, totals, fmt["total"])
        for col, (_name, _width, style, get) in enumerate(columns):
            if style == "money":
                cells = xl_range(1, col, max(last - 1, 1), col)
                sheet.write_formula(
                    last, col, f"=SUM({cells})", fmt["total"], sum(map(get, records))
                )
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(records), 1), len(columns) - 1)
