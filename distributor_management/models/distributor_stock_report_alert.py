"""The nightly sell-through alerts: a distributor in force that sent no report for last month,
and a report with overstocked products, each an activity for the representative."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import clock, jobs
from odoo.tools import format_date

from .. import rules
from ..const import APPROVED

# A report whose period ended longer ago raises no overstock alert: history, not news.
OVERSTOCK_LOOKBACK = relativedelta(months=3)


class DistributorStockReport(models.Model):
    _inherit = "distributor.stock.report"

    # -------------------------------------------------------------------------
    # CRON METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _cron_stock_alerts(self):
        """Nightly, one company at a time on its own day. sudo: the job reads every
        representative's distributors and writes the alert flag no person may write."""
        companies = self.env["res.company"].sudo().search([])
        results = jobs.each_company(
            companies,
            lambda company: clock.company_env(self.sudo(), company)._stock_alerts(company),
            "Sell-through alerts",
        )
        self.env["ir.cron"]._notify_progress(done=len(results), remaining=0)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _stock_alerts(self, company):
        """The company's alerts on its day; returns how many activities were made."""
        today = fields.Date.context_today(self)
        values = self._missing_report_alerts(company, today)
        values += self._overstock_alerts(company, today)
        jobs.create_activities(self.env, values)
        return len(values)

    @api.model
    def _missing_report_alerts(self, company, today):
        """An activity on each agreement whose report is missing (report_missing) without one
        open; those whose report came are closed."""
        day = rules.report_due_until(today, company.distributor_report_day)
        activity_type = self.env.ref("distributor_management.mail_activity_type_distributor_report")
        agreements = self.env["distributor.agreement"].search(
            [
                ("company_id", "=", company.id),
                ("state", "in", (APPROVED, "expired")),
                ("date_start", "<=", day),
                ("date_end", ">=", day),
            ]
        )
        # On the company's day, as here: nothing an earlier reading of this run cached.
        agreements.invalidate_recordset(["report_missing"])
        missing = agreements.filtered("report_missing")
        open_alerts = agreements.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )
        alerted = agreements.browse(open_alerts.mapped("res_id"))
        (open_alerts - missing.activity_ids).action_done()  # done activities are deleted
        values = []
        for agreement in missing - alerted:
            user = agreement.user_id or agreement.create_uid
            env = self.with_context(lang=user.lang).env
            summary = env._(
                "No sell-through report for the period to %(date)s", date=format_date(env, day)
            )
            values.append(jobs.activity_values(agreement, activity_type, user, today, summary))
        return values

    @api.model
    def _overstock_alerts(self, company, today):
        """An activity on each recent report with overstocked products, once per report."""
        activity_type = self.env.ref(
            "distributor_management.mail_activity_type_distributor_overstock"
        )
        reports = self.search(
            [
                ("company_id", "=", company.id),
                ("overstock_alerted", "=", False),
                ("date_to", ">=", today - OVERSTOCK_LOOKBACK),
                ("line_ids.overstock", "=", True),
            ]
        )
        values = []
        for report in reports:
            user = report.user_id or report.create_uid
            env = self.with_context(lang=user.lang).env
            summary = env._(
                "Overstocked products: %(count)s (stock for more than %(days)s days)",
                count=report.overstock_count,
                days=company.distributor_overstock_days,
            )
            values.append(jobs.activity_values(report, activity_type, user, today, summary))
        reports.write({"overstock_alerted": True})
        return values
