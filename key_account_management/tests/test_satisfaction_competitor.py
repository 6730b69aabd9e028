from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from ..rules import satisfaction_gap, satisfaction_sparkline, satisfaction_trend
from .common import KamCase


@tagged("post_install", "-at_install")
class TestSatisfaction(KamCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.customer_a = cls.customer("Survey Co")
        cls.account = cls.env["kam.account"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "manager_id": cls.rep.id,
            }
        )

    def survey(self, expectation, experience, days_ago=0, user=None):
        return (
            self.env["kam.satisfaction.survey"]
            .with_user(user or self.rep)
            .create(
                {
                    "account_id": self.account.id,
                    "expectation": str(expectation),
                    "experience": str(experience),
                    "date": self.today - timedelta(days=days_ago),
                }
            )
        )

    def test_rules(self):
        self.assertEqual(satisfaction_gap(5, 1), 4)
        self.assertEqual(satisfaction_gap(1, 5), -4)
        self.assertEqual(satisfaction_gap(3, 3), 0)
        for bad in ((0, 3), (3, 6)):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                satisfaction_gap(*bad)
        self.assertIsNone(satisfaction_trend([1]))
        self.assertEqual(satisfaction_trend([-1, 0]), "up")
        self.assertEqual(satisfaction_trend([2, 1]), "down")
        self.assertEqual(satisfaction_trend([1, 1]), "flat")
        self.assertEqual(satisfaction_sparkline([]), "")
        self.assertEqual(satisfaction_sparkline([-4, 4]), "▁█  -4 +4")
        self.assertEqual(satisfaction_sparkline([-1, 0, 1]).split()[1:], ["-1", "0", "+1"])
        self.assertEqual(len(satisfaction_sparkline(list(range(-4, 5)) * 2).split()[0]), 8)

    def test_no_survey_no_score_nor_trend(self):
        self.assertEqual((self.account.survey_count, self.account.satisfaction_trend), (0, False))
        self.assertEqual(self.account.satisfaction_history, "")
        # Blank, not 0: no survey is not a neutral customer.
        self.assertEqual(self.account.satisfaction_signed, "")
        self.survey(4, 2)
        self.account.invalidate_recordset()
        # One survey: its score, signed, no trend yet.
        self.assertEqual((self.account.survey_count, self.account.satisfaction_score), (1, -2))
        self.assertEqual(self.account.satisfaction_signed, "-2")
        self.assertFalse(self.account.satisfaction_trend)

    def test_score_and_trend_on_the_account(self):
        self.survey(4, 2, days_ago=180)
        self.survey(4, 3, days_ago=90)
        latest = self.survey(3, 4)
        self.assertEqual(latest.score, 1)
        self.assertEqual(self.account.satisfaction_score, 1)
        self.assertEqual(self.account.satisfaction_signed, "+1")
        self.assertEqual(self.account.satisfaction_trend, "up")
        self.assertTrue(self.account.satisfaction_history.endswith("-2 -1 +1"))
        self.survey(5, 3, days_ago=0)
        self.account.invalidate_recordset()
        self.assertEqual(self.account.satisfaction_trend, "down")

    def test_visit_scores_average_over_twelve_months(self):
        Visit = self.env["kam.visit"]
        for score, days_ago in (("5", 10), ("3", 100), ("1", 400)):
            day = fields.Datetime.now() - timedelta(days=days_ago)
            visit = Visit.create(
                {
                    "partner_id": self.customer_a.id,
                    "company_id": self.company.id,
                    "satisfaction": score,
                    "date_planned": day,
                    "summary": "Met",
                    "outcome": "advance",
                    "next_step": "Quote",
                    # The visit's own local day, as the rule reads it: late in the UTC
                    # evening, the UTC date is the day before it in a zone ahead of UTC.
                    "next_step_date": fields.Date.context_today(Visit, day),
                }
            )
            visit.write({"state": "done", "date_done": day})
        self.assertEqual(self.account.visit_satisfaction, 4.0)  # the 400-day-old 1 is out

    def test_bad_surveys(self):
        with self.assertRaisesRegex(ValidationError, "future"), self.cr.savepoint():
            self.survey(3, 3, days_ago=-1)
        with self.assertRaises(ValueError), self.cr.savepoint():
            self.survey(0, 3)
        self.account.invalidate_recordset()
        self.assertFalse(self.account.survey_ids)

    def test_survey_in_the_account_form(self):
        with Form(self.account.with_user(self.rep)) as form, form.survey_ids.new() as line:
            line.expectation = "2"
            line.experience = "5"
        self.assertEqual(self.account.survey_ids.score, 3)

    def test_reps_see_surveys_of_their_accounts(self):
        mine = self.survey(3, 3)
        other = self.customer("Not Mine Co")
        other_account = self.env["kam.account"].create(
            {"partner_id": other.id, "company_id": self.company.id, "manager_id": self.rep_b.id}
        )
        theirs = self.env["kam.satisfaction.survey"].create(
            {"account_id": other_account.id, "expectation": "3", "experience": "2"}
        )
        Survey = self.env["kam.satisfaction.survey"].with_user(self.rep)
        self.assertEqual(Survey.search([("id", "in", (mine | theirs).ids)]), mine)


@tagged("post_install", "-at_install")
class TestCompetitorIntelligence(KamCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.competitor = cls.customer("Rival Valves", kam_is_competitor=True)
        cls.customer_a = cls.customer("Plant Co")
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Plant retrofit",
                "type": "opportunity",
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "user_id": cls.rep.id,
            }
        )
        cls.visit = cls.env["kam.visit"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "lead_id": cls.lead.id,
                "user_id": cls.rep.id,
            }
        )

    def info(self, user=None, **vals):
        return (
            self.env["kam.competitor.info"]
            .with_user(user or self.rep)
            .create(
                {
                    "competitor_id": self.competitor.id,
                    "partner_id": self.customer_a.id,
                    "company_id": self.company.id,
                    **vals,
                }
            )
        )

    def test_learned_on_a_visit_shows_on_the_deal_and_the_competitor(self):
        with Form(self.visit.with_user(self.rep)) as form, form.competitor_info_ids.new() as line:
            line.competitor_id = self.competitor
            line.product = "DN100 gate valve"
            line.price = 980.0
            line.relationship = "Supplies the maintenance team since 2019"
        info = self.visit.competitor_info_ids
        self.assertEqual((info.partner_id, info.lead_id), (self.customer_a, self.lead))
        self.assertEqual(self.lead.kam_competitor_info_ids, info)
        self.assertEqual(self.competitor.kam_competitor_info_count, 1)
        action = self.competitor.action_open_competitor_info()
        found = self.env["kam.competitor.info"].search(action["domain"])
        self.assertEqual(found, info)

    def test_bad_intelligence(self):
        not_flagged = self.customer("Friendly Co")
        with self.assertRaisesRegex(ValidationError, "not flagged"), self.cr.savepoint():
            self.info(competitor_id=not_flagged.id)
        with (
            self.assertRaisesRegex(ValidationError, "price cannot be negative"),
            self.cr.savepoint(),
        ):
            self.info(price=-1.0)
        self.competitor.invalidate_recordset()
        self.assertFalse(self.competitor.kam_competitor_info_ids)
        self.info(price=0.0)  # a free offer is still a price

    def test_every_rep_reads_intelligence_but_edits_their_own(self):
        theirs = self.info(user=self.rep_b, product="Ball valve")
        as_rep = theirs.with_user(self.rep)
        self.assertEqual(as_rep.product, "Ball valve")
        with self.assertRaises(AccessError):
            as_rep.write({"product": "Changed"})
        with self.assertRaises(AccessError):
            as_rep.unlink()
        mine = self.info(product="Butterfly valve")
        mine.write({"price": 10.0})
        self.assertEqual(mine.price, 10.0)
