from odoo import fields, models
from odoo.exceptions import UserError

from ..report.distributor_agreement_xlsx import build_agreement_workbook


class DistributorAgreementExport(models.TransientModel):
    _name = "distributor.agreement.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Distribution Agreements Export"

    agreement_ids = fields.Many2many("distributor.agreement", string="Agreements")

    def _xlsx_build(self):
        companies = self.agreement_ids.company_id
        if len(companies) > 1:
            # One currency per file: totals of two companies' money would add yuan to dollars.
            raise UserError(
                self.env._(
                    "These agreements belong to several companies (%(companies)s): export one "
                    "company's at a time.",
                    companies=", ".join(companies.mapped("name")),
                )
            )
        return build_agreement_workbook(self.agreement_ids, companies or self.env.company)

    def _xlsx_file_label(self):
        return self.env._("Distribution Agreements")
