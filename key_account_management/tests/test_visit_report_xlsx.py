import base64
import io
from datetime import datetime, timedelta

import openpyxl

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import KamCase


@tagged("post_install", "-at_install")
class TestVisitReportXlsx(KamCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.tier_key.write({"min_visit_days": 7, "max_visit_days": 30})
        cls.alpha = cls.customer("Alpha Power")
        cls.beta = cls.customer("Beta Steel")
        for partner, manager in ((cls.alpha, cls.rep), (cls.beta, cls.rep_b)):
            account = cls.env["kam.account"].create(
                {"partner_id": partner.id, "company_id": cls.company.id, "manager_id": manager.id}
            )
            account.tier_id = cls.tier_key
        cls.rep.name = "Rep: Wang/Li"  # characters Excel refuses in sheet names
        cls.rep_b.name = "Zhao Min"
        Visit = cls.env["kam.visit"]
        base = {"company_id": cls.company.id, "date_planned": datetime.now() - timedelta(days=5)}
        done = {
            "summary": "Talked price",
            "outcome": "order",
            "next_step": "Send contract",
        }
        cls.visit_done = Visit.create(
            {
                **base,
                **done,
                "partner_id": cls.alpha.id,
                "user_id": cls.rep.id,
                "next_step_date": cls.today - timedelta(days=3),
                "satisfaction": "4",
            }
        )
        cls.visit_done.write({"state": "done", "date_done": datetime.now() - timedelta(days=5)})
        cls.visit_open = Visit.create({**base, "partner_id": cls.alpha.id, "user_id": cls.rep.id})
        cls.visit_cancelled = Visit.create(
            {**base, "partner_id": cls.alpha.id, "user_id": cls.rep.id}
        )
        cls.visit_cancelled.action_cancel()
        cls.visit_b = Visit.create({**base, "partner_id": cls.beta.id, "user_id": cls.rep_b.id})
        Visit.create(
            {
                **base,
                "partner_id": cls.beta.id,
                "user_id": cls.rep_b.id,
                "date_planned": datetime.now() - timedelta(days=90),
            }
        )  # outside the period
        cls.env["kam.account"]._kam_refresh_care(cls.company, cls.today)

    def export(self, user, **vals):
        Export = self.env["kam.visit.report.export"].with_user(user).with_company(self.company)
        with Form(Export) as form:
            form.date_from = self.today - timedelta(days=30)
            form.date_to = self.today
            for key, value in vals.items():
                setattr(form, key, value)
        export = form.save()
        action = export.action_download()
        self.assertIn("download=true", action["url"])
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))

    @staticmethod
    def labelled(sheet):
        """The label -> value block at the top of a sheet."""
        return {
            row[0].value: row[1].value
            for row in sheet.iter_rows(min_row=4, max_row=13)
            if row[0].value
        }

    @staticmethod
    def table(sheet, first_header):
        rows = list(sheet.iter_rows(values_only=True))
        start = next(i for i, row in enumerate(rows) if row[0] == first_header)
        return rows[start], [row for row in rows[start + 1 :] if any(row)]

    def test_manager_gets_a_sheet_per_rep_and_the_summary(self):
        book = self.export(self.manager)
        self.assertEqual(book.sheetnames, ["Rep  Wang Li", "Zhao Min", "Care Summary"])
        rep_sheet = book["Rep  Wang Li"]
        totals = self.labelled(rep_sheet)
        self.assertEqual(
            (totals["Planned Visits"], totals["Done"], totals["Cancelled"], totals["Still Open"]),
            (3, 1, 1, 1),
        )
        self.assertAlmostEqual(totals["Done Rate"], 1 / 3)
        self.assertEqual((totals["Follow-ups Missed"], totals["Order"]), (1, 1))
        header, rows = self.table(rep_sheet, "Date")
        done_row = dict(zip(header, next(r for r in rows if r[3] == "Done"), strict=True))
        self.assertEqual(done_row["Outcome"], "Order")
        self.assertEqual(done_row["Next Step"], "Send contract")
        self.assertEqual(done_row["Follow-up"], "Missed")
        self.assertEqual(done_row["Visit Rating (1 to 5)"], 4)
        self.assertEqual(
            self.labelled(book["Zhao Min"])["Planned Visits"], 1, "the old visit is out"
        )
        header, rows = self.table(book["Care Summary"], "Account")
        summary = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
        self.assertEqual(summary["Alpha Power"]["Care Status"], "On Rhythm")
        self.assertEqual(summary["Alpha Power"]["Visits Done in Period"], 1)
        self.assertEqual(summary["Alpha Power"]["Tier"], "Key")
        self.assertEqual(summary["Beta Steel"]["Care Status"], "Never Visited")
        self.assertEqual(
            summary["Beta Steel"]["Next Visit Due"].date(), self.today + timedelta(days=30)
        )

    def test_a_rep_gets_their_own_visits_only(self):
        book = self.export(self.rep_b)
        self.assertEqual(book.sheetnames, ["Zhao Min", "Care Summary"])
        _header, rows = self.table(book["Care Summary"], "Account")
        self.assertEqual([row[0] for row in rows], ["Beta Steel"], "accounts they manage")

    def test_filter_by_rep(self):
        book = self.export(self.manager, user_ids=self.rep_b)
        self.assertEqual(book.sheetnames, ["Zhao Min", "Care Summary"])

    def test_bad_period(self):
        Export = self.env["kam.visit.report.export"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "start before it ends"):
            Export.create({"date_from": self.today, "date_to": self.today - timedelta(days=1)})

    def test_period_and_dates_in_the_users_time_zone(self):
        self.manager.tz = "Asia/Shanghai"
        # 17:30 UTC on the day before is 01:30 in Shanghai: the visit belongs to today there.
        # Today in Shanghai, whatever the hour in UTC (from 16:00 UTC it is already tomorrow).
        shanghai = self.manager.with_context(tz="Asia/Shanghai")
        local_today = fields.Datetime.context_timestamp(shanghai, fields.Datetime.now()).date()
        late = datetime.combine(local_today - timedelta(days=1), datetime.min.time()).replace(
            hour=17, minute=30
        )
        self.env["kam.visit"].create(
            {
                "partner_id": self.beta.id,
                "user_id": self.rep_b.id,
                "company_id": self.company.id,
                "date_planned": late,
                "purpose": "Night shift audit",
            }
        )
        Export = self.env["kam.visit.report.export"].with_user(self.manager)
        export = Export.with_context(tz="Asia/Shanghai").create(
            {"date_from": local_today, "date_to": local_today}
        )
        export.with_context(tz="Asia/Shanghai").action_download()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
        sheet = book["Zhao Min"]
        header, rows = self.table(sheet, "Date")
        audit = dict(zip(header, next(r for r in rows if r[4] == "Night shift audit"), strict=True))
        self.assertEqual(audit["Date"].date(), local_today)
        # One style for every date of the workbook, the title's included.
        self.assertIn(f"{local_today.isoformat()} – {local_today.isoformat()}", sheet["A2"].value)
        self.assertEqual(sheet["A1"].value, f"{self.company.name} · Visits of Zhao Min")
        self.assertEqual(sheet.page_setup.paperSize, 9)
        self.assertEqual(export.filename, f"Visit Report_{local_today}.xlsx")

    def test_a_visit_counts_on_the_day_it_was_done(self):
        """Planned two months ago, done two days ago: in this month's report, on its one date,
        the day it was done."""
        late = self.env["kam.visit"].create(
            {
                "partner_id": self.beta.id,
                "user_id": self.rep_b.id,
                "company_id": self.company.id,
                "date_planned": datetime.now() - timedelta(days=60),
                "purpose": "Late audit",
                "summary": "Audited",
                "outcome": "advance",
                "next_step": "Report",
                "next_step_date": self.today,
            }
        )
        late.write({"state": "done", "date_done": datetime.now() - timedelta(days=2)})
        book = self.export(self.manager)
        header, rows = self.table(book["Zhao Min"], "Date")
        self.assertNotIn("Done On", header, "one date per visit")
        audit = dict(zip(header, next(r for r in rows if r[4] == "Late audit"), strict=True))
        self.assertEqual(audit["Date"].date(), self.today - timedelta(days=2))
        self.assertEqual(self.labelled(book["Zhao Min"])["Done"], 1)

    def test_a_sheet_for_each_rep_even_without_visits(self):
        self.visit_b.action_cancel()
        self.visit_b.sudo().unlink()
        book = self.export(self.manager)
        self.assertIn("Zhao Min", book.sheetnames, "the manager of an account, no visit")
        self.assertEqual(self.labelled(book["Zhao Min"])["Planned Visits"], 0)
