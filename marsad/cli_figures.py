"""``marsad check``: the stored figures compared with each other and with the record.

A thin layer over :mod:`marsad.figures`: the table is a page of checks
(:func:`marsad.figures.paged.check_page`, read from the claims' stored footing); json and csv
export every figure and check (:func:`marsad.figures.report.checked`).
"""
from __future__ import annotations

import click
import orjson

from .cli_base import FORMATS, db_option, main, open_store, write_csv, write_table
from .figures.record import RecordTally
from .figures.paged import check_page, page_json
from .figures.report import VERDICTS, checked, paused_gc
from .models import CLAIM_METRICS

CHECK_COLUMNS = ("verdict", "kind", "metric", "subset", "period", "figures", "record")
FIGURES_SHOWN = 6  # in a table row
LIMIT = 50  # checks in the table, unless --limit says


@main.command("check")
@db_option
@click.option("--metric", type=click.Choice(CLAIM_METRICS), help="Only figures of this metric.")
@click.option("--since", metavar="DATE", help="Only figures whose period reaches this date or later.")
@click.option("--until", metavar="DATE", help="Only figures whose period starts by this date.")
@click.option("--source", metavar="SOURCE",
              help="Only figures stated by this source: an id or any of its names, in any script.")
@click.option("--verdict", type=click.Choice(VERDICTS), help="Only checks with this verdict.")
@click.option("--limit", type=click.IntRange(min=0), default=LIMIT, show_default=True,
              help="The table's first checks (0: all). json and csv list every check.")
@click.option("--cursor", metavar="CURSOR",
              help="Start past the check this cursor names (the closing line of the page before gives it): "
                   "pages so followed stay right when the store changes between them.")
@click.option("--offset", type=click.IntRange(min=0), default=0,
              help="Skip this many checks first (table; after --cursor when given). Pages by offset shift "
                   "when the store changes between them: follow --cursor instead.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
              help="Output format: json and csv export every figure and check (they grow with the store).")
def check_command(db: str, metric: str | None, since: str | None, until: str | None, source: str | None,
                  verdict: str | None, limit: int, cursor: str | None, offset: int, fmt: str) -> None:
    """Compare the stored figures with each other and with the record's own count.

    Figures of one metric and subset whose periods are the same, follow each other in a
    series ("since 2002"), nest, or add up year by year are compared: agree, compatible,
    conflict or superseded. Each comes with the record's count over its period and the
    documents, outlets and months the store holds for it. The table shows the first
    --limit checks and says how to see the rest.
    """
    filters = {"metric": metric, "since": since, "until": until, "source": source, "verdict": verdict}
    with open_store(db, create=False) as store, paused_gc():
        if fmt == "table":
            store.fill_footing()  # claims stored before the footing was
            page = check_page(store.footing_reader(), offset=offset, limit=limit or None, figures="none",
                              series=False, after=cursor, **filters)
            result = page_json(page, lambda: RecordTally(*store.figure_tallies()), listed=FIGURES_SHOWN,
                               totals=store.record_totals())
        else:
            found = checked(store.figure_rows(metric=metric), **filters)
            result = found.json(RecordTally(*store.figure_tallies()), figures="all" if fmt == "json" else "none")
    if fmt == "json":
        # what json.dumps(result, ensure_ascii=False, indent=2) writes, 20 times faster
        click.echo(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
    elif fmt == "csv":
        write_csv([_flat(c) for c in result["checks"]])
    else:
        write_table(CHECK_COLUMNS, [_row(c) for c in result["checks"]])
        click.echo(_closing(len(result["checks"]), page.total, page.start, page.next_cursor, limit))


def _closing(shown: int, total: int, start: int, cursor: str | None, limit: int) -> str:
    """How many checks the table shows of how many, and how to see the others."""
    if shown == total:
        return f"{total} check{'s' if total != 1 else ''}"
    text = f"checks {start + 1}-{start + shown} of {total}" if shown else f"no checks past {start} of {total}"
    if cursor is not None:
        rest = total - start - shown
        text += (f"; {rest} more: --cursor {cursor} for the next {min(limit, rest)}, --limit 0 for all, "
                 "--format csv or json to export them")
    return text


def _period(p: list) -> str:
    start, end = p
    return f"{start}..{end}"


def _figure_text(f: dict) -> str:
    sign = {"more_than": ">", "at_least": "≥", "about": "~", "at_most": "≤"}.get(f["qualifier"], "")
    return f"{sign}{f['value']} ({f['source_label'] or 'no source'}, {f['document_id']})"


def _record_text(r: dict) -> str:
    if r["count"] is None:
        return f"not counted; {r['documents']} docs"
    return f"{r['count']} in {r['documents']} docs, {r['outlets']} outlets, {r['months']} months"


def _row(c: dict) -> tuple:
    return (c["verdict"], c["kind"], c["metric"], c["subset"] or "", " vs ".join(_period(p) for p in c["periods"][:2])
            + (f" +{len(c['periods']) - 2}" if len(c["periods"]) > 2 else ""),
            _figures_text(c), _record_text(c["record"]))


def _figures_text(c: dict) -> str:
    """The first FIGURES_SHOWN figures of a check, and how many more (json and csv list them all:
    a period stated by hundreds of articles would make every row of the table as wide)."""
    text = "; ".join(_figure_text(f) for f in c["figures"][:FIGURES_SHOWN])
    more = len(c["claim_ids"]) - FIGURES_SHOWN
    return text + (f"; … {more} more" if more > 0 else "")


def _flat(c: dict) -> dict:
    return {"verdict": c["verdict"], "kind": c["kind"], "metric": c["metric"], "subset": c["subset"],
            "periods": " ".join(_period(p) for p in c["periods"]), "reason": c["reason"],
            "claim_ids": " ".join(str(i) for i in c["claim_ids"]), "record_count": c["record"]["count"],
            "record_documents": c["record"]["documents"]}
