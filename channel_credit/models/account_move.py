from odoo import api, fields, models
from odoo.addons.b2b_base import guards, money
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date

from .. import rules

# Stored computed figures that credit exposure is built from.
GUARDED_FIGURES = {
    "amount_untaxed_signed",
    "amount_total_signed",
    "amount_residual_signed",
    "amount_total",
    "amount_residual",
    "commercial_partner_id",
}


class AccountMove(models.Model):
    _inherit = "account.move"

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = guards.refuse_system_fields(self, vals_list, GUARDED_FIGURES)
        moves = super().create(vals_list)
        moves.filtered(lambda m: m.state == "posted")._channel_credit_check_on_post()
        return moves

    def write(self, vals):
        # Checked after the change, on every path that posts (the Post button, the auto-post
        # job, a direct write of the state), with the partner and lines the move has then.
        [vals] = guards.refuse_system_fields(self, [vals], GUARDED_FIGURES, records=self)
        due_before = (
            self.line_ids._channel_posted_due_dates() if money.DUE_FIELDS & vals.keys() else {}
        )
        dated_before = self._channel_dates_once_posted() if "invoice_date" in vals else {}
        posting = vals.get("state") == "posted"
        unposted = self.filtered(lambda m: m.state != "posted") if posting else self.browse()
        result = super().write(vals)
        if due_before:
            self.line_ids._channel_check_due_not_later(due_before)
        if dated_before:
            self._channel_check_not_dated_later(dated_before)
        if posting:
            unposted.filtered(lambda m: m.state == "posted")._channel_credit_check_on_post()
        return result

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_receivable_increase(self):
        """{commercial partner: what these moves add to its receivables}, for the customer
        documents that create a receivable (invoices, receipts, journal entries debiting a
        customer's receivable account; not payments nor credit notes)."""
        increase = {}
        for move in self:
            if move.move_type in ("out_refund", "in_invoice", "in_refund", "in_receipt"):
                continue
            if move.move_type == "entry" and (
                move.origin_payment_id
                or move.statement_line_id
                or move.tax_cash_basis_origin_move_id
                or move.journal_id == move.company_id.currency_exchange_journal_id
            ):
                # Payments, bank lines, cash-basis and exchange-difference entries follow
                # money that moves; they do not sell anything.
                continue
            for line in move.line_ids:
                if line.account_id.account_type == "asset_receivable" and line.partner_id:
                    partner = line.partner_id.commercial_partner_id
                    increase[partner] = increase.get(partner, 0.0) + line.balance
        return {partner: amount for partner, amount in increase.items() if amount > 0}

    def _channel_dates_once_posted(self):
        """{move: invoice date} of the controlled distributors' documents among these that were
        posted before (reset to draft since, perhaps), as they are before a change."""
        return {
            move: move.invoice_date
            for move in self.sudo()
            if move.posted_before
            and move.invoice_date
            and move.line_ids._channel_controlled_receivables()
        }

    def _channel_check_not_dated_later(self, before):
        """An invoice once posted is not dated later (reset to draft, then posted again), which
        would move its due dates later past the check on posting; only a Credit Manager may."""
        if self.env["res.partner"]._channel_user_is_credit_manager():
            return
        for move, date in before.items():
            if move.invoice_date and move.invoice_date > date:
                raise AccessError(
                    self.env._(
                        "%(move)s was dated %(date)s when it was posted: only a Credit Manager "
                        "dates it later, as its due dates would move with it.",
                        move=move.name,
                        date=format_date(self.env, date),
                    )
                )

    def _channel_check_due_dates_on_post(self):
        """A controlled distributor pays within its credit term: the documents posted for it
        fall due within the term from their date, whatever term or due date they were given;
        only a Credit Manager gives a longer one. Odoo itself posting within a flow (not the
        auto-post job, which posts what a person prepared) follows the terms it was given."""
        user = self.env.user
        # The job's own user (the superuser) is a Credit Manager by data, not a person deciding.
        if not user._is_superuser() and user.has_group(
            "channel_credit.group_channel_credit_manager"
        ):
            return
        for move in self.sudo():
            if self.env.su and move.auto_post == "no":
                continue
            for line in move.line_ids._channel_controlled_receivables():
                partner = line.partner_id.commercial_partner_id.with_company(move.company_id)
                term = partner.channel_credit_term_days
                start = move.invoice_date or move.date
                if not rules.wait_within_term(start, line.date_maturity, term):
                    raise UserError(
                        self.env._(
                            "%(move)s would fall due %(days)s days after its date, beyond the "
                            "credit term of %(term)s days of %(partner)s: only a Credit Manager "
                            "gives a longer term.",
                            move=move.name or move.display_name,
                            days=(line.date_maturity - start).days,
                            term=term,
                            partner=partner.display_name,
                        )
                    )

    def _channel_credit_check_on_post(self):
        """Posting moves a draft invoice into receivables: the exposure (drafts included)
        must be within the limit and nothing overdue too long. Releases cover orders only, so
        the approval policy blocks here."""
        self._channel_check_due_dates_on_post()
        today = fields.Date.context_today(self)
        for company in self.company_id.filtered("channel_credit_check_invoice"):
            moves = self.sudo().filtered(lambda m, c=company: m.company_id == c)
            increase = moves._channel_receivable_increase()
            partners = self.env["res.partner"].sudo().with_company(company)
            partners = partners.union(*increase).filtered("channel_credit_policy")
            if not partners:
                continue
            partners._channel_lock()
            figures = partners._channel_credit_figures(company)
            limits = partners._channel_effective_limits(today)
            ladder_cap = company._channel_ladder_cap()
            for partner in partners:
                fig = figures[partner.id]
                exposure = fig.exposure
                limit = limits[partner.id]
                overdue_days = fig.days_overdue(today)
                within = rules.within_limit(exposure, limit, company.currency_id.rounding)
                allowed, _basis = rules.allowed_overdue_days(
                    partner.channel_max_overdue_days, ladder_cap
                )
                too_late = rules.overdue_too_long(overdue_days, allowed)
                if within and not too_late:
                    continue
                message = self.env._(
                    "Credit check failed for %(partner)s: exposure %(exposure)s against a limit "
                    "of %(limit)s; oldest invoice %(days)s days overdue (allowed: %(allowed)s).",
                    partner=partner.display_name,
                    exposure=format_amount(self.env, exposure, company.currency_id),
                    limit=format_amount(self.env, limit, company.currency_id),
                    days=overdue_days,
                    allowed=allowed,
                )
                if partner.channel_credit_policy != "warn":
                    raise UserError(message)
                for move in moves.filtered(lambda m, p=partner: m.commercial_partner_id == p):
                    move.message_post(body=message, subtype_xmlid="mail.mt_note")
