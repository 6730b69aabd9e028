from odoo.addons.b2b_base.tests.common import ClickEverywhereCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestChannelCreditClickEverywhere(ClickEverywhereCase):
    """Every menu, view and filter of Sales, Credit included, opens for the administrator and
    for each role of the demo (salesperson, Credit Manager, credit director)."""

    def test_as_admin(self):
        self.click_everywhere("sale.sale_menu_root", "admin")

    def test_as_salesperson(self):
        self.click_everywhere("sale.sale_menu_root", "sales")

    def test_as_credit_manager(self):
        self.click_everywhere("sale.sale_menu_root", "credit")

    def test_as_director(self):
        self.click_everywhere("sale.sale_menu_root", "director")
