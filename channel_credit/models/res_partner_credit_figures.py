"""The credit figures read set-wise on partners: exposure, overdue, the suggested limit."""

import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount

from .. import rules
from ..const import (
    CREDIT_READERS,
    FIGURE_READERS,
    SUGGESTION_DAYS,
    SUGGESTION_MONTHS,
)
from ..rules import NO_FIGURES

EXPOSURE_FIGURES = (
    "channel_effective_limit",
    "channel_exposure_receivable",
    "channel_exposure_draft",
    "channel_exposure_orders",
    "channel_credit_exposure",
    "channel_credit_available",
)


def _figure(compute, string):
    """A credit figure in company currency, computed set-wise when read. A Float rounded in
    SQL rather than a Monetary: Monetary rounds every assigned value through a currency
    lookup, which dominated the cost of reading thousands of partners. Views show it with
    the monetary widget and channel_currency_id."""
    return fields.Float(compute=compute, string=string, groups=CREDIT_READERS)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Figures read set-wise when displayed: never stored on the partner row.
    channel_currency_id = fields.Many2one("res.currency", compute="_compute_channel_currency_id")
    channel_effective_limit = _figure("_compute_channel_credit", "Effective Limit")
    channel_exposure_receivable = _figure("_compute_channel_credit", "Open Receivables")
    channel_exposure_draft = _figure("_compute_channel_credit", "Draft Invoices")
    channel_exposure_orders = _figure("_compute_channel_credit", "Uninvoiced Orders")
    channel_credit_exposure = _figure("_compute_channel_credit", "Credit Exposure")
    channel_credit_available = _figure("_compute_channel_credit", "Available Credit")
    channel_overdue_amount = _figure("_compute_channel_overdue", "Overdue Amount")
    channel_max_overdue_days_actual = fields.Integer(
        compute="_compute_channel_overdue", string="Days Overdue (Oldest)", groups=CREDIT_READERS
    )
    channel_allowed_overdue_days = fields.Integer(
        compute="_compute_channel_allowed_overdue",
        string="Days Overdue Allowed",
        groups=CREDIT_READERS,
        help="Overdue longer than this holds the distributor: its own maximum, or the dunning "
        "ladder's hold step when that comes first.",
    )
    channel_allowed_overdue_basis = fields.Char(
        compute="_compute_channel_allowed_overdue", string="Which Rule", groups=CREDIT_READERS
    )
    channel_financing_cost = _figure("_compute_channel_overdue", "Financing Cost since Due Dates")
    channel_overdue_net_profit = _figure(
        "_compute_channel_overdue", "Net Profit of Overdue Sales (Untaxed)"
    )
    channel_sales_to_recover_overdue = _figure(
        "_compute_channel_overdue", "Sales to Recover if Lost"
    )
    channel_suggested_limit = _figure("_compute_channel_suggested_limit", "Suggested Limit")
    channel_has_suggested_limit = fields.Boolean(
        compute="_compute_channel_suggested_limit", groups=CREDIT_READERS
    )
    channel_suggested_limit_basis = fields.Char(
        compute="_compute_channel_suggested_limit",
        string="How It Is Calculated",
        groups=CREDIT_READERS,
    )
    channel_figures_visible = fields.Boolean(
        string="Credit Figures Visible", compute="_compute_channel_figures_visible"
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("channel_max_overdue_days")
    @api.depends_context("company", "lang")
    def _compute_channel_allowed_overdue(self):
        cap = self.env.company._channel_ladder_cap()
        for partner in self:
            commercial = partner.commercial_partner_id
            days, basis = rules.allowed_overdue_days(commercial.channel_max_overdue_days, cap)
            partner.channel_allowed_overdue_days = days
            partner.channel_allowed_overdue_basis = (
                self.env._("the dunning ladder's hold step (day %(day)s)", day=cap + 1)
                if basis == "ladder"
                else self.env._("this distributor's maximum")
            )

    @api.depends_context("company")
    def _compute_channel_currency_id(self):
        self.channel_currency_id = self.env.company.currency_id

    @api.depends_context("company", "uid")
    def _compute_channel_credit(self):
        company = self.env.company
        hidden = self._channel_figures_hidden()
        figures = (self - hidden)._channel_credit_figures(company)
        limits = self.commercial_partner_id._channel_effective_limits(
            fields.Date.context_today(self)
        )
        digits = company.currency_id.decimal_places
        columns = {name: [] for name in EXPOSURE_FIGURES}
        for partner in self:
            fig = figures.get(partner.commercial_partner_id.id, NO_FIGURES)
            exposure = fig.exposure
            limit = 0.0 if partner in hidden else limits[partner.commercial_partner_id.id]
            for name, value in zip(
                EXPOSURE_FIGURES,
                (limit, fig.receivable, fig.draft, fig.orders, exposure, limit - exposure),
                strict=True,
            ):
                columns[name].append(round(value, digits))
        # Lists show these for thousands of partners: fill the cache a column at a time (plain
        # rounded floats, what assigning each record would store) instead of 6 x N assignments.
        for name, values in columns.items():
            self.env.cache.update(self, self._fields[name], values)

    @api.depends_context("company", "uid")
    def _compute_channel_overdue(self):
        company = self.env.company
        visible = self - self._channel_figures_hidden()
        figures = visible._channel_credit_figures(company)
        untaxed = visible._channel_overdue_untaxed(company)
        today = fields.Date.context_today(self)
        digits = company.currency_id.decimal_places
        for partner in self:
            fig = figures.get(partner.commercial_partner_id.id, NO_FIGURES)
            margin = partner.commercial_partner_id._channel_net_margin()
            partner.channel_overdue_amount = round(fig.overdue, digits)
            partner.channel_max_overdue_days_actual = fig.days_overdue(today)
            partner.channel_financing_cost = round(
                rules.financing_cost_of_amount_days(
                    fig.overdue_amount_days, company.channel_interest_rate
                ),
                digits,
            )
            # The margin is earned on the untaxed sale, not on the tax it carries.
            partner.channel_overdue_net_profit = round(
                untaxed.get(partner.commercial_partner_id.id, 0.0) * margin, digits
            )
            partner.channel_sales_to_recover_overdue = round(
                rules.sales_to_recover(fig.overdue, margin), digits
            )

    @api.depends_context("company", "uid")
    def _compute_channel_suggested_limit(self):
        company = self.env.company
        sales = self._channel_recent_sales(company)
        currency = company.currency_id
        hidden = self._channel_figures_hidden()
        for partner in self:
            commercial = partner.commercial_partner_id
            invoiced, ordered = sales[commercial.id] if partner not in hidden else (0.0, 0.0)
            monthly = rules.monthly_sales(invoiced, SUGGESTION_MONTHS, ordered)
            term = commercial.channel_credit_term_days
            factor = company._channel_grade_factor(commercial.channel_credit_grade)
            suggestion = rules.suggested_limit(monthly, term, factor)
            partner.channel_has_suggested_limit = suggestion is not None
            partner.channel_suggested_limit = currency.round(suggestion or 0.0)
            partner.channel_suggested_limit_basis = suggestion is not None and self.env._(
                "Average monthly sales %(monthly)s (the larger of %(ordered)s ordered and "
                "%(invoiced)s invoiced in the last six months) x %(term)s/30 days of credit term "
                "x %(factor)s for the credit grade = %(suggestion)s",
                monthly=format_amount(self.env, monthly, currency),
                ordered=format_amount(self.env, ordered, currency),
                invoiced=format_amount(self.env, invoiced, currency),
                term=term,
                factor=factor,
                suggestion=format_amount(self.env, suggestion, currency),
            )

    @api.depends_context("uid")
    def _compute_channel_figures_visible(self):
        hidden = self._channel_figures_hidden()
        for partner in self:
            partner.channel_figures_visible = partner not in hidden

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_channel_review_suggested_limit(self):
        """Show the change (old → new) before a Credit Manager applies it."""
        self.ensure_one()
        self._channel_check_suggestion()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Apply the Suggested Limit"),
            "res_model": "channel.credit.limit.apply",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_channel_apply_suggested_limit(self):
        self._channel_check_suggestion()
        currency = self.env.company.currency_id
        for partner in self:
            old, new = partner.credit_limit, partner.channel_suggested_limit
            partner.credit_limit = new
            partner.message_post(
                body=self.env._(
                    "Credit limit set to the suggestion: %(old)s → %(new)s.",
                    old=format_amount(self.env, old, currency),
                    new=format_amount(self.env, new, currency),
                )
            )
        return True

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_overdue_untaxed(self, company):
        """{commercial partner id: the untaxed part of what is overdue} in ``company``: each
        overdue receivable at its invoice's untaxed share. One query for the set."""
        ids = list(set(self.commercial_partner_id.ids))
        if not ids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       SUM(l.amount_residual * COALESCE(
                           m.amount_untaxed_signed / NULLIF(m.amount_total_signed, 0), 1))
                  FROM account_move_line l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN account_account a ON a.id = l.account_id
                  JOIN account_move m ON m.id = l.move_id
                 WHERE p.commercial_partner_id = ANY(%(ids)s) AND l.company_id = %(company)s
                   AND a.account_type = 'asset_receivable' AND l.parent_state = 'posted'
                   AND l.reconciled IS NOT TRUE AND l.date_maturity < %(today)s
              GROUP BY p.commercial_partner_id
                """,
                ids=ids,
                company=company.id,
                today=fields.Date.context_today(self),
            )
        )
        return {pid: float(amount or 0.0) for pid, amount in self.env.cr.fetchall()}

    def _channel_recent_sales(self, company):
        """{commercial partner id: (invoiced, ordered)} over the last six months in
        ``company``, in its currency, read in one query."""
        since = fields.Date.context_today(self) - timedelta(days=SUGGESTION_DAYS)
        # What was ordered counts, not only what was invoiced: a distributor's invoices are
        # capped by its own limit, its orders show what it would buy.
        self.env.cr.execute(
            SQL(
                """
                WITH invoiced AS (
                    SELECT m.commercial_partner_id AS cp, SUM(m.amount_total_signed) AS amount
                      FROM account_move m
                     WHERE m.commercial_partner_id = ANY(%(ids)s) AND m.company_id = %(company)s
                       AND m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
                       AND m.invoice_date >= %(since)s
                  GROUP BY m.commercial_partner_id
                ), ordered AS (
                    SELECT p.commercial_partner_id AS cp,
                           SUM(so.amount_total / COALESCE(NULLIF(so.currency_rate, 0), 1))
                               AS amount
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE p.commercial_partner_id = ANY(%(ids)s) AND so.company_id = %(company)s
                       AND so.state = 'sale' AND so.date_order >= %(since)s
                  GROUP BY p.commercial_partner_id
                )
                SELECT t.id, i.amount, o.amount
                  FROM unnest(%(ids)s::int[]) AS t(id)
             LEFT JOIN invoiced i ON i.cp = t.id
             LEFT JOIN ordered o ON o.cp = t.id
                """,
                ids=list(set(self.commercial_partner_id.ids)),
                company=company.id,
                since=since,
            )
        )
        return {
            pid: (float(invoiced or 0.0), float(ordered or 0.0))
            for pid, invoiced, ordered in self.env.cr.fetchall()
        }

    def _channel_figures_hidden(self):
        """The partners among these whose credit figures (receivables, overdue, exposure,
        limits) the current user may not read: they are the distributor's salesperson's, sales
        managers', Credit Managers' and accounting's; another rep sees none."""
        user = self.env.user
        if self.env.su or any(user.has_group(group) for group in FIGURE_READERS):
            return self.browse()
        return self.filtered(lambda p: p.commercial_partner_id.sudo().user_id != user)

    def channel_sales_to_recover(self, loss, margin=None):
        """Extra sales needed to earn back ``loss`` at ``margin`` (default: this partner's
        net margin override, else the company's)."""
        self.ensure_one()
        margin = margin if margin is not None else self.commercial_partner_id._channel_net_margin()
        return rules.sales_to_recover(loss, margin)

    def _channel_check_suggestion(self):
        self._channel_check_credit_manager()
        if not all(self.mapped("channel_has_suggested_limit")):
            raise UserError(
                self.env._(
                    "There is no suggested limit: the distributor has no sales in the last six "
                    "months. Set the limit from a credit review instead."
                )
            )

    def _channel_effective_limits(self, today):
        """{partner id: base limit + unexpired temporary limit}, read in one query."""
        # credit_limit is restricted to invoicing groups; the limit itself is credit status
        # that salespeople may see.
        profiles = self.sudo()
        profiles.fetch(["credit_limit", "channel_temp_limit", "channel_temp_limit_until"])
        return {
            p.id: rules.effective_limit(
                p.credit_limit, p.channel_temp_limit, p.channel_temp_limit_until, today
            )
            for p in profiles
        }

    def _channel_net_margin(self):
        self.ensure_one()
        return self.channel_net_margin or self.env.company.channel_net_margin

    def _channel_credit_figures(self, company, exclude_orders=None, overdue_only=False):
        """Exposure components of these partners' commercial entities (with all their contacts)
        in ``company``, in company currency: one query for the whole set. An order counts for
        each commercial entity among its customer and its invoice address (whoever pays);
        ``exclude_orders`` are left out (the gate adds what they owe itself). With
        ``overdue_only``, only overdue receivables are read (the other figures count 0): all
        that the daily job's holds and dunning need.

        :return: {commercial partner id: CreditFigures}
        """
        self.env.flush_all()
        self.fetch(["commercial_partner_id"])  # not every res.partner column, as prefetch would
        ids = list(set(self.commercial_partner_id.ids))
        if not ids:
            return {}
        today = fields.Date.context_today(self)
        receivables = SQL(
            """
            members AS MATERIALIZED (
                SELECT id, commercial_partner_id AS cp FROM res_partner
                 WHERE commercial_partner_id = ANY(%(ids)s)
            ), receivable AS (
                -- Shaped for account_move_line__unreconciled_index (account, partner).
                SELECT m.cp,
                       SUM(l.amount_residual) AS open,
                       SUM(l.amount_residual) FILTER (WHERE l.date_maturity < %(today)s) AS overdue,
                       MIN(l.date_maturity)
                           FILTER (WHERE l.date_maturity < %(today)s AND l.amount_residual > 0)
                           AS oldest_due,
                       SUM(l.amount_residual * (%(today)s - l.date_maturity))
                           FILTER (WHERE l.date_maturity < %(today)s AND l.amount_residual > 0)
                           AS amount_days
                  FROM account_move_line l
                  JOIN members m ON m.id = l.partner_id
                 WHERE l.account_id = ANY(ARRAY(
                           SELECT id FROM account_account WHERE account_type = 'asset_receivable'))
                   AND l.partner_id = ANY(ARRAY(SELECT id FROM members))
                   AND l.reconciled IS NOT TRUE AND l.parent_state = 'posted'
                   AND l.company_id = %(company)s %(overdue)s
              GROUP BY m.cp
            )
            """,
            ids=ids,
            company=company.id,
            today=today,
            overdue=SQL("AND l.date_maturity < %s", today) if overdue_only else SQL(),
        )
        if overdue_only:
            query = SQL(
                """
            WITH %(receivables)s
            SELECT p.id, 0, 0, 0, r.overdue, r.oldest_due, r.amount_days
              FROM unnest(%(ids)s::int[]) AS p(id)
         LEFT JOIN receivable r ON r.cp = p.id
                """,
                receivables=receivables,
                ids=ids,
            )
        else:
            query = SQL(
                """
            WITH %(receivables)s, draft AS (
                SELECT m.cp, SUM(mv.amount_total_signed) AS amount
                  FROM account_move mv
                  JOIN members m ON m.id = mv.partner_id
                 WHERE mv.partner_id = ANY(ARRAY(SELECT id FROM members))
                   AND mv.company_id = %(company)s
                   -- A draft credit note (or a negative draft invoice) lowers nothing until
                   -- it is posted.
                   AND mv.state = 'draft' AND mv.move_type IN ('out_invoice', 'out_receipt')
                   AND mv.amount_total_signed > 0
              GROUP BY m.cp
            ), payer_orders AS MATERIALIZED (
                SELECT so.id, so.currency_id, m.cp
                  FROM sale_order so JOIN members m ON m.id = so.partner_id
                 WHERE so.partner_id = ANY(ARRAY(SELECT id FROM members))
                   AND so.company_id = %(company)s AND so.state = 'sale'
                   AND so.id != ALL(%(exclude)s::int[])
                 UNION ALL
                -- Billed to one of them for another customer: counts for the payer too.
                SELECT so.id, so.currency_id, m.cp
                  FROM sale_order so
                  JOIN members m ON m.id = so.partner_invoice_id
                  JOIN res_partner customer ON customer.id = so.partner_id
                 WHERE so.partner_invoice_id = ANY(ARRAY(SELECT id FROM members))
                   AND so.partner_invoice_id != so.partner_id AND so.state = 'sale'
                   AND so.company_id = %(company)s AND customer.commercial_partner_id != m.cp
                   AND so.id != ALL(%(exclude)s::int[])
            ), order_lines AS MATERIALIZED (
                -- Ordered but not invoiced yet (delivered or not), taxes included, at today's
                -- rate.
                SELECT so.id, so.cp,
                       GREATEST(sol.product_uom_qty - sol.qty_invoiced, 0)
                       / sol.product_uom_qty * sol.price_total
                       / COALESCE((%(rates)s::jsonb ->> so.currency_id::text)::numeric, 1)
                       AS amount
                  FROM payer_orders so
                  JOIN sale_order_line sol ON sol.order_id = so.id
                 WHERE sol.display_type IS NULL AND sol.product_uom_qty > 0
            ), negative_orders AS (
                -- An order never owes less than nothing, so none offsets another: give back
                -- what the orders with a negative total took off (only those with a
                -- negative line can have one).
                SELECT cp, SUM(total) AS amount
                  FROM (SELECT id, cp, SUM(amount) AS total FROM order_lines
                         WHERE id IN (SELECT id FROM order_lines WHERE amount < 0)
                      GROUP BY id, cp) t
                 WHERE total < 0
              GROUP BY cp
            ), orders AS (
                SELECT l.cp, SUM(l.amount) - COALESCE(MAX(n.amount), 0) AS amount
                  FROM order_lines l LEFT JOIN negative_orders n ON n.cp = l.cp
              GROUP BY l.cp
            )
            SELECT p.id, r.open, d.amount, o.amount, r.overdue, r.oldest_due, r.amount_days
              FROM unnest(%(ids)s::int[]) AS p(id)
         LEFT JOIN receivable r ON r.cp = p.id
         LEFT JOIN draft d ON d.cp = p.id
         LEFT JOIN orders o ON o.cp = p.id
                """,
                receivables=receivables,
                ids=ids,
                company=company.id,
                exclude=exclude_orders.ids if exclude_orders else [],
                rates=json.dumps(self._channel_currency_rates(company)),
            )
        self.env.cr.execute(query)
        return {
            pid: rules.CreditFigures(
                float(recv or 0.0),
                float(draft or 0.0),
                float(orders or 0.0),
                float(overdue or 0.0),
                oldest,
                float(amount_days or 0.0),
            )
            for pid, recv, draft, orders, overdue, oldest, amount_days in self.env.cr.fetchall()
        }

    @api.model
    def _channel_currency_rates(self, company):
        """{currency id: units per unit of the company's currency today}: orders count at
        today's rate, not at the stored rate of their order date."""
        today = fields.Date.context_today(self)
        currencies = self.env["res.currency"].sudo().search([])
        rates = currencies._get_rates(company, today)
        base = rates.get(company.currency_id.id) or 1.0
        return {str(currency_id): rate / base for currency_id, rate in rates.items() if rate}
