"""``marsad bulk`` (Dask) and ``marsad export`` (ACLED-style CSV and JSON, Parquet): thin
layers over :mod:`marsad.bulk`, :mod:`marsad.server.export` (the API's exports) and
:mod:`marsad.parquet`, added to :data:`marsad.cli.main`.

Bulk and Parquet need the ``scale`` extra (``pip install 'marsad[scale]'``: dask/distributed,
pyarrow).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from .cli_base import (CliError, db_option, event_filter_options, event_filters, isatty, main, open_store,
                       print_problem)


def _needs(module: str) -> None:
    try:
        __import__(module)
    except ImportError:
        raise CliError(f"this command needs {module.split('.')[0]}: "
                       "pip install 'marsad[scale]'") from None


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="INPUT...")
@db_option
@click.option("--scheduler", metavar="tcp://HOST:8786",
              help="Address of a running Dask scheduler (`dask scheduler`); default: a "
                   "cluster of --workers processes on this machine.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster [default: the CPU count].")
@click.option("--parquet-out", type=click.Path(file_okay=False), metavar="DIR",
              help="After the run, write the store as Parquet here (as `marsad export --format parquet`).")
@click.option("--part-size", type=click.IntRange(min=1), default=None, metavar="BYTES",
              help="Input per task, in bytes [default: 2000000].")
def bulk(paths: tuple[str, ...], db: str, scheduler: str | None, workers: int | None,
         parquet_out: str | None, part_size: int | None) -> None:
    """Read, extract and store documents on a Dask cluster: JSONL (.jsonl, .jsonl.gz),
    web archives, Parquet, any file `ingest` reads, or folders of them.

    Workers extract; documents are stored through one writer (SQLite) in input order,
    so the store is the one `marsad ingest` would make; canonical events are resolved
    once at the end. A rerun skips what is stored.
    """
    _needs("distributed")
    if scheduler and workers:
        raise CliError("--scheduler and --workers exclude each other (the scheduler's "
                       "workers do the work)")
    if parquet_out:
        _needs("pyarrow")
    import os

    from .bulk import PART_BYTES, StoreTarget, bulk_ingest, connect

    with connect(scheduler, workers or os.cpu_count()) as client:
        if client.dashboard_link:
            click.echo(f"marsad: dashboard: {client.dashboard_link}", err=True)
        try:
            summary = bulk_ingest(paths, StoreTarget(db), client, part_size or PART_BYTES,
                                  on_problem=print_problem, show_progress=isatty(sys.stdout))
        except KeyboardInterrupt:
            click.echo("\nmarsad: interrupted: what was stored stays; run the same command "
                       "again to go on", err=True)
            sys.exit(130)
    click.echo(str(summary))
    if parquet_out:
        _export(db, parquet_out)
    if summary.failed or summary.warnings:
        sys.exit(1)


EXPORT_FORMATS = ("acled-csv", "csv", "json", "parquet")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True,
              help="acled-csv: ACLED's column names and order; csv, json: those columns and marsad's "
                   "own (docs/api.md, as /api/export.csv); parquet: the whole store's tables.")
@click.option("--output", "-o", type=click.Path(), metavar="PATH",
              help="File to write (csv, json; stdout by default), or folder for the Parquet tables.")
@event_filter_options
@click.option("--one-row-per-place", is_flag=True,
              help="One row per place of an event (as ACLED codes an event in several locations), "
                   "the rows sharing its id; arrested and fatalities on the first place's row only.")
def export(db: str, fmt: str, output: str | None, one_row_per_place: bool, **given: Any) -> None:
    """Write canonical events as ACLED-style CSV or JSON (the filters of `marsad events`,
    oldest first), or the store's documents, claims, event mentions and canonical events
    as Parquet, partitioned by year and month (schema: docs/parquet.md)."""
    filters = event_filters(**given)
    if fmt == "parquet":
        if any(v is not None for v in filters.values()) or one_row_per_place:
            raise CliError("--format parquet writes the whole store: the filters and "
                           "--one-row-per-place are for acled-csv, csv and json")
        if output is None:
            raise CliError("--format parquet needs --output DIR (a folder for the tables)")
        _needs("pyarrow")
        _export(db, output)
        return
    from .server.export import write_export
    from .store.browse import Filters
    chosen = Filters(**filters)  # InputError for a date that does not exist
    with open_store(db, create=False) as store:
        batches = store.event_batches(chosen)
        if output is None:
            try:
                write_export(batches, fmt, sys.stdout, one_row_per_place)
                sys.stdout.flush()
            except BrokenPipeError:  # `marsad export | head`: the reader has what it wanted
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        count = _write_file(Path(output), lambda f: write_export(batches, fmt, f, one_row_per_place))
    click.echo(f"exported {count} event{'s' * (count != 1)} to {output}")


def _write_file(path: Path, write: Any) -> int:
    """``write(file)`` into a file beside ``path`` renamed over it once complete (a failed
    export leaves no half file)."""
    if path.is_dir():
        raise CliError(f"{path} is a folder: give a file name for --format csv, json or acled-csv")
    part = path.with_name(path.name + ".part")
    try:
        with open(part, "w", encoding="utf-8", newline="") as f:
            result = write(f)
        os.replace(part, path)
    except OSError as e:
        raise CliError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        part.unlink(missing_ok=True)
    return result


def _export(db: str, output: str) -> None:
    from .parquet import export_parquet

    with open_store(db, create=False) as store:
        counts = export_parquet(store, output)
    click.echo(f"exported to {output}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
