"""Exports of canonical events in ACLED-style columns (``/api/export.csv`` and ``.json``).

:func:`export_row` maps one event dict (:func:`marsad.store.browse.event_dicts`) to
the columns of :data:`COLUMNS`; ``docs/api.md`` says how each is derived. The
exports stream: rows are read and written a batch at a time, so a whole store never
sits in memory.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date as Date
from typing import Any
from urllib.parse import urlsplit

from ..store.dates import date_bounds
from .labels import labels

COLUMNS = ("event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
           "source", "notes", "fatalities",
           "arrested", "age_min", "age_max", "affiliation", "agencies", "partners", "cell_name",
           "seized", "plot", "targets", "source_count", "source_urls")
LIST_SEPARATOR = "; "
STATE_ACTOR = "Security forces of Morocco"
UNKNOWN_ATTACKER = "Unidentified armed group"
NOTE_PLACES = 3  # places named in the notes before "+N more"


def acled_type(event: dict[str, Any]) -> tuple[str, str]:
    """``(event_type, sub_event_type)`` in ACLED's vocabulary for a marsad event."""
    if event["type"] == "attack":
        if "suicide-attack" in event["plot"]:
            return "Explosions/Remote violence", "Suicide bomb"
        if "bombing" in event["plot"] or "explosives" in event["seized"]:
            return "Explosions/Remote violence", "Remote explosive/landmine/IED"
        return "Violence against civilians", "Attack"
    if event["type"] == "seizure":
        return "Strategic developments", "Disrupted weapons use"
    return "Strategic developments", "Arrests"


def time_precision(date: str | None) -> int | None:
    """ACLED time precision of a SPEC date: 1 a day, 2 a span of up to a week, 3 longer."""
    start, end = date_bounds(date)
    if start is None or end is None:
        return None
    days = (Date.fromisoformat(end) - Date.fromisoformat(start)).days
    return 1 if days == 0 else 2 if days < 7 else 3


def geo_precision(place: dict[str, Any] | None) -> int:
    """1: a town with coordinates; 2: only its province is known; 3: region or country."""
    if place and place.get("lat") is not None and place.get("lon") is not None:
        return 1
    if place and place.get("province"):
        return 2
    return 3


def actors(event: dict[str, Any]) -> tuple[str, str]:
    """``(actor1, assoc_actor_1)``: the state and the credited services (and foreign
    partners) for operations; the groups behind an attack."""
    en = labels("en")
    if event["type"] == "attack":
        groups = [en.get(g, g) for g in event["affiliation"]]
        return (groups[0] if groups else UNKNOWN_ATTACKER), LIST_SEPARATOR.join(groups[1:])
    assoc = [en.get(a, a) for a in event["agencies"]]
    assoc += [f"Security forces of {en.get(p, p)}" for p in event["partners"]]
    return STATE_ACTOR, LIST_SEPARATOR.join(assoc)


def outlets(sources: list[dict[str, Any]]) -> list[str]:
    """Each source's outlet (else its URL's host, else its document id), once each."""
    names = [s.get("outlet") or urlsplit(s.get("url") or "").hostname or s["document_id"]
             for s in sources]
    return list(dict.fromkeys(names))


def notes(event: dict[str, Any]) -> str:
    """A one-line English description of the event."""
    en = labels("en")
    names = [p.get("name_en") or p["id"] for p in event["places_detail"]] or event["places"]
    where = ", ".join(names[:NOTE_PLACES]) + (f" (+{len(names) - NOTE_PLACES} more)"
                                              if len(names) > NOTE_PLACES else "")
    parts = [en.get(event["type"], event["type"]) + (f" in {where}" if where else "")]
    if event["arrested"] is not None:
        parts.append(f"{event['arrested']} arrested")
    if event["killed"] is not None:
        parts.append(f"{event['killed']} killed")
    if event["age_min"] is not None:
        ages = event["age_min"] if event["age_min"] == event["age_max"] else \
            f"{event['age_min']}-{event['age_max']}"
        parts.append(f"aged {ages}")
    for name, title in (("affiliation", "affiliation"), ("agencies", "by"), ("seized", "seized"),
                        ("plot", "plot"), ("targets", "targets")):
        if event[name]:
            parts.append(f"{title}: " + ", ".join(en.get(v, v) for v in event[name]))
    if event["cell_name"]:
        parts.append(f"cell name: {event['cell_name']}")
    if event["background"]:
        parts.append("reported as background")
    return "; ".join(parts)


def export_row(event: dict[str, Any]) -> dict[str, Any]:
    """The :data:`COLUMNS` of one event dict (lists stay lists; :func:`csv_lines` joins them)."""
    place = event["places_detail"][0] if event["places_detail"] else None
    event_type, sub_event_type = acled_type(event)
    actor1, assoc = actors(event)
    return {
        "event_id": event["id"], "event_date": date_bounds(event["date"])[0],
        "time_precision": time_precision(event["date"]), "event_type": event_type,
        "sub_event_type": sub_event_type, "actor1": actor1, "assoc_actor_1": assoc,
        "admin1": place and place.get("region"), "admin2": place and place.get("province"),
        "location": place and (place.get("name_en") or place["id"]),
        "latitude": place and place.get("lat"), "longitude": place and place.get("lon"),
        "geo_precision": geo_precision(place), "source": LIST_SEPARATOR.join(outlets(event["sources"])),
        "notes": notes(event), "fatalities": event["killed"],
        **{k: event[k] for k in ("arrested", "age_min", "age_max", "affiliation", "agencies",
                                 "partners", "cell_name", "seized", "plot", "targets",
                                 "source_count")},
        "source_urls": [s["url"] for s in event["sources"] if s.get("url")],
    }


def csv_lines(batches: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """The CSV text (header first) of batches of event dicts, one chunk per batch."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    yield _drain(buffer)
    for batch in batches:
        for event in batch:
            row = export_row(event)
            writer.writerow({k: LIST_SEPARATOR.join(v) if isinstance(v, list) else v
                             for k, v in row.items()})
        yield _drain(buffer)


def json_chunks(batches: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """A JSON array of export rows, one chunk per batch."""
    yield "["
    first = True
    for batch in batches:
        chunk = ",\n".join(json.dumps(export_row(e), ensure_ascii=False) for e in batch)
        if chunk:
            yield ("" if first else ",\n") + chunk
            first = False
    yield "]\n"


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
