"""With the invoice-posting check on, every customer document that creates a receivable is
checked, however it is posted.

Who can post: invoicing users (the button, a direct write of the state, _post), the auto-post
job; documents: invoices, receipts, journal entries on a customer's receivable; each tried as
an invoicing user."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestInvoiceDoors(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.channel_credit_check_invoice = True
        cls.blocked = cls.distributor(100, "block")
        cls.billing = new_test_user(
            cls.env,
            "cc_billing2",
            groups="sales_team.group_sale_salesman,account.group_account_invoice",
            company_id=cls.company.id,
        )

    def assertPostingRefused(self, move, post):
        self.assert_refused(UserError, "Credit check failed", post, move, ["state"])
        self.assertEqual(move.state, "draft")

    def test_receipts_are_checked(self):
        receipt = self.invoice(self.blocked, 150, post=False, move_type="out_receipt")
        self.assertPostingRefused(receipt, receipt.with_user(self.billing).action_post)

    def test_a_journal_entry_on_the_receivable_is_checked(self):
        receivable = self.blocked.property_account_receivable_id
        income = self.product.categ_id.property_account_income_categ_id or self.env[
            "account.account"
        ].search([("account_type", "=", "income"), ("company_ids", "in", self.company.id)], limit=1)
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "line_ids": [
                    Command.create(
                        {"account_id": receivable.id, "partner_id": self.blocked.id, "debit": 150}
                    ),
                    Command.create({"account_id": income.id, "credit": 150}),
                ],
            }
        )
        self.assertPostingRefused(entry, entry.with_user(self.billing).action_post)

    def test_no_context_and_no_direct_write_posts_around_it(self):
        invoice = self.invoice(self.blocked, 150, post=False)
        hostile = invoice.with_user(self.billing).with_context(
            channel_credit_skip=True, skip_credit_check=True, check_move_validity=False
        )
        self.assertPostingRefused(invoice, hostile.action_post)
        self.assertPostingRefused(invoice, lambda: hostile.write({"state": "posted"}))
        self.assertPostingRefused(invoice, lambda: hostile._post(soft=False))

    def test_within_the_limit_and_credit_notes_pass(self):
        invoice = self.invoice(self.blocked, 100, post=False)
        invoice.with_user(self.billing).action_post()
        self.assertEqual(invoice.state, "posted")
        refund = self.invoice(self.blocked, 10, post=False, move_type="out_refund")
        refund.with_user(self.billing).action_post()
        self.assertEqual(refund.state, "posted")
