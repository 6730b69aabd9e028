import base64
import io
from datetime import date, datetime, time, timedelta

import openpyxl
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.addons.b2b_base import clock
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .. import rules
from .common import KamCase


class TestResourceRules(TransactionCase):
    def test_growth_and_ratio(self):
        self.assertEqual(rules.growth(120, 100), 0.2)
        self.assertEqual(rules.growth(0, 100), -1.0)
        self.assertIsNone(rules.growth(100, 0), "nothing before: no growth to tell")
        self.assertIsNone(rules.growth(100, -5))
        self.assertIsNone(rules.growth(float("nan"), 100))
        self.assertEqual(rules.ratio(1, 4), 0.25)
        self.assertIsNone(rules.ratio(1, 0))

    def test_weighted_split(self):
        self.assertEqual(rules.weighted_split(40, {"a": 3.0, "b": 1.0}), {"a": 30.0, "b": 10.0})
        self.assertEqual(rules.weighted_split(40, {"a": 0.0, "b": 0.0}), {"a": 0.0, "b": 0.0})
        self.assertEqual(rules.weighted_split(40, {"a": -1.0, "b": 2.0}), {"a": 0.0, "b": 40.0})
        self.assertEqual(rules.weighted_split(40, {}), {})

    def test_resource_alert_boundaries(self):
        alert = rules.resource_alert
        self.assertEqual(alert("abandon", True, 0, 30), "abandon_spending")
        self.assertFalse(alert("abandon", False, 365, 30))
        self.assertFalse(alert("attack", False, 29, 30), "a day before the limit")
        self.assertEqual(alert("attack", False, 30, 30), "attack_starved")
        self.assertEqual(alert("attack", True, 30, 30), "attack_starved", "spent long ago")
        self.assertFalse(alert("defend", False, 300, 30))
        self.assertFalse(alert("maintain", True, 300, 30))

    def test_idle_days(self):
        day = date(2026, 3, 1)
        start = date(2026, 1, 1)
        self.assertEqual(rules.idle_days(day, start, date(2020, 1, 1), None), 60)
        self.assertEqual(rules.idle_days(day, start, date(2026, 2, 20), None), 10, "new account")
        self.assertEqual(rules.idle_days(day, start, start, date(2026, 2, 28)), 1)
        self.assertEqual(rules.idle_days(day, start, start, day), 0, "spent today")
        self.assertEqual(rules.idle_days(start, date(2026, 2, 1), start, None), 0, "not begun")


class ResourcePlanCase(KamCase):
    """Four accounts, one per situation, with this period's and the two prior years' figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        now = fields.Datetime.now()
        cls.company.kam_potential_threshold = 1000
        cls.tier_strategic.resource_weight = 3.0
        cls.attack_one = cls.customer("Attack One")
        cls.attack_two = cls.customer("Attack Two")
        cls.defend_one = cls.customer("Defend One")
        cls.abandon_one = cls.customer("Abandon One")
        cls.order(cls.attack_one, 1000, date=now - timedelta(days=10))
        cls.order(cls.attack_one, 500, date=now - relativedelta(years=1, days=10))
        cls.order(cls.defend_one, 800, date=now - timedelta(days=10))
        cls.order(cls.defend_one, 1000, date=now - relativedelta(years=1, days=10))
        cls.order(cls.defend_one, 900, date=now - relativedelta(years=2, days=10))
        cls.order(cls.abandon_one, 100, date=now - relativedelta(years=1, days=10))
        Account = cls.env["kam.account"]
        cls.accounts = {}
        for partner, potential, manager in (
            (cls.attack_one, 10000, cls.rep),
            (cls.attack_two, 5000, cls.rep_b),
            (cls.defend_one, 1200, cls.rep),
            (cls.abandon_one, 500, cls.rep_b),
        ):
            cls.accounts[partner] = Account.create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "manager_id": manager.id,
                    "purchase_potential": potential,
                }
            )
        cls.env["res.partner"].kam_recompute_tiers()
        # Accounts of long standing: a new account is not starved by the days before it.
        cls.env.cr.execute(
            "UPDATE kam_account SET create_date = now() - interval '3 years' WHERE id IN %s",
            [tuple(a.id for a in cls.accounts.values())],
        )
        Account.invalidate_model(["create_date"])
        for partner, tier in (
            (cls.attack_one, cls.tier_strategic),
            (cls.attack_two, cls.tier_growth),
            (cls.defend_one, cls.tier_key),
            (cls.abandon_one, cls.tier_standard),
        ):
            cls.accounts[partner].tier_id = tier
        cls.env["kam.visit.cost"].create(
            {"company_id": cls.company.id, "visit_type": "onsite", "days": 1.5, "cost": 800}
        )
        cls.visit(cls.attack_one, "onsite", cls.rep, 5)
        cls.visit(cls.attack_one, "phone", cls.rep_b, 4)
        cls.visit(cls.defend_one, "video", cls.rep, 3)
        cls.visit(cls.defend_one, "onsite", cls.rep, 400)  # a year before
        cls.gift(cls.abandon_one, 300, cls.today - timedelta(days=5))
        cls.gift(cls.defend_one, 200, cls.today - relativedelta(years=1, days=5))
        cls.won(cls.attack_one, 5000, now - timedelta(days=3))
        cls.won(cls.attack_one, 2000, now - relativedelta(years=1, days=3))
        Survey = cls.env["kam.satisfaction.survey"]
        for day, expectation, experience in (
            (cls.today - timedelta(days=2), "3", "4"),
            (cls.today - relativedelta(years=1, days=2), "4", "3"),
        ):
            Survey.create(
                {
                    "account_id": cls.accounts[cls.defend_one].id,
                    "date": day,
                    "expectation": expectation,
                    "experience": experience,
                }
            )
        cls.plan = cls.make_plan()

    @classmethod
    def make_plan(cls, **vals):
        return (
            cls.env["kam.resource.plan"]
            .with_company(cls.company)
            .create(
                {
                    "name": "This Period",
                    "date_from": cls.today - timedelta(days=100),
                    "date_to": cls.today + timedelta(days=200),
                    "planned_days": 100,
                    "planned_people": 10,
                    "planned_money": 10000,
                    "planned_credit": 5000,
                    **vals,
                }
            )
        )

    @classmethod
    def visit(cls, partner, visit_type, user, days_ago):
        when = fields.Datetime.now() - timedelta(days=days_ago)
        visit = cls.env["kam.visit"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "company_id": cls.company.id,
                "visit_type": visit_type,
                "date_planned": when,
                "summary": "Talked",
                "outcome": "continuation",
                "next_step": "Call again",
                "next_step_date": when.date() + timedelta(days=1),
            }
        )
        visit.write({"state": "done", "date_done": when})

    @classmethod
    def gift(cls, partner, amount, day):
        cls.env["kam.gift.request"].create(
            {
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "purpose": "Festival",
                "amount": amount,
                "date": day,
                "state": "approved",
            }
        )

    @classmethod
    def won(cls, partner, amount, when):
        lead = cls.env["crm.lead"].create(
            {
                "name": f"Deal {amount}",
                "type": "opportunity",
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "expected_revenue": amount,
            }
        )
        lead.action_set_won()
        lead.date_closed = when

    def refresh(self, today=None):
        self.plan._kam_refresh(today or self.today)
        self.plan.invalidate_recordset()

    def line(self, quadrant):
        return self.plan.line_ids.filtered(lambda line: line.quadrant == quadrant)

    def row(self, partner):
        return self.plan.account_line_ids.filtered(lambda row: row.partner_id == partner)

    def todos(self, partner):
        return self.accounts[partner].activity_ids.filtered(
            lambda a: a.summary and "resources" in a.summary
        )


@tagged("post_install", "-at_install")
class TestResourcePlan(ResourcePlanCase):
    def test_new_plan_takes_the_company_shares(self):
        self.assertEqual(
            self.plan.line_ids.mapped("quadrant"), ["attack", "defend", "maintain", "abandon"]
        )
        self.assertEqual(
            [(line.share, line.planned_days) for line in self.plan.line_ids],
            [(0.4, 40.0), (0.4, 40.0), (0.2, 20.0), (0.0, 0.0)],
        )
        self.assertEqual(self.plan.prior_date_from, self.plan.date_from - relativedelta(years=1))

    def test_quadrants_of_the_accounts(self):
        quadrants = {p.name: self.accounts[p].quadrant for p in self.accounts}
        self.assertEqual(
            quadrants,
            {
                "Attack One": "attack",
                "Attack Two": "attack",
                "Defend One": "defend",
                "Abandon One": "abandon",
            },
        )

    def test_scorecard(self):
        self.refresh()
        attack, defend, abandon = self.line("attack"), self.line("defend"), self.line("abandon")
        # Attack: sales growth and new business won, against a year before.
        self.assertEqual(
            (attack.account_count, attack.revenue, attack.revenue_prior), (2, 1000, 500)
        )
        self.assertAlmostEqual(attack.sales_growth, 1.0)
        self.assertEqual((attack.won_count, attack.won_amount), (1, 5000))
        self.assertEqual((attack.won_count_prior, attack.won_amount_prior), (1, 2000))
        # Defend: profit growth, retention, cost to serve, satisfaction.
        self.assertEqual((defend.margin, defend.margin_prior), (800, 1000))
        self.assertAlmostEqual(defend.profit_growth, -0.2)
        self.assertEqual((defend.buyers_prior, defend.retained), (1, 1))
        self.assertEqual((defend.retention, defend.retention_prior), (1.0, 1.0))
        # A year before: an on-site visit (800) and a gift (200) on 1,000 of revenue.
        self.assertEqual((defend.spent_money, defend.spent_money_prior), (0, 1000))
        self.assertEqual((defend.cost_to_serve, defend.cost_to_serve_prior), (0.0, 1.0))
        self.assertEqual((defend.satisfaction, defend.satisfaction_prior), (1.0, -1.0))
        # The abandon account bought a year ago and not since: not retained.
        self.assertEqual((abandon.buyers_prior, abandon.retained, abandon.retention), (1, 0, 0.0))
        self.assertEqual(abandon.cost_to_serve, 0.0, "no revenue: no ratio")
        self.assertTrue(self.plan.figures_date)

    def test_counts_what_was_just_written(self):
        """An order dated back a moment ago, not yet flushed to the database, counts."""
        order = self.order(self.attack_two, 250)
        order.date_order = fields.Datetime.now() - relativedelta(years=1, days=1)
        self.refresh()
        self.assertEqual(self.row(self.attack_two).revenue_prior, 250)
        self.assertEqual(self.line("attack").revenue_prior, 750)

    def test_resources_planned_and_spent(self):
        self.refresh()
        attack, defend, abandon = self.line("attack"), self.line("defend"), self.line("abandon")
        # An on-site visit costed at 1.5 days and 800; a phone call at its usual 0.1 day.
        self.assertAlmostEqual(attack.spent_days, 1.6)
        self.assertEqual((attack.spent_visit_cost, attack.spent_money), (800, 800))
        self.assertEqual(attack.spent_people, 2)
        self.assertAlmostEqual(attack.days_used, 1.6 / 40)
        self.assertAlmostEqual(defend.spent_days, 0.25, msg="the visit before the period is out")
        self.assertEqual((abandon.spent_gifts, abandon.spent_money), (300, 300))
        self.assertEqual((abandon.planned_days, abandon.planned_money), (0, 0))
        # Within the attack quadrant the tiers' resource weights split the plan: 3 to 1.
        one, two = self.row(self.attack_one), self.row(self.attack_two)
        self.assertEqual((one.weight, one.planned_days, one.planned_money), (3.0, 30.0, 3000))
        self.assertEqual((two.weight, two.planned_days, two.planned_money), (1.0, 10.0, 1000))
        self.assertEqual((one.spent_money, one.visit_count, one.revenue), (800, 2, 1000))

    def test_alerts_and_their_todos(self):
        self.refresh()
        self.assertEqual(self.row(self.abandon_one).alert, "abandon_spending")
        self.assertEqual(self.row(self.attack_two).alert, "attack_starved")
        self.assertFalse(self.row(self.attack_one).alert)
        self.assertFalse(self.row(self.defend_one).alert)
        self.assertEqual((self.plan.abandon_spending_count, self.plan.attack_starved_count), (1, 1))
        abandon_todo, attack_todo = self.todos(self.abandon_one), self.todos(self.attack_two)
        self.assertEqual(abandon_todo.summary, "Abandon account consuming resources")
        self.assertEqual(abandon_todo.user_id, self.rep_b)
        self.assertEqual(attack_todo.summary, "Attack account without resources")
        self.assertIn("This Period", attack_todo.note)
        self.refresh()
        self.assertEqual(len(self.todos(self.abandon_one)), 1, "told once")
        self.assertEqual(len(self.todos(self.attack_two)), 1, "told once")

    def test_attack_starved_only_after_its_interval(self):
        """No resource for 29 days of the period is not yet starving; on the 30th it is (the
        tier sets no longest interval between visits). A tier's interval takes over."""
        start = self.plan.date_from
        self.refresh(start + timedelta(days=28))
        self.assertFalse(self.row(self.attack_two).alert)
        self.assertFalse(self.todos(self.attack_two))
        self.refresh(start + timedelta(days=29))
        self.assertEqual(self.row(self.attack_two).alert, "attack_starved")
        self.tier_growth.max_visit_days = 60
        self.refresh(start + timedelta(days=58))
        self.assertFalse(self.row(self.attack_two).alert)

    def test_an_alert_that_clears_and_returns_is_told_again(self):
        self.refresh()
        self.todos(self.attack_two).action_feedback("Planned a visit")
        self.visit(self.attack_two, "phone", self.rep_b, 1)
        self.refresh()
        self.assertFalse(self.row(self.attack_two).alert)
        self.assertFalse(self.row(self.attack_two).alert_notified)
        self.env["kam.visit"].search([("partner_id", "=", self.attack_two.id)]).sudo().unlink()
        self.refresh()
        self.assertEqual(len(self.todos(self.attack_two)), 1)

    def test_contact_persons_visits_and_gifts_count_for_their_customer(self):
        buyer = self.env["res.partner"].create(
            {"name": "Buyer Ma", "parent_id": self.attack_two.id}
        )
        self.visit(buyer, "onsite", self.rep_b, 2)
        self.gift(buyer, 50, self.today - timedelta(days=1))
        self.refresh()
        row = self.row(self.attack_two)
        self.assertEqual((row.visit_count, row.spent_days, row.spent_money), (1, 1.5, 850))
        self.assertFalse(row.alert)

    def test_days_are_the_companys_days(self):
        """In Shanghai the period starts at 16:00 UTC the day before."""
        self.company.partner_id.tz = "Asia/Shanghai"
        eve = datetime.combine(self.plan.date_from - timedelta(days=1), datetime.min.time())
        self.order(self.attack_two, 70, date=eve + timedelta(hours=15, minutes=59))
        self.order(self.attack_two, 30, date=eve + timedelta(hours=16))
        self.refresh()
        self.assertEqual(self.row(self.attack_two).revenue, 30)

    def test_starved_counts_from_the_last_resource(self):
        """A visit 40 days ago no longer feeds an attack account; one 29 days ago does."""
        self.visit(self.attack_two, "phone", self.rep_b, 40)
        self.refresh()
        self.assertEqual(self.row(self.attack_two).alert, "attack_starved")
        self.visit(self.attack_two, "phone", self.rep_b, 29)
        self.refresh()
        self.assertFalse(self.row(self.attack_two).alert)

    def test_a_new_account_is_not_starved_by_the_days_before_it(self):
        self.env.cr.execute(
            "UPDATE kam_account SET create_date = now() - interval '5 days' WHERE id = %s",
            [self.accounts[self.attack_two].id],
        )
        self.accounts[self.attack_two].invalidate_recordset(["create_date"])
        self.refresh()
        self.assertFalse(self.row(self.attack_two).alert)

    def test_an_account_without_manager_is_told_once_it_has_one(self):
        account = self.accounts[self.attack_two]
        account.manager_id = False
        self.refresh()
        self.assertEqual(self.row(self.attack_two).alert, "attack_starved")
        self.assertFalse(self.row(self.attack_two).alert_notified)
        account.manager_id = self.rep
        self.refresh()
        self.assertEqual(self.todos(self.attack_two).user_id, self.rep)

    def test_an_archived_copy_tells_nobody(self):
        self.refresh()
        copy = self.plan.copy()
        copy._kam_refresh(self.today)
        self.assertEqual(copy.attack_starved_count, 1)
        self.assertEqual(len(self.todos(self.attack_two)), 1)

    def test_figures_cannot_be_given(self):
        Plan = self.env["kam.resource.plan"].with_user(self.manager).with_company(self.company)
        next_year = {
            "date_from": self.plan.date_to + timedelta(days=1),
            "date_to": self.plan.date_to + timedelta(days=30),
        }
        plan = Plan.with_context(
            default_revenue=1e9, default_won_amount=5, default_figures_date="2025-01-01 00:00:00"
        ).create({"name": "Forged", **next_year})
        self.assertEqual(set(plan.line_ids.mapped("revenue")), {0})
        self.assertEqual(set(plan.line_ids.mapped("won_amount")), {0})
        self.assertFalse(plan.figures_date)
        when = "2025-01-01 00:00:00"
        with self.assertRaisesRegex(AccessError, "computed by the system"), self.cr.savepoint():
            Plan.create({"name": "Forged too", "figures_date": when, **next_year})
        with self.assertRaisesRegex(AccessError, "computed by the system"), self.cr.savepoint():
            plan.write({"figures_date": when})
        self.assertFalse(plan.figures_date)

    def test_a_plan_keeps_its_company_and_takes_its_shares(self):
        other = self.env["res.company"].create(
            {
                "name": "Shares Co",
                "kam_alloc_attack": 0.7,
                "kam_alloc_defend": 0.3,
                "kam_alloc_maintain": 0.0,
            }
        )
        plan = (
            self.env["kam.resource.plan"]
            .with_company(self.company)
            .create({"name": "Elsewhere", "company_id": other.id})
        )
        self.assertEqual((plan.alloc_attack, plan.alloc_defend), (0.7, 0.3))
        with self.assertRaisesRegex(UserError, "stays in its company"), self.cr.savepoint():
            self.plan.write({"company_id": other.id})
        self.assertEqual(self.plan.company_id, self.company)

    def test_a_past_plan_tells_nobody(self):
        past = self.make_plan(
            name="Last Year",
            date_from=self.plan.date_from - relativedelta(years=1),
            date_to=self.plan.date_from - timedelta(days=1),
        )
        past._kam_refresh(self.today)
        rows = past.account_line_ids
        self.assertEqual(rows.filtered("alert").mapped("alert"), ["attack_starved"] * 2)
        self.assertFalse(rows.filtered("alert_notified"))
        self.assertFalse(self.todos(self.attack_two))

    def test_the_cron_counts_running_plans_once_a_day(self):
        finished = self.make_plan(
            name="Long Ago",
            date_from=self.today - relativedelta(years=2),
            date_to=self.today - relativedelta(years=1, days=40),
        )
        Plan = self.env["kam.resource.plan"]
        # The company's day, not UTC's (the tests' zone is a day off it): counted just after
        # its midnight, not again until its next one.
        counted = self.local_instant(self.today, time(0, 5))
        with freeze_time(counted):
            Plan._cron_kam_refresh_plans()
        self.assertEqual(self.plan.figures_date, counted)
        self.assertFalse(finished.figures_date)
        with freeze_time(self.local_instant(self.today, time(23, 55))):
            Plan._cron_kam_refresh_plans()
        self.assertEqual(self.plan.figures_date, counted, "counted today already")
        tomorrow = self.local_instant(self.today + timedelta(days=1), time(0, 5))
        with freeze_time(tomorrow):
            Plan._cron_kam_refresh_plans()
        self.assertEqual(self.plan.figures_date, tomorrow)

    def test_refresh_replaces_the_rows(self):
        self.refresh()
        self.refresh()
        self.assertEqual(len(self.plan.account_line_ids), 4)
        self.accounts[self.abandon_one].purchase_potential = 0  # out of the matrix
        self.refresh()
        self.assertEqual(len(self.plan.account_line_ids), 3)
        self.assertEqual(self.line("abandon").account_count, 0)

    def test_bad_plans_are_refused_and_nothing_is_created(self):
        Plan = self.env["kam.resource.plan"].with_company(self.company)
        other = {
            "name": "Next",
            "date_from": self.plan.date_to + timedelta(days=1),
            "date_to": self.plan.date_to + timedelta(days=90),
        }
        for vals, message in (
            ({"alloc_abandon": 0.1}, r"add up to 100% \(now 110%\)"),
            ({"alloc_attack": 1.2, "alloc_defend": -0.4}, "between 0% and 100%"),
            ({"planned_days": -1}, "cannot be negative"),
            ({"planned_credit": -0.01}, "cannot be negative"),
            ({"date_to": other["date_from"] - timedelta(days=1)}, "ends after it starts"),
            ({"date_to": other["date_from"] + relativedelta(years=1)}, "a year at most"),
            ({"date_from": self.plan.date_to}, "overlaps another plan"),
            ({"planned_money": float("inf")}, "not a finite number"),
        ):
            with self.subTest(vals=vals):
                count = Plan.search_count([])
                lines = self.env["kam.resource.plan.line"].search_count([])
                with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                    Plan.create({**other, **vals})
                self.assertEqual(Plan.search_count([]), count)
                self.assertEqual(self.env["kam.resource.plan.line"].search_count([]), lines)
        # A year to the day before its end is the longest period; shares changed together.
        plan = Plan.create(
            {
                **other,
                "date_to": other["date_from"] + relativedelta(years=1, days=-1),
                "alloc_attack": 0.6,
                "alloc_maintain": 0.0,
            }
        )
        self.assertEqual(plan.line_ids.mapped("share"), [0.6, 0.4, 0.0, 0.0])

    def test_bad_changes_leave_the_plan_as_it_was(self):
        plan = self.plan
        for vals, message in (
            ({"alloc_attack": 0.5}, "add up to 100%"),
            ({"date_to": plan.date_from + relativedelta(years=1)}, "a year at most"),
            ({"planned_people": -1}, "cannot be negative"),
        ):
            before = plan.read(list(vals))[0]
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                plan.write(vals)
            plan.invalidate_recordset()
            self.assertEqual(plan.read(list(vals))[0], before)
        plan.write({"alloc_attack": 0.5, "alloc_maintain": 0.1})
        self.assertEqual(self.line("attack").planned_money, 5000)

    def test_a_copy_starts_archived(self):
        copy = self.plan.copy()
        self.assertFalse(copy.active)
        self.assertEqual(copy.name, "This Period (copy)")
        self.assertEqual(len(copy.line_ids), 4)

    def test_visit_costs_are_checked(self):
        Cost = self.env["kam.visit.cost"]
        for vals, message in (
            ({"visit_type": "phone", "days": 31}, "0 to 30 days"),
            ({"visit_type": "phone", "days": 0.1, "cost": -1}, "cannot be negative"),
        ):
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                Cost.create({"company_id": self.company.id, **vals})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Cost.create({"company_id": self.company.id, "visit_type": "onsite", "days": 1})
        self.assertEqual(Cost._kam_rates(self.company)["onsite"], (1.5, 800))
        self.assertEqual(Cost._kam_rates(self.company)["phone"], (0.1, 0.0))


@tagged("post_install", "-at_install")
class TestResourcePlanAccess(ResourcePlanCase):
    """Plans are the key-account managers': money and every rep's accounts."""

    def test_a_rep_cannot_read_plans(self):
        with self.assertRaises(AccessError):
            self.plan.with_user(self.rep).read(["planned_money"])
        with self.assertRaises(AccessError):
            self.env["kam.resource.plan"].with_user(self.rep).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.plan.line_ids.with_user(self.rep).read(["spent_money"])

    def test_a_manager_plans_and_counts_but_cannot_forge_figures(self):
        Plan = self.env["kam.resource.plan"].with_user(self.manager).with_company(self.company)
        plan = Plan.browse(self.plan.id)
        plan.action_refresh()
        self.assertEqual(plan.line_ids[0].spent_money, 800)
        for records, vals in (
            (plan.line_ids[:1], {"spent_money": 0}),
            (plan.account_line_ids[:1], {"alert": False}),
        ):
            with self.assertRaises(AccessError), self.cr.savepoint():
                records.write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            plan.write({"line_ids": [(1, plan.line_ids[0].id, {"spent_money": 0})]})
        self.assertEqual(plan.line_ids[0].spent_money, 800)

    def test_another_company_sees_no_plan(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "kam_outsider",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "groups_id": [
                    (6, 0, [self.env.ref("key_account_management.group_kam_manager").id])
                ],
            }
        )
        Plan = (
            self.env["kam.resource.plan"]
            .with_user(outsider)
            .with_context(allowed_company_ids=other.ids)
        )
        self.assertFalse(Plan.search([("id", "=", self.plan.id)]))
        self.assertFalse(
            self.env["kam.resource.plan.account"]
            .with_user(outsider)
            .with_context(allowed_company_ids=other.ids)
            .search([("plan_id", "=", self.plan.id)])
        )

    def test_the_workbook(self):
        plan = self.plan.with_user(self.manager)
        plan.action_refresh()
        action = plan.action_export_xlsx()
        export = self.env["kam.resource.plan.export"].browse(int(action["url"].split("/")[4]))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
        self.assertEqual(book.sheetnames, ["Scorecard", "Resources", "Accounts"])
        # The file says when its figures were counted, in the reader's time and date style.
        counted = clock.local_date(plan.figures_date, clock.user_tz(plan.env)).isoformat()
        self.assertRegex(book["Scorecard"]["A2"].value, rf"figures counted {counted} \d\d:\d\d")
        score = [row for row in book["Scorecard"].iter_rows(values_only=True) if row[0]]
        revenue = score.index(("Revenue", "This Period", "A Year Before", "Growth Rate"))
        self.assertEqual(score[revenue + 1][:4], ("Attack", 1000, 500, 1))
        retention = [r[0] for r in score].index("Retention")
        self.assertEqual(score[retention + 4][:4], ("Abandon", 0, None, None))
        # Changes and scores around 0 read with their sign; the scale is in the header.
        cells = [row for row in book["Scorecard"].iter_rows() if row[0].value]
        titles = [row[0].value for row in cells]
        growth = cells[titles.index("Revenue") + 1][3]
        self.assertEqual(growth.number_format, "+0.0%;-0.0%;0.0%")
        satisfaction = titles.index("Satisfaction (survey, -4 to +4)")
        defend = next(row for row in cells[satisfaction:] if row[0].value == "Defend")
        self.assertEqual([cell.value for cell in defend[1:4]], [1.0, -1.0, 2.0])
        self.assertEqual({cell.number_format for cell in defend[1:4]}, {"+0.0;-0.0;0.0"})
        resources = list(book["Resources"].iter_rows(min_row=5, values_only=True))
        self.assertEqual(resources[0][:4], ("Attack", 0.4, 40, 1.6))
        self.assertEqual(resources[4][0], "Total")
        self.assertIsNone(resources[4][5], "people working two quadrants are not summed")
        accounts = list(book["Accounts"].iter_rows(min_row=4, values_only=True))
        alerts = {row[0]: row[12] for row in accounts[1:] if row[0] != "Total"}
        self.assertEqual(alerts["Abandon One"], "Abandon Account Consuming Resources")
        self.assertEqual(alerts["Attack Two"], "Attack Account Without Resources")
        self.assertIsNone(alerts["Attack One"])
