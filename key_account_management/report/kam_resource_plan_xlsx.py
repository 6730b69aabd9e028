"""The offense/defense plan workbook: the scorecard per quadrant against a year before, the
resources planned against spent, and the accounts with their resource alerts."""

from odoo.addons.b2b_xlsx.workbook import Column, Workbook, day_text, moment_text, selection_labels

from .. import rules


def build_resource_plan(plan):
    """XLSX bytes for one kam.resource.plan."""
    env = plan.env
    book = Workbook(env, plan.company_id)
    scope = env._(
        "%(plan)s: %(start)s to %(end)s, compared with %(prior_start)s to %(prior_end)s; "
        "figures counted %(counted)s",
        plan=plan.name,
        start=day_text(plan.date_from),
        end=day_text(plan.date_to),
        prior_start=day_text(plan.prior_date_from),
        prior_end=day_text(plan.prior_date_to),
        counted=moment_text(env, plan.figures_date) or env._("never"),
    )
    lines = plan.line_ids
    quadrants = selection_labels(lines, "quadrant")
    _write_scorecard(book, lines, quadrants, scope, env)
    _write_resources(book, lines, quadrants, scope, env)
    _write_accounts(book, plan, quadrants, scope, env)
    return book.close()


def _write_scorecard(book, lines, quadrants, scope, env):
    """One block per indicator: this period, a year before, the change. Attack reads sales
    growth and new business; defend reads profit growth, retention, cost to serve and
    satisfaction."""
    sheet = book.sheet(env._("Scorecard"), env._("Offense/Defense Scorecard"), scope)
    sheet.set_widths([22, 16, 16, 12, 40])
    focus = {
        "attack": env._("Sales growth, new business won"),
        "defend": env._("Profit growth, retention, cost to serve, satisfaction"),
        "maintain": env._("Retention, cost to serve"),
        "abandon": env._("Cost to serve"),
    }
    sheet.write_row(
        [env._("Quadrant"), env._("Accounts"), env._("What it is judged by")],
        ["head"] * 3,
    )
    for line in lines:
        sheet.write_row(
            [quadrants[line.quadrant], line.account_count, focus[line.quadrant]],
            ["wrap", "int", "wrap"],
        )
    sheet.row += 1
    indicators = (
        (env._("Revenue"), "money", lambda line: (line.revenue, line.revenue_prior)),
        (env._("Gross Margin"), "money", lambda line: (line.margin, line.margin_prior)),
        (env._("New Business Won"), "money", lambda line: (line.won_amount, line.won_amount_prior)),
        (env._("Deals Won"), "int", lambda line: (line.won_count, line.won_count_prior)),
        (env._("Retention"), "pct", lambda line: ratios(line, "retention")),
        (env._("Cost to Serve"), "pct", lambda line: ratios(line, "cost_to_serve")),
        (
            env._("Satisfaction (survey, -4 to +4)"),
            "signed_decimal",
            lambda line: (
                line.satisfaction if line.survey_count else None,
                line.satisfaction_prior if line.survey_count_prior else None,
            ),
        ),
    )
    for title, style, get in indicators:
        change_title = (
            env._("Growth Rate") if style in ("money", "int") else env._("Change (points)")
        )
        sheet.write_row(
            [title, env._("This Period"), env._("A Year Before"), change_title],
            ["head"] * 4,
        )
        for line in lines:
            now, before = get(line)
            # A change reads with its sign: +3.0 % grows, -3.0 % shrinks.
            if style in ("money", "int"):
                change, change_style = rules.growth(now, before), "signed_pct"
            else:
                both = now is not None and before is not None
                change = now - before if both else None
                change_style = {"pct": "signed_pct"}.get(style, "signed_decimal")
            sheet.write_row(
                [quadrants[line.quadrant], now, before, change],
                ["wrap", style, style, change_style],
            )
        sheet.row += 1


def ratios(line, name):
    """(this period, a year before) of one of the line's ratios; None: nothing to divide by."""
    indicators = line._kam_indicators()
    return indicators[name], indicators[f"{name}_prior"]


def _write_resources(book, lines, quadrants, scope, env):
    sheet = book.sheet(env._("Resources"), env._("Resources Planned and Spent"), scope)
    sheet.table(
        [
            Column(env._("Quadrant"), 14, "wrap", lambda line: quadrants[line.quadrant]),
            Column(env._("Share"), 8, "pct", lambda line: line.share),
            Column(env._("Visit Days Planned"), 11, "decimal", lambda line: line.planned_days),
            Column(env._("Visit Days Spent"), 11, "decimal", lambda line: line.spent_days),
            Column(env._("People Planned"), 10, "decimal", lambda line: line.planned_people),
            # A person may work several quadrants: not summed.
            Column(env._("People Working"), 10, "days", lambda line: line.spent_people),
            Column(env._("Money Planned"), 14, "money", lambda line: line.planned_money),
            Column(env._("Visit Costs"), 14, "money", lambda line: line.spent_visit_cost),
            Column(env._("Gifts and Receptions"), 14, "money", lambda line: line.spent_gifts),
            Column(env._("Money Spent"), 14, "money", lambda line: line.spent_money),
            Column(env._("Credit Planned"), 14, "money", lambda line: line.planned_credit),
            Column(env._("Credit Released"), 14, "money", lambda line: line.spent_credit),
        ],
        lines,
        totals=env._("Total"),
    )


def _write_accounts(book, plan, quadrants, scope, env):
    """Every account of the plan, those with a resource alert first."""
    rows = plan.account_line_ids
    alerts = selection_labels(rows, "alert")
    sheet = book.sheet(env._("Accounts"), env._("Accounts and Resource Alerts"), scope)
    sheet.table(
        [
            Column(env._("Customer"), 28, "wrap", lambda r: r.partner_id.display_name),
            Column(env._("Quadrant"), 12, "wrap", lambda r: quadrants.get(r.quadrant, "")),
            Column(env._("Tier"), 12, "text", lambda r: r.tier_id.name or ""),
            Column(env._("Resource Weight"), 9, "decimal", lambda r: r.weight),
            Column(env._("Visit Days Planned"), 11, "decimal", lambda r: r.planned_days),
            Column(env._("Visit Days Spent"), 11, "decimal", lambda r: r.spent_days),
            Column(env._("Visits"), 8, "int", lambda r: r.visit_count),
            Column(env._("Money Planned"), 14, "money", lambda r: r.planned_money),
            Column(env._("Money Spent"), 14, "money", lambda r: r.spent_money),
            Column(env._("Credit Released"), 14, "money", lambda r: r.spent_credit),
            Column(env._("Revenue"), 15, "money", lambda r: r.revenue),
            Column(env._("Revenue a Year Before"), 15, "money", lambda r: r.revenue_prior),
            Column(env._("Resource Alert"), 24, "alert", lambda r: alerts.get(r.alert, "")),
            Column(env._("Key Account Manager"), 14, "wrap", lambda r: r.manager_id.name or ""),
        ],
        rows,
        totals=env._("Total"),
    )
