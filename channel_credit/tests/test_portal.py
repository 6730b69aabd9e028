"""The distributor's own window: every route as two distributors' portal users, one of our
people and a public visitor."""

import io
import re
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import Command
from odoo.addons.b2b_base.tests.common import CSRF_TOKEN, portal_post, portal_user
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .. import rules
from .common import CreditCase

SEEN = re.compile(r'name="seen" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestCreditPortal(CreditCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Names as people have them (the test users' names carry their groups, which no page
        # could wrap at 375 px).
        cls.seller.name, cls.credit_manager.name = "Wang Lei", "Zhang Wei"
        cls.dist_a = cls.distributor(10000.0, name="Alpha Trading", channel_max_overdue_days=30)
        cls.dist_b = cls.distributor(5000.0, name="Beta Supplies")
        cls.portal_a = cls.portal_user(cls.dist_a, "portal_alpha")
        cls.portal_b = cls.portal_user(cls.dist_b, "portal_beta")
        cls.month = cls.today.replace(day=1) - relativedelta(months=1)
        cls.month_key = cls.month.strftime("%Y-%m")
        # Alpha: 2,000 owed since before last month, 3,000 invoiced last month (overdue 40
        # days when last month is long enough ago) and 500 of it paid last month.
        cls.old = cls.invoice(cls.dist_a, 2000.0, post=False)
        cls.old.write(
            {
                "invoice_date": cls.month - timedelta(days=20),
                "invoice_date_due": cls.month - timedelta(days=10),
            }
        )
        cls.old.action_post()
        cls.late = cls.invoice(cls.dist_a, 3000.0, post=False)
        cls.late.write({"invoice_date": cls.month, "invoice_date_due": cls.month})
        cls.late.action_post()
        cls.payment = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=cls.late.ids)
            .create({"amount": 500.0, "payment_date": cls.month + timedelta(days=3)})
            ._create_payments()
        )
        cls.bill_b = cls.invoice(cls.dist_b, 700.0, post=False)
        cls.bill_b.write({"invoice_date": cls.month, "invoice_date_due": cls.today})
        cls.bill_b.action_post()

    @classmethod
    def portal_user(cls, distributor, login):
        return portal_user(cls.env, distributor, login, cls.zone)

    def post(self, page, url, data):
        return portal_post(self, page, url, data)

    def answer(self, data):
        """Answer last month's statement from its page, as the browser sends the form."""
        page = f"/my/credit/statement/{self.month_key}"
        seen = SEEN.search(self.url_open(page).text)[1]
        return self.post(page, f"{page}/answer", {"seen": seen, **data})

    def statement(self, partner):
        return self.env["channel.credit.statement"].search(
            [("partner_id", "=", partner.id), ("date_from", "=", self.month)]
        )

    # -------------------------------------------------------------------------
    # Who gets in
    # -------------------------------------------------------------------------

    def test_public_visitor_is_sent_to_log_in(self):
        for url in (
            "/my/credit",
            "/my/credit/statements",
            f"/my/credit/statement/{self.month_key}",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertIn("/web/login", response.headers["Location"], url)
        self.assertFalse(self.statement(self.dist_a))

    def test_our_own_people_get_no_distributor_page(self):
        self.authenticate(self.seller.login, self.seller.login)
        self.assertEqual(self.url_open("/my/credit").status_code, 404)
        self.assertEqual(self.url_open(f"/my/credit/statement/{self.month_key}").status_code, 404)

    def test_each_distributor_sees_its_own_credit_only(self):
        self.authenticate("portal_alpha", "portal_alpha")
        page = self.url_open("/my/credit")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.late.name, page.text)
        self.assertIn(self.old.name, page.text)
        self.assertNotIn(self.bill_b.name, page.text)
        self.assertNotIn("Beta Supplies", page.text)
        self.authenticate("portal_beta", "portal_beta")
        page = self.url_open("/my/credit")
        self.assertIn(self.bill_b.name, page.text)
        self.assertNotIn(self.late.name, page.text)
        self.assertNotIn("Alpha Trading", page.text)

    def test_the_home_page_leads_to_credit(self):
        self.authenticate("portal_alpha", "portal_alpha")
        self.assertIn('href="/my/credit"', self.url_open("/my").text)

    # -------------------------------------------------------------------------
    # Credit at a glance
    # -------------------------------------------------------------------------

    def test_figures_hold_and_what_to_pay(self):
        credit = self.dist_a._channel_portal_credit(self.company)
        self.assertEqual(credit.limit, 10000.0)
        self.assertAlmostEqual(credit.owed, 4500.0)
        self.assertAlmostEqual(credit.available, 5500.0)
        self.assertEqual(credit.invoices, self.old | self.late)
        self.assertEqual(credit.contact, self.seller.partner_id)
        # The old invoice is overdue longer than 30 days: the daily check holds Alpha, and
        # what is overdue is what to pay.
        self.run_daily()
        credit = self.dist_a._channel_portal_credit(self.company)
        self.assertTrue(credit.held)
        self.assertIn("days are allowed", credit.hold_reason)
        self.assertAlmostEqual(credit.to_pay, credit.overdue)
        self.assertGreaterEqual(credit.overdue, 2000.0)

    def test_a_credit_managers_reason_stays_ours(self):
        self.dist_a.with_user(self.credit_manager)._channel_put_on_hold("Owner gambles, watch")
        self.authenticate("portal_alpha", "portal_alpha")
        page = self.url_open("/my/credit").text
        self.assertIn("Your account is on hold: please contact us.", page)
        self.assertNotIn("gambles", page)
        self.assertNotIn(self.credit_manager.name, page)

    def test_no_limit_figures_outside_credit_control(self):
        self.dist_b.channel_credit_policy = False
        credit = self.dist_b._channel_portal_credit(self.company)
        self.assertFalse(credit.controlled)
        self.assertEqual((credit.limit, credit.available, credit.to_pay), (0.0, 0.0, 0.0))
        self.authenticate("portal_beta", "portal_beta")
        self.assertNotIn("Credit Limit", self.url_open("/my/credit").text)

    # -------------------------------------------------------------------------
    # Promise to pay
    # -------------------------------------------------------------------------

    def test_promise_lands_in_the_collection_plan(self):
        self.authenticate("portal_alpha", "portal_alpha")
        overdue = self.dist_a._channel_portal_credit(self.company).overdue
        response = self.post(
            "/my/credit",
            "/my/credit/promise",
            {
                "amount": str(overdue),
                "promised_for": str(self.today + timedelta(days=7)),
                "note": "Paying after our customer pays us",
            },
        )
        self.assertIn("your promise is recorded", response.text)
        plan = self.env["channel.collection.plan"].search([("partner_id", "=", self.dist_a.id)])
        self.assertEqual(len(plan), 1)
        self.assertAlmostEqual(plan.amount, overdue)
        self.assertEqual(plan.date, self.today + timedelta(days=7))
        self.assertEqual(plan.promised_by, self.portal_a.name)
        self.assertEqual(plan.state, "open")
        contact = self.env["channel.collection.contact"].search([("plan_id", "=", plan.id)])
        self.assertEqual(contact.channel, "portal")
        self.assertEqual(contact.user_id, self.seller)
        self.assertEqual(contact.their_words, "Paying after our customer pays us")
        # The collector sees it as theirs; the page shows it instead of the form.
        self.assertEqual(
            self.env["channel.collection.plan"]
            .with_user(self.seller)
            .search([("partner_id", "=", self.dist_a.id)]),
            plan,
        )
        self.assertIn("You promised", self.url_open("/my/credit").text)

    def test_bad_promises_are_refused_and_nothing_is_recorded(self):
        self.authenticate("portal_alpha", "portal_alpha")
        overdue = self.dist_a._channel_portal_credit(self.company).overdue
        tomorrow = str(self.today + timedelta(days=1))
        cases = [
            ({"amount": str(overdue + 0.01), "promised_for": tomorrow}, "up to what is overdue"),
            ({"amount": "0", "promised_for": tomorrow}, "above zero"),
            ({"amount": "-5", "promised_for": tomorrow}, "above zero"),
            ({"amount": "nan", "promised_for": tomorrow}, "above zero"),
            ({"amount": "1e308", "promised_for": tomorrow}, "above zero"),
            ({"amount": "100", "promised_for": str(self.today - timedelta(days=1))}, "date"),
            ({"amount": "100", "promised_for": str(self.today + timedelta(days=61))}, "date"),
            ({"amount": "100", "promised_for": "31/12/2026"}, "date"),
            ({"amount": "100"}, "date"),
        ]
        for data, words in cases:
            with self.subTest(data=data):
                response = self.post("/my/credit", "/my/credit/promise", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_channel_portal_error", response.text)
                self.assertIn(words, response.text)
        self.assertFalse(
            self.env["channel.collection.contact"].search([("partner_id", "=", self.dist_a.id)])
        )

    def test_promise_boundaries(self):
        overdue = self.dist_a._channel_portal_credit(self.company).overdue
        last = self.today + timedelta(days=60)
        plan = self.dist_a.with_user(self.portal_a)._channel_portal_promise(
            self.company, overdue, last
        )
        self.assertEqual((plan.amount, plan.date), (overdue, last))
        # One open promise at a time: a promise stays as it was made.
        with self.assertRaisesRegex(UserError, "earlier promise is still open"):
            self.dist_a.with_user(self.portal_a)._channel_portal_promise(
                self.company, 1.0, self.today
            )
        # Nothing overdue, nothing to promise.
        with self.assertRaisesRegex(UserError, "Nothing is overdue"):
            self.dist_b.with_user(self.portal_b)._channel_portal_promise(
                self.company, 1.0, self.today
            )

    def test_promise_without_the_csrf_token_is_refused(self):
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.url_open(
            "/my/credit/promise",
            data={"amount": "100", "promised_for": str(self.today + timedelta(days=1))},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(
            self.env["channel.collection.plan"]
            .search([])
            .filtered(lambda p: p.partner_id == self.dist_a)
        )

    def test_promise_rules(self):
        today = self.today
        check = rules.portal_promise_problem
        self.assertIsNone(check(100.0, today, today, 100.0, False, 60))
        self.assertIsNone(check(100.0, today + timedelta(days=60), today, 100.0, False, 60))
        self.assertEqual(check(100.0, today + timedelta(days=61), today, 100.0, False, 60), "date")
        self.assertEqual(check(100.0, today - timedelta(days=1), today, 100.0, False, 60), "date")
        self.assertEqual(check(100.01, today, today, 100.0, False, 60), "amount")
        self.assertIsNone(check(100.004, today, today, 100.0, False, 60))
        self.assertEqual(check(0.0, today, today, 100.0, False, 60), "amount")
        self.assertEqual(check(10.0, today, today, 0.0, False, 60), "nothing_overdue")
        self.assertEqual(check(10.0, today, today, 100.0, True, 60), "open")

    # -------------------------------------------------------------------------
    # Statements of account
    # -------------------------------------------------------------------------

    def test_statement_adds_up_from_the_books(self):
        self.authenticate("portal_alpha", "portal_alpha")
        page = self.url_open(f"/my/credit/statement/{self.month_key}")
        self.assertEqual(page.status_code, 200)
        statement = self.statement(self.dist_a)
        self.assertEqual(statement.opening_balance, 2000.0)
        self.assertEqual(
            [(line.move_id, line.kind, line.debit, line.credit) for line in statement.line_ids],
            [(self.late, "invoice", 3000.0, 0.0), (self.payment.move_id, "payment", 0.0, 500.0)],
        )
        self.assertEqual(statement.closing_balance, 4500.0)
        self.assertIn(self.late.name, page.text)
        self.assertNotIn(self.old.name, page.text)
        self.assertNotIn(self.bill_b.name, page.text)

    def test_months_outside_the_list_do_not_exist(self):
        self.authenticate("portal_alpha", "portal_alpha")
        this_month = self.today.strftime("%Y-%m")
        too_old = (self.today.replace(day=1) - relativedelta(months=13)).strftime("%Y-%m")
        for month in (this_month, too_old, "2026-13", "2026-1", "abcd", "0000-00", "1-1"):
            with self.subTest(month=month):
                response = self.url_open(f"/my/credit/statement/{month}")
                self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["channel.credit.statement"].search([]))
        months = self.url_open("/my/credit/statements").text
        self.assertIn(self.month_key, months)
        self.assertNotIn(f"/my/credit/statement/{this_month}", months)

    def test_dispute_becomes_the_collectors_to_do(self):
        self.authenticate("portal_alpha", "portal_alpha")
        page = f"/my/credit/statement/{self.month_key}"
        self.url_open(page)
        line = self.statement(self.dist_a).line_ids.filtered(lambda line: line.move_id == self.late)
        response = self.answer(
            {"line_id": str(line.id), "answer": "dispute", "comment": "We got 2,500 only"}
        )
        self.assertEqual(response.status_code, 200)
        statement = self.statement(self.dist_a)
        self.assertEqual((line.state, line.comment), ("disputed", "We got 2,500 only"))
        self.assertEqual(line.answered_by_id, self.portal_a)
        self.assertEqual(statement.state, "disputed")
        activity = statement.activity_ids
        self.assertEqual(activity.user_id, self.seller)
        self.assertIn(self.late.name, activity.note)
        self.assertIn("We got 2,500 only", activity.note)
        # The salesperson reads it, lines and all, and closes the to-do in the chatter.
        self.assertEqual(
            self.env["channel.credit.statement"].with_user(self.seller).search([]), statement
        )
        form = Form(statement.with_user(self.seller))
        self.assertEqual(len(form.line_ids), len(statement.line_ids))
        self.assertEqual(form.state, "disputed")
        activity.with_user(self.seller).action_feedback(feedback="Credit note issued")
        # Issued again from the books, every line is to be answered again.
        statement.with_user(self.seller).action_reissue()
        self.assertEqual(set(statement.line_ids.mapped("state")), {"pending"})
        self.assertEqual(statement.state, "open")

    def test_dispute_needs_words_and_changes_nothing_without(self):
        self.authenticate("portal_alpha", "portal_alpha")
        page = f"/my/credit/statement/{self.month_key}"
        self.url_open(page)
        line = self.statement(self.dist_a).line_ids[0]
        response = self.answer({"line_id": str(line.id), "answer": "dispute", "comment": " "})
        self.assertIn("Say what is wrong with the line.", response.text)
        self.assertEqual(line.state, "pending")
        self.assertFalse(self.statement(self.dist_a).activity_ids)

    def test_confirming_the_statement_keeps_who_and_when(self):
        self.authenticate("portal_alpha", "portal_alpha")
        page = f"/my/credit/statement/{self.month_key}"
        self.url_open(page)
        self.answer({"line_id": "all", "answer": "confirm"})
        statement = self.statement(self.dist_a)
        self.assertEqual(statement.state, "confirmed")
        self.assertEqual(statement.confirmed_by_id, self.portal_a)
        self.assertTrue(statement.confirmed_date)
        self.assertEqual(set(statement.line_ids.mapped("state")), {"confirmed"})
        self.assertIn("Confirmed by", self.url_open(page).text)
        # A confirmed statement is kept: not issued again, not answered again.
        with self.assertRaisesRegex(UserError, "confirmed statement stays"):
            statement.with_user(self.seller).action_reissue()
        response = self.post(
            page, f"{page}/answer", {"line_id": "all", "answer": "confirm", "seen": "-"}
        )
        self.assertIn("already confirmed", response.text)

    def test_another_distributors_line_is_not_found(self):
        self.authenticate("portal_beta", "portal_beta")
        self.url_open(f"/my/credit/statement/{self.month_key}")
        self.authenticate("portal_alpha", "portal_alpha")
        page = f"/my/credit/statement/{self.month_key}"
        self.url_open(page)
        beta_line = self.statement(self.dist_b).line_ids
        self.assertTrue(beta_line)
        for line_id in (str(beta_line.id), "abc", "", "-1"):
            with self.subTest(line_id=line_id):
                response = self.answer({"line_id": line_id, "answer": "confirm"})
                self.assertEqual(response.status_code, 404)
        self.assertEqual(beta_line.state, "pending")

    def test_downloads_are_the_readers_own(self):
        self.authenticate("portal_alpha", "portal_alpha")
        base = f"/my/credit/statement/{self.month_key}"
        pdf = self.url_open(f"{base}/pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        xlsx = self.url_open(f"{base}/xlsx")
        self.assertEqual(xlsx.status_code, 200)
        cells = [
            str(cell)
            for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        self.assertIn(self.late.name, cells)
        self.assertNotIn(self.bill_b.name, cells)
        self.assertEqual(self.url_open(f"{base}/html").status_code, 404)

    def test_nobody_writes_a_statement_by_hand(self):
        statement = self.env["channel.credit.statement"]._channel_issue(
            self.dist_a, self.company, self.month
        )
        for user in (self.portal_a, self.seller, self.credit_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    statement.with_user(user).write({"closing_balance": 0.0})
                with self.assertRaises(AccessError):
                    statement.line_ids[:1].with_user(user).write({"state": "confirmed"})
                with self.assertRaises(AccessError):
                    self.env["channel.credit.statement"].with_user(user).create(
                        {
                            "partner_id": self.dist_b.id,
                            "company_id": self.company.id,
                            "date_from": self.month,
                            "date_to": rules.month_end(self.month),
                        }
                    )
        self.assertEqual(statement.closing_balance, 4500.0)
        self.assertEqual(set(statement.line_ids.mapped("state")), {"pending"})
        # Portal users read nothing over RPC: the routes are their only way in.
        with self.assertRaises(AccessError):
            self.env["channel.credit.statement"].with_user(self.portal_a).search([]).read(
                ["closing_balance"]
            )
        other_seller = new_test_user(
            self.env, "cc_other_seller", groups="sales_team.group_sale_salesman"
        )
        self.assertFalse(self.env["channel.credit.statement"].with_user(other_seller).search([]))
        with self.assertRaises(AccessError):
            statement.with_user(other_seller).action_reissue()
        # A salesperson who reads it (a second one on the distributor's team) still is not
        # its collector.
        self.env["ir.rule"].search(
            [("model_id.model", "=", "channel.credit.statement"), ("groups", "!=", False)]
        ).filtered(lambda rule: "user_id" in rule.domain_force).domain_force = "[(1, '=', 1)]"
        with self.assertRaisesRegex(AccessError, "salesperson or a Credit Manager"):
            statement.with_user(other_seller).action_reissue()

    def test_statement_rules(self):
        self.assertEqual(rules.statement_kind("out_invoice", False), "invoice")
        self.assertEqual(rules.statement_kind("out_refund", False), "refund")
        self.assertEqual(rules.statement_kind("entry", True), "payment")
        self.assertEqual(rules.statement_kind("entry", False), "other")
        self.assertEqual(rules.statement_state(["confirmed", "disputed"], False), "disputed")
        self.assertEqual(rules.statement_state(["confirmed"], True), "confirmed")
        self.assertEqual(rules.statement_state(["confirmed", "pending"], False), "open")
        self.assertEqual(rules.statement_state([], True), "confirmed")
        self.assertEqual(str(rules.month_end(self.month.replace(month=2, year=2028))), "2028-02-29")
        self.assertEqual(rules.month_end(self.month.replace(month=12, day=1)).day, 31)

    def test_an_answer_is_to_the_statement_as_it_was_shown(self):
        self.authenticate("portal_alpha", "portal_alpha")
        page = f"/my/credit/statement/{self.month_key}"
        shown = self.url_open(page).text
        token = CSRF_TOKEN.search(shown)[1]
        seen = SEEN.search(shown)[1]
        # An entry of the month posted after the page was shown.
        late_entry = self.invoice(self.dist_a, 9999.0, post=False)
        late_entry.write({"invoice_date": self.month + timedelta(days=5)})
        late_entry.action_post()
        answer = {"line_id": "all", "answer": "confirm", "seen": seen, "csrf_token": token}
        # Confirmed as shown: the late entry is not confirmed unseen.
        self.url_open(f"{page}/answer", data=answer)
        statement = self.statement(self.dist_a)
        self.assertEqual(statement.state, "confirmed")
        self.assertNotIn(late_entry, statement.line_ids.move_id)
        self.assertEqual(statement.closing_balance, 4500.0)

    def test_an_answer_to_an_older_page_is_refused(self):
        self.authenticate("portal_alpha", "portal_alpha")
        page = f"/my/credit/statement/{self.month_key}"
        shown = self.url_open(page).text
        seen = SEEN.search(shown)[1]
        line = self.statement(self.dist_a).line_ids[0]
        late_entry = self.invoice(self.dist_a, 9999.0, post=False)
        late_entry.write({"invoice_date": self.month + timedelta(days=5)})
        late_entry.action_post()
        # Another tab reads the statement again: it is issued again with the late entry.
        fresh = self.url_open(page).text
        self.assertIn(late_entry.name, fresh)
        token = CSRF_TOKEN.search(fresh)[1]
        for line_id in ("all", str(line.id)):
            with self.subTest(line_id=line_id):
                response = self.url_open(
                    f"{page}/answer",
                    data={
                        "line_id": line_id,
                        "answer": "confirm",
                        "seen": seen,
                        "csrf_token": token,
                    },
                )
                self.assertIn("has changed since you opened it", response.text)
        statement = self.statement(self.dist_a)
        self.assertEqual(statement.state, "open")
        self.assertFalse(statement.line_ids.filtered("answered_date"))

    def test_one_collector_reissues_only_their_own_statements(self):
        invoicer = new_test_user(
            self.env,
            "cc_invoicer",
            groups="account.group_account_invoice,sales_team.group_sale_salesman",
        )
        self.dist_a.user_id = invoicer
        self.dist_b.user_id = False
        Statement = self.env["channel.credit.statement"]
        st_a = Statement._channel_issue(self.dist_a, self.company, self.month)
        st_b = Statement._channel_issue(self.dist_b, self.company, self.month)
        st_b.with_user(self.portal_b)._channel_answer(
            st_b.line_ids, "dispute", "Never got it", st_b._channel_seen()
        )
        with self.assertRaises(AccessError):
            (st_a | st_b).with_user(invoicer).action_reissue()
        self.assertEqual(st_b.state, "disputed")
        self.assertEqual(st_b.line_ids.comment, "Never got it")

    def test_a_merge_keeps_what_a_distributor_confirmed(self):
        Statement = self.env["channel.credit.statement"]
        st_a = Statement._channel_issue(self.dist_a, self.company, self.month)
        st_b = Statement._channel_issue(self.dist_b, self.company, self.month)
        st_b.with_user(self.portal_b)._channel_answer(
            st_b.line_ids, "confirm", seen=st_b._channel_seen()
        )
        self.dist_b.credit_limit = self.dist_a.credit_limit
        self.env["base.partner.merge.automatic.wizard"]._merge(
            (self.dist_a | self.dist_b).ids, dst_partner=self.dist_a, extra_checks=False
        )
        # A's unanswered statement gave way; B's confirmed one is now A's.
        self.assertFalse(st_a.exists())
        self.assertEqual(st_b.partner_id, self.dist_a)
        self.assertEqual(st_b.state, "confirmed")

    def test_a_merge_of_two_answered_statements_is_refused(self):
        Statement = self.env["channel.credit.statement"]
        for partner, user in ((self.dist_a, self.portal_a), (self.dist_b, self.portal_b)):
            statement = Statement._channel_issue(partner, self.company, self.month)
            statement.with_user(user)._channel_answer(
                statement.line_ids[:1], "confirm", seen=statement._channel_seen()
            )
        with self.assertRaisesRegex(UserError, "cannot be merged"):
            self.env["base.partner.merge.automatic.wizard"]._merge(
                (self.dist_a | self.dist_b).ids, dst_partner=self.dist_a, extra_checks=False
            )
        self.assertEqual(len(Statement.search([("date_from", "=", self.month)])), 2)

    def test_a_month_closes_on_the_companys_day(self):
        self.company.partner_id.tz = "Pacific/Pago_Pago"
        # A portal user may set any time zone on their own record.
        self.portal_b.tz = "Pacific/Kiritimati"
        # 12:00 UTC on 31 January: still the 31st in Pago Pago, already 1 February in
        # Kiritimati.
        with freeze_time(datetime(2027, 1, 31, 12, 0)):
            self.authenticate("portal_beta", "portal_beta")
            self.assertEqual(self.url_open("/my/credit/statement/2027-01").status_code, 404)
            self.assertEqual(self.url_open("/my/credit/statement/2026-12").status_code, 200)
        with freeze_time(datetime(2027, 2, 1, 11, 30)):
            self.authenticate("portal_beta", "portal_beta")
            self.assertEqual(self.url_open("/my/credit/statement/2027-01").status_code, 200)

    def test_what_the_distributor_writes_is_read_in_our_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["channel_credit"], ["zh_CN"])
        self.portal_a.lang = "zh_CN"
        self.seller.lang = "en_US"
        statement = self.env["channel.credit.statement"]._channel_issue(
            self.dist_a, self.company, self.month
        )
        statement.with_user(self.portal_a).with_context(lang="zh_CN")._channel_answer(
            statement.line_ids, "confirm", seen=statement._channel_seen()
        )
        self.assertIn(
            f"Statement confirmed by {self.portal_a.name}.",
            " ".join(statement.message_ids.mapped("body")),
        )
        order = self.quotation(self.dist_a, 20000.0, "approval")
        self.authenticate("portal_alpha", "portal_alpha")
        self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"access_token": order.access_token, "name": "A", "signature": self.SIGNATURE},
        )
        self.env.invalidate_all()
        self.assertIn("Credit release requested", " ".join(order.message_ids.mapped("body")))
        self.assertIn(
            "Accepted online: waiting for credit approval", order.activity_ids.mapped("summary")
        )

    def collector_promise(self, short_of_overdue):
        """Alpha's salesperson logs a call with a promise of what is overdue less
        ``short_of_overdue``."""
        overdue = self.dist_a._channel_portal_credit(self.company).overdue
        self.env["channel.collection.contact"].with_user(self.seller).create(
            {
                "partner_id": self.dist_a.id,
                "company_id": self.company.id,
                "channel": "call",
                "contact_name": "The owner",
                "promise_amount": overdue - short_of_overdue,
                "promise_date": self.today + timedelta(days=5),
            }
        )

    def test_a_promise_counts_what_is_promised_already(self):
        self.collector_promise(100.0)
        # The form offers what the server takes, and says why.
        self.authenticate("portal_alpha", "portal_alpha")
        page = self.url_open("/my/credit").text
        self.assertIn('max="100.0"', page)
        self.assertIn("of what is overdue is promised already", page)
        promise = self.dist_a.with_user(self.portal_a)._channel_portal_promise
        with self.assertRaisesRegex(UserError, "not promised yet"):
            promise(self.company, 100.01, self.today)
        plan = promise(self.company, 100.0, self.today)
        self.assertEqual(plan.amount, 100.0)

    def test_nothing_left_to_promise_shows_no_form(self):
        self.collector_promise(0.0)
        self.authenticate("portal_alpha", "portal_alpha")
        page = self.url_open("/my/credit").text
        self.assertIn("What is overdue is promised already", page)
        self.assertNotIn('action="/my/credit/promise"', page)
        with self.assertRaisesRegex(UserError, "promised already"):
            self.dist_a.with_user(self.portal_a)._channel_portal_promise(
                self.company, 1.0, self.today
            )

    def test_only_the_portal_logs_a_portal_conversation(self):
        """A conversation on the Portal channel counts as the distributor's own open promise
        there: nobody logs one by hand, turns one into it, or turns one into another."""
        Contact = self.env["channel.collection.contact"]
        portal_plan = self.dist_a.with_user(self.portal_a)._channel_portal_promise(
            self.company, 100.0, self.today
        )
        portal_contact = Contact.search([("plan_id", "=", portal_plan.id)])
        call = Contact.with_user(self.seller).create(
            {"partner_id": self.dist_b.id, "company_id": self.company.id, "channel": "call"}
        )
        before = Contact.search_count([])
        values = {"partner_id": self.dist_b.id, "company_id": self.company.id}
        for user in (self.seller, self.credit_manager):
            contacts = Contact.with_user(user)
            with self.subTest(user=user.name):
                with self.assertRaisesRegex(UserError, "Only the distributor"):
                    contacts.create({**values, "channel": "portal"})
                with self.assertRaisesRegex(UserError, "Only the distributor"):
                    contacts.with_context(default_channel="portal").create(values)
                with self.assertRaisesRegex(UserError, "Only the distributor"):
                    call.with_user(user).write({"channel": "portal", "outcome": "x"})
                with self.assertRaisesRegex(UserError, "Only the distributor"):
                    portal_contact.with_user(user).write({"channel": "call"})
                with self.assertRaisesRegex(UserError, "Only the distributor"):
                    portal_contact.with_user(user).copy()
        self.env["ir.default"].set("channel.collection.contact", "channel", "portal")
        with self.assertRaisesRegex(UserError, "Only the distributor"):
            Contact.with_user(self.seller).create(values)
        self.assertEqual(Contact.search_count([]), before)
        self.assertEqual((call.channel, portal_contact.channel), ("call", "portal"))
        self.assertFalse(call.outcome)
        # Nor through the distributor's form, as a new line of its conversations.
        with self.assertRaisesRegex(UserError, "Only the distributor"):
            self.dist_b.with_user(self.seller).write(
                {
                    "channel_collection_contact_ids": [
                        Command.create({"company_id": self.company.id, "channel": "portal"})
                    ]
                }
            )
        self.assertEqual(Contact.search_count([]), before)
        # What else the collector writes on the distributor's own conversation still goes,
        # the same channel sent along with it too.
        portal_contact.with_user(self.seller).outcome = "Called back to thank them"
        portal_contact.with_user(self.seller).write({"channel": "portal", "outcome": "Thanked"})
        self.assertEqual(portal_contact.outcome, "Thanked")
        self.assertEqual(self.dist_a._channel_portal_promises(self.company, 0.0).own, portal_plan)

    def test_collection_contact_form_and_the_portal_channel(self):
        """As the salesperson who sees Collection Contacts: a new conversation on the Portal
        channel is refused on save, nothing made; the distributor's own one saves with a new
        outcome, its channel read-only."""
        contacts = self.env["channel.collection.contact"].with_user(self.seller)
        before = contacts.search_count([])
        form = Form(contacts)
        form.partner_id = self.dist_b
        form.channel = "portal"
        with self.assertRaisesRegex(UserError, "Only the distributor"):
            form.save()
        self.assertEqual(contacts.search_count([]), before)
        form.channel = "visit"
        self.assertEqual(form.save().channel, "visit")
        plan = self.dist_a.with_user(self.portal_a)._channel_portal_promise(
            self.company, 100.0, self.today
        )
        portal_contact = contacts.search([("plan_id", "=", plan.id)])
        with Form(portal_contact) as form:
            self.assertTrue(form._get_modifier("channel", "readonly"))
            form.outcome = "Called back to thank them"
        self.assertEqual(
            (portal_contact.channel, portal_contact.outcome),
            ("portal", "Called back to thank them"),
        )

    # -------------------------------------------------------------------------
    # Ordering online
    # -------------------------------------------------------------------------

    # A one-pixel GIF: what the signature pad sends, in short.
    SIGNATURE = "R0lGODlhAQABAIAAAP///////yH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="

    def quotation(self, partner, amount, policy):
        partner.channel_credit_policy = policy
        order = self.order(partner, amount)
        # On credit terms: signed online, not paid first.
        order.require_payment = False
        order.action_quotation_sent()
        return order

    def test_quotation_says_what_accepting_does(self):
        self.authenticate("portal_beta", "portal_beta")
        cases = [
            (1000.0, "approval", "Within your credit"),
            (20000.0, "approval", "goes to our Credit Manager for approval"),
            (20000.0, "warn", "you can confirm it, and we will be in touch"),
            (20000.0, "block", "Pay at least"),
        ]
        for amount, policy, words in cases:
            with self.subTest(policy=policy, amount=amount):
                order = self.quotation(self.dist_b, amount, policy)
                page = self.url_open(order.get_portal_url()).text
                self.assertIn(words, page)
                self.assertNotIn("Open Receivables", page)
        self.dist_b.with_user(self.credit_manager)._channel_put_on_hold("Owner gambles")
        order = self.quotation(self.dist_b, 10.0, "approval")
        page = self.url_open(order.get_portal_url()).text
        self.assertIn("your account is on hold", page)
        self.assertNotIn("gambles", page)

    def test_accepting_over_credit_asks_for_approval(self):
        order = self.quotation(self.dist_a, 20000.0, "approval")
        self.authenticate("portal_alpha", "portal_alpha")
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {
                "access_token": order.access_token,
                "name": "Alpha Buyer",
                "signature": self.SIGNATURE,
            },
        )
        self.assertTrue(result.get("redirect_url"), result)
        self.env.invalidate_all()
        self.assertIn(order.state, ("draft", "sent"))
        release = order.channel_release_ids
        self.assertEqual(len(release), 1)
        self.assertEqual(release.state, "submitted")
        self.assertEqual(release.requester_id, self.seller)
        self.assertEqual(release.decider_id, self.credit_manager)
        self.assertEqual(release.activity_ids.user_id, self.credit_manager)
        self.assertIn(self.seller, order.activity_ids.user_id)
        self.assertIn("Waiting for credit approval", self.url_open(order.get_portal_url()).text)

    def test_a_payers_figures_stay_with_the_payer(self):
        self.run_daily()
        self.dist_b.channel_credit_policy = "approval"
        order = self.order(self.dist_b, 100.0)
        # Alpha pays for Beta's order.
        order.partner_invoice_id = self.dist_a
        order.require_payment = False
        order.action_quotation_sent()
        overdue = self.dist_a._channel_portal_credit(self.company).overdue
        # Beta learns that it cannot go through, not Alpha's figures; a link holder nothing.
        self.authenticate("portal_beta", "portal_beta")
        page = self.url_open(order.get_portal_url()).text
        self.assertIn("This order cannot be confirmed online: please contact us.", page)
        self.assertNotIn(f"{overdue:,.2f}", page)
        self.authenticate(None, None)
        page = self.url_open(order.get_portal_url()).text
        self.assertIn(order.name, page)
        self.assertNotIn("o_channel_portal_order_credit", page)
        self.assertNotIn(f"{overdue:,.2f}", page)
        self.authenticate("portal_alpha", "portal_alpha")
        self.assertIn("Pay at least", self.url_open(order.get_portal_url()).text)

    def test_another_distributors_quotation_is_not_shown(self):
        order = self.quotation(self.dist_b, 100.0, "approval")
        self.authenticate("portal_alpha", "portal_alpha")
        response = self.url_open(f"/my/orders/{order.id}", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Beta Supplies", response.text)

    # -------------------------------------------------------------------------
    # What a distributor clicks, on a phone
    # -------------------------------------------------------------------------

    def phone_tour(self, url, tour, login):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(url, tour, login=login)

    def test_tour_confirm_a_statement(self):
        self.phone_tour(
            f"/my/credit/statement/{self.month_key}",
            "channel_credit_portal_confirm_tour",
            "portal_beta",
        )
        statement = self.statement(self.dist_b)
        self.assertEqual(statement.state, "confirmed")
        self.assertEqual(statement.confirmed_by_id, self.portal_b)

    def test_tour_dispute_a_line(self):
        self.phone_tour(
            f"/my/credit/statement/{self.month_key}",
            "channel_credit_portal_dispute_tour",
            "portal_alpha",
        )
        statement = self.statement(self.dist_a)
        self.assertEqual(statement.line_ids.mapped("state"), ["disputed", "confirmed"])
        self.assertEqual(statement.line_ids[0].comment, "We received 2,500 only")
        self.assertEqual(statement.activity_ids.user_id, self.seller)

    def test_tour_promise_to_pay(self):
        self.run_daily()
        self.phone_tour("/my/credit", "channel_credit_portal_promise_tour", "portal_alpha")
        plan = self.env["channel.collection.plan"].search([("partner_id", "=", self.dist_a.id)])
        self.assertEqual((plan.amount, plan.date), (1500.0, self.today))
        self.assertEqual(plan.promised_by, self.portal_a.name)

    def test_tour_order_over_credit(self):
        order = self.quotation(self.dist_a, 20000.0, "approval")
        self.phone_tour(order.get_portal_url(), "channel_credit_portal_order_tour", "portal_alpha")
        self.env.invalidate_all()
        self.assertIn(order.state, ("draft", "sent"))
        self.assertEqual(order.channel_release_ids.state, "submitted")
