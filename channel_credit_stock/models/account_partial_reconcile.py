"""Money moved between invoices after goods left: taking it off an invoice whose goods left, or
matching a distributor's advance payment to another invoice, must leave the goods of a
cash-before-delivery distributor paid for; otherwise the same money would pay for two
deliveries."""

from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        # Advance money matched to an invoice is no longer there for the deliveries it covered.
        lines = (partials.debit_move_id | partials.credit_move_id).sudo()
        lines._channel_prepay_orders_left_unpaid().with_env(
            self.env
        )._channel_check_delivered_goods_paid()
        return partials

    def unlink(self):
        lines = (self.debit_move_id | self.credit_move_id).sudo()
        orders = lines.move_id.invoice_line_ids.sale_line_ids.order_id
        result = super().unlink()
        # Strictly by the orders' own invoices: the money taken off them, unmatched for a
        # moment, must not count as the prepayment that covers them.
        orders.with_env(self.env)._channel_check_delivered_goods_paid(strict=True)
        return result
