"""The orders an invoice line is for decide which deal its money counts for."""

from odoo import models
from odoo.addons.b2b_base import money


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def write(self, vals):
        money.check_invoice_links(self, vals)
        return super().write(vals)
