from odoo.tests import TransactionCase, new_test_user


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
