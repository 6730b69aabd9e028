from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

# Goods leave the company to a customer through these (a dropship goes from the vendor).
LEAVING = ("outgoing", "dropship")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    channel_awaiting_payment = fields.Boolean(
        string="Awaiting Payment",
        compute="_compute_channel_awaiting_payment",
        search="_search_channel_awaiting_payment",
        help="The customer pays before delivery and this order is not paid yet.",
    )

    @api.depends("sale_id", "partner_id", "picking_type_code", "state")
    def _compute_channel_awaiting_payment(self):
        held = self._channel_held()
        for picking in self:
            picking.channel_awaiting_payment = picking in held

    def _search_channel_awaiting_payment(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Awaiting Payment."))
        open_deliveries = self.search(
            [("picking_type_code", "in", LEAVING), ("state", "not in", ("done", "cancel"))]
        )
        waiting = open_deliveries._channel_held()
        return [("id", "in" if (operator == "=") == value else "not in", waiting.ids)]

    def button_validate(self):
        # Before Odoo's own dialogs (backorder and the like), which end in _action_done.
        self._channel_check_paid()
        return super().button_validate()

    def _action_done(self):
        self._channel_check_paid()
        return super()._action_done()

    def _channel_check_paid(self):
        """Goods of a cash-before-delivery distributor leave only once paid, and only what was
        ordered: whatever the door (validate, wizards, RPC), every delivery ends here."""
        held = self._channel_held()
        if held:
            raise UserError(
                self.env._(
                    "Cash before delivery: %(deliveries)s cannot leave before the customer has "
                    "paid for it. Register the payment on the order's invoice, or a prepayment "
                    "that covers what the customer owes; a delivery without an order needs a "
                    "Credit Manager.",
                    deliveries=", ".join(
                        f"{p.name} ({p.sale_id.name})" if p.sale_id else p.name for p in held
                    ),
                )
            )
        beyond = self._channel_beyond_order()
        if beyond:
            raise UserError(
                self.env._(
                    "Cash before delivery: %(deliveries)s would deliver more than was ordered "
                    "and paid for. Deliver what the order holds, or add it to the order first.",
                    deliveries=", ".join(beyond.mapped("name")),
                )
            )

    def _channel_leaving(self):
        return self.filtered(
            lambda p: p.picking_type_code in LEAVING and p.state not in ("done", "cancel")
        )

    def _channel_held(self):
        """The deliveries among these held for payment: their order (customer, invoice address
        or the partner the goods go to) pays before delivery and is not paid; without an
        order, goods going to such a distributor have no price to be paid against, so only a
        Credit Manager lets them go. sudo: a warehouse user validates deliveries without
        reading invoices or credit."""
        leaving = self._channel_leaving().sudo()
        receivers = {p.sale_id: p.partner_id.commercial_partner_id for p in leaving if p.sale_id}
        unpaid = leaving.sale_id._channel_unpaid_cash_before_delivery(receivers)
        held = leaving.filtered(lambda p: p.sale_id and p.sale_id in unpaid)
        if not self.env.user.has_group("channel_credit.group_channel_credit_manager"):
            held |= leaving.filtered(
                lambda p: not p.sale_id
                and p.partner_id.commercial_partner_id.with_company(
                    p.company_id
                ).channel_credit_policy
                == "prepay"
            )
        return held.with_env(self.env)

    def _channel_beyond_order(self):
        """The prepay deliveries among these that carry goods the order does not hold: a move
        without an order line, or more than the line's quantity not yet delivered."""
        leaving = self._channel_leaving().sudo()
        prepay = leaving.filtered(
            lambda p: "prepay"
            in {
                *(p.sale_id._channel_payers().values() if p.sale_id else ()),
                p.partner_id.commercial_partner_id.with_company(p.company_id).channel_credit_policy,
            }
        )
        beyond = self.browse()
        for picking in prepay:
            for move in picking.move_ids.filtered(lambda m: m.state != "cancel"):
                line = move.sale_line_id
                if not line:
                    beyond |= picking
                    continue
                others = line.move_ids.filtered(
                    lambda m, mv=move: m != mv
                    and m.state == "done"
                    and m.location_dest_id.usage in ("customer", "transit")
                )
                done = sum(
                    m.product_uom._compute_quantity(m.quantity, line.product_uom) for m in others
                )
                leaving_now = move.product_uom._compute_quantity(move.quantity, line.product_uom)
                rounding = line.product_uom.rounding
                if (
                    float_compare(
                        leaving_now, line.product_uom_qty - done, precision_rounding=rounding
                    )
                    > 0
                ):
                    beyond |= picking
        return beyond.with_env(self.env)
