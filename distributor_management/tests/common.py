from datetime import date

from odoo import Command
from odoo.addons.b2b_base.tests.common import RollbackCase
from odoo.tests import new_test_user

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


class DistributorCase(RollbackCase):
    """Two provinces' worth of territories, two product lines, two representatives and two
    Channel Managers (so one can approve what the other prepared)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        groups = "distributor_management.group_distributor_user"
        cls.rep = new_test_user(cls.env, "dm_rep", groups=groups, company_id=cls.company.id)
        cls.rep2 = new_test_user(cls.env, "dm_rep2", groups=groups, company_id=cls.company.id)
        managers = "distributor_management.group_distributor_manager"
        cls.manager = new_test_user(cls.env, "dm_mgr", groups=managers, company_id=cls.company.id)
        cls.manager2 = new_test_user(cls.env, "dm_mgr2", groups=managers, company_id=cls.company.id)
        Territory = cls.env["distributor.territory"]
        cls.jiangsu = Territory.create({"name": "Jiangsu", "level": "province"})
        cls.nanjing = Territory.create(
            {"name": "Nanjing", "level": "city", "parent_id": cls.jiangsu.id}
        )
        cls.jiangning = Territory.create(
            {"name": "Jiangning", "level": "district", "parent_id": cls.nanjing.id}
        )
        cls.suzhou = Territory.create(
            {"name": "Suzhou", "level": "city", "parent_id": cls.jiangsu.id}
        )
        Line = cls.env["distributor.product.line"]
        cls.control = Line.create({"name": "Control Valves"})
        cls.ball = Line.create({"name": "Ball Valves"})
        cls.year_start, cls.year_end = date(2026, 1, 1), date(2026, 12, 31)

    @classmethod
    def distributor(cls, name="Distributor"):
        return cls.env["res.partner"].create({"name": name, "is_company": True})

    @classmethod
    def agreement(cls, territories, lines=(), start=None, end=None, user=None, **vals):
        """A draft agreement of a new distributor for the representative; ``territories`` as
        (territory, exclusive) pairs; with one target for its whole period."""
        start, end = start or cls.year_start, end or cls.year_end
        user = user or cls.rep
        return (
            cls.env["distributor.agreement"]
            .with_user(user)
            .create(
                {
                    "partner_id": vals.pop("partner_id", None) or cls.distributor().id,
                    "user_id": user.id,
                    "date_start": start,
                    "date_end": end,
                    "product_line_ids": [Command.set([line.id for line in lines])],
                    "territory_ids": [
                        Command.create({"territory_id": territory.id, "exclusive": exclusive})
                        for territory, exclusive in territories
                    ],
                    "target_ids": [
                        Command.create({"date_from": start, "date_to": end, "amount": 1200})
                    ],
                    **vals,
                }
            )
        )

    def approve(self, agreement, approver=None):
        """Submitted by its preparer, approved by a Channel Manager who did not prepare it."""
        agreement.with_user(agreement.create_uid).action_submit()
        agreement.with_user(approver or self.manager).action_approve()
        return agreement


class MoneyCase(DistributorCase):
    """A draft agreement of Nanjing Valves for Control Valves (a valve in a
    sub-category of the line's), a pump outside the line, and helpers that invoice and pay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        valves = Category.create({"name": "Valves"})
        control = Category.create({"name": "Control", "parent_id": valves.id})
        pumps = Category.create({"name": "Pumps"})
        cls.control.category_ids = valves
        cls.ball.category_ids = pumps
        cls.valve = cls.product("DN50 control valve", control)
        cls.pump = cls.product("Booster pump", pumps)
        cls.partner = cls.distributor("Nanjing Valves")
        cls.contract = cls.agreement(
            [(cls.nanjing, True)], lines=[cls.control], partner_id=cls.partner.id
        )
        cls.contract.target_ids.amount = 100_000
        cls.target = cls.contract.target_ids

    @classmethod
    def product(cls, name, category):
        return cls.env["product.product"].create(
            {"name": name, "categ_id": category.id, "taxes_id": [Command.clear()]}
        )

    def invoice(self, lines, day, partner=None, move_type="out_invoice", due=None):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": (partner or self.partner).id,
                "invoice_date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for product, price in lines
                ],
            }
        )
        if due:
            move.invoice_date_due = due
        move.action_post()
        return move

    def pay(self, invoice, amount, day):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount, "payment_date": day})._create_payments()


class RebateCase(MoneyCase):
    """A quarter's agreement with a tiered scheme (2 % from 100 %, 3 % from 120 %) and a
    target of 100,000, in force; an invoicing user to post settlements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = cls.distributor("Suzhou Fluid Control")
        cls.quarter = cls.agreement(
            [(cls.suzhou, False)],
            lines=[cls.control],
            start=Q1[0],
            end=Q1[1],
            partner_id=cls.buyer.id,
            rebate_tier_ids=[
                Command.create({"attainment_from": 100, "rate": 2}),
                Command.create({"attainment_from": 120, "rate": 3}),
            ],
        )
        cls.quarter.target_ids.amount = 100_000
        cls.q1 = cls.quarter.target_ids
        cls.accountant = new_test_user(
            cls.env, "dm_accountant", groups="account.group_account_invoice"
        )

    def setUp(self):
        super().setUp()
        self.approve(self.quarter)
        self.Rebate = self.env["distributor.rebate"]

    def accrue(self, user=None):
        self.quarter.with_user(user or self.manager).action_accrue_rebates()
        return self.Rebate.search([("target_id", "=", self.q1.id)], order="id")

    def reverse(self, move, day=date(2026, 4, 10)):
        """``move`` reversed whole by the invoicing user, through Odoo's wizard (draft)."""
        wizard = (
            self.env["account.move.reversal"]
            .with_user(self.accountant)
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"journal_id": move.journal_id.id, "date": day})
        )
        return self.env["account.move"].browse(wizard.reverse_moves()["res_id"])

    def settle(self, rebate, approver=None):
        rebate.with_user(approver or self.manager2).action_approve()
        rebate.with_user(self.manager).action_settle()
        rebate.sudo().move_id.with_user(self.accountant).action_post()
        return rebate.sudo().move_id

    def figures(self, rebate):
        return (
            rebate.base,
            round(rebate.attainment, 4),
            rebate.rate,
            rebate.earned,
            rebate.paid_before,
            rebate.amount,
        )
