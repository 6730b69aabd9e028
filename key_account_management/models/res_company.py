from odoo import api, fields, models
from odoo.addons.b2b_base import guards
from odoo.exceptions import ValidationError

from ..rules import MAX_DAYS, QUADRANTS


class ResCompany(models.Model):
    _inherit = "res.company"

    kam_class_a_threshold = fields.Float(
        string="Class A Threshold",
        default=0.80,
        help="The biggest accounts needed to reach this share of the total are class A, the "
        "one that crosses it included (the 80/20 rule).",
    )
    kam_class_b_threshold = fields.Float(
        string="Class B Threshold",
        default=0.95,
        help="The next accounts needed to reach this share of the total are class B.",
    )
    kam_value_basis = fields.Selection(
        [("revenue", "Revenue"), ("margin", "Gross Margin")],
        string="Value Classes By",
        # Both training documents rank customers by profit; existing databases keep theirs.
        default="margin",
        required=True,
        help="What the 80/20 value classes rank: revenue, or gross margin (80% of the profit, "
        "not of turnover). The gross margin is the sales margin of Odoo's Margins app when it "
        "is installed, else revenue less the products' cost.",
    )
    kam_potential_threshold = fields.Monetary(
        string="Purchase Potential Threshold",
        currency_field="currency_id",
        default=1000000.0,
        help="A purchase potential at or above this amount is high.",
    )
    kam_share_threshold = fields.Float(
        string="Wallet Share Threshold",
        default=0.50,
        help="A wallet share at or above this share is high.",
    )
    kam_revenue_source = fields.Selection(
        [("order", "Confirmed sales orders"), ("invoice", "Posted invoices")],
        string="Revenue Source",
        default="order",
        required=True,
        help="What the trailing-12-month revenue sums, untaxed and in company currency.",
    )
    kam_followup_days = fields.Integer(
        string="Follow Up Within (Days)",
        default=7,
        help="A completed visit needs a next step dated no later than this many days ahead.",
    )
    kam_gift_second_approval = fields.Monetary(
        string="Second Approval Above",
        currency_field="currency_id",
        default=5000.0,
        help="A gift or reception request worth more than this needs a second key-account "
        "manager's approval after the first; 0 means one approval for every amount.",
    )
    kam_complaint_response_hours = fields.Integer(
        string="First Response Within (Hours)",
        default=24,
        help="Complaints are answered within this many hours, unless the account's tier says "
        "otherwise.",
    )
    kam_complaint_resolution_days = fields.Integer(
        string="Complaints Resolved Within (Days)",
        default=7,
        help="...and resolved within this many days, unless the tier says otherwise.",
    )
    kam_complaint_update_days = fields.Integer(
        string="Tell the Customer Every (Days)",
        default=3,
        help="An open complaint with no update logged for this many days reminds its owner.",
    )
    kam_churn_window_days = fields.Integer(
        string="Compare the Last (Days)",
        default=90,
        help="Revenue of the last this-many days against the same days a year before.",
    )
    kam_churn_drop = fields.Float(
        string="Revenue Drop Signal",
        default=0.20,
        help="Revenue down by more than this share on the same period last year is a churn "
        "signal.",
    )
    kam_churn_share_drop = fields.Float(
        string="Wallet Share Drop Signal",
        default=0.10,
        help="Wallet share down by more than this many points on a year ago is a churn signal.",
    )
    kam_churn_overdue_factor = fields.Float(
        string="Order Overdue After (Usual Intervals)",
        default=1.5,
        help="No order for longer than this many times the customer's usual interval between "
        "orders is a churn signal.",
    )
    kam_alloc_attack = fields.Float(string="Attack Resources", default=0.40)
    kam_alloc_defend = fields.Float(string="Defend Resources", default=0.40)
    kam_alloc_maintain = fields.Float(string="Maintain Resources", default=0.20)
    kam_alloc_abandon = fields.Float(string="Abandon Resources", default=0.0)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("kam_class_a_threshold", "kam_class_b_threshold")
    def _check_kam_class_thresholds(self):
        for company in self:
            a, b = company.kam_class_a_threshold, company.kam_class_b_threshold
            if not (0 < a <= 1 and 0 < b <= 1):
                raise ValidationError(
                    self.env._("Value class thresholds must be between 0% and 100%.")
                )
            if a >= b:
                a_pct, b_pct = f"{a:.0%}", f"{b:.0%}"
                raise ValidationError(
                    self.env._(
                        "The class A threshold (%(a)s) must be lower than the class B threshold (%(b)s).",  # noqa: E501
                        a=a_pct,
                        b=b_pct,
                    )
                )

    @api.constrains("kam_potential_threshold")
    def _check_kam_potential_threshold(self):
        if any(company.kam_potential_threshold < 0 for company in self):
            raise ValidationError(
                self.env._("The purchase potential threshold cannot be negative.")
            )

    @api.constrains("kam_gift_second_approval")
    def _check_kam_gift_second_approval(self):
        if any(company.kam_gift_second_approval < 0 for company in self):
            raise ValidationError(
                self.env._("The amount for a second approval of gifts cannot be negative.")
            )

    @api.constrains("kam_share_threshold")
    def _check_kam_share_threshold(self):
        if any(not 0 <= company.kam_share_threshold <= 1 for company in self):
            raise ValidationError(
                self.env._("The wallet share threshold must be between 0% and 100%.")
            )

    @api.constrains("kam_followup_days")
    def _check_kam_followup_days(self):
        if any(company.kam_followup_days < 0 for company in self):
            raise ValidationError(self.env._("The follow-up window cannot be negative."))
        if any(company.kam_followup_days > MAX_DAYS for company in self):
            raise ValidationError(
                self.env._("The follow-up window cannot exceed %(days)s days.", days=MAX_DAYS)
            )

    @api.constrains(
        "kam_complaint_response_hours", "kam_complaint_resolution_days", "kam_complaint_update_days"
    )
    def _check_kam_complaint_targets(self):
        for company in self:
            if not 1 <= company.kam_complaint_response_hours <= 720:
                raise ValidationError(
                    self.env._("A complaint's first response comes within 1 to 720 hours.")
                )
            if not 1 <= company.kam_complaint_resolution_days <= 365:
                raise ValidationError(self.env._("A complaint is resolved within 1 to 365 days."))
            if not 1 <= company.kam_complaint_update_days <= 60:
                raise ValidationError(
                    self.env._("Customers with an open complaint hear from us every 1 to 60 days.")
                )

    @api.constrains(
        "kam_churn_window_days",
        "kam_churn_drop",
        "kam_churn_share_drop",
        "kam_churn_overdue_factor",
    )
    def _check_kam_churn_settings(self):
        for company in self:
            if not 7 <= company.kam_churn_window_days <= 365:
                raise ValidationError(self.env._("The churn comparison window is 7 to 365 days."))
            if not (0 < company.kam_churn_drop < 1 and 0 < company.kam_churn_share_drop < 1):
                raise ValidationError(
                    self.env._("The revenue and wallet-share drop signals are between 0% and 100%.")
                )
            if not 1 <= company.kam_churn_overdue_factor <= 10:
                raise ValidationError(
                    self.env._("An order is overdue after 1 to 10 usual intervals.")
                )

    @api.constrains(*(f"kam_alloc_{q}" for q in QUADRANTS))
    def _check_kam_resource_allocation(self):
        for company in self:
            company._kam_check_allocation(company._kam_resource_allocation())

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    # Only this addon's fields are checked: the core ones keep the core's rules.
    @api.model_create_multi
    def create(self, vals_list):
        guards.check_input(self, vals_list, prefix="kam_", create=True)
        return super().create(vals_list)

    def write(self, vals):
        guards.check_input(self, [vals], prefix="kam_")
        return super().write(vals)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_resource_allocation(self):
        """Planned share of time, people and money per offense/defense quadrant."""
        self.ensure_one()
        return {q: self[f"kam_alloc_{q}"] for q in QUADRANTS}

    def _kam_complaint_targets(self, tier):
        """(first response hours, resolution days) for a complaint of an account in ``tier``."""
        self.ensure_one()
        return (
            tier.complaint_response_hours or self.kam_complaint_response_hours,
            tier.complaint_resolution_days or self.kam_complaint_resolution_days,
        )

    @api.model
    def _kam_check_allocation(self, shares):
        """Refuse quadrant shares of resources outside 0..100% or not adding up to 100%."""
        if any(not 0 <= share <= 1 for share in shares.values()):
            raise ValidationError(self.env._("Each resource share must be between 0% and 100%."))
        if abs(sum(shares.values()) - 1) > 0.0001:
            total = f"{sum(shares.values()):.0%}"
            raise ValidationError(
                self.env._(
                    "The resource shares of the four quadrants must add up to 100%% "
                    "(now %(total)s).",
                    total=total,
                )
            )
