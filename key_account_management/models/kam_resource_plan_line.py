from odoo import api, fields, models

from .. import rules
from ..const import QUADRANT_SELECTION


class KamResourcePlanLine(models.Model):
    """One quadrant of a plan: resources planned (the plan's totals times the quadrant's share)
    against spent, and the quadrant's scorecard. Written by the system only."""

    _name = "kam.resource.plan.line"
    _description = "Offense/Defense Plan Quadrant"
    _inherit = ["kam.input.mixin"]
    _order = "plan_id, id"

    plan_id = fields.Many2one(
        "kam.resource.plan", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    quadrant = fields.Selection(QUADRANT_SELECTION, required=True, readonly=True)
    share = fields.Float(compute="_compute_planned", help="The quadrant's share of the plan.")
    account_count = fields.Integer(string="Accounts", readonly=True)
    # Resources: planned from the plan, spent counted by the system.
    planned_days = fields.Float(compute="_compute_planned", string="Visit Days Planned")
    spent_days = fields.Float(string="Visit Days Spent", digits=(16, 2), readonly=True)
    planned_people = fields.Float(compute="_compute_planned", string="People Planned")
    spent_people = fields.Integer(
        string="People Working", readonly=True, help="People who visited these accounts."
    )
    planned_money = fields.Monetary(compute="_compute_planned", string="Money Planned")
    spent_visit_cost = fields.Monetary(string="Visit Costs", readonly=True)
    spent_gifts = fields.Monetary(string="Gifts and Receptions", readonly=True)
    spent_money = fields.Monetary(string="Money Spent", readonly=True)
    planned_credit = fields.Monetary(compute="_compute_planned", string="Credit Planned")
    spent_credit = fields.Monetary(string="Credit Released", readonly=True)
    days_used = fields.Float(compute="_compute_ratios")
    money_used = fields.Float(compute="_compute_ratios")
    # Scorecard. Attack: sales growth, new business. Defend: profit growth, retention, cost to
    # serve, satisfaction. "Prior" is the same period a year before.
    revenue = fields.Monetary(readonly=True)
    revenue_prior = fields.Monetary(string="Revenue a Year Before", readonly=True)
    sales_growth = fields.Float(compute="_compute_ratios")
    margin = fields.Monetary(string="Gross Margin", readonly=True)
    margin_prior = fields.Monetary(string="Gross Margin a Year Before", readonly=True)
    profit_growth = fields.Float(compute="_compute_ratios")
    won_count = fields.Integer(string="Deals Won", readonly=True)
    won_amount = fields.Monetary(string="New Business Won", readonly=True)
    won_count_prior = fields.Integer(string="Deals Won a Year Before", readonly=True)
    won_amount_prior = fields.Monetary(string="New Business a Year Before", readonly=True)
    buyers_prior = fields.Integer(
        string="Buyers a Year Before", readonly=True, help="Accounts that bought a year before."
    )
    retained = fields.Integer(readonly=True, help="...of which bought again in this period.")
    buyers_prior2 = fields.Integer(string="Buyers Two Years Before", readonly=True)
    retained_prior = fields.Integer(string="Retained a Year Before", readonly=True)
    retention = fields.Float(compute="_compute_ratios")
    retention_prior = fields.Float(compute="_compute_ratios", string="Retention a Year Before")
    spent_money_prior = fields.Monetary(string="Money Spent a Year Before", readonly=True)
    cost_to_serve = fields.Float(
        compute="_compute_ratios",
        string="Cost to Serve",
        help="Money spent on the accounts per unit of revenue.",
    )
    cost_to_serve_prior = fields.Float(
        compute="_compute_ratios", string="Cost to Serve a Year Before"
    )
    survey_count = fields.Integer(string="Surveys", readonly=True)
    satisfaction = fields.Float(
        string="Satisfaction (-4 to +4)",
        digits=(3, 1),
        readonly=True,
        help="Mean survey score: experience minus expectation, from -4 to +4; above 0 the "
        "customers are satisfied.",
    )
    survey_count_prior = fields.Integer(string="Surveys a Year Before", readonly=True)
    satisfaction_prior = fields.Float(
        string="Satisfaction a Year Before", digits=(3, 1), readonly=True
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(
        "quadrant",
        "plan_id.planned_days",
        "plan_id.planned_people",
        "plan_id.planned_money",
        "plan_id.planned_credit",
        *(f"plan_id.alloc_{q}" for q in rules.QUADRANTS),
    )
    def _compute_planned(self):
        for line in self:
            plan = line.plan_id
            line.share = share = plan[f"alloc_{line.quadrant}"] if line.quadrant else 0.0
            line.planned_days = plan.planned_days * share
            line.planned_people = plan.planned_people * share
            line.planned_money = plan.planned_money * share
            line.planned_credit = plan.planned_credit * share

    @api.depends(
        "planned_days",
        "spent_days",
        "planned_money",
        "spent_money",
        "revenue",
        "revenue_prior",
        "margin",
        "margin_prior",
        "buyers_prior",
        "retained",
        "buyers_prior2",
        "retained_prior",
        "spent_money_prior",
    )
    def _compute_ratios(self):
        # An empty ratio (nothing to compare with) reads 0 in the form and blank in the workbook.
        for line in self:
            for name, value in line._kam_indicators().items():
                line[name] = value or 0.0

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_indicators(self):
        """The ratios of the line, None where there is nothing to divide by."""
        self.ensure_one()
        return {
            "days_used": rules.ratio(self.spent_days, self.planned_days),
            "money_used": rules.ratio(self.spent_money, self.planned_money),
            "sales_growth": rules.growth(self.revenue, self.revenue_prior),
            "profit_growth": rules.growth(self.margin, self.margin_prior),
            "retention": rules.ratio(self.retained, self.buyers_prior),
            "retention_prior": rules.ratio(self.retained_prior, self.buyers_prior2),
            "cost_to_serve": rules.ratio(self.spent_money, self.revenue),
            "cost_to_serve_prior": rules.ratio(self.spent_money_prior, self.revenue_prior),
        }

    @api.model
    def _kam_blank_figures(self):
        """Every figure the system counts, at zero."""
        return {
            name: 0
            for name, field in self._fields.items()
            if field.store and field.readonly and field.type in ("integer", "float", "monetary")
        }
