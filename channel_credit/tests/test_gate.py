from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.api import call_kw
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditGate(CreditCase):
    def test_block_at_and_around_the_limit(self):
        partner = self.distributor(1000, "block")
        self.invoice(partner, 400)
        exact = self.order(partner, 600)
        exact.with_user(self.seller).action_confirm()
        self.assertEqual(exact.state, "sale")
        cent = self.order(partner, 0.01)
        with self.assertRaises(UserError) as error:
            cent.with_user(self.seller).action_confirm()
        self.assertEqual(cent.state, "draft")
        message = str(error.exception)
        for expected in (
            "Credit limit",
            "open receivables",
            "400.00",
            "uninvoiced orders",
            "600.00",
            "this order",
            "0.01",
            "Over the limit by",
        ):
            self.assertIn(expected, message)

    def test_orders_confirmed_together_add_up(self):
        partner = self.distributor(1000, "block")
        orders = self.order(partner, 600) | self.order(partner, 400.01)
        with self.assertRaises(UserError):
            orders.action_confirm()
        self.assertEqual(set(orders.mapped("state")), {"draft"})

    def test_warn_lets_it_through_with_a_note(self):
        partner = self.distributor(100, "warn")
        order = self.order(partner, 150)
        order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "sale")
        notes = order.message_ids.filtered(lambda m: "Credit check failed" in (m.body or ""))
        self.assertTrue(notes)
        self.assertIn("50.00", notes[0].body)

    def test_no_policy_no_gate(self):
        partner = self.distributor(0, False)
        order = self.order(partner, 10**6)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_overdue_rule_holds_within_the_limit(self):
        # The overdue rule alone (the dunning ladder's hold step is in test_collection).
        self.env["channel.dunning.step"].search([]).active = False
        partner = self.distributor(10**6, "block", channel_max_overdue_days=30)
        invoice = self.invoice(partner, 100, days_overdue=30)
        self.order(partner, 10).action_confirm()  # 30 days: allowed
        invoice.invoice_date_due = self.today - timedelta(days=31)
        with self.assertRaisesRegex(UserError, "31 days past due"):
            self.order(partner, 10).action_confirm()

    def test_approval_creates_a_persistent_release_request(self):
        partner = self.distributor(100, "approval")
        order = self.order(partner, 150)
        Release = self.env["channel.credit.release"]
        # Confirming asks for a reason; nothing is requested until the rep submits it.
        action = order.with_user(self.seller).action_confirm()
        self.assertEqual((action["target"], action.get("res_id")), ("new", None))
        self.assertFalse(Release.search([("order_id", "=", order.id)]))
        release = self.request_release(order, self.seller)
        self.assertEqual(order.state, "draft")
        self.assertEqual(release.reason, "Peak season stock-up, pays in 15 days")
        self.assertEqual(release.state, "submitted")
        self.assertEqual(release.requester_id, self.seller)
        self.assertEqual(
            (release.amount, release.credit_limit, release.amount_over_limit), (150, 100, 50)
        )
        self.assertIn("Over the limit by", release.check_details)
        self.assertTrue(release.activity_ids.filtered(lambda a: a.user_id == self.credit_manager))
        # Asking again does not pile up requests.
        self.assertEqual(order.with_user(self.seller).action_confirm()["res_id"], release.id)
        release.with_user(self.seller).reason = "Peak season stock-up, pays in 15 days"
        with self.assertRaises(AccessError):
            release.with_user(self.seller).action_approve()
        with self.assertRaises(AccessError):
            release.with_user(self.seller).write({"state": "approved"})
        with self.assertRaises(AccessError):
            release.with_user(self.credit_manager).write({"state": "approved"})
        self.assertEqual(release.state, "submitted")

        release.with_user(self.credit_manager).action_approve()
        self.assertEqual((release.state, release.approver_id), ("approved", self.credit_manager))
        self.assertTrue(
            release.message_ids.filtered(
                lambda m: "Approved by cc_manager" in (m.body or "")
                or "Approved by" in (m.body or "")
            )
        )
        order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(release.state, "used")
        # The release was for that order, once: another order is checked again.
        other = self.order(partner, 10)
        self.assertEqual(other.action_confirm()["res_model"], "channel.credit.release")
        self.assertEqual(other.state, "draft")

    def test_rejected_release_does_not_confirm(self):
        partner = self.distributor(100, "approval")
        order = self.order(partner, 150)
        release = self.env["channel.credit.release"].browse(order.action_confirm()["res_id"])
        release.with_user(self.credit_manager).action_reject()
        self.assertEqual(release.state, "rejected")
        with self.assertRaises(UserError):
            release.with_user(self.credit_manager).action_approve()
        self.assertEqual(order.action_confirm()["res_model"], "channel.credit.release")
        self.assertEqual(order.state, "draft")

    def approved_release(self, partner, amount):
        order = self.order(partner, amount)
        release = self.env["channel.credit.release"].browse(order.action_confirm()["res_id"])
        release.with_user(self.credit_manager).action_approve()
        return order, release

    def test_release_rechecked_when_the_order_grows(self):
        partner = self.distributor(100, "approval")
        order, release = self.approved_release(partner, 150)
        order.order_line.price_unit = 165  # +10%: still covered
        order.action_confirm()
        self.assertEqual((order.state, release.state), ("sale", "used"))
        order2, release2 = self.approved_release(partner, 150)
        order2.order_line.price_unit = 165.01  # more than 10%
        self.assertEqual(order2.action_confirm()["res_model"], "channel.credit.release")
        self.assertEqual((order2.state, release2.state), ("draft", "approved"))

    def test_release_rechecked_when_too_old(self):
        partner = self.distributor(100, "approval")
        order, release = self.approved_release(partner, 150)
        with freeze_time(fields.Datetime.now() + timedelta(days=7, minutes=1)):
            self.assertEqual(order.action_confirm()["res_model"], "channel.credit.release")
            self.assertEqual(order.state, "draft")
            self.env["channel.credit.release"]._cron_expire_releases()
        self.assertEqual(release.state, "expired")

    def test_no_context_rpc_or_write_skips_the_gate(self):
        partner = self.distributor(100, "approval")
        order = self.order(partner, 150)
        hostile = {
            "channel_credit_skip": True,
            "skip_credit_check": True,
            "force_confirm": True,
            "tracking_disable": True,
            "mail_notrack": True,
            "install_mode": True,
        }
        seller_env = self.env(user=self.seller, context=hostile)
        with self.assertRaisesRegex(UserError, "Credit check failed"):
            call_kw(seller_env["sale.order"], "write", [[order.id], {"state": "sale"}], {})
        result = call_kw(
            seller_env["sale.order"], "action_confirm", [[order.id]], {"context": hostile}
        )
        self.assertEqual(result["res_model"], "channel.credit.release")
        self.assertEqual(order.state, "draft")
        block = self.distributor(100, "block")
        blocked = self.order(block, 150)
        for env in (seller_env, self.env(user=self.credit_manager, context=hostile)):
            with self.assertRaises(UserError):
                call_kw(env["sale.order"], "action_confirm", [[blocked.id]], {"context": hostile})
            with self.assertRaises(UserError):
                blocked.with_env(env).write({"state": "sale"})
        self.assertEqual(blocked.state, "draft")

    def test_invoice_posting_gate_is_a_setting(self):
        partner = self.distributor(100, "block")
        draft = self.invoice(partner, 150, post=False)
        draft.action_post()  # setting off
        self.assertEqual(draft.state, "posted")
        self.company.channel_credit_check_invoice = True
        second = self.invoice(partner, 10, post=False)
        with self.assertRaisesRegex(UserError, "Credit check failed"):
            second.action_post()
        self.assertEqual(second.state, "draft")

    def test_hold_banner_fields_on_the_order(self):
        partner = self.distributor(100, "block")
        partner.write(
            {"channel_credit_hold": True, "channel_credit_hold_reason": "Overdue 45 days"}
        )
        order = self.order(partner, 1)
        self.assertTrue(order.channel_credit_hold)
        self.assertEqual(order.channel_credit_hold_reason, "Overdue 45 days")
