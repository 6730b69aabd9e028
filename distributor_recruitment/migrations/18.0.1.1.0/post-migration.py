"""18.0.1.1.0 turns the distributor type of candidates and plans from a selection into
Distributor Management's types (with their default terms): each key becomes its type."""

from odoo import SUPERUSER_ID, api
from odoo.addons.distributor_recruitment.const import DISTRIBUTOR_TYPE_KEYS
from odoo.tools import SQL
from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for table in ("crm_lead", "distributor_recruitment_plan"):
        if not column_exists(cr, table, "distributor_type"):
            continue
        for key, xmlid in DISTRIBUTOR_TYPE_KEYS.items():
            kind = env.ref(xmlid, raise_if_not_found=False)
            if kind:
                cr.execute(
                    SQL(
                        "UPDATE %s SET distributor_type_id = %s WHERE distributor_type = %s",
                        SQL.identifier(table),
                        kind.id,
                        key,
                    )
                )
