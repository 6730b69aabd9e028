"""The visit report (拜访报告) for a period: one sheet per rep, plan against done, outcomes,
next steps and missed follow-ups, then a summary of every account's care status by tier."""

from collections import Counter, defaultdict

from odoo import fields
from odoo.addons.b2b_xlsx.workbook import Column, Workbook, day_text, selection_labels


def build_visit_report(visits, accounts, date_from, date_to, company, reps=None):
    """XLSX bytes for ``visits`` (kam.visit done in the period, or planned in it when not done
    yet), ``accounts`` (kam.account records whose care status the summary lists), a sheet for
    each of ``reps`` (default: those with a visit)."""
    env = visits.env
    book = Workbook(env, company)
    missed = visits.filtered("follow_up_missed")
    by_rep = defaultdict(lambda: env["kam.visit"])
    for rep in reps or env["res.users"]:
        by_rep[rep] = env["kam.visit"]
    for visit in visits:
        by_rep[visit.user_id] |= visit
    period = f"{day_text(date_from)} – {day_text(date_to)}"
    for rep in sorted(by_rep, key=lambda user: user.name or ""):
        _write_rep_sheet(book, rep, by_rep[rep], missed, period, env)
    _write_summary(book, accounts, visits, period, env)
    return book.close()


def visit_totals(visits):
    """Plan against done for a rep: visits of the period, done, cancelled, still open."""
    states = Counter(visits.mapped("state"))
    planned = len(visits)
    return {
        "planned": planned,
        "done": states["done"],
        "cancelled": states["cancelled"],
        "open": states["planned"],
        "done_rate": states["done"] / planned if planned else 0.0,
    }


def local_day(record, value):
    """The day of a UTC datetime in the reader's time zone."""
    return value and fields.Datetime.context_timestamp(record, value).date()


def visit_day(visit):
    """The one date a visit has in the report: the day it was done, else the day planned."""
    return local_day(visit, visit.date_done if visit.state == "done" else visit.date_planned)


def _write_rep_sheet(book, rep, visits, missed, period, env):
    types = selection_labels(visits, "visit_type")
    states = selection_labels(visits, "state")
    outcomes = selection_labels(visits, "outcome")
    totals = visit_totals(visits)
    sheet = book.sheet(rep.name or str(rep.id), env._("Visits of %(rep)s", rep=rep.name), period)
    outcome_counts = Counter(visits.filtered(lambda v: v.state == "done").mapped("outcome"))
    sheet.labelled(
        [
            (env._("Planned Visits"), totals["planned"]),
            (env._("Done"), totals["done"]),
            (env._("Cancelled"), totals["cancelled"]),
            (env._("Still Open"), totals["open"]),
            (env._("Done Rate"), totals["done_rate"], "pct"),
            (env._("Follow-ups Missed"), len(visits & missed), "alert"),
        ]
        + [(label, outcome_counts[code]) for code, label in outcomes.items()]
    )
    sheet.table(
        [
            Column(env._("Date"), 11, "date", visit_day),
            Column(env._("Customer"), 24, "wrap", lambda v: v.partner_id.display_name or ""),
            Column(env._("Type"), 10, "wrap", lambda v: types.get(v.visit_type, "")),
            Column(env._("Status"), 9, "text", lambda v: states.get(v.state, "")),
            Column(env._("Purpose"), 28, "wrap", lambda v: v.purpose or ""),
            Column(env._("Outcome"), 10, "text", lambda v: outcomes.get(v.outcome, "")),
            Column(env._("Next Step"), 28, "wrap", lambda v: v.next_step or ""),
            Column(env._("Next-Step Date"), 11, "date", lambda v: v.next_step_date),
            Column(
                env._("Follow-up"), 9, "alert", lambda v: env._("Missed") if v in missed else ""
            ),
            Column(
                env._("Visit Rating (1 to 5)"),
                10,
                "int",
                lambda v: v.satisfaction_value or None,
                summed=False,
            ),
        ],
        visits.sorted(lambda v: (visit_day(v), v.id)),
        freeze_cols=2,
    )


def _write_summary(book, accounts, visits, period, env):
    statuses = selection_labels(accounts, "care_status")
    done_per_account = Counter((v.partner_id, v.company_id) for v in visits if v.state == "done")
    sheet = book.sheet(env._("Care Summary"), env._("Care status per account"), period)
    status_counts = Counter(accounts.mapped("care_status"))
    sheet.labelled([(label, status_counts[code]) for code, label in statuses.items()])
    sheet.table(
        [
            Column(env._("Account"), 26, "wrap", lambda a: a.partner_id.display_name or ""),
            Column(env._("Tier"), 12, "text", lambda a: a.tier_id.name or ""),
            Column(env._("Key Account Manager"), 16, "wrap", lambda a: a.manager_id.name or ""),
            Column(env._("Last Visit"), 11, "date", lambda a: a.last_visit_date),
            Column(env._("Next Visit Due"), 12, "date", lambda a: a.next_visit_due),
            Column(
                env._("Care Status"),
                12,
                "wrap",
                lambda a: statuses.get(a.care_status, ""),
            ),
            Column(
                env._("Visits Done in Period"),
                10,
                "int",
                lambda a: done_per_account[a.partner_id, a.company_id],
            ),
            Column(
                env._("Satisfaction (survey, -4 to +4)"),
                12,
                "signed_int",
                lambda a: a.satisfaction_score if a.survey_count else None,
                summed=False,
            ),
        ],
        accounts.sorted(lambda a: (a.tier_id.sequence, a.partner_id.name or "", a.id)),
    )
