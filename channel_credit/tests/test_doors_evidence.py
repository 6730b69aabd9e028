"""Evidence cannot change after submission: every file an investigation line rests on,
wherever it was first attached, is what the approvers decide on.

Who can write those files: their uploader (the salesperson who proposes the review), anyone
who may write the record a file was first attached to (any contact editor on a partner's
files, a salesperson on their quotation's), administrators, and the system when the record
they hang on is deleted (a sales manager deleting the quotation). Each tried here, with the
error and the file unchanged."""

import base64

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import CreditCase

KEPT = "evidence of a submitted credit review"


@tagged("post_install", "-at_install")
class TestEvidenceDoors(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.distributor(0)
        cls.contact_editor = new_test_user(
            cls.env, "cc_contact_editor", groups="base.group_user,base.group_partner_manager"
        )
        cls.admin = cls.env.ref("base.user_admin")

    def submitted_with(self, attachment):
        review = (
            self.env["channel.credit.review"]
            .with_user(self.seller)
            .create({"partner_id": self.partner.id, "grade_note": "Known distributor"})
        )
        review.line_ids.write(
            {"checked": True, "score": 8, "attachment_ids": [Command.set(attachment.ids)]}
        )
        review.with_user(self.seller).action_submit()
        self.assertEqual(review.state, "submitted")
        return review

    def file_on(self, record, user, name="licence.jpg"):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "datas": base64.b64encode(b"photo"),
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        )

    def assertKept(self, attachment, call):
        """The file is still there, with its content and its record."""
        self.assert_refused(
            UserError, KEPT, call, attachment, ["raw", "name", "res_model", "res_id"]
        )

    def test_a_file_first_attached_to_the_distributor(self):
        evidence = self.file_on(self.partner, self.contact_editor)
        self.submitted_with(evidence)
        for user in (self.contact_editor, self.seller, self.admin):
            own = evidence.with_user(user)
            for vals in (
                {"raw": b"forged"},
                {"name": "other.jpg"},
                {"res_id": self.seller.partner_id.id},
                {"res_model": "res.users"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self.assertKept(evidence, lambda o=own, v=vals: o.write(v))
            with self.subTest(user=user.login, door="unlink"):
                self.assertKept(evidence, own.unlink)

    def test_a_file_of_a_quotation_survives_its_quotation(self):
        quotation = self.order(self.partner, 100)
        evidence = self.file_on(quotation, self.seller, "signed_plan.pdf")
        self.submitted_with(evidence)
        manager = new_test_user(self.env, "cc_sales_admin", groups="sales_team.group_sale_manager")
        with self.assertRaisesRegex(UserError, KEPT):
            quotation.with_user(manager).unlink()
        self.assertTrue(quotation.exists() and evidence.exists())

    def test_files_stay_free_while_the_review_is_a_draft(self):
        evidence = self.file_on(self.partner, self.contact_editor)
        review = (
            self.env["channel.credit.review"]
            .with_user(self.seller)
            .create({"partner_id": self.partner.id})
        )
        review.line_ids[:1].write({"attachment_ids": [Command.set(evidence.ids)]})
        evidence.with_user(self.contact_editor).write({"name": "licence-2026.jpg"})
        self.assertEqual(evidence.name, "licence-2026.jpg")
        # Other files are nobody's evidence: they change as always.
        other = self.file_on(self.partner, self.contact_editor, "brochure.pdf")
        other.with_user(self.contact_editor).unlink()
        self.assertFalse(other.exists())
