from odoo import api, fields, models


class ChannelCreditReviewApproval(models.Model):
    """One step of a credit review's approval chain: a recorded decision. Steps are created on
    submission and decided only through the review's approve and reject actions."""

    _name = "channel.credit.review.approval"
    _description = "Credit Review Approval Step"
    _inherit = ["channel.credit.input.mixin"]
    _order = "review_id, sequence, id"

    review_id = fields.Many2one(
        "channel.credit.review", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    sequence = fields.Integer()
    level_id = fields.Many2one(
        "channel.credit.approval.level",
        string="Approval Level",
        ondelete="set null",
        check_company=True,
    )
    name = fields.Char(string="Level", compute="_compute_name")
    group_id = fields.Many2one("res.groups", string="Approved By Group")
    user_ids = fields.Many2many("res.users", string="Approved By")
    state = fields.Selection(
        [("pending", "Waiting"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="pending",
        required=True,
    )
    user_id = fields.Many2one("res.users", string="Decided By")
    decided_on = fields.Datetime()
    note = fields.Text(string="Comment")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("level_id.name", "group_id.name")
    def _compute_name(self):
        for step in self:
            step.name = step.level_id.name or step.group_id.name

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _may_approve(self, user):
        """The step's own copy of its level's approvers, taken when the review was submitted."""
        self.ensure_one()
        if self.user_ids:
            return user in self.user_ids
        return self.group_id in user.groups_id
