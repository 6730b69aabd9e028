from odoo import fields, models

from ..report.kam_deal_tracking_xlsx import build_tracking_sheet


class KamDealTrackingExport(models.TransientModel):
    _name = "kam.deal.tracking.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "1+2+1 Tracking Sheet Export"

    lead_ids = fields.Many2many("crm.lead", string="Opportunities")

    def _xlsx_build(self):
        return build_tracking_sheet(self.lead_ids, self.env.company)

    def _xlsx_file_label(self):
        return self.env._("1+2+1 Tracking Sheet")
