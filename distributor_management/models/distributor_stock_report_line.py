"""A product's line of a sell-through and stock report: sold, in stock, and what follows."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .. import rules


class DistributorStockReportLine(models.Model):
    _name = "distributor.stock.report.line"
    _description = "Sell-through and Stock Line"
    _inherit = ["b2b.input.mixin"]
    _order = "report_id, product_id, id"
    _check_company_auto = True

    report_id = fields.Many2one(
        "distributor.stock.report", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="report_id.partner_id", store=True, string="Distributor")
    user_id = fields.Many2one(
        related="report_id.user_id", store=True, string="Market Representative"
    )
    date_to = fields.Date(related="report_id.date_to", store=True, string="Period End")
    product_id = fields.Many2one("product.product", required=True, index=True, check_company=True)
    qty_sold = fields.Float(
        string="Sold", help="Sold to the distributor's customers in the period."
    )
    qty_stock = fields.Float(string="Stock", help="Held at the end of the period.")
    days_of_stock = fields.Float(
        string="Days of Stock",
        compute="_compute_health",
        store=True,
        aggregator=False,
        help="How many days the stock lasts at the period's rate of sale (empty: nothing sold).",
    )
    sell_through = fields.Float(
        string="Sell-through Rate",
        compute="_compute_health",
        store=True,
        aggregator=False,
        help="Sold over sold plus the stock left.",
    )
    # Not stored: the company's limit changes without rewriting every line ever reported.
    overstock = fields.Boolean(
        compute="_compute_overstock",
        search="_search_overstock",
        help="The stock lasts longer than the company's limit, or nothing sold.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("qty_sold", "qty_stock", "report_id.date_from", "report_id.date_to")
    def _compute_health(self):
        for line in self:
            line.update(rules.stock_health(line.qty_sold, line.qty_stock, line._days()))

    @api.depends("qty_sold", "qty_stock", "report_id.date_from", "report_id.date_to")
    def _compute_overstock(self):
        for line in self:
            report = line.report_id
            line.overstock = rules.overstocked(
                line.qty_stock,
                line.qty_sold,
                line._days(),
                (report.company_id or self.env.company).distributor_overstock_days,
            )

    def _search_overstock(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Search overstock with = or != True/False."))
        # Stock that did not sell, or lasts longer than its own company's limit.
        lasting = expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    ("days_of_stock", ">", company.distributor_overstock_days),
                ]
                for company in self.env.companies
            ]
        )
        domain = expression.AND(
            [[("qty_stock", ">", 0)], expression.OR([[("qty_sold", "=", 0)], lasting])]
        )
        return domain if (operator == "=") == value else ["!", *domain]

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_export_xlsx(self):
        """The sell-through and stock workbook: the selected lines, or the current search."""
        Export = self.env["distributor.stock.export"]
        lines = Export._xlsx_records_to_export(self)
        return Export.create({"line_ids": lines.ids}).action_download()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _days(self):
        self.ensure_one()
        report = self.report_id
        if not (report.date_from and report.date_to):
            return 0
        return rules.period_days(report.date_from, report.date_to)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("qty_sold", "qty_stock")
    def _check_quantities(self):
        if any(line.qty_sold < 0 or line.qty_stock < 0 for line in self):
            raise ValidationError(self.env._("Quantities sold and in stock cannot be negative."))
