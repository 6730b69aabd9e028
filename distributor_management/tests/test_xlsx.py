"""The workbooks: agreements with their targets and attainment, and the rebate statement a
distributor signs; hand-computed figures, the reader's rights, one company's money per file."""

import base64
import io
from datetime import date

import openpyxl

from odoo import Command
from odoo.addons.b2b_xlsx.tests.common import column_titles
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import MoneyCase

Q1_END = date(2026, 3, 31)


@tagged("post_install", "-at_install")
class TestXlsx(MoneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract.rebate_tier_ids = [
            Command.create({"attainment_from": 100, "rate": 2}),
            Command.create({"attainment_from": 120, "rate": 3}),
        ]
        cls.suzhou_partner = cls.distributor("Suzhou Fluid Control")
        cls.shared = cls.agreement(
            [(cls.suzhou, False)],
            user=cls.rep2,
            partner_id=cls.suzhou_partner.id,
            rebate_tier_ids=[Command.create({"attainment_from": 50, "rate": 1})],
        )
        # Both targets are the first quarter's, ended: their rebates accrue.
        cls.target.date_to = Q1_END
        cls.shared.target_ids.date_to = Q1_END
        cls.accountant = new_test_user(
            cls.env, "dm_xlsx_accountant", groups="account.group_account_invoice"
        )

    def setUp(self):
        super().setUp()
        self.approve(self.contract)
        self.approve(self.shared)
        # The example: 110,000 of 130,000 invoiced collected in the period; a pump
        # outside the product line is sell-in of nobody's target here.
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1))
        self.pay(invoice, 110_000, date(2026, 3, 15))
        self.invoice([(self.pump, 50_000)], date(2026, 2, 1))

    def download(self, action, model):
        export = self.env[model].browse(int(action["url"].split("/")[4]))
        self.assertTrue(export.filename.endswith(".xlsx"))
        self.assertIn("download=true", action["url"])
        return openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(export.data)),
            data_only=True,  # totals' values
        )

    def export_agreements(self, user, agreements=None, domain=None):
        # As the web client calls it: in the user's language.
        Agreement = self.env["distributor.agreement"].with_user(user).with_context(lang=user.lang)
        records = agreements.with_env(Agreement.env) if agreements else Agreement
        if domain is not None:
            records = records.with_context(active_domain=domain)
        return self.download(records.action_export_xlsx(), "distributor.agreement.export")

    def table(self, sheet, header_row=4):
        header = column_titles(self.env, [c.value for c in sheet[header_row]], self.company)
        rows = []
        for row in sheet.iter_rows(min_row=header_row + 1, values_only=True):
            if not row[0] or row[0] == "Total":  # the table ends
                break
            rows.append(dict(zip(header, row[: len(header)], strict=True)))
        return header, rows

    def total(self, sheet, title, header_row=4):
        header = column_titles(self.env, [c.value for c in sheet[header_row]], self.company)
        for row in sheet.iter_rows(min_row=header_row + 1, values_only=True):
            if row[0] == "Total":
                return row[header.index(title)]
        return None

    # Agreements workbook

    def test_agreements_figures_by_hand(self):
        book = self.export_agreements(self.manager)
        self.assertEqual(
            book.sheetnames,
            ["Agreements", "Targets", "By Distributor", "By Representative", "By Territory"],
        )
        sheet = book["Agreements"]
        self.assertEqual(sheet["A1"].value, f"{self.company.name} · Distribution Agreements")
        _header, rows = self.table(sheet)
        mine = [row for row in rows if row["Reference"] == self.contract.name]
        self.assertEqual(len(mine), 1)
        row = mine[0]
        self.assertEqual(row["Distributor"], "Nanjing Valves")
        self.assertEqual(row["Territories"], "Jiangsu / Nanjing (exclusive)")
        self.assertEqual(row["Product Lines"], "Control Valves")
        self.assertEqual(row["Start"].date(), date(2026, 1, 1))
        self.assertEqual(row["Status"], "Active")
        self.assertEqual(
            (row["Total Target"], row["Sell-in"], row["Net Collected"]), (100_000, 130_000, 110_000)
        )
        self.assertAlmostEqual(row["Attainment"], 1.1)
        shared_row = next(r for r in rows if r["Reference"] == self.shared.name)
        self.assertEqual(shared_row["Territories"], "Jiangsu / Suzhou")
        self.assertEqual(shared_row["Product Lines"], "All product lines")

        _header, targets = self.table(book["Targets"])
        target = next(t for t in targets if t["Agreement"] == self.contract.name)
        self.assertEqual(
            (target["Target"], target["Sell-in"], target["Collected"], target["Paid Back"]),
            (100_000, 130_000, 110_000, 0),
        )
        self.assertAlmostEqual(target["Attainment"], 1.1)

        _header, reps = self.table(book["By Representative"])
        by_rep = {r["Market Representative"]: r for r in reps}
        self.assertEqual(by_rep[self.rep.name]["Agreements"], 1)
        self.assertEqual(by_rep[self.rep.name]["Net Collected"], 110_000)
        self.assertAlmostEqual(by_rep[self.rep.name]["Attainment"], 1.1)
        self.assertEqual(by_rep[self.rep2.name]["Target"], 1200)
        self.assertEqual(by_rep[self.rep2.name]["Attainment"], 0)
        # Totals add the money up, not the rates.
        expected = sum(a.target_total for a in self.env["distributor.agreement"].search([]))
        self.assertEqual(self.total(book["By Representative"], "Target"), expected)
        self.assertIsNone(self.total(book["By Representative"], "Attainment"))

    def test_agreements_the_search_or_the_selection(self):
        book = self.export_agreements(self.manager, domain=[("id", "=", self.shared.id)])
        _header, rows = self.table(book["Agreements"])
        self.assertEqual([r["Reference"] for r in rows], [self.shared.name])
        book = self.export_agreements(self.manager, agreements=self.contract)
        _header, rows = self.table(book["Agreements"])
        self.assertEqual([r["Reference"] for r in rows], [self.contract.name])
        self.assertIn("1 agreements", book["Agreements"]["A2"].value)

    def test_a_representative_exports_their_own(self):
        book = self.export_agreements(self.rep)
        _header, rows = self.table(book["Agreements"])
        self.assertEqual([r["Reference"] for r in rows], [self.contract.name])
        _header, targets = self.table(book["Targets"])
        self.assertEqual({t["Agreement"] for t in targets}, {self.contract.name})
        # Another representative's agreement named over RPC: refused, and no file made.
        Export = self.env["distributor.agreement.export"]
        before = Export.search_count([])
        with self.assertRaises(AccessError):
            Export.with_user(self.rep).create({"agreement_ids": [Command.set(self.shared.ids)]})
        with self.assertRaises(AccessError):
            self.shared.with_user(self.rep).action_export_xlsx()
        self.assertEqual(Export.search_count([]), before)
        # Nor does a representative read another's file.
        mine = Export.with_user(self.rep).create(
            {"agreement_ids": [Command.set(self.contract.ids)]}
        )
        self.assertFalse(Export.with_user(self.rep2).search([("id", "=", mine.id)]))

    def test_one_company_per_agreements_file(self):
        other = self.env["res.company"].create({"name": "Valve Works Hong Kong"})
        self.manager.company_ids |= other
        distributor = self.env["res.partner"].create(
            {"name": "Kowloon Valves", "is_company": True, "company_id": other.id}
        )
        foreign = self.env["distributor.agreement"].create(
            {
                "partner_id": distributor.id,
                "company_id": other.id,
                "user_id": self.manager.id,
                "date_start": self.year_start,
                "date_end": self.year_end,
            }
        )
        both = (
            (self.contract | foreign)
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, other.id])
        )
        with self.assertRaisesRegex(UserError, "several companies.*Valve Works Hong Kong"):
            both.action_export_xlsx()
        book = self.download(
            foreign.with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, other.id])
            .action_export_xlsx(),
            "distributor.agreement.export",
        )
        self.assertEqual(
            book["Agreements"]["A1"].value, "Valve Works Hong Kong · Distribution Agreements"
        )

    def test_an_empty_search_exports_empty_tables(self):
        book = self.export_agreements(self.manager, domain=[("id", "=", 0)])
        _header, rows = self.table(book["Agreements"])
        self.assertEqual(rows, [])
        self.assertIn("0 agreements", book["Agreements"]["A2"].value)

    # Rebate statement

    def accrue_and_settle(self):
        self.contract.with_user(self.manager).action_accrue_rebates()
        rebate = self.env["distributor.rebate"].search([("agreement_id", "=", self.contract.id)])
        rebate.with_user(self.manager2).action_approve()
        rebate.with_user(self.manager).action_settle()
        rebate.sudo().move_id.with_user(self.accountant).action_post()
        return rebate

    def export_statement(self, user, rebates=None, domain=None):
        # As the web client calls it: in the user's language.
        Rebate = self.env["distributor.rebate"].with_user(user).with_context(lang=user.lang)
        records = rebates.with_env(Rebate.env) if rebates else Rebate
        if domain is not None:
            records = records.with_context(active_domain=domain)
        return self.download(records.action_export_statement_xlsx(), "distributor.rebate.export")

    def statement_rows(self, sheet):
        """The statement's table: its header is the first row titled Reference."""
        header_row = next(cell.row for cell in sheet["A"] if cell.value == "Reference")
        return header_row, self.table(sheet, header_row)[1]

    def ours(self):
        """The search of the statement list for this test's distributors (the demo has its
        own)."""
        return [("partner_id", "in", (self.partner | self.suzhou_partner).ids)]

    def test_statement_shows_a_settlement_on_its_way(self):
        # Settled by a credit note accounting has not posted yet: neither paid nor left.
        self.contract.with_user(self.manager).action_accrue_rebates()
        rebate = self.env["distributor.rebate"].search([("agreement_id", "=", self.contract.id)])
        rebate.with_user(self.manager2).action_approve()
        rebate.with_user(self.manager).action_settle()
        sheet = self.export_statement(self.manager, rebates=rebate)["Nanjing Valves"]
        labels = {
            column_titles(self.env, [row[0]], self.company)[0]: row[1]
            for row in sheet.iter_rows(min_row=5, max_row=7, values_only=True)
        }
        self.assertEqual(labels, {"Paid": 0, "Settled, Not Yet Paid": 2_200, "Left to Settle": 0})

    def test_statement_a_sheet_per_distributor(self):
        settled = self.accrue_and_settle()
        # The quarter after: a second accrual of the same period pays only the difference.
        more = self.invoice([(self.valve, 20_000)], date(2026, 3, 1))
        self.pay(more, 20_000, date(2026, 3, 20))
        self.contract.with_user(self.manager).action_accrue_rebates()
        Rebate = self.env["distributor.rebate"]
        second = Rebate.search([("agreement_id", "=", self.contract.id)]) - settled
        self.assertEqual((second.earned, second.paid_before, second.amount), (3_900, 2_200, 1_700))
        # Another distributor's entry, and a cancelled one it does not show.
        suzhou_invoice = self.invoice(
            [(self.valve, 1000)], date(2026, 2, 10), partner=self.suzhou_partner
        )
        self.pay(suzhou_invoice, 1000, date(2026, 3, 1))
        self.shared.with_user(self.manager).action_accrue_rebates()
        suzhou = Rebate.search([("agreement_id", "=", self.shared.id)])
        self.assertEqual(suzhou.amount, 10)

        book = self.export_statement(self.manager, domain=self.ours())
        self.assertEqual(book.sheetnames, ["Nanjing Valves", "Suzhou Fluid Control"])
        sheet = book["Nanjing Valves"]
        self.assertEqual(sheet["A1"].value, f"{self.company.name} · Rebate Statement")
        self.assertTrue(sheet["A2"].value.startswith("Nanjing Valves · 2026-01-01 – 2026-03-31"))
        labels = {
            column_titles(self.env, [row[0]], self.company)[0]: row[1]
            for row in sheet.iter_rows(min_row=4, max_row=7, values_only=True)
        }
        self.assertEqual(
            labels,
            {
                "Period": "2026-01-01 – 2026-03-31",
                "Paid": 2_200,
                "Settled, Not Yet Paid": 0,
                "Left to Settle": 1_700,
            },
        )
        header_row, rows = self.statement_rows(sheet)
        self.assertEqual([r["Reference"] for r in rows], [settled.name, second.name])
        first = rows[0]
        self.assertEqual(
            (first["Target"], first["Net Collected"], first["Earned"], first["Entry Amount"]),
            (100_000, 110_000, 2_200, 2_200),
        )
        self.assertAlmostEqual(first["Rebate Rate"], 0.02)
        self.assertEqual(first["Of Which Extras"], 0, "no extras in this scheme")
        self.assertAlmostEqual(first["Attainment"], 1.1)
        self.assertEqual((first["Status"], first["Settlement"]), ("Settled", "Posted"))
        self.assertEqual(rows[1]["Already Paid"], 2_200)
        self.assertEqual(rows[1]["Rebate Rate"], 0.03)
        # Only what each entry settles adds up: 2,200 + 1,700 is what the quarter earned.
        self.assertEqual(self.total(sheet, "Entry Amount", header_row), 3_900)
        self.assertIsNone(self.total(sheet, "Earned", header_row))
        texts = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
        self.assertTrue(any(str(t).startswith("Confirmed by the distributor") for t in texts))

        suzhou.with_user(self.manager2).action_cancel()
        book = self.export_statement(self.manager, domain=self.ours())
        self.assertEqual(book.sheetnames, ["Nanjing Valves"])

    def test_statement_a_representative_sends_their_own(self):
        self.accrue_and_settle()
        suzhou_invoice = self.invoice(
            [(self.valve, 1000)], date(2026, 2, 10), partner=self.suzhou_partner
        )
        self.pay(suzhou_invoice, 1000, date(2026, 3, 1))
        self.shared.with_user(self.manager).action_accrue_rebates()
        book = self.export_statement(self.rep)
        self.assertEqual(book.sheetnames, ["Nanjing Valves"])
        theirs = self.env["distributor.rebate"].search([("agreement_id", "=", self.shared.id)])
        with self.assertRaises(AccessError):
            self.env["distributor.rebate.export"].with_user(self.rep).create(
                {"rebate_ids": [Command.set(theirs.ids)]}
            )

    def test_statement_of_nothing(self):
        book = self.export_statement(self.manager, domain=[("id", "=", 0)])
        self.assertEqual(book.sheetnames, ["Rebate Statement"])
        self.assertIn("No rebates", book.worksheets[0]["A2"].value)

    def test_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["distributor_management", "b2b_xlsx"], ["zh_CN"]
        )
        self.manager.lang = "zh_CN"
        book = self.export_agreements(self.manager, agreements=self.contract)
        self.assertEqual(
            book.sheetnames, ["协议", "任务量", "按经销商", "按市场代表", "按经销区域"]
        )
        _header, rows = self.table(book["协议"])
        self.assertEqual(rows[0]["经销区域"], "Jiangsu / Nanjing（区域总代理）")
        self.accrue_and_settle()
        # The statement is the distributor's to sign: in its language, whoever exports it.
        self.manager.lang = "en_US"
        self.partner.lang = "zh_CN"
        book = self.export_statement(self.manager, domain=self.ours())
        sheet = book["Nanjing Valves"]
        self.assertEqual(sheet["A1"].value, f"{self.company.name} · 返利对账单")
        texts = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
        self.assertIn("经销商确认（签字盖章）： " + "_" * 24, texts)

    # Sell-through and stock workbook

    def stock_report(self, user, partner, lines):
        return (
            self.env["distributor.stock.report"]
            .with_user(user)
            .create(
                {
                    "partner_id": partner.id,
                    "date_from": date(2026, 6, 1),
                    "date_to": date(2026, 6, 30),
                    "line_ids": [
                        Command.create({"product_id": p.id, "qty_sold": sold, "qty_stock": stock})
                        for p, sold, stock in lines
                    ],
                }
            )
        )

    def test_stock_by_distributor_and_by_product(self):
        # June, 30 days, the company's limit 60 days: 90 valves at 30 a month last 90 days.
        self.company.distributor_overstock_days = 60
        nanjing = self.stock_report(
            self.rep, self.partner, [(self.valve, 30, 90), (self.pump, 60, 20)]
        )
        suzhou = self.stock_report(self.rep2, self.suzhou_partner, [(self.valve, 30, 10)])
        Line = self.env["distributor.stock.report.line"].with_user(self.manager)
        lines = (nanjing | suzhou).line_ids
        book = self.download(
            Line.with_context(active_domain=[("id", "in", lines.ids)]).action_export_xlsx(),
            "distributor.stock.export",
        )
        self.assertEqual(book.sheetnames, ["By Distributor", "By Product"])
        _header, rows = self.table(book["By Distributor"])
        by_key = {(r["Distributor"], r["Product"]): r for r in rows}
        valve = by_key["Nanjing Valves", self.valve.display_name]
        self.assertEqual(
            (valve["Sold"], valve["Stock"], valve["Days of Stock"], valve["Overstock"]),
            (30, 90, 90, "Overstocked"),
        )
        self.assertAlmostEqual(valve["Sell-through Rate"], 0.25)
        pump = by_key["Nanjing Valves", self.pump.display_name]
        self.assertEqual((pump["Days of Stock"], pump["Overstock"]), (10, None))
        _header, products = self.table(book["By Product"])
        valves = next(r for r in products if r["Product"] == self.valve.display_name)
        # Two distributors: 60 sold and 100 held in 30 days last 50 days; one overstocked.
        self.assertEqual(
            [valves[k] for k in ("Number of Distributors", "Sold", "Stock", "Days of Stock")],
            [2, 60, 100, 50],
        )
        self.assertEqual(valves["Distributors Overstocked"], 1)
        # The representative's file holds their own distributors' lines.
        book = self.download(
            self.env["distributor.stock.report.line"].with_user(self.rep).action_export_xlsx(),
            "distributor.stock.export",
        )
        _header, rows = self.table(book["By Distributor"])
        self.assertEqual({r["Distributor"] for r in rows}, {"Nanjing Valves"})
        with self.assertRaises(AccessError):
            self.env["distributor.stock.export"].with_user(self.rep).create(
                {"line_ids": [Command.set(suzhou.line_ids.ids)]}
            )
