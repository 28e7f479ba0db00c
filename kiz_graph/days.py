"""Calendar arithmetic shared by the analysis (stale contacts) and retention (ended persons)."""

from __future__ import annotations

import datetime as dt

__all__ = ["months_before"]


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` minus whole months, the day clamped to the month's end (as Cypher's durations).

    >>> months_before(dt.date(2026, 3, 31), 1)
    datetime.date(2026, 2, 28)
    >>> months_before(dt.date(2026, 12, 1), 24)
    datetime.date(2024, 12, 1)
    """
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
