"""Holds by the overdue rule and their reason (models/res_partner_credit_hold.py); a Credit
Manager's hold is in test_manual_hold."""

from datetime import timedelta

from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestOverdueHold(CreditCase):
    def test_holds_follow_the_overdue_rule(self):
        # The overdue rule alone (the dunning ladder's own hold step is in test_collection).
        self.env["channel.dunning.step"].search([]).active = False
        partner = self.distributor(10**6, channel_max_overdue_days=30)
        invoice = self.invoice(partner, 100, days_overdue=30)
        self.run_daily()
        self.assertFalse(partner.channel_credit_hold)
        invoice.invoice_date_due = self.today - timedelta(days=31)
        self.run_daily()
        self.assertTrue(partner.channel_credit_hold)
        self.assertIn("31 days", partner.channel_credit_hold_reason)
        self.assertIn(partner, self.env["res.partner"].search([("channel_credit_hold", "=", True)]))
        self.pay(invoice, 100)
        self.run_daily()
        self.assertFalse(partner.channel_credit_hold)

    def test_what_the_daily_job_writes_reads_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["channel_credit"], ["zh_CN"])
        partner = self.distributor(10**6, channel_max_overdue_days=30, lang="zh_CN")
        self.invoice(partner, 100, days_overdue=45)
        self.run_daily()  # the job runs in English
        self.assertEqual(
            partner.with_context(lang="en_US").channel_credit_hold_reason,
            "Invoice overdue 45 days (allowed: 30).",
        )
        self.assertEqual(
            partner.with_context(lang="zh_CN").channel_credit_hold_reason,
            "发票逾期 45 天（允许：30 天）。",
        )
        order = self.order(partner, 10).with_context(lang="zh_CN")
        self.assertEqual(order.channel_credit_hold_reason, "发票逾期 45 天（允许：30 天）。")
        # Posted on the partner's record in the partner's language.
        self.assertTrue(partner.message_ids.filtered(lambda m: "发票逾期 45 天" in (m.body or "")))
        # A Credit Manager's own words stay as written.
        partner.with_user(self.credit_manager).channel_credit_hold_reason = "法人失联"
        self.assertEqual(partner.with_context(lang="en_US").channel_credit_hold_reason, "法人失联")
