"""Partners: the hierarchy cannot launder credit, credit values are a Credit Manager's (and
Odoo's own partner and user creation still works), credit figures are for sales and
accounting users only, and reports show a rep the same distributors.

Who can write partners: any contact editor (base.group_partner_manager, every salesperson),
invoicing users (Odoo's credit limit outside credit control), administrators creating users
and companies (Odoo's own partner creation), merges; each tried as that role."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestPartnerDoors(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.distrib = cls.distributor(100, "block")
        cls.contact = cls.env["res.partner"].create({"name": "Buyer", "parent_id": cls.distrib.id})
        cls.other = cls.env["res.partner"].create({"name": "Shell Co", "is_company": True})
        cls.accountant = new_test_user(
            cls.env,
            "cc_accountant",
            groups="account.group_account_invoice,base.group_partner_manager",
        )
        cls.employee = new_test_user(
            cls.env, "cc_employee", groups="base.group_user,base.group_partner_manager"
        )

    def assertLaunderingRefused(self, partner, vals):
        self.assert_refused(
            AccessError,
            "Only Credit Managers can move",
            lambda: partner.with_user(self.seller).write(vals),
            partner,
            ["parent_id", "is_company", "commercial_partner_id"],
        )

    def test_a_contact_cannot_leave_its_distributor(self):
        self.assertLaunderingRefused(self.contact, {"parent_id": False})
        self.assertLaunderingRefused(self.contact, {"parent_id": self.other.id})
        self.assertLaunderingRefused(self.contact, {"is_company": True})
        self.assertLaunderingRefused(self.contact, {"commercial_partner_id": self.contact.id})

    def test_the_distributor_cannot_become_a_contact(self):
        self.assertLaunderingRefused(self.distrib, {"parent_id": self.other.id})
        self.assertLaunderingRefused(self.distrib, {"is_company": False})

    def test_a_new_contact_cannot_name_its_commercial_entity(self):
        with self.assertRaisesRegex(AccessError, "Only Credit Managers can move"):
            self.env["res.partner"].with_user(self.seller).create(
                {"name": "Twin", "parent_id": self.distrib.id, "commercial_partner_id": False}
            )

    def test_what_stays_allowed(self):
        # The same values, a new contact under the distributor, partners outside control.
        self.contact.with_user(self.seller).write(
            {"parent_id": self.distrib.id, "is_company": False, "name": "Buyer Li"}
        )
        new = (
            self.env["res.partner"]
            .with_user(self.seller)
            .create({"name": "Clerk", "parent_id": self.distrib.id})
        )
        self.assertEqual(new.commercial_partner_id, self.distrib)
        free_contact = self.env["res.partner"].create({"name": "Pat", "parent_id": self.other.id})
        free_contact.with_user(self.seller).write({"parent_id": False})
        # Credit Managers may restructure.
        self.contact.with_user(self.credit_manager).write({"parent_id": self.other.id})
        self.assertEqual(self.contact.commercial_partner_id, self.other)

    def test_credit_values_unchanged_or_default_pass(self):
        seller_distrib = self.distrib.with_user(self.seller)
        seller_distrib.write({"channel_credit_policy": "block", "channel_max_overdue_days": 30})
        with self.assertRaisesRegex(AccessError, "Only Credit Managers"):
            seller_distrib.write({"channel_max_overdue_days": 31})
        copy = seller_distrib.copy()
        self.assertFalse(copy.with_user(self.credit_manager).channel_credit_policy)
        user = new_test_user(self.env(user=self.env.ref("base.user_admin")), "cc_new_user")
        self.assertTrue(user.partner_id)
        with self.assertRaisesRegex(AccessError, "Only Credit Managers"):
            self.env["res.partner"].with_user(self.seller).create(
                {
                    "name": "Self-granted",
                    "channel_temp_limit": 10**6,
                    "channel_temp_limit_until": self.today,
                }
            )

    def test_accountants_keep_odoos_credit_limit_outside_credit_control(self):
        self.other.with_user(self.accountant).credit_limit = 500
        self.assertEqual(self.other.credit_limit, 500)
        with self.assertRaisesRegex(AccessError, "Only Credit Managers"):
            self.distrib.with_user(self.accountant).credit_limit = 500
        self.assertEqual(self.distrib.credit_limit, 100)

    def test_credit_figures_are_for_sales_and_accounting(self):
        for user in (self.seller, self.accountant):
            partner = self.distrib.with_user(user)
            self.assertEqual(partner.channel_credit_policy, "block")
            self.assertEqual(partner.channel_effective_limit, 100)
        employee_view = self.distrib.with_user(self.employee)
        self.assertEqual(employee_view.name, "Distributor")
        for name in ("channel_credit_policy", "channel_credit_exposure", "channel_credit_hold"):
            with self.assertRaises(AccessError):
                employee_view.read([name])
        # An employee can still create partners (the credit constraints read as the system).
        self.env["res.partner"].with_user(self.employee).create({"name": "Courier"})

    def test_aging_and_workbook_show_a_rep_the_same_distributors(self):
        mine = self.distrib
        theirs = self.distributor(100, "block", user_id=self.credit_manager.id)
        self.invoice(mine, 10)
        self.invoice(theirs, 10)
        aging = self.env["channel.credit.aging"].with_user(self.seller).search([])
        workbook_domain = [("channel_credit_policy", "!=", False), ("is_company", "=", True)]
        workbook = (
            self.env["res.partner"]
            .with_user(self.seller)
            .search(
                workbook_domain
                + self.env["res.partner"].with_user(self.seller)._channel_my_distributors_domain()
            )
        )
        self.assertIn(mine, aging.partner_id)
        self.assertNotIn(theirs, aging.partner_id)
        self.assertEqual(aging.partner_id & (mine | theirs), workbook & (mine | theirs))

    def test_merging_across_a_credit_line(self):
        self.contact.email = self.other.email = "buyer@example.com"
        Wizard = self.env["base.partner.merge.automatic.wizard"].with_user(self.seller)
        with self.assertRaisesRegex(AccessError, "Only Credit Managers can move"):
            Wizard._merge((self.contact | self.other).ids, dst_partner=self.other)
        self.assertTrue(self.contact.exists())
        self.assertEqual(self.contact.commercial_partner_id, self.distrib)

    def test_no_default_makes_credit_decisions(self):
        Partner = self.env["res.partner"].with_user(self.seller)
        for key, value in (
            ("default_channel_credit_policy", "warn"),
            ("default_channel_credit_grade", "aaa"),
            ("default_channel_credit_hold", True),
        ):
            with self.assertRaisesRegex(AccessError, "Only Credit Managers"):
                Partner.with_context(**{key: value}).create({"name": "Defaulted"})
        self.env["ir.default"].with_user(self.seller).set(
            "res.partner", "channel_credit_term_days", 120, user_id=True
        )
        with self.assertRaisesRegex(AccessError, "Only Credit Managers"):
            Partner.create({"name": "Graded", "is_company": True})
        self.assertFalse(self.env["res.partner"].search([("name", "in", ("Defaulted", "Graded"))]))

    def test_no_new_company_among_a_distributors_contacts(self):
        with self.assertRaisesRegex(AccessError, "Only Credit Managers can move"):
            self.env["res.partner"].with_user(self.seller).create(
                {"name": "Branch Ltd", "is_company": True, "parent_id": self.distrib.id}
            )
