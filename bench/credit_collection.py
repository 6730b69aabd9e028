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

import argparse
import statistics
import time

from credit_exposure import seed
from odoo_env import peak_rss_mib, throwaway_env, timed

DB = "b2b_bench_collection"

BASELINE = """
    SELECT l.partner_id, SUM(l.amount_residual), MIN(l.date_maturity)
      FROM account_move_line l
      JOIN account_account a ON a.id = l.account_id
     WHERE a.account_type = 'asset_receivable' AND l.parent_state = 'posted' AND NOT l.reconciled
       AND l.amount_residual > 0 AND l.date_maturity < current_date
       AND l.partner_id = ANY(%s)
  GROUP BY l.partner_id
"""


def median_of(runs, call):
    times = []
    for _i in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--distributors", type=int, default=10_000)
    parser.add_argument("--invoices", type=int, default=200_000)
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    results = {}
    with throwaway_env(DB, "channel_credit", args.keep) as env:
        with timed("seed", results):
            _big, others, _product = seed(env, args.distributors, args.invoices, args.orders, 0, 0)
            # Controlled, with an overdue rule loose enough that the ladder does the work.
            others.write({"channel_credit_policy": "block", "channel_max_overdue_days": 3650})
            env.cr.commit()
        ids = others.ids

        def plain():
            env.cr.execute(BASELINE, [ids])
            return env.cr.fetchall()

        overdue = len(plain())
        sql = median_of(3, plain)
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
        desk_time = median_of(3, desk)
        page_time = median_of(3, desk_page)
        named_time = median_of(3, desk_named)
        Partner = env["res.partner"]
        with timed("daily job, first run (schedules a step per overdue distributor)", results):
            Partner._cron_channel_credit_daily()
            env.flush_all()
        env.cr.commit()
        next_day = median_of(3, lambda: (Partner._cron_channel_credit_daily(), env.flush_all()))
        activities = env["mail.activity"].search_count([("res_model", "=", "res.partner")])
        env.cr.rollback()
    print()
    print(
        f"distributors: {args.distributors:,}  open invoices: {args.invoices:,}  "
        f"open orders: {args.orders:,}  overdue distributors: {overdue:,}"
    )
    print(f"plain SQL read of the overdue receivables (median of 3): {sql:.3f} s")
    print(
        f"collection desk, {rows:,} rows (median of 3):              {desk_time:.3f} s"
        f"  = {desk_time / sql:.1f}x (target <= 5x)"
    )
    print(
        f"collection desk as its list opens (80 rows, count):     {page_time:.3f} s"
        f"  = {page_time / sql:.1f}x"
    )
    print(
        f"collection desk, every row with partner names:          {named_time:.3f} s"
        f"  = {named_time / sql:.1f}x"
    )
    first = results["daily job, first run (schedules a step per overdue distributor)"]
    print(
        f"daily job, first run ({activities:,} dunning activities scheduled): {first:.3f} s"
        f"  = {first / sql:.1f}x"
    )
    print(
        f"daily job, a following day (median of 3):            {next_day:.3f} s"
        f"  = {next_day / sql:.1f}x (target <= 5x)"
    )
    print(f"peak memory of this Odoo process: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
