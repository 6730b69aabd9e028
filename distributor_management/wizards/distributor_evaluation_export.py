from odoo import fields, models

from ..report.distributor_evaluation_xlsx import build_evaluation_workbook


class DistributorEvaluationExport(models.TransientModel):
    _name = "distributor.evaluation.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Distributor Scorecard Export"

    evaluation_ids = fields.Many2many("distributor.evaluation", string="Evaluations")

    def _xlsx_build(self):
        evaluations = self.evaluation_ids
        return build_evaluation_workbook(evaluations, self._xlsx_company(evaluations))

    def _xlsx_file_label(self):
        return self.env._("Distributor Scorecard")
