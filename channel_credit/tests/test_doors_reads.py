"""Reads follow one rule: a salesperson reads the credit reviews, investigation lines, evidence
and credit figures of their own distributors; sales managers, Credit Managers and accounting
read every distributor's; another rep reads none. Configuration records belong to a company:
a review line cannot use another company's checklist item, a contact another company's
reason.

Who reads what: salespeople (their distributors', their own proposals, the reviews they are
named to approve), sales managers (approvers of the first level), Credit Managers,
invoicing and read-only accounting users; each tried here as that role."""

import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestReadDoors(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "sales_team.group_sale_salesman,base.group_partner_manager"
        cls.other_rep = new_test_user(cls.env, "cc_other_rep", groups=groups)
        cls.sales_manager = new_test_user(
            cls.env, "cc_reads_sales_manager", groups="sales_team.group_sale_manager"
        )
        cls.accountant = new_test_user(
            cls.env, "cc_reads_accountant", groups="account.group_account_invoice"
        )
        cls.partner = cls.distributor(10000, "block")  # the seller's distributor
        cls.invoice(cls.partner, 2500)
        review = (
            cls.env["channel.credit.review"]
            .with_user(cls.seller)
            .create({"partner_id": cls.partner.id})
        )
        evidence = (
            cls.env["ir.attachment"]
            .with_user(cls.seller)
            .create({"name": "licence.jpg", "datas": base64.b64encode(b"photo")})
        )
        review.line_ids[:1].write({"attachment_ids": [Command.set(evidence.ids)]})
        cls.review, cls.evidence = review, evidence

    def test_another_rep_reads_no_review_line_or_evidence(self):
        Review = self.env["channel.credit.review"]
        self.assertFalse(Review.with_user(self.other_rep).search([("id", "=", self.review.id)]))
        for record in (self.review, self.review.line_ids[:1], self.evidence):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.other_rep).read(["display_name"])
        for user in (self.seller, self.sales_manager, self.credit_manager):
            with self.subTest(user=user.login):
                self.assertEqual(
                    Review.with_user(user).search([("id", "=", self.review.id)]), self.review
                )
                self.evidence.with_user(user).read(["name"])

    def test_a_named_approver_reads_what_they_approve(self):
        approver = new_test_user(
            self.env, "cc_named_approver", groups="sales_team.group_sale_salesman"
        )
        self.review.sudo().approval_ids = [
            Command.create(
                {
                    "sequence": 1,
                    "group_id": self.env.ref("sales_team.group_sale_salesman").id,
                    "user_ids": [Command.set(approver.ids)],
                }
            )
        ]
        self.review.with_user(approver).read(["partner_id"])

    def test_credit_figures_are_the_distributors_salespersons(self):
        def figures(user):
            partner = self.partner.with_user(user)
            return (
                partner.channel_figures_visible,
                partner.channel_credit_exposure,
                partner.channel_effective_limit,
                partner.channel_exposure_receivable,
            )

        self.assertEqual(figures(self.other_rep), (False, 0, 0, 0))
        for user in (self.seller, self.sales_manager, self.credit_manager, self.accountant):
            with self.subTest(user=user.login):
                self.assertEqual(figures(user), (True, 2500, 10000, 2500))

    def test_a_line_cannot_use_another_companys_item(self):
        other_company = self.env["res.company"].create({"name": "Other Valves Co"})
        item = self.env["channel.credit.check.item"].create(
            {"name": "Foreign item", "company_id": other_company.id, "weight": 10}
        )
        count = len(self.review.line_ids)
        with self.assertRaisesRegex(UserError, "[Cc]ompan"):
            self.review.write({"line_ids": [Command.create({"item_id": item.id})]})
        self.assertEqual(len(self.review.line_ids), count)

    def test_reasons_are_shared_or_the_companys(self):
        other_company = self.env["res.company"].create({"name": "Other Valves Co"})
        reason = self.env["channel.collection.excuse"].create(
            {"name": "Theirs", "company_id": other_company.id}
        )
        shared = self.env.ref("channel_credit.excuse_cash_flow")
        self.assertFalse(shared.company_id)
        Contact = self.env["channel.collection.contact"].with_user(self.seller)
        contact = Contact.create({"partner_id": self.partner.id, "excuse_id": shared.id})
        self.assertEqual(contact.excuse_id, shared)
        with self.assertRaisesRegex(UserError, "[Cc]ompan"):
            Contact.create({"partner_id": self.partner.id, "excuse_id": reason.id})
