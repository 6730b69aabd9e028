from odoo import fields, models

from ..report.distributor_agreement_xlsx import build_agreement_workbook


class DistributorAgreementExport(models.TransientModel):
    _name = "distributor.agreement.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Distribution Agreements Export"

    agreement_ids = fields.Many2many("distributor.agreement", string="Agreements")

    def _xlsx_build(self):
        agreements = self.agreement_ids
        return build_agreement_workbook(agreements, self._xlsx_company(agreements))

    def _xlsx_file_label(self):
        return self.env._("Distribution Agreements")
