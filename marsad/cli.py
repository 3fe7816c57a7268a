"""``marsad`` command line: a thin click layer over marsad.ingest, marsad.web and marsad.store.

The group, its options and the output formats are in :mod:`marsad.cli_base`; the
other commands are in their own modules (``cli_canonical``: resolve, merge, split,
revisions, constraints; ``cli_bulk``, ``cli_eval``, ``cli_figures``, ``cli_vocab``),
which the group loads when one of their commands runs.

Each command opens a Store (or reads inputs), calls one library function and
formats the result. Library errors (:class:`marsad.errors.MarsadError`) become
``marsad: error: …`` on stderr with exit status 1; bad input documents are
printed one per line (``marsad: FILE:LINE: message``) while the batch goes on,
and make the exit status 1.
"""
from __future__ import annotations

import errno
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .cli_base import (FORMATS, CliError, ages_text, cell, db_option, event_filter_options, event_filters,
                       evidence_lines, isatty, value_lines, main, open_store, output, place_text, print_problem)
from .errors import InputError
from .parallel import default_jobs
from .readers import count_documents, skipped_summary
from .vocab import resolve
from .web.options import CrawlOptions
from .web.units import format_size, parse_duration, parse_size

if TYPE_CHECKING:
    from .store import Store

PROGRESS_MIN_DOCS = 20  # smaller batches finish before a bar would be useful
SERVE_WORKERS = min(4, os.cpu_count() or 1)  # server processes by default
EVENT_COLUMNS = ("id", "date", "type", "places", "arrested", "killed", "ages", "affiliation", "agencies",
                 "bg", "document")
CLAIM_COLUMNS = ("id", "metric", "value", "qualifier", "period", "subset", "source", "document")
CANONICAL_COLUMNS = ("id", "date", "type", "places", "arrested", "killed", "ages", "affiliation", "agencies",
                     "bg", "sources")
_RECORD_FIELDS = ("date", "places", "country", "arrested", "killed", "ages", "affiliation",
                  "agencies", "partners", "cell_name", "seized", "plot", "targets")


def jobs_option(f: Any) -> Any:
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=default_jobs(), show_default=True,
                        help="Worker processes that extract (default: the cores this process may use); "
                             "the results are the same with any number.")(f)


@main.command()
@click.option("--input", "-i", "inputs", multiple=True, metavar="PATH",
              help="JSONL, .json, .txt or .html file, web archive (.warc[.gz], .arc[.gz]), or a "
                   "folder of them; '-' or omitted for stdin (JSONL). Repeatable.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8", lazy=False), default="-",
              help="Where to write the records (JSON Lines); stdout by default.")
@jobs_option
def extract(inputs: tuple[str, ...], output: Any, jobs: int) -> None:
    """Extract a SPEC record from each input document, as JSON Lines, in input order."""
    from .ingest import extract_file
    summary = extract_file(inputs or ("-",), output, on_problem=print_problem, jobs=jobs)
    if summary.skipped:
        click.echo(f"marsad: {skipped_summary(summary.skipped)}", err=True)
    if summary.problems:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@jobs_option
def ingest(paths: tuple[str, ...], db: str, jobs: int) -> None:
    """Read, extract and store documents from files (JSONL, .txt, .html, web archives),
    folders or '-' (stdin JSONL).

    An article already stored under its id is left unchanged; the same or nearly the same
    text under another id (another outlet's copy) is kept as one more source of the stored
    article's record, not extracted again.
    """
    from .ingest import ingest_paths
    with open_store(db) as store:
        total = count_documents(paths)
        if total is not None and total > PROGRESS_MIN_DOCS and isatty(sys.stderr):
            with click.progressbar(length=total, label="ingesting", file=sys.stderr) as bar:
                summary = ingest_paths(paths, store, progress=lambda _: bar.update(1),
                                       on_problem=print_problem, jobs=jobs)
        else:
            summary = ingest_paths(paths, store, on_problem=print_problem, jobs=jobs)
    click.echo(str(summary))
    if summary.failed or summary.warnings:
        sys.exit(1)


@main.command()
@db_option
@event_filter_options
@click.option("--mentions", "mentions", is_flag=True,
              help="List the event mentions of each document instead of canonical events.")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most this many events.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
              help="Output format; csv and json are the compact form of the table (for the "
                   "ACLED-style columns, one row per place, outlets: `marsad export`).")
@click.option("--columns", metavar="LIST",
              help="The table's columns, in this order, e.g. id,date,type,places,arrested,killed "
                   "(the table format; csv and json give every field).")
def events(db: str, mentions: bool, limit: int | None, fmt: str, columns: str | None, **given: Any) -> None:
    """List canonical events (one per operation, all its reports merged), oldest first.

    The sources column counts the documents reporting each event; `marsad show ID`
    shows one with its sources and mentions. With --mentions, list what each
    document says instead.
    """
    filters = dict(event_filters(**given), limit=limit)
    available = EVENT_COLUMNS if mentions else CANONICAL_COLUMNS
    chosen = _chosen_columns(columns, available, fmt)
    with open_store(db, create=False) as store:
        if mentions:  # a mention matches dates by its own date only: --exact-dates changes nothing
            rows = store.events(**{k: v for k, v in filters.items() if k != "exact"})
            table = [_event_row(r) for r in rows]
        else:
            rows = store.canonical_events(**filters)
            table = [canonical_row(r) for r in rows]
            unresolved = store.unresolved()
            if unresolved:
                click.echo(f"marsad: {unresolved} mention{'s are' if unresolved != 1 else ' is'} not grouped into "
                           "events yet; run `marsad resolve`", err=True)
    output(rows, fmt, [tuple(row[available.index(c)] for c in chosen) for row in table], chosen)


def _chosen_columns(columns: str | None, available: tuple[str, ...], fmt: str) -> tuple[str, ...]:
    """The table's columns named by ``--columns`` (all by default); a one-line error for a
    name that is none of them, or for ``--columns`` with another format."""
    if columns is None:
        return available
    if fmt != "table":
        raise InputError(f"--columns chooses the table's columns; --format {fmt} gives every field")
    chosen = tuple(c.strip() for c in columns.split(",") if c.strip())
    unknown = [c for c in chosen if c not in available]
    if unknown or not chosen:
        raise InputError(f"no column {', '.join(map(repr, unknown)) or 'named'}: choose among {', '.join(available)}")
    return chosen


@main.command()
@db_option
@click.option("--metric", metavar="METRIC",
              help="cells_dismantled, persons_arrested, plots_foiled or attacks.")
@click.option("--source", metavar="SOURCE", help="Who states it: a source id or a name.")
@click.option("--limit", type=click.IntRange(min=0), help="Show at most this many claims.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
              help="Output format.")
def claims(db: str, metric: str | None, source: str | None, limit: int | None,
           fmt: str) -> None:
    """List stored claims (statistics attributed to a source)."""
    with open_store(db, create=False) as store:
        rows = store.claims(metric=resolve("metric", metric), source=source, limit=limit)
    output(rows, fmt, [_claim_row(r) for r in rows], CLAIM_COLUMNS)


@main.command()
@click.argument("event_id", metavar="ID")
@db_option
def show(event_id: str, db: str) -> None:
    """Show one event with each value's own words and each evidence span highlighted.

    ID is a canonical event id (ev-…, from `marsad events`): its record, the values
    its reports disagree on, its sources and each mention's evidence; or a mention id
    (a number, from `marsad events --mentions`).
    """
    from .store.canonical_queries import CANONICAL_PREFIX
    with open_store(db, create=False) as store:
        if event_id.startswith(CANONICAL_PREFIX):
            ev = store.canonical_event(event_id)
            texts = {m["document_id"]: store.document(m["document_id"])["text"]
                     for m in ev["mention_records"]}
            for line in canonical_lines(ev, texts, isatty(sys.stdout)):
                click.echo(line)
            return
        if not event_id.isdigit():
            raise InputError(f"no event with id {event_id!r}: use a canonical id (ev-…) "
                             "or a mention id (a number)")
        ev = store.event(int(event_id))
        text = store.document(ev["document_id"])["text"]
    tty = isatty(sys.stdout)
    for line in _event_lines(ev) + value_lines(ev, text, tty) + evidence_lines(ev, text, tty):
        click.echo(line)


@main.command()
@click.argument("text")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show at most this many documents.")
def search(text: str, db: str, limit: int) -> None:
    """Full-text search of stored articles (Arabic spelling and clitics folded), best first:
    one line per article with its date, outlet and how many copies (other outlets' or
    archives' copies of the same text) the store holds, then the matching words."""
    with open_store(db, create=False) as store:
        hits = store.search(text, limit=limit)
    for hit in hits:
        copies = len(hit["sources"]) - 1
        meta = [hit["published"] or "undated", hit["outlet"], copies and f"+{copies} cop{'ies' if copies > 1 else 'y'}"]
        click.echo(f"{hit['document_id']}  {'  '.join(str(m) for m in meta if m)}  {hit['title']}")
        click.echo(f"    {hit['snippet']}")
    if not hits:
        click.echo("no documents found", err=True)


@main.command()
@db_option
def stats(db: str) -> None:
    """Counts of stored documents, events, claims and places, as JSON."""
    with open_store(db, create=False) as store:
        click.echo(json.dumps(store.stats(), ensure_ascii=False, indent=2))


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default accepts local connections only.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="TCP port to listen on.")
@click.option("--token", envvar="MARSAD_TOKEN", metavar="TOKEN",
              help="Allow the write endpoints (merge, split, resolve) to requests sending "
                   "'Authorization: Bearer TOKEN' (or set MARSAD_TOKEN). Read-only without it.")
@click.option("--workers", type=click.IntRange(min=1), default=SERVE_WORKERS, show_default=True,
              help="Server processes sharing the load (default: one per core, at most 4); the database "
                   "is checked and migrated once, before they start.")
@click.option("--no-index", is_flag=True,
              help="Answer from SQL alone, without the in-memory event index each worker "
                   "otherwise keeps (about 250 MB per million events; fast filtered pages and statistics).")
def serve(db: str, host: str, port: int, token: str | None, workers: int, no_index: bool) -> None:
    """Serve the dashboard and its JSON API (docs/api.md) over the database."""
    import uvicorn

    from .server import app as server
    from .store.pg import is_dsn, redact
    index = "off" if no_index else "background"
    app = server.create_app(db, token=token, index=index)  # checks and migrates the database once
    _check_port_free(host, port)
    mode = "writable with a token" if token else "read-only"
    click.echo(f"marsad: serving {redact(db)} ({mode}) on http://{host}:{port}/ with {workers} "
               f"worker{'s' * (workers > 1)}", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ[server.ENV_DB] = db if is_dsn(db) else str(Path(db).resolve())
    os.environ[server.ENV_TOKEN] = token or ""
    os.environ[server.ENV_INDEX] = index
    uvicorn.run("marsad.server.app:app_from_environment", factory=True, workers=workers, host=host,
                port=port, log_level="warning")


def _check_port_free(host: str, port: int) -> None:
    """A one-line error, before anything says it is serving, when ``host:port`` cannot be
    listened on (another server has it, or the address is not this machine's)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise CliError(f"cannot serve on {host}:{port}: {e.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as e:
            reason = "the port is in use" if e.errno == errno.EADDRINUSE else e.strerror
            raise CliError(f"cannot serve on {host}:{port}: {reason}") from None


# -- crawling ----------------------------------------------------------------------------------

class _Parsed(click.ParamType):
    """A click type over a marsad parser that raises InputError (sizes, durations)."""

    def __init__(self, name: str, parser: Callable[[str], Any]) -> None:
        self.name, self._parser = name, parser

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self._parser(value)
        except InputError as e:
            self.fail(str(e), param, ctx)


SIZE = _Parsed("size", parse_size)
DURATION = _Parsed("duration", parse_duration)
_DEFAULTS = CrawlOptions()
CRAWL_OPTIONS = (  # (flags, click settings); the defaults are CrawlOptions'
    (("--refresh",), dict(is_flag=True, help="Fetch pages fetched before again (conditionally).")),
    (("--rate",), dict(type=click.FloatRange(min=0, min_open=True), default=_DEFAULTS.rate,
                       metavar="N", show_default=True, help="Requests per second to one site.")),
    (("--max-pages",), dict(type=click.IntRange(min=0), metavar="N",
                            help="Fetch at most N article pages; the rest wait for the next run.")),
    (("--max-sitemap-urls",), dict(type=click.IntRange(min=0), metavar="N",
                                   default=_DEFAULTS.max_sitemap_urls, show_default=True,
                                   help="Queue at most N new URLs from sitemaps (each sitemap "
                                        "gives at most 50,000); the rest wait for the next run.")),
    (("--timeout",), dict(type=click.FloatRange(min=0, min_open=True), default=_DEFAULTS.timeout,
                          metavar="SECONDS", show_default=True,
                          help="Seconds to wait for a server (retried, then reported); "
                               "one URL gets at most 6 × this in all.")),
    (("--max-bytes",), dict(type=SIZE, default=format_size(_DEFAULTS.max_bytes), metavar="SIZE",
                            show_default=True,
                            help="Largest page read, e.g. 5MB or 500KB.")),
    (("--prefilter/--no-prefilter",), dict(default=_DEFAULTS.prefilter, show_default=True,
                                           help="Store pages without counter-terrorism words "
                                                "without extracting events from them.")),
    (("--retry-delay",), dict(type=click.FloatRange(min=0), default=_DEFAULTS.retry_delay,
                              hidden=True, help="Seconds before the first retry (tests).")),
)


def crawl_options(f: Any) -> Any:
    for flags, settings in reversed(CRAWL_OPTIONS):
        f = click.option(*flags, **settings)(f)
    return db_option(f)


class _CrawlStatus:
    """Problems as ``marsad: URL: message`` lines; a live count on stderr when it is a TTY."""

    def __init__(self) -> None:
        self.tty = isatty(sys.stderr)
        self._shown = False

    def update(self, s: Any) -> None:
        if self.tty:
            fetched, skipped = s.new + s.updated + s.unchanged, s.known + s.robots + s.deferred
            click.echo(f"\rpages fetched {fetched}, skipped {skipped}, failed {s.failed}\x1b[K",
                       nl=False, err=True)
            self._shown = True

    def problem(self, problem: Any) -> None:
        self.clear()
        click.echo(f"marsad: {problem}", err=True)

    def clear(self) -> None:
        if self._shown:
            click.echo("\r\x1b[K", nl=False, err=True)
            self._shown = False


def _run_crawl(store: Store, urls: tuple[str, ...], options: CrawlOptions,
               status: _CrawlStatus) -> tuple[Any, Any]:
    """(crawl summary, resolve summary: its ``created`` are the new operations)."""
    from .web.crawl import Crawler
    summary = Crawler(store, options, on_problem=status.problem, progress=status.update).run(urls)
    resolved = store.resolve_pending()  # group the new articles' mentions into canonical events
    status.clear()
    return summary, resolved


@main.command()
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@crawl_options
def crawl(urls: tuple[str, ...], db: str, **settings: Any) -> None:
    """Fetch RSS/Atom feeds, sitemaps or front pages and store the articles they list.

    Respects robots.txt and asks each site at most --rate times a second. Pages
    fetched before are not fetched again (unless --refresh); listings are asked for
    with conditional requests. Each failure is one line on stderr (exit status 1).
    """
    options = CrawlOptions(**settings)
    with open_store(db) as store:
        summary, _ = _run_crawl(store, urls, options, _CrawlStatus())
    click.echo(str(summary))
    if summary.failed:
        sys.exit(1)


@main.command()
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("--every", type=DURATION, default="15m", show_default=True,
              help="Time between the starts of two crawls: 30s, 15m, 2h.")
@click.option("--notify", metavar="URL",
              help="Post each new operation as JSON to this webhook (docs/api.md: alerts); "
                   "a failed post is one line on stderr and the watch goes on.")
@crawl_options
@click.option("--max-rounds", type=click.IntRange(min=1), hidden=True,
              help="Stop after N rounds (tests).")
def watch(urls: tuple[str, ...], every: float, notify: str | None, db: str, max_rounds: int | None,
          **settings: Any) -> None:
    """Crawl URLs again and again, every --every, until stopped with Ctrl-C.

    Takes the options of `marsad crawl`. Prints one summary line per round, then one
    line per new operation stored (its id, date, type, places, counts and article);
    what was fetched is kept in the database, so a restarted watch refetches nothing.
    """
    from .alerts import Notifier, alert_line
    from .web.watch import watch as watch_rounds
    options = CrawlOptions(**settings)
    notifier = Notifier(notify, timeout=options.timeout) if notify else None
    status = _CrawlStatus()

    with open_store(db) as store:
        def report(round_number: int, result: Any) -> None:
            summary, resolved = result
            new = store.events_by_id(resolved.created)
            click.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} round {round_number}: {summary}")
            for event in new:
                click.echo(f"  {alert_line(event)}")
            problem = notifier.send(new) if notifier and new else None
            if problem:
                click.echo(f"marsad: notify: {problem}", err=True)

        try:
            watch_rounds(lambda: _run_crawl(store, urls, options, status), every, max_rounds,
                         on_round=report)
        except KeyboardInterrupt:
            status.clear()
            click.echo("marsad: watch stopped", err=True)


# -- formatting --------------------------------------------------------------------------------

def _event_row(e: dict) -> tuple:
    return (e["id"], e["date"], e["type"], e["places"], e["arrested"], e.get("killed"), ages_text(e),
            e["affiliation"], e["agencies"], "bg" if e["background"] else "", e["document_id"])


def _claim_row(c: dict) -> tuple:
    period = c["period"] or (f"{c['since'] or ''}..{c['until'] or ''}"
                             if c["since"] or c["until"] else None)
    return (c["id"], c["metric"], c["value"], c["qualifier"], period, c["subset"], c["source"],
            c["document_id"])


def _event_lines(e: dict) -> list[str]:
    kind = "background" if e["background"] else "news"
    lines = [f"event {e['id']}: {e['type']} ({kind})",
             f"document: {e['document_id']}" + (f"  published {e['published']}"
                                                 if e["published"] else "")]
    places = [place_text(p) for p in e["places_detail"]] or e["places"]
    fields = [("url", e["url"]), ("date", e["date"]), ("places", ", ".join(places)),
              ("country", e["country"]), ("arrested", e["arrested"]), ("killed", e["killed"]),
              ("ages", ages_text(e)), ("affiliation", e["affiliation"]),
              ("agencies", e["agencies"]), ("partners", e["partners"]),
              ("cell name", e["cell_name"]), ("seized", e["seized"]), ("plot", e["plot"]),
              ("targets", e["targets"])]
    lines += [f"{name}: {cell(value)}" for name, value in fields if value not in (None, "", [])]
    return lines


# Interval rules that only bound an undated event by its reports (decades back): no date to show.
UNDATED_RULES = ("background", "stored")


def date_text(e: dict) -> str | None:
    """The event's own date; else its interval, marked as such (``~2024-03-04..2024-03-14``);
    an event only known to precede its reports is ``undated (by 2024-03-14)``."""
    if e.get("date") or not e.get("date_earliest"):
        return e.get("date")
    if e.get("date_rule") in UNDATED_RULES:
        return f"undated (by {e['date_latest']})"
    return f"~{e['date_earliest']}..{e['date_latest']}"


def canonical_row(e: dict) -> tuple:
    return (e["id"], date_text(e), e["type"], e["places"], e["arrested"], e.get("killed"), ages_text(e),
            e["affiliation"], e["agencies"], "bg" if e["background"] else "", e["source_count"])


def canonical_lines(e: dict, texts: dict[str, str], tty: bool) -> list[str]:
    """``marsad show`` of a canonical event: record, disagreements, sources, mentions."""
    kind = "background" if e["background"] else "news"
    lines = [f"event {e['id']}: {e['type']} ({kind}), {e['source_count']} sources, "
             f"{len(e['mentions'])} mentions"]
    values = {**e, "places": [place_text(p) for p in e["places_detail"]] or e["places"], "ages": ages_text(e)}
    lines += [f"{name.replace('_', ' ')}: {cell(values[name])}" for name in _RECORD_FIELDS
              if values[name] not in (None, "", [])]
    if e.get("date_rule"):
        lines.insert(2 if e.get("date") else 1,
                     f"dated between {e['date_earliest']} and {e['date_latest']} (time precision "
                     f"{e['time_precision']}, rule {e['date_rule']})")
    if e["reported"]:
        lines.append("reports disagree (the chosen value is marked *):")
        for name, by_value in e["reported"].items():
            chosen = cell(e.get(name)).lower()
            lines.append(f"  {name}: " + "; ".join(
                f"{'*' if value.lower() == chosen else ''}{value} ({', '.join(docs)})"
                for value, docs in by_value.items()))
    lines.append("sources:")
    lines += [f"  {s['published'] or '????-??-??'}  {s['document_id']}  "
              + "  ".join(x for x in (s["outlet"], s["lang"], s["url"]) if x) for s in e["sources"]]
    lines.append("mentions:")
    for m in e["mention_records"]:
        facts = [m["type"], m["date"], ",".join(m["places"]) or None,
                 m["arrested"] is not None and f"arrested {m['arrested']}",
                 m["killed"] is not None and f"killed {m['killed']}", m["background"] and "background"]
        lines.append(f"  {m['key']} (mention {m['id']}): " + ", ".join(str(f) for f in facts if f))
        lines += value_lines(m, texts[m["document_id"]], tty, indent="      ")
        lines += evidence_lines(m, texts[m["document_id"]], tty, indent="      ")
    return lines
