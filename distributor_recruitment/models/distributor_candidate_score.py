"""A candidate's score on one selection criterion."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..const import SCORE_LEVELS


class DistributorCandidateScore(models.Model):
    _name = "distributor.candidate.score"
    _description = "Candidate Selection Score"
    _inherit = ["b2b.input.mixin"]
    _order = "lead_id, sequence, id"
    _check_company_auto = True

    lead_id = fields.Many2one(
        "crm.lead", string="Candidate", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one(
        "distributor.selection.criterion", required=True, ondelete="restrict", check_company=True
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    kind = fields.Selection(related="criterion_id.kind")
    weight = fields.Integer(related="criterion_id.weight")
    score = fields.Selection(SCORE_LEVELS, default="0", required=True)
    points = fields.Float(
        compute="_compute_points",
        store=True,
        help="The score weighed: weight x score / 5 (a 5 earns the whole weight).",
    )
    note = fields.Char(help="What the score rests on: figures seen, references, visits.")
    territory_id = fields.Many2one(related="lead_id.distributor_territory_id", store=True)
    company_id = fields.Many2one(related="lead_id.company_id", store=True)

    _sql_constraints = [
        (
            "criterion_once",
            "UNIQUE(lead_id, criterion_id)",
            "A candidate is scored once on each criterion.",
        )
    ]

    @api.constrains("lead_id")
    def _check_candidate(self):
        if self.lead_id.filtered(lambda lead: not lead.is_distributor_candidate):
            raise ValidationError(
                self.env._("Only a candidate of the recruitment team has a selection scorecard.")
            )

    def write(self, vals):
        # A line scores its candidate on its criterion: moved, it would score another's.
        if not self.env.su and {"lead_id", "criterion_id"} & vals.keys():
            raise UserError(self.env._("A score stays with its candidate and criterion."))
        return super().write(vals)

    @api.depends("score", "criterion_id.weight")
    def _compute_points(self):
        for line in self:
            line.points = line.criterion_id.weight * int(line.score or 0) / 5

    @api.model
    def _demo_score(self, lead_ids, scores):
        """Demo data: score each lead's criteria in their order (``scores``: a list per lead)."""
        for lead, values in zip(self.env["crm.lead"].browse(lead_ids), scores, strict=True):
            for line, value in zip(lead.distributor_score_ids, values, strict=False):
                line.score = str(value)
