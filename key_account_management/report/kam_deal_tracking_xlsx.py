"""The 1+2+1 tracking sheet (大客户销售项目1+2+1跟踪表): a block per deal and a summary sheet."""

from odoo.addons.b2b_xlsx.workbook import Column, Workbook, selection_labels

ROLE_WIDTHS = [16, 18, 8, 10, 10, 10, 18, 14, 10, 12]


def build_tracking_sheet(leads, company):
    env = leads.env
    book = Workbook(env, company)
    scope = env._("%(count)s opportunities", count=len(leads))
    _write_deals(book, leads, scope, env)
    _write_summary(book, leads, scope, env)
    return book.close()


def _write_deals(book, leads, scope, env):
    sheet = book.sheet(
        env._("1+2+1 Tracking Sheet"), env._("Key-Account Deals: 1+2+1 Tracking Sheet"), scope
    )
    sheet.set_widths(ROLE_WIDTHS)
    Role = env["kam.deal.role"]
    labels = {
        name: selection_labels(Role, name)
        for name in (
            "buying_role",
            "org_level",
            "influence",
            "attitude",
            "brain_profile",
            "buyer_stage",
            "buying_factor",
        )
    }
    headers = [
        env._("Role"),
        env._("Person"),
        env._("Coach"),
        env._("Level"),
        env._("Influence"),
        env._("Attitude"),
        env._("Relationship Level / Profile"),
        env._("Buyer's Stage"),
        env._("Driving Buying Factor"),
        env._("Last Contact"),
    ]
    styles = ["wrap"] * 9 + ["date"]
    milestones = {
        "sample": selection_labels(leads, "kam_sample_state"),
        "audit": selection_labels(leads, "kam_audit_state"),
    }
    for lead in leads:
        sheet.ws.merge_range(
            sheet.row, 0, sheet.row, len(headers) - 1, lead.name, book.fmt["title"]
        )
        sheet.row += 1
        sheet.labelled(
            [
                (env._("Account"), lead.partner_id.commercial_partner_id.display_name or ""),
                (env._("Stage"), lead.stage_id.name or ""),
                (env._("Expected Revenue"), lead.expected_revenue, "money"),
                (env._("Salesperson"), lead.user_id.name or ""),
                (env._("Samples"), milestones["sample"].get(lead.kam_sample_state, "")),
                (env._("Factory Audit"), milestones["audit"].get(lead.kam_audit_state, "")),
            ]
        )
        sheet.write_row(headers, ["head"] * len(headers))
        for role in lead.kam_role_ids:
            profile = " / ".join(
                filter(
                    None,
                    [
                        str(role.relationship_level or ""),
                        labels["brain_profile"].get(role.brain_profile, ""),
                    ],
                )
            )
            sheet.write_row(
                [
                    labels["buying_role"].get(role.buying_role, ""),
                    role.partner_id.name or env._("(not met yet)"),
                    "✓" if role.is_coach else (env._("Informant") if role.is_informant else ""),
                    labels["org_level"].get(role.org_level, ""),
                    labels["influence"].get(role.influence, ""),
                    labels["attitude"].get(role.attitude, ""),
                    profile,
                    labels["buyer_stage"].get(role.buyer_stage, ""),
                    labels["buying_factor"].get(role.buying_factor, ""),
                    role.last_contact_date,
                ],
                styles,
            )
        sheet.row += 1
        sheet.ws.write(sheet.row, 0, env._("1+2+1 Score"), book.fmt["label"])
        sheet.ws.write(
            sheet.row,
            1,
            f"{lead.kam_formula_score} / 4",
            book.fmt["good"] if lead.kam_formula_ok else None,
        )
        sheet.row += 1
        flags = lead.kam_red_flags or env._("None")
        sheet.ws.write(sheet.row, 0, env._("Red Flags"), book.fmt["label"])
        sheet.ws.merge_range(sheet.row, 1, sheet.row, len(headers) - 1, flags, book.fmt["alert"])
        # A merged cell does not grow by itself: size the row for the flags it holds.
        sheet.fit_merged(sheet.row, flags, sum(ROLE_WIDTHS[1:]))
        sheet.row += 3


def _write_summary(book, leads, scope, env):
    yes, no = env._("Yes"), env._("No")
    sheet = book.sheet(env._("Summary"), env._("1+2+1 Tracking Sheet"), scope)
    sheet.table(
        [
            Column(env._("Opportunity"), 26, "wrap", lambda lead: lead.name),
            Column(
                env._("Account"),
                24,
                "wrap",
                lambda lead: lead.partner_id.commercial_partner_id.display_name or "",
            ),
            Column(env._("Stage"), 12, "wrap", lambda lead: lead.stage_id.name or ""),
            Column(env._("Expected Revenue"), 15, "money", lambda lead: lead.expected_revenue),
            Column(env._("Salesperson"), 14, "wrap", lambda lead: lead.user_id.name or ""),
            Column(env._("Coach"), 7, "text", lambda lead: yes if lead.kam_coach_ok else no),
            Column(env._("Roles Won"), 8, "text", lambda lead: lead.kam_roles_won),
            Column(env._("1+2+1 Score"), 8, "text", lambda lead: lead.kam_formula_score),
            Column(
                env._("Formula Met"), 8, "text", lambda lead: yes if lead.kam_formula_ok else no
            ),
            Column(env._("Red Flags"), 44, "alert", lambda lead: lead.kam_red_flags or ""),
        ],
        leads,
        totals=env._("Total"),
    )
