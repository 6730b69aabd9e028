from odoo import api, fields, models
from odoo.exceptions import ValidationError

MAX_DUNNING_DAY = 3650


class ChannelDunningStep(models.Model):
    """One step of the company's dunning ladder (催收阶梯): from a number of days overdue, what
    to do, who does it and what to say. The daily job schedules each step once per overdue
    episode, with its script filled in."""

    _name = "channel.dunning.step"
    _description = "Dunning Step"
    _inherit = ["channel.credit.input.mixin"]
    _order = "company_id, days, id"

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    days = fields.Integer(
        string="From Day Overdue",
        required=True,
        default=1,
        help="Reached when the oldest overdue invoice is this many days past due.",
    )
    action = fields.Selection(
        [
            ("remind", "Reminder"),
            ("call", "Call"),
            ("visit", "Visit"),
            ("escalate", "Escalate"),
            ("legal", "Legal Action"),
        ],
        required=True,
        default="remind",
    )
    assign_to = fields.Selection(
        [("salesperson", "Salesperson"), ("manager", "Credit Manager")],
        required=True,
        default="salesperson",
    )
    put_on_hold = fields.Boolean(
        string="Put on Credit Hold", help="Reaching this step holds the distributor's orders."
    )
    script = fields.Text(
        translate=True,
        help="What to say or send. {partner}, {overdue}, {days} and {oldest_due} are filled in.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("days")
    def _check_days(self):
        for step in self:
            if not 0 < step.days <= MAX_DUNNING_DAY:
                raise ValidationError(
                    self.env._(
                        "A dunning step starts between day 1 and day %(max)s overdue.",
                        max=MAX_DUNNING_DAY,
                    )
                )
