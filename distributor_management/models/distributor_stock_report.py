"""Sell-through and stock (进销存) a distributor reports for a period: what it sold to its
customers and what it holds at the end, by product, entered or imported from its spreadsheet."""

from odoo import api, fields, models
from odoo.addons.b2b_base import guards
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..const import BINDING_STATES


class DistributorStockReport(models.Model):
    _name = "distributor.stock.report"
    _description = "Sell-through and Stock Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "b2b.input.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    agreement_id = fields.Many2one(
        "distributor.agreement",
        compute="_compute_agreement_id",
        store=True,
        index="btree_not_null",
        help="The agreement in force at the end of the period.",
    )
    user_id = fields.Many2one(
        related="agreement_id.user_id", store=True, string="Market Representative"
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    line_ids = fields.One2many(
        "distributor.stock.report.line", "report_id", string="Products", copy=True
    )
    qty_sold = fields.Float(
        string="Sold", compute="_compute_totals", store=True, help="Sold to its customers."
    )
    qty_stock = fields.Float(string="Stock", compute="_compute_totals", store=True)
    overstock_count = fields.Integer(
        string="Overstocked Products", compute="_compute_overstock_count"
    )
    notes = fields.Text()
    # Set by the nightly alerts once the overstock activity is made: one per report.
    overstock_alerted = fields.Boolean(copy=False, readonly=True, groups="base.group_system")

    _sql_constraints = [
        (
            "period_uniq",
            "unique(partner_id, company_id, date_from, date_to)",
            "The distributor already has a report for this period: add to it.",
        ),
    ]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("partner_id", "date_from", "date_to")
    def _compute_display_name(self):
        for report in self:
            period = ""
            if report.date_from and report.date_to:
                start, end = (
                    format_date(self.env, report.date_from),
                    format_date(self.env, report.date_to),
                )
                period = f"{start} – {end}"
            report.display_name = " · ".join(filter(None, [report.partner_id.name, period]))

    @api.depends("partner_id", "date_to", "company_id")
    def _compute_agreement_id(self):
        found = self.env["distributor.agreement"]._on_days(
            self, "date_to", (*BINDING_STATES, "expired", "terminated")
        )
        for report in self:
            report.agreement_id = found[report]

    @api.depends("line_ids.qty_sold", "line_ids.qty_stock")
    def _compute_totals(self):
        for report in self:
            report.qty_sold = sum(report.line_ids.mapped("qty_sold"))
            report.qty_stock = sum(report.line_ids.mapped("qty_stock"))

    @api.depends("line_ids.qty_sold", "line_ids.qty_stock", "date_from", "date_to")
    def _compute_overstock_count(self):
        # One count for the saved reports (a list of long reports reads no line); a report
        # being edited counts its lines as they are on the screen.
        saved = self.filtered("id")
        counts = dict(
            self.env["distributor.stock.report.line"]._read_group(
                [("report_id", "in", saved.ids), ("overstock", "=", True)],
                ["report_id"],
                ["__count"],
            )
            if saved
            else []
        )
        for report in self:
            if report.id:
                report.overstock_count = counts.get(report, 0)
            else:
                report.overstock_count = len(report.line_ids.filtered("overstock"))

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        # The alert flag is the nightly job's (field groups do not guard a create): whatever
        # a client, a default, ir.default or an import sent, a new report is not yet alerted.
        # sudo: the flag is readable by administrators only.
        if not guards.may_write_system_fields(self.env):
            reports.sudo().filtered("overstock_alerted").write({"overstock_alerted": False})
        return reports

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        if any(report.date_to < report.date_from for report in self):
            raise ValidationError(self.env._("A report's period cannot end before it starts."))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_import(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Sell-through and Stock"),
            "res_model": "distributor.stock.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_id": self.id},
        }
