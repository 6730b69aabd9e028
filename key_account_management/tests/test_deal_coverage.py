import base64
import io
from datetime import timedelta

import openpyxl
from freezegun import freeze_time
from lxml import etree

from odoo.addons.b2b_base.tests.common import RollbackCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestDealCoverage(RollbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep = new_test_user(cls.env, "deal_rep", groups="sales_team.group_sale_salesman")
        cls.other_rep = new_test_user(cls.env, "deal_rep2", groups="sales_team.group_sale_salesman")
        cls.manager = new_test_user(cls.env, "deal_mgr", groups="sales_team.group_sale_manager")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Eastern Power Group", "is_company": True}
        )
        cls.people = {
            name: cls.env["res.partner"].create({"name": name, "parent_id": cls.customer.id})
            for name in ("Coach Li", "Buyer Wu", "User Ma", "Boss Wang", "CFO Chen")
        }
        cls.stranger = cls.env["res.partner"].create(
            {
                "name": "Stranger",
                "parent_id": cls.env["res.partner"]
                .create({"name": "Other Co", "is_company": True})
                .id,
            }
        )
        cls.team = cls.env.ref("key_account_management.crm_team_key_accounts")
        cls.stages = {
            key: cls.env.ref(f"key_account_management.crm_stage_{key}")
            for key in (
                "customer_analysis",
                "build_trust",
                "uncover_needs",
                "present_value",
                "win_commitment",
                "collect_payment",
            )
        }
        cls.lead = cls.make_lead(cls.rep)

    @classmethod
    def make_lead(cls, user, name="Framework tender"):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "team_id": cls.team.id,
                "user_id": user.id,
                "stage_id": cls.stages["customer_analysis"].id,
                "expected_revenue": 500000,
            }
        )

    def add_role(self, lead, person, role, **vals):
        partner = self.people[person].id if person else False
        return self.env["kam.deal.role"].create(
            {"lead_id": lead.id, "partner_id": partner, "buying_role": role, **vals}
        )

    def win_formula(self, lead):
        self.add_role(
            lead, "Coach Li", "user", is_coach=True, attitude="support", org_level="middle"
        )
        self.add_role(lead, "Buyer Wu", "purchaser", attitude="support")
        self.add_role(
            lead,
            "Boss Wang",
            "decision_maker",
            attitude="support",
            org_level="senior",
            last_contact_date=self.today,
        )

    def test_coverage_is_stored_and_follows_the_roles(self):
        self.assertEqual(self.lead.kam_formula_score, 1)  # only the rep
        self.assertIn("No coach", self.lead.kam_red_flags)
        self.win_formula(self.lead)
        self.assertTrue(self.lead.kam_formula_ok)
        self.assertEqual((self.lead.kam_formula_score, self.lead.kam_roles_won), (4, 2))
        self.assertFalse(self.lead.kam_red_flags)
        self.assertEqual(
            self.env["crm.lead"].search_count(
                [("id", "=", self.lead.id), ("kam_formula_ok", "=", True)]
            ),
            1,
        )
        self.lead.kam_role_ids.filtered(lambda r: r.buying_role == "purchaser").attitude = "neutral"
        self.assertFalse(self.lead.kam_formula_ok)
        self.assertIn("Fewer than 2 buying roles won.", self.lead.kam_red_flags)
        self.lead.user_id = False
        self.assertFalse(self.lead.kam_rep_ok)

    def test_roles_edited_in_the_opportunity_form(self):
        with Form(self.lead.with_user(self.rep)) as form:
            with form.kam_role_ids.new() as role:
                role.partner_id = self.people["Coach Li"]
                role.buying_role = "purchaser"
                role.is_coach = True
                role.attitude = "support"
            with form.kam_role_ids.new() as role:
                role.buying_role = "decision_maker"  # placeholder: known, not met
        self.assertTrue(self.lead.kam_coach_ok)
        self.assertIn("Decision maker not met yet.", self.lead.kam_red_flags)

    def test_bad_input_is_refused(self):
        role = self.add_role(self.lead, "Buyer Wu", "purchaser", relationship_level=4)
        for level in (5, -1):
            with self.assertRaisesRegex(ValidationError, "from 1 .* to 4"), self.cr.savepoint():
                role.relationship_level = level
            role.invalidate_recordset()
            self.assertEqual(role.relationship_level, 4)
        not_theirs = "does not belong to Eastern Power Group"
        with self.assertRaisesRegex(ValidationError, not_theirs), self.cr.savepoint():
            self.add_role(self.lead, None, "user", partner_id=self.stranger.id)
        self.add_role(self.lead, "Coach Li", "user", is_coach=True)
        with self.assertRaisesRegex(ValidationError, "one coach"), self.cr.savepoint():
            self.add_role(self.lead, "User Ma", "user", is_coach=True)
        self.assertEqual(len(self.lead.kam_role_ids), 2)

    def test_stage_exit_warns_and_logs_by_default(self):
        self.lead.stage_id = self.stages["build_trust"]
        messages = self.lead.message_ids
        self.lead.stage_id = self.stages["uncover_needs"]
        self.assertEqual(self.lead.stage_id, self.stages["uncover_needs"])
        note = self.lead.message_ids - messages
        self.assertTrue(any("a supporting coach" in (m.body or "") for m in note))

    def test_stage_exit_blocks_when_set(self):
        self.stages["build_trust"].kam_exit_blocking = True
        self.lead.stage_id = self.stages["build_trust"]
        with self.assertRaisesRegex(UserError, "still needs a supporting coach"):
            self.lead.with_user(self.rep).stage_id = self.stages["uncover_needs"]
        self.assertEqual(self.lead.stage_id, self.stages["build_trust"])
        self.add_role(self.lead, "Coach Li", "user", is_coach=True, attitude="support")
        self.lead.with_user(self.rep).stage_id = self.stages["uncover_needs"]
        self.assertEqual(self.lead.stage_id, self.stages["uncover_needs"])

    def test_skipped_stages_are_checked_and_moving_back_is_free(self):
        for stage in self.stages.values():
            stage.kam_exit_blocking = True
        with self.assertRaisesRegex(UserError, "coach.*decision maker met.*1\\+2\\+1"):
            self.lead.stage_id = self.stages["collect_payment"]
        self.win_formula(self.lead)
        self.lead.stage_id = self.stages["collect_payment"]
        self.lead.kam_role_ids.unlink()
        self.lead.stage_id = self.stages["build_trust"]  # backwards: no criteria
        self.assertEqual(self.lead.stage_id, self.stages["build_trust"])

    def test_lost_deal_keeps_its_reason(self):
        with self.assertRaisesRegex(UserError, "needs a lost reason"):
            self.lead.action_set_lost()
        reason = self.env["crm.lost.reason"].create({"name": "Price too high"})
        self.lead.action_set_lost(lost_reason_id=reason.id)
        self.assertFalse(self.lead.active)
        self.assertEqual(self.lead.lost_reason_id, reason)

    def test_note_involving_a_contact_sets_last_contact(self):
        role = self.add_role(self.lead, "Boss Wang", "decision_maker", attitude="support")
        self.assertFalse(role.last_contact_date)
        self.lead.message_post(
            body="Lunch with Wang", partner_ids=self.people["Boss Wang"].ids, message_type="comment"
        )
        self.assertEqual(role.last_contact_date, self.today)

    def test_daily_refresh_raises_the_silence_flag(self):
        self.add_role(
            self.lead,
            "Boss Wang",
            "decision_maker",
            attitude="support",
            last_contact_date=self.today - timedelta(days=25),
        )
        self.assertNotIn("more than 30 days", self.lead.kam_red_flags or "")
        with freeze_time(self.local_instant(self.today + timedelta(days=10))):
            self.env["crm.lead"]._cron_kam_refresh_coverage()
        self.lead.invalidate_recordset()
        self.assertIn(
            "No contact with the decision maker for more than 30 days.", self.lead.kam_red_flags
        )

    def test_reps_edit_only_their_own_maps(self):
        theirs = self.make_lead(self.other_rep, "Their deal")
        their_role = self.add_role(theirs, "User Ma", "user")
        mine = self.add_role(self.lead, "Buyer Wu", "purchaser")
        Role = self.env["kam.deal.role"].with_user(self.rep)
        self.assertEqual(Role.search([("id", "in", (mine | their_role).ids)]), mine)
        with self.assertRaises(AccessError):
            their_role.with_user(self.rep).write({"attitude": "support"})
        with self.assertRaises(AccessError):
            Role.create({"lead_id": theirs.id, "buying_role": "user"})
        mine.with_user(self.rep).attitude = "support"
        their_role.with_user(self.manager).attitude = "support"
        self.assertEqual(their_role.attitude, "support")

    def test_one_pipeline_per_team(self):
        Lead = self.env["crm.lead"].with_user(self.rep)
        other_team = self.env["crm.team"].create({"name": "Retail"})
        shared = self.env["crm.stage"].search([("team_id", "=", False)])
        self.assertTrue(shared, "Odoo's shared stages exist")

        def columns(team):
            groups = Lead.with_context(default_team_id=team.id).web_read_group(
                [("type", "=", "opportunity"), ("team_id", "=", team.id)],
                ["stage_id"],
                ["stage_id"],
            )["groups"]
            return self.env["crm.stage"].browse([g["stage_id"][0] for g in groups])

        key_columns = columns(self.team)
        self.assertEqual(
            key_columns, self.env["crm.stage"].search([("team_id", "=", self.team.id)])
        )
        self.assertFalse(key_columns & shared)
        retail_columns = columns(other_team)
        self.assertTrue(retail_columns & shared)
        self.assertFalse(retail_columns & key_columns)
        # A new key-account deal starts at the first step; won is the team's own won step.
        lead = Lead.create({"name": "New tender", "type": "opportunity", "team_id": self.team.id})
        self.assertEqual(lead.stage_id, self.stages["customer_analysis"])
        self.assertEqual(
            lead._stage_find(domain=[("is_won", "=", True)]),
            self.env.ref("key_account_management.crm_stage_won"),
        )
        retail = Lead.create({"name": "Shop", "type": "opportunity", "team_id": other_team.id})
        self.assertFalse(retail.stage_id.team_id)

    def test_deals_list_ungrouped_with_new_button_and_no_score_total(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.crm_lead_key_deals_action"
        )
        context = safe_eval(action["context"], {"ref": self.env.ref})
        self.assertNotIn("group_by", context)
        self.assertEqual(context["search_default_salesperson"], 1)  # a removable facet
        arch = etree.fromstring(
            self.env["crm.lead"]
            .with_user(self.rep)
            .get_views([(action["views"][0][0], "list")])["views"]["list"]["arch"]
        )
        self.assertNotEqual(arch.get("create"), "false")
        self.assertEqual(arch.xpath("//header/button")[0].get("display"), "always")
        self.assertFalse(self.env["crm.lead"]._fields["kam_formula_score"].aggregator)

    def test_tracking_sheet_of_the_current_search(self):
        other = self.make_lead(self.rep, "Spare parts")
        Lead = self.env["crm.lead"].with_user(self.rep)
        action = Lead.with_context(
            active_domain=[("id", "in", (self.lead | other).ids), ("name", "=", "Spare parts")]
        ).action_export_tracking_xlsx()
        export = self.env["kam.deal.tracking.export"].browse(int(action["url"].split("/")[4]))
        self.assertEqual(export.lead_ids, other)

    def test_tracking_sheet_xlsx(self):
        self.win_formula(self.lead)
        other = self.make_lead(self.rep, "Spare parts")
        self.add_role(
            other,
            "CFO Chen",
            "finance_gatekeeper",
            attitude="oppose",
            influence="high",
            buyer_stage="options",
            buying_factor="price",
        )
        other.kam_sample_state = "approved"
        leads = (self.lead | other).with_user(self.rep)
        action = leads.action_export_tracking_xlsx()
        export = self.env["kam.deal.tracking.export"].browse(int(action["url"].split("/")[4]))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
        deals, summary = book.worksheets
        self.assertEqual(deals.page_setup.orientation, "landscape")
        # Fit to one page wide (Excel's default width of 1 is not written), any height.
        self.assertIn(deals.page_setup.fitToWidth, (None, 1))
        self.assertEqual(int(deals.page_setup.fitToHeight), 0)
        self.assertTrue(deals.sheet_properties.pageSetUpPr.fitToPage)
        texts = [c for row in deals.iter_rows(values_only=True) for c in row if c is not None]
        for expected in (
            "Framework tender",
            "Eastern Power Group",
            "Coach Li",
            "Boss Wang",
            "Decision Maker",
            "Support",
            "4 / 4",
            "Financial Gatekeeper",
            "A high-influence contact opposes us.",
            "Weighing the options",
            "Price",
            "Approved",
        ):
            self.assertIn(expected, "\n".join(map(str, texts)))
        rows = list(summary.iter_rows(min_row=5, values_only=True))
        self.assertEqual(
            [(r[0], r[7], r[8]) for r in rows],
            [("Framework tender", 4, "Yes"), ("Spare parts", 1, "No"), ("Total", None, None)],
        )
        self.assertEqual(summary.cell(4, 1).value, "Opportunity")
        self.assertEqual(summary.cell(7, 4).value, "=SUM(D5:D6)")
        self.assertIn("2 opportunities · Exported by", summary["A2"].value)
        self.assertEqual(export.filename, f"1+2+1 Tracking Sheet_{self.today}.xlsx")
        # The red flags of a deal are wrapped in a row tall enough to read them.
        flags_row = next(row[0].row for row in deals.iter_rows() if row[0].value == "Red Flags")
        self.assertTrue(deals.cell(flags_row, 2).alignment.wrap_text)

    def test_demo_deals_show_a_healthy_and_a_flagged_map(self):
        healthy = self.env.ref(
            "key_account_management.crm_lead_demo_soe_tender", raise_if_not_found=False
        )
        if not healthy:
            self.skipTest("demo data not installed")
        flagged = self.env.ref("key_account_management.crm_lead_demo_fie_line")
        self.assertTrue(healthy.kam_formula_ok)
        self.assertIn("A high-influence contact opposes us.", flagged.kam_red_flags)
        self.assertIn("Decision maker not met yet.", flagged.kam_red_flags)
