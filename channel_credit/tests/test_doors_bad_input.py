"""Bad numbers get a readable error and change nothing; the daily job skips a bad row."""

from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CreditCase

BAD_FLOATS = (float("nan"), float("inf"), float("-inf"))


@tagged("post_install", "-at_install")
class TestBadInput(CreditCase):
    def test_non_finite_amounts(self):
        partner = self.distributor(100, "block")
        Plan = self.env["channel.collection.plan"].with_user(self.seller)
        for value in BAD_FLOATS:
            with self.assertRaisesRegex(ValidationError, "not a valid number"):
                Plan.create({"partner_id": partner.id, "date": self.today, "amount": value})
            with self.assertRaisesRegex(ValidationError, "not a valid number"):
                partner.with_user(self.credit_manager).write(
                    {"channel_temp_limit": value, "channel_temp_limit_until": self.today}
                )
            with self.assertRaisesRegex(ValidationError, "not a valid number"):
                self.company.write({"channel_interest_rate": value})
            with self.assertRaisesRegex(ValidationError, "not a valid number"):
                self.order(partner, 10).order_line.write({"product_uom_qty": value})
        self.assertFalse(
            self.env["channel.collection.plan"].search([("partner_id", "=", partner.id)])
        )
        self.assertEqual(partner.channel_temp_limit, 0)
        self.assertEqual(self.company.channel_interest_rate, 0.05)

    def test_integers_past_the_database_range(self):
        partner = self.distributor(100, "block")
        for value in (2**31, -(2**31) - 1, 10**30):
            with self.assertRaisesRegex(ValidationError, "not a valid number"):
                partner.with_user(self.credit_manager).write({"channel_max_overdue_days": value})
            with self.assertRaisesRegex(ValidationError, "not a valid number"):
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
            self.assertLogs("odoo.addons.channel_credit.models.res_partner", "ERROR") as logs,
        ):
            self.env["res.partner"]._cron_channel_credit_daily()
        self.assertIn(f"partner {bad.id} skipped", logs.output[0])
        self.assertTrue(good.channel_credit_hold)
        self.assertFalse(bad.channel_credit_hold)
