"""Cash before delivery where goods leave: what the check adds to validating a delivery of 100
lines (bench for the trust issue), seeded in a throwaway database with Channel Credit and
Inventory.

A distributor on cash before delivery, with 200 earlier paid orders, orders 100
products; its invoice is paid and its delivery of 100 moves validated. Printed: the validation
against the same validation for a customer outside credit control (what the check adds), the
check alone on the 100 done moves, and one plain SQL pass over the rows it reads (the order's
lines, moves, invoice lines and the payments matched to them).
"""

import argparse
import statistics
import time

from odoo_env import peak_rss_mib, throwaway_env, timed

DB = "b2b_bench_delivery"
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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=100)
    parser.add_argument("--history", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    results = {}
    with throwaway_env(DB, "channel_credit,sale_stock", keep=args.keep) as env:
        env = env(context={"tracking_disable": True, "mail_notrack": True})
        bank = env["account.journal"].search([("type", "=", "bank")], limit=1)
        stock = env["stock.warehouse"].search([], limit=1).lot_stock_id
        with timed("seed", results):
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
            with timed("validate 100 lines, cash before delivery", results):
                validate(order.picking_ids)
            ours.append(results["validate 100 lines, cash before delivery"])
            with timed("validate 100 lines, no credit control", results):
                validate(other.picking_ids)
            theirs.append(results["validate 100 lines, no credit control"])
            ids = order.picking_ids.move_ids.ids
            env.invalidate_all()
            moves = env["stock.move"].browse(ids)  # a cold cache, as a new request has
            with timed("the check alone on the 100 done moves", results):
                assert not moves._channel_cash_before_delivery_problems()
            checks.append(results["the check alone on the 100 done moves"])
        env.cr.execute(PLAIN_SQL, [order.id])
        sql_times = []
        for _i in range(4):
            start = time.perf_counter()
            env.cr.execute(PLAIN_SQL, [order.id])
            env.cr.fetchall()
            sql_times.append(time.perf_counter() - start)
        sql = statistics.median(sql_times[1:])
    ours_m, theirs_m, check_m = map(statistics.median, (ours, theirs, checks))
    print()
    print(f"validating {args.lines} lines (median of {args.runs}):")
    print(f"  cash before delivery, paid:        {ours_m:.3f} s")
    print(f"  outside credit control (Odoo):     {theirs_m:.3f} s")
    added = ours_m - theirs_m
    print(f"  what the check adds:               {added:+.3f} s ({ours_m / theirs_m:.2f}x)")
    print(f"  the check alone on the done moves: {check_m:.3f} s")
    print(f"  plain SQL over the rows it reads:  {sql:.4f} s -> {check_m / sql:.0f}x")
    print(f"peak memory of this Odoo process: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
