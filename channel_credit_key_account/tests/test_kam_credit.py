from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.addons.b2b_base.tests.common import RollbackCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKeyAccountCredit(RollbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Key distributor",
                "is_company": True,
                "credit_limit": 1000,
                "channel_credit_policy": "block",
                "channel_credit_hold": True,
                "channel_credit_hold_reason": "Invoice overdue 45 days",
            }
        )
        cls.rep = new_test_user(cls.env, "kc_rep", groups="sales_team.group_sale_salesman")
        cls.account = cls.env["kam.account"].create(
            {"partner_id": cls.partner.id, "manager_id": cls.rep.id}
        )

    def test_key_account_shows_the_credit_status(self):
        account = self.account.with_user(self.rep)
        self.assertTrue(account.channel_credit_hold)
        self.assertEqual(account.channel_credit_hold_reason, "Invoice overdue 45 days")
        self.assertEqual(account.channel_effective_limit, 1000)
        self.assertEqual(account.channel_credit_available, 1000)
        self.assertEqual(account.channel_credit_policy, "block")

    def test_credit_status_follows_the_account_company(self):
        other = self.env["res.company"].create({"name": "Other KC Co"})
        elsewhere = self.env["kam.account"].create(
            {"partner_id": self.partner.id, "company_id": other.id}
        )
        self.assertFalse(elsewhere.channel_credit_hold)
        self.assertTrue(self.account.channel_credit_hold)

    def test_views_show_the_hold(self):
        views = (
            self.env["kam.account"]
            .with_user(self.rep)
            .get_views([(False, "kanban"), (False, "form")])
        )
        kanban = etree.fromstring(views["views"]["kanban"]["arch"])
        self.assertTrue(kanban.xpath("//span[@name='channel_credit_hold_badge']"))
        form = etree.fromstring(views["views"]["form"]["arch"])
        self.assertTrue(
            form.xpath("//page[@name='channel_credit']//field[@name='channel_credit_exposure']")
        )

    def test_customer_without_policy_reads_not_credit_controlled(self):
        customer = self.env["res.partner"].create({"name": "Cash customer", "is_company": True})
        account = self.env["kam.account"].create(
            {"partner_id": customer.id, "manager_id": self.rep.id}
        )
        self.assertFalse(account.with_user(self.rep).channel_credit_policy)
        form = etree.fromstring(
            self.env["kam.account"]
            .with_user(self.rep)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        page = form.xpath("//page[@name='channel_credit']")[0]
        # Without a policy the page says so instead of showing a limit of 0 and a red
        # negative "available".
        self.assertEqual(
            page.xpath("div[@name='channel_not_controlled']")[0].get("invisible"),
            "channel_credit_policy",
        )
        figures = page.xpath(".//field[@name='channel_credit_available']/ancestor::group[last()]")
        self.assertEqual(figures[0].get("invisible"), "not channel_credit_policy")

    def test_the_credit_manager_hears_of_a_key_person_leaving(self):
        credit_manager = new_test_user(
            self.env, "kc_credit", groups="channel_credit.group_channel_credit_manager"
        )
        self.env.company.channel_credit_manager_id = credit_manager
        boss = self.env["res.partner"].create({"name": "Boss Sun", "parent_id": self.partner.id})
        lead = self.env["crm.lead"].create(
            {"name": "Yearly contract", "type": "opportunity", "partner_id": self.partner.id}
        )
        self.env["kam.deal.role"].create(
            {"lead_id": lead.id, "partner_id": boss.id, "buying_role": "decision_maker"}
        )
        boss.active = False
        told = self.partner.activity_ids.filtered(lambda a: a.user_id == credit_manager)
        self.assertIn("Key person change at a credit customer", told.summary)
        self.assertIn("Boss Sun left Key distributor", told.note)
        # A customer that is not credit-controlled: the Credit Manager is not involved.
        cash = self.env["res.partner"].create({"name": "Cash customer", "is_company": True})
        buyer = self.env["res.partner"].create({"name": "Buyer Qian", "parent_id": cash.id})
        cash_lead = self.env["crm.lead"].create(
            {"name": "Spot order", "type": "opportunity", "partner_id": cash.id}
        )
        self.env["kam.deal.role"].create(
            {
                "lead_id": cash_lead.id,
                "partner_id": buyer.id,
                "buying_role": "user",
                "is_coach": True,
            }
        )
        buyer.active = False
        self.assertTrue(cash_lead.kam_role_ids.departed)
        self.assertFalse(cash.activity_ids.filtered(lambda a: a.user_id == credit_manager))

    def test_the_plan_counts_credit_released_to_an_account(self):
        """Approved (and used) releases count by the amount over the limit, in their period;
        an abandon account that took credit is consuming resources."""
        company = self.env["res.company"].create({"name": "Plan KC Co"})
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        account = env["kam.account"].create(
            {"partner_id": self.partner.id, "company_id": company.id, "purchase_potential": 500}
        )
        self.assertEqual(account.quadrant, "abandon")
        order = env["sale.order"].create({"partner_id": self.partner.id, "company_id": company.id})
        now = fields.Datetime.now()
        Release = env["channel.credit.release"]
        for state, over, when in (
            ("approved", 700, now),
            ("used", 100, now),
            ("rejected", 5000, now),
            ("approved", 900, now - relativedelta(years=2)),
        ):
            Release.create(
                {
                    "order_id": order.id,
                    "partner_id": self.partner.id,
                    "company_id": company.id,
                    "requester_id": self.rep.id,
                    "state": state,
                    "amount_over_limit": over,
                    "decision_date": when,
                }
            )
        plan = env["kam.resource.plan"].create({"name": "Credit", "planned_credit": 1000})
        plan.action_refresh()
        abandon = plan.line_ids.filtered(lambda line: line.quadrant == "abandon")
        self.assertEqual((abandon.spent_credit, abandon.planned_credit), (800, 0))
        row = plan.account_line_ids.filtered(lambda r: r.account_id == account)
        self.assertEqual((row.spent_credit, row.alert), (800, "abandon_spending"))
