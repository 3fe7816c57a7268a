"""``marsad eval``: measure marsad on annotated articles (a thin layer over marsad.evaluation).

The scoring is :mod:`marsad.scoring` (the contract scorer's counting); this module
only prints its :class:`~marsad.scoring.Report`. Bad input (a missing file, a line
that is not JSON, a gold record without id) is one ``marsad: error: FILE:LINE: …``
line on stderr and exit status 2.
"""
from __future__ import annotations

import json
import sys
from typing import Any

import click

from .cli_base import CliError, isatty, main
from .errors import InputError
from .evaluation import evaluate
from .scoring import ERROR_FIELDS, Counts, Mismatch, Report

MAX_VALUE_WIDTH = 32  # the expected and found columns are padded up to this


class EvalInputError(CliError):
    """Unusable eval input: exit status 2, as for a wrong command line."""

    exit_code = 2


@main.command("eval")
@click.argument("gold", metavar="GOLD")
@click.argument("pred", required=False, metavar="[PRED]")
@click.option("--docs", "docs", metavar="DOCS",
              help="The documents (SPEC input: JSON Lines, or any input `marsad extract` reads): "
                   "errors quote their sentences, and without PRED they are extracted.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--field", "only", type=click.Choice(ERROR_FIELDS), metavar="FIELD",
              help="Show only this field's errors (event, claim, relevant, published, or an "
                   "event or claim field such as places or source).")
@click.option("--errors/--no-errors", default=True, show_default=True,
              help="List each missed, wrong or spurious value after the scores.")
def eval_command(gold: str, pred: str | None, docs: str | None, fmt: str, only: str | None,
                 errors: bool) -> None:
    """Score predicted records against gold records, per field, with the errors.

    GOLD is a JSON Lines file of gold SPEC records (`a|b` accepts either value, a
    trailing `?` marks a value optional) or a corpus folder of `<id>.txt` +
    `<id>.json` files (`{"input": {...}, "expected": <record>}`). PRED is a JSON
    Lines file of `marsad extract` output; without it the documents (from the corpus
    folder or --docs) are extracted now. Counts are those of the SPEC's scorer
    (eval/score.py): events, news events, event slots, claims, relevance accuracy
    and every field.
    Each error names the document, the field, the expected and the found value, and
    the sentence behind it.
    """
    try:
        report = evaluate(gold, pred, docs)
    except InputError as e:
        raise EvalInputError(str(e)) from e
    shown = [e for e in report.errors if only is None or e.field == only] if errors else []
    if fmt == "json":
        out = report.to_dict(errors=False)
        if errors:
            out["errors"] = [e.to_dict() for e in shown]
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    for line in summary_lines(report):
        click.echo(line)
    if errors:
        for line in error_lines(report, shown, isatty(sys.stdout)):
            click.echo(line)


def summary_lines(report: Report) -> list[str]:
    """The scores as the contract's scorer prints them."""
    acc = report.summary()["relevant_acc"]
    lines = [f"docs {report.docs} (missing from predictions: {len(report.docs_missing)})  "
             f"relevant accuracy {acc}",
             f"{'':16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, c in [("events", report.events), ("events (news)", report.events_main),
                    ("event slots", report.slots), ("claims", report.claims)]:
        lines.append(f"{name:16}{_row(c)}")
    lines.append("-- event fields")
    lines += [f"  {f:14}{_row(report.fields[f])}" for f in sorted(report.fields)]
    lines.append("-- claim fields")
    lines += [f"  {f:14}{_row(report.claim_fields[f])}" for f in sorted(report.claim_fields)]
    return lines


def _row(c: Counts) -> str:
    return f"{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:6}{c.fp:6}{c.fn:6}"


def error_lines(report: Report, errors: list[Mismatch], tty: bool) -> list[str]:
    """The errors grouped by field; one line each: doc, field, expected, found, sentence."""
    lines = []
    if report.docs_missing:
        lines += ["", f"-- missing from predictions: {', '.join(report.docs_missing)}"]
    by_field: dict[str, list[Mismatch]] = {}
    for e in errors:
        by_field.setdefault(e.field, []).append(e)
    for name in ERROR_FIELDS:
        group = by_field.get(name)
        if not group:
            continue
        kinds = {k: sum(e.kind == k for e in group) for k in ("missed", "wrong", "spurious")}
        lines += ["", f"-- {name}: {len(group)} error{'s' * (len(group) > 1)} ("
                  + ", ".join(f"{n} {k}" for k, n in kinds.items() if n) + ")"]
        where = [f"{e.doc}/{e.where}" if e.where else e.doc for e in group]
        expected = [f"expected {_value(e.expected)}" for e in group]
        found = [f"found {_value(e.found)}" for e in group]
        widths = [min(max(map(len, col)), MAX_VALUE_WIDTH + 9) for col in (where, expected, found)]
        for e, w, x, f in zip(group, where, expected, found):
            cells = [w.ljust(widths[0]), name, x.ljust(widths[1]), f.ljust(widths[2])]
            lines.append("  ".join(cells + [_sentence(e, tty)]).rstrip())
    return lines


def _value(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _sentence(e: Mismatch, tty: bool) -> str:
    if not e.sentences:
        return ""
    first = e.sentences[0]
    if tty:
        text = (first.text[:first.start] + click.style(first.text[first.start:first.end], bold=True,
                                                        reverse=True) + first.text[first.end:])
    else:
        text = first.marked()
    more = len(e.sentences) - 1
    return f"| {text}" + (f"  (+{more} more)" if more else "")
