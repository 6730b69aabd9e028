"""What every benchmark run shares: its options, the throwaway database, timings, one report
format and the results log (bench/results.csv, one line per run).

    bench = Bench(__doc__, "key_account_management", partners=100_000, lines=1_000_000)
    with bench.env() as env:
        with bench.seed():
            seed(env, bench.args.partners, bench.args.lines)
        bench.baseline("sql", "plain SQL ... (median of 3)", sql_seconds(env.cr, QUERY, []))
        with bench.timed("cron", "the nightly job", target="<= 5x"):
            ...
    bench.report(f"accounts: {count:,}")

The name is the script's (kam_retier), its database b2b_bench_<name>. A figure is divided by
the first baseline, or by the figures ``vs`` names (a key or a tuple of keys; ``()``: none).
"""

import argparse
import contextlib
import csv
import datetime
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from odoo_env import ROOT, throwaway_env

RESULTS = Path(__file__).resolve().parent / "results.csv"
COLUMNS = ("date", "commit", "bench", "sizes", "peak_mib", "figures")


class Bench:
    def __init__(self, doc, modules, **sizes):
        self.name = Path(sys.argv[0]).stem
        self.modules = modules
        parser = argparse.ArgumentParser(
            description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        for size, default in sizes.items():
            parser.add_argument(f"--{size}", type=int, default=default, help="default: %(default)s")
        parser.add_argument(
            "--keep", action="store_true", help=f"keep the database b2b_bench_{self.name}"
        )
        parser.add_argument(
            "--no-log", action="store_true", help=f"do not append the figures to {RESULTS.name}"
        )
        self.args = parser.parse_args()
        self.sizes = {size: getattr(self.args, size) for size in sizes}
        self.commit = commit()  # what is measured is the tree as the run starts
        self.figures = {}  # key: (label, seconds, vs, target)
        self.baselines = []

    def env(self):
        """A fresh database with the modules installed, as a superuser env; dropped at the end
        unless --keep."""
        return throwaway_env(f"b2b_bench_{self.name}", self.modules, self.args.keep)

    def __getitem__(self, key):
        """The seconds of figure ``key``."""
        return self.figures[key][1]

    def figure(self, key, seconds, label=None, vs=None, target=""):
        """Record ``seconds`` under ``key`` (one word: it names the figure in the results log)."""
        self.figures[key] = (label or key, seconds, vs, target)

    def baseline(self, key, label, seconds):
        """A figure the others are divided by (the first one, unless they name another)."""
        self.baselines.append(key)
        self.figure(key, seconds, label, vs=())

    @contextlib.contextmanager
    def timed(self, key, label=None, vs=None, target=""):
        """Time the block as figure ``key``, printing it as it ends."""
        times = []
        with stopwatch(times):
            yield
        self.figure(key, times[0], label, vs, target)
        print(f"  {label or key:<64} {times[0]:9.4f} s", flush=True)

    def seed(self):
        return self.timed("seed", vs=())

    def report(self, *notes):
        """Print the notes and every figure with its ratios, and log them unless --no-log."""
        peak = peak_rss_mib()
        figures = {}
        for key, (_label, seconds, vs, _target) in self.figures.items():
            bases = self.baselines[:1] if vs is None else [vs] if isinstance(vs, str) else vs
            figures[key] = (seconds, {base: seconds / self[base] for base in bases})
        width = max(len(label) for label, *_rest in self.figures.values())
        print()
        print(f"{self.name}: " + "  ".join(f"{k} {v:,}" for k, v in self.sizes.items()))
        for note in notes:
            print(note)
        for key, (label, seconds, _vs, target) in self.figures.items():
            line = f"  {label:<{width}} {seconds:9.4f} s"
            line += "".join(f"  {ratio:7.2f}x {base}" for base, ratio in figures[key][1].items())
            print(line + (f"  (target {target})" if target else ""))
        print(f"peak memory of this Odoo process: {peak:.0f} MiB")
        if self.args.no_log:
            print(f"not logged to bench/{RESULTS.name} (--no-log)")
        else:
            record(self.name, self.sizes, figures, peak, self.commit)
            print(f"logged to bench/{RESULTS.name} as of {self.commit}")


def record(name, sizes, figures, peak_mib, commit_id=None, path=RESULTS):
    """Append one run to ``path``: date, commit, bench, sizes, peak memory and ``figures``
    ({key: (seconds, {baseline: ratio})}) as ``key=1.2345s 3.21x/baseline; ...``."""
    figures_text = "; ".join(
        f"{key}={seconds:.4f}s" + "".join(f" {r:.2f}x/{base}" for base, r in ratios.items())
        for key, (seconds, ratios) in figures.items()
    )
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        if new:
            writer.writerow(COLUMNS)
        writer.writerow(
            (
                datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                commit_id or commit(),
                name,
                " ".join(f"{size}={value}" for size, value in sizes.items()),
                f"{peak_mib:.0f}",
                figures_text,
            )
        )


def commit():
    """The short commit of the tree, '+dirty' when it differs from it (the results log aside)."""

    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        changes = git("status", "--porcelain", "--", ".", f":(exclude)bench/{RESULTS.name}")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+dirty" if changes else head


@contextlib.contextmanager
def stopwatch(times):
    """Append the seconds the block took to ``times``."""
    start = time.perf_counter()
    yield
    times.append(time.perf_counter() - start)


def median_seconds(call, runs=3, warmup=0, after=None):
    """Median seconds of ``call()`` over ``runs`` runs following ``warmup`` untimed ones;
    ``after()``, untimed, follows each."""
    times = []
    for _i in range(warmup + runs):
        with stopwatch(times):
            call()
        if after:
            after()
    return statistics.median(times[warmup:])


def sql_seconds(cr, query, params, runs=3, warmup=1):
    """Median seconds of ``query`` and fetching its rows, after ``warmup`` runs to warm the
    cache."""
    return median_seconds(lambda: (cr.execute(query, params), cr.fetchall()), runs, warmup)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
