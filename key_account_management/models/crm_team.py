from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    kam_use_six_steps = fields.Boolean(
        string="Key-Account Pipeline",
        help="Opportunities of this team are key-account deals: they follow the six-step "
        "process and carry a 1+2+1 buying-role map.",
    )

    def _kam_wins_when_paid(self):
        """The collect-payment stages of this team (its own or shared): its deals are won only
        once paid."""
        self.ensure_one()
        return self.env["crm.stage"].search(
            [("kam_won_when_paid", "=", True), ("team_id", "in", [False, self.id])]
        )
