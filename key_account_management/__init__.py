from . import models
from . import report
from . import wizards


def uninstall_hook(env):
    """The demo's payments go back to draft first, as an accountant does before deleting one:
    Odoo cannot delete a posted payment, so the uninstall would keep them, their invoices and
    their customers."""
    data = env["ir.model.data"].search(
        [("module", "=", "key_account_management"), ("model", "=", "account.payment")]
    )
    payments = env["account.payment"].browse(data.mapped("res_id")).exists()
    payments.filtered(lambda payment: payment.state != "draft").action_draft()
