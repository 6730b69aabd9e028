"""A distributor's sell-through and stock (进销存) from its spreadsheet, into a report: every row
checked first, a bad row refusing the file with its number and reason, nothing half-imported."""

from odoo import fields, models
from odoo.addons.b2b_base import bulk
from odoo.exceptions import UserError

from .. import rules

# A quantity no distributor reports in one line; beyond it a cell is a mistake.
MAX_QUANTITY = 10**9


class DistributorStockImport(models.TransientModel):
    _name = "distributor.stock.import"
    _description = "Import Sell-through and Stock"
    _inherit = ["b2b.xlsx.import.mixin"]

    report_id = fields.Many2one("distributor.stock.report", required=True, readonly=True)
    replace = fields.Boolean(
        string="Replace the Report's Lines",
        default=True,
        help="Off: the file's lines are added to those the report has.",
    )

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_import(self):
        self.ensure_one()
        self._import_check_rights()
        rows = self._import_rows()
        products = self._named_products(row.get("product") for _number, row in rows)

        def row_values(_number, row):
            return {
                "product_id": self._find_product(row.get("product"), products),
                "qty_sold": self._import_number(row, "qty_sold", 0, MAX_QUANTITY),
                "qty_stock": self._import_number(row, "qty_stock", 0, MAX_QUANTITY),
            }

        values = self._import_values(rows, row_values)
        self._write_lines(values)
        return {"type": "ir.actions.act_window_close"}

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _import_check_rights(self):
        # Whoever may change the report imports into it (its record rules decide).
        self.report_id.check_access("write")

    def _import_columns(self):
        return {
            "product": self.env._("Product"),
            "qty_sold": self.env._("Sold"),
            "qty_stock": self.env._("Stock"),
        }

    def _import_required(self):
        return ["product", "qty_sold", "qty_stock"]

    def _import_template(self):
        examples = [("DN50-CV", 120, 300), ("DN80 Ball Valve", 45, 20)]
        return (
            self.env._("Sell-through and Stock"),
            self.env._("Sell-through and stock template"),
            examples,
        )

    def _named_products(self, cells):
        """{cell text: the products it names}, by internal reference, else name: one search
        for the whole file."""
        texts = list({str(cell).strip() for cell in cells if cell not in (None, "")} - {""})
        if not texts:
            return {}
        company = self.report_id.company_id
        found = self.env["product.product"].search_fetch(
            [
                ("company_id", "in", [False, company.id]),
                "|",
                ("default_code", "in", texts),
                ("name", "in", texts),
            ],
            ["default_code", "name"],
        )
        by_code, by_name = {}, {}
        for product in found:
            if product.default_code:
                by_code.setdefault(product.default_code, []).append(product.id)
            by_name.setdefault(product.name, []).append(product.id)
        return {text: by_code.get(text) or by_name.get(text) or [] for text in texts}

    def _find_product(self, cell, products):
        text = str(cell or "").strip()
        if not text:
            raise UserError(self.env._("the product is missing."))
        found = products.get(text) or []
        if not found:
            raise UserError(
                self.env._("no product %(value)s (internal reference or name).", value=text)
            )
        if len(found) > 1:
            raise UserError(
                self.env._(
                    "%(value)s names %(count)s products: give its internal reference.",
                    value=text,
                    count=len(found),
                )
            )
        return found[0]

    def _write_lines(self, values):
        """The lines in one statement per 5,000 (b2b_base.bulk), their figures computed here:
        a distributor's file holds tens of thousands of lines. sudo: after the rights check,
        as the bulk writer writes tables."""
        report = self.report_id.sudo()
        if self.replace:
            report.line_ids.unlink()
        days = rules.period_days(report.date_from, report.date_to)
        rows = [
            {**vals, **rules.stock_health(vals["qty_sold"], vals["qty_stock"], days)}
            for vals in values
        ]
        now = fields.Datetime.now()
        bulk.insert(
            self.env["distributor.stock.report.line"],
            {
                "product_id": "integer",
                "qty_sold": "numeric",
                "qty_stock": "numeric",
                "days_of_stock": "numeric",
                "sell_through": "numeric",
            },
            rows,
            constants={
                "report_id": report.id,
                "company_id": report.company_id.id,
                "partner_id": report.partner_id.id,
                "user_id": report.user_id.id or None,
                "date_to": report.date_to,
                "create_uid": self.env.uid,
                "write_uid": self.env.uid,
                "create_date": now,
                "write_date": now,
            },
        )
        # The report's totals follow its new lines.
        report.invalidate_recordset()
        report.modified(["line_ids"])
        report._recompute_recordset(["qty_sold", "qty_stock"])
        report.message_post(
            body=self.env._(
                "%(count)s lines imported from %(file)s.",
                count=len(rows),
                file=self.filename or self.env._("a spreadsheet"),
            ),
            subtype_xmlid="mail.mt_note",
        )
