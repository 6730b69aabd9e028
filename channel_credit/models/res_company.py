from odoo import api, fields, models
from odoo.addons.b2b_base import guards
from odoo.exceptions import ValidationError

from ..rules import GRADES, SCORED_GRADES

CREDIT_MANAGER_GROUP = "channel_credit.group_channel_credit_manager"
CREDIT_DIRECTOR_GROUP = "channel_credit.group_channel_credit_director"

MAX_GRADE_FACTOR = 10
MAX_RELEASE_DAYS = 365
MAX_ESCALATION_DAYS = 3650
CHANNEL_NUMBERS = {
    "channel_release_max_growth",
    "channel_release_validity_days",
    "channel_net_margin",
    "channel_interest_rate",
    "channel_escalation_days",
    "channel_capital_share",
    "channel_deposit_multiple",
    *(f"channel_factor_{grade}" for grade in GRADES),
    *(f"channel_min_score_{grade}" for grade in SCORED_GRADES),
}

DEFAULT_GRADE_FACTORS = {"aaa": 1.5, "aa": 1.3, "a": 1.0, "b": 0.7, "c": 0.4, "d": 0.0}


def _grade_factor(grade):
    return fields.Float(
        string=f"{grade.upper()} Factor",
        default=DEFAULT_GRADE_FACTORS[grade],
        help="Multiplies the credit limit suggestion for this grade.",
    )


DEFAULT_MIN_SCORES = {"aaa": 90, "aa": 80, "a": 70, "b": 60, "c": 45}


def _min_score(grade):
    return fields.Float(
        string=f"{grade.upper()} From",
        default=DEFAULT_MIN_SCORES[grade],
        help="The investigation score (out of 100) a distributor needs for this grade.",
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
    channel_min_score_aaa = _min_score("aaa")
    channel_min_score_aa = _min_score("aa")
    channel_min_score_a = _min_score("a")
    channel_min_score_b = _min_score("b")
    channel_min_score_c = _min_score("c")
    channel_capital_share = fields.Float(
        string="Limit Up To Registered Capital x",
        default=0.2,
        help="A new distributor's limit is at most this share of its registered capital "
        "(0: no cap).",
    )
    channel_deposit_multiple = fields.Float(
        string="Limit Up To Deposit x",
        help="A new distributor's limit is at most this multiple of the deposit it paid "
        "(0: no cap).",
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains(*(f"channel_factor_{g}" for g in GRADES))
    def _check_channel_grade_factors(self):
        for company in self:
            if any(not 0 <= company[f"channel_factor_{g}"] <= MAX_GRADE_FACTOR for g in GRADES):
                raise ValidationError(
                    self.env._(
                        "A grade factor must be between 0 and %(max)s.", max=MAX_GRADE_FACTOR
                    )
                )

    @api.constrains(*(f"channel_min_score_{g}" for g in SCORED_GRADES))
    def _check_channel_min_scores(self):
        for company in self:
            scores = [company[f"channel_min_score_{g}"] for g in SCORED_GRADES]
            if not all(0 <= s <= 100 for s in scores) or any(
                better <= worse for better, worse in zip(scores, scores[1:], strict=False)
            ):
                raise ValidationError(
                    self.env._(
                        "Grade scores must lie between 0 and 100, each grade needing more than "
                        "the grade below it."
                    )
                )

    @api.constrains("channel_capital_share", "channel_deposit_multiple")
    def _check_channel_limit_caps(self):
        for company in self:
            if not 0 <= company.channel_capital_share <= 1:
                raise ValidationError(
                    self.env._("The share of registered capital must be between 0% and 100%.")
                )
            if not 0 <= company.channel_deposit_multiple <= MAX_GRADE_FACTOR:
                raise ValidationError(
                    self.env._(
                        "The deposit multiple must be between 0 and %(max)s.", max=MAX_GRADE_FACTOR
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

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        guards.check_input(self, vals_list, CHANNEL_NUMBERS)
        companies = super().create(vals_list)
        companies._channel_copy_credit_setup()
        return companies

    def write(self, vals):
        guards.check_input(self, [vals], CHANNEL_NUMBERS)
        return super().write(vals)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _channel_grade_factor(self, grade):
        self.ensure_one()
        return self[f"channel_factor_{grade}"] if grade else 0.0

    def _channel_copy_credit_setup(self):
        """A new company starts with the main company's investigation checklist, approval
        levels and dunning ladder, which it can then change. sudo: whoever creates a company
        may not manage credit settings, and the copies are the new company's own."""
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        if not main:
            return
        for model in (
            "channel.credit.check.item",
            "channel.credit.approval.level",
            "channel.dunning.step",
        ):
            templates = self.env[model].sudo().search([("company_id", "=", main.id)])
            for company in self - main:
                for template in templates:
                    template.copy({"company_id": company.id})

    def _channel_ladder_cap(self):
        """The most overdue days the dunning ladder lets a distributor reach (the day before
        its first step that puts it on hold), or None."""
        self.ensure_one()
        hold = (
            self.env["channel.dunning.step"]
            .sudo()
            .search(
                [("company_id", "=", self.id), ("put_on_hold", "=", True)], order="days", limit=1
            )
        )
        return hold.days - 1 if hold else None

    def _channel_min_scores(self):
        self.ensure_one()
        return {grade: self[f"channel_min_score_{grade}"] for grade in SCORED_GRADES}

    def _channel_credit_manager(self):
        """Who gets credit reviews, release requests and escalations in this company."""
        self.ensure_one()
        return self.channel_credit_manager_id or self.env.ref("base.user_admin")

    def _channel_release_decider(self, requester):
        """Who decides a release request of ``requester`` (four eyes): the company's Credit
        Manager; for that Credit Manager's own request another Credit Manager of the company,
        else a Credit Director; an empty recordset when there is nobody else."""
        self.ensure_one()
        manager = self._channel_credit_manager()
        if manager != requester:
            return manager
        others = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(CREDIT_MANAGER_GROUP).id),
                    ("company_ids", "in", self.id),
                    ("share", "=", False),
                    ("id", "not in", (requester | self.env.ref("base.user_root")).ids),
                ],
                order="id",
            )
        )
        directors = others.filtered(lambda u: u.has_group(CREDIT_DIRECTOR_GROUP))
        return (others - directors)[:1] or directors[:1]
