"""Sell-through and stock (进销存): entered in the form or imported from the distributor's
spreadsheet, days of stock and sell-through per product, overstock at the company's limit, a
bad row refusing the whole file, and each representative's own distributors only."""

import base64
import io
from datetime import date

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .. import rules
from .common import MoneyCase

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


@tagged("post_install", "-at_install")
class TestStockReport(MoneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.valve.default_code = "DN50-CV"
        cls.report = (
            cls.env["distributor.stock.report"]
            .with_user(cls.rep)
            .create({"partner_id": cls.partner.id, "date_from": JUNE[0], "date_to": JUNE[1]})
        )

    def csv(self, *rows, header="Product,Sold,Stock"):
        return base64.b64encode("\n".join((header, *rows)).encode())

    def wizard(self, content, user=None, report=None):
        report = report or self.report
        with Form(
            self.env["distributor.stock.import"]
            .with_user(user or self.rep)
            .with_context(default_report_id=report.id)
        ) as form:
            form.file = content
        return form.record

    def test_rules_at_their_boundaries(self):
        self.assertEqual(rules.period_days(*JUNE), 30)
        self.assertEqual(rules.days_of_stock(300, 120, 30), 75)
        self.assertIsNone(rules.days_of_stock(300, 0, 30))
        self.assertAlmostEqual(rules.sell_through_rate(45, 20), 45 / 65)
        self.assertEqual(rules.sell_through_rate(0, 0), 0.0)
        self.assertFalse(rules.overstocked(240, 120, 30, 60), "60 days: at the limit")
        self.assertTrue(rules.overstocked(241, 120, 30, 60), "60.25 days: over it")
        self.assertTrue(rules.overstocked(1, 0, 30, 60), "nothing sold")
        self.assertFalse(rules.overstocked(0, 0, 30, 60), "nothing held")

    def test_the_distributors_file_becomes_the_reports_lines(self):
        self.wizard(self.csv("DN50-CV,120,300", 'Booster pump,"1,045",20')).action_import()
        lines = self.report.line_ids.sorted(lambda line: line.product_id.id != self.valve.id)
        self.assertEqual(
            [(line.product_id, line.qty_sold, line.qty_stock) for line in lines],
            [(self.valve, 120, 300), (self.pump, 1_045, 20)],
        )
        valve, pump = lines
        self.assertEqual((valve.days_of_stock, valve.overstock), (75, True))
        self.assertAlmostEqual(valve.sell_through, 120 / 420)
        self.assertFalse(pump.overstock)
        self.assertEqual((self.report.qty_sold, self.report.qty_stock), (1_165, 320))
        self.assertEqual(self.report.overstock_count, 1)
        Line = self.env["distributor.stock.report.line"].with_user(self.rep)
        self.assertEqual(Line.search([("overstock", "=", True)]), valve)
        self.assertEqual(Line.search([("overstock", "!=", True)]), pump)
        # At the company's new limit the valve is no longer overstocked.
        self.company.distributor_overstock_days = 75
        valve.invalidate_recordset(["overstock"])
        self.assertFalse(valve.overstock)
        self.assertFalse(Line.search([("overstock", "=", True)]))
        # Imported again, the file replaces the lines.
        self.wizard(self.csv("DN50-CV,10,10")).action_import()
        self.assertEqual(len(self.report.line_ids), 1)

    def test_a_bad_row_refuses_the_whole_file(self):
        self.wizard(self.csv("DN50-CV,1,1")).action_import()
        before = self.report.line_ids
        content = self.csv(
            "DN50-CV,120,300", "Unknown valve,1,1", "Booster pump,-5,1", "DN50-CV,many,1", ",1,1"
        )
        with self.assertRaises(UserError) as caught:
            self.wizard(content).action_import()
        message = str(caught.exception)
        for row, reason in (
            (3, "no product Unknown valve"),
            (4, "Sold: -5 is not a number from 0"),
            (5, "Sold: many is not a number"),
            (6, "the product is missing"),
        ):
            self.assertIn(f"Row {row}: {reason}", message)
        self.assertNotIn("Row 2", message)
        self.assertEqual(self.report.line_ids, before, "nothing half-imported")

    def test_a_file_in_chinese_with_the_templates_headers(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        rep = self.rep.with_context(lang="zh_CN")
        wizard = self.wizard(b"", user=rep)
        action = wizard.with_user(self.rep).with_context(lang="zh_CN").action_download_template()
        self.assertIn("download=true", action["url"])
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template))).active
        headers = [cell.value for cell in sheet[1]]
        self.assertEqual(headers, ["产品", "已售", "库存"])
        content = base64.b64encode(",".join(headers).encode() + b"\nDN50-CV,30,30")
        self.wizard(content).with_context(lang="zh_CN").action_import()
        self.assertEqual(self.report.line_ids.qty_sold, 30)

    def test_a_representative_enters_one_in_the_form(self):
        with Form(
            self.env["distributor.stock.report"]
            .with_user(self.rep)
            .with_context(tz="Asia/Shanghai")
        ) as form:
            form.partner_id = self.partner
            form.date_from, form.date_to = date(2026, 7, 1), date(2026, 7, 31)
            with form.line_ids.new() as line:
                line.product_id = self.valve
                line.qty_sold = 31
                line.qty_stock = 62
            # Counted on the screen as the lines are typed, before anything is saved.
            self.assertEqual(form.overstock_count, 1)
            with form.line_ids.edit(0) as line:
                line.qty_sold = 62
            self.assertEqual(form.overstock_count, 0)
            with form.line_ids.edit(0) as line:
                line.qty_sold = 31
        report = form.record
        self.assertEqual((report.line_ids.days_of_stock, report.line_ids.overstock), (62, True))
        self.assertEqual(report.overstock_count, 1)

    def test_a_list_of_reports_counts_each_ones_overstock(self):
        def line(product, sold, stock):
            return Command.create({"product_id": product.id, "qty_sold": sold, "qty_stock": stock})

        Report = self.env["distributor.stock.report"].with_user(self.rep)
        july, august = (
            Report.create(
                {
                    "partner_id": self.partner.id,
                    "date_from": date(2026, month, 1),
                    "date_to": date(2026, month, 31),
                    "line_ids": lines,
                }
            )
            for month, lines in (
                (7, [line(self.valve, 31, 62), line(self.pump, 0, 5)]),
                (8, [line(self.valve, 31, 31), line(self.pump, 0, 0)]),
            )
        )
        reports = Report.browse((self.report | july | august).ids)
        self.assertEqual(reports.mapped("overstock_count"), [0, 2, 0])
        self.assertEqual(
            rules.stock_health(31, 62, 31), {"days_of_stock": 62, "sell_through": 31 / 93}
        )
        self.assertEqual(rules.stock_health(0, 5, 31), {"days_of_stock": 0.0, "sell_through": 0})

    def test_each_representative_sees_their_own(self):
        for call in (
            lambda: self.report.with_user(self.rep2).read(["qty_sold"]),
            lambda: self.wizard(self.csv("DN50-CV,1,1"), user=self.rep2).action_import(),
        ):
            self.assert_refused(AccessError, None, call, model="distributor.stock.report.line")
        self.assertEqual(self.report.with_user(self.manager).qty_sold, 0)

    def test_figures_are_not_written_by_hand(self):
        line = (
            self.env["distributor.stock.report.line"]
            .with_user(self.rep)
            .create(
                {
                    "report_id": self.report.id,
                    "product_id": self.valve.id,
                    "qty_sold": 30,
                    "qty_stock": 30,
                }
            )
        )
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: line.write({"days_of_stock": 1, "sell_through": 1}),
            line,
            ["days_of_stock", "sell_through"],
        )
        self.assert_refused(
            Exception,
            "negative",
            lambda: self.report.with_user(self.rep).write(
                {"line_ids": [Command.update(line.id, {"qty_stock": -1})]}
            ),
            line,
            ["qty_stock"],
        )

    def test_no_report_for_another_representatives_distributor(self):
        """A report of a distributor under another representative's agreement is theirs: a
        representative neither creates nor reads one."""
        self.approve(self.contract)
        self.assert_refused(
            AccessError,
            None,
            lambda: self.env["distributor.stock.report"]
            .with_user(self.rep2)
            .create(
                {
                    "partner_id": self.partner.id,
                    "date_from": date(2026, 7, 1),
                    "date_to": date(2026, 7, 31),
                }
            ),
            model="distributor.stock.report",
        )
        # Its own representative does.
        july = (
            self.env["distributor.stock.report"]
            .with_user(self.rep)
            .create(
                {
                    "partner_id": self.partner.id,
                    "date_from": date(2026, 7, 1),
                    "date_to": date(2026, 7, 31),
                }
            )
        )
        self.assertEqual(july.user_id, self.rep)
