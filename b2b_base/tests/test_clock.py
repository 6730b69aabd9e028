"""One clock: local days and their UTC bounds, at local midnight."""

from datetime import date, datetime

from odoo.tests import TransactionCase
from odoo.tools import SQL

from .. import clock


class TestClock(TransactionCase):
    def test_local_date_at_local_midnight(self):
        # 16:00 UTC is midnight in Shanghai: the day turns there, not in London.
        self.assertEqual(
            clock.local_date(datetime(2026, 3, 31, 15, 59), "Asia/Shanghai"), date(2026, 3, 31)
        )
        self.assertEqual(
            clock.local_date(datetime(2026, 3, 31, 16, 0), "Asia/Shanghai"), date(2026, 4, 1)
        )
        self.assertEqual(clock.local_date(datetime(2026, 3, 31, 16, 0), False), date(2026, 3, 31))
        self.assertEqual(clock.local_date(date(2026, 3, 31), "Asia/Shanghai"), date(2026, 3, 31))
        self.assertEqual(clock.local_date(datetime.max, "Asia/Shanghai"), date.max, "no overflow")

    def test_utc_bounds(self):
        start, end = clock.utc_bounds(date(2026, 1, 1), date(2026, 12, 31), "Asia/Shanghai")
        self.assertEqual(start, datetime(2025, 12, 31, 16, 0))
        self.assertEqual(end, datetime(2026, 12, 31, 16, 0))
        self.assertEqual(
            clock.utc_bounds(date(2026, 1, 1), date(2026, 1, 1), False),
            (datetime(2026, 1, 1), datetime(2026, 1, 2)),
        )

    def test_local_day_in_sql_as_in_python(self):
        instants = [
            datetime(2026, 3, 31, 15, 59),
            datetime(2026, 3, 31, 16, 0),
            datetime(9999, 12, 31, 23, 59, 59),
        ]
        for tz in ("Asia/Shanghai", "Pacific/Pago_Pago"):
            self.env.cr.execute(
                SQL(
                    "SELECT %s FROM unnest(%s::timestamp[]) AS t(at)",
                    clock.local_day_sql(SQL("at"), tz),
                    instants,
                )
            )
            self.assertEqual(
                [day for (day,) in self.env.cr.fetchall()],
                [clock.local_date(at, tz) for at in instants],
                tz,
            )
