from odoo.addons.b2b_base import uninstall

from . import controllers
from . import models
from . import wizards


def uninstall_hook(env):
    uninstall.draft_demo_payments(env, "distributor_management")
    # The demo's rebates and the credit note one of them made are no demo records: they go with
    # the demo agreement they belong to, or it, its distributor and product would stay.
    data = env["ir.model.data"].search(
        [("module", "=", "distributor_management"), ("model", "=", "distributor.agreement")]
    )
    rebates = env["distributor.rebate"].search([("agreement_id", "in", data.mapped("res_id"))])
    moves = rebates.move_id
    moves.filtered(lambda move: move.state == "posted").button_draft()
    moves.with_context(force_delete=True).unlink()
    rebates.unlink()
