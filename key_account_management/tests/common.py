from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.addons.b2b_base.tests.common import RollbackCase
from odoo.tests import new_test_user


class KamCase(RollbackCase):
    """A company of its own (so demo sales do not move the 80/20 ranking), its four tiers,
    one product and two reps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": "KAM Test Co", "currency_id": cls.env.ref("base.CNY").id}
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.product = cls.env["product.product"].create({"name": "Valve", "list_price": 1.0})
        Tier = cls.env["kam.tier"].with_company(cls.company)
        cls.tier_strategic = Tier.create(
            {
                "name": "Strategic",
                "sequence": 10,
                "rule_class_b": False,
                "rule_class_c": False,
                "rule_importance": "any",
            }
        )
        cls.tier_key = Tier.create({"name": "Key", "sequence": 20, "rule_class_c": False})
        cls.tier_growth = Tier.create(
            {"name": "Growth", "sequence": 30, "rule_class_a": False, "rule_min_potential": 70}
        )
        cls.tier_standard = Tier.create(
            {"name": "Standard", "sequence": 40, "is_key_account": False}
        )
        groups = "key_account_management.group_kam_user"
        cls.rep = new_test_user(cls.env, "kam_rep_a", groups=groups, company_id=cls.company.id)
        cls.rep_b = new_test_user(cls.env, "kam_rep_b", groups=groups, company_id=cls.company.id)
        cls.manager = new_test_user(
            cls.env,
            "kam_mgr",
            groups="key_account_management.group_kam_manager",
            company_id=cls.company.id,
        )

    @classmethod
    def customer(cls, name, **vals):
        return cls.env["res.partner"].create({"name": name, "is_company": True, **vals})

    @classmethod
    def order(cls, partner, amount, company=None, date=None, confirm=True, currency=None):
        company = company or cls.company
        vals = {
            "partner_id": partner.id,
            "company_id": company.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "product_uom_qty": 1,
                        "price_unit": amount,
                        "tax_id": False,
                    }
                )
            ],
        }
        if currency:
            pricelist = cls.env["product.pricelist"].create(
                {"name": currency.name, "currency_id": currency.id, "company_id": company.id}
            )
            vals["pricelist_id"] = pricelist.id
        order = cls.env["sale.order"].with_company(company).create(vals)
        if confirm:
            order.action_confirm()
        if date:
            order.date_order = date
        return order

    def account(self, partner, company=None):
        return self.env["kam.account"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", (company or self.company).id)]
        )

    def retier(self):
        self.env["res.partner"].kam_recompute_tiers()

    @staticmethod
    def months_ago(months):
        return fields.Datetime.now() - relativedelta(months=months)


SALESMAN = "sales_team.group_sale_salesman"


class IntegrityCase(KamCase):
    """Doors tried by the lowest rights that use them: a plain salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.seller = new_test_user(
            cls.env, "integrity_seller", groups=SALESMAN, company_id=cls.company.id
        )
        cls.seller_b = new_test_user(
            cls.env, "integrity_seller_b", groups=SALESMAN, company_id=cls.company.id
        )
        cls.customer_a = cls.customer("Integrity Customer", company_id=cls.company.id)
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Buyer Wang", "parent_id": cls.customer_a.id}
        )
