"""The key-account method as plain functions (no ORM), so each rule can be read and tested alone.

The ORM computes and the set-wise nightly re-tiering both call these, so the rules live once.
"""

import math
from collections import namedtuple
from datetime import date, timedelta

from odoo.addons.b2b_base.guards import finite_number

# Shares are ratios of sums of money: compare them with a tolerance, not bit for bit.
EPSILON = 1e-9

# Longest interval in days a tier or a follow-up window may ask for (ten years).
MAX_DAYS = 3650

QUADRANTS = ("attack", "defend", "maintain", "abandon")

TierRule = namedtuple("TierRule", "id classes min_potential importance")
"""A tier's placement rules: value classes allowed, minimum potential score, importance rule."""


def add_days(day, days):
    """``day`` plus ``days``, held at the last representable date instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def pareto_classes(values, a_threshold, b_threshold):
    """Value class ('a', 'b' or 'c') per account from the 80/20 rule.

    ``values`` maps an account key to its trailing-12-month value (revenue or gross margin, as
    the company counts it). Ranked by value descending (ties by key), an account is 'a' while
    the cumulative share of the accounts *before* it is below ``a_threshold``: the accounts
    needed to reach the threshold are A, the one that crosses it included, so a customer with
    90% of the total is A. Then 'b' the same way up to ``b_threshold``, else 'c'. No (positive)
    value means 'c'.
    """
    ranked = sorted(
        ((value, key) for key, value in values.items() if value > 0 and math.isfinite(value)),
        key=_by_revenue,
    )
    total = sum(value for value, _key in ranked)
    classes = dict.fromkeys(values, "c")
    cumulative = 0.0
    for value, key in ranked:
        before = cumulative / total
        if before < a_threshold - EPSILON:
            classes[key] = "a"
        elif before < b_threshold - EPSILON:
            classes[key] = "b"
        cumulative += value
    return classes


def _by_revenue(item):
    rev, key = item
    return -rev, key


def wallet_share(revenue, purchase_potential):
    """Our revenue divided by the customer's purchase potential, within 0..1 (0 if unknown)."""
    if not (finite_number(revenue) and finite_number(purchase_potential)):
        return 0.0
    if not purchase_potential or purchase_potential <= 0:
        return 0.0
    return min(max(revenue / purchase_potential, 0.0), 1.0)


def quadrant(purchase_potential, share, potential_threshold, share_threshold):
    """The offense/defense quadrant, or False when no (usable) purchase potential was entered."""
    if not purchase_potential or not finite_number(purchase_potential) or purchase_potential <= 0:
        return False
    high_potential = purchase_potential >= potential_threshold - EPSILON
    high_share = share >= share_threshold - EPSILON
    if high_potential:
        return "defend" if high_share else "attack"
    return "maintain" if high_share else "abandon"


def importance_met(rule, brand_influence, government_influence):
    """Whether the importance flags satisfy a tier's importance rule."""
    return {
        "none": True,
        "any": brand_influence or government_influence,
        "brand": brand_influence,
        "government": government_influence,
        "both": brand_influence and government_influence,
    }[rule]


def match_tier(tiers, value_class, potential_score, brand_influence, government_influence):
    """Id of the first tier (in the given order) whose rules the account meets, else False."""
    for tier in tiers:
        if (
            value_class in tier.classes
            and (potential_score or 0) >= tier.min_potential
            and importance_met(tier.importance, brand_influence, government_influence)
        ):
            return tier.id
    return False


def potential_score(*judgements):
    """The 0-100 potential score: the rounded mean of the judgements given (None if none)."""
    given = [j for j in judgements if j is not None and j is not False]
    if not given:
        return None
    return round(sum(given) / len(given))


# 1+2+1 buying-role coverage ------------------------------------------------------------------

DealRole = namedtuple(
    "DealRole",
    "has_contact buying_role is_coach attitude influence org_level last_contact buyer_stage",
    defaults=(None,),
)
"""One row of an opportunity's buying-role map, as the coverage rules need it."""

# Technical and financial gatekeepers count as one role.
ROLE_GROUPS = {
    "purchaser": "purchaser",
    "user": "user",
    "tech_gatekeeper": "gatekeeper",
    "finance_gatekeeper": "gatekeeper",
    "decision_maker": "decision_maker",
}
ROLES_NEEDED = 2
DECISION_MAKER_SILENCE_DAYS = 30

RED_FLAGS = (
    "no_coach",
    "dm_unknown",
    "dm_not_met",
    "influential_opponent",
    "few_roles_won",
    "dm_silent",
    "base_level_only",
    "ahead_of_buyer",
    "brush_off",
)
# The buyer's decision cycle, in order: recognising a need, weighing the options, resolving
# the concerns, deciding, implementing.
BUYER_STAGES = ("need", "options", "concerns", "decision", "implementation")
# Two meetings in a row that only agreed to meet again: a polite brush-off.
BRUSH_OFF_CONTINUATIONS = 2


def buyer_behind(required, roles):
    """Whether our step runs ahead of the buyer: the buyer stage it needs (``required``) is
    further than the furthest stage recorded for the decision makers (for any role when no
    decision maker's is recorded). Nothing recorded, nothing to compare."""
    if not required:
        return False
    deciders = [r.buyer_stage for r in roles if r.buying_role == "decision_maker" and r.buyer_stage]
    stages = deciders or [r.buyer_stage for r in roles if r.buyer_stage]
    if not stages:
        return False
    furthest = max(BUYER_STAGES.index(stage) for stage in stages)
    return furthest < BUYER_STAGES.index(required)


def brushed_off(outcomes):
    """Whether the latest meeting outcomes (newest last) end in two continuations in a row:
    the customer keeps agreeing to meet again without committing to anything."""
    recent = list(outcomes)[-BRUSH_OFF_CONTINUATIONS:]
    return len(recent) == BRUSH_OFF_CONTINUATIONS and all(o == "continuation" for o in recent)


def deal_coverage(roles, has_rep, today, required_buyer_stage=None, outcomes=()):
    """The 1+2+1 formula for one opportunity: 1 coach + 2 of the 4 buying roles won + 1 rep.

    ``roles`` is an iterable of DealRole. A role is won when a supporting contact other than
    the coach holds it; placeholders (no contact yet) win nothing. Returns a dict with
    coach_ok, roles_won (0-4), rep_ok, formula_ok, score (0-4) and red_flags (codes, in the
    order of RED_FLAGS). ``required_buyer_stage`` is the buyer stage our current step needs;
    ``outcomes`` the deal's meeting outcomes, oldest first.
    """
    roles = list(roles)
    coach_ok = any(r.is_coach and r.attitude == "support" and r.has_contact for r in roles)
    won = {
        ROLE_GROUPS[r.buying_role]
        for r in roles
        if r.has_contact
        and not r.is_coach
        and r.attitude == "support"
        and r.buying_role in ROLE_GROUPS
    }
    roles_won = len(won)
    rep_ok = bool(has_rep)
    deciders = [r for r in roles if r.buying_role == "decision_maker"]
    met = [r for r in deciders if r.has_contact]
    last_dm_contact = max((r.last_contact for r in met if r.last_contact), default=None)
    contacts = [r for r in roles if r.has_contact]
    flags = {
        "no_coach": not coach_ok,
        "dm_unknown": not deciders,
        "dm_not_met": bool(deciders) and not met,
        "influential_opponent": any(
            r.influence == "high" and r.attitude == "oppose" for r in contacts
        ),
        "few_roles_won": roles_won < ROLES_NEEDED,
        "dm_silent": bool(met)
        and (
            last_dm_contact is None or (today - last_dm_contact).days > DECISION_MAKER_SILENCE_DAYS
        ),
        "base_level_only": bool(contacts)
        and not any(r.org_level in ("senior", "middle") for r in contacts),
        "ahead_of_buyer": buyer_behind(required_buyer_stage, contacts),
        "brush_off": brushed_off(outcomes),
    }
    return {
        "coach_ok": coach_ok,
        "roles_won": roles_won,
        "rep_ok": rep_ok,
        "formula_ok": coach_ok and roles_won >= ROLES_NEEDED and rep_ok,
        "score": int(coach_ok) + min(roles_won, ROLES_NEEDED) + int(rep_ok),
        "red_flags": [code for code in RED_FLAGS if flags[code]],
    }


# Visits ----------------------------------------------------------------------------------------

EARTH_RADIUS_M = 6371000.0


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres between two points in degrees (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def follow_up_deadline(visit_day, today, max_days):
    """The last day for a visit's next step: ``max_days`` after the visit, or today when a
    visit is recorded so late that this day has passed."""
    return max(add_days(visit_day, max_days), today)


def follow_up_problem(next_step_date, visit_day, today, max_days):
    """Why a next-step date breaks the follow-up-within-a-week rule (counted from the day of
    the visit), or None when it is fine."""
    if not next_step_date:
        return "missing"
    if next_step_date < today:
        return "past"
    if next_step_date > follow_up_deadline(visit_day, today, max_days):
        return "too_late"
    return None


# Care frequency (保持关怀频率, 避免过度关怀) ----------------------------------------------------

CARE_STATUSES = ("ok", "due", "overdue", "over_care")
DUE_WINDOW_DAYS = 3


def care_status(last_visit, previous_visit, since, today, min_days, max_days):
    """(next visit due, care status) of one account from its two latest visits.

    An account never visited is "never" visited, whatever the date: it is due within the
    maximum interval from ``since`` (the day it was tracked), and needs a visit once that has
    passed (see ``needs_visit``). With no maximum (a tier without a rhythm) there is neither a
    due date nor a status. Overdue (past the maximum) comes first, then due (within
    ``DUE_WINDOW_DAYS``), then over-care (the latest two visits closer than the minimum),
    else ok.
    """
    if not max_days or max_days <= 0:
        return None, None
    next_due = add_days(last_visit or since, max_days)
    if not last_visit:
        return next_due, "never"
    if today > next_due:
        return next_due, "overdue"
    if (next_due - today).days <= DUE_WINDOW_DAYS:
        return next_due, "due"
    if last_visit and previous_visit and min_days and (last_visit - previous_visit).days < min_days:
        return next_due, "over_care"
    return next_due, "ok"


def needs_visit(status, next_due, today):
    """Overdue, or never visited and past the maximum interval since it was tracked."""
    return status == "overdue" or (status == "never" and bool(next_due) and next_due < today)


# Satisfaction ---------------------------------------------------------------------------------

SATISFACTION_SCALE = range(1, 6)


def satisfaction_gap(experience, expectation):
    """Satisfaction = experience minus expectation, both on the 1-5 scale: -4 to +4."""
    for value in (experience, expectation):
        if value not in SATISFACTION_SCALE:
            raise ValueError(value)
    return experience - expectation


def satisfaction_trend(scores):
    """'up', 'down' or 'flat' from the latest score against the one before (oldest first);
    None with fewer than two scores."""
    if len(scores) < 2:
        return None
    latest, previous = scores[-1], scores[-2]
    if latest > previous:
        return "up"
    return "down" if latest < previous else "flat"


SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_LENGTH = 8


def signed_score(score):
    """A survey score as people read it: +2, -1, and 0 (neither gain nor loss)."""
    return f"{score:+d}" if score else "0"


def satisfaction_sparkline(scores):
    """The latest scores (-4..+4, oldest first) as a one-line chart with their values."""
    recent = scores[-SPARK_LENGTH:]
    if not recent:
        return ""
    bars = "".join(SPARK_BLOCKS[min((score + 4) * len(SPARK_BLOCKS) // 9, 7)] for score in recent)
    return f"{bars}  {' '.join(signed_score(score) for score in recent)}"


def collected_in_full(ordered, collected, rounding=0.01):
    """Only collected money counts (回收账款): a deal is paid once what its customer paid on
    the invoices of its orders reaches what was ordered (a cent short is not paid)."""
    return ordered > 0 and round((collected - ordered) / rounding) >= 0


# Relationship care (客情) ------------------------------------------------------------------------

# The lunar festivals on the Gregorian calendar (Spring Festival: 1st of the 1st lunar month;
# Mid-Autumn: 15th of the 8th). Reminders stop after the last year listed.
FESTIVALS = {
    "spring_festival": (
        date(2025, 1, 29),
        date(2026, 2, 17),
        date(2027, 2, 6),
        date(2028, 1, 26),
        date(2029, 2, 13),
        date(2030, 2, 3),
        date(2031, 1, 23),
        date(2032, 2, 11),
        date(2033, 1, 31),
        date(2034, 2, 19),
        date(2035, 2, 8),
    ),
    "mid_autumn": (
        date(2025, 10, 6),
        date(2026, 9, 25),
        date(2027, 9, 15),
        date(2028, 10, 3),
        date(2029, 9, 22),
        date(2030, 9, 12),
        date(2031, 10, 1),
        date(2032, 9, 19),
        date(2033, 9, 8),
        date(2034, 9, 27),
        date(2035, 9, 16),
    ),
}


def next_birthday(birthday, today):
    """The next birthday on or after ``today`` (29 February falls on the 28th in other
    years)."""
    for year in (today.year, today.year + 1):
        try:
            day = birthday.replace(year=year)
        except ValueError:
            day = date(year, 2, 28)
        if day >= today:
            return day
    return None


def care_occasions(today, days_ahead, birthday, festivals, after=None):
    """The care occasions from ``today`` to ``days_ahead`` days on, later than ``after`` (the
    last one already scheduled), sorted: [(code, date)] with code "birthday",
    "spring_festival" or "mid_autumn"."""
    until = add_days(today, max(days_ahead, 0))
    found = []
    if birthday:
        day = next_birthday(birthday, today)
        if day:
            found.append(("birthday", day))
    if festivals:
        found += [(code, day) for code, days in FESTIVALS.items() for day in days]
    return sorted(
        (
            (code, day)
            for code, day in found
            if today <= day <= until and (not after or day > after)
        ),
        key=lambda occasion: (occasion[1], occasion[0]),
    )


# Complaints -------------------------------------------------------------------------------------


def target_missed(due, done_on, now):
    """Whether a complaint's target was (or is being) missed: met after it, or not met and
    past it. No target, nothing missed."""
    if not due:
        return False
    return (done_on or now) > due


# Churn and loyalty ------------------------------------------------------------------------------

CHURN_SIGNALS = (
    "revenue_down",
    "value_dropped",
    "share_down",
    "order_overdue",
    "open_complaints",
    "satisfied_leaving",
)
ChurnFacts = namedtuple(
    "ChurnFacts",
    "revenue_window revenue_window_last_year revenue_12m revenue_prior_12m potential "
    "orders first_order last_order value_dropped open_complaints latest_survey cheaper_offer",
)
"""What the nightly churn watch knows of one account: the revenue of the recent window and of
the same window a year before, of the last twelve months and of the twelve before, the
purchase potential, the orders of the last two years (count, first and last date), whether its
value class or tier dropped lately, its open complaints, its latest survey score (None if none)
and whether a competitor's cheaper offer was recorded lately."""
MIN_ORDERS_FOR_RHYTHM = 3


def usual_order_interval(orders, first, last):
    """The account's usual number of days between orders (the mean gap), or None with fewer
    than MIN_ORDERS_FOR_RHYTHM orders to learn it from."""
    if orders < MIN_ORDERS_FOR_RHYTHM or not first or not last:
        return None
    return (last - first).days / (orders - 1)


def value_dropped(old_class, new_class, old_key, new_key, old_sequence, new_sequence):
    """Whether a re-tiering moved an account down: a worse value class (A, B, C), out of a key
    account tier into one that is not, or into a tier further down the list. A side that is
    unknown (no class, no tier) tells nothing."""
    return bool(
        (old_class and new_class and new_class > old_class)
        or (old_key and not new_key)
        or (old_sequence is not None and new_sequence is not None and new_sequence > old_sequence)
    )


def churn_signals(facts, today, drop, share_drop, overdue_factor):
    """The churn signals of one account, in CHURN_SIGNALS order. ``drop``: the revenue drop
    beyond which the recent window is down on the same window a year before (0.2 = 20%);
    ``share_drop``: the wallet-share points lost over a year that count; ``overdue_factor``:
    how many usual intervals without an order make one overdue."""
    signals = set()
    before = facts.revenue_window_last_year or 0.0
    if before > 0 and (facts.revenue_window or 0.0) < before * (1 - drop) - EPSILON:
        signals.add("revenue_down")
    if facts.value_dropped:
        signals.add("value_dropped")
    share_now = wallet_share(facts.revenue_12m or 0.0, facts.potential)
    share_before = wallet_share(facts.revenue_prior_12m or 0.0, facts.potential)
    if share_before - share_now > share_drop + EPSILON:
        signals.add("share_down")
    interval = usual_order_interval(facts.orders, facts.first_order, facts.last_order)
    if interval and (today - facts.last_order).days > interval * overdue_factor + EPSILON:
        signals.add("order_overdue")
    if facts.open_complaints:
        signals.add("open_complaints")
    leaving = {"revenue_down", "share_down"} & signals or facts.cheaper_offer
    if facts.latest_survey is not None and facts.latest_survey > 0 and leaving:
        signals.add("satisfied_leaving")
    return [code for code in CHURN_SIGNALS if code in signals]


def repeat_rate(months_with_orders):
    """Loyalty as repeat purchase: the share of the last twelve months with an order."""
    return min(max(months_with_orders, 0), 12) / 12


# The offense/defense scorecard and its resources ---------------------------------------------

# A person's time per visit, in days, by visit type, when the company has not costed the type.
VISIT_DAYS = {"onsite": 1.0, "reception": 0.5, "event": 1.0, "video": 0.25, "phone": 0.1}
# Days an attack account may go without any resource before it counts as starved, when its
# tier sets no longest interval between visits.
STARVED_AFTER_DAYS = 30
RESOURCE_ALERTS = ("abandon_spending", "attack_starved")


def growth(current, prior):
    """Change on the prior period as a share of it; None when there was nothing before."""
    if not (finite_number(current) and finite_number(prior)) or not prior or prior <= 0:
        return None
    return (current - prior) / prior


def ratio(part, whole):
    """``part`` / ``whole``, or None when the whole is not positive."""
    if not (finite_number(part) and finite_number(whole)) or not whole or whole <= 0:
        return None
    return part / whole


def retained(revenue_before, revenue_now):
    """Retention counts a customer that bought in the period before (revenue above zero) and
    buys again in this one; (was a buyer, is retained)."""
    was_buyer = revenue_before > 0
    return was_buyer, was_buyer and revenue_now > 0


def weighted_split(total, weights):
    """``total`` split across keys in proportion to their non-negative ``weights``; nothing to
    anyone when no weight is positive."""
    positive = {key: max(weight or 0.0, 0.0) for key, weight in weights.items()}
    whole = sum(positive.values())
    if whole <= 0:
        return dict.fromkeys(weights, 0.0)
    return {key: total * weight / whole for key, weight in positive.items()}


def idle_days(reference, period_start, account_start, last_spent):
    """Days up to ``reference`` without any resource: since the last day something was spent
    (a visit, a gift, a release), else since the period or the account began, whichever is
    later; both ends counted."""
    since = max(period_start, account_start or period_start)
    if last_spent:
        since = max(since, last_spent + timedelta(days=1))
    return max((reference - since).days + 1, 0)


def starved_after(max_visit_days):
    """Days an attack account may go without any resource: its tier's longest interval between
    visits, else STARVED_AFTER_DAYS."""
    return max_visit_days or STARVED_AFTER_DAYS


def resource_alert(quadrant, spent, idle, starved_after):
    """'abandon_spending' when an abandon account consumed any resource (a visit, money or
    credit) in the period; 'attack_starved' when an attack account has gone ``starved_after``
    days or more without any (``idle``); else False."""
    if quadrant == "abandon" and spent:
        return "abandon_spending"
    if quadrant == "attack" and idle >= starved_after:
        return "attack_starved"
    return False
