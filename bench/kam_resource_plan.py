"""Offense/defense plan benchmark (issue #13): 100,000 key accounts spread over the four
quadrants, 1,000,000 confirmed order lines over two years and 200,000 done visits, seeded by
SQL in a throwaway database. Times the nightly count of a year's plan (revenue and gross
margin for three years, spend, won deals, surveys, one row per account, the quadrant lines)
against one plain SQL pass over the same orders, their lines' cost and the visits. The first
night gives a to-do for every resource alert; the nights after only for new ones."""

import datetime

from kam_retier import seed
from scaffold import Bench, sql_seconds

NIGHTS = {
    "first": "plan count, first night (a to-do per resource alert)",
    "next": "plan count, a night later (no new alert)",
}

BASELINE = """
    WITH costs AS (
        SELECT sol.order_id, SUM(sol.product_uom_qty * (pp.standard_price ->> '1')::numeric) AS cost
          FROM sale_order_line sol JOIN product_product pp ON pp.id = sol.product_id
      GROUP BY sol.order_id
    ), orders AS (
        SELECT p.commercial_partner_id AS cp, date_part('year', age(now(), so.date_order)) AS y,
               SUM(so.amount_untaxed) AS revenue, SUM(c.cost) AS cost
          FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
          LEFT JOIN costs c ON c.order_id = so.id
         WHERE so.company_id = %(company)s AND so.state = 'sale'
           AND so.date_order >= now() - interval '3 years'
      GROUP BY 1, 2
    ), visits AS (
        SELECT partner_id AS cp, visit_type, COUNT(DISTINCT user_id) AS people, COUNT(*) AS n
          FROM kam_visit
         WHERE company_id = %(company)s AND state = 'done'
           AND date_done >= now() - interval '2 years'
      GROUP BY 1, 2
    )
    SELECT a.id, a.quadrant, o.y, o.revenue, v.n, v.people
      FROM kam_account a
      LEFT JOIN orders o ON o.cp = a.partner_id
      LEFT JOIN visits v ON v.cp = a.partner_id
     WHERE a.company_id = %(company)s AND a.quadrant IS NOT NULL
"""


def main():
    bench = Bench(
        __doc__, "key_account_management", partners=100_000, lines=1_000_000, visits=200_000
    )
    args = bench.args
    with bench.env() as env:
        company = env.ref("base.main_company")
        with bench.seed():
            seed(env, args.partners, args.lines)
            # Half the orders a year earlier: the scorecard has a year before to compare with.
            env.cr.execute(
                "UPDATE sale_order SET date_order = date_order - interval '1 year' "
                "WHERE id %% 2 = 0 AND name LIKE %s",
                ["BENCH%"],
            )
            env.cr.execute(
                """
                INSERT INTO kam_account (partner_id, company_id, revenue_12m, value_class,
                       potential_score, purchase_potential, brand_influence, government_influence,
                       tier_locked, create_date, write_date)
                SELECT p.id, %s, 0, 'c', 0, 0, false, false, false, now(), now()
                  FROM res_partner p WHERE p.name LIKE 'Customer %%'
                """,
                [company.id],
            )
            managers = env["res.users"].create(
                [{"name": f"KAM {i}", "login": f"bench_kam_{i}"} for i in range(10)]
            )
            tiers = env["kam.tier"].search([("company_id", "=", company.id)]).ids
            # Every account in a quadrant (a quarter each) with a tier and a manager.
            env.cr.execute(
                """
                UPDATE kam_account SET manager_id = (%s::int[])[1 + id %% 10],
                       tier_id = (%s::int[])[1 + id %% %s], purchase_potential = 1,
                       quadrant = (ARRAY['attack', 'defend', 'maintain', 'abandon'])[1 + id %% 4]
                """,
                [managers.ids, tiers, len(tiers)],
            )
            env.cr.execute(
                """
                INSERT INTO kam_visit (partner_id, user_id, company_id, visit_type, state,
                                       date_planned, date_done, outcome, next_step,
                                       next_step_date, create_date, write_date, create_uid,
                                       write_uid)
                SELECT a.partner_id, a.manager_id, a.company_id,
                       (ARRAY['onsite', 'phone', 'video', 'reception', 'event'])[1 + g %% 5],
                       'done', d, d, 'advance', 'Call back', d::date + 3, now(), now(), 1, 1
                  FROM (SELECT g, 1 + floor(power(random(), 2) * %(n)s)::int AS k,
                               now() - random() * interval '700 days' AS d
                          FROM generate_series(1, %(visits)s) g) v
                  JOIN (SELECT row_number() OVER (ORDER BY id) AS k, partner_id, manager_id,
                               company_id FROM kam_account) a ON a.k = v.k
                """,
                {"n": args.partners, "visits": args.visits},
            )
            env.cr.execute("ANALYZE kam_account; ANALYZE kam_visit; ANALYZE sale_order")
            today = datetime.date.today()
            plan = env["kam.resource.plan"].create(
                {
                    "name": "Bench",
                    "date_from": today.replace(month=1, day=1),
                    "date_to": today.replace(month=12, day=31),
                    "planned_days": 5000,
                    "planned_people": 10,
                    "planned_money": 1_000_000,
                }
            )
            env.cr.commit()

        sql = sql_seconds(env.cr, BASELINE, {"company": company.id})
        label = "plain SQL pass over three years of orders and the visits (median of 3)"
        bench.baseline("sql", label, sql)
        for key, label in NIGHTS.items():
            with bench.timed(key, label):
                plan._kam_refresh(today)
                env.flush_all()
            env.cr.commit()
        env.cr.execute("SELECT count(*) FROM kam_resource_plan_account WHERE alert IS NOT NULL")
        alerts = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM kam_resource_plan_account")
        rows = env.cr.fetchone()[0]
    bench.report(f"plan rows: {rows:,}   resource alerts (first night's to-dos): {alerts:,}")


if __name__ == "__main__":
    main()
