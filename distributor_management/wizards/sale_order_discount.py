"""Odoo's discount on every line of an order leaves a rebate's discount line as it was made
(sale_order_line.py): the rebate is what the ledger settled, not a price to discount."""

from odoo import models


class SaleOrderDiscount(models.TransientModel):
    _inherit = "sale.order.discount"

    def action_apply_discount(self):
        self.ensure_one()
        rebate_lines = self.sale_order_id.order_line._rebate_discount_lines()
        if self.discount_type != "sol_discount" or not rebate_lines:
            return super().action_apply_discount()
        others = self.sale_order_id.order_line - rebate_lines
        others.with_company(self.company_id).write({"discount": self.discount_percentage * 100})
        return True
