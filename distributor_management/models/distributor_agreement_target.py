"""An agreement's targets (任务量): an amount per period, for a product line or all of them."""

from odoo import api, fields, models
from odoo.addons.b2b_base import money
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .. import rules


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
    attainment = fields.Float(
        compute="_compute_figures",
        help="Collected money over the target (达成率): money not collected earns nothing.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("amount", "date_from", "date_to", "product_line_id", "agreement_id")
    def _compute_figures(self):
        figures = self._sell_in_and_collected()
        for target in self:
            sell_in, collected = figures.get(target._origin.id, (0.0, 0.0))
            target.sell_in = sell_in
            target.collected = collected
            target.attainment = rules.attainment(collected, target.amount)

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
        """{target id: (sell-in, collected)} in company currency, in one query for the set.
        A target counts its product line, else its agreement's lines, else every product; a
        line counts the products of its categories and those within them. Collected money is
        b2b_base.money's, on the distributor's invoices in the period it was matched, each
        invoice's money shared among its lines in proportion to their totals."""
        ids = tuple(self._origin.ids)
        if not ids:
            return {}
        self.env.flush_all()
        agreement_lines = self.env["distributor.agreement"]._fields["product_line_ids"]
        line_categories = self.env["distributor.product.line"]._fields["category_ids"]
        self.env.cr.execute(
            SQL(
                """
                WITH targets AS (
                    SELECT t.id, t.date_from, t.date_to, a.company_id, t.product_line_id,
                           a.id AS agreement_id, p.commercial_partner_id AS cp
                      FROM distributor_agreement_target t
                      JOIN distributor_agreement a ON a.id = t.agreement_id
                      JOIN res_partner p ON p.id = a.partner_id
                     WHERE t.id IN %(ids)s
                ), scope AS (
                    SELECT id AS target_id, product_line_id AS line_id
                      FROM targets WHERE product_line_id IS NOT NULL
                     UNION ALL
                    SELECT t.id, r.%(line_col)s
                      FROM targets t
                      JOIN %(agreement_rel)s r ON r.%(agreement_col)s = t.agreement_id
                     WHERE t.product_line_id IS NULL
                ), categories AS (
                    SELECT s.target_id, c.parent_path
                      FROM scope s
                      JOIN %(category_rel)s r ON r.%(category_line_col)s = s.line_id
                      JOIN product_category c ON c.id = r.%(category_col)s
                ), lines AS (
                    SELECT t.id AS target_id, m.id AS move_id, m.move_type, m.invoice_date,
                           -aml.balance AS untaxed, aml.price_total
                      FROM targets t
                      JOIN account_move m
                        ON m.commercial_partner_id = t.cp AND m.company_id = t.company_id
                       AND m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
                      JOIN account_move_line aml
                        ON aml.move_id = m.id AND aml.display_type = 'product'
                      JOIN product_product pp ON pp.id = aml.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      JOIN product_category pc ON pc.id = pt.categ_id
                     WHERE NOT EXISTS (SELECT 1 FROM scope s WHERE s.target_id = t.id)
                        OR EXISTS (
                            SELECT 1 FROM categories c
                             WHERE c.target_id = t.id
                               AND pc.parent_path LIKE c.parent_path || %(anything)s
                        )
                ), shares AS (
                    SELECT l.target_id, l.move_id,
                           SUM(l.price_total) / NULLIF(MAX(m.amount_total), 0) AS share
                      FROM lines l JOIN account_move m ON m.id = l.move_id
                     WHERE l.move_type = 'out_invoice'
                  GROUP BY l.target_id, l.move_id
                ), sold AS (
                    SELECT l.target_id, SUM(l.untaxed) AS amount
                      FROM lines l JOIN targets t ON t.id = l.target_id
                     WHERE l.invoice_date BETWEEN t.date_from AND t.date_to
                  GROUP BY l.target_id
                ), paid AS (
                    SELECT s.target_id, SUM(c.amount * s.share) AS amount
                      FROM shares s
                      JOIN targets t ON t.id = s.target_id
                      JOIN (%(collected)s) c ON c.invoice_id = s.move_id
                     WHERE c.day BETWEEN t.date_from AND t.date_to
                  GROUP BY s.target_id
                )
                -- Grouped once for the set, never a subquery per target.
                SELECT t.id, sold.amount, paid.amount
                  FROM targets t
             LEFT JOIN sold ON sold.target_id = t.id
             LEFT JOIN paid ON paid.target_id = t.id
                """,
                ids=ids,
                agreement_rel=SQL.identifier(agreement_lines.relation),
                agreement_col=SQL.identifier(agreement_lines.column1),
                line_col=SQL.identifier(agreement_lines.column2),
                category_rel=SQL.identifier(line_categories.relation),
                category_line_col=SQL.identifier(line_categories.column1),
                category_col=SQL.identifier(line_categories.column2),
                collected=money.collected_sql(),
                anything="%",
            )
        )
        return {
            target_id: (float(sell_in or 0.0), float(collected or 0.0))
            for target_id, sell_in, collected in self.env.cr.fetchall()
        }
