from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ChannelCreditApprovalLevel(models.Model):
    """Who approves a new or higher credit limit, by its amount: a limit goes through every
    level up to the first whose maximum covers it (rules.approval_steps)."""

    _name = "channel.credit.approval.level"
    _description = "Credit Approval Level"
    _inherit = ["channel.credit.input.mixin"]
    _order = "company_id, max_amount_unbounded, max_amount, id"

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    max_amount = fields.Monetary(
        string="Up To", help="Limits up to this amount stop at this level; 0 covers any amount."
    )
    max_amount_unbounded = fields.Boolean(compute="_compute_max_amount_unbounded", store=True)
    group_id = fields.Many2one(
        "res.groups", string="Approved By Group", required=True, ondelete="restrict"
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Approved By",
        help="Only these people may approve at this level; empty: anyone in the group.",
    )
    active = fields.Boolean(default=True)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("max_amount")
    def _compute_max_amount_unbounded(self):
        for level in self:
            level.max_amount_unbounded = not level.max_amount

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("max_amount")
    def _check_max_amount(self):
        if any(level.max_amount < 0 for level in self):
            raise ValidationError(self.env._("An approval level's amount cannot be negative."))
