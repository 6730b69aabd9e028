"""One clock: the day a person reads or a rule counts from is the local day of the user, or of
the company for a job that runs for a whole company, never a UTC date."""

from datetime import datetime, time, timedelta

import pytz

from odoo.tools import SQL


def company_tz(company, fallback="UTC"):
    """The company's time zone: its own partner's, else ``fallback``."""
    return company.partner_id.tz or fallback


def company_env(records, company):
    """``records`` in ``company`` with its time zone as the context's, so fields.Date.
    context_today() and the like read the company's day (for the jobs, run as a user who
    has none)."""
    return records.with_company(company).with_context(tz=company_tz(company))


def local_date(value, tz_name):
    """The local day of a UTC datetime ``value`` (as Odoo stores them) in ``tz_name``."""
    if not value:
        return value
    if not isinstance(value, datetime):
        return value
    try:
        return pytz.utc.localize(value).astimezone(pytz.timezone(tz_name or "UTC")).date()
    except OverflowError:  # datetime.max east of UTC: the last day there is
        return value.date()


def local_day_sql(column, tz_name):
    """SQL: the local day in ``tz_name`` of the UTC datetime ``column`` (an SQL expression), as
    local_date() does: an instant past the last day a date holds (year 9999, east of UTC)
    reads that last day instead of failing the whole query."""
    return SQL(
        "LEAST((%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date, DATE '9999-12-31')",
        column,
        tz_name,
    )


def user_tz(env):
    """The time zone of the person reading: the context's (the browser's), else their own."""
    return env.context.get("tz") or env.user.tz or "UTC"


def utc_bounds(date_from, date_to, tz_name):
    """The first instant of ``date_from`` and the first instant after ``date_to``, as days in
    the time zone ``tz_name``, in UTC without tzinfo (as Odoo stores datetimes)."""
    tz = pytz.timezone(tz_name or "UTC")

    def utc(day):
        return (
            tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        )

    return utc(date_from), utc(date_to + timedelta(days=1))
