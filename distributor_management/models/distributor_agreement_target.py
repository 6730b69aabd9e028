"""An agreement's targets (任务量): an amount per period, for a product line or all of them."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.b2b_base import money
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date

from .. import rules
from ..const import MANAGER_GROUP, REBATE_AGREEMENT_STATES


class DistributorAgreementTarget(models.Model):
    _name = "distributor.agreement.target"
    _description = "Agreement Target"
    _inherit = ["distributor.agreement.part"]
    _check_company_auto = True
    _order = "agreement_id, date_from, product_line_id, id"

    currency_id = fields.Many2one(related="agreement_id.currency_id")
    partner_id = fields.Many2one(
        related="agreement_id.partner_id", store=True, index=True, string="Distributor"
    )
    user_id = fields.Many2one(
        related="agreement_id.user_id", store=True, string="Market Representative"
    )
    state = fields.Selection(related="agreement_id.state", store=True, string="Agreement Status")
    product_line_id = fields.Many2one(
        "distributor.product.line",
        check_company=True,
        help="Empty: all the agreement's product lines together.",
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    amount = fields.Monetary(string="Target", required=True)
    # What the distributor bought and paid in the period, for the target's products
    sell_in = fields.Monetary(
        string="Sell-in",
        compute="_compute_figures",
        help="Invoiced to the distributor in the period, untaxed, less credit notes (进货).",
    )
    collected = fields.Monetary(
        compute="_compute_figures",
        help="Money the distributor paid in the period on its invoices, for the target's "
        "products (回款): payments and bank lines matched to the invoices, not credit notes.",
    )
    refunded = fields.Monetary(
        string="Paid Back",
        compute="_compute_figures",
        help="Money paid back to the distributor in the period on its credit notes, for the "
        "target's products (退款).",
    )
    rebate_base = fields.Monetary(
        string="Net Collected",
        compute="_compute_figures",
        help="Collected less paid back: what attainment and the rebate count.",
    )
    attainment = fields.Float(
        compute="_compute_figures",
        help="Net collected money over the target (达成率): money not collected earns nothing.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("agreement_id.name", "date_from", "date_to", "product_line_id")
    def _compute_display_name(self):
        for target in self:
            target.display_name = " · ".join(
                filter(
                    None,
                    [
                        target.agreement_id.name,
                        f"{format_date(self.env, target.date_from)} – "
                        f"{format_date(self.env, target.date_to)}",
                        target.product_line_id.name,
                    ],
                )
            )

    @api.depends("amount", "date_from", "date_to", "product_line_id", "agreement_id")
    @api.depends_context("uid")
    def _compute_figures(self):
        # A distributor's money is shown on a signed agreement's targets; on a draft, which
        # anyone may write for any company, to Channel Managers only.
        manager = self.env.su or self.env.user.has_group(MANAGER_GROUP)
        shown = self.filtered(lambda t: manager or t.agreement_id.state in REBATE_AGREEMENT_STATES)
        figures = shown._sell_in_and_collected()
        for target in self:
            sell_in, collected, refunded = figures.get(target._origin.id, (0.0, 0.0, 0.0))
            target.sell_in = sell_in
            target.collected = collected
            target.refunded = refunded
            target.rebate_base = rules.rebate_base(collected, refunded)
            target.attainment = rules.attainment(target.rebate_base, target.amount)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date_from", "date_to", "amount", "agreement_id", "product_line_id")
    def _check_target(self):
        for target in self:
            agreement = target.agreement_id
            if target.amount < 0:
                raise ValidationError(self.env._("A target cannot be negative."))
            if target.date_to < target.date_from:
                raise ValidationError(self.env._("A target's period cannot end before it starts."))
            if target.date_from < agreement.date_start or target.date_to > agreement.date_end:
                raise ValidationError(
                    self.env._("A target's period lies within its agreement's period.")
                )
            lines = agreement.product_line_ids
            if target.product_line_id and lines and target.product_line_id not in lines:
                raise ValidationError(
                    self.env._(
                        "%(line)s is not one of the agreement's product lines.",
                        line=target.product_line_id.display_name,
                    )
                )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _sell_in_and_collected(self):
        """{target id: (sell-in, collected, paid back)} in company currency, for the set in
        four queries.
        A target counts its product line, else its agreement's lines, else every product; a
        line counts the products of its categories and those within them. Collected money is
        b2b_base.money's, on the distributor's invoices in the period it was matched, each
        invoice's money shared among its lines in proportion to their totals; money paid back
        likewise, on its credit notes.

        The invoices' shares and the money are read apart and met here: joined in SQL, the
        planner misjudges both sides (collected money's conditions look rare to it) and
        loops one over the other, minutes for a list page on a large database."""
        ids = tuple(self._origin.ids)
        if not ids:
            return {}
        self.env.flush_all()
        cr = self.env.cr
        agreement_lines = self.env["distributor.agreement"]._fields["product_line_ids"]
        line_categories = self.env["distributor.product.line"]._fields["category_ids"]
        cr.execute(
            SQL(
                """
                WITH targets AS MATERIALIZED (
                    -- Each target with the product lines it counts (empty: every product)
                    -- and their categories' paths, before any invoice is read.
                    SELECT t.id, t.date_from, t.date_to, a.company_id,
                           -- The distributor is a company: a contact of another one (made so
                           -- by hand) reads nothing of that one's money.
                           CASE WHEN p.commercial_partner_id = p.id THEN p.id END AS cp,
                           CASE WHEN t.product_line_id IS NOT NULL THEN ARRAY[t.product_line_id]
                                ELSE ARRAY(SELECT r.%(line_col)s FROM %(agreement_rel)s r
                                            WHERE r.%(agreement_col)s = a.id)
                           END AS lines
                      FROM distributor_agreement_target t
                      JOIN distributor_agreement a ON a.id = t.agreement_id
                      JOIN res_partner p ON p.id = a.partner_id
                     WHERE t.id IN %(ids)s
                ), scoped AS MATERIALIZED (
                    SELECT t.id, t.date_from, t.date_to, t.company_id, t.cp,
                           cardinality(t.lines) = 0 AS every_product,
                           ARRAY(SELECT c.parent_path
                                   FROM %(category_rel)s r
                                   JOIN product_category c ON c.id = r.%(category_col)s
                                  WHERE r.%(category_line_col)s = ANY(t.lines)) AS paths
                      FROM targets t
                )
                -- An invoice line's partner is its invoice's commercial partner (indexed), and
                -- must still be: a posted line can be given another partner by hand, the
                -- invoice cannot, so another customer's invoice never counts here.
                -- In float8, as they are used: a numeric becomes a Decimal for each of a
                -- quarter's hundreds of thousands of rows.
                SELECT t.id, m.id, m.move_type = 'out_invoice',
                       SUM(-aml.balance) FILTER (
                           WHERE m.invoice_date BETWEEN t.date_from AND t.date_to)::float8,
                       SUM(aml.balance)::float8
                  FROM scoped t
                  JOIN account_move_line aml
                    ON aml.partner_id = t.cp AND aml.company_id = t.company_id
                   AND aml.display_type = 'product' AND aml.parent_state = 'posted'
                  JOIN account_move m
                    ON m.id = aml.move_id AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.commercial_partner_id = t.cp
                  JOIN product_product pp ON pp.id = aml.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_category pc ON pc.id = pt.categ_id
                 -- Rebates paid or clawed back are not sales.
                 WHERE aml.product_id != ALL(%(rebate_products)s)
                   AND (t.every_product
                    OR EXISTS (
                        SELECT 1 FROM unnest(t.paths) path
                         WHERE pc.parent_path LIKE path || %(anything)s
                    ))
              GROUP BY t.id, m.id, m.move_type
                """,
                ids=ids,
                agreement_rel=SQL.identifier(agreement_lines.relation),
                agreement_col=SQL.identifier(agreement_lines.column1),
                line_col=SQL.identifier(agreement_lines.column2),
                category_rel=SQL.identifier(line_categories.relation),
                category_line_col=SQL.identifier(line_categories.column1),
                category_col=SQL.identifier(line_categories.column2),
                anything="%",
                rebate_products=self.env["res.company"]._distributor_rebate_products().ids,
            )
        )
        sold = dict.fromkeys(ids, 0.0)
        scoped = cr.fetchall()
        for target_id, _move_id, _is_invoice, untaxed, _balance in scoped:
            if untaxed:
                sold[target_id] += untaxed
        # Each document's money is shared by the balances of its product lines (which the
        # move keeps balanced), never more than all of it.
        totals = {}
        if scoped:
            cr.execute(
                SQL(
                    """
                    SELECT move_id, SUM(balance)::float8 FROM account_move_line
                     WHERE move_id = ANY(%s) AND display_type = 'product'
                  GROUP BY move_id
                    """,
                    list({row[1] for row in scoped}),
                )
            )
            totals = dict(cr.fetchall())
        shares = {True: [], False: []}  # invoices, credit notes
        for target_id, move_id, is_invoice, _untaxed, balance in scoped:
            total = totals.get(move_id)
            share = min(max((balance or 0.0) / total, 0.0), 1.0) if total else 0.0
            if share:
                shares[is_invoice].append((target_id, move_id, share))
        # The periods as stored, not through the records: a quarter's end reads tens of
        # thousands.
        cr.execute(
            SQL(
                "SELECT id, date_from, date_to FROM distributor_agreement_target WHERE id IN %s",
                ids,
            )
        )
        periods = {target_id: (start, end) for target_id, start, end in cr.fetchall()}
        collected = self._money_in_periods(shares[True], money.collected_sql(), periods)
        refunded = self._money_in_periods(shares[False], money.refunded_sql(), periods)
        return {
            target_id: (sold[target_id], collected[target_id], refunded[target_id])
            for target_id in ids
        }

    def _money_in_periods(self, shares, money_sql, periods):
        """{target id: money of ``money_sql`` matched to the documents of ``shares`` (target,
        document, the share of the document that is the target's) in the target's period}."""
        total = dict.fromkeys(periods, 0.0)
        if not shares:
            return total
        self.env.cr.execute(
            SQL(
                """
                SELECT c.invoice_id, c.day, SUM(c.amount)::float8
                  FROM (%s) c
                 WHERE c.invoice_id = ANY(%s)
              GROUP BY c.invoice_id, c.day
                """,
                money_sql,
                list({move_id for _t, move_id, _s in shares}),
            )
        )
        received = defaultdict(list)
        for move_id, day, amount in self.env.cr.fetchall():
            received[move_id].append((day, amount))
        for target_id, move_id, share in shares:
            money = received.get(move_id)
            if not money:
                continue  # most documents of a period have no money in it yet
            start, end = periods[target_id]
            total[target_id] += share * sum(amount for day, amount in money if start <= day <= end)
        return total

    def _rebate_extras(self):
        """{target id: (paid on time, reported)} for the targets whose agreement pays extras
        (every target with (False, False) otherwise): whether what fell due in the period was
        all paid by its due dates, and whether the distributor's sell-through reports hold every
        month of it (reports with lines, each of its own month). sudo: every report counts,
        whoever filed it."""
        result = dict.fromkeys(self.ids, (False, False))
        on_time = self.filtered(lambda t: t.agreement_id.rebate_on_time_rate)
        reporting = self.filtered(lambda t: t.agreement_id.rebate_reporting_rate)
        discipline = money.due_and_paid_on_time(
            self.env,
            [
                (
                    t.id,
                    t.agreement_id.partner_id.commercial_partner_id.id,
                    t.company_id.id,
                    t.date_from,
                    t.date_to,
                )
                for t in on_time
            ],
        )
        reported = defaultdict(list)
        if reporting:
            for report in (
                self.env["distributor.stock.report"]
                .sudo()
                .search_fetch(
                    [
                        ("partner_id", "in", reporting.agreement_id.partner_id.ids),
                        ("company_id", "in", reporting.company_id.ids),
                        ("line_ids", "!=", False),  # an empty report reports nothing
                        ("date_to", ">=", min(reporting.mapped("date_from"))),
                        ("date_from", "<=", max(reporting.mapped("date_to"))),
                    ],
                    ["partner_id", "company_id", "date_from", "date_to"],
                )
            ):
                reported[report.partner_id, report.company_id].append(
                    (report.date_from, report.date_to)
                )
        for target in on_time | reporting:
            paid = target in on_time and rules.paid_in_full_on_time(
                *discipline[target.id], target.currency_id.rounding
            )
            sent = target in reporting and rules.reported_throughout(
                target.date_from,
                target.date_to,
                reported[target.agreement_id.partner_id, target.company_id],
            )
            result[target.id] = (paid, sent)
        return result
