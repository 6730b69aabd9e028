from odoo import api, fields, models
from odoo.addons.b2b_base import clock
from odoo.exceptions import ValidationError

from ..report.kam_visit_report_xlsx import build_visit_report


class KamVisitReportExport(models.TransientModel):
    _name = "kam.visit.report.export"
    _inherit = ["b2b.xlsx.export.mixin"]
    _description = "Visit Report Export"

    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    user_ids = fields.Many2many(
        "res.users", string="Reps", help="Leave empty for every rep whose visits you can see."
    )

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        if any(export.date_from > export.date_to for export in self):
            raise ValidationError(self.env._("The period must start before it ends."))

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_period_bounds(self):
        """The period's first and last instants in the user's time zone, as stored (UTC)."""
        tz = clock.user_tz(self.env)
        return clock.utc_bounds(self.date_from, self.date_to, tz)

    def _xlsx_build(self):
        # Built with the user's rights: a rep's file holds their own visits only.
        start, end = self._kam_period_bounds()
        # A visit belongs to the day it was done; one not done yet to the day it is planned.
        domain = [
            "|",
            "&",
            ("state", "=", "done"),
            "&",
            ("date_done", ">=", start),
            ("date_done", "<", end),
            "&",
            ("state", "!=", "done"),
            "&",
            ("date_planned", ">=", start),
            ("date_planned", "<", end),
            ("company_id", "in", self.env.companies.ids),
        ]
        if self.user_ids:
            domain.append(("user_id", "in", self.user_ids.ids))
        visits = self.env["kam.visit"].search(domain)
        accounts = self.env["kam.account"].search(
            [("company_id", "in", self.env.companies.ids), ("tier_id", "!=", False)]
        )
        # A sheet per rep, also for those without a visit in the period (0 done is news too).
        reps = self.user_ids or (visits.user_id | accounts.manager_id)
        return build_visit_report(
            visits, accounts, self.date_from, self.date_to, self.env.company, reps
        )

    def _xlsx_file_label(self):
        return self.env._("Visit Report")
