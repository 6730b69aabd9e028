"""Re-tiering: the value of each key account over the period and the 80/20 classes it gives."""

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.b2b_base import bulk, clock
from odoo.tools import SQL

from .. import rules

_logger = logging.getLogger(__name__)

# The account columns the re-tiering writes, with their SQL types.
FIGURE_COLUMNS = {
    "revenue_12m": "numeric",
    "value_class": "varchar",
    "wallet_share": "float8",
    "quadrant": "varchar",
    "tier_id": "int",
    "is_key_account": "bool",
    "margin_12m": "numeric",
}
# What a key account the re-tiering creates starts with, besides its figures.
NEW_ACCOUNT = {
    "potential_score": 0,
    "purchase_potential": 0,
    "brand_influence": False,
    "government_influence": False,
    "tier_locked": False,
}
HISTORY_COLUMNS = {
    "account_id": "int",
    "partner_id": "int",
    "old_tier_id": "int",
    "new_tier_id": "int",
    "old_value_class": "varchar",
    "new_value_class": "varchar",
}


class KamAccount(models.Model):
    _inherit = "kam.account"

    @api.model
    def _kam_value_query(self, company, date_from, date_to):
        """Trailing revenue and gross margin per commercial partner, untaxed and in company
        currency: (commercial partner id, revenue, margin) rows."""
        # A line's cost at the product's current cost, in the product's unit of measure.
        unit_cost = SQL(
            """
            SELECT pp.id, lu.id AS uom_id,
                   COALESCE((pp.standard_price ->> %s)::numeric, 0) / lu.factor * pu.factor
                       AS cost
              FROM product_product pp
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom pu ON pu.id = pt.uom_id
              JOIN uom_uom lu ON lu.category_id = pu.category_id
            """,
            str(company.id),
        )
        if company.kam_revenue_source == "invoice":
            return SQL(
                """
                WITH documents AS MATERIALIZED (%(documents)s), costs AS (
                    SELECT d.cp, SUM(d.sign * l.quantity * c.cost) AS cost
                      FROM documents d
                      JOIN account_move_line l ON l.move_id = d.id AND l.display_type = 'product'
                      JOIN (%(unit_cost)s) c
                        ON c.id = l.product_id AND c.uom_id = l.product_uom_id
                  GROUP BY d.cp
                )
                SELECT d.cp, SUM(d.revenue), SUM(d.revenue) - COALESCE(MAX(c.cost), 0)
                  FROM documents d LEFT JOIN costs c ON c.cp = d.cp
              GROUP BY d.cp
                """,
                documents=self._kam_sales_documents(company, date_from, date_to),
                unit_cost=unit_cost,
            )
        if "margin" in self.env["sale.order.line"]._fields:
            # Odoo's Margins app keeps each line's margin at the cost of its day.
            margins = SQL("SUM(COALESCE(sol.margin, 0) / d.rate)")
        else:
            margins = SQL(
                "SUM(sol.price_subtotal / d.rate - sol.product_uom_qty * COALESCE(c.cost, 0))"
            )
        return SQL(
            """
            WITH documents AS MATERIALIZED (%(documents)s), lines AS (
                SELECT d.cp, %(margins)s AS margin
                  FROM documents d
                  JOIN sale_order_line sol ON sol.order_id = d.id AND sol.display_type IS NULL
             LEFT JOIN (%(unit_cost)s) c
                    ON c.id = sol.product_id AND c.uom_id = sol.product_uom
              GROUP BY d.cp
            )
            SELECT d.cp, SUM(d.revenue), COALESCE(MAX(l.margin), 0)
              FROM documents d LEFT JOIN lines l ON l.cp = d.cp
          GROUP BY d.cp
            """,
            documents=self._kam_sales_documents(company, date_from, date_to),
            margins=margins,
            unit_cost=unit_cost,
        )

    @api.model
    def _kam_sales_documents(self, company, date_from, date_to):
        """The one definition of a key account's sales, as the company counts revenue
        (kam_revenue_source): its posted invoices and credit notes by invoice date, or its
        confirmed orders by order date, from ``date_from`` to ``date_to`` (UTC datetimes, both
        included, read as the company's days for invoices). A row each: id, cp (the customer),
        day (the company's day: an invoice's date, an order's local date), revenue (untaxed,
        company currency), rate (an order's currency rate), sign (-1 for a credit note) and
        purchase (an invoice or an order, not a credit note). The re-tiering, the
        offense/defense plans and the churn watch all read these."""
        tz = clock.company_tz(company)
        if company.kam_revenue_source == "invoice":
            return SQL(
                """
                SELECT m.id, m.commercial_partner_id AS cp, m.invoice_date AS day,
                       m.amount_untaxed_signed AS revenue, 1 AS rate,
                       CASE WHEN m.move_type = 'out_refund' THEN -1 ELSE 1 END AS sign,
                       m.move_type = 'out_invoice' AS purchase
                  FROM account_move m
                 WHERE m.company_id = %(company)s AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.invoice_date >= %(date_from)s AND m.invoice_date <= %(date_to)s
                """,
                company=company.id,
                date_from=clock.local_date(date_from, tz),
                date_to=clock.local_date(date_to, tz),
            )
        return SQL(
            """
            SELECT so.id, p.commercial_partner_id AS cp,
                   %(day)s AS day,
                   so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS revenue,
                   COALESCE(NULLIF(so.currency_rate, 0), 1) AS rate, 1 AS sign, TRUE AS purchase
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.company_id = %(company)s AND so.state = 'sale'
               AND so.date_order >= %(date_from)s AND so.date_order <= %(date_to)s
            """,
            company=company.id,
            day=clock.local_day_sql(SQL("so.date_order"), tz),
            date_from=date_from,
            date_to=date_to,
        )

    @api.model
    def _kam_recompute_company(self, company, partner_ids=None, limit=None):
        """Re-tier one company set-wise: one aggregate query, the rules in Python, then bulk
        writes of the accounts that changed only (with a history row when the tier or the
        value class changed). Classes are always ranked over the whole company.

        :param partner_ids: restrict the writes to these commercial partners (None: all)
        :param limit: write at most this many changed accounts
        :return: (accounts written, changed accounts left for a later call)
        """
        cr = self.env.cr
        self.env.flush_all()
        now = fields.Datetime.now()
        cr.execute(self._kam_value_query(company, now - relativedelta(years=1), now))
        revenues, margins = {}, {}
        for pid, rev, margin in cr.fetchall():
            if rules.finite_number(rev) and rules.finite_number(margin):
                revenues[pid], margins[pid] = float(rev or 0.0), float(margin or 0.0)
            else:  # a NaN order amount must not rank (or break) the whole company
                _logger.warning("Re-tiering: partner %s has revenue %s, counted as 0", pid, rev)
        classes = rules.pareto_classes(
            margins if company.kam_value_basis == "margin" else revenues,
            company.kam_class_a_threshold,
            company.kam_class_b_threshold,
        )
        tiers = self.env["kam.tier"].sudo().search([("company_id", "=", company.id)])
        tier_rules = [tier._as_rule() for tier in tiers]
        key_tiers = set(tiers.filtered("is_key_account").ids)
        cr.execute(
            SQL(
                """
                SELECT partner_id, id, revenue_12m, value_class, wallet_share, quadrant, tier_id,
                       tier_locked, potential_score, brand_influence, government_influence,
                       purchase_potential, margin_12m
                  FROM kam_account WHERE company_id = %s
                """,
                company.id,
            )
        )
        accounts = {row[0]: row[1:] for row in cr.fetchall()}
        candidates = revenues.keys() | accounts.keys()
        if partner_ids is not None:
            candidates &= set(partner_ids)

        changes = []
        for pid in sorted(candidates):
            revenue = round(revenues.get(pid, 0.0), 2)
            margin = round(margins.get(pid, 0.0), 2)
            old = accounts.get(pid)
            if old:
                _id, old_rev, old_class, old_share, old_quad, old_tier, locked = old[:7]
                score, brand, gov, potential, old_margin = old[7:]
            else:
                old_rev = old_class = old_share = old_quad = old_tier = old_margin = None
                locked, score, brand, gov, potential = False, 0, False, False, 0.0
            potential = float(potential or 0.0)
            value_class = classes.get(pid, "c")
            share = rules.wallet_share(revenue, potential)
            quad = (
                rules.quadrant(
                    potential, share, company.kam_potential_threshold, company.kam_share_threshold
                )
                or None
            )
            tier = (
                old_tier
                if locked
                else (rules.match_tier(tier_rules, value_class, score, brand, gov) or None)
            )
            if (
                old is None
                or abs(float(old_rev or 0) - revenue) >= 0.005
                or abs(float(old_margin or 0) - margin) >= 0.005
                or old_class != value_class
                or abs((old_share or 0.0) - share) > rules.EPSILON
                or old_quad != quad
                or old_tier != tier
            ):
                changes.append(
                    (
                        pid,
                        old and old[0],
                        revenue,
                        value_class,
                        share,
                        quad,
                        tier,
                        tier in key_tiers,
                        old_tier,
                        old_class,
                        margin,
                    )
                )
        todo = changes if limit is None else changes[:limit]
        self._kam_write_changes(company, todo, now)
        return len(todo), len(changes) - len(todo)

    @api.model
    def _kam_write_changes(self, company, changes, now):
        """Bulk-write re-tiering results: the new accounts, the changed ones and the history
        of those whose tier or value class moved (each change: partner, account or None,
        revenue, value class, share, quadrant, tier, key account, old tier, old class, margin).
        """
        stamp = {"create_uid": self.env.uid, "create_date": now}
        stamp.update(write_uid=self.env.uid, write_date=now)
        figures = [
            {
                "revenue_12m": c[2],
                "value_class": c[3],
                "wallet_share": c[4],
                "quadrant": c[5],
                "tier_id": c[6],
                "is_key_account": c[7],
                "margin_12m": c[10],
            }
            for c in changes
        ]
        new = [(c, row) for c, row in zip(changes, figures, strict=True) if not c[1]]
        self.env.cr.execute(
            SQL(
                "SELECT id, user_id FROM res_partner WHERE id = ANY(%s)",
                [c[0] for c, _row in new],
            )
        )
        salespeople = dict(self.env.cr.fetchall())
        created = bulk.insert(
            self,
            {"partner_id": "int", "manager_id": "int", **FIGURE_COLUMNS},
            [{"partner_id": c[0], "manager_id": salespeople[c[0]], **row} for c, row in new],
            {"company_id": company.id, "scored_date": now, **NEW_ACCOUNT, **stamp},
            returning=["partner_id", "id"],
        )
        ids = {c[0]: c[1] for c in changes if c[1]} | dict(created)
        bulk.update(
            self,
            FIGURE_COLUMNS,
            [{"id": c[1], **row} for c, row in zip(changes, figures, strict=True) if c[1]],
            {"scored_date": now, "write_uid": self.env.uid, "write_date": now},
        )
        bulk.insert(
            self.env["kam.tier.history"],
            HISTORY_COLUMNS,
            [
                {
                    "account_id": ids[c[0]],
                    "partner_id": c[0],
                    "old_tier_id": c[8],
                    "new_tier_id": c[6],
                    "old_value_class": c[9],
                    "new_value_class": c[3],
                }
                for c in changes
                if c[6] != c[8] or c[3] != c[9]
            ],
            {"company_id": company.id, "date": now, "reason": "auto", "user_id": self.env.uid}
            | stamp,
        )
