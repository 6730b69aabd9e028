from odoo import api, fields, models
from odoo.addons.b2b_base import guards


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kam_class_a_threshold = fields.Float(related="company_id.kam_class_a_threshold", readonly=False)
    kam_class_b_threshold = fields.Float(related="company_id.kam_class_b_threshold", readonly=False)
    kam_potential_threshold = fields.Monetary(
        related="company_id.kam_potential_threshold", readonly=False
    )
    kam_share_threshold = fields.Float(related="company_id.kam_share_threshold", readonly=False)
    kam_revenue_source = fields.Selection(related="company_id.kam_revenue_source", readonly=False)
    kam_value_basis = fields.Selection(related="company_id.kam_value_basis", readonly=False)
    kam_followup_days = fields.Integer(related="company_id.kam_followup_days", readonly=False)
    kam_gift_second_approval = fields.Monetary(
        related="company_id.kam_gift_second_approval", readonly=False
    )
    kam_churn_window_days = fields.Integer(
        related="company_id.kam_churn_window_days", readonly=False
    )
    kam_churn_drop = fields.Float(related="company_id.kam_churn_drop", readonly=False)
    kam_churn_share_drop = fields.Float(related="company_id.kam_churn_share_drop", readonly=False)
    kam_churn_overdue_factor = fields.Float(
        related="company_id.kam_churn_overdue_factor", readonly=False
    )
    kam_complaint_response_hours = fields.Integer(
        related="company_id.kam_complaint_response_hours", readonly=False
    )
    kam_complaint_resolution_days = fields.Integer(
        related="company_id.kam_complaint_resolution_days", readonly=False
    )
    kam_complaint_update_days = fields.Integer(
        related="company_id.kam_complaint_update_days", readonly=False
    )
    kam_alloc_attack = fields.Float(related="company_id.kam_alloc_attack", readonly=False)
    kam_alloc_defend = fields.Float(related="company_id.kam_alloc_defend", readonly=False)
    kam_alloc_maintain = fields.Float(related="company_id.kam_alloc_maintain", readonly=False)
    kam_alloc_abandon = fields.Float(related="company_id.kam_alloc_abandon", readonly=False)

    # Only this addon's fields are checked: the core ones keep the core's rules.
    @api.model_create_multi
    def create(self, vals_list):
        guards.check_input(self, vals_list, prefix="kam_", create=True)
        return super().create(vals_list)

    def write(self, vals):
        guards.check_input(self, [vals], prefix="kam_")
        return super().write(vals)
