"""What an app's uninstall does first so that its demo data goes with it (plain functions on
accounting records: the apps that call them depend on account)."""


def draft_demo_payments(env, module):
    """Put the demo's payments of ``module`` back to draft, as an accountant does before
    deleting one: Odoo cannot delete a posted payment, so the uninstall would keep them, their
    invoices and their customers."""
    data = env["ir.model.data"].search([("module", "=", module), ("model", "=", "account.payment")])
    payments = env["account.payment"].browse(data.mapped("res_id")).exists()
    payments.filtered(lambda payment: payment.state != "draft").action_draft()
