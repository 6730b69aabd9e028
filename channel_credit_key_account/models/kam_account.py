from odoo import fields, models
from odoo.addons.channel_credit.const import CREDIT_READERS

# Credit figures of the account's customer, read in the account's own company.
CREDIT_FIELDS = (
    "channel_credit_hold",
    "channel_credit_hold_reason",
    "channel_effective_limit",
    "channel_credit_exposure",
    "channel_credit_available",
    "channel_overdue_amount",
)


class KamAccount(models.Model):
    _inherit = "kam.account"

    channel_credit_policy = fields.Selection(
        related="partner_id.channel_credit_policy",
        string="Credit Policy",
        readonly=True,
        groups=CREDIT_READERS,
    )
    channel_credit_hold = fields.Boolean(
        compute="_compute_channel_credit", string="Credit Hold", groups=CREDIT_READERS
    )
    channel_credit_hold_reason = fields.Char(
        compute="_compute_channel_credit", string="Hold Reason", groups=CREDIT_READERS
    )
    channel_effective_limit = fields.Monetary(
        compute="_compute_channel_credit", string="Credit Limit", groups=CREDIT_READERS
    )
    channel_credit_exposure = fields.Monetary(
        compute="_compute_channel_credit", string="Credit Exposure", groups=CREDIT_READERS
    )
    channel_credit_available = fields.Monetary(
        compute="_compute_channel_credit", string="Available Credit", groups=CREDIT_READERS
    )
    channel_overdue_amount = fields.Monetary(
        compute="_compute_channel_credit", string="Overdue Amount", groups=CREDIT_READERS
    )

    def _compute_channel_credit(self):
        for company in self.company_id:
            accounts = self.filtered(lambda a, c=company: a.company_id == c)
            for account in accounts:
                # The partners share the accounts' prefetch set: one exposure query per batch.
                partner = account.partner_id.with_company(company)
                for name in CREDIT_FIELDS:
                    account[name] = partner[name]
