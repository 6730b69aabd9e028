"""Re-tiering benchmark (issue: key accounts): seeds partners and confirmed sale order lines
with SQL, then times res.partner.kam_recompute_tiers() against one plain SQL query over the
same rows: revenue per partner from the orders and the cost of their lines (the gross margin
needs them). Target: within 5x that query, under 60 s, peak RSS under 1 GiB. The query that
sums the orders alone is timed as well, for comparison with earlier figures."""

import argparse
import statistics

from odoo_env import peak_rss_mib, seed_companies, throwaway_env, timed

DB = "b2b_bench_kam"


def seed(env, partners, lines, lines_per_order=5):
    cr = env.cr
    company = env.ref("base.main_company")
    ids = seed_companies(cr, partners, "Customer")
    product = env["product.product"].create({"name": "Valve", "standard_price": 300.0})
    orders = lines // lines_per_order
    # Skewed revenue (a few big customers, a long tail) over the last 11 months.
    cr.execute(
        """
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                                company_id, currency_id, currency_rate, date_order, state,
                                amount_untaxed, amount_tax, amount_total, create_date, write_date)
        SELECT 'BENCH' || g, p, p, p, %(company)s, %(currency)s, 1.0,
               now() - (g %% 330) * interval '1 day', 'sale', 0, 0, 0, now(), now()
          FROM (SELECT g, (%(ids)s::int[])[1 + floor(power(random(), 3) * %(n)s)::int] AS p
                  FROM generate_series(1, %(orders)s) g) picked
        """,
        {
            "company": company.id,
            "currency": company.currency_id.id,
            "orders": orders,
            "ids": ids,
            "n": len(ids),
        },
    )
    cr.execute(
        """
        INSERT INTO sale_order_line (order_id, name, product_id, product_uom, product_uom_qty,
                                     price_unit, price_subtotal, customer_lead, company_id,
                                     currency_id, state, create_date, write_date)
        SELECT so.id, 'Valve', %s, %s, 1 + (random() * 9)::int,
               round((random() * 1000)::numeric, 2), 0, 0, so.company_id, so.currency_id, 'sale',
               now(), now()
          FROM sale_order so, generate_series(1, %s) k
         WHERE so.name LIKE 'BENCH%%'
        """,
        [product.id, product.uom_id.id, lines_per_order],
    )
    cr.execute("UPDATE sale_order_line SET price_subtotal = product_uom_qty * price_unit")
    cr.execute(
        """
        UPDATE sale_order so SET amount_untaxed = t.total, amount_total = t.total
          FROM (SELECT order_id, SUM(price_subtotal) total FROM sale_order_line GROUP BY order_id) t
         WHERE t.order_id = so.id
        """
    )
    cr.execute("ANALYZE res_partner; ANALYZE sale_order; ANALYZE sale_order_line")
    cr.commit()


ORDERS_ONLY = """
    SELECT partner_id, SUM(amount_untaxed) FROM sale_order
     WHERE company_id = %s AND state = 'sale' AND date_order >= now() - interval '1 year'
  GROUP BY partner_id
"""
BASELINE = """
    SELECT so.partner_id, SUM(so.amount_untaxed), SUM(c.cost)
      FROM sale_order so
      LEFT JOIN (SELECT sol.order_id,
                        SUM(sol.product_uom_qty * (pp.standard_price ->> '1')::numeric) AS cost
                   FROM sale_order_line sol JOIN product_product pp ON pp.id = sol.product_id
               GROUP BY sol.order_id) c ON c.order_id = so.id
     WHERE so.company_id = %s AND so.state = 'sale'
       AND so.date_order >= now() - interval '1 year'
  GROUP BY so.partner_id
"""


def baseline(env, results, label, query=BASELINE):
    company = env.ref("base.main_company")
    runs = []
    for _i in range(3):
        with timed(f"{label} (plain SQL per partner)", results):
            env.cr.execute(query, [company.id])
            env.cr.fetchall()
        runs.append(results[f"{label} (plain SQL per partner)"])
    return statistics.median(runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    results = {}
    with throwaway_env(DB, "key_account_management", args.keep) as env:
        with timed(f"seed {args.partners:,} partners, {args.lines:,} lines", results):
            seed(env, args.partners, args.lines)
        env.cr.execute("SELECT count(*) FROM sale_order_line")
        print(f"  order lines: {env.cr.fetchone()[0]:,}")
        sql = baseline(env, results, "revenue and line cost")
        orders_only = baseline(env, results, "orders alone", ORDERS_ONLY)
        Partner = env["res.partner"]
        with timed("kam_recompute_tiers(): first run (every account new)", results):
            Partner.kam_recompute_tiers()
        env.cr.commit()
        # A day later: about 1% of the customers bought again.
        env.cr.execute(
            "UPDATE sale_order SET amount_untaxed = amount_untaxed * 1.5 WHERE id % 100 = 0"
        )
        env.cr.commit()
        with timed("kam_recompute_tiers(): next run (~1% of orders changed)", results):
            Partner.kam_recompute_tiers()
        env.cr.commit()
        with timed("kam_recompute_tiers(): nothing changed", results):
            Partner.kam_recompute_tiers()
        env.cr.execute("SELECT count(*) FROM kam_account")
        accounts = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM kam_tier_history")
        history = env.cr.fetchone()[0]
    print()
    print(f"accounts: {accounts:,}   history rows: {history:,}")
    print(f"plain SQL revenue and line cost per partner (median of 3): {sql:.3f} s")
    print(f"plain SQL revenue of the orders alone (median of 3):      {orders_only:.3f} s")
    for label in (
        "first run (every account new)",
        "next run (~1% of orders changed)",
        "nothing changed",
    ):
        t = results[f"kam_recompute_tiers(): {label}"]
        print(
            f"re-tiering, {label:<34} {t:7.3f} s  = {t / sql:5.1f}x the SQL query"
            f" ({t / orders_only:.1f}x the orders alone)"
        )
    print(f"peak memory of this Odoo process: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
