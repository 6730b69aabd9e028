from odoo import api, fields, models
from odoo.tools import SQL

from ..const import AGING_BUCKETS

MIN_AGE, MAX_AGE = -(2**31), 2**31 - 1


class ChannelCreditAging(models.Model):
    """Open receivables by age as of a date (context key ``channel_aging_date``, default
    today): one row per credit-controlled distributor (commercial entity) and company, net of
    unreconciled payments and credit notes, so the buckets add up to its open receivables."""

    _name = "channel.credit.aging"
    _description = "Receivables Aging"
    _auto = False
    _order = "total desc, id"
    # Flushed before each search, so the report sees what was just posted or reconciled.
    _depends = {
        "account.move.line": [
            "account_id",
            "balance",
            "company_id",
            "date",
            "date_maturity",
            "parent_state",
            "partner_id",
        ],
        "account.partial.reconcile": ["amount", "credit_move_id", "debit_move_id", "max_date"],
        "res.partner": ["commercial_partner_id", "user_id"],
    }

    partner_id = fields.Many2one("res.partner", string="Distributor", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_current = fields.Monetary(string="Current", readonly=True)
    amount_1_30 = fields.Monetary(string="1-30 Days", readonly=True)
    amount_31_60 = fields.Monetary(string="31-60 Days", readonly=True)
    amount_61_90 = fields.Monetary(string="61-90 Days", readonly=True)
    amount_over_90 = fields.Monetary(string="Over 90 Days", readonly=True)
    overdue = fields.Monetary(string="Overdue Amount", readonly=True)
    total = fields.Monetary(string="Open Receivables", readonly=True)

    @api.model
    def _aging_date(self):
        return fields.Date.to_date(self.env.context.get("channel_aging_date")) or (
            fields.Date.context_today(self)
        )

    @api.model
    def _controlled_partners(self):
        """A table of (company_id, partner_id): the commercial entities with a credit policy
        in each of the user's companies. The policy is per company and may come from a
        company default, so the ORM is asked; the rows are joined, not searched per line."""
        partners = self.env["res.partner"].sudo()
        company_ids, partner_ids = [], []
        for company in self.env.companies:
            ids = (
                partners.with_company(company)
                .search([("channel_credit_policy", "!=", False), ("is_company", "=", True)])
                .ids
            )
            company_ids += [company.id] * len(ids)
            partner_ids += ids
        return SQL(
            "SELECT * FROM unnest(%s::int[], %s::int[]) AS controlled(company_id, partner_id)",
            company_ids,
            partner_ids,
        )

    @property
    def _table_query(self):
        buckets = SQL(", ").join(
            SQL(
                "SUM(residual) FILTER (WHERE age >= %s AND age <= %s) AS %s",
                MIN_AGE if low is None else low,
                MAX_AGE if high is None else high,
                SQL.identifier(name),
            )
            for name, low, high in AGING_BUCKETS
        )
        # A line's residual as of the date: its balance less what was reconciled with it by
        # then (a partial counts from the later of its two lines' dates, as in Odoo).
        return SQL(
            """
            SELECT MIN(l.id) AS id, p.commercial_partner_id AS partner_id,
                   cp.user_id, l.company_id, c.currency_id, %(buckets)s,
                   SUM(residual) FILTER (WHERE age > 0) AS overdue,
                   SUM(residual) AS total
              FROM account_move_line l
              JOIN account_account a ON a.id = l.account_id
              JOIN res_partner p ON p.id = l.partner_id
              JOIN res_partner cp ON cp.id = p.commercial_partner_id
              JOIN res_company c ON c.id = l.company_id
              JOIN (%(controlled)s) ctl
                ON ctl.company_id = l.company_id AND ctl.partner_id = p.commercial_partner_id
              CROSS JOIN LATERAL (
                  SELECT %(date)s::date - COALESCE(l.date_maturity, l.date) AS age,
                         l.balance
                         - COALESCE((SELECT SUM(pr.amount) FROM account_partial_reconcile pr
                                      WHERE pr.debit_move_id = l.id
                                        AND pr.max_date <= %(date)s), 0)
                         + COALESCE((SELECT SUM(pr.amount) FROM account_partial_reconcile pr
                                      WHERE pr.credit_move_id = l.id
                                        AND pr.max_date <= %(date)s), 0) AS residual
              ) r
             WHERE l.parent_state = 'posted' AND a.account_type = 'asset_receivable'
               AND l.date <= %(date)s
               AND r.residual <> 0
          GROUP BY p.commercial_partner_id, cp.user_id, l.company_id, c.currency_id
            """,
            buckets=buckets,
            date=self._aging_date(),
            controlled=self._controlled_partners(),
        )
