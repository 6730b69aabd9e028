"""Cash before delivery where goods leave: what the check adds to validating a delivery of 100
lines (bench for the trust issue), seeded in a throwaway database with Channel Credit and
Inventory.

A distributor on cash before delivery, with 200 earlier paid orders, orders 100
products; its invoice is paid and its delivery of 100 moves validated. Printed: the validation
against the same validation for a customer outside credit control (what the check adds), the
check alone on the 100 done moves, and one plain SQL pass over the rows it reads (the order's
lines, moves, invoice lines and the payments matched to them).
"""

import statistics

from scaffold import Bench, sql_seconds, stopwatch

PLAIN_SQL = """
    SELECT sol.id, sol.price_total, sol.product_uom_qty, m.id, m.quantity, m.state,
           aml.id, aml.price_total, pr.debit_amount_currency, money.origin_payment_id
      FROM sale_order_line sol
      JOIN stock_move m ON m.sale_line_id = sol.id
 LEFT JOIN sale_order_line_invoice_rel rel ON rel.order_line_id = sol.id
 LEFT JOIN account_move_line aml ON aml.id = rel.invoice_line_id
 LEFT JOIN account_move_line recv
        ON recv.move_id = aml.move_id AND recv.display_type = 'payment_term'
 LEFT JOIN account_partial_reconcile pr ON pr.debit_move_id = recv.id
 LEFT JOIN account_move_line cl ON cl.id = pr.credit_move_id
 LEFT JOIN account_move money ON money.id = cl.move_id
     WHERE sol.order_id = %s
"""


def order_of(env, partner, products):
    order = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "order_line": [
                (0, 0, {"product_id": p.id, "product_uom_qty": 1, "price_unit": 10.0, "tax_id": []})
                for p in products
            ],
        }
    )
    order.action_confirm()
    return order


def paid(env, order, bank):
    invoice = order._create_invoices()
    invoice.action_post()
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=invoice.ids
    ).create({"journal_id": bank.id})._create_payments()


def validate(picking):
    for move in picking.move_ids:
        move.quantity = move.product_uom_qty
    picking.move_ids.picked = True
    picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
    assert picking.state == "done", picking.state


def main():
    bench = Bench(__doc__, "channel_credit,sale_stock", lines=100, history=200, runs=5)
    args = bench.args
    with bench.env() as env:
        env = env(context={"tracking_disable": True, "mail_notrack": True})
        bank = env["account.journal"].search([("type", "=", "bank")], limit=1)
        stock = env["stock.warehouse"].search([], limit=1).lot_stock_id
        with bench.seed():
            products = env["product.product"].create(
                [
                    {
                        "name": f"Valve {n}",
                        "is_storable": True,
                        "taxes_id": [],
                        "invoice_policy": "order",
                    }
                    for n in range(args.lines)
                ]
            )
            for product in products:
                env["stock.quant"]._update_available_quantity(product, stock, 10**6)
            prepay = env["res.partner"].create(
                {
                    "name": "Prepay distributor",
                    "is_company": True,
                    "channel_credit_policy": "prepay",
                }
            )
            loose = env["res.partner"].create({"name": "Walk-in", "is_company": True})
            for _n in range(args.history // 100):
                for _m in range(100):
                    history = order_of(env, prepay, products[:1])
                    paid(env, history, bank)
                env.flush_all()
        ours, theirs, checks = [], [], []
        for _run in range(args.runs):
            order = order_of(env, prepay, products)
            paid(env, order, bank)
            other = order_of(env, loose, products)
            env.flush_all()
            with stopwatch(ours):
                validate(order.picking_ids)
            with stopwatch(theirs):
                validate(other.picking_ids)
            ids = order.picking_ids.move_ids.ids
            env.invalidate_all()
            moves = env["stock.move"].browse(ids)  # a cold cache, as a new request has
            with stopwatch(checks):
                assert not moves._channel_cash_before_delivery_problems()
        env.cr.execute(PLAIN_SQL, [order.id])
        sql = sql_seconds(env.cr, PLAIN_SQL, [order.id])
    ours_m, theirs_m, check_m = map(statistics.median, (ours, theirs, checks))
    runs = f"(median of {args.runs})"
    bench.baseline("odoo", f"validating, outside credit control (Odoo) {runs}", theirs_m)
    bench.figure("cbd", ours_m, f"validating, cash before delivery, paid {runs}")
    bench.figure("cbd_adds", ours_m - theirs_m, "  what the check adds", ())
    bench.baseline("sql", "plain SQL over the rows the check reads (median of 3)", sql)
    bench.figure("check", check_m, f"the check alone on the done moves {runs}", "sql")
    bench.report(f"validating a delivery of {args.lines} lines, {args.history} paid orders before")


if __name__ == "__main__":
    main()
