"""Where goods leave the company, asked many times while a delivery is checked."""

from odoo import models

# Per transaction (cr.cache): location id -> whether goods put there have left.
OUTGOING = "channel_credit_stock_outgoing_locations"


class StockLocation(models.Model):
    _inherit = "stock.location"

    def _channel_outgoing(self):
        """Odoo's _is_outgoing() (a customer or the inter-company transit location), read once
        per location and transaction."""
        self.ensure_one()
        known = self.env.cr.cache.setdefault(OUTGOING, {})
        if self.id not in known:
            known[self.id] = self.sudo()._is_outgoing()
        return known[self.id]
