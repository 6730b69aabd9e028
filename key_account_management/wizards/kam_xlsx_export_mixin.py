from odoo import api, fields, models
from odoo.addons.b2b_xlsx.workbook import download_action


class KamXlsxExportMixin(models.AbstractModel):
    """A transient record that builds one XLSX file on creation and hands it to the browser."""

    _name = "kam.xlsx.export.mixin"
    _description = "XLSX Export"

    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char()

    @api.model
    def _kam_records_to_export(self, records):
        """The rows the user ticked or, with none ticked, every row of their current search
        (the list's ``active_domain``), read with their rights."""
        if records:
            return records
        return records.search(self.env.context.get("active_domain") or [])

    def _kam_build_xlsx(self):
        raise NotImplementedError

    def _kam_file_label(self):
        """The file's name, in the user's language (the date is appended)."""
        raise NotImplementedError

    def action_download(self):
        self.ensure_one()
        # Built with the user's rights: the file holds only what they may read.
        return download_action(
            self, self._kam_build_xlsx(), self._kam_file_label(), fields.Date.context_today(self)
        )
