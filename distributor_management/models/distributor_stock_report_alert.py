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
        """An activity on each agreement whose report is missing (report_missing), once; an
        open one says the latest day missing, and is done when the report comes or the
        agreement no longer asks for it."""
        day = rules.report_due_until(today, company.distributor_report_day)
        activity_type = self.env.ref("distributor_management.mail_activity_type_distributor_report")
        Agreement = self.env["distributor.agreement"]
        agreements = Agreement.search(
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
        open_alerts = self.env["mail.activity"].search(
            [("res_model", "=", Agreement._name), ("activity_type_id", "=", activity_type.id)]
        )
        alerted = Agreement.browse(open_alerts.mapped("res_id")).exists()
        alerted = alerted.filtered(lambda agreement: agreement.company_id == company)
        for activity in open_alerts.filtered(lambda a: a.res_id in alerted.ids):
            if activity.res_id not in missing.ids:
                activity.action_done()  # done activities are deleted
            else:
                summary = self._missing_report_summary(activity.user_id, day)
                if activity.summary != summary:
                    activity.summary = summary
        values = []
        for agreement in missing - alerted:
            user = agreement.user_id or agreement.create_uid
            summary = self._missing_report_summary(user, day)
            values.append(jobs.activity_values(agreement, activity_type, user, today, summary))
        return values

    @api.model
    def _missing_report_summary(self, user, day):
        """The alert's summary, in ``user``'s language."""
        env = self.with_context(lang=user.lang).env
        return env._(
            "No sell-through report for the period to %(date)s", date=format_date(env, day)
        )

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
