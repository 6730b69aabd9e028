from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    kam_use_six_steps = fields.Boolean(
        string="Key-Account Pipeline",
        help="Opportunities of this team are key-account deals: they follow the six-step "
        "process and carry a 1+2+1 buying-role map.",
    )
