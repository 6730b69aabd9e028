from odoo import fields, models
from odoo.addons.b2b_base import money
from odoo.tools import SQL


class KamCollectionReport(models.Model):
    """Collected money (回款) by month, salesperson and sales team: what customers paid on
    their invoices (payments and bank statement lines matched to them; credit notes are not
    money), counted in the month the money was matched, for the salesperson and team the
    invoice had then (b2b_base.money says the same of an invoice)."""

    _name = "kam.collection.report"
    _description = "Collections by Salesperson"
    _auto = False
    _order = "month desc, amount desc, id"
    _depends = {
        "account.partial.reconcile": [
            "amount",
            "credit_move_id",
            "debit_move_id",
            "max_date",
            "kam_user_id",
            "kam_team_id",
        ],
        "account.move": [
            "company_id",
            "move_type",
            "origin_payment_id",
            "state",
            "statement_line_id",
        ],
    }

    month = fields.Date(readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount = fields.Monetary(string="Collected", readonly=True)

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_export_xlsx(self):
        """The scoreboard as a workbook: the ticked rows, or the current search."""
        Export = self.env["kam.collection.export"]
        rows = Export._xlsx_records_to_export(self)
        return Export.create({"row_ids": rows.ids}).action_download()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT MIN(m.id) AS id, date_trunc('month', m.day)::date AS month,
                   m.user_id, m.team_id, m.company_id, c.currency_id, SUM(m.amount) AS amount
              FROM (%(collected)s) m
              JOIN res_company c ON c.id = m.company_id
          GROUP BY 2, 3, 4, 5, 6
            """,
            collected=money.collected_sql(
                SQL("pr.kam_user_id AS user_id, pr.kam_team_id AS team_id, inv.company_id")
            ),
        )
