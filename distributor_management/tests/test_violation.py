"""Violations (窜货, 乱价): a representative reports with the evidence, a Channel Manager who did
not report it decides the penalty; a decided violation stays as decided."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import DistributorCase


@tagged("post_install", "-at_install")
class TestViolation(DistributorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls.agreement([(cls.nanjing, True)])
        cls.contract.with_user(cls.rep).action_submit()
        cls.contract.with_user(cls.manager).action_approve()
        cls.partner = cls.contract.partner_id

    def report(self, user=None, **vals):
        Violation = self.env["distributor.violation"].with_user(user or self.rep)
        with Form(Violation) as form:
            form.partner_id = self.partner
            form.kind = vals.get("kind", "cross_territory")
            form.date = vals.get("date", date(2026, 6, 1))
            form.territory_id = self.suzhou
            form.description = "Our valves from Nanjing's shipment found at a Suzhou shop"
        return form.record

    def test_reported_from_the_form_and_decided(self):
        violation = self.report()
        self.assertEqual(violation.state, "reported")
        self.assertEqual(violation.reported_by_id, self.rep)
        self.assertEqual(violation.agreement_id, self.contract, "the agreement in force that day")
        self.assertRegex(violation.name, r"^VL/\d{4}/\d{4}$")
        manager = violation.with_user(self.manager)
        manager.write({"penalty": 20_000, "decision_note": "Clause 7: 20,000 per case"})
        manager.action_confirm()
        self.assertEqual(violation.state, "confirmed")
        self.assertEqual(violation.decided_by_id, self.manager)
        self.assert_refused(
            UserError,
            "kept as it was decided",
            lambda: manager.write({"penalty": 1}),
            violation,
            ["penalty", "state"],
        )
        self.assert_refused(
            UserError, "kept as it was decided", manager.unlink, violation, ["state"]
        )

    def test_no_agreement_outside_its_period(self):
        violation = self.report(date=date(2027, 1, 1))
        self.assertFalse(violation.agreement_id)

    def test_only_a_manager_who_did_not_report_it_decides(self):
        violation = self.report()
        self.assert_refused(
            AccessError,
            "Channel Manager",
            lambda: violation.write({"penalty": 5}),
            violation,
            ["penalty"],
        )
        self.assert_refused(
            AccessError, "Channel Manager", violation.action_confirm, violation, ["state"]
        )
        own = self.report(user=self.manager)
        self.assert_refused(
            UserError,
            "four eyes",
            own.with_user(self.manager).action_confirm,
            own,
            ["state", "decided_by_id"],
        )
        own.with_user(self.manager2).action_confirm()
        self.assertEqual(own.state, "confirmed")

    def test_dismissed_with_the_reason(self):
        violation = self.report(kind="below_price").with_user(self.manager)
        self.assert_refused(
            UserError,
            "why the violation is dismissed",
            violation.action_dismiss,
            violation,
            ["state"],
        )
        violation.write({"penalty": 300, "decision_note": "The shop bought before the policy"})
        violation.action_dismiss()
        self.assertEqual((violation.state, violation.penalty), ("dismissed", 0))

    def test_doors(self):
        Violation = self.env["distributor.violation"].with_user(self.rep)
        values = {
            "partner_id": self.partner.id,
            "kind": "other",
            "description": "Late report",
        }
        # The decision and the workflow are not the reporter's, whatever is sent.
        self.assert_refused(
            AccessError,
            "Channel Manager",
            lambda: Violation.create({**values, "penalty": 100}),
            model="distributor.violation",
        )
        created = Violation.with_context(
            default_state="confirmed", default_decided_by_id=self.manager.id
        ).create({**values, "reported_by_id": self.manager.id, "state": "confirmed"})
        self.assertEqual(
            (created.state, created.reported_by_id, created.decided_by_id),
            ("reported", self.rep, self.env["res.users"]),
        )
        self.assert_refused(
            AccessError,
            "buttons",
            lambda: created.write({"state": "dismissed"}),
            created,
            ["state"],
        )
        self.assert_refused(
            ValidationError,
            "cannot be negative",
            lambda: created.write({"found_price": -1}),
            created,
            ["found_price"],
        )
        # Another representative sees neither the report nor the distributor's.
        self.assertFalse(self.env["distributor.violation"].with_user(self.rep2).search([]))
        self.assertEqual(self.env["distributor.violation"].with_user(self.rep).search([]), created)
