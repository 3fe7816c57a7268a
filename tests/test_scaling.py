"""Extraction time grows linearly with the text (issue 16, defect 2).

Runs of spaces, quotes, brackets or dashes that no word follows were quadratic in the
tokenizer (20,000 spaces after a sentence: 11 s), and several stages compared every
match with every other one (1 MB of articles: 6-9 s, 5 MB: a minute). The time bounds
here are generous guards against that growth, not speed tests (bench/bench_scaling.py
reports speed): CPU time, the best of a few runs.
"""
from __future__ import annotations

import gc
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_inputs import adversarial_runs, real_style_text

from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.text.normalize import normalize_text
from marsad.text.spans import Spans
from marsad.text.tokens import _TOKEN_RE, MAX_SENTENCE_TOKENS, sentence_bounds, tokenize

ROOT = Path(__file__).resolve().parents[1]
REPRO = ROOT.parent / "shared" / "repro"

SMALL, LARGE = 25_000, 400_000  # bytes: 16 times the text
# s/KB at LARGE over s/KB at SMALL: linear about 1.2 (up to 2.2 seen on a loaded machine with
# the collector on), quadratic about 16; main before issue 16 gave 4-6 here in en and fr at 32
# times the text (about 3 at 16 times: the bound still fails it)
GROWTH_BOUND = 3.0
RUN_BOUND = 2.0  # seconds for one adversarial run of 20,000 characters (it took 11 s)


def cpu_best(fn, repeat: int) -> float:
    """The least CPU time of ``repeat`` runs, the garbage collector off while timing (its
    pauses depend on the whole process's heap, not on the text)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t = time.process_time()
            fn()
            best = min(best, time.process_time() - t)
        finally:
            gc.enable()
    return best


def extract_seconds(lang: str, text: str, repeat: int) -> float:
    return cpu_best(lambda: extract(Document(id="scaling", text=text, lang=lang)), repeat)


@pytest.mark.parametrize("lang, shape", [("ar", "paragraphs"), ("en", "paragraphs"), ("fr", "paragraphs"),
                                         ("ar", "no_stops"), ("en", "dense")])
def test_seconds_per_kb_do_not_grow_with_the_text(lang, shape):
    small, large = real_style_text(lang, SMALL, shape), real_style_text(lang, LARGE, shape)
    per_kb_small = extract_seconds(lang, small, 5) / len(small.encode())
    per_kb_large = extract_seconds(lang, large, 2) / len(large.encode())
    assert per_kb_large / per_kb_small < GROWTH_BOUND, (
        f"{lang} {shape}: {per_kb_small * 1e6:.2f} ms/KB at {SMALL // 1000} KB, "
        f"{per_kb_large * 1e6:.2f} ms/KB at {LARGE // 1000} KB")


@pytest.mark.parametrize("name", list(adversarial_runs()))
def test_adversarial_run_finishes_quickly(name):
    lang, text = adversarial_runs()[name]
    record = extract(Document(id="run", text=text, lang=lang))  # and gives a record
    assert record.id == "run"
    for ev in record.events:
        assert all(0 <= a <= b <= len(text) for a, b in ev.evidence)
    seconds = extract_seconds(lang, text, 2)
    assert seconds < RUN_BOUND, f"{name}: {seconds:.2f} s"


@pytest.mark.parametrize("name", ["quadratic_gap_run.jsonl", "quote_storm.jsonl"])
def test_repro_file_extracts_quickly(name, tmp_path):
    """The probe's inputs through the CLI: every line gives a record, in seconds of CPU."""
    path = REPRO / name
    if not path.exists():
        pytest.skip(f"{path} not found (../shared/repro is not part of a clone)")
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = tmp_path / "out.jsonl"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cli = "import sys; from marsad.cli import main; sys.exit(main())"
    proc = subprocess.run([sys.executable, "-c", cli, "extract", "--input", str(path), "--output", str(out)],
                          capture_output=True, text=True, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ids
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    assert cpu < 3, f"{name}: {cpu:.1f} s of CPU (before issue 16: 11 s for the gap run, 4.6 s for the quotes)"


# --- the tokenizer is the plain definition, computed in linear time ---------------------

_SOFT = set(" \t\n\r\"'()-")


def reference_tokens(text: str) -> list[tuple]:
    """Tokens by definition: each match of the token pattern in its sentence; soft before
    when only soft characters separate it from the previous token of the sentence."""
    out = []
    for si, (s, e) in enumerate(sentence_bounds(text)):
        prev = None
        for m in _TOKEN_RE.finditer(text, s, e):
            soft = prev is not None and all(c in _SOFT for c in text[prev:m.start()])
            out.append((m.group(), m.start(), m.end(), si, soft))
            prev = m.end()
    return out


_PIECES = [" ", "  ", "\t", "\n", "\n\n", '"', "'", "(", ")", "-", ",", ".", ". ", "!", "?", "؟", "«", "»", "_",
           "/", ":", "²", "①", "1", "12", "123", "1,000", "4.304", "1 400", "٣", "word", "Rabat", "M.",
           "خلية", "الدار", "ً", "\u200b"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_tokenize_matches_the_definition(pieces):
    text = normalize_text("".join(pieces))
    tokens, sentences = tokenize(text)
    assert [tuple(t) for t in tokens] == reference_tokens(text)
    assert [(s.start, s.end) for s in sentences] == sentence_bounds(text)


def test_a_very_long_sentence_is_read_in_pieces():
    """A text without sentence punctuation is cut every MAX_SENTENCE_TOKENS tokens at most,
    after a comma when the second half of the piece has one."""
    words = ["word"] * 700 + [","] + ["word"] * 700
    tokens, sentences = tokenize(" ".join(words))
    assert len(tokens) == 1400
    assert all(s.last_token - s.first_token <= MAX_SENTENCE_TOKENS for s in sentences)
    assert [s.first_token for s in sentences] == [0, 400, 700, 1100]  # the comma's piece ends before it
    for s in sentences:
        assert all(tokens[k].sentence == s.index for k in range(s.first_token, s.last_token))
        assert not tokens[s.first_token].soft_before
        assert all(tokens[k].soft_before for k in range(s.first_token + 1, s.last_token) if k != 700)
    assert [(s.start, s.end) for s in sentences][0][0] == 0 and sentences[-1].end == len(" ".join(words))
    assert all(a.end == b.start for a, b in zip(sentences, sentences[1:]))


# --- spans taken: one bisection answers what a scan of every span answered ---------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=40), st.integers(0, 40),
       st.integers(0, 6))
def test_spans_answer_as_a_scan_of_every_span(offers, lo, width):
    spans, taken = Spans(), []
    for start, length in offers:
        end = start + length
        overlaps = any(a < end and start < b for a, b in taken)
        assert spans.overlaps(start, end) == overlaps
        assert spans.take(start, end) == (not overlaps)
        if not overlaps:
            taken.append((start, end))
    assert spans.starts_within(lo, lo + width) == any(lo <= a <= lo + width for a, _ in taken)
