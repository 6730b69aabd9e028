"""The territories an agreement claims, each exclusive (区域总代理) or shared."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class DistributorAgreementTerritory(models.Model):
    _name = "distributor.agreement.territory"
    _description = "Agreement Territory"
    _inherit = ["b2b.input.mixin"]
    _order = "agreement_id, id"
    _check_company_auto = True

    agreement_id = fields.Many2one(
        "distributor.agreement", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    territory_id = fields.Many2one(
        "distributor.territory", string="Territory", required=True, check_company=True
    )
    exclusive = fields.Boolean(
        string="Exclusive (区域总代理)",
        help="The distributor is the only one selling the agreement's product lines there.",
    )

    _sql_constraints = [
        (
            "territory_uniq",
            "unique(agreement_id, territory_id)",
            "An agreement claims a territory once.",
        ),
    ]

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("territory_id", "exclusive", "agreement_id")
    def _check_exclusive_territories(self):
        self.agreement_id._check_exclusive_territories()

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    # A signed agreement's territories change with a new agreement, never in place.
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # Checked on the records made: their agreement may come from a default.
        records.agreement_id._check_draft(["territory_ids"])
        return records

    def write(self, vals):
        if "agreement_id" in vals and not self.env.su:
            raise UserError(self.env._("A line stays on the agreement it was made for."))
        self.agreement_id._check_draft(["territory_ids"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if not self.env.su and self.agreement_id.filtered(lambda a: a.state != "draft"):
            raise UserError(self.env._("Only a draft agreement's territories can be removed."))
