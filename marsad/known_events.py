"""Well-known attacks as one key across languages.

The per-language data files (``data/<lang>/known_attacks.json``) list the phrases the
press uses for an attack, with its date and place. A mention naming one carries
``known = known_key(attack)``: the attack's date, so «أحداث 16 ماي», «attentats du 16
mai» and «May 16 bombings» share a key. Resolution dates an undated mention by it, and
a canonical event whose reports give no date borrows it (:func:`known_date`).
"""
from __future__ import annotations

from typing import Any

PREFIX = "attack@"


def known_key(attack: dict[str, Any]) -> str:
    """«attack@2011-04-28» for the Argana bombing, whatever the language of the entry."""
    return PREFIX + attack["date"]


def known_date(key: str | None) -> str | None:
    """The date of a well-known attack key, or None."""
    if key and key.startswith(PREFIX):
        return key[len(PREFIX):] or None
    return None
