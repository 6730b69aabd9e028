"""Bad input gets a readable error and changes nothing; the daily job skips a bad row.

Who can write what these read: salespeople (orders and lines, reviews they propose, contacts
and promises), Credit Managers (partner credit values), administrators (company settings):
each tried as that role."""

from datetime import timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CreditCase

BAD_FLOATS = (float("nan"), float("inf"), float("-inf"))


@tagged("post_install", "-at_install")
class TestBadInput(CreditCase):
    def test_non_finite_amounts(self):
        partner = self.distributor(100, "block")
        Contact = self.env["channel.collection.contact"].with_user(self.seller)
        for value in BAD_FLOATS:
            with self.assertRaisesRegex(ValidationError, "not a finite number"):
                Contact.create(
                    {"partner_id": partner.id, "promise_date": self.today, "promise_amount": value}
                )
            with self.assertRaisesRegex(ValidationError, "not a finite number"):
                partner.with_user(self.credit_manager).write(
                    {"channel_temp_limit": value, "channel_temp_limit_until": self.today}
                )
            with self.assertRaisesRegex(ValidationError, "not a finite number"):
                self.company.write({"channel_interest_rate": value})
            with self.assertRaisesRegex(ValidationError, "not a finite number"):
                self.order(partner, 10).order_line.write({"product_uom_qty": value})
        self.assertFalse(
            self.env["channel.collection.plan"].search([("partner_id", "=", partner.id)])
        )
        self.assertEqual(partner.channel_temp_limit, 0)
        self.assertEqual(self.company.channel_interest_rate, 0.05)

    def test_integers_past_the_database_range(self):
        partner = self.distributor(100, "block")
        for value in (2**31, -(2**31) - 1, 10**30):
            with self.assertRaisesRegex(ValidationError, "out of range"):
                partner.with_user(self.credit_manager).write({"channel_max_overdue_days": value})
            with self.assertRaisesRegex(ValidationError, "out of range"):
                self.company.write({"channel_release_validity_days": value})
        self.assertEqual(partner.channel_max_overdue_days, 30)

    def test_upper_bounds(self):
        partner = self.distributor(100, "block")
        with self.assertRaisesRegex(ValidationError, "between 0 and 365 days"):
            self.company.write({"channel_release_validity_days": 366})
        self.company.write({"channel_release_validity_days": 365})
        with self.assertRaisesRegex(ValidationError, "between 0 and 3650"):
            partner.with_user(self.credit_manager).write({"channel_max_overdue_days": 3651})
        with self.assertRaisesRegex(ValidationError, "between 0 and 10"):
            self.company.write({"channel_factor_aaa": 11})
        with self.assertRaisesRegex(ValidationError, "between 0% and 100%"):
            self.company.write({"channel_release_max_growth": 1.5})

    def test_the_daily_job_skips_a_bad_row(self):
        bad = self.distributor(100, "block", channel_max_overdue_days=0)
        good = self.distributor(100, "block", channel_max_overdue_days=0)
        self.invoice(bad, 10, days_overdue=5)
        self.invoice(good, 10, days_overdue=5)
        original = type(bad)._channel_update_holds

        def update_holds(partners, figures, today, steps=None):
            if bad in partners:
                raise OverflowError("date value out of range")
            return original(partners, figures, today, steps)

        with (
            patch.object(type(bad), "_channel_update_holds", update_holds),
            self.assertLogs("odoo.addons.b2b_base.jobs", "ERROR") as logs,
        ):
            self.env["res.partner"]._cron_channel_credit_daily()
        self.assertIn(f"Daily credit job: record {bad.ids} skipped", logs.output[0])
        self.assertTrue(good.channel_credit_hold)
        self.assertFalse(bad.channel_credit_hold)

    def test_amounts_too_large_to_round(self):
        """1e308 is finite but no amount Odoo can round to the cent: it crashed the server on
        each of these, and now gets the readable error with nothing changed."""
        partner = self.distributor(100, "block")
        order = self.order(partner, 10)
        review = (
            self.env["channel.credit.review"]
            .with_user(self.seller)
            .create({"partner_id": partner.id, "line_ids": []})
        )
        doors = (
            lambda: self.env["channel.collection.plan"].create(
                {"partner_id": partner.id, "date": self.today, "amount": 1e308}
            ),
            lambda: partner.with_user(self.credit_manager).write({"channel_temp_limit": 1e308}),
            lambda: self.company.write({"channel_interest_rate": 1e308}),
            lambda: order.order_line.with_user(self.seller).write({"price_unit": 1e308}),
            lambda: review.with_user(self.seller).write({"registered_capital": 1e308}),
            lambda: self.env["channel.collection.contact"]
            .with_user(self.seller)
            .create({"partner_id": partner.id, "promise_amount": -1e308}),
        )
        for door in doors:
            with self.subTest(door=door), self.assertRaisesRegex(ValidationError, "too large"):
                door()
        self.assertEqual(order.order_line.price_unit, 10)
        self.assertEqual((partner.channel_temp_limit, review.registered_capital), (0, 0))
        self.assertFalse(self.env["channel.collection.contact"].search([]).partner_id & partner)

    def test_dates_are_bounded_and_a_temporary_increase_is_temporary(self):
        partner = self.distributor(100, "block")
        Review = self.env["channel.credit.review"].with_user(self.seller)
        with self.assertRaisesRegex(ValidationError, "must lie between"):
            Review.create({"partner_id": partner.id, "line_ids": [], "date": "9999-12-31"})
        with self.assertRaisesRegex(ValidationError, "must lie between"):
            Review.with_context(default_next_review_date="9999-01-01").create(
                {"partner_id": partner.id, "line_ids": []}
            )
        review = Review.create(
            {"partner_id": partner.id, "kind": "temporary", "temp_limit": 50, "line_ids": []}
        )
        one_year = review.date + relativedelta(years=1)
        with self.assertRaisesRegex(ValidationError, "one year at most"):
            review.write({"temp_until": one_year + timedelta(days=1)})
        self.assertFalse(review.temp_until)
        review.write({"temp_until": one_year})
        self.assertEqual(review.temp_until, one_year)
        # Nor on the partner, whatever applied it.
        with self.assertRaisesRegex(ValidationError, "one year at most"):
            partner.sudo().write(
                {
                    "channel_temp_limit": 50,
                    "channel_temp_limit_until": self.today + relativedelta(years=1, days=1),
                }
            )
        self.assertEqual(partner.channel_temp_limit, 0)
