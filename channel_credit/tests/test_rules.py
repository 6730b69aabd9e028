from datetime import date

from odoo.tests import BaseCase

from ..rules import (
    BAD_DEBT_LOSSES,
    allowed_overdue_days,
    amount_to_collect,
    approval_steps,
    bad_debt_table,
    check_severity,
    credit_granted,
    credit_raised,
    days_until_margin_gone,
    effective_limit,
    financing_cost,
    gate_passes,
    grade_for_score,
    investigation_score,
    monthly_sales,
    months_of_sales,
    new_distributor_limit,
    overdue_too_long,
    release_still_valid,
    rule_hold,
    sales_to_recover,
    suggested_limit,
    within_limit,
)


class TestCreditRules(BaseCase):
    def test_bad_debt_table_from_the_training(self):
        table = {0.02: 25000.0, 0.03: 16666.67, 0.04: 12500.0, 0.05: 10000.0, 0.06: 8333.33}
        for margin, sales in table.items():
            self.assertAlmostEqual(sales_to_recover(500, margin), sales, places=2)
        with self.assertRaises(ValueError):
            sales_to_recover(500, 0)

    def test_allowed_overdue_days_names_the_rule_that_applies(self):
        self.assertEqual(allowed_overdue_days(30, None), (30, "own"))
        self.assertEqual(allowed_overdue_days(30, 30), (30, "own"))
        self.assertEqual(allowed_overdue_days(30, 29), (29, "ladder"))
        self.assertEqual(allowed_overdue_days(30, 31), (30, "own"))

    def test_financing_cost(self):
        self.assertAlmostEqual(financing_cost(100000, 0.0365, 30), 300.0)
        self.assertEqual(financing_cost(100000, 0.05, 0), 0.0)
        self.assertEqual(financing_cost(100000, 0.05, -5), 0.0)

    def test_suggested_limit(self):
        # 120,000 a month, 60-day term, grade AA (1.3): 120,000 x 2 x 1.3
        self.assertAlmostEqual(suggested_limit(120000, 60, 1.3), 312000.0)
        self.assertEqual(suggested_limit(120000, 60, 0.0), 0.0)  # grade D
        self.assertIsNone(suggested_limit(0, 60, 1.3))  # no history, no suggestion
        self.assertIsNone(suggested_limit(-500, 60, 1.3))  # more refunded than sold

    def test_exposure_exactly_at_the_limit_passes(self):
        self.assertTrue(within_limit(1000.00, 1000.00))
        self.assertFalse(within_limit(1000.01, 1000.00))
        self.assertTrue(within_limit(999.99, 1000.00))
        self.assertTrue(within_limit(0.1 + 0.2, 0.3))  # float noise is not a cent
        self.assertFalse(within_limit(1, 0))

    def test_effective_limit_with_a_temporary_increase(self):
        today = date(2026, 11, 23)
        self.assertEqual(effective_limit(1000, 500, date(2026, 11, 23), today), 1500)
        self.assertEqual(effective_limit(1000, 500, date(2026, 11, 22), today), 1000)
        self.assertEqual(effective_limit(1000, 500, None, today), 1000)
        self.assertEqual(effective_limit(None, 0, None, today), 0)

    def test_overdue_rule_boundary(self):
        self.assertFalse(overdue_too_long(30, 30))
        self.assertTrue(overdue_too_long(31, 30))
        self.assertTrue(overdue_too_long(1, 0))
        self.assertFalse(overdue_too_long(0, 0))

    def test_release_validity(self):
        seen = (1000, 5000)  # the order and the exposure with it, as the approver saw them
        self.assertTrue(release_still_valid(seen, (1100, 5500), 7, 0.10, 7))
        self.assertFalse(release_still_valid(seen, (1100.01, 5000), 1, 0.10, 7))
        self.assertFalse(release_still_valid(seen, (1000, 5500.01), 1, 0.10, 7))
        self.assertFalse(release_still_valid(seen, (900, 4000), 7.01, 0.10, 7))
        # Two 600,000 orders approved side by side at 300,000 owed: the second sees the first.
        self.assertTrue(release_still_valid((6e5, 9e5), (6e5, 9e5), 0, 0.0, 7))
        self.assertFalse(release_still_valid((6e5, 9e5), (6e5, 1.5e6), 0, 0.10, 7))

    def test_cost_of_bad_debt_and_of_waiting(self):
        table = bad_debt_table()
        self.assertEqual(len(table), len(BAD_DEBT_LOSSES))
        self.assertAlmostEqual(table[0][0], 25000)  # 500 lost at 2 % net margin
        self.assertAlmostEqual(table[-1][-1], 100000 / 0.06)
        self.assertAlmostEqual(days_until_margin_gone(0.05, 0.0365), 500)
        self.assertIsNone(days_until_margin_gone(0.05, 0))
        self.assertEqual(months_of_sales(30000, 10000), 3)
        self.assertIsNone(months_of_sales(30000, 0))

    def test_investigation_score(self):
        self.assertEqual(investigation_score([(10, 10), (10, 0)]), 50)
        self.assertEqual(investigation_score([(15, 10), (5, 0)]), 75)
        self.assertEqual(investigation_score([(100, 7)]), 70)
        self.assertIsNone(investigation_score([]))

    def test_grade_at_each_threshold(self):
        minimums = {"aaa": 90, "aa": 80, "a": 70, "b": 60, "c": 45}
        for score, grade in (
            (100, "aaa"),
            (90, "aaa"),
            (89.99, "aa"),
            (80, "aa"),
            (79.99, "a"),
            (70, "a"),
            (60, "b"),
            (45, "c"),
            (44.99, "d"),
            (0, "d"),
            (None, "d"),
        ):
            with self.subTest(score=score):
                self.assertEqual(grade_for_score(score, minimums), grade)

    def test_new_distributor_limit_and_its_caps(self):
        # 100,000 a month planned, 45 days, grade factor 1.2: 180,000 before caps.
        self.assertEqual(new_distributor_limit(100000, 45, 1.2, []), (180000, None))
        caps = [("capital", 200000), ("deposit", 150000)]
        self.assertEqual(new_distributor_limit(100000, 45, 1.2, caps), (150000, "deposit"))
        self.assertEqual(new_distributor_limit(100000, 45, 1.2, [("c", 180000)]), (180000, None))
        self.assertEqual(new_distributor_limit(100000, 45, 1.2, [("c", 0)]), (0, "c"))
        self.assertEqual(new_distributor_limit(-5, 45, 1.2, []), (0, None))

    def test_approval_steps_at_each_level(self):
        levels = [("sales", 100000), ("credit", 500000), ("director", None)]
        for amount, steps in (
            (0, ["sales"]),
            (100000, ["sales"]),
            (100000.01, ["sales", "credit"]),
            (500000, ["sales", "credit"]),
            (500000.01, ["sales", "credit", "director"]),
            (10**9, ["sales", "credit", "director"]),
        ):
            with self.subTest(amount=amount):
                self.assertEqual(approval_steps(amount, levels), steps)
        # Beyond the last bounded level, every level approves.
        self.assertEqual(approval_steps(600000, levels[:2]), ["sales", "credit"])

    def test_credit_raised(self):
        today = date(2026, 11, 30)
        base = credit_granted(True, 1000, 0, None, 30, today)
        self.assertEqual(base, (1000, None, 30))
        self.assertEqual(credit_granted(False, 1000, 500, today, 30, today), (0.0, None, 0))
        self.assertFalse(credit_raised(base, credit_granted(True, 1000, 0, None, 30, today)))
        self.assertFalse(credit_raised(base, credit_granted(True, 999.99, 0, None, 30, today)))
        self.assertTrue(credit_raised(base, credit_granted(True, 1000.01, 0, None, 30, today)))
        # A longer term grants more; a shorter one does not.
        self.assertTrue(credit_raised(base, credit_granted(True, 1000, 0, None, 31, today)))
        self.assertFalse(credit_raised(base, credit_granted(True, 1000, 0, None, 29, today)))
        temp = credit_granted(True, 1000, 500, today, 30, today)
        self.assertEqual(temp, (1500, today, 30))
        self.assertTrue(credit_raised(base, temp))
        # A longer temporary increase grants more, a shorter or expired one does not.
        later = credit_granted(True, 1000, 500, date(2026, 12, 1), 30, today)
        self.assertTrue(credit_raised(temp, later))
        self.assertFalse(credit_raised(later, temp))
        expired = credit_granted(True, 1000, 500, date(2026, 11, 29), 30, today)
        self.assertFalse(credit_raised(base, expired))
        # Putting a partner under credit control with a limit grants that limit.
        self.assertTrue(credit_raised(credit_granted(False, 0, 0, None, 0, today), base))

    def test_the_gate_passes_within_the_limit_and_the_overdue_days(self):
        for policy in ("block", "approval", "warn"):
            self.assertTrue(gate_passes(policy, False, True, 30, 30))
            self.assertFalse(gate_passes(policy, False, True, 31, 30))  # a day too long
            self.assertFalse(gate_passes(policy, False, False, 0, 30))  # over the limit
            self.assertFalse(gate_passes(policy, True, True, 0, 30))  # a manager's hold
        # Cash before delivery: the goods wait for the money, only a manager's hold stops it.
        self.assertTrue(gate_passes("prepay", False, False, 400, 30))
        self.assertFalse(gate_passes("prepay", True, True, 0, 30))

    def test_the_strictest_failing_check_decides(self):
        checks = [
            (False, "prepay"),
            (False, "warn"),
            (True, "warn"),
            (False, "block"),
            (False, "approval"),
        ]
        ordered = sorted(checks, key=lambda c: check_severity(*c))
        self.assertEqual(
            ordered,
            [
                (True, "warn"),
                (False, "block"),
                (False, "approval"),
                (False, "warn"),
                (False, "prepay"),
            ],
        )

    def test_amount_to_collect_is_over_the_limit_or_all_overdue(self):
        # Within the limit, nothing overdue too long: nothing to collect.
        self.assertEqual(amount_to_collect(800.0, 1000.0, 500.0, 30, 30), 0.0)
        self.assertEqual(amount_to_collect(1200.0, 1000.0, 500.0, 30, 30), 200.0)
        # A day too long: all that is overdue, when that is more than what is over the limit.
        self.assertEqual(amount_to_collect(1200.0, 1000.0, 500.0, 31, 30), 500.0)
        self.assertEqual(amount_to_collect(1900.0, 1000.0, 500.0, 31, 30), 900.0)

    def test_the_rules_hold_on_the_overdue_days_then_the_dunning_step(self):
        self.assertIsNone(rule_hold(30, 30, False))
        self.assertEqual(rule_hold(31, 30, False), "overdue")
        self.assertEqual(rule_hold(31, 30, True), "overdue")  # the distributor's own rule first
        self.assertEqual(rule_hold(10, 30, True), "dunning")
        self.assertIsNone(rule_hold(0, 0, False))

    def test_monthly_sales_take_the_larger_of_invoiced_and_ordered(self):
        self.assertEqual(monthly_sales(600.0, 6), 100.0)
        self.assertEqual(monthly_sales(600.0, 6, ordered=1200.0), 200.0)
        self.assertEqual(monthly_sales(1200.0, 6, ordered=600.0), 200.0)
        self.assertEqual(monthly_sales(1200.0, 12), 100.0)
