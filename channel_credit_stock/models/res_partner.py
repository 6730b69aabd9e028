"""A distributor's prepayments, for cash before delivery: money it paid that no invoice used yet."""

from odoo import models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _channel_prepayments(self, company):
        """{commercial partner id: (open debits, unapplied money)} in ``company``: what these
        distributors (with all their contacts) owe on open receivables, and what payments and
        bank statement lines paid that is not matched yet. A credit note or journal entry
        crediting the receivable is not money and counts in neither. One query for the set."""
        self.env.flush_all()
        ids = list(set(self.commercial_partner_id.ids))
        if not ids:
            return {}
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       COALESCE(SUM(l.amount_residual) FILTER (WHERE l.amount_residual > 0), 0),
                       COALESCE(-SUM(l.amount_residual) FILTER (
                           WHERE l.amount_residual < 0
                             AND (pay.move_id = mv.id OR st.move_id = mv.id)), 0)
                  FROM account_move_line l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN account_account a ON a.id = l.account_id
                  JOIN account_move mv ON mv.id = l.move_id
             LEFT JOIN account_payment pay ON pay.id = mv.origin_payment_id
             LEFT JOIN account_bank_statement_line st ON st.id = mv.statement_line_id
                 WHERE p.commercial_partner_id = ANY(%(ids)s) AND l.company_id = %(company)s
                   AND a.account_type = 'asset_receivable' AND l.parent_state = 'posted'
                   AND l.reconciled IS NOT TRUE
              GROUP BY p.commercial_partner_id
                """,
                ids=ids,
                company=company.id,
            )
        )
        return {pid: (float(owed), float(money)) for pid, owed, money in self.env.cr.fetchall()}
