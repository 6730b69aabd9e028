"""An agreement's rebate scheme (返利政策): tiers on target attainment, for a product line's
targets or for all of them."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DistributorRebateTier(models.Model):
    """A rate reached from an attainment: "2 % from 100 %, 3 % from 120 %" is two tiers. The
    rate of the highest tier a target reaches applies to all its net collected money."""

    _name = "distributor.rebate.tier"
    _description = "Rebate Tier"
    _inherit = ["distributor.agreement.part"]
    _check_company_auto = True
    _order = "agreement_id, product_line_id, attainment_from, id"

    product_line_id = fields.Many2one(
        "distributor.product.line",
        check_company=True,
        help="The tier applies to this product line's targets; empty: to the targets of the "
        "lines without tiers of their own and to the targets of all lines together.",
    )
    attainment_from = fields.Float(
        string="From Attainment (%)", required=True, help="Reached at this attainment, in percent."
    )
    rate = fields.Float(string="Rebate (%)", required=True, help="Of the net collected money.")

    _sql_constraints = [
        (
            "threshold_uniq",
            "unique(agreement_id, product_line_id, attainment_from)",
            "A scheme has one rate per attainment and product line.",
        ),
    ]

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("attainment_from", "rate", "product_line_id", "agreement_id")
    def _check_tier(self):
        for tier in self:
            if tier.attainment_from < 0 or not 0 <= tier.rate <= 100:
                raise ValidationError(
                    self.env._(
                        "A rebate tier starts at an attainment of 0 % or more and pays between "
                        "0 % and 100 %."
                    )
                )
            lines = tier.agreement_id.product_line_ids
            if tier.product_line_id and lines and tier.product_line_id not in lines:
                raise ValidationError(
                    self.env._(
                        "%(line)s is not one of the agreement's product lines.",
                        line=tier.product_line_id.display_name,
                    )
                )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _by_agreement(self):
        """{agreement id: {product line id or False: [(from, rate)]}} for these tiers."""
        schemes = {}
        for tier in self:
            lines = schemes.setdefault(tier.agreement_id.id, {})
            lines.setdefault(tier.product_line_id.id, []).append((tier.attainment_from, tier.rate))
        return schemes

    @api.model
    def _scheme_for(self, scheme, product_line_id):
        """The tiers of ``scheme`` (one agreement's, from _by_agreement) for a target of the
        product line ``product_line_id`` (None: all of them): the line's own, else the tiers
        for every line."""
        return scheme.get(product_line_id or False) or scheme.get(False, [])
