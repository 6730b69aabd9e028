"""18.0.1.4.0 brings distributor visits, a bridge with Key Accounts: a database that has Key
Accounts gets it as a new install would. And cost to serve joins the scorecard: evaluations
scored before it did not judge it, and say so (their score already leaves it out)."""

from odoo import SUPERUSER_ID, api
from odoo.addons.b2b_base.migrate import install_bridge


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    install_bridge(env, "distributor_key_account", "key_account_management")
    cr.execute(
        """
        UPDATE distributor_evaluation
           SET unjudged = CASE WHEN COALESCE(unjudged, '') = '' THEN 'cost'
                               ELSE unjudged || ',cost' END
         WHERE evaluated_date IS NOT NULL AND cost_score IS NULL
           AND COALESCE(unjudged, '') NOT LIKE '%cost%'
        """
    )
