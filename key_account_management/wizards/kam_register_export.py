from odoo import fields, models

from ..report.kam_register_xlsx import build_register


class KamRegisterExport(models.TransientModel):
    _name = "kam.register.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Key-Account Register Export"

    account_ids = fields.Many2many("kam.account", string="Key Accounts")

    def _xlsx_build(self):
        return build_register(self.account_ids, self.env.company)

    def _xlsx_file_label(self):
        return self.env._("Key Account Register")
