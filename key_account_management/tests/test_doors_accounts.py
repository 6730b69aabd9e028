from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KamCase


@tagged("post_install", "-at_install")
class TestKeyAccountAccess(KamCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.customer("Rep A's account")
        cls.theirs = cls.customer("Rep B's account")
        cls.order(cls.mine, 100)
        cls.order(cls.theirs, 300)
        cls.env["res.partner"].kam_recompute_tiers()
        Account = cls.env["kam.account"]
        cls.my_account = Account.search([("partner_id", "=", cls.mine.id)])
        cls.their_account = Account.search([("partner_id", "=", cls.theirs.id)])
        cls.my_account.manager_id = cls.rep
        cls.their_account.manager_id = cls.rep_b

    def test_rep_sees_only_own_accounts(self):
        Account = self.env["kam.account"].with_user(self.rep)
        self.assertEqual(Account.search([]), self.my_account)
        with self.assertRaises(AccessError):
            self.their_account.with_user(self.rep).read(["revenue_12m"])
        with self.assertRaises(AccessError):
            self.their_account.with_user(self.rep).write({"purchase_potential": 1})
        self.assertEqual(self.my_account.with_user(self.rep).revenue_12m, 100)

    def test_rep_reads_no_key_account_data_through_the_partner(self):
        theirs = self.theirs.with_user(self.rep).with_company(self.company)
        self.assertFalse(theirs.kam_value_class)
        self.assertFalse(theirs.kam_revenue_12m)
        self.assertFalse(theirs.kam_tier_id)
        mine = self.mine.with_user(self.rep).with_company(self.company)
        self.assertEqual(mine.kam_revenue_12m, 100)
        self.assertEqual(mine.kam_value_class, "a")  # 75% before it: needed to reach 80%

    def test_rep_history_is_own_accounts_only(self):
        History = self.env["kam.tier.history"].with_user(self.rep)
        self.assertEqual(History.search([]).account_id, self.my_account)
        with self.assertRaises(AccessError):
            History.create({"account_id": self.my_account.id})

    def test_rep_cannot_delete_or_retier(self):
        with self.assertRaises(AccessError):
            self.my_account.with_user(self.rep).unlink()
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.rep).kam_recompute_tiers()
        with self.assertRaises(AccessError):
            self.tier_key.with_user(self.rep).write({"name": "Renamed"})

    def test_manager_sees_all(self):
        Account = self.env["kam.account"].with_user(self.manager)
        self.assertEqual(Account.search([]), self.my_account | self.their_account)
        self.env["res.partner"].with_user(self.manager).kam_recompute_tiers()

    def test_other_company_accounts_are_invisible(self):
        other = self.env["res.company"].create({"name": "Elsewhere Co"})
        foreign = self.env["kam.account"].create(
            {"partner_id": self.mine.id, "company_id": other.id, "manager_id": self.manager.id}
        )
        Account = self.env["kam.account"].with_user(self.manager)
        self.assertNotIn(foreign, Account.search([]))
        with self.assertRaises(AccessError):
            foreign.with_user(self.manager).read(["revenue_12m"])
