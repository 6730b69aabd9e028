"""The credit term sets the payment term of the distributor's invoices."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditTermSetsPaymentTerm(CreditCase):
    def test_the_term_follows_the_credit_term(self):
        partner = self.distributor(10**6, channel_credit_term_days=45)
        term = partner.property_payment_term_id
        self.assertEqual(len(term.line_ids), 1)
        self.assertEqual((term.line_ids.nb_days, term.line_ids.value_amount), (45, 100))
        # Another distributor on 45 days shares it; a change of term moves the partner.
        other = self.distributor(10**6, channel_credit_term_days=45)
        self.assertEqual(other.property_payment_term_id, term)
        # A longer term goes through a credit review; a Credit Manager may shorten it.
        self.grant(partner, grade="a", credit_limit=10**6, term_days=60)
        self.assertEqual(partner.property_payment_term_id.line_ids.nb_days, 60)
        partner.with_user(self.credit_manager).channel_credit_term_days = 0
        self.assertEqual(partner.property_payment_term_id.line_ids.nb_days, 0)

    def test_invoices_fall_due_after_the_credit_term(self):
        partner = self.distributor(10**6, channel_credit_term_days=30)
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 100})
                ],
            }
        )
        self.assertEqual(invoice.invoice_payment_term_id, partner.property_payment_term_id)
        self.assertEqual(invoice.invoice_date_due, self.today + timedelta(days=30))

    def test_a_credit_review_sets_it_too(self):
        partner = self.distributor(10**6)
        self.grant(partner, grade="a", credit_limit=5000, term_days=20)
        self.assertEqual(partner.property_payment_term_id.line_ids.nb_days, 20)

    def long_term(self):
        return self.env["account.payment.term"]._channel_for_days(365)

    def test_a_salesperson_cannot_stretch_the_due_dates(self):
        partner = self.distributor(10**6, channel_credit_term_days=30)
        term = partner.property_payment_term_id
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).property_payment_term_id = self.long_term()
        self.assertEqual(partner.property_payment_term_id, term)
        # Contacts still take their company's term.
        contact = (
            self.env["res.partner"]
            .with_user(self.seller)
            .create({"name": "Buyer", "parent_id": partner.id})
        )
        self.assertEqual(contact.property_payment_term_id, term)
        order = self.order(partner, 10)
        self.assertEqual(order.payment_term_id, term)
        with self.assertRaisesRegex(UserError, "longer than the credit term of 30 days"):
            order.with_user(self.seller).payment_term_id = self.long_term()
        self.assertEqual(order.payment_term_id, term)
        with self.assertRaisesRegex(UserError, "longer than the credit term"):
            self.env["sale.order"].with_user(self.seller).create(
                {"partner_id": partner.id, "payment_term_id": self.long_term().id}
            )
        # At the boundary: one day over is refused, exactly the credit term passes.
        Term = self.env["account.payment.term"]
        with self.assertRaisesRegex(UserError, "longer than the credit term"):
            order.with_user(self.seller).payment_term_id = Term._channel_for_days(31)
        order.with_user(self.seller).payment_term_id = term
        self.assertEqual(term._channel_max_days(), 30)
        # A shorter term is fine; a Credit Manager (here the administrator) gives longer ones.
        order.with_user(self.seller).payment_term_id = self.env[
            "account.payment.term"
        ]._channel_for_days(10)
        order.with_user(self.env.ref("base.user_admin")).payment_term_id = self.long_term()
        self.assertEqual(order.payment_term_id.line_ids.nb_days, 365)
