"""What a distributor's own people read of their credit in the portal: public figures only."""

from collections import namedtuple
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

from .. import rules
from ..const import OVERDUE_HOLDS, PORTAL_CHANNEL, PORTAL_PROMISE_DAYS

PortalCredit = namedtuple(
    "PortalCredit",
    "controlled limit available owed overdue days_overdue allowed_days held hold_reason "
    "to_pay contact invoices",
)
# A distributor's open promises: the one it made in the portal, what is left to promise and
# what all of them leave unpaid.
PortalPromises = namedtuple("PortalPromises", "own left promised")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _channel_portal_credit(self, company):
        """This distributor's credit in ``company`` as its own people read it in the portal:
        the limit, what is available, owed and overdue, the hold with a public reason (never a
        Credit Manager's own words), what to pay to pass the credit check, and the open
        invoices (posted, unpaid) oldest due first."""
        self.ensure_one()
        # Portal users hold none of the credit readers' groups: the figures are read as
        # superuser, for this commercial entity only (the caller passes the user's own).
        partner = self.commercial_partner_id.sudo().with_company(company)
        controlled = bool(partner.channel_credit_policy or partner.channel_credit_hold_manual)
        limit = partner.channel_effective_limit if controlled else 0.0
        exposure = partner.channel_credit_exposure
        overdue = partner.channel_overdue_amount
        days, allowed = (
            partner.channel_max_overdue_days_actual,
            partner.channel_allowed_overdue_days,
        )
        held = partner.channel_credit_hold
        contact = self._channel_portal_collector(company).partner_id
        to_pay = (
            rules.amount_to_collect(exposure, limit, overdue, days, allowed) if controlled else 0.0
        )
        invoices = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                ],
                order="invoice_date_due, id",
            )
        )
        return PortalCredit(
            controlled=controlled,
            limit=limit,
            available=limit - exposure if controlled else 0.0,
            owed=partner.channel_exposure_receivable,
            overdue=overdue,
            days_overdue=days,
            allowed_days=allowed,
            held=held,
            hold_reason=held and self._channel_portal_hold_reason(partner, days, allowed),
            to_pay=to_pay,
            contact=contact,
            invoices=invoices,
        )

    def _channel_portal_collector(self, company):
        """Who follows this distributor's money in ``company``: its salesperson while they
        work there, else the company's Credit Manager."""
        user = self.commercial_partner_id.sudo().user_id
        if user.active and company in user.company_ids:
            return user
        return company._channel_credit_manager()

    def _channel_portal_hold_reason(self, partner, days, allowed):
        """Why ``partner`` is held, in words for the distributor: the overdue rule with today's
        figures; for a Credit Manager's hold, whom to call (their reason is ours)."""
        code = rules.hold_data(partner.channel_credit_hold_info).get("code")
        if code in OVERDUE_HOLDS and days:
            return self.env._(
                "An invoice is overdue %(days)s days; %(allowed)s days are allowed.",
                days=days,
                allowed=allowed,
            )
        if code in OVERDUE_HOLDS:
            return self.env._("Nothing is overdue any more: the hold is lifted overnight.")
        return self.env._("Your account is on hold: please contact us.")

    def _channel_portal_days_overdue(self, invoice):
        """Days ``invoice`` is overdue today, in the reader's day (0 when not yet due)."""
        today = fields.Date.context_today(self)
        due = invoice.invoice_date_due
        return max((today - due).days, 0) if due else 0

    def _channel_portal_promises(self, company, overdue):
        """This distributor's open promises in ``company`` against ``overdue``: the one it made
        in the portal, what all of them (by phone, on a visit) leave unpaid, and so what is
        left to promise, which is not promised twice."""
        # sudo: portal users have no rights on the collection plan; this entity's only.
        plans = (
            self.env["channel.collection.plan"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", company.id),
                    ("closed", "=", False),
                ]
            )
            .filtered(lambda plan: plan.state == "open")
        )
        own = (
            self.env["channel.collection.contact"]
            .sudo()
            .search([("plan_id", "in", plans.ids), ("channel", "=", PORTAL_CHANNEL)], limit=1)
            .plan_id
        )
        promised = sum(max(plan.amount - plan.paid_amount, 0.0) for plan in plans)
        return PortalPromises(
            own=own,
            left=company.currency_id.round(max(overdue - promised, 0.0)),
            promised=promised,
        )

    def _channel_portal_promise_hint(self, company, promises):
        """What the promise form says of the amount a distributor may promise."""
        currency = company.currency_id
        if not promises.left:
            return self.env._(
                "What is overdue is promised already (%(promised)s): please contact us to "
                "change it.",
                promised=format_amount(self.env, promises.promised, currency),
            )
        left = format_amount(self.env, promises.left, currency)
        if promises.promised:
            return self.env._(
                "Up to %(amount)s: %(promised)s of what is overdue is promised already.",
                amount=left,
                promised=format_amount(self.env, promises.promised, currency),
            )
        return self.env._("Up to %(amount)s.", amount=left)

    def _channel_portal_promise(self, company, amount, promised_for, note=""):
        """Record the promise a portal user of this distributor makes: a conversation through
        the portal with its promise, in the collection plan like any other (kept or broken by
        the money received), followed by the distributor's collector."""
        self.ensure_one()
        partner = self.commercial_partner_id
        # Two promises sent at once are checked one after the other.
        partner._channel_lock()
        today = fields.Date.context_today(self)
        currency = company.currency_id
        promises = partner._channel_portal_promises(
            company, partner._channel_portal_credit(company).overdue
        )
        problem = rules.portal_promise_problem(
            amount, promised_for, today, promises.left, promises.own, PORTAL_PROMISE_DAYS
        )
        if problem == "nothing_overdue" and promises.promised:
            raise UserError(partner._channel_portal_promise_hint(company, promises))
        if problem == "nothing_overdue":
            raise UserError(self.env._("Nothing is overdue: there is nothing to promise."))
        if problem == "open":
            raise UserError(
                self.env._(
                    "Your earlier promise is still open. A promise stays as it was made: "
                    "please contact us to change it."
                )
            )
        if problem == "amount":
            raise UserError(
                self.env._(
                    "Promise an amount above zero and up to what is overdue and not promised yet "
                    "(%(overdue)s).",
                    overdue=format_amount(self.env, promises.left, currency),
                )
            )
        if problem == "date":
            raise UserError(
                self.env._(
                    "Promise a payment date from today to %(last)s.",
                    last=format_date(self.env, today + timedelta(days=PORTAL_PROMISE_DAYS)),
                )
            )
        # Portal users have no rights on collection records: the conversation is recorded
        # as superuser, for this distributor, with the portal user named as who promised.
        contact = (
            self.env["channel.collection.contact"]
            .sudo()
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "user_id": partner._channel_portal_collector(company).id,
                    "date": today,
                    "channel": PORTAL_CHANNEL,
                    "contact_name": self.env.user.name,
                    "their_words": (note or "").strip()[:2000],
                    "promise_amount": amount,
                    "promise_date": promised_for,
                }
            )
        )
        return contact.plan_id
