"""The credit profile on the partner (models/res_partner.py): who changes it, its
guards and defaults."""

from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestPartnerCredit(CreditCase):
    def test_salespeople_see_credit_but_cannot_change_it(self):
        partner = self.distributor(1000)
        self.invoice(partner, 250)
        as_seller = partner.with_user(self.seller)
        self.assertEqual(as_seller.channel_credit_exposure, 250)
        self.assertEqual(as_seller.channel_effective_limit, 1000)
        for vals in (
            {"credit_limit": 10**6},
            {"channel_credit_grade": "aaa"},
            {"channel_credit_policy": "warn"},
            {"channel_credit_hold": True},
            {"channel_temp_limit": 5, "channel_temp_limit_until": self.today},
        ):
            with self.assertRaises(AccessError):
                as_seller.write(vals)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.seller).create(
                {"name": "Self-made", "is_company": True, "credit_limit": 10**6}
            )
        as_seller.write({"phone": "+86 20 1234 5678", "channel_type": "retail"})
        partner.with_user(self.credit_manager).write(
            {"credit_limit": 800, "channel_credit_grade": "a"}
        )
        self.assertEqual((partner.credit_limit, partner.channel_credit_grade), (800, "a"))

    def test_bad_input_changes_nothing(self):
        partner = self.distributor(1000, channel_credit_term_days=30)
        cases = [
            ({"credit_limit": -1}, "cannot be negative"),
            (
                {"channel_temp_limit": -5, "channel_temp_limit_until": self.today},
                "cannot be negative",
            ),
            ({"channel_temp_limit": 500}, "needs an end date"),
            (
                {
                    "channel_temp_limit": 500,
                    "channel_temp_limit_until": self.today - timedelta(days=1),
                },
                "cannot end in the past",
            ),
            ({"channel_credit_term_days": 366}, "between 0 and 365"),
            ({"channel_credit_term_days": -1}, "between 0 and 365"),
            ({"channel_max_overdue_days": -1}, "between 0 and 3650"),
        ]
        for vals, message in cases:
            refused = self.assertRaisesRegex(ValidationError, message)
            with self.subTest(vals=vals), refused, self.cr.savepoint():
                partner.write(vals)
            partner.invalidate_recordset()
            self.assertEqual(
                (
                    partner.credit_limit,
                    partner.channel_temp_limit,
                    partner.channel_credit_term_days,
                ),
                (1000, 0, 30),
            )
        partner.write({"channel_credit_term_days": 365})
        for vals, message in (
            ({"channel_factor_b": -0.1}, "between 0 and 10"),
            ({"channel_net_margin": 0}, "above 0%"),
            ({"channel_interest_rate": 1.5}, "between 0% and 100%"),
            ({"channel_release_validity_days": -1}, "between 0 and 365 days"),
        ):
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                self.company.write(vals)
        self.company.invalidate_recordset()
        self.assertEqual(self.company.channel_factor_b, 0.7)
        with self.assertRaisesRegex(ValidationError, "must be positive"), self.cr.savepoint():
            self.env["channel.collection.plan"].create(
                {"partner_id": partner.id, "date": self.today, "amount": -5}
            )

    def test_overdue_days_default_covers_existing_partners(self):
        self.env.cr.execute(
            "INSERT INTO res_partner (name, active, autopost_bills)"
            " VALUES ('Old customer', true, 'ask') RETURNING id"
        )
        old = self.env["res.partner"].browse(self.env.cr.fetchone()[0])
        self.assertEqual(old.channel_max_overdue_days, 30)
        self.assertEqual(
            self.env["res.partner"].create({"name": "New"}).channel_max_overdue_days, 30
        )
