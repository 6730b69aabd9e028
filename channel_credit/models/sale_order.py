from collections import namedtuple
from contextlib import contextmanager

from odoo import api, fields, models, tools
from odoo.addons.b2b_base import guards
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from .. import rules
from ..const import CREDIT_READERS
from ..rules import NO_FIGURES

CreditCheck = namedtuple(
    "CreditCheck",
    "order partner policy limit figures amount exposure within_limit overdue_days allowed_days "
    "manual_hold",
)

# Transaction-wide set of the order ids whose change is being checked by an outer call, so the
# line writes that an order write makes are checked once, by the outer call (a context key
# would be forgeable over RPC).
WATCHED = "channel_credit_watched_orders"
# Set while orders are created: their lines are checked once, with the new orders.
CREATING = "channel_credit_creating_orders"
# Set while Odoo cancels orders (_action_cancel): the one way a confirmed order leaves its state.
CANCELLING = "channel_credit_cancelling_orders"
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
# What a quotation's credit check says, before confirming it.
CREDIT_STATES = [
    ("ok", "Within Credit"),
    ("warn", "Over Credit (Warning)"),
    ("needs_release", "Needs Credit Approval"),
    ("requested", "Awaiting Credit Approval"),
    ("released", "Credit Approved"),
    ("blocked", "Blocked by Credit"),
]
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

    def _channel_open_requests(self):
        """The release requests of these orders still waiting for a decision."""
        return self.sudo().channel_release_ids.filtered(lambda r: r.state == "requested")

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

    # Business methods --------------------------------------------------------------------------

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

    def _channel_owed(self):
        """What each confirmed order owes each of its controlled payers and has not been
        invoiced yet.

        :return: (ids of the confirmed orders, {(order id, payer id): amount})
        """
        confirmed = self.filtered(lambda o: o.state == "sale")
        owed = {}
        for order in confirmed:
            payers = order._channel_payers()
            amount = payers and order._channel_uninvoiced_amount()
            for payer in payers:
                owed[(order.id, payer.id)] = amount
        return set(confirmed.ids), owed

    def _channel_payers(self, *partners):
        """{commercial partner: policy} of the customer and invoice address (or of
        ``partners``), when controlled in the order's company."""
        self.ensure_one()
        partners = self.env["res.partner"].union(*partners) or (
            self.partner_id | self.partner_invoice_id
        )
        partners = partners.commercial_partner_id
        partners = partners.sudo().with_company(self.company_id)
        # A Credit Manager's hold applies to a partner without a policy too: as a block.
        return {
            p: p.channel_credit_policy or "block"
            for p in partners
            if p.channel_credit_policy or p.channel_credit_hold_manual
        }

    def _channel_uninvoiced_amount(self):
        """What is ordered and not invoiced yet, taxes included, in company currency: computed
        again from the lines with Odoo's tax engine at today's rate, never read from the
        stored totals or the order's rate."""
        self.ensure_one()
        company = self.company_id
        currency = self.currency_id or company.currency_id
        rate = self.env["res.currency"]._get_conversion_rate(
            company.currency_id, currency, company, fields.Date.context_today(self)
        )
        Tax = self.env["account.tax"]
        base_lines = [
            Tax._prepare_base_line_for_taxes_computation(
                line,
                tax_ids=line.tax_id,
                quantity=max(line.product_uom_qty - line.qty_invoiced, 0.0),
                partner_id=self.partner_id,
                currency_id=currency,
                rate=rate,
            )
            for line in self.order_line
            if not line.display_type and line.product_uom_qty > 0
        ]
        if not base_lines:
            return 0.0
        Tax._add_tax_details_in_base_lines(base_lines, company)
        Tax._round_base_lines_tax_details(base_lines, company)
        totals = Tax._get_tax_totals_summary(
            base_lines=base_lines, currency=currency, company=company
        )
        # An order never owes less than nothing: a negative one cannot make room for others.
        return max(totals["total_amount"], 0.0)

    def _channel_credit_gate(self, grown=None):
        """Serialize per payer, check, then warn, block or use a release.

        :param grown: the (order id, payer id) pairs to check; all when None
        """
        checks = self._channel_credit_check(lock=True)
        for check in checks:
            if grown is not None and (check.order.id, check.partner.id) not in grown:
                continue
            order = check.order
            if order._channel_passes(check):
                continue
            message = order._channel_credit_message(check)
            # A hold is a Credit Manager's decision: no policy or release goes around it.
            if check.policy == "warn" and not check.manual_hold:
                order.message_post(body=message, subtype_xmlid="mail.mt_note")
                continue
            release = (
                check.policy == "approval"
                and not check.manual_hold
                and order._channel_valid_release(check)
            )
            if release:
                release._channel_use(check, message)
                continue
            if not self.env.user.has_group("channel_credit.group_channel_credit_user"):
                # A customer confirming online (as sudo) does not read our credit figures.
                message = self.env._(
                    "Order %(order)s cannot be confirmed online: please contact us.",
                    order=order.name,
                )
            raise UserError(message)

    def _channel_credit_status(self, checks):
        """(state, text) of a quotation's credit checks, one per controlled payer: the worst
        one decides."""
        self.ensure_one()
        currency = self.company_id.currency_id
        failing = [check for check in checks if not self._channel_passes(check)]
        if not failing and any(check.policy == "prepay" for check in checks):
            return "ok", self.env._(
                "Cash before delivery: the order can be confirmed; its delivery waits until it "
                "is paid."
            )
        if not failing:
            tightest = min(checks, key=lambda c: c.limit - c.exposure)
            return "ok", self.env._(
                "Within credit: %(available)s available for %(partner)s, %(left)s left after "
                "this order.",
                available=format_amount(
                    self.env, tightest.limit - tightest.exposure + tightest.amount, currency
                ),
                partner=tightest.partner.display_name,
                left=format_amount(self.env, tightest.limit - tightest.exposure, currency),
            )
        order_by = {"block": 0, "approval": 1, "warn": 2, "prepay": 3}
        check = min(failing, key=lambda c: (not c.manual_hold, order_by[c.policy]))
        text = self._channel_credit_message(check)
        if check.manual_hold or check.policy == "block":
            return "blocked", text
        if check.policy == "warn":
            return "warn", text
        manager = self.company_id._channel_credit_manager().name
        if self._channel_valid_release(check):
            return "released", self._channel_credit_message(check, next_step=False) + "\n" + (
                self.env._("A Credit Manager approved a release: the order can be confirmed.")
            )
        requests = self._channel_open_requests().filtered(lambda r: r.partner_id == check.partner)
        if requests:
            return "requested", self._channel_credit_message(check, next_step=False) + "\n" + (
                self.env._(
                    "Next: wait for the decision of %(manager)s (Credit Manager) on your request.",
                    manager=requests[:1].decider_id.name or manager,
                )
            )
        return "needs_release", text

    def _channel_credit_check(self, lock=False):
        """Check these orders against their payers' credit, set-wise per company.

        Each order is checked for each controlled payer (customer and invoice address): the
        payer's exposure without these orders, plus what each of them owes, added up in the
        order of their ids. With ``lock``, the payers are locked and touched first, so two
        transactions confirming for the same distributor cannot both pass a limit that only
        one fits (the later one waits, then fails to serialize and is retried by the server).

        :return: [CreditCheck], one per order and controlled payer
        """
        today = fields.Date.context_today(self)
        results = []
        orders_sudo = self.sudo()
        for company in orders_sudo.company_id:
            orders = orders_sudo.filtered(lambda o, c=company: o.company_id == c)
            payers = {order: order._channel_payers() for order in orders}
            partners = self.env["res.partner"].sudo().with_company(company)
            for policies in payers.values():
                partners |= self.env["res.partner"].union(*policies)
            if not partners:
                continue
            if lock:
                partners._channel_lock()
            figures = partners._channel_credit_figures(company, exclude_orders=orders._origin)
            limits = partners._channel_effective_limits(today)
            ladder_cap = company._channel_ladder_cap()
            running = {}
            for order in orders.sorted("id"):
                if not payers[order]:
                    continue
                amount = order._channel_uninvoiced_amount()
                for partner, policy in payers[order].items():
                    fig = figures.get(partner.id, NO_FIGURES)
                    running[partner] = running.get(partner, fig.exposure) + amount
                    results.append(
                        CreditCheck(
                            order=order.with_env(self.env),
                            partner=partner,
                            policy=policy,
                            limit=limits[partner.id],
                            figures=fig,
                            amount=amount,
                            exposure=running[partner],
                            within_limit=rules.within_limit(
                                running[partner], limits[partner.id], company.currency_id.rounding
                            ),
                            overdue_days=fig.days_overdue(today),
                            allowed_days=rules.allowed_overdue_days(
                                partner.channel_max_overdue_days, ladder_cap
                            )[0],
                            # A Credit Manager's hold: its reason, or "" when there is none.
                            manual_hold=partner.channel_credit_hold_manual
                            and (partner.channel_credit_hold_reason or "-"),
                        )
                    )
        return results

    @api.model
    def _channel_passes(self, check):
        if check.policy == "prepay":
            # The goods wait for the money (channel_credit_stock checks them as they leave).
            return not check.manual_hold
        return (
            not check.manual_hold
            and check.within_limit
            and not rules.overdue_too_long(check.overdue_days, check.allowed_days)
        )

    def _channel_valid_release(self, check):
        """The approved, unused release of this order, for this payer and company, that still
        covers the order, if any."""
        self.ensure_one()
        company = self.company_id
        now = fields.Datetime.now()
        for release in self.sudo().channel_release_ids:
            if (
                release.state == "approved"
                and release.partner_id == check.partner
                and release.company_id == company
                and rules.release_still_valid(
                    (release.amount, release.exposure),
                    (check.amount, check.exposure),
                    (now - release.decision_date).total_seconds() / 86400,
                    company.channel_release_max_growth,
                    company.channel_release_validity_days,
                )
            ):
                return release
        return self.env["channel.credit.release"]

    def _channel_request_release(self, checks):
        """One open request per order and payer that failed: the existing one, or a new one."""
        Release = self.env["channel.credit.release"]
        for check in checks:
            existing = check.order._channel_open_requests().filtered(
                lambda r, c=check: r.partner_id == c.partner
            )
            Release |= existing or Release.sudo()._channel_create_request(check)
        return Release

    def _channel_credit_message(self, check, next_step=True):
        """Why this order fails: the limit, the exposure by component, what is overdue, and
        (with ``next_step``) what the salesperson can do about it."""
        self.ensure_one()
        currency = self.company_id.currency_id

        def money(value):
            return format_amount(self.env, value, currency)

        fig = check.figures
        lines = [
            self.env._(
                "Credit check failed for %(partner)s on order %(order)s.",
                partner=check.partner.display_name,
                order=self.name,
            ),
            self.env._("Credit limit: %(limit)s", limit=money(check.limit)),
            self.env._(
                "Exposure with this order: %(total)s = open receivables %(receivable)s + draft "
                "invoices %(draft)s + uninvoiced orders %(orders)s + this order %(order)s",
                total=money(check.exposure),
                receivable=money(fig.receivable),
                draft=money(fig.draft),
                orders=money(check.exposure - fig.receivable - fig.draft - check.amount),
                order=money(check.amount),
            ),
        ]
        if not check.within_limit:
            lines.append(
                self.env._(
                    "Over the limit by %(amount)s.", amount=money(check.exposure - check.limit)
                )
            )
        if rules.overdue_too_long(check.overdue_days, check.allowed_days):
            lines.append(
                self.env._(
                    "Overdue: %(amount)s, the oldest invoice %(days)s days past due "
                    "(allowed: %(allowed)s days).",
                    amount=money(fig.overdue),
                    days=check.overdue_days,
                    allowed=check.allowed_days,
                )
            )
        if check.manual_hold:
            lines.append(self.env._("On credit hold: %(reason)s", reason=check.manual_hold))
        if next_step and (check.policy != "warn" or check.manual_hold):
            lines.append(self._channel_next_step(check))
        return "\n".join(lines)

    def _channel_next_step(self, check):
        """What the salesperson can do about a failed check: whom to ask, what to collect."""
        manager = self.company_id._channel_credit_manager().name
        currency = self.company_id.currency_id
        if check.manual_hold:
            return self.env._(
                "Next: ask %(manager)s (Credit Manager) to lift the hold.", manager=manager
            )
        if check.policy == "approval":
            decider = self.company_id._channel_release_decider(self.env.user)
            return self.env._(
                "Next: request a credit release with your reason; %(manager)s (Credit Manager) "
                "decides it.",
                manager=decider.name or manager,
            )
        collect = max(check.exposure - check.limit, 0.0)
        if rules.overdue_too_long(check.overdue_days, check.allowed_days):
            collect = max(collect, check.figures.overdue)
        return self.env._(
            "Next: collect at least %(amount)s from %(partner)s, or ask %(manager)s (Credit "
            "Manager) for a higher or temporary limit.",
            amount=format_amount(self.env, collect, currency),
            partner=check.partner.display_name,
            manager=manager,
        )
