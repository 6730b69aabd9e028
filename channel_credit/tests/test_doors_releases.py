"""Releases: asked by the salesperson of the order, decided only by another Credit Manager,
valid only for their own order, payer and company, and only while the situation is the one
its approver saw.

Who can write what a release reads or is: the order's salesperson (the order, the request and
its reason), Credit Managers (the decision), portal customers and jobs confirming as the
system (a request on the salesperson's behalf); each tried here as that role."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestReleaseDoors(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.distributor(100, "approval")
        cls.Release = cls.env["channel.credit.release"]
        cls.other_seller = new_test_user(
            cls.env, "cc_other_seller", groups="sales_team.group_sale_salesman"
        )
        cls.second_manager = new_test_user(
            cls.env,
            "cc_manager2",
            groups="sales_team.group_sale_salesman,channel_credit.group_channel_credit_manager",
        )

    def assertNoNewRelease(self, call, exception=AccessError):
        self.assert_refused(exception, None, call, model=self.Release._name)

    def test_a_salesperson_cannot_create_a_decided_release(self):
        order = self.order(self.partner, 150)
        Release = self.Release.with_user(self.seller)
        for vals in (
            {"state": "approved"},
            {"approver_id": self.credit_manager.id},
            {"decision_date": "2026-01-01 00:00:00"},
            {"amount": 10**6},
            {"partner_id": self.seller.partner_id.id},
        ):
            self.assertNoNewRelease(lambda v=vals: Release.create({"order_id": order.id, **v}))
        self.assertNoNewRelease(
            lambda: order.with_user(self.seller).write(
                {"channel_release_ids": [Command.create({"state": "approved"})]}
            )
        )

    def test_a_request_by_hand_gets_the_systems_figures(self):
        order = self.order(self.partner, 150)
        Release = self.Release.with_user(self.seller).with_context(
            default_state="approved",
            default_approver_id=self.credit_manager.id,
            default_amount=10**6,
        )
        release = Release.create({"order_id": order.id, "reason": "Season"})
        self.assertEqual(
            (release.state, release.approver_id, release.amount, release.partner_id),
            ("submitted", self.env["res.users"], 150, self.partner),
        )
        self.assertEqual((release.requester_id, release.reason), (self.seller, "Season"))

    def test_a_users_ir_default_decides_nothing(self):
        self.env["ir.default"].with_user(self.seller).set(
            "channel.credit.release", "state", "approved", user_id=True
        )
        order = self.order(self.partner, 150)
        release = self.request_release(order, self.seller)
        self.assertEqual(release.state, "submitted")
        self.assertEqual(order.state, "draft")

    def test_only_for_orders_one_may_write(self):
        order = self.order(self.partner, 150, user=self.other_seller)
        self.assertNoNewRelease(
            lambda: self.Release.with_user(self.seller).create({"order_id": order.id})
        )

    def test_the_decision_is_the_managers(self):
        order = self.order(self.partner, 150)
        release = self.request_release(order, self.seller)
        for vals in ({"decision_date": "2026-01-01 00:00:00"}, {"state": "approved"}):
            with self.assertRaises(AccessError):
                release.with_user(self.seller).write(vals)
            with self.assertRaises(AccessError):
                order.with_user(self.seller).write(
                    {"channel_release_ids": [Command.update(release.id, vals)]}
                )
        release.invalidate_recordset()
        self.assertEqual((release.state, release.decision_date), ("submitted", False))

    def test_nobody_approves_their_own_request(self):
        order = self.order(self.partner, 150, user=self.credit_manager)
        release = self.request_release(order, self.credit_manager)
        self.assertEqual(release.requester_id, self.credit_manager)
        with self.assertRaisesRegex(UserError, "you asked for it or prepared it"):
            release.with_user(self.credit_manager).action_approve()
        self.assertEqual(release.state, "submitted")
        release.with_user(self.second_manager).action_approve()
        self.assertEqual(release.state, "approved")

    def test_a_release_covers_only_its_order_payer_and_company(self):
        order = self.order(self.partner, 150)
        release = self.request_release(order, self.seller)
        release.with_user(self.credit_manager).action_approve()
        # Moved to another payer (a Credit Manager's correction): it covers nothing there.
        other = self.distributor(100, "approval")
        release.sudo().partner_id = other
        self.assertEqual(
            order.with_user(self.seller).action_confirm()["res_model"], "channel.credit.release"
        )
        self.assertEqual(order.state, "draft")
        release.sudo().partner_id = self.partner
        order.with_user(self.seller).action_confirm()
        self.assertEqual((order.state, release.state), ("sale", "used"))

    def test_a_portal_request_is_the_salespersons(self):
        portal = self.env["res.users"].create(
            {
                "name": "Portal Buyer",
                "login": "cc_portal2",
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        order = self.order(self.partner, 150, user=self.credit_manager)
        action = order.with_user(portal).sudo().action_confirm()
        release = self.Release.browse(action["res_id"])
        self.assertEqual(release.requester_id, self.credit_manager)
        with self.assertRaisesRegex(UserError, "you asked for it or prepared it"):
            release.with_user(self.credit_manager).action_approve()

    def test_a_release_covers_the_situation_its_approver_saw(self):
        """Two 600,000 orders of a distributor with an 800,000 limit and 300,000 owed: each
        approver saw 900,000 with the order; once the first is confirmed the second would make
        1,500,000, so it asks again, with the new figure."""
        partner = self.distributor(800000, "approval")
        self.invoice(partner, 300000)
        first, second = self.order(partner, 600000), self.order(partner, 600000)
        releases = [self.request_release(order, self.seller) for order in (first, second)]
        for release in releases:
            self.assertEqual(release.exposure, 900000)
            release.with_user(self.credit_manager).action_approve()
        first.with_user(self.seller).action_confirm()
        self.assertEqual((first.state, releases[0].state), ("sale", "used"))
        action = second.with_user(self.seller).action_confirm()
        self.assertEqual(action["res_model"], "channel.credit.release")
        self.assertEqual((second.state, releases[1].state), ("draft", "approved"))
        again = self.request_release(second, self.seller)
        self.assertEqual(again.exposure, 1500000)
        self.assertNotEqual(again, releases[1])
        # Nor around it by writing the state: the gate refuses with the figure.
        with self.assertRaisesRegex(UserError, "Exposure with this order: .*1,500,000"):
            second.with_user(self.seller).write({"state": "sale"})
        self.assertEqual(second.state, "draft")

    def test_a_credit_managers_own_request_goes_to_another(self):
        order = self.order(self.partner, 150, user=self.credit_manager)
        release = self.request_release(order, self.credit_manager)
        decider = release.decider_id
        self.assertNotEqual(decider, self.credit_manager)
        self.assertTrue(decider.has_group("channel_credit.group_channel_credit_manager"))
        self.assertEqual(release.activity_ids.user_id, decider)
        order.invalidate_recordset()
        self.assertIn(decider.name, order.with_user(self.credit_manager).channel_credit_summary)
        with self.assertRaisesRegex(UserError, "you asked for it or prepared it"):
            release.with_user(self.credit_manager).action_approve()
        release.with_user(decider).action_approve()
        self.assertEqual(release.state, "approved")
        # A salesperson's request goes to the company's Credit Manager, as named.
        other = self.request_release(self.order(self.partner, 150), self.seller)
        self.assertEqual(other.decider_id, self.credit_manager)

    def test_without_a_second_credit_manager_a_director_then_nobody(self):
        self.second_manager.groups_id -= self.env.ref("channel_credit.group_channel_credit_manager")
        self.env.ref("channel_credit.group_channel_credit_manager").users.filtered(
            lambda u: u not in (self.credit_manager, self.env.ref("base.user_root"))
        ).write({"active": False})
        director = new_test_user(
            self.env, "cc_director2", groups="channel_credit.group_channel_credit_director"
        )
        order = self.order(self.partner, 150, user=self.credit_manager)
        release = self.request_release(order, self.credit_manager)
        self.assertEqual(release.decider_id, director)
        director.active = False
        order = self.order(self.partner, 150, user=self.credit_manager)
        count = self.Release.search_count([])
        with self.assertRaisesRegex(UserError, "another Credit Manager"):
            self.request_release(order, self.credit_manager)
        self.assertEqual(self.Release.search_count([]), count)
