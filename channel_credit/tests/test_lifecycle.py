import base64
import io
from datetime import timedelta

import openpyxl
from freezegun import freeze_time

from odoo.addons.b2b_xlsx.tests.common import column_titles
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditLifecycle(CreditCase):
    def test_temporary_limit_expires_by_itself(self):
        partner = self.distributor(1000)
        partner.write(
            {"channel_temp_limit": 500, "channel_temp_limit_until": self.today + timedelta(days=2)}
        )
        self.run_daily()
        self.assertEqual(partner.channel_temp_limit, 500)
        with freeze_time(self.today + timedelta(days=3)):
            self.run_daily()
            partner.invalidate_recordset()
            self.assertEqual(partner.channel_effective_limit, 1000)
        self.assertEqual((partner.channel_temp_limit, partner.channel_temp_limit_until), (0, False))
        self.assertTrue(partner.message_ids.filtered(lambda m: "expired" in (m.body or "")))

    def test_holds_follow_the_overdue_rule(self):
        # The overdue rule alone (the dunning ladder's own hold step is in test_collection).
        self.env["channel.dunning.step"].search([]).active = False
        partner = self.distributor(10**6, channel_max_overdue_days=30)
        invoice = self.invoice(partner, 100, days_overdue=30)
        self.run_daily()
        self.assertFalse(partner.channel_credit_hold)
        invoice.invoice_date_due = self.today - timedelta(days=31)
        self.run_daily()
        self.assertTrue(partner.channel_credit_hold)
        self.assertIn("31 days", partner.channel_credit_hold_reason)
        self.assertIn(partner, self.env["res.partner"].search([("channel_credit_hold", "=", True)]))
        self.pay(invoice, 100)
        self.run_daily()
        self.assertFalse(partner.channel_credit_hold)

    def test_what_the_daily_job_writes_reads_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["channel_credit"], ["zh_CN"])
        partner = self.distributor(10**6, channel_max_overdue_days=30, lang="zh_CN")
        self.invoice(partner, 100, days_overdue=45)
        self.run_daily()  # the job runs in English
        self.assertEqual(
            partner.with_context(lang="en_US").channel_credit_hold_reason,
            "Invoice overdue 45 days (allowed: 30).",
        )
        self.assertEqual(
            partner.with_context(lang="zh_CN").channel_credit_hold_reason,
            "发票逾期 45 天（允许：30 天）。",
        )
        order = self.order(partner, 10).with_context(lang="zh_CN")
        self.assertEqual(order.channel_credit_hold_reason, "发票逾期 45 天（允许：30 天）。")
        # Posted on the partner's record in the partner's language.
        self.assertTrue(partner.message_ids.filtered(lambda m: "发票逾期 45 天" in (m.body or "")))
        # A Credit Manager's own words stay as written.
        partner.with_user(self.credit_manager).channel_credit_hold_reason = "法人失联"
        self.assertEqual(partner.with_context(lang="en_US").channel_credit_hold_reason, "法人失联")

    def test_collection_activities_and_escalation_without_a_ladder(self):
        self.env["channel.dunning.step"].search([]).active = False
        partner = self.distributor(10**6, channel_max_overdue_days=90)
        collection = self.env.ref("channel_credit.mail_activity_type_collection")

        def activities():
            return partner.activity_ids.filtered(lambda a: a.activity_type_id == collection)

        self.invoice(partner, 100, days_overdue=-1)
        self.run_daily()
        self.assertFalse(activities())
        self.invoice(partner, 100, days_overdue=30)
        self.run_daily()
        self.assertEqual(activities().user_id, self.seller)
        self.run_daily()
        self.assertEqual(len(activities()), 1)  # no duplicates
        self.invoice(partner, 100, days_overdue=31)
        self.run_daily()
        self.assertEqual(activities().user_id, self.seller | self.credit_manager)

    def test_a_manager_gets_a_review_and_a_collection_on_one_distributor(self):
        # No salesperson: the Credit Manager collects, and reviews the same day.
        self.env["channel.dunning.step"].search([]).active = False
        partner = self.distributor(
            10**6,
            channel_max_overdue_days=90,
            user_id=False,
            channel_review_date=self.today + timedelta(days=3),
        )
        self.invoice(partner, 100, days_overdue=40)
        self.run_daily()
        types = partner.activity_ids.filtered(lambda a: a.user_id == self.credit_manager).mapped(
            "activity_type_id"
        )
        self.assertEqual(
            set(types.ids),
            {
                self.env.ref("channel_credit.mail_activity_type_collection").id,
                self.env.ref("channel_credit.mail_activity_type_credit_review").id,
            },
        )

    def test_credit_review_scheduled_and_applied(self):
        partner = self.distributor(1000, channel_review_date=self.today + timedelta(days=7))
        self.run_daily()
        review_type = self.env.ref("channel_credit.mail_activity_type_credit_review")
        self.assertEqual(
            partner.activity_ids.filtered(lambda a: a.activity_type_id == review_type).user_id,
            self.credit_manager,
        )
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).credit_limit = 5000
        review = self.grant(
            partner,
            grade="aa",
            credit_limit=5000,
            term_days=45,
            years_in_business=8,
            next_review_date=self.today + timedelta(days=180),
        )
        self.assertEqual(
            (partner.channel_credit_grade, partner.credit_limit, partner.channel_credit_term_days),
            ("aa", 5000, 45),
        )
        self.assertEqual(partner.channel_review_date, self.today + timedelta(days=180))
        self.assertEqual(review.approval_ids.user_id, self.credit_manager)

    def test_suggested_limit_and_apply(self):
        partner = self.distributor(200000, channel_credit_grade="aa", channel_credit_term_days=60)
        self.invoice(partner, 360000)  # 60,000 a month over 6 months
        self.assertAlmostEqual(partner.channel_suggested_limit, 60000 * 2 * 1.3)
        self.company.channel_factor_aa = 1.0
        partner.invalidate_recordset()
        self.assertAlmostEqual(partner.channel_suggested_limit, 120000)
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).action_channel_review_suggested_limit()
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).action_channel_apply_suggested_limit()
        action = partner.with_user(self.credit_manager).action_channel_review_suggested_limit()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.credit_manager)
            .with_context(**action["context"])
            .create({})
        )
        # A lower suggestion is a Credit Manager's call; a higher one starts a credit review.
        self.assertEqual(
            (wizard.old_limit, wizard.new_limit, wizard.is_raise), (200000, 120000, False)
        )
        wizard.action_apply()
        self.assertAlmostEqual(partner.credit_limit, 120000)
        self.assertIn("200,000.00 → ", partner.message_ids[0].body)

    def test_suggested_limit_counts_what_was_ordered(self):
        # Invoices are capped by the limit; the orders show what the distributor buys.
        partner = self.distributor(10**7, channel_credit_grade="aa", channel_credit_term_days=30)
        self.company.channel_factor_aa = 1.0
        self.invoice(partner, 60000)
        order = self.order(partner, 120000)
        order.action_confirm()
        partner.invalidate_recordset()
        self.assertAlmostEqual(partner.channel_suggested_limit, 20000)  # 120,000 / 6 months
        self.assertIn("20,000.00", partner.channel_suggested_limit_basis)
        self.assertIn("120,000.00 ordered", partner.channel_suggested_limit_basis)
        self.assertIn("60,000.00 invoiced", partner.channel_suggested_limit_basis)

    def test_no_history_gives_no_suggestion(self):
        partner = self.distributor(1000, channel_credit_grade="aa", channel_credit_term_days=60)
        self.assertFalse(partner.channel_has_suggested_limit)
        for action in (
            "action_channel_review_suggested_limit",
            "action_channel_apply_suggested_limit",
        ):
            with self.assertRaisesRegex(UserError, "no suggested limit"):
                getattr(partner.with_user(self.credit_manager), action)()
        self.assertEqual(partner.credit_limit, 1000)
        # A refund larger than the sales is no history either.
        self.invoice(partner, 500, move_type="out_refund")
        partner.invalidate_recordset()
        self.assertFalse(partner.channel_has_suggested_limit)

    def test_collection_plan_against_payments(self):
        partner = self.distributor(10**6)
        invoice = self.invoice(partner, 1000)
        plan = self.env["channel.collection.plan"].create(
            {
                "partner_id": partner.id,
                "date": self.today + timedelta(days=5),
                "amount": 600,
                "promised_by": "Ms Ma",
            }
        )
        self.assertEqual((plan.paid_amount, plan.state), (0, "open"))
        self.pay(invoice, 600)
        plan.invalidate_recordset()
        self.assertEqual((plan.paid_amount, plan.state), (600, "kept"))
        late = self.env["channel.collection.plan"].create(
            {
                "partner_id": partner.id,
                "date_from": self.today - timedelta(days=10),
                "date": self.today - timedelta(days=1),
                "amount": 300,
            }
        )
        self.assertEqual(late.state, "broken")

    def test_salespeople_see_credit_but_cannot_change_it(self):
        partner = self.distributor(1000)
        self.invoice(partner, 250)
        as_seller = partner.with_user(self.seller)
        self.assertEqual(as_seller.channel_credit_exposure, 250)
        self.assertEqual(as_seller.channel_effective_limit, 1000)
        for vals in (
            {"credit_limit": 10**6},
            {"channel_credit_grade": "aaa"},
            {"channel_credit_policy": "warn"},
            {"channel_credit_hold": True},
            {"channel_temp_limit": 5, "channel_temp_limit_until": self.today},
        ):
            with self.assertRaises(AccessError):
                as_seller.write(vals)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.seller).create(
                {"name": "Self-made", "is_company": True, "credit_limit": 10**6}
            )
        as_seller.write({"phone": "+86 20 1234 5678", "channel_type": "retail"})
        partner.with_user(self.credit_manager).write(
            {"credit_limit": 800, "channel_credit_grade": "a"}
        )
        self.assertEqual((partner.credit_limit, partner.channel_credit_grade), (800, "a"))

    def test_bad_input_changes_nothing(self):
        partner = self.distributor(1000, channel_credit_term_days=30)
        cases = [
            ({"credit_limit": -1}, "cannot be negative"),
            (
                {"channel_temp_limit": -5, "channel_temp_limit_until": self.today},
                "cannot be negative",
            ),
            ({"channel_temp_limit": 500}, "needs an end date"),
            (
                {
                    "channel_temp_limit": 500,
                    "channel_temp_limit_until": self.today - timedelta(days=1),
                },
                "cannot end in the past",
            ),
            ({"channel_credit_term_days": 366}, "between 0 and 365"),
            ({"channel_credit_term_days": -1}, "between 0 and 365"),
            ({"channel_max_overdue_days": -1}, "between 0 and 3650"),
        ]
        for vals, message in cases:
            refused = self.assertRaisesRegex(ValidationError, message)
            with self.subTest(vals=vals), refused, self.cr.savepoint():
                partner.write(vals)
            partner.invalidate_recordset()
            self.assertEqual(
                (
                    partner.credit_limit,
                    partner.channel_temp_limit,
                    partner.channel_credit_term_days,
                ),
                (1000, 0, 30),
            )
        partner.write({"channel_credit_term_days": 365})
        for vals, message in (
            ({"channel_factor_b": -0.1}, "between 0 and 10"),
            ({"channel_net_margin": 0}, "above 0%"),
            ({"channel_interest_rate": 1.5}, "between 0% and 100%"),
            ({"channel_release_validity_days": -1}, "between 0 and 365 days"),
        ):
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                self.company.write(vals)
        self.company.invalidate_recordset()
        self.assertEqual(self.company.channel_factor_b, 0.7)
        with self.assertRaisesRegex(ValidationError, "must be positive"), self.cr.savepoint():
            self.env["channel.collection.plan"].create(
                {"partner_id": partner.id, "date": self.today, "amount": -5}
            )

    def test_release_requests_are_private_to_their_requester(self):
        other_seller = new_test_user(
            self.env, "cc_seller2", groups="sales_team.group_sale_salesman"
        )
        partner = self.distributor(100, "approval")
        mine = self.request_release(self.order(partner, 150), self.seller)
        Release = self.env["channel.credit.release"]
        self.assertEqual(Release.with_user(self.seller).search([("id", "=", mine.id)]), mine)
        self.assertFalse(Release.with_user(other_seller).search([("id", "=", mine.id)]))
        self.assertEqual(
            Release.with_user(self.credit_manager).search([("id", "=", mine.id)]), mine
        )

    def test_multi_company_rules(self):
        other = self.env["res.company"].create({"name": "Credit Elsewhere"})
        review = self.env["channel.credit.review"].create(
            {"partner_id": self.distributor(1).id, "grade": "b", "company_id": other.id}
        )
        self.assertFalse(
            self.env["channel.credit.review"]
            .with_user(self.credit_manager)
            .search([("id", "=", review.id)])
        )

    def test_credit_reports_xlsx(self):
        partner = self.distributor(1000, "approval", name="杭州恒通商贸")
        self.invoice(partner, 700, days_overdue=45)
        self.order(partner, 500).action_confirm()
        self.env["channel.collection.plan"].create(
            {"partner_id": partner.id, "date": self.today, "amount": 100}
        )
        export = self.env["channel.credit.report.export"].with_user(self.credit_manager).create({})
        export.action_download()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.data)))
        self.assertEqual(
            book.sheetnames,
            [
                "Aging",
                "Credit Utilization",
                "Holds and Releases",
                "Collection Plan vs Actual",
                "Collection Desk",
                "Promises Kept and Broken",
                "Cost of Waiting",
                "Cost of Bad Debt",
            ],
        )

        def rows(sheet):
            # Under the title line: the header on row 4, then the rows and their total.
            header = column_titles(self.env, [c.value for c in book[sheet][4]])
            return [
                dict(zip(header, r, strict=True))
                for r in book[sheet].iter_rows(min_row=5, values_only=True)
            ]

        aging = next(r for r in rows("Aging") if r["Distributor"] == "杭州恒通商贸")
        self.assertEqual((aging["31-60 Days"], aging["Overdue Amount"]), (700, 700))
        use = next(r for r in rows("Credit Utilization") if r["Distributor"] == "杭州恒通商贸")
        self.assertEqual((use["Credit Exposure"], use["Effective Limit"]), (700, 1000))
        self.assertAlmostEqual(use["Utilization"], 0.7)
        release = next(r for r in rows("Holds and Releases") if r["Distributor"] == "杭州恒通商贸")
        self.assertEqual((release["Order Amount"], release["Status"]), (500, "Requested"))
        plan = next(
            r for r in rows("Collection Plan vs Actual") if r["Distributor"] == "杭州恒通商贸"
        )
        self.assertEqual(plan["Promised Amount"], 100)
        self.assertEqual(book["Aging"].freeze_panes, "B5")
        for sheet in book.worksheets:
            self.assertEqual(sheet.print_title_rows, "$4:$4")
            self.assertEqual(sheet.page_setup.paperSize, 9)
            self.assertIn("Total", [row[0] for row in sheet.iter_rows(values_only=True)])
        # The wide sheet prints two pages across, legible, the distributor on each.
        wide = book["Credit Utilization"]
        self.assertEqual((wide.page_setup.fitToWidth, wide.print_title_cols), (2, "$A:$A"))
        self.assertIn(book["Aging"].page_setup.fitToWidth, (None, 1))  # 1 is left unwritten

    def test_overdue_days_default_covers_existing_partners(self):
        self.env.cr.execute(
            "INSERT INTO res_partner (name, active, autopost_bills)"
            " VALUES ('Old customer', true, 'ask') RETURNING id"
        )
        old = self.env["res.partner"].browse(self.env.cr.fetchone()[0])
        self.assertEqual(old.channel_max_overdue_days, 30)
        self.assertEqual(
            self.env["res.partner"].create({"name": "New"}).channel_max_overdue_days, 30
        )

    def test_collection_plan_and_review_bad_input(self):
        partner = self.distributor(1000)
        Plan = self.env["channel.collection.plan"]
        with self.assertRaisesRegex(ValidationError, "before the start"), self.cr.savepoint():
            Plan.create(
                {
                    "partner_id": partner.id,
                    "date_from": self.today,
                    "date": self.today - timedelta(days=1),
                    "amount": 100,
                }
            )
        Plan.create(
            {"partner_id": partner.id, "date_from": self.today, "date": self.today, "amount": 0.01}
        )  # the same day and a cent are fine
        Review = self.env["channel.credit.review"]
        base = {"partner_id": partner.id, "grade": "b"}
        for vals, message in (
            ({"credit_limit": -1}, "cannot be negative"),
            ({"registered_capital": -5}, "cannot be negative"),
            ({"years_in_business": -1}, "cannot be negative"),
            ({"next_review_date": self.today}, "must come after"),
            ({"next_review_date": self.today - timedelta(days=1)}, "must come after"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.cr.savepoint(),
            ):
                Review.create({**base, **vals})
        self.assertFalse(Review.search([("partner_id", "=", partner.id)]))
        self.assertEqual(Plan.search_count([("partner_id", "=", partner.id)]), 1)
