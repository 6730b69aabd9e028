from odoo import models


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
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        kept = partners.exists()
        kept.invalidate_recordset()
        for company in companies:
            kept.with_company(company)._channel_check_not_raised(before[company])
        return result
