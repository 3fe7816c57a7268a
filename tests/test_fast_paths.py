"""The fast paths of extraction give what the plain code they replace gives, on every article at
hand (tests/corpus, bench/ordinary_news.jsonl and, when present, ../shared's seeds and gold sets):
records must stay byte-identical when extraction is made faster."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from marsad.evaluation import load_corpus
from marsad.models import Document
from marsad.text import normalize as N

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_FILES = ("seeds/seeds.jsonl", "eval/dev/docs.jsonl", "eval/dev2/docs.jsonl", "eval/dev3/docs.jsonl")


@lru_cache(maxsize=None)
def _articles() -> tuple[Document, ...]:
    """Every article at hand: the test corpus, the ordinary news and the shared sets when present."""
    docs = list(load_corpus(ROOT / "tests" / "corpus")[0])
    paths = [ROOT / "bench" / "ordinary_news.jsonl"] + [SHARED / f for f in SHARED_FILES if (SHARED / f).is_file()]
    for p in paths:
        docs += [Document.from_dict(json.loads(line)) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple(docs)


def test_fold_is_translate():
    """normalize's replacement of the characters a text holds is str.translate with the table."""
    assert not N._CHAINED  # else _fold is translate itself and the test proves nothing
    every = "".join(N._KEYS)
    samples = [every, every[::-1], "x" + "\u064e".join(every) + "Y", ""] + [d.text for d in _articles()]
    for text in samples:
        assert N._fold(text) == text.translate(N._TABLE)
    assert len(_articles()) >= 400  # the corpus and the ordinary news at least


def _reference_find(matcher, tokens, gapped: list | None = None) -> list:
    """PhraseMatcher.find as first written: every candidate phrase through the recursive
    ``_match_rest``, the longest per label at each position, in the same order (``gapped``
    collects the gapped phrases that matched)."""
    from marsad.text.tokens import Match, stems

    out = []
    for i, t in enumerate(tokens):
        heads = matcher._heads(t.text)
        if heads is None:
            continue
        loose, by_second = heads
        candidates = loose
        if by_second and i + 1 < len(tokens) and tokens[i + 1].soft_before:
            candidates = loose + tuple(e for s in stems(tokens[i + 1].text) for e in by_second.get(s, ()))
        best: dict = {}
        for words, label, value in candidates:
            stop = matcher._match_rest(tokens, words, 1, i + 1)
            if stop is not None and gapped is not None and "~" in words:
                gapped.append(words)
            if stop is not None and (label not in best or stop > best[label].end):
                best[label] = Match(i, stop, label, value)
        out.extend(best.values())
    return out


def test_phrase_matcher_is_the_plain_matcher():
    """Every matcher of extraction (the lexicon with its places and date words, the claims' metric
    nouns, the gazetteer, the date words; memoized per pair of words, gapped phrases as a loop)
    finds the same matches in the same order as the plain recursive matcher, on every article's
    tokens, on a window of them (as the claims stage asks) and on them cut at a sentence's end
    (a gap that would run past the last token)."""
    from marsad.gazetteer import load_gazetteer
    from marsad.pipeline.claims import _metric_matcher
    from marsad.pipeline.language import detect_language
    from marsad.pipeline.mentions import document_text, lexicon_matcher
    from marsad.text.dates import _date_matcher
    from marsad.text.tokens import tokenize

    gapped: list = []
    orders = 0  # positions where two labels matched, or one label twice (the order is the test)
    for doc in _articles():
        lang = doc.lang or detect_language(doc.text)
        if lang not in ("ar", "fr", "en"):
            continue
        tokens, sentences = tokenize(document_text(doc, lang).text)
        lexicon = lexicon_matcher(lang)
        expected = _reference_find(lexicon, tokens, gapped)
        assert lexicon.find(tokens) == expected, doc.id
        orders += len(expected) - len({m.start for m in expected})
        for matcher in (_metric_matcher(lang), load_gazetteer()._matcher, _date_matcher(lang)):
            assert matcher.find(tokens) == _reference_find(matcher, tokens), doc.id
        s = sentences[len(sentences) // 2]  # the tokens cut at a sentence's end
        cut = tokens[:s.last_token]
        assert lexicon.find(cut, s.first_token) == [m for m in _reference_find(lexicon, cut) if m.start >= s.first_token]
        lo, hi = len(tokens) // 3, len(tokens) // 3 + 6  # a window: matches start in it, may end past it
        assert lexicon.find(tokens, lo, hi) == [m for m in expected if lo <= m.start < hi]
    assert len(set(gapped)) > 20  # many gapped phrases matched
    assert orders > 1000


def test_gapped_phrases_on_random_texts():
    """Random texts over a few words and breaks (space, comma, stop): the matcher's phrases match
    where, and in the order, the plain recursive matcher matches them: gapped ones (words before
    and after the gap, prefix words, gaps at a sentence's end, hard breaks after the gap) and
    plain ones of one to three words competing at one word (longest per label, labels in order)."""
    import random

    from marsad.text.tokens import PhraseMatcher, tokenize

    matcher = PhraseMatcher([("alpha ~ beta", "p", 1), ("alpha gamma ~ beta gamma", "p", 2),
                             ("alpha ~ bet* delta", "q", 3), ("gamma ~ alpha", "q", 4),
                             ("alpha", "q", 5), ("beta ~ beta", "r", 6), ("وحدة ~ الخلية", "r", 7),
                             # without a gap: labels and lengths that compete at one word
                             ("alpha gamma", "r", 8), ("alpha gam*", "p", 9), ("alpha gamma delta", "r", 10),
                             ("gamma", "p", 11), ("gamma", "q", 12), ("gamma delta alpha", "p", 13),
                             ("bet*", "r", 14), ("beta delta", "r", 15), ("وحدة الخلية", "p", 16),
                             ("gam*", "p", 17)])
    words = ["alpha", "beta", "gamma", "delta", "betas", "x", "وحدة", "والخلية", "خلية"]
    rng = random.Random(14)
    hits = 0
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice([" ", " ", " ", ", ", ". ", " - "])
                       for _ in range(rng.randint(1, 12)))
        tokens = tokenize(text)[0]
        expected = _reference_find(matcher, tokens)
        assert matcher.find(tokens) == expected, text
        hits += sum(m.end - m.start > 2 for m in expected)
    assert hits > 500


def test_word_forms_hold_every_token_a_word_is_a_stem_of():
    """A gapped phrase is skipped when no token is among its next word's ``word_forms``: sound
    only if every token whose stems hold a word is among the word's forms (every article's tokens)."""
    from marsad.text.tokens import stems, tokenize, word_forms

    texts = {t.text for doc in _articles() for t in tokenize(doc.text.lower())[0]}
    texts |= {"للأبحاث", "وبالدار", "فللمتفجرات", "كالأمس", "والخلية"}
    pairs = [(s, t) for t in texts for s in stems(t)]
    assert len(pairs) > len(texts) + 1000  # clitics were taken off
    assert all(t in word_forms(s) for s, t in pairs)


def test_required_words_of_patterns():
    """A pattern's required words: literal runs, groups, repeats taken at least once, alternations
    whose every branch has some; nothing from a lookaround, an optional part or a case-blind one."""
    import re

    from marsad.text.patterns import may_match, required_words

    cases = {
        r"(?P<n>\d{1,4})\s*+(?:قتلي|قتيلا|ضحايا)": ("ضحايا", "قتلي", "قتيلا"),
        r"(?:جريمه\s+)?(?:القتل|قتل)\s+(?P<two>مزدوج|المزدوج)":
            ("المزدوج", "مزدوج"),
        r"(?:ab)+\d": ("ab",), r"(?:ab)*c": ("c",), r"(?:x|yz)\d(?:killed|dead)": ("dead", "killed"),
        r"(?<!age )\d+ years": (" years",), r"(?=abc)\d+": (), r"a|\d": (), r"(?i)abc": (), r"(?i:ab)c": ("c",),
        r"[ab]\d": (), r"\d+": (), r"(?:a|ab)": ("a",), r"(?:ab|cd)?e|f": ("e", "f"), r"(?:ab|cd)?\de|\d": (),
    }
    for pattern, words in cases.items():
        assert required_words(re.compile(pattern)) == words, pattern
    words = required_words(re.compile(r"\d+ (?:dead|killed)"))
    assert may_match(words, "3 killed") and not may_match(words, "3 injured")
    assert not may_match(words, "killed, 3 injured", 7) and may_match(words, "3 dead", 0, 6)
    assert not may_match(words, "3 dead", 0, 5) and may_match((), "")


def test_guarded_scans_hold_their_words():
    """Every match of every pattern scanned behind a required-words guard, on every article,
    holds one of the words in the text it consumed: where none is, the scan finds nothing."""
    from marsad.pipeline import claims, events, mentions
    from marsad.pipeline.language import detect_language

    guarded: dict[str, list] = {}
    for lang in ("ar", "en", "fr"):
        pairs = list(mentions._guarded(lang, "killed")) + [p for ps in mentions._age_patterns(lang) for p in ps]
        pairs += [(rx, w) for _, rx, w in claims._guarded_periods(lang)] + list(events._cell_name_guarded(lang))
        pairs += [p for name in ("caption_line", "teaser_line") for p in mentions._guarded_lines(lang, name)]
        guarded[lang] = [(rx, w) for rx, w in pairs if w]
        assert len(guarded[lang]) >= 20
    matches = 0
    for doc in _articles():
        lang = doc.lang or detect_language(doc.text)
        if lang not in guarded:
            continue
        text = mentions.document_text(doc, lang).text
        for rx, words in guarded[lang]:
            for m in rx.finditer(text):
                assert any(w in m.group(0) for w in words), (doc.id, rx.pattern)
                matches += 1
    assert matches >= 300
