from odoo import fields, models, tools
from odoo.tools import SQL


class ChannelCreditAging(models.Model):
    """Open receivables by age, per distributor, salesperson and company (a SQL view)."""

    _name = "channel.credit.aging"
    _description = "Receivables Aging"
    _auto = False
    _order = "total desc"

    partner_id = fields.Many2one("res.partner", string="Distributor", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_current = fields.Monetary(string="Current", readonly=True)
    amount_1_30 = fields.Monetary(string="1-30 Days", readonly=True)
    amount_31_60 = fields.Monetary(string="31-60 Days", readonly=True)
    amount_61_90 = fields.Monetary(string="61-90 Days", readonly=True)
    amount_over_90 = fields.Monetary(string="Over 90 Days", readonly=True)
    overdue = fields.Monetary(readonly=True)
    total = fields.Monetary(string="Open Receivables", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT row_number() OVER () AS id, s.*
                  FROM (
                    SELECT p.commercial_partner_id AS partner_id,
                           m.invoice_user_id AS user_id,
                           l.company_id,
                           c.currency_id,
                           SUM(residual) FILTER (WHERE age <= 0) AS amount_current,
                           SUM(residual) FILTER (WHERE age BETWEEN 1 AND 30) AS amount_1_30,
                           SUM(residual) FILTER (WHERE age BETWEEN 31 AND 60) AS amount_31_60,
                           SUM(residual) FILTER (WHERE age BETWEEN 61 AND 90) AS amount_61_90,
                           SUM(residual) FILTER (WHERE age > 90) AS amount_over_90,
                           SUM(residual) FILTER (WHERE age > 0) AS overdue,
                           SUM(residual) AS total
                      FROM account_move_line l
                      JOIN account_account a ON a.id = l.account_id
                      JOIN account_move m ON m.id = l.move_id
                      JOIN res_partner p ON p.id = l.partner_id
                      JOIN res_company c ON c.id = l.company_id
                      CROSS JOIN LATERAL (
                          SELECT CURRENT_DATE - COALESCE(l.date_maturity, l.date) AS age,
                                 l.amount_residual AS residual
                      ) days
                     WHERE l.parent_state = 'posted' AND a.account_type = 'asset_receivable'
                       AND NOT l.reconciled AND l.amount_residual <> 0
                  GROUP BY p.commercial_partner_id, m.invoice_user_id, l.company_id, c.currency_id
                  ) s
            )
                """,
                SQL.identifier(self._table),
            )
        )
