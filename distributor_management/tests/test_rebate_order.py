"""A rebate settled as a discount line on the distributor's next order: paid when the order's
invoice is posted, the line kept as it was made whoever writes the order, its line or its
invoice, and owed again when the line is deleted or the order cancelled."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import RebateCase


@tagged("post_install", "-at_install")
class TestRebateOnOrder(RebateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A Channel Manager who may write orders settles on them; the representative sells.
        cls.director = new_test_user(
            cls.env,
            "dm_director",
            groups="distributor_management.group_distributor_manager,"
            "sales_team.group_sale_salesman_all_leads",
        )
        cls.seller = new_test_user(cls.env, "dm_seller", groups="sales_team.group_sale_salesman")

    def setUp(self):
        super().setUp()
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1), partner=self.buyer)
        self.pay(invoice, 110_000, date(2026, 3, 15))
        self.rebate = self.accrue()
        self.rebate.with_user(self.manager2).action_approve()

    def quotation(self, amount=10_000, partner=None):
        return (
            self.env["sale.order"]
            .with_user(self.seller)
            .create(
                {
                    "partner_id": (partner or self.buyer).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.valve.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_id": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )

    def settle_on(self, order, user=None):
        wizard = Form(
            self.env["distributor.rebate.settle"]
            .with_user(user or self.director)
            .with_context(active_ids=self.rebate.ids, default_rebate_ids=self.rebate.ids)
        )
        wizard.order_id = order
        self.assertEqual((wizard.partner_id, wizard.amount), (self.buyer, 2_200))
        wizard.save().action_settle()
        return self.rebate.sudo().sale_line_id

    def invoice_order(self, order):
        order.with_user(self.seller).action_confirm()
        return order.sudo()._create_invoices().with_user(self.accountant)

    def test_paid_when_the_orders_invoice_is_posted(self):
        order = self.quotation()
        line = self.settle_on(order)
        self.assertEqual(
            (line.order_id, line.product_uom_qty, line.price_unit, line.tax_id, line.discount),
            (order, 1, -2_200, self.env["account.tax"], 0),
        )
        self.assertEqual(line.name, f"Rebate (返利) {self.rebate.name}: 2026-01-01 to 2026-03-31")
        self.assertEqual(order.amount_untaxed, 7_800)
        self.assertEqual(
            (self.rebate.state, self.rebate.settled_amount, self.rebate.sale_order_id),
            ("settled", 2_200, order),
        )
        # Nothing is paid until an invoice is posted; the period waits for it.
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("to_invoice", 0))
        invoice = self.invoice_order(order)
        invoice.invoice_date = date(2026, 3, 31)
        self.assertEqual((invoice.amount_total, self.rebate.paid), (7_800, 0))
        self.assertEqual(self.accrue(), self.rebate)
        invoice.action_post()
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("posted", 2_200))
        # A later accrual of the period nets what the discount paid: 120,000 collected, 3 %.
        self.pay(
            self.invoice([(self.valve, 10_000)], date(2026, 3, 1), partner=self.buyer),
            10_000,
            date(2026, 3, 20),
        )
        _first, second = self.accrue()
        self.assertEqual(self.figures(second), (120_000, 1.2, 3, 3_600, 2_200, 1_400))
        # The discount is no sale: the order's invoice (dated in the quarter) counts its valves.
        self.assertEqual(self.q1._sell_in_and_collected()[self.q1.id][0], 150_000)

    def test_a_credit_note_gives_the_discount_back(self):
        order = self.quotation()
        self.settle_on(order)
        invoice = self.invoice_order(order)
        invoice.action_post()
        refund = self.reverse(invoice).with_user(self.accountant)
        refund.action_post()
        # Back to invoice: the order invoices it again, the period waits.
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("to_invoice", 0))
        self.assertEqual(self.accrue(), self.rebate)
        again = order.sudo()._create_invoices().with_user(self.accountant)
        again.action_post()
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("posted", 2_200))

    def test_the_discount_line_stays_as_it_was_made(self):
        order = self.quotation()
        line = self.settle_on(order).with_user(self.seller)
        other = self.distributor("Someone Else")
        names = ["price_unit", "product_uom_qty", "discount", "tax_id", "product_id"]
        tax = self.env["account.tax"].create({"name": "VAT 13", "amount": 13})
        for vals in (
            {"price_unit": -22_000},
            {"product_uom_qty": 2},
            {"discount": 50},
            {"tax_id": [Command.set(tax.ids)]},
            {"product_id": self.valve.id, "price_unit": -2_200},
            # Several fields in one call: checked as the line then is.
            {"price_unit": -1_100, "product_uom_qty": 2},
        ):
            self.assert_refused(
                UserError,
                # A new product is refused by Odoo first, as on an invoiced line.
                "settles the rebate .* stays as it was made|cannot modify the product",
                lambda v=vals: line.write(v),
                line,
                names,
            )
        # Nor moved onto another distributor's order, or the order to another distributor.
        self.assert_refused(
            UserError,
            "stays as it was made",
            lambda: order.with_user(self.seller).write({"partner_id": other.id}),
            order,
            ["partner_id"],
        )
        euro = self.env["product.pricelist"].create(
            {"name": "Export", "currency_id": self.env.ref("base.EUR").id}
        )
        self.assert_refused(
            UserError,
            "stays as it was made",
            lambda: order.with_user(self.seller).write({"pricelist_id": euro.id}),
            order,
            ["pricelist_id", "currency_id"],
        )
        elsewhere = self.quotation(partner=other)
        self.assert_refused(
            UserError,
            "stays as it was made",
            lambda: line.write({"order_id": elsewhere.id}),
            line,
            ["order_id"],
        )
        # The one2many of the order is the same door.
        self.assert_refused(
            UserError,
            "stays as it was made",
            lambda: order.with_user(self.seller).write(
                {"order_line": [Command.update(line.id, {"price_unit": -9_999})]}
            ),
            line,
            ["price_unit"],
        )
        # The pricelist sets no price on it, and a copy of the order pays nothing again.
        order.with_user(self.seller).action_update_prices()
        self.assertEqual(line.price_unit, -2_200)
        copy = order.with_user(self.seller).copy()
        self.assertEqual(copy.order_line.product_id, self.valve)

    def test_the_order_form_shows_the_discount_line_read_only(self):
        order = self.quotation()
        line = self.settle_on(order)
        self.seller.groups_id += self.env.ref("sale.group_discount_per_so_line")
        with Form(order.with_user(self.seller)) as form:
            with form.order_line.edit(1) as discount:
                self.assertEqual(discount.product_id, line.product_id)
                for name in ("product_id", "product_uom_qty", "price_unit", "discount", "tax_id"):
                    with self.assertRaisesRegex(AssertionError, "readonly"):
                        setattr(discount, name, False)
            with form.order_line.edit(0) as sold:
                sold.price_unit = 12_000  # the distributor's other lines stay editable
        self.assertEqual(order.order_line.mapped("price_unit"), [12_000, -2_200])

    def test_an_invoice_takes_the_whole_discount_once(self):
        order = self.quotation()
        self.settle_on(order)
        invoice = self.invoice_order(order)
        rebate_line = invoice.invoice_line_ids.filtered(lambda line: line.price_unit < 0)
        for vals in ({"price_unit": -1_000}, {"quantity": 2}):
            with self.cr.savepoint() as savepoint:
                rebate_line.write(vals)
                self.assert_refused(
                    UserError,
                    "invoiced once, as it was made",
                    invoice.action_post,
                    invoice,
                    ["state"],
                )
                savepoint.rollback()
        self.assertEqual(self.rebate.paid, 0)
        # An invoice without it pays nothing; the order still has it to invoice.
        invoice.write({"invoice_line_ids": [Command.delete(rebate_line.id)]})
        invoice.action_post()
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("to_invoice", 0))
        # Alone on the next invoice, the discount makes it a credit note of 2,200: paid.
        later = order.sudo()._create_invoices(final=True).with_user(self.accountant)
        self.assertEqual((later.move_type, later.amount_total), ("out_refund", 2_200))
        later.action_post()
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("posted", 2_200))

    def test_deleted_or_cancelled_it_is_owed_again(self):
        order = self.quotation()
        line = self.settle_on(order)
        line.with_user(self.seller).unlink()
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("cancel", 0))
        _first, again = self.accrue()
        self.assertEqual(self.figures(again), (110_000, 1.1, 2, 2_200, 0, 2_200))

        # Approved again and settled on another order, which is cancelled and then brought back.
        again.with_user(self.manager2).action_approve()
        self.rebate = again
        second = self.quotation()
        self.settle_on(second)
        second.with_user(self.seller)._action_cancel()
        self.assertEqual((again.settlement_status, again.paid), ("cancel", 0))
        second.with_user(self.seller).action_draft()
        self.assertEqual(second.order_line.product_id, self.valve)
        self.assertFalse(again.sudo().sale_line_id)
        self.assertEqual(again.settlement_status, "cancel")
        self.assertIn("set back to quotation", again.message_ids[0].body)
        *_old, third = self.accrue()
        self.assertEqual(third.amount, 2_200)

    def test_only_on_an_open_order_of_its_distributor(self):
        other = self.distributor("Someone Else")
        small = self.quotation(amount=2_000)
        cancelled = self.quotation()
        cancelled.with_user(self.seller)._action_cancel()
        for order, message in (
            (self.quotation(partner=other), "not one"),
            (cancelled, "not one"),
            (small, "less than the"),
        ):
            self.assert_refused(
                UserError,
                message,
                lambda o=order: self.rebate.with_user(self.director).action_settle_on_order(o),
                self.rebate,
                ["state"],
                model="sale.order.line",
            )
        order = self.quotation()
        # Not by a representative, nor by a Channel Manager without Sales rights on the order.
        for user in (self.rep, self.manager):
            self.assert_refused(
                AccessError,
                None,
                lambda u=user: self.rebate.with_user(u).action_settle_on_order(order),
                self.rebate,
                ["state"],
                model="sale.order.line",
            )
        # Not before it is approved, and never a claw-back.
        self.rebate.sudo().state = "accrued"
        self.assert_refused(
            UserError,
            "Only an approved rebate",
            lambda: self.rebate.with_user(self.director).action_settle_on_order(order),
            self.rebate,
            ["state"],
        )
        self.rebate.sudo().write({"state": "approved", "amount": -500})
        self.assert_refused(
            UserError,
            "claw-back",
            lambda: self.rebate.with_user(self.director).action_settle_on_order(order),
            self.rebate,
            ["state"],
        )

    def test_an_invoiced_discount_line_is_not_deleted(self):
        order = self.quotation()
        line = self.settle_on(order)
        self.invoice_order(order).action_post()
        order.with_user(self.seller).with_context(disable_cancel_warning=True).action_cancel()
        # Paid before the order was cancelled: it stays paid, and its line stays.
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("posted", 2_200))
        order.with_user(self.seller).action_draft()
        self.assertIn(line, order.order_line)
        self.assert_refused(
            UserError,
            "is on an invoice",
            lambda: order.with_user(self.seller).write({"order_line": [Command.delete(line.id)]}),
            line,
            ["price_unit"],
        )
        order.with_user(self.seller)._action_cancel()
        boss = new_test_user(self.env, "dm_sales_boss", groups="sales_team.group_sale_manager")
        self.assert_refused(UserError, "is on an invoice", order.with_user(boss).unlink, order)
        self.assertEqual(self.rebate.paid, 2_200)
        self.assertEqual(len(self.accrue()), 1, "nothing is owed again")

    def test_a_cancelled_order_pays_nothing_later(self):
        order = self.quotation()
        line = self.settle_on(order)
        invoice = self.invoice_order(order)
        order.sudo()._action_cancel()
        self.assertEqual((invoice.state, self.rebate.settlement_status), ("cancel", "cancel"))
        # The rebate is owed again: the cancelled invoice is not posted after all.
        invoice.button_draft()
        self.assert_refused(
            UserError, "while the order stands", invoice.action_post, invoice, ["state"]
        )
        invoice.button_cancel()
        # Back to quotation, the order drops the discount its cancelled invoice never paid.
        order.with_user(self.seller).action_draft()
        self.assertFalse(line.exists())
        self.assertEqual(self.rebate.settlement_status, "cancel")
        _first, again = self.accrue()
        self.assertEqual(again.amount, 2_200)

    def test_no_rebate_is_booked_beside_the_ledger(self):
        order = self.quotation()
        self.settle_on(order)
        invoice = self.invoice_order(order)
        discount = invoice.invoice_line_ids.filtered(lambda line: line.price_unit < 0)
        # Unlinked from the order, or typed again by hand, the discount would be paid twice.
        self.assert_refused(
            UserError,
            "recorded by invoicing its order",
            lambda: discount.write({"sale_line_ids": [Command.clear()]}),
            discount,
            ["sale_line_ids"],
        )
        product = self.company._distributor_rebate_product()
        invoice.write(
            {
                "invoice_line_ids": [
                    Command.delete(discount.id),
                    Command.create({"product_id": product.id, "price_unit": -2_200, "tax_ids": []}),
                ]
            }
        )
        self.assert_refused(
            UserError, "outside the rebate ledger", invoice.action_post, invoice, ["state"]
        )
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.buyer.id,
                "invoice_line_ids": [
                    Command.create({"product_id": product.id, "price_unit": 500, "tax_ids": []})
                ],
            }
        )
        self.assert_refused(
            UserError,
            "outside the rebate ledger",
            refund.with_user(self.accountant).action_post,
            refund,
            ["state"],
        )
        self.assertEqual(self.rebate.paid, 0)

    def test_which_invoices_paid_it_is_not_rewritten(self):
        order = self.quotation()
        line = self.settle_on(order)
        self.invoice_order(order).action_post()
        other = self.invoice([(self.valve, 2_200)], date(2026, 4, 1), partner=self.buyer)
        for user in (self.seller, self.accountant):
            for command in (Command.clear(), Command.link(other.invoice_line_ids.id)):
                self.assert_refused(
                    UserError,
                    "recorded by invoicing its order",
                    lambda u=user, c=command: line.with_user(u)
                    .sudo()
                    .write({"invoice_lines": [c]}),
                    line,
                    ["invoice_lines"],
                )
        self.assertEqual(self.rebate.paid, 2_200)

    def test_a_discount_on_every_line_leaves_the_rebate(self):
        order = self.quotation()
        line = self.settle_on(order)
        wizard = (
            self.env["sale.order.discount"]
            .with_user(self.seller)
            .create(
                {
                    "sale_order_id": order.id,
                    "discount_type": "sol_discount",
                    "discount_percentage": 0.1,
                }
            )
        )
        wizard.action_apply_discount()
        self.assertEqual((order.order_line - line).discount, 10)
        self.assertEqual((line.discount, order.amount_untaxed), (0, 6_800))

    def test_the_invoice_address_stays_the_distributors(self):
        order = self.quotation()
        self.settle_on(order)
        other = self.distributor("Someone Else")
        self.assert_refused(
            UserError,
            "stays as it was made",
            lambda: order.with_user(self.seller).write({"partner_invoice_id": other.id}),
            order,
            ["partner_invoice_id"],
        )
        # Its own branch is the distributor's.
        branch = self.env["res.partner"].create(
            {"name": "Suzhou billing", "parent_id": self.buyer.id, "type": "invoice"}
        )
        order.with_user(self.seller).partner_invoice_id = branch
        self.assertEqual(order.partner_invoice_id, branch)

    def test_a_give_back_is_not_undone_once_paid_again(self):
        order = self.quotation()
        self.settle_on(order)
        invoice = self.invoice_order(order)
        invoice.action_post()
        reversal = self.reverse(invoice).with_user(self.accountant)
        reversal.action_post()
        again = order.sudo()._create_invoices().with_user(self.accountant)
        again.action_post()
        self.assertEqual(self.rebate.paid, 2_200)
        # Back to draft, the give-back would leave the discount taken off twice.
        for undo in (reversal.button_draft, lambda: reversal.button_cancel()):
            self.assert_refused(UserError, "invoiced once", undo, reversal, ["state"])
        self.assertEqual(self.rebate.paid, 2_200)

    def test_only_the_distributors_documents_carry_the_discount(self):
        order = self.quotation()
        line = self.settle_on(order)
        order.with_user(self.seller).action_confirm()
        income = self.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", self.company.id)], limit=1
        )
        # A journal entry linked to the discount would count as paid what nobody was paid.
        entry = (
            self.env["account.move"]
            .with_user(self.accountant)
            .create(
                {
                    "move_type": "entry",
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": income.id,
                                "balance": 2_200,
                                "sale_line_ids": [Command.set(line.ids)],
                            }
                        ),
                        Command.create({"account_id": income.id, "balance": -2_200}),
                    ],
                }
            )
        )
        self.assert_refused(UserError, "invoiced once", entry.action_post, entry, ["state"])
        # Nor the invoice's discount turned into another product.
        invoice = order.sudo()._create_invoices().with_user(self.accountant)
        discount = invoice.invoice_line_ids.filtered(lambda aml: aml.price_unit < 0)
        discount.product_id = self.valve
        discount.price_unit = -2_200
        self.assert_refused(UserError, "invoiced once", invoice.action_post, invoice, ["state"])
        self.assertEqual(self.rebate.paid, 0)

    def test_an_invoice_is_refunded_after_its_order_was_cancelled(self):
        order = self.quotation()
        self.settle_on(order)
        invoice = self.invoice_order(order)
        invoice.action_post()
        order.with_user(self.seller).with_context(disable_cancel_warning=True).action_cancel()
        reversal = self.reverse(invoice).with_user(self.accountant)
        reversal.action_post()
        # Given back with its order cancelled: owed again.
        self.assertEqual((self.rebate.settlement_status, self.rebate.paid), ("cancel", 0))
        _first, again = self.accrue()
        self.assertEqual(again.amount, 2_200)

    def test_a_product_of_another_companys_rebates_is_sold_here(self):
        other = self.env["res.company"].create({"name": "Other Valve Co"})
        service = self.env["product.product"].create(
            {"name": "Commissioning", "sale_ok": False, "taxes_id": [Command.clear()]}
        )
        other.distributor_rebate_product_id = service
        service.sale_ok = True
        invoice = self.invoice([(service, 500)], date(2026, 2, 1), partner=self.buyer)
        self.assertEqual(invoice.state, "posted")
        # A company's own rebate product is one it cannot sell.
        self.assert_refused(
            ValidationError,
            "can be sold",
            lambda: setattr(self.company, "distributor_rebate_product_id", service),
            self.company,
            ["distributor_rebate_product_id"],
        )

    def test_an_order_of_exactly_the_rebate_carries_it(self):
        """The boundary of "less than the rebate": an order of 2,200 takes it whole, to 0."""
        order = self.quotation(amount=2_200)
        self.settle_on(order)
        self.assertEqual((order.amount_untaxed, self.rebate.state), (0, "settled"))
        near = self.quotation(amount=2_199.99)
        self.rebate.sudo().write({"state": "approved", "sale_line_id": False})
        self.assert_refused(
            UserError,
            "less than the",
            lambda: self.rebate.with_user(self.director).action_settle_on_order(near),
            near,
            ["amount_untaxed"],
            model="sale.order.line",
        )
