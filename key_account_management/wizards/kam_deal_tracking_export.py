from odoo import fields, models

from ..report.kam_deal_tracking_xlsx import build_tracking_sheet


class KamDealTrackingExport(models.TransientModel):
    _name = "kam.deal.tracking.export"
    _inherit = ["kam.xlsx.export.mixin"]
    _description = "1+2+1 Tracking Sheet Export"

    lead_ids = fields.Many2many("crm.lead", string="Opportunities")

    def _kam_build_xlsx(self):
        return build_tracking_sheet(self.lead_ids, self.env.company)

    def _kam_file_label(self):
        return self.env._("1+2+1 Tracking Sheet")
