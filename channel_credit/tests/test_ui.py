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

    def test_distributors_on_a_phone(self):
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-channel_credit.res_partner_distributor_action",
            "channel_credit_phone_tour",
            login="admin",
        )

    def test_a_quotation_asks_for_credit_approval(self):
        partner = self.env.ref("channel_credit.partner_demo_wholesale")
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.env.ref("product.product_product_4").id,
                            "product_uom_qty": 1,
                            "price_unit": 10**7,
                        },
                    ),
                ],
            }
        )
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "channel_credit_approval_tour",
            login="admin",
        )
        release = order.channel_release_ids
        self.assertEqual((release.state, release.reason), ("requested", "旺季备货，十五天内付款"))
        self.assertEqual(order.state, "draft")
