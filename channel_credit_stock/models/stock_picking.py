from odoo import api, fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    channel_awaiting_payment = fields.Boolean(
        string="Awaiting Payment",
        compute="_compute_channel_awaiting_payment",
        search="_search_channel_awaiting_payment",
        help="The customer pays before delivery and this order is not paid yet.",
    )

    @api.depends("sale_id", "picking_type_code", "state")
    def _compute_channel_awaiting_payment(self):
        unpaid = self._channel_unpaid_orders()
        for picking in self:
            picking.channel_awaiting_payment = picking.sale_id in unpaid

    def _search_channel_awaiting_payment(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Awaiting Payment."))
        open_deliveries = self.search(
            [
                ("picking_type_code", "=", "outgoing"),
                ("sale_id", "!=", False),
                ("state", "not in", ("done", "cancel")),
            ]
        )
        waiting = open_deliveries.filtered("channel_awaiting_payment")
        return [("id", "in" if (operator == "=") == value else "not in", waiting.ids)]

    def button_validate(self):
        # Before Odoo's own dialogs (immediate transfer, backorder), which end in _action_done.
        self._channel_check_paid()
        return super().button_validate()

    def _action_done(self):
        self._channel_check_paid()
        return super()._action_done()

    def _channel_check_paid(self):
        """Goods of a cash-before-delivery distributor leave only once its order is paid:
        whatever the door (validate, wizards, RPC), every delivery ends here."""
        unpaid = self._channel_unpaid_orders()
        if unpaid:
            raise UserError(
                self.env._(
                    "Cash before delivery: %(orders)s must be paid before its goods leave. "
                    "Register the customer's payment on the order's invoice, or a prepayment "
                    "that covers what it owes.",
                    orders=", ".join(unpaid.mapped("name")),
                )
            )

    def _channel_unpaid_orders(self):
        """The sale orders among these outgoing deliveries whose customer or invoice address
        pays before delivery and that are not paid (sale.order._channel_is_paid)."""
        outgoing = self.filtered(lambda p: p.picking_type_code == "outgoing" and p.sale_id)
        # sudo: a warehouse user validates deliveries without reading invoices or credit.
        return outgoing.sale_id.sudo()._channel_unpaid_cash_before_delivery().with_env(self.env)
