"""The territories an agreement claims, each exclusive (区域总代理) or shared."""

from odoo import api, fields, models


class DistributorAgreementTerritory(models.Model):
    _name = "distributor.agreement.territory"
    _description = "Agreement Territory"
    _inherit = ["distributor.agreement.part"]
    _check_company_auto = True
    _order = "agreement_id, id"

    territory_id = fields.Many2one("distributor.territory", required=True, check_company=True)
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
