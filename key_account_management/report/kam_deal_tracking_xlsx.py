"""The 1+2+1 tracking sheet (大客户销售项目1+2+1跟踪表): a block per deal and a summary sheet."""

import io

import xlsxwriter

from .kam_register_xlsx import selection_labels, write_header_row


def build_tracking_sheet(leads):
    env = leads.env
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "deal": book.add_format({"bold": True, "font_size": 12, "bg_color": "#DDE4EE"}),
        "head": book.add_format(
            {"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True}
        ),
        "cell": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        "money": book.add_format({"num_format": "#,##0.00"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd", "border": 1, "valign": "top"}),
        "flag": book.add_format({"font_color": "#C00000", "text_wrap": True}),
        "ok": book.add_format({"font_color": "#007A33", "bold": True}),
    }
    _write_deals(book, fmt, leads, env)
    _write_summary(book, fmt, leads, env)
    book.close()
    return buffer.getvalue()


def _print_setup(sheet):
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _write_deals(book, fmt, leads, env):
    sheet = book.add_worksheet(env._("1+2+1 Tracking Sheet"))
    _print_setup(sheet)
    roles_label = selection_labels(env["kam.deal.role"], "buying_role")
    levels = selection_labels(env["kam.deal.role"], "org_level")
    influence = selection_labels(env["kam.deal.role"], "influence")
    attitude = selection_labels(env["kam.deal.role"], "attitude")
    profiles = selection_labels(env["kam.deal.role"], "brain_profile")
    widths = [18, 20, 10, 10, 10, 12, 18, 12]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.write(0, 0, env._("Key-Account Deals: 1+2+1 Tracking Sheet"), fmt["title"])
    row = 2
    for lead in leads:
        sheet.merge_range(row, 0, row, len(widths) - 1, lead.name, fmt["deal"])
        details = [
            (env._("Account"), lead.partner_id.commercial_partner_id.display_name or ""),
            (env._("Stage"), lead.stage_id.name or ""),
            (env._("Expected Revenue"), lead.expected_revenue),
            (env._("Salesperson"), lead.user_id.name or ""),
        ]
        for offset, (label, value) in enumerate(details, start=1):
            sheet.write(row + offset, 0, label, fmt["head"])
            sheet.write(row + offset, 1, value, fmt["money"] if isinstance(value, float) else None)
        row += len(details) + 2
        headers = [
            env._("Role"),
            env._("Person"),
            env._("Coach"),
            env._("Level"),
            env._("Influence"),
            env._("Attitude"),
            env._("Relationship Level / Profile"),
            env._("Last Contact"),
        ]
        for col, title in enumerate(headers):
            sheet.write(row, col, title, fmt["head"])
        for role in lead.kam_role_ids:
            row += 1
            values = [
                roles_label.get(role.buying_role, ""),
                role.partner_id.name or env._("(not met yet)"),
                "✓" if role.is_coach else "",
                levels.get(role.org_level, ""),
                influence.get(role.influence, ""),
                attitude.get(role.attitude, ""),
                " / ".join(
                    v
                    for v in (
                        str(role.relationship_level or ""),
                        profiles.get(role.brain_profile, ""),
                    )
                    if v
                ),
            ]
            for col, value in enumerate(values):
                sheet.write(row, col, value, fmt["cell"])
            if role.last_contact_date:
                sheet.write_datetime(row, 7, role.last_contact_date, fmt["date"])
            else:
                sheet.write(row, 7, "", fmt["cell"])
        row += 2
        sheet.write(row, 0, env._("1+2+1 Score"), fmt["head"])
        sheet.write(
            row, 1, f"{lead.kam_formula_score} / 4", fmt["ok"] if lead.kam_formula_ok else None
        )
        row += 1
        sheet.write(row, 0, env._("Red Flags"), fmt["head"])
        sheet.merge_range(
            row, 1, row, len(widths) - 1, lead.kam_red_flags or env._("None"), fmt["flag"]
        )
        row += 3


def _write_summary(book, fmt, leads, env):
    sheet = book.add_worksheet(env._("Summary"))
    _print_setup(sheet)
    headers = [
        (env._("Opportunity"), 30),
        (env._("Account"), 28),
        (env._("Stage"), 16),
        (env._("Expected Revenue"), 16),
        (env._("Salesperson"), 16),
        (env._("Coach"), 8),
        (env._("Roles Won"), 10),
        (env._("1+2+1 Score"), 10),
        (env._("Formula Met"), 10),
        (env._("Red Flags"), 50),
    ]
    write_header_row(sheet, 0, headers, fmt["head"])
    yes, no = env._("Yes"), env._("No")
    for row, lead in enumerate(leads, start=1):
        values = [
            lead.name,
            lead.partner_id.commercial_partner_id.display_name or "",
            lead.stage_id.name or "",
            lead.expected_revenue,
            lead.user_id.name or "",
            yes if lead.kam_coach_ok else no,
            lead.kam_roles_won,
            lead.kam_formula_score,
            yes if lead.kam_formula_ok else no,
            lead.kam_red_flags or "",
        ]
        for col, value in enumerate(values):
            sheet.write(row, col, value, fmt["money"] if col == 3 else None)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(leads), 1), len(headers) - 1)
