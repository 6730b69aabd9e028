from functools import partial

from odoo.addons.b2b_base.tests.common import addon_migration
from odoo.tests import tagged
from odoo.tools import SQL

from .common import KamCase

migration = partial(addon_migration, "key_account_management")


@tagged("post_install", "-at_install")
class TestApprovalVocabularyMigration(KamCase):
    """18.0.1.5.1: refused gift and reception requests stay refused under the approval
    vocabulary's key, as do the users' saved filters on them."""

    def setUp(self):
        super().setUp()
        customer = self.customer("Migrated Customer")
        self.refused, self.submitted = (
            self.env["kam.gift.request"]
            .sudo()
            .create(
                [
                    {"partner_id": customer.id, "company_id": self.company.id, "purpose": "Tea"}
                    for _i in range(2)
                ]
            )
        )
        self.filter = self.env["ir.filters"].create(
            {
                "name": "Refused gifts",
                "model_id": "kam.gift.request",
                "domain": "[('state', '=', 'refused')]",
                "user_id": self.env.uid,
            }
        )
        self.env.flush_all()
        for request, old in ((self.refused, "refused"), (self.submitted, "submitted")):
            self.env.cr.execute(
                SQL("UPDATE kam_gift_request SET state = %s WHERE id = %s", old, request.id)
            )
        self.env.invalidate_all()

    def test_refused_becomes_rejected_and_a_second_run_changes_nothing(self):
        for _run in range(2):
            migration("18.0.1.5.1", "pre")(self.env.cr, "18.0.1.5.0")
            self.env.invalidate_all()
            self.assertEqual(
                (self.refused | self.submitted).mapped("state"), ["rejected", "submitted"]
            )
            self.assertEqual(self.filter.domain, "[('state', '=', 'rejected')]")
