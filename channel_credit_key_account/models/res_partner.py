from odoo import models
from odoo.tools import plaintext2html


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _kam_key_person_changed(self, roles, left, before):
        """A credit-controlled customer losing its decision maker or coach is a credit signal
        too: its company's Credit Manager is told."""
        res = super()._kam_key_person_changed(roles, left, before)
        controlled = {}
        for role in roles:
            customer = role.lead_id.partner_id.commercial_partner_id
            company = role.lead_id.company_id
            # The policy is per company: read in the deal's, not the writer's.
            if company and customer.sudo().with_company(company).channel_credit_policy:
                controlled.setdefault((customer, company), self.browse())
                controlled[customer, company] |= role.partner_id
        for (customer, company), people in controlled.items():
            manager = company._channel_credit_manager()
            own = self.with_context(lang=manager.lang or self.env.lang)
            customer.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=own.env._(
                    "Key person change at a credit customer: %(customer)s", customer=customer.name
                ),
                note=plaintext2html("\n".join(own._kam_key_person_lines(people, left, before))),
            )
        return res
