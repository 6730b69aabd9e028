"""Cash before delivery (款到发货) where goods actually leave: the moves into a customer or
inter-company transit location, checked as they are done, whatever the door."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.b2b_base.money import money_for_orders
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, format_amount

# Set while Odoo validates moves (_action_done): a leaving move becomes done only there
# (cr.cache, not a context key: no RPC call can set it).
VALIDATING = "channel_credit_stock_validating"
# A done move changed in these may deliver more, other goods or to someone else: checked again.
CHECKED_FIELDS = {
    "state",
    "quantity",
    "product_id",
    "product_uom",
    "sale_line_id",
    "location_id",
    "location_dest_id",
    "partner_id",
    "picking_id",
    "move_line_ids",
}
# What the goods of a cash-before-delivery order leave against: only its own lines, products
# and quantities.
REPOINTING_FIELDS = {"sale_line_id", "product_id"}


class StockMove(models.Model):
    _inherit = "stock.move"

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        done = moves.filtered(lambda m: m.state == "done")
        # Created done (a detailed line added to a done transfer makes Odoo do so): the goods
        # of such a distributor leave by validation only.
        validating = self.env.su or self.env.cr.cache.get(VALIDATING)
        if done and not validating and done._channel_cash_before_delivery():
            raise AccessError(self._channel_status_message())
        done._channel_check_cash_before_delivery()
        return moves

    def write(self, vals):
        if not self.env.su:
            self._channel_check_move_write(vals)
        result = super().write(vals)
        if CHECKED_FIELDS & vals.keys():
            self.filtered(lambda m: m.state == "done")._channel_check_cash_before_delivery()
        return result

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _action_done(self, cancel_backorder=False):
        cache = self.env.cr.cache
        cache[VALIDATING] = cache.get(VALIDATING, 0) + 1
        try:
            return super()._action_done(cancel_backorder=cancel_backorder)
        finally:
            cache[VALIDATING] -= 1

    def _channel_check_move_write(self, vals):
        """Goods leave by validating the transfer, never by writing a status: a leaving move
        becomes done only through Odoo's validation and stays done; and the line, order and
        product of a cash-before-delivery move are not re-pointed but by a Credit Manager."""
        if "state" in vals:
            if vals["state"] != "done" and self.filtered(lambda m: m.state == "done"):
                raise AccessError(
                    self.env._("A done transfer stays done: bring goods back with a return.")
                )
            if (
                vals["state"] == "done"
                and not self.env.cr.cache.get(VALIDATING)
                and self._channel_cash_before_delivery()
            ):
                raise AccessError(self._channel_status_message())
        if REPOINTING_FIELDS & vals.keys() and not self._channel_is_credit_manager():
            line = self.env["sale.order.line"].sudo().browse(vals.get("sale_line_id"))
            if self._channel_cash_before_delivery() or (
                "prepay" in line.order_id._channel_payers().values() if line else False
            ):
                raise AccessError(
                    self.env._(
                        "The order line and product of a cash-before-delivery delivery are the "
                        "order's: only a Credit Manager re-points them."
                    )
                )

    def _channel_status_message(self):
        return self.env._("Goods leave by validating their transfer, not by a status.")

    def _channel_is_credit_manager(self):
        return self.env.su or self.env.user.has_group("channel_credit.group_channel_credit_manager")

    def _channel_receiver(self):
        self.ensure_one()
        return (self.partner_id or self.picking_id.partner_id).commercial_partner_id

    def _channel_leaving(self):
        """Whether this move carries goods out: into a customer or inter-company transit
        location, as the move or any of its detailed lines (where Odoo really puts the goods)
        says."""
        self.ensure_one()
        return self.state != "cancel" and any(
            location._channel_outgoing()
            for location in self.location_dest_id | self.move_line_ids.location_dest_id
        )

    def _channel_cash_before_delivery(self):
        """The moves among these (as superuser) that carry goods of a cash-before-delivery
        distributor out (_channel_leaving), to such a distributor or for an order one of whose
        payers is one."""
        moves = self.sudo()
        # Read for the whole set at once: each move's test below then reads the cache.
        moves.move_line_ids.mapped("location_dest_id")
        moves = moves.filtered(lambda m: m._channel_leaving())
        result = moves.browse()
        for company in moves.company_id:
            own = moves.filtered(lambda m, c=company: m.company_id == c).with_company(company)
            prepay_orders = {
                order
                for order in own.sale_line_id.order_id
                if "prepay" in order._channel_payers().values()
            }
            result |= own.filtered(
                lambda m, orders=prepay_orders: m.sale_line_id.order_id in orders
                or m._channel_receiver().channel_credit_policy == "prepay"
            )
        return result

    def _channel_check_cash_before_delivery(self, planned=False, strict=False):
        problems = self._channel_cash_before_delivery_problems(planned, strict)
        if problems:
            raise UserError("\n".join(problems))

    def _channel_cash_before_delivery_problems(self, planned=False, strict=False):
        """Why the goods of these moves, leaving now (done, or about to be), cannot leave: a
        cash-before-delivery distributor's goods leave only when what leaves (product, quantity
        and value) is covered by money received for the order lines it serves; without an order
        line only a Credit Manager lets them go. With ``planned``, the moves are taken at the
        quantity they plan to deliver; with ``strict``, only the orders' own invoices pay for
        them (money just taken off those invoices cannot cover them as a prepayment).

        :return: the problems as sentences, in the user's language (empty: they may leave)
        """
        leaving = self._channel_cash_before_delivery()
        if not leaving:
            return []
        problems = []
        # No order line, or one the order did not hold (an extra product Odoo adds to the order
        # as it is delivered): nothing ordered to pay against.
        orphans = leaving.filtered(lambda m: m.sale_line_id.product_uom_qty <= 0)
        if orphans and not self._channel_is_credit_manager():
            problems.append(
                self.env._(
                    "Cash before delivery: %(moves)s go to a distributor who pays before "
                    "delivery without an order to pay against; only a Credit Manager lets them "
                    "go.",
                    moves=", ".join(orphans._channel_names()),
                )
            )
        others = (leaving - orphans).filtered(lambda m: m.product_id != m.sale_line_id.product_id)
        if others:
            problems.append(
                self.env._(
                    "Cash before delivery: %(moves)s carry another product than their order "
                    "line: deliver what was ordered.",
                    moves=", ".join(others._channel_names()),
                )
            )
        by_order = defaultdict(lambda: self.browse())
        for move in leaving - orphans - others:
            by_order[move.sale_line_id.order_id] |= move
        orders = self.env["sale.order"].sudo().union(*by_order)
        received = money_for_orders(orders, fields.Date.context_today(self))
        for order, moves in by_order.items():
            problems += moves._channel_order_problems(order, received[order], planned, strict)
        return problems

    def _channel_order_problems(self, order, received, planned, strict=False):
        """What these moves of ``order`` leave beyond what it holds or what was paid for it."""
        now = {move: (move.product_uom_qty if planned else move.quantity) for move in self}
        # The order's moves and their detailed lines, read once for the lines' counts below.
        order.order_line.move_ids.move_line_ids.mapped("location_dest_id")
        order.order_line.move_ids.mapped("origin_returned_move_id")
        by_line = defaultdict(dict)
        for move, quantity in now.items():
            by_line[move.sale_line_id][move] = quantity
        net = {}
        problems = []
        for line in self.sale_line_id:
            net[line] = line._channel_net_delivered(by_line[line])
            if (
                float_compare(
                    net[line], line.product_uom_qty, precision_rounding=line.product_uom.rounding
                )
                > 0
            ):
                problems.append(
                    self.env._(
                        "Cash before delivery: %(product)s of %(order)s: %(leaving)s would have "
                        "left, %(ordered)s were ordered. Deliver what the order holds.",
                        product=line.product_id.display_name,
                        order=order.name,
                        leaving=net[line],
                        ordered=line.product_uom_qty,
                    )
                )
        goods = order.order_line.filtered(
            lambda line: not line.display_type
            and line.product_uom_qty > 0
            and (line in net or line.move_ids)
        )
        for line in goods - self.sale_line_id:
            net[line] = line._channel_net_delivered({})
        goods_total = sum(goods.mapped("price_total"))
        if goods_total <= 0:
            return problems
        delivered = sum(
            line.price_total * min(max(net[line], 0.0) / line.product_uom_qty, 1.0)
            for line in goods
        )
        order_total = max(
            sum(
                order.order_line.filtered(lambda line: not line.display_type).mapped("price_total")
            ),
            0.0,
        )
        needed = order_total * delivered / goods_total
        currency = order.currency_id
        if currency.compare_amounts(received, needed) >= 0:
            return problems
        receivers = self.mapped(lambda m: m._channel_receiver())
        if not strict and order._channel_prepaid_in_full(receivers, needed - received):
            return problems
        problems.append(
            self.env._(
                "Cash before delivery: %(moves)s cannot leave before the customer has paid for "
                "them: what leaves of %(order)s is worth %(needed)s, %(received)s was received "
                "for it. Register the payment on the order's invoice, or a prepayment that "
                "covers what the customer owes.",
                moves=", ".join(self._channel_names()),
                order=order.name,
                needed=format_amount(self.env, needed, currency),
                received=format_amount(self.env, max(received, 0.0), currency),
            )
        )
        return problems

    def _channel_names(self):
        return list(dict.fromkeys(move.picking_id.name or move.reference for move in self))
