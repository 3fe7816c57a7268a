"""Stage 1: normalize, segment and find every mention the later stages reason over.

``analyze(doc)`` returns an :class:`Analysis`: the normalized text with its offset map,
tokens and sentences, and typed mentions (agencies, groups, places, items, triggers,
cue words, counts, ages, dates), each tied to its tokens and sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import itemgetter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple, Sequence

from ..gazetteer import load_gazetteer
from ..places import load_foreign_towns
from ..models import Document
from ..resources import language_data
from ..text.dates import DateMention, date_phrases, resolve_dates, scan_dates
from ..text.normalize import NormalizedText, normalize
from ..text.patterns import compile_pattern, guarded, may_match
from ..text.numbers import number_words, construct_dual, definite_number, dual_count, is_partitive_one, may_start_number, noun_forms, parse_number
from ..text.spans import Spans
from ..text.tokens import _TEXT, Match, PhraseMatcher, Sentence, Token, blanked, stems, tokenize, unwrap_lines

# Lexicon lists read as sets of single words by the later stages; they are not matched in the text.
WORD_SETS = frozenset({"person", "person_singular", "breakdown_links", "victim", "casualty", "generic_after_trigger",
                       "name_stop", "followup_after_person", "near_prefix", "cell_name_intro", "cell_name_noun",
                       "year_prepositions", "count_fillers", "plot_agent_nouns", "pronoun_object", "verb_resumptive", "against",
                       "duration_noun", "name_particles", "name_determiners", "not_a_name",
                       "list_joiner", "complementizer", "ordinal_before_ten", "possessive", "cell_name_article",
                       # function words read around a trigger (marsad.pipeline.drafts), too common to match
                       "dateline_from", "passive_auxiliary", "relative_pronoun", "place_pronoun", "after_the", "before_the", "with_adjunct", "companions_before", "companions_after", "singular_pronouns", "participle_endings", "prepositions",
                       "after_interval_link", "when_clause", "genitive_link",
                       "pluperfect", "pluperfect_split", "pluperfect_particle", "force", "linked_to", "capital_says",
                       "passive_agent", "in_country", "arrest_count_nouns", "age_extremes", "comparison",
                       "generic_groups", "part_before_number", "partner_with",
                       "parliament_triggers", "in_country_prefix", "addressee_verbs", "partner_services", "wire_labels",
                       "government_names", "government_article", "indefinite_article",
                       "table_town_header", "table_total", "table_age_header", "negation", "answer_label",
                       "article_before_count", "count_of", "tally_nouns",
                       "place_prepositions", "capital_verb_gap", "last_member", "report_participles",
                       "report_by_words", "sex_nouns", "sex_noun_one", "vague_sources",
                       "country_labels", "morocco_labels", "kin_nouns", "kin_noun_one", "kin_possessives",
                       "statistics_nouns", "according_to_words", "plural_arrest_nouns",
                       "plural_arrest_noun_before", "located_before", "expert_nouns", "capital_nouns", "directions"})
# Lists matched by a later stage where it needs them, not over the whole text.
MATCHED_LATER = frozenset({"claim_metric", "part_after_number"})


class Mention(NamedTuple):
    """A lexicon, gazetteer or trigger match: its kind, the id or phrase it stands for, its tokens."""

    kind: str
    value: Any
    start: int  # token index
    end: int  # exclusive
    sentence: int


class Quantity(NamedTuple):
    """A number tied to what it counts: persons («12 متطرفا») or ages («بين 18 و40 سنة»)."""

    kind: str  # "persons", "age", "killed"
    low: int
    high: int
    start: int  # normalized char offsets
    end: int
    sentence: int


@dataclass
class Analysis:
    doc: Document
    lang: str
    nt: NormalizedText
    tokens: list[Token]
    sentences: list[Sentence]
    mentions: list[Mention]
    dates: list[tuple[int, DateMention]]  # (sentence, date)
    quantities: list[Quantity]
    published: str | None
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)
    claim_tokens: set[int] = field(default_factory=set)  # tokens a statistic uses (set by the claims stage)
    claim_values: set[int] = field(default_factory=set)
    persons_claimed: set[int] = field(default_factory=set)  # the values of persons_arrested claims
    other_stories: set[int] = field(default_factory=set)  # sentences of a roundup's items about other news
    numbers: dict[int, tuple[int, int]] = field(default_factory=dict)  # token -> (value, end token)
    series: tuple | None = None  # claims stage: figures of a series, by token (claims._series_index)
    raw_dates: list[DateMention] = field(default_factory=list)  # before the publication date is known

    def set_published(self, published: str | None) -> None:
        """Resolve the dates against the publication date (relative dates stay None without one)."""
        self.published = published
        self.dates = [(self.sentence_of_char(d.start), d) for d in resolve_dates(self.raw_dates, published)]
        self._dates_by_sentence = None

    _starts: dict[str, list[int]] = field(default_factory=dict)  # kind -> token starts, for has()
    _quantities_by_sentence: dict[int, list[Quantity]] | None = None
    owners: dict = field(default_factory=dict)  # events stage: (anchors, token) -> nearest anchor
    anchor_index: dict = field(default_factory=dict)  # drafts stage: id(anchors) -> anchors by position
    op_positions: dict = field(default_factory=dict)  # drafts stage: sentence -> its operations' trigger positions
    attack_words: dict = field(default_factory=dict)  # drafts stage: sentence -> attack mentions by start, end
    told_arrests: int = 0  # drafts stage: the arrests told so far in the document
    told_earlier: bool = False  # drafts stage: one of them is told as an earlier arrest
    date_roles: dict = field(default_factory=dict)  # drafts stage: date start -> what the date dates
    place_verdicts: dict = field(default_factory=dict)  # drafts stage: place mention start -> its verdict
    dated_tokens: set[int] | None = None  # drafts stage: the tokens inside date expressions
    first_bcij: int | None | bool = False  # bcij_alone: where the BCIJ is first named (False: not looked for yet)
    _dates_by_sentence: dict[int, list[DateMention]] | None = None

    _breaks: list[int] | None = None
    _by_sentence_kind: dict[tuple[int, str], list[Mention]] = field(default_factory=dict)  # for in_sentence()
    _of_kind: dict[str, list[Mention]] = field(default_factory=dict)  # kind -> mentions, for last_before()

    @property
    def breaks_before(self) -> list[int]:
        """For each i, how many of tokens[:i] follow a comma or a stop rather than a space."""
        if self._breaks is None:
            count, self._breaks = 0, [0]
            for _, _, _, _, soft_before in self.tokens:
                count += not soft_before
                self._breaks.append(count)
        return self._breaks

    def __post_init__(self):
        by_sentence, by_sentence_kind = self.by_sentence, self._by_sentence_kind
        of_kind, starts = self._of_kind, self._starts
        for m in self.mentions:  # in token order
            kind, _, start, _, si = m
            by_sentence.setdefault(si, []).append(m)
            by_sentence_kind.setdefault((si, kind), []).append(m)
            of_kind.setdefault(kind, []).append(m)
            starts.setdefault(kind, []).append(start)

    def sentence_of_char(self, pos: int) -> int:
        """Index of the sentence holding normalized character ``pos``."""
        return min(bisect_right(self.sentences, pos, key=_END), len(self.sentences) - 1)

    def token_at(self, pos: int) -> int:
        """Index of the token holding (or first after) normalized character ``pos``."""
        return bisect_right(self.tokens, pos, key=_END)

    def add_quantities(self, quantities: list[Quantity]) -> None:
        """Counts a later stage reads (a table's column of persons: :func:`tables.counted_cells`)."""
        if quantities:
            self.quantities = self.quantities + quantities
            self._quantities_by_sentence = None

    def quantities_in(self, si: int) -> list[Quantity]:
        if self._quantities_by_sentence is None:
            self._quantities_by_sentence = {}
            for q in self.quantities:
                self._quantities_by_sentence.setdefault(q.sentence, []).append(q)
        return self._quantities_by_sentence.get(si, [])

    def dates_in(self, si: int) -> list[DateMention]:
        if self._dates_by_sentence is None:
            self._dates_by_sentence = {}
            for dsi, d in self.dates:
                self._dates_by_sentence.setdefault(dsi, []).append(d)
        return self._dates_by_sentence.get(si, [])

    def has(self, kind: str, lo: int, hi: int) -> bool:
        """Whether a mention of ``kind`` starts in tokens[lo:hi]."""
        starts = self._starts.get(kind)
        if starts is None:
            return False
        i = bisect_left(starts, lo)  # starts lie in [0, len(tokens)): no need to clip lo and hi
        return i < len(starts) and starts[i] < hi

    def of_kind(self, kind: str) -> list[Mention]:
        """The mentions of ``kind``, in mention order."""
        return self._of_kind.get(kind, [])

    def last_before(self, kind: str, pos: int) -> Mention | None:
        """The last mention of ``kind`` (in mention order) starting before token ``pos``."""
        ms = self.of_kind(kind)
        i = bisect_left(self._starts.get(kind, ()), pos)
        return ms[i - 1] if i else None

    def of_kind_in(self, si: int, kind: str) -> Sequence[Mention]:
        """The mentions of ``kind`` in sentence ``si``, in mention order: the index's own list, not a copy
        (read it, do not change it)."""
        return self._by_sentence_kind.get((si, kind), ())

    def in_sentence(self, si: int, *kinds: str) -> list[Mention]:
        """The mentions of ``kinds`` in sentence ``si``, in mention order (a new list)."""
        if len(kinds) == 1:
            return list(self._by_sentence_kind.get((si, kinds[0]), ()))
        return [m for m in self.by_sentence.get(si, ()) if m.kind in kinds]

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """Original-text span of tokens[start:end]."""
        return self.nt.original_span(self.tokens[start].start, self.tokens[end - 1].end)

    def sentence_span(self, si: int) -> tuple[int, int]:
        s = self.sentences[si]
        a, b = s.start, s.end
        text = self.nt.text
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return self.nt.original_span(a, b)


@lru_cache(maxsize=None)
def lexicon_matcher(lang: str) -> PhraseMatcher:
    """One matcher over every lexicon category of a language."""
    return PhraseMatcher(lexicon_entries(lang))


@lru_cache(maxsize=None)
def lexicon_entries(lang: str) -> tuple[tuple[str, str, Any], ...]:
    """Every (phrase, label, value) the mention stage matches: lexicon, qualifiers, known
    attacks, place names and date words (also read by marsad.pipeline.prefilter)."""
    lex = language_data(lang, "lexicon")
    entries: list[tuple[str, str, Any]] = []
    for cat, body in lex.items():
        if cat.startswith("_") or cat in WORD_SETS or cat in MATCHED_LATER:
            continue
        if isinstance(body, dict):
            label = "trigger:{}" if cat == "trigger" else cat
            for key, phrases in body.items():
                if key.startswith("_"):
                    continue
                for ph in phrases:
                    entries.append((ph, label.format(key) if cat == "trigger" else cat, key))
        else:
            entries.extend((ph, cat, ph) for ph in body)
    for phrase, qualifier in language_data(lang, "qualifiers").items():
        if not phrase.startswith("_"):
            entries.append((phrase, "qualifier", qualifier))
    for attack in language_data(lang, "known_attacks").get("attacks", []):
        for ph in attack["phrases"]:
            entries.append((ph, "known_attack", attack))
    # Place names and date words too, so that one pass over the tokens finds everything.
    entries.extend((name, "place", ref) for name, ref in load_gazetteer().entries)
    entries.extend(date_phrases(lang))
    return tuple(entries)


@lru_cache(maxsize=None)
def _person_words(lang: str) -> frozenset[str]:
    from ..text.normalize import normalize_text
    return frozenset(normalize_text(w) for w in language_data(lang, "lexicon").get("person", []))


@lru_cache(maxsize=None)
def _age_hint(lang: str) -> re.Pattern | None:
    hint = language_data(lang, "patterns").get("age_hint")
    return compile_pattern(hint) if hint else None


@lru_cache(maxsize=None)
def _age_patterns(lang: str) -> tuple[tuple[tuple[re.Pattern, tuple[str, ...]], ...], ...]:
    """(lists, ranges, singles): "aged 21, 27 and 37", "aged 18 to 40", "aged 29"; each pattern
    with its required words (:func:`marsad.text.patterns.guarded`)."""
    pats = language_data(lang, "patterns")
    n = _written_number(lang, 2)
    ordinals = _ordinals(lang)
    units, tens = _alternation(ordinals[0]), _alternation(ordinals[2])
    teen = _alternation(ordinals[1])
    ords = rf"(?:(?:{units})\s+(?:{teen})|(?:(?:{units})\s+و)?(?:{tens}))(?!\w)" if ordinals[0] else r"(?!x)x"
    from ..text.normalize import normalize_text
    months = _alternation(normalize_text(k) for k in language_data(lang, "months") if not k.startswith("_"))
    months = months or r"(?!x)x"
    lists = [compile_pattern(p) for p in pats.get("age_list", [])]
    ranges = [compile_pattern(p.replace("{N}", n)) for p in pats.get("age_range", [])]
    singles = [compile_pattern(p.replace("{N}", n).replace("{ORD}", ords).replace("{MONTH}", months))
               for p in pats.get("age_single", [])]
    return guarded(lists), guarded(ranges), guarded(singles)


@lru_cache(maxsize=None)
def _written_number(lang: str, digits: int, bounded: bool = False) -> str:
    """A number in digits (at most ``digits``) or in up to three number words joined by «و», a space or a hyphen
    («سبعة وعشرين», «dix-sept», "forty-five"); ``bounded``: its words are whole words (not the end of another)."""
    nw = number_words(lang)
    words = _alternation(list(nw.units) + list(nw.tens))
    if not words:
        return rf"\d{{1,{digits}}}"
    start = r"(?<!\w)" if bounded else ""
    return rf"(?:\d{{1,{digits}}}|{start}(?:{words})(?:[\s-]+و?(?:{words})){{0,2}}(?!\w))"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=None)
def _ordinals(lang: str) -> tuple[dict[str, int], tuple[str, ...], dict[str, int]]:
    """(unit ordinals, teen words, definite tens) of numbers.json 'ordinals', normalized."""
    from ..text.normalize import normalize_text
    data = language_data(lang, "numbers").get("ordinals", {})
    return ({normalize_text(k): v for k, v in data.get("units", {}).items()},
            tuple(normalize_text(w) for w in data.get("teen", [])),
            {normalize_text(k): v for k, v in data.get("tens", {}).items()})


def _age_value(raw: str, lang: str) -> int | None:
    """The value of an age as matched: digits, number words («سبعة وعشرين»), or an ordinal
    («الثامنة عشرة» 18, «الرابعة والعشرين» 24)."""
    raw = raw.strip().replace("-", " ")  # «thirty-one»
    if raw.isdecimal():
        return int(raw)
    units, teens, tens = _ordinals(lang)
    words = raw.replace(" و", " ").split()
    if words and (words[0] in units or words[0] in tens):
        value = 0
        for w in words:
            value += units.get(w, 0) + tens.get(w, 0) + (10 if w in teens else 0)
        return value
    toks = tokenize(raw)[0]
    parsed = parse_number(toks, 0, lang)
    return parsed[0] if parsed and parsed[1] == len(toks) else None


# Lists whose overlapping matches exclude each other (cue lists only need to be found).
_EXCLUSIVE = frozenset({"item", "plot", "target", "agency", "org", "partner", "claim_metric", "source",
                        "subset", "known_attack", "qualifier", "place_hiding"})


def _drop_overlapping(matches: list[Match]) -> list[Match]:
    """Within one label, keep the longest of overlapping matches («مواد لازمة لتصنيع عبوة ناسفة»
    is explosive precursors, not also explosives)."""
    by_label: dict[str, list[Match]] = {}
    for m in matches:
        by_label.setdefault(m.label, []).append(m)
    out = []
    for label, ms in by_label.items():
        if label not in _EXCLUSIVE and not label.startswith("trigger:") or all(m.end - m.start == 1 for m in ms):
            out.extend(ms)  # one-word matches never overlap each other
            continue
        ms.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: set[int] = set()
        for m in ms:
            span = range(m.start, m.end)
            if any(i in taken for i in span):
                continue
            taken.update(span)
            out.append(m)
    return out


# Lexicon matches that hide a place name inside them («الأسلحة البيضاء» is not Casablanca).
_PLACE_HIDING = ("item", "agency", "org", "source", "place_hiding", "known_attack")


# Cue words inside a service's name are not cues: «للأبحاث» in «المكتب المركزي للأبحاث القضائية»
# is no anaphoric «الأبحاث»; nor is a partner inside a nickname: «إف بي آي المغرب», "Morocco's FBI".
_NAMES = ("agency", "source")
_CUES_HIDDEN_IN_NAMES = frozenset({"anaphor", "claim_cue", "service", "planning", "court", "target_context", "partner"})


def _drop_inside_names(found: list[Match]) -> list[Match]:
    inside: set[int] = set()
    for m in found:
        if m.label in _NAMES and m.end - m.start > 1:
            inside.update(range(m.start, m.end))
    if not inside:
        return found
    return [m for m in found if m.label not in _CUES_HIDDEN_IN_NAMES
            or not (m.start in inside and m.end - 1 in inside)]


def _drop_hidden_places(places: list[Match], lexical: list[Match]) -> list[Match]:
    """Places not overlapped by a longer cover, nor starting inside (or just after) a
    «place_hiding» phrase. Covers are indexed by token so the cost is linear."""
    longest: dict[int, int] = {}  # token index -> length of the longest cover holding it
    hiding: set[int] = set()  # place starts a «place_hiding» phrase hides
    for c in lexical:
        if c.label in _PLACE_HIDING:
            n = c.end - c.start
            for k in range(c.start, c.end):
                if longest.get(k, 0) < n:
                    longest[k] = n
            if c.label == "place_hiding":
                hiding.update(range(c.start, c.end + 1))
    return [p for p in places if p.start not in hiding and not any(
        longest.get(k, 0) > p.end - p.start for k in range(p.start, p.end))]


def bcij_alone(a: "Analysis", si: int) -> list[Mention]:
    """«المكتب», "the bureau", «le Bureau» standing alone in sentence ``si`` (not opening a full name),
    after the article named the BCIJ: the BCIJ (lexicon bcij_short)."""
    shorts = a.in_sentence(si, "bcij_short")
    if not shorts:
        return []
    named = a.first_bcij
    if named is False:  # (looked for once per document: a long text asks at each of its sentences)
        named = a.first_bcij = min((x.start for x in a.mentions if x.value == "bcij" and x.kind in ("source", "agency")),
                                   default=None)
    full = {x.start for x in a.in_sentence(si, "source", "agency")}
    return [m for m in shorts if named is not None and named < m.start and m.start not in full]


def find_numbers(tokens: list[Token], lang: str) -> dict[int, tuple[int, int]]:
    """Every number in the tokens: start index -> (value, end index)."""
    out = {}
    after = 0  # the tokens before it belong to the last number found
    starts = _number_starts(lang)
    for i, word in enumerate(map(_TEXT, tokens)):
        if i < after:
            continue
        may = starts.get(word)
        if may is None:
            may = starts[word] = may_start_number(word, lang)
        if may:
            parsed = parse_number(tokens, i, lang)
            if parsed:
                out[i] = parsed
                after = parsed[1]
    return out


def _not_in_names(text: str, tokens: list[Token], numbers: dict[int, tuple[int, int]], mentions: list[Mention]) -> dict:
    """The numbers that count something: not the digits of a name ("Médias24", "Le360", "H24": glued
    to Latin letters; «اليوم 24», «زنقة 20»: a name of the lexicon's ``name_with_number``) nor of
    a time of day ("17:52 - The suspect …" in a live blog, «à 9h30»)."""
    named = {k for m in mentions if m.kind == "name_with_number" for k in range(m.start, m.end)}
    def glued(i: int) -> bool:
        if i == 0 or tokens[i - 1].end != tokens[i].start:
            return False
        last = tokens[i - 1].text[-1:]
        return last.isalpha() and last.isascii()
    return {i: v for i, v in numbers.items() if i not in named and not (tokens[i].is_number and glued(i))
            and not _in_a_time_of_day(text, tokens, i)}


_PLUS_SIGN = re.compile(r"\s*\+\s*")


def plus_after(text: str, tokens: list[Token], numbers: dict[int, tuple[int, int]], k: int) -> bool:
    """The number starting at token ``k`` is written with a plus sign after it ("230+ cells"): N or more."""
    end = numbers[k][1]
    lo = tokens[end - 1].end
    hi = tokens[end].start if end < len(tokens) else len(text)
    return bool(_PLUS_SIGN.fullmatch(text, lo, hi)) and "+" in text[lo:hi]


def _join_plus_signs(text: str, tokens: list[Token], numbers: dict[int, tuple[int, int]]) -> None:
    """"230+ cells dismantled", "PLOTS FOILED … 14+": the plus sign after a number belongs to it, so the
    noun after it follows the number as after a space (``soft_before``)."""
    if "+" not in text:
        return
    for k, (_, end) in numbers.items():
        if end < len(tokens) and tokens[end].sentence == tokens[k].sentence and plus_after(text, tokens, numbers, k):
            tokens[end] = tokens[end]._replace(soft_before=True)


def _in_a_time_of_day(text: str, tokens: list[Token], i: int) -> bool:
    """Token ``i`` is the hour or the minutes of a time of day: hours and two-digit minutes
    joined by a colon ("17:52") or, in French, glued to «h» («9h30»)."""
    def clock(h: int) -> bool:
        if h < 0 or h + 1 >= len(tokens) or not (tokens[h].is_number and tokens[h + 1].is_number):
            return False
        hours, minutes = tokens[h].text, tokens[h + 1].text
        between = text[tokens[h].end:tokens[h + 1].start]
        return (between == ":" and len(hours) <= 2 and len(minutes) == 2 and hours.isdigit() and minutes.isdigit()
                and int(hours) <= 23 and int(minutes) <= 59)
    if clock(i) or clock(i - 1):
        return True
    return (i + 2 < len(tokens) and tokens[i].is_number and tokens[i + 1].text in ("h", "H")
            and tokens[i].end == tokens[i + 1].start and tokens[i + 1].end == tokens[i + 2].start
            and len(tokens[i + 2].text) == 2 and tokens[i + 2].text.isdigit())


@lru_cache(maxsize=None)
def _fillers(lang: str) -> frozenset[str]:
    from ..text.normalize import normalize_text
    return frozenset(normalize_text(w) for w in language_data(lang, "lexicon").get("count_fillers", []))


@lru_cache(maxsize=None)
def _arrest_nouns(lang: str) -> frozenset[str]:
    """Words that count persons arrested right after a number: "six arrested", «six
    interpellations» (a headline's or a recap's count with no noun for the persons)."""
    from ..text.normalize import normalize_text
    return frozenset(normalize_text(w) for w in language_data(lang, "lexicon").get("arrest_count_nouns", []))


@lru_cache(maxsize=None)
def _parts_before(lang: str) -> frozenset[str]:
    """Words before a number that make it the rest of the persons told before ("the other two")."""
    from ..text.normalize import normalize_text
    return frozenset(normalize_text(w) for w in language_data(lang, "lexicon").get("part_before_number", []))


@lru_cache(maxsize=None)
def _parts(lang: str) -> frozenset[str]:
    """Words after a number that make it a count of a part of the persons told before
    («الستة الآخرين», «ثلاثة منهم»)."""
    from ..text.normalize import normalize_text
    return frozenset(normalize_text(w) for w in language_data(lang, "lexicon").get("part_after_number", []))


@lru_cache(maxsize=None)
def _number_starts(lang: str) -> dict[str, bool]:
    """Memo of which words may start a number (filled as words are seen)."""
    return {}


def _person_counts(tokens: list[Token], numbers: dict[int, tuple[int, int]], lang: str) -> list[Quantity]:
    persons = _person_words(lang)
    fillers = _fillers(lang)
    out = []
    for i, (value, j) in numbers.items():
        if is_partitive_one(value, tokens[j].text if j < len(tokens) else None, lang):
            continue  # «l'un des membres» is one of them, not a count
        # The counted noun follows, maybe after «من» («12 من المتطرفين») or, in English and
        # French, a modifier or two («four ISIS-affiliated extremists», «three of the suspects»).
        k = j + 1 if j < len(tokens) and tokens[j].text == "من" else j
        while (k < len(tokens) and k - j < 3 and tokens[k].text in fillers and k + 1 < len(tokens)
               and tokens[k + 1].soft_before and not _is_person(tokens[k].text, persons)):
            k += 1
        if k < len(tokens) and tokens[k].sentence == tokens[i].sentence and (
                _is_person(tokens[k].text, persons) or tokens[k].text in _arrest_nouns(lang)
                or k > j and tokens[k].text in _parts(lang)):  # "two of them", «deux d'entre eux»
            out.append(Quantity("persons", value, value, tokens[i].start, tokens[k].end, tokens[i].sentence))
        elif j < len(tokens) and tokens[j].sentence == tokens[i].sentence and tokens[j].text in _parts(lang):
            # «ثلاثة منهم بتطوان»: three of the persons told before
            out.append(Quantity("persons", value, value, tokens[i].start, tokens[j].end, tokens[i].sentence))
        elif i > 0 and tokens[i - 1].sentence == tokens[i].sentence and tokens[i - 1].text in _parts_before(lang):
            # "the other two were arrested in Barcelona": the rest of the persons told before
            out.append(Quantity("persons", value, value, tokens[i - 1].start, tokens[j - 1].end, tokens[i].sentence))
        elif (j == i + 1 and tokens[i].text in number_words(lang).after_noun and i > 0 and tokens[i].soft_before
              and tokens[i - 1].sentence == tokens[i].sentence and _is_person(tokens[i - 1].text, persons)):
            # «وشخص واحد في مدينة خريبكة»: Arabic writes "one" after its noun, as an adjective
            out.append(Quantity("persons", value, value, tokens[i - 1].start, tokens[i].end, tokens[i].sentence))
    kinds = _count_words(lang)
    for k, word in enumerate(map(_TEXT, tokens)):
        kind = kinds.get(word)
        if kind is None:
            kind = kinds[word] = _count_word(word, lang)
        if kind is _PLAIN:
            continue
        t = tokens[k]
        two, construct, value = kind
        if construct and k + 1 < len(tokens) and tokens[k + 1].sentence == t.sentence:
            two = construct_dual(t.text, tokens[k + 1].text, lang) or 0  # «عضوي الخلية»
        if two:
            out.append(Quantity("persons", 2, 2, t.start, t.end, t.sentence))
            continue
        if value and k > 0:
            # «أعضائها الخمسة», «المشتبه بهم الثلاثة»: the definite number after its noun
            noun = _noun_before(tokens, k, lang, persons)
            if noun is not None:
                out.append(Quantity("persons", value, value, tokens[noun].start, t.end, t.sentence))
            elif k + 1 < len(tokens) and tokens[k + 1].sentence == t.sentence and tokens[k + 1].text in _parts(lang):
                # «الستة الآخرين», «ثلاثة منهم»: the other six, three of a group of persons told before
                out.append(Quantity("persons", value, value, t.start, tokens[k + 1].end, t.sentence))
    sizes, cells = _cell_sizes(lang)
    if sizes:
        for k, word in enumerate(map(_TEXT, tokens[1:]), 1):
            size = sizes.get(word)
            if not size or tokens[k].sentence != tokens[k - 1].sentence:
                continue
            # «خلية خماسية», «الخلية الخماسية», «خلية إرهابية خماسية»: a cell of five
            noun = k - 1 if tokens[k - 1].text in cells else k - 2 if (
                k > 1 and tokens[k - 2].text in cells and tokens[k - 1].text.endswith(("يه", "ية"))) else None
            if noun is not None:
                out.append(Quantity("persons", size, size, tokens[noun].start, tokens[k].end, tokens[k].sentence))
    out.sort(key=lambda q: q.start)
    out = _men_and_women(tokens, numbers, out, lang)
    ordinals = _member_ordinals(lang)
    if ordinals:
        out = _members_counted_on(tokens, out, ordinals)
    return out


@lru_cache(maxsize=None)
def _sex_nouns(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(nouns of men and women and of kin, those of them that count one person, the words before one: an
    indefinite article, a possessive)."""
    from ..text.normalize import normalize_text
    data = language_data(lang, "lexicon")
    words = lambda name: frozenset(normalize_text(w) for w in data.get(name, []))  # noqa: E731
    return (words("sex_nouns") | words("kin_nouns"), words("sex_noun_one") | words("kin_noun_one"),
            (words("indefinite_article") - set(number_words(lang).units)) | words("kin_possessives"))


def _men_and_women(tokens: list[Token], numbers: dict[int, tuple[int, int]], counts: list[Quantity],
                   lang: str) -> list[Quantity]:
    """"three men and a woman", «trois hommes et une femme», «ثلاثة رجال وامرأة», "two men and two women", "two
    brothers and their cousin", «شقيقين وابن عمهما»: the persons of both sexes or of one family are one count, the
    sum (a count of men or kin, «and», then one more, after an article or a possessive, or a count of them). A
    number before a noun of men alone («ثلاثة من رجال الأمن») counts no suspects: only such a sum does."""
    sexes, one, articles = _sex_nouns(lang)
    if not sexes:
        return counts
    is_sex = lambda k: k < len(tokens) and any(x in sexes for x in stems(tokens[k].text))  # noqa: E731
    known = {q.end for q in counts}
    tentative = [Quantity("persons", value, value, tokens[i].start, tokens[j].end, tokens[i].sentence)
                 for i, (value, j) in numbers.items()
                 if j < len(tokens) and tokens[j].end not in known and tokens[j].sentence == tokens[i].sentence
                 and is_sex(j)]
    if not tentative and not any(q.kind == "persons" for q in counts):
        return counts
    candidates = sorted(counts + tentative, key=lambda q: q.start)
    unsure = {id(q) for q in tentative}

    def token_ending(end: int, default: int | None = None) -> int | None:
        """The index of the token ending at character ``end`` (tokens are in text order)."""
        k = bisect_left(tokens, end, key=_END)
        return k if k < len(tokens) and tokens[k].end == end else default

    starts = {q.start: q for q in candidates if q.kind == "persons"}
    joiners = number_words(lang).connectors
    out, dropped = [], set()
    for q in candidates:
        k = token_ending(q.end)
        if q.kind != "persons" or id(q) in dropped or k is None or not is_sex(k) or k + 1 >= len(tokens) \
                or tokens[k + 1].sentence != q.sentence:
            out.append(q)
            continue
        j = k + 1
        glued = tokens[j].text[:1] in joiners and tokens[j].text not in joiners  # «وامرأة»
        if tokens[j].text in joiners:
            j += 1
        elif not glued:
            out.append(q)
            continue
        other = starts.get(tokens[j].start) if j < len(tokens) else None
        if other is not None and other is not q and is_sex(token_ending(other.end, len(tokens))):
            dropped.add(id(other))  # "two men and two women"
            out.append(Quantity("persons", q.low + other.low, q.high + other.high, q.start, other.end, q.sentence))
        elif j < len(tokens) and (glued and any(x in one for x in stems(tokens[j].text)) and j == k + 1):
            out.append(Quantity("persons", q.low + 1, q.high + 1, q.start, tokens[j].end, q.sentence))  # «وامرأة»
        elif j + 1 < len(tokens) and tokens[j].text in articles and any(x in one for x in stems(tokens[j + 1].text)):
            out.append(Quantity("persons", q.low + 1, q.high + 1, q.start, tokens[j + 1].end, q.sentence))  # "and a woman"
        else:
            out.append(q)
    out = [q for q in out if id(q) not in dropped and id(q) not in unsure]
    # "Three of the suspects — two brothers and their cousin — were detained": a sum that only names the persons a
    # count right before it gave is no count of its own (its first part stays as it was)
    given = {id(q) for q in counts}
    if all(id(q) in given for q in out):
        return out
    told = {(q.sentence, q.end, q.low) for q in counts if q.kind == "persons"}
    result: list[Quantity] = []
    for q in out:
        first = bisect_left(tokens, q.start, key=_START)
        if id(q) not in given and _names_a_count(tokens, first if first < len(tokens) else None, q, told):
            result += [p for p in counts if p.start == q.start and p.kind == "persons"]
        else:
            result.append(q)
    return result


# Tokens between a count and a sum that names its persons ("Three of the suspects — two brothers and their cousin").
NAMED_COUNT_REACH = 4


def _names_a_count(tokens: list[Token], first: int | None, q: Quantity, told: set[tuple[int, int, int]]) -> bool:
    """A count of the same persons ends at most NAMED_COUNT_REACH tokens before the sum ``q`` (starting at token
    ``first``)."""
    if first is None:
        return False
    ends = {tokens[k].end for k in range(max(0, first - NAMED_COUNT_REACH), first)}
    return any((q.sentence, e, q.low) in told for e in ends)


@lru_cache(maxsize=None)
def _member_ordinals(lang: str) -> dict[str, int]:
    """Ordinals that count one more member («والرابع», "the fourth"), by normalized form."""
    from ..text.normalize import normalize_text
    data = language_data(lang, "numbers").get("member_ordinals") or {}
    return {normalize_text(k): v for k, v in data.items() if not k.startswith("_")}


def member_ordinal(lang: str, word: str) -> int | None:
    """The member a word counts («والرابع»: 4, "fourth", «le quatrième»), or None."""
    ordinals = _member_ordinals(lang)
    return next((ordinals[x] for x in stems(word) if x in ordinals), None)


def _members_counted_on(tokens: list[Token], counts: list[Quantity], ordinals: dict[str, int]) -> list[Quantity]:
    """A breakdown goes on with ordinals: «توقيف عنصرين بالقنيطرة، وعنصر ثالث بسلا، والرابع بسيدي
    قاسم», "three … in Madrid and the fourth in Girona": each ordinal that is one more than the
    persons counted before it in its sentence is one more person."""
    by_sentence: dict[int, list[Quantity]] = {}
    for q in counts:
        if q.kind == "persons":
            by_sentence.setdefault(q.sentence, []).append(q)
    if not by_sentence:
        return counts
    added = []
    ends = tuple(ordinals)  # clitics are prefixes: an ordinal's token ends with the ordinal
    for t in tokens:
        text, _, _, si, _ = t
        told = by_sentence.get(si)
        if not told or not text.endswith(ends):
            continue
        value = next((ordinals[x] for x in stems(text) if x in ordinals), None)
        if value is None:
            continue
        before = [q for q in told if q.start < t.start]
        if before and sum(q.low for q in before) + 1 == value:
            member = Quantity("persons", 1, 1, t.start, t.end, t.sentence)
            told.append(member)
            added.append(member)
    return sorted(counts + added, key=lambda q: q.start) if added else counts


@lru_cache(maxsize=None)
def _cell_sizes(lang: str) -> tuple[dict[str, int], frozenset[str]]:
    """(adjectives that give a cell its number of members, «خماسية»: five, by normalized form with
    and without the article; the cell nouns they follow)."""
    data = language_data(lang, "numbers").get("cell_size_adjectives") or {}
    from ..text.normalize import normalize_text
    sizes: dict[str, int] = {}
    for word, n in data.items():
        if not word.startswith("_"):
            w = normalize_text(word)
            sizes[w] = sizes["ال" + w] = n
    return sizes, frozenset(normalize_text(w) for w in data.get("_nouns", []))


def _noun_before(tokens: list[Token], k: int, lang: str, persons: frozenset[str]) -> int | None:
    """The person noun a definite number at ``k`` follows, directly or past «بهم» («المشتبه بهم الثلاثة»)."""
    from ..text.numbers import number_words
    nw = number_words(lang)
    for j in (k - 1, k - 2):
        if j < 0 or tokens[j].sentence != tokens[k].sentence:
            return None
        if any(s in persons for s in noun_forms(tokens[j].text, lang)):
            return j
        # «بهم» of «المشتبه بهم», or a definite plural adjective agreeing with the persons
        # («المتهمين الرئيسيين الأربعة»; not a noun in construct: «أعضاء الخلية الأربعة» are the cell's)
        if tokens[j].text not in nw.bridges and not (
                j == k - 1 and nw.article and tokens[j].text.startswith(nw.article)
                and tokens[j].text.endswith(("ين", "ون"))):
            return None
    return None


# A follower that any construct dual accepts: probes whether a word is one («عضوي»).
_ARTICLE_PROBE = "الخليه"


# A word that counts no persons by itself (most words).
_PLAIN = (0, False, 0)


@lru_cache(maxsize=None)
def _count_words(lang: str) -> dict[str, tuple[int, bool, int]]:
    """Memo of what each word may count (filled as words are seen): see _count_word."""
    return {}


def _count_word(word: str, lang: str) -> tuple[int, bool, int]:
    """(2 for a dual noun «شخصين», whether it is a construct dual «عضوي», a definite cardinal's value «الخمسة»)."""
    kind = (dual_count(word, lang) or 0, construct_dual(word, _ARTICLE_PROBE, lang) is not None,
            definite_number(word, lang) or 0)
    return _PLAIN if kind == _PLAIN else kind


def _is_person(word: str, persons: frozenset[str]) -> bool:
    from ..text.tokens import stems
    return any(s in persons for s in stems(word))


def _killed(nt: NormalizedText, sentences: list[Sentence], lang: str, near: set[int]) -> list[Quantity]:
    """Death tolls in the sentences ``near`` an attack word (that sentence, the one before and
    the one after: a toll may be told apart from the word), not over the whole text."""
    spans: list[list[int]] = []
    for si in sorted(near):
        if 0 <= si < len(sentences):
            s = sentences[si]
            if spans and spans[-1][1] >= s.start:
                spans[-1][1] = s.end
            else:
                spans.append([s.start, s.end])
    out = []
    covered: set[int] = set()  # characters inside a toll found (tolls may overlap)
    for rx, words in _guarded(lang, "killed"):
        for lo, hi in spans:
            if not may_match(words, nt.text, lo, hi):
                continue
            for m in rx.finditer(nt.text, lo, hi):
                g = m.groupdict()
                n = (_toll_value(g["n"], lang) if g.get("n") else 1 if g.get("one") else 2 if g.get("two")
                     else 0 if g.get("zero") else None)  # «لم يسفر عن سقوط أي قتيل», "no one was killed": 0
                if n is None or m.start() in covered:
                    continue
                covered.update(range(m.start(), m.end()))
                si = _sentence_holding(sentences, m.start())
                if g.get("n2"):  # "which killed 45 and 17 people respectively": a toll for each, in order
                    n2 = _toll_value(g["n2"], lang)
                    out.append(Quantity("killed", n, n, m.start("n"), m.end("n"), si))
                    if n2 is not None:
                        out.append(Quantity("killed", n2, n2, m.start("n2"), m.end("n2"), si))
                    continue
                out.append(Quantity("killed", n, n, m.start(), m.end(), si))
    return out


def _sentence_holding(sentences: list[Sentence], pos: int) -> int:
    """Index of the sentence holding character ``pos`` (0 when it falls between sentences)."""
    i = bisect_right(sentences, pos, key=_END)
    return sentences[i].index if i < len(sentences) and sentences[i].start <= pos else 0


@lru_cache(maxsize=None)
def _compiled(lang: str, name: str) -> list[re.Pattern]:
    # (a toll may be written in words: «سبعة عشر», «dix-sept», «quarante-cinq»)
    number = _written_number(lang, 4, bounded=True) if name == "killed" else r"\d{1,4}"
    return [compile_pattern(p.replace("{N}", number)) for p in language_data(lang, "patterns").get(name, [])]


def _toll_value(text: str, lang: str) -> int | None:
    """The value of a toll's number, in digits or words."""
    if text.isdigit():
        return int(text)
    parsed = parse_number(tokenize(text)[0], 0, lang)
    return parsed[0] if parsed else None


@lru_cache(maxsize=None)
def _guarded(lang: str, name: str) -> list[tuple[re.Pattern, tuple[str, ...]]]:
    """:func:`_compiled` with each pattern's required words (a scan is skipped where none is)."""
    return guarded(_compiled(lang, name))


def _ages(nt: NormalizedText, analysis_sentences: list[Sentence], lang: str) -> list[Quantity]:
    lists, ranges, singles = _age_patterns(lang)
    text = nt.text
    hint = _age_hint(lang)
    if hint is not None and not hint.search(text):
        return []
    out: list[Quantity] = []
    taken = Spans()
    for kind, pats in (("list", lists), ("range", ranges), ("single", singles)):
        for rx, words in pats:
            if not may_match(words, text):
                continue
            for m in rx.finditer(text):
                if taken.overlaps(m.start(), m.end()):
                    continue
                if kind == "list":  # each person's age: the youngest and the oldest
                    ages = [int(x) for x in re.findall(r"\d+", m.group("list"))]
                    lo, hi = min(ages), max(ages)
                elif kind == "range":
                    a, b = _age_value(m.group("a"), lang), _age_value(m.group("b"), lang)
                    if a is None or b is None:
                        continue
                    lo, hi = sorted((a, b))
                else:
                    lo = hi = _age_value(m.group("age"), lang)
                    if lo is None:
                        continue
                if not (10 <= lo <= 90 and 10 <= hi <= 90):
                    continue
                taken.take(m.start(), m.end())
                si = _sentence_holding(analysis_sentences, m.start())
                out.append(Quantity("age", lo, hi, m.start(), m.end(), si))
    return out


_SPAN = itemgetter(0, 1)  # Match: (start, end, label, value)
_END = itemgetter(2)  # Token.end, Sentence.end (a field's index is read faster than its name)
_START = itemgetter(1)  # Token.start
assert Token._fields[2] == Sentence._fields[2] == "end"


def _capitalised_foreign(original: str, nt: NormalizedText, tokens: list[Token], places: list[Match]) -> list[Match]:
    """The generated foreign towns (``foreign_towns.tsv``) count only when written with a
    capital, as English and French write place names: «à Béziers», not «à celle de», "the
    Forest" or «la gare»."""
    foreign = load_foreign_towns()
    return [m for m in places if m.value.id not in foreign
            or original[nt.original_index(tokens[m.start].start)].isupper()]


@lru_cache(maxsize=None)
def _line_patterns(lang: str, name: str) -> tuple[re.Pattern, ...]:
    return tuple(compile_pattern(p) for p in language_data(lang, "patterns").get(name, []))


@lru_cache(maxsize=None)
def _guarded_lines(lang: str, name: str) -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    return guarded(_line_patterns(lang, name))


def _line_patterns_in(text: str, lang: str, name: str) -> list[re.Pattern]:
    """The line patterns ``name`` that may match somewhere in ``text`` (a line of it holds
    no more than the text: a pattern whose required words are not there is left out)."""
    return [rx for rx, words in _guarded_lines(lang, name) if may_match(words, text)]


# Lines under a teaser label alone on its line («إقرأ أيضاً:») that are still its headlines: short,
# not ending a sentence, at most this many.
TEASER_HEADLINES, TEASER_HEADLINE_CHARS = 5, 160
_SENTENCE_STOP = re.compile(r"[.!?؟]\W*$")


def _without_captions(nt: NormalizedText, lang: str) -> NormalizedText:
    """The text with its photo captions and teasers blanked out (same length).

    A caption says what a picture shows ("Moroccan pours tea in a cafe … in Lagfaf market …
    (AP photo)", "A picture taken on September 11, 2020, during a press conference …", "The
    crime scene …/Ph. DR": dev3 n3-07, n3-02, n3-08): its places and days are the picture's,
    not the news'. A line that starts as a caption or ends with a photo credit
    (patterns.json 'caption_line') is left out of the analysis. So is a teaser, another
    article's headline under «اقرأ أيضا», "Read also", «Lire aussi» ('teaser_line': dev2 h26,
    dev3 n3-09): a report told there is not this article's, and its facts would join the
    paragraph after it; a label alone on its line takes the headlines under it. The readers'
    comments under a page's label ('comments_line': "Comments (4)") are left out to the end; a
    correction note about the article itself ('correction_line': «Rectificatif : une version antérieure …»)
    is left out: what it says was wrong is no event."""
    captions = _line_patterns_in(nt.text, lang, "caption_line")
    teasers = _line_patterns_in(nt.text, lang, "teaser_line")
    comments = _line_patterns_in(nt.text, lang, "comments_line")
    corrections = _line_patterns_in(nt.text, lang, "correction_line")
    blank, pos = [], 0  # (start, end) of the spans to blank, in text order
    under_label = 0  # headlines still to blank under a teaser label
    for line in nt.text.split("\n"):
        text = line.strip()
        if text and any(p.search(line) for p in comments):
            blank.append((pos, len(nt.text)))  # "Comments (4)": the readers' words to the end, not the article's
            break
        teaser = text and any(p.search(line) for p in teasers)
        if under_label and text and not teaser and (len(text) > TEASER_HEADLINE_CHARS or _SENTENCE_STOP.search(text)):
            under_label = 0
        if text and (teaser or under_label or any(p.search(line) for p in captions)
                     or any(p.search(line) for p in corrections)):
            blank.append((pos, pos + len(line)))
            if teaser:
                label_only = len(text.split()) <= 4 and not re.search(r"[:\-–|]\s*\S", text)
                under_label = TEASER_HEADLINES if label_only else 0
            elif under_label:
                under_label -= 1
        elif line.lstrip().startswith("["):
            tag = _SPEAKER_TAG.match(line)  # «[VOICE-OVER] Three suspects…»: a TV script's stage direction
            if tag:
                blank.append((pos, pos + tag.end()))
        pos += len(line) + 1
    return nt if not blank else replace(nt, text=blanked(nt.text, blank))


# A bracketed tag opening a line of a script or transcript («[VOICE-OVER]», «[REPORTER]»,
# «[صوت]»): a stage direction, not text ("over" there is no "more than").
_SPEAKER_TAG = re.compile(r"\s*\[[^\]\n\d]{1,30}\]")


def corrected_counts(doc: Document, lang: str) -> dict[int, tuple[int, tuple[int, int]]]:
    """The counts a correction note about the article puts right («Correctif : … le nombre de suspects arrêtés
    est de 13 et non 12», "… was 13, not 12»): the article's figure -> the right one and its characters
    ('corrected_count' patterns, on the note's lines that `_without_captions` leaves out of the analysis)."""
    raw = doc.text.lower()
    if not any(may_match(words, raw) for _, words in _guarded_lines(lang, "correction_line")):
        return {}  # no note's word in the text: no need to normalize it again
    text = normalize(unwrap_lines(doc.text)).text
    notes = _line_patterns_in(text, lang, "correction_line")
    if not notes:
        return {}
    out: dict[int, tuple[int, tuple[int, int]]] = {}
    pos = 0
    for line in text.split("\n"):
        if any(p.search(line) for p in notes):
            for rx in _line_patterns(lang, "corrected_count"):
                for m in rx.finditer(line):
                    out[int(m.group("old"))] = (int(m.group("n")), (pos + m.start("n"), pos + m.end("n")))
        pos += len(line) + 1
    return out


def _drop_attack_names_in_dates(mentions: list[Mention], tokens, raw_dates) -> list[Mention]:
    """«الخميس 16 ماي 2024», "Thursday, May 16, 2024": a well-known attack's name («16 ماي») inside
    a date of another year is that day, not the attack."""
    if not any(m.kind == "known_attack" for m in mentions):
        return mentions
    dated = [(d.start, d.end, d.value[:4]) for d in raw_dates if d.value and d.kind == "day"]

    def other_year(m: Mention) -> bool:
        a, b = tokens[m.start].start, tokens[m.end - 1].end
        year = str(m.value.get("date", ""))[:4]
        return any(s <= a and b <= e and y != year for s, e, y in dated)
    return [m for m in mentions if not (m.kind == "known_attack" and other_year(m))]


def document_text(doc: Document, lang: str) -> NormalizedText:
    """The normalized text the mentions are found in: hard-wrapped lines joined, captions and
    teasers blanked (same length as the document's text: offsets still hold)."""
    return _without_captions(normalize(unwrap_lines(doc.text)), lang)


def _by_list(raw: list[Match]) -> tuple[list[Match], list[Match], list[Match]]:
    """The lexicon matcher's matches parted: the date words', the places' and the rest's, each in match order."""
    dates: list[Match] = []
    places: list[Match] = []
    rest: list[Match] = []
    for m in raw:
        label = m.label
        (dates if label.startswith("date:") else places if label == "place" else rest).append(m)
    return dates, places, rest


def analyze(doc: Document, lang: str = "ar", published: str | None = None,
            nt: NormalizedText | None = None) -> Analysis:
    """Run the mention stage over one document (``nt``: its :func:`document_text`, when already made)."""
    if nt is None:
        nt = document_text(doc, lang)
    tokens, sentences = tokenize(nt.text)
    date_marks, place_marks, lexical = _by_list(lexicon_matcher(lang).find(tokens))
    found = _drop_overlapping(lexical)
    # «الأسلحة النارية والبيضاء»: the second item of a shared noun, found apart, is an item too
    if any(m.label == "item_elided" for m in found):
        found = [m._replace(label="item") if m.label == "item_elided" else m for m in found]
    places = _capitalised_foreign(doc.text, nt, tokens, load_gazetteer().select(tokens, place_marks))
    found = _drop_inside_names(found)
    found += _drop_hidden_places(places, found)
    new = tuple.__new__
    found.sort(key=_SPAN)
    mentions = [new(Mention, (label, value, start, end, tokens[start].sentence)) for start, end, label, value in found]
    raw_dates = scan_dates(nt.text, lang, tokens, date_marks)
    mentions = _drop_attack_names_in_dates(mentions, tokens, raw_dates)
    numbers = _not_in_names(nt.text, tokens, find_numbers(tokens, lang), mentions)
    _join_plus_signs(nt.text, tokens, numbers)
    ages = _ages(nt, sentences, lang)
    # a number of an age range is no count («aged 19 to 27, accused of …»)
    quantities = [q for q in _person_counts(tokens, numbers, lang)
                  if not any(g.start <= q.start < g.end for g in ages)] + ages
    attack_sentences = {m.sentence for m in mentions if m.kind in ("trigger:attack", "trigger:attack_strong", "known_attack")}
    if attack_sentences:  # only attacks have a death toll
        near = {si + k for si in attack_sentences for k in (-1, 0, 1)}
        quantities += _killed(nt, sentences, lang, near)
    analysis = Analysis(doc, lang, nt, tokens, sentences, mentions, [], quantities, None, numbers=numbers,
                        raw_dates=raw_dates)
    analysis.set_published(published)
    return analysis
