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
from .text.tokens import _TEXT, Match, PhraseMatcher, Token, stems

# A one-word Arabic name this short is too often an ordinary word («سلا» is fine, «بو» is not).
MIN_SINGLE_WORD = 3
# Towns this big are named without a «مدينة» or a preposition often enough to trust alone.
BIG_TOWN = 50_000
# Tokens between a place and the next one of a list («X, en banlieue de Y, et Z»).
LIST_GAP = 6


@dataclass(frozen=True)
class PlaceRef:
    """What a place name refers to: a place id, and whether it named a district or a province."""

    id: str
    kind: str  # "town", "commune", "locality", "district", "province", "region"
    country: str
    population: int
    cue: str = ""  # "" always a place; "loose": after a preposition, clitic or locative word; "strict": after a
    # locative word, a word placing it near («près de») or beside another place; "locative": after a locative word only


class Gazetteer:
    """Finds place names in tokens (see module docstring)."""

    def __init__(self, entries: list[tuple[str, PlaceRef]], locative: frozenset[str], prepositions: frozenset[str],
                 conjunctions: frozenset[str] = frozenset(), near: frozenset[str] = frozenset()):
        self.entries = entries
        self._matcher = PhraseMatcher((name, "place", ref) for name, ref in entries)
        # One-word names that need no context, for words the press glues («تطوانوأكادير»).
        self._single = {normalize_text(n): r for n, r in entries if " " not in normalize_text(n) and not r.cue}
        self._locative = locative
        self._prepositions = prepositions
        self._conjunctions = conjunctions
        self._near = near

    def match(self, tokens: list[Token], start: int = 0, end: int | None = None) -> list[Match]:
        """Place matches, the longest at each position, overlapping shorter ones dropped.

        A name that is also an ordinary word counts only where the text marks it as a place
        («بمدينة الجديدة», «جماعة سيدي بيبي») or lists it beside another place.
        """
        return self.select(tokens, self._matcher.find(tokens, start, end), start, end)

    def select(self, tokens: list[Token], found: list[Match], start: int = 0, end: int | None = None) -> list[Match]:
        """The place matches to keep among raw matches of :attr:`entries` (see :meth:`match`)."""
        found = sorted(found, key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Match] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        kept = [m for i, m in enumerate(out) if self._cued(tokens, out, i)]
        covered = {i for m in out for i in range(m.start, m.end)}
        lo, hi = start, len(tokens) if end is None else end
        for i, word in enumerate(map(_TEXT, tokens[lo:hi]), lo):
            if i not in covered and len(word) >= 7 and "و" in word:
                kept += self._glued(word, i)
        return sorted(kept, key=lambda m: m.start)

    def _glued(self, word: str, i: int) -> list[Match]:
        """Two place names glued by «و» with the space lost: «تطوانوأكادير»."""
        if len(word) < 7 or "و" not in word[3:-2]:
            return []
        for k in range(3, len(word) - 2):
            if word[k] != "و":
                continue
            left = next((self._single[x] for x in stems(word[:k]) if x in self._single), None)
            right = next((self._single[x] for x in stems(word[k + 1:]) if x in self._single), None)
            if left and right:
                return [Match(i, i + 1, "place", left), Match(i, i + 1, "place", right)]
        return []

    def _cued(self, tokens: list[Token], matches: list[Match], i: int) -> bool:
        m = matches[i]
        if not m.value.cue:
            return True
        if m.value.cue == "locative":  # «المنزل» is the house unless «مدينة», «جماعة» names the town
            return any(s in self._locative for t in tokens[max(0, m.start - 2):m.start] for s in stems(t.text))
        near = [x for x in matches[max(0, i - 1):i + 2] if x is not m and (
            0 <= m.start - x.end <= 2 or 0 <= x.start - m.end <= 2)]
        if near:
            return True
        before = [stems(t.text) for t in tokens[max(0, m.start - 2):m.start]]
        if any(s in self._locative for forms in before for s in forms):
            return True
        if m.value.cue == "strict":
            # «près de Tafoughalt», "near Boudnib", «بضواحي تافوغالت»: what the text places near is a place
            return any(s in self._near for forms in before for s in forms)
        word = tokens[m.start].text
        clitic = word[:1] in ("ب", "و", "ل", "ف") and len(stems(word)) > 1
        if any(s in self._conjunctions for forms in before[-1:] for s in forms) and any(
                0 <= m.start - x.end <= LIST_GAP for x in matches[:i]):
            return True  # «entre Tamaris, en banlieue casablancaise, et Chefchaouen»: a list of places
        return clitic or any(s in self._prepositions for forms in before[-1:] for s in forms)


def _usable(name: str, stop: frozenset[str]) -> bool:
    norm = normalize_text(name).strip()
    return bool(norm) and norm not in stop and (" " in norm or len(norm) >= MIN_SINGLE_WORD)


def _cue(name: str, kind: str, population: int, needs_cue: frozenset[str],
         needs_locative: frozenset[str] = frozenset()) -> str:
    """How much context a name needs to count as a place (see ``PlaceRef.cue``)."""
    norm = normalize_text(name).strip()
    if norm in needs_locative:
        return "locative"
    if kind == "region" or (" " not in norm and kind == "commune"):
        return "strict"
    if norm in needs_cue or (" " not in norm and kind == "town" and population < BIG_TOWN):
        return "loose"
    return ""


@lru_cache(maxsize=None)
def load_gazetteer() -> Gazetteer:
    """The package gazetteer, built once."""
    def words(key: str) -> frozenset[str]:
        return frozenset(normalize_text(w) for lang in ("ar", "fr", "en")
                         for w in language_data(lang, "place_stopwords").get(key, []))

    stop, needs_cue, needs_locative = words("words"), words("needs_cue"), words("needs_locative")
    places = place_data.load_places()
    foreign = place_data.load_foreign_towns()
    entries: list[tuple[str, PlaceRef]] = []
    for p in places.values():
        for name in {p.name_ar, p.name_fr, p.name_en, *p.aliases}:
            if name and _usable(name, stop):
                # a generated foreign town ("Nice", "Tours") is a place only where the text marks it so
                cue = ("loose" if p.id in foreign
                       else _cue(name, p.kind, p.population or 0, needs_cue, needs_locative))
                entries.append((name, PlaceRef(p.id, p.kind, p.country or "MA", p.population or 0, cue)))
    for name, town in place_data.load_districts().items():
        p = places.get(town)
        if p and _usable(name, stop):
            entries.append((name, PlaceRef(town, "district", p.country or "MA", p.population or 0,
                                           _cue(name, "district", 10**6, needs_cue))))
    for name, kind, capital in place_data.load_provinces():
        p = places.get(capital)
        for form in _region_forms(name) if kind == "region" else (name,):
            if p and _usable(form, stop):
                # (the word for region is the region's own cue; a bare hyphenated name needs context)
                cue = "" if kind == "region" and form != name else _cue(form, kind, 10**6, needs_cue)
                entries.append((form, PlaceRef(capital, kind, p.country or "MA", p.population or 0, cue)))
    # Prefer, for one surface form, the most populous town over a homonym commune.
    best: dict[str, PlaceRef] = {}
    for name, ref in entries:
        key = normalize_text(name)
        cur = best.get(key)
        if cur is None or _rank(ref) > _rank(cur):
            best[key] = ref
    return Gazetteer(list(best.items()), words("locative"), words("prepositions"), words("conjunctions"), words("near"))


def _region_forms(name: str) -> list[str]:
    """How the press names a region: with its word for region («جهة فاس مكناس», "the Souss-Massa region",
    «la région de Souss-Massa»: «فاس ومكناس» alone is two towns), and a hyphenated Latin name alone
    ("Beni Mellal-Khenifra": not the town Khenifra)."""
    if any("\u0600" <= c <= "\u06ff" for c in name):
        return ["جهة " + name]
    forms = ["region " + name, name + " region", "région de " + name, "région du " + name, "région " + name]
    return forms + ([name] if "-" in name else [])


def _rank(ref: PlaceRef) -> tuple[bool, int, int]:
    order = {"district": 4, "town": 3, "province": 2, "region": 1}
    return (ref.country == "MA", order.get(ref.kind, 0), ref.population)
