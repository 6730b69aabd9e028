"""Promises to pay come only from a logged conversation, start on its day and are kept only by
money received after they were made.

Who can write what the rule reads: salespeople (their conversations and the promises logged
with them, for their own distributors), Credit Managers (a promise's amount and date), any user
who may write a distributor (its collection plan through the partner form), invoicing users
(payments, their dates), the daily job (settling). Each tried here as that role."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CreditCase

FROM_A_CONVERSATION = "comes from a conversation"


@tagged("post_install", "-at_install")
class TestPromiseDoors(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.distributor(10**6, channel_max_overdue_days=365)
        cls.Plan = cls.env["channel.collection.plan"]
        cls.Contact = cls.env["channel.collection.contact"]

    def log(self, days_ago=0, amount=1000, promised_in=10, user=None):
        return self.Contact.with_user(user or self.seller).create(
            {
                "partner_id": self.partner.id,
                "date": self.today - timedelta(days=days_ago),
                "promise_amount": amount,
                "promise_date": self.today + timedelta(days=promised_in),
            }
        )

    def assertNoNewPromise(self, call, message=FROM_A_CONVERSATION):
        self.assert_refused(AccessError, message, call, model=self.Plan._name)

    def test_no_promise_without_a_conversation(self):
        vals = {"partner_id": self.partner.id, "date": self.today, "amount": 500}
        for user in (self.seller, self.credit_manager):
            with self.subTest(user=user.login):
                self.assertNoNewPromise(lambda u=user: self.Plan.with_user(u).create(vals))
                self.assertNoNewPromise(
                    lambda u=user: self.partner.with_user(u).write(
                        {"channel_collection_plan_ids": [Command.create(vals)]}
                    )
                )
        result = self.Plan.with_user(self.credit_manager).load(
            ["partner_id/.id", "date", "amount"],
            [[str(self.partner.id), str(self.today), "500"]],
        )
        self.assertFalse(result["ids"])
        self.assertFalse(self.Plan.search([("partner_id", "=", self.partner.id)]))

    def test_a_promise_starts_on_the_day_of_its_conversation(self):
        plan = self.log(days_ago=3).plan_id
        self.assertEqual(plan.date_from, self.today - timedelta(days=3))
        for user in (self.seller, self.credit_manager):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, "starts on the day of its conversation"),
            ):
                plan.with_user(user).write({"date_from": self.today - timedelta(days=30)})
        self.assertEqual(plan.date_from, self.today - timedelta(days=3))
        # A Credit Manager corrects the amount or the date, not where it started.
        plan.with_user(self.credit_manager).write({"amount": 800})
        self.assertEqual(plan.amount, 800)

    def test_money_already_in_keeps_no_promise(self):
        invoice = self.invoice(self.partner, 5000, days_overdue=20)
        payment = self.pay(invoice, 1000)
        # Received two days ago, recorded then: before anyone logged a promise.
        self.env.cr.execute(
            "UPDATE account_move SET create_date = now() - interval '2 days', date = %s "
            "WHERE id = %s",
            [self.today - timedelta(days=2), payment.move_id.id],
        )
        self.env["account.move.line"].flush_model()
        self.env.invalidate_all()
        # The conversation logged as of five days ago, promising what had already come in.
        plan = self.log(days_ago=5, amount=1000).plan_id
        self.assertEqual((plan.paid_amount, plan.state), (0, "open"))
        # Money received after the promise keeps it.
        self.pay(invoice, 1000)
        plan.invalidate_recordset()
        self.assertEqual((plan.paid_amount, plan.state), (1000, "kept"))
