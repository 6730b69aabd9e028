"""A distributor's second-tier outlet (二级分销商 / 终端): who buys from it, where, and what."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import OUTLET_TYPES


class DistributorOutlet(models.Model):
    _name = "distributor.outlet"
    _description = "Distributor Outlet"
    _inherit = ["mail.thread", "b2b.input.mixin"]
    _order = "partner_id, name, id"
    _check_company_auto = True

    # -------------------------------------------------------------------------
    # FIELDS
    # -------------------------------------------------------------------------

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Distributor",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('is_company', '=', True)]",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    outlet_type = fields.Selection(
        OUTLET_TYPES, string="Type", required=True, default="sub_distributor", tracking=True
    )
    territory_id = fields.Many2one("distributor.territory", index=True, check_company=True)
    address = fields.Char(help="Where the outlet is: street, district, city.")
    contact_name = fields.Char(string="Contact")
    phone = fields.Char()
    product_line_ids = fields.Many2many(
        "distributor.product.line",
        string="Buys",
        check_company=True,
        help="The product lines the outlet buys from the distributor.",
    )
    monthly_volume = fields.Monetary(
        string="Monthly Purchase",
        currency_field="currency_id",
        help="What the outlet buys from the distributor in a month, as the distributor says.",
    )
    notes = fields.Text()
    active = fields.Boolean(default=True)

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def write(self, vals):
        res = super().write(vals)
        if "partner_id" in vals or "company_id" in vals:
            # The record rules hold on the outlet as it now is: moving it to a distributor
            # that is not one's own is no way around them (the failed call rolls back).
            self.check_access("write")
        return res

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("monthly_volume")
    def _check_monthly_volume(self):
        if any(outlet.monthly_volume < 0 for outlet in self):
            raise ValidationError(self.env._("An outlet's monthly purchase cannot be negative."))
