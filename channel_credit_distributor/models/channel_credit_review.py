"""The agreement a credit review was started from."""

from odoo import fields, models


class ChannelCreditReview(models.Model):
    _inherit = "channel.credit.review"

    agreement_id = fields.Many2one(
        "distributor.agreement",
        string="Distribution Agreement",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The agreement whose planned purchase and deposit the review started from.",
    )
