"""Every earlier release updates to this one.

- A hold's reason is recorded as data (channel_credit_hold_info: a rule's code and figures,
  or a person's text). The first release kept it as text in channel_credit_hold_reason, and
  later ones wrote plain text in the recorded hold before reasons became codes: both become a
  person's text, so each held distributor keeps its reason.
- Cash before delivery came with a bridge (channel_credit_stock) that Odoo installs by itself
  when Channel Credit or Inventory is installed, not when they are updated: a database with
  Inventory gets it here.
"""

import json

from odoo import SUPERUSER_ID, api
from odoo.addons.b2b_base.migrate import install_bridge


def _as_text_reason(value):
    """A recorded hold as stored now: a JSON object stays; anything else, plain text or text
    that happens to parse as a JSON number ("30"), becomes a person's text."""
    try:
        data = json.loads(value)
    except ValueError:
        data = None
    return value if isinstance(data, dict) else json.dumps({"text": value})


def migrate(cr, version):
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'res_partner' AND column_name = 'channel_credit_hold_reason'
        """
    )
    if cr.fetchone():  # the first release's reasons, per company, where none is recorded
        cr.execute(
            """
            UPDATE res_partner p
               SET channel_credit_hold_info = COALESCE(p.channel_credit_hold_info, '{}')
                   || COALESCE((SELECT jsonb_object_agg(old.key, old.value)
                                  FROM jsonb_each(p.channel_credit_hold_reason) old
                                 WHERE NOT COALESCE(p.channel_credit_hold_info, '{}') ? old.key),
                               '{}')
             WHERE p.channel_credit_hold_reason IS NOT NULL
            """
        )
    cr.execute(
        "SELECT id, channel_credit_hold_info FROM res_partner "
        "WHERE channel_credit_hold_info IS NOT NULL"
    )
    for partner_id, info in cr.fetchall():
        recorded = {company: value and _as_text_reason(value) for company, value in info.items()}
        if recorded != info:
            cr.execute(
                "UPDATE res_partner SET channel_credit_hold_info = %s WHERE id = %s",
                (json.dumps(recorded), partner_id),
            )

    install_bridge(api.Environment(cr, SUPERUSER_ID, {}), "channel_credit_stock", "sale_stock")
