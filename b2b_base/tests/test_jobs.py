from odoo.tests import TransactionCase, new_test_user, tagged

from .. import jobs

LOGGER = "odoo.addons.b2b_base.jobs"


@tagged("post_install", "-at_install")
class TestJobs(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create([{"name": f"P{i}"} for i in range(5)])
        cls.other = cls.env["res.company"].create({"name": "Broken Co"})
        cls.user = new_test_user(cls.env, "jobs_user", groups="base.group_user")
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def test_each_in_savepoint_skips_the_bad_record_only(self):
        bad = self.partners[2]

        def rename(records):
            for record in records:
                if record == bad:
                    raise ValueError("bad row")
                record.name += " done"

        with self.assertLogs(LOGGER, "ERROR") as logs:
            jobs.each_in_savepoint(self.partners, rename, "Test job", batch_size=2)
        self.assertEqual(len(logs.output), 1)
        self.assertIn(f"Test job: record {bad.ids} skipped", logs.output[0])
        self.assertEqual(
            self.partners.mapped("name"), ["P0 done", "P1 done", "P2", "P3 done", "P4 done"]
        )

    def test_each_company_skips_a_failing_company_and_keeps_the_others(self):
        companies = self.env.company | self.other

        def job(company):
            self.partners[0].name = f"seen by {company.name}"
            if company == self.other:
                raise ValueError("bad data")
            return company.id

        with self.assertLogs(LOGGER, "ERROR") as logs:
            results = jobs.each_company(companies, job, "Test job")
        self.assertEqual(results, [self.env.company.id])
        self.assertIn(f"Test job: company Broken Co (id {self.other.id}) skipped", logs.output[0])
        # The failing company's writes are rolled back, the others' kept.
        self.assertEqual(self.partners[0].name, f"seen by {self.env.company.name}")

    def test_activities_for_the_same_record_and_user_are_all_created(self):
        # Odoo subscribes each user to their records in one call per create: the same
        # record and user twice in one create would add the follower twice.
        partner = self.partners[0]
        values = [
            jobs.activity_values(partner, self.todo, self.user, "2026-12-03", summary=f"S{i}")
            for i in range(3)
        ] + [jobs.activity_values(self.partners[1], self.todo, self.user, "2026-12-03")]
        jobs.create_activities(self.env, values)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.partners[:2].ids)]
        )
        self.assertEqual(
            sorted(activities.mapped(lambda a: (a.res_id, a.summary or ""))),
            sorted(
                [
                    (partner.id, "S0"),
                    (partner.id, "S1"),
                    (partner.id, "S2"),
                    (self.partners[1].id, ""),
                ]
            ),
        )
        self.assertTrue(all(activities.mapped("automated")))
        self.assertEqual(activities.user_id, self.user)
        self.assertIn(self.user.partner_id, partner.message_partner_ids)
        self.assertEqual(
            len(
                partner.message_follower_ids.filtered(
                    lambda f: f.partner_id == self.user.partner_id
                )
            ),
            1,
        )

    def test_no_activity_asks_for_nothing(self):
        before = self.env["mail.activity"].search_count([])
        jobs.create_activities(self.env, [])
        self.assertEqual(self.env["mail.activity"].search_count([]), before)
