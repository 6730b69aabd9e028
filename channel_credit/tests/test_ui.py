from odoo import Command
from odoo.http import root
from odoo.tests import HttpCase, new_test_user, tagged


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
        self.assertEqual((release.state, release.reason), ("submitted", "旺季备货，十五天内付款"))
        self.assertEqual(order.state, "draft")

    def _quotation_needing_approval(self, salesperson):
        partner = self.env.ref("channel_credit.partner_demo_wholesale")
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": salesperson.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.env.ref("product.product_product_4").id,
                            "product_uom_qty": 1,
                            "price_unit": 10**7,
                        }
                    ),
                ],
            }
        )

    def test_a_credit_managers_own_request_goes_to_another(self):
        # Four eyes in the browser: the Credit Manager asks, a second Credit Manager decides.
        other = new_test_user(
            self.env,
            "credit_2",
            name="赵敏",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads,"
            "channel_credit.group_channel_credit_manager",
        )
        credit = self.env.ref("channel_credit.user_demo_credit_manager")
        order = self._quotation_needing_approval(credit)
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "channel_credit_own_release_tour",
            login="credit",
        )
        release = order.channel_release_ids
        self.assertEqual((release.state, release.requester_id), ("submitted", credit))
        self.assertEqual(release.decider_id, other)
        self.assertEqual(release.activity_ids.user_id, other)

    def test_a_temporary_increase_through_the_whole_chain(self):
        # Created by the salesperson on a phone, decided by each level of the chain: the
        # Sales Manager, the Credit Manager at his desk and the director on his phone.
        partner = self.env.ref("channel_credit.partner_demo_rongda")
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-channel_credit.channel_credit_review_action",
            "channel_credit_temp_increase_tour",
            login="sales",
        )
        review = self.env["channel.credit.review"].search(
            [("partner_id", "=", partner.id), ("kind", "=", "temporary")]
        )
        self.assertEqual(review.reviewer_id.login, "sales")
        self.assertEqual((review.state, review.temp_limit), ("submitted", 400000))
        self.assertEqual(review.approval_amount, 600000)
        self.assertEqual(len(review.approval_ids), 3)
        for login, phone in (("admin", False), ("credit", False), ("director", True)):
            self.browser_size = "375x667" if phone else "1440x900"
            self.touch_enabled = phone
            self.start_tour(
                f"/odoo/action-channel_credit.channel_credit_review_action/{review.id}",
                "channel_credit_temp_decide_tour",
                login=login,
            )
        self.assertEqual(review.state, "approved")
        self.assertEqual(
            review.approval_ids.user_id.mapped("login"), ["admin", "credit", "director"]
        )
        self.assertEqual(partner.channel_temp_limit, 400000)
