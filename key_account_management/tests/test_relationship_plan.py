"""The relationship-strengthening plan (客户关系强化表): actions per contact, done against
planned, kept by the account's manager."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import IntegrityCase


@tagged("post_install", "-at_install")
class TestRelationshipPlan(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        kam = "sales_team.group_sale_salesman,key_account_management.group_kam_user"
        cls.owner = new_test_user(cls.env, "plan_owner", groups=kam, company_id=cls.company.id)
        cls.stranger = new_test_user(cls.env, "plan_other", groups=kam, company_id=cls.company.id)
        cls.account_a = cls.env["kam.account"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "manager_id": cls.owner.id,
            }
        )
        cls.Action = cls.env["kam.relationship.action"]

    def plan(self, user=None, **vals):
        return self.Action.with_user(user or self.owner).create(
            {
                "account_id": self.account_a.id,
                "partner_id": self.buyer.id,
                "goal": "From talking as equals to solving their problems",
                "target_level": "3",
                "action_type": "reception",
                "date_planned": self.today,
                **vals,
            }
        )

    def test_done_against_planned(self):
        first, second, third = self.plan(), self.plan(action_type="gift"), self.plan()
        first.action_done()
        third.action_cancel()
        self.assertEqual((first.state, first.date_done), ("done", self.today))
        self.account_a.invalidate_recordset()
        self.assertEqual(
            (self.account_a.relationship_done, self.account_a.relationship_planned), (1, 2)
        )
        with self.assertRaisesRegex(UserError, "Only a planned action"):
            first.action_done()
        self.assertEqual(second.state, "planned")

    def test_the_plan_is_the_accounts(self):
        action = self.plan()
        with self.assertRaises(AccessError):
            action.with_user(self.stranger).read(["goal"])
        with self.assertRaises(AccessError):
            action.with_user(self.stranger).action_done()
        self.assertEqual(action.state, "planned")
        stranger = self.env["res.partner"].create(
            {"name": "Someone Else", "parent_id": self.customer("Other Ltd").id}
        )
        self.assert_refused(
            ValidationError,
            "is not one of",
            lambda: self.plan(partner_id=stranger.id),
            model="kam.relationship.action",
        )
        forged = (
            self.Action.with_user(self.owner)
            .with_context(default_state="done")
            .create(
                {
                    "account_id": self.account_a.id,
                    "partner_id": self.buyer.id,
                    "goal": "Counted without doing it",
                    "date_planned": self.today,
                    "state": "done",
                }
            )
        )
        self.assertEqual(forged.state, "planned")
        self.assert_refused(
            UserError,
            "with its buttons",
            lambda: forged.with_user(self.owner).write({"state": "done"}),
            forged,
            ["state"],
        )
