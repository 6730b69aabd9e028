"""Four eyes (b2b.approval.mixin): nobody approves a credit review or a credit release they
asked for or prepared. Tried as the lowest role that can approve each (a sales manager's level
for a small limit, a Credit Manager for a release): the refusal names the record and changes
nothing, and another approver of the same role decides it."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import CreditCase

OWN = "you asked for it or prepared it, so someone else must decide it"


@tagged("post_install", "-at_install")
class TestFourEyesDoors(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["channel.credit.check.item"].search([]).active = False
        cls.sales_manager = new_test_user(
            cls.env, "cc_four_eyes_sm", groups="sales_team.group_sale_manager"
        )
        # A sales manager who is also a Credit Manager: they may change another's draft.
        cls.editor = new_test_user(
            cls.env,
            "cc_four_eyes_editor",
            groups="sales_team.group_sale_manager,channel_credit.group_channel_credit_manager",
        )
        cls.other_credit_manager = new_test_user(
            cls.env,
            "cc_four_eyes_cm2",
            groups="sales_team.group_sale_salesman,channel_credit.group_channel_credit_manager",
        )

    def decide(self, review, user):
        action = review.with_user(user).action_decide()
        wizard = self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        return wizard.create({"note": False}).action_approve()

    def assertOwnRefused(self, call, record):
        with self.assertRaisesRegex(UserError, OWN) as caught:
            call()
        self.assertIn(record.display_name, str(caught.exception))

    def test_a_review_is_not_approved_by_whoever_proposed_or_changed_it(self):
        partner = self.distributor(0)
        review = (
            self.env["channel.credit.review"]
            .with_user(self.sales_manager)
            .create({"partner_id": partner.id, "line_ids": [], "credit_limit": 50000})
        )
        # Who changed the draft shares the proposal.
        review.with_user(self.editor).write({"notes": "Visited the warehouse"})
        review.with_user(self.sales_manager).action_submit()
        self.assertEqual(
            review.approval_ids.group_id, self.env.ref("sales_team.group_sale_manager")
        )
        for user in (self.sales_manager, self.editor):
            self.assertFalse(review.with_user(user).can_approve)
            self.assertOwnRefused(lambda u=user: self.decide(review, u), review)
            self.assertOwnRefused(lambda u=user: review.with_user(u)._decide(True, False), review)
        review.invalidate_recordset()
        self.assertEqual(
            (review.state, review.approval_ids.mapped("state"), partner.credit_limit),
            ("submitted", ["pending"], 0),
        )
        third = new_test_user(self.env, "cc_four_eyes_sm3", groups="sales_team.group_sale_manager")
        self.assertTrue(review.with_user(third).can_approve)
        self.decide(review, third)
        self.assertEqual((review.state, partner.credit_limit), ("approved", 50000))
        self.assertEqual(review.approval_ids.user_id, third)

    def test_a_release_is_not_approved_by_its_requester(self):
        partner = self.distributor(100, "approval")
        order = self.order(partner, 150, user=self.credit_manager)
        release = self.request_release(order, self.credit_manager)
        self.assertNotEqual(release.decider_id, self.credit_manager)
        self.assertOwnRefused(
            lambda: release.with_user(self.credit_manager).action_approve(), release
        )
        release.invalidate_recordset()
        self.assertEqual(
            (release.state, release.approver_id, release.decision_date),
            ("submitted", self.env["res.users"], False),
        )
        release.with_user(self.other_credit_manager).action_approve()
        self.assertEqual(
            (release.state, release.approver_id), ("approved", self.other_credit_manager)
        )
