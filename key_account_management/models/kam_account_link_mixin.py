from odoo import api, fields, models


class KamAccountLinkMixin(models.AbstractModel):
    """Records of a customer in a company that the customer's key-account manager reads: they
    link to its key-account record of the same company, and the record rules go through it."""

    _name = "kam.account.link.mixin"
    _description = "Linked to a Key Account"
    # The field holding the customer company.
    _kam_customer_field = "partner_id"

    account_id = fields.Many2one(
        "kam.account",
        compute="_compute_account_id",
        store=True,
        index=True,
        string="Key Account",
        help="The customer's key-account record in this company: its manager sees this record.",
    )

    @api.depends(lambda self: [f"{self._kam_customer_field}.kam_account_ids", "company_id"])
    def _compute_account_id(self):
        customers = self.mapped(self._kam_customer_field)
        accounts = self.env["kam.account"]._kam_accounts_of(customers, self.company_id)
        for record in self:
            key = (record[self._kam_customer_field], record.company_id)
            record.account_id = accounts.get(key, False)
