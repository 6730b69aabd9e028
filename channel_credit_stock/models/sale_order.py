"""Cash before delivery (款到发货) from the order's side: who pays before delivery, and the money
received for an order."""

from odoo import api, fields, models
from odoo.addons.channel_credit import rules
from odoo.addons.channel_credit.rules import NO_FIGURES


class SaleOrder(models.Model):
    _inherit = "sale.order"

    channel_awaiting_payment = fields.Boolean(
        string="Delivery Awaiting Payment",
        compute="_compute_channel_awaiting_payment",
        help="The customer pays before delivery: a delivery of this order waits for the money.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("state", "picking_ids.state")
    def _compute_channel_awaiting_payment(self):
        # As superuser: a salesperson without Inventory reads whether their order's goods wait.
        held = self.sudo().picking_ids._channel_held()
        for order in self:
            order.channel_awaiting_payment = bool(order.sudo().picking_ids & held)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_prepay_payers(self):
        """The order's payers (customer, invoice address) who pay before delivery."""
        self.ensure_one()
        return self.env["res.partner"].union(
            *(p for p, policy in self._channel_payers().items() if policy == "prepay")
        )

    def _channel_check_delivered_goods_paid(self, strict=False):
        """After a change of these orders' prices or lines, or of the money matched to their
        invoices: the goods of a cash-before-delivery distributor that already left must still
        be paid for. A Credit Manager may decide otherwise."""
        user = self.env.user
        if not user._is_superuser() and user.has_group(
            "channel_credit.group_channel_credit_manager"
        ):
            return
        moves = self.sudo().order_line.move_ids.filtered(lambda m: m.state == "done")
        if moves:
            moves.with_env(self.env)._channel_check_cash_before_delivery(strict=strict)

    def _channel_prepaid_in_full(self, receivers, shortfall):
        """Whether the money this confirmed order's distributors paid in advance (payments and
        bank lines not matched yet) covers everything they owe and have ordered, and this
        order's ``shortfall`` (what left of it beyond its invoices' money), so its goods may
        leave before its own invoices are paid. Only for the order's own payers: goods going
        to a distributor who pays before delivery on another's order wait for that order's
        own money."""
        self.ensure_one()
        prepay = self._channel_prepay_payers()
        strangers = (
            receivers.with_company(self.company_id).filtered(
                lambda p: p.channel_credit_policy == "prepay"
            )
            - self._channel_payer_entities()
        )
        if self.state != "sale" or not prepay or strangers:
            return False
        company = self.company_id
        figures = prepay._channel_credit_figures(company)
        receivables = prepay._channel_prepayments(company)
        rounding = company.currency_id.rounding
        # Everything they owe against the money they paid in advance: an unmatched credit note
        # or journal entry on their receivable is no prepayment.
        for partner in prepay:
            fig = figures.get(partner.id, NO_FIGURES)
            owed, money = receivables.get(partner.id, (0.0, 0.0))
            needed = max(owed + fig.draft + fig.orders, shortfall)
            if not rules.within_limit(needed, money, rounding):
                return False
        return True
