from odoo import fields, models

from ..const import VALUE_CLASSES


class KamTierHistory(models.Model):
    _name = "kam.tier.history"
    _inherit = ["kam.input.mixin"]
    _description = "Key Account Tier History"
    _order = "date desc, id desc"
    _check_company_auto = True

    account_id = fields.Many2one(
        "kam.account", string="Key Account", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="account_id.partner_id", store=True, index=True, string="Customer"
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    old_tier_id = fields.Many2one("kam.tier", ondelete="set null")
    new_tier_id = fields.Many2one("kam.tier", ondelete="set null")
    old_value_class = fields.Selection(VALUE_CLASSES)
    new_value_class = fields.Selection(VALUE_CLASSES)
    reason = fields.Selection(
        [("auto", "Re-tiering"), ("manual", "Set by hand")], required=True, default="manual"
    )
    note = fields.Char()
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
