"""Which delivered orders of a cash-before-delivery distributor an accounting change may leave
unpaid."""

from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _channel_prepay_orders_left_unpaid(self):
        """The confirmed orders of the cash-before-delivery distributors of these journal items
        whose goods left and that their own invoices do not pay in full: those that leaned on
        the distributor's advance money (one search; none for other partners)."""
        partners = self.env["res.partner"]
        for company in self.company_id:
            own = self.filtered(lambda line, c=company: line.company_id == c)
            partners |= own.partner_id.commercial_partner_id.with_company(company).filtered(
                lambda p: p.channel_credit_policy == "prepay"
            )
        if not partners:
            return self.env["sale.order"]
        orders = self.env["sale.order"].search(
            [
                ("state", "=", "sale"),
                ("picking_ids.state", "=", "done"),
                "|",
                ("partner_id", "child_of", partners.ids),
                ("partner_invoice_id", "child_of", partners.ids),
            ]
        )
        return orders.filtered(
            lambda o: o.invoice_status != "invoiced"
            or any(not move.currency_id.is_zero(move.amount_residual) for move in o.invoice_ids)
        )
