"""Channel-credit rules as plain functions (no ORM), so each can be read and tested alone."""

import json
from collections import namedtuple
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

GRADES = ("aaa", "aa", "a", "b", "c", "d")


class CreditFigures(
    namedtuple("CreditFigures", "receivable draft orders overdue oldest_due overdue_amount_days")
):
    """One commercial entity's exposure components and overdue items, in company currency."""

    __slots__ = ()

    @property
    def exposure(self):
        return self.receivable + self.draft + self.orders

    def days_overdue(self, today):
        """Days past due of the oldest open item (0 when nothing is overdue)."""
        return (today - self.oldest_due).days if self.oldest_due else 0


NO_FIGURES = CreditFigures(0.0, 0.0, 0.0, 0.0, None, 0.0)


def effective_limit(base_limit, temp_limit, temp_until, today):
    """The base credit limit plus a temporary increase that has not expired yet."""
    temp = temp_limit if temp_limit and temp_until and temp_until >= today else 0.0
    return (base_limit or 0.0) + temp


# Invoice dates a payment term's longest wait is measured over: every day of a leap year and of
# the year after (every month length, February both ways).
TERM_SAMPLE_DAYS = tuple(date(2024, 1, 1) + timedelta(days=n) for n in range(731))


def wait_within_term(invoice_date, due_date, term_days):
    """Whether a due date lies within the credit term from the invoice date."""
    return not due_date or not invoice_date or (due_date - invoice_date).days <= term_days


def temporary_until_allowed(until, start):
    """A temporary increase lasts a year at most from ``start``: one until 9999 would be a
    permanent limit that never went through the chain as one."""
    return not until or until <= start + relativedelta(years=1)


def within_limit(exposure, limit, rounding=0.01):
    """Exposure exactly at the limit passes; one rounding unit (a cent) more does not."""
    return round((limit - exposure) / rounding) >= 0


def allowed_overdue_days(own_max, ladder_cap):
    """The days an invoice may be overdue before the distributor is held, and which rule says
    so: its own maximum ("own"), or the dunning ladder's first hold step ("ladder", the day
    before it) when that comes first."""
    if ladder_cap is not None and ladder_cap < own_max:
        return ladder_cap, "ladder"
    return own_max, "own"


def overdue_too_long(max_days_overdue, allowed_days):
    """The overdue rule: an invoice overdue longer than the allowed days holds the partner."""
    return max_days_overdue > allowed_days


def gate_passes(policy, manual_hold, within, overdue_days, allowed_days):
    """Whether an order passes a payer's credit check: never on a Credit Manager's hold; on cash
    before delivery ("prepay") the goods wait for the money instead; otherwise within the limit
    and nothing overdue too long."""
    if policy == "prepay":
        return not manual_hold
    return not manual_hold and within and not overdue_too_long(overdue_days, allowed_days)


# The policies from the strictest: of several failing checks, the strictest decides.
POLICY_SEVERITY = ("block", "approval", "warn", "prepay")


def check_severity(manual_hold, policy):
    """Sort key of a failing check, worst first: a Credit Manager's hold, then the policies
    from block to cash before delivery."""
    return (not manual_hold, POLICY_SEVERITY.index(policy))


def amount_to_collect(exposure, limit, overdue, overdue_days, allowed_days):
    """What a salesperson collects to pass the check: what is over the limit, or all that is
    overdue when it is overdue too long, whichever is more."""
    collect = max(exposure - limit, 0.0)
    if overdue_too_long(overdue_days, allowed_days):
        collect = max(collect, overdue)
    return collect


def rule_hold(days_overdue, max_days_overdue, step_holds):
    """Why the rules hold a distributor: "overdue" when its oldest item is overdue longer than
    its maximum, else "dunning" when the dunning step it reached holds (``step_holds``), else
    None."""
    if overdue_too_long(days_overdue, max_days_overdue):
        return "overdue"
    return "dunning" if step_holds else None


def monthly_sales(invoiced, months, ordered=0.0):
    """Average monthly sales over ``months``: the larger of what was invoiced and, when given,
    what was ordered (a distributor's invoices are capped by its own limit; its orders show
    what it would buy)."""
    return max(invoiced, ordered) / months


def sales_to_recover(loss, net_margin):
    """Extra sales needed to earn back a loss at a net margin: loss / margin."""
    if net_margin <= 0:
        raise ValueError("net margin must be positive")
    return loss / net_margin


def financing_cost(amount, annual_rate, days_overdue):
    """What late payment costs in financing: amount x annual rate x days overdue / 365."""
    return financing_cost_of_amount_days(amount * max(days_overdue, 0), annual_rate)


def financing_cost_of_amount_days(amount_days, annual_rate):
    """The same for many items at once, given the sum of amount x days overdue."""
    return amount_days * annual_rate / 365.0


def suggested_limit(monthly_sales, term_days, grade_factor):
    """Credit limit suggestion: average monthly sales x (term days / 30) x grade factor.
    No sales history gives no suggestion (None), never a limit of 0."""
    if monthly_sales <= 0:
        return None
    return monthly_sales * term_days / 30.0 * grade_factor


def release_still_valid(approved, now, decided_days_ago, max_growth, max_age_days):
    """An approved release covers its order once, while the situation is the one its approver
    saw: ``approved`` and ``now`` are (order amount, exposure with the order) then and at
    confirmation; neither may have grown by more than ``max_growth`` (a share), and the
    approval may not be older than ``max_age_days``. Two releases approved side by side cannot
    both be used: the second order's exposure counts the first."""
    return decided_days_ago <= max_age_days and all(
        current <= seen * (1 + max_growth) + 1e-9
        for seen, current in zip(approved, now, strict=True)
    )


# The cost of waiting and of bad debt ----------------------------------------------------------

# The training's table: losses against net margins.
BAD_DEBT_LOSSES = (500, 1000, 5000, 10000, 50000, 100000)
BAD_DEBT_MARGINS = (0.02, 0.03, 0.04, 0.05, 0.06)


def bad_debt_table(losses=BAD_DEBT_LOSSES, margins=BAD_DEBT_MARGINS):
    """Extra sales needed to earn back each loss at each net margin: one row per loss."""
    return [[sales_to_recover(loss, margin) for margin in margins] for loss in losses]


def days_until_margin_gone(net_margin, annual_rate):
    """ "Working for the bank": the days after invoicing when financing the unpaid invoice has
    cost as much as the sale earned (margin x 365 / rate); None when money costs nothing."""
    if annual_rate <= 0:
        return None
    return net_margin * 365.0 / annual_rate


def months_of_sales(amount, monthly_sales):
    """How many months of a distributor's own sales ``amount`` stands for; None without sales."""
    if monthly_sales <= 0:
        return None
    return amount / monthly_sales


# Granting credit ------------------------------------------------------------------------------

# Each investigation item is scored from 0 (worst) to this.
MAX_ITEM_SCORE = 10
# Grades with a minimum score, best first; below the last one the grade is D.
SCORED_GRADES = GRADES[:-1]


def investigation_score(items):
    """The weighted score out of 100 of an investigation's items, given as (weight, score)
    pairs (items that do not apply are left out); None when nothing carries weight."""
    total_weight = sum(weight for weight, _score in items)
    if total_weight <= 0:
        return None
    points = sum(weight * score for weight, score in items)
    return points * 100.0 / (total_weight * MAX_ITEM_SCORE)


def grade_for_score(score, minimums):
    """The best grade whose minimum score ``score`` reaches (``minimums``: {grade: minimum}
    for every grade but D, which is what is left)."""
    for grade in SCORED_GRADES:
        if score is not None and score >= minimums[grade]:
            return grade
    return GRADES[-1]


def new_distributor_limit(planned_monthly, term_days, grade_factor, caps):
    """A limit for a distributor without sales history: the planned monthly purchase of its
    agreement x (term days / 30) x grade factor, capped by each of ``caps`` ((name, amount)
    pairs, e.g. a share of the registered capital or a multiple of the deposit).
    Returns the limit and the name of the figure that decided it (None: the purchase plan)."""
    limit, decided_by = max(planned_monthly, 0.0) * term_days / 30.0 * grade_factor, None
    for name, cap in caps:
        if cap < limit:
            limit, decided_by = cap, name
    return limit, decided_by


def approval_steps(amount, levels):
    """The approval levels a credit limit of ``amount`` goes through: every level up to and
    including the first whose maximum covers it. ``levels`` are (key, maximum) pairs in order,
    a maximum of None covering any amount; an amount beyond the last maximum needs them all."""
    steps = []
    for key, maximum in levels:
        steps.append(key)
        if maximum is None or amount <= maximum:
            break
    return steps


def credit_granted(controlled, limit, temp_limit, temp_until, term_days, today):
    """What a distributor is granted, as (amount it may owe today, end of its temporary
    increase, credit term): nothing outside credit control."""
    if not controlled:
        return (0.0, None, 0)
    temp_until = temp_until if temp_limit and temp_until and temp_until >= today else None
    return (effective_limit(limit, temp_limit, temp_until, today), temp_until, term_days or 0)


def credit_raised(before, after, rounding=0.01):
    """Whether ``after`` grants more than ``before`` (see credit_granted): a higher amount,
    a temporary increase that lasts longer, or a longer term."""
    (amount_before, until_before, term_before) = before
    (amount_after, until_after, term_after) = after
    if round((amount_after - amount_before) / rounding) > 0 or term_after > term_before:
        return True
    return until_after is not None and (until_before is None or until_after > until_before)


# Collecting -----------------------------------------------------------------------------------


def dunning_step(days_overdue, step_days):
    """The index of the dunning-ladder step a distributor has reached: the last step whose
    day its oldest overdue invoice has reached (``step_days`` ascending); None before the
    first step or when nothing is overdue."""
    reached = None
    if days_overdue > 0:
        for index, day in enumerate(step_days):
            if days_overdue >= day:
                reached = index
    return reached


def fill_script(script, values):
    """A step's script with its {placeholders} filled in; other braces are left as written
    (the text is the company's, not a format string)."""
    for key, value in values.items():
        script = script.replace("{%s}" % key, str(value))
    return script


PromiseRecord = namedtuple("PromiseRecord", "key made kept broken open promised paid kept_rate")


def promise_records(promises):
    """How each debtor's promises turned out, from ``promises`` [(key, state, amount, paid)]
    with state "kept", "broken" or "open": one PromiseRecord per key, in first-seen order. The
    kept rate counts the promises whose outcome is known (kept or broken); None before any."""
    tally = {}
    for key, state, amount, paid in promises:
        counts = tally.setdefault(
            key, {"made": 0, "kept": 0, "broken": 0, "open": 0, "promised": 0.0, "paid": 0.0}
        )
        counts["made"] += 1
        counts[state] += 1
        counts["promised"] += amount
        counts["paid"] += paid
    return [
        PromiseRecord(
            key,
            **counts,
            kept_rate=counts["kept"] / (counts["kept"] + counts["broken"])
            if counts["kept"] + counts["broken"]
            else None,
        )
        for key, counts in tally.items()
    ]


def promised_beyond_owed(owed, open_promises, new_promise, rounding=0.01):
    """How much the open promises and a new one add up to beyond what the debtor owes (0.0 when
    they fit): a promise to pay more than is owed is a mistake or a deposit, never collection."""
    excess = open_promises + new_promise - max(owed, 0.0)
    return excess if new_promise > 0 and round(excess / rounding) >= 1 else 0.0


def portal_promise_problem(amount, promised_for, today, overdue, open_promise, max_days):
    """What stops a promise a distributor makes in the portal, as a key (None when it stands):
    it promises a positive amount no larger than what is overdue ("amount"), for a day from
    today to ``max_days`` ahead ("date"), when something is overdue ("nothing_overdue") and no
    promise it made in the portal is still open ("open"): a promise stays as it was made."""
    if open_promise:
        return "open"
    if overdue <= 0:
        return "nothing_overdue"
    if not amount or amount <= 0 or round(amount - overdue, 2) > 0:
        return "amount"
    if not promised_for or not 0 <= (promised_for - today).days <= max_days:
        return "date"
    return None


def month_end(month_start):
    """The last day of the month that starts on ``month_start``."""
    return month_start + relativedelta(months=1, days=-1)


def statement_kind(move_type, is_payment):
    """What a journal entry is on a statement of account: an invoice, a credit note, a payment
    (money received or paid back), or another entry (an opening balance, a write-off)."""
    if move_type in ("out_invoice", "out_receipt"):
        return "invoice"
    if move_type == "out_refund":
        return "refund"
    return "payment" if is_payment else "other"


def statement_state(line_states, confirmed):
    """Where a statement of account stands: "disputed" while a line is disputed, "confirmed"
    once the distributor confirmed every line, else "open"."""
    if "disputed" in line_states:
        return "disputed"
    return "confirmed" if confirmed else "open"


def hold_data(info):
    """The recorded hold reason ``info`` as {code, ...} (a person's reason: {text}), or {}
    when none is recorded (the 18.0.1.3.0 migration turned older plain texts into records)."""
    try:
        data = json.loads(info) if info else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
