"""Churn and loyalty: each signal at its boundary, the nightly job and its win-back to-dos."""

from datetime import date, datetime, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .. import rules
from .common import KamCase

TODAY = date(2027, 6, 30)


def facts(**values):
    base = {
        "revenue_window": 100.0,
        "revenue_window_last_year": 100.0,
        "revenue_12m": 500.0,
        "revenue_prior_12m": 500.0,
        "potential": 1000.0,
        "orders": 0,
        "first_order": None,
        "last_order": None,
        "value_dropped": False,
        "open_complaints": 0,
        "latest_survey": None,
        "cheaper_offer": False,
    }
    return rules.ChurnFacts(**{**base, **values})


def signals(**values):
    return rules.churn_signals(facts(**values), TODAY, 0.2, 0.1, 1.5)


@tagged("post_install", "-at_install")
class TestChurnRules(KamCase):
    def test_revenue_down_beyond_the_threshold(self):
        self.assertEqual(signals(revenue_window=80.0), [])  # exactly 20% down: not beyond
        self.assertEqual(signals(revenue_window=79.99), ["revenue_down"])
        self.assertEqual(signals(revenue_window=0.0, revenue_window_last_year=0.0), [])

    def test_share_down_by_more_than_the_points(self):
        # 50% -> 40%: exactly 10 points.
        self.assertEqual(signals(revenue_12m=400.0), [])
        self.assertEqual(signals(revenue_12m=399.0), ["share_down"])
        self.assertEqual(signals(revenue_12m=0.0, potential=0.0), [], "no potential, no share")

    def test_no_order_for_longer_than_usual(self):
        # Four orders over 90 days: every 30 days; overdue after 45 days.
        self.assertEqual(
            signals(
                orders=4,
                first_order=TODAY - timedelta(days=135),
                last_order=TODAY - timedelta(days=45),
            ),
            [],
        )
        self.assertEqual(
            signals(
                orders=4,
                first_order=TODAY - timedelta(days=136),
                last_order=TODAY - timedelta(days=46),
            ),
            ["order_overdue"],
        )
        self.assertIsNone(rules.usual_order_interval(2, TODAY, TODAY), "too few orders")

    def test_satisfied_but_leaving(self):
        self.assertEqual(
            signals(latest_survey=2, revenue_12m=300.0), ["share_down", "satisfied_leaving"]
        )
        self.assertEqual(signals(latest_survey=2, cheaper_offer=True), ["satisfied_leaving"])
        self.assertEqual(signals(latest_survey=0, cheaper_offer=True), [], "not satisfied")
        self.assertEqual(signals(latest_survey=None, cheaper_offer=True), [])

    def test_other_signals_and_loyalty(self):
        self.assertEqual(signals(value_dropped=True), ["value_dropped"])
        self.assertEqual(signals(open_complaints=1), ["open_complaints"])
        self.assertEqual(rules.repeat_rate(6), 0.5)
        self.assertEqual(rules.repeat_rate(14), 1.0)


@tagged("post_install", "-at_install")
class TestChurnJob(KamCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a = cls.customer("Fading Foods")
        now = fields.Datetime.now()
        # Last year's quarter: 1,000; this quarter: nothing. A monthly order, four months ago
        # for the last time.
        cls.order(cls.customer_a, 1000, date=now - relativedelta(years=1, days=10))
        for months in (7, 6, 5, 4):
            cls.order(cls.customer_a, 50, date=now - relativedelta(months=months))
        cls.account_a = cls.env["kam.account"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "manager_id": cls.rep.id,
                "purchase_potential": 2000,
            }
        )

    def run_job(self):
        self.env["kam.account"]._cron_kam_churn_signals()
        self.account_a.invalidate_recordset()

    def todos(self):
        return self.account_a.activity_ids.filtered(lambda a: a.user_id == self.rep)

    def test_the_nightly_job_flags_and_schedules_once(self):
        self.run_job()
        codes = self.account_a.churn_signal_codes.split(",")
        self.assertIn("revenue_down", codes)
        self.assertIn("order_overdue", codes)
        self.assertTrue(self.account_a.churn_risk)
        self.assertIn("Revenue down on the same period last year.", self.account_a.churn_signals)
        self.assertEqual(len(self.todos()), len(codes))
        self.assertIn("Win back", self.todos()[0].note)
        self.run_job()
        self.assertEqual(len(self.todos()), len(codes), "a signal already on: no new to-do")
        # Four months of the last twelve had an order; the share fell from 50% to 10%.
        self.assertAlmostEqual(self.account_a.repeat_rate, 4 / 12, places=4)
        self.assertAlmostEqual(self.account_a.share_trend, -0.4, places=4)
        self.assertTrue(self.env["kam.account"].search([("churn_risk", "=", True)]))

    def test_complaints_and_cheaper_offers_count(self):
        self.env["kam.complaint"].create(
            {"partner_id": self.customer_a.id, "description": "Late delivery"}
        )
        self.env["kam.satisfaction.survey"].create(
            {"account_id": self.account_a.id, "expectation": "3", "experience": "5"}
        )
        rival = self.customer("Rival Foods", kam_is_competitor=True)
        self.env["kam.competitor.info"].create(
            {
                "competitor_id": rival.id,
                "partner_id": self.customer_a.id,
                "company_id": self.company.id,
                "cheaper_offer": True,
            }
        )
        self.run_job()
        codes = self.account_a.churn_signal_codes.split(",")
        self.assertIn("open_complaints", codes)
        self.assertIn("satisfied_leaving", codes)

    def test_an_order_counts_on_the_companys_day(self):
        """At local midnight in Shanghai (16:00 UTC) an order's day is Shanghai's."""
        self.company.partner_id.tz = "Asia/Shanghai"
        today = date(2027, 6, 30)
        late = self.customer("Late Lamps")
        self.order(late, 100, date=datetime(2027, 6, 29, 15, 59))
        early = self.customer("Early Engines")
        self.order(early, 100, date=datetime(2027, 6, 29, 16, 0))
        accounts = self.env["kam.account"].create(
            [{"partner_id": partner.id, "company_id": self.company.id} for partner in (late, early)]
        )
        facts = self.env["kam.account"]._kam_churn_facts(self.company, today)
        self.assertEqual(facts[accounts[0].id][4].last_order, date(2027, 6, 29))
        self.assertEqual(facts[accounts[1].id][4].last_order, today)
        # The nightly job counts from the company's day, whoever runs it.
        self.env.user.tz = "America/New_York"
        days = {}

        def record(model, company, today):
            days[company] = today
            return {}

        Account = self.registry["kam.account"]
        with (
            freeze_time("2027-06-29 16:30:00"),
            patch.object(Account, "_kam_churn_facts", autospec=True, side_effect=record),
        ):
            self.env["kam.account"]._cron_kam_churn_signals()
        self.assertEqual(days[self.company], today)

    def test_a_settled_account_has_no_signal(self):
        steady = self.customer("Steady Steel")
        for months in (4, 3, 2, 1):
            self.order(steady, 100, date=fields.Datetime.now() - relativedelta(months=months))
        account = self.env["kam.account"].create(
            {"partner_id": steady.id, "company_id": self.company.id, "manager_id": self.rep.id}
        )
        self.env["kam.account"]._cron_kam_churn_signals()
        account.invalidate_recordset()
        self.assertFalse(account.churn_risk)
        self.assertFalse(account.churn_signals)
        self.assertTrue(account.signals_date)
