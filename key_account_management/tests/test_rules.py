from datetime import date, timedelta

from odoo.tests import BaseCase

from ..rules import (
    DealRole,
    TierRule,
    deal_coverage,
    importance_met,
    match_tier,
    pareto_classes,
    potential_score,
    quadrant,
    retained,
    starved_after,
    value_dropped,
    wallet_share,
)


class TestParetoClasses(BaseCase):
    def test_the_account_that_crosses_a_threshold_is_in_its_class(self):
        # Before each: 0%, 50%, 80%, 95%. 80% before is no longer below 80%: B; 95%: C.
        classes = pareto_classes({1: 50, 2: 30, 3: 15, 4: 5}, 0.80, 0.95)
        self.assertEqual(classes, {1: "a", 2: "a", 3: "b", 4: "c"})

    def test_just_above_thresholds(self):
        # The second crosses 80% (50% before it): A. The third starts at 81%: B.
        classes = pareto_classes({1: 50, 2: 31, 3: 15, 4: 4}, 0.80, 0.95)
        self.assertEqual(classes, {1: "a", 2: "a", 3: "b", 4: "c"})

    def test_just_below_thresholds(self):
        # 79.99% before the third: it is still needed to reach 80%, so A.
        classes = pareto_classes({1: 50, 2: 29.99, 3: 15, 4: 5.01}, 0.80, 0.95)
        self.assertEqual(classes, {1: "a", 2: "a", 3: "a", 4: "b"})

    def test_a_dominant_customer_is_class_a(self):
        self.assertEqual(pareto_classes({1: 90, 2: 10}, 0.80, 0.95), {1: "a", 2: "b"})
        self.assertEqual(pareto_classes({1: 100}, 0.80, 0.95), {1: "a"})
        self.assertEqual(pareto_classes({1: 96, 2: 4}, 0.80, 0.95), {1: "a", 2: "c"})

    def test_no_revenue_is_class_c(self):
        classes = pareto_classes({1: 80, 2: 20, 3: 0, 4: -20}, 0.80, 0.95)
        self.assertEqual(classes, {1: "a", 2: "b", 3: "c", 4: "c"})
        self.assertEqual(pareto_classes({}, 0.8, 0.95), {})

    def test_float_sums_do_not_pull_an_account_in(self):
        revenues = {i: 0.1 for i in range(10)}  # 0.1 * 8 accumulates to 0.7999999999999999
        classes = pareto_classes(revenues, 0.80, 0.95)
        self.assertEqual([classes[i] for i in range(10)], ["a"] * 8 + ["b", "b"])

    def test_ties_are_ranked_by_key(self):
        classes = pareto_classes({7: 40, 3: 40, 5: 20}, 0.40, 0.80)
        self.assertEqual(classes, {3: "a", 7: "b", 5: "c"})
        classes = pareto_classes({7: 40, 3: 40, 5: 20}, 0.41, 0.80)
        self.assertEqual(classes, {3: "a", 7: "a", 5: "c"})

    def test_configurable_thresholds(self):
        classes = pareto_classes({1: 50, 2: 30, 3: 20}, 0.50, 0.80)
        self.assertEqual(classes, {1: "a", 2: "b", 3: "c"})


class TestOffenseDefense(BaseCase):
    def test_wallet_share(self):
        self.assertEqual(wallet_share(250, 1000), 0.25)
        self.assertEqual(wallet_share(2000, 1000), 1.0)  # capped
        self.assertEqual(wallet_share(100, 0), 0.0)  # unknown potential
        self.assertEqual(wallet_share(-100, 1000), 0.0)

    def test_each_quadrant_and_its_boundaries(self):
        threshold, share_threshold = 1_000_000, 0.5
        self.assertEqual(quadrant(1_000_000, 0.49, threshold, share_threshold), "attack")
        self.assertEqual(quadrant(1_000_000, 0.50, threshold, share_threshold), "defend")
        self.assertEqual(quadrant(999_999.99, 0.50, threshold, share_threshold), "maintain")
        self.assertEqual(quadrant(999_999.99, 0.4999, threshold, share_threshold), "abandon")

    def test_missing_potential_leaves_quadrant_undefined(self):
        self.assertIs(quadrant(0, 0.9, 1000, 0.5), False)
        self.assertIs(quadrant(None, 0.9, 1000, 0.5), False)


class TestTierMatching(BaseCase):
    tiers = [
        TierRule(1, frozenset("a"), 0, "any"),
        TierRule(2, frozenset("ab"), 0, "none"),
        TierRule(3, frozenset("bc"), 70, "none"),
        TierRule(4, frozenset("abc"), 0, "none"),
    ]

    def test_first_matching_tier_wins(self):
        self.assertEqual(match_tier(self.tiers, "a", 0, True, False), 1)
        self.assertEqual(match_tier(self.tiers, "a", 0, False, False), 2)
        self.assertEqual(match_tier(self.tiers, "b", 90, False, False), 2)
        self.assertEqual(match_tier(self.tiers, "c", 70, False, False), 3)
        self.assertEqual(match_tier(self.tiers, "c", 69, False, False), 4)

    def test_no_tier_matches(self):
        self.assertIs(match_tier(self.tiers[:1], "c", 100, True, True), False)
        self.assertIs(match_tier([], "a", 100, True, True), False)

    def test_importance_rules(self):
        self.assertTrue(importance_met("none", False, False))
        self.assertTrue(importance_met("any", False, True))
        self.assertFalse(importance_met("any", False, False))
        self.assertTrue(importance_met("brand", True, False))
        self.assertFalse(importance_met("government", True, False))
        self.assertFalse(importance_met("both", True, False))
        self.assertTrue(importance_met("both", True, True))

    def test_potential_score_from_judgements(self):
        self.assertEqual(potential_score(75, 50, 75), 67)
        self.assertEqual(potential_score(100, None, 50), 75)
        self.assertIsNone(potential_score())
        self.assertEqual(potential_score(0), 0)


class TestDealCoverage(BaseCase):
    today = date(2026, 11, 23)

    def role(
        self,
        buying_role="user",
        attitude="support",
        contact=True,
        coach=False,
        influence="medium",
        level="middle",
        last=None,
    ):
        return DealRole(contact, buying_role, coach, attitude, influence, level, last)

    def cover(self, *roles, rep=True):
        return deal_coverage(roles, rep, self.today)

    def test_full_formula(self):
        cov = self.cover(
            self.role("purchaser", coach=True),
            self.role("user"),
            self.role("decision_maker", last=self.today),
        )
        self.assertEqual(
            (cov["coach_ok"], cov["roles_won"], cov["rep_ok"], cov["formula_ok"], cov["score"]),
            (True, 2, True, True, 4),
        )
        self.assertEqual(cov["red_flags"], [])

    def test_coach_does_not_count_as_one_of_the_two_roles(self):
        cov = self.cover(
            self.role("decision_maker", coach=True, last=self.today), self.role("user")
        )
        self.assertEqual((cov["coach_ok"], cov["roles_won"], cov["formula_ok"]), (True, 1, False))
        self.assertEqual(cov["score"], 3)

    def test_gatekeepers_count_once(self):
        cov = self.cover(self.role("tech_gatekeeper"), self.role("finance_gatekeeper"))
        self.assertEqual(cov["roles_won"], 1)

    def test_at_most_four_roles(self):
        roles = [
            "purchaser",
            "user",
            "tech_gatekeeper",
            "finance_gatekeeper",
            "decision_maker",
            "other",
        ]
        cov = self.cover(*(self.role(r) for r in roles))
        self.assertEqual(cov["roles_won"], 4)
        self.assertEqual(cov["score"], 3)  # no coach: 0 + 2 + 1

    def test_only_supporting_contacts_win_roles(self):
        cov = self.cover(
            self.role("user", attitude="neutral"),
            self.role("purchaser", attitude="oppose"),
            self.role("decision_maker", attitude="unknown"),
            self.role("tech_gatekeeper", contact=False),  # placeholder
        )
        self.assertEqual(cov["roles_won"], 0)

    def test_coach_must_support_and_be_met(self):
        self.assertFalse(self.cover(self.role(coach=True, attitude="neutral"))["coach_ok"])
        self.assertFalse(self.cover(self.role(coach=True, contact=False))["coach_ok"])

    def test_rep(self):
        cov = self.cover(
            self.role("purchaser", coach=True), self.role("user"), self.role("purchaser"), rep=False
        )
        self.assertEqual((cov["rep_ok"], cov["formula_ok"], cov["score"]), (False, False, 3))

    def test_empty_map(self):
        cov = self.cover(rep=False)
        self.assertEqual(cov["score"], 0)
        self.assertEqual(cov["red_flags"], ["no_coach", "dm_unknown", "few_roles_won"])

    def test_decision_maker_flags(self):
        self.assertIn("dm_unknown", self.cover(self.role("user"))["red_flags"])
        flags = self.cover(self.role("decision_maker", contact=False))["red_flags"]
        self.assertIn("dm_not_met", flags)
        self.assertNotIn("dm_unknown", flags)
        self.assertNotIn("dm_silent", flags)

    def test_decision_maker_silence_boundary(self):
        def flags(days):
            last = self.today - timedelta(days=days) if days is not None else None
            return self.cover(self.role("decision_maker", last=last))["red_flags"]

        self.assertNotIn("dm_silent", flags(30))
        self.assertIn("dm_silent", flags(31))
        self.assertIn("dm_silent", flags(None))

    def test_influential_opponent(self):
        self.assertIn(
            "influential_opponent",
            self.cover(self.role(attitude="oppose", influence="high"))["red_flags"],
        )
        self.assertNotIn(
            "influential_opponent",
            self.cover(self.role(attitude="oppose", influence="medium"))["red_flags"],
        )

    def test_few_roles_won_boundary(self):
        self.assertIn("few_roles_won", self.cover(self.role("user"))["red_flags"])
        self.assertNotIn(
            "few_roles_won", self.cover(self.role("user"), self.role("purchaser"))["red_flags"]
        )

    def test_base_level_only(self):
        self.assertIn(
            "base_level_only",
            self.cover(self.role(level="base"), self.role(level=False))["red_flags"],
        )
        self.assertNotIn(
            "base_level_only",
            self.cover(self.role(level="base"), self.role(level="middle"))["red_flags"],
        )
        self.assertNotIn(
            "base_level_only", self.cover(self.role(level="senior", contact=False))["red_flags"]
        )


class TestDrops(BaseCase):
    def test_a_worse_value_class_is_a_drop(self):
        self.assertTrue(value_dropped("a", "b", False, False, None, None))
        self.assertTrue(value_dropped("b", "c", False, False, None, None))
        self.assertFalse(value_dropped("b", "a", False, False, None, None))
        self.assertFalse(value_dropped("b", "b", False, False, None, None))
        # A new account has no class before: nothing to compare.
        self.assertFalse(value_dropped(None, "c", False, False, None, None))

    def test_leaving_a_key_account_tier_or_going_down_the_tiers_is_a_drop(self):
        self.assertTrue(value_dropped("a", "a", True, False, 1, 2))
        self.assertTrue(value_dropped("a", "a", True, None, 1, None))  # into no tier
        self.assertFalse(value_dropped("a", "a", False, True, 2, 1))
        self.assertTrue(value_dropped("a", "a", False, False, 2, 3))
        self.assertFalse(value_dropped("a", "a", True, True, 2, 2))
        self.assertFalse(value_dropped("a", "a", False, False, None, 3))  # from no tier

    def test_an_attack_account_starves_after_its_tier_interval_else_thirty_days(self):
        self.assertEqual(starved_after(45), 45)
        self.assertEqual(starved_after(0), 30)
        self.assertEqual(starved_after(None), 30)

    def test_a_retained_customer_bought_before_and_buys_again(self):
        self.assertEqual(retained(100.0, 50.0), (True, True))
        self.assertEqual(retained(100.0, 0.0), (True, False))
        self.assertEqual(retained(0.0, 50.0), (False, False))  # a new buyer is not retained
        self.assertEqual(retained(-10.0, 50.0), (False, False))  # credit notes only: no buyer
