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
