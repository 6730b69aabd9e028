"""The distributor satisfaction survey (经销商满意度): how a distributor rates working with us,
collected by its representative, read beside its evaluation."""

from odoo import api, fields, models

from .. import rules
from ..const import SATISFACTION_ASPECTS, SATISFACTION_LEVELS


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
