from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ChannelCreditCheckItem(models.Model):
    """One item of the company's credit investigation checklist (信用调查): each new credit
    review starts with the active items, scored 0-10 and weighted."""

    _name = "channel.credit.check.item"
    _description = "Credit Investigation Item"
    _inherit = ["channel.credit.input.mixin"]
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    guidance = fields.Text(translate=True, help="What to check and what evidence to keep.")
    sequence = fields.Integer(default=10)
    weight = fields.Integer(
        default=10, required=True, help="How much this item counts in the score out of 100."
    )
    required = fields.Boolean(help="A review cannot be submitted or approved without it.")
    evidence_required = fields.Boolean(help="The item needs an attachment (licence, photos, ...).")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("weight")
    def _check_weight(self):
        for item in self:
            if not 0 < item.weight <= 100:
                raise ValidationError(
                    self.env._(
                        "An item's weight must be between 1 and 100 (%(name)s).", name=item.name
                    )
                )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _line_values(self):
        """A review line copies the item as it is today, so a later change to the checklist
        does not rewrite past reviews."""
        return [
            {
                "item_id": item.id,
                "name": item.name,
                "sequence": item.sequence,
                "weight": item.weight,
                "required": item.required,
                "evidence_required": item.evidence_required,
            }
            for item in self
        ]
