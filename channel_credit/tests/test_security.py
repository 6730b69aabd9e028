from odoo.tests import TransactionCase, new_test_user, tagged

from .common import CreditCase


class TestChannelCreditSecurity(TransactionCase):
    def test_groups_and_their_hierarchy(self):
        user_group = self.env.ref("channel_credit.group_channel_credit_user")
        manager_group = self.env.ref("channel_credit.group_channel_credit_manager")
        self.assertEqual(user_group.full_name, "Channel Credit / User")
        self.assertEqual(manager_group.full_name, "Channel Credit / Credit Manager")
        self.assertIn(user_group, manager_group.implied_ids)

    def test_sales_managers_are_not_credit_managers(self):
        rep = new_test_user(self.env, login="cc_rep", groups="sales_team.group_sale_salesman")
        boss = new_test_user(self.env, login="cc_boss", groups="sales_team.group_sale_manager")
        self.assertTrue(rep.has_group("channel_credit.group_channel_credit_user"))
        self.assertFalse(boss.has_group("channel_credit.group_channel_credit_manager"))
        self.assertTrue(
            self.env.ref("base.user_admin").has_group("channel_credit.group_channel_credit_manager")
        )

    def test_credit_menu_under_sales(self):
        menu = self.env.ref("channel_credit.channel_credit_menu_root")
        self.assertEqual(menu.parent_id, self.env.ref("sale.sale_menu_root"))
        self.assertEqual(menu.name, "Credit")
        rep = new_test_user(self.env, login="cc_rep2", groups="sales_team.group_sale_salesman")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(rep)._visible_menu_ids())


@tagged("post_install", "-at_install")
class TestRecordRules(CreditCase):
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
