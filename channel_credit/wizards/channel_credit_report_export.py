import base64

from odoo import api, fields, models

from ..report.channel_credit_xlsx import build_credit_workbook


class ChannelCreditReportExport(models.TransientModel):
    _name = "channel.credit.report.export"
    _description = "Credit Reports Export"

    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        exports = super().create(vals_list)
        for export in exports:
            # Built with the user's rights and company: the file holds what they may read.
            content = build_credit_workbook(self.env, self.env.company)
            export.write(
                {
                    "data": base64.b64encode(content),
                    "filename": f"credit_reports_{fields.Date.context_today(self)}.xlsx",
                }
            )
        return exports

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
            "target": "self",
        }

    @api.model
    def action_export(self):
        return self.create({}).action_download()
