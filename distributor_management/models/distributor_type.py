"""Distributor types (经销商类型): wholesale (批发型), terminal (终端型) or mixed, with their
typical traits and the terms an agreement of the type starts from."""

from odoo import fields, models

from ..const import TARGET_SPLITS


class DistributorType(models.Model):
    _name = "distributor.type"
    _description = "Distributor Type"
    _inherit = ["b2b.input.mixin"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    traits = fields.Text(
        string="Typical Traits",
        translate=True,
        help="What distributors of this type are like, and what they care about.",
    )
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Leave empty to share the type between companies.",
    )
    active = fields.Boolean(default=True)
    # The default terms: a draft agreement of the type starts from them, and they stay the
    # agreement's to change.
    pricelist_id = fields.Many2one("product.pricelist", string="Price Policy", check_company=True)
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", check_company=True
    )
    target_split = fields.Selection(TARGET_SPLITS, string="Targets Split By")
