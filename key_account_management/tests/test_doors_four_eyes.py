"""Four eyes (b2b.approval.mixin): nobody approves a gift or reception request they asked for
or typed in, tried as the lowest role that decides one (a key-account manager): the refusal
names the request and changes nothing, and another key-account manager approves it."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import IntegrityCase

OWN = "you asked for it or prepared it, so someone else must decide it"
DECISION = ["state", "approver_id", "first_approver_id", "decision_date"]


@tagged("post_install", "-at_install")
class TestFourEyesDoors(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.kam_gift_second_approval = 0.0
        cls.other_manager = new_test_user(
            cls.env,
            "kam_four_eyes_mgr",
            groups="key_account_management.group_kam_manager",
            company_id=cls.company.id,
        )

    def submitted(self, creator, **vals):
        request = (
            self.env["kam.gift.request"]
            .with_user(creator)
            .create(
                {
                    "partner_id": self.customer_a.id,
                    "company_id": self.company.id,
                    "recipient_id": self.buyer.id,
                    "amount": 800.0,
                    "purpose": "Mid-autumn mooncakes",
                    **vals,
                }
            )
        )
        request.with_user(creator).action_submit()
        return request.with_user(self.env.user)

    def test_a_manager_does_not_approve_a_request_they_asked_for_or_typed_in(self):
        own = self.submitted(self.manager)
        typed_in = self.submitted(self.manager, user_id=self.rep.id)
        for request in own | typed_in:
            self.assert_refused(
                UserError,
                OWN,
                lambda r=request: r.with_user(self.manager).action_approve(),
                request,
                DECISION,
            )
            with self.assertRaises(UserError) as caught:
                request.with_user(self.manager).action_approve()
            self.assertIn(request.name, str(caught.exception))
            self.assertEqual(request.state, "submitted")
        (own | typed_in).with_user(self.other_manager).action_approve()
        self.assertEqual(
            (own | typed_in).mapped(lambda r: (r.state, r.approver_id)),
            [("approved", self.other_manager)] * 2,
        )

    def test_the_second_approval_is_not_the_requesters_either(self):
        self.company.kam_gift_second_approval = 500.0
        request = self.submitted(self.manager)
        self.assert_refused(
            UserError,
            OWN,
            lambda: request.with_user(self.manager).action_approve(),
            request,
            DECISION,
        )
        request.with_user(self.other_manager).action_approve()
        self.assertEqual(
            (request.state, request.first_approver_id), ("submitted", self.other_manager)
        )
        third = new_test_user(
            self.env,
            "kam_four_eyes_mgr3",
            groups="key_account_management.group_kam_manager",
            company_id=self.company.id,
        )
        request.with_user(third).action_approve()
        self.assertEqual((request.state, request.approver_id), ("approved", third))
