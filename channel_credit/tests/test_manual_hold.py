"""A Credit Manager's hold: it sticks through the daily job, blocks every policy and release,
and only Credit Managers put it on or lift it."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestManualHold(CreditCase):
    def hold(self, partner, reason="Cheque bounced", until=False):
        wizard = (
            self.env["channel.credit.hold"]
            .with_user(self.credit_manager)
            .create({"partner_id": partner.id, "reason": reason, "until": until})
        )
        wizard.action_confirm()

    def test_a_hold_blocks_every_policy_with_its_reason(self):
        for policy in ("warn", "block", "approval"):
            partner = self.distributor(10**6, policy)
            self.hold(partner, reason="法人失联")
            order = self.order(partner, 10)
            with self.subTest(policy=policy):
                self.assertEqual(order.with_user(self.seller).channel_credit_state, "blocked")
                message = "(?s)On credit hold: 法人失联.*lift the hold"
                with self.assertRaisesRegex(UserError, message):
                    order.with_user(self.seller).action_confirm()
                self.assertEqual(order.state, "draft")
                self.assertFalse(order.channel_release_ids)

    def test_no_release_goes_around_a_hold(self):
        partner = self.distributor(100, "approval")
        order = self.order(partner, 150)
        release = self.request_release(order, self.seller)
        release.with_user(self.env.ref("base.user_admin")).action_approve()
        self.hold(partner)
        with self.assertRaisesRegex(UserError, "On credit hold"):
            order.with_user(self.seller).action_confirm()
        self.assertEqual((order.state, release.state), ("draft", "approved"))

    def test_the_daily_job_keeps_a_manual_hold_until_its_end(self):
        partner = self.distributor(10**6, channel_max_overdue_days=30)
        self.hold(partner, until=self.today + timedelta(days=3))
        self.run_daily()  # nothing overdue: the overdue rule alone would lift it
        self.assertTrue(partner.channel_credit_hold and partner.channel_credit_hold_manual)
        self.assertIn("Cheque bounced", partner.channel_credit_hold_reason)
        with freeze_time(self.local_instant(self.today + timedelta(days=3))):
            self.run_daily()
        self.assertTrue(partner.channel_credit_hold, "held through its last day")
        with freeze_time(self.local_instant(self.today + timedelta(days=4))):
            self.run_daily()
        self.assertFalse(partner.channel_credit_hold or partner.channel_credit_hold_manual)

    def test_lifting_a_hold_leaves_the_overdue_rule_in_force(self):
        partner = self.distributor(10**6, channel_max_overdue_days=30)
        self.invoice(partner, 100, days_overdue=45)
        self.hold(partner)
        partner.with_user(self.credit_manager).action_channel_lift_hold()
        self.assertFalse(partner.channel_credit_hold_manual)
        self.assertTrue(partner.channel_credit_hold)
        self.assertIn("45 days", partner.channel_credit_hold_reason)

    def test_only_credit_managers_hold_and_lift(self):
        partner = self.distributor(10**6)
        with self.assertRaises(AccessError):
            self.env["channel.credit.hold"].with_user(self.seller).create(
                {"partner_id": partner.id, "reason": "x"}
            )
        with self.assertRaises(AccessError):
            partner.with_user(self.seller)._channel_put_on_hold("x")
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).write({"channel_credit_hold_manual": True})
        self.hold(partner)
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).action_channel_lift_hold()
        self.assertTrue(partner.channel_credit_hold_manual)

    def test_bad_holds_change_nothing(self):
        partner = self.distributor(10**6)
        with self.assertRaisesRegex(UserError, "reason for the hold"):
            partner.with_user(self.credit_manager)._channel_put_on_hold("  ")
        with self.assertRaisesRegex(UserError, "cannot end in the past"):
            partner.with_user(self.credit_manager)._channel_put_on_hold(
                "late", self.today - timedelta(days=1)
            )
        self.assertFalse(partner.channel_credit_hold or partner.channel_credit_hold_manual)

    def test_a_hold_applies_to_a_partner_without_a_policy(self):
        partner = self.env["res.partner"].create(
            {"name": "No policy", "is_company": True, "user_id": self.seller.id}
        )
        self.hold(partner)
        order = self.order(partner, 10)
        with self.assertRaisesRegex(UserError, "On credit hold"):
            order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "draft")
        partner.with_user(self.credit_manager).action_channel_lift_hold()
        order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "sale")
