"""Parsing the sizes and durations the crawl options take: ``5MB``, ``500KB``, ``15m``.

Both raise :class:`marsad.errors.InputError` with a message that shows the
accepted forms; they never guess.
"""
from __future__ import annotations

import re

from ..errors import InputError

_SIZE_UNITS = {"": 1, "b": 1, "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000,
               "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30}
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86_400}
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.I)
_DURATION_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", re.I)


def parse_size(text: str) -> int:
    """Bytes in ``5MB``, ``500 KB``, ``2MiB`` or ``1000000`` (decimal units: 1 MB = 10⁶ bytes)."""
    m = _SIZE_RE.fullmatch(text)
    unit = m.group(2).lower() if m else None
    if m is None or unit not in _SIZE_UNITS:
        raise InputError(f"invalid size {text!r}; use e.g. 5MB, 500KB or 1000000")
    size = int(float(m.group(1)) * _SIZE_UNITS[unit])
    if size <= 0:
        raise InputError(f"invalid size {text!r}; it must be more than 0 bytes")
    return size


def parse_duration(text: str) -> float:
    """Seconds in ``30s``, ``15m``, ``2h`` or ``1d`` (decimals allowed: ``1.5h``)."""
    m = _DURATION_RE.fullmatch(text)
    if m is None:
        raise InputError(f"invalid duration {text!r}; use e.g. 30s, 15m or 2h")
    seconds = float(m.group(1)) * _DURATION_UNITS[m.group(2).lower()]
    if seconds <= 0:
        raise InputError(f"invalid duration {text!r}; it must be more than 0 seconds")
    return seconds


def format_size(n: int) -> str:
    """``5 MB`` / ``1.5 MB`` / ``800 KB`` / ``20 bytes`` for messages."""
    for unit, factor in (("MB", 1_000_000), ("KB", 1_000)):
        if n >= factor:
            value = n / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"
