import base64

from odoo import api, fields, models

from ..report.kam_register_xlsx import build_register


class KamRegisterExport(models.TransientModel):
    _name = "kam.register.export"
    _description = "Key-Account Register Export"

    account_ids = fields.Many2many("kam.account", string="Key Accounts")
    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        exports = super().create(vals_list)
        for export in exports:
            # Built with the user's rights: the file holds only the accounts they may read.
            content = build_register(export.account_ids, self.env.company)
            export.write(
                {
                    "data": base64.b64encode(content),
                    "filename": f"key_account_register_{fields.Date.context_today(self)}.xlsx",
                }
            )
        return exports

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
            "target": "self",
        }
