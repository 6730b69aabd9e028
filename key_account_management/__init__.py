from odoo.addons.b2b_base import uninstall

from . import models
from . import report
from . import wizards


def uninstall_hook(env):
    uninstall.draft_demo_payments(env, "key_account_management")
