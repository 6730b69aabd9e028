"""The distributor satisfaction survey (经销商满意度): the mean of what was rated, the figure
nobody types, who reads which survey, and its mean beside the evaluation."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import DistributorCase


@tagged("post_install", "-at_install")
class TestSatisfaction(DistributorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.distributor("Nanjing Valves")
        cls.Survey = cls.env["distributor.satisfaction"]
        # Both representatives run the distributor under signed agreements (shared markets).
        for user, market in ((cls.rep, cls.nanjing), (cls.rep2, cls.suzhou)):
            agreement = cls.agreement([(market, False)], user=user, partner_id=cls.partner.id)
            agreement.with_user(user).action_submit()
            agreement.with_user(cls.manager).action_approve()

    def survey(self, user=None, day=date(2026, 2, 10), **ratings):
        """New from the Satisfaction Surveys menu, as the browser sends it."""
        with Form(self.Survey.with_user(user or self.rep)) as form:
            form.partner_id = self.partner
            form.date = day
            form.respondent = "Mr. Wang, general manager"
            for name, value in ratings.items():
                setattr(form, name, value)
        return form.record

    def test_the_mean_of_what_was_rated(self):
        survey = self.survey(product_rating="5", margin_rating="2", service_rating="4")
        # Three aspects rated (the others not): (5 + 2 + 4) / 3.
        self.assertEqual(survey.satisfaction, 3.67)
        self.assertEqual(survey.user_id, self.rep)
        survey.with_user(self.rep).margin_rating = "0"
        self.assertEqual(survey.satisfaction, 4.5)
        nothing = self.survey()
        self.assertEqual(nothing.satisfaction, 0)

    def test_the_mean_is_not_typed(self):
        survey = self.survey(product_rating="3")
        self.assert_refused(
            AccessError,
            None,
            lambda: survey.with_user(self.rep).write({"satisfaction": 5}),
            survey,
            ["satisfaction"],
        )
        self.assert_refused(
            AccessError,
            None,
            lambda: self.Survey.with_user(self.rep).create(
                {"partner_id": self.partner.id, "product_rating": "2", "satisfaction": 5}
            ),
            model="distributor.satisfaction",
        )

    def test_who_reads_a_survey(self):
        mine = self.survey(product_rating="4")
        theirs = self.survey(user=self.rep2, product_rating="1")
        Survey = self.Survey.with_user(self.rep)
        self.assertEqual(Survey.search([("id", "in", (mine | theirs).ids)]), mine)
        self.assertEqual(
            self.Survey.with_user(self.manager).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
        )
        # A representative does not delete a survey; a Channel Manager may.
        self.assert_refused(AccessError, None, mine.with_user(self.rep).unlink, mine, ["date"])
        theirs.with_user(self.manager).unlink()

    def test_beside_the_evaluation(self):
        self.survey(product_rating="5", delivery_rating="3")  # 4
        self.survey(user=self.rep2, product_rating="2")  # 2, collected by another
        self.survey(day=date(2026, 4, 1), product_rating="1")  # the next quarter
        evaluation = self.env["distributor.evaluation"].create(
            {
                "partner_id": self.partner.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 3, 31),
            }
        )
        self.assertEqual(evaluation.with_user(self.manager).satisfaction, 3)
        # A representative reads the mean of the surveys they may read, no other.
        evaluation.user_id = self.rep
        self.assertEqual(evaluation.with_user(self.rep).satisfaction, 4)

    def test_a_representative_surveys_their_own_distributors(self):
        """Surveys count in the mean a Channel Manager reads: a representative files them for
        the distributors whose signed agreement names them, no other."""
        stranger = self.distributor("Hangzhou Pipes")
        Survey = self.Survey.with_user(self.rep)
        self.assert_refused(
            AccessError,
            "not Hangzhou Pipes",
            lambda: Survey.create({"partner_id": stranger.id, "product_rating": "5"}),
            model="distributor.satisfaction",
        )
        mine = self.survey(product_rating="4")
        self.assert_refused(
            AccessError,
            "not Hangzhou Pipes",
            lambda: mine.with_user(self.rep).write({"partner_id": stranger.id}),
            mine,
            ["partner_id"],
        )
        # A Channel Manager surveys any distributor.
        survey = self.Survey.with_user(self.manager).create(
            {"partner_id": stranger.id, "product_rating": "5"}
        )
        self.assertEqual(survey.satisfaction, 5)
