"""Records stay where they belong, and reads follow the rule the record rules state.

- A complaint's company comes from its customer at creation and never moves (its owner,
  key-account reps and managers write complaints; each tried).
- Offense/defense plan periods never overlap, also for two key-account managers saving at the
  same moment (a lock on the company row: the second fails to serialize, its retry sees the
  first plan).
- A relationship profile's personal notes are read by whoever may read the profile: its
  keeper, the account's rep and key-account managers; another rep reads none of it.
"""

import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged

from .common import IntegrityCase


@tagged("post_install", "-at_install")
class TestRecordsStay(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sells = "sales_team.group_sale_salesman,key_account_management.group_kam_user"
        cls.owner = new_test_user(cls.env, "rs_owner", groups=sells, company_id=cls.company.id)
        cls.other_company = cls.env["res.company"].create({"name": "Branch Co"})
        cls.owner.company_ids |= cls.other_company
        cls.manager.company_ids |= cls.other_company

    def complain(self, partner):
        # Both companies selected, the main one current (as the company switcher does).
        Complaint = (
            self.env["kam.complaint"]
            .with_user(self.owner)
            .with_context(allowed_company_ids=(self.company | self.other_company).ids)
        )
        return Complaint.create({"partner_id": partner.id, "description": "Valves leak at 16 bar"})

    def test_a_complaint_is_its_customers_company_and_stays(self):
        branch_customer = self.env["res.partner"].create(
            {"name": "Branch Customer", "is_company": True, "company_id": self.other_company.id}
        )
        # Logged while working in the main company: it is the customer's company's.
        complaint = self.complain(branch_customer)
        self.assertEqual(complaint.company_id, self.other_company)
        shared = self.complain(self.customer_a)
        self.assertEqual(shared.company_id, self.company)
        for user in (self.owner, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, "stays in the company"),
            ):
                shared.with_user(user).write({"company_id": self.other_company.id})
        self.assertEqual(shared.company_id, self.company)

    def test_personal_notes_follow_the_profiles_rule(self):
        account = self.env["kam.account"].create(
            {
                "partner_id": self.customer_a.id,
                "company_id": self.company.id,
                "manager_id": self.rep.id,
            }
        )
        person = self.env["res.partner"].create(
            {"name": "Mr Qian", "parent_id": self.customer_a.id}
        )
        profile = self.env["kam.relationship"].create(
            {
                "partner_id": person.id,
                "company_id": self.company.id,
                "user_id": self.owner.id,
                "personal_notes": "Daughter's wedding in May",
            }
        )
        self.assertEqual(profile.account_id, account)
        for user in (self.owner, self.rep, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(
                    profile.with_user(user).personal_notes, "Daughter's wedding in May"
                )
        with self.assertRaises(AccessError):
            profile.with_user(self.rep_b).read(["personal_notes"])


@tagged("post_install", "-at_install")
class TestConcurrentPlans(BaseCase):
    """Two key-account managers save overlapping plans of one company at the same moment, in
    two database transactions: only one is kept."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.today = fields.Date.today()
        self.addCleanup(self.remove_committed_data)

    def remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["kam.resource.plan"].with_context(active_test=False).search(
                [("name", "like", "Concurrent plan")]
            ).unlink()

    def plan(self, env, name):
        return env["kam.resource.plan"].create(
            {
                "name": name,
                "company_id": env.ref("base.main_company").id,
                "date_from": self.today.replace(year=2031, month=1, day=1),
                "date_to": self.today.replace(year=2031, month=3, day=31),
            }
        )

    def test_only_one_of_two_overlapping_plans_is_kept(self):
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        try:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            env2["res.company"].browse(1).read(["name"])  # the second transaction has begun
            self.plan(env1, "Concurrent plan A").flush_recordset()
            outcome = {}

            def save_second():
                try:
                    self.plan(env2, "Concurrent plan B").flush_recordset()
                    outcome["result"] = "saved"
                except Exception as error:  # noqa: BLE001 - the outcome is asserted below
                    outcome["result"] = error

            thread = threading.Thread(target=save_second)
            thread.start()
            thread.join(2)
            self.assertTrue(thread.is_alive(), "the second save must wait for the first")
            cr1.commit()
            thread.join(30)
            self.assertFalse(thread.is_alive())
            self.assertIsInstance(outcome["result"], SerializationFailure)
            cr2.rollback()
            # The retry (what Odoo's RPC layer does) sees the first plan and refuses.
            with self.assertRaisesRegex(ValidationError, "overlaps another plan"):
                self.plan(env2, "Concurrent plan B").flush_recordset()
            cr2.rollback()
        finally:
            cr1.close()
            cr2.close()
