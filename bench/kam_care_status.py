"""Care-status benchmark (issue: visits): seeds key accounts over the four demo tiers and done
visits with SQL, then times the daily care cron (kam.account._cron_kam_refresh_care: status
of every account plus a visit activity for each overdue one) and the SQL that only reads each
account's two latest visits. Target: under 60 s for 100,000 accounts and 1,000,000 visits."""

from odoo_env import seed_companies
from scaffold import Bench, sql_seconds


def seed(env, accounts, visits):
    cr = env.cr
    company = env.ref("base.main_company")
    tiers = env["kam.tier"].search([("company_id", "=", company.id)]).ids
    partner_ids = seed_companies(cr, accounts, "Account")
    # Ten reps manage the accounts; each account was tracked 100 to 500 days ago.
    cr.execute(
        """
        INSERT INTO res_users (login, partner_id, company_id, active, notification_type,
                               create_date, write_date)
        SELECT 'bench_rep_' || g, p.id, %(company)s, true, 'inbox', now(), now()
          FROM generate_series(1, 10) g
          JOIN LATERAL (SELECT id FROM res_partner WHERE name = 'Account ' || g) p ON true
     RETURNING id
        """,
        {"company": company.id},
    )
    reps = [r[0] for r in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO kam_account (partner_id, company_id, manager_id, tier_id, is_key_account,
                                 potential_score, purchase_potential, brand_influence,
                                 government_influence, tier_locked, revenue_12m,
                                 create_date, write_date, create_uid, write_uid)
        SELECT p, %(company)s, (%(reps)s::int[])[1 + (k %% 10)], (%(tiers)s::int[])[1 + (k %% 4)],
               true, 0, 0, false, false, false, 0,
               now() - (100 + k %% 400) * interval '1 day', now(), 1, 1
          FROM unnest(%(partners)s::int[]) WITH ORDINALITY AS t(p, k)
        """,
        {"company": company.id, "reps": reps, "tiers": tiers, "partners": partner_ids},
    )
    # Visits: skewed towards a few busy accounts, done over the last 400 days.
    cr.execute(
        """
        INSERT INTO kam_visit (partner_id, user_id, company_id, visit_type, state,
                               date_planned, date_done, outcome, next_step, next_step_date,
                               create_date, write_date, create_uid, write_uid)
        SELECT p, (%(reps)s::int[])[1 + (g %% 10)], %(company)s, 'onsite', 'done',
               d, d, 'advance', 'Call back', d::date + 3, now(), now(), 1, 1
          FROM (SELECT g, (%(partners)s::int[])[1 + floor(power(random(), 2) * %(n)s)::int] AS p,
                       now() - random() * interval '400 days' AS d
                  FROM generate_series(1, %(visits)s) g) v
        """,
        {
            "company": company.id,
            "reps": reps,
            "partners": partner_ids,
            "n": len(partner_ids),
            "visits": visits,
        },
    )
    cr.execute("ANALYZE res_partner; ANALYZE kam_account; ANALYZE kam_visit")
    cr.commit()


BASELINE = """
    SELECT partner_id, (array_agg(date_done::date ORDER BY date_done DESC))[1:2]
      FROM kam_visit WHERE company_id = %s AND state = 'done' GROUP BY partner_id
"""


def main():
    bench = Bench(__doc__, "key_account_management", accounts=100_000, visits=1_000_000)
    with bench.env() as env:
        with bench.seed():
            seed(env, bench.args.accounts, bench.args.visits)
        company = env.ref("base.main_company")
        # One cold run, as the earlier figures were taken.
        sql = sql_seconds(env.cr, BASELINE, [company.id], runs=1, warmup=0)
        bench.baseline("sql", "plain SQL: two latest visits per account", sql)
        Account = env["kam.account"]
        with bench.timed("first", "care cron, first run (every status new)", target="< 60 s"):
            Account._cron_kam_refresh_care()
        env.cr.commit()
        env.cr.execute("SELECT count(*) FROM mail_activity WHERE res_model = 'kam.account'")
        activities = env.cr.fetchone()[0]
        with bench.timed("next", "care cron, next day (nothing new)", target="< 60 s"):
            Account._cron_kam_refresh_care()
        env.cr.commit()
        # A day of visits: 1% of the accounts visited today.
        env.cr.execute(
            """
            UPDATE kam_visit SET date_done = now(), date_planned = now()
             WHERE id IN (SELECT max(id) FROM kam_visit GROUP BY partner_id)
               AND partner_id % 100 = 0
            """
        )
        env.cr.commit()
        with bench.timed("day", "care cron, after a day of visits (~1%)", target="< 60 s"):
            Account._cron_kam_refresh_care()
        env.cr.commit()
        env.cr.execute(
            "SELECT care_status, count(*) FROM kam_account GROUP BY care_status ORDER BY 1"
        )
        statuses = env.cr.fetchall()
    bench.report(f"care status: {dict(statuses)}   visit activities created: {activities:,}")


if __name__ == "__main__":
    main()
