"""The nightly sell-through alerts: a distributor in force that sent no report for last month
(from the day after the company's due day), and a report with overstocked products, each an
activity for the representative, once, in their language, on the company's day."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .. import rules
from .common import MoneyCase

REPORT = "distributor_management.mail_activity_type_distributor_report"
OVERSTOCK = "distributor_management.mail_activity_type_distributor_overstock"


@tagged("post_install", "-at_install")
class TestStockAlerts(MoneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.distributor_report_day = 10
        cls.contract.with_user(cls.rep).action_submit()
        cls.contract.with_user(cls.manager).action_approve()
        cls.Report = cls.env["distributor.stock.report"].with_user(cls.rep)
        cls.october = cls.report(date(2026, 10, 1), date(2026, 10, 31))

    @classmethod
    def report(cls, date_from, date_to, lines=(), partner=None):
        return cls.Report.create(
            {
                "partner_id": (partner or cls.partner).id,
                "date_from": date_from,
                "date_to": date_to,
                "line_ids": [
                    Command.create({"product_id": product.id, "qty_sold": sold, "qty_stock": stock})
                    for product, sold, stock in lines
                ],
            }
        )

    def run_alerts(self, day):
        with freeze_time(self.local_instant(day)):
            self.env["distributor.stock.report"]._cron_stock_alerts()

    def alerts(self, records, xmlid):
        records.invalidate_recordset(["activity_ids"])
        return records.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def test_the_due_day_at_its_boundary(self):
        self.assertEqual(rules.report_due_until(date(2026, 12, 10), 10), date(2026, 10, 31))
        self.assertEqual(rules.report_due_until(date(2026, 12, 11), 10), date(2026, 11, 30))
        self.assertEqual(rules.report_due_until(date(2027, 1, 11), 10), date(2026, 12, 31))
        self.assertEqual(rules.report_due_until(date(2027, 3, 1), 1), date(2027, 1, 31))
        self.assertEqual(rules.report_due_until(date(2027, 3, 2), 1), date(2027, 2, 28))

    def test_a_missing_report_is_asked_for_once_and_closed_when_it_comes(self):
        newcomer = self.agreement(
            [(self.suzhou, False)], start=date(2026, 12, 1), end=date(2027, 11, 30)
        )
        self.approve(newcomer)
        self.run_alerts(date(2026, 12, 10))  # November's report is due by the 10th
        self.assertFalse(self.alerts(self.contract | newcomer, REPORT))
        self.run_alerts(date(2026, 12, 11))
        alert = self.alerts(self.contract, REPORT)
        self.assertEqual(
            (alert.user_id, alert.date_deadline, alert.summary),
            (self.rep, date(2026, 12, 11), "No sell-through report for the period to 11/30/2026"),
        )
        self.assertFalse(self.alerts(newcomer, REPORT), "in force only from December")
        self.run_alerts(date(2026, 12, 12))
        self.assertEqual(self.alerts(self.contract, REPORT), alert, "asked once")
        self.report(date(2026, 11, 1), date(2026, 11, 30))
        self.run_alerts(date(2026, 12, 13))
        self.assertFalse(self.alerts(self.contract, REPORT))
        self.assertFalse(alert.exists(), "done once the report came")

    def test_an_open_alert_follows_the_latest_missing_day_and_the_agreement(self):
        self.october.unlink()
        self.run_alerts(date(2026, 12, 5))
        alert = self.alerts(self.contract, REPORT)
        self.assertEqual(alert.summary, "No sell-through report for the period to 10/31/2026")
        self.run_alerts(date(2026, 12, 11))  # October's is still missing, and now November's
        self.assertEqual(
            self.alerts(self.contract, REPORT).summary,
            "No sell-through report for the period to 11/30/2026",
        )
        self.contract.with_user(self.manager).action_terminate("Stopped reporting")
        self.run_alerts(date(2026, 12, 12))
        self.assertFalse(self.alerts(self.contract, REPORT), "no longer asked for")

    def test_the_alert_reads_in_the_representatives_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.rep.lang = "zh_CN"
        self.run_alerts(date(2026, 12, 11))
        self.assertEqual(
            self.alerts(self.contract, REPORT).summary, "截至 2026年11月30日 的进销存报表未交"
        )

    def test_overstock_is_told_once_per_recent_report(self):
        november = self.report(
            date(2026, 11, 1),
            date(2026, 11, 30),
            [(self.valve, 30, 300), (self.pump, 30, 30)],
        )
        fine = self.report(
            date(2026, 11, 1),
            date(2026, 11, 30),
            [(self.pump, 30, 30)],
            partner=self.distributor("Suzhou Flow"),
        )
        old = self.report(date(2026, 6, 1), date(2026, 6, 30), [(self.valve, 0, 10)])
        self.run_alerts(date(2026, 12, 11))
        alert = self.alerts(november, OVERSTOCK)
        self.assertEqual(
            (alert.user_id, alert.summary),
            (self.rep, "Overstocked products: 1 (stock for more than 60 days)"),
        )
        self.assertFalse(self.alerts(fine | old | self.october, OVERSTOCK))
        alert.action_done()
        self.run_alerts(date(2026, 12, 12))
        self.assertFalse(self.alerts(november, OVERSTOCK), "told once")

    def test_nobody_silences_an_alert(self):
        november = self.report(date(2026, 11, 1), date(2026, 11, 30), [(self.valve, 0, 10)])
        # Nor at creation: in the values, as a default, or by import.
        Report = self.Report.with_context(default_overstock_alerted=True)
        sneaky = Report.create(
            {
                "partner_id": self.partner.id,
                "date_from": date(2026, 9, 1),
                "date_to": date(2026, 9, 30),
                "overstock_alerted": True,
            }
        )
        imported = Report.load(
            ["partner_id/.id", "date_from", "date_to", "overstock_alerted"],
            [[str(self.partner.id), "2026-08-01", "2026-08-31", "1"]],
        )
        self.assertFalse(imported["messages"], imported["messages"])
        created = sneaky | Report.browse(imported["ids"])
        self.assertEqual(len(created), 2)
        self.assertEqual(created.sudo().mapped("overstock_alerted"), [False, False])
        for user in (self.rep, self.manager):
            self.assert_refused(
                AccessError,
                None,
                lambda u=user: november.with_user(u).write({"overstock_alerted": True}),
                model="distributor.stock.report",
            )
        self.run_alerts(date(2026, 12, 11))
        self.assertTrue(self.alerts(november, OVERSTOCK))

    def test_the_due_day_is_a_day_of_the_month(self):
        settings = self.env["res.config.settings"].with_user(self.env.ref("base.user_admin"))
        for day in (0, 29, -1):
            self.assert_refused(
                ValidationError,
                "from 1 to 28",
                lambda d=day: settings.create({"distributor_report_day": d}).execute(),
                self.company,
                ["distributor_report_day"],
            )
        settings.create({"distributor_report_day": 1}).execute()
        self.assertEqual(self.company.distributor_report_day, 1)
        # As the settings page saves it.
        with Form(settings) as form:
            self.assertEqual(form.distributor_report_day, 1)
            form.distributor_report_day = 28
        form.record.execute()
        self.assertEqual(self.company.distributor_report_day, 28)
