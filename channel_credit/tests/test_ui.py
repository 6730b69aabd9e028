from odoo.http import root
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestChannelCreditUi(HttpCase):
    """What a person clicks, in the web client, on the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Parse every addon manifest now, in this thread: done lazily by the first static
        # request, it races other server threads' compile() on CPython 3.11 ("AST constructor
        # recursion depth mismatch") and fails a tour at random.
        assert root.statics, "no addon static folders found"

    def test_credit_tab_explains_the_exposure(self):
        self.start_tour(
            "/odoo/action-channel_credit.res_partner_distributor_action",
            "channel_credit_partner_tour",
            login="admin",
        )

    def test_blocked_quotation_says_why(self):
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "channel_credit_block_tour",
            login="admin",
        )
        order = self.env.ref("channel_credit.sale_order_demo_terminal")
        self.assertEqual(order.state, "draft")
