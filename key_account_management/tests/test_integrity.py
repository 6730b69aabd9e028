from odoo import fields
from odoo.tests import tagged

from .common import KamCase


@tagged("post_install", "-at_install")
class TestSetWiseWritersKeepTheCacheRight(KamCase):
    """The re-tiering and the care refresh write with SQL: the ORM must not keep stale values."""

    def test_edit_right_after_retiering_in_the_same_transaction(self):
        partner = self.customer("Cached Co")
        self.order(partner, 100)
        as_company = partner.with_company(self.company)
        self.assertFalse(as_company.kam_account_id)  # read, so the cache knows "no account"
        self.retier()
        as_company.kam_purchase_potential = 2000000.0
        account = self.account(partner)
        self.assertEqual(len(account), 1)
        self.assertEqual(account.purchase_potential, 2000000.0)
        self.assertEqual(as_company.kam_quadrant, "attack")
        self.assertEqual(account.revenue_12m, 100)

    def test_partner_care_fields_follow_the_care_refresh(self):
        partner = self.customer("Care Cached Co")
        account = self.env["kam.account"].create(
            {"partner_id": partner.id, "company_id": self.company.id, "manager_id": self.rep.id}
        )
        account.tier_id = self.tier_key
        self.tier_key.max_visit_days = 30
        as_company = partner.with_company(self.company)
        self.assertFalse(as_company.kam_care_status)
        today = fields.Date.context_today(self.env.user)
        self.env["kam.account"]._kam_refresh_care(self.company, today)
        self.assertEqual(as_company.kam_care_status, "ok")
        self.assertEqual(as_company.kam_next_visit_due, account.next_visit_due)
