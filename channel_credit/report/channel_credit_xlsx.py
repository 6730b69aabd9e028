"""The credit management workbook: aging, utilization, holds and releases, collection."""

from operator import attrgetter

from odoo import fields
from odoo.addons.b2b_xlsx.workbook import Column, Workbook
from odoo.tools import format_date

from .channel_credit_aging import AGING_BUCKETS


def build_credit_workbook(env, company, aging_date):
    env = env(
        context=dict(
            env.context,
            allowed_company_ids=[company.id],
            channel_aging_date=fields.Date.to_string(aging_date),
        )
    )
    book = Workbook(env, company)
    as_of = env._("As of %(date)s", date=format_date(env, aging_date))
    today = env._("As of %(date)s", date=format_date(env, fields.Date.context_today(env.user)))
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
    book.sheet(env._("Credit Utilization"), env._("Credit Utilization"), today).table(
        [
            Column(env._("Distributor"), 28, "wrap", lambda p: p.display_name),
            Column(
                env._("Credit Grade"), 8, "text", lambda p: (p.channel_credit_grade or "").upper()
            ),
            Column(env._("Effective Limit"), 14, "money", lambda p: p.channel_effective_limit),
            Column(env._("Open Receivables"), 14, "money", lambda p: p.channel_exposure_receivable),
            Column(env._("Draft Invoices"), 13, "money", lambda p: p.channel_exposure_draft),
            Column(env._("Uninvoiced Orders"), 13, "money", lambda p: p.channel_exposure_orders),
            Column(env._("Credit Exposure"), 14, "money", lambda p: p.channel_credit_exposure),
            Column(env._("Available Credit"), 14, "money", lambda p: p.channel_credit_available),
            Column(
                env._("Utilization"),
                10,
                "pct",
                lambda p: p.channel_credit_exposure / p.channel_effective_limit
                if p.channel_effective_limit
                else 0.0,
            ),
            Column(env._("Overdue Amount"), 13, "money", lambda p: p.channel_overdue_amount),
            Column(
                env._("Financing Cost of Overdue"), 13, "money", lambda p: p.channel_financing_cost
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
    book.sheet(env._("Holds and Releases"), env._("Credit Release Requests"), today).table(
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
    book.sheet(env._("Collection Plan vs Actual"), env._("Collection Plan vs Actual"), today).table(
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
    return book.close()
