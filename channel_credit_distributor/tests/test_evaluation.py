"""Payment discipline as Channel Credit knows it: promises to pay broken and orders stopped by
credit in the period take points off, counted on the company's local days."""

from datetime import date, time, timedelta

from odoo.addons.distributor_management.tests.common import MoneyCase
from odoo.addons.distributor_management.tests.test_evaluation import Q1, TestEvaluation
from odoo.exceptions import AccessError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPaymentDisciplineWithCredit(MoneyCase):
    evaluation = TestEvaluation.evaluation
    download = TestEvaluation.download
    rows = TestEvaluation.rows

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract.with_user(cls.rep).action_submit()
        cls.contract.with_user(cls.manager).action_approve()
        cls.Evaluation = cls.env["distributor.evaluation"]
        # The quarter's money, all paid on its due date.
        invoice = cls.invoice(cls, [(cls.valve, 100_000)], date(2026, 1, 10), due=date(2026, 2, 10))
        cls.pay(cls, invoice, 100_000, date(2026, 2, 10))
        cls.order = cls.env["sale.order"].create({"partner_id": cls.partner.id})

    def promise(self, day, broken, closed=True):
        # As the daily job leaves a promise once its date has passed.
        return self.env["channel.collection.plan"].create(
            {
                "partner_id": self.partner.id,
                "date_from": day - timedelta(days=7),
                "date": day,
                "amount": 10_000,
                "closed": closed,
                "broken": broken,
            }
        )

    def stop(self, instant, order=None):
        """An order (a new one by default) stopped by credit, its release asked for at
        ``instant`` (UTC)."""
        order = order or self.env["sale.order"].create({"partner_id": self.partner.id})
        return self.env["channel.credit.release"].create(
            {
                "order_id": order.id,
                "partner_id": self.partner.id,
                "company_id": self.company.id,
                "requester_id": self.rep.id,
                "request_date": instant,
            }
        )

    def test_broken_promises_and_credit_stops_cost_points(self):
        self.promise(date(2026, 2, 1), broken=True)
        self.promise(date(2026, 2, 5), broken=False)
        self.promise(date(2026, 3, 20), broken=False, closed=False)  # still open: not judged
        self.promise(date(2026, 4, 2), broken=True)  # after the quarter
        first, after = (
            self.local_instant(Q1[0], time(0)),
            self.local_instant(Q1[1] + timedelta(days=1), time(0)),
        )
        # The quarter's first and last local instants count; those just outside do not.
        self.stop(first)
        self.stop(after - timedelta(seconds=1))
        self.stop(first - timedelta(seconds=1))
        self.stop(after)
        # Asked again for the same order: one stop. A cancelled order's stop does not count.
        self.stop(first + timedelta(days=3), order=self.order)
        self.stop(first + timedelta(days=4), order=self.order)
        cancelled = self.stop(first + timedelta(days=5)).order_id
        cancelled.action_cancel()
        evaluation = self.evaluation()
        evaluation.with_user(self.rep).action_evaluate()
        self.assertEqual((evaluation.due_amount, evaluation.paid_on_time), (100_000, 100_000))
        self.assertEqual(
            (evaluation.promises_kept, evaluation.promises_broken, evaluation.credit_stops),
            (1, 1, 3),
        )
        # All paid on time, less ten points for each of four lapses.
        self.assertEqual(evaluation.payment_score, 60)
        book = self.download(
            self.Evaluation.with_user(self.manager)
            .with_context(active_domain=[("id", "=", evaluation.id)])
            .action_export_xlsx()
        )
        figures = self.rows(book["Figures"])["Nanjing Valves"]
        self.assertEqual(
            [figures[k] for k in ("Promises Kept", "Promises Broken", "Orders Stopped by Credit")],
            [1, 1, 3],
        )
        # Nothing due and nothing broken in another period: not judged.
        evaluation.write({"date_from": date(2026, 5, 1), "date_to": date(2026, 6, 30)})
        evaluation.with_user(self.rep).action_evaluate()
        self.assertIn("payment", evaluation.unjudged)

    def test_the_figures_are_not_typed(self):
        self.promise(date(2026, 2, 1), broken=True)
        evaluation = self.evaluation()
        evaluation.with_user(self.rep).action_evaluate()
        with self.assertRaises(AccessError):
            evaluation.with_user(self.rep).write({"promises_broken": 0, "payment_score": 100})
        self.assertEqual((evaluation.promises_broken, evaluation.payment_score), (1, 90))
        typed = self.Evaluation.with_user(self.rep).create(
            {
                "partner_id": self.partner.id,
                "date_from": Q1[0],
                "date_to": Q1[1],
                "promises_kept": 9,
                "credit_stops": 0,
            }
        )
        self.assertEqual((typed.promises_kept, typed.evaluated_date), (0, False))
