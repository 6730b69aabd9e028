"""How much of an order line's goods are out of the company, for cash before delivery."""

from odoo import api, models

# A line's price and quantities: what the goods that left are worth.
PRICED_FIELDS = {"price_unit", "discount", "product_uom_qty", "tax_id", "order_id", "product_id"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    # A confirmed order of a distributor who pays before delivery whose prices, quantities or
    # lines change after goods left: what left must still be paid for (a price cut, a shipment,
    # then the price put back would otherwise deliver against a fraction of the money).

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id._channel_check_delivered_goods_paid()
        return lines

    def write(self, vals):
        orders = self.order_id
        result = super().write(vals)
        if PRICED_FIELDS & vals.keys():
            (orders | self.order_id)._channel_check_delivered_goods_paid()
        return result

    def unlink(self):
        orders = self.order_id
        result = super().unlink()
        orders.exists()._channel_check_delivered_goods_paid()
        return result

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_net_delivered(self, now):
        """The quantity of this line's goods out of the company, in the line's unit: what its
        done moves' detailed lines put into a customer or inter-company transit location, and
        the moves of ``now`` ({move of this line: quantity}) as leaving with that quantity,
        less the goods returned into our stock from those deliveries (a return of a delivered
        move, at most what it delivered). Counted from the moves, not Odoo's delivered
        quantity, which trusts a move's return flags."""
        self.ensure_one()
        moves = self.move_ids.union(*now)
        out, back = {}, {}  # in the line's unit, by delivered move
        unit = self.product_uom
        for move in moves.filtered(lambda m: m.state != "cancel"):
            if move in now:
                if move._channel_leaving():
                    out[move] = move.product_uom._compute_quantity(
                        now[move], unit, rounding_method="HALF-UP"
                    )
                continue
            if move.state != "done":
                continue
            for detail in move.move_line_ids:
                if (
                    detail.location_dest_id._channel_outgoing()
                    and detail.location_id.usage != "customer"
                ):
                    out[move] = out.get(move, 0.0) + detail.product_uom_id._compute_quantity(
                        detail.quantity, unit, rounding_method="HALF-UP"
                    )
        for move in moves.filtered(lambda m: m.state == "done" and m not in now):
            origin = move.origin_returned_move_id
            if origin in out and move.location_dest_id.usage == "internal":
                back[origin] = back.get(origin, 0.0) + move.product_uom._compute_quantity(
                    move.quantity, unit, rounding_method="HALF-UP"
                )
        return sum(quantity - min(back.get(move, 0.0), quantity) for move, quantity in out.items())
