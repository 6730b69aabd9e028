from datetime import date, time, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import format_date

from ..rules import care_status, needs_visit
from .common import KamCase


@tagged("post_install", "-at_install")
class TestCareFrequency(KamCase):
    """Care status per tier rhythm (minimum 7, maximum 30 days here)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.tier_key.write({"min_visit_days": 7, "max_visit_days": 30})
        cls.customer_a = cls.customer("Account A")
        cls.Account = cls.env["kam.account"].with_company(cls.company)
        cls.account_a = cls.Account.create(
            {"partner_id": cls.customer_a.id, "manager_id": cls.rep.id}
        )
        cls.account_a.tier_id = cls.tier_key
        cls.activity_type = cls.env.ref("key_account_management.mail_activity_type_kam_visit")

    def visit_done(self, partner, days_ago, user=None, next_in=1, **vals):
        """A visit completed ``days_ago`` (recorded after the fact, as the superuser may)."""
        day = self.today - timedelta(days=days_ago)
        visit = self.env["kam.visit"].create(
            {
                "partner_id": partner.id,
                "user_id": (user or self.rep).id,
                "company_id": self.company.id,
                "date_planned": self.local_instant(day, time(0)),
                "summary": "Reviewed the delivery plan",
                "outcome": "continuation",
                "next_step": "Call the buyer",
                "next_step_date": day + timedelta(days=next_in),
                **vals,
            }
        )
        visit.write({"state": "done", "date_done": self.local_instant(day, time(0))})
        return visit

    def refresh(self):
        self.env["kam.account"]._kam_refresh_care(self.company, self.today)

    def test_rule_boundaries(self):
        today = date(2026, 11, 23)

        def status(last_days_ago, previous_days_ago=None, since_days_ago=0):
            last = today - timedelta(days=last_days_ago) if last_days_ago is not None else None
            previous = (
                today - timedelta(days=previous_days_ago) if previous_days_ago is not None else None
            )
            since = today - timedelta(days=since_days_ago)
            return care_status(last, previous, since, today, 7, 30)

        self.assertEqual(status(26), (today + timedelta(days=4), "ok"))
        self.assertEqual(status(27), (today + timedelta(days=3), "due"))
        self.assertEqual(status(30), (today, "due"))
        self.assertEqual(status(31), (today - timedelta(days=1), "overdue"))
        # Over-care: the latest two visits closer than the minimum.
        self.assertEqual(status(1, 7)[1], "over_care")  # 6 days apart
        self.assertEqual(status(1, 8)[1], "ok")  # 7 days apart
        self.assertEqual(status(28, 30)[1], "due")  # due wins over over-care
        self.assertEqual(status(31, 32)[1], "overdue")
        # Never visited: its own status, due the maximum interval after it was tracked.
        self.assertEqual(status(None, since_days_ago=0), (today + timedelta(days=30), "never"))
        self.assertEqual(status(None, since_days_ago=31), (today - timedelta(days=1), "never"))
        self.assertFalse(needs_visit("never", today, today))
        self.assertTrue(needs_visit("never", today - timedelta(days=1), today))
        self.assertTrue(needs_visit("overdue", today, today))
        self.assertFalse(needs_visit("due", today - timedelta(days=1), today))
        # A tier without a rhythm has no status.
        self.assertEqual(care_status(None, None, today, today, 7, 0), (None, None))
        self.assertEqual(care_status(today, None, today, today, 0, 30)[1], "ok")

    def test_refresh_writes_last_visit_due_date_and_status(self):
        self.visit_done(self.customer_a, 31)
        self.refresh()
        self.assertEqual(self.account_a.last_visit_date, self.today - timedelta(days=31))
        self.assertEqual(self.account_a.next_visit_due, self.today - timedelta(days=1))
        self.assertEqual(self.account_a.care_status, "overdue")
        partner = self.customer_a.with_company(self.company)
        self.assertEqual(partner.kam_care_status, "overdue")
        self.assertEqual(partner.kam_next_visit_due, self.today - timedelta(days=1))
        overdue = (
            self.env["res.partner"]
            .with_company(self.company)
            .search([("kam_care_status", "=", "overdue")])
        )
        self.assertIn(self.customer_a, overdue)
        self.visit_done(self.customer_a, 27)
        self.refresh()
        self.assertEqual(self.account_a.care_status, "due")
        self.visit_done(self.customer_a, 22)  # 5 days after the one before
        self.refresh()
        self.assertEqual(
            (self.account_a.care_status, self.account_a.last_visit_date),
            ("over_care", self.today - timedelta(days=22)),
        )

    def test_cancelled_and_planned_visits_do_not_count(self):
        self.visit_done(self.customer_a, 40)
        self.env["kam.visit"].create(
            {"partner_id": self.customer_a.id, "company_id": self.company.id}
        ).action_cancel()
        self.env["kam.visit"].create(
            {"partner_id": self.customer_a.id, "company_id": self.company.id}
        )
        self.refresh()
        self.assertEqual(self.account_a.last_visit_date, self.today - timedelta(days=40))
        self.assertEqual(self.account_a.care_status, "overdue")

    def test_visits_in_another_company_do_not_count(self):
        other = self.env["res.company"].create({"name": "Other KAM Co"})
        visit = self.env["kam.visit"].create(
            {
                "partner_id": self.customer_a.id,
                "company_id": other.id,
                "summary": "Met",
                "outcome": "advance",
                "next_step": "Quote",
                "next_step_date": self.today,
            }
        )
        visit.action_done()
        self.visit_done(self.customer_a, 35)
        self.refresh()
        self.assertEqual(self.account_a.care_status, "overdue")

    def test_cron_schedules_one_visit_activity_per_overdue_account(self):
        self.visit_done(self.customer_a, 45)
        customer_b = self.customer("Account B")
        account_b = self.Account.create({"partner_id": customer_b.id, "manager_id": self.rep_b.id})
        account_b.tier_id = self.tier_key
        self.visit_done(customer_b, 3)
        self.env["kam.account"]._cron_kam_refresh_care()
        activity = self.account_a.activity_ids
        self.assertEqual(
            (activity.activity_type_id, activity.user_id, activity.date_deadline),
            (self.activity_type, self.rep, self.today),
        )
        self.assertIn(format_date(self.env, self.today - timedelta(days=15)), activity.summary)
        self.assertFalse(account_b.activity_ids)
        self.env["kam.account"]._cron_kam_refresh_care()
        self.assertEqual(len(self.account_a.activity_ids), 1, "no second activity on a rerun")

    def test_a_never_visited_account_is_never_visited_and_then_needs_a_visit(self):
        self.refresh()
        self.assertEqual(self.account_a.care_status, "never")
        self.assertFalse(self.account_a.activity_ids, "not due yet: tracked today")
        # Tracked 31 days ago with a 30-day maximum: due yesterday, still "never visited".
        self.env.cr.execute(
            "UPDATE kam_account SET create_date = create_date - interval '31 days' WHERE id = %s",
            [self.account_a.id],
        )
        self.account_a.invalidate_recordset()
        self.env["kam.account"]._cron_kam_refresh_care()
        self.assertEqual(self.account_a.care_status, "never")
        self.assertEqual(self.account_a.next_visit_due, self.today - timedelta(days=1))
        self.assertIn("Never visited", self.account_a.activity_ids.summary)
        digest = self.env["kam.account"]._kam_digest_data(self.company, self.today)
        self.assertIn(self.account_a, digest["overdue"])

    def test_completing_a_visit_updates_care_and_closes_the_activity(self):
        self.visit_done(self.customer_a, 45)
        self.env["kam.account"]._cron_kam_refresh_care()
        self.assertTrue(self.account_a.activity_ids)
        visit = (
            self.env["kam.visit"]
            .with_user(self.rep)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "company_id": self.company.id,
                    "summary": "Back on track",
                    "outcome": "advance",
                    "next_step": "Send samples",
                    "next_step_date": self.today + timedelta(days=2),
                }
            )
        )
        visit.action_done()
        self.assertEqual(self.account_a.care_status, "ok")
        self.assertEqual(self.account_a.last_visit_date, self.today)
        self.assertFalse(self.account_a.activity_ids, "the overdue activity is done")

    def test_cron_batches_activities(self):
        customers = [self.customer(f"Batch {i}") for i in range(3)]
        for customer in customers:
            account = self.Account.create({"partner_id": customer.id, "manager_id": self.rep.id})
            account.tier_id = self.tier_key
            self.visit_done(customer, 40)
        self.refresh()
        Account = self.env["kam.account"]
        done, left = Account._kam_schedule_overdue_visits(self.today, limit=2)
        self.assertEqual(done, 2)
        self.assertGreaterEqual(left, 1)
        done_next, _left = Account._kam_schedule_overdue_visits(self.today, limit=2)
        self.assertGreaterEqual(done_next, 1)
        accounts = Account.search([("partner_id", "in", [c.id for c in customers])])
        self.assertTrue(all(len(a.activity_ids) == 1 for a in accounts))

    def test_weekly_digest_for_managers(self):
        self.visit_done(self.customer_a, 45)
        # Done three days ago, next step two days ago, and its follow-up still open: missed.
        self.visit_done(self.customer_a, 3, user=self.rep_b, next_in=1)
        self.refresh()
        self.assertEqual(self.account_a.care_status, "ok")
        customer_b = self.customer("Forgotten Co")
        account_b = self.Account.create({"partner_id": customer_b.id, "manager_id": self.rep.id})
        account_b.tier_id = self.tier_key
        self.visit_done(customer_b, 60)
        self.refresh()
        data = self.env["kam.account"]._kam_digest_data(self.company, self.today)
        self.assertEqual(data["overdue"], account_b)
        self.assertIn((self.rep_b, 1), data["done_per_rep"])
        # Every follow-up still open past its date, the older ones too.
        self.assertEqual(dict(data["missed_per_rep"]), {self.rep: 2, self.rep_b: 1})
        self.env["kam.account"]._cron_kam_weekly_digest()
        message = self.env["mail.message"].search(
            [("partner_ids", "in", self.manager.partner_id.ids)], order="id desc", limit=1
        )
        self.assertIn("weekly care digest", message.subject)
        self.assertIn("Forgotten Co", message.body)
        self.assertNotIn(self.rep.partner_id, message.partner_ids, "reps get no digest")

    def test_planning_too_soon_warns_of_over_care(self):
        self.visit_done(self.customer_a, 3)
        self.refresh()
        Visit = self.env["kam.visit"].with_user(self.rep)

        def warning(days_ahead):
            visit = Visit.new(
                {
                    "partner_id": self.customer_a.id,
                    "company_id": self.company.id,
                    "date_planned": self.local_instant(
                        self.today + timedelta(days=days_ahead), time(4)
                    ),
                }
            )
            return visit._onchange_care_rhythm()

        self.assertIn("at least 7 days", warning(3)["warning"]["message"])  # 6 days after
        self.assertIsNone(warning(4))  # exactly 7 days after the last visit

    def test_missed_follow_ups_are_searchable_and_counted_on_the_account(self):
        missed = self.visit_done(self.customer_a, 5, next_in=1)
        Visit = self.env["kam.visit"]
        self.assertIn(missed, Visit.search([("follow_up_missed", "=", True)]))
        self.assertNotIn(missed, Visit.search([("follow_up_missed", "=", False)]))
        self.assertTrue(missed.follow_up_missed)
        with self.assertRaisesRegex(UserError, "Unsupported search"):
            Visit.search([("follow_up_missed", "in", [True])])
        self.assertEqual(self.account_a.visit_count, 1)
        action = self.account_a.action_open_visits()
        self.assertEqual(Visit.search(action["domain"]), missed)
