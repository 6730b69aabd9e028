"""A credit review's investigation (信用调查): the checklist, the score and the grade."""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .. import rules
from ..const import CREDIT_GRADES


class ChannelCreditReview(models.Model):
    _inherit = "channel.credit.review"

    line_ids = fields.One2many(
        "channel.credit.review.line",
        "review_id",
        string="Investigation",
        default=lambda self: self._default_line_ids(),
    )
    years_in_business = fields.Integer()
    registered_capital = fields.Monetary()
    payment_record = fields.Selection(
        [("good", "Pays on time"), ("fair", "Sometimes late"), ("poor", "Often late")],
        string="Payment Record (12 Months)",
    )
    sales_trend = fields.Selection([("up", "Growing"), ("flat", "Stable"), ("down", "Declining")])
    collateral = fields.Text(string="Collateral or Guarantees")
    notes = fields.Text(string="Qualitative Notes")
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 1))
    score_grade = fields.Selection(
        CREDIT_GRADES, string="Grade by Score", compute="_compute_score", store=True
    )
    grade = fields.Selection(
        CREDIT_GRADES,
        string="Resulting Grade",
        compute="_compute_grade",
        store=True,
        readonly=False,
        tracking=True,
    )
    grade_note = fields.Char(
        string="Why Another Grade", help="Required when the grade differs from the score's."
    )
    grade_reason = fields.Char(string="How the Grade Is Given", compute="_compute_grade_reason")
    missing_items = fields.Char(compute="_compute_missing_items")

    # -------------------------------------------------------------------------
    # DEFAULT METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _default_line_ids(self, company=None):
        items = self.env["channel.credit.check.item"].search(
            [("company_id", "=", (company or self.env.company).id)]
        )
        return [Command.create(vals) for vals in items._line_values()]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("line_ids.weight", "line_ids.score", "line_ids.not_applicable", "company_id")
    def _compute_score(self):
        for review in self:
            score = rules.investigation_score(review.line_ids._score_items())
            review.score = score or 0.0
            review.score_grade = rules.grade_for_score(
                score, review.company_id._channel_min_scores()
            )

    @api.depends("score_grade", "kind", "partner_id")
    def _compute_grade(self):
        for review in self:
            if review.kind == "temporary":
                review.grade = review._partner().channel_credit_grade
            else:
                review.grade = review.score_grade

    @api.depends("score", "score_grade", "grade", "company_id")
    def _compute_grade_reason(self):
        names = dict(CREDIT_GRADES)
        for review in self:
            minimums = review.company_id._channel_min_scores()
            grade = review.score_grade or rules.GRADES[-1]
            index = rules.GRADES.index(grade)
            better = rules.GRADES[index - 1] if index else None
            reason = self.env._(
                "Score %(score)s of 100 gives %(grade)s",
                score=round(review.score, 1),
                grade=names[grade],
            )
            if grade in minimums:
                reason += self.env._(" (from %(minimum)s)", minimum=minimums[grade])
            if better:
                reason += self.env._(
                    "; %(better)s needs %(minimum)s",
                    better=names[better],
                    minimum=minimums[better],
                )
            review.grade_reason = reason

    @api.depends("line_ids.missing", "line_ids.item_id", "company_id")
    def _compute_missing_items(self):
        required = (
            self.env["channel.credit.check.item"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids), ("required", "=", True)])
        )
        for review in self:
            # A required item of the company's checklist counts even when its line is gone.
            absent = required.filtered(
                lambda item, r=review: item.company_id == r.company_id
                and item not in r.line_ids.item_id
            )
            names = [review.line_ids._missing_names(), ", ".join(absent.mapped("name"))]
            review.missing_items = ", ".join(name for name in names if name)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_complete(self):
        """What a review needs before it is submitted, approved or applied."""
        self.ensure_one()
        problems = []
        if self.kind == "temporary":
            if self.temp_limit <= 0:
                problems.append(self.env._("Give the amount of the temporary increase."))
            if not self.temp_until or self.temp_until < fields.Date.context_today(self):
                problems.append(self.env._("Give the temporary increase an end date from today."))
        else:
            if self.missing_items:
                problems.append(
                    self.env._(
                        "Required investigation items are missing (verified, with evidence "
                        "where asked): %(items)s.",
                        items=self.missing_items,
                    )
                )
            if not self.grade:
                problems.append(self.env._("Give the review a grade."))
            elif self.grade != self.score_grade and not (self.grade_note or "").strip():
                problems.append(
                    self.env._(
                        "The grade differs from the score's (%(grade)s): say why.",
                        grade=dict(CREDIT_GRADES)[self.score_grade],
                    )
                )
        if problems:
            raise UserError("\n".join(problems))
