"""The credit gate: what an order owes, each payer's check, releases and the message."""

from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from .. import rules
from ..rules import NO_FIGURES

CreditCheck = namedtuple(
    "CreditCheck",
    "order partner policy limit figures amount exposure within_limit overdue_days allowed_days "
    "manual_hold",
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

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
        check = min(failing, key=lambda c: rules.check_severity(c.manual_hold, c.policy))
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
        # On cash before delivery, channel_credit_stock checks the goods as they leave.
        return rules.gate_passes(
            check.policy,
            check.manual_hold,
            check.within_limit,
            check.overdue_days,
            check.allowed_days,
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
        collect = rules.amount_to_collect(
            check.exposure,
            check.limit,
            check.figures.overdue,
            check.overdue_days,
            check.allowed_days,
        )
        return self.env._(
            "Next: collect at least %(amount)s from %(partner)s, or ask %(manager)s (Credit "
            "Manager) for a higher or temporary limit.",
            amount=format_amount(self.env, collect, currency),
            partner=check.partner.display_name,
            manager=manager,
        )
