from odoo import fields, models

from ..report.kam_register_xlsx import build_register


class KamRegisterExport(models.TransientModel):
    _name = "kam.register.export"
    _inherit = ["kam.xlsx.export.mixin"]
    _description = "Key-Account Register Export"
    _kam_file_prefix = "key_account_register"

    account_ids = fields.Many2many("kam.account", string="Key Accounts")

    def _kam_build_xlsx(self):
        return build_register(self.account_ids, self.env.company)
