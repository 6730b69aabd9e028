"""A done move's detailed lines changed afterwards (Odoo lets a stock user edit a done transfer's
quantities): cash before delivery is checked again on the moves as they are then."""

from odoo import api, models

# What a detailed line changes of the goods that left.
CHECKED_FIELDS = {"quantity", "product_id", "product_uom_id", "move_id", "location_dest_id"}


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.move_id.filtered(lambda m: m.state == "done")._channel_check_cash_before_delivery()
        return lines

    def write(self, vals):
        moves = self.move_id
        result = super().write(vals)
        if CHECKED_FIELDS & vals.keys():
            (moves | self.move_id).filtered(
                lambda m: m.state == "done"
            )._channel_check_cash_before_delivery()
        return result
