from datetime import timedelta

from odoo import Command, fields
from odoo.addons.b2b_base.tests.common import RollbackCase
from odoo.tests import Form, new_test_user


class CreditCase(RollbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.today = fields.Date.context_today(cls.env.user)
        cls.product = cls.env["product.product"].create(
            {
                "name": "Tile",
                "list_price": 1.0,
                "taxes_id": [Command.clear()],
                "invoice_policy": "order",
            }
        )
        cls.tax = cls.env["account.tax"].create(
            {"name": "VAT 10", "amount": 10, "type_tax_use": "sale", "company_id": cls.company.id}
        )
        # A salesperson as Odoo makes new users: selling and editing contacts.
        cls.seller = new_test_user(
            cls.env,
            "cc_seller",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
            company_id=cls.company.id,
        )
        cls.credit_manager = new_test_user(
            cls.env,
            "cc_manager",
            groups="sales_team.group_sale_salesman,base.group_partner_manager,"
            "channel_credit.group_channel_credit_manager",
            company_id=cls.company.id,
        )
        cls.company.channel_credit_manager_id = cls.credit_manager

    @classmethod
    def distributor(cls, limit, policy="block", **vals):
        return cls.env["res.partner"].create(
            {
                "name": "Distributor",
                "is_company": True,
                "credit_limit": limit,
                "channel_credit_policy": policy,
                "user_id": cls.seller.id,
                **vals,
            }
        )

    @classmethod
    def order(cls, partner, amount, qty=1, taxes=None, user=None):
        return (
            cls.env["sale.order"]
            .with_user(user or cls.seller)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "user_id": (user or cls.seller).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "product_uom_qty": qty,
                                "price_unit": amount / qty,
                                "tax_id": [Command.set((taxes or cls.tax.browse()).ids)],
                            }
                        )
                    ],
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def invoice(
        cls, partner, amount, post=True, days_overdue=None, currency=None, move_type="out_invoice"
    ):
        vals = {
            "move_type": move_type,
            "partner_id": partner.id,
            "company_id": cls.company.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": False,
                    }
                )
            ],
        }
        if days_overdue is not None:
            due = cls.today - timedelta(days=days_overdue)
            vals.update(invoice_date=due - timedelta(days=30), invoice_date_due=due)
        if currency:
            vals["currency_id"] = currency.id
        move = cls.env["account.move"].create(vals)
        if post:
            move.action_post()
        return move

    @classmethod
    def pay(cls, invoice, amount):
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount})
        )
        return wizard._create_payments()

    def run_daily(self):
        """The daily job as its cron runs it, then what the test reads comes from the
        database."""
        self.env["res.partner"]._cron_channel_credit_daily()
        self.env.invalidate_all()

    def grant(self, partner, **vals):
        """Grant through a credit review, as a company without investigation items or approval
        levels does: the salesperson proposes (grade given with a reason), one Credit Manager
        approves."""
        self.env["channel.credit.approval.level"].search([]).active = False
        self.env["channel.credit.check.item"].search([]).active = False
        review = (
            self.env["channel.credit.review"]
            .with_user(self.seller)
            .create(
                {
                    "partner_id": partner.id,
                    "line_ids": [],
                    "grade_note": "Known distributor",
                    **vals,
                }
            )
        )
        review.action_submit()
        review.with_user(self.credit_manager)._decide(True, False)
        self.assertEqual(review.state, "approved")
        return review

    def request_release(self, order, user, reason="Peak season stock-up, pays in 15 days"):
        """Confirm as ``user``; when asked, submit the release request with ``reason``, as
        the dialog does. Returns the request."""
        action = order.with_user(user).action_confirm()
        self.assertEqual(action["res_model"], "channel.credit.release")
        if action.get("res_id"):
            return self.env["channel.credit.release"].browse(action["res_id"])
        self.assertEqual(action["context"], {"default_order_id": order.id})
        form = Form(
            self.env["channel.credit.release"].with_user(user).with_context(**action["context"]),
            view=action["views"][0][0],
        )
        form.reason = reason
        return form.save().with_user(self.env.user)
