import io
from collections import namedtuple

import openpyxl

from odoo.tests import TransactionCase, tagged

from ..workbook import LINE_HEIGHT, Column, Workbook, line_count, text_width

Row = namedtuple("Row", "name amount note")


@tagged("post_install", "-at_install")
class TestWorkbook(TransactionCase):
    def build(self, rows, **table):
        book = Workbook(self.env, self.env.company)
        sheet = book.sheet("Sales: [draft]", "Sales by customer", "As of 11/30/2026")
        sheet.table(
            [
                Column("Customer", 20, "wrap", lambda r: r.name),
                Column("Amount", 12, "money", lambda r: r.amount),
                Column("Note", 10, "wrap", lambda r: r.note),
            ],
            rows,
            **table,
        )
        return openpyxl.load_workbook(io.BytesIO(book.close()))

    def test_widths_count_chinese_characters_twice(self):
        self.assertEqual(text_width("abc"), 3)
        self.assertEqual(text_width("经销商"), 6)
        self.assertEqual(line_count("", 10), 1)
        self.assertEqual(line_count("a" * 9, 10), 1)
        self.assertEqual(line_count("a" * 10, 10), 2)
        self.assertEqual(line_count("经销商经销商", 7), 2)
        self.assertEqual(line_count("one\ntwo\nthree", 30), 3)
        # Words wrap whole, and after a hyphen: "Sell-" / "through" / "Rate" in 9 usable.
        self.assertEqual(line_count("Sell-through Rate", 10), 3)
        self.assertEqual(line_count("Net Collected", 14), 1)
        self.assertEqual(line_count("Net Collected", 13), 2)
        self.assertEqual(line_count("a" * 20, 10), 3, "a long word breaks where lines end")
        self.assertEqual(line_count("库存可售天数", 11), 2)

    def test_title_table_totals_and_print_setup(self):
        rows = [
            Row("Hangzhou", 1200.5, ""),
            Row("武汉佳美建材专卖店有限公司", 300, "逾期三十天以上请先回款"),
        ]
        book = self.build(rows, totals="Total")
        (sheet,) = book.worksheets
        self.assertEqual(sheet.title, "Sales   draft")
        self.assertEqual(sheet["A1"].value, f"{self.env.company.name} · Sales by customer")
        self.assertIn("As of 11/30/2026 · Exported by", sheet["A2"].value)
        self.assertIn(self.env.user.name, sheet["A2"].value)
        unit = self.env.company.currency_id.currency_unit_label
        self.assertEqual([c.value for c in sheet[4]], ["Customer", f"Amount ({unit})", "Note"])
        self.assertEqual(sheet["A7"].value, "Total")
        self.assertEqual(sheet["B7"].value, "=SUM(B5:B6)")
        self.assertEqual(sheet["B7"].number_format, "#,##0.00")
        self.assertEqual(sheet.freeze_panes, "B5")
        self.assertEqual(sheet.auto_filter.ref, "A4:C6")
        self.assertEqual(sheet.print_title_rows, "$4:$4")
        # Wrapped text gets a row tall enough: 22 characters in a 10-wide column.
        self.assertTrue(sheet["C6"].alignment.wrap_text)
        self.assertEqual(sheet.row_dimensions[6].height, LINE_HEIGHT * 3)
        self.assertIsNone(sheet.row_dimensions[5].height)
        setup = sheet.page_setup
        self.assertEqual((setup.paperSize, setup.orientation), (9, "landscape"))
        self.assertEqual(int(setup.fitToHeight), 0)
        self.assertIn(setup.fitToWidth, (None, 1))
        self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage)

    def test_money_headers_name_the_unit_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        cny = self.env.ref("base.CNY")
        cny.with_context(lang="en_US").currency_unit_label = "Yuan"
        cny.with_context(lang="zh_CN").currency_unit_label = "元（人民币）"
        company = self.env["res.company"].create({"name": "杭州阀门", "currency_id": cny.id})
        columns = [
            Column("金额", 12, "money", lambda r: r.amount),
            Column("Quantity", 8, "int", lambda r: 1),
        ]
        heads = {}
        for lang in ("en_US", "zh_CN"):
            book = Workbook(self.env(context={"lang": lang}), company)
            book.sheet("S", "T", "").table(columns, [Row("a", 1.0, "")])
            sheet = openpyxl.load_workbook(io.BytesIO(book.close())).worksheets[0]
            heads[lang] = [c.value for c in sheet[4]]
        # The unit's explanation in brackets is left out: 金额（元）, not 金额（元（人民币））.
        self.assertEqual(heads["zh_CN"], ["金额（元）", "Quantity"])
        self.assertEqual(heads["en_US"], ["金额 (Yuan)", "Quantity"])
        # A currency without a unit label reads by its code.
        cny.with_context(lang="en_US").currency_unit_label = False
        self.assertEqual(Workbook(self.env, company).money_unit(), "CNY")

    def test_an_empty_table_still_has_its_header_and_filter(self):
        sheet = self.build([], totals="Total").worksheets[0]
        self.assertEqual(sheet["A4"].value, "Customer")
        self.assertEqual(sheet["A5"].value, "Total")
        self.assertEqual(sheet.auto_filter.ref, "A4:C5")

    def test_sheet_names_are_unique_and_valid(self):
        book = Workbook(self.env, self.env.company)
        names = [book.sheet(name, "t", "").ws.name for name in ("A" * 40, "a" * 40, "[]", "?")]
        self.assertEqual(names, ["A" * 31, "a" * 27 + " (2)", "-", "- (2)"])
        book.close()
