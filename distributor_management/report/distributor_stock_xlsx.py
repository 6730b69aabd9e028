"""The sell-through and stock workbook (进销存): each distributor's reported products, and each
product across the channel."""

from collections import defaultdict

from odoo.addons.b2b_xlsx.workbook import Column, Workbook

from .. import rules


def build_stock_workbook(lines, company):
    """XLSX bytes for ``lines`` (sell-through and stock report lines of ``company``)."""
    env = lines.env
    book = Workbook(env, company)
    scope = (
        env._("1 report line")
        if len(lines) == 1
        else env._("%(count)s report lines", count=len(lines))
    )
    yes = env._("Overstocked")
    lines = lines.sorted(lambda line: (line.partner_id.display_name, line.date_to, line.id))
    overstocked = set(lines.filtered("overstock").ids)
    sheet = book.sheet(env._("By Distributor"), env._("Sell-through and Stock"), scope)
    sheet.table(
        [
            Column(env._("Distributor"), 28, "wrap", lambda line: line.partner_id.display_name),
            Column(env._("From"), 11, "date", lambda line: line.report_id.date_from),
            Column(env._("To"), 11, "date", lambda line: line.date_to),
            Column(env._("Product"), 28, "wrap", lambda line: line.product_id.display_name),
            Column(env._("Sold"), 10, "decimal", lambda line: line.qty_sold, summed=False),
            Column(env._("Stock"), 10, "decimal", lambda line: line.qty_stock, summed=False),
            Column(
                env._("Days of Stock"),
                11,
                "days",
                lambda line: line.days_of_stock if line.qty_sold > 0 else None,
            ),
            Column(
                env._("Sell-through Rate"), 12, "pct", lambda line: line.sell_through, summed=False
            ),
            Column(
                env._("Overstock"), 12, "alert", lambda line: yes if line.id in overstocked else ""
            ),
        ],
        lines,
    )
    # Each product across the channel: what its distributors sold and hold, in the period of
    # their latest report each.
    latest = {}
    for line in lines:
        key = (line.product_id, line.partner_id)
        if key not in latest or line.date_to >= latest[key].date_to:
            latest[key] = line
    products = defaultdict(list)
    for (product, _partner), line in latest.items():
        products[product].append(line)

    def days(rows):
        sold = sum(line.qty_sold for line in rows)
        period = max(rules.period_days(line.report_id.date_from, line.date_to) for line in rows)
        return rules.days_of_stock(sum(line.qty_stock for line in rows), sold, period)

    rows = sorted(products.items(), key=lambda item: item[0].display_name)
    sheet = book.sheet(env._("By Product"), env._("Stock in the Channel by Product"), scope)
    sheet.table(
        [
            Column(env._("Product"), 30, "wrap", lambda r: r[0].display_name),
            Column(env._("Number of Distributors"), 12, "int", lambda r: len(r[1]), summed=False),
            Column(env._("Sold"), 11, "decimal", lambda r: sum(x.qty_sold for x in r[1])),
            Column(env._("Stock"), 11, "decimal", lambda r: sum(x.qty_stock for x in r[1])),
            Column(env._("Days of Stock"), 11, "days", lambda r: days(r[1])),
            Column(
                env._("Distributors Overstocked"),
                12,
                "int",
                lambda r: sum(1 for x in r[1] if x.id in overstocked),
                summed=False,
            ),
        ],
        rows,
    )
    return book.close()
