from odoo import api, fields, models

# What the completion dialog asks for; the visit keeps its own rules (kam.visit.write).
COMPLETION_FIELDS = ("summary", "outcome", "next_step", "next_step_date", "satisfaction")


def _visit_selection(field_name):
    def selection(model):
        return model.env["kam.visit"]._fields[field_name]._description_selection(model.env)

    return selection


class KamVisitComplete(models.TransientModel):
    """Completing a visit in one step: everything is checked together and nothing is saved
    on the visit when a rule fails."""

    _name = "kam.visit.complete"
    _description = "Complete a Visit"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        visit = self.env["kam.visit"].browse(values.get("visit_id")).exists()
        if visit:
            values.update({name: visit[name] for name in COMPLETION_FIELDS if name in fields_list})
        return values

    visit_id = fields.Many2one("kam.visit", required=True, readonly=True, ondelete="cascade")
    summary = fields.Text(string="Talking Points")
    outcome = fields.Selection(_visit_selection("outcome"))
    next_step = fields.Char()
    next_step_date = fields.Date()
    satisfaction = fields.Selection(_visit_selection("satisfaction"))

    def action_confirm(self):
        self.ensure_one()
        self.visit_id.write({**{name: self[name] for name in COMPLETION_FIELDS}, "state": "done"})
        return {"type": "ir.actions.act_window_close"}
