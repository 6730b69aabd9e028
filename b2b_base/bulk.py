"""Bulk writes of nightly figures in SQL, for tens of thousands of rows where the ORM would take
minutes: one statement per chunk, the rows passed as one JSON document (PostgreSQL reads one
far faster than a bound array per column), then the ORM cache dropped."""

import json

from odoo.tools import SQL

# Rows per statement.
CHUNK = 5000


def _record_type(columns):
    return SQL(", ").join(SQL(f"%s {kind}", SQL.identifier(name)) for name, kind in columns.items())


def _document(rows):
    # Dates and datetimes as ISO text, which PostgreSQL reads back into their columns.
    return json.dumps(rows, default=str)


def update(model, columns, rows, constants=None, invalidate_all=True):
    """Write ``rows`` (dicts holding "id" and the ``columns``, a map of column name to SQL type)
    into ``model``'s table, and the ``constants`` ({column: value}) on each of them. Then the
    cache is dropped: all of it when other models compute from these columns, else ``model``'s.
    """
    if not rows:
        return
    model.flush_model()
    constants = constants or {}
    assignments = SQL(", ").join(
        [SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name)) for name in columns]
        + [SQL("%s = %s", SQL.identifier(name), value) for name, value in constants.items()]
    )
    record = _record_type({"id": "int", **columns})
    for start in range(0, len(rows), CHUNK):
        model.env.cr.execute(
            SQL(
                "UPDATE %s t SET %s FROM json_to_recordset(%s) AS v(%s) WHERE t.id = v.id",
                SQL.identifier(model._table),
                assignments,
                _document(rows[start : start + CHUNK]),
                record,
            )
        )
    _invalidate(model, invalidate_all)


def insert(model, columns, rows, constants=None, invalidate_all=True, returning=None):
    """Insert ``rows`` (dicts holding the ``columns``, a map of column name to SQL type) into
    ``model``'s table with the ``constants`` ({column: value}) on each; returns the rows of the
    ``returning`` columns (a list of names) when asked. The cache is dropped as by ``update``."""
    if not rows:
        return []
    model.flush_model()
    constants = constants or {}
    names = SQL(", ").join(SQL.identifier(name) for name in [*columns, *constants])
    values = SQL(", ").join(
        [SQL("v.%s", SQL.identifier(name)) for name in columns]
        + [SQL("%s", value) for value in constants.values()]
    )
    back = (
        SQL("RETURNING %s", SQL(", ").join(SQL.identifier(name) for name in returning))
        if returning
        else SQL()
    )
    result = []
    for start in range(0, len(rows), CHUNK):
        model.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM json_to_recordset(%s) AS v(%s) %s",
                SQL.identifier(model._table),
                names,
                values,
                _document(rows[start : start + CHUNK]),
                _record_type(columns),
                back,
            )
        )
        if returning:
            result += model.env.cr.fetchall()
    _invalidate(model, invalidate_all)
    return result


def _invalidate(model, invalidate_all):
    # The SQL bypassed the ORM: drop what it may have made stale (with invalidate_all, the
    # fields other models compute from these columns and the one2many lists included).
    if invalidate_all:
        model.env.invalidate_all()
    else:
        model.invalidate_model()
