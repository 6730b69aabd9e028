from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import KamCase


@tagged("post_install", "-at_install")
class TestTiering(KamCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 50 / 30 / 15 / 5: cumulative 50%, 80%, 95%, 100%.
        cls.big = cls.customer("Big SOE")
        cls.mid = cls.customer("Mid FIE")
        cls.small = cls.customer("Small Distributor")
        cls.tiny = cls.customer("Tiny Retailer")
        for partner, amount in ((cls.big, 500), (cls.mid, 300), (cls.small, 150), (cls.tiny, 50)):
            cls.order(partner, amount)

    def classes(self):
        return [self.account(p).value_class for p in (self.big, self.mid, self.small, self.tiny)]

    def test_pareto_classes_at_the_thresholds(self):
        self.retier()
        self.assertEqual(self.classes(), ["a", "a", "b", "c"])
        self.assertEqual(self.account(self.big).revenue_12m, 500)

    def test_the_account_that_crosses_a_threshold_is_in_its_class(self):
        # mid crosses 80% (49.5% before it): still A; small starts at 80.2%: B; tiny at
        # 95.0495%: C.
        self.order(self.mid, 10)
        self.retier()
        self.assertEqual(self.classes(), ["a", "a", "b", "c"])

    def test_a_dominant_customer_is_class_a(self):
        self.order(self.big, 20000)  # 97.5% of the total
        self.retier()
        self.assertEqual(self.classes(), ["a", "c", "c", "c"])

    def test_thresholds_are_company_settings(self):
        self.company.write({"kam_class_a_threshold": 0.5, "kam_class_b_threshold": 0.8})
        self.retier()
        self.assertEqual(self.classes(), ["a", "b", "c", "c"])

    def test_only_confirmed_orders_of_the_last_12_months_count(self):
        self.order(self.tiny, 1000, confirm=False)
        self.order(self.tiny, 1000)._action_cancel()
        self.order(self.tiny, 1000, date=self.months_ago(13))
        self.order(self.tiny, 7, date=self.months_ago(11))
        self.retier()
        self.assertEqual(self.account(self.tiny).revenue_12m, 57)

    def test_orders_of_contacts_count_for_their_company(self):
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": self.tiny.id})
        self.order(contact, 25)
        self.retier()
        self.assertEqual(self.account(self.tiny).revenue_12m, 75)
        self.assertFalse(self.account(contact))
        self.assertEqual(contact.with_company(self.company).kam_revenue_12m, 75)

    def test_foreign_currency_orders_are_converted(self):
        usd = self.env.ref("base.USD")
        usd.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": usd.id,
                "company_id": self.company.id,
                "rate": 0.125,
                "name": "2000-01-01",
            }
        )
        self.order(self.tiny, 10, currency=usd)  # 10 USD at 0.125 USD per CNY = 80 CNY
        self.retier()
        self.assertAlmostEqual(self.account(self.tiny).revenue_12m, 130, places=2)

    def test_posted_invoices_as_revenue_source(self):
        company = self.env.ref("base.main_company")
        company.kam_revenue_source = "invoice"
        partner = self.customer("Invoiced Only")
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "invoice_line_ids": [
                        (0, 0, {"name": "Valve", "quantity": 2, "price_unit": 40, "tax_ids": False})
                    ],
                }
            )
        )
        move.action_post()
        refund = move._reverse_moves()
        refund.invoice_line_ids.price_unit = 10
        refund.action_post()
        self.order(partner, 999, company=company)  # orders no longer count
        self.retier()
        self.assertEqual(self.account(partner, company).revenue_12m, 60)

    def test_each_quadrant(self):
        self.company.kam_potential_threshold = 1000
        cases = {self.big: 1000, self.mid: 500, self.small: 150, self.tiny: 900}
        # shares: 500/1000=50% high, 300/500=60% high, 150/150 capped 100%, 50/900 low
        self.retier()
        for partner, potential in cases.items():
            self.account(partner).purchase_potential = potential
        quadrants = [self.account(p).quadrant for p in cases]
        self.assertEqual(quadrants, ["defend", "maintain", "maintain", "abandon"])
        self.account(self.tiny).purchase_potential = 1000
        self.assertEqual(self.account(self.tiny).quadrant, "attack")
        self.assertAlmostEqual(self.account(self.tiny).wallet_share, 0.05)
        self.account(self.tiny).purchase_potential = 0
        self.assertFalse(self.account(self.tiny).quadrant)

    def test_threshold_change_moves_quadrants(self):
        self.retier()
        account = self.account(self.big)
        self.company.kam_potential_threshold = 1000
        account.purchase_potential = 2000  # share 25%
        self.assertEqual(account.quadrant, "attack")
        self.company.kam_share_threshold = 0.25
        self.assertEqual(account.quadrant, "defend")
        self.company.kam_potential_threshold = 2000.01
        self.assertEqual(account.quadrant, "maintain")

    def test_tiers_follow_the_rules(self):
        self.account_inputs(self.big, brand_influence=True)
        self.account_inputs(self.tiny, potential_score=70)
        self.retier()
        tiers = [self.account(p).tier_id for p in (self.big, self.mid, self.small, self.tiny)]
        self.assertEqual(
            tiers, [self.tier_strategic, self.tier_key, self.tier_key, self.tier_growth]
        )
        self.assertTrue(self.big.with_company(self.company).kam_is_key_account)
        self.account(self.tiny).potential_score = 69
        self.retier()
        self.assertEqual(self.account(self.tiny).tier_id, self.tier_standard)
        self.assertFalse(self.account(self.tiny).is_key_account)

    def account_inputs(self, partner, **vals):
        self.env["kam.account"].create(
            {"partner_id": partner.id, "company_id": self.company.id, **vals}
        )

    def test_pinned_tier_survives_retiering(self):
        self.retier()
        account = self.account(self.tiny)
        self.assertEqual(account.tier_id, self.tier_standard)
        account.with_user(self.manager).write(
            {
                "tier_id": self.tier_strategic.id,
                "tier_locked": True,
                "tier_lock_reason": "Group headquarters decision",
            }
        )
        self.retier()
        self.assertEqual(account.tier_id, self.tier_strategic)
        manual = account.history_ids.filtered(lambda h: h.reason == "manual")
        self.assertEqual(manual.new_tier_id, self.tier_strategic)
        self.assertEqual(manual.old_tier_id, self.tier_standard)
        self.assertEqual(manual.note, "Group headquarters decision")
        account.with_user(self.manager).tier_locked = False
        self.retier()
        self.assertEqual(account.tier_id, self.tier_standard)

    def test_pin_needs_a_reason_and_a_manager(self):
        self.retier()
        account = self.account(self.tiny)
        with (
            self.assertRaisesRegex(ValidationError, "needs a tier and a reason"),
            self.cr.savepoint(),
        ):
            account.write({"tier_id": self.tier_key.id, "tier_locked": True})
        account.invalidate_recordset()
        account.manager_id = self.rep
        with self.assertRaisesRegex(AccessError, "Only key-account managers"):
            account.with_user(self.rep).write({"tier_id": self.tier_key.id})
        self.assertEqual(account.tier_id, self.tier_standard)
        self.assertFalse(account.tier_locked)

    def test_history_only_for_changes(self):
        self.retier()
        History = self.env["kam.tier.history"]
        first = History.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(first), 4)
        big = first.filtered(lambda h: h.partner_id == self.big)
        self.assertEqual((big.old_tier_id, big.new_tier_id), (self.env["kam.tier"], self.tier_key))
        self.assertEqual(
            (big.old_value_class, big.new_value_class, big.reason), (False, "a", "auto")
        )
        self.retier()
        self.assertEqual(History.search_count([("company_id", "=", self.company.id)]), 4)
        # Big grows to 5,500 of 6,000: mid starts at 91.7% (A -> B, tier Key unchanged); small
        # at 96.7% (B -> C, Key -> Standard).
        self.order(self.big, 5000)
        self.retier()
        new = History.search([("company_id", "=", self.company.id)]) - first
        self.assertEqual(new.partner_id, self.mid | self.small)
        small = new.filtered(lambda h: h.partner_id == self.small)
        self.assertEqual(
            (small.old_tier_id, small.new_tier_id), (self.tier_key, self.tier_standard)
        )

    def test_restricted_recompute_still_ranks_the_whole_company(self):
        (self.big | self.tiny).kam_recompute_tiers()
        self.assertFalse(self.account(self.mid))
        self.assertEqual(self.account(self.big).value_class, "a")
        self.assertEqual(self.account(self.tiny).value_class, "c")

    def test_cron_batches_report_progress(self):
        Account = self.env["kam.account"]
        self.assertEqual(Account._kam_recompute_company(self.company, limit=3), (3, 1))
        self.assertEqual(Account._kam_recompute_company(self.company, limit=3), (1, 0))
        self.assertEqual(Account._kam_recompute_company(self.company), (0, 0))
        cron = self.env.ref("key_account_management.ir_cron_kam_recompute_tiers")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))

    def test_scheduled_action_runs(self):
        cron = self.env.ref("key_account_management.ir_cron_kam_recompute_tiers")
        cron.method_direct_trigger()
        self.assertEqual(self.classes(), ["a", "a", "b", "c"])

    def test_multi_company_results_are_separate(self):
        other = self.env["res.company"].create(
            {"name": "KAM Other Co", "kam_class_a_threshold": 0.9, "kam_class_b_threshold": 0.95}
        )
        self.order(self.tiny, 900, company=other)
        self.order(self.big, 100, company=other)
        self.retier()  # the superuser (like the scheduled action) re-tiers every company
        self.assertEqual(self.account(self.tiny).value_class, "c")
        self.assertEqual(self.account(self.tiny, other).value_class, "a")
        self.assertEqual(self.account(self.big, other).value_class, "b")  # 90% before it
        self.assertEqual(self.account(self.big).value_class, "a")
        self.assertEqual(self.account(self.tiny, other).revenue_12m, 900)
        self.assertEqual(self.tiny.with_company(other).kam_value_class, "a")
        self.assertEqual(self.tiny.with_company(other).kam_revenue_12m, 900)
        self.assertEqual(self.tiny.with_company(self.company).kam_revenue_12m, 50)
        self.assertFalse(self.account(self.tiny, other).tier_id)  # no tiers in that company

    def test_partner_fields_write_through_and_search(self):
        # Editing a customer's card takes contact rights: a salesperson has them.
        seller = new_test_user(
            self.env,
            "kam_seller",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
        )
        partner = self.customer("New Prospect").with_company(self.company)
        self.assertFalse(partner.kam_account_id)
        partner.with_user(seller).write(
            {"kam_potential_score": 80, "kam_purchase_potential": 5_000_000}
        )
        account = self.account(partner)
        self.assertEqual(account.manager_id, seller)
        self.assertEqual((account.potential_score, account.quadrant), (80, "attack"))
        Partner = self.env["res.partner"].with_company(self.company)
        self.assertIn(partner, Partner.search([("kam_quadrant", "=", "attack")]))
        self.assertNotIn(partner, Partner.search([("kam_quadrant", "=", "defend")]))
        self.assertIn(self.big, Partner.search([("kam_quadrant", "=", False)]))
        self.assertIn(partner, Partner.search([("kam_manager_id", "=", seller.id)]))

    def test_potential_score_from_judgements_in_the_form(self):
        with Form(self.env["kam.account"].with_user(self.rep)) as form:
            form.partner_id = self.big
            form.potential_growth = "100"
            form.potential_concept = "50"
            form.potential_industry = "75"
            self.assertEqual(form.potential_score, 75)
        self.assertEqual(self.account(self.big).potential_score, 75)
        self.assertEqual(self.account(self.big).manager_id, self.rep)


@tagged("post_install", "-at_install")
class TestBadInput(KamCase):
    def assert_write_refused(self, record, vals, message):
        self.assert_refused(ValidationError, message, lambda: record.write(vals), record, vals)

    def test_company_thresholds(self):
        c = self.company
        self.assert_write_refused(c, {"kam_potential_threshold": -1}, "cannot be negative")
        self.assert_write_refused(c, {"kam_class_a_threshold": 0.95}, "must be lower than")
        self.assert_write_refused(c, {"kam_class_a_threshold": 0.96}, "must be lower than")
        self.assert_write_refused(c, {"kam_class_b_threshold": 1.2}, "between 0% and 100%")
        self.assert_write_refused(c, {"kam_class_a_threshold": -0.1}, "between 0% and 100%")
        self.assert_write_refused(c, {"kam_share_threshold": 1.01}, "between 0% and 100%")
        self.assert_write_refused(c, {"kam_share_threshold": -0.01}, "between 0% and 100%")
        self.assert_write_refused(c, {"kam_alloc_abandon": 0.1}, "add up to 100%")
        self.assert_write_refused(
            c, {"kam_alloc_attack": 1.2, "kam_alloc_defend": -0.4}, "between 0% and 100%"
        )
        c.write(
            {
                "kam_class_a_threshold": 0.94,
                "kam_share_threshold": 1.0,
                "kam_alloc_attack": 0.5,
                "kam_alloc_maintain": 0.1,
            }
        )
        self.assertEqual(c.kam_class_a_threshold, 0.94)

    def test_account_inputs(self):
        account = self.env["kam.account"].create(
            {"partner_id": self.customer("X").id, "company_id": self.company.id}
        )
        self.assert_write_refused(account, {"potential_score": 101}, "between 0 and 100")
        self.assert_write_refused(account, {"potential_score": -1}, "between 0 and 100")
        self.assert_write_refused(account, {"purchase_potential": -0.01}, "cannot be negative")
        account.potential_score = 100
        self.assertEqual(account.potential_score, 100)

    def test_contact_cannot_be_a_key_account(self):
        contact = self.env["res.partner"].create({"name": "C", "parent_id": self.customer("P").id})
        with self.assertRaisesRegex(ValidationError, "is a contact"):
            self.env["kam.account"].create(
                {"partner_id": contact.id, "company_id": self.company.id}
            )

    def test_tier_rules(self):
        self.assert_write_refused(
            self.tier_growth, {"rule_min_potential": 101}, "between 0 and 100"
        )
        self.assert_write_refused(self.tier_growth, {"rule_min_potential": -1}, "between 0 and 100")
        self.assert_write_refused(
            self.tier_key, {"min_visit_days": 40, "max_visit_days": 30}, "exceed the maximum"
        )
        self.assert_write_refused(self.tier_key, {"min_visit_days": -1}, "cannot be negative")
        self.assert_write_refused(self.tier_key, {"resource_weight": -1}, "cannot be negative")

    def test_complaint_churn_and_care_settings(self):
        """Each setting refuses a value just outside its range with its message, and takes the
        values at its edges."""
        c = self.company
        for vals, message in (
            ({"kam_complaint_response_hours": 0}, "within 1 to 720 hours"),
            ({"kam_complaint_response_hours": 721}, "within 1 to 720 hours"),
            ({"kam_complaint_resolution_days": 0}, "resolved within 1 to 365 days"),
            ({"kam_complaint_resolution_days": 366}, "resolved within 1 to 365 days"),
            ({"kam_complaint_update_days": 61}, "every 1 to 60 days"),
            ({"kam_churn_window_days": 6}, "window is 7 to 365 days"),
            ({"kam_churn_window_days": 366}, "window is 7 to 365 days"),
            ({"kam_churn_drop": 1.0}, "drop signals are between 0% and 100%"),
            ({"kam_churn_share_drop": 0.0}, "drop signals are between 0% and 100%"),
            ({"kam_churn_overdue_factor": 0.99}, "after 1 to 10 usual intervals"),
            ({"kam_churn_overdue_factor": 10.01}, "after 1 to 10 usual intervals"),
        ):
            with self.subTest(vals=vals):
                self.assert_write_refused(c, vals, message)
        c.write(
            {
                "kam_complaint_response_hours": 720,
                "kam_complaint_resolution_days": 1,
                "kam_complaint_update_days": 60,
                "kam_churn_window_days": 7,
                "kam_churn_overdue_factor": 10,
            }
        )
        self.assertEqual((c.kam_complaint_response_hours, c.kam_churn_window_days), (720, 7))
        tier = self.tier_key
        self.assert_write_refused(tier, {"care_days_ahead": 61}, "between 0 and 60 days ahead")
        self.assert_write_refused(tier, {"care_days_ahead": -1}, "between 0 and 60 days ahead")
        self.assert_write_refused(tier, {"complaint_response_hours": 721}, "within 0 to 720 hours")
        self.assert_write_refused(tier, {"complaint_resolution_days": -1}, "within 0 to 365 days")
        tier.write({"care_days_ahead": 60, "complaint_response_hours": 0})
        self.assertEqual((tier.care_days_ahead, tier.complaint_response_hours), (60, 0))
