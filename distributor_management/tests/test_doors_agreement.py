"""Every way into an agreement, as each role: the workflow's fields are the workflow's, each
representative sees their own distributors, and no Sales or Invoicing right opens them."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import DistributorCase


@tagged("post_install", "-at_install")
class TestDoorsAgreement(DistributorCase):
    def test_a_new_agreement_is_a_draft_whatever_is_sent(self):
        Agreement = self.env["distributor.agreement"].with_user(self.rep)
        partner = self.distributor()
        sent = {
            "partner_id": partner.id,
            "date_start": self.year_start,
            "date_end": self.year_end,
            "state": "approved",
            "approved_by_id": self.rep.id,
            "submitted_by_id": self.manager.id,
        }
        created = Agreement.create(sent)
        self.assertEqual(
            (created.state, created.approved_by_id, created.submitted_by_id),
            ("draft", self.env["res.users"], self.env["res.users"]),
        )
        # Context defaults and ir.default as well.
        by_context = Agreement.with_context(default_state="approved").create(
            {"partner_id": partner.id, "date_start": self.year_start, "date_end": self.year_end}
        )
        self.assertEqual(by_context.state, "draft")
        self.env["ir.default"].set("distributor.agreement", "state", "approved")
        with Form(Agreement) as form:
            self.assertEqual(form.state, "draft", "the form shows a draft")
            form.partner_id = partner
            form.date_start = self.year_start
            form.date_end = self.year_end
        self.assertEqual(form.record.state, "draft")
        # An import goes through create.
        result = Agreement.load(
            ["partner_id/.id", "date_start", "date_end", "state"],
            [[str(partner.id), "2026-01-01", "2026-12-31", "approved"]],
        )
        imported = Agreement.browse(result["ids"])
        self.assertEqual(imported.state, "draft")

    def test_the_workflow_fields_are_not_written_over_rpc(self):
        agreement = self.agreement([(self.nanjing, True)])
        for vals in (
            {"state": "approved"},
            {"approved_by_id": self.manager.id, "deposit": 10},
            {"renewed_from_id": agreement.id},
        ):
            for user in (self.rep, self.manager):
                self.assert_refused(
                    AccessError,
                    "workflow buttons",
                    lambda u=user, v=vals: agreement.with_user(u).write(v),
                    agreement,
                    ["state", "approved_by_id", "deposit", "renewed_from_id"],
                )

    def test_a_copy_is_a_new_draft(self):
        agreement = self.approve(self.agreement([(self.nanjing, True)]))
        copy = agreement.with_user(self.rep).copy()
        self.assertEqual(copy.state, "draft")
        self.assertFalse(copy.approved_by_id or copy.submitted_by_id)
        self.assertNotEqual(copy.name, agreement.name)
        self.assertEqual(copy.territory_ids.territory_id, self.nanjing)

    def test_representatives_see_their_own_distributors(self):
        mine = self.agreement([(self.nanjing, True)])
        theirs = self.agreement([(self.suzhou, True)], user=self.rep2)
        Agreement = self.env["distributor.agreement"]
        self.assertEqual(Agreement.with_user(self.rep).search([]), mine)
        self.assertEqual(
            self.env["distributor.agreement.target"].with_user(self.rep).search([]),
            mine.target_ids,
        )
        self.assertIn(theirs, Agreement.with_user(self.manager).search([]))
        self.assert_refused(
            AccessError,
            None,
            lambda: theirs.with_user(self.rep).write({"deposit": 5}),
            theirs,
            ["deposit"],
        )
        # Nor through a one2many command on their own agreement.
        self.assert_refused(
            AccessError,
            None,
            lambda: mine.with_user(self.rep).write(
                {"target_ids": [Command.update(theirs.target_ids.id, {"amount": 1})]}
            ),
            theirs.target_ids,
            ["amount"],
        )
        # Nor by handing their own agreement to someone else's name.
        self.assert_refused(
            AccessError,
            None,
            lambda: Agreement.with_user(self.rep).create(
                {
                    "partner_id": self.distributor().id,
                    "user_id": self.rep2.id,
                    "date_start": self.year_start,
                    "date_end": self.year_end,
                }
            ),
            model="distributor.agreement",
        )

    def test_sales_and_invoicing_rights_do_not_open_agreements(self):
        agreement = self.agreement([(self.nanjing, True)])
        for groups in ("sales_team.group_sale_manager", "account.group_account_manager"):
            user = new_test_user(self.env, f"dm_{groups[:5]}", groups=groups)
            with self.assertRaises(AccessError):
                agreement.with_user(user).read(["deposit"])
            with self.assertRaises(AccessError):
                self.env["distributor.agreement.target"].with_user(user).search([])
            partner = agreement.partner_id.with_user(user)
            self.assertNotIn("distributor_agreement_count", partner.fields_get())

    def test_configuration_is_the_channel_managers(self):
        self.assert_refused(
            AccessError,
            None,
            lambda: self.nanjing.with_user(self.rep).write({"name": "Elsewhere"}),
            self.nanjing,
            ["name"],
        )
        self.assert_refused(
            AccessError,
            None,
            lambda: self.env["distributor.product.line"]
            .with_user(self.rep)
            .create({"name": "Gate Valves"}),
            model="distributor.product.line",
        )
        self.nanjing.with_user(self.manager).code = "320100"
        self.assertEqual(self.nanjing.code, "320100")

    def test_nothing_is_slipped_into_an_agreement_in_force(self):
        agreement = self.approve(self.agreement([(self.nanjing, True)]))
        Target = self.env["distributor.agreement.target"].with_user(self.rep)
        values = {"date_from": self.year_start, "date_to": self.year_end, "amount": 1}
        self.assert_refused(
            UserError,
            "Only a draft",
            lambda: Target.with_context(default_agreement_id=agreement.id).create(values),
            model="distributor.agreement.target",
        )
        self.env["ir.default"].set(
            "distributor.agreement.territory", "agreement_id", agreement.id, user_id=self.rep.id
        )
        self.assert_refused(
            UserError,
            "Only a draft",
            lambda: self.env["distributor.agreement.territory"]
            .with_user(self.rep)
            .create({"territory_id": self.suzhou.id}),
            model="distributor.agreement.territory",
        )

    def test_a_line_stays_on_its_agreement(self):
        mine = self.agreement([(self.nanjing, True)])
        draft = self.agreement([(self.suzhou, False)], user=self.manager)
        for lines in (mine.target_ids, mine.territory_ids):
            self.assert_refused(
                UserError,
                "stays on the agreement",
                lambda lines=lines: lines.write({"agreement_id": draft.id}),
                lines,
                ["agreement_id"],
            )

    def test_a_draft_is_not_handed_away(self):
        mine = self.agreement([(self.nanjing, True)])
        other = self.env["res.company"].create({"name": "Other Valves"})
        for vals in ({"user_id": self.rep2.id}, {"company_id": other.id}):
            self.assert_refused(
                AccessError,
                None,
                lambda v=vals: mine.write(v),
                mine,
                ["user_id", "company_id"],
            )
        self.assert_refused(
            AccessError,
            "workflow buttons",
            lambda: mine.write({"name": "DA/2026/0001"}),
            mine,
            ["name"],
        )

    def test_defaults_do_not_fill_the_workflow(self):
        theirs = self.approve(self.agreement([(self.suzhou, True)], user=self.rep2))
        created = (
            self.env["distributor.agreement"]
            .with_user(self.rep)
            .with_context(
                default_renewed_from_id=theirs.id,
                default_approved_by_id=self.manager.id,
                default_approved_date="2026-01-01 00:00:00",
                default_submitted_by_id=self.manager.id,
                default_rejection_reason="x",
            )
            .create(
                {
                    "partner_id": self.distributor().id,
                    "date_start": self.year_start,
                    "date_end": self.year_end,
                }
            )
        )
        self.assertFalse(
            created.renewed_from_id
            or created.approved_by_id
            or created.approved_date
            or created.submitted_by_id
            or created.rejection_reason
        )
