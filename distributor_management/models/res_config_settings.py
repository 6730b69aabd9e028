from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    distributor_rebate_second_approval = fields.Monetary(
        related="company_id.distributor_rebate_second_approval", readonly=False
    )
    distributor_rebate_product_id = fields.Many2one(
        related="company_id.distributor_rebate_product_id", readonly=False
    )
    distributor_overstock_days = fields.Integer(
        related="company_id.distributor_overstock_days", readonly=False
    )
    distributor_report_day = fields.Integer(
        related="company_id.distributor_report_day", readonly=False
    )
    distributor_outlet_target = fields.Integer(
        related="company_id.distributor_outlet_target", readonly=False
    )
    distributor_weight_attainment = fields.Integer(
        related="company_id.distributor_weight_attainment", readonly=False
    )
    distributor_weight_growth = fields.Integer(
        related="company_id.distributor_weight_growth", readonly=False
    )
    distributor_weight_payment = fields.Integer(
        related="company_id.distributor_weight_payment", readonly=False
    )
    distributor_weight_stock = fields.Integer(
        related="company_id.distributor_weight_stock", readonly=False
    )
    distributor_weight_network = fields.Integer(
        related="company_id.distributor_weight_network", readonly=False
    )
    distributor_weight_violation = fields.Integer(
        related="company_id.distributor_weight_violation", readonly=False
    )
    distributor_weight_cooperation = fields.Integer(
        related="company_id.distributor_weight_cooperation", readonly=False
    )
    distributor_weight_cost = fields.Integer(
        related="company_id.distributor_weight_cost", readonly=False
    )
