"""Release requests learned who decides them (four eyes): those still waiting went to the
company's Credit Manager, or, for a Credit Manager's own request, now go to another."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    waiting = env["channel.credit.release"].search(
        [("state", "=", "requested"), ("decider_id", "=", False)]
    )
    for release in waiting:
        release.decider_id = release.company_id._channel_release_decider(release.requester_id)
