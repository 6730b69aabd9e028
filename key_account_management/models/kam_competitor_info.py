from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KamCompetitorInfo(models.Model):
    _name = "kam.competitor.info"
    _inherit = ["kam.input.mixin"]
    _description = "Competitor Intelligence"
    _order = "date desc, id desc"
    _rec_name = "competitor_id"
    _check_company_auto = True

    competitor_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain="[('kam_is_competitor', '=', True)]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        compute_sudo=False,
        check_company=True,
        domain="[('parent_id', '=', False), ('kam_is_competitor', '=', False)]",
        help="The customer where we learned it.",
    )
    visit_id = fields.Many2one("kam.visit", index=True, ondelete="set null", check_company=True)
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        index=True,
        ondelete="set null",
        check_company=True,
        compute="_compute_lead_id",
        store=True,
        readonly=False,
        precompute=True,
        compute_sudo=False,
    )
    user_id = fields.Many2one(
        "res.users", string="Recorded By", required=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    product = fields.Char(string="Their Product")
    price = fields.Monetary(string="Their Price")
    relationship = fields.Text(help="How the competitor stands with this customer, and with whom.")
    cheaper_offer = fields.Boolean(
        help="The competitor offered this customer a lower price than ours: a churn signal "
        "even when the customer says it is satisfied."
    )
    notes = fields.Text()

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    # Both also act as onchanges: with the user's rights (compute_sudo=False), they read only
    # the visits and deals the user may, so the form does not tell what another rep's visit
    # is about.
    @api.depends("visit_id", "lead_id")
    def _compute_partner_id(self):
        visits = self.visit_id._filtered_access("read")
        leads = self.lead_id._filtered_access("read")
        for info in self:
            if info.visit_id in visits:
                info.partner_id = info.visit_id.partner_id
            elif info.lead_id in leads and not info.partner_id:
                info.partner_id = info.lead_id.partner_id.commercial_partner_id

    @api.depends("visit_id")
    def _compute_lead_id(self):
        visits = self.visit_id._filtered_access("read")
        for info in self:
            if info.visit_id in visits and info.visit_id.lead_id:
                info.lead_id = info.visit_id.lead_id

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("competitor_id")
    def _check_competitor(self):
        for info in self:
            if not info.competitor_id.commercial_partner_id.kam_is_competitor:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not flagged as a competitor.",
                        partner=info.competitor_id.display_name,
                    )
                )

    @api.constrains("price")
    def _check_price(self):
        if any(info.price < 0 for info in self):
            raise ValidationError(self.env._("A competitor's price cannot be negative."))
