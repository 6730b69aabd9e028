"""One approval vocabulary (b2b.approval.mixin): a refused gift or reception request is
"rejected" (still called Refused), as are the users' saved filters on refused requests."""

from odoo.addons.b2b_base.migrate import rename_selection_keys


def migrate(cr, version):
    rename_selection_keys(cr, "kam.gift.request", "state", {"refused": "rejected"})
