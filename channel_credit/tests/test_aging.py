import base64
import io
from datetime import timedelta

import openpyxl
from xlsxwriter.utility import xl_range

from odoo.addons.b2b_xlsx.tests.common import column_titles
from odoo.tests import new_test_user, tagged

from .common import CreditCase

BUCKETS = ("amount_current", "amount_1_30", "amount_31_60", "amount_61_90", "amount_over_90")


@tagged("post_install", "-at_install")
class TestAging(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.distributor(10**9, name="Aging Distributor")
        cls.bank = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], limit=1
        )

    def aging(self, partner=None, date=None):
        Aging = self.env["channel.credit.aging"]
        if date:
            Aging = Aging.with_context(channel_aging_date=str(date))
        return Aging.search([("partner_id", "=", (partner or self.partner).id)])

    def buckets(self, row):
        return tuple(row[name] for name in (*BUCKETS, "overdue", "total"))

    def unreconciled_payment(self, amount, date=None):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.partner.id,
                "amount": amount,
                "journal_id": self.bank.id,
                "date": date or self.today,
            }
        )
        payment.action_post()
        self.assertTrue(payment.move_id, "an Odoo payment writes its journal entry")
        return payment

    def test_buckets_net_of_payments_and_credit_notes(self):
        # Hand-computed: 1,000 due 45 days ago, 400 of it paid -> 600 in 31-60; 500 due 10
        # days ago -> 1-30; 100 not due yet, a credit note of 200 and a payment of 300 not
        # matched to any invoice -> current 100 - 200 - 300.
        self.pay(self.invoice(self.partner, 1000, days_overdue=45), 400)
        self.invoice(self.partner, 500, days_overdue=10)
        self.invoice(self.partner, 100, days_overdue=-10)
        self.invoice(self.partner, 200, move_type="out_refund")
        self.unreconciled_payment(300)
        row = self.aging()
        self.assertEqual(len(row), 1)
        self.assertEqual(self.buckets(row), (-400, 500, 600, 0, 0, 1100, 700))
        self.assertEqual(row.total, self.partner.channel_exposure_receivable)

    def test_a_fully_paid_invoice_leaves_no_row(self):
        invoice = self.invoice(self.partner, 300, days_overdue=5)
        self.pay(invoice, 300)
        self.assertFalse(self.aging())

    def test_as_of_an_earlier_date(self):
        invoice = self.invoice(self.partner, 1000, days_overdue=31)
        self.pay(invoice, 1000)
        self.invoice(self.partner, 50, days_overdue=-5)
        self.assertEqual(self.buckets(self.aging()), (50, 0, 0, 0, 0, 0, 50))
        # Two days ago the payment had not come in and the first invoice was 29 days overdue;
        # the second invoice (dated 25 days ago) already existed.
        earlier = self.aging(date=self.today - timedelta(days=2))
        self.assertEqual(self.buckets(earlier), (50, 1000, 0, 0, 0, 1000, 1050))
        # Before either invoice was issued there was nothing.
        self.assertFalse(self.aging(date=self.today - timedelta(days=100)))

    def test_one_row_per_distributor_only_when_controlled(self):
        other_rep = new_test_user(self.env, "cc_other_rep", groups="sales_team.group_sale_salesman")
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.partner.id, "type": "invoice"}
        )
        self.invoice(self.partner, 100, days_overdue=3)
        self.invoice(contact, 200, days_overdue=3).invoice_user_id = other_rep
        uncontrolled = self.env["res.partner"].create({"name": "Cash", "is_company": True})
        self.invoice(uncontrolled, 400, days_overdue=3)
        row = self.aging()
        self.assertEqual(len(row), 1)
        self.assertEqual((row.total, row.user_id), (300, self.seller))
        self.assertFalse(self.aging(uncontrolled))

    def test_workbook_aging_sheet_as_of_date_with_totals(self):
        second = self.distributor(10**9, name="Second Distributor")
        self.invoice(self.partner, 700, days_overdue=45)
        self.invoice(second, 300, days_overdue=-15)
        export = (
            self.env["channel.credit.report.export"]
            .with_user(self.credit_manager)
            .create({"aging_date": self.today - timedelta(days=20)})
        )
        export.action_download()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))["Aging"]
        self.assertIn(f"As of {export.aging_date.isoformat()}", sheet["A2"].value)
        rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if any(r)]
        header = tuple(column_titles(self.env, rows[0]))
        self.assertEqual(
            header[2:],
            (
                "Current",
                "1-30 Days",
                "31-60 Days",
                "61-90 Days",
                "Over 90 Days",
                "Overdue Amount",
                "Open Receivables",
            ),
        )
        ours = {r[0]: r for r in rows[1:-1]}
        # Twenty days ago the 700 was 25 days overdue; the 300 is dated 15 days ago, so it
        # did not exist yet.
        self.assertEqual(ours["Aging Distributor"][2:], (0, 700, 0, 0, 0, 700, 700))
        self.assertNotIn("Second Distributor", ours)
        self.assertEqual(rows[-1][0], "Total")
        total_row = sheet.max_row
        self.assertEqual(
            sheet.cell(total_row, 9).value, f"=SUM({xl_range(4, 8, total_row - 2, 8)})"
        )
        self.assertEqual(export.filename, f"Credit Reports_{export.aging_date}.xlsx")
        self.assertEqual(
            export.action_view_aging()["context"],
            {"channel_aging_date": str(export.aging_date)},
        )

    def test_workbook_cost_of_waiting_and_of_bad_debt(self):
        self.company.channel_interest_rate = 0.0365
        self.partner.channel_net_margin = 0.05  # margin gone 500 days after the invoice
        old = self.invoice(self.partner, 1000, days_overdue=570)  # issued 600 days ago
        close = self.invoice(self.partner, 2000, days_overdue=465)  # issued 495 days ago
        self.invoice(self.partner, 12000 * 12, days_overdue=-20)  # this year's sales
        export = self.env["channel.credit.report.export"].with_user(self.credit_manager).create({})
        export.action_download()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
        waiting = book["Cost of Waiting"]
        header = column_titles(self.env, [c.value for c in waiting[4]])
        rows = {
            r[1]: dict(zip(header, r, strict=True))
            for r in waiting.iter_rows(min_row=5, values_only=True)
            if r[1]
        }
        self.assertEqual(rows[old.name]["Days Since Invoice"], 600)
        self.assertAlmostEqual(rows[old.name]["Financing Cost"], 1000 * 0.0365 * 600 / 365)
        self.assertEqual(rows[old.name]["Working for the Bank"], "Margin gone")
        self.assertEqual(rows[close.name]["Working for the Bank"], "Within 7 days")
        self.assertEqual(
            rows[close.name]["Margin Gone On"].date(), close.invoice_date + timedelta(days=500)
        )
        bad_debt = book["Cost of Bad Debt"]
        rows = [r for r in bad_debt.iter_rows(min_row=4, values_only=True) if r[0]]
        header = column_titles(self.env, rows[0])
        self.assertEqual(header[0], "Distributor")
        ours = dict(zip(header, next(r for r in rows if r[0] == "Aging Distributor"), strict=True))
        losses = next(i for i, r in enumerate(rows) if r[0] == "Loss")
        self.assertEqual(rows[losses][1], "Net Margin 2%")
        self.assertEqual(rows[losses + 1][:2], (500, 25000))
        self.assertEqual(ours["Overdue Amount"], 3000)
        self.assertAlmostEqual(ours["Sales to Recover if Lost"], 3000 / 0.05)
        # 12,000 a month of its own (the year's invoices, the overdue ones are older).
        self.assertAlmostEqual(ours["Months of Own Sales"], 3000 / 12000)
