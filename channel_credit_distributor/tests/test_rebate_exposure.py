"""A settled rebate lowers what the distributor owes (its credit exposure) only when its
credit note is posted; a draft one lowers nothing."""

from datetime import date

from odoo import Command
from odoo.addons.distributor_management.tests.common import MoneyCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRebateExposure(MoneyCase):
    def test_the_credit_note_lowers_exposure_once_posted(self):
        self.contract.rebate_tier_ids = [Command.create({"attainment_from": 100, "rate": 2})]
        self.approve(self.contract)
        invoice = self.invoice([(self.valve, 130_000)], date(2026, 2, 1))
        self.pay(invoice, 110_000, date(2026, 3, 15))
        self.target.flush_recordset()
        rebate = self.env["distributor.rebate"]._accrue(self.target)
        self.assertEqual(rebate.amount, 2_200)
        credit_manager = new_test_user(
            self.env, "dm_credit", groups="channel_credit.group_channel_credit_manager"
        )

        def exposure():
            partner = self.partner.with_user(credit_manager)
            partner.invalidate_recordset()
            return partner.channel_exposure_receivable, partner.channel_credit_exposure

        self.assertEqual(exposure()[0], 20_000)
        rebate.with_user(self.manager).action_approve()
        rebate.with_user(self.manager).action_settle()
        self.assertEqual(exposure()[0], 20_000, "a draft credit note lowers nothing")
        before = exposure()[1]
        rebate.sudo().move_id.action_post()
        self.assertEqual(exposure(), (17_800, before - 2_200))
