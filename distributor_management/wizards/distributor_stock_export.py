from odoo import fields, models

from ..report.distributor_stock_xlsx import build_stock_workbook


class DistributorStockExport(models.TransientModel):
    _name = "distributor.stock.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Sell-through and Stock Export"

    line_ids = fields.Many2many("distributor.stock.report.line", string="Report Lines")

    def _xlsx_build(self):
        lines = self.line_ids
        return build_stock_workbook(lines, self._xlsx_company(lines))

    def _xlsx_file_label(self):
        return self.env._("Sell-through and Stock")
