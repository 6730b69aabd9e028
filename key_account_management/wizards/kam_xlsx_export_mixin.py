import base64

from odoo import api, fields, models


class KamXlsxExportMixin(models.AbstractModel):
    """A transient record that builds one XLSX file on creation and hands it to the browser."""

    _name = "kam.xlsx.export.mixin"
    _description = "XLSX Export"
    _kam_file_prefix = "export"

    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        exports = super().create(vals_list)
        for export in exports:
            # Built with the user's rights: the file holds only what they may read.
            today = fields.Date.context_today(self)
            export.write(
                {
                    "data": base64.b64encode(export._kam_build_xlsx()),
                    "filename": f"{self._kam_file_prefix}_{today}.xlsx",
                }
            )
        return exports

    @api.model
    def _kam_records_to_export(self, records):
        """The rows the user ticked or, with none ticked, every row of their current search
        (the list's ``active_domain``), read with their rights."""
        if records:
            return records
        return records.search(self.env.context.get("active_domain") or [])

    def _kam_build_xlsx(self):
        raise NotImplementedError

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
            "target": "self",
        }
