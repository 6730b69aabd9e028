"""Only collected money counts (回收账款): a key-account deal in the collect-payment step is
won once its customer has paid, and the scoreboard counts money, not orders.

The rule reads the deal (stage, team, type), the orders made for it, their invoices, credit
notes and what paid them, and the invoice's salesperson when the money came. Who can write
those, and so each door tried here as that role:

- key-account reps and salespeople: the deal's stage, team and type (create, write, copy,
  import, context defaults), and an order's link to a deal;
- invoicing users: invoices, credit notes, payments and their matching, an invoice's
  salesperson, the matching records themselves;
- the nightly job that wins paid deals.
"""

import base64
import io

import openpyxl

from odoo import Command
from odoo.addons.b2b_base.tests.common import RollbackCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..rules import collected_in_full


@tagged("post_install", "-at_install")
class TestCollectedMoney(RollbackCase):
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
        self.assertIn("the customer has paid", "".join(self.lead.message_ids.mapped("body")))

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

    # Doors ----------------------------------------------------------------------------------

    def test_a_credit_note_is_not_money(self):
        invoice = self.sell(10000)
        billing = new_test_user(
            self.env, "kam_collect_billing", groups="account.group_account_invoice"
        )
        note = (
            self.env["account.move"]
            .with_user(billing)
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": self.customer.id,
                    "invoice_line_ids": [
                        Command.create({"product_id": self.product.id, "price_unit": 10000})
                    ],
                }
            )
        )
        note.action_post()
        (invoice | note).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).with_user(billing).reconcile()
        self.assertEqual(invoice.amount_residual, 0)  # settled, by no money
        self.lead.invalidate_recordset()
        self.assertEqual(self.lead.kam_collected_amount, 0)
        with self.assertRaisesRegex(UserError, "won once its customer has paid"):
            self.lead.with_user(self.rep).action_set_won()
        self.assertEqual(self.lead.stage_id, self.collect)

    def test_an_older_paid_order_does_not_win_it(self):
        older = self.sell(10000)
        self.pay(older, 10000)
        order = older.invoice_line_ids.sale_line_ids.order_id
        order.opportunity_id = False
        self.env.cr.execute(
            "UPDATE sale_order SET create_date = create_date - interval '30 days' WHERE id = %s",
            [order.id],
        )
        order.invalidate_recordset()
        # A rep does not move confirmed orders between deals won on collected money;
        with self.assertRaisesRegex(AccessError, "only a key-account manager links it"):
            order.with_user(self.rep).opportunity_id = self.lead
        # linked by a key-account manager, an order older than the deal is not its.
        manager = new_test_user(
            self.env,
            "kam_collect_manager",
            groups="key_account_management.group_kam_manager,sales_team.group_sale_manager",
        )
        order.with_user(manager).opportunity_id = self.lead
        self.lead.invalidate_recordset()
        self.assertFalse(self.lead.kam_paid)
        with self.assertRaisesRegex(UserError, "won once its customer has paid"):
            self.lead.with_user(self.rep).action_set_won()
        self.assertEqual(self.lead.stage_id, self.collect)

    def test_team_and_stage_in_any_order_of_writes(self):
        other_team = self.env["crm.team"].create({"name": "Retail"})
        generic_won = self.env["crm.stage"].search(
            [("is_won", "=", True), ("team_id", "=", False)], limit=1
        )
        lead = self.env["crm.lead"].create(
            {"name": "Side door", "type": "opportunity", "team_id": other_team.id}
        )
        lead.write({"stage_id": generic_won.id})  # won as Odoo does in a team that does
        with self.assertRaisesRegex(UserError, "won once its customer has paid"):
            lead.write({"team_id": self.team.id})
        self.assertEqual(lead.team_id, other_team)
        fresh = self.env["crm.lead"].create(
            {"name": "Both at once", "type": "opportunity", "team_id": other_team.id}
        )
        with self.assertRaisesRegex(UserError, "won once its customer has paid"):
            fresh.write({"team_id": self.team.id, "stage_id": self.won.id})
        # Back to a lead and won as an opportunity of the team Odoo then gives it: it is no
        # key-account deal any more, and cannot come back won.
        self.lead.write({"type": "lead"})
        self.lead.write({"stage_id": self.won.id, "type": "opportunity"})
        self.assertNotEqual(self.lead.team_id, self.team)
        with self.assertRaisesRegex(UserError, "won once its customer has paid"):
            self.lead.write({"team_id": self.team.id})
        self.assertEqual((fresh.team_id, lead.team_id), (other_team, other_team))

    def test_created_copied_imported_or_defaulted_won_is_refused(self):
        Lead = self.env["crm.lead"].with_user(self.rep)
        vals = {"name": "Won at birth", "type": "opportunity", "team_id": self.team.id}
        count = self.env["crm.lead"].search_count([])
        with self.assertRaisesRegex(UserError, "won once its customer has paid"):
            Lead.with_context(default_stage_id=self.won.id).create(vals)
        with self.assertRaisesRegex(UserError, "won once its customer has paid"):
            self.lead.with_user(self.rep).copy({"stage_id": self.won.id})
        result = Lead.load(
            ["name", "type", "team_id/.id", "stage_id/.id"],
            [["Imported", "opportunity", str(self.team.id), str(self.won.id)]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("won once its customer has paid", result["messages"][0]["message"])
        self.assertEqual(self.env["crm.lead"].search_count([]), count)

    def test_binding_exits_hold_on_create_import_and_defaults(self):
        trust = self.env.ref("key_account_management.crm_stage_build_trust")
        trust.kam_exit_blocking = True
        needs = self.env.ref("key_account_management.crm_stage_uncover_needs")
        Lead = self.env["crm.lead"].with_user(self.rep)
        vals = {"name": "Skipped trust", "type": "opportunity", "team_id": self.team.id}
        count = self.env["crm.lead"].search_count([])
        with self.assertRaisesRegex(UserError, "still needs a supporting coach"):
            Lead.create({**vals, "stage_id": needs.id})
        with self.assertRaisesRegex(UserError, "still needs a supporting coach"):
            Lead.with_context(default_stage_id=needs.id).create(vals)
        result = Lead.load(
            ["name", "type", "team_id/.id", "stage_id/.id"],
            [["Imported", "opportunity", str(self.team.id), str(needs.id)]],
        )
        self.assertFalse(result["ids"])
        self.assertEqual(self.env["crm.lead"].search_count([]), count)
        # The first step itself passes nothing.
        first = Lead.create({**vals, "stage_id": trust.id})
        self.assertEqual(first.stage_id, trust)

    def test_collected_money_stays_with_the_salesperson_of_the_day(self):
        invoice = self.sell(10000)
        self.pay(invoice, 10000)
        billing = new_test_user(
            self.env, "kam_collect_billing2", groups="account.group_account_invoice"
        )
        invoice.with_user(billing).invoice_user_id = self.other_rep
        Report = self.env["kam.collection.report"]
        self.assertEqual(
            sum(Report.search([("user_id", "=", self.rep.id)]).mapped("amount")), 10000
        )
        self.assertFalse(Report.search([("user_id", "=", self.other_rep.id)]))
        partial = invoice.line_ids.matched_credit_ids
        with self.assertRaisesRegex(AccessError, "computed by the system"):
            partial.with_user(billing).write({"kam_user_id": self.other_rep.id})
        self.assertEqual(partial.kam_user_id, self.rep)

    def test_the_nightly_job_skips_a_deal_that_cannot_move(self):
        stuck = self.lead
        self.collect.write({"kam_exit_need_coach": True, "kam_exit_blocking": True})
        self.pay(self.sell(1000), 1000)
        other = self.env["crm.lead"].create(
            {
                "name": "Second tender",
                "type": "opportunity",
                "team_id": self.team.id,
                "partner_id": self.customer.id,
                "user_id": self.rep.id,
            }
        )
        other.kam_role_ids = [
            Command.create(
                {"partner_id": self.customer.id, "is_coach": True, "attitude": "support"}
            )
        ]
        other.stage_id = self.collect
        order = self.sell(500).invoice_line_ids.sale_line_ids.order_id
        order.opportunity_id = other
        self.pay(order.invoice_ids, 500)
        self.assertTrue(stuck.kam_paid and other.kam_paid)
        with self.assertLogs("odoo.addons.b2b_base.jobs", "ERROR"):
            self.env["crm.lead"]._cron_kam_win_paid_deals()
        self.assertEqual((stuck.stage_id, other.stage_id), (self.collect, self.won))

    def test_an_invoice_shared_with_another_order_pays_its_share(self):
        ours = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": self.lead.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "price_unit": 10000})
                ],
            }
        )
        theirs = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "price_unit": 10000})
                ],
            }
        )
        (ours | theirs).action_confirm()
        invoice = (ours | theirs)._create_invoices()
        self.assertEqual(len(invoice), 1)
        invoice.action_post()
        self.pay(invoice, 10000)
        self.lead.invalidate_recordset()
        self.assertEqual(self.lead.kam_collected_amount, 5000)
        self.assertFalse(self.lead.kam_paid)

    def test_a_new_salesperson_does_not_make_a_won_deal_a_collecting_one(self):
        member = new_test_user(
            self.env,
            "kam_collect_member",
            groups="key_account_management.group_kam_user,sales_team.group_sale_salesman",
        )
        self.team.member_ids |= member
        other_team = self.env["crm.team"].create({"name": "Retail"})
        generic_won = self.env["crm.stage"].search(
            [("is_won", "=", True), ("team_id", "=", False)], limit=1
        )
        lead = self.env["crm.lead"].create(
            {"name": "Reassigned", "type": "opportunity", "team_id": other_team.id}
        )
        lead.write({"stage_id": generic_won.id})
        with self.assertRaisesRegex(UserError, "won once its customer has paid"):
            lead.write({"user_id": member.id})
        self.assertEqual(lead.team_id, other_team)
