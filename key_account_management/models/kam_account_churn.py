import logging
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import bulk, clock, jobs
from odoo.tools import SQL, plaintext2html

from .. import rules

_logger = logging.getLogger(__name__)

# The account columns the churn watch writes, with their SQL types.
CHURN_COLUMNS = {
    "churn_signal_codes": "varchar",
    "churn_risk": "bool",
    "repeat_rate": "float8",
    "share_trend": "float8",
}


class KamAccount(models.Model):
    """Churn and loyalty signals of key accounts, computed nightly for the whole company."""

    _inherit = "kam.account"

    churn_signal_codes = fields.Char(readonly=True)
    churn_risk = fields.Boolean(readonly=True, index=True, help="At least one churn signal is on.")
    churn_signals = fields.Text(compute="_compute_churn_signals")
    signals_date = fields.Datetime(string="Signals Checked", readonly=True)
    repeat_rate = fields.Float(
        string="Repeat Purchase",
        readonly=True,
        help="Loyalty: the share of the last twelve months in which the customer ordered.",
    )
    share_trend = fields.Float(
        string="Wallet Share Trend",
        readonly=True,
        help="Wallet share now less a year ago: satisfied is not loyal, a falling share says so.",
    )
    referred_by_id = fields.Many2one(
        "res.partner",
        index=True,
        domain="[('parent_id', '=', False)]",
        help="The customer who brought us this one: referrals are a sign of loyalty.",
    )
    referral_count = fields.Integer(compute="_compute_referral_count", string="Referrals")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("churn_signal_codes")
    @api.depends_context("lang")
    def _compute_churn_signals(self):
        labels = self._kam_churn_labels()
        for account in self:
            codes = [c for c in (account.churn_signal_codes or "").split(",") if c]
            account.churn_signals = "\n".join(labels[c][0] for c in codes if c in labels) or False

    def _compute_referral_count(self):
        counts = {
            (partner, company): count
            for partner, company, count in self._read_group(
                [
                    ("referred_by_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ],
                ["referred_by_id", "company_id"],
                ["__count"],
            )
        }
        for account in self:
            account.referral_count = counts.get((account.partner_id, account.company_id), 0)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_churn_labels(self):
        """{signal: (what it says, the win-back plan that goes with it)} in the reader's
        language."""
        return {
            "revenue_down": (
                self.env._("Revenue down on the same period last year."),
                self.env._(
                    "Win back: visit the decision maker, find out where the volume went "
                    "(their market, a competitor, our service) and agree on a recovery plan."
                ),
            ),
            "value_dropped": (
                self.env._("Value class or tier dropped."),
                self.env._(
                    "Win back: review the account plan with the team, check whether a "
                    "competitor took a product line, and propose a joint growth target."
                ),
            ),
            "share_down": (
                self.env._("Wallet share down on a year ago."),
                self.env._(
                    "Win back: ask the coach who is getting the share we lost and why; prepare "
                    "an offer on the lines we lost."
                ),
            ),
            "order_overdue": (
                self.env._("No order for longer than the customer's usual interval."),
                self.env._(
                    "Win back: call the purchaser this week: stock level, upcoming projects, "
                    "anything that stopped the usual order."
                ),
            ),
            "open_complaints": (
                self.env._("Open complaints."),
                self.env._(
                    "Win back: close the complaints first; tell the customer what was done and "
                    "ask whether they are satisfied."
                ),
            ),
            "satisfied_leaving": (
                self.env._(
                    "Satisfied but leaving: a good survey, yet the share falls or a competitor "
                    "offers cheaper."
                ),
                self.env._(
                    "Win back: satisfied is not loyal. Meet the decision maker about value, not "
                    "price: service, total cost, the relationship; counter the cheaper offer "
                    "where it matters."
                ),
            ),
        }

    @api.model
    def _cron_kam_churn_signals(self):
        """Nightly: churn signals, repeat purchase and share trend of every account, one
        company at a time; each new signal gives the account manager a to-do with its win-back
        plan."""
        companies = self.env["res.company"].sudo().search([])
        results = jobs.each_company(
            companies,
            lambda company: clock.company_env(self, company)._kam_refresh_churn(company),
            "Churn signals",
        )
        changed = sum(r[0] for r in results)
        scheduled = sum(r[1] for r in results)
        _logger.info("Churn signals: %s accounts changed, %s to-dos", changed, scheduled)
        self.env["ir.cron"]._notify_progress(done=changed, remaining=0)

    @api.model
    def _kam_refresh_churn(self, company, today=None):
        """One company's churn signals: one pass over two years of orders and one query for
        each other source, the rules in Python, a bulk write of the accounts that changed.
        Returns (accounts changed, to-dos scheduled)."""
        today = today or fields.Date.context_today(self)
        facts = self._kam_churn_facts(company, today)
        # Read once: a field read per account costs as much as the rules themselves.
        thresholds = (
            company.kam_churn_drop,
            company.kam_churn_share_drop,
            company.kam_churn_overdue_factor,
        )
        changes, todos = [], []
        for account_id, (old_codes, manager_id, old_rate, old_trend, fact, months) in facts.items():
            codes = rules.churn_signals(fact, today, *thresholds)
            rate = round(rules.repeat_rate(months), 4)
            trend = round(
                rules.wallet_share(fact.revenue_12m or 0.0, fact.potential)
                - rules.wallet_share(fact.revenue_prior_12m or 0.0, fact.potential),
                4,
            )
            text = ",".join(codes)
            if text != (old_codes or "") or rate != old_rate or trend != old_trend:
                changes.append((account_id, text, bool(codes), rate, trend))
            new = set(codes) - set((old_codes or "").split(","))
            if new and manager_id:
                todos.append((account_id, manager_id, [c for c in codes if c in new]))
        bulk.update(
            self,
            CHURN_COLUMNS,
            [
                dict(zip(("id", *CHURN_COLUMNS), (i, text or None, *rest), strict=True))
                for i, text, *rest in changes
            ],
            {"signals_date": fields.Datetime.now()},
        )
        self._kam_schedule_win_back(todos, today)
        return len(changes), len(todos)

    @api.model
    def _kam_churn_facts(self, company, today):
        """{account id: (old codes, manager id, old repeat rate, old share trend, ChurnFacts,
        months with an order in the last twelve)} of a company's accounts."""
        cr = self.env.cr
        self.env.flush_all()
        window_start = today - relativedelta(days=company.kam_churn_window_days)
        year_ago = today - relativedelta(years=1)
        cr.execute(
            SQL(
                """
                WITH sales AS (%(sales)s)
                SELECT cp,
                       SUM(revenue) FILTER (WHERE day >= %(window_start)s),
                       SUM(revenue) FILTER (WHERE day >= %(window_start_ly)s
                                              AND day <= %(year_ago)s),
                       SUM(revenue) FILTER (WHERE day >= %(year_ago)s),
                       SUM(revenue) FILTER (WHERE day < %(year_ago)s),
                       COUNT(*) FILTER (WHERE purchase), MIN(day) FILTER (WHERE purchase),
                       MAX(day) FILTER (WHERE purchase),
                       COUNT(DISTINCT date_trunc('month', day))
                           FILTER (WHERE purchase AND day >= %(year_ago)s)
                  FROM sales
              GROUP BY cp
                """,
                # Revenue as the company counts it, the re-tiering's and the plans' (two years
                # back and everything since: an order dated ahead counts as it always did).
                sales=self._kam_sales_documents(
                    company,
                    clock.utc_bounds(
                        today - relativedelta(years=2), today, clock.company_tz(company)
                    )[0],
                    datetime.max,
                ),
                window_start=window_start,
                window_start_ly=window_start - relativedelta(years=1),
                year_ago=year_ago,
            )
        )
        orders = {row[0]: row[1:] for row in cr.fetchall()}
        cr.execute(
            SQL(
                """
                SELECT a.id, a.partner_id, a.churn_signal_codes, a.manager_id, a.repeat_rate,
                       a.share_trend, a.purchase_potential,
                       (SELECT COUNT(*) FROM kam_complaint c
                         WHERE c.partner_id = a.partner_id AND c.company_id = a.company_id
                           AND c.state IN ('new', 'responded')),
                       (SELECT s.score FROM kam_satisfaction_survey s
                         WHERE s.account_id = a.id ORDER BY s.date DESC, s.id DESC LIMIT 1),
                       EXISTS(SELECT 1 FROM kam_competitor_info ci
                               WHERE ci.partner_id = a.partner_id AND ci.company_id = a.company_id
                                 AND ci.cheaper_offer AND ci.date >= %(window_start)s)
                  FROM kam_account a
                 WHERE a.company_id = %(company)s
                """,
                company=company.id,
                window_start=window_start,
            )
        )
        accounts = cr.fetchall()
        cr.execute(
            SQL(
                """
                SELECT h.account_id, h.old_value_class, h.new_value_class, o.is_key_account,
                       n.is_key_account, o.sequence, n.sequence
                  FROM kam_tier_history h
                  JOIN kam_account a ON a.id = h.account_id
             LEFT JOIN kam_tier o ON o.id = h.old_tier_id
             LEFT JOIN kam_tier n ON n.id = h.new_tier_id
                 WHERE a.company_id = %(company)s AND h.date >= %(window_start)s
                   -- A new account's first tier has nothing before it: it can be no drop.
                   AND (h.old_value_class IS NOT NULL OR h.old_tier_id IS NOT NULL)
                """,
                company=company.id,
                window_start=window_start,
            )
        )
        dropped = {row[0] for row in cr.fetchall() if rules.value_dropped(*row[1:])}
        facts = {}
        for (
            account_id,
            partner_id,
            codes,
            manager_id,
            rate,
            trend,
            potential,
            complaints,
            survey,
            cheaper,
        ) in accounts:
            rev_window, rev_window_ly, rev_12m, rev_prior, count, first, last, months = orders.get(
                partner_id, (0, 0, 0, 0, 0, None, None, 0)
            )
            fact = rules.ChurnFacts(
                float(rev_window or 0),
                float(rev_window_ly or 0),
                float(rev_12m or 0),
                float(rev_prior or 0),
                float(potential or 0),
                count,
                first,
                last,
                account_id in dropped,
                complaints,
                survey,
                cheaper,
            )
            facts[account_id] = (codes, manager_id, rate, trend, fact, months or 0)
        return facts

    @api.model
    def _kam_schedule_win_back(self, todos, today):
        """One to-do per new signal for the account manager, with the signal's win-back plan,
        in the manager's language; created together."""
        if not todos:
            return
        users = self.env["res.users"].browse({user for _a, user, _c in todos})
        labels = {
            user.id: self.with_context(lang=user.lang or self.env.lang)._kam_churn_labels()
            for user in users
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        # A night's churn watch is the managers' list of to-dos, not one mail each.
        jobs.create_activities(
            self.env,
            [
                {
                    "res_model_id": model_id,
                    "res_id": account_id,
                    "activity_type_id": todo_type.id,
                    "user_id": user_id,
                    "date_deadline": today,
                    "summary": labels[user_id][code][0],
                    "note": plaintext2html(labels[user_id][code][1]),
                    "automated": True,
                }
                for account_id, user_id, codes in todos
                for code in codes
            ],
        )
