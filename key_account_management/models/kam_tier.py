from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import MANAGER_GROUP, VALUE_CLASSES
from ..rules import MAX_DAYS, TierRule


class KamTier(models.Model):
    _name = "kam.tier"
    _inherit = ["kam.input.mixin"]
    _description = "Key Account Tier"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Tiering picks the first tier whose rules match.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    color = fields.Integer()
    description = fields.Text(translate=True)
    is_key_account = fields.Boolean(
        string="Key Account Tier",
        default=True,
        help="Accounts in this tier count as key accounts.",
    )
    rule_class_a = fields.Boolean(string="Class A", default=True)
    rule_class_b = fields.Boolean(string="Class B", default=True)
    rule_class_c = fields.Boolean(string="Class C", default=True)
    rule_min_potential = fields.Integer(
        string="Minimum Potential Score", help="0 to 100; 0 accepts any potential."
    )
    rule_importance = fields.Selection(
        [
            ("none", "Not required"),
            ("any", "Brand or government influence"),
            ("brand", "Brand influence"),
            ("government", "Government influence"),
            ("both", "Brand and government influence"),
        ],
        string="Importance Required",
        default="none",
        required=True,
    )
    min_visit_days = fields.Integer(
        string="Minimum Days Between Visits", help="Visiting more often than this is over-care."
    )
    max_visit_days = fields.Integer(
        string="Maximum Days Between Visits", help="Visiting less often than this is neglect."
    )
    resource_weight = fields.Float(
        default=1.0, help="Relative share of time, people and money an account of this tier gets."
    )
    care_birthday = fields.Boolean(
        string="Birthday Care", help="Remind whoever keeps a contact's profile of the birthday."
    )
    care_festivals = fields.Boolean(
        string="Festival Care",
        help="Remind them of the Spring Festival and the Mid-Autumn Festival.",
    )
    care_days_ahead = fields.Integer(
        string="Remind Days Ahead", default=7, help="How many days before the day to remind."
    )
    complaint_response_hours = fields.Integer(
        string="First Response Within (Hours)",
        help="A complaint of this tier's accounts is answered within this many hours; 0: the "
        "company's target.",
    )
    complaint_resolution_days = fields.Integer(
        string="Resolved Within (Days)",
        help="...and resolved within this many days; 0: the company's target.",
    )
    account_count = fields.Integer(compute="_compute_account_count", string="Accounts")
    currency_id = fields.Many2one(related="company_id.currency_id")
    gift_budget = fields.Monetary(
        string="Gift & Reception Budget",
        groups=MANAGER_GROUP,
        help="Yearly budget for the gifts and receptions of this tier's accounts; 0: no budget.",
    )
    gift_approved = fields.Monetary(
        compute="_compute_gift_budget", string="Approved This Year", groups=MANAGER_GROUP
    )
    gift_remaining = fields.Monetary(
        compute="_compute_gift_budget", string="Budget Left", groups=MANAGER_GROUP
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    def _compute_account_count(self):
        counts = dict(
            self.env["kam.account"]._read_group(
                [("tier_id", "in", self.ids)], ["tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.account_count = counts.get(tier, 0)

    def _compute_gift_budget(self):
        approved = self._gift_approved_in(fields.Date.context_today(self).year)
        for tier in self:
            tier.gift_approved = approved.get(tier, 0.0)
            # 0 is "no budget": nothing is left of a budget that does not exist.
            tier.gift_remaining = tier.gift_budget and tier.gift_budget - tier.gift_approved

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("complaint_response_hours", "complaint_resolution_days")
    def _check_complaint_targets(self):
        for tier in self:
            if not (0 <= tier.complaint_response_hours <= 720):
                raise ValidationError(
                    self.env._("A first response comes within 0 to 720 hours (0: the company's).")
                )
            if not (0 <= tier.complaint_resolution_days <= 365):
                raise ValidationError(
                    self.env._("A resolution comes within 0 to 365 days (0: the company's).")
                )

    @api.constrains("care_days_ahead")
    def _check_care_days_ahead(self):
        if any(not 0 <= tier.care_days_ahead <= 60 for tier in self):
            raise ValidationError(
                self.env._("Care reminders come between 0 and 60 days ahead of the day.")
            )

    @api.constrains("rule_min_potential")
    def _check_rule_min_potential(self):
        if any(not 0 <= tier.rule_min_potential <= 100 for tier in self):
            raise ValidationError(
                self.env._("The minimum potential score must be between 0 and 100.")
            )

    @api.constrains("min_visit_days", "max_visit_days")
    def _check_visit_days(self):
        for tier in self:
            if tier.min_visit_days < 0 or tier.max_visit_days < 0:
                raise ValidationError(self.env._("Days between visits cannot be negative."))
            if max(tier.min_visit_days, tier.max_visit_days) > MAX_DAYS:
                raise ValidationError(
                    self.env._("Days between visits cannot exceed %(days)s.", days=MAX_DAYS)
                )
            if tier.max_visit_days and tier.min_visit_days > tier.max_visit_days:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: the minimum days between visits exceed the maximum.",
                        tier=tier.name,
                    )
                )

    @api.constrains("gift_budget")
    def _check_gift_budget(self):
        if any(tier.sudo().gift_budget < 0 for tier in self):
            raise ValidationError(self.env._("A gift and reception budget cannot be negative."))

    @api.constrains("resource_weight")
    def _check_resource_weight(self):
        if any(tier.resource_weight < 0 for tier in self):
            raise ValidationError(self.env._("The resource weight cannot be negative."))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_open_accounts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_account_action"
        )
        action["domain"] = [("tier_id", "=", self.id)]
        action["context"] = {}
        return action

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _gift_approved_in(self, year):
        """Amount approved per tier for gifts and receptions decided in ``year``."""
        return dict(
            self.env["kam.gift.request"]
            .sudo()
            ._read_group(
                [
                    ("tier_id", "in", self.ids),
                    ("state", "=", "approved"),
                    ("decision_date", ">=", date(year, 1, 1)),
                    ("decision_date", "<=", date(year, 12, 31)),
                ],
                ["tier_id"],
                ["amount:sum"],
            )
        )

    def _as_rule(self):
        self.ensure_one()
        classes = {c for c, _label in VALUE_CLASSES if self[f"rule_class_{c}"]}
        return TierRule(self.id, frozenset(classes), self.rule_min_potential, self.rule_importance)
