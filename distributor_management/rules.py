"""The distributor method as plain functions (no ORM), so each rule reads and tests alone."""

from collections import namedtuple
from datetime import timedelta

from dateutil.relativedelta import relativedelta

Claim = namedtuple("Claim", "agreement territory path exclusive lines start end")
"""One territory an agreement claims: its territory's parent_path, whether the claim is
exclusive (区域总代理), the product lines (an empty set: all of them) and the period."""


def periods_overlap(start_a, end_a, start_b, end_b):
    """Whether two periods, both days included, share a day."""
    return start_a <= end_b and start_b <= end_a


def territories_overlap(path_a, path_b):
    """Whether two territories are the same or one lies within the other (by parent_path)."""
    return path_a.startswith(path_b) or path_b.startswith(path_a)


def lines_overlap(lines_a, lines_b):
    """Whether two sets of product lines share one; an empty set covers every line."""
    return not lines_a or not lines_b or bool(set(lines_a) & set(lines_b))


def claims_conflict(claim_a, claim_b):
    """Two claims of different agreements conflict when one of them is exclusive and they
    meet in territory (the same one, or one within the other), product line and period: an
    exclusive distributor is the only one selling those lines there."""
    return (
        claim_a.agreement != claim_b.agreement
        and (claim_a.exclusive or claim_b.exclusive)
        and territories_overlap(claim_a.path, claim_b.path)
        and lines_overlap(claim_a.lines, claim_b.lines)
        and periods_overlap(claim_a.start, claim_a.end, claim_b.start, claim_b.end)
    )


def conflicts(claims, others):
    """(claim, other claim) pairs of ``claims`` against ``others`` that conflict."""
    return [(a, b) for a in claims for b in others if claims_conflict(a, b)]


def split_periods(date_start, date_end, split):
    """The months (``split`` 'month') or calendar quarters ('quarter') an agreement's period
    runs through, as (first day, last day) clipped to the period."""
    months = 3 if split == "quarter" else 1
    first = date_start.replace(day=1)
    if split == "quarter":
        first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
    periods = []
    while first <= date_end:
        following = first + relativedelta(months=months)
        periods.append((max(first, date_start), min(following - timedelta(days=1), date_end)))
        first = following
    return periods


def split_amount(amount, count, digits=2):
    """``amount`` in ``count`` parts rounded to ``digits``, the rounding left on the last
    part so the parts add up to the amount."""
    if count <= 0:
        return []
    part = round(amount / count, digits)
    return [part] * (count - 1) + [round(amount - part * (count - 1), digits)]


def renewal_shift(date_start, date_end):
    """How far the next period lies from this one: the period's own length, in months and
    days (a year for a yearly agreement)."""
    return relativedelta(date_end + timedelta(days=1), date_start)


def shift_period(date_from, date_to, shift):
    """A period moved by ``shift``, its last day taken as the day before the moved day after
    it, so that month ends stay month ends (28 February to 29 February in a leap year)."""
    return date_from + shift, date_to + timedelta(days=1) + shift - timedelta(days=1)


def attainment(collected, target):
    """Target attainment (达成率): collected money over the target, 0 without a target."""
    return collected / target if target > 0 else 0.0


def rebate_base(collected, refunded):
    """What attainment and the rebate count (回款): money collected less money paid back,
    never below nothing."""
    return max(collected - refunded, 0.0)


def rebate_rate(attainment, tiers):
    """The rate (percent) of the highest tier reached: ``tiers`` as (attainment from, in
    percent; rate, in percent) pairs; 0 below every tier. A tier is reached at its threshold
    (attainment 1.2 reaches "from 120 %")."""
    reached = [
        (threshold, rate)
        for threshold, rate in tiers
        # To a millionth of a percent, so that 1.2 * 100 (119.99999999999999) reaches 120.
        if round(attainment * 100 - threshold, 6) >= 0
    ]
    return max(reached)[1] if reached else 0.0


def extra_rebate_rate(on_time_rate, reporting_rate, paid_on_time, reported):
    """What a period's extras add to its rate (percent): ``on_time_rate`` when what fell due in
    it was paid by its due dates, ``reporting_rate`` when its reports came for every month."""
    return (on_time_rate if paid_on_time else 0.0) + (reporting_rate if reported else 0.0)


def paid_in_full_on_time(due, paid_on_time, paid_late, rounding=0.01):
    """Whether something fell due and was all paid by its due dates, and no money came late
    (for what fell due before): nothing due is nothing to reward."""
    return due > 0 and round(due - paid_on_time, 6) < rounding and paid_late < rounding


def report_days(date_from, date_to):
    """The days a period's sell-through reports must hold: the last day of each month in it,
    and its own last day."""
    days = {date_to}
    month_end = date_from + relativedelta(day=31)
    while month_end < date_to:
        days.add(month_end)
        month_end = (month_end + timedelta(days=1)) + relativedelta(day=31)
    return sorted(days)


def reported_throughout(date_from, date_to, reported):
    """Whether the reports' periods ``reported`` ((first day, last day) pairs) hold each day
    report_days() asks of the period, each with a report of its own month: one report for a
    whole quarter is not a report every month."""
    return all(
        any(day.replace(day=1) <= start and start <= day <= end for start, end in reported)
        for day in report_days(date_from, date_to)
    )


def rebate_earned(base, rate, digits=2):
    """The rebate a period earns: its base times its rate (percent), rounded to the cent."""
    return round(base * rate / 100.0, digits)


def rebate_due(earned, paid, rounding=0.01):
    """What remains to settle for a period: what it earned less what its earlier settlements
    paid (netting); negative when a refund took back money they paid on (claw-back); 0 within
    the currency's rounding."""
    due = round(earned - paid, 2)
    return 0.0 if abs(due) < rounding else due


def order_settlement_status(paid, settled, cancelled, rounding=0.01):
    """Where a rebate settled on an order stands: ``posted`` once the order's posted invoices
    took ``settled`` off what the distributor owes, ``cancel`` when the order was cancelled
    before they did, ``to_invoice`` until then (a credit note reversing the invoice puts it
    back there)."""
    if abs(paid - settled) < rounding:
        return "posted"
    if cancelled and abs(paid) < rounding:
        return "cancel"
    return "to_invoice"


def overlap_days(start_a, end_a, start_b, end_b):
    """How many days, both ends included, two periods share (0 when none)."""
    return max((min(end_a, end_b) - max(start_a, start_b)).days + 1, 0)


def period_days(date_from, date_to):
    """The days of a period, both ends included."""
    return (date_to - date_from).days + 1


def days_of_stock(stock, sold, days):
    """How many days the stock lasts at the period's rate of sale; None when nothing sold."""
    if sold <= 0 or days <= 0:
        return None
    return stock / (sold / days)


def sell_through_rate(sold, stock):
    """What the distributor sold of what it had (sold plus the stock left), 0 with neither."""
    total = sold + stock
    return sold / total if total > 0 else 0.0


def stock_health(sold, stock, days):
    """A report line's stored figures: days of stock (0 when nothing sold) and sell-through."""
    return {
        "days_of_stock": days_of_stock(stock, sold, days) or 0.0,
        "sell_through": sell_through_rate(sold, stock),
    }


def report_due_until(today, due_day):
    """The last day a distributor's monthly reports must cover by ``today``: last month's end
    once this month's ``due_day`` has passed, else the end of the month before."""
    month_start = today.replace(day=1)
    if today.day <= due_day:
        month_start -= relativedelta(months=1)
    return month_start - timedelta(days=1)


def overstocked(stock, sold, days, limit):
    """Stock that lasts longer than ``limit`` days at the period's rate of sale, or stock that
    did not sell at all."""
    if stock <= 0:
        return False
    cover = days_of_stock(stock, sold, days)
    return cover is None or round(cover - limit, 6) > 0


def previous_period(date_from, date_to):
    """The period of the same length that ends the day before ``date_from``."""
    days = period_days(date_from, date_to)
    return date_from - timedelta(days=days), date_from - timedelta(days=1)


def clamp_score(value):
    """A factor's score, 0 to 100, to a tenth."""
    return round(min(max(value, 0.0), 100.0), 1)


def attainment_score(attainment):
    """100 at the target and above; without a target (None), nothing to judge."""
    return None if attainment is None else clamp_score(attainment * 100)


def growth_score(collected, prior, points_per_ratio):
    """50 for the same money as the period before, ``points_per_ratio`` more per 100 % more;
    nothing to judge without money in the period before."""
    if prior <= 0:
        return None
    return clamp_score(50 + (collected / prior - 1) * points_per_ratio)


def payment_score(due, paid_on_time, points_off=0.0):
    """The share of what fell due in the period that was paid by its due date, less
    ``points_off`` (see payment_points_off()); nothing to judge when nothing fell due and
    nothing went wrong."""
    if due <= 0 and points_off <= 0:
        return None
    share = paid_on_time / due * 100 if due > 0 else 100.0
    return clamp_score(share - points_off)


def payment_points_off(days_late, lapses, day_points, lapse_points):
    """What late money costs the payment score: ``day_points`` per day the period's money was
    paid late on average, and ``lapse_points`` per lapse (a promise to pay broken, an order
    stopped by credit)."""
    return max(days_late, 0.0) * day_points + max(lapses, 0) * lapse_points


def stock_score(lines, overstocked_lines):
    """The share of reported products not overstocked; no report in the period scores 0 (the
    distributor owes one every month)."""
    if lines <= 0:
        return 0.0
    return clamp_score((1 - overstocked_lines / lines) * 100)


def network_score(outlets, target):
    """Outlets against the company's number for a full network; nothing to judge without one."""
    if target <= 0:
        return None
    return clamp_score(outlets / target * 100)


def violation_score(count, penalty_points):
    return clamp_score(100 - count * penalty_points)


def cost_score(cost, net_collected, full_marks, no_marks):
    """Cost to serve as a share of net collected money: 100 up to ``full_marks``, 0 from
    ``no_marks``, straight between; nothing to judge without money or cost; a cost without
    money scores 0."""
    if net_collected <= 0:
        return None if cost <= 0 else 0.0
    share = max(cost, 0.0) / net_collected
    return clamp_score((no_marks - share) / (no_marks - full_marks) * 100)


def cooperation_score(level):
    """1 (poor) to 5 (excellent) as 0 to 100; not given, nothing to judge."""
    return None if not level else clamp_score((int(level) - 1) * 25)


def weighted_score(scores, weights):
    """The weighted mean of the factors judged (``scores`` {factor: score or None}, ``weights``
    {factor: weight}); None when nothing was judged or nothing weighs."""
    judged = [(scores[f], weights.get(f, 0)) for f in scores if scores[f] is not None]
    total = sum(weight for _score, weight in judged if weight > 0)
    if not total:
        return None
    return round(sum(score * weight for score, weight in judged if weight > 0) / total, 1)


def grade(score, floors):
    """The first grade of ``floors`` ((grade, lowest score), best first) the score reaches."""
    if score is None:
        return False
    for letter, floor in floors:
        if round(score - floor, 6) >= 0:
            return letter
    return floors[-1][0]


def previous_quarter(today):
    """The calendar quarter before the one ``today`` is in: what an evaluation looks back on."""
    start = today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1) - relativedelta(months=3)
    return start, start + relativedelta(months=3, days=-1)


def satisfaction(ratings):
    """The mean of the ratings given (1 to 5; 0 or empty: not rated), 0 with none."""
    given = [int(r) for r in ratings if r and int(r) > 0]
    return round(sum(given) / len(given), 2) if given else 0.0


def calendar_periods(today):
    """The calendar month, quarter and year ``today`` is in: (key, first day, last day)."""
    month = today.replace(day=1)
    quarter = today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1)
    year = today.replace(day=1, month=1)
    return [
        ("month", month, month + relativedelta(months=1, days=-1)),
        ("quarter", quarter, quarter + relativedelta(months=3, days=-1)),
        ("year", year, year + relativedelta(years=1, days=-1)),
    ]


def portal_report_months(today, count):
    """The first days of the ``count`` closed months a distributor may report from the portal,
    the latest first: a month is reported once it is over, and older history (which rebates and
    evaluations already read) is changed by its representative only."""
    month = today.replace(day=1)
    return [month - relativedelta(months=n) for n in range(1, count + 1)]


def portal_upload_problem(filename, size, recent, max_bytes, per_hour):
    """Why a file sent from the portal is refused before it is read, or None: ``recent`` files
    sent by the same person in the last hour reach ``per_hour`` ("rate"), its name is not an
    .xlsx workbook's ("type"), it is empty or larger than ``max_bytes`` ("size")."""
    if recent >= per_hour:
        return "rate"
    if not (filename or "").strip().lower().endswith(".xlsx"):
        return "type"
    if not 0 < size <= max_bytes:
        return "size"
    return None


def month_end(day):
    """The last day of ``day``'s month."""
    return day + relativedelta(day=31)
