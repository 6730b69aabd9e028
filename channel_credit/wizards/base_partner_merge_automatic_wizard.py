from collections import defaultdict

from odoo import models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        # Merging moves orders and invoices from one partner to another behind write(): across
        # commercial entities, it would take them out of (or into) a credit line.
        partners = self.env["res.partner"].browse(partner_ids).exists() | (
            dst_partner or self.env["res.partner"]
        )
        if len(partners.sudo().commercial_partner_id) > 1 and partners._channel_controlled():
            partners._channel_check_hierarchy_rights()
        # Merging also copies credit limits and policies between the partners (by SQL, per
        # company): the partner that remains may not end up with more credit than it had.
        companies = self.env["res.company"].sudo().search([])
        before = {c: partners.with_company(c)._channel_granted() for c in companies}
        self._channel_merge_statements(partners)
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        kept = partners.exists()
        kept.invalidate_recordset()
        for company in companies:
            kept.with_company(company)._channel_check_not_raised(before[company])
        return result

    def _channel_merge_statements(self, partners):
        """One statement of account a month stays for the merged distributor: Odoo's merge
        deletes the rows a unique key refuses to move, which would lose what a distributor
        confirmed. Answered statements of the same month on both sides refuse the merge; an
        unanswered one gives way to the other (it is issued again from the books)."""
        # sudo: statements are written by Odoo only; the merge itself is the caller's right.
        statements = (
            self.env["channel.credit.statement"]
            .sudo()
            .search([("partner_id", "in", partners.commercial_partner_id.ids)])
        )
        by_month = defaultdict(lambda: statements.browse())
        for statement in statements:
            by_month[statement.company_id, statement.date_from] |= statement
        drop = statements.browse()
        for (_company, month), same in by_month.items():
            answered = same.filtered(
                lambda s: s.line_ids.filtered("answered_date") or s.confirmed_date
            )
            if len(answered) > 1:
                raise UserError(
                    self.env._(
                        "Both distributors answered their statement of account of %(month)s: "
                        "they cannot be merged into one.",
                        month=month.strftime("%Y-%m"),
                    )
                )
            drop |= same - (answered or same[:1])
        drop.unlink()
