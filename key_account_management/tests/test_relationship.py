"""客情: a relationship profile per person, read by every deal's role map, with its care
reminders."""

from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .. import rules
from ..const import BRAIN_PROFILES
from .common import IntegrityCase


@tagged("post_install", "-at_install")
class TestRelationship(IntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        sells = "sales_team.group_sale_salesman,key_account_management.group_kam_user"
        cls.keeper = new_test_user(cls.env, "rel_keeper", groups=sells, company_id=cls.company.id)
        cls.other = new_test_user(cls.env, "rel_other", groups=sells, company_id=cls.company.id)
        cls.boss = cls.env["res.partner"].create(
            {"name": "Boss Wang", "parent_id": cls.customer_a.id, "function": "General Manager"}
        )
        cls.Profile = cls.env["kam.relationship"]

    def deal(self, user):
        return self.env["crm.lead"].create(
            {
                "name": "Boiler retrofit",
                "type": "opportunity",
                "partner_id": self.customer_a.id,
                "user_id": user.id,
                "company_id": self.company.id,
            }
        )

    def role(self, lead, partner, user, **vals):
        return (
            self.env["kam.deal.role"]
            .with_user(user)
            .create({"lead_id": lead.id, "partner_id": partner.id, "buying_role": "user", **vals})
        )

    def profile(self, partner):
        return self.Profile.search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
        )

    def test_one_profile_per_person_read_by_every_deal(self):
        first, second = self.deal(self.keeper), self.deal(self.other)
        role = self.role(first, self.buyer, self.keeper, relationship_level=3, brain_profile="ab")
        profile = self.profile(self.buyer)
        self.assertEqual(
            (profile.level, profile.brain_profile, profile.user_id), ("3", "ab", self.keeper)
        )
        # The other deal's role map reads the same person's profile, whoever works it.
        other_role = self.role(second, self.buyer, self.other)
        self.assertEqual((other_role.relationship_level, other_role.brain_profile), (3, "ab"))
        self.assertIn("Facts first, then the plan", other_role.brain_profile_tip)
        # Recorded on one deal, seen on the other; still one profile.
        other_role.relationship_level = 4
        role.invalidate_recordset()
        self.assertEqual((role.relationship_level, profile.level), (4, "4"))
        self.assertEqual(len(self.profile(self.buyer)), 1)
        # ...but the personal notes stay with whoever keeps the profile.
        profile.personal_notes = "Son sits his gaokao in June"
        with self.assertRaises(AccessError):
            profile.with_user(self.other).read(["personal_notes"])
        self.assertEqual(profile.with_user(self.keeper).personal_notes, profile.personal_notes)

    def test_writing_one_field_of_the_role_leaves_the_other(self):
        lead = self.deal(self.keeper)
        role = self.role(lead, self.buyer, self.keeper, relationship_level=3, brain_profile="ab")
        role.invalidate_recordset()  # a fresh request, as the web client sends one field
        role.with_user(self.keeper).write({"brain_profile": "cd"})
        role.invalidate_recordset()
        role.with_user(self.keeper).write({"relationship_level": 4})
        self.assertEqual(
            (self.profile(self.buyer).level, self.profile(self.buyer).brain_profile), ("4", "cd")
        )
        # A new role line with nothing to keep creates no profile.
        self.role(lead, self.boss, self.keeper)
        self.assertFalse(self.profile(self.boss))

    def test_a_profile_kept_by_someone_else_is_named_not_reopened(self):
        self.Profile.create({"partner_id": self.boss.id, "user_id": self.keeper.id})
        with self.assertRaisesRegex(UserError, "keeps Boss Wang's relationship profile"):
            self.boss.with_user(self.other).with_company(
                self.company
            ).action_kam_open_relationship()
        action = (
            self.boss.with_user(self.keeper)
            .with_company(self.company)
            .action_kam_open_relationship()
        )
        self.assertEqual(action["res_id"], self.profile(self.boss).id)

    def test_the_account_manager_reads_the_accounts_people(self):
        profile = self.Profile.create(
            {"partner_id": self.boss.id, "company_id": self.company.id, "user_id": self.keeper.id}
        )
        self.assertFalse(self.Profile.with_user(self.other).search([("id", "=", profile.id)]))
        self.env["kam.account"].create(
            {
                "partner_id": self.customer_a.id,
                "company_id": self.company.id,
                "manager_id": self.other.id,
            }
        )
        self.assertEqual(self.Profile.with_user(self.other).search([]), profile)
        # Managing the customer's account in another company reads nothing here.
        elsewhere = self.env["res.company"].create({"name": "Other Rel Co"})
        self.other.company_ids |= elsewhere
        shared = self.customer("Shared Customer")
        person = self.env["res.partner"].create({"name": "Ms Sun", "parent_id": shared.id})
        profile = self.Profile.create(
            {"partner_id": person.id, "company_id": self.company.id, "user_id": self.keeper.id}
        )
        self.env["kam.account"].create(
            {"partner_id": shared.id, "company_id": elsewhere.id, "manager_id": self.other.id}
        )
        Profile = self.Profile.with_user(self.other).with_context(
            allowed_company_ids=[self.company.id, elsewhere.id]
        )
        self.assertFalse(Profile.search([("id", "=", profile.id)]))

    def test_bad_profiles_are_refused_and_change_nothing(self):
        lead = self.deal(self.keeper)
        self.assert_refused(
            ValidationError,
            "Name the contact first",
            lambda: self.env["kam.deal.role"]
            .with_user(self.keeper)
            .create({"lead_id": lead.id, "buying_role": "decision_maker", "relationship_level": 2}),
            model="kam.relationship",
        )
        role = self.role(lead, self.boss, self.keeper, relationship_level=2)
        for level in (5, -1):
            self.assert_refused(
                ValidationError,
                "from 1 .helps with work. to 4",
                lambda level=level: role.write({"relationship_level": level}),
                self.profile(self.boss),
                ["level"],
            )
        self.assert_refused(
            ValidationError,
            "is a company",
            lambda: self.Profile.create({"partner_id": self.customer_a.id}),
            model="kam.relationship",
        )
        self.assert_refused(
            ValidationError,
            "neither reports to nor listens to themselves",
            lambda: self.profile(self.boss).write({"reports_to_id": self.boss.id}),
            self.profile(self.boss),
            ["reports_to_id"],
        )
        with mute_logger("odoo.sql_db"):
            self.assert_refused(
                IntegrityError,
                "kam_relationship_partner_company_uniq",
                lambda: self.Profile.create({"partner_id": self.boss.id}),
                model="kam.relationship",
            )

    def test_reporting_line_and_informal_influence(self):
        cfo = self.env["res.partner"].create({"name": "CFO Chen", "parent_id": self.customer_a.id})
        profile = self.Profile.create(
            {
                "partner_id": self.buyer.id,
                "reports_to_id": cfo.id,
                "listens_to_ids": [(6, 0, [self.boss.id])],
                "phase": "stabilise",
            }
        )
        self.assertEqual((profile.reports_to_id, profile.listens_to_ids), (cfo, self.boss))
        self.assertEqual(profile.customer_id, self.customer_a)

    def test_every_whole_brain_profile_has_its_cues_and_its_pitch(self):
        guide = self.Profile._kam_brain_guide()
        self.assertEqual(set(guide), {code for code, _label in BRAIN_PROFILES})
        self.assertTrue(all(cues and pitch for cues, pitch in guide.values()))

    # Care reminders ----------------------------------------------------------------------------

    def test_care_occasions(self):
        today = date(2027, 1, 31)
        self.assertEqual(
            rules.care_occasions(today, 7, date(1980, 2, 3), True),
            [("birthday", date(2027, 2, 3)), ("spring_festival", date(2027, 2, 6))],
        )
        # The window ends on its last day; what was scheduled is not scheduled again.
        self.assertEqual(
            rules.care_occasions(today, 5, date(1980, 2, 3), True), [("birthday", date(2027, 2, 3))]
        )
        self.assertEqual(
            rules.care_occasions(today, 7, date(1980, 2, 3), True, after=date(2027, 2, 3)),
            [("spring_festival", date(2027, 2, 6))],
        )
        self.assertEqual(rules.care_occasions(today, 7, None, False), [])
        # 29 February on the 28th in other years; a birthday today counts.
        self.assertEqual(
            rules.next_birthday(date(1988, 2, 29), date(2027, 2, 1)), date(2027, 2, 28)
        )
        self.assertEqual(rules.next_birthday(date(1988, 3, 1), date(2027, 3, 1)), date(2027, 3, 1))
        self.assertEqual(rules.next_birthday(date(1988, 1, 5), date(2027, 3, 1)), date(2028, 1, 5))

    def test_the_keeper_is_reminded_once_as_the_tier_asks(self):
        self.tier_key.write({"care_birthday": True, "care_festivals": True, "care_days_ahead": 7})
        self.tier_standard.write({"care_birthday": False, "care_festivals": False})
        self.env["kam.account"].create(
            {
                "partner_id": self.customer_a.id,
                "company_id": self.company.id,
                "manager_id": self.keeper.id,
                "tier_id": self.tier_key.id,
                "tier_locked": True,
                "tier_lock_reason": "test",
            }
        )
        profile = self.Profile.create(
            {
                "partner_id": self.boss.id,
                "company_id": self.company.id,
                "user_id": self.keeper.id,
                "birthday": date(1970, 2, 3),
            }
        )
        care = self.env.ref("key_account_management.mail_activity_type_kam_care")

        def reminders():
            return profile.activity_ids.filtered(lambda a: a.activity_type_id == care)

        with freeze_time(
            self.local_instant(date(2027, 1, 26))
        ):  # 8 days before the birthday: not yet
            self.Profile._cron_kam_care_reminders()
        self.assertFalse(reminders())
        with freeze_time(self.local_instant(date(2027, 1, 27))):
            self.Profile._cron_kam_care_reminders()
            self.Profile._cron_kam_care_reminders()
        self.assertEqual(reminders().mapped("date_deadline"), [date(2027, 2, 3)])
        self.assertEqual(reminders().summary, "Birthday: greet Boss Wang")
        self.assertEqual(reminders().user_id, self.keeper)
        with freeze_time(self.local_instant(date(2027, 1, 31))):
            self.Profile._cron_kam_care_reminders()
        self.assertEqual(
            sorted(reminders().mapped("date_deadline")), [date(2027, 2, 3), date(2027, 2, 6)]
        )
        # A tier without care: no reminders.
        self.env["kam.account"].search([("partner_id", "=", self.customer_a.id)]).write(
            {"tier_id": self.tier_standard.id}
        )
        with freeze_time(self.local_instant(date(2027, 9, 10))):
            self.Profile._cron_kam_care_reminders()
        self.assertEqual(len(reminders()), 2)
        profile.with_user(self.keeper).write({"care_scheduled_until": False})
        self.assertEqual(profile.care_scheduled_until, date(2027, 2, 6), "set by the job alone")

    def test_festivals_are_listed_for_the_coming_years(self):
        for code, days in rules.FESTIVALS.items():
            with self.subTest(code=code):
                self.assertEqual([d.year for d in days], list(range(2025, 2036)))
                self.assertTrue(
                    all(b - a > timedelta(days=300) for a, b in zip(days, days[1:], strict=False))
                )
