"""The figures the gate reads cannot be forged: stored totals, rates and invoiced quantities are
Odoo's, and the gate computes the order's amount again from its lines.

Who can write those records: salespeople (orders and lines), invoicing users (invoices, their
lines, journal items and residuals); each tried as that role. Odoo itself and administrators
keep the right to write them (b2b_base.guards.may_write_system_fields)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestForgedFigures(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.blocked = cls.distributor(100, "block")
        cls.billing = new_test_user(
            cls.env,
            "cc_billing",
            groups="sales_team.group_sale_salesman,account.group_account_invoice",
            company_id=cls.company.id,
        )

    def assertForbidden(self, record, vals):
        self.assert_refused(
            AccessError, "computed by the system", lambda: record.write(vals), record, vals
        )

    def test_order_totals_and_rate(self):
        order = self.order(self.blocked, 150).with_user(self.seller)
        self.assertForbidden(order, {"amount_total": 1.0})
        self.assertForbidden(order, {"currency_rate": 1e6})
        self.assertForbidden(order, {"amount_untaxed": 1.0, "amount_tax": 0.0})
        with self.assertRaisesRegex(AccessError, "computed by the system"):
            self.env["sale.order"].with_user(self.seller).create(
                {"partner_id": self.blocked.id, "currency_rate": 1e6}
            )

    def test_line_figures(self):
        order = self.order(self.blocked, 90)
        order.action_confirm()
        line = order.order_line.with_user(self.seller)
        for vals in ({"qty_invoiced": 1}, {"price_total": 0.0}, {"price_subtotal": 0.0}):
            self.assertForbidden(line, vals)
        with self.assertRaisesRegex(AccessError, "computed by the system"):
            order.with_user(self.seller).write(
                {"order_line": [Command.update(line.id, {"qty_invoiced": 1})]}
            )
        with self.assertRaisesRegex(AccessError, "computed by the system"):
            self.env["sale.order.line"].with_user(self.seller).create(
                {"order_id": order.id, "product_id": self.product.id, "price_total": 0.01}
            )
        # An empty figure, as a form sends it, is the system's to compute, not kept as given.
        line = (
            self.env["sale.order.line"]
            .with_user(self.seller)
            .create({"order_id": order.id, "product_id": self.product.id, "price_total": 0.0})
        )
        self.assertEqual(line.price_total, 1.0)
        # Nor does the current value, sent back with a change it depends on, stay as it was.
        line.write({"price_unit": 5.0, "price_total": 1.0})
        self.assertEqual(line.price_total, 5.0)

    def test_receivables_of_an_accountant(self):
        invoice = self.invoice(self.blocked, 50)
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).with_user(self.billing)
        self.assertForbidden(receivable, {"amount_residual": 0.0})
        self.assertForbidden(receivable, {"reconciled": True})
        self.assertForbidden(invoice.with_user(self.billing), {"amount_total_signed": 0.0})

    def test_the_gate_does_not_read_stored_totals(self):
        order = self.order(self.blocked, 150)
        # Even with the stored figures forged behind the ORM's back, the gate sees 150.
        self.env.cr.execute(
            "UPDATE sale_order SET amount_total = 1, currency_rate = 1000000 WHERE id = %s",
            [order.id],
        )
        order.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "this order [^\\n]*150.00"):
            order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_administrators_keep_their_rights(self):
        admin = self.env.ref("base.user_admin")
        order = self.order(self.blocked, 50)
        order.with_user(admin).write({"amount_total": 50.0})
        self.assertEqual(order.amount_total, 50.0)

    def test_invoice_lines_cannot_be_linked_by_hand(self):
        other = self.env["res.partner"].create({"name": "Other", "is_company": True})
        foreign = self.invoice(other, 10**6).invoice_line_ids
        foreign.quantity = 10**6
        order = self.order(self.blocked, 150)
        with self.assertRaisesRegex(AccessError, "computed by the system"):
            order.order_line.with_user(self.seller).write(
                {"invoice_lines": [Command.set(foreign.ids)]}
            )
        self.assertFalse(order.order_line.invoice_lines)
        with self.assertRaisesRegex(UserError, "Credit check failed"):
            order.with_user(self.seller).action_confirm()

    def test_a_negative_order_makes_no_room(self):
        rebate = self.order(self.blocked, -1000)
        rebate.with_user(self.seller).action_confirm()
        self.assertEqual(rebate.state, "sale")
        self.assertEqual(self.blocked.channel_exposure_orders, 0)
        with self.assertRaisesRegex(UserError, "Credit check failed"):
            self.order(self.blocked, 150).with_user(self.seller).action_confirm()
        # Within one order, a rebate line still lowers what the order owes.
        mixed = self.order(self.blocked, 100)
        mixed.order_line.create(
            {"order_id": mixed.id, "product_id": self.product.id, "price_unit": -30, "tax_id": []}
        )
        mixed.action_confirm()
        self.blocked.invalidate_recordset()
        self.assertEqual(self.blocked.channel_exposure_orders, 70)

    def test_orders_count_at_todays_rate_whatever_their_date(self):
        usd = self.env.ref("base.USD")
        other = self.env.ref("base.EUR") if self.company.currency_id == usd else usd
        other.active = True
        Rate = self.env["res.currency.rate"]
        Rate.create({"currency_id": other.id, "rate": 0.5, "company_id": self.company.id})
        Rate.create(
            {
                "currency_id": other.id,
                "rate": 100,
                "name": "2020-01-01",
                "company_id": self.company.id,
            }
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Export", "currency_id": other.id}
        )
        order = self.order(self.blocked, 40)
        order.pricelist_id = pricelist
        order.action_confirm()
        self.blocked.invalidate_recordset()
        self.assertEqual(self.blocked.channel_exposure_orders, 80)
        order.with_user(self.seller).write({"date_order": "2020-01-02 00:00:00"})
        self.assertEqual(order.currency_rate, 100)  # Odoo's rate of the order date...
        self.blocked.invalidate_recordset()
        self.assertEqual(self.blocked.channel_exposure_orders, 80)  # ...not the credit's

    def test_a_draft_credit_note_lowers_nothing(self):
        self.invoice(self.blocked, 90)
        self.invoice(self.blocked, 80, post=False, move_type="out_refund")
        self.assertEqual(self.blocked.channel_credit_exposure, 90)
