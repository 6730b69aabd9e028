"""No two agreements meet in a territory one of them holds exclusively (区域总代理), for the
same product lines and days: at and around each boundary, by every way in."""

from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DistributorCase


@tagged("post_install", "-at_install")
class TestExclusivity(DistributorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.holder = cls.agreement([(cls.nanjing, True)], lines=[cls.control])
        cls.holder.with_user(cls.rep).action_submit()
        cls.holder.with_user(cls.manager).action_approve()

    def assert_conflict(self, agreement):
        """Submitting is refused, as is approving (the claim is checked again), and the
        agreement stays where it was."""
        self.assert_refused(
            ValidationError,
            r"Nanjing.* claimed by agreement DA/.*区域总代理",
            agreement.action_submit,
            agreement,
            ["state"],
        )
        agreement.sudo().write({"state": "submitted"})
        self.assert_refused(
            ValidationError,
            "claimed by agreement",
            agreement.with_user(self.manager).action_approve,
            agreement,
            ["state", "approved_by_id"],
        )

    def test_the_same_territory_and_line(self):
        self.assert_conflict(self.agreement([(self.nanjing, True)], lines=[self.control]))

    def test_a_shared_claim_where_another_is_exclusive(self):
        self.assert_conflict(self.agreement([(self.nanjing, False)], lines=[self.control]))

    def test_a_district_within_or_the_province_around(self):
        self.assert_conflict(self.agreement([(self.jiangning, False)], lines=[self.control]))
        self.assert_conflict(self.agreement([(self.jiangsu, False)], lines=[self.control]))

    def test_every_line_includes_the_claimed_one(self):
        self.assert_conflict(self.agreement([(self.nanjing, False)]))

    def test_one_shared_day_is_enough(self):
        self.assert_conflict(
            self.agreement(
                [(self.nanjing, True)],
                lines=[self.control],
                start=self.year_end,
                end=date(2027, 12, 31),
            )
        )

    def test_what_does_not_meet_is_approved(self):
        cases = [
            self.agreement([(self.suzhou, True)], lines=[self.control]),
            self.agreement([(self.nanjing, True)], lines=[self.ball]),
            self.agreement(
                [(self.nanjing, True)],
                lines=[self.control],
                start=date(2027, 1, 1),
                end=date(2027, 12, 31),
            ),
        ]
        for agreement in cases:
            self.approve(agreement)
        self.assertEqual({a.state for a in cases}, {"approved"})
        # Two shared claims live side by side.
        shared = self.agreement([(self.suzhou, False)], lines=[self.ball])
        shared_too = self.agreement([(self.suzhou, False)], lines=[self.ball])
        self.approve(shared)
        self.approve(shared_too)

    def test_drafts_and_ended_agreements_bind_nothing(self):
        draft = self.agreement([(self.suzhou, True)])
        self.approve(self.agreement([(self.suzhou, True)]))
        self.assertEqual(draft.state, "draft")
        self.holder.with_user(self.manager2).action_terminate("Closed down")
        self.approve(self.agreement([(self.nanjing, True)], lines=[self.control]))

    def test_another_company_is_another_market(self):
        other = self.env["res.company"].create({"name": "Other Valves"})
        self.manager.company_ids |= other
        self.manager2.company_ids |= other
        agreement = (
            self.env["distributor.agreement"]
            .with_company(other)
            .create(
                {
                    "partner_id": self.distributor().id,
                    "company_id": other.id,
                    "user_id": self.manager.id,
                    "date_start": self.year_start,
                    "date_end": self.year_end,
                    "territory_ids": [
                        Command.create({"territory_id": self.nanjing.id, "exclusive": True})
                    ],
                    "target_ids": [
                        Command.create(
                            {"date_from": self.year_start, "date_to": self.year_end, "amount": 1}
                        )
                    ],
                }
            )
        )
        agreement.action_submit()
        agreement.with_user(self.manager2).with_company(other).action_approve()
        self.assertEqual(agreement.state, "approved")

    def test_a_system_write_is_checked_too(self):
        """An administrator's script or import that sets the state directly meets the same
        constraint."""
        agreement = self.agreement([(self.nanjing, True)], lines=[self.control])
        self.assert_refused(
            ValidationError,
            "already claimed",
            lambda: agreement.sudo().write({"state": "approved"}),
            agreement,
            ["state"],
        )
        self.assert_refused(
            ValidationError,
            "claimed by agreement",
            lambda: self.env["distributor.agreement"]
            .sudo()
            .create(
                {
                    "partner_id": self.distributor().id,
                    "user_id": self.rep.id,
                    "date_start": self.year_start,
                    "date_end": self.year_end,
                    "state": "approved",
                    "territory_ids": [Command.create({"territory_id": self.jiangning.id})],
                }
            ),
            model="distributor.agreement",
        )

    def test_moving_a_territory_is_checked(self):
        zhejiang = self.env["distributor.territory"].create({"name": "Zhejiang"})
        wuxi = self.env["distributor.territory"].create(
            {"name": "Wuxi", "level": "city", "parent_id": zhejiang.id}
        )
        self.approve(self.agreement([(wuxi, True)], lines=[self.control]))
        self.assert_refused(
            ValidationError,
            "Wuxi.* claimed by agreement",
            lambda: wuxi.with_user(self.manager).write({"parent_id": self.nanjing.id}),
            wuxi,
            ["parent_id", "complete_name"],
        )
        wuxi.with_user(self.manager).write({"parent_id": self.jiangsu.id})
        self.assertEqual(wuxi.complete_name, "Jiangsu / Wuxi", "beside Nanjing, not within it")

    def test_an_archived_line_is_still_claimed(self):
        self.control.with_user(self.manager).active = False
        self.assert_conflict(self.agreement([(self.nanjing, True)], lines=[self.control]))
        # Nor does deleting it: the agreements keep it.
        with mute_logger("odoo.sql_db"):
            self.assert_refused(IntegrityError, None, self.control.unlink, self.control, ["name"])

    def test_a_representative_is_not_told_whose_it_is(self):
        agreement = self.agreement([(self.nanjing, True)], lines=[self.control], user=self.rep2)
        with self.assertRaises(ValidationError) as caught:
            agreement.action_submit()
        message = str(caught.exception)
        self.assertIn("an agreement you cannot open", message)
        self.assertNotIn(self.holder.name, message)
        self.assertNotIn(self.holder.partner_id.name, message)
