"""The credit term bounds when a controlled distributor pays, on every path that sets it.

The rule reads the partner's payment term, the order's term, the invoice's term, its due
date and the due dates of its receivable lines. Who can write those, and so each door tried
here as that role, with the error and nothing changed:

- any contact editor (base.group_partner_manager): the partner's payment term;
- salespeople: the order's payment term;
- invoicing users (account.group_account_invoice): the invoice's term and due date before
  posting, posting itself (also through the auto-post job), and later the due date of a posted
  invoice and of its journal items;
- Credit Managers: the credit term, and any longer term (the one exception).
"""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestPaymentTermDoors(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.distributor(10**6, "block", channel_credit_term_days=31)
        cls.end_of_following_month = cls.env.ref("account.account_payment_term_end_following_month")
        cls.ten_after_next_month = cls.env.ref(
            "account.account_payment_term_30_days_end_month_the_10"
        )
        cls.billing = new_test_user(
            cls.env,
            "cc_billing_terms",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
        )
        cls.Move = cls.env["account.move"].with_user(cls.billing)

    def draft_invoice(self, **vals):
        return self.Move.create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 100})
                ],
                **vals,
            }
        )

    def assertNotPosted(self, invoice, call, message="beyond the credit term of 31 days"):
        self.assert_refused(UserError, message, call, invoice, ["state", "invoice_date_due"])
        self.assertEqual(invoice.state, "draft")

    def test_terms_are_measured_by_odoos_own_due_dates(self):
        Term = self.env["account.payment.term"]
        self.assertEqual(self.end_of_following_month._channel_max_days(), 61)
        self.assertEqual(self.ten_after_next_month._channel_max_days(), 71)
        self.assertEqual(Term._channel_for_days(31)._channel_max_days(), 31)
        self.assertEqual(
            self.env.ref("account.account_payment_term_immediate")._channel_max_days(), 0
        )

    def test_a_salesperson_cannot_give_a_month_end_term(self):
        order = self.order(self.partner, 100)
        term = order.payment_term_id
        with self.assertRaisesRegex(UserError, "longer than the credit term of 31 days"):
            order.with_user(self.seller).payment_term_id = self.end_of_following_month
        self.assertEqual(order.payment_term_id, term)

    def test_posting_takes_no_longer_term(self):
        for vals in (
            {"invoice_payment_term_id": self.end_of_following_month.id},
            {"invoice_payment_term_id": self.ten_after_next_month.id},
            {"invoice_payment_term_id": False, "invoice_date_due": self.today + timedelta(days=32)},
        ):
            with self.subTest(vals=vals):
                invoice = self.draft_invoice(**vals)
                self.assertNotPosted(invoice, invoice.action_post)
                self.assertNotPosted(invoice, lambda i=invoice: i.write({"state": "posted"}))

    def test_posting_at_the_boundary(self):
        invoice = self.draft_invoice(
            invoice_payment_term_id=False, invoice_date_due=self.today + timedelta(days=31)
        )
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    def test_the_auto_post_job_posts_no_longer_term(self):
        invoice = self.draft_invoice(
            invoice_payment_term_id=self.end_of_following_month.id, auto_post="at_date"
        )
        invoice.checked = True
        self.env["account.move"]._autopost_draft_entries()
        self.assertEqual(invoice.state, "draft")
        self.assertIn("beyond the credit term", invoice.message_ids[0].body)

    def test_a_credit_manager_gives_a_longer_term(self):
        manager = new_test_user(
            self.env,
            "cc_billing_manager",
            groups="account.group_account_invoice,channel_credit.group_channel_credit_manager",
            company_id=self.company.id,
        )
        invoice = self.draft_invoice(invoice_payment_term_id=self.end_of_following_month.id)
        invoice.with_user(manager).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_a_posted_invoice_falls_due_later_only_by_a_credit_manager(self):
        invoice = self.draft_invoice(invoice_payment_term_id=False)
        invoice.action_post()
        due = invoice.invoice_date_due
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        later = due + timedelta(days=30)
        with self.assertRaisesRegex(AccessError, "only a Credit Manager moves it later"):
            invoice.with_user(self.billing).write({"invoice_date_due": later})
        with self.assertRaisesRegex(AccessError, "only a Credit Manager moves it later"):
            receivable.with_user(self.billing).write({"date_maturity": later})
        # Through the invoice's lines Odoo itself refuses any change of a posted invoice.
        with self.assertRaisesRegex(UserError, "readonly fields on a posted move"):
            invoice.with_user(self.billing).write(
                {"line_ids": [Command.update(receivable.id, {"date_maturity": later})]}
            )
        invoice.invalidate_recordset()
        self.assertEqual((invoice.invoice_date_due, receivable.date_maturity), (due, due))
        # Earlier is always allowed.
        receivable.with_user(self.billing).write({"date_maturity": due - timedelta(days=1)})
        self.assertEqual(receivable.date_maturity, due - timedelta(days=1))
        self.credit_manager.groups_id |= self.env.ref("account.group_account_invoice")
        receivable.with_user(self.credit_manager).write({"date_maturity": later})
        self.assertEqual(receivable.date_maturity, later)

    def test_partners_outside_credit_control_keep_odoos_terms(self):
        loose = self.env["res.partner"].create({"name": "Walk-in", "is_company": True})
        invoice = self.draft_invoice(
            partner_id=loose.id, invoice_payment_term_id=self.end_of_following_month.id
        )
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        invoice.with_user(self.billing).write(
            {"invoice_date_due": invoice.invoice_date_due + timedelta(days=5)}
        )

    def test_reset_to_draft_and_dated_later_is_a_longer_term(self):
        invoice = self.draft_invoice(invoice_payment_term_id=False)
        invoice.action_post()
        date = invoice.invoice_date
        invoice.with_user(self.billing).button_draft()
        with self.assertRaisesRegex(AccessError, "only a Credit Manager dates it later"):
            invoice.with_user(self.billing).write({"invoice_date": date + timedelta(days=60)})
        self.assertEqual(invoice.invoice_date, date)
        # Earlier is always allowed, and posting it again still checks the term.
        invoice.with_user(self.billing).write({"invoice_date": date - timedelta(days=1)})
        invoice.with_user(self.billing).action_post()
        self.assertEqual(invoice.state, "posted")
