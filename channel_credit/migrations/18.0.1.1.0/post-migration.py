"""Release requests learned who decides them (four eyes): those still waiting went to the
company's Credit Manager, or, for a Credit Manager's own request, now go to another.

Waiting is "submitted": every pre-migration (18.0.1.3.1 renamed "requested") runs before
any post-migration."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    waiting = env["channel.credit.release"].search(
        [("state", "=", "submitted"), ("decider_id", "=", False)]
    )
    for release in waiting:
        release.decider_id = release.company_id._channel_release_decider(release.requester_id)
