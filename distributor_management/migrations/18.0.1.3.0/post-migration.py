"""18.0.1.3.0 brings distributor recruitment (招商), a bridge with CRM: a database that has
CRM gets it as a new install would."""

from odoo import SUPERUSER_ID, api
from odoo.addons.b2b_base.migrate import install_bridge


def migrate(cr, version):
    if not version:
        return
    install_bridge(api.Environment(cr, SUPERUSER_ID, {}), "distributor_recruitment", "crm")
