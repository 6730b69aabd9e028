"""What the apps' nightly jobs share: running per company and per batch in savepoints, and
scheduling many activities at once. Skipped companies and records are logged here."""

import logging

_logger = logging.getLogger(__name__)


def each_company(companies, job, label, progress=False):
    """``job(company)`` for each company in a savepoint of its own, so that a company whose data
    breaks a nightly job is logged and skipped instead of failing every company. With
    ``progress``, the scheduled action is told after each company. Returns the results of the
    companies done."""
    env = companies.env
    results = []
    for done, company in enumerate(companies, start=1):
        try:
            with env.cr.savepoint():
                results.append(job(company))
        except Exception:
            _logger.exception("%s: company %s (id %s) skipped", label, company.name, company.id)
        if progress:
            env["ir.cron"]._notify_progress(done=done, remaining=len(companies) - done)
    return results


def each_in_savepoint(records, action, label, batch_size=1000):
    """Run ``action`` on ``records`` a batch at a time, each batch in a savepoint; a batch that
    fails runs again a record at a time, so a bad record is logged and skipped and the others
    go on (a nightly job is not stopped by one record)."""
    cr = records.env.cr
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        try:
            with cr.savepoint():
                action(batch)
            continue
        except Exception:
            if len(batch) == 1:
                _logger.exception("%s: record %s skipped", label, batch.ids)
                continue
            _logger.info("%s: a batch failed, running it record by record", label)
        for record in batch:
            try:
                with cr.savepoint():
                    action(record)
            except Exception:
                _logger.exception("%s: record %s skipped", label, record.ids)


def activity_values(record, activity_type, user, date, summary=False, note=False):
    """The values of an automated activity of ``activity_type`` on ``record`` for ``user``."""
    values = {
        "res_model_id": record.env["ir.model"]._get_id(record._name),
        "res_id": record.id,
        "activity_type_id": activity_type.id,
        "user_id": user.id,
        "date_deadline": date,
        "automated": True,
    }
    if summary:
        values["summary"] = summary
    if note:
        values["note"] = note
    return values


def create_activities(env, values):
    """Create the activities ``values`` (mail.activity values) a job schedules. No "assigned to
    you" mail for each: they are the person's to-dos for the day, on their activities. Created
    in rounds where a record and user appear once: Odoo's create makes each user a follower of
    their records in one call, and a follower must be unique."""
    Activity = env["mail.activity"].with_context(mail_activity_quick_update=True)
    while values:
        seen, now, later = set(), [], []
        for vals in values:
            key = (vals["res_model_id"], vals["res_id"], vals["user_id"])
            (later if key in seen else now).append(vals)
            seen.add(key)
        Activity.create(now)
        values = later
