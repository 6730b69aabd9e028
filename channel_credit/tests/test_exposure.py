from odoo import Command
from odoo.tests import tagged

from .. import rules
from .common import CreditCase


@tagged("post_install", "-at_install")
class TestExposure(CreditCase):
    def figures(self, partner):
        partner.invalidate_recordset()
        return (
            partner.channel_exposure_receivable,
            partner.channel_exposure_draft,
            partner.channel_exposure_orders,
            partner.channel_credit_exposure,
        )

    def test_open_receivables_follow_payments(self):
        partner = self.distributor(10000)
        invoice = self.invoice(partner, 1000)
        self.assertEqual(self.figures(partner), (1000, 0, 0, 1000))
        self.pay(invoice, 400)
        self.assertEqual(self.figures(partner)[0], 600)
        self.invoice(partner, 100, move_type="out_refund")
        self.assertEqual(self.figures(partner)[0], 500)

    def test_draft_invoices(self):
        partner = self.distributor(10000)
        self.invoice(partner, 300, post=False)
        self.assertEqual(self.figures(partner), (0, 300, 0, 300))

    def test_uninvoiced_orders_with_taxes_delivered_or_not(self):
        partner = self.distributor(10000)
        order = self.order(partner, 500, qty=10, taxes=self.tax)
        self.assertEqual(self.figures(partner)[3], 0)  # quotations do not count
        order.action_confirm()
        self.assertEqual(self.figures(partner), (0, 0, 550, 550))
        # Invoice half the quantity as a draft: it moves from orders to draft invoices.
        invoice = order._create_invoices()
        invoice.invoice_line_ids.quantity = 5
        self.assertEqual(self.figures(partner), (0, 275, 275, 550))
        invoice.action_post()
        self.assertEqual(self.figures(partner), (275, 0, 275, 550))

    def test_child_contacts_count_for_the_commercial_entity(self):
        partner = self.distributor(10000)
        shop = self.env["res.partner"].create(
            {"name": "Shop 3", "parent_id": partner.id, "type": "delivery"}
        )
        buyer = self.env["res.partner"].create({"name": "Buyer", "parent_id": partner.id})
        self.invoice(shop, 200)
        self.order(buyer, 100).action_confirm()
        self.assertEqual(self.figures(partner), (200, 0, 100, 300))
        self.assertEqual(self.figures(buyer), (200, 0, 100, 300))

    def test_foreign_currency_uses_company_currency(self):
        usd = self.env.ref("base.USD")
        usd.active = True
        company_currency = self.company.currency_id
        foreign = usd if company_currency != usd else self.env.ref("base.EUR")
        foreign.active = True
        self.env["res.currency.rate"].search(
            [("currency_id", "=", foreign.id), ("company_id", "in", (False, self.company.id))]
        ).unlink()
        self.env["res.currency.rate"].create(
            {
                "currency_id": foreign.id,
                "company_id": self.company.id,
                "rate": 0.5,
                "name": "2000-01-01",
            }
        )
        partner = self.distributor(10000)
        self.invoice(partner, 100, currency=foreign)  # 100 foreign = 200 in company currency
        self.assertAlmostEqual(self.figures(partner)[0], 200, places=2)

    def test_other_companies_do_not_count(self):
        partner = self.distributor(10000)
        other = self.env["res.company"].create({"name": "Other Credit Co"})
        order = (
            self.env["sale.order"]
            .with_company(other)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": other.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "price_unit": 999})
                    ],
                }
            )
        )
        order.action_confirm()  # no policy in that company: no gate either
        self.assertEqual(self.figures(partner)[3], 0)
        self.assertEqual(partner.with_company(other).channel_credit_exposure, 999)
        self.assertFalse(partner.with_company(other).channel_credit_policy)
        self.assertEqual(partner.channel_credit_policy, "block")

    def test_available_credit_and_temporary_limit(self):
        partner = self.distributor(1000)
        self.invoice(partner, 400)
        self.assertEqual(partner.channel_credit_available, 600)
        partner.write({"channel_temp_limit": 500, "channel_temp_limit_until": self.today})
        partner.invalidate_recordset()
        self.assertEqual(
            (partner.channel_effective_limit, partner.channel_credit_available), (1500, 1100)
        )

    def test_the_margin_is_earned_on_the_untaxed_sale(self):
        """1,000 + 13 % VAT overdue at a 5 % margin: 50 of margin, not 56.50; financing at 5 %
        a year runs on the 1,130 owed, so the margin is gone on day 323, not 365."""
        vat = self.env["account.tax"].create(
            {"name": "VAT 13", "amount": 13, "type_tax_use": "sale", "company_id": self.company.id}
        )
        partner = self.distributor(100000, channel_net_margin=0.05)
        self.company.channel_interest_rate = 0.05
        invoice = self.invoice(partner, 1000, post=False, days_overdue=10)
        invoice.invoice_line_ids.tax_ids = vat
        invoice.action_post()
        self.assertEqual(invoice.amount_total, 1130)
        partner.invalidate_recordset()
        self.assertEqual(partner.channel_overdue_amount, 1130)
        self.assertAlmostEqual(partner.channel_overdue_net_profit, 50.0)
        untaxed_margin = 0.05 * invoice.amount_untaxed / invoice.amount_total
        self.assertEqual(int(rules.days_until_margin_gone(untaxed_margin, 0.05)), 323)

    def test_overdue_and_cost_of_late_payment(self):
        partner = self.distributor(100000, channel_net_margin=0.02)
        self.company.channel_interest_rate = 0.0365
        self.invoice(partner, 10000, days_overdue=30)
        self.invoice(partner, 5000, days_overdue=-5)  # not due yet
        partner.invalidate_recordset()
        self.assertEqual(partner.channel_overdue_amount, 10000)
        self.assertEqual(partner.channel_max_overdue_days_actual, 30)
        self.assertAlmostEqual(partner.channel_financing_cost, 30.0)  # 10,000 x 3.65% x 30/365
        self.assertAlmostEqual(partner.channel_overdue_net_profit, 200.0)
        self.assertAlmostEqual(partner.channel_sales_to_recover_overdue, 500000.0)
        self.assertAlmostEqual(partner.channel_sales_to_recover(500), 25000.0)
        self.assertAlmostEqual(partner.channel_sales_to_recover(500, 0.03), 16666.67, places=2)
        partner.channel_net_margin = 0
        self.company.channel_net_margin = 0.04
        self.assertAlmostEqual(partner.channel_sales_to_recover(500), 12500.0)

    def test_drill_down_actions(self):
        partner = self.distributor(1000)
        invoice = self.invoice(partner, 10)
        receivables = partner.action_channel_open_receivables()
        lines = self.env["account.move.line"].search(receivables["domain"])
        self.assertEqual(lines.move_id, invoice)
        self.assertEqual(partner.action_channel_open_orders()["res_model"], "sale.order")
        self.assertEqual(partner.action_channel_open_draft_invoices()["res_model"], "account.move")

    def test_aging_buckets_at_their_boundaries(self):
        partner = self.distributor(10**9)
        for days, amount in (
            (0, 1),
            (1, 2),
            (30, 4),
            (31, 8),
            (60, 16),
            (61, 32),
            (90, 64),
            (91, 128),
        ):
            self.invoice(partner, amount, days_overdue=days)
        self.env.flush_all()
        row = self.env["channel.credit.aging"].search([("partner_id", "=", partner.id)])
        self.assertEqual(
            (
                row.amount_current,
                row.amount_1_30,
                row.amount_31_60,
                row.amount_61_90,
                row.amount_over_90,
                row.overdue,
                row.total,
            ),
            (1, 6, 24, 96, 128, 254, 255),
        )
        invoices = self.env["account.move"].search([("partner_id", "=", partner.id)])
        self.assertEqual(row.user_id, invoices.invoice_user_id)
