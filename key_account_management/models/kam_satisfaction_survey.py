from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .. import rules

SCALE_SELECTION = [
    ("1", "1 - Very low"),
    ("2", "2 - Low"),
    ("3", "3 - Medium"),
    ("4", "4 - High"),
    ("5", "5 - Very high"),
]


class KamSatisfactionSurvey(models.Model):
    _name = "kam.satisfaction.survey"
    _inherit = ["kam.input.mixin"]
    _description = "Customer Satisfaction Survey"
    _order = "date desc, id desc"
    _check_company_auto = True

    account_id = fields.Many2one(
        "kam.account", string="Key Account", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="account_id.partner_id", store=True)
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", string="Surveyed By", default=lambda self: self.env.user)
    expectation = fields.Selection(
        SCALE_SELECTION, required=True, help="What the customer expected, 1 to 5."
    )
    experience = fields.Selection(
        SCALE_SELECTION, required=True, help="What the customer experienced, 1 to 5."
    )
    score = fields.Integer(
        string="Satisfaction",
        compute="_compute_score",
        store=True,
        help="Experience minus expectation: below 0 the customer is disappointed.",
    )
    notes = fields.Text()

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("experience", "expectation")
    def _compute_score(self):
        for survey in self:
            if survey.experience and survey.expectation:
                survey.score = rules.satisfaction_gap(
                    int(survey.experience), int(survey.expectation)
                )
            else:
                survey.score = 0

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for survey in self:
            survey.display_name = f"{survey.partner_id.name or ''} {survey.date or ''}".strip()

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        if any(survey.date > today for survey in self):
            raise ValidationError(self.env._("A survey cannot be dated in the future."))

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        defaults = self.default_get(["user_id"])
        for vals in vals_list:
            self._check_surveyor({**defaults, **vals}.get("user_id"))
        return super().create(vals_list)

    def write(self, vals):
        if "user_id" in vals:
            self._check_surveyor(vals["user_id"])
        return super().write(vals)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_surveyor(self, user_id):
        """Reps record their own surveys; key-account managers record them for anyone."""
        if (
            user_id not in (False, None, self.env.uid)
            and not self.env.su
            and not self.env.user.has_group("key_account_management.group_kam_manager")
        ):
            raise AccessError(
                self.env._(
                    "You can only record surveys in your own name: a key-account manager "
                    "records them for other reps."
                )
            )
