"""Deal intelligence for consultative selling: the buyer's own stage, the brush-off, samples
and factory audit as milestones, and the informant apart from the coach."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .. import rules
from .common import IntegrityCase


@tagged("post_install", "-at_install")
class TestDealIntelligence(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage = cls.env["crm.stage"].create(
            {"name": "Present Value (test)", "sequence": 500, "kam_buyer_stage": "options"}
        )
        cls.next_stage = cls.env["crm.stage"].create({"name": "Win (test)", "sequence": 501})
        cls.boss = cls.env["res.partner"].create(
            {"name": "Boss Wang", "parent_id": cls.customer_a.id}
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Chiller valves",
                "type": "opportunity",
                "partner_id": cls.customer_a.id,
                "user_id": cls.seller.id,
                "company_id": cls.company.id,
                "stage_id": cls.stage.id,
            }
        )

    def role(self, partner, **vals):
        return self.env["kam.deal.role"].create(
            {"lead_id": self.lead.id, "partner_id": partner.id, **vals}
        )

    def visit(self, outcome, days_ago):
        visit = self.env["kam.visit"].create(
            {
                "partner_id": self.customer_a.id,
                "lead_id": self.lead.id,
                "user_id": self.seller.id,
                "company_id": self.company.id,
                "purpose": "Follow up",
                "date_planned": fields.Datetime.now() - timedelta(days=days_ago),
            }
        )
        visit.write(
            {
                "summary": "Talked",
                "outcome": outcome,
                "next_step": "Call again",
                "next_step_date": self.today,
                "state": "done",
                "date_done": fields.Datetime.now() - timedelta(days=days_ago),
            }
        )
        return visit

    def flags(self):
        return self.lead.kam_red_flag_codes.split(",")

    def test_the_buyer_stage_rule(self):
        def role(stage, buying_role="decision_maker"):
            return rules.DealRole(
                True, buying_role, False, "support", "high", "senior", None, stage
            )

        self.assertFalse(rules.buyer_behind("options", [role("options")]))
        self.assertTrue(rules.buyer_behind("options", [role("need")]))
        self.assertFalse(rules.buyer_behind("options", [role("decision")]))
        self.assertFalse(rules.buyer_behind("options", [role(None)]), "nothing recorded")
        self.assertFalse(rules.buyer_behind(None, [role("need")]), "nothing required")
        # The decision makers' stage counts; others only when no decision maker's is known.
        self.assertTrue(rules.buyer_behind("options", [role("need"), role("decision", "user")]))
        self.assertFalse(rules.buyer_behind("options", [role(None), role("decision", "user")]))

    def test_the_brush_off_rule(self):
        self.assertTrue(rules.brushed_off(["advance", "continuation", "continuation"]))
        self.assertFalse(rules.brushed_off(["continuation", "advance"]))
        self.assertFalse(rules.brushed_off(["continuation"]))
        self.assertFalse(rules.brushed_off([]))

    def test_our_stage_ahead_of_the_buyer_is_flagged(self):
        role = self.role(self.boss, buying_role="decision_maker", buyer_stage="need")
        self.assertIn("ahead_of_buyer", self.flags())
        self.assertIn("runs ahead of the buyer", self.lead.kam_red_flags)
        role.buyer_stage = "options"
        self.assertNotIn("ahead_of_buyer", self.flags())

    def test_two_continuations_in_a_row_are_a_brush_off(self):
        self.visit("continuation", 6)
        self.assertNotIn("brush_off", self.flags())
        self.visit("continuation", 3)
        self.assertIn("brush_off", self.flags())
        self.visit("advance", 1)
        self.assertNotIn("brush_off", self.flags())

    def test_samples_and_factory_audit_as_exit_milestones(self):
        self.stage.write(
            {"kam_exit_need_sample": True, "kam_exit_need_audit": True, "kam_exit_blocking": True}
        )
        with self.assertRaisesRegex(UserError, "samples approved.*factory audit passed"):
            self.lead.with_user(self.seller).write({"stage_id": self.next_stage.id})
        self.assertEqual(self.lead.stage_id, self.stage)
        self.lead.write({"kam_sample_state": "approved", "kam_audit_state": "failed"})
        with self.assertRaisesRegex(UserError, "factory audit passed"):
            self.lead.with_user(self.seller).write({"stage_id": self.next_stage.id})
        self.lead.kam_audit_state = "passed"
        self.lead.with_user(self.seller).write({"stage_id": self.next_stage.id})
        self.assertEqual(self.lead.stage_id, self.next_stage)

    def test_an_informant_is_not_a_coach(self):
        informant = self.role(self.buyer, buying_role="user", attitude="support", is_informant=True)
        self.assertIn("no_coach", self.flags())
        self.assert_refused(
            ValidationError,
            "one or the other",
            lambda: informant.write({"is_coach": True}),
            informant,
            ["is_coach", "is_informant"],
        )
