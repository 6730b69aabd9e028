"""The demo tells its story in Chinese: a database with demo data gets the language (and the
installed modules' Chinese) before the apps load their new demo records in it. Their demo
files cannot do it on an update: Odoo runs no function of a demo file then."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    if not Module.search([("name", "=", "b2b_base")]).demo:
        return  # a production database: its languages are its own
    env["res.lang"]._activate_lang("zh_CN")
    Module.search([("state", "in", ("installed", "to upgrade"))])._update_translations(["zh_CN"])
