from odoo import fields, models

from ..report.distributor_rebate_xlsx import build_rebate_statement


class DistributorRebateExport(models.TransientModel):
    _name = "distributor.rebate.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Rebate Statement Export"

    rebate_ids = fields.Many2many("distributor.rebate", string="Rebates")

    def _xlsx_build(self):
        return build_rebate_statement(self.rebate_ids, self.env.company)

    def _xlsx_file_label(self):
        return self.env._("Rebate Statement")
