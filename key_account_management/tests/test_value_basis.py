"""Value measured as the training says: 80/20 on gross margin or revenue, importance on its
own, and the tier set on the partner by key-account managers only."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import IntegrityCase


@tagged("post_install", "-at_install")
class TestValueBasis(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"kam_class_a_threshold": 0.5, "kam_class_b_threshold": 0.8})
        # Changing a customer's card takes contact rights: these users sell too.
        sells = "sales_team.group_sale_salesman,"
        cls.kam_rep = new_test_user(
            cls.env,
            "value_rep",
            groups=sells + "key_account_management.group_kam_user",
            company_id=cls.company.id,
        )
        cls.kam_boss = new_test_user(
            cls.env,
            "value_boss",
            groups=sells + "key_account_management.group_kam_manager",
            company_id=cls.company.id,
        )
        cls.cheap = cls.env["product.product"].create({"name": "Resin", "standard_price": 90.0})
        cls.dear = cls.env["product.product"].create({"name": "Sensor", "standard_price": 20.0})
        # Turnover: 1,000 at a 10% margin. Profit: 500 at an 80% margin.
        cls.turnover = cls.customer("Turnover Trading")
        cls.profit = cls.customer("Profit Engineering")
        cls.sell(cls.turnover, cls.cheap, 10, 100.0)
        cls.sell(cls.profit, cls.dear, 5, 100.0)

    @classmethod
    def sell(cls, partner, product, qty, price, uom=None, company=None):
        company = company or cls.company
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                                "tax_id": False,
                                **({"product_uom": uom.id} if uom else {}),
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        return order

    def figures(self, partner):
        account = self.account(partner)
        return account.revenue_12m, account.margin_12m, account.value_class

    def test_a_new_company_ranks_by_profit(self):
        # Both training documents rank by profit; a database keeps what it had on update.
        self.assertEqual(
            self.env["res.company"].create({"name": "New Plant"}).kam_value_basis, "margin"
        )

    def test_the_register_shows_revenue_and_margin_and_ranks_by_the_chosen_basis(self):
        self.company.kam_value_basis = "revenue"
        self.retier()
        # By revenue: Turnover first (A); Profit starts at 66.7% of the total: B.
        self.assertEqual(self.figures(self.turnover), (1000, 100, "a"))
        self.assertEqual(self.figures(self.profit), (500, 400, "b"))
        self.company.kam_value_basis = "margin"
        self.retier()
        # By margin: Profit first (A); Turnover starts at 80% of the margin: C.
        self.assertEqual(self.figures(self.profit), (500, 400, "a"))
        self.assertEqual(self.figures(self.turnover), (1000, 100, "c"))
        self.assertEqual(
            self.turnover.with_company(self.company).kam_margin_12m, 100, "shown on the partner"
        )

    def test_margin_counts_the_cost_in_the_products_unit(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        self.sell(self.profit, self.dear, 2, 300.0, uom=dozen)  # 24 units at 20: 480 cost
        self.retier()
        self.assertEqual(self.figures(self.profit)[:2], (1100, 400 + 600 - 480))

    def test_margin_from_posted_invoices(self):
        # The test company has no chart of accounts; the main one has.
        main = self.env.ref("base.main_company")
        main.kam_revenue_source = "invoice"
        self.dear.with_company(main).standard_price = 20.0
        customer = self.customer("Invoiced Instruments")
        order = self.sell(customer, self.dear, 5, 100.0, company=main)
        self.retier()
        self.assertFalse(self.account(customer, main), "ordered, not invoiced: not counted")
        invoice = order._create_invoices()
        invoice.action_post()
        self.retier()
        account = self.account(customer, main)
        self.assertEqual((account.revenue_12m, account.margin_12m), (500, 400))
        refund = invoice._reverse_moves()
        refund.invoice_line_ids.quantity = 1  # one back: 100 revenue, 20 cost
        refund.action_post()
        self.retier()
        self.assertEqual((account.revenue_12m, account.margin_12m), (400, 320))

    def test_the_churn_watch_reads_revenue_as_the_company_counts_it(self):
        main = self.env.ref("base.main_company")
        customer = self.customer("Invoiced Instruments")
        order = self.sell(customer, self.dear, 5, 100.0, company=main)
        account = self.env["kam.account"].create(
            {"partner_id": customer.id, "company_id": main.id, "purchase_potential": 1000}
        )
        Account = self.env["kam.account"]
        Account._kam_refresh_churn(main)
        self.assertAlmostEqual(account.repeat_rate, 1 / 12, places=4, msg="the order counts")
        main.kam_revenue_source = "invoice"
        Account._kam_refresh_churn(main)
        self.assertEqual(account.repeat_rate, 0.0, "ordered, not invoiced: no purchase yet")
        invoice = order._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves()
        refund.invoice_line_ids.quantity = 1
        refund.action_post()
        Account._kam_refresh_churn(main)
        # The invoice is a purchase, the credit note is not: one month of the last twelve.
        self.assertAlmostEqual(account.repeat_rate, 1 / 12, places=4)
        # 400 of the potential 1,000 now (500 invoiced, 100 back), nothing a year before.
        self.assertAlmostEqual(account.share_trend, 0.4, places=4)

    def test_a_loss_making_account_is_class_c_by_margin(self):
        loss = self.customer("Loss Leader")
        self.sell(loss, self.cheap, 100, 50.0)  # 5,000 sold for 9,000 of cost
        self.company.kam_value_basis = "margin"
        self.retier()
        self.assertEqual(self.figures(loss), (5000, -4000, "c"))

    def test_importance_makes_a_key_account_whatever_the_value(self):
        self.company.kam_value_basis = "revenue"
        important = (
            self.env["kam.tier"]
            .with_company(self.company)
            .create({"name": "Important", "sequence": 25, "rule_importance": "any"})
        )
        small = self.customer("City Water Bureau")
        self.sell(small, self.cheap, 1, 1.0)
        other = self.customer("Corner Shop")
        self.sell(other, self.cheap, 1, 1.0)
        self.env["kam.account"].create(
            {"partner_id": small.id, "company_id": self.company.id, "government_influence": True}
        )
        self.retier()
        self.assertEqual(self.account(small).value_class, "c")
        self.assertEqual(self.account(small).tier_id, important)
        self.assertTrue(self.account(small).is_key_account)
        self.assertEqual(self.account(other).tier_id, self.tier_standard)
        # Class A with influence stays strategic: the first matching tier wins.
        self.account(self.turnover).brand_influence = True
        self.retier()
        self.assertEqual(self.account(self.turnover).tier_id, self.tier_strategic)

    def test_the_default_tiers_include_importance(self):
        tier = self.env.ref("key_account_management.kam_tier_important")
        self.assertEqual(
            (tier.rule_class_a, tier.rule_class_b, tier.rule_class_c, tier.rule_importance),
            (True, True, True, "any"),
        )
        self.assertTrue(tier.is_key_account)
        self.assertIn(
            "Attack: high potential, low share", self.env["kam.account"]._fields["quadrant"].help
        )

    # The tier on the partner -------------------------------------------------------------------

    def test_a_manager_pins_the_tier_on_the_partner(self):
        self.retier()
        partner = self.turnover.with_user(self.kam_boss).with_company(self.company)
        partner.write(
            {
                "kam_tier_id": self.tier_growth.id,
                "kam_tier_locked": True,
                "kam_tier_lock_reason": "Parent group decides centrally",
            }
        )
        account = self.account(self.turnover)
        self.assertEqual(
            (account.tier_id, account.tier_locked, account.tier_lock_reason),
            (self.tier_growth, True, "Parent group decides centrally"),
        )
        self.retier()
        self.assertEqual(account.tier_id, self.tier_growth, "a pinned tier survives re-tiering")

    def test_writing_one_key_account_field_leaves_the_others(self):
        self.retier()
        partner = self.turnover.with_user(self.kam_boss).with_company(self.company)
        partner.write({"kam_potential_score": 70, "kam_purchase_potential": 5000})
        partner.invalidate_recordset()
        partner.write({"kam_brand_influence": True})
        partner.invalidate_recordset()
        partner.write(
            {
                "kam_tier_id": self.tier_growth.id,
                "kam_tier_locked": True,
                "kam_tier_lock_reason": "Group decides",
            }
        )
        partner.invalidate_recordset()
        partner.write({"kam_tier_lock_reason": "The group decides centrally"})
        account = self.account(self.turnover)
        self.assertEqual(
            (account.potential_score, account.purchase_potential, account.brand_influence),
            (70, 5000, True),
        )
        self.assertEqual(account.tier_lock_reason, "The group decides centrally")
        partner.write({"kam_tier_locked": False})
        self.assertFalse(account.tier_locked)
        self.assertNotEqual(
            account.manager_id, self.kam_boss, "the writer did not take the account"
        )

    def test_a_tier_written_on_the_partner_is_refused_not_ignored(self):
        self.retier()
        account = self.account(self.turnover)
        names = ["tier_id", "tier_locked", "tier_lock_reason"]
        for user in (self.kam_rep, self.seller):
            with self.subTest(user=user.login):
                self.assert_refused(
                    AccessError,
                    "Only key-account managers can change or pin a tier",
                    lambda user=user: self.turnover.with_user(user)
                    .with_company(self.company)
                    .write(
                        {
                            "kam_tier_id": self.tier_growth.id,
                            "kam_tier_locked": True,
                            "kam_tier_lock_reason": "mine",
                        }
                    ),
                    account,
                    names,
                )
        self.assert_refused(
            UserError,
            "Pin the tier, with a reason",
            lambda: self.turnover.with_user(self.kam_boss)
            .with_company(self.company)
            .write({"kam_tier_id": self.tier_growth.id}),
            account,
            names,
        )
        # No account yet: refused the same way, and none is created.
        fresh = self.customer("No Sales Yet Ltd")
        self.assert_refused(
            AccessError,
            "Only key-account managers",
            lambda: fresh.with_user(self.kam_rep)
            .with_company(self.company)
            .write({"kam_tier_id": self.tier_key.id, "kam_tier_locked": True}),
            model="kam.account",
        )

    def test_figures_written_on_the_partner_are_refused(self):
        self.retier()
        account = self.account(self.turnover)
        partner = self.turnover.with_company(self.company)
        for name, value in (
            ("kam_revenue_12m", 10**9),
            ("kam_margin_12m", 10**9),
            ("kam_value_class", "c" if partner.kam_value_class == "a" else "a"),
            ("kam_quadrant", "abandon" if partner.kam_quadrant == "defend" else "defend"),
            ("kam_is_key_account", not partner.kam_is_key_account),
        ):
            with self.subTest(name=name):
                self.assert_refused(
                    AccessError,
                    "computed by the system",
                    lambda name=name, value=value: self.turnover.with_user(self.kam_boss)
                    .with_company(self.company)
                    .write({name: value}),
                    account,
                    ["revenue_12m", "margin_12m", "value_class", "quadrant", "is_key_account"],
                )
        self.assert_refused(
            AccessError,
            "computed by the system",
            lambda: self.env["res.partner"]
            .with_user(self.kam_boss)
            .create({"name": "Forged", "kam_revenue_12m": 10**9}),
            model="res.partner",
        )
