"""Channel-credit benchmarks (issue: channel credit), seeded by SQL in a throwaway database.

1. Full exposure (receivables + draft invoices + uninvoiced orders, overdue, for the entity and
   its contacts) of 10,000 distributors holding 200,000 open invoices and 50,000 open orders,
   against one plain SQL query summing their open receivables. Target: at most 5x.
2. What the credit check adds to confirming one order, and to growing a line of a confirmed
   order, for a distributor with 10,000 open invoices and 1,000 open orders. Target: at most
   20 ms each.
"""

import statistics

from odoo_env import seed_companies
from scaffold import Bench, median_seconds, sql_seconds, stopwatch


def seed(env, distributors, invoices, orders, big_invoices, big_orders):
    cr = env.cr
    company = env.ref("base.main_company")
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)], limit=1
    )
    product = env["product.product"].create({"name": "Tile", "taxes_id": False})
    common = {
        "company": company.id,
        "currency": company.currency_id.id,
        "journal": journal.id,
        "account": receivable.id,
        "product": product.id,
    }
    ids = seed_companies(cr, distributors + 1, "Distributor")
    big, others = ids[0], ids[1:]

    def invoices_for(partner_sql, count, params):
        # One posted invoice = one move and its open receivable line (no balancing line: only
        # receivable lines are summed, by us and by the baseline alike).
        cr.execute(
            f"""
            WITH src AS (
                SELECT g, {partner_sql} AS pid FROM generate_series(1, %(count)s) g
            ), moves AS (
                INSERT INTO account_move (move_type, state, date, invoice_date, journal_id,
                       currency_id, company_id, partner_id, commercial_partner_id, auto_post,
                       amount_total_signed, name, create_date, write_date)
                SELECT 'out_invoice', 'posted', current_date - (g %% 120),
                       current_date - (g %% 120), %(journal)s, %(currency)s, %(company)s, pid, pid,
                       'no', 100 + g %% 900, 'BENCH/' || g || '/' || pid, now(), now()
                  FROM src
             RETURNING id, partner_id, date, amount_total_signed
            )
            INSERT INTO account_move_line (move_id, partner_id, account_id, company_id,
                   currency_id, display_type, parent_state, date, date_maturity, balance, debit,
                   credit, amount_currency, amount_residual, amount_residual_currency, reconciled,
                   create_date, write_date)
            SELECT id, partner_id, %(account)s, %(company)s, %(currency)s, 'payment_term',
                   'posted', date, date + 60, amount_total_signed, amount_total_signed, 0,
                   amount_total_signed, amount_total_signed, amount_total_signed, false,
                   now(), now()
              FROM moves
            """,
            {**common, **params, "count": count},
        )

    def orders_for(partner_sql, count, params):
        cr.execute(
            f"""
            WITH src AS (
                SELECT g, {partner_sql} AS pid FROM generate_series(1, %(count)s) g
            ), so AS (
                INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                       company_id, currency_id, currency_rate, date_order, state, amount_untaxed,
                       amount_total, create_date, write_date)
                SELECT 'BENCH' || g || '/' || pid, pid, pid, pid, %(company)s, %(currency)s, 1.0,
                       now(), 'sale', 500, 500, now(), now()
                  FROM src
             RETURNING id
            )
            INSERT INTO sale_order_line (order_id, name, product_id, product_uom_qty,
                   qty_invoiced, price_unit, price_subtotal, price_total, customer_lead,
                   company_id, currency_id, state, create_date, write_date)
            SELECT id, 'Tile', %(product)s, 10, 0, 50, 500, 500, 0, %(company)s, %(currency)s,
                   'sale', now(), now()
              FROM so
            """,
            {**common, **params, "count": count},
        )

    pick = "(%(ids)s::int[])[1 + (g %% %(n)s)]"
    invoices_for(pick, invoices, {"ids": others, "n": len(others)})
    orders_for(pick, orders, {"ids": others, "n": len(others)})
    invoices_for("%(big)s", big_invoices, {"big": big})
    orders_for("%(big)s", big_orders, {"big": big})
    cr.execute("ANALYZE")
    cr.commit()
    return env["res.partner"].browse(big), env["res.partner"].browse(others), product


BASELINE = """
    SELECT l.partner_id, SUM(l.amount_residual)
      FROM account_move_line l
      JOIN account_account a ON a.id = l.account_id
     WHERE a.account_type = 'asset_receivable' AND l.parent_state = 'posted' AND NOT l.reconciled
       AND l.partner_id = ANY(%s)
  GROUP BY l.partner_id
"""


def change_times(env, partner, product, runs, change, confirmed=False):
    """Seconds to make ``change`` to one new order (confirmed first when ``confirmed``), each in
    a savepoint rolled back afterwards."""
    times = []
    for _i in range(runs):
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "price_unit": 10, "tax_id": False})
                ],
            }
        )
        if confirmed:
            order.action_confirm()
        env.flush_all()
        with env.cr.savepoint(flush=False) as savepoint:
            with stopwatch(times):
                change(order)
                env.flush_all()
            savepoint.rollback()
        env.invalidate_all()
    return statistics.median(times)


def confirm(order):
    order.action_confirm()


def grow(order):
    order.order_line.write({"price_unit": 11})


def main():
    bench = Bench(
        __doc__, "channel_credit", distributors=10_000, invoices=200_000, orders=50_000, runs=15
    )
    args = bench.args
    with bench.env() as env:
        with bench.seed():
            big, others, product = seed(
                env, args.distributors, args.invoices, args.orders, 10_000, 1_000
            )
        sql = sql_seconds(env.cr, BASELINE, [others.ids], warmup=0)
        bench.baseline("sql", "plain SQL open receivables per partner (median of 3)", sql)
        full = median_seconds(
            lambda: others.mapped("channel_credit_exposure"), after=env.invalidate_all
        )
        label = "full exposure of every distributor (median of 3)"
        bench.figure("exposure", full, label, target="<= 5x")
        # The gate's cost: the same confirmation with and without a credit policy.
        big.sudo().write({"credit_limit": 10**9, "channel_credit_policy": False})
        plain = change_times(env, big, product, args.runs, confirm)
        plain_grow = change_times(env, big, product, args.runs, grow, confirmed=True)
        # Its invoices are up to 59 days old and within terms: allow 90 overdue days.
        big.sudo().write({"channel_credit_policy": "block", "channel_max_overdue_days": 90})
        # The dunning ladder's hold step would stop it at 30 days overdue: the check, not the
        # refusal, is what is timed.
        env["channel.dunning.step"].search([]).put_on_hold = False
        gated = change_times(env, big, product, args.runs, confirm)
        gated_grow = change_times(env, big, product, args.runs, grow, confirmed=True)
        figures = big._channel_credit_figures(env.company)[big.id]
        env.cr.rollback()
    runs = f"(median of {args.runs})"
    bench.figure("confirm", plain, f"confirming one order without credit control {runs}", ())
    bench.figure("confirm_checked", gated, f"confirming one order with the check {runs}", "confirm")
    bench.figure("confirm_adds", gated - plain, "  the check adds", (), "<= 0.020 s")
    bench.figure("grow", plain_grow, f"growing a line of a confirmed order without {runs}", ())
    label = f"growing a line of a confirmed order with the check {runs}"
    bench.figure("grow_checked", gated_grow, label, "grow")
    bench.figure("grow_adds", gated_grow - plain_grow, "  the check adds", (), "<= 0.020 s")
    bench.report(
        f"big distributor: receivables {figures.receivable:,.0f}, orders {figures.orders:,.0f}"
        " (10,000 open invoices, 1,000 open orders)"
    )


if __name__ == "__main__":
    main()
