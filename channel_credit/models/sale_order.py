from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount

from .. import rules
from .res_partner import NO_FIGURES

CreditCheck = namedtuple(
    "CreditCheck",
    "partner policy limit figures amount exposure within_limit overdue_days allowed_days",
)


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

    def action_confirm(self):
        # Orders under the approval policy that fail the check are not confirmed: they get a
        # release request, created here (not inside a transaction that then raises).
        pending = self.filtered(
            lambda o: o.channel_commercial_partner_id.channel_credit_policy == "approval"
        )
        if pending:
            checks = pending._channel_credit_check()
            pending = pending.filtered(
                lambda o: not o._channel_passes(checks[o])
                and not o._channel_valid_release(checks[o])
            )
        if not pending:
            return super().action_confirm()
        releases = pending._channel_request_release(checks)
        if self - pending:
            super(SaleOrder, self - pending).action_confirm()
        return releases._channel_open_action()

    def write(self, vals):
        # The gate sits where an order becomes confirmed, so no caller, context key or RPC
        # write of the state can go around it.
        if vals.get("state") == "sale":
            self.filtered(lambda o: o.state in ("draft", "sent"))._channel_credit_gate()
        return super().write(vals)

    def _channel_credit_gate(self):
        """Serialize per commercial partner, check, then warn, block or use a release."""
        checks = self._channel_credit_check(lock=True)
        for order, check in checks.items():
            if order._channel_passes(check):
                continue
            message = order._channel_credit_message(check)
            if check.policy == "warn":
                order.message_post(body=message, subtype_xmlid="mail.mt_note")
                continue
            release = check.policy == "approval" and order._channel_valid_release(check)
            if release:
                release._channel_use(check, message)
                continue
            if check.policy == "approval":
                message += "\n" + self.env._(
                    "Request a credit release: only a Credit Manager can approve it."
                )
            raise UserError(message)

    def _channel_credit_check(self, lock=False):
        """Check these orders against their distributors' credit, set-wise per company.

        Orders of one distributor confirmed together add up in the order of their ids.
        With ``lock``, the commercial partners are locked and touched first, so two
        transactions confirming for the same distributor cannot both pass a limit that only
        one fits (the later one waits, then fails to serialize and is retried by the server).

        :return: {order: CreditCheck} for the orders of credit-controlled partners
        """
        today = fields.Date.context_today(self)
        results = {}
        for company in self.company_id:
            orders = self.filtered(
                lambda o, c=company: o.company_id == c
                and o.channel_commercial_partner_id.with_company(c).channel_credit_policy
            ).with_company(company)
            partners = orders.channel_commercial_partner_id
            if not partners:
                continue
            if lock:
                self._channel_lock_partners(partners)
            figures = partners._channel_credit_figures(company)
            limits = partners._channel_effective_limits(today)
            running = {}
            for order in orders.sorted("id"):
                partner = order.channel_commercial_partner_id
                fig = figures.get(partner.id, NO_FIGURES)
                amount = order.amount_total / (order.currency_rate or 1.0)
                running[partner] = running.get(partner, fig.exposure) + amount
                limit = limits[partner.id]
                results[order] = CreditCheck(
                    partner=partner,
                    policy=partner.channel_credit_policy,
                    limit=limit,
                    figures=fig,
                    amount=amount,
                    exposure=running[partner],
                    within_limit=rules.within_limit(
                        running[partner], limit, company.currency_id.rounding
                    ),
                    overdue_days=fig.days_overdue(today),
                    allowed_days=partner.channel_max_overdue_days,
                )
        return results

    @api.model
    def _channel_lock_partners(self, partners):
        # Lock in id order (no deadlock between multi-partner confirmations), then write the
        # rows: under repeatable read, a concurrent checker that waited for this lock then
        # fails to serialize, and its retry sees what this transaction confirmed.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE id = ANY(%s) ORDER BY id FOR NO KEY UPDATE",
                partners.ids,
            )
        )
        self.env.cr.execute(
            SQL("UPDATE res_partner SET write_date = write_date WHERE id = ANY(%s)", partners.ids)
        )

    @api.model
    def _channel_passes(self, check):
        return check.within_limit and not rules.overdue_too_long(
            check.overdue_days, check.allowed_days
        )

    def _channel_valid_release(self, check):
        """The approved, unused release that still covers this order, if any."""
        self.ensure_one()
        company = self.company_id
        now = fields.Datetime.now()
        for release in self.sudo().channel_release_ids.filtered(lambda r: r.state == "approved"):
            if rules.release_still_valid(
                release.amount,
                check.amount,
                (now - release.decision_date).total_seconds() / 86400,
                company.channel_release_max_growth,
                company.channel_release_validity_days,
            ):
                return release
        return self.env["channel.credit.release"]

    def _channel_request_release(self, checks):
        Release = self.env["channel.credit.release"]
        for order in self:
            check = checks[order]
            existing = order.sudo().channel_release_ids.filtered(lambda r: r.state == "requested")
            Release |= existing or Release.sudo()._channel_create_request(order, check)
        return Release

    def _channel_credit_message(self, check):
        """Why this order fails: the limit, the exposure by component, what is overdue."""
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
                orders=money(fig.orders),
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
        return "\n".join(lines)
