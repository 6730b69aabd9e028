from odoo import fields, models

from ..const import QUADRANT_SELECTION

RESOURCE_ALERT_SELECTION = [
    ("abandon_spending", "Abandon Account Consuming Resources"),
    ("attack_starved", "Attack Account Without Resources"),
]


class KamResourcePlanAccount(models.Model):
    """One account of a plan as last counted: its share of its quadrant's resources (by its
    tier's resource weight) against what it consumed, and its resource alert."""

    _name = "kam.resource.plan.account"
    _description = "Offense/Defense Plan Account"
    _order = "alert, spent_money desc, id"
    _rec_name = "partner_id"

    plan_id = fields.Many2one(
        "kam.resource.plan", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    account_id = fields.Many2one(
        "kam.account", string="Key Account", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    manager_id = fields.Many2one("res.users", string="Key Account Manager", readonly=True)
    tier_id = fields.Many2one("kam.tier", readonly=True)
    quadrant = fields.Selection(QUADRANT_SELECTION, readonly=True, index=True)
    weight = fields.Float(
        string="Resource Weight", readonly=True, help="The tier's weight in its quadrant's plan."
    )
    planned_days = fields.Float(string="Visit Days Planned", digits=(16, 2), readonly=True)
    spent_days = fields.Float(string="Visit Days Spent", digits=(16, 2), readonly=True)
    planned_money = fields.Monetary(string="Money Planned", readonly=True)
    spent_money = fields.Monetary(string="Money Spent", readonly=True)
    spent_credit = fields.Monetary(string="Credit Released", readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    revenue = fields.Monetary(readonly=True)
    revenue_prior = fields.Monetary(string="Revenue a Year Before", readonly=True)
    alert = fields.Selection(
        RESOURCE_ALERT_SELECTION,
        string="Resource Alert",
        readonly=True,
        index=True,
    )
    # The alert its manager was told of (once per alert, while the period runs).
    alert_notified = fields.Selection(RESOURCE_ALERT_SELECTION, readonly=True)

    def action_open_account(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "kam.account",
            "res_id": self.account_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
