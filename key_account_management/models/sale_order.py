"""A confirmed order stays with the deal it was made for, where deals win on collected money."""

from odoo import models
from odoo.exceptions import AccessError

from ..const import MANAGER_GROUP


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def write(self, vals):
        if "opportunity_id" in vals and not self.env.su:
            self._kam_check_deal_link(vals["opportunity_id"])
        return super().write(vals)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _kam_check_deal_link(self, deal_id):
        """Moved off its deal, an unpaid confirmed order would let the deal be won without the
        money; moved onto another, a paid one would pay for it. Where either deal's team wins
        only on collected money, the link is a key-account manager's to change."""
        if self.env.user.has_group(MANAGER_GROUP):
            return
        new = self.env["crm.lead"].sudo().browse(deal_id or [])
        for order in self.sudo().filtered(lambda o: o.state == "sale"):
            if order.opportunity_id == new:
                continue
            deals = order.opportunity_id | new
            if any(deal.team_id and deal.team_id._kam_wins_when_paid() for deal in deals):
                raise AccessError(
                    self.env._(
                        "%(order)s is confirmed for %(deal)s, which is won on collected money: "
                        "only a key-account manager links it to another deal.",
                        order=order.name,
                        deal=order.opportunity_id.name or new.name,
                    )
                )
