from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import guards
from ..rules import GRADES

MAX_GRADE_FACTOR = 10
MAX_RELEASE_DAYS = 365
MAX_ESCALATION_DAYS = 3650
CHANNEL_NUMBERS = {
    "channel_release_max_growth",
    "channel_release_validity_days",
    "channel_net_margin",
    "channel_interest_rate",
    "channel_escalation_days",
    *(f"channel_factor_{grade}" for grade in GRADES),
}

DEFAULT_GRADE_FACTORS = {"aaa": 1.5, "aa": 1.3, "a": 1.0, "b": 0.7, "c": 0.4, "d": 0.0}


def _grade_factor(grade):
    return fields.Float(
        string=f"{grade.upper()} Factor",
        default=DEFAULT_GRADE_FACTORS[grade],
        help="Multiplies the credit limit suggestion for this grade.",
    )


class ResCompany(models.Model):
    _inherit = "res.company"

    channel_credit_check_invoice = fields.Boolean(
        string="Check Credit When Posting Invoices",
        help="Also check the credit limit and the overdue rule when a customer invoice is posted.",
    )
    channel_release_max_growth = fields.Float(
        string="Release Covers Growth Up To",
        default=0.10,
        help="An approved release no longer covers its order once the order grew more than this.",
    )
    channel_release_validity_days = fields.Integer(string="Release Validity (Days)", default=7)
    channel_net_margin = fields.Float(
        string="Net Margin", default=0.05, help="Used to tell the sales needed to recover a loss."
    )
    channel_interest_rate = fields.Float(
        string="Annual Interest Rate",
        default=0.05,
        help="Financing cost of overdue receivables: amount x rate x days overdue / 365.",
    )
    channel_escalation_days = fields.Integer(
        string="Escalate Collection After (Days)",
        default=30,
        help="Invoices overdue longer than this also get a collection activity for the "
        "Credit Manager.",
    )
    channel_credit_manager_id = fields.Many2one(
        "res.users",
        string="Credit Manager",
        help="Receives credit reviews, release requests and escalated collections.",
    )
    channel_factor_aaa = _grade_factor("aaa")
    channel_factor_aa = _grade_factor("aa")
    channel_factor_a = _grade_factor("a")
    channel_factor_b = _grade_factor("b")
    channel_factor_c = _grade_factor("c")
    channel_factor_d = _grade_factor("d")

    @api.constrains(*(f"channel_factor_{g}" for g in GRADES))
    def _check_channel_grade_factors(self):
        for company in self:
            if any(not 0 <= company[f"channel_factor_{g}"] <= MAX_GRADE_FACTOR for g in GRADES):
                raise ValidationError(
                    self.env._(
                        "A grade factor must be between 0 and %(max)s.", max=MAX_GRADE_FACTOR
                    )
                )

    @api.constrains("channel_net_margin", "channel_interest_rate")
    def _check_channel_rates(self):
        for company in self:
            if not 0 < company.channel_net_margin <= 1:
                raise ValidationError(
                    self.env._("The net margin must be above 0% and at most 100%.")
                )
            if not 0 <= company.channel_interest_rate <= 1:
                raise ValidationError(self.env._("The interest rate must be between 0% and 100%."))

    @api.constrains(
        "channel_release_max_growth", "channel_release_validity_days", "channel_escalation_days"
    )
    def _check_channel_release_settings(self):
        for company in self:
            if not 0 <= company.channel_release_max_growth <= 1:
                raise ValidationError(
                    self.env._("A release can cover growth between 0% and 100% of its order.")
                )
            if not 0 <= company.channel_release_validity_days <= MAX_RELEASE_DAYS:
                raise ValidationError(
                    self.env._(
                        "A release is valid between 0 and %(max)s days.", max=MAX_RELEASE_DAYS
                    )
                )
            if not 0 <= company.channel_escalation_days <= MAX_ESCALATION_DAYS:
                raise ValidationError(
                    self.env._(
                        "Collections escalate after 0 to %(max)s days.", max=MAX_ESCALATION_DAYS
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        guards.check_numbers(self, vals_list, CHANNEL_NUMBERS)
        return super().create(vals_list)

    def write(self, vals):
        guards.check_numbers(self, [vals], CHANNEL_NUMBERS)
        return super().write(vals)

    def _channel_grade_factor(self, grade):
        self.ensure_one()
        return self[f"channel_factor_{grade}"] if grade else 0.0

    def _channel_credit_manager(self):
        """Who gets credit reviews, release requests and escalations in this company."""
        self.ensure_one()
        return self.channel_credit_manager_id or self.env.ref("base.user_admin")
