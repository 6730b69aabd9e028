"""How much of an order line's goods are out of the company, for cash before delivery."""

from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _channel_net_delivered(self, now):
        """The quantity of this line's goods out of the company, in the line's unit: its done
        moves into a customer or inter-company transit location, and the moves of ``now``
        ({move: quantity}) as leaving with that quantity, less its done returns from a
        customer. Counted from the moves themselves, not Odoo's delivered quantity, which
        trusts a move's return flags."""
        self.ensure_one()
        moves = self.move_ids | self.env["stock.move"].union(
            *(move for move in now if move.sale_line_id == self)
        )
        net = 0.0
        for move in moves.filtered(lambda m: m.state != "cancel"):
            if move in now:
                quantity = now[move]
            elif move.state == "done":
                quantity = move.quantity
            else:
                continue
            quantity = move.product_uom._compute_quantity(
                quantity, self.product_uom, rounding_method="HALF-UP"
            )
            source, destination = move.location_id, move.location_dest_id
            if destination._is_outgoing() and source.usage != "customer":
                net += quantity
            elif source.usage == "customer" and not destination._is_outgoing():
                net -= quantity
        return net
