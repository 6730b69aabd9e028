"""Bad input gets a readable error and changes nothing, in every number, date and required text
of the addon (the shared guard of b2b_base); exports name records that exist and the user may
read; nightly jobs skip a bad row instead of stopping.

Who can write those fields: key-account reps (accounts, visits, gifts, deals, complaints),
key-account managers (tiers, settings), salespeople through partners, imports and context
defaults, the jobs; each tried as the lowest of them."""

from datetime import date, timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .. import rules
from .common import IntegrityCase

NAN, INF = float("nan"), float("inf")
NOT_FINITE = "is not a finite number"
OUT_OF_RANGE = "is out of range"
TOO_LARGE = "is too large"
DATE_RANGE = "must lie between 1900-01-01 and 2999-12-31"
LOGGER = "odoo.addons.b2b_base.jobs"


@tagged("post_install", "-at_install")
class TestInputRules(IntegrityCase):
    def test_day_arithmetic_holds_at_the_last_date(self):
        self.assertEqual(rules.add_days(date(9999, 12, 30), 30), date.max)

    def test_the_arithmetic_survives_bad_rows(self):
        last = date(9999, 12, 31)
        self.assertEqual(
            rules.care_status(last, None, self.today, self.today, 7, 30), (date.max, "ok")
        )
        self.assertEqual(rules.wallet_share(100.0, NAN), 0.0)
        self.assertEqual(rules.wallet_share(INF, 100.0), 0.0)
        self.assertFalse(rules.quadrant(NAN, 0.5, 1000, 0.5))
        self.assertFalse(rules.quadrant(INF, 0.5, 1000, 0.5))
        classes = rules.pareto_classes({1: INF, 2: 80.0, 3: 15.0, 4: 5.0, 5: NAN}, 0.8, 0.95)
        self.assertEqual(classes, {1: "c", 2: "a", 3: "b", 4: "c", 5: "c"})


@tagged("post_install", "-at_install")
class TestNumbers(IntegrityCase):
    """NaN, ±infinity and int4 overflows get a ValidationError and change nothing, in every
    number field of the addon (its own models, and its fields on partners and companies)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls.env["kam.account"].create(
            {"partner_id": cls.customer_a.id, "company_id": cls.company.id}
        )
        cls.visit = cls.env["kam.visit"].create(
            {"partner_id": cls.customer_a.id, "company_id": cls.company.id}
        )
        cls.competitor = cls.customer("Rival Pumps", kam_is_competitor=True)
        lead = cls.env["crm.lead"].create(
            {"name": "Pumps", "type": "opportunity", "partner_id": cls.customer_a.id}
        )
        cls.records = [
            cls.account,
            cls.visit,
            cls.env["kam.gift.request"].create(
                {"partner_id": cls.customer_a.id, "purpose": "Dinner", "company_id": cls.company.id}
            ),
            cls.env["kam.competitor.info"].create(
                {"competitor_id": cls.competitor.id, "company_id": cls.company.id}
            ),
            cls.tier_key,
            cls.env["kam.deal.role"].create({"lead_id": lead.id}),
            cls.env["kam.satisfaction.survey"].create(
                {"account_id": cls.account.id, "expectation": "3", "experience": "4"}
            ),
            cls.env["kam.tier.history"].create({"account_id": cls.account.id}),
            cls.company,
            cls.customer_a.with_company(cls.company),
        ]

    def number_fields(self, record, types):
        prefix = "kam_" if record._name in ("res.company", "res.partner") else ""
        return [
            name
            for name, field in record._fields.items()
            if field.type in types
            and name.startswith(prefix)
            and name != "id"
            and not field.related
            and (field.store or field.inverse or not field.readonly)
        ]

    def test_every_float_and_monetary_field_refuses_nan_and_infinity(self):
        tried = set()
        for record in self.records:
            for name in self.number_fields(record, ("float", "monetary")):
                tried.add(f"{record._name}.{name}")
                for value, message in (
                    (NAN, NOT_FINITE),
                    (INF, NOT_FINITE),
                    (-INF, NOT_FINITE),
                    ("abc", NOT_FINITE),
                    # Finite, but no amount Odoo can round to the cent (it crashed the server).
                    (1e308, TOO_LARGE),
                    (-1e14, TOO_LARGE),
                ):
                    with self.subTest(field=f"{record._name}.{name}", value=value):
                        self.assert_refused(
                            ValidationError,
                            message,
                            lambda record=record, name=name, value=value: record.write(
                                {name: value}
                            ),
                            record,
                            [name],
                        )
        for name in (
            "kam.account.purchase_potential",
            "kam.gift.request.amount",
            "kam.competitor.info.price",
            "kam.visit.checkin_latitude",
            "kam.visit.checkin_longitude",
            "kam.tier.resource_weight",
            "kam.tier.gift_budget",
            "res.company.kam_potential_threshold",
            "res.company.kam_share_threshold",
            "res.partner.kam_purchase_potential",
        ):
            self.assertIn(name, tried)

    def test_every_integer_field_refuses_what_int4_cannot_hold(self):
        tried = set()
        for record in self.records:
            for name in self.number_fields(record, ("integer",)):
                tried.add(f"{record._name}.{name}")
                for value in (2**31, -(2**31) - 1, 10**30, NAN):
                    with self.subTest(field=f"{record._name}.{name}", value=value):
                        self.assert_refused(
                            ValidationError,
                            f"{OUT_OF_RANGE}|{NOT_FINITE}",
                            lambda record=record, name=name, value=value: record.write(
                                {name: value}
                            ),
                            record,
                            [name],
                        )
        for name in (
            "kam.tier.min_visit_days",
            "kam.tier.max_visit_days",
            "kam.gift.request.guest_count",
            "kam.deal.role.relationship_level",
            "kam.account.potential_score",
            "res.company.kam_followup_days",
        ):
            self.assertIn(name, tried)

    def test_creates_imports_and_defaults_are_checked_too(self):
        Tier = self.env["kam.tier"].with_company(self.company)
        self.assert_refused(
            ValidationError,
            OUT_OF_RANGE,
            lambda: Tier.create({"name": "Eternal", "max_visit_days": 2**31}),
            model="kam.tier",
        )
        Info = self.env["kam.competitor.info"].with_user(self.seller).with_company(self.company)
        vals = {"competitor_id": self.competitor.id, "partner_id": self.customer_a.id}
        self.assert_refused(
            ValidationError,
            NOT_FINITE,
            lambda: Info.create({**vals, "price": INF}),
            model=Info._name,
        )
        self.assert_refused(
            ValidationError,
            NOT_FINITE,
            lambda: Info.with_context(default_price=NAN).create(vals),
            model=Info._name,
        )
        result = Info.load(["competitor_id/.id", "price"], [[str(self.competitor.id), "nan"]])
        self.assertFalse(result["ids"])
        self.assertEqual(Info.search_count([("price", "!=", 0)]), 0)
        self.assert_refused(
            ValidationError,
            OUT_OF_RANGE,
            lambda: self.env["kam.gift.request"]
            .with_user(self.seller)
            .with_company(self.company)
            .create({"partner_id": self.customer_a.id, "purpose": "Banquet", "guest_count": 2**31}),
            model="kam.gift.request",
        )
        lead = self.env["crm.lead"].create(
            {"name": "Deal", "type": "opportunity", "partner_id": self.customer_a.id}
        )
        self.assert_refused(
            ValidationError,
            OUT_OF_RANGE,
            lambda: lead.write({"kam_role_ids": [Command.create({"relationship_level": 2**31})]}),
            model="kam.deal.role",
        )

    def test_reps_get_the_readable_error(self):
        own = self.account.with_user(self.seller)
        self.account.manager_id = self.seller
        self.assert_refused(
            ValidationError,
            NOT_FINITE,
            lambda: own.write({"purchase_potential": INF}),
            self.account,
            ["purchase_potential", "quadrant"],
        )
        partner = self.customer_a.with_user(self.seller).with_company(self.company)
        self.assert_refused(
            ValidationError,
            NOT_FINITE,
            lambda: partner.write({"kam_purchase_potential": NAN}),
            self.account,
            ["purchase_potential", "quadrant"],
        )
        settings = self.env["res.config.settings"].with_company(self.company)
        with self.assertRaisesRegex(ValidationError, NOT_FINITE):
            settings.create({"kam_potential_threshold": NAN})

    def test_day_counts_have_an_upper_bound(self):
        self.assert_refused(
            ValidationError,
            "cannot exceed 3650",
            lambda: self.tier_key.write({"max_visit_days": 3651}),
            self.tier_key,
            ["max_visit_days"],
        )
        self.assert_refused(
            ValidationError,
            "cannot exceed 3650 days",
            lambda: self.company.write({"kam_followup_days": 100000}),
            self.company,
            ["kam_followup_days"],
        )
        self.tier_key.max_visit_days = 3650
        self.company.kam_followup_days = 3650
        self.assertEqual(self.tier_key.max_visit_days, 3650)


@tagged("post_install", "-at_install")
class TestTextsAndExports(IntegrityCase):
    """Required texts say something; exports name records that exist and the user may read."""

    def test_required_texts_cannot_be_blank(self):
        Complaint = self.env["kam.complaint"].with_user(self.seller).with_company(self.company)
        self.assert_refused(
            ValidationError,
            "cannot be blank",
            lambda: Complaint.create({"partner_id": self.customer_a.id, "description": "   "}),
            model="kam.complaint",
        )
        complaint = Complaint.create({"partner_id": self.customer_a.id, "description": "Leaks"})
        Update = self.env["kam.complaint.update"].with_user(self.seller)
        self.assert_refused(
            ValidationError,
            "cannot be blank",
            lambda: Update.create({"complaint_id": complaint.id, "note": " \n\t"}),
            model="kam.complaint.update",
        )
        self.assert_refused(
            ValidationError,
            "cannot be blank",
            lambda: complaint.write({"description": " "}),
            complaint,
            ["description"],
        )

    def test_exports_validate_the_ids_they_are_given(self):
        lead = self.env["crm.lead"].create(
            {"name": "Pumps", "type": "opportunity", "partner_id": self.customer_a.id}
        )
        gone = self.env["crm.lead"].browse(lead.id + 10**6)
        with self.assertRaisesRegex(UserError, "no longer exist"):
            gone.action_export_tracking_xlsx()
        Register = self.env["kam.register.export"]
        for value in ([(6, 0, [10**9])], [(4, 10**9)]):
            with self.subTest(value=value), self.assertRaisesRegex(UserError, "no longer exist"):
                Register.create({"account_ids": value})
        export = self.env["kam.collection.export"].create({"row_ids": ["1; DROP TABLE"]})
        with self.assertRaisesRegex(UserError, "not records"):
            export.action_download()
        # Another's deal, named by its id: refused, not written into a file.
        lead.user_id = self.seller
        with self.assertRaises(AccessError):
            lead.with_user(self.seller_b).action_export_tracking_xlsx()


@tagged("post_install", "-at_install")
class TestDatesAndCheckIn(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Visit = cls.env["kam.visit"].with_user(cls.seller).with_company(cls.company)

    def test_dates_far_ahead_or_far_back_are_refused(self):
        visit = self.Visit.create({"partner_id": self.customer_a.id})
        for vals in (
            {"date_planned": "9999-12-31 23:00:00"},
            {"next_step_date": "9999-12-31"},
            {"date_planned": "0001-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals):
                self.assert_refused(
                    ValidationError,
                    DATE_RANGE,
                    lambda vals=vals: visit.write(vals),
                    visit,
                    ["date_planned", "next_step_date"],
                )
        self.assert_refused(
            ValidationError,
            "is not a valid date",
            lambda: visit.write({"next_step_date": "2026-13-45"}),
            visit,
            ["next_step_date"],
        )
        self.assert_refused(
            ValidationError,
            DATE_RANGE,
            lambda: self.env["kam.gift.request"]
            .with_user(self.seller)
            .with_company(self.company)
            .with_context(default_date="9999-12-31")
            .create({"partner_id": self.customer_a.id, "purpose": "New year gift"}),
            model="kam.gift.request",
        )

    def test_null_or_bad_check_in_positions_are_refused_not_stored_as_zero(self):
        visit = self.Visit.create({"partner_id": self.customer_a.id})
        fields_ = ["checkin_latitude", "checkin_longitude", "checkin_time", "checkin_distance_m"]
        for latitude, longitude in (
            (None, None),
            (False, 121.4),
            (31.2, None),
            (NAN, 121.4),
            (31.2, -INF),
            ("31.2", "121.4"),
            (True, 1),
        ):
            with self.subTest(position=(latitude, longitude)):
                self.assert_refused(
                    UserError,
                    "needs the phone's position",
                    lambda la=latitude, lo=longitude: visit.action_checkin(la, lo),
                    visit,
                    fields_,
                )
        self.assertFalse(visit.checkin_time)
        visit.action_checkin(0.0, 0.0)  # the point 0,0 itself, given, is a position
        self.assertTrue(visit.checkin_time)
        visit.write(
            {
                "summary": "Met",
                "outcome": "advance",
                "next_step": "Call",
                "next_step_date": self.today,
                "state": "done",
            }
        )
        self.assert_refused(
            ValidationError,
            "needs a latitude and a longitude",
            lambda: visit.with_user(self.manager).write(
                {"checkin_latitude": None, "correction_reason": "No fix"}
            ),
            visit,
            fields_,
        )

    def test_a_checkin_with_a_customer_at_nan_still_records_the_position(self):
        self.customer_a.partner_latitude = 31.0
        self.env.cr.execute(
            "UPDATE res_partner SET partner_longitude = 'NaN' WHERE id = %s", [self.customer_a.id]
        )
        self.customer_a.invalidate_recordset()
        visit = self.Visit.create({"partner_id": self.customer_a.id})
        visit.action_checkin(31.2, 121.4)
        self.assertEqual((visit.checkin_latitude, visit.checkin_distance_m), (31.2, 0.0))


@tagged("post_install", "-at_install")
class TestNightlyJobs(IntegrityCase):
    """A bad row in one company must not stop the nightly jobs for every company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_key.write({"min_visit_days": 7, "max_visit_days": 30})
        cls.other_company = cls.env["res.company"].create({"name": "Legacy Data Co"})
        cls.legacy_tier = cls.env["kam.tier"].create(
            {"name": "Legacy Key", "company_id": cls.other_company.id, "max_visit_days": 30}
        )
        cls.legacy_customer = cls.customer("Legacy Customer")
        cls.legacy_account = cls.env["kam.account"].create(
            {"partner_id": cls.legacy_customer.id, "company_id": cls.other_company.id}
        )
        cls.legacy_account.tier_id = cls.legacy_tier
        cls.account = cls.env["kam.account"].create(
            {"partner_id": cls.customer_a.id, "company_id": cls.company.id}
        )
        cls.account.tier_id = cls.tier_key
        # Never visited and tracked 40 days ago: needs a visit once refreshed.
        cls.env.cr.execute(
            "UPDATE kam_account SET create_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=40), cls.account.id],
        )
        cls.account.invalidate_recordset()

    def test_a_year_9999_visit_does_not_break_the_care_refresh(self):
        visit = self.env["kam.visit"].create(
            {"partner_id": self.legacy_customer.id, "company_id": self.other_company.id}
        )
        # East of UTC that instant is already a day no date holds.
        self.other_company.partner_id.tz = "Asia/Shanghai"
        # A row from before the checks: written behind the ORM's back.
        self.env.cr.execute(
            "UPDATE kam_visit SET state = 'done', date_done = '9999-12-31 23:59:59' WHERE id = %s",
            [visit.id],
        )
        self.env["kam.account"]._cron_kam_refresh_care()
        self.assertEqual(self.account.care_status, "never")
        self.assertEqual(self.legacy_account.last_visit_date, date(9999, 12, 31))
        self.assertEqual(self.legacy_account.next_visit_due, date.max)
        self.assertEqual(self.legacy_account.care_status, "ok")

    def broken_for(self, method, company):
        """The model's ``method``, failing for ``company`` as bad data would."""
        Account = type(self.env["kam.account"])
        original = getattr(Account, method)

        def broken(model, target, *args, **kwargs):
            if target == company:
                raise ValueError("bad data in this company")
            return original(model, target, *args, **kwargs)

        return patch.object(Account, method, broken)

    def test_the_care_refresh_skips_and_logs_a_failing_company(self):
        with (
            self.broken_for("_kam_refresh_care", self.other_company),
            self.assertLogs(LOGGER, "ERROR") as logs,
        ):
            self.env["kam.account"]._cron_kam_refresh_care()
        self.assertIn("Legacy Data Co", logs.output[0])
        self.assertIn("bad data in this company", logs.output[0])
        self.assertEqual(self.account.care_status, "never")
        self.assertFalse(self.legacy_account.care_status)

    def test_the_retiering_cron_skips_and_logs_a_failing_company(self):
        self.order(self.customer_a, 500)
        cron = self.env.ref("key_account_management.ir_cron_kam_recompute_tiers")
        with (
            self.broken_for("_kam_recompute_company", self.other_company),
            self.assertLogs(LOGGER, "ERROR") as logs,
        ):
            cron.method_direct_trigger()
        self.assertIn("Re-tiering: company Legacy Data Co", logs.output[0])
        self.assertEqual(self.account.revenue_12m, 500)
        self.assertTrue(self.account.scored_date)

    def test_the_weekly_digest_skips_and_logs_a_failing_company(self):
        with (
            self.broken_for("_kam_send_digest", self.other_company),
            self.assertLogs(LOGGER, "ERROR") as logs,
        ):
            self.env["kam.account"]._cron_kam_weekly_digest()
        self.assertIn("Weekly care digest: company Legacy Data Co", logs.output[0])
        digest = self.env["mail.message"].search(
            [("partner_ids", "in", self.manager.partner_id.ids)], order="id desc", limit=1
        )
        self.assertIn("KAM Test Co", digest.subject)


@tagged("post_install", "-at_install")
class TestNightlyJobsPerRecord(IntegrityCase):
    """One record that fails does not stop a nightly job: it is logged, the others go on."""

    def test_the_complaint_clock_escalates_the_others(self):
        Complaint = self.env["kam.complaint"]
        complaints = Complaint.create(
            [{"partner_id": self.customer_a.id, "description": f"Leak {n}"} for n in range(3)]
        )
        complaints.sudo().write({"response_due": fields.Datetime.now() - timedelta(hours=1)})
        bad = complaints[1]
        original = type(Complaint)._kam_escalate

        def escalate(records, flag):
            if bad in records:
                raise ValueError("bad complaint")
            return original(records, flag)

        with (
            patch.object(type(Complaint), "_kam_escalate", escalate),
            self.assertLogs("odoo.addons.b2b_base.jobs", "ERROR"),
        ):
            Complaint._cron_kam_complaint_clock()
        self.assertEqual(complaints.mapped("escalated_response"), [True, False, True])

    def test_the_plan_count_goes_on_past_a_plan_it_cannot_count(self):
        Plan = self.env["kam.resource.plan"]
        today = fields.Date.context_today(Plan)
        plans = Plan.create(
            [
                {
                    "name": name,
                    "company_id": company.id,
                    "date_from": today - timedelta(days=10),
                    "date_to": today + timedelta(days=10),
                }
                for name, company in (
                    ("Broken", self.company),
                    ("Fine", self.env["res.company"].create({"name": "Plan Co"})),
                )
            ]
        )
        original = type(Plan)._kam_refresh_plan

        def refresh(plan, day):
            if plan.name == "Broken":
                raise ValueError("bad plan")
            return original(plan, day)

        with (
            patch.object(type(Plan), "_kam_refresh_plan", refresh),
            self.assertLogs(
                "odoo.addons.key_account_management.models.kam_resource_plan_count", "ERROR"
            ),
        ):
            # Whichever comes first, two calls of the job reach both.
            Plan._cron_kam_refresh_plans()
            Plan._cron_kam_refresh_plans()
        self.assertEqual([bool(d) for d in plans.mapped("figures_date")], [False, True])
