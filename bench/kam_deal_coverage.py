"""1+2+1 coverage benchmark (issue: key-account deals): seeds open opportunities with buying
roles by SQL, then times the recomputation of the stored coverage fields for all of them
(the daily refresh, and what any change of roles triggers). Target: 20,000 opportunities with
5 roles each in under 10 s."""

import argparse

from odoo_env import peak_rss_mib, seed_companies, throwaway_env, timed

DB = "b2b_bench_deals"


def seed(env, leads, roles_per_lead):
    cr = env.cr
    team = env.ref("key_account_management.crm_team_key_accounts")
    stage = env.ref("key_account_management.crm_stage_uncover_needs")
    company = env.ref("base.main_company")
    seed_companies(cr, leads, "Account")
    cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, team_id, stage_id, user_id, company_id,
                              partner_id, kam_is_key_deal, probability, create_date, write_date)
        SELECT 'Deal ' || p.id, 'opportunity', true, %s, %s, %s, %s, p.id, true, 10, now(), now()
          FROM res_partner p WHERE p.name LIKE 'Account %%'
        """,
        [team.id, stage.id, env.ref("base.user_admin").id, company.id],
    )
    roles = ["purchaser", "user", "tech_gatekeeper", "finance_gatekeeper", "decision_maker"]
    attitudes = ["support", "neutral", "oppose", "unknown"]
    cr.execute(
        """
        INSERT INTO kam_deal_role (lead_id, company_id, partner_id, buying_role, is_coach,
                                   attitude, influence, org_level, last_contact_date, sequence,
                                   create_date, write_date)
        SELECT l.id, l.company_id,
               CASE WHEN k = 5 AND l.id %% 3 = 0 THEN NULL ELSE l.partner_id END,
               (%(roles)s::varchar[])[k], k = 1 AND l.id %% 2 = 0,
               CASE WHEN k = 1 OR (l.id + k) %% 3 <> 0 THEN 'support'
                    ELSE (%(attitudes)s::varchar[])[1 + (l.id * k) %% 4] END,
               (ARRAY['high', 'medium', 'low'])[1 + (l.id * k) %% 3],
               (ARRAY['senior', 'middle', 'base'])[1 + (l.id + 2 * k) %% 3],
               current_date - ((l.id * k) %% 60), k, now(), now()
          FROM crm_lead l, generate_series(1, %(per_lead)s) k
         WHERE l.name LIKE 'Deal %%'
        """,
        {"roles": roles, "attitudes": attitudes, "per_lead": roles_per_lead},
    )
    cr.execute("ANALYZE crm_lead; ANALYZE kam_deal_role")
    cr.commit()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=20_000)
    parser.add_argument("--roles", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    results = {}
    with throwaway_env(DB, "key_account_management", args.keep) as env:
        with timed(f"seed {args.leads:,} opportunities x {args.roles} roles", results):
            seed(env, args.leads, args.roles)
        Lead = env["crm.lead"]
        with timed("recompute coverage of every open key-account deal", results):
            Lead._cron_kam_refresh_coverage()
        env.cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE kam_formula_ok), avg(kam_formula_score)"
            " FROM crm_lead WHERE name LIKE 'Deal %%'"
        )
        count, ok, avg = env.cr.fetchone()
        env.cr.execute("SELECT count(*) FROM kam_deal_role")
        roles = env.cr.fetchone()[0]
    elapsed = results["recompute coverage of every open key-account deal"]
    print()
    print(
        f"opportunities: {count:,}  roles: {roles:,}  formula met: {ok:,}  "
        f"average score: {float(avg):.2f}"
    )
    print(
        f"coverage recompute: {elapsed:.3f} s (target < 10 s), "
        f"{elapsed / count * 1e6:.0f} us per opportunity"
    )
    print(f"peak memory of this Odoo process: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
