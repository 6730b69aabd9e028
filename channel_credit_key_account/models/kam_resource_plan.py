from datetime import datetime, time

from odoo import api, models


class KamResourcePlan(models.Model):
    _inherit = "kam.resource.plan"

    @api.model
    def _kam_credit_released(self, company, date_from, date_to):
        """Releases approved in the period (used ones included), by the amount they let the
        distributor go over its limit."""
        released = super()._kam_credit_released(company, date_from, date_to)
        # As superuser: the plan counts every release of the company, whoever asked for it.
        for partner, amount in (
            self.env["channel.credit.release"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", ("approved", "used")),
                    ("decision_date", ">=", datetime.combine(date_from, time.min)),
                    ("decision_date", "<=", datetime.combine(date_to, time.max)),
                ],
                ["partner_id"],
                ["amount_over_limit:sum"],
            )
        ):
            cp = partner.commercial_partner_id.id
            released[cp] = released.get(cp, 0.0) + amount
        return released
