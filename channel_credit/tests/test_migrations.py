from functools import partial

from odoo.addons.b2b_base.tests.common import addon_migration
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

migration = partial(addon_migration, "channel_credit")


@tagged("post_install", "-at_install")
class TestMigrations(TransactionCase):
    """Each held distributor keeps its reason whatever release wrote it."""

    def setUp(self):
        super().setUp()
        self.company = self.env.company
        Partner = self.env["res.partner"]
        self.plain, self.recorded, self.first = Partner.create(
            [{"name": name, "is_company": True} for name in ("Plain", "Recorded", "First")]
        )
        self.recorded._channel_put_on_hold("Cheque returned")
        (self.plain | self.first).channel_credit_hold = True
        self.env.flush_all()
        key = str(self.company.id)
        # A release before reasons were codes wrote plain text in the recorded hold.
        self.env.cr.execute(
            "UPDATE res_partner SET channel_credit_hold_info = jsonb_build_object(%s, %s) "
            "WHERE id = %s",
            (key, "Invoice overdue 45 days", self.plain.id),
        )
        # The first release kept the reason in a text field of its own.
        self.env.cr.execute(
            "ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS channel_credit_hold_reason jsonb"
        )
        self.env.cr.execute(
            "UPDATE res_partner SET channel_credit_hold_reason = jsonb_build_object(%s, %s) "
            "WHERE id IN %s",
            (key, "Overdue 61 days (allowed: 30)", (self.first.id, self.recorded.id)),
        )
        self.before = self.recorded.channel_credit_hold_reason
        self.env.invalidate_all()

    def test_a_plain_reason_that_parses_as_json_stays_a_reason(self):
        """A person's reason "30" is valid JSON, but not a recorded hold: it stays text."""
        self.env.cr.execute(
            "UPDATE res_partner SET channel_credit_hold_info = jsonb_build_object(%s, %s) "
            "WHERE id = %s",
            (str(self.company.id), "30", self.plain.id),
        )
        migration("18.0.1.3.0", "post")(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.plain.channel_credit_hold_reason, "30")

    def test_hold_reasons_of_every_release_read_as_they_were_written(self):
        migration("18.0.1.3.0", "post")(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.plain.channel_credit_hold_reason, "Invoice overdue 45 days")
        self.assertEqual(self.first.channel_credit_hold_reason, "Overdue 61 days (allowed: 30)")
        # A recorded hold keeps its own reason, not the first release's leftover text.
        self.assertEqual(self.recorded.channel_credit_hold_reason, self.before)
        self.assertIn("Cheque returned", self.before)
        # Running it again changes nothing.
        infos = (self.plain | self.first | self.recorded).mapped("channel_credit_hold_info")
        migration("18.0.1.3.0", "post")(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(
            (self.plain | self.first | self.recorded).mapped("channel_credit_hold_info"), infos
        )


@tagged("post_install", "-at_install")
class TestApprovalVocabularyMigration(TransactionCase):
    """18.0.1.3.1: reviews and releases waiting or applied keep their place under the approval
    vocabulary's keys, as do the users' saved filters on them."""

    def setUp(self):
        super().setUp()
        partner = self.env["res.partner"].create({"name": "Migrated Co", "is_company": True})
        Review = self.env["channel.credit.review"].sudo()
        self.waiting, self.applied, self.rejected = Review.create(
            [{"partner_id": partner.id, "line_ids": []} for _i in range(3)]
        )
        order = self.env["sale.order"].create({"partner_id": partner.id})
        self.requested, self.used = (
            self.env["channel.credit.release"]
            .sudo()
            .create(
                [
                    {
                        "order_id": order.id,
                        "partner_id": partner.id,
                        "company_id": order.company_id.id,
                        "requester_id": self.env.uid,
                    }
                    for _i in range(2)
                ]
            )
        )
        self.filter = self.env["ir.filters"].create(
            {
                "name": "Waiting reviews",
                "model_id": "channel.credit.review",
                "domain": "[('state', 'in', ['to_approve', \"done\"])]",
                "user_id": self.env.uid,
            }
        )
        self.env.flush_all()
        for record, old in (
            (self.waiting, "to_approve"),
            (self.applied, "done"),
            (self.rejected, "rejected"),
            (self.requested, "requested"),
            (self.used, "used"),
        ):
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET state = %s WHERE id = %s",
                    SQL.identifier(record._table),
                    old,
                    record.id,
                )
            )
        self.env.invalidate_all()

    def states(self):
        self.env.invalidate_all()
        records = self.waiting | self.applied | self.rejected
        return records.mapped("state") + (self.requested | self.used).mapped("state")

    def test_old_keys_become_the_vocabulary_and_a_second_run_changes_nothing(self):
        migration("18.0.1.3.1", "pre")(self.env.cr, "18.0.1.3.0")
        expected = ["submitted", "approved", "rejected", "submitted", "used"]
        self.assertEqual(self.states(), expected)
        self.assertEqual(self.filter.domain, "[('state', 'in', ['submitted', \"approved\"])]")
        migration("18.0.1.3.1", "pre")(self.env.cr, "18.0.1.3.0")
        self.assertEqual(self.states(), expected)
        self.assertEqual(self.filter.domain, "[('state', 'in', ['submitted', \"approved\"])]")
