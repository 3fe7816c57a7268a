"""``marsad vocab KIND``: the ids a filter takes, with their names in the three languages."""
from __future__ import annotations

import click

from .cli_base import FORMATS, main, output
from .text.names import fold
from .vocab import KINDS, vocabulary

VOCAB_COLUMNS = ("id", "names")


@main.command("vocab")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--search", metavar="TEXT", help="Only ids or names holding these words (any script).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
def vocab_command(kind: str, search: str | None, fmt: str) -> None:
    """List the ids of a filter (type, metric, place, org, agency) with their names.

    Every filter of `marsad events` and `marsad claims` takes an id or any of these names.
    """
    wanted = fold(search) if search else None
    rows = [{"id": i, "names": list(names)} for i, names in vocabulary(kind).items()
            if wanted is None or any(f" {wanted} " in f" {fold(n)} " for n in (i, *names))]
    output(rows, fmt, [(r["id"], " / ".join(r["names"][:4])) for r in rows], VOCAB_COLUMNS)
