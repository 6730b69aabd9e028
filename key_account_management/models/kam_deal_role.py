from odoo import api, fields, models
from odoo.exceptions import ValidationError

BUYING_ROLES = [
    ("purchaser", "Purchaser"),
    ("user", "User"),
    ("tech_gatekeeper", "Technical Gatekeeper"),
    ("finance_gatekeeper", "Financial Gatekeeper"),
    ("decision_maker", "Decision Maker"),
    ("other", "Other"),
]
BRAIN_PROFILES = [
    ("a", "A - Analytical"),
    ("b", "B - Sequential"),
    ("c", "C - Interpersonal"),
    ("d", "D - Imaginative"),
]


class KamDealRole(models.Model):
    _name = "kam.deal.role"
    _inherit = ["kam.input.mixin"]
    _description = "Buying Role on an Opportunity"
    _order = "lead_id, is_coach desc, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        help="Leave empty for a role we know exists but have not met yet.",
    )
    buying_role = fields.Selection(BUYING_ROLES, required=True, default="user")
    is_coach = fields.Boolean(
        string="Coach", help="An insider who guides us, not a mere informant."
    )
    org_level = fields.Selection(
        [("senior", "Senior"), ("middle", "Middle"), ("base", "Base")],
        string="Organization Level",
    )
    influence = fields.Selection(
        [("high", "High"), ("medium", "Medium"), ("low", "Low")], default="medium"
    )
    attitude = fields.Selection(
        [
            ("support", "Support"),
            ("neutral", "Neutral"),
            ("oppose", "Oppose"),
            ("unknown", "Unknown"),
        ],
        required=True,
        default="unknown",
    )
    relationship_level = fields.Integer(
        help="1 helps with work, 2 talks as equals, 3 relies on us to solve problems, "
        "4 family-like trust.",
    )
    brain_profile = fields.Selection(BRAIN_PROFILES, string="Whole-Brain Profile")
    brain_profile_tip = fields.Text(compute="_compute_brain_profile_tip", string="How to Talk")
    last_contact_date = fields.Date(
        help="Updated when a note or email on the opportunity involves this contact."
    )
    notes = fields.Text()

    @api.constrains("relationship_level")
    def _check_relationship_level(self):
        if any(not 0 <= role.relationship_level <= 4 for role in self):
            raise ValidationError(
                self.env._(
                    "The relationship level goes from 1 (helps with work) to 4 (family-like trust)."
                )
            )

    @api.constrains("partner_id", "lead_id")
    def _check_contact_company(self):
        for role in self.filtered("partner_id"):
            customer = role.lead_id.partner_id.commercial_partner_id
            if customer and role.partner_id.commercial_partner_id != customer:
                raise ValidationError(
                    self.env._(
                        "%(contact)s does not belong to %(customer)s, the customer of this "
                        "opportunity.",
                        contact=role.partner_id.display_name,
                        customer=customer.display_name,
                    )
                )

    @api.constrains("is_coach", "lead_id")
    def _check_one_coach(self):
        for lead in self.filtered("is_coach").lead_id:
            coaches = lead.kam_role_ids.filtered("is_coach")
            if len(coaches) > 1:
                raise ValidationError(
                    self.env._(
                        "The 1+2+1 formula has one coach: %(names)s are all marked as coach.",
                        names=", ".join(c.partner_id.name or "?" for c in coaches),
                    )
                )

    @api.depends("brain_profile")
    def _compute_brain_profile_tip(self):
        tips = {
            "a": self.env._("Facts, figures and logic: bring data, be precise, skip small talk."),
            "b": self.env._("Plans and procedures: be organized, give details and timelines."),
            "c": self.env._("People and feelings: build rapport, listen, show who benefits."),
            "d": self.env._("Ideas and the big picture: show the vision, keep it short."),
        }
        for role in self:
            role.brain_profile_tip = tips.get(role.brain_profile, False)
