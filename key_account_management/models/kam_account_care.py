"""Care frequency: the daily refresh of each account's care status and overdue-visit activities."""

import logging

from odoo import api, fields, models
from odoo.addons.b2b_base import bulk, clock, jobs
from odoo.tools import SQL, format_date

from .. import rules
from ..const import CRON_BATCH

_logger = logging.getLogger(__name__)

# The account columns the care refresh writes, with their SQL types.
CARE_COLUMNS = {"last_visit_date": "date", "next_visit_due": "date", "care_status": "varchar"}


class KamAccount(models.Model):
    _inherit = "kam.account"

    @api.model
    def _cron_kam_refresh_care(self):
        """Daily: care status of every account, then a visit activity for the manager of each
        overdue account that has none open yet (CRON_BATCH activities per run)."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        written = sum(
            jobs.each_company(
                companies,
                # Each company's own day: a visit done at 00:30 in Beijing is today's there.
                lambda company: self._kam_refresh_care(
                    company, fields.Date.context_today(clock.company_env(self, company))
                ),
                "Care status",
            )
        )
        scheduled, remaining = self._kam_schedule_overdue_visits(today, CRON_BATCH)
        _logger.info("Care status: %s accounts changed, %s visits scheduled", written, scheduled)
        self.env["ir.cron"]._notify_progress(done=written + scheduled, remaining=remaining)

    @api.model
    def _kam_refresh_care(self, company, today, partner_ids=None):
        """Last visit, next visit due and care status of a company's accounts (or of the given
        commercial partners): one aggregate query, the rule in Python, a bulk write of the
        accounts that changed. Returns how many changed."""
        cr = self.env.cr
        self.env.flush_all()
        tz = clock.company_tz(company)
        partner_filter = (
            SQL("AND partner_id = ANY(%s)", list(partner_ids)) if partner_ids else SQL()
        )
        account_filter = (
            SQL("AND a.partner_id = ANY(%s)", list(partner_ids)) if partner_ids else SQL()
        )
        cr.execute(
            SQL(
                """
                WITH visits AS (
                    SELECT partner_id,
                           (array_agg(%(done_day)s ORDER BY date_done DESC))[1:2] AS dates
                      FROM kam_visit
                     WHERE company_id = %(company)s AND state = 'done' AND date_done IS NOT NULL
                           %(partner_filter)s
                  GROUP BY partner_id
                )
                SELECT a.id, %(created_day)s,
                       t.min_visit_days, t.max_visit_days,
                       v.dates[1], v.dates[2], a.last_visit_date, a.next_visit_due, a.care_status
                  FROM kam_account a
             LEFT JOIN kam_tier t ON t.id = a.tier_id
             LEFT JOIN visits v ON v.partner_id = a.partner_id
                 WHERE a.company_id = %(company)s %(account_filter)s
                """,
                company=company.id,
                done_day=clock.local_day_sql(SQL("date_done"), tz),
                created_day=clock.local_day_sql(SQL("a.create_date"), tz),
                partner_filter=partner_filter,
                account_filter=account_filter,
            )
        )
        changes = []
        for account_id, since, min_days, max_days, last, previous, *old in cr.fetchall():
            due, status = rules.care_status(last, previous, since, today, min_days, max_days)
            if old != [last, due, status]:
                changes.append((account_id, last, due, status))
        # The partners' care fields are computed from these columns: all the cache goes.
        bulk.update(
            self,
            CARE_COLUMNS,
            [dict(zip(("id", *CARE_COLUMNS), change, strict=True)) for change in changes],
        )
        return len(changes)

    @api.model
    def _kam_needs_visit_domain(self, today):
        """rules.needs_visit as a domain: overdue, or never visited and past due."""
        return [
            "|",
            ("care_status", "=", "overdue"),
            "&",
            ("care_status", "=", "never"),
            ("next_visit_due", "<", today),
        ]

    def _kam_visit_overdue_summary(self):
        """The activity summary, in the account manager's language."""
        self.ensure_one()
        env = self.with_context(lang=self.manager_id.lang).env
        date = format_date(env, self.next_visit_due)
        if self.care_status == "never":
            return env._("Never visited: a first visit was due on %(date)s", date=date)
        return env._("Visit overdue since %(date)s", date=date)

    @api.model
    def _kam_schedule_overdue_visits(self, today, limit=None):
        """A "visit overdue" activity for the manager of each overdue account without one open.
        Returns (activities created, overdue accounts left for the next run)."""
        activity_type = self.env.ref("key_account_management.mail_activity_type_kam_visit")
        overdue = self.sudo().search_fetch(
            [
                *self._kam_needs_visit_domain(today),
                ("manager_id", "!=", False),
                ("activity_ids", "not any", [("activity_type_id", "=", activity_type.id)]),
            ],
            ["manager_id", "next_visit_due", "partner_id", "care_status"],
        )
        todo = overdue[:limit] if limit else overdue
        model_id = self.env["ir.model"]._get_id(self._name)
        jobs.create_activities(
            self.sudo().env,
            [
                {
                    "res_model_id": model_id,
                    "res_id": account.id,
                    "activity_type_id": activity_type.id,
                    "user_id": account.manager_id.id,
                    "date_deadline": today,
                    "automated": True,
                    "summary": account._kam_visit_overdue_summary(),
                }
                for account in todo
            ],
        )
        return len(todo), len(overdue) - len(todo)
