"""A new distributor's credit review starts from its agreement's purchase plan and deposit;
the limit stays the review's to decide."""

from datetime import date

from lxml import etree

from odoo.addons.distributor_management.tests.common import DistributorCase
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCreditReviewFromAgreement(DistributorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A representative who also sells (so sees credit and proposes reviews).
        cls.seller = new_test_user(
            cls.env,
            "dm_seller",
            groups="distributor_management.group_distributor_user,sales_team.group_sale_salesman",
        )

    def test_the_review_starts_from_the_agreement(self):
        agreement = self.agreement(
            [(self.nanjing, True)],
            user=self.seller,
            planned_monthly_purchase=300_000,
            deposit=200_000,
        )
        limit_before = agreement.partner_id.credit_limit
        action = agreement.action_start_credit_review()
        review = self.env["channel.credit.review"].browse(action["res_id"])
        self.assertEqual(review.state, "draft")
        self.assertEqual(review.agreement_id, agreement)
        self.assertEqual(review.partner_id, agreement.partner_id)
        self.assertEqual(review.planned_monthly_purchase, 300_000)
        self.assertEqual(review.deposit, 200_000)
        self.assertEqual(review.reviewer_id, self.seller)
        self.assertIn("New distributor", review.calculation)
        self.assertEqual(agreement.partner_id.credit_limit, limit_before, "the review decides")
        # Asked again, the open review is the one.
        self.assertEqual(agreement.action_start_credit_review()["res_id"], review.id)
        self.assertEqual(agreement.credit_review_count, 1)
        self.assertEqual(
            agreement.action_view_credit_reviews()["domain"], [("agreement_id", "=", agreement.id)]
        )

    def test_one_button_box(self):
        # The web client shows the form's first button box only: the reviews go into it.
        arch = etree.fromstring(
            self.env["distributor.agreement"]
            .with_user(self.seller)
            .get_view(view_type="form")["arch"]
        )
        boxes = arch.xpath("//div[@name='button_box']")
        self.assertEqual(len(boxes), 1)
        self.assertTrue(boxes[0].xpath(".//button[@name='action_view_credit_reviews']"))

    def test_without_credit_rights_the_agreement_still_opens(self):
        agreement = self.agreement([(self.nanjing, True)])
        with Form(agreement.with_user(self.rep)) as form:
            form.deposit = 1
        self.assertNotIn("credit_review_count", agreement.with_user(self.rep).fields_get())
        self.assert_refused(
            AccessError,
            None,
            agreement.with_user(self.rep).action_start_credit_review,
            model="channel.credit.review",
        )

    def test_a_new_distributors_agreement_starts_its_review(self):
        credit_manager = new_test_user(
            self.env, "dm_credit_mgr", groups="channel_credit.group_channel_credit_manager"
        )
        self.company.channel_credit_manager_id = credit_manager
        agreement = self.agreement(
            [(self.nanjing, True)],
            planned_monthly_purchase=300_000,
            registered_capital=5_000_000,
            deposit=200_000,
        )
        # Submitted by a representative without credit rights: nothing yet, anyone may submit
        # an agreement for any partner with any figures.
        agreement.with_user(self.rep).action_submit()
        Review = self.env["channel.credit.review"]
        self.assertFalse(Review.search([("partner_id", "=", agreement.partner_id.id)]))
        self.assertNotIn("credit review", agreement.message_ids[0].body)
        # Approved by a Channel Manager (who has no credit rights either): the review starts
        # from the agreement as approved.
        agreement.with_user(self.manager).action_approve()
        review = Review.search([("agreement_id", "=", agreement.id)])
        self.assertEqual(len(review), 1)
        self.assertEqual(
            (review.state, review.partner_id, review.reviewer_id),
            ("draft", agreement.partner_id, credit_manager),
        )
        self.assertEqual(
            (review.planned_monthly_purchase, review.registered_capital, review.deposit),
            (300_000, 5_000_000, 200_000),
        )
        self.assertEqual(review.activity_ids.user_id, credit_manager)
        self.assertEqual(review.activity_ids.summary, "Propose a new distributor's credit")
        self.assertIn(review.display_name, agreement.message_ids[0].body)
        self.assertFalse(agreement.partner_id.credit_limit, "the review decides the limit")
        # The same distributor's next agreement: its credit is known, no second review.
        renewal = self.agreement(
            [(self.nanjing, True)],
            start=date(2027, 1, 1),
            end=date(2027, 12, 31),
            partner_id=agreement.partner_id.id,
        )
        self.approve(renewal)
        self.assertEqual(
            self.env["channel.credit.review"].search_count(
                [("partner_id", "=", agreement.partner_id.id)]
            ),
            1,
        )

    def test_a_distributor_with_a_limit_is_not_reviewed_again(self):
        known = self.distributor("Known Distributor")
        known.credit_limit = 100_000
        agreement = self.agreement([(self.nanjing, True)], partner_id=known.id)
        self.approve(agreement)
        self.assertFalse(self.env["channel.credit.review"].search([("partner_id", "=", known.id)]))
