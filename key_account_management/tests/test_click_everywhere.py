from odoo.addons.b2b_base.tests.common import ClickEverywhereCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestKeyAccountClickEverywhere(ClickEverywhereCase):
    """Every menu, view and filter of Key Accounts opens, for the administrator and for each
    role of the demo (the rep and the key-account manager)."""

    def test_as_admin(self):
        self.click_everywhere("key_account_management.key_account_menu_root", "admin")

    def test_as_rep(self):
        self.click_everywhere("key_account_management.key_account_menu_root", "rep")

    def test_as_key_account_manager(self):
        self.click_everywhere("key_account_management.key_account_menu_root", "kam")
