from datetime import date

from odoo.tests import BaseCase

from ..rules import (
    BAD_DEBT_LOSSES,
    bad_debt_table,
    days_until_margin_gone,
    effective_limit,
    financing_cost,
    months_of_sales,
    overdue_too_long,
    release_still_valid,
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
        self.assertTrue(release_still_valid(1000, 1100, 7, 0.10, 7))
        self.assertFalse(release_still_valid(1000, 1100.01, 1, 0.10, 7))
        self.assertFalse(release_still_valid(1000, 900, 7.01, 0.10, 7))

    def test_cost_of_bad_debt_and_of_waiting(self):
        table = bad_debt_table()
        self.assertEqual(len(table), len(BAD_DEBT_LOSSES))
        self.assertAlmostEqual(table[0][0], 25000)  # 500 lost at 2 % net margin
        self.assertAlmostEqual(table[-1][-1], 100000 / 0.06)
        self.assertAlmostEqual(days_until_margin_gone(0.05, 0.0365), 500)
        self.assertIsNone(days_until_margin_gone(0.05, 0))
        self.assertEqual(months_of_sales(30000, 10000), 3)
        self.assertIsNone(months_of_sales(30000, 0))
