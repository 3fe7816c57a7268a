"""``marsad`` commands for canonical events: resolve, merge, split, undo, revisions, constraints.

Each opens a Store, calls one method of :class:`marsad.store.canonical.CanonicalMixin`
and prints the result; library errors become ``marsad: error: …`` through
:class:`marsad.cli_base.MarsadGroup`.
"""
from __future__ import annotations

import json
from typing import Any

import click

from .cli_base import FORMATS, db_option, main, open_store, output
from .errors import InputError

REVISION_COLUMNS = ("id", "at", "event", "action", "who", "changed")


@main.command("resolve")
@db_option
def resolve_command(db: str) -> None:
    """Group every stored mention into canonical events again.

    Ingesting does this for each new document; run it after changing the resolution
    rules or on a database filled by an older marsad. Analyst merges and splits hold.
    """
    with open_store(db, create=False) as store:
        click.echo(str(store.resolve()))


@main.command()
@click.argument("event_ids", nargs=-1, required=True, metavar="ID ID...")
@db_option
def merge(event_ids: tuple[str, ...], db: str) -> None:
    """Merge canonical events that are one operation (an analyst correction).

    The correction holds for every later resolution and re-ingestion.
    """
    if len(set(event_ids)) < 2:
        raise InputError("merge needs two different canonical event ids, e.g. "
                         "`marsad merge ev-1a2b3c4d5e6f ev-6f5e4d3c2b1a`")
    with open_store(db, create=False) as store:
        merged = store.merge(event_ids)
    click.echo(f"merged into {merged}")


@main.command()
@click.argument("event_id", metavar="ID")
@click.option("--mention", "mentions", multiple=True, required=True, metavar="KEY",
              help="A mention to split out: its key (DOCUMENT#ORDINAL, as `marsad show ID` "
                   "lists them) or its mention id. Repeatable.")
@db_option
def split(event_id: str, mentions: tuple[str, ...], db: str) -> None:
    """Split mentions out of canonical event ID into an event of their own (an analyst
    correction that holds for every later resolution and re-ingestion)."""
    with open_store(db, create=False) as store:
        keys = [store.event(int(m))["key"] if m.isdigit() else m for m in mentions]
        rest, alone = store.split(event_id, keys)
    click.echo(f"split: {len(keys)} mention(s) now in {alone}, the others in {rest}")


@main.command()
@db_option
def undo(db: str) -> None:
    """Undo the newest correction (merge, split or imported constraints) not yet undone.

    Its constraints go back to what they were and its events are grouped again; the
    revision log says what changed. Run it again to undo the one before.
    """
    with open_store(db, create=False) as store:
        click.echo(str(store.undo()))


@main.command()
@db_option
@click.option("--since", metavar="TIMESTAMP",
              help="Revisions at or after this UTC time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ), "
                   "e.g. the time of your last export.")
@click.option("--event", metavar="ID", help="Revisions of this canonical event only.")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most this many revisions.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
              help="Output format (json has the values before and after).")
def revisions(db: str, since: str | None, event: str | None, limit: int | None, fmt: str) -> None:
    """List what changed in canonical events: created, updated, merged, split, deleted."""
    with open_store(db, create=False) as store:
        rows = store.revisions(since=since, event=event, limit=limit)
    output(rows, fmt, [_revision_row(r) for r in rows], REVISION_COLUMNS)


@main.command()
@db_option
@click.option("--import", "import_file", type=click.File("r", encoding="utf-8"), metavar="FILE",
              help="Add the constraints in FILE (JSON Lines, as this command prints them) and "
                   "regroup the mentions they name.")
def constraints(db: str, import_file: Any) -> None:
    """Print the analyst's merges and splits as JSON Lines, or import them into this database.

    They are pairs of mention keys (DOCUMENT#ORDINAL), so they carry over to another
    database holding the same documents.
    """
    with open_store(db, create=import_file is not None) as store:
        if import_file is None:
            for row in store.constraints():
                click.echo(json.dumps(row, ensure_ascii=False))
            return
        click.echo(str(store.add_constraints(_read_constraints(import_file))))


def _read_constraints(f: Any) -> list[dict[str, str]]:
    rows = []
    for n, line in enumerate(f, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"{f.name}:{n}: not JSON: {e.msg}") from None
    return rows


# -- formatting --------------------------------------------------------------------------------

def _revision_row(r: dict) -> tuple:
    changes = r["changes"]
    if r["action"] == "created":
        changed = "new"
    elif r["action"] == "deleted":
        changed = "into " + ", ".join(changes.get("into") or []) if changes.get("into") else "gone"
    else:
        changed = ", ".join(k for k in dict.fromkeys([*changes["before"], *changes["after"]]))
        if changes.get("from"):
            changed += f" (from {', '.join(changes['from'])})"
    return r["id"], r["at"], r["event"], r["action"], r["who"], changed
