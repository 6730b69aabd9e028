"""What the apps' portal pages share: whose pages they are and which month they show.

Plain functions on the request's environment: the apps that call them depend on portal."""

import re
from datetime import date

from werkzeug.exceptions import NotFound

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def distributor_of(env):
    """(commercial entity, company) of the portal user reading the page; 404 for our own
    people, whose commercial entity is one of our companies, not a distributor."""
    user = env.user
    if not user.share:
        raise NotFound()
    return user.partner_id.commercial_partner_id, user.company_id


def month_start(text, months):
    """The first day of the month ``text`` (YYYY-MM) when it is one of ``months`` (first
    days); 404 for anything else, so a made-up month reads like a page that does not exist."""
    match = MONTH.match(text or "")
    if not match:
        raise NotFound()
    try:
        start = date(int(match[1]), int(match[2]), 1)
    except ValueError as error:
        raise NotFound() from error
    if start not in months:
        raise NotFound()
    return start
