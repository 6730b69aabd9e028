"""The company's distributor settings: rebates' approval and product, the overstock limit
and the day sell-through reports are due."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    distributor_overstock_days = fields.Integer(
        string="Overstock Above (Days)",
        default=60,
        help="A distributor's product is overstocked when its stock lasts longer than this at "
        "the period's rate of sale.",
    )

    distributor_report_day = fields.Integer(
        string="Sell-through Reports Due by Day",
        default=10,
        help="A distributor in force sends last month's sell-through and stock report by this "
        "day of the month; after it, its representative is given an activity.",
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("distributor_report_day")
    def _check_distributor_report_day(self):
        if any(not 1 <= company.distributor_report_day <= 28 for company in self):
            raise ValidationError(
                self.env._("Sell-through reports are due by a day from 1 to 28 of the month.")
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _distributor_rebate_products(self):
        """Every company's rebate product and the app's: what settlements book, never sales."""
        configured = self.sudo().search([]).distributor_rebate_product_id
        default = self.env.ref(
            "distributor_management.product_distributor_rebate", raise_if_not_found=False
        )
        return configured | (default or configured.browse())

    def _distributor_rebate_product(self):
        self.ensure_one()
        return self.distributor_rebate_product_id or self.env.ref(
            "distributor_management.product_distributor_rebate"
        )
