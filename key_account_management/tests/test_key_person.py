"""人事变动: a decision maker or coach who leaves or changes position reopens the deals' red
flags and tells the account manager; that is the deal owner's decision.

The rule reads contacts (company, position, archived), the deals' buying roles and their
owners. Who can write those: any user who edits contacts (base.group_partner_manager, every
salesperson), the deal's owner and sales managers (the roles), the system. An edit by anyone
but the deal's owner waits for the owner's confirmation; each door tried here as that role."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IntegrityCase


@tagged("post_install", "-at_install")
class TestKeyPersonChange(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.boss = Partner.create(
            {"name": "Boss Wang", "parent_id": cls.customer_a.id, "function": "General Manager"}
        )
        cls.coach = Partner.create(
            {"name": "Coach Li", "parent_id": cls.customer_a.id, "function": "Engineer"}
        )
        cls.user_ma = Partner.create({"name": "User Ma", "parent_id": cls.customer_a.id})
        cls.rival = Partner.create({"name": "Rival Trading", "is_company": True})
        cls.account_a = cls.env["kam.account"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "manager_id": cls.manager.id,
            }
        )
        cls.lead = cls.deal()
        for partner, vals in (
            (cls.coach, {"buying_role": "user", "is_coach": True, "org_level": "middle"}),
            (cls.buyer, {"buying_role": "purchaser"}),
            (cls.boss, {"buying_role": "decision_maker", "org_level": "senior"}),
        ):
            cls.env["kam.deal.role"].create(
                {
                    "lead_id": cls.lead.id,
                    "partner_id": partner.id,
                    "attitude": "support",
                    "last_contact_date": cls.today,
                    **vals,
                }
            )

    @classmethod
    def deal(cls, **vals):
        return cls.env["crm.lead"].create(
            {
                "name": "Boiler retrofit",
                "type": "opportunity",
                "partner_id": cls.customer_a.id,
                "user_id": cls.seller.id,
                "company_id": cls.company.id,
                **vals,
            }
        )

    def todos(self, record):
        return record.activity_ids.filtered(lambda a: a.summary and "Key person" in a.summary)

    def role(self, partner, lead=None):
        return (lead or self.lead).kam_role_ids.filtered(lambda r: r.partner_id == partner)

    def test_a_decision_maker_who_leaves_reopens_the_flags(self):
        self.assertTrue(self.lead.kam_formula_ok)
        self.assertNotIn("dm_not_met", self.lead.kam_red_flag_codes)
        # The deal's owner records it on the contact card: it applies at once.
        self.boss.with_user(self.seller).write({"parent_id": self.rival.id})
        role = self.role(self.boss)
        self.assertTrue(role.departed)
        self.assertIn("dm_not_met", self.lead.kam_red_flag_codes)
        self.assertIn("Boss Wang left Integrity Customer", self.lead.message_ids[0].body)
        todo = self.todos(self.account_a)
        self.assertEqual(todo.user_id, self.manager)
        self.assertIn("Boss Wang left", todo.note)
        # Someone new in the role closes it again.
        successor = self.env["res.partner"].create(
            {"name": "Boss Zhao", "parent_id": self.customer_a.id}
        )
        role.partner_id = successor
        self.assertFalse(role.departed)
        self.assertNotIn("dm_not_met", self.lead.kam_red_flag_codes)

    def test_anothers_edit_waits_for_the_owner(self):
        """A salesperson who cannot read the deal archives its decision maker, another gives
        its coach a new title: the roles stay until the owner confirms or dismisses."""
        flags = self.lead.kam_red_flag_codes
        self.boss.with_user(self.seller_b).write({"parent_id": self.rival.id})
        self.coach.with_user(self.seller_b).write({"function": "Purchasing Director"})
        boss, coach = self.role(self.boss), self.role(self.coach)
        self.assertEqual((boss.pending_change, boss.departed), ("left", False))
        self.assertEqual((coach.pending_change, coach.attitude), ("moved", "support"))
        self.assertEqual(self.lead.kam_red_flag_codes, flags)
        self.assertTrue(self.lead.kam_change_pending)
        todo = self.lead.activity_ids.filtered(lambda a: a.user_id == self.seller)
        self.assertEqual(todo.summary, "Confirm a key person change")
        self.assertIn("Boss Wang left Integrity Customer", todo.note)
        self.assertIn("changed position (Engineer to Purchasing Director)", todo.note)
        self.assertFalse(self.todos(self.account_a))
        # Only the owner decides: not the editor, not over RPC.
        for call in (
            lambda: boss.with_user(self.seller_b).action_kam_confirm_change(),
            lambda: boss.with_user(self.seller_b).action_kam_dismiss_change(),
            lambda: boss.with_user(self.seller).write({"pending_change": False}),
        ):
            with self.assertRaises(AccessError):
                call()
        self.assertEqual((boss.pending_change, boss.departed), ("left", False))
        boss.with_user(self.seller).action_kam_confirm_change()
        coach.with_user(self.seller).action_kam_dismiss_change()
        self.assertEqual((boss.pending_change, boss.departed), (False, True))
        self.assertEqual((coach.pending_change, coach.attitude), (False, "support"))
        self.assertIn("dm_not_met", self.lead.kam_red_flag_codes)
        self.assertFalse(self.lead.activity_ids.filtered(lambda a: a.user_id == self.seller))
        self.assertEqual(self.todos(self.account_a).user_id, self.manager)

    def test_an_archived_coach_has_left_too(self):
        self.coach.with_user(self.seller).active = False
        self.assertIn("no_coach", self.lead.kam_red_flag_codes)
        self.assertFalse(self.lead.kam_formula_ok)

    def test_a_new_position_means_winning_them_again(self):
        self.coach.with_user(self.seller).function = "Purchasing Director"
        role = self.lead.kam_role_ids.filtered("is_coach")
        self.assertEqual((role.attitude, role.departed), ("unknown", False))
        self.assertIn("no_coach", self.lead.kam_red_flag_codes)
        self.assertIn(
            "changed position (Engineer to Purchasing Director)", self.todos(self.account_a).note
        )

    def test_others_and_closed_deals_are_left_alone(self):
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        won = self.deal(stage_id=won_stage.id)
        self.env["kam.deal.role"].create(
            {"lead_id": won.id, "partner_id": self.boss.id, "buying_role": "decision_maker"}
        )
        self.env["kam.deal.role"].create(
            {"lead_id": self.lead.id, "partner_id": self.user_ma.id, "buying_role": "user"}
        )
        self.user_ma.with_user(self.seller).parent_id = self.rival  # neither dm nor coach
        self.boss.with_user(self.seller).write(
            {"phone": "+86 21 5555 0101", "function": "General Manager"}
        )
        self.assertFalse(self.todos(self.account_a))
        self.assertFalse(self.lead.kam_role_ids.filtered("departed"))
        self.boss.with_user(self.seller).parent_id = self.rival
        self.assertFalse(won.kam_role_ids.departed, "a won deal keeps its history")
        self.assertEqual(len(self.todos(self.account_a)), 1)

    def test_a_rep_who_cannot_read_the_deal_edits_the_contact(self):
        self.rep_b.groups_id |= self.env.ref("base.group_partner_manager")
        with self.assertRaises(AccessError):
            self.lead.with_user(self.rep_b).read(["name"])
        self.boss.with_user(self.rep_b).write({"active": False})
        self.assertEqual(self.role(self.boss).pending_change, "left")
        self.assertFalse(self.role(self.boss).departed)

    def test_a_key_person_is_archived_not_deleted_by_others(self):
        self.seller_b.groups_id |= self.env.ref("base.group_partner_manager")
        with self.assertRaisesRegex(UserError, "archive them instead"):
            self.boss.with_user(self.seller_b).unlink()
        self.assertTrue(self.boss.exists())
        self.assertFalse(self.role(self.boss).departed)

    def test_merged_into_another_customers_person_asks_the_owner(self):
        stranger = self.env["res.partner"].create(
            {"name": "Boss Wang", "parent_id": self.rival.id, "email": "wang@example.com"}
        )
        self.boss.email = "wang@example.com"
        # Odoo's merge needs an administrator: not the deal's owner either.
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.company
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(admin)
            .with_company(self.company)
        )
        wizard._merge((self.boss | stranger).ids, dst_partner=stranger)
        role = self.role(stranger)
        self.assertEqual((role.pending_change, role.departed), ("left", False))
