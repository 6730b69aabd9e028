"""The selection scorecard's criteria (甄选): what a candidate distributor is judged on, and
how much each counts; each company sets its own."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import CRITERION_KINDS


class DistributorSelectionCriterion(models.Model):
    _name = "distributor.selection.criterion"
    _description = "Distributor Selection Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="What to look at, and what scores 5.")
    kind = fields.Selection(CRITERION_KINDS, required=True, default="qualitative")
    weight = fields.Integer(required=True, default=10, help="How much the criterion counts.")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: every company judges candidates on it."
    )
    active = fields.Boolean(default=True)

    @api.constrains("weight")
    def _check_weight(self):
        if any(not 0 <= c.weight <= 100 for c in self):
            raise ValidationError(self.env._("A criterion's weight is from 0 to 100."))
