from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date

from .res_partner import CREDIT_GRADES


class ChannelCreditReview(models.Model):
    _name = "channel.credit.review"
    _description = "Credit Review"
    _inherit = ["mail.thread", "channel.credit.input.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        required=True,
        index=True,
        domain="[('is_company', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    reviewer_id = fields.Many2one("res.users", default=lambda self: self.env.user, required=True)
    years_in_business = fields.Integer()
    registered_capital = fields.Monetary()
    payment_record = fields.Selection(
        [("good", "Pays on time"), ("fair", "Sometimes late"), ("poor", "Often late")],
        string="Payment Record (12 Months)",
    )
    sales_trend = fields.Selection([("up", "Growing"), ("flat", "Stable"), ("down", "Declining")])
    collateral = fields.Text(string="Collateral or Guarantees")
    notes = fields.Text(string="Qualitative Notes")
    grade = fields.Selection(CREDIT_GRADES, string="Resulting Grade", required=True)
    credit_limit = fields.Monetary(string="Resulting Limit")
    term_days = fields.Integer(string="Resulting Term (Days)")
    next_review_date = fields.Date()
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Applied")], default="draft", required=True, tracking=True
    )

    @api.constrains(
        "credit_limit", "years_in_business", "registered_capital", "next_review_date", "date"
    )
    def _check_review_figures(self):
        for review in self:
            if min(review.credit_limit, review.years_in_business, review.registered_capital) < 0:
                raise ValidationError(self.env._("Review figures cannot be negative."))
            if review.next_review_date and review.next_review_date <= review.date:
                raise ValidationError(self.env._("The next review must come after this one."))

    def action_apply(self):
        """Apply the review's grade, limit and term to the distributor (Credit Managers only)."""
        for review in self:
            if review.state != "draft":
                raise UserError(self.env._("This review was already applied."))
            partner = review.partner_id.with_company(review.company_id)
            partner.write(
                {
                    "channel_credit_grade": review.grade,
                    "credit_limit": review.credit_limit,
                    "channel_credit_term_days": review.term_days,
                    "channel_review_date": review.next_review_date,
                }
            )
            review.state = "done"
            partner.message_post(
                body=self.env._(
                    "Credit review of %(date)s applied by %(user)s: grade %(grade)s, "
                    "limit %(limit)s, term %(term)s days.",
                    date=format_date(self.env, review.date),
                    user=self.env.user.name,
                    grade=dict(CREDIT_GRADES)[review.grade],
                    limit=format_amount(self.env, review.credit_limit, review.currency_id),
                    term=review.term_days,
                )
            )
        return True
