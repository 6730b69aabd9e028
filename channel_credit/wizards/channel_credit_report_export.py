from odoo import fields, models
from odoo.tools import format_date

from ..report.channel_credit_xlsx import build_credit_workbook


class ChannelCreditReportExport(models.TransientModel):
    _name = "channel.credit.report.export"
    _description = "Credit Reports Export"
    _inherit = ["b2b.xlsx.export.mixin"]

    aging_date = fields.Date(
        string="As of",
        required=True,
        default=fields.Date.context_today,
        help="Receivables are aged as they stood at the end of this day.",
    )

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_view_aging(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "channel_credit.channel_credit_aging_action"
        )
        action["name"] = self.env._(
            "Aging as of %(date)s", date=format_date(self.env, self.aging_date)
        )
        action["context"] = {"channel_aging_date": fields.Date.to_string(self.aging_date)}
        action["target"] = "main"
        return action

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _xlsx_build(self):
        # In the user's company: the file holds what they may read there.
        return build_credit_workbook(self.env, self.env.company, self.aging_date)

    def _xlsx_file_label(self):
        return self.env._("Credit Reports")

    def _xlsx_file_date(self):
        return self.aging_date
