from odoo.tests import TransactionCase, new_test_user


class TestKeyAccountSecurity(TransactionCase):
    def test_groups_and_their_hierarchy(self):
        user_group = self.env.ref("key_account_management.group_kam_user")
        manager_group = self.env.ref("key_account_management.group_kam_manager")
        self.assertEqual(user_group.full_name, "Key Accounts / User: own accounts")
        self.assertEqual(manager_group.full_name, "Key Accounts / Manager")
        self.assertIn(user_group, manager_group.implied_ids)

    def test_salespeople_get_key_account_access(self):
        rep = new_test_user(self.env, login="kam_rep", groups="sales_team.group_sale_salesman")
        boss = new_test_user(self.env, login="kam_boss", groups="sales_team.group_sale_manager")
        self.assertTrue(rep.has_group("key_account_management.group_kam_user"))
        self.assertFalse(rep.has_group("key_account_management.group_kam_manager"))
        self.assertTrue(boss.has_group("key_account_management.group_kam_manager"))

    def test_top_level_menu_is_visible_to_reps_only(self):
        root = self.env.ref("key_account_management.key_account_menu_root")
        self.assertFalse(root.parent_id)
        self.assertEqual(root.name, "Key Accounts")
        # Sub-menus without entries yet are hidden by search() unless the full list is asked.
        menus = self.env["ir.ui.menu"].with_context(**{"ir.ui.menu.full_list": True})
        children = menus.search([("parent_id", "=", root.id)])
        self.assertEqual(
            set(children.mapped("name")),
            {"Accounts", "Deals", "Visits", "Reporting", "Configuration"},
        )
        rep = new_test_user(self.env, login="kam_rep2", groups="sales_team.group_sale_salesman")
        outsider = new_test_user(self.env, login="kam_outsider", groups="base.group_user")
        self.assertIn(root.id, self.env["ir.ui.menu"].with_user(rep)._visible_menu_ids())
        self.assertNotIn(root.id, self.env["ir.ui.menu"].with_user(outsider)._visible_menu_ids())
