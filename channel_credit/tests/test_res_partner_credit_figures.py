"""The suggested limit (models/res_partner_credit_figures.py); exposure and overdue are in
test_exposure."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestSuggestedLimit(CreditCase):
    def test_suggested_limit_and_apply(self):
        partner = self.distributor(200000, channel_credit_grade="aa", channel_credit_term_days=60)
        self.invoice(partner, 360000)  # 60,000 a month over 6 months
        self.assertAlmostEqual(partner.channel_suggested_limit, 60000 * 2 * 1.3)
        self.company.channel_factor_aa = 1.0
        partner.invalidate_recordset()
        self.assertAlmostEqual(partner.channel_suggested_limit, 120000)
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).action_channel_review_suggested_limit()
        with self.assertRaises(AccessError):
            partner.with_user(self.seller).action_channel_apply_suggested_limit()
        action = partner.with_user(self.credit_manager).action_channel_review_suggested_limit()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.credit_manager)
            .with_context(**action["context"])
            .create({})
        )
        # A lower suggestion is a Credit Manager's call; a higher one starts a credit review.
        self.assertEqual(
            (wizard.old_limit, wizard.new_limit, wizard.is_raise), (200000, 120000, False)
        )
        wizard.action_apply()
        self.assertAlmostEqual(partner.credit_limit, 120000)
        self.assertIn("200,000.00 → ", partner.message_ids[0].body)

    def test_suggested_limit_counts_what_was_ordered(self):
        # Invoices are capped by the limit; the orders show what the distributor buys.
        partner = self.distributor(10**7, channel_credit_grade="aa", channel_credit_term_days=30)
        self.company.channel_factor_aa = 1.0
        self.invoice(partner, 60000)
        order = self.order(partner, 120000)
        order.action_confirm()
        partner.invalidate_recordset()
        self.assertAlmostEqual(partner.channel_suggested_limit, 20000)  # 120,000 / 6 months
        self.assertIn("20,000.00", partner.channel_suggested_limit_basis)
        self.assertIn("120,000.00 ordered", partner.channel_suggested_limit_basis)
        self.assertIn("60,000.00 invoiced", partner.channel_suggested_limit_basis)

    def test_no_history_gives_no_suggestion(self):
        partner = self.distributor(1000, channel_credit_grade="aa", channel_credit_term_days=60)
        self.assertFalse(partner.channel_has_suggested_limit)
        for action in (
            "action_channel_review_suggested_limit",
            "action_channel_apply_suggested_limit",
        ):
            with self.assertRaisesRegex(UserError, "no suggested limit"):
                getattr(partner.with_user(self.credit_manager), action)()
        self.assertEqual(partner.credit_limit, 1000)
        # A refund larger than the sales is no history either.
        self.invoice(partner, 500, move_type="out_refund")
        partner.invalidate_recordset()
        self.assertFalse(partner.channel_has_suggested_limit)
