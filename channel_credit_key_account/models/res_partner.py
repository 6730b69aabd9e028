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

    def _channel_figures_hidden(self):
        """A key account's manager reads its customer's credit figures too: in key-account
        terms they are its salesperson."""
        hidden = super()._channel_figures_hidden()
        if not hidden:
            return hidden
        managed = (
            self.env["kam.account"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", hidden.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                    ("manager_id", "=", self.env.uid),
                ]
            )
            .partner_id
        )
        return hidden.filtered(lambda p: p.commercial_partner_id not in managed)
