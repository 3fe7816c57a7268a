"""Mutated articles for robustness runs: every input gives a record or a one-line problem.

The fuzzer takes real-style articles (the bundled samples and test corpus, and the gold
sets when ``../shared`` is beside the checkout), mutates them the way a hostile or
broken feed would (odd digits, huge numbers, calendar-edge dates, runs of punctuation,
control characters, lone surrogates, spliced and truncated text, broken JSON) and runs
each input through the same path as ``marsad ingest``: the JSON Lines reader, ``extract``,
and :meth:`marsad.store.Store.add`.

:func:`check_line` is the property: it returns the list of violations for one input
(empty when the input behaved). Input ``i`` of a run is a pure function of
``(seed, i)`` (:func:`make_line`), so a run can be resumed or an input replayed from
its number alone. ``scripts/fuzz.py`` drives long runs; ``tests/test_fuzz.py`` runs a
bounded number in CI.
"""
from __future__ import annotations

import io
import json
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import (CLAIM_METRICS, EVENT_TYPES, MAX_AGE, MAX_CLAIM_VALUE, MAX_PERSONS, MIN_AGE,
                     QUALIFIERS, Document, Record, check_published)

CPU_S_PER_100KB = 1.0  # the bound on extraction time
CPU_FLOOR_S = 0.1  # below this a single input's time is noise (GC, first use of a cache)

# Hostile fragments, grouped by what they probe.
ODD_DIGITS = ["¹", "²", "³", "2²", "①", "⑳", "٣", "۴", "߃", "१", "𝟗", "⁰", "₅", "½", "Ⅻ", "〇"]
HUGE_NUMBERS = ["1" + "0" * 30, "9" * 4400, "9" * 19, "18446744073709551616",
                "-5", "1e308", "3,129,000,000,000", "٩" * 50, "1.5e10", "0" * 300 + "7"]
EDGE_DATES = ["9999-12-31", "0000-00-00", "0001-01-01", "2025-02-31", "31/12/9999",
              "1 يناير 0001", "31 دجنبر 9999", "31 décembre 9999", "December 31, 9999",
              "29 février 2023", "00/00/0000", "السبت 32 ماي 2024", "سنة 99999",
              "منذ 0", "يوم 9999", "2021-12-18/2021-12-19", "الأسبوع الماضي", "أمس"]
CONTROL = ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\u200f", "\u200e", "\u202e",
           "\u2066", "\ufeff", "\u200b", "\u00ad", "\ufffd", "\r", "\u2028", "\u0651" * 40,
           "\U0001F600", "\u0640" * 30]
RUN_CHARS = [" ", "\t", "\"", "'", "«", "»", "(", ")", "[", "]", "-", "—", "،", ".", "\n",
             "*", "ـ", "…", "“", "”", "<", ">", "&"]
MARKUP = ["<script>alert(1)</script>", "&#1575;", "&amp;", "]]>", "<p>", "</div>", "&lt;b",
          "<!--", "<![CDATA[", "\\u0000", "%s%s%n", "'; DROP TABLE documents; --"]
WORDS = ["خلية", "إرهابية", "تفكيك", "اعتقال", "داعش", "المكتب المركزي للأبحاث القضائية",
         "سنة", "عمرهم", "ما بين", "و", "cell", "arrested", "ISIS", "aged", "démantèlement",
         "cellule", "ans", "suspects", "منذ", "أكثر من", "شخص", "طنجة", "Tanger", "Laayoune"]
PUBLISHED = [None, "", "2025-02-19", "2025-02-31", "0000-00-00", "9999-12-31", "0001-01-01",
             "2024-13-01", "yesterday", "2025-02-19T10:00:00Z", "19/02/2025", 20250219,
             ["2025"], {"d": 1}, "٢٠٢٥-٠٢-١٩", "2025-2-9", " 2025-02-19 ", "\x00", True]
LANGS = [None, "ar", "en", "fr", "", "xx", "AR", "ar-MA", 7, "es"]


@dataclass
class Outcome:
    """What one input did: its violations, CPU seconds and size, and what it became."""

    violations: list[str] = field(default_factory=list)
    cpu_s: float = 0.0
    chars: int = 0
    documents: int = 0
    problems: int = 0
    events: int = 0
    claims: int = 0


# -- the inputs ---------------------------------------------------------------------------

def seed_articles(roots: Iterable[Path]) -> list[dict[str, Any]]:
    """SPEC input objects from the JSONL files and ``<id>.txt`` corpora under ``roots``."""
    articles: list[dict[str, Any]] = []
    for root in roots:
        if not root.exists():
            continue
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for f in files:
            if f.suffix == ".jsonl" and f.name.startswith(("docs", "articles", "seeds")):
                for line in f.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        obj = json.loads(line)
                        if isinstance(obj.get("text"), str):
                            articles.append({k: obj.get(k) for k in ("id", "text", "published", "lang")})
            elif f.suffix == ".txt" and f.with_suffix(".json").exists():
                articles.append({"id": f.stem, "text": f.read_text(encoding="utf-8")})
    return articles


def default_roots(checkout: Path) -> list[Path]:
    """The bundled articles, and the shared gold sets when they sit beside the checkout."""
    shared = checkout.parent / "shared"
    return [checkout / "samples", checkout / "tests" / "corpus",
            shared / "seeds", shared / "eval"]


def make_line(articles: Sequence[dict[str, Any]], seed: int, i: int) -> bytes:
    """Input number ``i`` of run ``seed``: one JSON Lines line (bytes, no newline)."""
    rng = random.Random(f"{seed}:{i}")
    obj = dict(rng.choice(articles))
    obj["id"] = f"fz{i}"
    text = obj.get("text") or ""
    for mutate in rng.choices(TEXT_MUTATIONS, TEXT_WEIGHTS, k=rng.choice([1, 1, 2, 3, 5])):
        text = mutate(rng, text, articles)
    obj["text"] = text
    if rng.random() < 0.1:
        obj["published"] = rng.choice(PUBLISHED)
    if rng.random() < 0.1:
        obj["lang"] = rng.choice(LANGS)
    if rng.random() < 0.1:
        obj["html"] = f"<html><head><title>{rng.choice(WORDS)}</title></head><body><p>" \
                      + obj.pop("text").replace("\n", "</p><p>") + "</p></body></html>"
    line = json.dumps(obj, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        line = rng.choice(LINE_MUTATIONS)(rng, line)
    return line


def _at(rng: random.Random, text: str) -> int:
    return rng.randrange(len(text) + 1)


def _insert(rng: random.Random, text: str, fragment: str) -> str:
    k = _at(rng, text)
    return text[:k] + fragment + text[k:]


def _odd_digits(rng, text, _articles):
    return _insert(rng, text, rng.choice(ODD_DIGITS) + rng.choice([" ", "", " شخص", " cells"]))


def _huge_number(rng, text, _articles):
    fragment = rng.choice(HUGE_NUMBERS)
    return _insert(rng, text, rng.choice([f"اعتقال {fragment} أشخاص", f"{fragment} خلية منذ 2002",
                                          f"arrested {fragment} suspects", f"aged {fragment}",
                                          f"تتراوح أعمارهم ما بين {fragment} و{fragment}",
                                          fragment]))


def _edge_date(rng, text, _articles):
    return _insert(rng, text, " " + rng.choice(EDGE_DATES) + " ")


def _control(rng, text, _articles):
    for _ in range(rng.randint(1, 5)):
        text = _insert(rng, text, rng.choice(CONTROL))
    return text


def _lone_surrogate(rng, text, _articles):
    return _insert(rng, text, chr(rng.randint(0xD800, 0xDFFF)))


def _run(rng, text, _articles):
    n = rng.choice([2, 10, 100, 1000, 1000, 20000])
    chars = rng.choice(RUN_CHARS) if rng.random() < 0.7 else "".join(rng.sample(RUN_CHARS, 3))
    return _insert(rng, text, (chars * n)[: max(n, 2)])


def _markup(rng, text, _articles):
    return _insert(rng, text, rng.choice(MARKUP))


def _words(rng, text, _articles):
    return _insert(rng, text, " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12))))


def _delete(rng, text, _articles):
    a = _at(rng, text)
    return text[:a] + text[a + rng.randint(1, 200):]


def _duplicate(rng, text, _articles):
    a = _at(rng, text)
    piece = text[a:a + rng.randint(1, 400)]
    return text[:a] + piece * rng.randint(2, 20) + text[a:]


def _splice(rng, text, articles):
    other = rng.choice(articles).get("text") or ""
    a = _at(rng, other)
    return _insert(rng, text, other[a:a + rng.randint(50, 2000)])


def _truncate(rng, text, _articles):
    return text[:_at(rng, text)]


def _swap_digits(rng, text, _articles):
    chars = list(text)
    digits = [k for k, c in enumerate(chars) if c.isdigit()]
    for k in rng.sample(digits, min(len(digits), rng.randint(1, 6))):
        chars[k] = rng.choice("0123456789٠١٢٣٤٥٦٧٨٩" + "".join(ODD_DIGITS[:6]))
    return "".join(chars)


def _grow(rng, text, articles):
    """A long page: many articles end to end (up to a few hundred KB)."""
    parts = [text] + [rng.choice(articles).get("text") or "" for _ in range(rng.randint(5, 100))]
    return "\n\n".join(parts)


TEXT_MUTATIONS = [_odd_digits, _huge_number, _edge_date, _control, _lone_surrogate, _run,
                  _markup, _words, _delete, _duplicate, _splice, _truncate, _swap_digits,
                  _grow]
# Long pages are rare in a feed and cost the most time: one input in about 200 is one.
TEXT_WEIGHTS = [10, 10, 10, 10, 3, 6, 5, 10, 10, 5, 8, 5, 10, 0.4]


def _flip_bytes(rng, line):
    b = bytearray(line)
    for _ in range(rng.randint(1, 8)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _cut(rng, line):
    return line[:rng.randrange(len(line) + 1)]


def _nest(rng, line):
    depth = rng.choice([100, 1000, 200000])
    return b'{"id": "deep", "text": ' + b"[" * depth + b"]" * depth + b"}"


def _nul(rng, line):
    k = rng.randrange(len(line) + 1)
    return line[:k] + b"\x00" + line[k:]


def _escaped_surrogate(rng, line):
    return line.replace(b'"text": "', b'"text": "\\ud83d' if rng.random() < 0.5 else b'"text": "\\udfff', 1)


def _wrong_types(rng, line):
    return rng.choice([b'{"id": null, "text": "x"}', b'{"id": "t", "text": 5}', b'[1, 2]',
                       b'"text"', b'{"id": "t"}', b'{"id": {"a": 1}, "text": "\\u0000"}',
                       b'{"id": "t", "text": "x", "published": 1e999}', b'{"id": "", "text": ""}'])


LINE_MUTATIONS = [_flip_bytes, _cut, _nest, _nul, _escaped_surrogate, _wrong_types]


# -- the property -------------------------------------------------------------------------

def check_line(line: bytes, store: Any | None = None) -> Outcome:
    """Run one JSON Lines line as ``ingest`` would; the violations of the contract.

    Contract: the reader yields Documents or InputProblems and never raises;
    ``extract`` never raises on a Document the reader yields; the record is valid SPEC
    (vocabularies, calendar dates, counts that fit SQLite, evidence inside the text) and
    serialises to UTF-8 JSON; ``store.add`` (when given) accepts it.
    """
    from .pipeline.extract import extract
    from .readers import read_documents

    out = Outcome()
    try:
        items = list(read_documents(["-"], stdin=io.BytesIO(line + b"\n")))
    except Exception as e:  # noqa: BLE001 - the property is that nothing escapes
        out.violations.append(f"reader raised {_name(e)}")
        return out
    for item in items:
        if not isinstance(item, Document):
            out.problems += 1
            message = str(getattr(item, "message", item))
            if "\n" in message or "Traceback" in message:
                out.violations.append(f"problem message not one line: {message[:120]!r}")
            continue
        out.documents += 1
        out.chars += len(item.text)
        start = time.process_time()
        try:
            record = extract(item)
        except Exception as e:  # noqa: BLE001
            out.violations.append(f"extract raised {_name(e)}")
            continue
        finally:
            out.cpu_s += time.process_time() - start
        out.events += len(record.events)
        out.claims += len(record.claims)
        out.violations += record_violations(record, item)
        if store is not None:
            try:
                store.add(item, record)
            except Exception as e:  # noqa: BLE001
                out.violations.append(f"store.add raised {_name(e)}")
    if out.cpu_s > max(CPU_FLOOR_S, CPU_S_PER_100KB * out.chars / 100_000):
        out.violations.append(f"slow: {out.cpu_s:.2f} s CPU for {out.chars} characters")
    return out


def record_violations(record: Record, doc: Document) -> list[str]:
    """What in ``record`` breaks the SPEC contract or cannot be stored."""
    bad: list[str] = []
    n = len(doc.text)
    if record.published is not None and not _is_day(record.published):
        bad.append(f"published not a calendar day: {record.published!r}")
    for k, e in enumerate(record.events):
        where = f"events[{k}]"
        if e.type not in EVENT_TYPES:
            bad.append(f"{where}.type {e.type!r}")
        if e.date is not None and not _is_spec_date(e.date):
            bad.append(f"{where}.date {e.date!r}")
        for name in ("arrested", "killed"):
            v = getattr(e, name)
            if v is not None and not (isinstance(v, int) and 0 <= v <= MAX_PERSONS):
                bad.append(f"{where}.{name} {v!r}")
        for name in ("age_min", "age_max"):
            v = getattr(e, name)
            if v is not None and not (isinstance(v, int) and MIN_AGE <= v <= MAX_AGE):
                bad.append(f"{where}.{name} {v!r}")
        bad += _span_violations(e.evidence, n, where)
    for k, c in enumerate(record.claims):
        where = f"claims[{k}]"
        if c.metric not in CLAIM_METRICS:
            bad.append(f"{where}.metric {c.metric!r}")
        if c.qualifier not in QUALIFIERS:
            bad.append(f"{where}.qualifier {c.qualifier!r}")
        if not (isinstance(c.value, int) and 0 <= c.value <= MAX_CLAIM_VALUE):
            bad.append(f"{where}.value {str(c.value)[:40]!r}")
        for name in ("since", "until", "period"):
            v = getattr(c, name)
            if v is not None and not _is_spec_date(v):
                bad.append(f"{where}.{name} {v!r}")
        bad += _span_violations(c.evidence, n, where)
    try:
        json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError) as e:
        bad.append(f"record not UTF-8 JSON: {_name(e)}")
    return bad


def _span_violations(spans: Sequence[Any], n: int, where: str) -> list[str]:
    return [f"{where}.evidence {list(s)!r} outside 0..{n}" for s in spans
            if not (len(s) == 2 and 0 <= s[0] < s[1] <= n)]


def _is_day(s: Any) -> bool:
    """A ``YYYY-MM-DD`` calendar day, as :func:`marsad.models.check_published` accepts."""
    try:
        check_published(s)
    except ValueError:
        return False
    return s is not None


def _is_spec_date(s: Any) -> bool:
    """``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``A/B`` of those (SPEC section 2)."""
    if not isinstance(s, str):
        return False
    parts = s.split("/")
    return len(parts) <= 2 and all(_is_partial_date(p) for p in parts)


def _is_partial_date(s: str) -> bool:
    if len(s) == 4:
        return s.isascii() and s.isdigit() and s != "0000"
    if len(s) == 7:
        return _is_day(s + "-01")
    return _is_day(s)


def _name(e: BaseException) -> str:
    return f"{type(e).__name__}: {str(e)[:160]}"
