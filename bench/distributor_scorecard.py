"""Distributor scorecard benchmark (issue #23), seeded by SQL in a throwaway database: the
attainment benchmark's 10,000 distributors with their agreements, targets and 200,000 invoices,
plus 1,000,000 sell-through and stock lines (three monthly reports a distributor over the first
quarter) and one draft evaluation of the first quarter per distributor. Times evaluating every
distributor's scorecard at once (attainment, growth, payment discipline, stock health, network,
violations, cost to serve, the score and grade written), against plain SQL passes over the
same rows (each first-quarter target's invoices and their matched money, and the quarter's
report lines per distributor). Target: at most 5x, under 60 s."""

from datetime import date

from distributor_attainment import ROWS_BASELINE
from distributor_attainment import seed as seed_money
from scaffold import Bench, sql_seconds

STOCK_BASELINE = """
    SELECT r.partner_id, COUNT(*), COUNT(*) FILTER (WHERE l.days_of_stock > 60)
      FROM distributor_stock_report_line l
      JOIN distributor_stock_report r ON r.id = l.report_id
     WHERE r.date_from >= %s AND r.date_to <= %s
  GROUP BY r.partner_id
"""


def seed(env, distributors, invoices, lines):
    params = seed_money(env, distributors, invoices)
    cr = env.cr
    year = params["start"].year
    products = env["product.product"].create(
        [{"name": f"Valve {i}", "taxes_id": False} for i in range(100)]
    )
    params.update(
        products=products.ids,
        per_report=max(1, lines // (3 * distributors)),
        q_start=date(year, 1, 1),
        q_end=date(year, 3, 31),
    )
    cr.execute(
        """
        WITH r AS (
            INSERT INTO distributor_stock_report (partner_id, company_id, date_from, date_to,
                   create_date, write_date)
            SELECT pid, %(company)s, make_date(%(year)s, m, 1),
                   (make_date(%(year)s, m, 1) + interval '1 month - 1 day')::date, now(), now()
              FROM unnest(%(ids)s::int[]) pid, generate_series(1, 3) m
         RETURNING id, partner_id, date_to
        )
        INSERT INTO distributor_stock_report_line (report_id, company_id, partner_id, product_id,
               date_to, qty_sold, qty_stock, days_of_stock, sell_through, create_date,
               write_date)
        SELECT r.id, %(company)s, r.partner_id, (%(products)s::int[])[1 + g %% 100],
               r.date_to, 10 + g %% 7, 5 + g %% 50, (5 + g %% 50) * 30.0 / (10 + g %% 7),
               (10 + g %% 7) * 100.0 / (15 + g %% 7 + g %% 50), now(), now()
          FROM r, generate_series(1, %(per_report)s) g;
        INSERT INTO distributor_evaluation (partner_id, company_id, date_from, date_to, state,
               create_date, write_date)
        SELECT pid, %(company)s, %(q_start)s, %(q_end)s, 'draft', now(), now()
          FROM unnest(%(ids)s::int[]) pid;
        ANALYZE;
        """,
        {**params, "year": year},
    )
    cr.commit()
    return params


def main():
    bench = Bench(
        __doc__, "distributor_management", distributors=10_000, invoices=200_000, lines=1_000_000
    )
    args = bench.args
    with bench.env() as env:
        with bench.seed():
            params = seed(env, args.distributors, args.invoices, args.lines)
        bench.baseline(
            "rows",
            "plain SQL passes: targets' invoices and money, reports' lines",
            sql_seconds(env.cr, ROWS_BASELINE, [params["q_start"], params["q_end"]])
            + sql_seconds(env.cr, STOCK_BASELINE, [params["q_start"], params["q_end"]]),
        )
        evaluations = env["distributor.evaluation"].search([])
        assert len(evaluations) == args.distributors, len(evaluations)
        with bench.timed(
            "evaluate", "evaluating every distributor's scorecard", target="< 60 s, <= 5x"
        ):
            evaluations.action_evaluate()
            env.flush_all()
        env.cr.execute(
            "SELECT COUNT(*), SUM(report_lines) FROM distributor_evaluation "
            "WHERE evaluated_date IS NOT NULL"
        )
        evaluated, lines = env.cr.fetchone()
        assert evaluated == args.distributors, evaluated
        assert lines == 3 * params["per_report"] * args.distributors, lines
        env.cr.execute("SELECT grade, COUNT(*) FROM distributor_evaluation GROUP BY 1 ORDER BY 1")
        grades = ", ".join(f"{grade}: {count:,}" for grade, count in env.cr.fetchall())
    bench.report(f"evaluations: {evaluated:,}   report lines read: {lines:,}   grades: {grades}")


if __name__ == "__main__":
    main()
