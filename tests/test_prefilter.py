"""The pre-filter (marsad.pipeline.prefilter) never rejects what relevance accepts: the records
are the same with and without it on every article at hand, and every counter-terrorism
mention the lexicon matcher finds is let through."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from marsad.evaluation import load_corpus
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.pipeline.language import detect_language
from marsad.pipeline.mentions import document_text, lexicon_entries, lexicon_matcher
from marsad.pipeline.prefilter import may_be_relevant
from marsad.pipeline.relevance import CT_KINDS
from marsad.text.dates import date_phrases
from marsad.text.tokens import _PREFIXES, _phrase_words, tokenize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_FILES = ("seeds/seeds.jsonl", "eval/dev/docs.jsonl", "eval/dev2/docs.jsonl", "eval/dev3/docs.jsonl")
LANGS = ("ar", "fr", "en")


def _jsonl(path: Path) -> list[Document]:
    return [Document.from_dict(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _ct_found(text: str, lang: str) -> bool:
    """Whether the lexicon matcher finds a counter-terrorism mention in the document text."""
    return any(m.label in CT_KINDS for m in lexicon_matcher(lang).find(tokenize(text)[0]))


def _check(docs: list[Document]) -> int:
    """Assert the record with the pre-filter is the one without, for each document and, when the
    pre-filter dismisses it, for the document without its publication date too (the date is then
    looked for in the text). Returns how many were dismissed."""
    dismissed = 0
    for doc in docs:
        lang = doc.lang or detect_language(doc.text)
        text = document_text(doc, lang).text if lang in LANGS else None
        if text is not None and not may_be_relevant(text, lang):
            dismissed += 1
            assert not _ct_found(text, lang), doc.id
            variants = [doc, dataclasses.replace(doc, published=None)]
        else:
            variants = [doc]
        for d in variants:
            assert extract(d).to_dict() == extract(d, prefilter=False).to_dict(), (d.id, d.published)
    return dismissed


def test_same_records_on_the_ordinary_news():
    dismissed = _check(_jsonl(ROOT / "bench" / "ordinary_news.jsonl"))
    assert dismissed >= 200  # nearly all the 210 ordinary articles


@pytest.mark.parametrize("folder", ["ar", "fr", "en", "events", "heldout"])
def test_same_records_on_the_corpus(folder):
    docs = load_corpus(ROOT / "tests" / "corpus" / folder)[0]
    assert docs
    _check(docs)


@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared/eval not present: the gold sets are not compared")
@pytest.mark.parametrize("rel", SHARED_FILES)
def test_same_records_on_the_gold_sets(rel):
    path = SHARED / rel
    if not path.is_file():
        pytest.skip(f"{path} not present")
    _check(_jsonl(path))


def _texts(words: tuple[str, ...], lang: str) -> list[str]:
    """Texts in which the phrase of ``words`` is written: bare, in a sentence, and in Arabic with
    each clitic prefix on each word."""
    words = tuple(w.replace("*", "ات") if w.endswith("*") else w for w in words if w != "~")
    out = [" ".join(words), "Xx " + ' "'.join(words) + " xX."]
    if lang == "ar":
        for k in range(len(words)):
            for p in _PREFIXES:
                out.append(" ".join(words[:k] + (p + words[k],) + words[k + 1:]))
                if words[k].startswith("ال"):
                    out.append(" ".join(words[:k] + (p + words[k][2:],) + words[k + 1:]))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_counter_terrorism_phrase_written_alone_is_let_through(lang):
    """Each lexicon phrase of a CT kind, however glued, passes whenever the matcher finds it."""
    tried = 0
    for phrase, label, _ in lexicon_entries(lang):
        if label not in CT_KINDS:
            continue
        for text in _texts(_phrase_words(phrase), lang):
            if _ct_found(text, lang):
                tried += 1
                assert may_be_relevant(text, lang), (phrase, text)
    assert tried > 50


@pytest.mark.parametrize("lang", LANGS)
def test_the_date_words_are_matched_apart_from_the_rest(lang):
    """The cheap path scans dates with the date words alone: it relies on no other lexicon
    label starting with «date:»."""
    dated = [e for e in lexicon_entries(lang) if e[1].startswith("date:")]
    assert dated == date_phrases(lang)


def test_an_ordinary_article_is_dismissed_and_keeps_its_dateline():
    text = "الرباط في 12 مارس 2024 (و م ع) - فاز الفريق الوطني لكرة القدم على منتخب غانا بهدفين."
    doc = Document(id="o1", text=text, lang="ar")
    assert not may_be_relevant(document_text(doc, "ar").text, "ar")
    rec = extract(doc)
    assert rec.relevant is False and rec.published == "2024-03-12"
    assert rec.to_dict() == extract(doc, prefilter=False).to_dict()
