"""What a salesperson reads on a quotation before confirming it."""

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestQuotationCredit(CreditCase):
    def status(self, order):
        order = order.with_user(self.seller)
        order.invalidate_recordset()
        return order.channel_credit_state, order.channel_credit_summary

    def test_within_credit_shows_what_is_left(self):
        partner = self.distributor(1000, "block", name="Ningbo Trading")
        self.invoice(partner, 300)
        state, text = self.status(self.order(partner, 200))
        self.assertEqual(state, "ok")
        self.assertIn("700.00 available for Ningbo Trading", text)
        self.assertIn("500.00 left after this order", text)

    def test_no_status_without_a_policy_or_once_confirmed(self):
        cash = self.env["res.partner"].create({"name": "Walk-in", "is_company": True})
        self.assertEqual(self.status(self.order(cash, 50)), (False, False))
        order = self.order(self.distributor(1000), 50)
        order.action_confirm()
        self.assertEqual(self.status(order), (False, False))

    def test_blocked_says_what_to_do_next(self):
        partner = self.distributor(100, "block", name="Wuxi Tools")
        order = self.order(partner, 150)
        state, text = self.status(order)
        self.assertEqual(state, "blocked")
        self.assertIn("Over the limit by", text)
        self.assertIn("Next: collect at least", text)
        self.assertIn("Wuxi Tools", text)
        self.assertIn(self.credit_manager.name, text)
        with self.assertRaisesRegex(UserError, "Next: collect at least .*50.00"):
            order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_overdue_tells_to_collect_the_overdue_amount(self):
        partner = self.distributor(10**6, "block")
        self.invoice(partner, 80, days_overdue=45)
        state, text = self.status(self.order(partner, 10))
        self.assertEqual(state, "blocked")
        self.assertIn("45 days past due", text)
        self.assertRegex(text, r"collect at least .*80\.00")

    def test_approval_states_follow_the_request(self):
        partner = self.distributor(100, "approval")
        order = self.order(partner, 150)
        self.assertEqual(self.status(order)[0], "needs_release")
        self.assertIn("request a credit release", self.status(order)[1])
        action = order.with_user(self.seller).action_channel_request_release()
        self.assertEqual(action["context"], {"default_order_id": order.id})
        release = self.request_release(order, self.seller)
        state, text = self.status(order)
        self.assertEqual(state, "requested")
        self.assertIn("Next: wait for the decision of", text)
        self.assertNotIn("request a credit release", text)
        self.assertEqual(order.channel_release_state, "submitted")
        # The button on a requested quotation opens the request, it does not ask again.
        self.assertEqual(
            order.with_user(self.seller).action_channel_request_release()["res_id"], release.id
        )
        release.with_user(self.credit_manager).action_approve()
        state, text = self.status(order)
        self.assertEqual(state, "released")
        self.assertIn("approved a release", text)
        order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_warn_policy(self):
        state, text = self.status(self.order(self.distributor(100, "warn"), 150))
        self.assertEqual(state, "warn")
        self.assertNotIn("Next:", text)

    def test_the_status_follows_the_quotation_being_edited(self):
        partner = self.distributor(100, "block")
        form = Form(self.env["sale.order"].with_user(self.seller))
        form.partner_id = partner
        with form.order_line.new() as line:
            line.product_id = self.product
            line.price_unit = 60
            line.tax_id.clear()
        self.assertEqual(form.channel_credit_state, "ok")
        with form.order_line.edit(0) as line:
            line.product_uom_qty = 2
        self.assertEqual(form.channel_credit_state, "blocked")
        order = form.save()
        self.assertEqual(order.order_line.price_total, 120)
