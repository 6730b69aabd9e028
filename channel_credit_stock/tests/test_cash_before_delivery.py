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
        message = f"Cash before delivery: {picking.name} \\({order.name}\\) cannot leave"
        with self.assertRaisesRegex(UserError, message):
            self.validate(picking)
        self.assertNotEqual(picking.state, "done")
        _order, other = self.confirmed(self.distributor(10**6, "block"))
        awaiting = self.env["stock.picking"].search([("channel_awaiting_payment", "=", True)])
        self.assertIn(picking, awaiting)
        self.assertNotIn(other, awaiting)

    def test_paid_invoice_releases_the_delivery_at_the_cent(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, 1000)
        invoice = self.invoice_order(order)
        self.pay(invoice, 999.99)
        picking.invalidate_recordset()
        self.assertTrue(picking.channel_awaiting_payment)
        with self.assertRaisesRegex(UserError, "cannot leave before the customer has paid"):
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
        with self.assertRaisesRegex(UserError, "cannot leave before the customer has paid"):
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

    # What an attacker's review tried ------------------------------------------------------------

    def test_no_way_around_by_the_order_or_the_picking(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner)
        # The order's state written back to a quotation: goods leave against money only.
        order.with_user(self.seller).write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "cannot leave before the customer has paid"):
            self.validate(picking)
        order.with_user(self.seller).write({"state": "sale"})
        # The order moved to a payer without credit control: the goods still go to the
        # distributor, who pays before delivery.
        loose = self.env["res.partner"].create({"name": "Loose", "is_company": True})
        order.with_user(self.seller).write({"partner_id": loose.id, "partner_invoice_id": loose.id})
        picking.partner_id = partner
        with self.assertRaisesRegex(UserError, "cannot leave before the customer has paid"):
            self.validate(picking)
        # The delivery detached from its order.
        picking.with_user(self.warehouse_user).write({"sale_id": False})
        with self.assertRaisesRegex(UserError, "cannot leave before the customer has paid"):
            self.validate(picking)
        self.assertNotEqual(picking.state, "done")

    def test_a_draft_or_negative_invoice_is_not_money(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, 1000)
        # A negative order's draft invoice does not lower what the distributor owes.
        credit = self.order(partner, -5000)
        credit.with_user(self.seller).action_confirm()
        self.env["sale.advance.payment.inv"].with_context(
            active_model="sale.order", active_ids=credit.ids
        ).create({"advance_payment_method": "delivered"}).create_invoices()
        with self.assertRaisesRegex(UserError, "cannot leave before the customer has paid"):
            self.validate(picking)
        # An invoice marked paid without money stays unpaid.
        invoice = self.invoice_order(order)
        invoice.write({"payment_state": "paid"})
        with self.assertRaisesRegex(UserError, "cannot leave before the customer has paid"):
            self.validate(picking)
        self.assertNotEqual(picking.state, "done")

    def test_only_what_was_ordered_leaves(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, 1000)
        self.pay(self.invoice_order(order), 1000)
        picking.move_ids.quantity = 2  # one ordered and paid
        with self.assertRaisesRegex(UserError, "more than was ordered and paid for"):
            picking.with_user(self.warehouse_user).button_validate()
        self.assertNotEqual(picking.state, "done")
        self.validate(picking)
        self.assertEqual(picking.state, "done")
