"""The credit workbook's menu first ran a server action; the same XML id became the export
dialog's window action. Odoo does not turn one kind of action into another, so the old one
goes (with its XML id) before the data loads the new one and points the menu at it.

A demo database gets the demo's language before this addon's new demo records load (also
when only the apps are updated, not b2b_base)."""

from odoo import SUPERUSER_ID, api
from odoo.addons.b2b_base.migrate import demo_in_chinese


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    old = env["ir.model.data"].search(
        [
            ("module", "=", "channel_credit"),
            ("name", "=", "channel_credit_report_export_action"),
            ("model", "=", "ir.actions.server"),
        ]
    )
    env["ir.actions.server"].browse(old.mapped("res_id")).exists().unlink()
    old.exists().unlink()
    demo_in_chinese(env)
