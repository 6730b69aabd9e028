"""The credit reports workbook (wizards/channel_credit_report_export.py)."""

import base64
import io

import openpyxl

from odoo.addons.b2b_xlsx.tests.common import column_titles
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditReportExport(CreditCase):
    def test_credit_reports_xlsx(self):
        partner = self.distributor(1000, "approval", name="杭州恒通商贸")
        self.invoice(partner, 700, days_overdue=45)
        self.order(partner, 500).action_confirm()
        self.env["channel.collection.plan"].create(
            {"partner_id": partner.id, "date": self.today, "amount": 100}
        )
        export = self.env["channel.credit.report.export"].with_user(self.credit_manager).create({})
        export.action_download()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
        self.assertEqual(
            book.sheetnames,
            [
                "Aging",
                "Credit Utilization",
                "Holds and Releases",
                "Collection Plan vs Actual",
                "Collection Desk",
                "Promises Kept and Broken",
                "Cost of Waiting",
                "Cost of Bad Debt",
            ],
        )

        def rows(sheet):
            # Under the title line: the header on row 4, then the rows and their total.
            header = column_titles(self.env, [c.value for c in book[sheet][4]])
            return [
                dict(zip(header, r, strict=True))
                for r in book[sheet].iter_rows(min_row=5, values_only=True)
            ]

        aging = next(r for r in rows("Aging") if r["Distributor"] == "杭州恒通商贸")
        self.assertEqual((aging["31-60 Days"], aging["Overdue Amount"]), (700, 700))
        use = next(r for r in rows("Credit Utilization") if r["Distributor"] == "杭州恒通商贸")
        self.assertEqual((use["Credit Exposure"], use["Effective Limit"]), (700, 1000))
        self.assertAlmostEqual(use["Utilization"], 0.7)
        release = next(r for r in rows("Holds and Releases") if r["Distributor"] == "杭州恒通商贸")
        self.assertEqual((release["Order Amount"], release["Status"]), (500, "Requested"))
        plan = next(
            r for r in rows("Collection Plan vs Actual") if r["Distributor"] == "杭州恒通商贸"
        )
        self.assertEqual(plan["Promised Amount"], 100)
        self.assertEqual(book["Aging"].freeze_panes, "B5")
        for sheet in book.worksheets:
            self.assertEqual(sheet.print_title_rows, "$4:$4")
            self.assertEqual(sheet.page_setup.paperSize, 9)
            self.assertIn("Total", [row[0] for row in sheet.iter_rows(values_only=True)])
        # The wide sheet prints two pages across, legible, the distributor on each.
        wide = book["Credit Utilization"]
        self.assertEqual((wide.page_setup.fitToWidth, wide.print_title_cols), (2, "$A:$A"))
        self.assertIn(book["Aging"].page_setup.fitToWidth, (None, 1))  # 1 is left unwritten
