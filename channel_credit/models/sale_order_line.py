from odoo import api, models
from odoo.addons.b2b_base import guards

from ..const import CREATING

# Stored computed figures that credit exposure is built from.
GUARDED_FIGURES = {
    "qty_invoiced",
    "qty_to_invoice",
    "price_subtotal",
    "price_tax",
    "price_total",
    "untaxed_amount_invoiced",
    "untaxed_amount_to_invoice",
    # Linking invoice lines by hand would count the order as invoiced.
    "invoice_lines",
}
# Line fields whose change cannot change what the order owes.
NEUTRAL_FIELDS = {"name", "sequence", "qty_delivered", "analytic_distribution", "customer_lead"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # Lines written on their own (not through their order) are checked as their orders are
    # after the change: a confirmed order cannot grow past its payer's credit line by line.

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = guards.refuse_system_fields(self, vals_list, GUARDED_FIGURES)
        guards.check_input(self, vals_list, types=guards.NUMBER_TYPES)
        order_ids = {vals.get("order_id") for vals in vals_list}
        order_ids.add(self.env.context.get("default_order_id"))
        if self.env.cr.cache.get(CREATING):
            # Lines of orders being created: the new orders are checked with them.
            return super().create(vals_list)
        orders = self.env["sale.order"].browse(filter(None, order_ids))
        with orders._channel_watch() as watch:
            lines = super().create(vals_list)
            watch(lines.order_id)
        return lines

    def write(self, vals):
        [vals] = guards.refuse_system_fields(self, [vals], GUARDED_FIGURES, records=self)
        guards.check_input(self, [vals], types=guards.NUMBER_TYPES)
        if vals.keys() <= NEUTRAL_FIELDS:
            return super().write(vals)
        orders = self.order_id | self.env["sale.order"].browse(vals.get("order_id"))
        with orders._channel_watch() as watch:
            result = super().write(vals)
            watch(self.order_id)
        return result

    def unlink(self):
        orders = self.order_id
        with orders._channel_watch() as watch:
            result = super().unlink()
            watch(orders)
        return result
