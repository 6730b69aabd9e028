"""Churn-signal benchmark (issue #13): 100,000 customers with their key-account records and
1,000,000 confirmed order lines, seeded by SQL in a throwaway database. Times the nightly churn
and loyalty job against one plain SQL pass over the same orders (per customer: revenue, count,
first and last order over two years). Targets: under 60 s and at most 5x that pass for a
night's run; the first night, which gives a to-do for every signal on every account, is
reported as well."""

from kam_retier import seed
from scaffold import Bench, sql_seconds

BASELINE = """
    SELECT p.commercial_partner_id, SUM(so.amount_untaxed), COUNT(*), MIN(so.date_order),
           MAX(so.date_order)
      FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
     WHERE so.company_id = %s AND so.state = 'sale'
       AND so.date_order >= now() - interval '2 years'
  GROUP BY p.commercial_partner_id
"""


def main():
    bench = Bench(__doc__, "key_account_management", partners=100_000, lines=1_000_000)
    with bench.env() as env:
        with bench.seed():
            seed(env, bench.args.partners, bench.args.lines)
            env["res.partner"].kam_recompute_tiers()
            # Every customer a key-account record, those without orders too.
            env.cr.execute(
                """
                INSERT INTO kam_account (partner_id, company_id, revenue_12m, value_class,
                       potential_score, purchase_potential, brand_influence, government_influence,
                       tier_locked, create_date, write_date)
                SELECT p.id, %s, 0, 'c', 0, 0, false, false, false, now(), now()
                  FROM res_partner p
                 WHERE p.name LIKE 'Customer %%'
                   AND NOT EXISTS (SELECT 1 FROM kam_account a WHERE a.partner_id = p.id)
                """,
                [env.ref("base.main_company").id],
            )
            # Ten key-account managers share the accounts; a quarter of the customers have a
            # purchase potential (so a wallet share).
            managers = env["res.users"].create(
                [{"name": f"KAM {i}", "login": f"bench_kam_{i}"} for i in range(10)]
            )
            env.cr.execute(
                """
                UPDATE kam_account SET manager_id = (%s::int[])[1 + id %% 10],
                       purchase_potential = CASE WHEN id %% 4 = 0 THEN revenue_12m * 3 ELSE 0 END
                """,
                [managers.ids],
            )
            env.cr.commit()
        company = env.ref("base.main_company")

        sql = sql_seconds(env.cr, BASELINE, [company.id])
        bench.baseline("sql", "plain SQL pass over two years of orders (median of 3)", sql)
        Account = env["kam.account"]
        with bench.timed("first", "churn signals, first night (a to-do per signal)"):
            Account._cron_kam_churn_signals()
            env.flush_all()
        env.cr.commit()
        env.cr.execute("SELECT count(*) FROM kam_account WHERE churn_risk")
        at_risk = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM mail_activity WHERE res_model = 'kam.account'")
        todos = env.cr.fetchone()[0]
        # A night later: about 1% of the orders changed.
        env.cr.execute(
            "UPDATE sale_order SET amount_untaxed = amount_untaxed * 0.5 WHERE id % 100 = 0"
        )
        env.cr.commit()
        label = "churn signals, a night later (~1% of orders changed)"
        with bench.timed("next", label, target="< 60 s, <= 5x"):
            Account._cron_kam_churn_signals()
            env.flush_all()
        env.cr.commit()
        env.cr.execute("SELECT count(*) FROM kam_account")
        accounts = env.cr.fetchone()[0]
    bench.report(f"accounts: {accounts:,}   at risk: {at_risk:,}   first-night to-dos: {todos:,}")


if __name__ == "__main__":
    main()
