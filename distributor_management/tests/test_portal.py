"""The distributor's own window: every route as two distributors' portal users, one of our
people and a public visitor; the upload of a sell-through report through the back office's
import, with its limits."""

import io
from datetime import timedelta

import openpyxl

from odoo import Command
from odoo.addons.b2b_base.tests.common import portal_post, portal_user
from odoo.tests import HttpCase, tagged

from .. import rules
from ..const import PORTAL_ENTERED_FILENAME, PORTAL_UPLOAD_MAX_BYTES, PORTAL_UPLOADS_PER_HOUR
from .common import MoneyCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(*rows, header=("Product", "Sold", "Stock")):
    """XLSX bytes of a sheet with ``header`` and ``rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (header, *rows):
        sheet.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestDistributorPortal(MoneyCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.valve.default_code = "DN50-CV"
        year = cls.today.replace(month=1, day=1)
        cls.year = (year, year.replace(month=12, day=31))
        _month, quarter, _year = rules.calendar_periods(cls.today)
        _key, cls.quarter, cls.quarter_end = quarter
        cls.last_month = rules.portal_report_months(cls.today, 1)[0]
        # Alpha: this year's agreement, exclusive in Nanjing for control valves, a target of
        # 1,000 a month and terms of ours the distributor does not read.
        cls.alpha = cls.distributor("Alpha Valves Trading")
        cls.alpha_deal = cls.agreement(
            [(cls.nanjing, True)],
            lines=[cls.control],
            start=cls.year[0],
            end=cls.year[1],
            partner_id=cls.alpha.id,
            notes="<p>Internal: squeeze them on price</p>",
            target_split="month",
            yearly_target=12_000,
        )
        cls.alpha_deal.action_split_target()
        # Beta: shared Suzhou, every product line, one target for this quarter only.
        cls.beta = cls.distributor("Beta Fluid Supplies")
        cls.beta_deal = cls.agreement(
            [(cls.suzhou, False)],
            start=cls.year[0],
            end=cls.year[1],
            partner_id=cls.beta.id,
        )
        cls.beta_deal.target_ids = [
            Command.clear(),
            Command.create({"date_from": cls.quarter, "date_to": cls.quarter_end, "amount": 5000}),
        ]
        for deal in (cls.alpha_deal, cls.beta_deal):
            deal.with_user(cls.rep).action_submit()
            deal.with_user(cls.manager).action_approve()
        cls.portal_a = cls.portal_user(cls.alpha, "portal_alpha")
        cls.portal_b = cls.portal_user(cls.beta, "portal_beta")
        # Rebates as the accrual leaves them: Alpha's approved and accrued, Beta's approved.
        cls.rebate_a = cls.rebate(cls.alpha_deal.target_ids[0], "RB/ALPHA/1", 120.0, "approved")
        cls.rebate_a2 = cls.rebate(cls.alpha_deal.target_ids[1], "RB/ALPHA/2", 80.0, "accrued")
        cls.rebate_b = cls.rebate(cls.beta_deal.target_ids, "RB/BETA/1", 99.0, "approved")
        # Beta's report of last month, made by its representative.
        cls.report_b = (
            cls.env["distributor.stock.report"]
            .with_user(cls.rep)
            .create(
                {
                    "partner_id": cls.beta.id,
                    "date_from": cls.last_month,
                    "date_to": rules.month_end(cls.last_month),
                    "line_ids": [
                        Command.create({"product_id": cls.pump.id, "qty_sold": 7, "qty_stock": 3})
                    ],
                }
            )
        )

    @classmethod
    def portal_user(cls, distributor, login):
        return portal_user(cls.env, distributor, login, cls.zone)

    @classmethod
    def rebate(cls, target, name, amount, state):
        rebate = (
            cls.env["distributor.rebate"]
            .sudo()
            .create(
                {
                    "name": name,
                    "target_id": target.id,
                    "company_id": cls.company.id,
                    "target_amount": target.amount,
                    "amount": amount,
                    "earned": amount,
                }
            )
        )
        rebate.state = state
        return rebate

    def post(self, page, url, data, files=None):
        return portal_post(self, page, url, data, files)

    def upload(self, content, filename="stock.xlsx", month=None):
        month = (month or self.last_month).strftime("%Y-%m")
        return self.post(
            "/my/distributor/stock",
            "/my/distributor/stock/upload",
            {"month": month},
            files={"spreadsheet": (filename, content, XLSX)},
        )

    def alpha_reports(self):
        return self.env["distributor.stock.report"].search([("partner_id", "=", self.alpha.id)])

    # -------------------------------------------------------------------------
    # Who gets in
    # -------------------------------------------------------------------------

    def pages(self):
        """Every page of the distributor's window, the upload's form page included."""
        return (
            "/my/distributor",
            f"/my/distributor/rebate/{self.rebate_a.id}/xlsx",
            "/my/distributor/stock",
            f"/my/distributor/stock/{self.report_b.id}",
            "/my/distributor/stock/template",
        )

    def test_public_visitor_is_sent_to_log_in(self):
        for url in self.pages():
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertIn("/web/login", response.headers["Location"], url)

    def test_our_own_people_get_no_distributor_page(self):
        self.authenticate(self.rep.login, self.rep.login)
        for url in self.pages():
            self.assertEqual(self.url_open(url).status_code, 404, url)
        self.assertNotIn('href="/my/distributor"', self.url_open("/my").text)

    def test_the_home_page_leads_to_the_agreement(self):
        self.authenticate("portal_alpha", "portal_alpha")
        self.assertIn('href="/my/distributor"', self.url_open("/my").text)

    # -------------------------------------------------------------------------
    # Agreements, targets and rebates
    # -------------------------------------------------------------------------

    def test_each_distributor_sees_its_own_only(self):
        self.authenticate("portal_alpha", "portal_alpha")
        page = self.url_open("/my/distributor")
        self.assertEqual(page.status_code, 200)
        for text in (self.alpha_deal.name, "Nanjing", "Exclusive", "Control Valves", "RB/ALPHA/1"):
            self.assertIn(text, page.text)
        self.assertIn("RB/ALPHA/2", page.text)
        for text in (self.beta_deal.name, "Suzhou", "RB/BETA/1", "squeeze"):
            self.assertNotIn(text, page.text)
        self.authenticate("portal_beta", "portal_beta")
        page = self.url_open("/my/distributor").text
        for text in (self.beta_deal.name, "Suzhou", "All product lines", "RB/BETA/1"):
            self.assertIn(text, page)
        for text in (self.alpha_deal.name, "Nanjing", "RB/ALPHA"):
            self.assertNotIn(text, page)
        # Beta's only target is this quarter's.
        self.assertIn("There is no target for this month.", page)
        self.assertNotIn("There is no target for this quarter.", page)

    def test_targets_against_money_collected_this_month_quarter_and_year(self):
        invoice = self.invoice(
            [(self.valve, 600.0), (self.pump, 400.0)], self.today, partner=self.alpha
        )
        self.pay(invoice, 1000.0, self.today)
        periods = {
            period.key: period
            for period in self.alpha.with_user(self.portal_a)._distributor_portal_targets(
                self.company, self.today
            )
        }
        expected = {"month": 1000.0, "quarter": 3000.0, "year": 12_000.0}
        for key, amount in expected.items():
            (row,) = periods[key].rows
            self.assertAlmostEqual(row.amount, amount, msg=key)
            # The valve's share of the money only: the pump is not a control valve.
            self.assertAlmostEqual(row.collected, 600.0, msg=key)
            self.assertAlmostEqual(row.attainment, 600.0 / amount, msg=key)
            self.assertEqual(row.agreement, self.alpha_deal)
        (beta_quarter,) = next(
            p
            for p in self.beta.with_user(self.portal_b)._distributor_portal_targets(
                self.company, self.today
            )
            if p.key == "quarter"
        ).rows
        self.assertEqual((beta_quarter.amount, beta_quarter.collected), (5000.0, 0.0))
        self.authenticate("portal_alpha", "portal_alpha")
        page = self.url_open("/my/distributor").text
        self.assertIn("60 %", page)
        self.assertNotIn("There is no target", page)

    def test_rebate_statement_of_ones_own_approved_rebate_only(self):
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.url_open(f"/my/distributor/rebate/{self.rebate_a.id}/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        cells = [
            str(cell)
            for sheet in openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        self.assertIn("RB/ALPHA/1", cells)
        self.assertNotIn("RB/BETA/1", cells)
        for rebate_id in (self.rebate_b.id, self.rebate_a2.id, 0, 999_999_999):
            with self.subTest(rebate_id=rebate_id):
                url = f"/my/distributor/rebate/{rebate_id}/xlsx"
                self.assertEqual(self.url_open(url).status_code, 404)
        self.rebate_a.state = "cancelled"
        self.assertEqual(
            self.url_open(f"/my/distributor/rebate/{self.rebate_a.id}/xlsx").status_code, 404
        )

    # -------------------------------------------------------------------------
    # Sell-through and stock reports
    # -------------------------------------------------------------------------

    def test_each_distributor_reads_its_own_reports(self):
        self.authenticate("portal_beta", "portal_beta")
        page = self.url_open("/my/distributor/stock").text
        self.assertIn(f"/my/distributor/stock/{self.report_b.id}", page)
        detail = self.url_open(f"/my/distributor/stock/{self.report_b.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("Booster pump", detail.text)
        self.authenticate("portal_alpha", "portal_alpha")
        self.assertNotIn(
            f"/my/distributor/stock/{self.report_b.id}", self.url_open("/my/distributor/stock").text
        )
        for report_id in (self.report_b.id, 0, 999_999_999):
            with self.subTest(report_id=report_id):
                url = f"/my/distributor/stock/{report_id}"
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_the_template_is_the_import_wizards(self):
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.url_open("/my/distributor/stock/template")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(next(sheet.iter_rows(values_only=True))[:3], ("Product", "Sold", "Stock"))

    def test_a_good_file_makes_the_months_report(self):
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.upload(workbook(("DN50-CV", 120, 300), ("Booster pump", 45, 20)))
        self.assertEqual(response.status_code, 200)
        report = self.alpha_reports()
        self.assertEqual(
            (report.date_from, report.date_to), (self.last_month, rules.month_end(self.last_month))
        )
        self.assertEqual(report.company_id, self.company)
        self.assertEqual(report.agreement_id, self.alpha_deal)
        self.assertEqual(
            sorted((line.product_id.id, line.qty_sold, line.qty_stock) for line in report.line_ids),
            sorted([(self.valve.id, 120, 300), (self.pump.id, 45, 20)]),
        )
        self.assertIn("is imported", response.text)
        self.assertIn(f"/my/distributor/stock/{report.id}", response.text)
        self.assertIn("2 products", response.text)
        log = self.env["distributor.portal.upload"].search([("user_id", "=", self.portal_a.id)])
        self.assertEqual(
            (log.state, log.report_id, log.filename), ("imported", report, "stock.xlsx")
        )
        # Sent again, the file replaces the month's lines.
        self.upload(workbook(("DN50-CV", 1, 2)))
        self.assertEqual(self.alpha_reports(), report)
        self.assertEqual(len(report.line_ids), 1)
        self.assertIn("1 product<", self.url_open("/my/distributor/stock").text)

    def test_a_bad_row_refuses_the_file_with_its_number(self):
        self.authenticate("portal_beta", "portal_beta")
        before = [(line.product_id, line.qty_sold) for line in self.report_b.line_ids]
        response = self.upload(workbook(("Booster pump", 5, 5), ("No such valve", 1, 1)))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_distributor_portal_error", response.text)
        self.assertIn("Row 3", response.text)
        self.assertIn("No such valve", response.text)
        self.assertEqual(
            [(line.product_id, line.qty_sold) for line in self.report_b.line_ids], before
        )
        # A month without a report gets none from a refused file (an empty one would silence
        # the missing-report alert).
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.upload(workbook(("DN50-CV", -4, 1)))
        self.assertIn("Row 2", response.text)
        self.assertFalse(self.alpha_reports())
        log = self.env["distributor.portal.upload"].search([("user_id", "=", self.portal_a.id)])
        self.assertEqual((log.state, log.report_id.id), ("refused", False))
        self.assertIn("Row 2", log.message)

    def enter(self, rows, month=None):
        """Send ``rows`` [(product, sold, stock)] typed on the page, blanks for the rest."""
        data = {"month": (month or self.last_month).strftime("%Y-%m")}
        form = [
            (name, value)
            for row in rows
            for name, value in zip(("product", "qty_sold", "qty_stock"), row, strict=True)
        ]
        return self.post(
            "/my/distributor/stock",
            "/my/distributor/stock/enter",
            data,
            files=[(name, (None, value)) for name, value in [*data.items(), *form]],
        )

    def test_lines_typed_on_the_page_go_through_the_import(self):
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.enter([("DN50-CV", "12", "30"), ("", "", ""), ("Booster pump", "4", "2")])
        self.assertIn("is imported", response.text)
        report = self.alpha_reports()
        self.assertEqual(
            sorted((line.product_id.id, line.qty_sold, line.qty_stock) for line in report.line_ids),
            sorted([(self.valve.id, 12, 30), (self.pump.id, 4, 2)]),
        )
        log = self.env["distributor.portal.upload"].search([("user_id", "=", self.portal_a.id)])
        self.assertEqual((log.state, log.filename), ("imported", PORTAL_ENTERED_FILENAME))

    def test_a_bad_typed_line_refuses_them_all(self):
        self.authenticate("portal_beta", "portal_beta")
        before = [(line.product_id, line.qty_sold) for line in self.report_b.line_ids]
        for rows, words in (
            ([("Booster pump", "5", "5"), ("No such valve", "1", "1")], "Row 3"),
            ([("Booster pump", "-5", "5")], "Row 2"),
            ([("Booster pump", "five", "5")], "Row 2"),
            ([], "no row to import"),
        ):
            with self.subTest(rows=rows):
                response = self.enter(rows)
                self.assertIn("o_distributor_portal_error", response.text)
                self.assertIn(words, response.text)
        self.assertEqual(
            [(line.product_id, line.qty_sold) for line in self.report_b.line_ids], before
        )

    def test_wrong_files_are_refused_and_nothing_changes(self):
        self.authenticate("portal_alpha", "portal_alpha")
        good = workbook(("DN50-CV", 1, 1))
        cases = [
            (good, "stock.csv", "Excel workbook (.xlsx)"),
            (b"Product,Sold,Stock\nDN50-CV,1,1\n", "stock.xlsx", "not an Excel workbook"),
            (b"PK\x03\x04 broken", "stock.xlsx", "cannot be read as a spreadsheet"),
            (good + b"\0" * PORTAL_UPLOAD_MAX_BYTES, "stock.xlsx", "larger than 2 MB"),
            (b"", "stock.xlsx", "empty"),
        ]
        for content, filename, words in cases:
            with self.subTest(filename=filename, words=words):
                response = self.upload(content, filename)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_distributor_portal_error", response.text)
                self.assertIn(words, response.text)
        self.assertFalse(self.alpha_reports())
        # Only the months offered: another month is no page at all.
        for month in (self.today.replace(day=1), self.last_month.replace(year=2000)):
            response = self.upload(good, month=month)
            self.assertEqual(response.status_code, 404)
        self.assertFalse(self.alpha_reports())

    def test_no_agreement_no_report(self):
        self.alpha_deal.sudo().write({"state": "rejected"})
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.upload(workbook(("DN50-CV", 1, 1)))
        self.assertIn("No agreement of yours holds", response.text)
        self.assertFalse(self.alpha_reports())

    def test_over_the_hourly_limit_is_refused(self):
        self.authenticate("portal_beta", "portal_beta")
        before = [(line.product_id, line.qty_sold) for line in self.report_b.line_ids]
        Upload = self.env["distributor.portal.upload"]
        Upload.create(
            [
                {
                    "user_id": self.portal_b.id,
                    "partner_id": self.beta.id,
                    "company_id": self.company.id,
                    "state": "refused",
                }
            ]
            * PORTAL_UPLOADS_PER_HOUR
        )
        response = self.upload(workbook(("DN50-CV", 1, 1)))
        self.assertIn(
            f"You have sent {PORTAL_UPLOADS_PER_HOUR} files in the last hour", response.text
        )
        self.assertEqual(
            [(line.product_id, line.qty_sold) for line in self.report_b.line_ids], before
        )
        self.assertEqual(Upload.search_count([("user_id", "=", self.portal_b.id)]), 10)
        # Another distributor's people have their own limit.
        self.authenticate("portal_alpha", "portal_alpha")
        self.upload(workbook(("DN50-CV", 1, 1)))
        self.assertTrue(self.alpha_reports().line_ids)

    def test_upload_without_the_csrf_token_is_refused(self):
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.url_open(
            "/my/distributor/stock/upload",
            data={"month": self.last_month.strftime("%Y-%m")},
            files={"spreadsheet": ("stock.xlsx", workbook(("DN50-CV", 1, 1)), XLSX)},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.alpha_reports())
        self.assertFalse(self.env["distributor.portal.upload"].search([]))

    def test_upload_rules(self):
        check = rules.portal_upload_problem
        self.assertIsNone(check("June.XLSX", 2048, 9, 2048, 10))
        self.assertEqual(check("june.xlsx", 2049, 0, 2048, 10), "size")
        self.assertEqual(check("june.xlsx", 0, 0, 2048, 10), "size")
        self.assertEqual(check("june.xls", 10, 0, 2048, 10), "type")
        self.assertEqual(check("june.xlsx.csv", 10, 0, 2048, 10), "type")
        self.assertEqual(check("june.xlsx", 10, 10, 2048, 10), "rate")
        months = rules.portal_report_months(self.today, 3)
        self.assertEqual(len(months), 3)
        self.assertEqual(months[0], (self.today.replace(day=1) - timedelta(days=1)).replace(day=1))
        self.assertEqual(months[2].day, 1)
        self.assertLess(months[2], months[1])
        self.assertEqual(rules.month_end(months[0]) + timedelta(days=1), self.today.replace(day=1))

    # -------------------------------------------------------------------------
    # What a distributor clicks, on a phone
    # -------------------------------------------------------------------------

    def test_tour_upload_a_report_with_a_bad_row(self):
        bad = self.env["ir.attachment"].create(
            {
                "name": "stock.xlsx",
                "raw": workbook(("Booster pump", 5, 5), ("No such valve", 1, 1)),
                "public": True,
            }
        )
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            f"/my/distributor?tour_file={bad.id}",
            "distributor_portal_upload_tour",
            login="portal_beta",
        )
        self.assertEqual(
            [(line.product_id, line.qty_sold) for line in self.report_b.line_ids], [(self.pump, 7)]
        )
        log = self.env["distributor.portal.upload"].search([("user_id", "=", self.portal_b.id)])
        self.assertEqual(log.state, "refused")
