"""A rebate settled as a discount line on an order (distributor_rebate.py) pays what the
ledger says, to that distributor: the line stays as the settlement made it, on an order of the
distributor, whoever writes the line or its order; the invoices that took it off are Odoo's to
record, and the line is not deleted once invoiced (the ledger reads what it paid through it)."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

# What the discount a line gives depends on, on the line.
LINE_FIELDS = frozenset(
    {
        "product_id",
        "price_unit",
        "product_uom_qty",
        "product_uom",
        "discount",
        "tax_id",
        "display_type",
        "order_id",
    }
)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    is_rebate_discount = fields.Boolean(
        string="Rebate Discount",
        compute="_compute_is_rebate_discount",
        help="The line settles a distributor's rebate: it stays as it was made.",
    )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    def _compute_is_rebate_discount(self):
        discounts = self._origin._rebate_discount_lines()
        for line in self:
            line.is_rebate_discount = line._origin in discounts

    # The form then shows the line's product and unit as it shows an invoiced line's.
    def _compute_product_updatable(self):
        res = super()._compute_product_updatable()
        self.filtered("is_rebate_discount").product_updatable = False
        return res

    def _compute_product_uom_readonly(self):
        res = super()._compute_product_uom_readonly()
        self.filtered("is_rebate_discount").product_uom_readonly = True
        return res

    # -------------------------------------------------------------------------
    # CRUD METHODS
    # -------------------------------------------------------------------------

    def write(self, vals):
        if "invoice_lines" in vals and self._rebate_settlements():
            self._refuse_invoice_links()
        res = super().write(vals)
        # Checked on the lines as they now are, with every field of the call applied.
        if LINE_FIELDS & vals.keys():
            self._check_rebate_discounts()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced_rebate(self):
        # Gone, its rebate would count as unpaid (and be owed again) while an invoice took it.
        invoiced = self._rebate_settlements().filtered(
            lambda r: r.sale_line_id.invoice_lines.filtered(
                lambda line: line.parent_state != "cancel"
            )
        )
        if invoiced:
            raise UserError(
                self.env._(
                    "The line “%(line)s” of %(order)s is on an invoice: it settles the rebate "
                    "%(rebate)s and stays. Cancel that invoice first (or give it back by a "
                    "credit note).",
                    line=invoiced[0].sale_line_id.name,
                    order=invoiced[0].sale_line_id.order_id.display_name,
                    rebate=invoiced[0].name,
                )
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _refuse_invoice_links(self):
        raise UserError(
            self.env._(
                "Which invoices took a rebate's discount off is recorded by invoicing its "
                "order, never written by hand."
            )
        )

    def _rebate_discount_lines(self):
        """These lines' rebate discounts (the order lines that settle a rebate)."""
        return self._rebate_settlements().sale_line_id.with_env(self.env)

    def _rebate_settlements(self):
        """The rebates settled by these lines. sudo: whoever sells need not read the ledger."""
        if not self.ids:
            return self.env["distributor.rebate"]
        return self.env["distributor.rebate"].sudo().search([("sale_line_id", "in", self.ids)])

    def _check_rebate_discounts(self):
        """Refuse a rebate's discount line that no longer takes the rebate off an order of its
        distributor in its company and currency, with the rebate product alone and no tax."""
        rebates = self._rebate_settlements()
        products = self.env["res.company"]._distributor_rebate_products() if rebates else None
        for rebate in rebates:
            line, currency = rebate.sale_line_id, rebate.currency_id
            order = line.order_id
            if (
                line.display_type
                or line.product_id not in products
                or line.product_uom != line.product_id.uom_id
                or float_compare(line.product_uom_qty, 1.0, precision_digits=6)
                or currency.compare_amounts(line.price_unit, -rebate.settled_amount)
                or line.discount
                or line.tax_id
                or order.company_id != rebate.company_id
                or order.currency_id != currency
                or (order.partner_id | order.partner_invoice_id).commercial_partner_id
                != rebate.partner_id.commercial_partner_id
            ):
                raise UserError(
                    self.env._(
                        "The line “%(line)s” of %(order)s settles the rebate %(rebate)s: "
                        "%(amount)s off for %(partner)s. It stays as it was made; to settle the "
                        "rebate otherwise, delete the line from the quotation or cancel the order "
                        "(the next accrual owes the rebate again).",
                        line=line.name,
                        order=order.display_name,
                        rebate=rebate.name,
                        amount=currency.format(rebate.settled_amount),
                        partner=rebate.partner_id.display_name,
                    )
                )
