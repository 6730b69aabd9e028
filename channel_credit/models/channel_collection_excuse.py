from odoo import fields, models


class ChannelCollectionExcuse(models.Model):
    """A reason debtors give for not paying, with the reply that steers them to a commitment
    (the training's hot-potato logic: take up their reasoning, then hand back a concrete
    next step)."""

    _name = "channel.collection.excuse"
    _description = "Debtor's Excuse"
    _order = "sequence, id"

    name = fields.Char(string="Excuse", required=True, translate=True)
    # No default: the reasons that existed before are shared, as the defaults are.
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: shared by every company (the defaults)."
    )
    suggested_reply = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
