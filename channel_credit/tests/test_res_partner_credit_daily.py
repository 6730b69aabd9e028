"""The daily job (models/res_partner_credit_daily.py): temporary limits expire, collection
and review activities; the dunning ladder is in test_collection."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditDaily(CreditCase):
    def test_temporary_limit_expires_by_itself(self):
        partner = self.distributor(1000)
        partner.write(
            {"channel_temp_limit": 500, "channel_temp_limit_until": self.today + timedelta(days=2)}
        )
        self.run_daily()
        self.assertEqual(partner.channel_temp_limit, 500)
        with freeze_time(self.local_instant(self.today + timedelta(days=3))):
            self.run_daily()
            partner.invalidate_recordset()
            self.assertEqual(partner.channel_effective_limit, 1000)
        self.assertEqual((partner.channel_temp_limit, partner.channel_temp_limit_until), (0, False))
        self.assertTrue(partner.message_ids.filtered(lambda m: "expired" in (m.body or "")))

    def test_collection_activities_and_escalation_without_a_ladder(self):
        self.env["channel.dunning.step"].search([]).active = False
        partner = self.distributor(10**6, channel_max_overdue_days=90)
        collection = self.env.ref("channel_credit.mail_activity_type_collection")

        def activities():
            return partner.activity_ids.filtered(lambda a: a.activity_type_id == collection)

        self.invoice(partner, 100, days_overdue=-1)
        self.run_daily()
        self.assertFalse(activities())
        self.invoice(partner, 100, days_overdue=30)
        self.run_daily()
        self.assertEqual(activities().user_id, self.seller)
        self.run_daily()
        self.assertEqual(len(activities()), 1)  # no duplicates
        self.invoice(partner, 100, days_overdue=31)
        self.run_daily()
        self.assertEqual(activities().user_id, self.seller | self.credit_manager)

    def test_a_manager_gets_a_review_and_a_collection_on_one_distributor(self):
        # No salesperson: the Credit Manager collects, and reviews the same day.
        self.env["channel.dunning.step"].search([]).active = False
        partner = self.distributor(
            10**6,
            channel_max_overdue_days=90,
            user_id=False,
            channel_review_date=self.today + timedelta(days=3),
        )
        self.invoice(partner, 100, days_overdue=40)
        self.run_daily()
        types = partner.activity_ids.filtered(lambda a: a.user_id == self.credit_manager).mapped(
            "activity_type_id"
        )
        self.assertEqual(
            set(types.ids),
            {
                self.env.ref("channel_credit.mail_activity_type_collection").id,
                self.env.ref("channel_credit.mail_activity_type_credit_review").id,
            },
        )

    def test_credit_review_scheduled_and_applied(self):
        partner = self.distributor(1000, channel_review_date=self.today + timedelta(days=7))
        self.run_daily()
        review_type = self.env.ref("channel_credit.mail_activity_type_credit_review")
        self.assertEqual(
            partner.activity_ids.filtered(lambda a: a.activity_type_id == review_type).user_id,
            self.credit_manager,
        )
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).credit_limit = 5000
        review = self.grant(
            partner,
            grade="aa",
            credit_limit=5000,
            term_days=45,
            years_in_business=8,
            next_review_date=self.today + timedelta(days=180),
        )
        self.assertEqual(
            (partner.channel_credit_grade, partner.credit_limit, partner.channel_credit_term_days),
            ("aa", 5000, 45),
        )
        self.assertEqual(partner.channel_review_date, self.today + timedelta(days=180))
        self.assertEqual(review.approval_ids.user_id, self.credit_manager)
