"""An order holding a rebate's discount line (distributor_rebate.py): it stays its
distributor's, a copy or a price update leaves the discount alone, and a cancelled order comes
back without it (the rebate is accrued again once the order is cancelled)."""

from odoo import api, models

# What a discount line's order must keep: its distributor, company and currency.
ORDER_FIELDS = frozenset(
    {"partner_id", "partner_invoice_id", "company_id", "pricelist_id", "currency_id"}
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def write(self, vals):
        res = super().write(vals)
        if ORDER_FIELDS & vals.keys():
            self.order_line._check_rebate_discounts()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced_rebate(self):
        # The database deletes the lines with their order, without asking them.
        self.order_line._unlink_except_invoiced_rebate()

    # -------------------------------------------------------------------------
    # ACTION METHODS
    # -------------------------------------------------------------------------

    def action_draft(self):
        # Once cancelled, the rebate was owed again (and may be settled since): the discount
        # does not come back with the quotation. sudo: the line is nobody's to delete, but
        # it paid nothing.
        cancelled = self.filtered(lambda order: order.state == "cancel")
        rebates = cancelled.order_line._rebate_settlements()
        unpaid = rebates.filtered(
            lambda r: not r.sale_line_id.invoice_lines.filtered(
                lambda line: line.parent_state != "cancel"
            )
        )
        if unpaid:
            for rebate in unpaid:
                rebate.message_post(
                    body=self.env._(
                        "%(order)s was set back to quotation without this rebate's discount.",
                        order=rebate.sale_line_id.order_id.display_name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            unpaid.sale_line_id.unlink()
        return super().action_draft()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _get_copiable_order_lines(self):
        # A copy pays no rebate again.
        lines = super()._get_copiable_order_lines()
        return lines - lines._rebate_discount_lines()

    def _get_update_prices_lines(self):
        # The pricelist sets no price on a rebate's discount.
        lines = super()._get_update_prices_lines()
        return lines - lines._rebate_discount_lines()

    def _action_confirm(self):
        # The discount as it was made: computed fields (taxes of a new fiscal position) are not
        # written through write().
        self.order_line._check_rebate_discounts()
        return super()._action_confirm()
