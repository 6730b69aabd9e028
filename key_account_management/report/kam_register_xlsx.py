"""The key-account register workbook: one row per account, and the offense/defense matrix."""

import io

import xlsxwriter

from ..rules import QUADRANTS


def selection_labels(records, field_name):
    return dict(records._fields[field_name]._description_selection(records.env))


def write_header_row(sheet, row, columns, cell_format):
    """Column titles on ``row`` and each column's width, from (title, width) pairs."""
    for col, (title, width) in enumerate(columns):
        sheet.write(row, col, title, cell_format)
        sheet.set_column(col, col, width)


def build_register(accounts, company):
    """XLSX bytes for ``accounts`` (kam.account records of ``company``)."""
    env = accounts.env
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = {
        "head": book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True}
        ),
        "money": book.add_format({"num_format": "#,##0.00"}),
        "pct": book.add_format({"num_format": "0.0%"}),
        "int": book.add_format({"num_format": "0"}),
        "title": book.add_format({"bold": True, "font_size": 13}),
    }
    _write_accounts_sheet(book, fmt, accounts, env)
    _write_matrix_sheet(book, fmt, accounts, company, env)
    book.close()
    return buffer.getvalue()


def _write_accounts_sheet(book, fmt, accounts, env):
    sheet = book.add_worksheet(env._("Key Accounts"))
    classes = selection_labels(accounts, "value_class")
    quadrants = selection_labels(accounts, "quadrant")
    yes, no = env._("Yes"), env._("No")
    columns = [
        (env._("Customer"), 32, None, lambda a: a.partner_id.display_name),
        (env._("Tier"), 14, None, lambda a: a.tier_id.name or ""),
        (env._("Tier Pinned"), 10, None, lambda a: yes if a.tier_locked else no),
        (env._("Value Class"), 10, None, lambda a: classes.get(a.value_class, "")),
        (env._("Revenue 12 Months"), 16, "money", lambda a: a.revenue_12m),
        (env._("Potential Score"), 10, "int", lambda a: a.potential_score),
        (env._("Brand Influence"), 10, None, lambda a: yes if a.brand_influence else no),
        (env._("Government Influence"), 10, None, lambda a: yes if a.government_influence else no),
        (env._("Purchase Potential"), 16, "money", lambda a: a.purchase_potential),
        (env._("Wallet Share"), 10, "pct", lambda a: a.wallet_share),
        (
            env._("Offense/Defense Quadrant"),
            14,
            None,
            lambda a: quadrants.get(a.quadrant) or env._("Missing purchase potential"),
        ),
        (env._("Key Account Manager"), 16, None, lambda a: a.manager_id.name or ""),
        (env._("Currency"), 8, None, lambda a: a.currency_id.name),
    ]
    for col, (title, width, style, _getter) in enumerate(columns):
        sheet.write(0, col, title, fmt["head"])
        sheet.set_column(col, col, width, fmt[style] if style else None)
    for row, account in enumerate(accounts, start=1):
        for col, (_title, _width, _style, getter) in enumerate(columns):
            sheet.write(row, col, getter(account))
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(accounts), 1), len(columns) - 1)


def _write_matrix_sheet(book, fmt, accounts, company, env):
    """Quadrant x tier: number of accounts and revenue, then the planned resource shares."""
    sheet = book.add_worksheet(env._("Offense-Defense Matrix"))
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

    sheet.write(0, 0, env._("Offense/Defense Matrix"), fmt["title"])
    for block, (title, index, style) in enumerate(
        [(env._("Accounts"), 0, "int"), (env._("Revenue 12 Months"), 1, "money")]
    ):
        top = 2 + block * (len(rows) + 3)
        sheet.write(top, 0, title, fmt["head"])
        for col, name in enumerate([*tier_names, env._("Total")], start=1):
            sheet.write(top, col, name, fmt["head"])
        for r, (quadrant, label) in enumerate(zip(rows, labels, strict=True), start=1):
            sheet.write(top + r, 0, label)
            values = [cells.get((quadrant, tier), (0, 0.0))[index] for tier in columns]
            for col, value in enumerate([*values, sum(values)], start=1):
                sheet.write(top + r, col, value, fmt[style])

    top = 2 + 2 * (len(rows) + 3)
    sheet.write(top, 0, env._("Resource allocation plan"), fmt["head"])
    sheet.write(top, 1, env._("Share"), fmt["head"])
    for r, (quadrant, share) in enumerate(company._kam_resource_allocation().items(), start=1):
        sheet.write(top + r, 0, quadrants[quadrant])
        sheet.write(top + r, 1, share, fmt["pct"])
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, len(columns) + 1, 14)
