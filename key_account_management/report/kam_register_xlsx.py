"""The key-account register workbook: one row per account, and the offense/defense matrix."""

from odoo.addons.b2b_xlsx.workbook import Column, Workbook

from ..rules import QUADRANTS


def selection_labels(records, field_name):
    return dict(records._fields[field_name]._description_selection(records.env))


def build_register(accounts, company):
    """XLSX bytes for ``accounts`` (kam.account records of ``company``)."""
    env = accounts.env
    book = Workbook(env, company)
    scope = env._("%(count)s accounts", count=len(accounts))
    _write_accounts_sheet(book, accounts, scope, env)
    _write_matrix_sheet(book, accounts, company, scope, env)
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
            Column(env._("Potential Score"), 9, "int", lambda a: a.potential_score),
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
