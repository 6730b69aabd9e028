from odoo import fields, models

from ..report.kam_collection_xlsx import build_collection_sheet


class KamCollectionExport(models.TransientModel):
    _name = "kam.collection.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Collections Scoreboard Export"

    # The report is a view of the database, not a table a many2many could point to.
    row_ids = fields.Json()

    def _xlsx_build(self):
        rows = self._xlsx_exported("kam.collection.report", self.row_ids or [])
        return build_collection_sheet(rows, self.env.company)

    def _xlsx_file_label(self):
        return self.env._("Collections Scoreboard")
