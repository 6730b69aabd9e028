"""Recruiting distributors (招商): the plan's progress, candidates in their own pipeline with
a scorecard on every criterion, the weighted score and recommendation by hand, the market's
candidates side by side, and signing into a draft agreement."""

from datetime import date, time

from freezegun import freeze_time

from odoo.addons.distributor_management.tests.common import DistributorCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .. import rules
from ..const import RECOMMENDATION_FLOORS


@tagged("post_install", "-at_install")
class TestRecruitment(DistributorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "distributor_management.group_distributor_user,sales_team.group_sale_salesman"
        cls.recruiter = new_test_user(
            cls.env, "dm_recruiter", groups=groups, company_id=cls.company.id
        )
        cls.team = cls.env.ref("distributor_recruitment.crm_team_distributor_recruitment")
        cls.Criterion = cls.env["distributor.selection.criterion"]
        # A scorecard of our own: two criteria weighing 60 and 40.
        cls.Criterion.search([]).active = False
        cls.capital = cls.Criterion.create({"name": "Capital", "weight": 60, "sequence": 1})
        cls.network = cls.Criterion.create({"name": "Network", "weight": 40, "sequence": 2})
        cls.plan = (
            cls.env["distributor.recruitment.plan"]
            .with_user(cls.recruiter)
            .create(
                {
                    "name": "Jiangsu 2027",
                    "territory_ids": [(6, 0, cls.jiangsu.ids)],
                    "date_end": date(2027, 6, 30),
                    "target_count": 2,
                }
            )
        )

    def candidate(self, name, market=None):
        """New from the Candidates pipeline, as the recruiter's browser sends it."""
        action = self.plan.with_user(self.recruiter).action_view_candidates()
        Lead = self.env["crm.lead"].with_user(self.recruiter).with_context(**action["context"])
        with Form(Lead, view="crm.crm_lead_view_form") as form:
            form.name = f"{name} · recruitment"
            form.partner_name = name
            form.distributor_territory_id = market or self.suzhou
        return form.record

    def score(self, lead, *values):
        for line, value in zip(lead.distributor_score_ids, values, strict=True):
            line.with_user(self.recruiter).score = str(value)

    def test_actions_read_as_the_web_client_reads_them(self):
        """The web client evaluates an action's domain and context with the user's context
        only: no XML ids, no ref()."""
        for xmlid in (
            "crm_lead_recruitment_action",
            "distributor_recruitment_plan_action",
            "distributor_market_survey_action",
            "distributor_candidate_score_compare_action",
            "distributor_selection_criterion_action",
        ):
            action = self.env["ir.actions.act_window"]._for_xml_id(
                f"distributor_recruitment.{xmlid}"
            )
            for key in ("domain", "context"):
                safe_eval(action[key] or "{}", {"uid": self.env.uid, "context": {}})
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "distributor_recruitment.crm_lead_recruitment_action"
        )
        self.assertEqual(
            safe_eval(action["domain"]),
            [("type", "=", "opportunity"), ("team_id", "=", self.team.id)],
        )

    def test_rules_at_their_edges(self):
        self.assertIsNone(rules.selection_score([(60, "0"), (40, "0")]), "nothing scored")
        self.assertEqual(rules.selection_score([(60, "5"), (40, "0")]), 100, "one of two scored")
        self.assertEqual(rules.selection_score([(60, "4"), (40, "3")]), 72)
        self.assertIsNone(rules.selection_score([(0, "5")]), "nothing weighs")
        for score, expected in (
            (75, "recommended"),
            (74.9, "possible"),
            (60, "possible"),
            (59.9, "not_recommended"),
            (0, "not_recommended"),
        ):
            self.assertEqual(rules.recommendation(score, RECOMMENDATION_FLOORS), expected, score)
        self.assertFalse(rules.recommendation(None, RECOMMENDATION_FLOORS))

    def test_a_candidate_in_its_own_pipeline_with_a_scorecard(self):
        lead = self.candidate("Suzhou Hengda Fluid")
        self.assertEqual(lead.team_id, self.team)
        self.assertEqual(lead.distributor_plan_id, self.plan)
        self.assertEqual(lead.stage_id.team_id, self.team, "the recruitment team's first stage")
        self.assertEqual(
            lead.stage_id, self.env.ref("distributor_recruitment.crm_stage_recruitment_found")
        )
        self.assertEqual(lead.distributor_score_ids.criterion_id, self.capital | self.network)
        self.assertEqual((lead.selection_score, lead.selection_recommendation), (0, False))
        # Capital 4 of 5 (60 x 0.8 = 48), network 3 of 5 (40 x 0.6 = 24): 72 of 100.
        self.score(lead, 4, 3)
        self.assertEqual(lead.distributor_score_ids.mapped("points"), [48, 24])
        self.assertEqual((lead.selection_score, lead.selection_recommendation), (72, "possible"))
        # The pipeline's columns: the recruitment stages only.
        Lead = self.env["crm.lead"].with_context(default_team_id=self.team.id)
        columns = Lead._read_group_stage_ids(self.env["crm.stage"], [])
        self.assertEqual(columns.team_id, self.team)
        self.assertIn(
            self.env.ref("crm.stage_lead1"),
            self.env["crm.lead"]._read_group_stage_ids(self.env["crm.stage"], []),
            "Sales' pipeline keeps its stages",
        )
        # A sales lead of another team gets no scorecard.
        sale = self.env["crm.lead"].create({"name": "Pumps for a hospital", "type": "opportunity"})
        self.assertFalse(sale.is_distributor_candidate or sale.distributor_score_ids)
        # Moved into the recruitment team, it does.
        sale.team_id = self.team
        self.assertEqual(len(sale.distributor_score_ids), 2)

    def test_candidates_of_a_market_side_by_side(self):
        first = self.candidate("Suzhou Hengda Fluid")
        second = self.candidate("Suzhou Hongtai")
        elsewhere = self.candidate("Nanjing Pipes", market=self.nanjing)
        self.score(first, 4, 5)
        self.score(second, 5, 2)
        self.score(elsewhere, 1, 1)
        action = first.with_user(self.recruiter).action_compare_in_market()
        lines = (
            self.env["distributor.candidate.score"]
            .with_user(self.recruiter)
            .search(action["domain"])
        )
        self.assertEqual(lines.lead_id, first | second)
        totals = dict(
            self.env["distributor.candidate.score"]._read_group(
                action["domain"], ["lead_id"], ["points:sum"]
            )
        )
        # 48 + 40 against 60 + 16: the first is the better choice.
        self.assertEqual(totals, {first: 88, second: 76})
        plan_lines = self.env["distributor.candidate.score"].search(
            self.plan.action_compare_candidates()["domain"]
        )
        self.assertEqual(plan_lines.lead_id, first | second | elsewhere)

    def test_signing_makes_a_distributor_with_a_draft_agreement(self):
        lead = self.candidate("Suzhou Hengda Fluid")
        wholesale = self.env.ref("distributor_management.distributor_type_wholesale")
        lead.with_user(self.recruiter).write(
            {"distributor_registered_capital": 5_000_000, "distributor_type_id": wholesale.id}
        )
        with freeze_time(self.local_instant(date(2026, 12, 31))):
            action = lead.with_user(self.recruiter).action_sign_distributor()
        agreement = self.env["distributor.agreement"].browse(action["res_id"])
        self.assertEqual(agreement.partner_id.name, "Suzhou Hengda Fluid")
        self.assertTrue(agreement.partner_id.is_company)
        self.assertEqual(
            (agreement.state, agreement.user_id, agreement.date_start, agreement.date_end),
            ("draft", self.recruiter, date(2027, 1, 1), date(2027, 12, 31)),
        )
        self.assertEqual(agreement.territory_ids.territory_id, self.suzhou)
        self.assertEqual(agreement.registered_capital, 5_000_000, "for its credit review")
        # A wholesaler's agreement starts from the type's terms: quarterly targets.
        self.assertEqual(
            (agreement.distributor_type_id, agreement.target_split), (wholesale, "quarter")
        )
        self.assertFalse(agreement.territory_ids.exclusive)
        self.assertEqual(lead.distributor_agreement_id, agreement)
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual((self.plan.signed_count, self.plan.candidate_count), (1, 1))
        self.assertEqual(self.plan.progress, 0.5)
        self.assert_refused(
            UserError,
            "already signed",
            lead.with_user(self.recruiter).action_sign_distributor,
            lead,
            ["stage_id", "distributor_agreement_id"],
        )

    def test_a_negative_capital_is_refused(self):
        lead = self.candidate("Suzhou Hengda Fluid")
        self.assert_refused(
            ValidationError,
            "cannot be negative",
            lambda: lead.with_user(self.recruiter).write({"distributor_registered_capital": -1}),
            lead,
            ["distributor_registered_capital"],
        )

    def test_signing_needs_a_company_of_the_recruitment_team(self):
        sale = self.env["crm.lead"].create(
            {"name": "Pumps", "type": "opportunity", "partner_name": "X"}
        )
        self.assert_refused(
            UserError,
            "recruitment team",
            sale.action_sign_distributor,
            sale,
            ["stage_id"],
            model="distributor.agreement",
        )
        lead = self.candidate("Suzhou Hengda Fluid")
        lead.partner_name = False
        self.assert_refused(
            UserError,
            "company name",
            lead.with_user(self.recruiter).action_sign_distributor,
            lead,
            ["stage_id"],
            model="distributor.agreement",
        )
        person = self.env["res.partner"].create({"name": "Mr. Wang"})
        lead.partner_id = person
        self.assert_refused(
            UserError,
            "is a person",
            lead.with_user(self.recruiter).action_sign_distributor,
            lead,
            ["stage_id"],
            model="distributor.agreement",
        )

    def test_who_does_what(self):
        # Criteria are the Channel Managers' to set.
        with self.assertRaises(AccessError):
            self.Criterion.with_user(self.recruiter).create({"name": "Mine", "weight": 100})
        with self.assertRaisesRegex(ValidationError, "from 0 to 100"):
            self.Criterion.with_user(self.manager).create({"name": "Heavy", "weight": 101})
        # A plan cannot end before it starts, nor sign fewer than nothing.
        Plan = self.env["distributor.recruitment.plan"].with_user(self.recruiter)
        for values in (
            {"date_end": date(2020, 1, 1)},
            {"date_end": date(2027, 1, 1), "target_count": -1},
        ):
            self.assert_refused(
                ValidationError,
                None,
                lambda v=values: Plan.create({"name": "Bad", **v}),
                model="distributor.recruitment.plan",
            )
        # A salesperson without the distributor app sees candidates, not plans' writing.
        seller = new_test_user(self.env, "dm_seller", groups="sales_team.group_sale_salesman")
        with self.assertRaises(AccessError):
            self.plan.with_user(seller).write({"name": "Renamed"})

    def test_doors_to_the_scorecard_and_the_signature(self):
        lead = self.candidate("Suzhou Hengda Fluid")
        self.score(lead, 2, 2)
        figures = ["selection_score", "selection_recommendation", "distributor_agreement_id"]
        Lead = self.env["crm.lead"].with_user(self.recruiter)
        for call in (
            lambda: lead.with_user(self.recruiter).write({"selection_score": 99}),
            lambda: lead.with_user(self.recruiter).write(
                {"selection_recommendation": "recommended"}
            ),
        ):
            self.assert_refused(Exception, None, call, lead, figures)
        # An import reports the row and writes nothing.
        result = Lead.load([".id", "selection_score"], [[str(lead.id), "99"]])
        self.assertIn("computed by the system", result["messages"][0]["message"])
        self.assertEqual(lead.selection_score, 40)
        line = lead.distributor_score_ids[0]
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: line.with_user(self.recruiter).write({"points": 60}),
            line,
            ["points"],
        )
        # A line stays with its candidate and criterion, of the candidate's company.
        theirs = self.candidate("Suzhou Hongtai")
        self.assert_refused(
            UserError,
            "stays with its candidate",
            lambda: line.with_user(self.recruiter).write({"lead_id": theirs.id}),
            line,
            ["lead_id"],
        )
        other = self.env["res.company"].create({"name": "Valve Works Hong Kong"})
        foreign = self.Criterion.create({"name": "Secret", "weight": 100, "company_id": other.id})
        Score = self.env["distributor.candidate.score"].with_user(self.recruiter)
        self.assert_refused(
            Exception,
            None,
            lambda: Score.create({"lead_id": lead.id, "criterion_id": foreign.id, "score": "5"}),
            lead,
            ["selection_score"],
        )
        sale = self.env["crm.lead"].create({"name": "Pumps", "type": "opportunity"})
        self.assert_refused(
            ValidationError,
            "recruitment team",
            lambda: Score.create({"lead_id": sale.id, "criterion_id": self.capital.id}),
            model="distributor.candidate.score",
        )
        # Signed once: the link is the system's, so it cannot be cleared to sign again.
        lead.with_user(self.recruiter).action_sign_distributor()
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: lead.with_user(self.recruiter).write({"distributor_agreement_id": False}),
            lead,
            figures,
        )
        # A lost or archived candidate is restored before it is signed.
        for candidate, drop in (
            (theirs, "action_set_lost"),
            (self.candidate("Wuxi Pipes"), "action_archive"),
        ):
            getattr(candidate.with_user(self.recruiter), drop)()
            self.assert_refused(
                UserError,
                "restore it first",
                candidate.with_user(self.recruiter).action_sign_distributor,
                candidate,
                ["active", "stage_id", "distributor_agreement_id"],
                model="distributor.agreement",
            )

    def test_a_candidate_stays_with_recruitment(self):
        lead = self.candidate("Suzhou Hengda Fluid")
        other = new_test_user(
            self.env,
            "dm_recruiter2",
            groups="distributor_management.group_distributor_user,sales_team.group_sale_salesman",
        )
        lead.with_user(self.recruiter).user_id = other
        self.assertEqual(lead.team_id, self.team)

    def test_new_plan_and_survey_from_their_menus(self):
        """Recruitment Plans > New and New-Market Surveys > New, as a recruiter's browser sends
        them (defaults: the user's day, company and self)."""
        with freeze_time(self.local_instant(date(2027, 1, 1), time(0, 0, 30))):
            with Form(self.env["distributor.recruitment.plan"].with_user(self.recruiter)) as form:
                self.assertEqual(form.date_start, date(2027, 1, 1), "the user's day")
                form.name = "Zhejiang 2027"
                form.date_end = date(2027, 6, 30)
                form.territory_ids.add(self.jiangsu)
            plan = form.record
            with Form(self.env["distributor.market.survey"].with_user(self.recruiter)) as form:
                self.assertEqual(form.date, date(2027, 1, 1))
                form.name = "Suzhou valve market"
                form.territory_id = self.suzhou
                form.plan_id = plan
            survey = form.record
        self.assertEqual(
            (plan.state, plan.user_id, plan.company_id), ("draft", self.recruiter, self.company)
        )
        self.assertEqual((survey.user_id, plan.survey_ids), (self.recruiter, survey))
        # Selection Criteria: the Channel Managers' editable list.
        with Form(self.Criterion.with_user(self.manager)) as form:
            form.name = "After-sales service"
            form.weight = 5
        self.assertEqual(
            (form.record.kind, form.record.company_id), ("qualitative", self.env["res.company"])
        )
