"""Payment discipline as Channel Credit knows it: promises to pay kept or broken, and orders
its credit check stopped, in the evaluated period."""

from collections import defaultdict

from odoo import fields, models
from odoo.addons.b2b_base import clock
from odoo.addons.b2b_xlsx.workbook import Column


class DistributorEvaluation(models.Model):
    _inherit = "distributor.evaluation"

    promises_kept = fields.Integer(readonly=True, copy=False)
    promises_broken = fields.Integer(readonly=True, copy=False)
    credit_stops = fields.Integer(
        string="Orders Stopped by Credit",
        readonly=True,
        copy=False,
        help="Orders of the distributor its credit check stopped in the period (a release was "
        "asked for them), each once; cancelled orders do not count.",
    )

    def _figure_fields(self):
        return super()._figure_fields() | {"promises_kept", "promises_broken", "credit_stops"}

    def _payment_lapses(self):
        """A broken promise and an order stopped by credit each count as a lapse. sudo: the
        figures are the evaluation's (read by its readers only), and every collector's
        promises and every release count, not only those the evaluator may read."""
        result = super()._payment_lapses()
        if not self:
            return result
        partners = self.partner_id.ids
        companies = self.company_id.ids
        start, end = min(self.mapped("date_from")), max(self.mapped("date_to"))
        promises = (
            self.env["channel.collection.plan"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners),
                    ("company_id", "in", companies),
                    ("closed", "=", True),
                    ("date", ">=", start),
                    ("date", "<=", end),
                ]
            )
        )
        # A stop happened on the company's day, not on the UTC one.
        evaluations = defaultdict(list)
        for evaluation in self:
            evaluations[evaluation.partner_id, evaluation.company_id].append(evaluation)
        stops = defaultdict(int)
        for company in self.company_id:
            tz = clock.company_tz(company, clock.user_tz(self.env))
            first, after = clock.utc_bounds(start, end, tz)
            releases = (
                self.env["channel.credit.release"]
                .sudo()
                .search_fetch(
                    [
                        ("partner_id", "in", partners),
                        ("company_id", "=", company.id),
                        ("request_date", ">=", first),
                        ("request_date", "<", after),
                        ("order_id.state", "!=", "cancel"),
                    ],
                    ["partner_id", "order_id", "request_date"],
                    order="request_date, id",
                )
            )
            # An order stopped counts once, on the day its first release was asked for.
            first_asked = {}
            for release in releases:
                first_asked.setdefault(release.order_id, release)
            for release in first_asked.values():
                day = clock.local_date(release.request_date, tz)
                for evaluation in evaluations[release.partner_id, company]:
                    if evaluation.date_from <= day <= evaluation.date_to:
                        stops[evaluation] += 1
        promises = self._by_distributor(promises)
        for evaluation in self:
            own = evaluation._within(promises, "date", "date")
            broken = len(own.filtered("broken"))
            lapses, figures = result.get(evaluation, (0, {}))
            result[evaluation] = (
                lapses + broken + stops[evaluation],
                {
                    **figures,
                    "promises_kept": len(own) - broken,
                    "promises_broken": broken,
                    "credit_stops": stops[evaluation],
                },
            )
        return result

    def _xlsx_payment_columns(self):
        env = self.env
        return [
            *super()._xlsx_payment_columns(),
            Column(env._("Promises Kept"), 10, "int", lambda e: e.promises_kept),
            Column(env._("Promises Broken"), 10, "int", lambda e: e.promises_broken),
            Column(env._("Orders Stopped by Credit"), 10, "int", lambda e: e.credit_stops),
        ]
