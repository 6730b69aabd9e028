"""The one input guard of the B2B apps: what no column, rounding or date arithmetic can take is
refused with a readable error before the ORM sees it, and figures the system computes are
written by the system only. Imports, copies, one2many commands, context defaults and every RPC
call go through create() and write(), so the guard holds on all of them."""

import math
from datetime import date, datetime

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

NUMBER_TYPES = ("float", "monetary", "integer")
DATE_TYPES = ("date", "datetime")
TEXT_TYPES = ("char", "text", "html")
# What a PostgreSQL integer column holds.
INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1
# Amounts are rounded to the cent through doubles: beyond this they are no longer exact to the
# cent (2**53 cents), and far beyond it the rounding itself overflows.
MAX_MAGNITUDE = 10**13
MAX_MAGNITUDE_TEXT = "10,000,000,000,000"
# The dates whose arithmetic (plus a term, an interval, a time zone) stays far from Python's
# year-9999 limit: a "temporary" date in 9999 would mean forever.
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2999, 12, 31)


def may_write_system_fields(env):
    """The one policy on figures the system computes: Odoo itself and administrators (who can
    run code on the server anyway) write them; nobody else, whatever the client sends."""
    return env.su or env.is_system()


def finite_number(value):
    """Whether ``value`` is empty (None, False) or a real number: not NaN, not ±infinity."""
    if value is None or value is False:
        return True
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        return False


def fits_int4(value):
    """Whether ``value`` is empty or a whole number a PostgreSQL integer column can hold."""
    if value is None or value is False:
        return True
    try:
        return finite_number(value) and INT4_MIN <= int(float(value)) <= INT4_MAX
    except (TypeError, ValueError):
        return False


def roundable(value):
    """Whether ``value`` is empty or small enough to be rounded to the cent exactly."""
    if value is None or value is False:
        return True
    return finite_number(value) and abs(float(value)) <= MAX_MAGNITUDE


def date_in_range(value):
    """Whether a date or datetime is empty or lies within DATE_MIN..DATE_MAX."""
    if not value:
        return True
    day = value.date() if isinstance(value, datetime) else value
    return DATE_MIN <= day <= DATE_MAX


def blank(value):
    """Whether a text given for a required field says nothing (spaces only)."""
    return isinstance(value, str) and not value.strip()


def number_problem(env, field, value):
    label = field._description_string(env)
    if isinstance(value, bool) or value is None:
        return None
    if not finite_number(value):
        return env._("%(field)s: %(value)s is not a finite number.", field=label, value=value)
    if field.type == "integer" and not fits_int4(value):
        return env._(
            "%(field)s: %(value)s is out of range (at most %(max)s in absolute value).",
            field=label,
            value=value,
            max=INT4_MAX,
        )
    if field.type != "integer" and not roundable(value):
        return env._(
            "%(field)s: %(value)s is too large (at most %(max)s in absolute value).",
            field=label,
            value=value,
            max=MAX_MAGNITUDE_TEXT,
        )
    return None


def date_problem(env, field, value):
    label = field._description_string(env)
    try:
        day = (fields.Date.to_date if field.type == "date" else fields.Datetime.to_datetime)(value)
    except (TypeError, ValueError, OverflowError):
        day = None
    if value and not day:
        return env._("%(field)s: %(value)s is not a valid date.", field=label, value=value)
    if not date_in_range(day):
        return env._(
            "%(field)s must lie between %(min)s and %(max)s.",
            field=label,
            min=DATE_MIN,
            max=DATE_MAX,
        )
    return None


def text_problem(env, field, value):
    if field.required and blank(value):
        return env._("%(field)s cannot be blank.", field=field._description_string(env))
    return None


PROBLEMS = {
    **dict.fromkeys(NUMBER_TYPES, number_problem),
    **dict.fromkeys(DATE_TYPES, date_problem),
    **dict.fromkeys(TEXT_TYPES, text_problem),
}


def checked_fields(model, names=None, prefix="", types=tuple(PROBLEMS)):
    """The fields of ``model`` the guard looks at (numbers, dates, texts: ``types``), starting
    with ``prefix`` (an addon's own fields on a core model), among ``names`` when given."""
    fields_ = model._fields
    return {
        name
        for name in (fields_ if names is None else names)
        if name.startswith(prefix) and name in fields_ and fields_[name].type in types
    }


def check_input(model, vals_list, names=None, prefix="", create=False, types=tuple(PROBLEMS)):
    """Refuse with a readable ValidationError what no column, rounding or date arithmetic can
    take: NaN and ±infinity, amounts beyond MAX_MAGNITUDE, integers beyond PostgreSQL's int4,
    dates outside DATE_MIN..DATE_MAX, blank required texts. On create, the defaults the ORM
    fills in (context defaults and ir.default included) are checked too.

    Run before the ORM converts the values: rounding a NaN or an overflowing amount raises a
    bare error and an int4 overflow aborts the whole transaction, before any constraint."""
    if not create:
        # A write looks at what it writes, not at every field of the model.
        given = {key for vals in vals_list for key in vals}
        names = given if names is None else given & set(names)
    names = checked_fields(model, names, prefix, types)
    if not names:
        return
    defaults = model.default_get(sorted(names)) if create else {}
    for vals in vals_list:
        given = {**defaults, **vals} if defaults else vals
        for name in sorted(names & given.keys()):
            field = model._fields[name]
            problem = PROBLEMS[field.type](model.env, field, given[name])
            if problem:
                raise ValidationError(problem)


def system_fields(model, prefix=""):
    """The stored figures of ``model`` that the system computes (no inverse): rules, reports
    and cards read them, so they cannot come from a client. Known once per registry."""
    known = model.pool.__dict__.setdefault("_b2b_system_fields", {})
    key = (model._name, prefix)
    if key not in known:
        known[key] = frozenset(
            name
            for name, field in model._fields.items()
            if name.startswith(prefix)
            and field.compute
            and field.store
            and field.readonly
            and not field.inverse
        )
    return known[key]


def drop_form_echo(vals, names, start=None):
    """A form sends back what a new record shows: its workflow fields (``names``) empty or at
    their start value (``start``, {name: value}). That sets nothing, so it is dropped from
    ``vals``; any other value stays there for the caller's check to refuse."""
    start = start or {}
    for name in names & vals.keys():
        if not vals[name] or vals[name] == start.get(name):
            del vals[name]
    return vals


def refuse_system_fields(model, vals_list, names, records=None):
    """Refuse figures the system computes (``names``) given in ``vals_list`` by anyone but the
    system, and return ``vals_list`` without them. A form may send back what it shows (empty
    values on a new record, the current values of ``records`` on a write): that changes
    nothing, so it is dropped, never written (a computed value given in a write would stay as
    given while the write changes what it is computed from)."""
    if may_write_system_fields(model.env):
        return vals_list
    given, cleaned = set(), []
    for vals in vals_list:
        sent = names & vals.keys()
        for name in sent:
            field = model._fields[name]
            if field.type in ("one2many", "many2many"):
                changed = bool(vals[name])
            else:
                value = field.convert_to_cache(vals[name], model, validate=False)
                changed = (
                    bool(value)
                    if records is None
                    else any(
                        field.convert_to_cache(record[name], record, validate=False) != value
                        for record in records
                    )
                )
            if changed:
                given.add(name)
        cleaned.append({k: v for k, v in vals.items() if k not in sent} if sent else vals)
    if given:
        labels = ", ".join(sorted(model._fields[n]._description_string(model.env) for n in given))
        raise AccessError(
            model.env._(
                "These figures are computed by the system and cannot be set by hand: "
                "%(fields)s.",
                fields=labels,
            )
        )
    return cleaned
