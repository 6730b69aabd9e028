"""What an agreement is made of (its territories, its targets): changed while it is a draft."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class DistributorAgreementPart(models.AbstractModel):
    """A signed agreement's parts change with a new agreement, never in place: by a one2many
    command, a write on the part, a default or a move to another agreement."""

    _name = "distributor.agreement.part"
    _description = "Part of a Distribution Agreement"
    _inherit = ["b2b.input.mixin"]
    _check_company_auto = True

    agreement_id = fields.Many2one(
        "distributor.agreement", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # Checked on the records made: their agreement may come from a default.
        records.agreement_id._check_draft([self._name])
        return records

    def write(self, vals):
        if "agreement_id" in vals and not self.env.su:
            raise UserError(self.env._("A line stays on the agreement it was made for."))
        self.agreement_id._check_draft([self._name])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if not self.env.su and self.agreement_id.filtered(lambda a: a.state != "draft"):
            raise UserError(
                self.env._("Only a draft agreement's territories and targets can be removed.")
            )
