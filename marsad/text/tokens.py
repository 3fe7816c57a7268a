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
from itertools import groupby
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
    return int(re.sub(r"\D", "", token_text))


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
_FIRST = itemgetter(0)

MISSING = object()
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
        self._pair_cache: dict[tuple[str, str], tuple] = {}
        self._word_cache: dict[tuple[str, str], bool] = {}  # (pattern, word) -> _word_matches
        self._automaton: _Automaton | None = None  # built at the first find

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
        position only the longest per label.

        One pass of the matcher's automaton over the tokens (see :class:`_Automaton`): the
        same matches, in the same order, as :meth:`find_at` over every position."""
        end = len(tokens) if end is None else min(end, len(tokens))
        if start >= end:
            return []
        if self._automaton is None:
            self._automaton = _Automaton(self)
        return self._automaton.find(tokens, start, end)

    def _candidates(self, tokens: list[Token], i: int, text: str, heads: tuple) -> tuple:
        """The phrases to try at ``tokens[i]`` (whose text is ``text``, its :meth:`_heads`
        ``heads``), in the order that decides which label comes first."""
        loose, by_second = heads
        if by_second and i + 1 < len(tokens) and tokens[i + 1][4]:
            # «سيدي», «عين», «أولاد» begin hundreds of names: look up the second word
            # instead of trying each name.
            key = (text, tokens[i + 1][0])
            pairs = self._pair_cache
            candidates = pairs.get(key)
            if candidates is None:
                if len(pairs) > CACHE_LIMIT:
                    pairs.clear()
                second = tuple(e for s in stems(key[1]) for e in by_second.get(s, ()))
                candidates = pairs[key] = loose + second if second else loose
            return candidates
        return loose

    def find_at(self, tokens: list[Token], positions: Iterable[int]) -> list[Match]:
        """All matches starting at the given token positions (in increasing order): every
        phrase that may start there tried in turn (:meth:`find` gives the same in one pass)."""
        out: list[Match] = []
        window = tokens
        cache = self._head_cache
        new = tuple.__new__
        match_word = self._matches
        texts: set[str] | None = None  # the tokens' words, when a gapped phrase is first tried
        absent: dict[str, bool] = {}
        for i in positions:
            text = tokens[i][0]
            heads = cache.get(text, MISSING)
            if heads is MISSING:
                heads = self._heads(text)
            if heads is None:
                continue  # no phrase starts with this word
            candidates = self._candidates(tokens, i, text, heads)
            if not candidates:
                continue
            if len(candidates) == 1 and len(candidates[0][0]) == 1:
                # the common case, one one-word phrase: no longest match to choose
                out.append(new(Match, (i, i + 1, candidates[0][1], candidates[0][2])))
                continue
            best: dict[str, Match] = {}
            for words, label, value in candidates:
                n = len(words)
                if n == 1:
                    stop = i + 1
                elif GAP in words:
                    if texts is None:
                        texts = set(map(_TEXT, window))
                    stop = self._gap_stop(window, words, i, texts, absent)
                else:  # the common case, without recursion
                    stop = i + n
                    if stop > len(window):
                        continue
                    for k in range(1, n):
                        t = window[i + k]
                        if not t[4] or not match_word(words[k], t[0]):
                            stop = None
                            break
                if stop is None:
                    continue
                cur = best.get(label)
                if cur is None or stop > cur.end:
                    best[label] = new(Match, (i, stop, label, value))
            out.extend(best.values())
        return out


class _Automaton:
    """A matcher's phrases without a gap as one automaton over words, run once over the tokens.

    A trie of the phrases' words (an exact word, or a prefix ``x*``), walked from every token at
    once: the state after a token is the set of trie nodes reached by the phrases under way,
    and the step from a state on a token's text is built at its first use and memoized (a
    lazily built deterministic automaton, as Aho-Corasick's over characters, here over words).
    A word is matched by any of the token's :func:`stems`, which a character automaton over the
    text could not do for the words after the first without every clitic form of every word;
    a phrase goes on only across soft breaks. Phrases with a gap are tried where they may
    start, as :meth:`PhraseMatcher.find_at` does, and where more than one phrase ends up
    starting at a token, the order of :meth:`PhraseMatcher._candidates` decides between them
    as it does there.
    """

    def __init__(self, matcher: PhraseMatcher):
        self._m = matcher
        # node -> (exact word -> child, prefix -> child, prefix lengths); node 0 is the root
        self._exact: list[dict[str, int]] = [{}]
        self._prefix: list[dict[str, int]] = [{}]
        self._lengths: list[tuple[int, ...]] = [()]
        self._ends: list[list[tuple]] = [[]]  # the phrases (entries) that end at a node
        self._depth: list[int] = [0]
        self._gapped: set[str] = set()  # first words of phrases with a gap
        self.longest = 1  # words of the longest phrase without a gap
        for table in (matcher._exact, matcher._prefix):
            for entries in table.values():
                for entry in entries:
                    words = entry[0]
                    if GAP in words:
                        self._gapped.add(words[0])
                        continue
                    node = 0
                    for w in words:
                        node = self._child(node, w)
                    self._ends[node].append(entry)
                    self.longest = max(self.longest, len(words))
        self._lengths = [tuple(sorted({len(p) for p in d})) for d in self._prefix]
        self._states: dict[tuple[int, ...], int] = {(): 0}
        self._nodes: list[tuple[int, ...]] = [()]
        self._steps: dict[tuple[int, str], tuple[int, tuple]] = {}
        self._gapped_memo: dict[str, tuple[tuple, dict] | None] = {}
        # (start's text, next text, the phrases that matched there with their lengths) -> the
        # matches kept, in order
        self._order_memo: dict[tuple, tuple] = {}

    def _child(self, node: int, word: str) -> int:
        table = self._prefix[node] if word.endswith("*") else self._exact[node]
        key = word[:-1] if word.endswith("*") else word
        child = table.get(key)
        if child is None:
            child = table[key] = len(self._ends)
            self._exact.append({})
            self._prefix.append({})
            self._lengths.append(())
            self._ends.append([])
            self._depth.append(self._depth[node] + 1)
        return child

    def _children(self, node: int, forms: tuple[str, ...]) -> list[int]:
        """The children of ``node`` whose word one of ``forms`` (a token's stems) matches."""
        exact, prefix, lengths = self._exact[node], self._prefix[node], self._lengths[node]
        out = [exact[s] for s in forms if s in exact]
        for n in lengths:
            out += [prefix[s[:n]] for s in forms if n <= len(s) and s[:n] in prefix]
        return out

    def _step(self, state: int, text: str) -> tuple[int, tuple]:
        """The state after a token of ``text`` from ``state`` (0 after a hard break), and the
        phrases that end on it as (number of words - 1, entry)."""
        forms = stems(text)
        reached = self._children(0, forms)
        for node in self._nodes[state]:
            reached += self._children(node, forms)
        nodes = tuple(sorted(set(reached)))
        nxt = self._states.get(nodes)
        if nxt is None:
            nxt = self._states[nodes] = len(self._nodes)
            self._nodes.append(nodes)
        depth = self._depth
        ends = tuple((depth[n] - 1, e) for n in nodes for e in self._ends[n])
        return nxt, ends

    def _gapped_heads(self, text: str) -> tuple[tuple, dict] | None:
        """The phrases with a gap that may start at a token of ``text``: (those tried at every
        such token, those keyed by their exact second word), or None."""
        heads = self._m._heads(text)
        if heads is None:
            return None
        loose = tuple(e for e in heads[0] if GAP in e[0])
        by_second = {w: g for w, entries in heads[1].items() if (g := tuple(e for e in entries if GAP in e[0]))}
        return (loose, by_second) if loose or by_second else None

    def find(self, tokens: list[Token], lo: int, hi: int) -> list[Match]:
        """:meth:`PhraseMatcher.find` of ``tokens[lo:hi]``."""
        steps = self._steps
        if len(steps) > CACHE_LIMIT:
            steps.clear()
            self._states = {(): 0}
            self._nodes = [()]
        step = self._step
        found: list[tuple[int, int, tuple]] = []  # (start, stop, entry)
        append = found.append
        state = 0
        stop = min(len(tokens), hi + self.longest - 1)  # phrases starting before hi may end past it
        for i, t in enumerate(tokens[lo:stop], lo):
            got = steps.get((state if t[4] else 0, t[0]))
            if got is None:
                got = steps[(state if t[4] else 0, t[0])] = step(state if t[4] else 0, t[0])
            state, ends = got
            if ends:
                for d, entry in ends:
                    append((i - d, i + 1, entry))
        if stop > hi:
            found = [f for f in found if f[0] < hi]
        if self._gapped:
            self._find_gapped(tokens, lo, hi, found)
        return self._select(tokens, found) if found else []

    def _find_gapped(self, tokens: list[Token], lo: int, hi: int, found: list) -> None:
        """Add the phrases with a gap that match from ``tokens[lo:hi]`` to ``found``."""
        memo = self._gapped_memo
        window = set(map(_TEXT, tokens[lo:hi]))
        new = window.difference(memo)
        if new:
            if len(memo) > CACHE_LIMIT:
                memo.clear()
            for text in new:
                memo[text] = self._gapped_heads(text)
        if not any(memo[text] for text in window):
            return
        gap_stop = self._m._gap_stop
        texts = set(map(_TEXT, tokens))
        absent: dict[str, bool] = {}
        n = len(tokens)
        for i in range(lo, hi):
            heads = memo[tokens[i][0]]
            if heads is None:
                continue
            loose, by_second = heads
            entries = loose
            if by_second and i + 1 < n and tokens[i + 1][4]:
                entries += tuple(e for s in stems(tokens[i + 1][0]) for e in by_second.get(s, ()))
            for entry in entries:
                stop = gap_stop(tokens, entry[0], i, texts, absent)
                if stop is not None:
                    found.append((i, stop, entry))

    def _select(self, tokens: list[Token], found: list[tuple[int, int, tuple]]) -> list[Match]:
        """The matches of ``found`` in start order, at each start the longest per label, labels
        in the order their phrases are tried (as :meth:`PhraseMatcher.find_at` gives them)."""
        found.sort(key=_FIRST)
        new = tuple.__new__
        out: list[Match] = []
        memo = self._order_memo
        n = len(tokens)
        for start, group in groupby(found, _FIRST):
            first = next(group)
            rest = tuple(group)
            if not rest:
                out.append(new(Match, (start, first[1], first[2][1], first[2][2])))
                continue
            text = tokens[start][0]
            key = (text, tokens[start + 1][0] if start + 1 < n and tokens[start + 1][4] else None,
                   id(first[2]), first[1] - start, *[x for _, stop, e in rest for x in (id(e), stop - start)])
            picked = memo.get(key)
            if picked is None:
                if len(memo) > CACHE_LIMIT:
                    memo.clear()
                stops = {id(e): stop - start for _, stop, e in (first, *rest)}
                best: dict[str, tuple] = {}
                for entry in self._m._candidates(tokens, start, text, self._m._heads(text)):
                    length = stops.get(id(entry))
                    if length is None:
                        continue
                    cur = best.get(entry[1])
                    if cur is None or length > cur[0]:
                        best[entry[1]] = (length, entry[1], entry[2])
                picked = memo[key] = tuple(best.values())
            out.extend([new(Match, (start, start + length, label, value)) for length, label, value in picked])
        return out


def original_span(nt: NormalizedText, tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Span in the original text covered by tokens[start:end]."""
    return nt.original_span(tokens[start].start, tokens[end - 1].end)
