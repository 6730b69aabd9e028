"""Choose the order a rebate is settled on, as a discount line."""

from odoo import api, fields, models


class DistributorRebateSettle(models.TransientModel):
    _name = "distributor.rebate.settle"
    _description = "Settle Rebates on an Order"

    rebate_ids = fields.Many2many("distributor.rebate", string="Rebates", required=True)
    partner_id = fields.Many2one("res.partner", compute="_compute_scope", string="Distributor")
    company_id = fields.Many2one("res.company", compute="_compute_scope")
    currency_id = fields.Many2one("res.currency", compute="_compute_scope")
    amount = fields.Monetary(compute="_compute_scope", string="To Settle")
    order_id = fields.Many2one(
        "sale.order",
        required=True,
        domain="[('partner_id', 'child_of', partner_id), ('company_id', '=', company_id),"
        " ('currency_id', '=', currency_id), ('state', 'in', ('draft', 'sent', 'sale')),"
        " ('locked', '=', False)]",
        help="A quotation or open order of the distributor: the rebate is taken off its next "
        "invoice.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("rebate_ids")
    def _compute_scope(self):
        for wizard in self:
            rebates = wizard.rebate_ids
            wizard.partner_id = rebates.partner_id.commercial_partner_id[:1]
            wizard.company_id = rebates.company_id[:1]
            wizard.currency_id = rebates.currency_id[:1]
            wizard.amount = sum(rebates.mapped("amount"))

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_settle(self):
        self.ensure_one()
        self.rebate_ids.action_settle_on_order(self.order_id)
        return {"type": "ir.actions.act_window_close"}
