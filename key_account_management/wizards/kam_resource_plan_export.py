from odoo import fields, models

from ..report.kam_resource_plan_xlsx import build_resource_plan


class KamResourcePlanExport(models.TransientModel):
    _name = "kam.resource.plan.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Offense/Defense Plan Export"

    plan_id = fields.Many2one("kam.resource.plan", required=True, ondelete="cascade")

    def _xlsx_build(self):
        return build_resource_plan(self.plan_id)

    def _xlsx_file_label(self):
        return self.env._("Offense-Defense Scorecard")
