"""Cash before delivery (款到发货) from the order's side: who pays before delivery, and the money
received for an order."""

from collections import defaultdict

from odoo import fields, models
from odoo.addons.b2b_base.money import money_matched
from odoo.addons.channel_credit import rules
from odoo.addons.channel_credit.models.res_partner import NO_FIGURES


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _channel_prepay_payers(self):
        """The order's payers (customer, invoice address) who pay before delivery."""
        self.ensure_one()
        return self.env["res.partner"].union(
            *(p for p, policy in self._channel_payers().items() if policy == "prepay")
        )

    def _channel_money_received(self):
        """{order: money received for it, in its currency}: what its payers paid on its
        invoices with payments and bank lines (a credit note, a write-off or a forged payment
        status is not money), less its credit notes. An invoice shared by several orders counts
        for each in proportion to its lines."""
        received = defaultdict(float)
        lines = self.order_line.invoice_lines.filtered(
            lambda line: line.parent_state == "posted"
            and line.move_id.move_type in ("out_invoice", "out_refund")
        )
        for invoice in lines.move_id:
            product_lines = invoice.invoice_line_ids.filtered(lambda line: line.sale_line_ids)
            total = sum(product_lines.mapped("price_total"))
            if invoice.move_type == "out_invoice":
                money = min(money_matched(invoice), invoice.amount_total)
            else:
                money = -invoice.amount_total
            for order in (lines & invoice.invoice_line_ids).sale_line_ids.order_id & self:
                if invoice.commercial_partner_id not in order._channel_payer_entities():
                    continue  # another customer's invoice pays nothing of this order
                share = sum(
                    product_lines.filtered(
                        lambda line, o=order: line.sale_line_ids.order_id == o
                    ).mapped("price_total")
                )
                amount = money * share / total if total else 0.0
                if invoice.currency_id != order.currency_id:
                    amount = invoice.currency_id._convert(
                        amount, order.currency_id, order.company_id, fields.Date.today()
                    )
                received[order] += amount
        return received

    def _channel_prepaid_in_full(self, receivers):
        """Whether the prepayments of this confirmed order's distributors cover everything
        they owe and have ordered (their exposure, this order included, at or below zero), so
        its goods may leave before its own invoices are paid. Only for the order's own payers:
        goods going to a distributor who pays before delivery on another's order wait for that
        order's own money."""
        self.ensure_one()
        prepay = self._channel_prepay_payers()
        strangers = (
            receivers.with_company(self.company_id).filtered(
                lambda p: p.channel_credit_policy == "prepay"
            )
            - self._channel_payer_entities()
        )
        if self.state != "sale" or not prepay or strangers:
            return False
        company = self.company_id
        figures = prepay._channel_credit_figures(company)
        rounding = company.currency_id.rounding
        return all(
            rules.within_limit(figures.get(p.id, NO_FIGURES).exposure, 0.0, rounding)
            for p in prepay
        )
