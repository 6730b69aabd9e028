"""The plan's nightly count: what each account consumed and earned, the rows and alerts."""

import logging
from collections import defaultdict, namedtuple
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import bulk, clock, jobs
from odoo.tools import SQL

from .. import rules

_logger = logging.getLogger(__name__)


# Refreshed nightly while the period runs and for this long after it ends (late invoices).
REFRESH_AFTER_END = timedelta(days=31)
# (revenue, gross margin) of a customer that bought nothing.
NOTHING = (0.0, 0.0)
# An account as the plan counts it; ``start`` is the company's day it was created.
AccountRow = namedtuple(
    "AccountRow", "id partner_id quadrant tier_id manager_id start weight max_visit_days"
)


# The columns of a plan's account row the count writes, with their SQL types.
ROW_COLUMNS = {
    "account_id": "int",
    "partner_id": "int",
    "manager_id": "int",
    "tier_id": "int",
    "quadrant": "varchar",
    "weight": "float8",
    "planned_days": "float8",
    "planned_money": "numeric",
    "spent_days": "float8",
    "spent_money": "numeric",
    "spent_credit": "numeric",
    "visit_count": "int",
    "revenue": "numeric",
    "revenue_prior": "numeric",
    "alert": "varchar",
    "alert_notified": "varchar",
}


def _same_row(stored, values):
    """Whether a stored row holds ``values`` (amounts compared to a millionth)."""
    return all(
        a == b or (isinstance(a, float | int) and isinstance(b, float | int) and abs(a - b) < 1e-6)
        for a, b in zip(stored, values, strict=True)
    )


class Spend:
    """What one customer consumed in a period, and the last day it did."""

    def __init__(self):
        self.days = self.visit_cost = self.gifts = self.credit = 0.0
        self.visits = 0
        self.people = set()
        self.last = None

    @property
    def money(self):
        return self.visit_cost + self.gifts

    @property
    def any(self):
        return bool(self.visits or self.gifts or self.credit)

    def seen(self, day):
        self.last = max(self.last, day) if self.last else day


class KamResourcePlan(models.Model):
    _inherit = "kam.resource.plan"

    @api.model
    def _cron_kam_refresh_plans(self):
        """Count each running plan (and those ended within the last month) once a day, one
        plan per call: the scheduler commits it and calls again while plans remain."""
        now = fields.Datetime.now()
        # Each plan counts its company's day: the search spans every zone's, the filter decides.
        utc_today = now.date()
        plans = self.search(
            [
                ("date_from", "<=", utc_today + timedelta(days=1)),
                ("date_to", ">=", utc_today - timedelta(days=1) - REFRESH_AFTER_END),
            ]
        ).filtered(lambda plan: plan._kam_due(now))
        # Each plan in its own savepoint: one that cannot be counted is logged and skipped,
        # the next one is counted in this call.
        tried = self.browse()
        for plan in plans:
            tried |= plan
            try:
                with self.env.cr.savepoint():
                    plan._kam_refresh(clock.local_date(now, plan._kam_tz()))
                break
            except Exception:
                _logger.exception("Offense/defense plan %s could not be counted; skipped", plan.id)
        self.env["ir.cron"]._notify_progress(done=len(tried), remaining=len(plans - tried))

    def _kam_due(self, now):
        """Whether the nightly job counts the plan at ``now``: running (or ended within
        REFRESH_AFTER_END) and not yet counted on its company's day."""
        self.ensure_one()
        tz = self._kam_tz()
        today = clock.local_date(now, tz)
        counted = clock.local_date(self.figures_date, tz)
        return (
            self.date_from <= today
            and self.date_to >= today - REFRESH_AFTER_END
            and not (counted and counted >= today)
        )

    def _kam_refresh(self, today):
        """Count each plan's figures again, set-wise: a handful of grouped queries for the
        whole company, the rules in Python, then only the account rows that changed written."""
        for plan in self:
            # As superuser: a plan counts every account, visit and gift of the company, whoever
            # owns them; only key-account managers read plans.
            plan.sudo()._kam_refresh_plan(today)

    def _kam_refresh_plan(self, today):
        # The figures are read in SQL: pending ORM writes (an order's date, a visit) first.
        self.env.flush_all()
        company = self.company_id
        accounts = self._kam_accounts(company)
        periods = [
            (self.date_from - relativedelta(years=years), self.date_to - relativedelta(years=years))
            for years in range(3)
        ]
        values = [self._kam_values(company, *period) for period in periods]
        spend = [self._kam_spend(company, *period) for period in periods[:2]]
        won = [self._kam_won(company, *period) for period in periods[:2]]
        surveys = [self._kam_surveys(company, *period) for period in periods[:2]]
        rows = self._kam_account_rows(accounts, values, spend[0], today)
        self._kam_notify_alerts(rows, today)
        self._kam_write_rows(rows)
        self._kam_write_lines(accounts, values, spend, won, surveys)
        self.figures_date = fields.Datetime.now()

    def _kam_accounts(self, company):
        """The company's accounts placed in the matrix, as plain rows (a nightly job over
        100,000 accounts: records would triple its time)."""
        self.env.cr.execute(
            SQL(
                """
                SELECT a.id, a.partner_id, a.quadrant, a.tier_id, a.manager_id,
                       %(created_day)s,
                       COALESCE(t.resource_weight, 1.0), COALESCE(t.max_visit_days, 0)
                  FROM kam_account a
             LEFT JOIN kam_tier t ON t.id = a.tier_id
                 WHERE a.company_id = %(company)s AND a.quadrant IS NOT NULL
              ORDER BY a.id
                """,
                created_day=clock.local_day_sql(SQL("a.create_date"), self._kam_tz()),
                company=company.id,
            )
        )
        return [AccountRow(*row) for row in self.env.cr.fetchall()]

    def _kam_tz(self):
        """The time zone whose days the plan counts: the company's, else the user's."""
        return clock.company_tz(self.company_id, self.env.user.tz or "UTC")

    def _kam_values(self, company, date_from, date_to):
        """{commercial partner id: (revenue, gross margin)} over the period."""
        if company.kam_revenue_source == "invoice":
            # An invoice carries the company's local day; an order a UTC instant.
            start, end = datetime.combine(date_from, time.min), datetime.combine(date_to, time.min)
        else:
            start, end = clock.utc_bounds(date_from, date_to, self._kam_tz())
            end -= timedelta(microseconds=1)  # the query's upper bound is inclusive
        self.env.cr.execute(self.env["kam.account"]._kam_value_query(company, start, end))
        return {
            cp: (revenue or 0.0, margin or 0.0) for cp, revenue, margin in self.env.cr.fetchall()
        }

    def _kam_spend(self, company, date_from, date_to):
        """{commercial partner id: Spend} over the period: done visits costed per type,
        approved gifts and receptions, credit released; on a customer or one of its people."""
        tz = self._kam_tz()
        start, end = clock.utc_bounds(date_from, date_to, tz)
        local = self.with_context(tz=tz)
        rates = self.env["kam.visit.cost"]._kam_rates(company)
        spend = defaultdict(Spend)
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, v.visit_type, v.user_id, COUNT(*),
                       MAX(%(done_day)s)
                  FROM kam_visit v JOIN res_partner p ON p.id = v.partner_id
                 WHERE v.company_id = %(company)s AND v.state = 'done'
                   AND v.date_done >= %(start)s AND v.date_done < %(end)s
              GROUP BY 1, 2, 3
                """,
                done_day=clock.local_day_sql(SQL("v.date_done"), tz),
                company=company.id,
                start=start,
                end=end,
            )
        )
        for cp, vtype, user_id, count, last in cr.fetchall():
            days, cost = rates.get(vtype, (0.0, 0.0))
            row = spend[cp]
            row.days += days * count
            row.visit_cost += cost * count
            row.visits += count
            row.people.add(user_id)
            row.seen(last)
        cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, SUM(g.amount), MAX(g.date)
                  FROM kam_gift_request g JOIN res_partner p ON p.id = g.partner_id
                 WHERE g.company_id = %s AND g.state = 'approved'
                   AND g.date >= %s AND g.date <= %s
              GROUP BY 1
                """,
                company.id,
                date_from,
                date_to,
            )
        )
        for cp, amount, last in cr.fetchall():
            row = spend[cp]
            row.gifts += float(amount or 0.0)
            row.seen(last)
        for partner_id, (amount, last) in self._kam_credit_released(company, start, end).items():
            row = spend[partner_id]
            row.credit += amount
            row.seen(fields.Date.context_today(local, last))
        return spend

    @api.model
    def _kam_credit_released(self, company, start, end):
        """{commercial partner id: (credit released, last release)} from ``start`` to before
        ``end`` (UTC); the channel-credit bridge counts the approved releases."""
        return {}

    def _kam_won(self, company, date_from, date_to):
        """{commercial partner id: [deals won, their expected revenue]} closed in the period."""
        start, end = clock.utc_bounds(date_from, date_to, self._kam_tz())
        won = defaultdict(lambda: [0, 0.0])
        for partner, count, amount in self.env["crm.lead"]._read_group(
            [
                ("company_id", "=", company.id),
                ("type", "=", "opportunity"),
                ("stage_id.is_won", "=", True),
                ("partner_id", "!=", False),
                ("date_closed", ">=", start),
                ("date_closed", "<", end),
            ],
            ["partner_id"],
            ["__count", "expected_revenue:sum"],
        ):
            row = won[partner.commercial_partner_id.id]
            row[0] += count
            row[1] += amount
        return won

    def _kam_surveys(self, company, date_from, date_to):
        """{account id: (sum of scores, surveys)} of the surveys done in the period."""
        return {
            account.id: (total, count)
            for account, total, count in self.env["kam.satisfaction.survey"]._read_group(
                [
                    ("company_id", "=", company.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["account_id"],
                ["score:sum", "__count"],
            )
        }

    def _kam_account_rows(self, accounts, values, spend, today):
        """One row per account: its share of its quadrant's plan (by its tier's resource
        weight), what it consumed and its resource alert."""
        allocation = self._kam_allocation()
        reference = min(today, self.date_to)
        weights = defaultdict(dict)
        for account in accounts:
            weights[account.quadrant][account.id] = account.weight
        days_split, money_split = {}, {}
        for quadrant, quadrant_weights in weights.items():
            share = allocation[quadrant]
            days_split.update(rules.weighted_split(self.planned_days * share, quadrant_weights))
            money_split.update(rules.weighted_split(self.planned_money * share, quadrant_weights))
        rows = []
        for account in accounts:
            cp = account.partner_id
            used = spend.get(cp) or Spend()
            starved_after = rules.starved_after(account.max_visit_days)
            idle = rules.idle_days(reference, self.date_from, account.start, used.last)
            rows.append(
                {
                    "account_id": account.id,
                    "partner_id": cp,
                    "manager_id": account.manager_id,
                    "tier_id": account.tier_id,
                    "quadrant": account.quadrant,
                    "weight": account.weight,
                    "planned_days": days_split[account.id],
                    "planned_money": money_split[account.id],
                    "spent_days": used.days,
                    "spent_money": used.money,
                    "spent_credit": used.credit,
                    "visit_count": used.visits,
                    "revenue": values[0].get(cp, NOTHING)[0],
                    "revenue_prior": values[1].get(cp, NOTHING)[0],
                    "alert": rules.resource_alert(account.quadrant, used.any, idle, starved_after),
                }
            )
        return rows

    def _kam_notify_alerts(self, rows, today):
        """While the period runs, a to-do for the account manager at each new resource alert,
        in their language; an alert already told stays told until it clears."""
        self.env.cr.execute(
            SQL(
                "SELECT account_id, alert_notified FROM kam_resource_plan_account "
                "WHERE plan_id = %s AND alert_notified IS NOT NULL",
                self.id,
            )
        )
        told = dict(self.env.cr.fetchall())
        # An archived plan (a copy being prepared) tells nobody: its original does.
        running = self.active and self.date_from <= today <= self.date_to
        todos = []
        for row in rows:
            notified = told.get(row["account_id"]) if row["alert"] else False
            # Told only when there is someone to tell: a manager given later hears of it.
            if running and row["alert"] and notified != row["alert"] and row["manager_id"]:
                todos.append(row)
                notified = row["alert"]
            row["alert_notified"] = notified or False
        if not todos:
            return
        model_id = self.env["ir.model"]._get_id("kam.account")
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        users = self.env["res.users"].browse({row["manager_id"] for row in todos})
        texts = {
            user.id: self.with_context(lang=user.lang or self.env.lang)._kam_alert_texts()
            for user in users
        }
        jobs.create_activities(
            self.env,
            [
                {
                    "res_model_id": model_id,
                    "res_id": row["account_id"],
                    "activity_type_id": todo_type.id,
                    "user_id": row["manager_id"],
                    "date_deadline": today,
                    "summary": texts[row["manager_id"]][row["alert"]][0],
                    "note": texts[row["manager_id"]][row["alert"]][1],
                    "automated": True,
                }
                for row in todos
            ],
        )

    def _kam_alert_texts(self):
        return {
            "abandon_spending": (
                self.env._("Abandon account consuming resources"),
                self.env._(
                    "%(plan)s: this account is in the abandon quadrant (low potential, low "
                    "share) yet took visits, gifts or credit this period. Serve it at the "
                    "lowest cost, or show why it deserves more.",
                    plan=self.name,
                ),
            ),
            "attack_starved": (
                self.env._("Attack account without resources"),
                self.env._(
                    "%(plan)s: this account is in the attack quadrant (high potential, low "
                    "share) and got no visit, gift or credit this period. Plan how to win more "
                    "of its business.",
                    plan=self.name,
                ),
            ),
        }

    def _kam_write_rows(self, rows):
        """Bring the plan's account rows up to date in three statements: delete the rows of
        accounts gone, update the rows that changed, insert the new ones (100,000 accounts are
        100,000 rows: the ORM would take minutes, and most rows do not change overnight)."""
        Row = self.env["kam.resource.plan.account"]
        Row.flush_model()
        cr = self.env.cr
        names = list(ROW_COLUMNS)
        cr.execute(
            SQL(
                "SELECT id, %s FROM kam_resource_plan_account WHERE plan_id = %s",
                SQL(", ").join(SQL.identifier(name) for name in names),
                self.id,
            )
        )
        existing = {row[1]: (row[0], row[1:]) for row in cr.fetchall()}
        fresh, changed = [], []
        for row in rows:
            values = tuple(None if row[name] is False else row[name] for name in names)
            row_id, stored = existing.pop(row["account_id"], (None, None))
            if row_id is None:
                fresh.append(dict(zip(names, values, strict=True)))
            elif not _same_row(stored, values):
                changed.append({"id": row_id, **dict(zip(names, values, strict=True))})
        if existing:
            cr.execute(
                SQL(
                    "DELETE FROM kam_resource_plan_account WHERE id = ANY(%s)",
                    [row_id for row_id, _values in existing.values()],
                )
            )
        now = fields.Datetime.now()
        bulk.update(
            Row,
            ROW_COLUMNS,
            changed,
            {"write_uid": self.env.uid, "write_date": now},
            invalidate_all=False,
        )
        bulk.insert(
            Row,
            ROW_COLUMNS,
            fresh,
            {
                "plan_id": self.id,
                "company_id": self.company_id.id,
                "create_uid": self.env.uid,
                "create_date": now,
                "write_uid": self.env.uid,
                "write_date": now,
            },
            invalidate_all=False,
        )
        # The rows of accounts gone were deleted in SQL too.
        Row.invalidate_model()

    def _kam_write_lines(self, accounts, values, spend, won, surveys):
        """The quadrant lines: what was spent against the plan, and the scorecard now and a
        year before (retention a year before compares the two years before that)."""
        figures = {q: defaultdict(float) for q in rules.QUADRANTS}
        people = {q: set() for q in rules.QUADRANTS}
        for account in accounts:
            cp = account.partner_id
            line = figures[account.quadrant]
            revenue = [values[i].get(cp, NOTHING)[0] for i in range(3)]
            line["account_count"] += 1
            line["revenue"] += revenue[0]
            line["revenue_prior"] += revenue[1]
            line["margin"] += values[0].get(cp, NOTHING)[1]
            line["margin_prior"] += values[1].get(cp, NOTHING)[1]
            for buyers, kept, before, now in (
                ("buyers_prior", "retained", 1, 0),
                ("buyers_prior2", "retained_prior", 2, 1),
            ):
                was_buyer, stayed = rules.retained(revenue[before], revenue[now])
                line[buyers] += was_buyer
                line[kept] += stayed
            for suffix, period in (("", 0), ("_prior", 1)):
                used = spend[period].get(cp) or Spend()
                line["spent_money" + suffix] += used.money
                count, amount = won[period].get(cp, (0, 0.0))
                line["won_count" + suffix] += count
                line["won_amount" + suffix] += amount
                total, surveyed = surveys[period].get(account.id, (0, 0))
                line["score_sum" + suffix] += total
                line["survey_count" + suffix] += surveyed
                if not period:
                    line["spent_days"] += used.days
                    line["spent_visit_cost"] += used.visit_cost
                    line["spent_gifts"] += used.gifts
                    line["spent_credit"] += used.credit
                    people[account.quadrant].update(used.people)
        blank = self.env["kam.resource.plan.line"]._kam_blank_figures()
        for line in self.line_ids:
            data = figures[line.quadrant]
            vals = {name: data.get(name, 0) for name in blank}
            vals["spent_people"] = len(people[line.quadrant])
            vals["satisfaction"] = rules.ratio(data["score_sum"], data["survey_count"]) or 0.0
            vals["satisfaction_prior"] = (
                rules.ratio(data["score_sum_prior"], data["survey_count_prior"]) or 0.0
            )
            line.write(vals)
