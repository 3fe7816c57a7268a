"""Tokens, sentences and clitic-aware phrase matching over normalized text.

Arabic glues conjunctions, prepositions and the article to the next word:
«وبالدار البيضاء», «لداعش», «والعيون», «للأبحاث». :func:`stems` lists the forms a
token may have once those clitics are removed, and :class:`PhraseMatcher` uses them
so that a phrase written once in a data file («الدار البيضاء», «داعش») matches
every glued form.
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import Any, Iterable, NamedTuple

from .normalize import NormalizedText, normalize_text

# A number with thousands separators («3,129», «4.304», «1 400») or plain digits, or a
# run of letters. Digits and letters are split so that «16ماي2003» gives three tokens.
# At most MAX_GROUPS groups of three: a longer chain «1,000,000,…» that the lookahead
# refuses would be backtracked from every group, quadratic in its length.
MAX_GROUPS = 20
_TOKEN_RE = re.compile(r"\d{1,3}(?:[.,\u066c ]\d{3}){1,%d}(?!\d|[.,]\d)|\d+|[^\W\d_]+" % MAX_GROUPS)
# A token and the characters before it that cannot start one: first the soft ones, which
# do not break a phrase (group 1), then any others. A gap is taken only where the previous
# token ended (the lookbehind), and possessively, so a run that no token follows is crossed
# once, not once from each of its characters («««« or 20,000 spaces: linear, not quadratic).
_GAP_TOKEN_RE = re.compile(r"(?:(?<![\W_])([ \t\n\r\"'()\-]*+)[\W_]*+)?(" + _TOKEN_RE.pattern + ")")

_PREFIXES = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
             "وب", "ول", "وك", "فب", "فل", "ال", "و", "ف", "ب", "ل", "ك")


class Token(NamedTuple):
    text: str  # normalized
    start: int  # offsets in the normalized text
    end: int
    sentence: int
    soft_before: bool  # only spaces/quotes separate it from the previous token

    @property
    def is_number(self) -> bool:
        return is_number_text(self.text)


class Sentence(NamedTuple):
    index: int
    start: int
    end: int
    first_token: int
    last_token: int  # exclusive


_BREAK_RE = re.compile(r"[.!?؟]+|\n+")
_AFTER_STOP = " \t\n\"')]"
_CLOSERS = "\"')]"


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Split normalized text into sentences: at . ! ? ؟ followed by a space or end, and at newlines.

    A dot between digits («2.588») or after a single capital («M. Dkhissi») does not end one.
    """
    bounds, start = [], 0
    n = len(text)
    for m in _BREAK_RE.finditer(text):
        a, b = m.start(), m.end()
        if text[a] != "\n":
            if b < n and text[b] not in _AFTER_STOP:
                continue
            if b - a == 1 and text[a] == "." and _single_letter_before(text, a):
                continue  # «U.S.», «M. Dkhissi»
            if b - a == 1 and text[a] == "." and _month_abbreviation_before(text, a):
                continue  # "Sept. 23", «le 14 janv. 2026»: a date goes on
            while b < n and text[b] in _CLOSERS:
                b += 1  # the closing quote belongs to the sentence it ends
            end = b
        else:
            end = a
        if text[start:end].strip():
            bounds.append((start, end))
        start = b
    if text[start:].strip():
        bounds.append((start, n))
    return bounds


# A line that ends a sentence: . ! ? ؟ : ; then closing quotes or brackets.
_LINE_END_RE = re.compile(r"[.!?\u061f:;][\"'\u201d\u2019)\]»]*$")
# Line breaks inside a sentence that make a text hard-wrapped (see :func:`unwrap_lines`).
WRAPPED_MIN_BREAKS = 2


def unwrap_lines(text: str) -> str:
    """Join the lines of hard-wrapped copy into their sentences (same length: a newline becomes a space).

    Wire copy pasted with its line width keeps a newline every 60-70 characters, inside
    sentences («dismantled a\n"Daesh-linked terrorist cell" in the country's north,
    according to\na statement ...»), and every newline would end a sentence. A line
    that ends in a word or a comma, with no sentence punctuation, followed by a line that
    starts with a lower-case letter cannot be two sentences: in English and French a
    sentence starts with a capital. A text with WRAPPED_MIN_BREAKS such breaks is
    hard-wrapped, and there every line that does not end a sentence runs on into the
    next one (blank lines still part paragraphs). Arabic has no case, so Arabic text
    is never taken as wrapped; a text with one such break (a typo, a caption) is kept.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    joins, clear = [], 0
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        a, b = line.rstrip(), lines[i + 1].lstrip()
        if a and b and not _LINE_END_RE.search(a):
            joins.append(pos)
            if (a[-1].isalnum() or a[-1] == ",") and b[0].isalpha() and b[0].islower():
                clear += 1
        pos += 1
    if clear < WRAPPED_MIN_BREAKS:
        return text
    return blanked(text, [(j, j + 1) for j in joins])


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` (disjoint, in order) turned into spaces.

    Built from slices, not from a list of characters: on a long Arabic text such a
    list holds one string object per character (tens of bytes each)."""
    parts, prev = [], 0
    for a, b in spans:
        parts += (text[prev:a], " " * (b - a))
        prev = b
    parts.append(text[prev:])
    return "".join(parts)


@lru_cache(maxsize=1)
def _month_abbreviations() -> frozenset[str]:
    """Abbreviated month names written with a dot, in every language's month data ("sept.",
    «janv.»), normalized and without the dot."""
    from .. import resources  # data, not code: read once, when a dot first needs it
    return frozenset(normalize_text(k)[:-1] for lang in resources.SUPPORTED_LANGUAGES
                     for k in resources.language_data(lang, "months") if k.endswith("."))


_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)$")
_DIGIT_AFTER_RE = re.compile(r"[ \t]*\d")


def _month_abbreviation_before(text: str, dot: int) -> bool:
    """The dot closes an abbreviated month name and a number follows ("Nov. 22, 2024", «14
    janv. 2026»): the date goes on, the sentence does not end."""
    word = _WORD_BEFORE_RE.search(text, max(0, dot - 12), dot)
    return bool(word and word.group(1) in _month_abbreviations() and _DIGIT_AFTER_RE.match(text, dot + 1))


def _single_letter_before(text: str, dot: int) -> bool:
    return dot >= 1 and text[dot - 1].isalpha() and text[dot - 1].isascii() and (
        dot < 2 or not text[dot - 2].isalpha())


# Longest sentence read as one, in tokens. The stages compare the mentions of a sentence
# with each other, so a text with no sentence punctuation (a transcript, a scraped page)
# would take time quadratic in its length; the longest sentence of the eval and test
# articles has 177 tokens.
MAX_SENTENCE_TOKENS = 400


def tokenize(text: str) -> tuple[list[Token], list[Sentence]]:
    """Tokens and sentences of a normalized text (a sentence of more than
    MAX_SENTENCE_TOKENS tokens is cut into pieces, see :func:`_cut_long`)."""
    bounds = sentence_bounds(text)
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    new = tuple.__new__  # NamedTuple's own constructor is several times slower
    for s, e in bounds:
        si = len(sentences)
        first = len(tokens)
        # Each match after the first starts where the previous token ended and takes the
        # gap before its token: the token is soft_before when that gap is all soft.
        ms = iter(_GAP_TOKEN_RE.finditer(text, s, e))
        m = next(ms, None)
        if m is not None:
            tokens.append(new(Token, (m.group(2), m.start(2), m.end(), si, False)))
            tokens.extend([new(Token, (m.group(2), m.start(2), m.end(), si, m.end(1) == m.start(2)))
                           for m in ms])
        if len(tokens) - first > MAX_SENTENCE_TOKENS:
            _cut_long(tokens, sentences, first, s, e)
        else:
            sentences.append(Sentence(si, s, e, first, len(tokens)))
    return tokens, sentences


def _cut_long(tokens: list[Token], sentences: list[Sentence], first: int, start: int, end: int) -> None:
    """Append the sentence ``[start, end)`` holding ``tokens[first:]`` as pieces of at most
    MAX_SENTENCE_TOKENS tokens, renumbering its tokens. A piece ends before a token that a
    comma or other mark separates from the previous one, in the second half of the piece,
    when there is one."""
    i = first
    while i < len(tokens):
        cut = len(tokens)
        if cut - i > MAX_SENTENCE_TOKENS:
            cut = i + MAX_SENTENCE_TOKENS
            hard = next((j for j in range(cut, i + MAX_SENTENCE_TOKENS // 2, -1) if not tokens[j].soft_before), None)
            cut = hard if hard is not None else cut
        si = len(sentences)
        stop = tokens[cut].start if cut < len(tokens) else end
        sentences.append(Sentence(si, start, stop, i, cut))
        tokens[i:cut] = [t._replace(sentence=si, soft_before=t.soft_before and k > i)
                         for k, t in enumerate(tokens[i:cut], i)]
        i, start = cut, stop


# A digit token longer than this is no count («¹²³…» of 5,000 digits): Python's int() refuses
# strings of over 4,300 digits, and no count of the record needs more than 19.
MAX_NUMBER_CHARS = 24


def is_number_text(text: str) -> bool:
    """Whether a token is a number: decimal digits (any script), at most MAX_NUMBER_CHARS long.

    ``isdecimal``, not ``isdigit``: a superscript or circled digit («²», «①») is a digit
    to ``isdigit`` but no ``int()`` reads it.
    """
    return text[:1].isdecimal() and len(text) <= MAX_NUMBER_CHARS


def number_value(token_text: str) -> int:
    """Integer value of a digit token (one :func:`is_number_text` accepts), thousands
    separators removed."""
    if token_text.isdecimal():  # no separator: \D and isdecimal() both read Unicode's decimal digits (Nd)
        return int(token_text)
    return int(_NON_DIGITS.sub("", token_text))


_NON_DIGITS = re.compile(r"\D")


@lru_cache(maxsize=200_000)
def stems(token: str) -> tuple[str, ...]:
    """The token and its forms without clitic prefixes, longest first.

    >>> stems("وبالدار")
    ('وبالدار', 'الدار', 'دار', ...)
    """
    out = [token]
    for p in _PREFIXES:
        if token.startswith(p) and len(token) - len(p) >= 2:
            rest = token[len(p):]
            if p.endswith("لل"):
                out.append("ال" + rest)  # ل + ال: «للأبحاث» is «الأبحاث»
            out.append(rest)
            if p.endswith("ال") and p != "ال":
                out.append("ال" + rest)
    seen: dict[str, None] = {}
    for s in out:
        seen.setdefault(s, None)
    return tuple(seen)


@lru_cache(maxsize=100_000)
def word_forms(word: str) -> frozenset[str]:
    """Every token that may have ``word`` among its :func:`stems` (and a few more): the word
    behind each clitic prefix, and for «الX» also X behind one («للأبحاث» is «الأبحاث»)."""
    cores = (word, word[2:]) if word.startswith("ال") and len(word) > 2 else (word,)
    return frozenset(p + core for core in cores for p in ("", *_PREFIXES))


_TEXT = itemgetter(0)  # a Token's text

MISSING = object()
PAIR = object()  # what matches at a word depends on the next word too
CACHE_LIMIT = 500_000  # memoized words and word pairs, cleared past this to bound memory
GAP = "~"  # in a phrase: up to MAX_GAP arbitrary tokens
MAX_GAP = 3


class Match(NamedTuple):
    start: int  # token index
    end: int  # exclusive
    label: str
    value: Any


def _phrase_words(phrase: str) -> tuple[str, ...]:
    """The words of a phrase as the tokenizer cuts a text: «M'diq» and «Aït-Melloul» are two
    words each, as they are in the text; ``~`` and a prefix ``x*`` stay whole."""
    words: list[str] = []
    for raw in normalize_text(phrase).split():
        words += [raw] if raw == "~" or raw.endswith("*") else (_TOKEN_RE.findall(raw) or [raw])
    return tuple(words)


class PhraseMatcher:
    """Find phrases in a token list, whatever clitics the words carry.

    A phrase is a string of words; a word ending in ``*`` matches any word starting
    with it (``متفجر*`` matches «المتفجرات»), and ``~`` skips up to three words.
    Phrases are normalized with :func:`normalize_text`, so data files may be written
    with hamzas and ta marbuta as the press writes them.
    """

    def __init__(self, entries: Iterable[tuple[str, str, Any]]):
        self._exact: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        self._prefix: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        self._prefix_lengths: set[int] = set()
        for phrase, label, value in entries:
            words = _phrase_words(phrase)
            if not words:
                continue
            head = words[0]
            if head.endswith("*"):
                self._prefix.setdefault(head[:-1], []).append((words, label, value))
                self._prefix_lengths.add(len(head) - 1)
            else:
                self._exact.setdefault(head, []).append((words, label, value))
        self._lengths = sorted(self._prefix_lengths)
        self._head_cache: dict[str, tuple | None] = {}
        self._word_cache: dict[tuple[str, str], bool] = {}  # (pattern, word) -> _word_matches
        self._first: dict[str, tuple | object | None] = {}  # word -> _first_plan
        # (word, next word or None) -> what matches there (see _plan)
        self._plans: dict[tuple[str, str | None], tuple | None] = {}

    def _heads(self, word: str) -> tuple[tuple, dict]:
        """Phrases whose first word matches ``word``: (phrases to try, phrases keyed by their
        exact second word). Memoized: the press repeats its words."""
        heads = self._head_cache.get(word)
        if heads is None:
            loose: list = []
            by_second: dict[str, list] = {}
            for s in stems(word):
                found = list(self._exact.get(s, ()))
                for n in self._lengths:
                    if n <= len(s):
                        found.extend(self._prefix.get(s[:n], ()))
                for entry in found:
                    words = entry[0]
                    second = words[1] if len(words) > 1 else None
                    if second is None or second == GAP or second.endswith("*"):
                        loose.append(entry)
                    else:
                        by_second.setdefault(second, []).append(entry)
            if len(self._head_cache) > CACHE_LIMIT:
                self._head_cache.clear()
            heads = self._head_cache[word] = (tuple(loose), by_second) if loose or by_second else None
        return heads

    @staticmethod
    def _word_matches(pattern: str, word: str) -> bool:
        if pattern.endswith("*"):
            p = pattern[:-1]
            return any(s.startswith(p) for s in stems(word))
        return pattern in stems(word)

    def _matches(self, pattern: str, word: str) -> bool:
        """:meth:`_word_matches`, memoized."""
        key = (pattern, word)
        hit = self._word_cache.get(key)
        if hit is None:
            if len(self._word_cache) > CACHE_LIMIT:
                self._word_cache.clear()
            hit = self._word_cache[key] = self._word_matches(pattern, word)
        return hit

    def _gap_stop(self, tokens: list[Token], words: tuple[str, ...], i: int,
                  texts: set[str], absent: dict[str, bool]) -> int | None:
        """``_match_rest(tokens, words, 1, i + 1)`` for a phrase with one gap inside it (every
        gapped phrase of the data), as a loop: the words before the gap on the tokens after
        ``i``, then the words after it at each of the MAX_GAP + 1 places the gap may end.
        ``texts``: the words of all ``tokens``; ``absent``: memo of the words after a gap that
        no token can match (most: «the ~ suspects» is tried at every «the»)."""
        g = words.index(GAP)
        post = words[g + 1:]
        if g == 0 or not post or GAP in post:
            return self._match_rest(tokens, words, 1, i + 1)
        first = post[0]
        if not first.endswith("*"):
            gone = absent.get(first)
            if gone is None:
                gone = absent[first] = word_forms(first).isdisjoint(texts)
            if gone:
                return None
        n_tokens = len(tokens)
        matches = self._matches
        for j in range(i + 1, i + g):  # before the gap: consecutive tokens, soft breaks only
            if j >= n_tokens:
                return None
            t = tokens[j]
            if not matches(words[j - i], t[0]) or not t[4]:
                return None
        base = i + g
        sentence = tokens[base - 1][3]
        for j in range(base, base + MAX_GAP + 1):
            if j >= n_tokens or (j > base and tokens[j - 1][3] != sentence):
                return None  # (j == n_tokens: no token left for the word after the gap)
            t = tokens[j]
            # the word after the gap: any break before it inside the sentence
            if not matches(post[0], t[0]) or not (t[4] or t[3] == tokens[j - 1][3]):
                continue
            stop = j + len(post)
            if stop > n_tokens:
                continue
            for k in range(1, len(post)):
                t = tokens[j + k]
                if not matches(post[k], t[0]) or not t[4]:
                    break
            else:
                return stop
        return None

    def _match_rest(self, tokens: list[Token], words: tuple[str, ...], k: int, i: int,
                    after_gap: bool = False) -> int | None:
        """Index after the last token when words[k:] match from tokens[i]; else None."""
        if k == len(words):
            return i
        if words[k] == GAP:
            for skip in range(MAX_GAP + 1):
                j = i + skip
                if j > len(tokens) or (skip and tokens[j - 1].sentence != tokens[i - 1].sentence):
                    break
                end = self._match_rest(tokens, words, k + 1, j, True)
                if end is not None:
                    return end
            return None
        if i >= len(tokens) or not self._word_matches(words[k], tokens[i].text):
            return None
        if not (tokens[i].soft_before or (after_gap and tokens[i].sentence == tokens[i - 1].sentence)):
            return None
        return self._match_rest(tokens, words, k + 1, i + 1)

    def find(self, tokens: list[Token], start: int = 0, end: int | None = None) -> list[Match]:
        """All matches starting in ``tokens[start:end]`` (they may run past ``end``); at each
        position only the longest per label."""
        end = len(tokens) if end is None else min(end, len(tokens))
        return self.find_at(tokens, range(start, end))

    def _first_plan(self, text: str) -> tuple | object | None:
        """:meth:`_plan` of ``text`` when it does not depend on the next word, else PAIR;
        memoized."""
        heads = self._heads(text)
        plan = None
        if heads is not None:
            loose, by_second = heads
            if by_second or any(len(words) > 1 and GAP not in words for words, _, _ in loose):
                plan = PAIR
            else:
                plan = self._plan(text, None)
        if len(self._first) > CACHE_LIMIT:
            self._first.clear()
        self._first[text] = plan
        return plan

    def _plan(self, text: str, nxt: str | None) -> tuple | None:
        """What matches at a token of ``text`` followed, across a soft break, by one of ``nxt``
        (None: no such token), as far as those two words tell: None when nothing can; else
        (matches, None) when they tell all, the matches as (length, label, value) in
        :meth:`find_at`'s order; else (None, candidates) in that order, each (words, label,
        value, length, after): ``length`` when known, else None and the phrase is tried on the
        text; ``after``, for a phrase with a gap, the word after it when no token outside that
        word's :func:`word_forms` can match it (else ""), None for the others."""
        heads = self._heads(text)
        if heads is None:
            return None
        loose, by_second = heads
        candidates = loose
        if by_second and nxt is not None:
            # «سيدي», «عين», «أولاد» begin hundreds of names: look up the second word
            # instead of trying each name.
            second = tuple(e for s in stems(nxt) for e in by_second.get(s, ()))
            candidates = loose + second if second else loose
        plan = []
        for words, label, value in candidates:
            n = len(words)
            if n == 1:
                plan.append((words, label, value, 1, None))
            elif GAP in words:
                post = words[words.index(GAP) + 1:]  # as _gap_stop tests it
                checked = post and words[0] != GAP and GAP not in post and not post[0].endswith("*")
                plan.append((words, label, value, None, post[0] if checked else ""))
            elif nxt is not None and self._matches(words[1], nxt):
                plan.append((words, label, value, 2 if n == 2 else None, None))
        if not plan:
            return None
        if any(length is None for *_, length, _ in plan):
            return None, tuple(plan)
        best: dict[str, tuple[int, str, Any]] = {}
        for _, label, value, length, _ in plan:
            cur = best.get(label)
            if cur is None or length > cur[0]:
                best[label] = (length, label, value)
        return tuple(best.values()), None

    def find_at(self, tokens: list[Token], positions: Iterable[int]) -> list[Match]:
        """All matches starting at the given token positions (in increasing order).

        What the phrases starting at a word match depends mostly on that word and the next:
        that is memoized per pair of words (:meth:`_plan`); only the phrases longer than two
        words and those with a gap are tried on the text."""
        out: list[Match] = []
        cache = self._first
        plans = self._plans
        new = tuple.__new__
        n_tokens = len(tokens)
        last = n_tokens - 1
        texts: set[str] | None = None  # the tokens' words, when a gapped phrase is first tried
        absent: dict[str, bool] = {}
        for i in positions:
            text = tokens[i][0]
            plan = cache.get(text, MISSING)
            if plan is MISSING:
                plan = self._first_plan(text)
            if plan is None:
                continue  # no phrase starts with this word
            if plan is PAIR:
                key = (text, tokens[i + 1][0] if i < last and tokens[i + 1][4] else None)
                plan = plans.get(key, MISSING)
                if plan is MISSING:
                    if len(plans) > CACHE_LIMIT:
                        plans.clear()
                    plan = plans[key] = self._plan(*key)
                if plan is None:
                    continue
            known, candidates = plan
            if known is not None:
                if len(known) == 1:
                    length, label, value = known[0]
                    out.append(new(Match, (i, i + length, label, value)))
                else:
                    out.extend([new(Match, (i, i + length, label, value)) for length, label, value in known])
                continue
            best: dict[str, Match] = {}
            for words, label, value, length, after in candidates:
                if length is not None:
                    stop = i + length
                elif after is not None:  # a phrase with a gap
                    if texts is None:
                        texts = set(map(_TEXT, tokens))
                    if after:  # no call when no token can be the word after the gap
                        gone = absent.get(after)
                        if gone is None:
                            gone = absent[after] = word_forms(after).isdisjoint(texts)
                        if gone:
                            continue
                    stop = self._gap_stop(tokens, words, i, texts, absent)
                    if stop is None:
                        continue
                else:  # the words after the second
                    stop = i + len(words)
                    if stop > n_tokens:
                        continue
                    for k in range(2, len(words)):
                        t = tokens[i + k]
                        if not t[4] or not self._matches(words[k], t[0]):
                            stop = None
                            break
                    if stop is None:
                        continue
                cur = best.get(label)
                if cur is None or stop > cur.end:
                    best[label] = new(Match, (i, stop, label, value))
            out.extend(best.values())
        return out


def original_span(nt: NormalizedText, tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Span in the original text covered by tokens[start:end]."""
    return nt.original_span(tokens[start].start, tokens[end - 1].end)
