"""Payment promises (models/channel_collection_plan.py) against payments, and bad input
in promises and credit reviews."""

from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCollectionPlan(CreditCase):
    def test_collection_plan_against_payments(self):
        partner = self.distributor(10**6)
        invoice = self.invoice(partner, 1000)
        plan = self.env["channel.collection.plan"].create(
            {
                "partner_id": partner.id,
                "date": self.today + timedelta(days=5),
                "amount": 600,
                "promised_by": "Ms Ma",
            }
        )
        self.assertEqual((plan.paid_amount, plan.state), (0, "open"))
        self.pay(invoice, 600)
        plan.invalidate_recordset()
        self.assertEqual((plan.paid_amount, plan.state), (600, "kept"))
        late = self.env["channel.collection.plan"].create(
            {
                "partner_id": partner.id,
                "date_from": self.today - timedelta(days=10),
                "date": self.today - timedelta(days=1),
                "amount": 300,
            }
        )
        self.assertEqual(late.state, "broken")

    def test_collection_plan_and_review_bad_input(self):
        partner = self.distributor(1000)
        Plan = self.env["channel.collection.plan"]
        with self.assertRaisesRegex(ValidationError, "before the start"), self.cr.savepoint():
            Plan.create(
                {
                    "partner_id": partner.id,
                    "date_from": self.today,
                    "date": self.today - timedelta(days=1),
                    "amount": 100,
                }
            )
        Plan.create(
            {"partner_id": partner.id, "date_from": self.today, "date": self.today, "amount": 0.01}
        )  # the same day and a cent are fine
        Review = self.env["channel.credit.review"]
        base = {"partner_id": partner.id, "grade": "b"}
        for vals, message in (
            ({"credit_limit": -1}, "cannot be negative"),
            ({"registered_capital": -5}, "cannot be negative"),
            ({"years_in_business": -1}, "cannot be negative"),
            ({"next_review_date": self.today}, "must come after"),
            ({"next_review_date": self.today - timedelta(days=1)}, "must come after"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.cr.savepoint(),
            ):
                Review.create({**base, **vals})
        self.assertFalse(Review.search([("partner_id", "=", partner.id)]))
        self.assertEqual(Plan.search_count([("partner_id", "=", partner.id)]), 1)
