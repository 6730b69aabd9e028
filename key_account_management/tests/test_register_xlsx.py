import base64
import io

import openpyxl

from odoo.addons.b2b_xlsx.tests.common import column_titles
from odoo.tests import tagged

from .common import KamCase


@tagged("post_install", "-at_install")
class TestRegisterXlsx(KamCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.kam_potential_threshold = 1000
        cls.soe = cls.customer("华东能源集团有限公司")
        cls.shop = cls.customer("悦家连锁超市")
        cls.order(cls.soe, 800)
        cls.order(cls.shop, 30)  # starts at 96% of the total: class C
        cls.env["res.partner"].kam_recompute_tiers()
        Account = cls.env["kam.account"]
        cls.soe_account = Account.search([("partner_id", "=", cls.soe.id)])
        cls.soe_account.write({"purchase_potential": 4000, "manager_id": cls.rep.id})
        cls.shop_account = Account.search([("partner_id", "=", cls.shop.id)])
        cls.shop_account.manager_id = cls.rep_b

    def export(self, user, accounts=None):
        Account = self.env["kam.account"].with_user(user).with_company(self.company)
        action = (accounts.with_user(user) if accounts else Account).action_export_register_xlsx()
        export_id = int(action["url"].split("/")[4])
        export = self.env["kam.register.export"].browse(export_id)
        self.assertTrue(export.filename.endswith(".xlsx"))
        self.assertIn("download=true", action["url"])
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))

    def table(self, sheet):
        """The header (row 4, under the title line) and the data rows, without the total."""
        header = column_titles(self.env, [c.value for c in sheet[4]], self.company)
        rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] != "Total"]
        return header, rows

    def test_register_content(self):
        book = self.export(self.manager)
        sheet = book.worksheets[0]
        self.assertEqual(sheet["A1"].value, f"{self.company.name} · Key Account Register")
        self.assertIn("2 accounts · Exported by", sheet["A2"].value)
        header, data = self.table(sheet)
        self.assertEqual(
            header[:6],
            [
                "Customer",
                "Tier",
                "Tier Pinned",
                "Value Class",
                "Revenue 12 Months",
                "Gross Margin 12 Months",
            ],
        )
        rows = {r[0]: r for r in data}
        self.assertEqual(set(rows), {"华东能源集团有限公司", "悦家连锁超市"})
        soe = dict(zip(header, rows["华东能源集团有限公司"], strict=True))
        self.assertEqual(soe["Revenue 12 Months"], 800)
        self.assertEqual(soe["Value Class"], "A")
        self.assertEqual(soe["Wallet Share"], 0.2)
        self.assertEqual(soe["Offense/Defense Quadrant"], "Attack")
        self.assertEqual(soe["Tier"], "Key")
        self.assertEqual(soe["Key Account Manager"], self.rep.name)
        shop = dict(zip(header, rows["悦家连锁超市"], strict=True))
        self.assertEqual(shop["Offense/Defense Quadrant"], "Missing purchase potential")
        self.assertEqual(sheet.freeze_panes, "B5")
        self.assertEqual(sheet.auto_filter.ref, "A4:N6")
        self.assertEqual((sheet["A7"].value, sheet["E7"].value), ("Total", "=SUM(E5:E6)"))
        self.assertEqual(sheet.cell(5, 5).number_format, "#,##0.00")
        self.assertEqual(sheet.cell(5, 11).number_format, "0.0%")
        self.assertEqual(sheet.print_title_rows, "$4:$4")

    def test_matrix_sheet(self):
        sheet = self.export(self.manager).worksheets[1]
        rows = [list(r) for r in sheet.iter_rows(min_row=4, values_only=True)]

        def block(title):
            start = next(i for i, r in enumerate(rows) if r[0] == title)
            header = [v for v in rows[start] if v]
            body = {}
            for r in rows[start + 1 :]:
                if not r[0]:
                    break
                body[r[0]] = r[1 : len(header)]
            return header, body

        header, counts = block("Accounts")
        self.assertEqual(header, ["Accounts", "Key", "Standard", "No tier", "Total"])
        self.assertEqual(counts["Attack"], [1, 0, 0, 1])
        self.assertEqual(counts["Missing purchase potential"], [0, 1, 0, 1])
        self.assertEqual(counts["Total"], [1, 1, 0, 2])
        _header, revenue = block("Revenue 12 Months")
        self.assertEqual(revenue["Attack"][0], 800)
        _header, plan = block("Resource allocation plan")
        self.assertEqual(plan["Attack"][0], 0.4)
        self.assertEqual(plan["Abandon"][0], 0)

    def test_rep_exports_only_own_accounts(self):
        _header, rows = self.table(self.export(self.rep).worksheets[0])
        self.assertEqual([r[0] for r in rows], ["华东能源集团有限公司"])

    def test_selected_accounts_only(self):
        _header, rows = self.table(self.export(self.manager, self.shop_account).worksheets[0])
        self.assertEqual([r[0] for r in rows], ["悦家连锁超市"])

    def test_nothing_ticked_exports_the_current_search(self):
        Account = (
            self.env["kam.account"]
            .with_user(self.manager)
            .with_company(self.company)
            .with_context(active_domain=[("partner_id", "=", self.shop.id)])
        )
        action = Account.action_export_register_xlsx()
        export = self.env["kam.register.export"].browse(int(action["url"].split("/")[4]))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
        _header, rows = self.table(book.worksheets[0])
        self.assertEqual([r[0] for r in rows], ["悦家连锁超市"])
        # A rep's search still runs with the rep's rights.
        action = Account.with_user(self.rep).action_export_register_xlsx()
        export = self.env["kam.register.export"].browse(int(action["url"].split("/")[4]))
        self.assertFalse(export.account_ids)

    def test_churn_watch_and_complaints_sheets(self):
        self.soe_account.write(
            {"churn_signal_codes": "revenue_down,open_complaints", "churn_risk": True}
        )
        self.env["kam.complaint"].create(
            {"partner_id": self.soe.id, "description": "Leaking seals", "severity": "high"}
        )
        book = self.export(self.manager)
        self.assertEqual(
            book.sheetnames, ["Key Accounts", "Offense-Defense Matrix", "Churn Watch", "Complaints"]
        )
        header, rows = self.table(book["Churn Watch"])
        churn = dict(zip(header, rows[0], strict=True))
        self.assertEqual(churn["Customer"], "华东能源集团有限公司")
        self.assertIn("Revenue down on the same period last year.", churn["Churn Signals"])
        self.assertEqual(len(rows), 1, "only the accounts at risk")
        header, rows = self.table(book["Complaints"])
        complaint = dict(zip(header, rows[0], strict=True))
        self.assertEqual((complaint["Severity"], complaint["Status"]), ("High", "New"))
        # A rep's workbook: their own accounts' complaints only.
        _header, rows = self.table(self.export(self.rep_b)["Complaints"])
        self.assertEqual(rows, [])
