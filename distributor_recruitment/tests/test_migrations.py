from datetime import date

from odoo.addons.b2b_base.tests.common import addon_migration
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestMigrations(TransactionCase):
    def test_selection_keys_become_distributor_types(self):
        """18.0.1.0.0's selection values become the types that replaced them; an empty or
        unknown value stays without a type."""
        cr = self.env.cr
        lead, other, none = self.env["crm.lead"].create(
            [{"name": "Wholesaler"}, {"name": "Odd"}, {"name": "Unknown"}]
        )
        plan = self.env["distributor.recruitment.plan"].create(
            {"name": "Jiangsu", "date_end": date(2027, 12, 31)}
        )
        for table in ("crm_lead", "distributor_recruitment_plan"):
            cr.execute(
                SQL(
                    "ALTER TABLE %s ADD COLUMN IF NOT EXISTS distributor_type varchar",
                    SQL.identifier(table),
                )
            )
        cr.execute(
            "UPDATE crm_lead SET distributor_type = CASE id WHEN %s THEN 'wholesale' "
            "WHEN %s THEN 'gone' END WHERE id IN %s",
            (lead.id, other.id, (lead.id, other.id, none.id)),
        )
        cr.execute(
            "UPDATE distributor_recruitment_plan SET distributor_type = 'terminal' WHERE id = %s",
            (plan.id,),
        )
        migrate = addon_migration("distributor_recruitment", "18.0.1.1.0", "post")
        migrate(cr, "18.0.1.0.0")
        migrate(cr, "18.0.1.0.0")  # run twice: the same
        self.env.invalidate_all()
        self.assertEqual(
            lead.distributor_type_id,
            self.env.ref("distributor_management.distributor_type_wholesale"),
        )
        self.assertFalse((other | none).distributor_type_id)
        self.assertEqual(
            plan.distributor_type_id,
            self.env.ref("distributor_management.distributor_type_terminal"),
        )
