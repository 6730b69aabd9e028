from odoo import api, models
from odoo.addons.b2b_base import guards, money

# Stored computed figures that open receivables are read from.
GUARDED_FIGURES = {"amount_residual", "amount_residual_currency", "reconciled"}


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = guards.refuse_system_fields(self, vals_list, GUARDED_FIGURES)
        return super().create(vals_list)

    def write(self, vals):
        [vals] = guards.refuse_system_fields(self, [vals], GUARDED_FIGURES, records=self)
        money.check_invoice_links(self, vals)
        due_before = self._channel_posted_due_dates() if "date_maturity" in vals else {}
        result = super().write(vals)
        if due_before:
            self._channel_check_due_not_later(due_before)
        return result

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_controlled_receivables(self):
        """The receivable lines among these of partners under credit control in their move's
        company (as superuser: the policy is credit status)."""
        return self.sudo().filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
            and line.partner_id
            and line.partner_id.commercial_partner_id.with_company(
                line.company_id
            ).channel_credit_policy
        )

    def _channel_posted_due_dates(self):
        """{line: due date} of the posted receivable lines among these of controlled partners,
        with their move's due date, as they are before a change."""
        return money.posted_due_dates(self._channel_controlled_receivables())

    def _channel_check_due_not_later(self, before):
        """On a posted document a distributor may be given less time, never more: a later due
        date is a longer term, which only a Credit Manager gives."""
        if self.env["res.partner"]._channel_user_is_credit_manager():
            return
        money.refuse_later_due_date(
            self.env,
            before,
            self.env._(
                "%(move)s was due on %(old)s: only a Credit Manager moves it later "
                "(%(new)s); an earlier date is always allowed."
            ),
        )
