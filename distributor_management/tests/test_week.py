"""The representative's week (Market > My Week): each agreement in force with the running
target's attainment on collected money, the last report, a missing report and overstock, on
the reader's day, only for their own distributors."""

from datetime import date, time

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import MoneyCase


@tagged("post_install", "-at_install")
class TestWeek(MoneyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.distributor_report_day = 10
        cls.contract.with_user(cls.rep).action_submit()
        cls.contract.with_user(cls.manager).action_approve()
        cls.Report = cls.env["distributor.stock.report"].with_user(cls.rep)
        cls.Report.create(
            {
                "partner_id": cls.partner.id,
                "date_from": date(2026, 10, 1),
                "date_to": date(2026, 10, 31),
            }
        )

    def my_week(self, user, day):
        """The rows of the My Week menu as ``user`` sees them on ``day`` (their local day)."""
        action = self.env.ref("distributor_management.distributor_agreement_week_action")
        context = safe_eval(action.context)
        self.assertEqual(context, {"search_default_filter_mine": 1})
        domain = safe_eval(action.domain) + [("user_id", "=", user.id)]
        self.env.invalidate_all()  # a new request: nothing read on another day
        with freeze_time(self.local_instant(day)):
            rows = self.env["distributor.agreement"].with_user(user).search(domain)
            return [
                (
                    row.partner_id,
                    row.week_target,
                    row.week_collected,
                    round(row.week_attainment, 4),
                    row.last_report_date,
                    row.report_missing,
                    row.week_overstock_count,
                )
                for row in rows
            ]

    def test_the_week_of_a_representative(self):
        invoice = self.invoice([(self.valve, 60_000)], date(2026, 11, 10))
        self.pay(invoice, 40_000, date(2026, 11, 20))
        october = date(2026, 10, 31)
        # Up to the due day, October's report is the one due: it came.
        self.assertEqual(
            self.my_week(self.rep, date(2026, 12, 10)),
            [(self.partner, 100_000, 40_000, 0.4, october, False, 0)],
        )
        # The day after, November's is missing.
        self.assertEqual(
            self.my_week(self.rep, date(2026, 12, 11)),
            [(self.partner, 100_000, 40_000, 0.4, october, True, 0)],
        )
        self.Report.create(
            {
                "partner_id": self.partner.id,
                "date_from": date(2026, 11, 1),
                "date_to": date(2026, 11, 30),
                "line_ids": [
                    Command.create({"product_id": self.valve.id, "qty_sold": 1, "qty_stock": 90})
                ],
            }
        )
        self.assertEqual(
            self.my_week(self.rep, date(2026, 12, 11)),
            [(self.partner, 100_000, 40_000, 0.4, date(2026, 11, 30), False, 1)],
        )
        # Another representative's week holds none of it.
        self.assertEqual(self.my_week(self.rep2, date(2026, 12, 11)), [])

    def test_overdue_money_from_the_readers_midnight(self):
        invoice = self.invoice([(self.valve, 60_000)], date(2026, 11, 10), due=date(2026, 12, 10))
        self.pay(invoice, 40_000, date(2026, 11, 20))
        other = self.distributor("Other Valves")
        self.invoice([(self.valve, 5_000)], date(2026, 11, 1), partner=other)

        def overdue(at):
            self.env.invalidate_all()
            with freeze_time(at):
                return self.contract.with_user(self.rep).week_overdue

        last_instant = self.local_instant(date(2026, 12, 10), time(23, 59, 59))
        self.assertEqual(overdue(last_instant), 0, "due today is not overdue")
        self.assertEqual(overdue(self.local_instant(date(2026, 12, 11), time(0))), 20_000)
        self.pay(invoice, 20_000, date(2026, 12, 11))
        self.assertEqual(overdue(self.local_instant(date(2026, 12, 11), time(0))), 0)

    def test_a_draft_shows_no_partners_news(self):
        """Anyone may draft an agreement for any partner: a draft shows none of its money,
        reports or overstock, which only a signed agreement's readers see."""
        secret = self.distributor("Secret Customer")
        self.invoice([(self.pump, 77_777)], date(2026, 1, 10), partner=secret)
        self.Report.sudo().create(
            {"partner_id": secret.id, "date_from": date(2026, 10, 1), "date_to": date(2026, 10, 31)}
        )
        draft = self.agreement([(self.suzhou, False)], partner_id=secret.id)
        self.env.invalidate_all()
        with freeze_time(self.local_instant(date(2026, 12, 11))):
            rows = draft.with_user(self.rep).search_read(
                [("id", "=", draft.id)],
                ["week_overdue", "last_report_date", "week_overstock_count"],
            )
        self.assertEqual(
            [(r["week_overdue"], r["last_report_date"], r["week_overstock_count"]) for r in rows],
            [(0, False, 0)],
        )

    def test_no_running_target_no_attainment(self):
        # After the agreement's last day nothing runs (and it is no longer in force).
        self.assertEqual(self.my_week(self.rep, date(2026, 12, 31))[0][1:4], (100_000, 0, 0.0))
        self.env.invalidate_all()
        with freeze_time(self.local_instant(date(2027, 1, 5))):
            self.assertEqual(self.contract.with_user(self.rep).week_target, 0)
            self.assertEqual(self.contract.with_user(self.rep).week_attainment, 0)
