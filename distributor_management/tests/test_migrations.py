from functools import partial

from odoo.addons.b2b_base.tests.common import addon_migration
from odoo.tests import TransactionCase, tagged

migration = partial(addon_migration, "distributor_management")


@tagged("post_install", "-at_install")
class TestMigrations(TransactionCase):
    """An update installs distributor recruitment where CRM is, and distributor visits where
    Key Accounts is, as a new install would."""

    def state(self, name):
        self.env.invalidate_all()
        return self.env["ir.module.module"].search([("name", "=", name)]).state

    def set_state(self, name, state):
        self.env.cr.execute("UPDATE ir_module_module SET state = %s WHERE name = %s", (state, name))
        self.env.invalidate_all()

    def test_recruitment_comes_with_crm(self):
        self.set_state("distributor_recruitment", "uninstalled")
        migration("18.0.1.3.0", "post")(self.env.cr, "18.0.1.2.0")
        self.assertEqual(self.state("distributor_recruitment"), "to install")
        migration("18.0.1.3.0", "post")(self.env.cr, "18.0.1.2.0")
        self.assertEqual(self.state("distributor_recruitment"), "to install", "run twice")

    def test_not_without_crm_nor_on_a_new_install(self):
        self.set_state("distributor_recruitment", "uninstalled")
        self.set_state("crm", "uninstalled")
        migration("18.0.1.3.0", "post")(self.env.cr, "18.0.1.2.0")
        self.assertEqual(self.state("distributor_recruitment"), "uninstalled")
        self.set_state("crm", "installed")
        migration("18.0.1.3.0", "post")(self.env.cr, None)
        self.assertEqual(self.state("distributor_recruitment"), "uninstalled")

    def test_visits_come_with_key_accounts(self):
        self.set_state("distributor_key_account", "uninstalled")
        migration("18.0.1.4.0", "post")(self.env.cr, "18.0.1.3.0")
        self.assertEqual(self.state("distributor_key_account"), "to install")
        self.set_state("distributor_key_account", "uninstalled")
        self.set_state("key_account_management", "uninstalled")
        migration("18.0.1.4.0", "post")(self.env.cr, "18.0.1.3.0")
        self.assertEqual(self.state("distributor_key_account"), "uninstalled")

    def test_evaluations_before_cost_to_serve_did_not_judge_it(self):
        partner = self.env["res.partner"].create({"name": "Old Distributor", "is_company": True})
        Evaluation = self.env["distributor.evaluation"]
        scored, partly, draft = Evaluation.create(
            [{"partner_id": partner.id, "date_from": "2026-01-01", "date_to": "2026-03-31"}] * 3
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE distributor_evaluation SET evaluated_date = now(), cost_score = NULL, "
            "unjudged = CASE id WHEN %s THEN NULL ELSE 'growth' END WHERE id IN %s",
            (scored.id, (scored.id, partly.id)),
        )
        migration("18.0.1.4.0", "post")(self.env.cr, "18.0.1.3.0")
        migration("18.0.1.4.0", "post")(self.env.cr, "18.0.1.3.0")  # run twice: the same
        self.env.invalidate_all()
        self.assertEqual(
            [scored.unjudged, partly.unjudged, draft.unjudged], ["cost", "growth,cost", False]
        )
        self.assertIn("Not judged: Cost to serve.", scored.grade_reason)
