"""Merging contacts re-points deals' buying roles behind write(): a decision maker or coach
merged into a person of another customer has left theirs, as an edit of the card would say."""

from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        partners = self.env["res.partner"].browse(partner_ids).exists() | (
            dst_partner or self.env["res.partner"]
        )
        roles = partners._kam_key_roles()
        before = {
            role: (role.partner_id.commercial_partner_id, role.partner_id.function)
            for role in roles
        }
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        for role in roles.exists():
            customer, function = before[role]
            person = role.partner_id
            if person.commercial_partner_id == customer:
                continue
            # Per role: merged people may come from several customers.
            owned = role.lead_id._kam_change_decider() in (self.env.user, None)
            apply = role._kam_apply_change if owned else role._kam_ask_owner
            apply(person, {person: (customer, function)})
        return result
