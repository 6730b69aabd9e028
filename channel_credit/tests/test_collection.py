"""Collecting (回款): the dunning ladder, the debtor conversation log with its promises, and
the collection desk."""

import base64
import io
from datetime import timedelta

import openpyxl

from odoo.addons.b2b_xlsx.tests.common import column_titles
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from ..rules import dunning_step, fill_script, promise_records
from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCollection(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collection = cls.env.ref("channel_credit.mail_activity_type_collection")
        cls.Contact = cls.env["channel.collection.contact"]

    def steps(self, partner):
        return partner.activity_ids.filtered(lambda a: a.activity_type_id == self.collection)

    def test_the_ladder_rule(self):
        days = [1, 7, 15, 30, 60]
        for overdue, step in ((0, None), (1, 0), (6, 0), (7, 1), (29, 2), (30, 3), (61, 4)):
            with self.subTest(overdue=overdue):
                self.assertEqual(dunning_step(overdue, days), step)
        self.assertEqual(
            fill_script("{partner} owes {overdue} {x}", {"partner": "恒通", "overdue": "5"}),
            "恒通 owes 5 {x}",
        )

    def test_each_step_once_for_whom_it_names_with_its_script(self):
        partner = self.distributor(10**6, channel_max_overdue_days=365, name="恒通商贸")
        self.invoice(partner, 100, days_overdue=0)
        self.run_daily()
        self.assertFalse(self.steps(partner))
        self.invoice(partner, 200, days_overdue=1)
        self.run_daily()
        reminder = self.steps(partner)
        self.assertEqual((reminder.user_id, reminder.summary), (self.seller, "Payment reminder"))
        self.assertIn("Dear 恒通商贸, our records show", reminder.note)
        self.assertIn("200.00", reminder.note)
        self.run_daily()
        self.assertEqual(self.steps(partner), reminder)  # once per step
        reminder.action_done()
        self.run_daily()
        self.assertFalse(self.steps(partner))
        # The oldest invoice decides the step: 30 days holds and goes to the Credit Manager.
        self.invoice(partner, 300, days_overdue=30)
        self.run_daily()
        step = self.steps(partner)
        self.assertEqual(
            (step.user_id, step.summary), (self.credit_manager, "Credit hold and Credit Manager")
        )
        self.assertTrue(partner.channel_credit_hold)
        self.assertIn(
            "Dunning step Credit hold and Credit Manager reached",
            partner.channel_credit_hold_reason,
        )
        self.assertEqual(partner.channel_dunning_step_id.days, 30)
        # Paid up: the hold goes and the next episode starts from the first step.
        for invoice in partner.invoice_ids:
            self.pay(invoice, invoice.amount_residual)
        self.run_daily()
        self.assertFalse(partner.channel_credit_hold)
        self.assertFalse(partner.channel_dunning_step_id)

    def test_a_step_reads_in_its_assignees_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["channel_credit"], ["zh_CN"])
        self.seller.lang = "zh_CN"
        partner = self.distributor(10**6, channel_max_overdue_days=365)
        self.invoice(partner, 100, days_overdue=8)
        self.run_daily()  # the job runs in English
        self.assertEqual(self.steps(partner).summary, "催收电话")

    def log(self, partner, user=None, **vals):
        return self.Contact.with_user(user or self.seller).create(
            {"partner_id": partner.id, "contact_name": "财务 马女士", **vals}
        )

    def test_a_promise_goes_into_the_collection_plan_and_stays_as_made(self):
        partner = self.distributor(10**6, channel_max_overdue_days=365)
        excuse = self.env.ref("channel_credit.excuse_cash_flow")
        contact = self.log(
            partner,
            excuse_id=excuse.id,
            their_words="月底才有回款",
            promise_amount=5000,
            promise_date=self.today + timedelta(days=10),
        )
        self.assertEqual(contact.our_reply, excuse.suggested_reply)
        plan = contact.plan_id
        self.assertEqual(
            (plan.partner_id, plan.amount, plan.date, plan.promised_by, plan.state),
            (partner, 5000, self.today + timedelta(days=10), "财务 马女士", "open"),
        )
        with self.assertRaisesRegex(UserError, "stays as it was made"):
            contact.with_user(self.seller).promise_amount = 1
        self.assertEqual(plan.amount, 5000)
        # A contact first, the promise added later, goes into the plan too.
        later = self.log(partner)
        later.write({"promise_amount": 100, "promise_date": self.today})
        self.assertEqual(later.plan_id.amount, 100)

    def test_bad_contacts_are_refused(self):
        partner = self.distributor(10**6)
        for vals, message in (
            ({"date": self.today + timedelta(days=1)}, "once it happened"),
            ({"promise_amount": -1, "promise_date": self.today}, "cannot be negative"),
            ({"promise_amount": 10}, "needs the date"),
            (
                {"promise_amount": 10, "promise_date": self.today - timedelta(days=1)},
                "before the conversation",
            ),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.cr.savepoint(),
            ):
                self.log(partner, **vals)
        self.assertFalse(self.Contact.search([("partner_id", "=", partner.id)]))
        self.assertFalse(partner.channel_collection_plan_ids)

    def test_a_broken_promise_escalates_once(self):
        partner = self.distributor(10**6, channel_max_overdue_days=365)
        self.invoice(partner, 1000, days_overdue=20)
        broken = self.log(
            partner,
            date=self.today - timedelta(days=5),
            promise_amount=1000,
            promise_date=self.today - timedelta(days=1),
        ).plan_id
        kept = self.log(
            partner,
            date=self.today - timedelta(days=5),
            promise_amount=0.01,
            promise_date=self.today - timedelta(days=1),
        ).plan_id
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": 0.01,
                "date": self.today - timedelta(days=2),
            }
        )
        payment.action_post()
        self.run_daily()
        self.assertEqual((broken.closed, broken.broken), (True, True))
        self.assertEqual((kept.closed, kept.broken), (True, False))
        alerts = self.steps(partner).filtered(lambda a: a.summary.startswith("Broken promise"))
        self.assertEqual(alerts.user_id, self.seller | self.credit_manager)
        self.run_daily()
        self.assertEqual(
            len(self.steps(partner).filtered(lambda a: a.summary.startswith("Broken promise"))),
            2,
        )
        # Settled is settled.
        with self.assertRaisesRegex(UserError, "settled promise"):
            broken.with_user(self.seller).amount = 0.01
        with self.assertRaisesRegex(AccessError, "daily job settles"):
            broken.with_user(self.seller).closed = False

    def test_the_collection_desk(self):
        partner = self.distributor(10**6, channel_max_overdue_days=365, name="武汉佳美")
        other = self.distributor(
            10**6, channel_max_overdue_days=365, user_id=self.credit_manager.id
        )
        self.invoice(partner, 700, days_overdue=12)
        self.invoice(partner, 300, days_overdue=3)
        self.invoice(partner, 500)  # not due
        self.invoice(other, 50, days_overdue=40)
        self.log(
            partner,
            date=self.today - timedelta(days=1),
            promise_amount=400,
            promise_date=self.today + timedelta(days=3),
        )
        self.run_daily()
        Desk = self.env["channel.collection.desk"]
        row = Desk.search([("partner_id", "=", partner.id)])
        self.assertEqual(
            (row.overdue_amount, row.days_overdue, row.step_id.name, row.promised_amount),
            (1000, 12, "Collection call", 400),
        )
        # What is promised reads against everything owed, the invoice not yet due included.
        self.assertEqual(row.owed_amount, 1500)
        self.assertEqual(
            (row.next_promise_date, row.last_contact_date, row.user_id, row.broken_promises),
            (self.today + timedelta(days=3), self.today - timedelta(days=1), self.seller, 0),
        )
        # A salesperson's desk holds their own distributors; a Credit Manager's all of them.
        self.assertEqual(Desk.with_user(self.seller).search([]).partner_id, partner)
        self.assertEqual(
            Desk.with_user(self.credit_manager).search([]).partner_id & (partner | other),
            partner | other,
        )

    def test_promises_beyond_what_is_owed_are_flagged(self):
        partner = self.distributor(10**6, channel_max_overdue_days=365)
        self.invoice(partner, 700, days_overdue=12)
        self.invoice(partner, 300)  # not due yet: owed all the same
        self.log(partner, promise_amount=600, promise_date=self.today + timedelta(days=3))
        in_three_days = self.today + timedelta(days=3)
        with Form(self.Contact.with_user(self.seller)) as form:
            form.partner_id = partner
            self.assertEqual((form.owed_amount, form.promised_open_amount), (1000, 600))
            # Up to what is owed, no warning.
            form.promise_amount = 400
            form.promise_date = in_three_days
            self.assertEqual(form.promise_excess, 0)
            with self.assertLogs("odoo.tests.form.onchange", "WARNING") as warned:
                form.promise_amount = 400.01
            self.assertRegex(warned.output[0], r"promised \D*1,000\.01\D* but owes \D*1,000\.00")
            self.assertAlmostEqual(form.promise_excess, 0.01)
        # The warning does not refuse: the promise is kept as made, and stays flagged.
        contact = form.record
        self.assertEqual(contact.plan_id.amount, 400.01)
        self.assertAlmostEqual(contact.promise_excess, 0.01)
        self.assertEqual(contact.promised_open_amount, 600)
        # Another rep reads none of it: the figures are the distributor's salesperson's.
        other_rep = new_test_user(self.env, "collect_rep2", groups="sales_team.group_sale_salesman")
        form = Form(self.Contact.with_user(other_rep))  # filled in, never saved
        form.partner_id = partner
        form.promise_amount = 5000
        self.assertEqual(
            (form.owed_amount, form.promised_open_amount, form.promise_excess), (0, 0, 0)
        )
        # Paid: what was promised is kept, nothing is left beyond what is owed.
        for invoice in partner.invoice_ids:
            self.pay(invoice, invoice.amount_residual)
        contact.invalidate_recordset()
        self.assertEqual((contact.owed_amount, contact.promise_excess), (0, 0))
        # Typed before the distributor is chosen: no figure, no warning.
        blank = Form(self.Contact.with_user(self.seller))
        blank.promise_amount = 100
        self.assertEqual((blank.owed_amount, blank.promise_excess), (0, 0))

    def test_promise_records(self):
        records = promise_records(
            [
                ("a", "kept", 100.0, 100.0),
                ("b", "open", 50.0, 0.0),
                ("a", "broken", 300.0, 120.0),
                ("a", "open", 10.0, 0.0),
            ]
        )
        self.assertEqual([r.key for r in records], ["a", "b"])
        a, b = records
        self.assertEqual(
            (a.made, a.kept, a.broken, a.open, a.promised, a.paid, a.kept_rate),
            (3, 1, 1, 1, 410.0, 220.0, 0.5),
        )
        # Nothing settled yet: no rate, not a rate of zero.
        self.assertEqual((b.made, b.open, b.kept_rate), (1, 1, None))
        self.assertEqual(promise_records([]), [])

    def test_the_workbook_holds_the_desk_and_the_promises(self):
        partner = self.distributor(10**6, channel_max_overdue_days=365, name="成都蓉达")
        other = self.distributor(
            10**6, channel_max_overdue_days=365, user_id=self.credit_manager.id, name="西安鼎盛"
        )
        self.invoice(partner, 800, days_overdue=20)
        self.invoice(other, 50, days_overdue=40)
        for amount in (800, 0.01):
            self.log(
                partner,
                date=self.today - timedelta(days=5),
                promise_amount=amount,
                promise_date=self.today - timedelta(days=1),
            )
        self.log(
            other,
            user=self.credit_manager,
            promise_amount=50,
            promise_date=self.today + timedelta(days=2),
        )
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": 0.01,
                "date": self.today - timedelta(days=2),
            }
        )
        payment.action_post()
        self.run_daily()

        def sheets(user):
            export = self.env["channel.credit.report.export"].with_user(user).create({})
            export.action_download()
            book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
            result = {}
            for name in ("Collection Desk", "Promises Kept and Broken"):
                header = column_titles(self.env, [c.value for c in book[name][4]])
                result[name] = {
                    row[0]: dict(zip(header, row, strict=True))
                    for row in book[name].iter_rows(min_row=5, values_only=True)
                }
            return result

        managers = sheets(self.credit_manager)
        desk = managers["Collection Desk"]
        self.assertEqual(
            (
                desk["成都蓉达"]["Overdue Amount"],
                desk["成都蓉达"]["Days Overdue"],
                desk["成都蓉达"]["Broken Promises"],
            ),
            (800, 20, 1),  # the unapplied payment is not matched to an invoice yet
        )
        self.assertEqual(desk["西安鼎盛"]["Promised (Open)"], 50)
        promises = managers["Promises Kept and Broken"]
        kept = promises["成都蓉达"]
        self.assertEqual(
            (kept["Promises"], kept["Kept"], kept["Broken"], kept["Open"], kept["Kept Rate"]),
            (2, 1, 1, 0, 0.5),
        )
        self.assertEqual(
            (promises["西安鼎盛"]["Open"], promises["西安鼎盛"]["Kept Rate"]), (1, None)
        )
        self.assertIn("Total", promises)
        # A salesperson's workbook holds their own distributors' rows.
        own = sheets(self.seller)
        self.assertIn("成都蓉达", own["Collection Desk"])
        self.assertNotIn("西安鼎盛", own["Collection Desk"])
        self.assertNotIn("西安鼎盛", own["Promises Kept and Broken"])

    # What an attacker's review tried ------------------------------------------------------------

    def test_a_promise_stays_as_made_and_is_kept_on_record(self):
        partner = self.distributor(10**6, channel_max_overdue_days=365)
        plan = self.log(
            partner, promise_amount=1000, promise_date=self.today + timedelta(days=3)
        ).plan_id
        for vals, message in (
            ({"amount": 50}, "stays as it was made"),
            ({"date": self.today + timedelta(days=300)}, "stays as it was made"),
            ({"date_from": self.today - timedelta(days=60)}, "starts on the day"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, message),
                self.cr.savepoint(),
            ):
                plan.with_user(self.seller).write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            plan.with_user(self.seller).unlink()
        self.assertEqual((plan.exists().amount, plan.date), (1000, self.today + timedelta(days=3)))
        # A Credit Manager may correct it.
        plan.with_user(self.credit_manager).amount = 900
        self.assertEqual(plan.amount, 900)

    def test_contacts_are_logged_by_their_own_collector_for_their_distributors(self):
        other_seller = self.credit_manager.copy(
            {"login": "cc_seller_other", "groups_id": [(6, 0, self.seller.groups_id.ids)]}
        )
        theirs = self.distributor(10**6, user_id=other_seller.id)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.log(theirs, promise_amount=10, promise_date=self.today)
        mine = self.log(self.distributor(10**6), user_id=other_seller.id)
        self.assertEqual(mine.user_id, self.seller)
        with self.assertRaisesRegex(ValidationError, "within 7 days"), self.cr.savepoint():
            self.log(mine.partner_id, date=self.today - timedelta(days=8))
        self.log(mine.partner_id, date=self.today - timedelta(days=7))

    def test_the_ladder_hold_stops_orders(self):
        partner = self.distributor(10**6, "block", channel_max_overdue_days=365)
        invoice = self.invoice(partner, 100, days_overdue=29)
        self.order(partner, 10).with_user(self.seller).action_confirm()  # day 29: allowed
        invoice.invoice_date_due = self.today - timedelta(days=30)
        order = self.order(partner, 10)
        with self.assertRaisesRegex(UserError, r"30 days past due \(allowed: 29 days\)"):
            order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "draft")
