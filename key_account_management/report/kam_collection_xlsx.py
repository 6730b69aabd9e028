"""The collections scoreboard (回款排行): money collected by salesperson and month."""

from collections import defaultdict

from odoo.addons.b2b_xlsx.workbook import Column, Workbook


def build_collection_sheet(rows, company):
    env = rows.env
    book = Workbook(env, company)
    months = sorted(set(rows.mapped("month")))
    scope = (
        env._("%(first)s to %(last)s", first=_month(months[0]), last=_month(months[-1]))
        if months
        else env._("No collections")
    )
    # By salesperson: one row each, the months side by side, a total.
    totals = defaultdict(lambda: defaultdict(float))
    teams = {}
    for row in rows:
        totals[row.user_id][row.month] += row.amount
        teams.setdefault(row.user_id, row.team_id)
    people = sorted(totals, key=lambda user: -sum(totals[user].values()))
    sheet = book.sheet(env._("By Salesperson"), env._("Collected Money by Salesperson"), scope)
    sheet.table(
        [
            Column(env._("Salesperson"), 18, "wrap", lambda u: u.name or env._("(none)")),
            Column(env._("Sales Team"), 16, "wrap", lambda u: teams[u].name or ""),
            *(
                Column(_month(month), 13, "money", lambda u, m=month: totals[u].get(m, 0.0))
                for month in months
            ),
            Column(env._("Total"), 15, "money", lambda u: sum(totals[u].values())),
        ],
        people,
        totals=env._("Total"),
        freeze_cols=2,
    )
    detail = book.sheet(env._("By Month"), env._("Collected Money by Month"), scope)
    detail.table(
        [
            Column(env._("Month"), 10, "text", lambda r: _month(r.month)),
            Column(env._("Salesperson"), 18, "wrap", lambda r: r.user_id.name or ""),
            Column(env._("Sales Team"), 16, "wrap", lambda r: r.team_id.name or ""),
            Column(env._("Collected"), 16, "money", lambda r: r.amount),
        ],
        rows.sorted(lambda r: (r.month, -r.amount)),
        totals=env._("Total"),
    )
    return book.close()


def _month(day):
    return day.strftime("%Y-%m")
