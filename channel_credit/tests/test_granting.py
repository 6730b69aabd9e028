"""Granting credit (授信): the investigation scores into a grade, the grade and the sales (or a
new distributor's purchase plan) give the limit, and the limit is approved by a chain that
depends on its amount before it reaches the distributor."""

import base64
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestGranting(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = new_test_user(
            cls.env, "cc_sales_manager", groups="sales_team.group_sale_manager"
        )
        cls.director = new_test_user(
            cls.env,
            "cc_director",
            groups="sales_team.group_sale_salesman,channel_credit.group_channel_credit_director",
        )
        cls.Review = cls.env["channel.credit.review"]

    def propose(self, partner, user=None, score=8, **vals):
        """A review as ``user`` (the salesperson), every item verified with evidence and
        scored ``score``."""
        proposal = {k: vals.pop(k) for k in ("credit_limit", "grade") if k in vals}
        review = self.Review.with_user(user or self.seller).create(
            {"partner_id": partner.id, **vals}
        )
        attachment = (
            self.env["ir.attachment"]
            .with_user(user or self.seller)
            .create({"name": "licence.jpg", "datas": base64.b64encode(b"photo")})
        )
        review.line_ids.write(
            {"checked": True, "score": score, "attachment_ids": [Command.set(attachment.ids)]}
        )
        # Scoring recalculates the grade and the limit: a proposal of another amount comes last.
        review.write(proposal)
        return review

    def decide(self, review, user, approve=True, note=False):
        action = review.with_user(user).action_decide()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"note": note})
        )
        return wizard.action_approve() if approve else wizard.action_reject()

    # The investigation and the grade ------------------------------------------------------------

    def test_a_review_starts_with_the_company_checklist_scored_nothing(self):
        review = self.Review.with_user(self.seller).create({"partner_id": self.distributor(0).id})
        self.assertEqual(len(review.line_ids), 10)
        self.assertEqual(sum(review.line_ids.mapped("weight")), 100)
        self.assertEqual((review.score, review.grade), (0, "d"))
        self.assertEqual(review.reviewer_id, self.seller)

    def test_score_gives_the_grade_at_each_threshold(self):
        review = self.propose(self.distributor(0), score=8)
        self.assertEqual((review.score, review.grade), (80, "aa"))
        self.assertIn("80.0 of 100 gives AA (from 80.0); AAA needs 90.0", review.grade_reason)
        # Litigation (weight 15) down to 7: 80 - 1.5 = 78.5, just under AA.
        review.line_ids.filtered(lambda line: line.weight == 15)[:1].score = 7
        self.assertEqual((review.score, review.grade), (78.5, "a"))
        # Left out as not applicable, an item no longer counts at all.
        review.line_ids.filtered(lambda line: line.weight == 15 and line.score == 7).score = 8
        payment = review.line_ids.filtered(lambda line: line.name == "Payment history with us")
        payment.write({"not_applicable": True, "score": 0})
        self.assertEqual(review.score, 80)
        # The company decides the thresholds, for the reviews scored from then on.
        self.company.channel_min_score_aa = 80.5
        self.assertEqual(review.grade, "aa")
        self.assertEqual(self.propose(self.distributor(0), score=8).grade, "a")

    def test_thresholds_must_climb(self):
        for vals in (
            {"channel_min_score_aa": 90},
            {"channel_min_score_c": -1},
            {"channel_min_score_aaa": 101},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, "each grade needing more"),
                self.cr.savepoint(),
            ):
                self.company.write(vals)
        self.assertEqual(self.company._channel_min_scores()["aa"], 80)

    def test_required_items_missing_stop_the_submission(self):
        review = self.propose(self.distributor(0))
        licence = review.line_ids.filtered(lambda line: line.name.startswith("Business licence"))
        visit = review.line_ids.filtered(lambda line: line.name.startswith("Site visit"))
        licence.checked = False
        visit.attachment_ids = [Command.clear()]
        with self.assertRaisesRegex(UserError, "Business licence.*Site visit with photos"):
            review.with_user(self.seller).action_submit()
        self.assertEqual(review.state, "draft")
        self.assertFalse(review.approval_ids)
        # Not required: an unverified trade reference does not stop it.
        review.line_ids.filtered(lambda line: line.name == "Trade references").checked = False
        licence.checked = True
        visit.attachment_ids = licence.attachment_ids
        review.with_user(self.seller).action_submit()
        self.assertEqual(review.state, "submitted")

    def test_a_required_item_cannot_be_set_aside(self):
        review = self.propose(self.distributor(0))
        licence = review.line_ids.filtered("required")[:1]
        with self.assertRaisesRegex(ValidationError, "cannot be N/A"), self.cr.savepoint():
            licence.with_user(self.seller).not_applicable = True
        for vals in ({"required": False}, {"weight": 50}, {"name": "Anything"}):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "set in the configuration"),
                self.cr.savepoint(),
            ):
                licence.with_user(self.seller).write(vals)
        with self.assertRaisesRegex(UserError, "mark it N/A"), self.cr.savepoint():
            licence.with_user(self.seller).unlink()
        self.assertTrue(licence.exists().required)
        # A line for a checklist item takes the item's own weight and requirement; a line
        # outside the checklist, or an item twice, is refused.
        item = licence.item_id
        licence.sudo().unlink()
        self.assertIn("Business licence", review.missing_items)
        Line = self.env["channel.credit.review.line"].with_user(self.seller)
        again = Line.create(
            {"review_id": review.id, "item_id": item.id, "weight": 1, "required": False}
        )
        self.assertEqual((again.weight, again.required), (item.weight, True))
        with self.assertRaisesRegex(UserError, "item of the company's checklist"):
            Line.create({"review_id": review.id, "name": "Fake", "weight": 100, "score": 10})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            Line.create({"review_id": review.id, "item_id": item.id})

    def test_an_empty_investigation_is_not_an_investigation(self):
        partner = self.distributor(0)
        for review in (
            self.Review.with_user(self.seller).create({"partner_id": partner.id, "line_ids": []}),
            self.Review.with_user(self.seller)
            .with_context(default_line_ids=[])
            .create({"partner_id": partner.id}),
        ):
            review.write({"grade": "aaa", "grade_note": "Trust me", "credit_limit": 90000})
            with self.assertRaisesRegex(UserError, "Business licence.*Site visit"):
                review.with_user(self.seller).action_submit()
            self.assertEqual(review.state, "draft")

    def test_the_score_is_computed_not_written(self):
        review = self.propose(self.distributor(0), score=0)
        for vals in ({"score": 95}, {"score_grade": "aaa"}):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(AccessError, "set by submitting it"),
                self.cr.savepoint(),
            ):
                review.with_user(self.seller).write(vals)
        forged = self.Review.with_user(self.seller).create(
            {"partner_id": review.partner_id.id, "score": 95, "score_grade": "aaa"}
        )
        self.assertEqual((forged.score, forged.grade), (0, "d"))

    def test_another_grade_than_the_score_needs_a_reason(self):
        review = self.propose(self.distributor(0), score=8)
        review.grade = "aaa"
        with self.assertRaisesRegex(UserError, r"differs from the score's \(AA\): say why"):
            review.with_user(self.seller).action_submit()
        review.grade_note = "Group guarantee from the parent company"
        review.with_user(self.seller).action_submit()
        self.assertEqual(review.state, "submitted")

    # The limit -----------------------------------------------------------------------------------

    def test_limit_from_sales_history(self):
        partner = self.distributor(10**6, channel_credit_term_days=60)
        self.invoice(partner, 360000)  # 60,000 a month over six months
        review = self.propose(partner, score=8)  # AA: factor 1.3
        self.assertEqual(review.term_days, 60)
        self.assertAlmostEqual(review.credit_limit, 60000 * 2 * 1.3)
        self.assertRegex(review.calculation, "360,000.00 invoiced .* / 6 = .*60,000.00 a month")
        self.assertIn("x 60/30 days of credit term x 1.3 for grade AA", review.calculation)
        # The proposal can differ from the calculation; the approvers see both.
        review.credit_limit = 100000
        self.assertAlmostEqual(review.calculated_limit, 156000)

    def test_limit_for_a_new_distributor(self):
        self.company.write({"channel_capital_share": 0.2, "channel_deposit_multiple": 0})
        review = self.propose(
            self.distributor(0),
            score=7,  # A: factor 1.0
            planned_monthly_purchase=100000,
            term_days=45,
            registered_capital=10**6,
        )
        self.assertAlmostEqual(review.credit_limit, 150000)
        self.assertIn("set by the purchase plan", review.calculation)
        review.registered_capital = 500000  # 20 % = 100,000
        self.assertAlmostEqual(review.credit_limit, 100000)
        self.assertIn("set by registered capital", review.calculation)
        self.company.channel_deposit_multiple = 3
        review.deposit = 20000
        review.invalidate_recordset(["calculated_limit", "calculation"])
        self.assertAlmostEqual(review.calculated_limit, 60000)
        self.assertRegex(review.calculation, "Cap: deposit .*20,000.00 x 3.0 = .*60,000.00")

    def test_bad_figures_are_refused_and_nothing_is_saved(self):
        partner = self.distributor(0)
        for vals, error, message in (
            ({"planned_monthly_purchase": -1}, ValidationError, "cannot be negative"),
            ({"deposit": -1}, ValidationError, "cannot be negative"),
            ({"term_days": 366}, ValidationError, "between 0 and 365"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(error, message),
                self.cr.savepoint(),
            ):
                self.Review.with_user(self.seller).create({"partner_id": partner.id, **vals})
        self.assertFalse(self.Review.search([("partner_id", "=", partner.id)]))
        # Whatever the client sends, a review starts as its creator's draft.
        review = (
            self.Review.with_user(self.seller)
            .with_context(default_state="approved")
            .create(
                {
                    "partner_id": partner.id,
                    "state": "approved",
                    "reviewer_id": self.credit_manager.id,
                    "submitted_by_id": self.credit_manager.id,
                    "approval_ids": [Command.create({"name": "Forged", "state": "approved"})],
                }
            )
        )
        self.assertEqual(
            (review.state, review.reviewer_id, review.submitted_by_id, review.approval_ids),
            ("draft", self.seller, self.env["res.users"], review.approval_ids.browse()),
        )

    # The approval chain -------------------------------------------------------------------------

    def chain(self, review):
        return review.approval_ids.mapped("name")

    def test_the_chain_follows_the_amount_at_each_edge(self):
        partner = self.distributor(0)
        names = ["Sales Manager", "Credit Manager", "Finance Director / General Manager"]
        for amount, steps in (
            (100000, names[:1]),
            (100000.01, names[:2]),
            (500000, names[:2]),
            (500000.01, names),
        ):
            with self.subTest(amount=amount):
                review = self.propose(partner, credit_limit=amount)
                review.with_user(self.seller).action_submit()
                self.assertEqual(self.chain(review), steps)
                self.assertEqual(review.approval_amount, amount)

    def test_a_large_limit_goes_through_every_level_in_turn(self):
        partner = self.distributor(0)
        review = self.propose(partner, credit_limit=800000, term_days=60)
        review.with_user(self.seller).action_submit()
        # Out of turn: the director cannot decide the sales manager's step.
        with self.assertRaisesRegex(UserError, "This step is for Sales Manager"):
            self.decide(review, self.director)
        self.decide(review, self.sales_manager)
        self.assertEqual(review.state, "submitted")
        # One person, one step.
        with self.assertRaisesRegex(UserError, "already decided a step"):
            review.with_user(self.sales_manager).action_decide()
        self.decide(review, self.credit_manager, note="References check out")
        self.assertEqual(partner.credit_limit, 0)  # not yet: the director decides
        self.assertIn(review, review.with_user(self.director).search([("can_approve", "=", True)]))
        self.decide(review, self.director)
        self.assertEqual(review.state, "approved")
        self.assertEqual(
            (partner.credit_limit, partner.channel_credit_grade, partner.channel_credit_term_days),
            (800000, "aa", 60),
        )
        self.assertEqual(
            review.approval_ids.mapped("user_id"),
            self.sales_manager | self.credit_manager | self.director,
        )
        self.assertIn("approved by", partner.message_ids[0].body)

    def test_nobody_approves_their_own_proposal(self):
        partner = self.distributor(0)
        review = self.propose(partner, user=self.sales_manager, credit_limit=50000)
        review.with_user(self.sales_manager).action_submit()
        with self.assertRaisesRegex(UserError, "you asked for it or prepared it"):
            self.decide(review, self.sales_manager)
        self.assertEqual((review.state, partner.credit_limit), ("submitted", 0))
        other = new_test_user(
            self.env, "cc_sales_manager_2", groups="sales_team.group_sale_manager"
        )
        self.decide(review, other)
        self.assertEqual(partner.credit_limit, 50000)

    def test_a_named_approver_only(self):
        level = self.env.ref("channel_credit.approval_level_sales_manager")
        level.user_ids = self.sales_manager
        other = new_test_user(
            self.env, "cc_sales_manager_2", groups="sales_team.group_sale_manager"
        )
        review = self.propose(self.distributor(0), credit_limit=50000)
        review.with_user(self.seller).action_submit()
        self.assertEqual(review.activity_ids.user_id, self.sales_manager)
        with self.assertRaisesRegex(UserError, "not among its approvers"):
            self.decide(review, other)
        # Changing the level later does not change a submitted chain.
        level.user_ids = other
        with self.assertRaisesRegex(UserError, "not among its approvers"):
            self.decide(review, other)
        self.decide(review, self.sales_manager)
        self.assertEqual(review.state, "approved")

    def test_reject_needs_a_reason_then_reopen_and_resubmit(self):
        partner = self.distributor(0)
        review = self.propose(partner, credit_limit=50000)
        review.with_user(self.seller).action_submit()
        with self.assertRaisesRegex(UserError, "Say why"):
            self.decide(review, self.sales_manager, approve=False)
        self.assertEqual(review.state, "submitted")
        self.decide(review, self.sales_manager, approve=False, note="No site visit photos")
        self.assertEqual((review.state, partner.credit_limit), ("rejected", 0))
        self.assertIn("No site visit photos", review.message_ids[0].body)
        review.with_user(self.seller).action_reset_draft()
        self.assertEqual((review.state, len(review.approval_ids)), ("draft", 0))
        review.with_user(self.seller).credit_limit = 40000
        review.with_user(self.seller).action_submit()
        self.decide(review, self.sales_manager)
        self.assertEqual(partner.credit_limit, 40000)

    def test_a_lower_limit_needs_one_credit_manager(self):
        partner = self.distributor(800000, channel_credit_term_days=30)
        review = self.propose(partner, credit_limit=300000, term_days=30)
        review.with_user(self.seller).action_submit()
        self.assertEqual(self.chain(review), ["Credit Manager"])
        # A longer term grants more, whatever the amount.
        longer = self.propose(partner, credit_limit=300000, term_days=31)
        longer.with_user(self.seller).action_submit()
        self.assertEqual(len(longer.approval_ids), 2)
        self.decide(review, self.credit_manager)
        self.assertEqual(partner.credit_limit, 300000)

    def test_a_submitted_review_is_locked(self):
        review = self.propose(self.distributor(0), credit_limit=50000)
        review.with_user(self.seller).action_submit()
        line = review.line_ids[:1]
        for call in (
            lambda: review.with_user(self.seller).write({"credit_limit": 10**7}),
            lambda: review.with_user(self.credit_manager).write({"grade": "aaa"}),
            lambda: line.with_user(self.seller).write({"score": 10}),
            lambda: review.with_user(self.seller).unlink(),
        ):
            with self.assertRaisesRegex(UserError, "cannot be changed|kept as a record"):
                call()
        with self.assertRaisesRegex(AccessError, "set by submitting it"):
            review.with_user(self.credit_manager).write({"state": "approved"})
        with self.assertRaisesRegex(AccessError, "set by submitting it"):
            review.with_user(self.seller).write({"approval_ids": [Command.clear()]})
        self.assertEqual((review.state, review.credit_limit), ("submitted", 50000))
        self.assertEqual(len(review.approval_ids), 1)

    def test_someone_elses_proposal_stays_theirs(self):
        review = self.propose(self.distributor(0), credit_limit=50000)
        other = new_test_user(self.env, "cc_seller_2", groups="sales_team.group_sale_salesman")
        with self.assertRaises(AccessError):
            review.with_user(other).write({"credit_limit": 10**6})
        self.assertEqual(review.credit_limit, 50000)

    def test_the_distributors_credit_changed_since_submission(self):
        partner = self.distributor(800000)
        review = self.propose(partner, credit_limit=600000)
        review.with_user(self.seller).action_submit()
        self.assertEqual(self.chain(review), ["Credit Manager"])
        partner.with_user(self.credit_manager).credit_limit = 100000
        with self.assertRaisesRegex(UserError, "changed since this review was submitted"):
            self.decide(review, self.credit_manager)
        self.assertEqual((review.state, partner.credit_limit), ("submitted", 100000))

    def test_temporary_increase_goes_through_the_chain_and_expires(self):
        partner = self.distributor(80000)
        review = self.Review.with_user(self.seller).create(
            {"partner_id": partner.id, "kind": "temporary", "temp_limit": 30000}
        )
        with self.assertRaisesRegex(UserError, "end date from today"):
            review.with_user(self.seller).action_submit()
        review.temp_until = self.today - timedelta(days=1)
        with self.assertRaisesRegex(UserError, "end date from today"):
            review.with_user(self.seller).action_submit()
        review.temp_until = self.today + timedelta(days=30)
        review.with_user(self.seller).action_submit()
        # 80,000 + 30,000: over the sales manager's 100,000.
        self.assertEqual(review.approval_amount, 110000)
        self.assertEqual(self.chain(review), ["Sales Manager", "Credit Manager"])
        self.decide(review, self.sales_manager)
        self.decide(review, self.credit_manager)
        self.assertEqual(
            (partner.credit_limit, partner.channel_temp_limit, partner.channel_temp_limit_until),
            (80000, 30000, self.today + timedelta(days=30)),
        )
        self.assertEqual(partner.channel_effective_limit, 110000)

    def test_temporary_increase_through_the_forms_up_to_the_director(self):
        """As the browser does it: the salesperson's form (its defaults and the fields it
        shows), then each level's decision dialog, the director's included."""
        partner = self.distributor(450000)
        with Form(self.Review.with_user(self.seller)) as form:
            form.partner_id = partner
            form.kind = "temporary"
            form.temp_limit = 100000
            form.temp_until = self.today + timedelta(days=20)
        review = form.record
        review.with_user(self.seller).action_submit()
        # 450,000 + 100,000: above the Credit Manager's 500,000.
        self.assertEqual(
            self.chain(review),
            ["Sales Manager", "Credit Manager", "Finance Director / General Manager"],
        )
        for user, step in (
            (self.sales_manager, "Sales Manager"),
            (self.credit_manager, "Credit Manager"),
            (self.director, "Finance Director / General Manager"),
        ):
            action = review.with_user(user).action_decide()
            dialog = Form(
                self.env[action["res_model"]].with_user(user).with_context(**action["context"])
            )
            # The dialog shows whose credit and what it approves.
            self.assertEqual(
                (dialog.partner_id, dialog.step_name, dialog.temp_limit, dialog.approval_amount),
                (partner, step, 100000, 550000),
            )
            dialog.save().action_approve()
        self.assertEqual(review.state, "approved")
        self.assertEqual(partner.channel_effective_limit, 550000)

    # The distributor: no way around the chain ---------------------------------------------------

    def test_a_credit_manager_cannot_raise_a_limit_directly(self):
        partner = self.distributor(1000, channel_credit_term_days=30)
        as_manager = partner.with_user(self.credit_manager)
        for vals in (
            {"credit_limit": 1000.01},
            {"channel_temp_limit": 1, "channel_temp_limit_until": self.today},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "granted through a credit review"),
                self.cr.savepoint(),
            ):
                as_manager.write(vals)
        self.assertEqual((partner.credit_limit, partner.channel_temp_limit), (1000, 0))
        as_manager.credit_limit = 999  # lowering stays a Credit Manager's call
        self.assertEqual(partner.credit_limit, 999)
        # Nor by creating a controlled distributor with a limit.
        with self.assertRaisesRegex(UserError, "granted through a credit review"):
            self.env["res.partner"].with_user(self.credit_manager).create(
                {
                    "name": "New",
                    "is_company": True,
                    "credit_limit": 5000,
                    "channel_credit_policy": "block",
                }
            )
        # Outside credit control, Odoo's own credit limit stays an accountant's field.
        loose = self.env["res.partner"].create({"name": "Retail", "is_company": True})
        loose.with_user(self.credit_manager).credit_limit = 5000
        self.assertEqual(loose.credit_limit, 5000)

    def test_a_raise_suggested_by_sales_starts_a_review(self):
        partner = self.distributor(1000, channel_credit_grade="a", channel_credit_term_days=30)
        self.invoice(partner, 60000)
        action = partner.with_user(self.credit_manager).action_channel_review_suggested_limit()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.credit_manager)
            .with_context(**action["context"])
            .create({})
        )
        self.assertTrue(wizard.is_raise)
        opened = wizard.action_start_review()
        review = self.Review.browse(opened["res_id"])
        self.assertEqual((review.partner_id, review.state), (partner, "draft"))
        self.assertEqual(partner.credit_limit, 1000)

    def test_new_review_from_the_distributor_form(self):
        partner = self.distributor(0)
        action = partner.with_user(self.seller).action_channel_new_review()
        form = Form(self.Review.with_user(self.seller).with_context(**action["context"]))
        self.assertEqual(form.partner_id, partner)
        self.assertEqual(len(form.line_ids), 10)
        review = form.save()
        self.assertEqual(review.reviewer_id, self.seller)

    def test_a_new_company_gets_the_checklist_and_levels(self):
        company = self.env["res.company"].create({"name": "Second Plant"})
        items = self.env["channel.credit.check.item"].search([("company_id", "=", company.id)])
        levels = self.env["channel.credit.approval.level"].search([("company_id", "=", company.id)])
        self.assertEqual(len(items), 10)
        self.assertEqual(levels.mapped("max_amount"), [100000, 500000, 0])

    def test_only_directors_set_who_approves(self):
        level = self.env.ref("channel_credit.approval_level_director")
        with self.assertRaises(AccessError):
            level.with_user(self.credit_manager).max_amount = 10**9
        level.with_user(self.director).max_amount = 10**9
        self.assertEqual(level.max_amount, 10**9)

    # What an attacker's review found ------------------------------------------------------------

    def test_whoever_changed_the_proposal_does_not_approve_it(self):
        review = self.propose(self.distributor(0), credit_limit=50000)
        # A Credit Manager raises a salesperson's draft, then would approve it.
        review.with_user(self.credit_manager).credit_limit = 450000
        review.with_user(self.seller).action_submit()
        self.assertEqual(self.chain(review), ["Sales Manager", "Credit Manager"])
        self.decide(review, self.sales_manager)
        with self.assertRaisesRegex(UserError, "you asked for it or prepared it"):
            self.decide(review, self.credit_manager)
        self.assertEqual(review.state, "submitted")

    def test_a_temporary_increase_counts_in_the_next_limits_chain(self):
        partner = self.distributor(50000)
        partner.sudo().write({"channel_temp_limit": 450000, "channel_temp_limit_until": self.today})
        review = self.propose(partner, credit_limit=100000)
        review.with_user(self.seller).action_submit()
        self.assertEqual(review.approval_amount, 550000)
        self.assertEqual(len(review.approval_ids), 3)

    def test_a_submitted_review_is_never_deleted(self):
        review = self.propose(self.distributor(0), credit_limit=50000)
        review.with_user(self.seller).action_submit()
        self.decide(review, self.sales_manager, approve=False, note="In litigation")
        with self.assertRaisesRegex(UserError, "kept as a record"):
            review.with_user(self.seller).unlink()
        review.with_user(self.seller).action_reset_draft()
        with self.assertRaisesRegex(UserError, "kept as a record"):
            review.with_user(self.seller).unlink()
        self.assertTrue(review.exists())
        # A draft never submitted can go.
        draft = self.Review.with_user(self.seller).create({"partner_id": review.partner_id.id})
        draft.with_user(self.seller).unlink()
        self.assertFalse(draft.exists())

    def test_evidence_is_kept_once_submitted(self):
        review = self.propose(self.distributor(0), credit_limit=50000)
        evidence = review.line_ids.attachment_ids[:1]
        review.with_user(self.seller).action_submit()
        with self.assertRaisesRegex(UserError, "evidence of a submitted credit review"):
            evidence.with_user(self.seller).write({"raw": b"forged"})
        with self.assertRaisesRegex(UserError, "evidence of a submitted credit review"):
            evidence.with_user(self.seller).unlink()
        self.assertEqual(evidence.raw, b"photo")

    def test_the_next_named_approver_is_told_by_the_previous_one(self):
        self.env.ref("channel_credit.approval_level_credit_manager").user_ids = self.credit_manager
        review = self.propose(self.distributor(0), credit_limit=200000)
        review.with_user(self.seller).action_submit()
        self.decide(review, self.sales_manager)
        self.assertEqual(review.activity_ids.user_id, self.credit_manager)

    def test_a_contact_does_not_leave_with_its_companys_limit(self):
        loose = self.env["res.partner"].create({"name": "Loose", "is_company": True})
        loose.with_user(self.credit_manager).credit_limit = 10**6
        partner = self.distributor(0)
        as_manager = partner.with_user(self.credit_manager)
        as_manager.write({"is_company": False, "parent_id": loose.id})
        self.assertEqual(partner.credit_limit, 10**6)  # Odoo syncs it from the company
        with self.assertRaisesRegex(UserError, "granted through a credit review"):
            as_manager.write({"is_company": True, "parent_id": False})
        self.assertEqual(partner.commercial_partner_id, loose)
        # A contact of a reviewed distributor cannot become a distributor with its limit.
        reviewed = self.distributor(800000)
        contact = (
            self.env["res.partner"]
            .with_user(self.credit_manager)
            .create({"name": "Branch", "parent_id": reviewed.id})
        )
        contact.with_user(self.credit_manager).write({"parent_id": False, "is_company": True})
        self.assertEqual(contact.credit_limit, 800000)  # outside credit control, for now
        with self.assertRaisesRegex(UserError, "granted through a credit review"):
            contact.with_user(self.credit_manager).channel_credit_policy = "block"
        self.assertFalse(contact.channel_credit_policy)

    def test_a_merge_does_not_carry_a_limit_over(self):
        big = self.env["res.partner"].create({"name": "Big", "is_company": True})
        big.with_user(self.credit_manager).credit_limit = 10**6
        partner = self.distributor(0)
        # Merging is an administrator's tool (here one who is also Credit Director).
        admin = self.env.ref("base.user_admin")
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(admin).create({})
        with self.assertRaisesRegex(UserError, "granted through a credit review"):
            wizard._merge((big | partner).ids, partner)
        self.assertEqual((partner.credit_limit, big.exists()), (0, big))

    def test_a_review_in_another_company_takes_that_companys_checklist(self):
        other = self.env["res.company"].create({"name": "Second Plant"})
        self.env["channel.credit.check.item"].search([("company_id", "=", other.id)])[
            :1
        ].name = "Second plant item"
        self.credit_manager.company_ids |= other
        partner = self.distributor(0)
        review = self.Review.with_user(self.credit_manager).create(
            {"partner_id": partner.id, "company_id": other.id}
        )
        self.assertEqual(review.line_ids.item_id.company_id, other)
        self.assertIn("Second plant item", review.line_ids.mapped("name"))

    def test_bad_settings_are_refused_and_nothing_changes(self):
        company = self.company
        item = self.env.ref("channel_credit.check_item_licence")
        level = self.env.ref("channel_credit.approval_level_sales_manager")
        step = self.env.ref("channel_credit.dunning_step_call")
        for record, vals, message in (
            (item, {"weight": 0}, "weight must be between 1 and 100"),
            (item, {"weight": 101}, "weight must be between 1 and 100"),
            (level, {"max_amount": -0.01}, "cannot be negative"),
            (step, {"days": 0}, "between day 1 and day 3650"),
            (step, {"days": 3651}, "between day 1 and day 3650"),
            (company, {"channel_capital_share": 1.01}, "between 0% and 100%"),
            (company, {"channel_deposit_multiple": -1}, "between 0 and 10"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.cr.savepoint(),
            ):
                record.write(vals)
        self.assertEqual((item.weight, level.max_amount, step.days), (10, 100000, 7))
        self.assertEqual(company.channel_capital_share, 0.2)
        # At the edges, the values are taken.
        item.weight, step.days, company.channel_capital_share = 100, 3650, 1.0
        self.assertEqual((item.weight, step.days, company.channel_capital_share), (100, 3650, 1.0))
