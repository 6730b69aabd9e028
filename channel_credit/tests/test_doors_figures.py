"""The figures the gate reads cannot be forged: stored totals, rates and invoiced quantities are
Odoo's, and the gate computes the order's amount again from its lines."""

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
        before = record.read(list(vals))[0]
        with self.assertRaisesRegex(AccessError, "computed by Odoo"):
            record.write(vals)
        record.invalidate_recordset()
        self.assertEqual(record.read(list(vals))[0], before)

    def test_order_totals_and_rate(self):
        order = self.order(self.blocked, 150).with_user(self.seller)
        self.assertForbidden(order, {"amount_total": 1.0})
        self.assertForbidden(order, {"currency_rate": 1e6})
        self.assertForbidden(order, {"amount_untaxed": 1.0, "amount_tax": 0.0})
        with self.assertRaisesRegex(AccessError, "computed by Odoo"):
            self.env["sale.order"].with_user(self.seller).create(
                {"partner_id": self.blocked.id, "currency_rate": 1e6}
            )

    def test_line_figures(self):
        order = self.order(self.blocked, 90)
        order.action_confirm()
        line = order.order_line.with_user(self.seller)
        for vals in ({"qty_invoiced": 1}, {"price_total": 0.0}, {"price_subtotal": 0.0}):
            self.assertForbidden(line, vals)
        with self.assertRaisesRegex(AccessError, "computed by Odoo"):
            order.with_user(self.seller).write(
                {"order_line": [Command.update(line.id, {"qty_invoiced": 1})]}
            )
        with self.assertRaisesRegex(AccessError, "computed by Odoo"):
            self.env["sale.order.line"].with_user(self.seller).create(
                {"order_id": order.id, "product_id": self.product.id, "price_total": 0.0}
            )

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
