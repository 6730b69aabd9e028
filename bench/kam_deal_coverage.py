"""1+2+1 coverage benchmark (issue: key-account deals): seeds open opportunities with buying
roles by SQL, then times the recomputation of the stored coverage fields for all of them
(the daily refresh, and what any change of roles triggers). Target: 20,000 opportunities with
5 roles each in under 10 s."""

from odoo_env import seed_companies
from scaffold import Bench


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
    bench = Bench(__doc__, "key_account_management", leads=20_000, roles=5)
    with bench.env() as env:
        with bench.seed():
            seed(env, bench.args.leads, bench.args.roles)
        Lead = env["crm.lead"]
        with bench.timed(
            "coverage", "recompute coverage of every open key-account deal", target="< 10 s"
        ):
            Lead._cron_kam_refresh_coverage()
        env.cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE kam_formula_ok), avg(kam_formula_score)"
            " FROM crm_lead WHERE name LIKE 'Deal %%'"
        )
        count, ok, avg = env.cr.fetchone()
        env.cr.execute("SELECT count(*) FROM kam_deal_role")
        roles = env.cr.fetchone()[0]
    elapsed = bench["coverage"]
    bench.report(
        f"opportunities: {count:,}  roles: {roles:,}  formula met: {ok:,}  "
        f"average score: {float(avg):.2f}",
        f"coverage recompute: {elapsed / count * 1e6:.0f} us per opportunity",
    )


if __name__ == "__main__":
    main()
