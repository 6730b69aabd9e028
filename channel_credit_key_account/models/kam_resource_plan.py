from odoo import api, models


class KamResourcePlan(models.Model):
    _inherit = "kam.resource.plan"

    @api.model
    def _kam_credit_released(self, company, start, end):
        """Releases decided in the period and approved (used ones included), by the amount
        they let the distributor go over its limit."""
        released = super()._kam_credit_released(company, start, end)
        # As superuser: the plan counts every release of the company, whoever asked for it.
        for partner, amount, last in (
            self.env["channel.credit.release"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", ("approved", "used")),
                    ("decision_date", ">=", start),
                    ("decision_date", "<", end),
                ],
                ["partner_id"],
                ["amount_over_limit:sum", "decision_date:max"],
            )
        ):
            cp = partner.commercial_partner_id.id
            total, latest = released.get(cp, (0.0, last))
            released[cp] = (total + amount, max(latest, last))
        return released
