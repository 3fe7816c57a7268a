"""The values a filter takes, by id or by any of their names (issue 17: bad filter values).

``--place Casablanca``, ``--place "الدار البيضاء"`` and ``--place casablanca`` name one
place; ``--org Daesh``, ``داعش`` and ``isis`` one group. :func:`resolve` gives the id, or
raises InputError with the nearest valid values when nothing is named; :func:`vocabulary`
lists the ids of a kind with their names (``marsad vocab KIND``). Names come from the
package's data: the gazetteer for places, the three lexicons for groups and agencies.
"""
from __future__ import annotations

import difflib
from functools import lru_cache

from .errors import InputError
from .models import CLAIM_METRICS, EVENT_TYPES
from .resources import language_data
from .text.names import fold

KINDS = ("type", "metric", "place", "org", "agency")
SUGGESTIONS = 5


@lru_cache(maxsize=None)
def vocabulary(kind: str) -> dict[str, tuple[str, ...]]:
    """Id -> its names (English, French, Arabic first where the data has them)."""
    if kind == "type":
        return {t: (t.replace("_", " "),) for t in EVENT_TYPES}
    if kind == "metric":
        return {m: (m.replace("_", " "),) for m in CLAIM_METRICS}
    if kind == "place":
        from .places import load_places
        return {p.id: tuple(dict.fromkeys(n for n in (p.name_en, p.name_fr, p.name_ar, *p.aliases) if n))
                for p in load_places().values()}
    if kind in ("org", "agency"):
        names: dict[str, list[str]] = {}
        for lang in ("en", "fr", "ar"):
            for entity, written in language_data(lang, "lexicon").get(kind, {}).items():
                names.setdefault(entity, []).extend(w.replace("*", "").strip() for w in written)
        return {entity: tuple(dict.fromkeys(n for n in ns if n)) for entity, ns in sorted(names.items())}
    raise InputError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")


@lru_cache(maxsize=None)
def _index(kind: str) -> dict[str, str]:
    """Folded id or name -> id; an id wins over a name, and a Moroccan place over a foreign one
    of the same name (the gazetteer lists Moroccan places first by population)."""
    index: dict[str, str] = {}
    vocab = vocabulary(kind)
    for entity in vocab:
        index.setdefault(fold(entity), entity)
    for entity in _by_weight(kind, vocab):
        for name in vocab[entity]:
            index.setdefault(fold(name), entity)
    return index


def _by_weight(kind: str, vocab: dict[str, tuple[str, ...]]) -> list[str]:
    if kind != "place":
        return list(vocab)
    from .places import load_places
    places = load_places()
    return sorted(vocab, key=lambda i: (places[i].country != "MA", -(places[i].population or 0), i))


def resolve(kind: str, value: str | None) -> str | None:
    """The id ``value`` names (an id or any name, in any script); None for None.

    InputError naming the kind, the value and the nearest valid values when it names none.
    """
    if value is None:
        return None
    entity = _index(kind).get(fold(value))
    if entity is not None:
        return entity
    if len(vocabulary(kind)) <= SUGGESTIONS * 2:
        hint = f"; use one of {', '.join(vocabulary(kind))}"
    else:
        near = suggestions(kind, value)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise InputError(f"unknown {kind} {value!r}{hint} (`marsad vocab {kind}` lists them)")


def suggestions(kind: str, value: str) -> list[str]:
    """Up to SUGGESTIONS ids whose id or names are nearest to ``value``, each with a name."""
    index = _index(kind)
    close = difflib.get_close_matches(fold(value), list(index), n=SUGGESTIONS * 3, cutoff=0.6)
    ids = list(dict.fromkeys(index[c] for c in close))[:SUGGESTIONS]
    vocab = vocabulary(kind)
    return [f"{i} ({vocab[i][0]})" if vocab[i] and fold(vocab[i][0]) != fold(i) else i for i in ids]
