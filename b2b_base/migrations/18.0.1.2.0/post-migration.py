"""The demo tells its story in Chinese: a demo database gets the language before the apps load
their new demo records in it."""

from odoo import SUPERUSER_ID, api
from odoo.addons.b2b_base.migrate import demo_in_chinese


def migrate(cr, version):
    demo_in_chinese(api.Environment(cr, SUPERUSER_ID, {}))
