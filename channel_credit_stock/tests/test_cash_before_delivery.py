"""Cash before delivery (款到发货): the order is confirmed, its goods leave once it is paid."""

from odoo.addons.channel_credit.tests.common import CreditCase
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCashBeforeDelivery(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse_user = new_test_user(
            cls.env, "cc_warehouse", groups="stock.group_stock_user", company_id=cls.company.id
        )
        cls.bank = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], limit=1
        )

    def confirmed(self, partner, amount=1000):
        order = self.order(partner, amount)
        order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "sale")
        return order, order.picking_ids

    def validate(self, picking, user=None):
        picking = picking.with_user(user or self.warehouse_user)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        return picking.button_validate()

    def invoice_order(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def prepay(self, partner, amount):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "journal_id": self.bank.id,
            }
        )
        payment.action_post()
        return payment

    def test_confirmed_whatever_the_limit_but_not_delivered_before_payment(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner)
        self.assertTrue(picking.channel_awaiting_payment)
        with self.assertRaisesRegex(UserError, f"Cash before delivery: {order.name} must be paid"):
            self.validate(picking)
        self.assertNotEqual(picking.state, "done")
        self.assertEqual(
            self.env["stock.picking"].search([("channel_awaiting_payment", "=", True)]), picking
        )

    def test_paid_invoice_releases_the_delivery_at_the_cent(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, 1000)
        invoice = self.invoice_order(order)
        self.pay(invoice, 999.99)
        picking.invalidate_recordset()
        self.assertTrue(picking.channel_awaiting_payment)
        with self.assertRaisesRegex(UserError, "must be paid"):
            self.validate(picking)
        self.pay(invoice, 0.01)
        picking.invalidate_recordset()
        self.assertFalse(picking.channel_awaiting_payment)
        self.validate(picking)
        self.assertEqual(picking.state, "done")

    def test_a_prepayment_covering_everything_owed_releases_it(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, 1000)
        self.prepay(partner, 999.99)
        with self.assertRaisesRegex(UserError, "must be paid"):
            self.validate(picking)
        self.prepay(partner, 0.01)
        picking.invalidate_recordset()
        self.assertFalse(picking.channel_awaiting_payment)
        self.validate(picking)
        self.assertEqual(picking.state, "done")
        # The next order is not covered by the same money.
        _order, second = self.confirmed(partner, 500)
        self.assertTrue(second.channel_awaiting_payment)

    def test_other_policies_deliver_as_odoo_does(self):
        partner = self.distributor(10**6, "block")
        _order, picking = self.confirmed(partner)
        self.assertFalse(picking.channel_awaiting_payment)
        self.validate(picking)
        self.assertEqual(picking.state, "done")

    def test_a_manual_hold_still_stops_the_order(self):
        partner = self.distributor(0, "prepay")
        partner._channel_put_on_hold("Cheque bounced", False)
        order = self.order(partner, 100)
        self.assertEqual(order.with_user(self.seller).channel_credit_state, "blocked")
        with self.assertRaisesRegex(UserError, "Cheque bounced"):
            order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_the_quotation_says_so(self):
        order = self.order(self.distributor(0, "prepay"), 100)
        self.assertEqual(order.with_user(self.seller).channel_credit_state, "ok")
        self.assertIn(
            "delivery waits until it is paid", order.with_user(self.seller).channel_credit_summary
        )
