"""Well-known attacks as one key across languages.

The per-language data files (``data/<lang>/known_attacks.json``) list the phrases the
press uses for an attack, with its date and place. A mention naming one carries
``known = known_key(attack)``: the attack's date, so «أحداث 16 ماي», «attentats du 16
mai» and «May 16 bombings» share a key. Resolution dates an undated mention by it, and
a canonical event whose reports give no date borrows it (:func:`known_date`).
"""
from __future__ import annotations

from typing import Any

from .text.dates import date_bounds

PREFIX = "attack@"


def known_key(attack: dict[str, Any]) -> str:
    """«attack@2011-04-28» for the Argana bombing, whatever the language of the entry."""
    return PREFIX + attack["date"]


def known_date(key: str | None) -> str | None:
    """The date of a well-known attack key, or None."""
    if key and key.startswith(PREFIX):
        return key[len(PREFIX):] or None
    return None


def attack_dated(date: str | None, key: str | None) -> str | None:
    """The date of a mention naming a well-known attack: its own, unless the attack's date
    lies outside it (the extractor took a page, publication or recall date for the
    attack's), then the attack's; the attack's when it gives none."""
    attack = known_date(key)
    if attack and date:
        mine, theirs = date_bounds(date), date_bounds(attack)
        if mine and theirs and (theirs[1] < mine[0] or mine[1] < theirs[0]):
            return attack
    return date or attack
