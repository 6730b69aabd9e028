"""The distributor scorecard (经销商评估): figures worked out by hand, factors with nothing to
judge, four eyes, the figures nobody types, the representative's own distributors, and the
last quarter counted from the user's day."""

import base64
import io
from datetime import date, time

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.addons.b2b_xlsx.tests.common import column_titles
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..const import EVALUATION_FACTORS
from .common import MoneyCase

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
FIGURES = ["score", "grade", "evaluated_date", "state", "attainment_score", "unjudged"]


@tagged("post_install", "-at_install")
class TestEvaluation(MoneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.distributor_outlet_target = 20
        cls.target.date_to = Q1[1]
        cls.contract.with_user(cls.rep).action_submit()
        cls.contract.with_user(cls.manager).action_approve()
        cls.Evaluation = cls.env["distributor.evaluation"]

    def evaluation(self, user=None, partner=None, **vals):
        """New from the Evaluations menu as the browser sends it, for the first quarter."""
        with Form(self.Evaluation.with_user(user or self.rep)) as form:
            form.partner_id = partner or self.partner
            form.date_from, form.date_to = Q1
            for name, value in vals.items():
                setattr(form, name, value)
        return form.record

    def quarter_of_business(self):
        """The first quarter by hand: 110,000 of 130,000 paid by the due date, 100,000 the
        quarter before, two products reported (one overstocked), five outlets, a confirmed
        violation."""
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner.id,
                "invoice_date": date(2026, 2, 1),
                "invoice_date_due": date(2026, 3, 31),
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.valve.id, "price_unit": 130_000, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        self.pay(invoice, 110_000, date(2026, 3, 15))
        before = self.invoice([(self.valve, 100_000)], date(2025, 11, 1))
        self.pay(before, 100_000, date(2025, 11, 20))
        self.env["distributor.stock.report"].with_user(self.rep).create(
            {
                "partner_id": self.partner.id,
                "date_from": Q1[0],
                "date_to": Q1[1],
                "line_ids": [
                    Command.create({"product_id": self.valve.id, "qty_sold": 90, "qty_stock": 10}),
                    Command.create({"product_id": self.pump.id, "qty_sold": 9, "qty_stock": 100}),
                ],
            }
        )
        self.env["distributor.outlet"].create(
            [{"name": f"Outlet {n}", "partner_id": self.partner.id} for n in range(5)]
        )
        violation = (
            self.env["distributor.violation"]
            .with_user(self.rep)
            .create(
                {
                    "partner_id": self.partner.id,
                    "kind": "below_price",
                    "date": date(2026, 2, 10),
                    "description": "Sold at 80 % of the price list in Jiangning.",
                }
            )
        )
        violation.with_user(self.manager).action_confirm()

    def test_the_scorecard_by_hand(self):
        self.quarter_of_business()
        evaluation = self.evaluation(cooperation="4")
        evaluation.with_user(self.rep).action_evaluate()
        self.assertEqual(
            (evaluation.target_amount, evaluation.net_collected, evaluation.attainment),
            (100_000, 110_000, 1.1),
        )
        self.assertEqual((evaluation.collected, evaluation.prior_collected), (110_000, 100_000))
        self.assertEqual((evaluation.due_amount, evaluation.paid_on_time), (130_000, 110_000))
        self.assertEqual(evaluation.days_late, 0, "the quarter's money came by its due dates")
        self.assertEqual((evaluation.report_lines, evaluation.overstock_lines), (2, 1))
        self.assertEqual((evaluation.outlet_count, evaluation.violation_count), (5, 1))
        self.assertEqual(
            [
                evaluation.attainment_score,  # 110 % of the target: full marks
                evaluation.growth_score,  # 10 % more than the quarter before: 50 + 25
                evaluation.payment_score,  # 110,000 / 130,000 by the due date
                evaluation.stock_score,  # one of two products overstocked
                evaluation.network_score,  # 5 of a full network's 20 outlets
                evaluation.violation_score,  # one confirmed violation
                evaluation.cooperation_score,  # very good: 4 of 5
                evaluation.cost_score,  # no rebate, no marketing fund
            ],
            [100, 75, 84.6, 50, 25, 50, 75, 100],
        )
        # (30*100 + 10*75 + 20*84.6 + 10*50 + 10*25 + 10*50 + 10*75 + 10*100) / 110
        self.assertEqual((evaluation.score, evaluation.grade), (76.7, "B"))
        self.assertEqual(evaluation.proposal, "renew")
        self.assertFalse(evaluation.unjudged)
        self.assertEqual(
            evaluation.grade_reason,
            "Weakest: Network coverage 25, Stock health 50, and Violations 50.",
        )

    def test_money_paid_late_costs_a_point_a_day(self):
        # 50,000 due on 10 February: 20,000 paid that day, 30,000 ten days late. Money paid
        # after the quarter, or for what fell due before it, is not this quarter's lateness.
        invoice = self.invoice([(self.valve, 50_000)], date(2026, 1, 10), due=date(2026, 2, 10))
        self.pay(invoice, 20_000, date(2026, 2, 10))
        self.pay(invoice, 30_000, date(2026, 2, 20))
        after = self.invoice([(self.valve, 10_000)], date(2026, 3, 1), due=date(2026, 3, 31))
        self.pay(after, 10_000, date(2026, 4, 1))
        evaluation = self.evaluation()
        evaluation.with_user(self.rep).action_evaluate()
        self.assertEqual((evaluation.due_amount, evaluation.paid_on_time), (60_000, 20_000))
        # (20,000 x 0 + 30,000 x 10) / 50,000
        self.assertEqual(evaluation.days_late, 6)
        # 20,000 / 60,000 on time, less 6 points
        self.assertEqual(evaluation.payment_score, 27.3)
        # Money now comes on time: the score is the share alone.
        evaluation.date_to = date(2026, 2, 15)
        evaluation.with_user(self.rep).action_evaluate()
        self.assertEqual((evaluation.days_late, evaluation.payment_score), (0, 40))

    def test_money_on_the_last_day_is_the_periods(self):
        # Due on 31 March: 4,000 paid that day is the quarter's, on time; 6,000 paid on
        # 1 April is the next quarter's.
        invoice = self.invoice([(self.valve, 10_000)], date(2026, 3, 1), due=Q1[1])
        self.pay(invoice, 4_000, Q1[1])
        self.pay(invoice, 6_000, date(2026, 4, 1))
        evaluation = self.evaluation()
        evaluation.with_user(self.rep).action_evaluate()
        self.assertEqual(
            (evaluation.collected, evaluation.due_amount, evaluation.paid_on_time),
            (4_000, 10_000, 4_000),
        )
        self.assertEqual((evaluation.days_late, evaluation.net_collected), (0, 4_000))

    def test_cost_to_serve_by_hand(self):
        self.quarter_of_business()
        # A year's marketing fund of 36,500: the quarter's 90 days cost 9,000. The quarter's
        # rebate, 2 % of 110,000 collected: 2,200.
        self.contract.sudo().write(
            {
                "marketing_fund": 36_500,
                "rebate_tier_ids": [Command.create({"attainment_from": 100, "rate": 2})],
            }
        )
        self.env["distributor.rebate"]._accrue(self.target)
        evaluation = self.evaluation(cooperation="4")
        evaluation.with_user(self.rep).action_evaluate()
        self.assertEqual(evaluation.cost_to_serve, 11_200)
        # 11,200 / 110,000 = 10.2 %: 100 up to 5 %, 0 from 25 %.
        self.assertEqual(evaluation.cost_score, 74.1)

    def test_nothing_to_judge_is_left_out(self):
        newcomer = self.distributor("Wuxi Newcomer")
        evaluation = self.evaluation(user=self.manager, partner=newcomer)
        evaluation.with_user(self.manager).action_evaluate()
        # No target, no money before, nothing due, no cooperation given: only stock (no
        # report: 0), network (0 of 20) and violations (none: 100) are judged, equally weighed.
        self.assertEqual(evaluation.unjudged, "attainment,growth,payment,cooperation,cost")
        self.assertEqual((evaluation.score, evaluation.grade), (33.3, "D"))
        self.assertEqual(evaluation.proposal, "terminate")
        self.assertIn(
            "Not judged: Target attainment, Growth, Payment discipline, Cooperation, and Cost "
            "to serve.",
            evaluation.grade_reason,
        )
        # A company that does not judge networks: left out too.
        self.company.distributor_outlet_target = 0
        evaluation.with_user(self.manager).action_evaluate()
        self.assertEqual((evaluation.score, evaluation.grade), (50, "D"))

    def test_four_eyes_and_the_proposal_as_a_to_do(self):
        evaluation = self.evaluation(cooperation="3")
        self.assert_refused(
            UserError,
            "Evaluate it first",
            evaluation.with_user(self.manager).action_confirm,
            evaluation,
            FIGURES,
        )
        evaluation.with_user(self.rep).action_evaluate()
        # The representative prepares; a Channel Manager confirms.
        self.assert_refused(
            AccessError,
            "Channel Manager",
            evaluation.with_user(self.rep).action_confirm,
            evaluation,
            FIGURES,
        )
        prepared = self.evaluation(user=self.manager)
        prepared.with_user(self.manager).action_evaluate()
        self.assert_refused(
            UserError,
            "four eyes",
            prepared.with_user(self.manager).action_confirm,
            prepared,
            FIGURES,
        )
        evaluation.with_user(self.rep).proposal = "warning"
        evaluation.with_user(self.manager2).action_confirm()
        self.assertEqual(
            (evaluation.state, evaluation.confirmed_by_id), ("confirmed", self.manager2)
        )
        activity = evaluation.activity_ids
        self.assertEqual(
            (activity.user_id, activity.summary, activity.activity_type_id),
            (
                self.manager2,
                "Warning and Improvement Plan",
                self.env.ref("distributor_management.mail_activity_type_distributor_evaluation"),
            ),
        )
        # Kept as it was confirmed.
        for call in (
            lambda: evaluation.with_user(self.manager).write({"note": "Better next time"}),
            lambda: evaluation.with_user(self.manager).action_evaluate(),
            evaluation.with_user(self.manager).unlink,
        ):
            self.assert_refused(UserError, "kept as it was confirmed", call, evaluation, FIGURES)

    def test_figures_are_not_typed(self):
        evaluation = self.Evaluation.with_user(self.rep).create(
            {
                "partner_id": self.partner.id,
                "date_from": Q1[0],
                "date_to": Q1[1],
                "score": 99,
                "grade": "A",
                "state": "confirmed",
                "evaluated_date": "2026-04-01 00:00:00",
            }
        )
        self.assertEqual(
            (evaluation.score, evaluation.grade, evaluation.state, evaluation.evaluated_date),
            (0, False, "draft", False),
        )
        evaluation.with_user(self.rep).action_evaluate()
        for vals in ({"score": 99}, {"grade": "A", "note": "x"}, {"unjudged": "payment"}):
            self.assert_refused(
                AccessError,
                "come from Odoo",
                lambda v=vals: evaluation.with_user(self.manager).write(v),
                evaluation,
                FIGURES + ["note"],
            )
        # A context default or ir.default sets nothing either.
        self.env["ir.default"].set("distributor.evaluation", "grade", "A")
        defaults = self.Evaluation.with_user(self.rep).with_context(
            default_state="confirmed", default_score=90
        )
        copy = defaults.create({"partner_id": self.partner.id})
        self.assertEqual((copy.state, copy.score, copy.grade), ("draft", 0, False))

    def test_changed_inputs_are_evaluated_again(self):
        evaluation = self.evaluation(cooperation="5")
        evaluation.with_user(self.rep).action_evaluate()
        self.assertEqual(evaluation.cooperation_score, 100)
        evaluation.with_user(self.rep).cooperation = "1"
        self.assertFalse(evaluation.evaluated_date)
        self.assertEqual((evaluation.score, evaluation.cooperation_score), (0, 0))
        self.assert_refused(
            UserError,
            "Evaluate it first",
            evaluation.with_user(self.manager).action_confirm,
            evaluation,
            FIGURES,
        )
        evaluation.with_user(self.rep).action_evaluate()
        self.assertEqual(evaluation.cooperation_score, 0)

    def test_a_representative_evaluates_their_own_distributors(self):
        other = self.distributor("Hangzhou Pipes")
        evaluation = self.evaluation(partner=other)
        self.assert_refused(
            AccessError,
            "Hangzhou Pipes",
            evaluation.with_user(self.rep).action_evaluate,
            evaluation,
            FIGURES,
        )
        # Nor does a Channel Manager evaluate it for them: the representative would read it.
        self.assert_refused(
            AccessError,
            "is not the representative of Hangzhou Pipes",
            evaluation.with_user(self.manager).action_evaluate,
            evaluation,
            FIGURES,
        )
        # Nor do they read another representative's evaluations.
        theirs = self.evaluation(user=self.rep2, partner=other)
        self.assertFalse(self.Evaluation.with_user(self.rep).search([("id", "=", theirs.id)]))
        # A Channel Manager evaluates any distributor for themselves.
        evaluation.with_user(self.rep).user_id = self.manager
        evaluation.with_user(self.manager).action_evaluate()
        self.assertTrue(evaluation.evaluated_date)

    def test_a_planted_draft_reads_nothing(self):
        """A representative who writes an evaluation of another's distributor for themselves,
        or names another representative on one, never reads what it counts."""
        other = self.distributor("Suzhou Secret")
        shared = self.agreement([(self.suzhou, False)], user=self.rep2, partner_id=other.id)
        self.approve(shared)
        planted = self.evaluation(partner=other)
        self.assert_refused(
            AccessError,
            "not the representative",
            planted.with_user(self.manager).action_evaluate,
            planted,
            FIGURES,
        )
        # The other representative does not even see it.
        self.assert_refused(
            AccessError, None, planted.with_user(self.rep2).action_evaluate, planted, FIGURES
        )
        # Handed to rep2, who evaluates their own distributor: the planter no longer reads it.
        planted.with_user(self.rep).user_id = self.rep2
        planted.with_user(self.rep2).action_evaluate()
        self.assertFalse(self.Evaluation.with_user(self.rep).search([("id", "=", planted.id)]))
        with self.assertRaises(AccessError):
            planted.with_user(self.rep).read(["collected"])

    def test_a_new_representative_is_evaluated_again(self):
        """Naming another representative clears the figures, and whoever evaluated does not
        confirm (four eyes, whatever the names on it say)."""
        evaluation = self.evaluation(user=self.manager, user_id=self.manager)
        evaluation.with_user(self.manager).action_evaluate()
        evaluation.with_user(self.manager).user_id = self.rep
        self.assertFalse(evaluation.evaluated_date)
        evaluation.with_user(self.manager).action_evaluate()
        self.assert_refused(
            UserError,
            "four eyes",
            evaluation.with_user(self.manager).action_confirm,
            evaluation,
            FIGURES,
        )
        evaluation.with_user(self.manager2).action_confirm()
        self.assertEqual(evaluation.state, "confirmed")

    def test_a_contact_is_not_a_distributor(self):
        """Money is a company's: a distributor made a contact of another (any user edits
        contacts) is evaluated as nobody's, and an agreement is made with a company."""
        other = self.distributor("Suzhou Secret")
        invoice = self.invoice([(self.valve, 777_777)], date(2026, 2, 1), partner=other)
        self.pay(invoice, 777_777, date(2026, 2, 2))
        evaluation = self.evaluation()
        self.partner.write({"parent_id": other.id, "is_company": False})
        self.assert_refused(
            UserError,
            "is a contact of Suzhou Secret",
            evaluation.with_user(self.rep).action_evaluate,
            evaluation,
            FIGURES,
        )
        # Its agreement's targets read nothing of the other company's money.
        self.assertEqual(self.target.with_user(self.manager).collected, 0)
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": other.id})
        with self.assertRaisesRegex(ValidationError, "is a contact of Suzhou Secret"):
            self.agreement([(self.suzhou, False)], partner_id=contact.id)

    def test_the_last_quarter_from_the_users_day(self):
        for moment, expected in (
            (self.local_instant(date(2026, 4, 1), time(0, 0, 1)), Q1),
            (
                self.local_instant(date(2026, 3, 31), time(23, 59, 59)),
                (date(2025, 10, 1), date(2025, 12, 31)),
            ),
        ):
            with freeze_time(moment), Form(self.Evaluation.with_user(self.rep)) as form:
                self.assertEqual((form.date_from, form.date_to), expected)
                form.partner_id = self.partner

    def test_weights_and_network_are_checked(self):
        for vals in (
            {"distributor_weight_payment": -1},
            {"distributor_weight_payment": 101},
            {"distributor_outlet_target": -5},
            dict.fromkeys([f"distributor_weight_{f}" for f in EVALUATION_FACTORS], 0),
        ):
            self.assert_refused(
                ValidationError,
                "scorecard",
                lambda v=vals: self.company.write(v),
                self.company,
                ["distributor_weight_payment", "distributor_outlet_target"],
            )

    def test_scorecard_workbook(self):
        self.quarter_of_business()
        evaluation = self.evaluation(cooperation="4")
        evaluation.with_user(self.rep).action_evaluate()
        newcomer = self.evaluation(user=self.manager, partner=self.distributor("Wuxi Newcomer"))
        newcomer.with_user(self.manager).action_evaluate()
        book = self.download(
            self.Evaluation.with_user(self.manager)
            .with_context(active_domain=[("id", "in", (evaluation | newcomer).ids)])
            .action_export_xlsx()
        )
        self.assertEqual(book.sheetnames, ["Scorecard", "Figures"])
        rows = self.rows(book["Scorecard"])
        mine = rows["Nanjing Valves"]
        self.assertEqual(
            [mine[k] for k in ("Target attainment", "Growth", "Payment discipline", "Score")],
            [100, 75, 84.6, 76.7],
        )
        self.assertEqual((mine["Grade"], mine["Proposal"]), ("B", "Renew"))
        self.assertTrue(mine["Why"].startswith("Weakest: Network coverage 25"))
        self.assertEqual(rows["Wuxi Newcomer"]["Growth"], "not judged")
        figures = self.rows(book["Figures"])["Nanjing Valves"]
        self.assertEqual((figures["Fell Due"], figures["Paid On Time"]), (130_000, 110_000))
        # The representative's file holds their own evaluations only.
        book = self.download(self.Evaluation.with_user(self.rep).action_export_xlsx())
        self.assertEqual(list(self.rows(book["Scorecard"])), ["Nanjing Valves"])
        with self.assertRaises(AccessError):
            self.env["distributor.evaluation.export"].with_user(self.rep).create(
                {"evaluation_ids": [Command.set(newcomer.ids)]}
            )

    def download(self, action):
        export = self.env["distributor.evaluation.export"].browse(int(action["url"].split("/")[4]))
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))

    def rows(self, sheet):
        """{distributor: {column title: value}} of a sheet's table (header on row 4)."""
        header = column_titles(self.env, [c.value for c in sheet[4]], self.company)
        return {
            row[0]: dict(zip(header, row, strict=True))
            for row in sheet.iter_rows(min_row=5, values_only=True)
            if row[0] and row[0] != "Total"
        }

    def test_a_draft_agreement_shows_no_money_to_a_representative(self):
        """Anyone may draft an agreement for any company: its targets show that company's money
        to Channel Managers, and to its representative once it is signed."""
        other = self.distributor("Suzhou Secret")
        invoice = self.invoice([(self.valve, 777_777)], date(2026, 2, 1), partner=other)
        self.pay(invoice, 777_777, date(2026, 2, 2))
        draft = self.agreement([(self.suzhou, False)], partner_id=other.id)
        target = draft.target_ids
        self.assertEqual(
            (target.with_user(self.rep).collected, target.with_user(self.rep).sell_in), (0, 0)
        )
        self.assertEqual(target.with_user(self.manager).collected, 777_777)
        self.approve(draft)
        target.invalidate_recordset()
        self.assertEqual(target.with_user(self.rep).collected, 777_777)
