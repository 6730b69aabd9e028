"""A confirmed order stays within its payers' credit: every change that makes it owe more is
checked again, as the salesperson who makes it, and it keeps its payer.

Who can write a confirmed order and its lines: its salesperson (the lowest, tried here), sales
managers, invoicing users with sales rights; a line on its own or through the order; another
order's line moved onto it."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestConfirmedOrders(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.blocked = cls.distributor(100, "block")
        cls.free = cls.env["res.partner"].create({"name": "Walk-in", "is_company": True})

    def confirmed(self, partner, amount):
        order = self.order(partner, amount)
        order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "sale")
        return order.with_user(self.seller)

    def assertRefused(self, order, call):
        """The order keeps its lines, quantities, prices and customer, confirmed."""

        def lines():
            return [(line.id, line.product_uom_qty, line.price_unit) for line in order.order_line]

        self.assert_refused(
            UserError,
            "Credit check failed",
            call,
            order,
            ["partner_id", "partner_invoice_id", "state"],
            same=lines,
        )
        self.assertEqual(order.state, "sale")

    def new_line(self, price):
        return Command.create({"product_id": self.product.id, "price_unit": price, "tax_id": []})

    def test_adding_a_line_through_the_order(self):
        order = self.confirmed(self.blocked, 90)
        order.write({"order_line": [self.new_line(10)]})  # exactly the limit
        self.assertRefused(order, lambda: order.write({"order_line": [self.new_line(0.01)]}))

    def test_adding_a_line_on_its_own(self):
        order = self.confirmed(self.blocked, 90)
        Line = self.env["sale.order.line"].with_user(self.seller)
        vals = {"order_id": order.id, "product_id": self.product.id, "price_unit": 11}
        self.assertRefused(order, lambda: Line.create(vals))
        self.assertRefused(
            order,
            lambda: Line.with_context(default_order_id=order.id).create(
                {"product_id": self.product.id, "price_unit": 11}
            ),
        )

    def test_growing_a_line(self):
        order = self.confirmed(self.blocked, 60)
        line = order.order_line
        self.assertRefused(order, lambda: line.write({"product_uom_qty": 2, "price_unit": 60}))
        self.assertRefused(order, lambda: line.write({"price_unit": 100.01}))
        self.assertRefused(
            order, lambda: order.write({"order_line": [Command.update(line.id, {"discount": -70})]})
        )
        # Making it smaller always passes, even over the limit.
        self.invoice(self.blocked, 500)
        line.write({"price_unit": 50})
        self.assertEqual(order.amount_total, 50)

    def test_removing_a_negative_line(self):
        order = self.confirmed(self.blocked, 100)
        rebate = self.env["sale.order.line"].create(
            {"order_id": order.id, "product_id": self.product.id, "price_unit": -30, "tax_id": []}
        )
        order.write({"order_line": [self.new_line(30)]})  # back at the limit
        # Odoo keeps confirmed lines (no unlink): a rebate goes by setting its quantity to 0.
        self.assertRefused(
            order,
            lambda: rebate.with_user(self.seller).write({"product_uom_qty": 0, "price_unit": -30}),
        )
        self.assertRefused(
            order,
            lambda: order.write(
                {
                    "order_line": [
                        Command.update(rebate.id, {"product_uom_qty": 0, "price_unit": -30})
                    ]
                }
            ),
        )

    def test_moving_a_line_to_a_confirmed_order(self):
        order = self.confirmed(self.blocked, 100)
        quotation = self.order(self.blocked, 50)
        line = quotation.order_line.with_user(self.seller)
        self.assertRefused(order, lambda: line.write({"order_id": order.id}))

    def test_changing_the_customer(self):
        order = self.confirmed(self.free, 150)
        self.assertRefused(order, lambda: order.write({"partner_id": self.blocked.id}))

    def test_changing_the_invoice_address(self):
        order = self.confirmed(self.free, 150)
        self.assertRefused(order, lambda: order.write({"partner_invoice_id": self.blocked.id}))

    def test_changing_the_currency(self):
        usd = self.env.ref("base.USD")
        other = self.env.ref("base.EUR") if self.company.currency_id == usd else usd
        other.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": other.id, "rate": 0.5, "company_id": self.company.id}
        )
        order = self.confirmed(self.blocked, 60)
        # 60 in a currency worth twice the company's is 120 (Odoo refuses a new pricelist on
        # a confirmed order, not a new currency written over RPC).
        self.assertRefused(order, lambda: order.write({"currency_id": other.id}))

    def test_the_payer_counts_too_and_the_stricter_wins(self):
        warned = self.distributor(100, "warn")
        order = self.order(warned, 150).with_user(self.seller)
        order.partner_invoice_id = self.blocked
        with self.assertRaisesRegex(UserError, "Credit check failed for Distributor"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        # An order billed to the distributor counts in its exposure.
        billed = self.order(self.free, 60)
        billed.partner_invoice_id = self.blocked
        billed.action_confirm()
        self.blocked.invalidate_recordset()
        self.assertEqual(self.blocked.channel_exposure_orders, 60)

    def test_warn_policy_notes_the_growth(self):
        warned = self.distributor(100, "warn")
        order = self.confirmed(warned, 90)
        order.order_line.price_unit = 120
        self.assertEqual(order.amount_total, 120)
        self.assertTrue(order.message_ids.filtered(lambda m: "Over the limit by" in (m.body or "")))

    def test_approval_policy_refuses_growth_without_a_new_release(self):
        partner = self.distributor(100, "approval")
        order = self.confirmed(partner, 90)
        with self.assertRaisesRegex(UserError, "request a credit release"):
            order.order_line.price_unit = 120

    def test_neutral_edits_of_an_order_over_the_limit_pass(self):
        order = self.confirmed(self.blocked, 100)
        self.invoice(self.blocked, 500)  # now over the limit
        order.write({"client_order_ref": "PO-1", "note": "Deliver by the back door"})
        order.order_line.write({"name": "Tile, grey"})
        self.assertEqual(order.client_order_ref, "PO-1")


@tagged("post_install", "-at_install")
class TestConfirmedOrderKeepsItsPayer(CreditCase):
    """A confirmed order of a controlled distributor keeps its payer: moving it to another
    customer or invoice address, or writing it back to a quotation, would free the
    distributor's credit while its goods are sold.

    Who can write the order's customer, invoice address and status: its salesperson (and any
    salesperson of the team with Odoo's "all documents" right), sales managers, invoicing users
    with sales rights; each refused here as the salesperson, the lowest of them. A Credit
    Manager may; cancelling (with the deliveries) stays open to everyone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.blocked = cls.distributor(10**6, "block")
        cls.free = cls.env["res.partner"].create({"name": "Walk-in", "is_company": True})

    def confirmed(self):
        order = self.order(self.blocked, 150)
        order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "sale")
        return order.with_user(self.seller)

    def assertKept(self, order, call, message):
        """The order stays confirmed for its distributor, whose exposure does not move."""
        self.assert_refused(AccessError, message, call, self.blocked, ["channel_credit_exposure"])
        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id | order.partner_invoice_id, self.blocked)

    def test_another_customer_or_invoice_address_needs_a_credit_manager(self):
        order = self.confirmed()
        for vals in (
            {"partner_id": self.free.id},
            {"partner_invoice_id": self.free.id},
            {"partner_id": self.free.id, "partner_invoice_id": self.free.id},
        ):
            with self.subTest(vals=vals):
                self.assertKept(
                    order, lambda v=vals: order.write(v), "only a Credit Manager moves it"
                )
        # Another address of the same distributor is still the distributor.
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": self.blocked.id})
        order.write({"partner_invoice_id": contact.id})
        self.assertEqual(order.partner_invoice_id, contact)
        self.credit_manager.groups_id |= self.env.ref("sales_team.group_sale_salesman_all_leads")
        order.with_user(self.credit_manager).write({"partner_invoice_id": self.free.id})
        self.assertEqual(order.partner_invoice_id, self.free)

    def test_no_status_written_back_but_cancelling(self):
        order = self.confirmed()
        for state in ("draft", "sent", "cancel"):
            with self.subTest(state=state):
                self.assertKept(order, lambda s=state: order.write({"state": s}), "cancel it")
        order.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(order.state, "cancel")
        self.blocked.invalidate_recordset()
        self.assertEqual(self.blocked.channel_exposure_orders, 0)

    def test_orders_outside_credit_control_keep_odoos_rules(self):
        order = self.order(self.free, 150)
        order.with_user(self.seller).action_confirm()
        other = self.env["res.partner"].create({"name": "Other", "is_company": True})
        order.with_user(self.seller).write({"partner_invoice_id": other.id})
        self.assertEqual(order.partner_invoice_id, other)
