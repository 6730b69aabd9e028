"""Collection benchmarks (issue #12), seeded by SQL in a throwaway database: 10,000
credit-controlled distributors holding 200,000 open invoices (about half overdue) and 50,000
open orders.

1. The collection desk (every overdue distributor with its days, step, promises and last
   contact) against one plain SQL read of the same overdue receivable lines. Target: at most 5x
   for the desk's rows; also timed: the desk as its list opens (first page with names, and the
   count) and every row with the distributors' names as Odoo formats them.
2. The daily credit job (holds, the dunning ladder, promises): its first run, which schedules
   a dunning step for every overdue distributor, and a following day's run, against the same
   plain SQL read. Target for a day's run: at most 5x.
"""

from credit_exposure import seed
from scaffold import Bench, median_seconds

BASELINE = """
    SELECT l.partner_id, SUM(l.amount_residual), MIN(l.date_maturity)
      FROM account_move_line l
      JOIN account_account a ON a.id = l.account_id
     WHERE a.account_type = 'asset_receivable' AND l.parent_state = 'posted' AND NOT l.reconciled
       AND l.amount_residual > 0 AND l.date_maturity < current_date
       AND l.partner_id = ANY(%s)
  GROUP BY l.partner_id
"""


def main():
    bench = Bench(__doc__, "channel_credit", distributors=10_000, invoices=200_000, orders=50_000)
    args = bench.args
    with bench.env() as env:
        with bench.seed():
            _big, others, _product = seed(env, args.distributors, args.invoices, args.orders, 0, 0)
            # Controlled, with an overdue rule loose enough that the ladder does the work.
            others.write({"channel_credit_policy": "block", "channel_max_overdue_days": 3650})
            env.cr.commit()
        ids = others.ids

        def plain():
            env.cr.execute(BASELINE, [ids])
            return env.cr.fetchall()

        overdue = len(plain())
        label = "plain SQL read of the overdue receivables (median of 3)"
        bench.baseline("sql", label, median_seconds(plain))
        Desk = env["channel.collection.desk"]
        fields = [
            "partner_id",
            "user_id",
            "overdue_amount",
            "days_overdue",
            "step_id",
            "promised_amount",
            "broken_promises",
            "last_contact_date",
        ]

        def desk():
            env.invalidate_all()
            return Desk.search_fetch([], fields)

        names = {"fields": {"display_name": {}}}
        spec = {name: names if Desk._fields[name].type == "many2one" else {} for name in fields}

        def desk_page():
            env.invalidate_all()
            return Desk.web_search_read([], spec, limit=80, count_limit=100_001)

        def desk_named():
            env.invalidate_all()
            return Desk.search_read([], fields)

        rows = len(desk())
        for key, label, call, target in (
            ("desk", "collection desk, every row (median of 3)", desk, "<= 5x"),
            ("desk_page", "collection desk as its list opens (80 rows, count)", desk_page, ""),
            ("desk_named", "collection desk, every row with partner names", desk_named, ""),
        ):
            bench.figure(key, median_seconds(call), label, target=target)
        Partner = env["res.partner"]
        with bench.timed("job_first", "daily job, first run (a dunning step per overdue one)"):
            Partner._cron_channel_credit_daily()
            env.flush_all()
        env.cr.commit()
        next_day = median_seconds(lambda: (Partner._cron_channel_credit_daily(), env.flush_all()))
        label = "daily job, a following day (median of 3)"
        bench.figure("job_next", next_day, label, target="<= 5x")
        activities = env["mail.activity"].search_count([("res_model", "=", "res.partner")])
        env.cr.rollback()
    bench.report(
        f"overdue distributors: {overdue:,}   collection desk rows: {rows:,}"
        f"   dunning activities scheduled: {activities:,}"
    )


if __name__ == "__main__":
    main()
