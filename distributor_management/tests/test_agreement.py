"""An agreement's life as people click it: prepared, split into targets, approved by four
eyes, renewed, terminated, expired at the company's midnight."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import DistributorCase


@tagged("post_install", "-at_install")
class TestAgreement(DistributorCase):
    def test_a_representative_prepares_one_in_the_form(self):
        partner = self.distributor("Nanjing Valves")
        Agreement = self.env["distributor.agreement"].with_user(self.rep)
        # The menu's action and its context, as the web client opens it.
        with Form(Agreement.with_context(tz="Asia/Shanghai")) as form:
            form.partner_id = partner
            form.date_start = self.year_start
            form.date_end = self.year_end
            form.product_line_ids.add(self.control)
            with form.territory_ids.new() as line:
                line.territory_id = self.nanjing
                line.exclusive = True
            form.yearly_target = 1_200_000
            form.target_split = "quarter"
        agreement = form.record
        self.assertEqual(agreement.state, "draft")
        self.assertEqual(agreement.user_id, self.rep)
        self.assertRegex(agreement.name, r"^DA/2\d{3}/\d{4}$")
        agreement.action_split_target()
        self.assertEqual(len(agreement.target_ids), 4)
        self.assertEqual(agreement.target_total, 1_200_000)
        self.assertEqual(agreement.target_ids[0].date_to, date(2026, 3, 31))
        self.assertEqual(partner.with_user(self.rep).distributor_agreement_count, 1)

    def test_four_eyes_on_approval(self):
        agreement = self.agreement([(self.nanjing, True)], user=self.manager)
        agreement.action_submit()
        self.assertEqual(agreement.state, "submitted")
        asked = agreement.activity_ids.user_id
        self.assertIn(self.manager2, asked, "the other managers are asked")
        self.assertNotIn(self.manager, asked, "not the preparer")
        self.assert_refused(
            UserError,
            "four eyes",
            agreement.with_user(self.manager).action_approve,
            agreement,
            ["state", "approved_by_id"],
        )
        self.assert_refused(
            AccessError,
            "Channel Manager",
            agreement.with_user(self.rep).action_approve,
            agreement,
            ["state"],
        )
        agreement.with_user(self.manager2).action_approve()
        self.assertEqual(agreement.state, "approved")
        self.assertEqual(agreement.approved_by_id, self.manager2)
        self.assertFalse(agreement.activity_ids, "the to-do is done")

    def test_reject_then_draft_again(self):
        agreement = self.agreement([(self.nanjing, False)])
        agreement.action_submit()
        decide = self.env["distributor.agreement.decide"].with_user(self.manager)
        self.assert_refused(
            UserError,
            "Say why",
            lambda: agreement.with_user(self.manager).action_reject("  "),
            agreement,
            ["state"],
        )
        decide.create(
            {"agreement_id": agreement.id, "decision": "reject", "reason": "Deposit too low"}
        ).action_confirm()
        self.assertEqual(agreement.state, "rejected")
        self.assertEqual(agreement.rejection_reason, "Deposit too low")
        agreement.action_reset_draft()
        self.assertEqual(agreement.state, "draft")
        agreement.deposit = 50_000
        self.assertEqual(agreement.deposit, 50_000)

    def test_submitting_needs_territories_and_targets(self):
        agreement = self.agreement([])
        agreement.target_ids.unlink()
        self.assert_refused(
            UserError,
            "at least one territory.*\n.*targets",
            agreement.action_submit,
            agreement,
            ["state"],
        )

    def test_an_agreement_in_force_is_not_changed_in_place(self):
        agreement = self.approve(self.agreement([(self.nanjing, True)]))
        manager = agreement.with_user(self.manager)
        names = ["date_end", "deposit", "target_total"]
        self.assert_refused(
            UserError, "Only a draft", lambda: manager.write({"deposit": 1}), agreement, names
        )
        self.assert_refused(
            UserError,
            "Only a draft",
            lambda: manager.target_ids.write({"amount": 1}),
            agreement.target_ids,
            ["amount"],
        )
        self.assert_refused(
            UserError, "draft", manager.target_ids.unlink, agreement.target_ids, ["amount"]
        )
        self.assert_refused(
            UserError,
            "Only a draft",
            lambda: manager.territory_ids.write({"exclusive": False}),
            agreement.territory_ids,
            ["exclusive"],
        )
        self.assert_refused(
            UserError, "submitted agreement is kept", manager.unlink, agreement, ["state"]
        )

    def test_targets_stay_within_the_agreement(self):
        agreement = self.agreement([(self.nanjing, True)], lines=[self.control])
        target = agreement.target_ids
        self.assert_refused(
            ValidationError,
            "within its agreement",
            lambda: target.write({"date_to": date(2027, 1, 1)}),
            target,
            ["date_to"],
        )
        self.assert_refused(
            ValidationError,
            "not one of the agreement's product lines",
            lambda: target.write({"product_line_id": self.ball.id}),
            target,
            ["product_line_id"],
        )
        self.assert_refused(
            ValidationError,
            "cannot be negative",
            lambda: target.write({"amount": -1}),
            target,
            ["amount"],
        )
        self.assert_refused(
            ValidationError,
            "cannot be negative",
            lambda: agreement.write({"registered_capital": -1}),
            agreement,
            ["registered_capital"],
        )
        self.assert_refused(
            ValidationError,
            "cannot end before",
            lambda: agreement.write({"date_end": date(2025, 12, 31)}),
            agreement,
            ["date_end"],
        )
        self.assert_refused(
            ValidationError,
            "within its agreement",
            lambda: agreement.write({"date_start": date(2026, 7, 1)}),
            agreement,
            ["date_start"],
        )
        self.assert_refused(
            ValidationError,
            "not one of the agreement's product lines",
            lambda: (
                target.write({"product_line_id": self.control.id}),
                agreement.write({"product_line_ids": [Command.set([self.ball.id])]}),
            ),
            agreement,
            ["product_line_ids"],
        )
        target.write({"date_from": self.year_end, "product_line_id": self.control.id})
        self.assertEqual(target.date_from, self.year_end, "its last day is within")

    def test_renewal_copies_into_the_next_period(self):
        agreement = self.agreement([(self.nanjing, True)], lines=[self.control])
        agreement.target_split = "month"
        agreement.yearly_target = 120
        agreement.action_split_target()
        self.approve(agreement)
        action = agreement.action_renew()
        renewal = self.env["distributor.agreement"].browse(action["res_id"])
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(
            (renewal.date_start, renewal.date_end), (date(2027, 1, 1), date(2027, 12, 31))
        )
        self.assertEqual(renewal.renewed_from_id, agreement)
        self.assertEqual(renewal.territory_ids.territory_id, self.nanjing)
        self.assertTrue(renewal.territory_ids.exclusive)
        self.assertEqual(renewal.product_line_ids, self.control)
        self.assertEqual(len(renewal.target_ids), 12)
        self.assertEqual(renewal.target_ids[1].date_to, date(2027, 2, 28))
        self.assertEqual(renewal.target_total, 120)
        self.assertFalse(renewal.approved_by_id)
        # It starts the day after: no overlap with the agreement it renews.
        self.approve(renewal)
        self.assertEqual(renewal.state, "approved")

    def test_terminate_with_the_reason(self):
        agreement = self.approve(self.agreement([(self.nanjing, True)]))
        self.assert_refused(
            AccessError,
            "Channel Manager",
            lambda: agreement.with_user(self.rep).action_terminate("Moving on"),
            agreement,
            ["state"],
        )
        self.env["distributor.agreement.decide"].with_user(self.manager).create(
            {"agreement_id": agreement.id, "decision": "terminate", "reason": "Cross-selling"}
        ).action_confirm()
        self.assertEqual(agreement.state, "terminated")
        self.assertEqual(agreement.termination_reason, "Cross-selling")
        # The territory is free again.
        other = self.approve(self.agreement([(self.nanjing, True)]))
        self.assertEqual(other.state, "approved")

    def test_expiry_at_the_companys_midnight(self):
        self.company.partner_id.tz = "Asia/Shanghai"
        agreement = self.approve(self.agreement([(self.nanjing, True)]))
        self.env.user.tz = "America/New_York"
        Agreement = self.env["distributor.agreement"]
        # 15:59 UTC on 31 December is 23:59 in Shanghai: the last day is not over.
        with freeze_time(datetime(2026, 12, 31, 15, 59)):
            Agreement._cron_expire_agreements()
        self.assertEqual(agreement.state, "approved")
        with freeze_time(datetime(2026, 12, 31, 16, 0)):
            Agreement._cron_expire_agreements()
        self.assertEqual(agreement.state, "expired")
        self.assertTrue(agreement.action_renew()["res_id"], "an expired agreement renews")


@tagged("post_install", "-at_install")
class TestConfigurationForms(DistributorCase):
    """The New buttons of the Configuration menu and the decision wizard, as the Channel
    Manager who sees them, through the forms the browser fills."""

    def test_a_channel_manager_adds_a_city(self):
        with Form(self.env["distributor.territory"].with_user(self.manager)) as form:
            form.name = "Wuxi"
            form.level = "city"
            form.parent_id = self.jiangsu
        self.assertEqual(form.record.complete_name, "Jiangsu / Wuxi")

    def test_a_channel_manager_adds_a_product_line(self):
        valves = self.env["product.category"].create({"name": "Gate valves"})
        with Form(self.env["distributor.product.line"].with_user(self.manager)) as form:
            form.name = "Gate Valves"
            form.category_ids.add(valves)
        self.assertEqual(form.record.category_ids, valves)

    def test_a_channel_manager_adds_a_type_a_draft_starts_from(self):
        term = self.env.ref("account.account_payment_term_30days")
        pricelist = self.env["product.pricelist"].create({"name": "Project distributors"})
        with Form(self.env["distributor.type"].with_user(self.manager)) as form:
            form.name = "Project"
            form.traits = "Sells to building projects."
            form.pricelist_id = pricelist
            form.payment_term_id = term
            form.target_split = "quarter"
        kind = form.record
        self.assertEqual(kind.company_id, self.company)
        # A representative picks it on a new agreement: its terms fill in, and stay theirs.
        with Form(self.env["distributor.agreement"].with_user(self.rep)) as form:
            form.partner_id = self.distributor("Project Distributor")
            form.date_start, form.date_end = self.year_start, self.year_end
            self.assertEqual(form.target_split, "month")
            form.distributor_type_id = kind
            self.assertEqual(
                (form.pricelist_id, form.payment_term_id, form.target_split),
                (pricelist, term, "quarter"),
            )
            form.target_split = "month"
        agreement = form.record
        self.assertEqual((agreement.pricelist_id, agreement.target_split), (pricelist, "month"))
        # A type that names no terms leaves the agreement's as they are.
        agreement.with_user(self.rep).distributor_type_id = self.env.ref(
            "distributor_management.distributor_type_mixed"
        )
        self.assertEqual((agreement.pricelist_id, agreement.payment_term_id), (pricelist, term))
        # Over RPC as at creation: the type's terms where none are given.
        direct = self.agreement([(self.suzhou, False)], distributor_type_id=kind.id)
        self.assertEqual((direct.payment_term_id, direct.target_split), (term, "quarter"))
        # Signed, the agreement keeps its terms whatever becomes of its type.
        self.approve(direct)
        kind.with_user(self.manager).payment_term_id = False
        direct.invalidate_recordset()
        self.assertEqual(direct.payment_term_id, term)
        self.assert_refused(
            UserError,
            "Only a draft",
            lambda: direct.with_user(self.rep).write({"distributor_type_id": False}),
            direct,
            ["distributor_type_id", "payment_term_id", "target_split"],
        )

    def test_types_are_the_channel_managers(self):
        self.assertEqual(
            self.env["distributor.type"].with_user(self.rep).search([]).mapped("name")[:3],
            ["Wholesale", "Terminal", "Mixed"],
        )
        self.assert_refused(
            AccessError,
            None,
            lambda: self.env["distributor.type"].with_user(self.rep).create({"name": "Mine"}),
            model="distributor.type",
        )
        other = self.env["res.company"].create({"name": "Other Valves"})
        foreign = self.env["distributor.type"].create({"name": "Theirs", "company_id": other.id})
        agreement = self.agreement([(self.nanjing, False)])

        def pick():
            agreement.with_user(self.rep).distributor_type_id = foreign

        self.assert_refused(UserError, None, pick, agreement, ["distributor_type_id"])
        # Nor do its terms show through the form's onchange.
        secret = self.env["account.payment.term"].create(
            {"name": "Secret 97 days", "company_id": other.id}
        )
        foreign.payment_term_id = secret
        values = agreement.with_user(self.rep).onchange(
            {"distributor_type_id": foreign.id}, ["distributor_type_id"], {"payment_term_id": {}}
        )["value"]
        self.assertNotEqual((values.get("payment_term_id") or {}).get("id"), secret.id)

    def test_a_type_in_use_is_archived_not_deleted(self):
        kind = self.env.ref("distributor_management.distributor_type_wholesale")
        agreement = self.agreement([(self.nanjing, False)], distributor_type_id=kind.id)
        self.approve(agreement)
        self.assert_refused(
            Exception,
            None,
            lambda: kind.with_user(self.manager).unlink(),
            agreement,
            ["distributor_type_id"],
            model="distributor.type",
        )
        kind.with_user(self.manager).active = False
        self.assertEqual(agreement.distributor_type_id, kind)

    def test_the_decision_wizard_rejects_as_the_browser_sends_it(self):
        agreement = self.agreement([(self.nanjing, False)])
        agreement.action_submit()
        Decide = self.env["distributor.agreement.decide"].with_user(self.manager)
        context = {
            "active_id": agreement.id,
            "default_agreement_id": agreement.id,
            "default_decision": "reject",
        }
        with Form(Decide.with_context(**context)) as form:
            form.reason = "Territory not surveyed"
        form.record.action_confirm()
        self.assertEqual(agreement.state, "rejected")
        self.assertEqual(agreement.rejection_reason, "Territory not surveyed")
