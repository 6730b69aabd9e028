"""Complaints with a clock: the tier's targets, the customer kept informed at each step,
escalation once per missed target, satisfaction asked at closing."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .. import rules
from .common import IntegrityCase

RECEIVED = datetime(2027, 3, 1, 9, 0)


@tagged("post_install", "-at_install")
class TestComplaint(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sells = "sales_team.group_sale_salesman,key_account_management.group_kam_user"
        cls.owner = new_test_user(cls.env, "cp_owner", groups=sells, company_id=cls.company.id)
        cls.intruder = new_test_user(cls.env, "cp_other", groups=sells, company_id=cls.company.id)
        cls.tier_key.write({"complaint_response_hours": 4, "complaint_resolution_days": 3})
        cls.env["kam.account"].create(
            {
                "partner_id": cls.customer_a.id,
                "company_id": cls.company.id,
                "manager_id": cls.manager.id,
                "tier_id": cls.tier_key.id,
                "tier_locked": True,
                "tier_lock_reason": "test",
            }
        )
        cls.Complaint = cls.env["kam.complaint"]

    def complain(self, **vals):
        with freeze_time(RECEIVED):
            return self.Complaint.with_user(self.owner).create(
                {
                    "partner_id": self.customer_a.id,
                    "severity": "high",
                    "description": "Valves leak at 16 bar",
                    **vals,
                }
            )

    def tell(self, complaint, note="We are sending an engineer tomorrow"):
        return (
            self.env["kam.complaint.update"]
            .with_user(self.owner)
            .create({"complaint_id": complaint.id, "note": note})
        )

    def escalations(self, complaint):
        return complaint.activity_ids.filtered(lambda a: a.summary == "Complaint escalated")

    def test_the_tier_sets_the_clock(self):
        complaint = self.complain()
        self.assertEqual(complaint.tier_id, self.tier_key)
        self.assertEqual(complaint.response_due, RECEIVED + timedelta(hours=4))
        self.assertEqual(complaint.resolution_due, RECEIVED + timedelta(days=3))
        self.assertTrue(complaint.name.startswith("CP/"))
        # No tier: the company's targets.
        other = self.customer("Walk-in Buyer")
        self.company.write({"kam_complaint_response_hours": 24, "kam_complaint_resolution_days": 7})
        complaint = self.complain(partner_id=other.id)
        self.assertEqual(complaint.response_due, RECEIVED + timedelta(hours=24))
        self.assertEqual(complaint.resolution_due, RECEIVED + timedelta(days=7))

    def test_each_step_needs_the_customer_told(self):
        complaint = self.complain().with_user(self.owner)
        with self.assertRaisesRegex(UserError, "Keep the customer informed"):
            complaint.action_respond()
        self.assertEqual(complaint.state, "new")
        with freeze_time(RECEIVED + timedelta(hours=1)):
            self.tell(complaint)
            complaint.action_respond()
            self.assertEqual(complaint.state, "responded")
            # The update before the response does not count for the next step.
            with self.assertRaisesRegex(UserError, "Keep the customer informed"):
                complaint.action_resolve()
        with freeze_time(RECEIVED + timedelta(days=2)):
            self.tell(complaint, "Seals replaced, pressure test passed")
            complaint.action_resolve()
            wizard = Form(
                self.env["kam.complaint.close"]
                .with_user(self.owner)
                .with_context(default_complaint_id=complaint.id)
            )
            wizard.satisfaction = "4"
            wizard.note = "Thanked them; the maintenance plan follows"
            wizard.save().action_confirm()
        self.assertEqual((complaint.state, complaint.satisfaction), ("closed", "4"))
        self.assertFalse(complaint.response_late or complaint.resolution_late)
        self.assertEqual(len(complaint.update_ids), 3)
        with self.assertRaisesRegex(UserError, "reopen it"):
            self.tell(complaint)

    def test_closing_asks_the_satisfaction(self):
        complaint = self.complain()
        complaint.sudo().write({"state": "resolved", "resolved_on": RECEIVED})
        wizard = Form(
            self.env["kam.complaint.close"].with_context(default_complaint_id=complaint.id)
        )
        wizard.note = "Done"
        with self.assertRaises(AssertionError):  # the form refuses to save without it
            wizard.save()
        self.assertEqual(complaint.state, "resolved")

    def test_missed_targets_escalate_once_each(self):
        complaint = self.complain()
        self.owner.sale_team_id = False
        self.manager.tz = "Asia/Shanghai"
        with freeze_time(RECEIVED + timedelta(hours=4)):  # at the target: not late yet
            self.Complaint._cron_kam_complaint_clock()
        self.assertFalse(self.escalations(complaint))
        with freeze_time(RECEIVED + timedelta(hours=4, minutes=1)):
            self.assertTrue(complaint.response_late)
            self.Complaint._cron_kam_complaint_clock()
            self.Complaint._cron_kam_complaint_clock()
        escalated = self.escalations(complaint)
        self.assertEqual(escalated.user_id, self.manager, "the account's key-account manager")
        self.assertIn("no first response by", escalated.note)
        # The deadline reads as on the form: in the manager's time zone, not UTC.
        # (due 13:00 UTC is 21:00 in Beijing).
        self.assertEqual(complaint.response_due, RECEIVED + timedelta(hours=4))
        self.assertIn("by Mar 1, 2027, 9:00:00 PM", escalated.note)
        with freeze_time(RECEIVED + timedelta(days=3, minutes=1)):
            self.Complaint._cron_kam_complaint_clock()
        self.assertEqual(len(self.escalations(complaint)), 2)
        self.assertTrue(complaint.escalated_response and complaint.escalated_resolution)

    def test_silence_reminds_the_owner(self):
        self.company.kam_complaint_update_days = 3
        complaint = self.complain()
        with freeze_time(RECEIVED + timedelta(hours=2)):
            self.tell(complaint)
        with freeze_time(RECEIVED + timedelta(days=3, hours=1)):  # 2 h short of 3 days
            self.Complaint._cron_kam_complaint_clock()
        reminders = complaint.activity_ids.filtered(lambda a: "No news" in (a.summary or ""))
        self.assertFalse(reminders)
        with freeze_time(RECEIVED + timedelta(days=3, hours=3)):
            self.Complaint._cron_kam_complaint_clock()
            self.Complaint._cron_kam_complaint_clock()
        reminders = complaint.activity_ids.filtered(lambda a: "No news" in (a.summary or ""))
        self.assertEqual(reminders.user_id, self.owner)

    def test_the_clock_cannot_be_moved(self):
        complaint = self.complain()
        names = ["state", "response_due", "resolution_due", "date_received", "satisfaction"]
        for vals in (
            {"state": "closed"},
            {"response_due": RECEIVED + timedelta(days=30)},
            {"satisfaction": "5"},
            {"escalated_response": True},
        ):
            with self.subTest(vals=vals):
                self.assert_refused(
                    AccessError,
                    "moves through its buttons",
                    lambda vals=vals: complaint.with_user(self.owner).write(vals),
                    complaint,
                    names,
                )
        self.assert_refused(
            AccessError,
            "clock starts when",
            lambda: complaint.with_user(self.owner).write(
                {"date_received": RECEIVED + timedelta(days=2)}
            ),
            complaint,
            names,
        )
        with freeze_time(RECEIVED):
            self.assert_refused(
                ValidationError,
                "within a week of receiving it",
                lambda: self.Complaint.with_user(self.owner).create(
                    {
                        "partner_id": self.customer_a.id,
                        "description": "x",
                        "date_received": RECEIVED + timedelta(days=1),
                    }
                ),
                model="kam.complaint",
            )
        self.assert_refused(
            AccessError,
            "moves through its buttons",
            lambda: self.Complaint.with_user(self.owner).create(
                {"partner_id": self.customer_a.id, "description": "x", "state": "closed"}
            ),
            model="kam.complaint",
        )
        update = self.tell(complaint)
        self.assert_refused(
            UserError,
            "stays as logged",
            lambda: update.with_user(self.owner).write({"note": "rewritten"}),
            update,
            ["note"],
        )

    def test_context_defaults_do_not_move_the_clock(self):
        forged = (
            self.Complaint.with_user(self.owner)
            .with_context(
                default_state="closed",
                default_satisfaction="5",
                default_escalated_response=True,
                default_responded_on="2027-03-01 09:00:00",
            )
            .create({"partner_id": self.customer_a.id, "description": "x"})
        )
        self.assertEqual(
            (forged.state, forged.satisfaction, forged.escalated_response, forged.responded_on),
            ("new", False, False, False),
        )
        update = (
            self.env["kam.complaint.update"]
            .with_user(self.owner)
            .with_context(
                default_date="2099-01-01", default_user_id=self.manager.id, default_step="resolved"
            )
            .create({"complaint_id": forged.id, "note": "Called them"})
        )
        self.assertEqual((update.user_id, update.step), (self.owner, "new"))
        self.assertLess(update.date, fields.Datetime.now() + timedelta(minutes=1))
        self.assert_refused(
            AccessError,
            "moves through its buttons",
            lambda: forged.with_user(self.owner).write({"last_update": "2099-01-01"}),
            forged,
            ["last_update"],
        )
        with self.assertRaisesRegex(ValidationError, "a complaint is the customer company's"):
            self.Complaint.create({"partner_id": self.buyer.id, "description": "x"})

    def test_only_the_owner_or_a_manager_moves_it(self):
        complaint = self.complain()
        self.tell(complaint)
        with self.assertRaises(AccessError):
            complaint.with_user(self.intruder).action_respond()
        complaint.with_user(self.manager).action_respond()
        self.assertEqual(complaint.state, "responded")

    def test_target_missed_rule(self):
        due = datetime(2027, 3, 1, 13, 0)
        self.assertFalse(rules.target_missed(due, None, due))
        self.assertTrue(rules.target_missed(due, None, due + timedelta(seconds=1)))
        self.assertFalse(rules.target_missed(due, due, due + timedelta(days=9)))
        self.assertTrue(rules.target_missed(due, due + timedelta(minutes=1), due))
        self.assertFalse(rules.target_missed(False, None, due))

    def test_the_account_counts_its_complaints(self):
        self.complain()
        closed = self.complain()
        closed.sudo().write({"state": "closed"})
        account = self.account(self.customer_a)
        self.assertEqual((account.complaint_open_count, account.complaint_count), (1, 2))
