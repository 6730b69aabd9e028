"""The agreements workbook: agreements, their targets with what was bought and paid, and
attainment by distributor, representative and territory."""

from collections import defaultdict

from odoo.addons.b2b_xlsx.workbook import Column, Workbook, selection_labels

from .. import rules


def build_agreement_workbook(agreements, company):
    """XLSX bytes for ``agreements`` (distribution agreements of ``company``)."""
    env = agreements.env
    book = Workbook(env, company)
    scope = env._("%(count)s agreements", count=len(agreements))
    targets = agreements.target_ids
    # Read once for the set (four queries), not once per row of each sheet.
    figures = {target: (target.amount, target.sell_in, target.rebate_base) for target in targets}
    _write_agreements_sheet(book, agreements, figures, scope, env)
    _write_targets_sheet(book, targets, scope, env)
    no_rep = env._("No representative")
    for sheet_name, title, key_title, key in (
        (
            env._("By Distributor"),
            env._("Attainment by Distributor"),
            env._("Distributor"),
            lambda agreement: agreement.partner_id.display_name,
        ),
        (
            env._("By Representative"),
            env._("Attainment by Representative"),
            env._("Market Representative"),
            lambda agreement: agreement.user_id.name or no_rep,
        ),
        (
            env._("By Territory"),
            env._("Attainment by Territory"),
            env._("Territories"),
            lambda agreement: _territories_text(agreement, env),
        ),
    ):
        _write_attainment_sheet(book, (sheet_name, title, key_title), agreements, key, figures)
    return book.close()


def _territories_text(agreement, env):
    return "\n".join(
        env._("%(territory)s (exclusive)", territory=line.territory_id.complete_name)
        if line.exclusive
        else line.territory_id.complete_name
        for line in agreement.territory_ids
    )


def _sums(agreement, figures):
    """(target, sell-in, net collected) of an agreement's targets."""
    rows = [figures[target] for target in agreement.target_ids]
    return tuple(sum(row[i] for row in rows) for i in range(3))


def _write_agreements_sheet(book, agreements, figures, scope, env):
    states = selection_labels(agreements, "state")
    every_line = env._("All product lines")
    sums = {agreement: _sums(agreement, figures) for agreement in agreements}
    sheet = book.sheet(env._("Agreements"), env._("Distribution Agreements"), scope, pages_wide=2)
    sheet.table(
        [
            Column(env._("Reference"), 14, "text", lambda a: a.name),
            Column(env._("Distributor"), 28, "wrap", lambda a: a.partner_id.display_name),
            Column(env._("Market Representative"), 14, "wrap", lambda a: a.user_id.name or ""),
            Column(env._("Start"), 11, "date", lambda a: a.date_start),
            Column(env._("End"), 11, "date", lambda a: a.date_end),
            Column(env._("Status"), 10, "text", lambda a: states.get(a.state, "")),
            Column(env._("Territories"), 24, "wrap", lambda a: _territories_text(a, env)),
            Column(
                env._("Product Lines"),
                18,
                "wrap",
                lambda a: ", ".join(a.product_line_ids.mapped("name")) or every_line,
            ),
            Column(env._("Price Policy"), 14, "wrap", lambda a: a.pricelist_id.name or ""),
            Column(env._("Payment Terms"), 14, "wrap", lambda a: a.payment_term_id.name or ""),
            Column(env._("Deposit"), 13, "money", lambda a: a.deposit),
            Column(
                env._("Planned Monthly Purchase"), 14, "money", lambda a: a.planned_monthly_purchase
            ),
            Column(env._("Marketing Fund"), 15, "money", lambda a: a.marketing_fund),
            Column(env._("Total Target"), 14, "money", lambda a: sums[a][0]),
            Column(env._("Sell-in"), 14, "money", lambda a: sums[a][1]),
            Column(env._("Net Collected"), 14, "money", lambda a: sums[a][2]),
            Column(
                env._("Attainment"),
                10,
                "pct",
                lambda a: rules.attainment(sums[a][2], sums[a][0]),
                summed=False,
            ),
        ],
        agreements,
        totals=env._("Total"),
    )


def _write_targets_sheet(book, targets, scope, env):
    every_line = env._("All product lines")
    sheet = book.sheet(env._("Targets"), env._("Targets and Attainment"), scope, pages_wide=2)
    sheet.table(
        [
            Column(env._("Agreement"), 14, "text", lambda t: t.agreement_id.name),
            Column(env._("Distributor"), 28, "wrap", lambda t: t.partner_id.display_name),
            Column(env._("Market Representative"), 14, "wrap", lambda t: t.user_id.name or ""),
            Column(
                env._("Product Line"), 16, "wrap", lambda t: t.product_line_id.name or every_line
            ),
            Column(env._("From"), 11, "date", lambda t: t.date_from),
            Column(env._("To"), 11, "date", lambda t: t.date_to),
            Column(env._("Target"), 14, "money", lambda t: t.amount),
            Column(env._("Sell-in"), 14, "money", lambda t: t.sell_in),
            Column(env._("Collected"), 14, "money", lambda t: t.collected),
            Column(env._("Paid Back"), 13, "money", lambda t: t.refunded),
            Column(env._("Net Collected"), 14, "money", lambda t: t.rebate_base),
            Column(env._("Attainment"), 10, "pct", lambda t: t.attainment, summed=False),
        ],
        targets,
        totals=env._("Total"),
    )


def _write_attainment_sheet(book, titles, agreements, key, figures):
    """One row per value of ``key`` (an agreement's distributor, representative...): its
    agreements' targets against their net collected money."""
    env = agreements.env
    sheet_name, title, key_title = titles
    groups = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for agreement in agreements:
        group = groups[key(agreement)]
        group[0] += 1
        for i, value in enumerate(_sums(agreement, figures), start=1):
            group[i] += value
    rows = sorted(groups.items())
    sheet = book.sheet(sheet_name, title, env._("%(count)s agreements", count=len(agreements)))
    sheet.table(
        [
            Column(key_title, 30, "wrap", lambda row: row[0]),
            Column(env._("Agreements"), 12, "int", lambda row: row[1][0]),
            Column(env._("Target"), 15, "money", lambda row: row[1][1]),
            Column(env._("Sell-in"), 15, "money", lambda row: row[1][2]),
            Column(env._("Net Collected"), 15, "money", lambda row: row[1][3]),
            Column(
                env._("Attainment"),
                10,
                "pct",
                lambda row: rules.attainment(row[1][3], row[1][1]),
                summed=False,
            ),
        ],
        rows,
        totals=env._("Total"),
    )
