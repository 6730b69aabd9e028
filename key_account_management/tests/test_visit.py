from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.addons.b2b_base.tests.common import RollbackCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..rules import distance_m, follow_up_problem


@tagged("post_install", "-at_install")
class TestVisit(RollbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.rep = new_test_user(cls.env, "visit_rep", groups="sales_team.group_sale_salesman")
        cls.other_rep = new_test_user(
            cls.env, "visit_rep2", groups="sales_team.group_sale_salesman"
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Shanghai Power",
                "is_company": True,
                "partner_latitude": 31.2304,
                "partner_longitude": 121.4737,
            }
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Buyer Li", "parent_id": cls.customer.id}
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Valves 2027",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.rep.id,
            }
        )
        cls.role = cls.env["kam.deal.role"].create(
            {"lead_id": cls.lead.id, "partner_id": cls.buyer.id, "buying_role": "purchaser"}
        )

    def plan(self, user=None, **vals):
        return (
            self.env["kam.visit"]
            .with_user(user or self.rep)
            .create(
                {
                    "partner_id": self.customer.id,
                    "contact_ids": [(6, 0, self.buyer.ids)],
                    "lead_id": self.lead.id,
                    "purpose": "Present the new valve line",
                    **vals,
                }
            )
        )

    def record(self, visit, days_ahead=7, **vals):
        visit.write(
            {
                "summary": "Tested samples; price is the issue",
                "outcome": "advance",
                "next_step": "Send revised quote",
                "next_step_date": self.today + timedelta(days=days_ahead),
                **vals,
            }
        )

    def test_follow_up_rule(self):
        today, day = self.today, timedelta(days=1)
        self.assertIsNone(follow_up_problem(today, today, today, 7))
        self.assertIsNone(follow_up_problem(today + 7 * day, today, today, 7))
        self.assertEqual(follow_up_problem(today + 8 * day, today, today, 7), "too_late")
        self.assertEqual(follow_up_problem(today - day, today, today, 7), "past")
        self.assertEqual(follow_up_problem(False, today, today, 7), "missing")
        # Counted from the day of the visit, not the day it is recorded ...
        self.assertIsNone(follow_up_problem(today + 4 * day, today - 3 * day, today, 7))
        self.assertEqual(follow_up_problem(today + 5 * day, today - 3 * day, today, 7), "too_late")
        # ... and today at the latest for a visit recorded after its window.
        self.assertIsNone(follow_up_problem(today, today - 30 * day, today, 7))
        self.assertEqual(follow_up_problem(today + day, today - 30 * day, today, 7), "too_late")
        self.assertAlmostEqual(
            distance_m(31.2304, 121.4737, 39.9042, 116.4074) / 1000, 1067.3, places=1
        )
        self.assertEqual(distance_m(30, 120, 30, 120), 0)

    def test_complete_a_visit(self):
        visit = self.plan()
        self.record(visit, days_ahead=7)
        visit.with_user(self.rep).action_done()
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.date_done)
        activity = visit.activity_ids
        self.assertEqual(
            (activity.user_id, activity.date_deadline), (self.rep, self.today + timedelta(days=7))
        )
        self.assertEqual(activity.summary, "Send revised quote")
        self.assertEqual(self.role.last_contact_date, self.today)
        self.assertEqual(self.lead.kam_last_outcome, "advance")

    def test_completion_rules_change_nothing_when_broken(self):
        cases = [
            ({"summary": False}, "talking points"),
            ({"outcome": False}, "an outcome"),
            ({"next_step": "  "}, "a next step"),
            ({"next_step_date": False}, "Give the next step a date"),
            ({"next_step_date": self.today - timedelta(days=1)}, "cannot be in the past"),
            ({"next_step_date": self.today + timedelta(days=8)}, "Follow up within 7 days"),
        ]
        for vals, message in cases:
            visit = self.plan()
            self.record(visit)
            visit.write(vals)
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, message):
                visit.with_user(self.rep).action_done()
            self.assertEqual(visit.state, "planned")
            self.assertFalse(visit.activity_ids)
        self.assertFalse(self.role.last_contact_date)

    def complete_met(self, visit, next_in_days):
        """The dialog filled in correctly but for the next step's date."""
        return self.complete(
            visit,
            summary="Met",
            outcome="advance",
            next_step="Quote",
            next_step_date=self.today + timedelta(days=next_in_days),
        )

    def complete(self, visit, user=None, **vals):
        """The completion dialog, as the rep fills it in."""
        wizard = (
            self.env["kam.visit.complete"]
            .with_user(user or self.rep)
            .with_context(default_visit_id=visit.id)
            .create(vals)
        )
        return wizard.action_confirm()

    def test_complete_in_one_step_from_the_dialog(self):
        visit = self.plan(summary="Prepared: ask about the 2027 budget")
        dialog = Form(
            self.env["kam.visit.complete"]
            .with_user(self.rep)
            .with_context(default_visit_id=visit.id)
        )
        self.assertEqual(dialog.summary, "Prepared: ask about the 2027 budget")
        self.complete(
            visit,
            summary="Budget confirmed",
            outcome="advance",
            next_step="Send samples",
            next_step_date=self.today + timedelta(days=2),
            satisfaction="4",
        )
        self.assertEqual(
            (visit.state, visit.outcome, visit.next_step, visit.satisfaction),
            ("done", "advance", "Send samples", "4"),
        )
        self.assertEqual(visit.activity_ids.date_deadline, self.today + timedelta(days=2))

    def test_a_failed_completion_saves_nothing_and_says_everything(self):
        visit = self.plan()
        with self.assertRaisesRegex(UserError, "add talking points, an outcome") as caught:
            self.complete(visit, next_step="Call", next_step_date=self.today + timedelta(days=30))
        self.assertIn("Follow up within 7 days of the visit", str(caught.exception))
        self.assertEqual(
            (visit.state, visit.summary, visit.next_step, visit.next_step_date),
            ("planned", False, False, False),
        )
        self.assertFalse(visit.activity_ids)

    def test_a_visit_planned_for_a_later_day_cannot_be_completed_today(self):
        tomorrow = fields.Datetime.now() + timedelta(days=1)
        visit = self.plan(date_planned=tomorrow)
        with self.assertRaisesRegex(UserError, "planned for .*: complete it on that day"):
            self.complete_met(visit, 1)
        self.assertEqual((visit.state, visit.outcome), ("planned", False))

    def test_follow_up_counts_from_the_day_the_visit_is_done(self):
        # Planned three days ago, done today: the week runs from today.
        visit = self.plan(date_planned=fields.Datetime.now() - timedelta(days=3))
        with self.assertRaisesRegex(UserError, "Follow up within 7 days of the visit"):
            self.complete_met(visit, 8)
        self.assertEqual(visit.state, "planned")
        self.complete_met(visit, 7)
        self.assertEqual(visit.state, "done")

    def test_one_clock_the_reps_day_in_beijing(self):
        """Beijing is UTC+8: at 00:30 and 07:59 there it is already tomorrow's day in UTC's
        yesterday; at 08:00 both agree. The rep's day counts, everywhere."""
        self.rep.tz = "Asia/Shanghai"
        self.env.company.partner_id.tz = "Asia/Shanghai"
        self.env = self.env(context=dict(self.env.context, tz="Asia/Shanghai"))  # the browser's
        account = self.env["kam.account"].create(
            {"partner_id": self.customer.id, "manager_id": self.rep.id}
        )
        for utc_now in ("2026-12-02 16:30:00", "2026-12-02 23:59:00", "2026-12-03 00:00:00"):
            with freeze_time(utc_now):
                local_today = date(2026, 12, 3)
                visit = self.plan(date_planned=fields.Datetime.now())
                dialog = {"summary": "Met", "outcome": "advance", "next_step": "Quote"}
                # The week runs from the rep's today, not UTC's.
                with self.assertRaisesRegex(UserError, "by 12/10/2026 at the latest"):
                    self.complete(visit, next_step_date=local_today + timedelta(days=8), **dialog)
                self.complete(visit, next_step_date=local_today + timedelta(days=7), **dialog)
                self.assertEqual(visit.state, "done")
                self.customer.invalidate_recordset()
                self.assertEqual(
                    self.customer.with_env(self.env).with_user(self.rep).kam_last_visit_date,
                    local_today,
                )
                self.assertEqual(account.last_visit_date, local_today)
                visit.sudo().unlink()

    def test_overdue_and_today_by_the_reps_day(self):
        """A planned visit is overdue once its day has passed in Beijing, not in UTC."""
        self.rep.tz = "Asia/Shanghai"
        # The rep's browser, in Beijing, sends its zone.
        Visit = self.env["kam.visit"].with_user(self.rep).with_context(tz="Asia/Shanghai")
        # 23:30 on 2 December and 00:30 on 3 December, Beijing time.
        late, early = Visit.browse(
            (
                self.plan(date_planned="2026-12-02 15:30:00")
                | self.plan(date_planned="2026-12-02 16:30:00")
            ).ids
        )
        for utc_now in ("2026-12-02 16:00:00", "2026-12-02 23:59:00"):
            with freeze_time(utc_now):
                (late | early).invalidate_recordset(["overdue"])
                self.assertEqual((late.overdue, early.overdue), (True, False), utc_now)
                found = Visit.search([("id", "in", (late | early).ids), ("overdue", "=", True)])
                self.assertEqual(found, late)
                not_overdue = [("id", "in", (late | early).ids), ("overdue", "!=", True)]
                self.assertEqual(Visit.search(not_overdue), early)
        # Still 2 December in Beijing (15:59 UTC): neither is overdue yet.
        with freeze_time("2026-12-02 15:59:00"):
            (late | early).invalidate_recordset(["overdue"])
            self.assertEqual((late.overdue, early.overdue), (False, False))
        # Done visits are never overdue.
        with freeze_time("2026-12-04 08:00:00"):
            met = {"summary": "Met", "outcome": "advance", "next_step": "Quote"}
            self.complete(late, next_step_date=date(2026, 12, 7), **met)
            (late | early).invalidate_recordset(["overdue"])
            self.assertEqual((late.overdue, early.overdue), (False, True))

    def test_last_visit_of_a_customer_that_is_no_key_account(self):
        self.assertFalse(self.env["kam.account"].search([("partner_id", "=", self.customer.id)]))
        self.assertFalse(self.customer.kam_last_visit_date)
        visit = self.plan()
        self.complete_met(visit, 3)
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.with_user(self.other_rep).kam_last_visit_date, self.today)

    def test_follow_up_window_is_a_setting(self):
        self.env.company.kam_followup_days = 10
        visit = self.plan()
        self.record(visit, days_ahead=10)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.cr.savepoint():
            self.env.company.kam_followup_days = -1

    def test_last_outcome_is_the_latest_done_visit(self):
        first, second = self.plan(), self.plan()
        self.record(first, outcome="continuation")
        first.action_done()
        self.record(second, outcome="order")
        second.write({"date_planned": fields.Datetime.now() + timedelta(seconds=1)})
        second.action_done()
        self.assertEqual(self.lead.kam_last_outcome, "order")

    def test_checkin_records_the_distance(self):
        visit = self.plan()
        visit.with_user(self.rep).action_checkin(31.2404, 121.4737)  # about 1.1 km north
        self.assertAlmostEqual(visit.checkin_distance_m, 1112, delta=5)
        self.assertTrue(visit.checkin_time)
        for latitude in (90.0001, -91):
            with self.assertRaisesRegex(ValidationError, "±90"), self.cr.savepoint():
                visit.action_checkin(latitude, 121)
        visit.invalidate_recordset()
        self.assertEqual(visit.checkin_latitude, 31.2404)

    def test_visit_and_deal_must_share_the_customer(self):
        other = self.env["res.partner"].create({"name": "Other Co", "is_company": True})
        with self.assertRaisesRegex(ValidationError, "belongs to another customer"):
            self.env["kam.visit"].create({"partner_id": other.id, "lead_id": self.lead.id})

    def test_reps_see_their_own_visits(self):
        mine = self.plan()
        theirs = self.plan(user=self.other_rep)
        Visit = self.env["kam.visit"].with_user(self.rep)
        self.assertEqual(Visit.search([("id", "in", (mine | theirs).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.rep).write({"summary": "x"})
        with self.assertRaises(AccessError):
            mine.with_user(self.rep).unlink()

    def test_plan_in_the_form(self):
        with Form(self.env["kam.visit"].with_user(self.rep)) as form:
            form.partner_id = self.customer
            form.visit_type = "phone"
            form.purpose = "Check satisfaction after delivery"
        visit = form.save()
        self.assertEqual(
            (visit.user_id, visit.state, visit.name),
            (self.rep, "planned", "Shanghai Power - Phone"),
        )

    def test_longitude_range(self):
        visit = self.plan()
        for longitude in (180.0001, -180.5):
            with self.assertRaisesRegex(ValidationError, "±180"), self.cr.savepoint():
                visit.action_checkin(31.2, longitude)
        visit.invalidate_recordset()
        self.assertFalse(visit.checkin_time)
        visit.action_checkin(-90, 180)  # the edges themselves are valid
        self.assertEqual((visit.checkin_latitude, visit.checkin_longitude), (-90, 180))

    def test_checkin_and_completion_only_when_planned(self):
        visit = self.plan()
        visit.action_cancel()
        with self.assertRaisesRegex(UserError, "Only a planned visit can be checked in"):
            visit.action_checkin(31.2, 121.4)
        self.record(visit)
        with self.assertRaisesRegex(UserError, "Only a planned visit can be completed"):
            visit.action_done()
        self.assertEqual(visit.state, "cancelled")

    def test_a_direct_write_cannot_skip_the_completion_rules(self):
        visit = self.plan()
        as_rep = visit.with_user(self.rep)
        with self.assertRaisesRegex(UserError, "talking points"):
            as_rep.write({"state": "done"})
        self.assertEqual(visit.state, "planned")
        self.record(visit)
        as_rep.write({"state": "done", "date_done": "2020-01-01 10:00:00"})
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.date_done.date(), fields.Date.today(), "reps cannot backdate")
        self.assertTrue(visit.activity_ids, "the follow-up is scheduled all the same")
        with self.assertRaisesRegex(UserError, "keeps its status"):
            as_rep.write({"state": "planned"})
        self.assertEqual(visit.state, "done")

    def test_creating_a_done_visit_applies_the_same_rules(self):
        Visit = self.env["kam.visit"].with_user(self.rep)
        with self.assertRaisesRegex(UserError, "talking points"), self.cr.savepoint():
            Visit.create({"partner_id": self.customer.id, "state": "done"})
        self.assertFalse(Visit.search([("partner_id", "=", self.customer.id)]))
        visit = Visit.create(
            {
                "partner_id": self.customer.id,
                "state": "done",
                "summary": "Signed",
                "outcome": "order",
                "next_step": "Kick-off meeting",
                "next_step_date": self.today,
            }
        )
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.activity_ids)
        copy = visit.copy()
        self.assertEqual((copy.state, copy.date_done), ("planned", False))

    def test_the_customer_picker_offers_customers_not_vendors(self):
        vendor = self.env["res.partner"].create(
            {"name": "Steel Supplier", "is_company": True, "supplier_rank": 1}
        )
        both = self.env["res.partner"].create(
            {"name": "Buys and Sells", "is_company": True, "supplier_rank": 1, "customer_rank": 1}
        )
        prospect = self.env["res.partner"].create({"name": "New Prospect", "is_company": True})
        field = self.env["kam.visit"]._fields["partner_id"]
        domain = safe_eval(field.domain)
        offered = (
            self.env["res.partner"]
            .with_user(self.rep)
            .search(domain + [("id", "in", (vendor | both | prospect | self.buyer).ids)])
        )
        self.assertEqual(offered, both | prospect)
