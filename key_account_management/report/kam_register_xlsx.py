"""The key-account register workbook: one row per account, and the offense/defense matrix."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.addons.b2b_xlsx.workbook import Column, Workbook, selection_labels

from ..rules import QUADRANTS


def build_register(accounts, company):
    """XLSX bytes for ``accounts`` (kam.account records of ``company``)."""
    env = accounts.env
    book = Workbook(env, company)
    scope = env._("%(count)s accounts", count=len(accounts))
    _write_accounts_sheet(book, accounts, scope, env)
    _write_matrix_sheet(book, accounts, company, scope, env)
    _write_churn_sheet(book, accounts, scope, env)
    _write_complaints_sheet(book, accounts, scope, env)
    return book.close()


def _write_accounts_sheet(book, accounts, scope, env):
    classes = selection_labels(accounts, "value_class")
    quadrants = selection_labels(accounts, "quadrant")
    yes, no = env._("Yes"), env._("No")
    sheet = book.sheet(env._("Key Accounts"), env._("Key Account Register"), scope)
    sheet.table(
        [
            Column(env._("Customer"), 28, "wrap", lambda a: a.partner_id.display_name),
            Column(env._("Tier"), 12, "text", lambda a: a.tier_id.name or ""),
            Column(env._("Tier Pinned"), 8, "text", lambda a: yes if a.tier_locked else no),
            Column(env._("Value Class"), 8, "text", lambda a: classes.get(a.value_class, "")),
            Column(env._("Revenue 12 Months"), 15, "money", lambda a: a.revenue_12m),
            Column(env._("Gross Margin 12 Months"), 15, "money", lambda a: a.margin_12m),
            Column(env._("Potential Score"), 9, "int", lambda a: a.potential_score, summed=False),
            Column(env._("Brand Influence"), 9, "text", lambda a: yes if a.brand_influence else no),
            Column(
                env._("Government Influence"),
                10,
                "text",
                lambda a: yes if a.government_influence else no,
            ),
            Column(env._("Purchase Potential"), 15, "money", lambda a: a.purchase_potential),
            Column(env._("Wallet Share"), 9, "pct", lambda a: a.wallet_share),
            Column(
                env._("Offense/Defense Quadrant"),
                13,
                "wrap",
                lambda a: quadrants.get(a.quadrant) or env._("Missing purchase potential"),
            ),
            Column(env._("Key Account Manager"), 14, "wrap", lambda a: a.manager_id.name or ""),
            Column(env._("Currency"), 8, "text", lambda a: a.currency_id.name),
        ],
        accounts,
        totals=env._("Total"),
    )


def _write_matrix_sheet(book, accounts, company, scope, env):
    """Quadrant x tier: number of accounts and revenue, then the planned resource shares."""
    sheet = book.sheet(env._("Offense-Defense Matrix"), env._("Offense/Defense Matrix"), scope)
    quadrants = selection_labels(accounts, "quadrant")
    tiers = accounts.tier_id.sorted()
    cells = {}
    for account in accounts:
        count, revenue = cells.get((account.quadrant, account.tier_id), (0, 0.0))
        cells[account.quadrant, account.tier_id] = (count + 1, revenue + account.revenue_12m)
    rows = [*QUADRANTS, False]
    columns = [*tiers, env["kam.tier"]]
    labels = [quadrants[q] for q in QUADRANTS] + [env._("Missing purchase potential")]
    tier_names = [t.name for t in tiers] + [env._("No tier")]
    sheet.set_widths([24] + [14] * (len(columns) + 1))
    for title, index, style in (
        (env._("Accounts"), 0, "int"),
        (env._("Revenue 12 Months"), 1, "money"),
    ):
        sheet.write_row([title, *tier_names, env._("Total")], ["head"] * (len(columns) + 2))
        totals = [0] * (len(columns) + 1)
        for quadrant, label in zip(rows, labels, strict=True):
            values = [cells.get((quadrant, tier), (0, 0.0))[index] for tier in columns]
            values.append(sum(values))
            totals = [t + v for t, v in zip(totals, values, strict=True)]
            sheet.write_row([label, *values], ["wrap"] + [style] * len(values))
        sheet.write_row(
            [env._("Total"), *totals], ["total_label"] + [f"total_{style}"] * len(totals)
        )
        sheet.row += 1
    sheet.write_row([env._("Resource allocation plan"), env._("Share")], ["head", "head"])
    for quadrant, share in company._kam_resource_allocation().items():
        sheet.write_row([quadrants[quadrant], share], ["wrap", "pct"])


def _write_churn_sheet(book, accounts, scope, env):
    """The accounts with a churn signal on, riskiest first: the signals, loyalty beside
    satisfaction."""
    at_risk = accounts.filtered("churn_risk").sorted(
        lambda a: (-len((a.churn_signal_codes or "").split(",")), -a.revenue_12m)
    )
    book.sheet(env._("Churn Watch"), env._("Churn Watch"), scope).table(
        [
            Column(env._("Customer"), 28, "wrap", lambda a: a.partner_id.display_name),
            Column(env._("Tier"), 12, "text", lambda a: a.tier_id.name or ""),
            Column(env._("Churn Signals"), 46, "wrap", lambda a: a.churn_signals or ""),
            Column(env._("Revenue 12 Months"), 15, "money", lambda a: a.revenue_12m),
            Column(env._("Wallet Share Trend"), 10, "signed_pct", lambda a: a.share_trend),
            Column(env._("Repeat Purchase"), 10, "pct", lambda a: a.repeat_rate),
            Column(
                env._("Satisfaction (survey, -4 to +4)"),
                12,
                "signed_int",
                lambda a: a.satisfaction_score if a.survey_count else None,
                summed=False,
            ),
            Column(env._("Open Complaints"), 10, "int", lambda a: a.complaint_open_count),
            Column(env._("Key Account Manager"), 14, "wrap", lambda a: a.manager_id.name or ""),
        ],
        at_risk,
        totals=env._("Total"),
    )


def _write_complaints_sheet(book, accounts, scope, env):
    """The accounts' complaints of the last twelve months, on their clock."""
    complaints = env["kam.complaint"].search(
        [
            ("partner_id", "in", accounts.partner_id.ids),
            ("company_id", "in", accounts.company_id.ids),
            ("date_received", ">=", fields.Datetime.now() - relativedelta(years=1)),
        ]
    )
    states = selection_labels(complaints, "state")
    severities = selection_labels(complaints, "severity")
    satisfaction = selection_labels(complaints, "satisfaction")
    late = env._("Late")
    book.sheet(env._("Complaints"), env._("Complaints"), scope).table(
        [
            Column(env._("Reference"), 14, "text", lambda c: c.name),
            Column(env._("Customer"), 26, "wrap", lambda c: c.partner_id.display_name),
            Column(env._("Severity"), 9, "text", lambda c: severities[c.severity]),
            Column(env._("Received"), 11, "date", lambda c: c.date_received.date()),
            Column(env._("Status"), 10, "text", lambda c: states[c.state]),
            Column(env._("First Response"), 10, "alert", lambda c: late if c.response_late else ""),
            Column(env._("Resolution"), 10, "alert", lambda c: late if c.resolution_late else ""),
            Column(
                env._("Customer Satisfaction"),
                12,
                "text",
                lambda c: satisfaction.get(c.satisfaction, ""),
            ),
            Column(env._("Owner"), 14, "wrap", lambda c: c.user_id.name),
            Column(env._("Description"), 40, "wrap", lambda c: c.description),
        ],
        complaints,
    )
