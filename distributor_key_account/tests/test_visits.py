"""A distributor's visits are Key Accounts' visits: the agreement and the representative's
week show the last and the next one on the reader's day, and a visit is planned from the
agreement through the visit log's own form and rules."""

from datetime import date, time, timedelta

from odoo.addons.distributor_management.tests.common import DistributorCase
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDistributorVisits(DistributorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = (
            "distributor_management.group_distributor_user,key_account_management.group_kam_user"
        )
        cls.visitor = new_test_user(cls.env, "dm_visitor", groups=groups)
        cls.colleague = new_test_user(cls.env, "dm_colleague", groups=groups)
        cls.contract = cls.agreement([(cls.nanjing, True)], user=cls.visitor)
        cls.contract.with_user(cls.visitor).action_submit()
        cls.contract.with_user(cls.manager).action_approve()
        cls.partner = cls.contract.partner_id

    def visit(self, user, at, done=False):
        vals = {
            "partner_id": self.partner.id,
            "user_id": user.id,
            "date_planned": at,
        }
        if done:
            day = at.date()
            vals.update(
                state="done",
                date_done=at,
                summary="Stock and next quarter's target.",
                outcome="advance",
                next_step="Send the price list",
                next_step_date=day + timedelta(days=3),
            )
        return self.env["kam.visit"].create(vals)

    def test_last_and_next_visit_on_the_readers_day(self):
        # A colleague's visit late in the evening, the next one just after midnight: the days
        # are the reader's, not UTC's.
        self.visit(self.colleague, self.local_instant(date(2026, 12, 1), time(23, 30)), done=True)
        self.visit(self.colleague, self.local_instant(date(2026, 11, 2)), done=True)
        self.visit(self.visitor, self.local_instant(date(2026, 12, 8), time(0, 30)))
        other = self.distributor("Other Valves")
        self.env["kam.visit"].create({"partner_id": other.id, "user_id": self.visitor.id})
        mine = self.contract.with_user(self.visitor)
        self.assertEqual(
            (mine.last_visit_date, mine.next_visit_date, mine.visit_count),
            (date(2026, 12, 1), date(2026, 12, 8), 2),
        )
        # In My Week's list, on the phone too.
        week = self.env.ref("distributor_management.distributor_agreement_view_list_week")
        arch = mine.get_view(week.id, "list")["arch"]
        self.assertIn('name="last_visit_date"', arch)
        # The dates are the agreement's; the visits keep their own rules: the colleague's are
        # not the representative's to read.
        action = mine.action_view_visits()
        visits = self.env["kam.visit"].with_user(self.visitor).search(action["domain"])
        self.assertEqual(visits.user_id, self.visitor)

    def test_a_draft_shows_no_visits(self):
        """Anyone may draft an agreement for any customer: a draft shows none of its visits."""
        customer = self.distributor("Key Account Customer")
        self.env["kam.visit"].create(
            {"partner_id": customer.id, "user_id": self.colleague.id, "date_planned": "2026-05-04"}
        )
        draft = self.agreement([(self.suzhou, False)], user=self.visitor, partner_id=customer.id)
        row = draft.with_user(self.visitor).read(["next_visit_date", "visit_count"])[0]
        self.assertEqual((row["next_visit_date"], row["visit_count"]), (False, 0))

    def test_a_visit_planned_from_the_agreement(self):
        action = self.contract.with_user(self.visitor).action_plan_visit()
        Visit = self.env["kam.visit"].with_user(self.visitor).with_context(**action["context"])
        with Form(Visit) as form:
            form.purpose = "Review the overstock of DN50 valves."
        visit = form.record
        self.assertEqual(
            (visit.partner_id, visit.user_id, visit.company_id, visit.state),
            (self.partner, self.visitor, self.contract.company_id, "planned"),
        )
        self.assertEqual(self.contract.with_user(self.visitor).visit_count, 0, "not done yet")

    def test_a_representative_without_key_accounts(self):
        # Without Key Accounts' rights the dates still read; planning one is refused by the
        # visit log itself.
        contract = self.agreement([(self.suzhou, False)])
        contract.with_user(self.rep).action_submit()
        contract.with_user(self.manager).action_approve()
        self.assertFalse(contract.with_user(self.rep).last_visit_date)
        action = contract.with_user(self.rep).action_plan_visit()
        self.assert_refused(
            AccessError,
            None,
            lambda: self.env["kam.visit"]
            .with_user(self.rep)
            .with_context(**action["context"])
            .create({}),
            model="kam.visit",
        )
