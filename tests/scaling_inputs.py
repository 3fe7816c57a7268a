"""Inputs for the scaling test and benchmark (tests/test_scaling.py, bench/bench_scaling.py).

Real-style text: the project's own articles (samples/articles.jsonl, tests/corpus) of one
language, joined by blank lines and repeated up to a size, as a long report or a
concatenated dump reads. Adversarial runs: characters that no word follows, which made
the tokenizer quadratic (issue 16).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from marsad.pipeline.language import detect_language

ROOT = Path(__file__).resolve().parents[1]

HEAD_AR = "تمكن المكتب المركزي للأبحاث القضائية من تفكيك خلية إرهابية بطنجة."
HEAD_EN = "Moroccan police dismantled a terrorist cell of four members in Tangier."

# Dense text: sentences of 25 clauses, each an operation with its place, date, count and an
# attack named beside it (anchors, mentions and dates were multiplied within a sentence, and
# a report that goes on with one event for pages was judged whole at each sentence).
DENSE_CLAUSES = {
    "ar": "وفكك المكتب المركزي خلية إرهابية وأوقف ثلاثة أشخاص في طنجة يوم 3 مارس 2024 بعد تفجير مراكش، ",
    "en": "the BCIJ dismantled a terrorist cell and arrested three suspects in Tangier on 3 March 2024 "
          "after the Marrakech bombing, ",
    "fr": "le BCIJ a démantelé une cellule terroriste et interpellé trois suspects à Tanger le 3 mars 2024 "
          "après l'attentat de Marrakech, ",
}
DENSE_CLAUSES_PER_SENTENCE = 25


@lru_cache(maxsize=None)
def articles(lang: str) -> tuple[str, ...]:
    """The bundled articles of ``lang``, in a fixed order."""
    texts = [json.loads(line)["text"] for line in
             (ROOT / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*/*.txt"))]
    return tuple(t for t in texts if t.strip() and detect_language(t) == lang)


def real_style_text(lang: str, size: int, shape: str = "paragraphs") -> str:
    """About ``size`` bytes (UTF-8) of articles of ``lang``, one after another.

    shape: "paragraphs" (articles as written, a blank line between them), "one_line"
    (no line breaks at all), "no_stops" (no line breaks and no sentence punctuation:
    the whole text is one sentence, as a transcript or a badly scraped page can be) or
    "dense" (sentences packed with operations: DENSE_CLAUSES).
    """
    if shape == "dense":
        sentence = DENSE_CLAUSES[lang] * DENSE_CLAUSES_PER_SENTENCE + ". "
        n = len(sentence.encode("utf-8"))
        return sentence * max(1, round(size / n))
    parts, n = [], 0
    src = articles(lang)
    while n < size:
        t = src[len(parts) % len(src)]
        parts.append(t)
        n += len(t.encode("utf-8")) + 2
    text = "\n\n".join(parts)
    if shape == "one_line":
        text = text.replace("\n", " ")
    elif shape == "no_stops":
        text = text.translate({ord(c): " " for c in ".!?؟\n"})
    return text


def adversarial_runs() -> dict[str, tuple[str, str]]:
    """Name -> (language, text): long runs that no word follows."""
    return {
        # a stop after the spaces keeps them inside a sentence (at the very end of a text
        # they are no sentence at all), as in ../shared/repro/quadratic_gap_run.jsonl
        "20,000 spaces after a sentence": ("ar", HEAD_AR + " " * 20_000 + "."),
        "20,000 spaces ending a text": ("ar", HEAD_AR + " " * 20_000),
        "20,000 spaces (English)": ("en", HEAD_EN + " " * 20_000 + "."),
        "20,000 tabs": ("ar", HEAD_AR + "\t" * 20_000 + "."),
        "12,000 «": ("ar", "«" * 12_000),
        "12,000 » after a sentence": ("ar", HEAD_AR + "»" * 12_000),
        '20,000 "': ("ar", HEAD_AR + '"' * 20_000),
        "20,000 '": ("en", HEAD_EN + "'" * 20_000),
        "10,000 ( and 10,000 )": ("ar", HEAD_AR + "(" * 10_000 + ")" * 10_000),
        "20,000 [": ("ar", HEAD_AR + "[" * 20_000),
        "20,000 -": ("ar", HEAD_AR + "-" * 20_000),
        "20,000 —": ("en", HEAD_EN + "—" * 20_000),
        '5,000 ␠"-(': ("ar", HEAD_AR + ' "-(' * 5_000),
        "20,000 line breaks": ("ar", HEAD_AR + "\n" * 20_000),
        "20,000 commas": ("ar", HEAD_AR + "," * 20_000),
        "10,000 stops and spaces": ("en", HEAD_EN + ". " * 10_000),
        "5,000 thousands groups «1,000,000,…»": ("en", "1" + ",000" * 5_000 + ".5"),
        # a run between a speaker's name and the verb: the words between them were searched
        # from every space of the run (found by scripts/fuzz.py: 5.6 s)
        "20,000 spaces between a speaker and the verb": ("en", HEAD_EN + "\n\nCherkaoui Habboub, who heads the"
            + " " * 20_000 + "Central Bureau of Judicial Investigation (BCIJ), told reporters on Monday "
            "that more than 40 of the cells dismantled in recent years had links to the Sahel.\n"),
        "20,000 spaces between a speaker and the verb (French)": ("fr", "La police a démantelé une "
            "cellule à Tanger.\n\nCherkaoui Habboub, qui dirige le" + " " * 20_000 + "Bureau central "
            "d'investigations judiciaires (BCIJ), a indiqué lundi que plus de 40 cellules démantelées "
            "avaient des liens avec le Sahel.\n"),
    }
