"""``marsad bulk`` (Dask) and ``marsad export`` (Parquet): thin layers over
:mod:`marsad.bulk` and :mod:`marsad.parquet`, added to :data:`marsad.cli.main`.

Both need the ``scale`` extra (``pip install 'marsad[scale]'``: dask/distributed, pyarrow).
"""
from __future__ import annotations

import sys
import click

from .cli_base import CliError, db_option, isatty, main, open_store, print_problem


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
              help="After the run, write the store as Parquet here (as `marsad export`).")
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


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet"]), default="parquet",
              show_default=True, help="Output format (Parquet, partitioned by year and month).")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for the tables (documents, claims, mentions, events).")
def export(db: str, fmt: str, output: str) -> None:
    """Write the store's documents, claims, event mentions and canonical events as Parquet,
    partitioned by year and month (schema: docs/parquet.md)."""
    _needs("pyarrow")
    _export(db, output)


def _export(db: str, output: str) -> None:
    from .parquet import export_parquet

    with open_store(db, create=False) as store:
        counts = export_parquet(store, output)
    click.echo(f"exported to {output}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
