"""Sales territories: a hierarchy of regions (province, city, district) that agreements claim."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..const import TERRITORY_LEVELS


class DistributorTerritory(models.Model):
    _name = "distributor.territory"
    _description = "Sales Territory"
    _inherit = ["b2b.input.mixin"]
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"
    _check_company_auto = True

    # Place names are written as their people write them, not translated.
    name = fields.Char(required=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    code = fields.Char(help="The region's administrative code, for imports.")
    level = fields.Selection(TERRITORY_LEVELS, required=True, default="province")
    parent_id = fields.Many2one(
        "distributor.territory",
        string="Within",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("distributor.territory", "parent_id", string="Regions Within")
    company_id = fields.Many2one(
        "res.company", help="Empty: the territory is shared by every company."
    )
    active = fields.Boolean(default=True)

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for territory in self:
            if territory.parent_id:
                territory.complete_name = f"{territory.parent_id.complete_name} / {territory.name}"
            else:
                territory.complete_name = territory.name

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A territory cannot lie within itself."))
        # Moved within another region, a territory may now meet an exclusive claim there.
        lines = (
            self.env["distributor.agreement.territory"]
            .sudo()
            .search([("territory_id", "child_of", self.ids)])
        )
        lines.agreement_id._check_exclusive_territories()
