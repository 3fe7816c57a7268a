"""Exports of canonical events in ACLED-style columns (``/api/export.csv`` and ``.json``,
``marsad export --format acled-csv|csv|json``).

:func:`export_row` maps one event dict (:func:`marsad.store.browse.event_dicts`) to
the columns of :data:`COLUMNS`; :func:`acled_row` to ACLED's own names and order
(:data:`ACLED_COLUMNS`). :func:`export_rows` gives one row per event, or one per place
(ACLED's coding of an event in several locations: the rows share the event id).
``docs/api.md`` says how each column is derived. The exports stream: rows are read and
written a batch at a time, so a whole store never sits in memory.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date as Date, timedelta
from typing import Any, TextIO
from urllib.parse import urlsplit

from ..store.dates import date_bounds
from .labels import labels

COLUMNS = ("event_id", "event_date", "time_precision", "date_earliest", "date_latest", "date_rule", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
           "source", "notes", "fatalities",
           "arrested", "age_min", "age_max", "affiliation", "agencies", "partners", "cell_name",
           "seized", "plot", "targets", "background", "source_count", "source_urls")
# ACLED's names and order, for the columns marsad can fill (no inter codes, actor2, admin3,
# source_scale, tags or timestamp); background is marsad's
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "country", "admin1", "admin2", "location",
                 "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "background")
STYLES = ("marsad", "acled")
# counts a place's row leaves empty after the event's first place (a sum over rows counts
# each operation once)
ONCE_PER_EVENT = ("fatalities", "arrested")
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


def event_date(event: dict[str, Any]) -> str | None:
    """The day of an event known to the day; else the middle day of the interval it is known
    to lie in (as ACLED codes an event it can place only within a week or a month), the
    interval beside it in date_earliest and date_latest. None only for an event with no
    interval (no report with a publication or storage date: never in a store)."""
    first, last = event.get("date_earliest"), event.get("date_latest")
    if first is None or last is None:
        return date_bounds(event.get("date"))[0]
    a, b = Date.fromisoformat(first), Date.fromisoformat(last)
    return (a + timedelta(days=(b - a).days // 2)).isoformat()


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
    """Each source's outlet (else its URL's host without ``www.``), once each; a source with
    neither is left out (a document id names no outlet)."""
    names = [s.get("outlet") or (urlsplit(s.get("url") or "").hostname or "").removeprefix("www.")
             for s in sources]
    return list(dict.fromkeys(n for n in names if n))


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
    """The :data:`COLUMNS` of one event dict, its first place in the geographic columns
    (lists stay lists; :func:`csv_lines` joins them)."""
    place = event["places_detail"][0] if event["places_detail"] else None
    event_type, sub_event_type = acled_type(event)
    actor1, assoc = actors(event)
    return {
        "event_id": event["id"], "event_date": event_date(event),
        "time_precision": event.get("time_precision"), "date_earliest": event.get("date_earliest"),
        "date_latest": event.get("date_latest"), "date_rule": event.get("date_rule"), "event_type": event_type,
        "sub_event_type": sub_event_type, "actor1": actor1, "assoc_actor_1": assoc,
        **place_columns(place), "source": LIST_SEPARATOR.join(outlets(event["sources"])),
        "notes": notes(event), "fatalities": event["killed"],
        **{k: event[k] for k in ("arrested", "age_min", "age_max", "affiliation", "agencies",
                                 "partners", "cell_name", "seized", "plot", "targets",
                                 "background", "source_count")},
        "source_urls": [s["url"] for s in event["sources"] if s.get("url")],
    }


def place_columns(place: dict[str, Any] | None) -> dict[str, Any]:
    """The geographic columns of one place (all empty but geo_precision without one)."""
    return {"admin1": place and place.get("region"), "admin2": place and place.get("province"),
            "location": place and (place.get("name_en") or place["id"]),
            "latitude": place and place.get("lat"), "longitude": place and place.get("lon"),
            "geo_precision": geo_precision(place)}


def export_rows(event: dict[str, Any], one_row_per_place: bool = False) -> list[dict[str, Any]]:
    """The event's row; with ``one_row_per_place``, one row per place (in the event's order),
    each with that place's geographic columns, all with the event's id; the counts of
    :data:`ONCE_PER_EVENT` are on the first place's row only."""
    row = export_row(event)
    if not one_row_per_place or len(event["places_detail"]) < 2:
        return [row]
    rows = [row]
    for place in event["places_detail"][1:]:
        rows.append({**row, **place_columns(place), **dict.fromkeys(ONCE_PER_EVENT)})
    return rows


def acled_row(event: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The :data:`ACLED_COLUMNS` of one export row of ``event``."""
    en = labels("en")
    own = {"event_id_cnty": row["event_id"], "year": row["event_date"] and int(row["event_date"][:4]),
           "disorder_type": "Strategic developments" if row["event_type"] == "Strategic developments"
           else "Political violence",
           "country": event["country"] and en.get(event["country"], event["country"])}
    return {k: own[k] if k in own else row[k] for k in ACLED_COLUMNS}


def styled_rows(event: dict[str, Any], style: str = "marsad",
                one_row_per_place: bool = False) -> list[dict[str, Any]]:
    """The rows of one event in ``style``: ``marsad`` (:data:`COLUMNS`) or ``acled``."""
    rows = export_rows(event, one_row_per_place)
    return [acled_row(event, r) for r in rows] if style == "acled" else rows


def csv_lines(batches: Iterable[list[dict[str, Any]]], style: str = "marsad",
              one_row_per_place: bool = False) -> Iterator[str]:
    """The CSV text (header first) of batches of event dicts, one chunk per batch."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS if style == "acled" else COLUMNS)
    writer.writeheader()
    yield _drain(buffer)
    for batch in batches:
        for event in batch:
            for row in styled_rows(event, style, one_row_per_place):
                writer.writerow({k: _csv_value(v) for k, v in row.items()})
        yield _drain(buffer)


def json_chunks(batches: Iterable[list[dict[str, Any]]], style: str = "marsad",
                one_row_per_place: bool = False) -> Iterator[str]:
    """A JSON array of export rows, one chunk per batch."""
    yield "["
    first = True
    for batch in batches:
        chunk = ",\n".join(json.dumps(r, ensure_ascii=False) for e in batch
                           for r in styled_rows(e, style, one_row_per_place))
        if chunk:
            yield ("" if first else ",\n") + chunk
            first = False
    yield "]\n"


# ``marsad export --format``: (writer, style)
FORMATS = {"acled-csv": (csv_lines, "acled"), "csv": (csv_lines, "marsad"), "json": (json_chunks, "marsad")}


def write_export(batches: Iterable[list[dict[str, Any]]], fmt: str, out: TextIO,
                 one_row_per_place: bool = False) -> int:
    """Write the events of ``batches`` to ``out`` in ``fmt`` (a key of :data:`FORMATS`);
    the number of events written."""
    count = 0

    def counted() -> Iterator[list[dict[str, Any]]]:
        nonlocal count
        for batch in batches:
            count += len(batch)
            yield batch

    chunks, style = FORMATS[fmt]
    for chunk in chunks(counted(), style, one_row_per_place):
        out.write(chunk)
    return count


def _csv_value(value: Any) -> Any:
    """Lists joined with :data:`LIST_SEPARATOR`, booleans as JSON writes them."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
