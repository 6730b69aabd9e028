"""One approval vocabulary (b2b.approval.mixin): a credit review waiting for its approvers is
"submitted" (was "to_approve") and an applied one "approved" (was "done": the last approval
applies it at once; it is still called Applied); a credit release waiting for its decision is
"submitted" (was "requested"). Before the models load, so that every post-migration and the
data meet the new keys."""

from odoo.addons.b2b_base.migrate import rename_selection_keys

RENAMED = {
    "channel.credit.review": {"to_approve": "submitted", "done": "approved"},
    "channel.credit.release": {"requested": "submitted"},
}


def migrate(cr, version):
    for model, renamed in RENAMED.items():
        rename_selection_keys(cr, model, "state", renamed)
