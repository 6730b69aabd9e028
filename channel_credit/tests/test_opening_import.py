"""Going live with existing limits: an administrator imports them once, as opening credit
reviews with a reason; bad rows are refused with their row number and nothing is imported."""

import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestOpeningImport(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            "cc_go_live_admin",
            groups="base.group_system,sales_team.group_sale_manager",
            company_id=cls.company.id,
        )
        Partner = cls.env["res.partner"]
        cls.north = Partner.create({"name": "North Pipes Co", "is_company": True, "ref": "D-001"})
        cls.south = Partner.create({"name": "South Fittings Co", "is_company": True})

    def csv_file(self, *rows, header="Distributor,Credit Limit,Credit Term (Days),Credit Policy"):
        return base64.b64encode("\n".join((header, *rows)).encode())

    def wizard(self, content, user=None, reason="Limits approved in 2026"):
        with Form(self.env["channel.credit.opening.import"].with_user(user or self.admin)) as form:
            form.file = content
            form.reason = reason
        return form.record

    def test_rows_become_opening_reviews_with_the_reason(self):
        content = self.csv_file("D-001,500000,30,block", "South Fittings Co,80000,365,Warn")
        action = self.wizard(content).action_import()
        reviews = self.env["channel.credit.review"].search(action["domain"])
        self.assertEqual(
            sorted(reviews.mapped(lambda r: (r.partner_id.name, r.credit_limit, r.state))),
            [("North Pipes Co", 500000, "approved"), ("South Fittings Co", 80000, "approved")],
        )
        self.assertTrue(all(reviews.mapped("opening")))
        self.assertEqual(set(reviews.mapped("notes")), {"Limits approved in 2026"})
        self.assertEqual(
            (
                self.north.channel_credit_policy,
                self.north.credit_limit,
                self.north.channel_credit_term_days,
                self.north.channel_max_overdue_days,
            ),
            ("block", 500000, 30, 30),
        )
        self.assertEqual(
            (self.south.channel_credit_policy, self.south.credit_limit), ("warn", 80000)
        )
        # After that, a limit rises only through a credit review.
        with self.assertRaisesRegex(UserError, "granted through a credit review"):
            self.north.with_user(self.credit_manager).credit_limit = 600000
        self.assertEqual(self.north.credit_limit, 500000)
        # ... and the import does not run twice over the same distributor.
        with self.assertRaisesRegex(UserError, "Row 2: North Pipes Co is already under credit"):
            self.wizard(self.csv_file("D-001,900000,30,block")).action_import()
        self.assertEqual(self.north.credit_limit, 500000)

    def test_bad_rows_are_refused_by_number_and_nothing_is_imported(self):
        content = self.csv_file(
            "D-001,500000,30,block",
            "Nobody Ltd,1000,30,block",
            "South Fittings Co,-5,30,block",
            "South Fittings Co,1000,30,maybe",
            "D-001,1000,30.5,block",
            "Twin Co,1000,30,block",
            "South Fittings Co,1000,366,block",
        )
        Partner = self.env["res.partner"]
        Partner.create([{"name": "Twin Co", "is_company": True} for _twin in range(2)])
        reviews_before = self.env["channel.credit.review"].search_count([])
        with self.assertRaises(UserError) as caught:
            self.wizard(content).action_import()
        message = str(caught.exception)
        for row, reason in (
            (3, "no company Nobody Ltd"),
            (4, "Credit Limit: -5 is not a number from 0"),
            (5, "the credit policy maybe is not one of"),
            (6, "Credit Term (Days): 30.5 is not a number"),
            (7, "Twin Co names 2 companies: give its internal reference or tax ID"),
            (8, "Credit Term (Days): 366 is not a number from 0 to 365"),
        ):
            self.assertIn(f"Row {row}: {reason}", message)
        self.assertNotIn("Row 2", message)
        self.assertEqual(self.env["channel.credit.review"].search_count([]), reviews_before)
        self.assertEqual((self.north.channel_credit_policy, self.north.credit_limit), (False, 0))

    def test_a_file_without_the_columns_or_rows_is_refused(self):
        with self.assertRaisesRegex(UserError, "The first row names the columns"):
            self.wizard(self.csv_file("x,y", header="Name,Amount")).action_import()
        with self.assertRaisesRegex(UserError, "holds no row to import"):
            self.wizard(self.csv_file()).action_import()
        with self.assertRaisesRegex(UserError, "cannot be read as a spreadsheet"):
            self.wizard(base64.b64encode(b"PK not a workbook")).action_import()
        with self.assertRaisesRegex(UserError, "Give the reason"):
            self.wizard(self.csv_file("D-001,1,30,block"), reason="   ").action_import()
        self.assertFalse(self.north.channel_credit_policy)

    def test_the_template_in_chinese_imports_back(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.admin.lang = "zh_CN"
        wizard = self.wizard(self.csv_file("D-001,1,30,block"))
        wizard.action_download_template()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template)))
        sheet = book.worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        self.assertEqual(len(headers), 6)
        # The administrator fills the template in: the example row becomes a distributor.
        sheet.cell(row=2, column=1, value="D-001")
        output = io.BytesIO()
        book.save(output)
        self.wizard(base64.b64encode(output.getvalue())).action_import()
        self.assertEqual(
            (
                self.north.channel_credit_policy,
                self.north.credit_limit,
                self.north.channel_credit_grade,
            ),
            ("block", 500000, "aa"),
        )

    def test_only_the_import_makes_an_opening_review(self):
        Review = self.env["channel.credit.review"].with_user(self.credit_manager)
        for review in (
            Review.create({"partner_id": self.north.id, "opening": True}),
            Review.with_context(default_opening=True).create({"partner_id": self.north.id}),
        ):
            self.assertEqual((review.opening, review.state), (False, "draft"))
        with self.assertRaises(AccessError):
            review.write({"opening": True})
        self.assertFalse(review.opening)

    def test_only_an_administrator_imports(self):
        for user in (self.credit_manager, self.seller):
            with self.assertRaises(AccessError):
                self.env["channel.credit.opening.import"].with_user(user).create(
                    {"reason": "Going live", "file": self.csv_file("D-001,1,30,block")}
                )
        wizard = self.wizard(self.csv_file("D-001,1,30,block"))
        with self.assertRaises(AccessError):
            wizard.with_user(self.credit_manager).action_import()
        self.assertFalse(self.north.channel_credit_policy)
