"""Cash before delivery (款到发货): the order is confirmed, its goods leave once paid for.

The rule reads stock moves (what leaves, how much, to whom, for which order line), order
lines (the price), invoices and what paid them, and the partners' credit policy. Who can write
those records, and so each door tried here as that role with the error and nothing changed:

- warehouse users (stock.group_stock_user): pickings and moves (status, order, order line,
  product, destination), detailed lines of done moves, new transfers of any type, returns;
- salespeople: the order (customer, status, lines);
- invoicing users: invoices, credit notes, journal entries, payments and their matching;
- Credit Managers: the policy, and goods without an order (the one exception);
- portal customers confirm online, as the system: they reach no stock move.
"""

from odoo import Command
from odoo.addons.channel_credit.tests.common import CreditCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

UNPAID = "cannot leave before the customer has paid"


@tagged("post_install", "-at_install")
class TestCashBeforeDelivery(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse_user = new_test_user(
            cls.env, "cc_warehouse", groups="stock.group_stock_user", company_id=cls.company.id
        )
        cls.billing = new_test_user(
            cls.env, "cc_billing", groups="account.group_account_invoice", company_id=cls.company.id
        )
        cls.stock_credit_manager = new_test_user(
            cls.env,
            "cc_stock_manager",
            groups="stock.group_stock_user,sales_team.group_sale_salesman_all_leads,"
            "channel_credit.group_channel_credit_manager",
            company_id=cls.company.id,
        )
        cls.bank = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], limit=1
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.valve = cls.env["product.product"].create(
            {
                "name": "Gate Valve DN50",
                "is_storable": True,
                "list_price": 500.0,
                "taxes_id": [Command.clear()],
                "invoice_policy": "order",
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.valve, cls.stock, 100)

    # Helpers ------------------------------------------------------------------------------------

    def confirmed(self, partner, qty=2, price=500.0):
        order = (
            self.env["sale.order"]
            .with_user(self.seller)
            .create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.valve.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        return order.with_user(self.env.user), order.picking_ids

    def validate(self, picking, qty=None, user=None, backorder=True):
        picking = picking.with_user(user or self.warehouse_user)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty if qty is None else qty
        result = picking.button_validate()
        if isinstance(result, dict) and result.get("res_model") == "stock.backorder.confirmation":
            wizard = Form(
                self.env["stock.backorder.confirmation"]
                .with_user(user or self.warehouse_user)
                .with_context(**result["context"])
            ).save()
            if backorder:
                wizard.process()
            else:
                wizard.process_cancel_backorder()
        return picking

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

    def at_customers(self):
        return self.env["stock.quant"]._get_available_quantity(
            self.valve, self.customers, allow_negative=True
        )

    def in_stock(self):
        return self.env["stock.quant"]._get_available_quantity(self.valve, self.stock)

    def assertHeld(self, call, message=UNPAID, error=UserError):
        """``call()`` is refused with ``message``: no goods left, no stock moved."""
        self.assert_refused(
            error,
            message,
            call,
            same=lambda: (
                self.in_stock(),
                self.at_customers(),
                self.env["stock.move"].search_count([("state", "=", "done")]),
            ),
        )

    # The rule -----------------------------------------------------------------------------------

    def test_confirmed_whatever_the_limit_but_not_delivered_before_payment(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner)
        self.assertTrue(picking.channel_awaiting_payment)
        self.assertHeld(lambda: self.validate(picking))
        self.assertNotEqual(picking.state, "done")
        _order, other = self.confirmed(self.distributor(10**6, "block"))
        awaiting = self.env["stock.picking"].search([("channel_awaiting_payment", "=", True)])
        self.assertIn(picking, awaiting)
        self.assertNotIn(other, awaiting)

    def test_the_credit_side_sees_what_waits_for_payment(self):
        """The order says so, and the Credit menu lists it for the Credit Manager and for the
        order's salesperson, who has no Inventory rights."""
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner)
        self.assertFalse(self.seller.has_group("stock.group_stock_user"))
        self.assertTrue(order.with_user(self.seller).channel_awaiting_payment)
        action = self.env.ref("channel_credit_stock.stock_picking_awaiting_payment_action")
        menu = self.env.ref("channel_credit_stock.stock_picking_awaiting_payment_menu")
        for user in (self.seller, self.credit_manager):
            self.assertIn(menu, self.env["ir.ui.menu"].with_user(user).search([]))
            listed = self.env["stock.picking"].with_user(user).search(safe_eval(action.domain))
            self.assertIn(picking, listed)
            order.with_user(user).get_views([(False, "form")])  # the banner's view opens
        self.pay(self.invoice_order(order), 1000)
        order.invalidate_recordset()
        self.assertFalse(order.with_user(self.seller).channel_awaiting_payment)
        listed = self.env["stock.picking"].with_user(self.seller).search(safe_eval(action.domain))
        self.assertNotIn(picking, listed)

    def test_paid_invoice_releases_the_delivery_at_the_cent(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=2)
        invoice = self.invoice_order(order)
        self.pay(invoice, 999.99)
        picking.invalidate_recordset()
        self.assertTrue(picking.channel_awaiting_payment)
        self.assertHeld(lambda: self.validate(picking))
        self.pay(invoice, 0.01)
        picking.invalidate_recordset()
        self.assertFalse(picking.channel_awaiting_payment)
        self.validate(picking)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.at_customers(), 2)

    def test_what_leaves_is_what_was_paid_for(self):
        """Half paid, half may leave; the backorder waits for the rest of the money."""
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=2)
        invoice = self.invoice_order(order)
        self.pay(invoice, 500)
        self.assertHeld(lambda: self.validate(picking))
        self.validate(picking, qty=1)
        self.assertEqual(picking.state, "done")
        backorder = order.picking_ids - picking
        self.assertHeld(lambda: self.validate(backorder))
        self.pay(invoice, 500)
        self.validate(backorder)
        self.assertEqual(self.at_customers(), 2)

    def test_a_prepayment_covering_everything_owed_releases_it(self):
        partner = self.distributor(0, "prepay")
        _order, picking = self.confirmed(partner, qty=2)
        self.prepay(partner, 999.99)
        self.assertHeld(lambda: self.validate(picking))
        self.prepay(partner, 0.01)
        picking.invalidate_recordset()
        self.assertFalse(picking.channel_awaiting_payment)
        self.validate(picking)
        self.assertEqual(picking.state, "done")
        # The next order is not covered by the same money.
        _order, second = self.confirmed(partner, qty=1)
        self.assertTrue(second.channel_awaiting_payment)

    def test_other_policies_deliver_as_odoo_does(self):
        _order, picking = self.confirmed(self.distributor(10**6, "block"))
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

    # Warehouse users ----------------------------------------------------------------------------

    def test_a_second_move_on_a_paid_line_counts_against_it(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=1)
        self.pay(self.invoice_order(order), 500)
        self.validate(picking)
        line = order.order_line
        extra = (
            self.env["stock.picking"]
            .with_user(self.warehouse_user)
            .create(
                {
                    "picking_type_id": self.warehouse.out_type_id.id,
                    "partner_id": partner.id,
                    "location_id": self.stock.id,
                    "location_dest_id": self.customers.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": "Again",
                                "product_id": self.valve.id,
                                "product_uom_qty": 1,
                                "location_id": self.stock.id,
                                "location_dest_id": self.customers.id,
                                "sale_line_id": line.id,
                            }
                        )
                    ],
                }
            )
        )
        extra.action_confirm()
        self.assertHeld(lambda: self.validate(extra), "would have left, 1.0 were ordered")
        self.assertEqual(self.at_customers(), 1)

    def test_done_quantities_edited_afterwards(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=1)
        self.pay(self.invoice_order(order), 500)
        self.validate(picking)
        move = picking.move_ids.with_user(self.warehouse_user)
        self.assertHeld(lambda: move.move_line_ids.write({"quantity": 5}), "were ordered")
        self.assertHeld(lambda: move.write({"quantity": 5}), "were ordered")
        self.assertEqual(move.quantity, 1)

    def test_no_status_written_by_hand(self):
        partner = self.distributor(0, "prepay")
        _order, picking = self.confirmed(partner)
        own = picking.with_user(self.warehouse_user)
        self.assertHeld(lambda: own.move_ids.write({"state": "done"}), "validating", AccessError)
        self.assertHeld(lambda: own.write({"state": "done"}), "validating", AccessError)
        self.assertEqual(picking.state, "assigned")
        move_vals = {
            "name": "Created done",
            "product_id": self.valve.id,
            "product_uom_qty": 1,
            "quantity": 1,
            "location_id": self.stock.id,
            "location_dest_id": self.customers.id,
            "partner_id": partner.id,
            "state": "done",
        }
        Move = self.env["stock.move"].with_user(self.warehouse_user)
        # Refused as it is created (its detailed line already moves goods out) or just after.
        self.assertHeld(lambda: Move.create(move_vals), "validating|only a Credit Manager")
        # A done delivery cannot be put back to deliver its goods a second time.
        _order, paid = self.confirmed(self.distributor(10**6, "block"))
        self.validate(paid)
        with self.assertRaisesRegex(AccessError, "stays done"):
            paid.move_ids.with_user(self.warehouse_user).write({"state": "assigned"})
        with self.assertRaisesRegex(AccessError, "stays done"):
            paid.with_user(self.warehouse_user).write({"state": "assigned"})
        self.assertEqual((paid.state, paid.move_ids.state), ("done", "done"))

    def test_no_repointing_of_the_order_line_product_or_order(self):
        partner = self.distributor(0, "prepay")
        _order, picking = self.confirmed(partner, qty=1)
        paid_order, paid_picking = self.confirmed(self.distributor(0, "prepay"), qty=1)
        self.pay(self.invoice_order(paid_order), 500)
        move = picking.move_ids.with_user(self.warehouse_user)
        cheap = self.env["product.product"].create({"name": "Washer", "is_storable": True})
        for vals in (
            {"sale_line_id": paid_order.order_line.id},
            {"sale_line_id": False},
            {"product_id": cheap.id},
        ):
            with self.subTest(vals=vals):
                self.assertHeld(lambda v=vals: move.write(v), "re-points them", AccessError)
        with self.assertRaisesRegex(AccessError, "Credit Manager"):
            picking.with_user(self.warehouse_user).write({"sale_id": paid_order.id})
        with self.assertRaisesRegex(AccessError, "Credit Manager"):
            picking.with_user(self.warehouse_user).write({"sale_id": False})
        self.assertEqual(move.sale_line_id, _order.order_line)
        self.assertEqual(picking.sale_id, _order)
        self.assertTrue(paid_picking)

    def test_a_transfer_without_an_order_needs_a_credit_manager(self):
        partner = self.distributor(0, "prepay")
        for picking_type in (self.warehouse.out_type_id, self.warehouse.int_type_id):
            transfer = (
                self.env["stock.picking"]
                .with_user(self.warehouse_user)
                .create(
                    {
                        "picking_type_id": picking_type.id,
                        "partner_id": partner.id,
                        "location_id": self.stock.id,
                        "location_dest_id": self.customers.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": "Loose",
                                    "product_id": self.valve.id,
                                    "product_uom_qty": 1,
                                    "location_id": self.stock.id,
                                    "location_dest_id": self.customers.id,
                                }
                            )
                        ],
                    }
                )
            )
            transfer.action_confirm()
            with self.subTest(picking_type=picking_type.name):
                self.assertHeld(lambda t=transfer: self.validate(t), "only a Credit Manager")
                self.validate(transfer, user=self.stock_credit_manager)
                self.assertEqual(transfer.state, "done")

    def test_a_return_and_its_redelivery(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=1)
        self.pay(self.invoice_order(order), 500)
        self.validate(picking)
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(self.warehouse_user)
            .with_context(active_id=picking.id, active_model="stock.picking")
        ).save()
        wizard.product_return_moves.quantity = 1
        back = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        self.validate(back)
        self.assertEqual(self.at_customers(), 0)
        # The goods sent again (a return of the return): they were paid for once.
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(self.warehouse_user)
            .with_context(active_id=back.id, active_model="stock.picking")
        ).save()
        wizard.product_return_moves.quantity = 1
        again = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        self.validate(again)
        self.assertEqual(self.at_customers(), 1)
        # A third unit for the one paid would not leave.
        self.assertEqual(order.order_line._channel_net_delivered({}), 1)

    # Salespeople --------------------------------------------------------------------------------

    def test_no_way_around_by_the_order(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner)
        # The order's state is not written back to a quotation (that would free the credit),
        self.assertHeld(
            lambda: order.with_user(self.seller).write({"state": "draft"}), "cancel it", AccessError
        )
        # and were it so (a Credit Manager), goods leave against money, not against a status.
        order.with_user(self.credit_manager).sudo().write({"state": "draft"})
        self.assertHeld(lambda: self.validate(picking))
        self.assertNotEqual(picking.state, "done")

    def test_goods_for_such_a_distributor_on_anothers_order(self):
        """Goods going to a cash-before-delivery distributor wait for the order's own money,
        whoever pays it; the distributor's prepayments do not cover another's order."""
        partner = self.distributor(0, "prepay")
        other = self.env["res.partner"].create({"name": "Loose", "is_company": True})
        order, picking = self.confirmed(other, qty=1)
        picking.partner_id = partner
        self.prepay(partner, 10**4)
        self.assertHeld(lambda: self.validate(picking))
        self.pay(self.invoice_order(order), 500)
        self.validate(picking)
        self.assertEqual(picking.state, "done")

    # Invoicing users ----------------------------------------------------------------------------

    def test_a_credit_note_or_a_journal_entry_is_not_money(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=1)
        invoice = self.invoice_order(order)
        # A credit note matched to the invoice settles it without money.
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.billing)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "no money"})
        )
        refund = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        refund.with_user(self.billing).action_post()  # matched to the invoice as it posts
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertHeld(lambda: self.validate(picking))
        # A forged payment status is not money either.
        order2, picking2 = self.confirmed(partner, qty=1)
        invoice2 = self.invoice_order(order2)
        invoice2.write({"payment_state": "paid"})
        self.assertHeld(lambda: self.validate(picking2))
        # Nor a journal entry written against the receivable.
        receivable = invoice2.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        entry = (
            self.env["account.move"]
            .with_user(self.billing)
            .create(
                {
                    "move_type": "entry",
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": receivable.account_id.id,
                                "partner_id": partner.id,
                                "credit": 500,
                            }
                        ),
                        Command.create(
                            {
                                "account_id": self.company.expense_currency_exchange_account_id.id,
                                "debit": 500,
                            }
                        ),
                    ],
                }
            )
        )
        entry.action_post()
        (receivable | entry.line_ids.filtered("partner_id")).with_user(self.billing).reconcile()
        self.assertEqual(invoice2.payment_state, "paid")
        self.assertHeld(lambda: self.validate(picking2))

    def test_a_draft_or_negative_invoice_is_not_money(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=2)
        # A negative order's draft invoice does not lower what the distributor owes.
        credit = self.order(partner, -5000)
        credit.with_user(self.seller).action_confirm()
        self.env["sale.advance.payment.inv"].with_context(
            active_model="sale.order", active_ids=credit.ids
        ).create({"advance_payment_method": "delivered"}).create_invoices()
        self.assertHeld(lambda: self.validate(picking))
        self.assertNotEqual(picking.state, "done")

    def test_a_down_payment_pays_for_its_share(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=2)
        down = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "percentage", "amount": 50})
        )
        down.create_invoices()
        invoice = order.invoice_ids
        invoice.action_post()
        self.pay(invoice, 500)
        self.assertHeld(lambda: self.validate(picking))
        self.validate(picking, qty=1)
        self.assertEqual(self.at_customers(), 1)

    # What an attacker's review found --------------------------------------------------------

    def test_goods_put_out_by_a_detailed_line(self):
        """The goods go where the detailed lines say: a delivery turned internal whose line
        still puts the goods at the customer's is a delivery."""
        partner = self.distributor(0, "prepay")
        _order, picking = self.confirmed(partner, qty=1)
        move = picking.move_ids.with_user(self.warehouse_user)
        move.write({"location_dest_id": self.stock.id})
        move.move_line_ids.write({"location_dest_id": self.customers.id, "quantity": 1})
        move.picked = True
        self.assertHeld(lambda: picking.with_user(self.warehouse_user).button_validate())

    def test_a_made_up_return_makes_no_room(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=1)
        self.pay(self.invoice_order(order), 500)
        self.validate(picking)
        line = order.order_line
        loss = self.env["stock.location"].search(
            [("usage", "=", "inventory"), ("company_id", "in", [self.company.id, False])], limit=1
        )
        for destination in (loss, self.stock):
            fake = (
                self.env["stock.picking"]
                .with_user(self.warehouse_user)
                .create(
                    {
                        "picking_type_id": self.warehouse.in_type_id.id,
                        "location_id": self.customers.id,
                        "location_dest_id": destination.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": "Returned?",
                                    "product_id": self.valve.id,
                                    "product_uom_qty": 1,
                                    "location_id": self.customers.id,
                                    "location_dest_id": destination.id,
                                    "sale_line_id": line.id,
                                }
                            )
                        ],
                    }
                )
            )
            fake.action_confirm()
            self.validate(fake)
        # Neither counts as goods back: no return of the delivery says they left it.
        self.assertEqual(line._channel_net_delivered({}), 1)

    def test_the_same_money_does_not_pay_twice(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=1)
        invoice = self.invoice_order(order)
        self.pay(invoice, 500)
        self.validate(picking)
        # Taking the money off the delivered order's invoice (to match it to another's).
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        with self.assertRaisesRegex(UserError, UNPAID):
            receivable.with_user(self.billing).remove_move_reconcile()
        with self.assertRaisesRegex(UserError, UNPAID):
            invoice.with_user(self.billing).button_draft()
        self.assertEqual((invoice.state, invoice.amount_residual), ("posted", 0))
        # Nor does the paid invoice's line move to another order.
        other, _picking = self.confirmed(partner, qty=1)
        with self.assertRaisesRegex(AccessError, "not changed by hand"):
            invoice.invoice_line_ids.with_user(self.billing).write(
                {"sale_line_ids": [Command.set(other.order_line.ids)]}
            )
        self.assertEqual(invoice.invoice_line_ids.sale_line_ids, order.order_line)

    def test_a_price_cut_then_put_back(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=2)
        order.order_line.with_user(self.seller).price_unit = 0.01
        self.pay(self.invoice_order(order), 0.02)
        self.validate(picking)  # goods at the price the salesperson gave
        with self.assertRaisesRegex(UserError, UNPAID):
            order.order_line.with_user(self.seller).price_unit = 500
        with self.assertRaisesRegex(UserError, UNPAID):
            order.with_user(self.seller).write(
                {
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.valve.id,
                                "product_uom_qty": 0,
                                "price_unit": 0,
                                "tax_id": [Command.clear()],
                            }
                        ),
                        Command.update(order.order_line[0].id, {"price_unit": 300}),
                    ]
                }
            )
        self.assertEqual(order.order_line.price_unit, 0.01)

    def test_only_money_is_a_prepayment(self):
        partner = self.distributor(0, "prepay")
        _order, picking = self.confirmed(partner, qty=1)
        note = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "price_unit": 10**4, "tax_ids": False}
                    )
                ],
            }
        )
        note.action_post()
        self.assertLess(partner.with_user(self.credit_manager).channel_credit_exposure, 0)
        self.assertHeld(lambda: self.validate(picking))
        self.prepay(partner, 500)
        self.validate(picking)
        self.assertEqual(picking.state, "done")

    def test_an_entry_naming_a_payment_is_not_money(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=1)
        invoice = self.invoice_order(order)
        small = self.prepay(self.env["res.partner"].create({"name": "Other"}), 0.01)
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        entry = (
            self.env["account.move"]
            .with_user(self.billing)
            .create(
                {
                    "move_type": "entry",
                    "origin_payment_id": small.id,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": receivable.account_id.id,
                                "partner_id": partner.id,
                                "credit": 500,
                            }
                        ),
                        Command.create(
                            {
                                "account_id": self.company.expense_currency_exchange_account_id.id,
                                "debit": 500,
                            }
                        ),
                    ],
                }
            )
        )
        entry.action_post()
        (receivable | entry.line_ids.filtered("partner_id")).with_user(self.billing).reconcile()
        self.assertEqual(invoice.amount_residual, 0)
        self.assertHeld(lambda: self.validate(picking))

    # Odoo's own flows, unchanged -----------------------------------------------------------------

    def test_other_customers_done_deliveries_take_new_lines(self):
        customer = self.env["res.partner"].create({"name": "Walk-in", "is_company": True})
        _order, picking = self.confirmed(customer, qty=1)
        self.validate(picking)
        picking.with_user(self.warehouse_user).action_toggle_is_locked()
        self.env["stock.move.line"].with_user(self.warehouse_user).create(
            {
                "picking_id": picking.id,
                "product_id": self.valve.id,
                "quantity": 1,
                "location_id": self.stock.id,
                "location_dest_id": self.customers.id,
            }
        )
        self.assertEqual(self.at_customers(), 2)

    def test_a_credit_manager_lets_an_extra_product_go(self):
        partner = self.distributor(0, "prepay")
        order, picking = self.confirmed(partner, qty=1)
        self.pay(self.invoice_order(order), 500)
        gift = self.env["product.product"].create({"name": "Gasket", "is_storable": True})
        self.env["stock.quant"]._update_available_quantity(gift, self.stock, 10)
        self.env["stock.move"].create(
            {
                "name": "Gasket",
                "product_id": gift.id,
                "product_uom_qty": 1,
                "picking_id": picking.id,
                "location_id": self.stock.id,
                "location_dest_id": self.customers.id,
            }
        )._action_confirm()
        self.assertHeld(lambda: self.validate(picking), "only a Credit Manager")
        self.validate(picking, user=self.stock_credit_manager)
        self.assertEqual(picking.state, "done")
        self.assertIn(gift, order.order_line.product_id)

    def test_advance_money_that_covered_goods_is_not_spent_again(self):
        partner = self.distributor(0, "prepay")
        _order, picking = self.confirmed(partner, qty=1)
        advance = self.prepay(partner, 500)
        self.validate(picking)  # covered by the advance
        old = self.invoice(partner, 500)
        money = advance.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        receivable = old.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        with self.assertRaisesRegex(UserError, UNPAID):
            (money | receivable).with_user(self.billing).reconcile()
        self.assertEqual(old.amount_residual, 500)
