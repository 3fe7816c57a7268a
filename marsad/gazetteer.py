"""Place names in text: towns, communes, districts and provinces, in Arabic, French and English.

``Gazetteer.match(tokens)`` finds «بمدينة الدار البيضاء» (casablanca), «بحي مولاي رشيد»
(a district of casablanca), «إقليم الراشيدية» (a province, whose capital is errachidia),
«Fès» and «Tanger», whatever clitics the Arabic words carry. The names come from the
package data (``data/gazetteer``); see ``scripts/build_gazetteer.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import places as place_data
from .resources import language_data
from .text.normalize import normalize_text
from .text.tokens import Match, PhraseMatcher, Token

# A one-word Arabic name this short is too often an ordinary word («سلا» is fine, «بو» is not).
MIN_SINGLE_WORD = 3
# Rural communes smaller than this are matched only by names of two words or more.
MIN_SINGLE_WORD_COMMUNE_POP = 8000


@dataclass(frozen=True)
class PlaceRef:
    """What a place name refers to: a place id, and whether it named a district or a province."""

    id: str
    kind: str  # "town", "commune", "locality", "district", "province", "region"
    country: str
    population: int


class Gazetteer:
    """Finds place names in tokens (see module docstring)."""

    def __init__(self, entries: list[tuple[str, PlaceRef]]):
        self._matcher = PhraseMatcher((name, "place", ref) for name, ref in entries)

    def match(self, tokens: list[Token], start: int = 0, end: int | None = None) -> list[Match]:
        """Place matches, the longest at each position, overlapping shorter ones dropped."""
        found = sorted(self._matcher.find(tokens, start, end), key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Match] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out


def _usable(name: str, stop: frozenset[str], single_ok: bool) -> bool:
    norm = normalize_text(name).strip()
    if not norm or norm in stop:
        return False
    if " " not in norm and (len(norm) < MIN_SINGLE_WORD or not single_ok):
        return False
    return True


@lru_cache(maxsize=None)
def load_gazetteer() -> Gazetteer:
    """The package gazetteer, built once."""
    stop = frozenset(normalize_text(w) for lang in ("ar", "fr", "en")
                     for w in language_data(lang, "place_stopwords").get("words", []))
    places = place_data.load_places()
    entries: list[tuple[str, PlaceRef]] = []
    for p in places.values():
        ref = PlaceRef(p.id, p.kind, p.country or "MA", p.population or 0)
        big = p.kind != "commune" or (p.population or 0) >= MIN_SINGLE_WORD_COMMUNE_POP
        for name in {p.name_ar, p.name_fr, p.name_en, *p.aliases}:
            if name and _usable(name, stop, big):
                entries.append((name, ref))
    for name, town in place_data.load_districts().items():
        p = places.get(town)
        if p and _usable(name, stop, True):
            entries.append((name, PlaceRef(town, "district", p.country or "MA", p.population or 0)))
    for name, kind, capital in place_data.load_provinces():
        p = places.get(capital)
        if p and _usable(name, stop, True):
            entries.append((name, PlaceRef(capital, kind, p.country or "MA", p.population or 0)))
    # Prefer, for one surface form, the most populous town over a homonym commune.
    best: dict[str, PlaceRef] = {}
    for name, ref in entries:
        key = normalize_text(name)
        cur = best.get(key)
        if cur is None or _rank(ref) > _rank(cur):
            best[key] = ref
    return Gazetteer(list(best.items()))


def _rank(ref: PlaceRef) -> tuple[int, int]:
    order = {"district": 4, "town": 3, "province": 2, "region": 1}
    return (ref.country == "MA", order.get(ref.kind, 0), ref.population)
