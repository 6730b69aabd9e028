from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import KamCase


@tagged("post_install", "-at_install")
class TestGiftRequest(KamCase):
    """Gift and reception requests: reps ask, stating the value and the recipient (the
    training's request form); key-account managers decide within the tier's yearly budget, two
    of them above the company's amount, and nobody approves their own request."""

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
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Plant Manager Wang", "parent_id": cls.customer_a.id}
        )
        cls.company.kam_gift_second_approval = 0.0
        cls.manager_b = new_test_user(
            cls.env,
            "kam_mgr_b",
            groups="key_account_management.group_kam_manager",
            company_id=cls.company.id,
        )

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
        request = self.request(amount=amount, recipient_id=self.buyer.id, **vals)
        request.action_submit()
        return request

    def test_rep_requests_manager_approves(self):
        # Through the form, as the rep whose menu shows "New".
        with Form(self.Request.with_user(self.rep)) as form:
            form.partner_id = self.customer_a
            form.request_type = "reception"
            form.guest_count = 4
            form.recipient_id = self.buyer
            form.amount = 2500.0
            form.purpose = "Thank the plant manager for the site audit"
        request = form.record
        self.assertTrue(request.name.startswith("GR/"))
        request.with_user(self.rep).action_submit()
        self.assertEqual((request.state, request.tier_id), ("submitted", self.tier_key))
        as_manager = request.with_user(self.manager)
        as_manager.action_approve()
        self.assertEqual(
            (request.state, request.approver_id, request.decision_date.year),
            ("approved", self.manager, date.today().year),
        )
        self.assertEqual(self.tier_key.gift_approved, 2500.0)
        self.assertEqual(self.tier_key.gift_remaining, 7500.0)
        self.assertEqual(as_manager.tier_remaining, 7500.0)

    def test_applicant_states_value_and_recipient(self):
        request = self.request()
        with self.assertRaisesRegex(UserError, "its value and its recipient before submitting"):
            request.with_user(self.rep).action_submit()
        request.with_user(self.rep).amount = 800.0
        with self.assertRaisesRegex(UserError, "its recipient before submitting"):
            request.with_user(self.rep).action_submit()
        self.assertEqual(request.state, "draft")
        request.with_user(self.rep).recipient_id = self.buyer
        request.with_user(self.rep).action_submit()
        self.assertEqual(request.with_user(self.rep).amount, 800.0)
        # The tier's budget stays the managers' figure.
        with self.assertRaises(AccessError):
            self.tier_key.with_user(self.rep).read(["gift_budget"])
        # What is approved is what was asked, for the managers too.
        for vals in (
            {"amount": 100.0},
            {"recipient_id": False},
            {"partner_id": self.customer_a.id},
        ):
            with self.assertRaisesRegex(UserError, "no longer change"):
                request.with_user(self.manager).write(vals)
        self.assertEqual((request.amount, request.recipient_id), (800.0, self.buyer))

    def test_the_recipient_is_a_person_of_the_customer(self):
        request = self.request(recipient_id=self.buyer.id)
        stranger = self.env["res.partner"].create(
            {"name": "Buyer of Another Co", "parent_id": self.customer("Another Co").id}
        )
        for bad in (stranger, self.customer_a):
            with self.assertRaisesRegex(ValidationError, "is not a person of Gift Customer"):
                request.with_user(self.rep).recipient_id = bad
            self.assertEqual(request.recipient_id, self.buyer)
        with self.assertRaisesRegex(ValidationError, "is not a person of Gift Customer"):
            self.request(recipient_id=stranger.id)
        self.assertEqual(self.Request.search_count([("recipient_id", "=", stranger.id)]), 0)

    def test_second_approval_above_the_company_amount(self):
        self.company.kam_gift_second_approval = 5000.0
        self.tier_key.gift_budget = 20000.0
        at = self.submitted(5000.0)
        at.with_user(self.manager).action_approve()  # at the amount: one approval
        self.assertEqual(at.state, "approved")
        above = self.submitted(5000.01)
        above.with_user(self.manager).action_approve()
        self.assertEqual((above.state, above.first_approver_id), ("submitted", self.manager))
        with self.assertRaisesRegex(UserError, "another key-account manager gives the second"):
            above.with_user(self.manager).action_approve()
        self.assertEqual(above.state, "submitted")
        above.with_user(self.manager_b).action_approve()
        self.assertEqual(
            (above.state, above.first_approver_id, above.approver_id),
            ("approved", self.manager, self.manager_b),
        )

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
        request = self.request(request_type="reception", amount=500.0)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.cr.savepoint():
            request.with_user(self.rep).amount = -1.0
        self.assertEqual(request.amount, 500.0)
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
        request.with_user(self.manager).action_reject()
        self.assertEqual(request.state, "rejected")
        with self.assertRaisesRegex(UserError, "decided request cannot be cancelled"):
            as_rep.action_cancel()
        as_rep.action_draft()
        self.assertEqual((request.state, request.approver_id.id), ("draft", False))

    def test_decided_requests_are_frozen(self):
        request = self.submitted(300.0)
        request.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "decided request can no longer be changed"):
            request.with_user(self.manager).purpose = "Another reason"
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
