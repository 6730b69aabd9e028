"""The scorecard workbook (经销商评估): each evaluation's grade, its factors' scores and why,
and the figures they were scored from."""

from odoo.addons.b2b_xlsx.workbook import Column, Workbook, selection_labels

from ..const import EVALUATION_FACTORS


def build_evaluation_workbook(evaluations, company):
    """XLSX bytes for ``evaluations`` (distributor evaluations of ``company``)."""
    env = evaluations.env
    book = Workbook(env, company)
    scope = env._("%(count)s evaluations", count=len(evaluations))
    labels = evaluations._factor_labels()
    proposals = selection_labels(evaluations, "proposal")
    states = selection_labels(evaluations, "state")
    not_judged = env._("not judged")

    def factor(name):
        def read(evaluation):
            if name in (evaluation.unjudged or "").split(","):
                return not_judged
            return evaluation[f"{name}_score"] if evaluation.evaluated_date else None

        return Column(labels[name], 12, "decimal", read, summed=False)

    head = [
        Column(env._("Distributor"), 28, "wrap", lambda e: e.partner_id.display_name),
        Column(env._("From"), 11, "date", lambda e: e.date_from),
        Column(env._("To"), 11, "date", lambda e: e.date_to),
    ]
    sheet = book.sheet(env._("Scorecard"), env._("Distributor Scorecard"), scope, pages_wide=2)
    sheet.table(
        [
            *head,
            Column(env._("Market Representative"), 14, "wrap", lambda e: e.user_id.name or ""),
            *(factor(name) for name in EVALUATION_FACTORS),
            Column(env._("Score"), 8, "decimal", lambda e: e.score, summed=False),
            Column(env._("Grade"), 7, "text", lambda e: e.grade or ""),
            Column(env._("Why"), 36, "wrap", lambda e: e.grade_reason or ""),
            Column(env._("Proposal"), 16, "wrap", lambda e: proposals.get(e.proposal, "")),
            Column(env._("Status"), 10, "text", lambda e: states.get(e.state, "")),
        ],
        evaluations,
    )
    sheet = book.sheet(env._("Figures"), env._("What the Scores Count"), scope, pages_wide=2)
    sheet.table(
        [
            *head,
            Column(env._("Target"), 14, "money", lambda e: e.target_amount),
            Column(env._("Net Collected"), 14, "money", lambda e: e.net_collected),
            Column(env._("Attainment"), 10, "pct", lambda e: e.attainment, summed=False),
            Column(env._("Collected in the Period"), 14, "money", lambda e: e.collected),
            Column(env._("Collected the Period Before"), 14, "money", lambda e: e.prior_collected),
            Column(env._("Fell Due"), 14, "money", lambda e: e.due_amount),
            Column(env._("Paid On Time"), 14, "money", lambda e: e.paid_on_time),
            Column(env._("Average Days Late"), 10, "decimal", lambda e: e.days_late, summed=False),
            *evaluations._xlsx_payment_columns(),
            Column(env._("Reported Products"), 10, "int", lambda e: e.report_lines),
            Column(env._("Overstocked Products"), 12, "int", lambda e: e.overstock_lines),
            Column(env._("Outlets"), 9, "int", lambda e: e.outlet_count, summed=False),
            Column(env._("Confirmed Violations"), 10, "int", lambda e: e.violation_count),
            Column(env._("Cost to Serve"), 14, "money", lambda e: e.cost_to_serve),
        ],
        evaluations,
        totals=env._("Total"),
    )
    return book.close()
