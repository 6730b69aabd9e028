from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import KamCase


@tagged("post_install", "-at_install")
class TestGiftRequest(KamCase):
    """Gift and reception requests: reps ask, key-account managers decide within the tier's
    yearly budget, and only managers see amounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a = cls.customer("Gift Customer")
        account = cls.env["kam.account"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "manager_id": cls.rep.id,
            }
        )
        account.tier_id = cls.tier_key
        cls.tier_key.gift_budget = 10000.0
        cls.Request = cls.env["kam.gift.request"].with_company(cls.company)

    def request(self, user=None, **vals):
        return self.Request.with_user(user or self.rep).create(
            {
                "partner_id": self.customer_a.id,
                "company_id": self.company.id,
                "purpose": "Thank the plant manager for the site audit",
                **vals,
            }
        )

    def submitted(self, amount, **vals):
        request = self.request(**vals)
        request.action_submit()
        request.with_user(self.manager).amount = amount
        return request

    def test_rep_requests_manager_approves(self):
        request = self.request(request_type="reception", guest_count=4)
        self.assertTrue(request.name.startswith("GR/"))
        request.action_submit()
        self.assertEqual((request.state, request.tier_id), ("submitted", self.tier_key))
        as_manager = request.with_user(self.manager)
        as_manager.amount = 2500.0
        as_manager.action_approve()
        self.assertEqual(
            (request.state, request.approver_id, request.decision_date.year),
            ("approved", self.manager, date.today().year),
        )
        self.assertEqual(self.tier_key.gift_approved, 2500.0)
        self.assertEqual(self.tier_key.gift_remaining, 7500.0)
        self.assertEqual(as_manager.tier_remaining, 7500.0)

    def test_amounts_are_for_managers_only(self):
        request = self.request()
        with self.assertRaises(AccessError):
            request.with_user(self.rep).read(["amount"])
        with self.assertRaises(AccessError):
            self.tier_key.with_user(self.rep).read(["gift_budget"])
        with self.assertRaises(AccessError):
            self.request(amount=100.0)
        self.assertNotIn("amount", request.with_user(self.rep).fields_get())

    def test_budget_boundary(self):
        first = self.submitted(6000.0)
        first.with_user(self.manager).action_approve()
        exact = self.submitted(4000.0)
        exact.with_user(self.manager).action_approve()  # exactly what is left
        self.assertEqual(self.tier_key.gift_remaining, 0.0)
        over = self.submitted(0.01)
        with self.assertRaisesRegex(UserError, "exceed the yearly budget of tier Key"):
            over.with_user(self.manager).action_approve()
        self.assertEqual(over.state, "submitted")
        self.tier_key.gift_budget = 0.0  # no budget: no limit
        over.with_user(self.manager).action_approve()
        self.assertEqual(over.state, "approved")
        # ... and nothing "left" of it, never a negative budget left.
        self.tier_key.invalidate_recordset()
        self.assertEqual((self.tier_key.gift_approved, self.tier_key.gift_remaining), (10000.01, 0))
        self.assertEqual(over.with_user(self.manager).tier_remaining, 0)

    def test_budget_is_yearly(self):
        last_year = self.submitted(9000.0)
        last_year.with_user(self.manager).action_approve()
        last_year.sudo().decision_date = date(date.today().year - 1, 12, 31)
        self.assertEqual(self.tier_key.gift_approved, 0.0)
        this_year = self.submitted(10000.0)
        this_year.with_user(self.manager).action_approve()
        self.assertEqual(this_year.state, "approved")

    def test_bad_amounts(self):
        request = self.submitted(500.0, request_type="reception")
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.cr.savepoint():
            request.with_user(self.manager).amount = -1.0
        self.assertEqual(request.sudo().amount, 500.0)
        request.with_user(self.manager).amount = 0.0
        with self.assertRaisesRegex(UserError, "its amount before approving"):
            request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "submitted")
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.request(user=self.manager, request_type="reception", amount=-200.0)
        with self.assertRaisesRegex(ValidationError, "guests cannot be negative"):
            self.request(guest_count=-1)
        with self.assertRaisesRegex(ValidationError, "budget cannot be negative"):
            self.tier_key.gift_budget = -1.0

    def test_reps_cannot_decide_or_skip_the_workflow(self):
        request = self.submitted(300.0)
        as_rep = request.with_user(self.rep)
        with self.assertRaisesRegex(AccessError, "Only key-account managers"):
            as_rep.action_approve()
        with self.assertRaisesRegex(AccessError, "through its buttons"):
            as_rep.write({"state": "approved"})
        with self.assertRaisesRegex(AccessError, "through its buttons"):
            request.with_user(self.manager).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "submitted request can no longer be changed"):
            as_rep.purpose = "Something else"
        self.assertEqual(request.state, "submitted")
        request.with_user(self.manager).action_refuse()
        with self.assertRaisesRegex(UserError, "decided request cannot be cancelled"):
            as_rep.action_cancel()
        as_rep.action_draft()
        self.assertEqual((request.state, request.approver_id.id), ("draft", False))

    def test_decided_requests_are_frozen(self):
        request = self.submitted(300.0)
        request.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "decided request can no longer be changed"):
            request.with_user(self.manager).amount = 5000.0
        with self.assertRaisesRegex(UserError, "Only a submitted request"):
            request.with_user(self.manager).action_approve()

    def test_reps_see_their_own_requests(self):
        mine = self.request()
        theirs = self.request(user=self.rep_b)
        found = self.Request.with_user(self.rep).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(found, mine)
        found = self.Request.with_user(self.manager).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(found, mine | theirs)

    def test_visit_must_be_with_the_customer(self):
        other = self.customer("Other Co")
        visit = self.env["kam.visit"].create(
            {"partner_id": other.id, "company_id": self.company.id}
        )
        with self.assertRaisesRegex(ValidationError, "with another customer"):
            self.request(visit_id=visit.id)
