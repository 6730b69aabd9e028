"""A credit review's limit (授信额度测算): the term, the calculation and the resulting limit."""

from odoo import api, fields, models
from odoo.tools import format_amount

from .. import rules
from ..const import CREDIT_GRADES, SUGGESTION_MONTHS

# What the limit is calculated from (rules.suggested_limit, rules.new_distributor_limit).
LIMIT_INPUTS = (
    "partner_id",
    "company_id",
    "grade",
    "term_days",
    "planned_monthly_purchase",
    "registered_capital",
    "deposit",
)


class ChannelCreditReview(models.Model):
    _inherit = "channel.credit.review"

    planned_monthly_purchase = fields.Monetary(
        help="The monthly purchase planned in the distribution agreement: the basis of a new "
        "distributor's limit."
    )
    deposit = fields.Monetary(help="Deposit or guarantee money received from the distributor.")
    term_days = fields.Integer(
        string="Resulting Term (Days)", compute="_compute_term_days", store=True, readonly=False
    )
    calculated_limit = fields.Monetary(compute="_compute_calculation")
    calculation = fields.Text(string="How It Is Calculated", compute="_compute_calculation")
    credit_limit = fields.Monetary(
        string="Resulting Limit",
        compute="_compute_credit_limit",
        store=True,
        readonly=False,
        tracking=True,
    )
    current_limit = fields.Monetary(compute="_compute_current_limit")
    temp_limit = fields.Monetary(string="Temporary Increase", tracking=True)
    temp_until = fields.Date(string="Increase Until", tracking=True)
    next_review_date = fields.Date()

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id", "company_id")
    def _compute_term_days(self):
        for review in self:
            review.term_days = review._partner().channel_credit_term_days

    @api.depends(*LIMIT_INPUTS)
    def _compute_calculation(self):
        for company in self.company_id:
            reviews = self.filtered(lambda r, c=company: r.company_id == c)
            sales = reviews.partner_id._channel_recent_sales(company)
            for review in reviews:
                review.calculated_limit, review.calculation = review._limit_calculation(sales)
        for review in self.filtered(lambda r: not r.company_id):
            review.calculated_limit, review.calculation = 0.0, False

    @api.depends(*LIMIT_INPUTS)
    def _compute_credit_limit(self):
        for review in self:
            review.credit_limit = review.calculated_limit

    @api.depends("partner_id", "company_id")
    def _compute_current_limit(self):
        # sudo: Odoo keeps credit_limit to invoicing users; a distributor's limit is credit
        # status its salesperson may see.
        for review in self:
            review.current_limit = review._partner().sudo().credit_limit

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _limit_calculation(self, sales):
        """(limit, the calculation line by line) from the distributor's last six months of
        sales, or for a new distributor from its purchase plan and the company's caps."""
        self.ensure_one()
        company = self.company_id
        currency = company.currency_id
        factor = company._channel_grade_factor(self.grade)
        grade = dict(CREDIT_GRADES).get(self.grade, "-")

        def money(value):
            return format_amount(self.env, value, currency)

        invoiced, ordered = sales.get(self.partner_id.commercial_partner_id.id, (0.0, 0.0))
        monthly = max(invoiced, ordered) / SUGGESTION_MONTHS
        if monthly > 0:
            limit = rules.suggested_limit(monthly, self.term_days, factor)
            lines = [
                self.env._(
                    "Sales history: the larger of %(ordered)s ordered and %(invoiced)s invoiced "
                    "in the last six months, / 6 = %(monthly)s a month",
                    ordered=money(ordered),
                    invoiced=money(invoiced),
                    monthly=money(monthly),
                ),
                self.env._(
                    "x %(term)s/30 days of credit term x %(factor)s for grade %(grade)s "
                    "= %(limit)s",
                    term=self.term_days,
                    factor=factor,
                    grade=grade,
                    limit=money(limit),
                ),
            ]
            return currency.round(limit), "\n".join(lines)
        caps = []
        if company.channel_capital_share:
            caps.append(
                (
                    self.env._(
                        "registered capital %(capital)s x %(share)s%%",
                        capital=money(self.registered_capital),
                        share=round(company.channel_capital_share * 100, 2),
                    ),
                    self.registered_capital * company.channel_capital_share,
                )
            )
        if company.channel_deposit_multiple:
            caps.append(
                (
                    self.env._(
                        "deposit %(deposit)s x %(multiple)s",
                        deposit=money(self.deposit),
                        multiple=company.channel_deposit_multiple,
                    ),
                    self.deposit * company.channel_deposit_multiple,
                )
            )
        limit, decided_by = rules.new_distributor_limit(
            self.planned_monthly_purchase, self.term_days, factor, caps
        )
        lines = [
            self.env._(
                "New distributor (no sales in the last six months): planned monthly purchase "
                "%(planned)s x %(term)s/30 days of credit term x %(factor)s for grade %(grade)s "
                "= %(amount)s",
                planned=money(self.planned_monthly_purchase),
                term=self.term_days,
                factor=factor,
                grade=grade,
                amount=money(
                    rules.new_distributor_limit(
                        self.planned_monthly_purchase, self.term_days, factor, []
                    )[0]
                ),
            )
        ]
        lines += [
            self.env._("Cap: %(name)s = %(amount)s", name=name, amount=money(cap))
            for name, cap in caps
        ]
        lines.append(
            self.env._("Limit: %(limit)s, set by %(by)s", limit=money(limit), by=decided_by)
            if decided_by
            else self.env._("Limit: %(limit)s, set by the purchase plan", limit=money(limit))
        )
        return currency.round(limit), "\n".join(lines)
