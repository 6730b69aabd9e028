"""What a distributor reads of a quotation's credit check in the portal, before accepting it."""

from odoo import models
from odoo.tools import format_amount

from .. import rules


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _channel_portal_credit_status(self, user):
        """(level, text) of this quotation's credit check in words for ``user``, who reads it
        in the portal to accept it online (the page reads the order as superuser); level: a
        Bootstrap alert colour. None when its payers are not under credit control, it is no
        longer a quotation, or the reader is not one of its payers (a link holder, another
        company's buyer). Never our figures or notes: what happens when they accept, and what
        to pay when it cannot go through (the reader's own figures only)."""
        self.ensure_one()
        reader = user.partner_id.commercial_partner_id
        # The customer reads no credit fields: the check of their own quotation is read as
        # superuser and only its outcome is shown.
        order = self.sudo()
        if (
            user._is_public()
            or order.state not in ("draft", "sent")
            or reader not in order._channel_payers()
        ):
            return None
        # One check for both what accepting does and what to pay.
        checks = order._channel_credit_check()
        if not checks:
            return None
        state = order._channel_credit_status(checks)[0]
        env = self.env
        if state == "ok":
            return "success", env._("Within your credit: you can confirm this order online.")
        if state == "warn":
            return "warning", env._(
                "This order is over your available credit: you can confirm it, and we will "
                "be in touch."
            )
        if state == "needs_release":
            return "warning", env._(
                "This order is over your available credit. When you accept it, it goes to our "
                "Credit Manager for approval; we confirm it once approved."
            )
        if state == "requested":
            return "info", env._(
                "Waiting for credit approval: we confirm your order once it is approved."
            )
        if state == "released":
            return "success", env._("Credit approved: you can confirm this order online.")
        # What to pay is the reader's own figure; another payer's is not theirs to read.
        failing = [
            check
            for check in checks
            if check.partner == reader and not order._channel_passes(check)
        ]
        to_pay = max(
            (
                rules.amount_to_collect(
                    check.exposure,
                    check.limit,
                    check.figures.overdue,
                    check.overdue_days,
                    check.allowed_days,
                )
                for check in failing
                if not check.manual_hold
            ),
            default=0.0,
        )
        if to_pay:
            return "danger", env._(
                "This order cannot be confirmed online: it is over your credit. Pay at least "
                "%(amount)s, or contact us.",
                amount=format_amount(env, to_pay, order.company_id.currency_id),
            )
        if any(check.manual_hold for check in failing):
            return "danger", env._(
                "This order cannot be confirmed online: your account is on hold. Please "
                "contact us."
            )
        return "danger", env._("This order cannot be confirmed online: please contact us.")
