"""An agreement's targets (任务量): an amount per period, for a product line or all of them."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class DistributorAgreementTarget(models.Model):
    _name = "distributor.agreement.target"
    _description = "Agreement Target"
    _inherit = ["b2b.input.mixin"]
    _order = "agreement_id, date_from, product_line_id, id"
    _check_company_auto = True

    agreement_id = fields.Many2one(
        "distributor.agreement", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    partner_id = fields.Many2one(
        related="agreement_id.partner_id", store=True, index=True, string="Distributor"
    )
    user_id = fields.Many2one(
        related="agreement_id.user_id", store=True, string="Market Representative"
    )
    state = fields.Selection(related="agreement_id.state", store=True, string="Agreement Status")
    product_line_id = fields.Many2one(
        "distributor.product.line",
        string="Product Line",
        check_company=True,
        help="Empty: all the agreement's product lines together.",
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    amount = fields.Monetary(string="Target", required=True)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("date_from", "date_to", "amount", "agreement_id", "product_line_id")
    def _check_target(self):
        for target in self:
            agreement = target.agreement_id
            if target.amount < 0:
                raise ValidationError(self.env._("A target cannot be negative."))
            if target.date_to < target.date_from:
                raise ValidationError(self.env._("A target's period cannot end before it starts."))
            if target.date_from < agreement.date_start or target.date_to > agreement.date_end:
                raise ValidationError(
                    self.env._("A target's period lies within its agreement's period.")
                )
            lines = agreement.product_line_ids
            if target.product_line_id and lines and target.product_line_id not in lines:
                raise ValidationError(
                    self.env._(
                        "%(line)s is not one of the agreement's product lines.",
                        line=target.product_line_id.display_name,
                    )
                )

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    # A signed agreement's targets change with a new agreement, never in place.
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # Checked on the records made: their agreement may come from a default.
        records.agreement_id._check_draft(["target_ids"])
        return records

    def write(self, vals):
        if "agreement_id" in vals and not self.env.su:
            raise UserError(self.env._("A line stays on the agreement it was made for."))
        self.agreement_id._check_draft(["target_ids"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if not self.env.su and self.agreement_id.filtered(lambda a: a.state != "draft"):
            raise UserError(self.env._("Only a draft agreement's targets can be removed."))
