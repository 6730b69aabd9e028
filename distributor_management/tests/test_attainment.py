"""Sell-in, collected money (回款) and attainment per target, hand-computed: money not collected
earns nothing, money counts in the period it was received, for the target's products only."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import MoneyCase


@tagged("post_install", "-at_install")
class TestAttainment(MoneyCase):
    def figures(self, target=None):
        # As a Channel Manager: the agreements here are drafts, whose figures only they see.
        target = (target or self.target).with_user(self.manager)
        target.invalidate_recordset(["sell_in", "collected", "attainment"])
        return target.sell_in, target.collected, round(target.attainment, 4)

    def test_the_issues_example(self):
        """Target 100,000; 130,000 invoiced, 110,000 collected: attainment 110 %."""
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 3, 1))
        self.pay(invoice, 110_000, date(2026, 4, 1))
        self.assertEqual(self.figures(), (130_000, 110_000, 1.1))
        # Seen by the distributor's representative too, once the agreement is signed.
        self.assertEqual(self.target.with_user(self.rep).collected, 0)
        self.approve(self.contract)
        self.target.invalidate_recordset()
        self.assertEqual(self.target.with_user(self.rep).collected, 110_000)

    def test_only_money_received_in_the_period(self):
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 12, 20))
        self.pay(invoice, 30_000, date(2026, 12, 31))
        self.pay(invoice, 100_000, date(2027, 1, 1))
        self.assertEqual(self.figures(), (130_000, 30_000, 0.3), "the last day counts, not after")

    def test_a_credit_note_is_not_money_but_lowers_sell_in(self):
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 3, 1))
        self.invoice([(self.valve, 5_000)], date(2026, 3, 15), move_type="out_refund")
        self.pay(invoice, 50_000, date(2026, 4, 1))
        self.assertEqual(self.figures(), (125_000, 50_000, 0.5))

    def test_only_the_targets_products_and_distributor(self):
        mixed = self.invoice([(self.valve, 60_000), (self.pump, 40_000)], date(2026, 5, 1))
        self.pay(mixed, 50_000, date(2026, 5, 10))
        other = self.invoice([(self.valve, 80_000)], date(2026, 5, 1), partner=self.distributor())
        self.pay(other, 80_000, date(2026, 5, 10))
        # The valves are 60 % of the mixed invoice: 60 % of its money.
        self.assertEqual(self.figures(), (60_000, 30_000, 0.3))

    def test_an_agreement_for_every_line_counts_every_product(self):
        self.contract.product_line_ids = False
        mixed = self.invoice([(self.valve, 60_000), (self.pump, 40_000)], date(2026, 5, 1))
        self.pay(mixed, 100_000, date(2026, 5, 10))
        self.assertEqual(self.figures(), (100_000, 100_000, 1.0))

    def test_quarters_and_product_line_targets(self):
        self.contract.write(
            {
                "product_line_ids": [Command.set([self.control.id, self.ball.id])],
                "target_ids": [
                    Command.clear(),
                    Command.create(
                        {
                            "date_from": date(2026, 1, 1),
                            "date_to": date(2026, 3, 31),
                            "amount": 50_000,
                        }
                    ),
                    Command.create(
                        {
                            "date_from": date(2026, 4, 1),
                            "date_to": date(2026, 6, 30),
                            "amount": 50_000,
                            "product_line_id": self.ball.id,
                        }
                    ),
                ],
            }
        )
        q1, q2_pumps = self.contract.target_ids.sorted("date_from")
        mixed = self.invoice([(self.valve, 60_000), (self.pump, 40_000)], date(2026, 3, 20))
        self.pay(mixed, 100_000, date(2026, 4, 2))
        self.assertEqual(self.figures(q1), (100_000, 0, 0), "invoiced in Q1, paid in Q2")
        self.assertEqual(self.figures(q2_pumps), (0, 40_000, 0.8), "the pumps' share, in Q2")
