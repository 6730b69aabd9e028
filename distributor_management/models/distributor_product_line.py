"""Product lines (产品线): what an agreement lets a distributor sell and sets targets for."""

from odoo import fields, models


class DistributorProductLine(models.Model):
    _name = "distributor.product.line"
    _description = "Product Line"
    _inherit = ["b2b.input.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    category_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="The products of these categories (and those within them) make the line.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A product line's name is unique."),
    ]
