"""ISO bounds of SPEC date strings, for range filters.

A SPEC date is ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an interval ``A/B`` of
those. :func:`date_bounds` gives the first and last day it covers, so that
``since``/``until`` filters can compare plain ``YYYY-MM-DD`` strings in SQL.
"""
from __future__ import annotations

import calendar
import re

from ..errors import InputError

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_bounds(value: str | None) -> tuple[str | None, str | None]:
    """``("2021-12", ...) -> ("2021-12-01", "2021-12-31")``; ``(None, None)`` when unparseable."""
    if not value:
        return None, None
    first, _, last = value.partition("/")
    start, _ = _bounds(first.strip())
    _, end = _bounds((last or first).strip())
    if start is None or end is None or start > end:
        return None, None
    return start, end


def query_bounds(value: str | None, name: str) -> tuple[str | None, str | None]:
    """Bounds of a user's ``--since``/``--until`` value; raise InputError when it is not a date."""
    if value is None:
        return None, None
    start, end = date_bounds(value)
    if start is None:
        raise InputError(f"invalid {name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return start, end


def _bounds(part: str) -> tuple[str | None, str | None]:
    m = _DATE_RE.fullmatch(part)
    if not m:
        return None, None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if not 1 <= month <= 12:
        return None, None
    last_day = calendar.monthrange(year, month)[1]
    if day is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last_day:02d}"
    if not 1 <= day <= last_day:
        return None, None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    return iso, iso
