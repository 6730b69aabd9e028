from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from .. import rules


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        invoices = self.filtered(
            lambda m: m.move_type == "out_invoice" and m.company_id.channel_credit_check_invoice
        )
        if invoices:
            invoices._channel_credit_check_on_post()
        return super()._post(soft=soft)

    def _channel_credit_check_on_post(self):
        """Posting moves a draft invoice into receivables: the exposure (drafts included)
        must be within the limit and nothing overdue too long. Releases cover orders only, so
        the approval policy blocks here."""
        today = fields.Date.context_today(self)
        for company in self.company_id:
            moves = self.filtered(lambda m, c=company: m.company_id == c).with_company(company)
            partners = moves.commercial_partner_id.filtered("channel_credit_policy")
            figures = partners._channel_credit_figures(company)
            limits = partners._channel_effective_limits(today)
            for partner in partners:
                fig = figures[partner.id]
                exposure = fig.exposure
                limit = limits[partner.id]
                overdue_days = fig.days_overdue(today)
                within = rules.within_limit(exposure, limit, company.currency_id.rounding)
                too_late = rules.overdue_too_long(overdue_days, partner.channel_max_overdue_days)
                if within and not too_late:
                    continue
                message = self.env._(
                    "Credit check failed for %(partner)s: exposure %(exposure)s against a limit "
                    "of %(limit)s; oldest invoice %(days)s days overdue (allowed: %(allowed)s).",
                    partner=partner.display_name,
                    exposure=format_amount(self.env, exposure, company.currency_id),
                    limit=format_amount(self.env, limit, company.currency_id),
                    days=overdue_days,
                    allowed=partner.channel_max_overdue_days,
                )
                if partner.channel_credit_policy != "warn":
                    raise UserError(message)
                for move in moves.filtered(lambda m, p=partner: m.commercial_partner_id == p):
                    move.message_post(body=message, subtype_xmlid="mail.mt_note")
