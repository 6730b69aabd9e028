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
        return super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
