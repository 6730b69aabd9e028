"""The company's rebate settings: when two Channel Managers approve, what a settlement books."""

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    distributor_rebate_second_approval = fields.Monetary(
        string="Rebates: Second Approval Above",
        currency_field="currency_id",
        help="A rebate or claw-back above this amount is approved by a second Channel Manager "
        "after the first (0: one approval).",
    )
    distributor_rebate_product_id = fields.Many2one(
        "product.product",
        string="Rebate Product",
        check_company=True,
        help="The product of the rebates' credit notes (its income account books them); "
        "empty: the Rebate product the app brings.",
    )

    def _distributor_rebate_product(self):
        self.ensure_one()
        return self.distributor_rebate_product_id or self.env.ref(
            "distributor_management.product_distributor_rebate"
        )
