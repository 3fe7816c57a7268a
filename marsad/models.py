"""Plain records shared by every stage: documents in, event mentions and claims out.

Field names and vocabularies follow ``SPEC.md`` section 2. An :class:`Event` is a
*mention* of a real-world operation in one document; merging mentions from many
documents into canonical events is a later stage that reads these unchanged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]

# Sane bounds of a record's values; a value outside them is dropped (see Record.drop_out_of_bounds).
MAX_PERSONS = 100_000  # persons arrested or killed in one operation
MIN_AGE, MAX_AGE = 0, 120
MAX_CLAIM_VALUE = 10_000_000  # a statistic (cells, persons, plots, attacks): fits SQLite INTEGER

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"

EVENT_TYPES = ("cell_dismantled", "arrest", "attack", "seizure")
CLAIM_METRICS = ("cells_dismantled", "persons_arrested", "plots_foiled", "attacks")
QUALIFIERS = ("exact", "more_than", "at_least", "about", "at_most")


@dataclass
class Document:
    """One input article. ``text`` is what evidence spans index into."""

    id: str
    text: str
    published: str | None = None
    url: str | None = None
    lang: str | None = None
    title: str | None = None
    source: str | None = None  # file (and line) the document was read from
    published_from: str | None = None  # "input", "dateline", ... or None
    outlet: str | None = None  # the site that published it (a web page's site name)
    # Lone surrogates («\ud800» from a JSON escape) replaced by U+FFFD in the fields above.
    replaced: int = field(default=0, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Check ``published``; replace lone surrogates (no UTF-8 form) by U+FFFD.

        Raises ValueError naming the problem for a ``published`` that is no calendar day.
        """
        check_published(self.published)
        for name in ("id", "text", "url", "title", "source", "outlet"):
            value, n = replace_surrogates(getattr(self, name))
            if n:
                setattr(self, name, value)
                self.replaced += n

    @classmethod
    def from_dict(cls, d: dict[str, Any], source: str | None = None) -> "Document":
        return cls(id=str(d["id"]), text=d.get("text") or "", published=d.get("published"),
                   url=d.get("url"), lang=d.get("lang"), title=d.get("title"), source=source)


def check_published(value: Any) -> None:
    """Raise ValueError unless ``value`` is None or a ``YYYY-MM-DD`` day of the calendar."""
    if value is None:
        return
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError(f"published must be a YYYY-MM-DD date, got {value!r}")
    try:
        date.fromisoformat(value)
    except ValueError as e:
        raise ValueError(f"published must be a YYYY-MM-DD date, got {value!r} ({e})") from None


def replace_surrogates(value: Any) -> tuple[Any, int]:
    """``(value, n)``: a string with its ``n`` lone surrogates replaced by U+FFFD.

    A surrogate has no UTF-8 form (it cannot be stored or hashed); one replacement
    character for each keeps the text's length, so evidence offsets stay valid.
    Anything but a string is returned unchanged with 0.
    """
    if not isinstance(value, str) or value.isascii():
        return value, 0
    return _SURROGATE.subn(REPLACEMENT, value)


@dataclass
class Event:
    """One event mention (SPEC: Event)."""

    type: str
    background: bool = False
    date: str | None = None
    places: list[str] = field(default_factory=list)
    country: str = "MA"
    arrested: int | None = None
    killed: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    affiliation: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    cell_name: str | None = None
    seized: list[str] = field(default_factory=list)
    plot: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    # Beside SPEC: each value's own words, {field: [start, end]} or {field: {value: [start, end]}}
    # (marsad.pipeline.spans); left out of the output when empty.
    spans: dict[str, Any] = field(default_factory=dict)
    # Not SPEC: the well-known attack the text names (marsad.known_events), kept in the store
    # for resolution.
    known: str | None = field(default=None, metadata={"internal": True})
    # Not SPEC: the text calls the operation new or another («خلية جديدة», «a second cell»).
    new: bool = field(default=False, metadata={"internal": True})

    def to_dict(self) -> dict[str, Any]:
        """The SPEC Event."""
        d = {f: getattr(self, f) for f, spec in self.__dataclass_fields__.items()
             if not spec.metadata.get("internal")}
        for f in ("places", "affiliation", "agencies", "partners", "seized", "plot", "targets"):
            d[f] = list(d[f])
        d["evidence"] = [list(s) for s in self.evidence]
        if not self.spans:
            del d["spans"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        known["evidence"] = [tuple(s) for s in d.get("evidence") or []]
        return cls(**known)

    def to_store_dict(self) -> dict[str, Any]:
        """The SPEC Event plus the internal fields the store keeps."""
        return self.to_dict() | ({"known": self.known} if self.known else {}) | ({"new": True} if self.new else {})


@dataclass
class Claim:
    """A statistic the article attributes to someone (SPEC: Claim)."""

    metric: str
    value: int
    qualifier: str = "exact"
    since: str | None = None
    until: str | None = None
    period: str | None = None
    subset: str | None = None
    source: str | None = None
    evidence: list[Span] = field(default_factory=list)
    # Beside SPEC: each field's own words, {field: [start, end]}; left out when empty.
    spans: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = {f: getattr(self, f) for f in self.__dataclass_fields__}
        d["evidence"] = [list(s) for s in self.evidence]
        if not self.spans:
            del d["spans"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Claim":
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        known["evidence"] = [tuple(s) for s in d.get("evidence") or []]
        return cls(**known)


@dataclass
class Record:
    """The extractor's output for one document (SPEC section 2)."""

    id: str
    lang: str | None
    published: str | None
    relevant: bool | None
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "lang": self.lang, "published": self.published,
                "relevant": self.relevant, "events": [e.to_dict() for e in self.events],
                "claims": [c.to_dict() for c in self.claims]}

    def drop_out_of_bounds(self) -> None:
        """Drop the values no text can mean (a misread number): counts of persons over
        MAX_PERSONS, ages outside MIN_AGE..MAX_AGE (both ends of the range), and claims whose
        value is over MAX_CLAIM_VALUE. Dropped, not clamped: a clamped value would be a guess."""
        for ev in self.events:
            for name in ("arrested", "killed"):
                if not _within(getattr(ev, name), 0, MAX_PERSONS):
                    setattr(ev, name, None)
            if not (_within(ev.age_min, MIN_AGE, MAX_AGE) and _within(ev.age_max, MIN_AGE, MAX_AGE)):
                ev.age_min = ev.age_max = None
        self.claims = [c for c in self.claims if _within(c.value, 0, MAX_CLAIM_VALUE)]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Record":
        return cls(id=str(d["id"]), lang=d.get("lang"), published=d.get("published"),
                   relevant=d.get("relevant"),
                   events=[Event.from_dict(e) for e in d.get("events") or []],
                   claims=[Claim.from_dict(c) for c in d.get("claims") or []])


def _within(value: int | None, low: int, high: int) -> bool:
    """Whether an optional count is None or an int in ``low..high``."""
    return value is None or (isinstance(value, int) and low <= value <= high)
