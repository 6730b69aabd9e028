"""Key-account records keep their history and owners: accounts, tiers, visits and deals are
written only by whom they belong to, figures only by the system.

Who can write them: key-account reps (their accounts, visits, deals), other reps, key-account
managers (tiers, pinning, hand-overs), salespeople through partners and deals, the nightly
jobs; each tried as that role."""

from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import SALESMAN, IntegrityCase, KamCase


@tagged("post_install", "-at_install")
class TestSetWiseWritersKeepTheCacheRight(KamCase):
    """The re-tiering and the care refresh write with SQL: the ORM must not keep stale values."""

    def test_edit_right_after_retiering_in_the_same_transaction(self):
        partner = self.customer("Cached Co")
        self.order(partner, 100)
        as_company = partner.with_company(self.company)
        self.assertFalse(as_company.kam_account_id)  # read, so the cache knows "no account"
        self.retier()
        as_company.kam_purchase_potential = 2000000.0
        account = self.account(partner)
        self.assertEqual(len(account), 1)
        self.assertEqual(account.purchase_potential, 2000000.0)
        self.assertEqual(as_company.kam_quadrant, "attack")
        self.assertEqual(account.revenue_12m, 100)

    def test_partner_care_fields_follow_the_care_refresh(self):
        partner = self.customer("Care Cached Co")
        account = self.env["kam.account"].create(
            {"partner_id": partner.id, "company_id": self.company.id, "manager_id": self.rep.id}
        )
        account.tier_id = self.tier_key
        self.tier_key.max_visit_days = 30
        as_company = partner.with_company(self.company)
        self.assertFalse(as_company.kam_care_status)
        today = fields.Date.context_today(self.env.user)
        self.env["kam.account"]._kam_refresh_care(self.company, today)
        self.assertEqual(as_company.kam_care_status, "never")
        self.assertEqual(as_company.kam_next_visit_due, account.next_visit_due)

    def test_rep_editing_an_account_of_another_rep_is_refused_not_duplicated(self):
        partner = self.customer("Someone Else's Co")
        account = self.env["kam.account"].create(
            {"partner_id": partner.id, "company_id": self.company.id, "manager_id": self.rep_b.id}
        )
        seller = new_test_user(
            self.env, "cache_seller", groups=SALESMAN, company_id=self.company.id
        )
        as_seller = partner.with_user(seller).with_company(self.company)
        with self.assertRaises(AccessError), self.cr.savepoint():
            as_seller.kam_purchase_potential = 5.0
        self.assertEqual(self.account(partner), account)
        self.assertEqual(account.purchase_potential, 0.0)


@tagged("post_install", "-at_install")
class TestVisitsKeepTheirHistory(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Pumps 2027",
                "type": "opportunity",
                "partner_id": cls.customer_a.id,
                "user_id": cls.seller.id,
                "company_id": cls.company.id,
            }
        )
        cls.Visit = cls.env["kam.visit"].with_company(cls.company)

    def plan(self, user=None, **vals):
        return self.Visit.with_user(user or self.seller).create(
            {
                "partner_id": self.customer_a.id,
                "contact_ids": [Command.set(self.buyer.ids)],
                "purpose": "Present the pump range",
                **vals,
            }
        )

    def done(self, user=None, **vals):
        visit = self.plan(user=user, **vals)
        visit.write(
            {
                "summary": "Samples approved",
                "outcome": "advance",
                "next_step": "Send the quote",
                "next_step_date": self.today + timedelta(days=2),
            }
        )
        visit.action_checkin(31.2, 121.4)
        visit.action_done()
        return visit

    HISTORY = [
        "date_done",
        "checkin_latitude",
        "checkin_longitude",
        "checkin_time",
        "checkin_distance_m",
        "partner_id",
        "user_id",
        "contact_ids",
        "summary",
        "outcome",
        "next_step",
        "next_step_date",
        "customer_feedback",
    ]

    def test_reps_cannot_rewrite_a_done_visit(self):
        visit = self.done()
        other = self.customer("Other Customer", company_id=self.company.id)
        as_seller = visit.with_user(self.seller)
        changes = [
            {"date_done": "2020-01-01 09:00:00"},
            {"checkin_latitude": 0.0, "checkin_longitude": 0.0},
            {"checkin_time": fields.Datetime.now() - timedelta(days=3)},
            {"checkin_distance_m": 0.0},
            {"partner_id": other.id, "contact_ids": [Command.clear()]},
            {"user_id": self.seller.id, "summary": "Rewritten"},  # several fields at once
            {"summary": "Rewritten"},
            {"outcome": "order"},
            {"next_step_date": self.today + timedelta(days=1)},
            {"contact_ids": [Command.clear()]},
            {"customer_feedback": "Delighted", "correction_reason": "I say so"},
        ]
        for vals in changes:
            with self.subTest(vals=vals):
                self.assert_refused(
                    AccessError,
                    "only a key-account manager can correct it",
                    lambda vals=vals: as_seller.write(vals),
                    visit,
                    self.HISTORY,
                )

    def test_done_visit_history_is_also_kept_on_import_and_from_the_deal(self):
        visit = self.done(lead_id=self.lead.id)
        as_seller = visit.with_user(self.seller)
        before = self.snapshot(visit, self.HISTORY)
        result = as_seller.load([".id", "summary"], [[str(visit.id), "Imported over it"]])
        self.assertFalse(result["ids"])
        self.assertIn("only a key-account manager", result["messages"][0]["message"])
        self.assert_refused(
            AccessError,
            "only a key-account manager",
            lambda: self.lead.with_user(self.seller).write(
                {"kam_visit_ids": [Command.update(visit.id, {"summary": "Via the deal"})]}
            ),
            visit,
            self.HISTORY,
        )
        self.assertEqual(self.snapshot(visit, self.HISTORY), before)

    def test_managers_correct_with_a_reason_in_the_chatter(self):
        visit = self.done()
        as_manager = visit.with_user(self.manager)
        self.assert_refused(
            UserError,
            "Give the reason for correcting",
            lambda: as_manager.write({"summary": "Typo fixed", "correction_reason": "  "}),
            visit,
            self.HISTORY,
        )
        as_manager.write({"summary": "Samples approved by QA", "correction_reason": "Typo"})
        self.assertEqual(visit.summary, "Samples approved by QA")
        note = visit.message_ids[0]
        self.assertIn("Typo", note.body)
        self.assertIn("Talking Points", note.body)
        self.assertEqual(note.author_id, self.manager.partner_id)
        self.assertFalse(visit.correction_reason, "the reason lives in the chatter")

    def test_the_form_lets_managers_correct_and_reps_read(self):
        visit = self.done()
        with Form(visit.with_user(self.manager)) as form:
            form.summary = "Samples approved, two sizes"
            form.correction_reason = "Second size forgotten"
        self.assertEqual(visit.summary, "Samples approved, two sizes")
        self.assertIn("Second size forgotten", visit.message_ids[0].body)
        form = Form(visit.with_user(self.seller))
        with self.assertRaises(AssertionError):  # read-only for the rep
            form.summary = "Rewritten"

    def test_a_corrected_date_moves_the_care_status(self):
        self.tier_key.write({"min_visit_days": 7, "max_visit_days": 30})
        account = self.env["kam.account"].create(
            {"partner_id": self.customer_a.id, "company_id": self.company.id}
        )
        account.tier_id = self.tier_key
        visit = self.done()
        self.assertEqual(account.last_visit_date, self.today)
        visit.with_user(self.manager).write(
            {
                "date_done": fields.Datetime.now() - timedelta(days=40),
                "correction_reason": "Entered late: the visit was in the spring",
            }
        )
        self.assertEqual(account.last_visit_date, self.today - timedelta(days=40))
        self.assertEqual(account.care_status, "overdue")
        with self.assertRaisesRegex(ValidationError, "cannot be completed in the future"):
            visit.with_user(self.manager).write(
                {"date_done": "2999-01-01 00:00:00", "correction_reason": "Oops"}
            )

    def test_checkin_comes_from_the_button_only(self):
        visit = self.plan()
        as_seller = visit.with_user(self.seller)
        checkin = {"checkin_latitude": 31.2, "checkin_longitude": 121.4, "checkin_distance_m": 0}
        self.assert_refused(
            AccessError,
            "Check-in button only",
            lambda: as_seller.write(checkin),
            visit,
            self.HISTORY,
        )
        self.assert_refused(
            AccessError, "Check-in button only", lambda: self.plan(**checkin), model="kam.visit"
        )
        self.assert_refused(
            AccessError,
            "Check-in button only",
            lambda: self.Visit.with_user(self.seller)
            .with_context(default_checkin_time=fields.Datetime.now())
            .create({"partner_id": self.customer_a.id}),
            model="kam.visit",
        )
        self.assert_refused(
            AccessError,
            "set when the visit is completed",
            lambda: as_seller.write({"date_done": fields.Datetime.now()}),
            visit,
            self.HISTORY,
        )
        as_seller.action_checkin(31.2, 121.4)
        self.assertTrue(visit.checkin_time)

    def test_reps_plan_for_themselves_only(self):
        message = "only plan visits for yourself"
        Visit = self.Visit.with_user(self.seller)
        self.assert_refused(
            AccessError, message, lambda: self.plan(user_id=self.seller_b.id), model="kam.visit"
        )
        self.assert_refused(
            AccessError,
            message,
            lambda: Visit.with_context(default_user_id=self.seller_b.id).create(
                {"partner_id": self.customer_a.id}
            ),
            model="kam.visit",
        )
        self.assert_refused(
            AccessError,
            message,
            lambda: self.lead.with_user(self.seller).write(
                {
                    "kam_visit_ids": [
                        Command.create(
                            {"partner_id": self.customer_a.id, "user_id": self.seller_b.id}
                        )
                    ]
                }
            ),
            model="kam.visit",
        )
        result = Visit.load(
            ["partner_id/.id", "user_id/.id"], [[str(self.customer_a.id), str(self.seller_b.id)]]
        )
        self.assertFalse(result["ids"])
        self.assertIn(message, result["messages"][0]["message"])
        visit = self.plan()
        self.assert_refused(
            AccessError,
            message,
            lambda: visit.with_user(self.seller).copy({"user_id": self.seller_b.id}),
            model="kam.visit",
        )
        self.assert_refused(
            AccessError,
            message,
            lambda: visit.with_user(self.seller).write(
                {"purpose": "Hand over", "user_id": self.seller_b.id}
            ),
            visit,
            ["user_id", "purpose"],
        )
        # A key-account manager assigns visits.
        visit.with_user(self.manager).write({"user_id": self.seller_b.id})
        self.assertEqual(visit.user_id, self.seller_b)
        self.plan(user=self.manager, user_id=self.seller.id)

    def test_default_state_goes_through_the_completion_rules(self):
        Visit = self.Visit.with_user(self.seller)
        self.assert_refused(
            UserError,
            "talking points",
            lambda: Visit.with_context(default_state="done").create(
                {"partner_id": self.customer_a.id}
            ),
            model="kam.visit",
        )
        self.assert_refused(
            AccessError,
            "set when the visit is completed",
            lambda: Visit.with_context(default_date_done=fields.Datetime.now()).create(
                {"partner_id": self.customer_a.id}
            ),
            model="kam.visit",
        )
        visit = Visit.with_context(default_state="cancelled").create(
            {"partner_id": self.customer_a.id}
        )
        self.assertEqual(visit.state, "cancelled")

    def test_contacts_met_are_the_customers_people(self):
        other = self.customer("Elsewhere Ltd", company_id=self.company.id)
        stranger = self.env["res.partner"].create({"name": "Stranger", "parent_id": other.id})
        foreign_company = self.env["res.company"].create({"name": "Foreign KAM Co"})
        foreigner = self.env["res.partner"].create(
            {"name": "Foreigner", "parent_id": self.customer_a.id}
        )
        foreigner.company_id = foreign_company
        message = "contacts met must be people of"
        self.assert_refused(
            ValidationError,
            message,
            lambda: self.plan(contact_ids=[Command.set(stranger.ids)]),
            model="kam.visit",
        )
        self.assert_refused(
            ValidationError,
            message,
            lambda: self.plan(contact_ids=[Command.set(foreigner.ids)]),
            model="kam.visit",
        )
        visit = self.plan()
        # Changing the customer keeps the old customer's contacts: checked after the change.
        self.assert_refused(
            ValidationError,
            message,
            lambda: visit.with_user(self.seller).write({"partner_id": other.id}),
            visit,
            ["partner_id", "contact_ids"],
        )
        visit.with_user(self.seller).write(
            {"partner_id": other.id, "contact_ids": [Command.set(stranger.ids)]}
        )
        self.assertEqual(visit.contact_ids, stranger)

    def test_completing_touches_only_the_reps_own_deal_roles(self):
        own_role = self.env["kam.deal.role"].create(
            {"lead_id": self.lead.id, "partner_id": self.buyer.id, "buying_role": "purchaser"}
        )
        their_lead = self.env["crm.lead"].create(
            {
                "name": "Pumps, their deal",
                "type": "opportunity",
                "partner_id": self.customer_a.id,
                "user_id": self.seller_b.id,
                "company_id": self.company.id,
            }
        )
        their_role = self.env["kam.deal.role"].create(
            {"lead_id": their_lead.id, "partner_id": self.buyer.id, "buying_role": "user"}
        )
        self.done()
        self.assertEqual(own_role.last_contact_date, self.today)
        self.assertFalse(their_role.last_contact_date)
        self.assertFalse(their_lead.kam_role_ids.filtered("last_contact_date"))

    def test_a_key_account_user_without_the_sales_app_completes_a_visit(self):
        # KamCase.rep has the key-account rights only: no deals to touch, and no error.
        visit = self.plan(user=self.rep)
        visit.write(
            {
                "summary": "Met the buyer",
                "outcome": "continuation",
                "next_step": "Call back",
                "next_step_date": self.today,
            }
        )
        visit.action_done()
        self.assertEqual(visit.state, "done")


@tagged("post_install", "-at_install")
class TestOnchangesRespectAccess(IntegrityCase):
    def test_over_care_warning_only_from_a_readable_account(self):
        self.tier_key.write({"min_visit_days": 7, "max_visit_days": 30})
        account = self.env["kam.account"].create(
            {
                "partner_id": self.customer_a.id,
                "company_id": self.company.id,
                "manager_id": self.seller_b.id,
            }
        )
        account.tier_id = self.tier_key
        visit = self.env["kam.visit"].create(
            {
                "partner_id": self.customer_a.id,
                "user_id": self.seller_b.id,
                "company_id": self.company.id,
                "summary": "Met",
                "outcome": "continuation",
                "next_step": "Call",
                "next_step_date": self.today,
            }
        )
        visit.action_done()

        def warning(user):
            return (
                self.env["kam.visit"]
                .with_user(user)
                .with_company(self.company)
                .new(
                    {
                        "partner_id": self.customer_a.id,
                        "company_id": self.company.id,
                        "date_planned": datetime.combine(
                            self.today + timedelta(days=1), datetime.min.time()
                        )
                        + timedelta(hours=4),
                    }
                )
                ._onchange_care_rhythm()
            )

        self.assertIsNone(warning(self.seller), "another rep's last visit is not revealed")
        self.assertIn(str(self.today), warning(self.seller_b)["warning"]["message"])
        self.assertIn("at least 7 days", warning(self.manager)["warning"]["message"])

    def test_form_onchanges_do_not_read_another_reps_visit(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Their secret deal",
                "type": "opportunity",
                "partner_id": self.customer_a.id,
                "user_id": self.seller_b.id,
                "company_id": self.company.id,
            }
        )
        theirs = self.env["kam.visit"].create(
            {
                "partner_id": self.customer_a.id,
                "lead_id": lead.id,
                "user_id": self.seller_b.id,
                "company_id": self.company.id,
            }
        )
        competitor = self.customer("Rival Valves", kam_is_competitor=True)
        for model, vals in (
            ("kam.gift.request", {"visit_id": theirs.id}),
            ("kam.competitor.info", {"visit_id": theirs.id, "competitor_id": competitor.id}),
        ):
            with self.subTest(model=model):
                form = self.env[model].with_user(self.seller).with_company(self.company)
                result = form.onchange(vals, ["visit_id"], {"partner_id": {}, "visit_id": {}})
                changed = result["value"]
                self.assertFalse(changed.get("partner_id"), "whose customer it is stays unsaid")
                self.assertFalse(changed.get("lead_id"))
        # Their own visit fills the form in.
        mine = self.env["kam.visit"].create(
            {"partner_id": self.customer_a.id, "user_id": self.seller.id}
        )
        result = (
            self.env["kam.gift.request"]
            .with_user(self.seller)
            .onchange({"visit_id": mine.id}, ["visit_id"], {"partner_id": {}, "visit_id": {}})
        )
        self.assertEqual(result["value"]["partner_id"], self.customer_a.id)


@tagged("post_install", "-at_install")
class TestSystemFigures(IntegrityCase):
    FIGURES = {
        "revenue_12m": 1e9,
        "value_class": "a",
        "scored_date": "2026-01-01 00:00:00",
        "wallet_share": 0.9,
        "quadrant": "defend",
        "care_status": "ok",
        "next_visit_due": "2030-01-01",
        "last_visit_date": "2026-01-01",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Account = cls.env["kam.account"].with_company(cls.company)
        cls.account_a = cls.Account.create(
            {"partner_id": cls.customer_a.id, "manager_id": cls.seller.id}
        )
        cls.other = cls.customer("Fresh Customer", company_id=cls.company.id)

    def new_vals(self, **vals):
        return {"partner_id": self.other.id, "company_id": self.company.id, **vals}

    def test_reps_cannot_set_system_figures_on_create(self):
        Account = self.Account.with_user(self.seller)
        for name, value in self.FIGURES.items():
            with self.subTest(field=name):
                self.assert_refused(
                    AccessError,
                    "computed by the system",
                    lambda name=name, value=value: Account.create(self.new_vals(**{name: value})),
                    model="kam.account",
                )
        context = {"default_revenue_12m": 1e9, "default_care_status": "ok"}
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: Account.with_context(**context).create(self.new_vals()),
            model="kam.account",
        )
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: self.other.with_user(self.seller).write(
                {"kam_account_ids": [Command.create(self.new_vals(value_class="a"))]}
            ),
            model="kam.account",
        )
        result = Account.load(["partner_id/.id", "revenue_12m"], [[str(self.other.id), "1000000"]])
        self.assertFalse(result["ids"])
        self.assertIn("computed by the system", result["messages"][0]["message"])
        Account.create(self.new_vals(purchase_potential=100.0))  # the inputs are the rep's

    def test_reps_cannot_write_system_figures(self):
        as_seller = self.account_a.with_user(self.seller)
        names = [*self.FIGURES, "purchase_potential", "tier_id"]
        for name, value in self.FIGURES.items():
            with self.subTest(field=name):
                self.assert_refused(
                    AccessError,
                    "computed by the system",
                    # With an input in the same call: nothing of it is written.
                    lambda name=name, value=value: as_seller.write(
                        {"purchase_potential": 5.0, name: value}
                    ),
                    self.account_a,
                    names,
                )
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: self.customer_a.with_user(self.seller).write(
                {"kam_account_ids": [Command.update(self.account_a.id, {"care_status": "ok"})]}
            ),
            self.account_a,
            names,
        )
        self.assert_refused(
            AccessError,
            "Only key-account managers",
            lambda: as_seller.write({"tier_id": self.tier_strategic.id}),
            self.account_a,
            names,
        )

    def test_the_tier_is_set_by_hand_only_pinned_by_a_manager(self):
        as_manager = self.account_a.with_user(self.manager)
        self.assert_refused(
            UserError,
            "Pin the tier",
            lambda: as_manager.write({"tier_id": self.tier_strategic.id}),
            self.account_a,
            ["tier_id", "tier_locked"],
        )
        self.assert_refused(
            AccessError,
            "Only key-account managers",
            lambda: self.Account.with_user(self.seller).create(
                self.new_vals(tier_id=self.tier_key.id, tier_locked=True, tier_lock_reason="Board")
            ),
            model="kam.account",
        )
        self.assert_refused(
            UserError,
            "Pin the tier",
            lambda: self.Account.with_user(self.manager).create(
                self.new_vals(tier_id=self.tier_key.id)
            ),
            model="kam.account",
        )
        as_manager.write(
            {"tier_id": self.tier_strategic.id, "tier_locked": True, "tier_lock_reason": "Board"}
        )
        self.assertEqual(self.account_a.tier_id, self.tier_strategic)
        created = self.Account.with_user(self.manager).create(
            self.new_vals(tier_id=self.tier_key.id, tier_locked=True, tier_lock_reason="Board")
        )
        self.assertEqual(created.tier_id, self.tier_key)

    def test_the_system_still_writes_its_figures(self):
        self.order(self.customer_a, 100)
        self.retier()
        self.assertEqual(self.account_a.revenue_12m, 100)
        self.account_a.sudo().write({"care_status": "due"})
        self.assertEqual(self.account_a.care_status, "due")


@tagged("post_install", "-at_install")
class TestGiftFourEyes(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_b = new_test_user(
            cls.env,
            "kam_mgr_b",
            groups="key_account_management.group_kam_manager",
            company_id=cls.company.id,
        )
        cls.Request = cls.env["kam.gift.request"].with_company(cls.company)
        cls.recipient = cls.env["res.partner"].create(
            {"name": "Plant Manager Zhao", "parent_id": cls.customer_a.id}
        )

    def request(self, user, **vals):
        return self.Request.with_user(user).create(
            {
                "partner_id": self.customer_a.id,
                "recipient_id": self.recipient.id,
                "purpose": "Thank the plant manager",
                **vals,
            }
        )

    def test_nobody_approves_their_own_request(self):
        message = "you asked for it or prepared it, so someone else must decide it"
        own = self.request(self.manager, amount=100.0)
        own.action_submit()
        self.assert_refused(
            UserError,
            message,
            lambda: own.with_user(self.manager).action_approve(),
            own,
            ["state", "approver_id", "decision_date"],
        )
        # Nor one typed in for a rep.
        typed_in = self.request(self.manager, user_id=self.seller.id, amount=100.0)
        typed_in.action_submit()
        self.assert_refused(
            UserError,
            message,
            lambda: typed_in.with_user(self.manager).action_approve(),
            typed_in,
            ["state", "approver_id", "decision_date"],
        )
        (own | typed_in).with_user(self.manager_b).action_approve()
        self.assertEqual(own.approver_id, self.manager_b)

    def test_reps_cannot_skip_the_workflow_with_defaults(self):
        Request = self.Request.with_user(self.seller)
        vals = {"partner_id": self.customer_a.id, "purpose": "Dinner"}
        for context, message in (
            ({"default_state": "approved"}, "through its buttons only"),
            ({"default_approver_id": self.seller.id}, "through its buttons only"),
            ({"default_user_id": self.seller_b.id}, "in your own name"),
        ):
            with self.subTest(context=context):
                self.assert_refused(
                    AccessError,
                    message,
                    lambda context=context: Request.with_context(**context).create(vals),
                    model="kam.gift.request",
                )
        self.assert_refused(
            AccessError,
            "in your own name",
            lambda: Request.create({**vals, "user_id": self.seller_b.id}),
            model="kam.gift.request",
        )
        mine = Request.create(vals)
        self.assert_refused(
            AccessError,
            "in your own name",
            lambda: mine.write({"user_id": self.seller_b.id}),
            mine,
            ["user_id"],
        )


@tagged("post_install", "-at_install")
class TestAccountsStayTheirReps(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Account = cls.env["kam.account"].with_company(cls.company)
        cls.account = cls.Account.create(
            {"partner_id": cls.customer_a.id, "manager_id": cls.seller.id}
        )
        cls.other = cls.customer("Other Customer", company_id=cls.company.id)

    def test_a_rep_cannot_hand_over_or_move_an_account(self):
        account = self.account.with_user(self.seller)
        names = ["manager_id", "partner_id", "company_id"]
        for vals in (
            {"manager_id": self.seller_b.id},
            {"partner_id": self.other.id},
            {"partner_id": self.other.id, "manager_id": self.seller.id},
        ):
            with self.subTest(vals=vals):
                self.assert_refused(
                    AccessError,
                    "Only key-account managers can give an account",
                    lambda vals=vals: account.write(vals),
                    records=self.account,
                    names=names,
                )
        account.write({"manager_id": self.seller.id, "partner_id": self.customer_a.id})

    def test_a_rep_creates_accounts_for_themselves(self):
        Account = self.Account.with_user(self.seller)
        vals = {"partner_id": self.other.id, "company_id": self.company.id}
        self.assert_refused(
            AccessError,
            "Only key-account managers can give an account",
            lambda: Account.with_context(default_manager_id=self.seller_b.id).create(vals),
            model="kam.account",
        )
        self.assertEqual(Account.create(vals).manager_id, self.seller)


@tagged("post_install", "-at_install")
class TestStoredFiguresStayTheSystems(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Valves 2027",
                "type": "opportunity",
                "partner_id": cls.customer_a.id,
                "user_id": cls.seller.id,
                "company_id": cls.company.id,
            }
        )
        cls.account = cls.env["kam.account"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "manager_id": cls.seller.id,
            }
        )

    def test_a_rep_cannot_fake_the_1_2_1_coverage(self):
        lead = self.lead.with_user(self.seller)
        names = ["kam_coach_ok", "kam_formula_ok", "kam_formula_score", "kam_red_flag_codes"]
        for vals in (
            {"kam_formula_ok": True},
            {"kam_coach_ok": True, "kam_roles_won": 2},
            {"kam_red_flag_codes": ""},
        ):
            with self.subTest(vals=vals):
                self.assert_refused(
                    AccessError,
                    "computed by the system",
                    lambda vals=vals: lead.write(vals),
                    records=self.lead,
                    names=names,
                )
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: self.env["crm.lead"]
            .with_user(self.seller)
            .create({"name": "Faked", "type": "opportunity", "kam_formula_ok": True}),
            model="crm.lead",
        )

    def test_surveys_are_the_reps_own_and_their_score_the_systems(self):
        Survey = self.env["kam.satisfaction.survey"].with_user(self.seller)
        vals = {"account_id": self.account.id, "expectation": "3", "experience": "2"}
        for extra in ({"user_id": self.seller_b.id}, {"score": 5}):
            with self.subTest(extra=extra):
                self.assert_refused(
                    AccessError,
                    "own name|computed by the system",
                    lambda extra=extra: Survey.create({**vals, **extra}),
                    model="kam.satisfaction.survey",
                )
        survey = Survey.create(vals)
        self.assertEqual((survey.user_id, survey.score), (self.seller, -1))
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: survey.write({"score": 4}),
            records=survey,
            names=["score"],
        )
