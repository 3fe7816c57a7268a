"""Who states a figure, as one entity whatever the script or spelling.

A claim's ``source`` is a source id (``bcij``, ``interior-ministry``, …) or a person's
name as the article wrote it («عبد الحق الخيام», "Abdelhak Al Khayam", "El Khiame").
:func:`source_entity` gives one id for all of them: institutions by their names in the
three lexicons, people by ``data/other/sources.json``; any other name is its own entity
(``name:`` and its folded form), so two spellings that fold alike still meet.
"""
from __future__ import annotations

import json
from functools import lru_cache

from .resources import SUPPORTED_LANGUAGES, data_text, language_data
from .text.names import fold

NAME_PREFIX = "name:"

__all__ = ["NAME_PREFIX", "entity_names", "fold", "matches_source", "source_entity", "source_label"]
@lru_cache(maxsize=1)
def _people() -> dict[str, dict]:
    return json.loads(data_text("other", "sources.json"))["people"]


@lru_cache(maxsize=1)
def entity_names() -> dict[str, tuple[str, ...]]:
    """Entity id -> its names (as written in the data), institutions then people."""
    names: dict[str, list[str]] = {}
    for lang in SUPPORTED_LANGUAGES:
        lexicon = language_data(lang, "lexicon")
        for kind in ("agency", "source"):
            for entity, written in lexicon.get(kind, {}).items():
                names.setdefault(entity, []).extend(written)
    for person, entry in _people().items():
        names.setdefault(person, []).extend(entry["names"])
    return {entity: tuple(dict.fromkeys(ns)) for entity, ns in names.items()}


@lru_cache(maxsize=1)
def _by_folded_name() -> dict[str, str]:
    """Folded name (and folded id) -> entity; the first entity listed keeps a shared name."""
    index: dict[str, str] = {}
    for entity, names in entity_names().items():
        for name in (entity, *names):
            index.setdefault(fold(name), entity)
    return index


@lru_cache(maxsize=65536)
def source_entity(source: str | None) -> str | None:
    """The entity id of a claim's source, ``name:<folded>`` for a name not in the data,
    None for no source."""
    if source is None or not source.strip():
        return None
    folded = fold(source)
    return _by_folded_name().get(folded) or NAME_PREFIX + folded


@lru_cache(maxsize=65536)
def source_label(entity: str | None, lang: str = "en") -> str | None:
    """How an entity is shown: a person's name in ``lang``, an institution's id, a name as folded."""
    if entity is None:
        return None
    if entity.startswith(NAME_PREFIX):
        return entity[len(NAME_PREFIX):]
    person = _people().get(entity)
    return person["label"].get(lang, person["label"]["en"]) if person else entity


def matches_source(query: str, source: str | None) -> bool:
    """Whether ``query`` (a user's --source: an id, a name or part of one, in any script)
    names the entity that states ``source``: equal to one of its names or its id, or the
    whole words of one of them, once both are folded."""
    entity = source_entity(source)
    if entity is None:
        return False
    q = fold(query)
    return bool(q) and any(_has_words(c, q) for c in _folded_names(entity, source))


@lru_cache(maxsize=65536)
def _folded_names(entity: str, source: str) -> frozenset[str]:
    names = entity_names().get(entity, ()) if not entity.startswith(NAME_PREFIX) else ()
    return frozenset({fold(n) for n in names} | {fold(entity.removeprefix(NAME_PREFIX)), fold(source)})


def _has_words(text: str, words: str) -> bool:
    return f" {words} " in f" {text} "
