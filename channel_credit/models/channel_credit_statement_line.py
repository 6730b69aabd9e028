from odoo import api, fields, models
from odoo.tools import format_date

from ..const import STATEMENT_KINDS, STATEMENT_LINE_STATES


class ChannelCreditStatementLine(models.Model):
    _name = "channel.credit.statement.line"
    _description = "Statement of Account Line"
    _order = "date, id"

    statement_id = fields.Many2one(
        "channel.credit.statement", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    move_id = fields.Many2one("account.move", string="Entry", required=True, readonly=True)
    date = fields.Date(required=True, readonly=True)
    kind = fields.Selection(STATEMENT_KINDS, required=True, readonly=True)
    reference = fields.Char(related="move_id.name")
    debit = fields.Monetary(string="Debit Amount", readonly=True)
    credit = fields.Monetary(string="Credit Amount", readonly=True)
    state = fields.Selection(STATEMENT_LINE_STATES, required=True, readonly=True, default="pending")
    comment = fields.Text(readonly=True)
    answered_by_id = fields.Many2one("res.users", readonly=True)
    answered_date = fields.Datetime(string="Answered On", readonly=True)

    @api.depends("move_id", "date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " · ".join(
                filter(None, [line.date and format_date(self.env, line.date), line.move_id.name])
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["channel.credit.statement"]._check_issuer()
        return super().create(vals_list)

    def write(self, vals):
        self.env["channel.credit.statement"]._check_issuer()
        return super().write(vals)
