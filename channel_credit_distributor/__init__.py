from odoo.addons.b2b_base import uninstall

from . import models


def uninstall_hook(env):
    uninstall.draft_demo_payments(env, "channel_credit_distributor")
