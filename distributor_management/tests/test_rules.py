"""The distributor rules on their own, at and around each boundary."""

from datetime import date

from odoo.tests import TransactionCase

from .. import rules


def claim(
    agreement, path, exclusive=True, lines=(), start=date(2026, 1, 1), end=date(2026, 12, 31)
):
    return rules.Claim(agreement, None, path, exclusive, frozenset(lines), start, end)


class TestRules(TransactionCase):
    def test_periods_overlap_at_their_edges(self):
        jan, dec = date(2026, 1, 1), date(2026, 12, 31)
        self.assertTrue(rules.periods_overlap(jan, dec, dec, date(2027, 12, 31)), "one day shared")
        self.assertFalse(rules.periods_overlap(jan, dec, date(2027, 1, 1), date(2027, 12, 31)))
        self.assertTrue(rules.periods_overlap(jan, dec, date(2026, 6, 1), date(2026, 6, 1)))

    def test_territories_overlap_within_each_other(self):
        self.assertTrue(rules.territories_overlap("1/2/", "1/"), "a city within its province")
        self.assertTrue(rules.territories_overlap("1/", "1/2/3/"))
        self.assertTrue(rules.territories_overlap("1/2/", "1/2/"))
        self.assertFalse(rules.territories_overlap("1/2/", "1/3/"), "two cities of a province")
        self.assertFalse(rules.territories_overlap("1/2/", "1/22/"), "ids are whole")

    def test_lines_overlap_an_empty_set_is_every_line(self):
        self.assertTrue(rules.lines_overlap(set(), {1}))
        self.assertTrue(rules.lines_overlap({1, 2}, {2}))
        self.assertFalse(rules.lines_overlap({1}, {2}))

    def test_claims_conflict_when_one_is_exclusive(self):
        self.assertTrue(rules.claims_conflict(claim(1, "1/2/"), claim(2, "1/2/", exclusive=False)))
        self.assertFalse(
            rules.claims_conflict(claim(1, "1/2/", False), claim(2, "1/2/", False)), "both shared"
        )
        self.assertFalse(rules.claims_conflict(claim(1, "1/2/"), claim(1, "1/2/")), "itself")
        self.assertFalse(
            rules.claims_conflict(claim(1, "1/2/", lines={1}), claim(2, "1/2/", lines={2}))
        )
        self.assertFalse(
            rules.claims_conflict(
                claim(1, "1/2/"), claim(2, "1/2/", start=date(2027, 1, 1), end=date(2027, 12, 31))
            ),
            "the next year",
        )
        pairs = rules.conflicts([claim(1, "1/2/")], [claim(2, "1/"), claim(3, "4/")])
        self.assertEqual([b.agreement for _a, b in pairs], [2])

    def test_split_periods_by_month_and_quarter(self):
        months = rules.split_periods(date(2026, 1, 1), date(2026, 12, 31), "month")
        self.assertEqual(len(months), 12)
        self.assertEqual(months[1], (date(2026, 2, 1), date(2026, 2, 28)))
        quarters = rules.split_periods(date(2026, 2, 15), date(2026, 12, 31), "quarter")
        self.assertEqual(
            quarters,
            [
                (date(2026, 2, 15), date(2026, 3, 31)),
                (date(2026, 4, 1), date(2026, 6, 30)),
                (date(2026, 7, 1), date(2026, 9, 30)),
                (date(2026, 10, 1), date(2026, 12, 31)),
            ],
            "the first quarter clipped to the start",
        )
        self.assertEqual(
            rules.split_periods(date(2026, 5, 5), date(2026, 5, 5), "month"),
            [(date(2026, 5, 5), date(2026, 5, 5))],
        )

    def test_split_amount_adds_up(self):
        parts = rules.split_amount(100, 3)
        self.assertEqual(parts, [33.33, 33.33, 33.34])
        self.assertAlmostEqual(sum(parts), 100)
        self.assertEqual(rules.split_amount(100, 0), [])

    def test_renewal_moves_by_the_period_and_keeps_month_ends(self):
        shift = rules.renewal_shift(date(2027, 1, 1), date(2027, 12, 31))
        self.assertEqual(
            rules.shift_period(date(2027, 1, 1), date(2027, 12, 31), shift),
            (date(2028, 1, 1), date(2028, 12, 31)),
        )
        self.assertEqual(
            rules.shift_period(date(2027, 2, 1), date(2027, 2, 28), shift),
            (date(2028, 2, 1), date(2028, 2, 29)),
            "February of a leap year",
        )
        half = rules.renewal_shift(date(2026, 7, 1), date(2026, 12, 31))
        self.assertEqual(
            rules.shift_period(date(2026, 7, 1), date(2026, 12, 31), half),
            (date(2027, 1, 1), date(2027, 6, 30)),
        )

    def test_rebate_rate_at_each_tier_threshold(self):
        tiers = [(100, 2.0), (120, 3.0)]
        for attainment, rate in (
            (0.0, 0.0),
            (0.9999, 0.0),
            (0.99999999, 0.0),
            (1.0, 2.0),
            (1.1, 2.0),
            (1.1999, 2.0),
            (1.2, 3.0),  # 1.2 * 100 is 119.99999999999999 in floating point
            (5.0, 3.0),
        ):
            self.assertEqual(rules.rebate_rate(attainment, tiers), rate, attainment)
        self.assertEqual(rules.rebate_rate(2.0, []), 0.0)

    def test_rebate_base_due_and_earned(self):
        self.assertEqual(rules.rebate_base(110_000, 0), 110_000)
        self.assertEqual(rules.rebate_base(10_000, 20_000), 0.0, "never below nothing")
        self.assertEqual(rules.rebate_earned(110_000, 2.0), 2_200)
        self.assertEqual(rules.rebate_earned(33_333.33, 3.0), 1_000.0)
        self.assertEqual(rules.rebate_due(2_200, 1_000), 1_200)
        self.assertEqual(rules.rebate_due(2_000, 3_600), -1_600, "a claw-back")
        self.assertEqual(rules.rebate_due(2_200, 2_199.996), 0.0, "within the rounding")

    def test_order_settlement_status(self):
        for paid, cancelled, expected in (
            (0, False, "to_invoice"),
            (2_199.996, False, "posted"),
            (2_200, True, "posted"),
            (0, True, "cancel"),
            (0.004, True, "cancel"),
            (-2_200, False, "to_invoice"),
        ):
            self.assertEqual(
                rules.order_settlement_status(paid, 2_200, cancelled), expected, (paid, cancelled)
            )

    def test_previous_quarter_and_period(self):
        for today, expected in (
            (date(2026, 1, 1), (date(2025, 10, 1), date(2025, 12, 31))),
            (date(2026, 3, 31), (date(2025, 10, 1), date(2025, 12, 31))),
            (date(2026, 4, 1), (date(2026, 1, 1), date(2026, 3, 31))),
            (date(2026, 12, 31), (date(2026, 7, 1), date(2026, 9, 30))),
        ):
            self.assertEqual(rules.previous_quarter(today), expected, today)
        # The first quarter has 90 days (2026): the 90 days before it.
        self.assertEqual(
            rules.previous_period(date(2026, 1, 1), date(2026, 3, 31)),
            (date(2025, 10, 3), date(2025, 12, 31)),
        )

    def test_factor_scores_at_their_edges(self):
        self.assertIsNone(rules.attainment_score(None))
        self.assertEqual(rules.attainment_score(0.999), 99.9)
        self.assertEqual(rules.attainment_score(1.5), 100, "capped at the target")
        self.assertIsNone(rules.growth_score(100, 0, 250), "nothing before: not judged")
        self.assertEqual(rules.growth_score(100, 100, 250), 50)
        self.assertEqual(rules.growth_score(120, 100, 250), 100)
        self.assertEqual(rules.growth_score(80, 100, 250), 0)
        self.assertEqual(rules.growth_score(0, 100, 250), 0, "never below 0")
        self.assertIsNone(rules.payment_score(0, 0))
        self.assertEqual(rules.payment_score(100, 100), 100)
        self.assertEqual(rules.payment_score(100, 120), 100, "paid more than due: capped")
        self.assertEqual(rules.payment_score(100, 100, 6), 94)
        self.assertEqual(rules.payment_score(100, 40, 150), 0, "never below 0")
        self.assertEqual(rules.payment_score(0, 0, 10), 90, "nothing due, a lapse all the same")
        self.assertIsNone(rules.payment_score(0, 0, 0))
        self.assertEqual(rules.payment_points_off(6, 2, 1, 10), 26)
        self.assertEqual(rules.payment_points_off(0, 0, 1, 10), 0)
        self.assertEqual(rules.payment_points_off(-3, -1, 1, 10), 0, "nothing negative adds")

    def test_cost_to_serve(self):
        self.assertIsNone(rules.cost_score(0, 0, 0.05, 0.25), "no money, no cost")
        self.assertEqual(rules.cost_score(10, 0, 0.05, 0.25), 0, "a cost without money")
        self.assertEqual(rules.cost_score(5, 100, 0.05, 0.25), 100)
        self.assertEqual(rules.cost_score(15, 100, 0.05, 0.25), 50)
        self.assertEqual(rules.cost_score(25, 100, 0.05, 0.25), 0)
        self.assertEqual(rules.cost_score(40, 100, 0.05, 0.25), 0)
        jan1, mar31 = date(2026, 1, 1), date(2026, 3, 31)
        self.assertEqual(rules.overlap_days(jan1, date(2026, 12, 31), jan1, mar31), 90)
        self.assertEqual(rules.overlap_days(jan1, mar31, mar31, date(2026, 4, 30)), 1)
        self.assertEqual(rules.overlap_days(jan1, mar31, date(2026, 4, 1), date(2026, 4, 30)), 0)

    def test_extra_rebates(self):
        jan1, mar31 = date(2026, 1, 1), date(2026, 3, 31)
        self.assertEqual(
            rules.report_days(jan1, mar31), [date(2026, 1, 31), date(2026, 2, 28), mar31]
        )
        self.assertEqual(
            rules.report_days(date(2026, 1, 15), date(2026, 2, 10)),
            [date(2026, 1, 31), date(2026, 2, 10)],
        )
        self.assertEqual(
            rules.report_days(date(2026, 2, 1), date(2026, 2, 10)), [date(2026, 2, 10)]
        )
        quarter = [(jan1, date(2026, 1, 31)), (date(2026, 2, 1), mar31)]
        self.assertFalse(rules.reported_throughout(jan1, mar31, quarter), "a two-month report")
        self.assertFalse(rules.reported_throughout(jan1, mar31, quarter[:1]))
        self.assertFalse(rules.reported_throughout(jan1, mar31, []))
        self.assertFalse(rules.reported_throughout(jan1, mar31, [(jan1, mar31)]), "one for all")
        self.assertTrue(
            rules.reported_throughout(
                jan1,
                mar31,
                [(jan1, date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28))]
                + [(date(2026, 3, 1), mar31)],
            )
        )
        self.assertFalse(rules.paid_in_full_on_time(0, 0, 0), "nothing due: nothing to reward")
        self.assertTrue(rules.paid_in_full_on_time(100, 99.995, 0))
        self.assertFalse(rules.paid_in_full_on_time(100, 99.98, 0))
        self.assertFalse(rules.paid_in_full_on_time(100, 100, 50), "older money paid late")
        self.assertEqual(rules.extra_rebate_rate(1, 0.5, True, True), 1.5)
        self.assertEqual(rules.extra_rebate_rate(1, 0.5, False, True), 0.5)
        self.assertEqual(rules.extra_rebate_rate(1, 0.5, False, False), 0)
        self.assertEqual(rules.stock_score(0, 0), 0, "no report scores nothing")
        self.assertEqual(rules.stock_score(3, 0), 100)
        self.assertEqual(rules.stock_score(3, 1), 66.7)
        self.assertIsNone(rules.network_score(5, 0))
        self.assertEqual(rules.network_score(25, 20), 100)
        self.assertEqual([rules.violation_score(n, 50) for n in (0, 1, 2, 3)], [100, 50, 0, 0])
        self.assertEqual([rules.cooperation_score(v) for v in "12345"], [0, 25, 50, 75, 100])
        self.assertIsNone(rules.cooperation_score(False))

    def test_weighted_score_and_grade(self):
        weights = {"a": 30, "b": 10, "c": 0}
        self.assertEqual(rules.weighted_score({"a": 100, "b": 50, "c": 0}, weights), 87.5)
        self.assertEqual(
            rules.weighted_score({"a": None, "b": 50, "c": 0}, weights), 50, "a left out"
        )
        self.assertIsNone(rules.weighted_score({"a": None, "b": None, "c": 10}, weights))
        floors = (("A", 85), ("B", 70), ("C", 55), ("D", 0))
        for score, letter in ((85, "A"), (84.9, "B"), (70, "B"), (69.99, "C"), (55, "C"), (0, "D")):
            self.assertEqual(rules.grade(score, floors), letter, score)
        self.assertFalse(rules.grade(None, floors))
