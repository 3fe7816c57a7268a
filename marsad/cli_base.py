"""What every ``marsad`` command module shares: the ``marsad`` group, its options, and the
output formats (table, csv, json) and evidence lines the commands print.

The group knows which module defines each command and imports that module only when
the command is run (or listed by ``--help``), so ``marsad --version`` and each command
start without loading what the others need. Command modules import from here, never
from each other.
"""
from __future__ import annotations

import csv
import importlib
import json
import re
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import MarsadError
from .readers import InputProblem

if TYPE_CHECKING:
    from .store import Store

FORMATS = click.Choice(["table", "csv", "json"])
_SENTENCE_END = re.compile(r"[.!?؟\n]")

# The module that defines each command (it registers itself on `main` when imported).
COMMAND_MODULES = {
    **dict.fromkeys(("extract", "ingest", "events", "claims", "show", "search", "stats", "serve",
                     "crawl", "watch"), "marsad.cli"),
    **dict.fromkeys(("resolve", "merge", "split", "revisions", "constraints"), "marsad.cli_canonical"),
    "undo": "marsad.cli_canonical",  # issue 17 item 7
    **dict.fromkeys(("bulk", "export"), "marsad.cli_bulk"),
    "eval": "marsad.cli_eval",
    "check": "marsad.cli_figures",
    "vocab": "marsad.cli_vocab",
}


class CliError(click.ClickException):
    """A ClickException printed the marsad way: ``marsad: error: message``."""

    def show(self, file: Any = None) -> None:
        click.echo(f"marsad: error: {self.message}", err=True)


class MarsadGroup(click.Group):
    """Loads each command's module when the command is needed, and turns library errors
    raised by any command into :class:`CliError`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MarsadError as e:
            raise CliError(str(e)) from e


@click.group(cls=MarsadGroup)
@click.version_option(__version__, prog_name="marsad")
def main() -> None:
    """marsad (مرصد): structured, sourced records of counter-terrorism news in Morocco."""


def db_option(f: Any) -> Any:
    return click.option("--db", default="marsad.db", show_default=True, envvar="MARSAD_DB",
                        type=click.Path(dir_okay=False),
                        help="SQLite database file, or a PostgreSQL database as "
                             "postgresql://user@host:5432/name (or set MARSAD_DB).")(f)


def open_store(db: str, create: bool = True) -> Store:
    """The store at ``db`` (a file or a postgresql:// address), imported when first needed."""
    from .store import Store
    return Store(db, create=create)


def print_problem(problem: InputProblem) -> None:
    click.echo(f"marsad: {problem}", err=True)


# -- the filters of `events` and `export` -------------------------------------------------------

EVENT_FILTER_OPTIONS = (  # (flags, click settings): the filters of `events` and `export`
    (("--type", "type_"), dict(metavar="TYPE", help="Event type: cell_dismantled, arrest, attack or seizure.")),
    (("--since",), dict(metavar="DATE", help="Events that may have happened on or after DATE "
                                              "(YYYY[-MM[-DD]]): their date interval ends on or after it.")),
    (("--until",), dict(metavar="DATE", help="Events that may have happened on or before DATE: their "
                                              "date interval starts on or before it.")),
    (("--exact-dates",), dict(is_flag=True, default=None,
                              help="Only events whose reports name their day or month (leaves out "
                                   "those dated only by a year, their publication or background).")),
    (("--place",), dict(metavar="PLACE", help="Events in this place: an id or any name, e.g. casablanca, "
                                              "Casablanca, الدار البيضاء.")),
    (("--org",), dict(metavar="ORG", help="Events tied to this group: an id or any name, e.g. isis, Daesh, داعش.")),
    (("--agency",), dict(metavar="AGENCY", help="Events credited to this agency: an id or any name, "
                                                "e.g. bcij, البسيج.")),
    (("--background/--no-background",), dict(default=None, help="Only background (history) events, or "
                                                                "only news; both by default.")),
)


def event_filter_options(f: Any) -> Any:
    for flags, settings in reversed(EVENT_FILTER_OPTIONS):
        f = click.option(*flags, **settings)(f)
    return f


def event_filters(type_: str | None = None, since: str | None = None, until: str | None = None,
                  place: str | None = None, org: str | None = None, agency: str | None = None,
                  background: bool | None = None, exact_dates: bool | None = None) -> dict[str, Any]:
    """The values of :data:`EVENT_FILTER_OPTIONS` as the store's filters, every name resolved
    to its id (InputError with the nearest valid values when it names none)."""
    from .vocab import resolve
    return dict(type=resolve("type", type_), since=since, until=until, place=resolve("place", place),
                org=resolve("org", org), agency=resolve("agency", agency), background=background,
                exact=exact_dates or None)


# -- output formats ----------------------------------------------------------------------------

def output(rows: list[dict], fmt: str, table: list[tuple], columns: tuple[str, ...]) -> None:
    """``rows`` as JSON or CSV, or ``table`` (one tuple per row) under ``columns``."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        write_csv(rows)
    else:
        write_table(columns, table)


def write_csv(rows: list[dict]) -> None:
    if not rows:
        return
    keys = [k for k in rows[0] if k not in ("places_detail", "evidence")]
    writer = csv.writer(_Echo(), lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([cell(row[k]) for k in keys])


class _Echo:
    """A file-like object for csv.writer that writes through click.echo."""

    def write(self, s: str) -> None:
        click.echo(s, nl=False)


def write_table(columns: tuple[str, ...], rows: list[tuple]) -> None:
    cells = [columns] + [tuple(cell(v) for v in row) for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    for i, row in enumerate(cells):
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if i == 0:
            click.echo("  ".join("-" * w for w in widths))


def cell(value: Any) -> str:
    """One value as table or CSV text: lists joined by ';', booleans yes/no, objects as JSON."""
    if value is None:
        return ""
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(cell(v) for v in value)
    return str(value)


def ages_text(e: dict) -> Any:
    """22-31, 25 for one age, None when no age is known."""
    if e["age_min"] is None and e["age_max"] is None:
        return None
    return e["age_min"] if e["age_min"] == e["age_max"] else f"{e['age_min']}-{e['age_max']}"


def place_text(p: dict) -> str:
    extra = [x for x in (p["name_ar"], p["lat"] is not None and f"{p['lat']:.4f},{p['lon']:.4f}",
                         p["geonames_id"] and f"geonames {p['geonames_id']}") if x]
    return p["id"] + (f" ({'; '.join(extra)})" if extra else "")


def evidence_lines(ev: dict, text: str, tty: bool, indent: str = "  ") -> list[str]:
    """``evidence:`` and one line per span of a mention, highlighted in its sentence."""
    lines = [f"{indent[2:]}evidence:"] if ev["evidence"] else []
    return lines + [f"{indent}[{start}:{end}] {in_sentence(text, start, end, tty)}"
                    for start, end in ev["evidence"]]


# Characters of context shown on each side of a value's words.
VALUE_CONTEXT = 40


def value_lines(ev: dict, text: str, tty: bool, indent: str = "  ") -> list[str]:
    """``values:`` and one line per value with a span: the field, the value and its own words
    marked in a little of their context (marsad.pipeline.spans)."""
    lines = []
    for field, spans in (ev.get("spans") or {}).items():
        pairs = spans.items() if isinstance(spans, dict) else [(ev.get(field), spans)]
        for value, (start, end) in pairs:
            shown = value if value is not None else ""
            lines.append(f"{indent}{field} {shown}: {in_context(text, start, end, tty)}".replace("  :", ":"))
    return ([f"{indent[2:]}values:"] if lines else []) + lines


def in_context(text: str, start: int, end: int, tty: bool, width: int = VALUE_CONTEXT) -> str:
    """``text[start:end]`` marked, with up to ``width`` characters each side, on one line."""
    left, right = max(0, start - width), min(len(text), end + width)
    span = text[start:end]
    marked = click.style(span, bold=True, reverse=True) if tty else f"⟦{span}⟧"
    return ("…" if left else "") + " ".join(f"{text[left:start]}{marked}{text[end:right]}".split()) + (
        "…" if right < len(text) else "")


def in_sentence(text: str, start: int, end: int, tty: bool) -> str:
    """The sentence(s) around ``text[start:end]`` on one line, with the span highlighted."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    right = after.end() if after else len(text)
    span = text[start:end]
    marked = click.style(span, bold=True, reverse=True) if tty else f"⟦{span}⟧"
    return " ".join(f"{text[left:start]}{marked}{text[end:right]}".split())


def isatty(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
