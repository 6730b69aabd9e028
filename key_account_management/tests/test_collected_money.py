"""Only collected money counts (回收账款): a key-account deal in the collect-payment step is
won once its customer has paid, and the scoreboard counts money, not orders."""

import base64
import io

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..rules import collected_in_full


@tagged("post_install", "-at_install")
class TestCollectedMoney(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.team = cls.env.ref("key_account_management.crm_team_key_accounts")
        cls.collect = cls.env.ref("key_account_management.crm_stage_collect_payment")
        cls.won = cls.env.ref("key_account_management.crm_stage_won")
        cls.rep = new_test_user(
            cls.env,
            "kam_collect_rep",
            groups="key_account_management.group_kam_user,sales_team.group_sale_salesman",
        )
        cls.other_rep = new_test_user(
            cls.env,
            "kam_collect_rep_2",
            groups="key_account_management.group_kam_user,sales_team.group_sale_salesman",
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Valve", "invoice_policy": "order", "taxes_id": [Command.clear()]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "华润置地", "is_company": True})
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Framework tender",
                "type": "opportunity",
                "team_id": cls.team.id,
                "partner_id": cls.customer.id,
                "user_id": cls.rep.id,
                "stage_id": cls.collect.id,
            }
        )

    def sell(self, amount, user=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": self.lead.id,
                "user_id": (user or self.rep).id,
                "team_id": self.team.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "price_unit": amount})
                ],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def pay(self, invoice, amount):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount})
            ._create_payments()
        )

    def test_the_rule_at_the_cent(self):
        self.assertTrue(collected_in_full(1000, 1000))
        self.assertFalse(collected_in_full(1000, 999.99))
        self.assertTrue(collected_in_full(1000, 1200))
        self.assertFalse(collected_in_full(0, 0))

    def test_won_only_once_paid(self):
        invoice = self.sell(10000)
        self.pay(invoice, 9999.99)
        self.assertEqual(
            (self.lead.kam_ordered_amount, self.lead.kam_collected_amount), (10000, 9999.99)
        )
        self.assertFalse(self.lead.kam_paid)
        # Odoo's assertRaises rolls the refused call back, as a failed request would be.
        with self.assertRaises(UserError) as caught:
            self.lead.with_user(self.rep).action_set_won()
        self.assertIn("won once its customer has paid", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            self.lead.with_user(self.rep).stage_id = self.won
        self.assertRegex(str(caught.exception), "9,999.99 collected of .*10,000.00 ordered")
        self.assertEqual(self.lead.stage_id, self.collect)
        self.env["crm.lead"]._cron_kam_win_paid_deals()
        self.assertEqual(self.lead.stage_id, self.collect)
        self.pay(invoice, 0.01)
        self.lead.invalidate_recordset()
        self.assertTrue(self.lead.kam_paid)
        self.env["crm.lead"]._cron_kam_win_paid_deals()
        self.assertEqual(self.lead.stage_id, self.won)
        self.assertIn("the customer has paid", self.lead.message_ids[0].body)

    def test_a_deal_without_orders_is_not_won_and_other_teams_win_as_odoo_does(self):
        with self.assertRaises(UserError):
            self.env["crm.lead"].create(
                {
                    "name": "Straight to won",
                    "type": "opportunity",
                    "team_id": self.team.id,
                    "stage_id": self.won.id,
                }
            )
        other_team = self.env["crm.team"].create({"name": "Retail"})
        retail = self.env["crm.lead"].create(
            {"name": "Shop", "type": "opportunity", "team_id": other_team.id}
        )
        retail.action_set_won()
        self.assertTrue(retail.stage_id.is_won)

    def test_the_scoreboard_counts_money_not_credit_notes(self):
        invoice = self.sell(10000)
        self.pay(invoice, 6000)
        refund = invoice._reverse_moves([{"ref": "Broken valves"}], cancel=False)
        refund.invoice_line_ids.price_unit = 1000
        refund.action_post()
        (invoice | refund).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        ).reconcile()
        self.assertEqual(invoice.amount_residual, 3000)  # 10,000 - 6,000 paid - 1,000 credited
        other = self.sell(500, user=self.other_rep)
        self.pay(other, 500)
        Report = self.env["kam.collection.report"]
        mine = Report.search([("user_id", "=", self.rep.id)])
        self.assertEqual(sum(mine.mapped("amount")), 6000)
        self.assertEqual(mine.team_id, self.team)
        # A rep sees their own collections; the manager sees everyone's.
        self.assertEqual(Report.with_user(self.rep).search([]).user_id, self.rep)
        export = Report.with_user(self.rep).search([]).action_export_xlsx()
        record = self.env["kam.collection.export"].browse(int(export["url"].split("/")[4]))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(record.data)))
        sheet = book.worksheets[0]
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        self.assertIn(self.rep.name, values)
        self.assertNotIn(self.other_rep.name, values)
        self.assertIn(6000, values)
