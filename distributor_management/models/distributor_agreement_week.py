"""The representative's week (市场代表): for each agreement, the running target's attainment,
the distributor's last report, whether a report is missing, and its overstock, on the reader's
day, computed for the whole list at once."""

from collections import defaultdict

from odoo import api, fields, models

from .. import rules
from ..const import APPROVED


class DistributorAgreement(models.Model):
    _inherit = "distributor.agreement"

    # -------------------------------------------------------------------------
    # FIELDS
    # -------------------------------------------------------------------------

    week_target = fields.Monetary(
        string="Running Target",
        compute="_compute_week",
        help="The targets whose period holds today.",
    )
    week_collected = fields.Monetary(
        string="Net Collected So Far",
        compute="_compute_week",
        help="Collected less paid back in the running targets' periods, up to now (回款).",
    )
    week_attainment = fields.Float(
        string="Attainment So Far",
        compute="_compute_week",
        help="Net collected so far over the running targets (达成率).",
    )
    last_report_date = fields.Date(
        string="Last Report",
        compute="_compute_week",
        help="The end of the latest period the distributor reported its sell-through and stock.",
    )
    report_missing = fields.Boolean(
        compute="_compute_report_missing",
        help="The report holding the last month's end did not come by the company's due day.",
    )
    week_overstock_count = fields.Integer(
        string="Overstocked Products",
        compute="_compute_week",
        help="In the distributor's latest report.",
    )
    week_overdue = fields.Monetary(
        string="Overdue",
        compute="_compute_week",
        help="What the distributor's invoices still owe past their due date, on your day.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends_context("uid", "tz")
    def _compute_week(self):
        today = fields.Date.context_today(self)
        agreements = self._origin
        targets = self.env["distributor.agreement.target"].search(
            [
                ("agreement_id", "in", agreements.ids),
                ("date_from", "<=", today),
                ("date_to", ">=", today),
            ]
        )
        target_sum, collected_sum = defaultdict(float), defaultdict(float)
        for target in targets:  # their figures come set-wise (_compute_figures)
            target_sum[target.agreement_id.id] += target.amount
            collected_sum[target.agreement_id.id] += target.rebate_base
        # The newest report of each distributor and company, whoever reads: its date and
        # overstock are the agreement's news (sudo: reports of an earlier representative too).
        Report = self.env["distributor.stock.report"].sudo()
        signed = agreements._with_news()
        partners = signed.partner_id.ids
        newest_day = {
            (partner.id, company.id): day
            for partner, company, day in Report._read_group(
                [("partner_id", "in", partners)], ["partner_id", "company_id"], ["date_to:max"]
            )
        }
        newest = {}
        if newest_day:
            for report in Report.search(
                [
                    ("partner_id", "in", partners),
                    ("date_to", ">=", min(newest_day.values())),
                ],
                order="date_to desc, id desc",
            ):
                place = (report.partner_id.id, report.company_id.id)
                if report.date_to == newest_day.get(place):
                    newest.setdefault(place, report)
        overdue = signed._overdue_amounts(today)
        for agreement in self:
            key = agreement._origin.id
            place = (agreement.partner_id.id, agreement.company_id.id)
            report = newest.get(place) if agreement._origin in signed else None
            agreement.week_overdue = (
                overdue.get((agreement.partner_id.commercial_partner_id.id, place[1]), 0.0)
                if agreement._origin in signed
                else 0.0
            )
            agreement.week_target = target_sum[key]
            agreement.week_collected = collected_sum[key]
            agreement.week_attainment = rules.attainment(collected_sum[key], target_sum[key])
            agreement.last_report_date = report.date_to if report else False
            agreement.week_overstock_count = report.overstock_count if report else 0

    @api.depends_context("uid", "tz")
    def _compute_report_missing(self):
        """In force on the last day the company's due day asks reports to cover, and no report
        of the distributor holds it (whoever reads: sudo, as the nightly alert)."""
        today = fields.Date.context_today(self)
        agreements = self._origin
        due = {
            company: rules.report_due_until(today, company.distributor_report_day)
            for company in agreements.company_id
        }
        covered = set()
        if due:
            for report in (
                self.env["distributor.stock.report"]
                .sudo()
                .search_fetch(
                    [
                        ("partner_id", "in", agreements.partner_id.ids),
                        ("date_from", "<=", max(due.values())),
                        ("date_to", ">=", min(due.values())),
                    ],
                    ["partner_id", "company_id", "date_from", "date_to"],
                )
            ):
                day = due.get(report.company_id)
                if day and report.date_from <= day <= report.date_to:
                    covered.add((report.partner_id.id, report.company_id.id))
        for agreement in self:
            day = due.get(agreement.company_id)
            agreement.report_missing = bool(
                day
                and agreement.state in (APPROVED, "expired")
                and agreement.date_start <= day <= agreement.date_end
                and (agreement.partner_id.id, agreement.company_id.id) not in covered
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _with_news(self):
        """The agreements whose distributor's news (its reports, overdue money, visits) their
        readers see, whoever keeps it: the signed ones. A draft, which anyone may make for any
        partner, would show that partner's."""
        return self.filtered(lambda agreement: agreement.state in (APPROVED, "expired"))

    def _overdue_amounts(self, today):
        """{(commercial partner id, company id): what the distributors' posted invoices still
        owe, in company currency, past a due date before ``today``}. sudo: the representative
        reads their distributors' overdue money without being an invoicing user."""
        if not self:
            return {}
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", self.partner_id.commercial_partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", today),
                ],
                ["commercial_partner_id", "company_id"],
                ["amount_residual_signed:sum"],
            )
        )
        return {(partner.id, company.id): amount for partner, company, amount in groups}
