"""The visit report (拜访报告) for a period: one sheet per rep, plan against done, outcomes,
next steps and missed follow-ups, then a summary of every account's care status by tier."""

import io
import re
from collections import Counter, defaultdict

import xlsxwriter

from .kam_register_xlsx import selection_labels, write_header_row

SHEET_NAME_MAX = 31


def build_visit_report(visits, accounts, date_from, date_to):
    """XLSX bytes for ``visits`` (kam.visit planned in the period) and ``accounts``
    (kam.account records whose care status the summary lists)."""
    env = visits.env
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "head": book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True}
        ),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "pct": book.add_format({"num_format": "0%"}),
        "missed": book.add_format({"font_color": "#C00000", "bold": True}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    missed = visits.filtered("follow_up_missed")
    by_rep = defaultdict(lambda: env["kam.visit"])
    for visit in visits:
        by_rep[visit.user_id] |= visit
    used_names = set()
    period = f"{date_from} – {date_to}"
    for rep in sorted(by_rep, key=lambda user: user.name or ""):
        sheet = book.add_worksheet(_sheet_name(rep.name or str(rep.id), used_names))
        _write_rep_sheet(sheet, fmt, rep, by_rep[rep], missed, period, env)
    _write_summary(book, fmt, accounts, visits, period, env)
    book.close()
    return buffer.getvalue()


def _sheet_name(name, used):
    """A unique worksheet name within Excel's limits (31 characters, no []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:SHEET_NAME_MAX] or "-"
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


def visit_totals(visits):
    """Plan against done for a rep: planned in the period, done, cancelled, still open."""
    states = Counter(visits.mapped("state"))
    planned = len(visits)
    return {
        "planned": planned,
        "done": states["done"],
        "cancelled": states["cancelled"],
        "open": states["planned"],
        "done_rate": states["done"] / planned if planned else 0.0,
    }


def _write_rep_sheet(sheet, fmt, rep, visits, missed, period, env):
    types = selection_labels(visits, "visit_type")
    states = selection_labels(visits, "state")
    outcomes = selection_labels(visits, "outcome")
    totals = visit_totals(visits)
    sheet.write(0, 0, env._("Visits of %(rep)s", rep=rep.name), fmt["title"])
    sheet.write(1, 0, period)
    summary = [
        (env._("Planned Visits"), totals["planned"], None),
        (env._("Done"), totals["done"], None),
        (env._("Cancelled"), totals["cancelled"], None),
        (env._("Still Open"), totals["open"], None),
        (env._("Done Rate"), totals["done_rate"], fmt["pct"]),
        (env._("Follow-ups Missed"), len(visits & missed), fmt["missed"]),
    ]
    outcome_counts = Counter(visits.filtered(lambda v: v.state == "done").mapped("outcome"))
    summary += [(label, outcome_counts[code], None) for code, label in outcomes.items()]
    for row, (label, value, cell_format) in enumerate(summary, start=3):
        sheet.write(row, 0, label, fmt["head"])
        sheet.write(row, 1, value, cell_format)
    columns = [
        (env._("Date"), 12),
        (env._("Customer"), 28),
        (env._("Type"), 14),
        (env._("Status"), 10),
        (env._("Purpose"), 30),
        (env._("Done On"), 12),
        (env._("Outcome"), 12),
        (env._("Next Step"), 30),
        (env._("Next-Step Date"), 12),
        (env._("Follow-up"), 12),
        (env._("Satisfaction"), 10),
    ]
    top = 4 + len(summary)
    write_header_row(sheet, top, columns, fmt["head"])
    for row, visit in enumerate(visits.sorted(lambda v: (v.date_planned, v.id)), start=top + 1):
        sheet.write_datetime(row, 0, visit.date_planned, fmt["date"])
        sheet.write(row, 1, visit.partner_id.display_name or "")
        sheet.write(row, 2, types.get(visit.visit_type, ""))
        sheet.write(row, 3, states.get(visit.state, ""))
        sheet.write(row, 4, visit.purpose or "", fmt["wrap"])
        if visit.date_done:
            sheet.write_datetime(row, 5, visit.date_done, fmt["date"])
        sheet.write(row, 6, outcomes.get(visit.outcome, ""))
        sheet.write(row, 7, visit.next_step or "", fmt["wrap"])
        if visit.next_step_date:
            sheet.write_datetime(row, 8, visit.next_step_date, fmt["date"])
        if visit in missed:
            sheet.write(row, 9, env._("Missed"), fmt["missed"])
        if visit.satisfaction_value:
            sheet.write(row, 10, visit.satisfaction_value)
    sheet.freeze_panes(top + 1, 2)


def _write_summary(book, fmt, accounts, visits, period, env):
    sheet = book.add_worksheet(env._("Care Summary"))
    statuses = selection_labels(accounts, "care_status")
    done_per_account = Counter((v.partner_id, v.company_id) for v in visits if v.state == "done")
    sheet.write(0, 0, env._("Care status per account"), fmt["title"])
    sheet.write(1, 0, period)
    status_counts = Counter(accounts.mapped("care_status"))
    for row, (code, label) in enumerate(statuses.items(), start=3):
        sheet.write(row, 0, label, fmt["head"])
        sheet.write(row, 1, status_counts[code])
    columns = [
        (env._("Account"), 30),
        (env._("Tier"), 14),
        (env._("Key Account Manager"), 20),
        (env._("Last Visit"), 12),
        (env._("Next Visit Due"), 14),
        (env._("Care Status"), 12),
        (env._("Visits Done in Period"), 12),
        (env._("Satisfaction"), 12),
    ]
    top = 4 + len(statuses)
    write_header_row(sheet, top, columns, fmt["head"])
    ordered = accounts.sorted(lambda a: (a.tier_id.sequence, a.partner_id.name or "", a.id))
    for row, account in enumerate(ordered, start=top + 1):
        sheet.write(row, 0, account.partner_id.display_name or "")
        sheet.write(row, 1, account.tier_id.name or "")
        sheet.write(row, 2, account.manager_id.name or "")
        if account.last_visit_date:
            sheet.write_datetime(row, 3, account.last_visit_date, fmt["date"])
        if account.next_visit_due:
            sheet.write_datetime(row, 4, account.next_visit_due, fmt["date"])
        status = account.care_status
        sheet.write(
            row, 5, statuses.get(status, ""), fmt["missed"] if status == "overdue" else None
        )
        sheet.write(row, 6, done_per_account[account.partner_id, account.company_id])
        sheet.write(row, 7, account.satisfaction_score if account.survey_ids else "")
    sheet.freeze_panes(top + 1, 1)
    sheet.autofilter(top, 0, top + max(len(ordered), 1), len(columns) - 1)
