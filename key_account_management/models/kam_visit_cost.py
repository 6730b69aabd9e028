from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import rules
from ..const import VISIT_TYPES


class KamVisitCost(models.Model):
    _name = "kam.visit.cost"
    _inherit = ["kam.input.mixin"]
    _description = "Visit Cost"
    _order = "company_id, visit_type"
    _check_company_auto = True

    _sql_constraints = [
        (
            "company_type_uniq",
            "UNIQUE(company_id, visit_type)",
            "A visit type has one cost per company.",
        ),
    ]

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    visit_type = fields.Selection(
        VISIT_TYPES,
        required=True,
    )
    days = fields.Float(
        string="Days per Visit",
        digits=(6, 2),
        required=True,
        help="A person's time one visit of this type takes, in days (travel included).",
    )
    cost = fields.Monetary(
        string="Cost per Visit", help="Travel, meals and lodging one visit of this type costs."
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("days", "cost")
    def _check_days_cost(self):
        if any(not 0 <= rate.days <= 30 or rate.cost < 0 for rate in self):
            raise ValidationError(
                self.env._("A visit takes 0 to 30 days and its cost cannot be negative.")
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _kam_rates(self, company):
        """{visit type: (days, cost)} of ``company``; a type it has not costed takes the usual
        time (rules.VISIT_DAYS) at no cost."""
        rates = {vtype: (days, 0.0) for vtype, days in rules.VISIT_DAYS.items()}
        for rate in self.sudo().search([("company_id", "=", company.id)]):
            rates[rate.visit_type] = (rate.days, rate.cost)
        return rates
