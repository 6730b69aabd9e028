"""The company's distributor settings: rebates' approval and product, the overstock limit,
the day sell-through reports are due, and how the scorecard weighs its factors."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import EVALUATION_DEFAULT_WEIGHTS, EVALUATION_FACTORS


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
        help="The product of the rebates' credit notes and discount lines (its income account "
        "books them), one that cannot be sold: customer documents book it through the rebate "
        "ledger only. Empty: the Rebate product the app brings.",
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

    distributor_outlet_target = fields.Integer(
        string="Outlets of a Full Network",
        default=20,
        help="The outlets a distributor's network counts to score 100 on the scorecard "
        "(0: the network is not judged).",
    )
    # The scorecard's weights (0: the factor does not count)
    distributor_weight_attainment = fields.Integer(
        string="Weight: Target Attainment", default=EVALUATION_DEFAULT_WEIGHTS["attainment"]
    )
    distributor_weight_growth = fields.Integer(
        string="Weight: Growth", default=EVALUATION_DEFAULT_WEIGHTS["growth"]
    )
    distributor_weight_payment = fields.Integer(
        string="Weight: Payment Discipline", default=EVALUATION_DEFAULT_WEIGHTS["payment"]
    )
    distributor_weight_stock = fields.Integer(
        string="Weight: Stock Health", default=EVALUATION_DEFAULT_WEIGHTS["stock"]
    )
    distributor_weight_network = fields.Integer(
        string="Weight: Network Coverage", default=EVALUATION_DEFAULT_WEIGHTS["network"]
    )
    distributor_weight_violation = fields.Integer(
        string="Weight: Violations", default=EVALUATION_DEFAULT_WEIGHTS["violation"]
    )
    distributor_weight_cooperation = fields.Integer(
        string="Weight: Cooperation", default=EVALUATION_DEFAULT_WEIGHTS["cooperation"]
    )
    distributor_weight_cost = fields.Integer(
        string="Weight: Cost to Serve", default=EVALUATION_DEFAULT_WEIGHTS["cost"]
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains(
        "distributor_outlet_target", *(f"distributor_weight_{f}" for f in EVALUATION_FACTORS)
    )
    def _check_distributor_evaluation(self):
        for company in self:
            weights = company._distributor_evaluation_weights()
            if company.distributor_outlet_target < 0 or any(
                not 0 <= weight <= 100 for weight in weights.values()
            ):
                raise ValidationError(
                    self.env._(
                        "A scorecard weight is from 0 to 100, and a full network counts no "
                        "fewer than 0 outlets."
                    )
                )
            if not any(weights.values()):
                raise ValidationError(self.env._("At least one scorecard factor must weigh."))

    @api.constrains("distributor_rebate_product_id")
    def _check_distributor_rebate_product(self):
        # Customer documents book it through the rebate ledger only (account_move.py): a
        # product the company sells would stop its own invoices.
        for company in self:
            if company.distributor_rebate_product_id.sale_ok:
                raise ValidationError(
                    self.env._(
                        "%(product)s can be sold: the rebate product books rebates only. Choose "
                        "a product that cannot be sold.",
                        product=company.distributor_rebate_product_id.display_name,
                    )
                )

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

    def _distributor_evaluation_weights(self):
        """{factor: its weight on the scorecard}."""
        self.ensure_one()
        return {f: self[f"distributor_weight_{f}"] for f in EVALUATION_FACTORS}

    def _distributor_rebate_product(self):
        self.ensure_one()
        return self.distributor_rebate_product_id or self.env.ref(
            "distributor_management.product_distributor_rebate"
        )
