"""The distributor satisfaction survey (经销商满意度): how a distributor rates working with us,
collected by its representative, read beside its evaluation."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .. import rules
from ..const import MANAGER_GROUP, SATISFACTION_ASPECTS, SATISFACTION_LEVELS


class DistributorSatisfaction(models.Model):
    _name = "distributor.satisfaction"
    _description = "Distributor Satisfaction Survey"
    _inherit = ["mail.thread", "b2b.input.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        required=True,
        index=True,
        domain="[('is_company', '=', True)]",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users",
        string="Collected By",
        index=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    respondent = fields.Char(help="Who answered at the distributor, and their role.")
    product_rating = fields.Selection(
        SATISFACTION_LEVELS, string="Products", default="0", help="Quality and range."
    )
    delivery_rating = fields.Selection(
        SATISFACTION_LEVELS, string="Delivery", default="0", help="On time and complete."
    )
    margin_rating = fields.Selection(
        SATISFACTION_LEVELS,
        string="Price and Margin",
        default="0",
        help="The margin left to the distributor, rebates included.",
    )
    support_rating = fields.Selection(
        SATISFACTION_LEVELS,
        string="Market Support",
        default="0",
        help="Marketing funds, training, staff, samples.",
    )
    service_rating = fields.Selection(
        SATISFACTION_LEVELS,
        string="Service",
        default="0",
        help="How fast and well complaints and questions are handled.",
    )
    management_rating = fields.Selection(
        SATISFACTION_LEVELS,
        string="Channel Management",
        default="0",
        help="Territory protection, price order, stable and clear policies.",
    )
    satisfaction = fields.Float(
        compute="_compute_satisfaction",
        store=True,
        aggregator="avg",
        help="The mean of the aspects rated, from 1 (very dissatisfied) to 5.",
    )
    comments = fields.Text(help="What the distributor said, in their words.")
    improvement = fields.Text(string="What We Should Improve")

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(*SATISFACTION_ASPECTS)
    def _compute_satisfaction(self):
        for survey in self:
            survey.satisfaction = rules.satisfaction(survey[a] for a in SATISFACTION_ASPECTS)

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for survey in self:
            survey.display_name = " · ".join(
                filter(None, [survey.partner_id.display_name, survey.date and str(survey.date)])
            )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        surveys = super().create(vals_list)
        surveys._check_collector()
        return surveys

    def write(self, vals):
        result = super().write(vals)
        if {"partner_id", "company_id"} & vals.keys():
            self._check_collector()
        return result

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _check_collector(self):
        """A representative asks their own distributors (named by a signed agreement): their
        surveys count in the mean a Channel Manager reads on the evaluation."""
        user = self.env.user
        if self.env.su or user.has_group(MANAGER_GROUP):
            return
        signed = self.env["distributor.agreement"]._signed_representatives(self.partner_id, user)
        others = self.filtered(lambda s: (user, s.partner_id, s.company_id) not in signed)
        if others:
            raise AccessError(
                self.env._(
                    "You survey the distributors whose signed agreement names you as their "
                    "representative: not %(distributors)s.",
                    distributors=", ".join(others.partner_id.mapped("display_name")),
                )
            )
