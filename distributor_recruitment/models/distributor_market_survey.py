"""The new-market survey (新市场调查表) and the market development proposal (市场拓展方案书)
the recruiter takes into negotiation."""

from odoo import fields, models


class DistributorMarketSurvey(models.Model):
    _name = "distributor.market.survey"
    _description = "New-Market Survey"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    plan_id = fields.Many2one(
        "distributor.recruitment.plan", string="Recruitment Plan", index=True, check_company=True
    )
    territory_id = fields.Many2one(
        "distributor.territory", string="Market", required=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Surveyed By",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    environment = fields.Text(
        string="Market Environment", help="Economy, industry, projects, policy, growth."
    )
    consumption = fields.Text(help="Who buys, how much, through which channels.")
    competitors = fields.Text(help="The competitors' brands, products and prices.")
    distributor_structure = fields.Text(
        help="The distributors of the market and the strong ones, competitors' distributors, "
        "sub-distributors (二级分销商) and special dealers (特约经销商)."
    )
    proposal = fields.Html(
        string="Market Development Proposal",
        help="The market development proposal (市场拓展方案书) taken into negotiation.",
    )
