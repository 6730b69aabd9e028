"""Sale orders under credit control: the status a rep reads, who pays, guards on every change."""

from contextlib import contextmanager

from odoo import api, fields, models, tools
from odoo.addons.b2b_base import guards
from odoo.exceptions import AccessError, UserError

from ..const import CANCELLING, CREATING, CREDIT_READERS, CREDIT_STATES, WATCHED

# A confirmed order changed in these may leave its payer's credit line.
KEPT_FIELDS = {"partner_id", "partner_invoice_id", "state"}

# Order fields whose change cannot change what the order owes nor who pays it.
NEUTRAL_FIELDS = {
    "access_token",
    "client_order_ref",
    "commitment_date",
    "locked",
    "message_main_attachment_id",
    "note",
    "origin",
    "reference",
    "signature",
    "signed_by",
    "signed_on",
    "tag_ids",
    "validity_date",
}

# Stored computed figures that credit exposure is built from.
GUARDED_FIGURES = {"amount_untaxed", "amount_tax", "amount_total", "currency_rate"}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    channel_commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")
    channel_release_ids = fields.One2many(
        "channel.credit.release", "order_id", string="Credit Releases"
    )
    channel_credit_hold = fields.Boolean(
        related="partner_id.commercial_partner_id.channel_credit_hold"
    )
    channel_credit_hold_reason = fields.Char(
        related="partner_id.commercial_partner_id.channel_credit_hold_reason"
    )
    # The credit status a rep reads on a quotation before confirming it.
    channel_credit_state = fields.Selection(
        CREDIT_STATES,
        string="Credit Status",
        compute="_compute_channel_credit_state",
        groups=CREDIT_READERS,
    )
    channel_credit_summary = fields.Text(
        compute="_compute_channel_credit_state", groups=CREDIT_READERS
    )
    channel_release_state = fields.Selection(
        related="channel_release_ids.state", string="Credit Approval"
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(
        "state",
        "partner_id",
        "partner_invoice_id",
        "currency_id",
        "order_line.product_uom_qty",
        "order_line.price_unit",
        "order_line.discount",
        "order_line.tax_id",
        "channel_release_ids.state",
    )
    def _compute_channel_credit_state(self):
        self.channel_credit_state = self.channel_credit_summary = False
        quotations = self.filtered(lambda o: o.state in ("draft", "sent"))
        checks = {}
        for check in quotations._channel_credit_check():
            checks.setdefault(check.order, []).append(check)
        for order, order_checks in checks.items():
            order.channel_credit_state, order.channel_credit_summary = order._channel_credit_status(
                order_checks
            )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def init(self):
        # Exposure counts an order for its invoice address too (whoever pays); the few orders
        # billed to another partner than their customer are found through this small index.
        tools.create_index(
            self.env.cr,
            "sale_order_channel_billed_elsewhere_index",
            self._table,
            ["partner_invoice_id"],
            where="partner_invoice_id != partner_id AND state = 'sale'",
        )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = guards.refuse_system_fields(self, vals_list, GUARDED_FIGURES)
        # A post-condition: whatever the values, context defaults or ir.default made of them,
        # a new order that is already confirmed goes through the gate.
        cache = self.env.cr.cache
        cache[CREATING] = cache.get(CREATING, 0) + 1
        try:
            with self.browse()._channel_watch() as watch:
                orders = super().create(vals_list)
                watch(orders)
        finally:
            cache[CREATING] -= 1
        orders._channel_check_payment_term()
        return orders

    def write(self, vals):
        [vals] = guards.refuse_system_fields(self, [vals], GUARDED_FIGURES, records=self)
        if vals.keys() <= NEUTRAL_FIELDS:
            return super().write(vals)
        payers_before = self._channel_confirmed_payers() if KEPT_FIELDS & vals.keys() else {}
        with self._channel_watch() as watch:
            result = super().write(vals)
            watch(self)
        if payers_before:
            self._channel_check_payers_kept(payers_before)
        if vals.keys() & {"payment_term_id", "partner_id", "partner_invoice_id"}:
            self._channel_check_payment_term()
        return result

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_confirm(self):
        # Orders under the approval policy that fail the check are not confirmed: they get a
        # release request, created here (not inside a transaction that then raises).
        pending = self.filtered(lambda o: "approval" in o._channel_payers().values())
        requests = []
        if pending:
            requests = [
                check
                for check in pending._channel_credit_check()
                if check.policy == "approval"
                and not check.manual_hold
                and not check.order._channel_passes(check)
                and not check.order._channel_valid_release(check)
            ]
            pending = self.browse(list(dict.fromkeys(check.order.id for check in requests)))
        if not pending:
            return super().action_confirm()
        if self - pending:
            super(SaleOrder, self - pending).action_confirm()
        user = self.env.user
        if user._is_superuser() or user.share:
            # Confirmed online or by a job: asked on behalf of the salesperson.
            return pending._channel_request_release(requests)._channel_open_action()
        # A person asks with a reason: the request is made when they submit it.
        open_requests = pending._channel_open_requests()
        unasked = pending - open_requests.order_id
        if len(pending) == 1 and unasked:
            return pending._channel_new_request_action()
        if unasked:
            raise UserError(
                self.env._(
                    "These orders need credit approval: %(orders)s. Open each one and request "
                    "it with your reason.",
                    orders=", ".join(unasked.mapped("name")),
                )
            )
        return open_requests.with_env(self.env)._channel_open_action()

    def action_channel_request_release(self):
        self.ensure_one()
        open_requests = self._channel_open_requests()
        if open_requests:
            return open_requests.with_env(self.env)._channel_open_action()
        return self._channel_new_request_action()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _action_cancel(self):
        # Cancelling (which cancels the deliveries too) is how a confirmed order leaves its
        # payer's credit line; cr.cache, not a context key: no RPC call can set it.
        cache = self.env.cr.cache
        cache[CANCELLING] = cache.get(CANCELLING, 0) + 1
        try:
            return super()._action_cancel()
        finally:
            cache[CANCELLING] -= 1

    def _channel_confirmed_payers(self):
        """{order: (customer, invoice address)} as commercial entities, of the confirmed orders
        among these with a controlled payer, as they are before a change."""
        return {
            order: order._channel_payer_roles()
            for order in self.sudo().filtered(lambda o: o.state == "sale")
            if order._channel_payers()
        }

    def _channel_payer_roles(self):
        self.ensure_one()
        return (
            self.partner_id.commercial_partner_id,
            self.partner_invoice_id.commercial_partner_id,
        )

    def _channel_check_payers_kept(self, before):
        """A confirmed order of a controlled distributor keeps its payer and stays confirmed:
        moving it to another customer or invoice address, or writing it back to a quotation,
        would free the distributor's credit while its goods are sold. A Credit Manager may;
        cancelling the order (and its deliveries) is the way out for everyone else."""
        if self.env["res.partner"]._channel_user_is_credit_manager():
            return
        for order, roles in before.items():
            controlled = self.env["res.partner"].union(*order._channel_payers(*roles))
            if order.state != "sale" and not self.env.cr.cache.get(CANCELLING):
                raise AccessError(
                    self.env._(
                        "%(order)s is confirmed for %(payers)s: cancel it to take it back; its "
                        "status is not written by hand.",
                        order=order.name,
                        payers=", ".join(controlled.mapped("display_name")),
                    )
                )
            left = self.env["res.partner"].union(
                *(
                    old
                    for old, new in zip(roles, order._channel_payer_roles(), strict=True)
                    if old != new and old in controlled
                )
            )
            if left:
                raise AccessError(
                    self.env._(
                        "%(order)s is confirmed on the credit of %(payers)s: only a Credit "
                        "Manager moves it to another customer or invoice address.",
                        order=order.name,
                        payers=", ".join(left.mapped("display_name")),
                    )
                )

    def _channel_payer_entities(self):
        """The commercial entities of the customer and the invoice address, controlled or
        not."""
        self.ensure_one()
        return (self.partner_id | self.partner_invoice_id).commercial_partner_id

    def _channel_check_payment_term(self):
        """A payment term longer than the payer's credit term would push the due dates past
        the overdue rule: only a Credit Manager gives one."""
        if self.env["res.partner"]._channel_user_is_credit_manager():
            return
        for order in self.sudo().filtered("payment_term_id"):
            allowed = min(
                (payer.channel_credit_term_days for payer in order._channel_payers()),
                default=None,
            )
            if allowed is not None and order.payment_term_id._channel_max_days() > allowed:
                raise UserError(
                    self.env._(
                        "The payment term %(term)s is longer than the credit term of "
                        "%(days)s days: only a Credit Manager can give it.",
                        term=order.payment_term_id.display_name,
                        days=allowed,
                    )
                )

    def _channel_open_requests(self):
        """The release requests of these orders still waiting for a decision."""
        return self.sudo().channel_release_ids.filtered(lambda r: r.state == "submitted")

    def _channel_new_request_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Credit Approval"),
            "res_model": "channel.credit.release",
            "view_mode": "form",
            "views": [
                (self.env.ref("channel_credit.channel_credit_release_view_form_request").id, "form")
            ],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    @contextmanager
    def _channel_watch(self):
        """Check the orders as they are after the change made in the ``with`` block.

        ``self`` are the orders as they are before the change; the block calls the yielded
        ``watch(orders)`` with the orders after it. An order is checked when it is confirmed
        after the change and either was not before, or owes a controlled payer more than
        before (grown lines, a negative line removed, another customer, invoice address or
        currency). Orders already watched by an outer call are left to it.
        """
        watched = self.env.cr.cache.setdefault(WATCHED, set())
        outer = set(watched)
        mine = self.sudo().filtered(lambda o: o.id not in outer)
        confirmed_before, owed_before = mine._channel_owed()
        watched.update(mine.ids)
        after = self.browse()

        def watch(orders):
            nonlocal after
            after |= orders

        try:
            yield watch
            changed = (
                (mine | after.sudo())
                .exists()
                .filtered(lambda o: o.id not in outer and o.state == "sale")
            )
            _confirmed, owed_after = changed._channel_owed()
            currencies = {order.id: order.company_id.currency_id for order in changed}
            grown = {
                key
                for key, amount in owed_after.items()
                if key[0] not in confirmed_before
                or currencies[key[0]].compare_amounts(amount, owed_before.get(key, 0.0)) > 0
            }
            if grown:
                self.browse({order_id for order_id, _payer in grown})._channel_credit_gate(grown)
        finally:
            watched.difference_update(mine.ids)
