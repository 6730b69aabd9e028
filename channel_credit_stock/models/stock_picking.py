"""Cash before delivery on the transfer a warehouse user validates: the delivery says it waits
for payment, is refused before Odoo's backorder dialog, and keeps its status and order."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    channel_awaiting_payment = fields.Boolean(
        string="Awaiting Payment",
        compute="_compute_channel_awaiting_payment",
        search="_search_channel_awaiting_payment",
        help="The customer pays before delivery and what this transfer delivers is not paid "
        "yet.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("move_ids.state", "move_ids.product_uom_qty", "partner_id")
    def _compute_channel_awaiting_payment(self):
        held = self._channel_held()
        for picking in self:
            picking.channel_awaiting_payment = picking in held

    def _search_channel_awaiting_payment(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Awaiting Payment."))
        open_ones = self.search([("state", "not in", ("draft", "done", "cancel"))])
        waiting = open_ones._channel_held()
        return [("id", "in" if (operator == "=") == value else "not in", waiting.ids)]

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def write(self, vals):
        if not self.env.su:
            self._channel_check_picking_write(vals)
        return super().write(vals)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def button_validate(self):
        # Before Odoo's own dialogs (backorder and the like); the moves are checked again as
        # they are done, whatever the door.
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        moves._channel_check_cash_before_delivery()
        return super().button_validate()

    def _channel_held(self):
        """The open transfers among these whose goods, delivered as planned, could not leave
        (cash before delivery)."""
        held = self.browse()
        for picking in self.filtered(lambda p: p.state not in ("done", "cancel")):
            moves = picking.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
            if moves._channel_cash_before_delivery_problems(planned=True):
                held |= picking
        return held

    def _channel_check_picking_write(self, vals):
        """A transfer is done by validating it, and the order of a cash-before-delivery
        delivery is not changed but by a Credit Manager."""
        if "state" in vals and (
            vals["state"] == "done" or self.filtered(lambda p: p.state == "done")
        ):
            raise AccessError(
                self.env._("A transfer is done by validating it, and stays done once it is.")
            )
        if {"sale_id", "group_id"} & vals.keys() and not self.move_ids[
            :1
        ]._channel_is_credit_manager():
            order = self.env["sale.order"].sudo().browse(vals.get("sale_id"))
            if self.move_ids._channel_cash_before_delivery() or (
                "prepay" in order._channel_payers().values() if order else False
            ):
                raise AccessError(
                    self.env._(
                        "The order of a cash-before-delivery delivery is not changed but by a "
                        "Credit Manager."
                    )
                )
