"""Stage 3: statistical claims — «أكثر من 200 خلية منذ 2002، وفق وزارة الداخلية».

A claim is a number that counts cells, persons arrested, plots foiled or attacks over
a period, as opposed to the count of one operation. Each claim gets its qualifier
(the words just before the number), its period (the nearest «منذ 2002», «بين سنتي
2002 و2018», «سنة 2020» in its sentence), a subset («منها 65 خلية مرتبطة بداعش»)
and its source: who the sentence attributes it to, or the last speaker or report the
article quoted.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter

from ..models import Claim
from ..resources import language_data
from ..text.dates import grammar, parse_iso, year_of_month
from ..text.normalize import normalize_text
from ..text.numbers import definite_number, number_words
from ..text.patterns import compile_pattern, may_match, required_words
from ..text.spans import Spans
from ..text.tokens import _TEXT, PhraseMatcher, stems
from .drafts import _is_cue, partner_police
from .mentions import Analysis, Mention, _is_person, _person_words, bcij_alone, plus_after
from .relevance import MOROCCAN_ONLY
from .spans import claim_spans
from .tables import has_year_series, table_rows, tokens_in, year_series

# How far (tokens) a metric noun may follow its number («126 هو مجموع الخلايا»).
NOUN_WINDOW = 4
# How far a subset phrase may follow the number it qualifies, or the link word («مرتبطة», "linked") after it.
SUBSET_WINDOW = 8
# Tokens after a link word within which what it links to is named («avaient des liens avec des
# groupes actifs au Sahel»: the link's own words, then the group and where it is active).
LINK_OBJECT_WINDOW = 10
# How far the link word may follow the figure's noun («88 خلية مفككة منذ 2013 على ارتباط»).
LINK_WINDOW = 5
# How far a figure may follow the count it gives («وصل عدد المخططات الإرهابية المحبطة … 276»),
# and how far the metric noun may follow the count word («the number of foiled plots»).
COUNT_WINDOW = 16
COUNT_NOUN_WINDOW = 3
# Sane bounds for a statistic.
MIN_VALUE, MAX_VALUE = 2, 100_000
# A count this large, its verb at most TALLY_VERB_WINDOW tokens before it, is a statistic
# even with no period or statistics word: no operation arrests hundreds.
AGGREGATE_VALUE = 100
TALLY_VERB_WINDOW = 8
TALLY_AFTER_WINDOW = 14
# Fewer cells than this, with no period or statistics word, are operations told together.
FEW_CELLS = 4

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_YEAR_RE = re.compile(_YEAR)


@dataclass
class PeriodMention:
    start: int  # normalized char offset
    since: str | None = None
    until: str | None = None
    period: str | None = None
    end: int = -1  # normalized char offset after it (-1: carried, not read here)


_START = attrgetter("start")


@lru_cache(maxsize=None)
def _months(lang: str) -> dict[str, int]:
    return {normalize_text(k): v for k, v in language_data(lang, "months").items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def _period_patterns(lang: str) -> list[tuple[str, re.Pattern]]:
    pats = language_data(lang, "patterns").get("period", {})
    months = "|".join(re.escape(m) for m in sorted(_months(lang), key=len, reverse=True)) or "(?!x)x"
    return [(name, compile_pattern(p.replace("{Y}", _YEAR).replace("{M}", f"(?:{months})")))
            for name, plist in pats.items() for p in plist]


@lru_cache(maxsize=None)
def _guarded_periods(lang: str) -> list[tuple[str, re.Pattern, tuple[str, ...]]]:
    """:func:`_period_patterns` with each pattern's required words (a scan is skipped where none is)."""
    return [(name, rx, required_words(rx)) for name, rx in _period_patterns(lang)]


@lru_cache(maxsize=None)
def _words(lang: str, name: str) -> frozenset[str]:
    return frozenset(normalize_text(w) for w in language_data(lang, "lexicon").get(name, []))


def _is_word(lang: str, name: str, token: str) -> bool:
    """Whether ``token`` or one of its stems (a clitic off: «الصادر», «والصادر») is a word of word set ``name``."""
    words = _words(lang, name)
    return any(x in words for x in stems(token))


def _has(a: Analysis, lo: int, hi: int, name: str) -> bool:
    """Whether a word or phrase of lexicon list ``name`` starts in tokens[lo:hi]."""
    return a.has(name, lo, hi)


def find_periods(a: Analysis) -> list[PeriodMention]:
    """Period expressions in the text, with their kind."""
    out: list[PeriodMention] = []
    taken = Spans()
    for name, rx, words in _guarded_periods(a.lang):
        if not may_match(words, a.nt.text):
            continue
        for m in rx.finditer(a.nt.text):
            if not taken.take(m.start(), m.end()):
                continue
            g = m.groupdict()
            if name == "range":
                y1, y2 = sorted((g["a"], g["b"]))
                out.append(PeriodMention(m.start(), since=y1, until=y2, end=m.end()))
            elif name == "since":
                out.append(PeriodMention(m.start(), since=g["a"], end=m.end()))
            elif name == "until":
                out.append(PeriodMention(m.start(), until=g["a"], end=m.end()))
            elif name == "until_month":  # «وحتى نهاية سبتمبر 2024», "until the end of September 2024"
                month = _months(a.lang).get(g["m"])
                out.append(PeriodMention(m.start(), until=f"{g['a']}-{month:02d}" if month else g["a"], end=m.end()))
            elif name == "until_month_bare":  # "by the end of November", «حتى نهاية نونبر»: this year's
                month = _months(a.lang).get(g["m"])
                year = year_of_month(month, parse_iso(a.published)) if month else None
                if year is not None:
                    out.append(PeriodMention(m.start(), until=f"{year}-{month:02d}", end=m.end()))
            elif name in ("since_month", "month"):
                # «depuis le mois de janvier», "since January 2025", «au cours du mois d'octobre 2025»,
                # «خلال شهر أكتوبر 2025»: a month (this year's when the text gives none)
                month = _months(a.lang).get(g["m"])
                year = g.get("a") or (year_of_month(month, parse_iso(a.published)) if month else None)
                if month and year:
                    value = f"{year}-{month:02d}"
                    out.append(PeriodMention(m.start(), end=m.end(), **(
                        {"since": value} if name == "since_month" else {"period": value})))
            elif name == "first_months":
                # "the first nine months of the year", «le premier semestre 2025», «النصف الأول من العام الجاري»:
                # from the year's start to the end of its Nth month (this year's when the text gives none)
                months = 6 if g.get("half") else 3 if g.get("quarter") else _month_count(a.lang, g.get("n"))
                year = g.get("a") or g.get("a2") or (a.published[:4] if a.published else None)
                if months and year:
                    out.append(PeriodMention(m.start(), since=year, until=f"{year}-{months:02d}", end=m.end()))
            elif name == "year":
                out.append(PeriodMention(m.start(), period=g["a"], end=m.end()))
            elif name == "since_then":
                # "The ministry's series starts in 2002. … since then": the last year told before
                year = _last_year_before(a, m.start())
                if year is not None:
                    out.append(PeriodMention(m.start(), since=year, end=m.end()))
            elif name == "that_year":
                # «L'année 2025 a été … dix cellules ont été démantelées au cours de l'année»: the year told
                # before, not a comparison's («… en 2025, contre huit en 2024. Au cours de l'année, …»)
                year = _last_year_before(a, m.start(), uncompared=True)
                if year is not None:
                    out.append(PeriodMention(m.start(), period=year, end=m.end()))
            elif name == "since_bcij":
                # «منذ إنشائه», "since its creation": the BCIJ's (2015) when the article names it
                if _names_bcij(a):
                    out.append(PeriodMention(m.start(), since="2015", end=m.end()))
    out.sort(key=lambda p: p.start)
    return out


def _month_count(lang: str, word: str | None) -> int | None:
    """The number of months a word or figure says («neuf», "nine", «التسعه», "9"), 1 to 11."""
    if not word:
        return None
    units = number_words(lang).units
    n = int(word) if word.isdigit() else next((units[x] for x in (word, *stems(word)) if x in units), None) \
        or definite_number(word, lang)  # («التسعة»: the definite cardinal)
    return n if n is not None and 1 <= n <= 11 else None


# How far back (characters) "since then" looks for the year it stands for (a sentence or two).
SINCE_THEN_REACH = 300


def _last_year_before(a: Analysis, start: int, uncompared: bool = False) -> str | None:
    """The last year the text writes in the SINCE_THEN_REACH characters before ``start``
    (``uncompared``: not one a comparison gives, «contre huit en 2024»)."""
    return next((dm.value[:4] for _, dm in reversed(a.dates)
                 if dm.kind == "year" and dm.value and start - SINCE_THEN_REACH <= dm.start < start
                 and not (uncompared and _compared(a, a.token_at(dm.start), COMPARED_YEAR_REACH))), None)


# Words between «contre», "against" and the year of the figure it compares («contre huit cellules en 2024»).
COMPARED_YEAR_REACH = 5


def _names_bcij(a: Analysis) -> bool:
    return any(m.value == "bcij" and m.kind in ("agency", "source") for m in a.mentions)


@lru_cache(maxsize=None)
def _metric_matcher(lang: str) -> PhraseMatcher:
    metrics = language_data(lang, "lexicon").get("claim_metric", {})
    return PhraseMatcher((phrase, "claim_metric", metric) for metric, phrases in metrics.items() for phrase in phrases)


@lru_cache(maxsize=None)
def _dual_figure_words(lang: str) -> frozenset[str]:
    data = language_data(lang, "numbers").get("dual_figures") or {}
    return frozenset(normalize_text(w) for w in data.get("words", []))


def _figures(a: Analysis) -> dict[int, tuple[int, int]]:
    """The document's numbers, and the duals that count two of their own noun («تم تفكيك خليتين»):
    token -> (value, token where its noun is looked for). Not the days of dates: «فكك في 10 يناير خلية»,
    "dismantled on January 10 a cell", counts no cells."""
    days = {k for _, dm in a.dates if dm.kind == "day"
            for k in range(a.token_at(dm.start), a.token_at(dm.end - 1) + 1)}
    numbers = {k: v for k, v in a.numbers.items() if k not in days} if days else a.numbers
    if a.of_kind("scale_before_figure"):
        # «maintenu à 4 sur une échelle de 5», "alert level 4 on a scale of 5": a level, no count
        scales = {x.end for x in a.of_kind("scale_before_figure")}
        numbers = {k: v for k, v in numbers.items() if k not in scales}
    duals = _dual_figure_words(a.lang)
    if not duals:
        return numbers
    ends = tuple(duals)  # clitics are prefixes: a dual's token ends with the dual
    found = {k: (2, k) for k, word in enumerate(map(_TEXT, a.tokens))
             if word.endswith(ends) and k not in a.numbers and any(x in duals for x in stems(word))}
    return {**numbers, **found} if found else numbers


def _metric_nouns(a: Analysis, figures: dict[int, tuple[int, int]]) -> dict[int, list[Mention]]:
    """Metric nouns («خلية», «شخصا», «مخططا») right after the document's figures, by token."""
    out: dict[int, list[Mention]] = {}
    for _, j in figures.values():
        # Phrases start within NOUN_WINDOW tokens and may run past it («le nombre total de cellules»).
        for m in _nouns_in(a, j, j + NOUN_WINDOW):
            out.setdefault(m.start, []).append(m)
    for ms in out.values():
        ms.sort(key=lambda m: m.start - m.end)  # the longest first
    return out


def find_claims(a: Analysis) -> tuple[list[Claim], set[int]]:
    """The claims of the document and the token indexes they use (numbers and nouns)."""
    figures_at = _figures(a)
    by_start = _metric_nouns(a, figures_at)
    periods = cache(lambda: find_periods(a))  # only documents with a candidate figure need them
    quals = {m.end: m.value for m in a.of_kind("qualifier")}
    claims: list[Claim] = []
    claim_sentences: list[int] = []
    figures: list[tuple[int, int]] = []  # each claim's figure tokens
    recent_metrics: dict[str, int] = {}  # metric -> sentence of its last claim figure
    used: set[int] = set()
    sources = SourceTracker(a)
    last: _Last | None = None  # the figure of the last claim read (kept or a repeat)
    lists = _respective_lists(a)
    table = _table_cells(a, quals) if "|" in a.nt.text or has_year_series(a.nt.text) else {}
    table_rows = {a.tokens[k].sentence for k in table}
    table_sources: dict[int, str | None] = {}
    for i, (value, j) in sorted(figures_at.items()):
        si = a.tokens[i].sentence
        if si in table_rows:
            if i not in table:
                continue  # a table row's other numbers (its year) are no figures of their own
            fields = dict(table[i])
            n = fields.pop("table")
            credit = fields.pop("credit", None)
            if n not in table_sources:  # every row's source is the table's (its credit line's, caption's or heading's)
                told = [m.value for m in a.in_sentence(credit, "source")] if credit is not None else []
                table_sources[n] = told[0] if told else sources.source_for(si, i)
            claim = Claim(value=value, **fields)
            claim.source = table_sources[n]
            claim.evidence = [a.sentence_span(si)]
            claims.append(claim)
            claim_sentences.append(si)
            figures.append((i, j))
            used.update(range(i, j))
            continue
        # the claim figure read last (a repeat of an earlier one too), in this sentence or the one before
        # (across a paragraph break when the sentence opens on the figures told: «وأفادت الحصيلة ذاتها»)
        prev = last.claim if last is not None and si - last.sentence <= 1 and (
            not _paragraph_break(a, last.sentence, si) or _opens_on_figures(a, si)) else None
        if prev is not None and last.head is not None and si != last.sentence:
            prev = last.head  # "ten cells this year, against eight in 2024. These operations …": the ten's
        if prev is None and last is not None and _has(a, max(a.sentences[si].first_token, i - 4), i, "subset_intro"):
            prev = last.claim  # «Parmi ces structures, 78 …», «من بينها 14 …»: a part of the figure before
        # even across a paragraph: «هذه الخلايا توزعت بين …» opens a new paragraph with the breakdown
        # of the figure the last one closed on
        near = last.claim if last is not None and si - last.sentence <= 1 else None
        recent = {m for m, msi in recent_metrics.items() if si - msi <= 1}
        claim, part = _claim_at(a, i, j, value, by_start, periods, quals, prev, last, near, recent,
                                lists.get(i))
        if claim is not None and _foreign_tally(a, si):
            used.update(range(i, j + NOUN_WINDOW))  # another country's tally: no claim, no operation
            continue
        if claim is not None:
            claim.source = sources.source_for(a.tokens[i].sentence, i)
            claim.evidence = [a.sentence_span(a.tokens[i].sentence)]
            same = next((c for c in claims if c.metric == claim.metric and c.value == claim.value
                         and not _periods_differ(c, claim)), None)
            if same is None:
                claims.append(claim)
                claim_sentences.append(si)
                figures.append((i, j))
            else:
                _complete(same, claim)
            compared = last is not None and (_compared(a, i, COMPARISON_REACH) or (
                last.head is not None and last.sentence == si))
            last = _Last(si, i, j, claim, part, (last.head or last.claim) if compared else None)
            recent_metrics[claim.metric] = si
            used.update(range(i, j + NOUN_WINDOW))
            verb = _tally_verb(a, claim.metric, value, i, a.sentences[si])
            if verb is not None and verb > i:
                used.add(verb)  # "918 people were arrested": the passive is the tally's, not an operation's
            pronoun = _counted_by_pronoun(a, i, a.sentences[si])
            if pronoun is not None:
                used.update(range(pronoun, i))  # «le BCIJ en avait démantelé neuf»: its verb is the tally's
    for claim, si, i in _ordinal_tallies(a, periods, claims):
        used.update(range(i, i + ORDINAL_TALLY_WORDS))  # "the third terror cell dismantled": no operation
        claim.source = sources.source_for(si, i)
        claim.evidence = [a.sentence_span(si)]
        claims.append(claim)
        claim_sentences.append(si)
        figures.append((i, i + 1))
    _attribute_back(a, [(c, si) for c, si in zip(claims, claim_sentences)], sources)
    if claims:
        qualifiers = a.of_kind("qualifier")
        told_periods = periods() + _year_mentions(a)
        for claim, (i, j) in zip(claims, figures):
            qualifier = next((m for m in qualifiers if m.end in (i, i - 1)), None) or min(
                (m for m in qualifiers if m.value == claim.qualifier), key=lambda m: abs(m.end - i), default=None)
            claim.spans = claim_spans(a, claim, i, j, qualifier, told_periods)
    return claims, used


def _table_cells(a: Analysis, quals: dict[int, str]) -> dict[int, dict]:
    """Figures of a table of yearly figures: a header row whose cells name metrics ("Cells
    dismantled", «Personnes arrêtées», «عدد الموقوفين») over rows that open on a year ("2021 | 10
    | 52": ten cells and 52 persons in 2021) or on a total between two years ("Total 2021–2025 |
    40 | 199"), or a series of yearly figures under a caption that names the metric («2019 : 14»). Token
    of each figure -> the claim's fields but its value, and its table's index."""
    text = a.nt.text
    out: dict[int, dict] = {}
    series = year_series(text) if has_year_series(text) else []
    for n, rows in enumerate((table_rows(text) if "|" in text else []) + series):
        if len(rows) < 2:
            continue
        credit = _credit_line(a, rows[-1][-1][1]) if any(rows is x for x in series) else None
        metrics = {}
        for col, (c0, c1) in enumerate(rows[0]):
            ks = list(tokens_in(a, (c0, c1)))
            if not ks:
                continue
            nouns = _nouns_in(a, ks[0], ks[-1] + 1)
            if nouns:
                metric = _metric(a, nouns[0], a.sentences[a.tokens[ks[0]].sentence])
                if metric is not None:
                    metrics[col] = metric
        if not metrics:
            continue
        for cells in rows[1:]:
            years = _YEAR_RE.findall(text, cells[0][0], cells[0][1])
            since = any(a.has("period_span", k, k + 1) for k in tokens_in(a, cells[0]))
            if len(years) == 1:  # «2025 | 9 | 67»; «Depuis la création du BCIJ (2015) | plus de 100 | …»
                when = {"since": years[0]} if since else {"period": years[0]}
            elif len(years) == 2 and years[0] < years[1]:
                when = {"since": years[0], "until": years[1]}
            else:
                continue
            for col, metric in metrics.items():
                if col >= len(cells):
                    continue
                c0, c1 = cells[col]
                ks = [k for k in tokens_in(a, (c0, c1)) if k in a.numbers]
                if len(ks) == 1:
                    out[ks[0]] = {"metric": metric, "table": n, "qualifier": _qualifier(a, quals, ks[0]), **when,
                                  **({"credit": credit} if credit is not None else {})}
    return out


def _credit_line(a: Analysis, end: int) -> int | None:
    """The sentence of the lines right after a series of figures ending at character ``end`` (its paragraph)
    that credits a source («* au 10 décembre 2025. Source : BCIJ, bilans annuels»), if any."""
    paragraph_end = a.nt.text.find("\n\n", end)
    paragraph_end = len(a.nt.text) if paragraph_end < 0 else paragraph_end
    si = a.sentence_of_char(end + 1)
    while si < len(a.sentences) and a.tokens[a.sentences[si].first_token].start < paragraph_end:
        if a.tokens[a.sentences[si].first_token].start > end and a.in_sentence(si, "source"):
            return si
        si += 1
    return None


def _foreign_tally(a: Analysis, si: int) -> bool:
    """A sentence about another country's police, or counting in another country («81 personnes ont été
    arrêtées en Espagne»), and no Moroccan service or town ("Spanish police had arrested 78 suspected
    jihadists in 2023, many of them of Moroccan origin"): its figures are that country's, not Morocco's
    record."""
    mentions = a.by_sentence.get(si, ())
    if not any(m.kind == "partner" for m in mentions) or any(
            m.kind == "agency" and m.value in MOROCCAN_ONLY
            or m.kind == "place" and m.value.country == "MA" for m in mentions):
        return False
    return any(m.kind == "partner" and (partner_police(a, m) or _in_the_country(a, m) or _counting_country(a, m))
               for m in mentions)


# Words of an aside between a subject and its verb («, for its part,», «، من جهتها،»).
ASIDE_WORDS = 4
# Words between a country as a count's subject and the count's verb (an auxiliary: «L'Espagne a arrêté»), and the
# words of a relative clause set off by commas between them («L'Espagne, qui maintient son niveau d'alerte …, a arrêté»).
COUNTING_SUBJECT_REACH = 2
COUNTING_ASIDE_WORDS = 30


def _aside(a: Analysis, lo: int, hi: int, reach: int = ASIDE_WORDS) -> bool:
    """Tokens[lo:hi] are an aside set off by commas, ``reach`` words at most ("The Interior Ministry, for its part,
    counts")."""
    tokens = a.tokens
    return 0 < hi - lo <= reach and hi < len(tokens) and not tokens[lo].soft_before \
        and not tokens[hi].soft_before and all(tokens[k].soft_before for k in range(lo + 1, hi))


def _counting_country(a: Analysis, m: Mention) -> bool:
    """The country is the subject of the count's verb («L'Espagne a arrêté 81 jihadistes présumés en 2024», "Spain
    arrested 81 suspected jihadists", «اعتقلت إسبانيا 81 شخصا»): its own record. Before the verb (after it in Arabic),
    maybe past an aside that names no other country ("Spain, which …, arrested 81")."""
    mentions = a.by_sentence.get(m.sentence, ())
    verbs = [x for x in mentions if x.kind.startswith("trigger:") or x.kind in _COUNT_VERBS]
    if a.lang == "ar":
        return any(0 <= m.start - v.end <= COUNTING_SUBJECT_REACH for v in verbs)
    tokens = a.tokens
    for v in verbs:
        # (not «Le Maroc, comme l'Espagne, a démantelé»: the country of an aside before the verb)
        if 0 <= v.start - m.end <= COUNTING_SUBJECT_REACH and all(
                tokens[k].soft_before for k in range(m.end, v.start + 1)):
            return True
        if v.start > m.end and not any(x.kind in ("partner", "morocco") and m.end <= x.start < v.start
                                       for x in mentions) \
                and any(_aside(a, m.end, k, COUNTING_ASIDE_WORDS)
                        for k in range(max(m.end + 1, v.start - COUNTING_SUBJECT_REACH), v.start + 1)):
            return True
    return False


def _in_the_country(a: Analysis, m: Mention) -> bool:
    """"arrested in Spain", «arrêtées en Espagne», «déjoués en France»: figures made in that country, its
    name right after the verb's "in" (not "Moroccans who joined the fighting in Syria")."""
    k = m.start - 1  # the word for "in", right after the verb of the count: the country is where it was made
    return k > a.sentences[m.sentence].first_token and a.tokens[k].text in _words(a.lang, "in_country") and any(
        (x.kind.startswith("trigger:") or x.kind in _COUNT_VERBS) and x.end == k for x in a.by_sentence.get(m.sentence, ()))


# The verbs of a count (arrested, dismantled, foiled) as the claims' lexicon names them.
_COUNT_VERBS = frozenset({"foil_verb", "foil_noun_for_claim", "arrest_noun_for_claim", "dismantle_for_claim"})


# The ordinal, its cell noun and the participle that counts ("third terror cell dismantled").
ORDINAL_TALLY_WORDS = 4


@lru_cache(maxsize=None)
def _tally_ordinals(lang: str) -> dict[str, int]:
    data = language_data(lang, "numbers").get("tally_ordinals", {})
    return {normalize_text(k): v for k, v in data.items() if not k.startswith("_")}


def _ordinal_tallies(a: Analysis, periods, claims: list[Claim]):
    """(claim, sentence, token) for «the third cell dismantled since January», «la troisième
    cellule démantelée depuis le début de l'année», «الخلية الثالثة التي يتم تفكيكها منذ بداية السنة»:
    an ordinal beside a cell noun, in a sentence that gives the period it counts from, is that
    many cells so far."""
    ordinals = _tally_ordinals(a.lang)
    if not ordinals:
        return
    for i, word in enumerate(map(_TEXT, a.tokens)):
        value = ordinals.get(word)
        if value is None:
            continue
        tok = a.tokens[i]
        s = a.sentences[tok.sentence]
        # the noun right after the ordinal (English, French: maybe past "terror"), or right before it (Arabic)
        nouns = [m for m in a.in_sentence(tok.sentence, "trigger:cell") if i - 1 <= m.start < i + 3]
        if not nouns or not _has(a, s.first_token, s.last_token, "trigger_dismantle_words") and not _has(
                a, s.first_token, s.last_token, "dismantle_for_claim"):
            continue
        period = _nearest_period(a, periods(), tok.sentence, tok.start)
        since = period.since if period is not None else None
        if since is None:
            relative = _relative_year(a, tok.sentence, tok.start)
            spanned = relative is not None and _has(a, s.first_token, s.last_token, "period_span")
            since = relative.period if spanned else None
        if since is None:
            since = _since_month(a, tok.sentence)
        if since is None or any(c.metric == "cells_dismantled" and c.value == value for c in claims):
            continue
        yield Claim(metric="cells_dismantled", value=value, qualifier="exact", since=since), tok.sentence, i


def _since_month(a: Analysis, si: int) -> str | None:
    """"since January": the month named right after a «since» word, resolved by the publication date."""
    for dm in a.dates_in(si):
        if dm.kind == "month" and dm.value and _has(a, max(0, a.token_at(dm.start) - 2), a.token_at(dm.start),
                                                      "period_span"):  # «منذ مطلع يناير»
            return dm.value
    return None


def _year_mentions(a: Analysis) -> list[PeriodMention]:
    """Relative years («العام الماضي», "last year") that may give a claim its period."""
    return [PeriodMention(dm.start, period=dm.value[:4], end=dm.end)
            for _, dm in a.dates if dm.value and dm.kind in ("year", "relative")]


# How far after an attribution word a possessive may name the source's owner («d'après les
# bilans présentés par sa direction»).
POSSESSIVE_REACH = 6
# Words of a title's complement before the comma of a name in apposition («وزير الداخلية»).
APPOSITION_REACH = 3
# Link words at most between a report noun and its author ("the report of the DGSN").
GENITIVE_REACH = 3
# An apposition between commas after a country or capital opening the sentence ("Morocco, a close
# U.S. security partner, says"): no other punctuation but an abbreviation's points, ten words at most.
_APPOSITION = re.compile(r"\s*,\s*(?:(?:[^\s,;:!?.—–]|(?<=\b[A-Z])\.)+\s+){0,9}(?:[^\s,;:!?.—–]|(?<=\b[A-Z])\.)+\s*,\s*")
# How many sentences back a source given after the figures («تلك الحصيلة جاءت، بحسب …») reaches.
BACK_REACH = 4


def _attribute_back(a: Analysis, claims: list[tuple[Claim, int]], sources: "SourceTracker") -> None:
    """«… 19 خلية … (21 خلية) … تلك الحصيلة جاءت، بحسب آخر إحصائيات المكتب المركزي»: a sentence
    that opens on "these figures" and names a source attributes the unattributed figures of the
    sentences just before it, back to one that names its own source (``claims``: each with its
    sentence)."""
    open_claims = [(c, si) for c, si in claims if c.source is None]
    if not open_claims:
        return
    for nxt in sorted({si + d for _, si in open_claims for d in range(1, BACK_REACH + 1)}):
        if nxt >= len(a.sentences):
            continue
        s = a.sentences[nxt]  # the anaphor reaches over a paragraph break
        if not _has(a, s.first_token, min(s.first_token + 4, s.last_token), "figures_anaphor"):
            continue
        sources._read_up_to(nxt)
        found = sources.by_sentence.get(nxt)
        if not found:
            continue
        first = nxt - 1
        while first > nxt - BACK_REACH and first > 0 and not sources.by_sentence.get(first - 1):
            first -= 1
        for c, si in open_claims:
            if first <= si < nxt and c.source is None:
                c.source = found[0][1]


def _complete(first: Claim, again: Claim) -> None:
    """A figure told again («تفكيك 210 خلية» in the headline, then the body's «أعلن النيفاوي عن
    تفكيك 210 خلية منذ 2002») fills in what its first telling left out: who states it, the
    qualifier the headline dropped («ما يزيد عن 500»)."""
    if first.source is None:
        first.source = again.source
    if first.qualifier == "exact" and again.qualifier != "exact":
        first.qualifier = again.qualifier
    if not (first.since or first.until or first.period):
        first.since, first.until, first.period = again.since, again.until, again.period


@dataclass
class _Last:
    """The last claim figure read: its sentence, tokens, claim, and whether it counted a part
    of a figure before it («منها 77», "including 14 women")."""
    sentence: int
    start: int
    end: int
    claim: Claim
    part: bool
    head: Claim | None = None  # when it is compared with a figure before it («… contre huit en 2024»): that figure


def _claim_at(a: Analysis, i: int, j: int, value: int, by_start, periods, quals,
              prev: Claim | None, last: _Last | None = None,
              near: Claim | None = None, recent: set[str] = frozenset(),
              listed: "ListedFigure | None" = None) -> tuple[Claim | None, bool]:
    """The claim whose number is tokens[i:j], if it is one, and whether it counts a part.

    ``prev`` is the claim just before (same or previous sentence): an elliptic figure
    («و6 أخرى», «14 منها», «و19 في 2016») takes its metric, and a figure with no period
    of its own («خلال هذه الفترة») takes its period. ``last`` is the claim figure just
    before in the same sentence: a figure joined to it as the next item of a list
    («41 محاولة …، و7 محاولات اختطاف», "14 women and 29 minors") shares its metric, and
    counts a part of the same whole when it did. ``near`` is the claim figure of this or the
    sentence before even across a paragraph ("over the same period" takes its period), and
    ``recent`` the metrics claimed there (a breakdown «هذه الخلايا توزعت بين 21 خلية …» needs
    no verb of its own). ``listed`` places the figure in a list of figures sharing one noun,
    each with its year when the years are listed too (:func:`_respective_lists`).
    """
    tok = a.tokens[i]
    s = a.sentences[tok.sentence]
    # One is a figure when said to be the only one ("only one major attack", «حادث إرهابي واحد
    # فقط», «un seul attentat»), or as an item of a list of yearly figures («… وخلية واحدة في
    # 2021», «et une en 2021»); not the article of «une idéologie».
    only = value == 1 and (_has(a, max(s.first_token, i - 4), i, "only_one")
                           or _has(a, j, min(j + 2, s.last_token), "only_one"))
    # ... and as an item of a list of parts («من بينهم ثلاثة قاصرين وامرأة واحدة», "including three
    # minors and one woman")
    # (one person is an item when a noun of persons follows: «… six mineurs, une proportion en hausse» is no item)
    one_item = value == 1 and last is not None and _list_item(a, last, i, s) and (
        _year_after(a, j) or last.part and any(  # (its noun after it, or before it: «وامرأة واحدة»)
            s.first_token <= k < s.last_token and (k in by_start or _is_person(a.tokens[k].text, _person_words(a.lang))
                                                    or _is_word(a.lang, "person_singular", a.tokens[k].text))
            for k in ((j, i - 1) if a.lang == "ar" else (j,))))
    if not (MIN_VALUE <= value or only or one_item) \
            or value > MAX_VALUE or (tok.is_number and re.fullmatch(_YEAR, tok.text)):
        return None, False
    if i > s.first_token and a.tokens[i - 1].text in _words(a.lang, "ordinal_before_ten"):
        return None, False  # «الذكرى الثامنة عشرة»: the ten of an ordinal
    if _has(a, max(s.first_token, i - 4), i, "operation_anaphor") and not (
            last is not None and last.sentence == s.index and last.claim.metric == "cells_dismantled"):
        # «… تفكيك شبكة سنة 2014، أوقف خلالها تسعة أشخاص»: that operation's count; but «140 خلية،
        # تم على إثرها توقيف 2200 شخص» counts the arrests of the cells the claim before counted
        return None, False
    if any(q.kind == "age" and q.start <= tok.start < q.end for q in a.quantities_in(s.index)):
        return None, False  # «بين 22 و42 عاما»: an age
    if _in_a_when_clause(a, i, s):
        return None, False  # «… في فبراير الماضي، حين أوقف 12 شخصا»: that operation's count
    if j < s.last_token and _is_cue(a.lang, "duration_noun", a.tokens[j].text) and not _year_after(a, j + 1):
        return None, False  # «بعد قرابة خمسة أشهر على تفكيك خلية», "five months after": a duration
    noun = None
    if value == 1:
        # «حادث إرهابي واحد», «وامرأة واحدة»: «واحد» follows its noun
        noun = next((m for m in _nouns_in(a, max(s.first_token, i - 3), i) if m.end == i), None)
        if noun is None and a.lang == "ar" and not tok.is_number and i > s.first_token \
                and a.tokens[i].soft_before and a.tokens[i - 1].text.isalpha():
            return None, False  # «شهرا واحدا فقط بعد تفكيك خلية»: one month, not one cell
    look = j if listed is None else listed.noun_at  # «21, 19 et 9 cellules»: the last figure's noun
    if _has(a, j, j + 1, "partitive"):
        # "50 of the 168 busted cells", «15 من أصل 40 خلية»: the whole's noun is the part's too
        whole = next((k for k in range(j + 1, min(j + 4, s.last_token)) if k in a.numbers), None)
        if whole is not None:
            look = a.numbers[whole][1]
    for k in range(look, min(look + NOUN_WINDOW, s.last_token) if noun is None else look):
        if not a.tokens[k].soft_before or (k > look and k in a.numbers):
            break  # a noun after another figure is that figure's («16 آخرين ضمن ست خلايا»)
        if k in by_start:
            noun = by_start[k][0]
            break
        if a.lang == "ar" and k == look and _is_person(a.tokens[k].text, _person_words(a.lang)):
            # «اثني عشر عضوا في خلية»: an Arabic figure counts the noun right after it (its tamyiz); a
            # person noun there is what it counts, not the cell named after it (English and French put
            # adjectives first: "200 terrorist cells")
            break
    # «منها 77 لها علاقة بداعش», "including about 50 with links to", «dont 51 étaient»: a part
    # ... when nothing but years stands between it and the claim figure before («killed 45
    # people, including 12 suicide bombers» counts the 45's part, not the last claim's)
    intro = _has(a, max(s.first_token, i - 3), i, "subset_intro") and not _figure_between(
        a, last.end if last is not None else s.first_token, i)
    # «Parmi les personnes arrêtées figurent quatre femmes», "Among those arrested were four women": a sentence opening
    # on the word, its first figure a part of the claim before
    intro = intro or (_has(a, s.first_token, s.first_token + 1, "subset_intro") and prev is not None
                      and not _figure_between(a, s.first_token, i) and any(  # (of persons: not "Among the operations")
                          _is_person(a.tokens[k].text, _person_words(a.lang))
                          or _is_word(a.lang, "arrest_noun_for_claim", a.tokens[k].text)
                          for k in range(s.first_token + 1, min(i, s.first_token + 5))))
    # "292 of them with a record", «14 منها»: the part right after its figure
    intro = intro or (_has(a, j, j + 1, "subset_intro") and j < s.last_token and a.tokens[j].soft_before
                      and not _figure_between(a, j + 1, min(j + 3, s.last_token)))  # not «276،بينها 119»
    item = last is not None and _list_item(a, last, i, s)
    part = (intro and prev is not None) or (item and last.part)
    counted = None
    near = near or prev
    if noun is not None:
        metric = _breakdown(_metric(a, noun, s), noun, recent)
    elif prev is not None and (_elliptic(a, j, s) or intro or item or _counted_by_pronoun(a, i, s) is not None
                               or _has(a, s.first_token, i, "figure_noun")):  # "The figure for 2015 alone was 21"
        metric, noun = prev.metric, None
        # «Parmi ces cellules, plus de 40 étaient liées …» after a count of persons: the noun
        # before the elliptic figure, in its sentence, names the whole it is a part of when it is
        # one of the metrics just counted
        referent = _referent(a, i, s) if (intro or _elliptic(a, j, s)) else None
        if referent is not None and referent.value != metric and referent.value in recent:
            metric = referent.value
    elif (_elliptic(a, j, s) or intro) and (referent := _referent(a, i, s)) is not None:
        # «إن الخلايا ال126 لم تستهدف كلها المغرب، إذ أن 14 منها …», «Ces cellules se répartissent entre 21 en 2015»
        metric = _breakdown(_metric(a, referent, s), referent, recent)
    else:
        counted = _counted_noun(a, i, s)
        if counted is None:
            return None, False
        metric = _metric(a, counted, s)
    if metric is None:
        return None, False
    if metric == "attacks" and value > 1 and any(q.kind == "killed" for q in a.quantities_in(s.index)):
        return None, False  # «cinq attentats suicides ont tué 33 personnes»: one event's account, not a tally
    end = noun.end if noun else j
    if _rate(a, end, min(end + 4, s.last_token), s.index) or _rate(a, max(s.first_token, i - 3), i, s.index):
        return None, False  # a yearly average («10 خلايا في السنة») is not a count
    period = _nearest_period(a, periods(), tok.sentence, tok.start, metric)
    head = last.head if last is not None and last.sentence == s.index else None
    if head is not None and head.metric != metric and period is not None and period.start < tok.start \
            and (head.since or head.until or head.period):
        # "dismantled ten cells by the end of November, up from eight in 2025 … and five in 2023, and
        # had arrested 64 people": past the comparison, another count goes on with the head's period
        period = PeriodMention(-1, head.since, head.until, head.period)
    if listed is not None and listed.year is not None:
        period = PeriodMention(tok.start, period=listed.year)  # «… en 2015, 2016 et 2017»: its own year
    if period is not None and period.since and _has(a, j, min(j + 5, s.last_token), "first_year"):
        period = PeriodMention(period.start, period=period.since)  # "275 in its first year" of «منذ 2015»
    # «العام الماضي», "this year" date the figure but do not make it a statistic: «واعتقلت
    # السلطات حينها 18 متهما» after «نهاية العام الماضي» is one operation's count
    relative = _relative_year(a, tok.sentence, tok.start)
    if relative is not None and period is not None and not (
            tok.start < relative.start and a.token_at(relative.start) <= (noun.end if noun else j) + 3):
        relative = None  # an explicit year wins, unless the relative one is the figure's own («eight so far this year»)
    elif relative is not None:
        period = None
    if period is None and relative is None and near is not None and _has(a, s.first_token, s.last_token, "same_period") \
            and (near.since or near.until or near.period):
        period = PeriodMention(-1, near.since, near.until, near.period)  # "over the same period", «خلال الفترة نفسها»
    if period is None and relative is None and prev is not None and (prev.since or prev.until or prev.period) \
            and not (metric == "persons_arrested" and value < AGGREGATE_VALUE and noun is not None and not part
                     and (last is None or last.sentence != s.index) and a.in_sentence(s.index, "place")
                     and (_subset(a, noun, i, j, s) is None
                          or not _has(a, max(s.first_token, i - 3), i, "subset_intro"))):
        # (a few persons with a noun of their own and a town, in a sentence after the statistic, "five men
        # … were held in Agadir", are an operation's count, not the statistic's; so are "six suspected Islamic
        # State supporters in Oujda": their noun's group is no part of the statistic with no «dont», "of whom")
        period = PeriodMention(-1, prev.since, prev.until, prev.period)
    tally = noun is not None and _tally(a, metric, value, i, s)
    aggregate = period is not None or _has(a, s.first_token, s.last_token, "claim_cue") or tally or only
    # a part of a figure that is a claim («بينهم 14 امرأة») is one too
    part = part and prev is not None and prev.metric == metric
    period = period or relative
    if (period is None or period is relative) and (month := _since_month(a, tok.sentence)) is not None:
        period = PeriodMention(tok.start, since=month)  # «منذ مطلع يناير», "since January": from that month
    # ... unless a span word opens it: «منذ بداية السنة الجارية», "during this year"
    spanned = relative is not None and period is relative and _has(
        a, max(s.first_token, a.token_at(relative.start) - 3), a.token_at(relative.start) + 1, "period_span")
    # "dismantled nine cells and arrested 68 people", «فككت … ست خلايا وأوقفت 31 شخصا», «Neuf cellules démantelées et 67
    # personnes interpellées»: the persons counted beside a statistic of cells in its sentence are a statistic too
    beside_cells = last is not None and last.sentence == s.index and last.claim.metric == "cells_dismantled" \
        and not last.part and metric == "persons_arrested" and not part and not (
            j < s.last_token and _is_word(a.lang, "part_after_number", a.tokens[j].text))  # (not «اثنان منهم»)
    if beside_cells and period is None and (last.claim.since or last.claim.until or last.claim.period):
        period = PeriodMention(-1, last.claim.since, last.claim.until, last.claim.period)
    # «L'an dernier, les chiffres officiels faisaient état de 52 personnes interpellées», "last year's figures show …":
    # a word of statistics in the sentence makes a count of last year's or this year's persons a statistic
    counted_by_figures = period is relative and period is not None and period.period is not None and any(
        _is_word(a.lang, "statistics_nouns", a.tokens[k].text) for k in range(s.first_token, s.last_token))
    if metric == "persons_arrested" and (period is None or (period is relative and not spanned)) and not (
            tally or part or beside_cells or counted_by_figures
            or (period is relative and _compared_with_a_year(a, end, s))):
        return None, False
    # Many cells are a statistic; a few («Two Unrelated Terror Cells Broken Up in One Week»),
    # persons and plots need a period or a statistics word.
    if not aggregate and not part and (metric != "cells_dismantled" or value < FEW_CELLS):
        return None, False
    claim = Claim(metric=metric, value=value, qualifier=_qualifier(a, quals, i))
    if period:
        claim.since, claim.until, claim.period = period.since, period.until, period.period
    # a count named before its figure is the whole; what follows the figure («، بينها 119») is the next one's
    listed = part or (item and last.claim.subset is not None and last.claim.metric == metric)
    claim.subset = None if counted is not None else _subset(a, noun, i, j, s, listed)
    if part and claim.subset is None and noun is None and prev.subset is not None:
        claim.subset = prev.subset  # «41 mineurs …, dont sept en 2024», "seven of them": minors too
    return claim, part


@dataclass(frozen=True)
class ListedFigure:
    """A figure of a list of figures sharing one noun: the token its noun is looked for at (after
    the list's last figure), and its year when the sentence lists as many years."""
    noun_at: int
    year: str | None


def _respective_lists(a: Analysis) -> dict[int, ListedFigure]:
    """Figures listed together under one noun («21, 19 et 9 cellules», «21 و19 و9 خلايا», "21, 19
    and 9 cells"), by token. A list of figures and a list of as many years in one sentence pair
    in order, as the press writes a series with or without "respectively" («… en 2015, 2016 et
    2017»); a list in the next sentence with no year of its own pairs with the same years («Sur
    ces trois années, 275, 276 et 186 personnes …»)."""
    out: dict[int, ListedFigure] = {}
    if len(a.numbers) < 2:
        return out
    joiners = _words(a.lang, "list_joiner")
    runs: dict[int, list[list[int]]] = {}
    run: list[int] = []
    for k in sorted(a.numbers):
        if run and _joined(a, run[-1], k, joiners) and _is_year(a, run[-1]) == _is_year(a, k):
            run.append(k)
            continue
        if len(run) > 1:
            runs.setdefault(a.tokens[run[0]].sentence, []).append(run)
        run = [k]
    if len(run) > 1:
        runs.setdefault(a.tokens[run[0]].sentence, []).append(run)
    years_before: tuple[int, list[str]] | None = None  # sentence, listed years
    for si in sorted(runs):
        years = [[a.tokens[k].text for k in r] for r in runs[si] if _is_year(a, r[0])]
        if years:
            years_before = (si, years[0])
        elif years_before is not None and si - years_before[0] > 1:
            years_before = None
        for r in runs[si]:
            if _is_year(a, r[0]):
                continue
            paired = next((y for y in years if len(y) == len(r)), None)
            if paired is None and not years and years_before and len(years_before[1]) == len(r) \
                    and not any(_is_year(a, k) for k in a.numbers if a.tokens[k].sentence == si):
                paired = years_before[1]
            noun_at = a.numbers[r[-1]][1]
            for n, k in enumerate(r):
                out[k] = ListedFigure(noun_at, paired[n] if paired else None)
    return out


def _joined(a: Analysis, k1: int, k2: int, joiners: frozenset[str]) -> bool:
    """The number at ``k2`` follows the one at ``k1`` as the next item of a list: after a comma,
    or after «و» / "and" / «et»."""
    end = a.numbers[k1][1]
    return a.tokens[k1].sentence == a.tokens[k2].sentence and (
        (k2 == end and not a.tokens[k2].soft_before) or (k2 == end + 1 and a.tokens[end].text in joiners))


def _is_year(a: Analysis, k: int) -> bool:
    return a.numbers[k][1] == k + 1 and bool(_YEAR_RE.fullmatch(a.tokens[k].text))


def _periods_differ(x: Claim, y: Claim) -> bool:
    """Both figures are of one year, not the same: 19 cells in 2016 and 19 in 2018 are two
    claims. (Running totals told again with another start, a headline's «since 2012» for the
    body's «since 2002», are one figure told twice.)"""
    return bool(x.period and y.period and x.period != y.period)


def _breakdown(metric: str | None, noun: Mention, recent: set[str]) -> str | None:
    """«وأوضح أن هذه الخلايا توزعت بين 21 خلية سنة 2015 …»: the breakdown of the cells or plots
    figure just before needs no verb of its own."""
    if metric is None and noun.value in recent and noun.value in ("cells_dismantled", "plots_foiled"):
        return noun.value
    return metric


def _relative_year(a: Analysis, si: int, pos: int) -> PeriodMention | None:
    """«العام الماضي», "this year", «l'an dernier» in the figure's sentence, the nearest: the year
    it names when the publication date resolves it, else a period left unknown (the figure then
    does not borrow the year of the figure before: «2016 … مقابل العام الماضي (21 خلية)»)."""
    rel = [d for d in a.dates_in(si) if d.kind == "relative" and d.rule and "year" in d.rule]
    if not rel:
        return None
    d = min(rel, key=lambda d: abs(d.start - pos))
    return PeriodMention(d.start, period=d.value[:4] if d.value else None, end=d.end)


def _rate(a: Analysis, lo: int, hi: int, si: int) -> bool:
    """A rate word («في السنة», "a year») in tokens[lo:hi] that is not the start of a date
    («في السنة الحالية», "a year ago")."""
    dates = a.dates_in(si)
    return any(m.kind == "claim_rate" and lo <= m.start < hi and not any(
        d.start <= a.tokens[m.start].start < d.end or d.start <= a.tokens[m.end - 1].start < d.end for d in dates)
        for m in a.in_sentence(si, "claim_rate"))


def _year_after(a: Analysis, j: int) -> bool:
    """Whether a year follows within three tokens of tokens[j]."""
    return any(k in a.numbers and re.fullmatch(_YEAR, a.tokens[k].text) and a.tokens[k].sentence == a.tokens[j - 1].sentence
               for k in range(j, min(j + 3, len(a.tokens))))


def _series_value_between(a: Analysis, lo: int, hi: int, persons_apart: bool = False) -> bool:
    """Whether a figure with no noun of its own («ثم 8 في 2018», "and 19 in 2016") stands in
    tokens[lo:hi]: one followed by a year or a year's preposition, or one running to ``hi``.
    ``persons_apart``: a count of persons is another series (a count of cells shares the year of
    "… nine cells and arrested 72 people in 2025")."""
    figures, dated, longest = _series_index(a)
    k = bisect_left(dated, lo)
    while k < len(dated) and dated[k] < hi:
        if not (persons_apart and _counts_persons(a, dated[k])):
            return True
        k += 1
    # A figure runs to hi only when it starts within its own length of it.
    return any(a.numbers[f][1] >= hi for f in figures[bisect_left(figures, max(lo, hi - longest)):
                                                      bisect_left(figures, hi)])


def _counts_persons(a: Analysis, k: int) -> bool:
    """The figure at token ``k`` counts persons ("72 people", «72 شخصا»)."""
    start = a.tokens[k].start
    return any(q.kind == "persons" and q.start == start for q in a.quantities_in(a.tokens[k].sentence))


def _series_index(a: Analysis) -> tuple[list[int], list[int], int]:
    """Built once per document: the figures (numbers that are not years), those followed by
    a year or a year's preposition, and the longest figure in tokens."""
    if a.series is None:
        preps = _words(a.lang, "year_prepositions")
        figures = sorted(k for k in a.numbers if not _YEAR_RE.fullmatch(a.tokens[k].text))
        # ... or after its noun: "19 cells in 2016", «19 خلية في 2016»
        dated = [k for k in figures
                 if any(e < len(a.tokens) and a.tokens[e].sentence == a.tokens[k].sentence
                        and (a.tokens[e].text in preps or _YEAR_RE.fullmatch(a.tokens[e].text))
                        and (e + 1 >= len(a.tokens) or e == a.numbers[k][1] or _YEAR_RE.fullmatch(a.tokens[e + 1].text))
                        for e in (a.numbers[k][1], a.numbers[k][1] + 1))]
        longest = max((a.numbers[k][1] - k for k in figures), default=0)
        a.series = (figures, dated, longest)
    return a.series


def _figure_between(a: Analysis, lo: int, hi: int) -> bool:
    """Whether a figure other than a year stands in tokens[lo:hi]."""
    return any(k in a.numbers and not re.fullmatch(_YEAR, a.tokens[k].text) for k in range(lo, hi))


# How far (tokens) a list item may follow the figure before it («41 محاولة مهاجمة بالسلاح، و7 …»).
LIST_GAP = 12
# Words between a report's noun and the participle that names its author («le bilan annuel publié … par»), and
# between that participle and the author ("by the General Directorate …").
REPORT_BY_REACH = 2
REPORT_BY_GAP = 3


def _list_item(a: Analysis, last: _Last, i: int, s) -> bool:
    """Whether the figure at token ``i`` is the next item of a list whose item before is
    ``last``: a comma or «و» / "and" / «et» right before it, the previous figure a few words
    back, and no new clause between them."""
    if not 0 < i - last.end <= LIST_GAP or a.tokens[i].sentence != last.sentence:
        return False
    joiners = _words(a.lang, "list_joiner")

    def joined_at(k: int) -> bool:
        # a one-letter joiner is written on its word («وامرأة واحدة»)
        return not a.tokens[k].soft_before or a.tokens[k - 1].text in joiners or any(
            len(w) == 1 and a.tokens[k].text.startswith(w) and len(a.tokens[k].text) > 2 for w in joiners)
    # «وخلية واحدة في 2021»: «واحد» follows its noun
    joined = joined_at(i) or (i - 1 > last.end and bool(_nouns_in(a, i - 1, i)) and joined_at(i - 1))
    return joined and not _has(a, last.end, i, "clause_break") and not _figure_between(a, last.end, i)


def _nouns_in(a: Analysis, lo: int, hi: int) -> list[Mention]:
    """The metric nouns («خلية», «persons», «projets») starting in tokens[lo:hi]."""
    return [Mention("claim_metric", m.value, m.start, m.end, a.tokens[m.start].sentence)
            for m in _metric_matcher(a.lang).find(a.tokens, lo, hi)]


def _tally(a: Analysis, metric: str, value: int, i: int, s) -> bool:
    return _tally_verb(a, metric, value, i, s) is not None


def _tally_verb(a: Analysis, metric: str, value: int, i: int, s) -> int | None:
    """Hundreds arrested or plots foiled, the verb right before the figure («enabled the
    arrest of more than 3,129 suspects», «أحبطت أزيد من 500 مخطط»): a tally whatever the
    words around it; no operation arrests hundreds."""
    verb = {"persons_arrested": "arrest_noun_for_claim", "plots_foiled": "foil_noun_for_claim"}.get(metric)
    if verb is None or value < AGGREGATE_VALUE:
        return None
    # or a passive after it: "918 people were arrested", "More than 3,000 people, including 292
    # with records, have been arrested" (the verb's token is returned: it belongs to the tally)
    if _has(a, max(s.first_token, i - TALLY_VERB_WINDOW), i, verb):
        return i
    # the passive in the figure's own clause, past an aside that names a part («، including …,»)
    hi = min(i + 1 + TALLY_AFTER_WINDOW, s.last_token)
    k, aside = i + 1, False
    while k < hi:
        if not a.tokens[k].soft_before:
            if aside:
                aside = False
            elif _has(a, k, k + 1, "subset_intro"):
                aside = True
            else:
                break
        if not aside and _has(a, k, k + 1, verb):
            return k
        k += 1
    return None


def _referent(a: Analysis, i: int, s) -> Mention | None:
    """The metric noun an elliptic figure at token ``i`` («14 منها») refers back to: the last
    one before it in its sentence, within :data:`COUNT_WINDOW` tokens."""
    nouns = _nouns_in(a, max(s.first_token, i - COUNT_WINDOW), i)
    return max(nouns, key=lambda m: (m.end, m.end - m.start), default=None)


def _counted_noun(a: Analysis, i: int, s) -> Mention | None:
    """The metric noun of a count the figure at token ``i`` gives: «بلغ عدد الخلايا المفككة
    … 214», «the number of foiled plots reached 276», «le nombre de cellules démantelées
    s'élève à 84». The nearest count word before the figure, in its sentence, with no other
    figure between them (years may be: «منذ سنة 2002 إلى 276»)."""
    at = a.tokens[i].start
    if any(d.start <= at < d.end for d in a.dates_in(s.index)):
        return None  # «يوم الخميس 28 أبريل»: a day, not a figure
    lo = max(s.first_token, i - COUNT_WINDOW)
    for k in range(i - 1, lo - 1, -1):
        if a.tokens[k].is_number and not re.fullmatch(_YEAR, a.tokens[k].text):
            return None
        if _has(a, k, k + 1, "claim_count_of"):
            nouns = _nouns_in(a, k + 1, min(k + 1 + COUNT_NOUN_WINDOW, i))
            return min(nouns, key=lambda m: (m.start, m.start - m.end), default=None)
    return None


# Words between «contre», "against", «مقابل» and the figure it compares ("against some eight").
COMPARISON_REACH = 2


def _compared(a: Analysis, i: int, reach: int) -> bool:
    """Whether «contre», "against", «مقابل» stands in the ``reach`` words before token ``i``."""
    lo = max(a.sentences[a.tokens[i].sentence].first_token, i - reach)
    return any(_is_cue(a.lang, "comparison", a.tokens[k].text) for k in range(lo, i))


def _compared_with_a_year(a: Analysis, j: int, s) -> bool:
    """A comparison with another year's figure follows tokens[:j] in its sentence ("82 people
    this year, against 64 in 2024", «contre 64 en 2024», «مقابل 64 سنة 2024»): the figure is a
    year's statistic, not one operation's count."""
    return any(_is_cue(a.lang, "comparison", a.tokens[k].text)
               and _series_value_between(a, k + 1, min(k + 4, s.last_token + 1))
               for k in range(j, s.last_token))


def _opens_on_figures(a: Analysis, si: int) -> bool:
    """The sentence opens on the same figures as the one before («وأفادت الحصيلة ذاتها», "The
    same report says", «Le même bilan fait état»): it goes on with them."""
    s = a.sentences[si]
    return _has(a, s.first_token, min(s.first_token + 4, s.last_token), "figures_same")


def _paragraph_break(a: Analysis, s1: int, s2: int) -> bool:
    """Whether a blank line separates two sentences: a figure does not lend its period across it."""
    if s1 == s2:
        return False
    return "\n" in a.nt.text[a.sentences[s1].end:a.sentences[s2].start] or "\n" in a.nt.text[
        a.sentences[s1].start:a.sentences[s2].start].rstrip()[-1:]


def _elliptic(a: Analysis, j: int, s) -> bool:
    """A number with its noun left out: «14 منها», «و6 أخرى», «و19 في 2016», «13 سنة 2019»."""
    nxt = [t.text for t in a.tokens[j:min(j + 3, s.last_token)]]
    if not nxt:
        return False
    if _has(a, j, j + 1, "elliptic"):
        return True
    return len(nxt) >= 2 and nxt[0] in _words(a.lang, "year_prepositions") and re.fullmatch(_YEAR, nxt[1]) is not None


# Tokens before a figure within which a pronoun may stand for its noun («il en a démantelé neuf»).
PRONOUN_OBJECT_REACH = 4


def _counted_by_pronoun(a: Analysis, i: int, s) -> int | None:
    """Where the object pronoun standing for a figure's noun is («En 2021, le BCIJ en avait
    démantelé neuf au total»: nine of the cells told before), or None."""
    words = _words(a.lang, "pronoun_object")
    if not words or a.tokens[i].text in words:
        return None
    lo = max(s.first_token, i - PRONOUN_OBJECT_REACH)
    return next((k for k in range(i - 1, lo - 1, -1) if a.tokens[k].text in words
                 and any(m.kind.startswith("trigger:") and k < m.start < i for m in a.by_sentence.get(s.index, ()))),
                None)


def _metric(a: Analysis, noun: Mention, s) -> str | None:
    """Metric of the noun, checked against the sentence's verbs (arrests need an arrest word)."""
    metric = noun.value
    lo, hi = s.first_token, s.last_token
    if metric == "persons_arrested" and not _has(a, lo, hi, "arrest_noun_for_claim"):
        return None
    if metric in ("plots_foiled", "attacks"):
        foiled = _has(a, lo, hi, "foil_noun_for_claim") or _has(a, lo, hi, "foil_verb")
        metric = "plots_foiled" if foiled else "attacks"
        if metric == "attacks" and not _has(a, lo, hi, "ct"):
            return None
    # (or a security service's count: "The yearly reports of the national police (DGSN) show …: nine
    # cells in 2022, eight in 2023")
    if metric == "cells_dismantled" and not (_has(a, lo, hi, "trigger_dismantle_words") or _has(a, lo, hi, "ct")
                                             or _has(a, lo, hi, "dismantle_for_claim") or _has(a, lo, hi, "agency")):
        return None
    return metric


# Tokens between "when" and the figure or the arrest it tells («حين أوقف 12 شخصا», "when 12 people were arrested").
WHEN_REACH = 3


def _in_a_when_clause(a: Analysis, i: int, s) -> bool:
    """The figure counts the arrests of a "when" clause («… كانت في فبراير الماضي، حين أوقف 12 شخصا», "the last was
    in February, when 12 people were arrested", «lorsque douze personnes ont été arrêtées»): one operation's, no
    statistic."""
    lo = max(s.first_token, i - WHEN_REACH)
    when = next((k for k in range(lo, i) if _is_cue(a.lang, "when_clause", a.tokens[k].text)), None)
    if when is None:
        return False
    # ... the "when" of a day or a month ("in February, when"), not of a year ("higher than in 2024, when eight
    # cells were broken up": that year's figure)
    dated = [dm for dm in a.dates_in(s.index) if a.token_at(dm.end - 1) < when]
    if not dated or dated[-1].kind not in ("day", "month", "relative"):
        return False
    return any(x.kind in ("trigger:arrest", "trigger:dismantle") and lo <= x.start <= i + WHEN_REACH + 1
               for x in a.by_sentence.get(s.index, ()))


def _qualifier(a: Analysis, quals: dict[int, str], i: int) -> str:
    # «plus d'une centaine», "more than a hundred": the round number's «une» says about, the words before it
    # bound it (more than one hundred)
    if quals.get(i) == "about" and quals.get(i - 1, "about") != "about":
        return quals[i - 1]
    for end in (i, i - 1):
        if end in quals:
            return quals[end]
    if i in a.numbers and plus_after(a.nt.text, a.tokens, a.numbers, i):
        return "more_than"  # "230+ cells": the plus sign bounds it
    return "exact"


def _nearest_period(a: Analysis, periods: list[PeriodMention], si: int, pos: int,
                    metric: str | None = None) -> PeriodMention | None:
    s = a.sentences[si]
    inside = periods[bisect_left(periods, s.start, key=_START):bisect_left(periods, s.end, key=_START)]
    if not inside:
        return None
    # a period after the figure is its own unless a new clause begins between them
    # («… زهاء 1400 مشتبه فيه، في حين جرى خلال سنة 2023 تفكيك …»)
    # nor when another value of the series stands between them («9 خلايا ثم 8 في 2018»: the 8's year;
    # but "five cells and 17 arrests recorded in 2023" share it)
    # (a start that closes a coordination of figures is all of theirs: "dismantled more than 230 cells
    # and foiled more than 500 plots since 2002")
    after = [p for p in inside if p.start > pos
             and not _has(a, a.token_at(pos), a.token_at(p.start), "clause_break")
             and (p.since and not p.until or not _series_value_between(a, a.token_at(pos) + 1, a.token_at(p.start),
                                                                      persons_apart=metric == "cells_dismantled"))]
    before = [p for p in inside if p.start <= pos]
    # a period closing the clause of the figure before («57 cellules … entre 2015 et 2018, et plus
    # de 3.129 personnes … depuis 2002») is that figure's: the one after is this one's, however far
    # (unless another figure stands before that one: «200 خلية منذ 2002، وأحبطت 500 مخطط، … 100 خلية منذ 2015»)
    trailing = bool(before) and bool(after) and _figure_between(a, s.first_token, a.token_at(before[-1].start)) \
        and not _figure_between(a, a.token_at(pos) + 1, a.token_at(after[0].start))
    chosen = after[0] if after and (not before or trailing or after[0].start - pos < 60) else (
        before[-1] if before else None)
    if chosen is not None and chosen.since and not chosen.until:
        # «منذ إنشاء المكتب في 2015 … إلى حدود 2018»: a start and an end said apart.
        end = next((p for p in inside if p.start > chosen.start and p.until and not p.since), None)
        if end is not None:
            return PeriodMention(chosen.start, chosen.since, end.until, None)
    if chosen is not None and chosen.until and not chosen.since:
        start = next((p for p in reversed(inside) if p.start < chosen.start and p.since and not p.until), None)
        if start is not None:
            return PeriodMention(start.start, start.since, chosen.until, None)
    return chosen


def _subset(a: Analysis, noun: Mention | None, i: int, j: int, s, part: bool = False) -> str | None:
    """«منها 65 خلية مرتبطة بالدولة الإسلامية», «14 امرأة»: the part of a larger figure counted.

    ``part``: the figure is an item of a list of parts («من بينها 41 …، و7 محاولات اختطاف»).
    What follows the next figure or the next «منها» belongs to that one («47 خلية ترتبط 42
    منها بداعش»: the link is the 42's); "most of them" («ترتبط معظمها بداعش») names no part.
    """
    if noun is not None:
        own = [m for m in a.in_sentence(s.index, "subset") if noun.start <= m.start < noun.end]
        if own:
            return own[0].value
    end = noun.end if noun is not None else j
    if noun is None and _has(a, j, j + 1, "partitive"):
        # «62 cellules parmi les 183 démantelées étaient liées à Daech»: past the whole
        whole = next((k for k in range(j + 1, min(j + 4, s.last_token)) if k in a.numbers), None)
        end = a.numbers[whole][1] if whole is not None else end
    elif noun is not None and noun.end > j and (whole := next((k for k in range(j, noun.start) if k in a.numbers), None)):
        end = noun.end  # "50 of the 168 busted cells were linked to": the noun is the whole's
    elif noun is not None and _has(a, end, end + 1, "partitive"):
        # «62 cellules parmi les 183 démantelées étaient liées à Daech»: past the whole and its participle
        whole = next((k for k in range(end + 1, min(end + 4, s.last_token)) if k in a.numbers), None)
        end = min(a.numbers[whole][1] + 1, s.last_token) if whole is not None else end
    # «20 شخصا عادوا إلى المغرب»: a subset word right after the noun describes it
    adjacent = [m for m in a.in_sentence(s.index, "subset") if m.start == end and noun is not None]
    if adjacent:
        return adjacent[0].value
    # the next figure (a year is none: «88 خلية مفككة منذ 2013 على ارتباط …»), or «منها» /
    # "including" before one, begins the next part
    def next_part(lo: int, hi: int) -> int:
        return next((k for k in range(lo, hi) if (k in a.numbers and not re.fullmatch(_YEAR, a.tokens[k].text)) or (
            _has(a, k, k + 1, "subset_intro") and _figure_between(a, k + 1, min(k + 4, s.last_token)))), hi)
    limit = next_part(end, min(end + SUBSET_WINDOW, s.last_token))
    lo = max(s.first_token, i - 3)
    # «ارتبطت 18 خلية منها بداعش»: «منها» right after the noun, no figure after it, is the figure's own
    intro = part or _has(a, lo, i, "subset_intro") or _has(a, end, min(end + 1, limit), "subset_intro") or (
        _has(a, j, j + 1, "subset_intro"))
    stop = end
    while stop < min(end + LINK_WINDOW, limit) and (stop == end or a.tokens[stop].soft_before):
        stop += 1
    link_at = next((m.start for m in a.in_sentence(s.index, "subset_link") if end <= m.start < stop), None)
    link = link_at is not None or _has(a, max(s.first_token, i - 2), i, "subset_link")
    if link_at is not None:
        # what the link names follows it: «على ارتباط وطيد بالمجموعات الإرهابية بالساحة السورية والعراقية»
        limit = max(limit, next_part(link_at, min(link_at + LINK_OBJECT_WINDOW, s.last_token)))
    if _has(a, end, stop, "subset_most"):
        return None
    if not (intro or link):
        return None
    near = [m for m in a.in_sentence(s.index, "subset") if end <= m.start < limit]
    if not near and link:
        # «الخلايا المرتبطة بتنظيمات الساحل … 40 خلية لها صلات بهذه التنظيمات»
        near = [m for m in a.in_sentence(s.index, "subset") if i - 2 * SUBSET_WINDOW <= m.start < i][-1:]
    # "Islamic State affiliates in the Sahel": the narrower link (the Sahel's groups) is the subset
    sahel = next((m for m in near if m.value == "sahel-linked"), None)
    return (sahel or near[0]).value if near else None


# How far (characters) after its verb a speaker's name closing the sentence may stand.
TRAILING_NAME_REACH = 160
_CAP = r"[A-ZÀ-Ý][\w'’-]+"


@lru_cache(maxsize=None)
def _name_patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a capitalized name, a name after a verb maybe past «its director,», words that are no name)."""
    lex = language_data(lang, "lexicon")

    def alt(key: str) -> str:
        return "|".join(re.escape(w) for w in lex.get(key, [])) or "(?!x)x"

    name = rf"(?P<name>{_CAP}(?:\s+(?:(?:{alt('name_particles')})[\s-]+)?{_CAP}){{1,3}})"
    # «a indiqué son directeur, Cherkaoui Habboub», «selon son directeur Cherkaoui Habboub»
    after = (rf"\s*(?:(?:{alt('name_determiners')})\s+[^,]{{0,60}},\s*|(?:(?:{alt('name_determiners')})\s+)?"
             rf"(?:{alt('person_title')})\s+)?{name}")
    return compile_pattern(name), compile_pattern(after), compile_pattern(rf"\b(?:{alt('not_a_name')})\b")


@lru_cache(maxsize=None)
def _trailing_name(lang: str) -> re.Pattern:
    """A name closing the text searched: «…, Mohamed Nifaoui.» (compiled once, not at each verb)."""
    return compile_pattern(rf",\s*{_name_patterns(lang)[0].pattern}\s*[.»\"”]*\s*$")


@lru_cache(maxsize=None)
def _name_then_title(lang: str) -> re.Pattern:
    """A name followed by its title in apposition: "Abdelhak El Khiam, the head of the BCIJ,"."""
    lex = language_data(lang, "lexicon")

    def alt(key: str) -> str:
        return "|".join(re.escape(w) for w in lex.get(key, [])) or "(?!x)x"

    return compile_pattern(rf"{_name_patterns(lang)[0].pattern}\s*,\s*(?:(?:{alt('name_determiners')})\s+)?"
                           rf"(?:{alt('person_title')})\b")


@lru_cache(maxsize=None)
def _pronoun_subject(lang: str) -> re.Pattern:
    """A singular pronoun right before the verb ("he said"), or after its auxiliary in French
    inversion («a-t-il ajouté»)."""
    words = "|".join(re.escape(w) for w in language_data(lang, "lexicon").get("singular_pronouns", [])) or "(?!x)x"
    return re.compile(rf"(?:\b(?:{words})|-t-(?:{words}))\s*+$", re.IGNORECASE)


@lru_cache(maxsize=None)
def _title_subject(lang: str) -> re.Pattern:
    """A title with its determiner right before a verb, naming no one: «Le responsable a ajouté»,
    "the official added" (the person quoted before)."""
    lex = language_data(lang, "lexicon")
    det = "|".join(re.escape(w) for w in lex.get("name_determiners", [])) or "(?!x)x"
    titles = "|".join(re.escape(w) for w in sorted(lex.get("person_title", []), key=len, reverse=True)) or "(?!x)x"
    return compile_pattern(rf"(?:^|[\s,])(?:{det})\s+(?:{titles})\s*,?\s*$", re.IGNORECASE)


def _surname_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower().replace("al-", "").replace("el-", ""))


# Marks that open a quotation («"», «“», ««»): a name is not quoted after its verb, what is said is.
_OPENING_QUOTES = ('"', "“", "«", "„")

# A line's opening label: up to 60 characters (titles and a name), maybe a parenthesis, then a colon.
_SPEAKER_LABEL = re.compile(r"[ \t]*(?P<label>[^:：\n()]{1,60}?)\s*(?:\((?P<paren>[^)\n]{1,40})\))?\s*[:：]")
# A Q&A's question line: a short label ("Q", «س»), a colon and a question mark on the line.
_QUESTION_LINE = re.compile(r"(?m)^[ \t]*[^\s:：]{1,12}\s*[:：][^\n]*[?؟]")
# An interviewer's question standing as a line of its own (no label), at most QUESTION_LINE_MAX characters.
_OWN_QUESTION_LINE = re.compile(r"(?m)^[^\n?؟]{10,200}[?؟][ \t]*$")
# Words between "according to", «حسب», «selon» and the short name it governs («selon le bilan annuel du Bureau»).
SHORT_NAME_REACH = 4


class SourceTracker:
    """Who states a figure: a source named in its sentence, else the last one quoted."""

    def __init__(self, a: Analysis):
        self.a = a
        self.last_person: str | None = None
        self.persons: list[str] = []  # full names quoted so far, for a surname said alone later
        self.last_report: str | None = None
        self.by_sentence: dict[int, list[tuple[int, str]]] = {}
        self._seen = 0  # sentences read so far, in order (a speaker stays current until the next)
        self._headline_speaker: str | None | bool = False  # not looked for yet
        self._turn: tuple[str, int] | None = None  # the speaker whose label opened the current line, and its offset
        self._questions: list[int] | None = None  # where an interview's question lines start (looked for once)
        self._interview_of: tuple[str | None] | None = None  # its interviewee (looked for once)

    def headline_speaker(self) -> str | None:
        """«الشرقاوي حبوب: عشر سنوات…», "Mohamed Nifaoui (BCIJ) : « Le Sahel… »": a headline that
        opens on a person's name and a colon quotes that person, who speaks the article's
        unattributed figures (an interview's answers)."""
        if self._headline_speaker is False:
            self._headline_speaker = self._find_headline_speaker()
        return self._headline_speaker  # type: ignore[return-value]

    def _find_headline_speaker(self) -> str | None:
        a = self.a
        text = a.doc.text
        first = text.lstrip()
        offset = len(text) - len(first)
        line = first.split("\n", 1)[0]
        colon = _SPEAKER_LABEL.match(line)
        if colon is None:
            return None
        name = colon.group("label").strip()
        if a.lang == "ar":
            words = name.split()
            if not 2 <= len(words) <= 3 or any(not w.isalpha() for w in words):
                return None
        elif not re.fullmatch(_name_patterns(a.lang)[0].pattern, name) or _name_patterns(a.lang)[2].search(name):
            return None
        # no place, service, group or other thing the matcher knows: «الناظور: …», «وزارة الداخلية: …»
        start = offset + colon.start("label")
        end = start + len(name)
        k = a.token_at(start)
        while k < len(a.tokens) and a.tokens[k].start < end:
            if self._known_word(k):
                return None
            k += 1
        return name

    def _known_word(self, k: int) -> bool:
        """Token ``k`` is no word of a person's name: inside a thing the matcher knows (a place, a service, a
        group; a title is no such thing) or a word no name has (lexicon ``name_stop``)."""
        a = self.a
        return a.tokens[k].text in _words(a.lang, "name_stop") or any(
            m.start <= k < m.end and m.kind != "person_title" for m in a.by_sentence.get(a.tokens[k].sentence, ()))

    def _read_up_to(self, si: int) -> None:
        while self._seen <= si:
            self.by_sentence[self._seen] = self._sources_in(self._seen)
            self._seen += 1

    def _short_names(self, si: int) -> list[Mention]:
        """«المكتب», "the bureau", «le Bureau» standing alone for the BCIJ the article named before
        («حسب معطيات المكتب», «selon le bilan annuel du Bureau»)."""
        a = self.a
        # ... governed by "according to", «حسب», «selon» («حصيلة المكتب، الذي تمكن …» is its record, not its word)
        verbs = [v.end for v in a.in_sentence(si, "attribution_verb")]
        return [m._replace(kind="source", value="bcij") for m in bcij_alone(a, si)
                if any(0 <= m.start - e <= SHORT_NAME_REACH for e in verbs)]

    def _sources_in(self, si: int) -> list[tuple[int, str]]:
        a = self.a
        out: list[tuple[int, str]] = []
        self._apposed_names(si)
        # «من بين أبرز العمليات», «ومن أبرز عمليات السنة»: after a preposition, «أبرز» is "the most
        # prominent", no verb
        verbs = [v for v in a.in_sentence(si, "attribution_verb")
                 if v.start == 0 or not any(x in _words(a.lang, "prepositions") for x in stems(a.tokens[v.start - 1].text))]
        reports = a.in_sentence(si, "report_noun")
        officials = a.in_sentence(si, "source_official")
        for m in a.in_sentence(si, "source") + self._short_names(si):
            # «حسب وزارة الداخلية», «أفادت الوزارة», «كشفت وزارة الخارجية الأمريكية أن»; a title
            # after a name («حبوب، مدير المكتب المركزي») is not the source, the name is.
            # ("stated that the Bureau's task force had dismantled": after «that» it is the clause's
            # subject, not who states it)
            near_verb = any((-1 <= m.start - v.end <= 1 and not (
                m.start > v.end and a.tokens[v.end].text in _words(a.lang, "complementizer")))
                or 0 <= v.start - m.end <= 2 or self._aside_between(m.end, v.start)
                # "according to an official of the BCIJ", «selon un responsable du BCIJ»: the official speaks for it
                or any(0 <= o.start - v.end <= 1 and 0 <= m.start - o.end <= 1 for o in officials) for v in verbs)
            # «تقرير الوزارة», «معطيات المديرية العامة للأمن الوطني», «the ministry's report»
            # («ذكر التقرير أن السلطات …»: after «أن» the source is the report's subject, not its author)
            # (and no verb between them: «السلطات المغربية، يضيف التقرير» is two sources)
            # "the annual report of the DGSN", "figures from Morocco's interior ministry": the genitive's
            # preposition, article or possessive between them
            report = any((0 <= r.start - m.end <= 6 and not any(m.end <= v.start < r.start for v in verbs))
                         or (0 <= m.start - r.end <= 1 and a.tokens[m.start].soft_before and not (
                m.start > r.end and a.tokens[r.end].text in _words(a.lang, "complementizer")))
                         or self._genitive_link(r.end, m.start)
                         # "the annual report released on Dec. 29 by the DGSN", «le bilan annuel publié fin décembre
                         # par la DGSN», «التقرير الصادر أمس عن المديرية»: its author
                         or self._published_by(r, m, si) for r in reports)
            if near_verb or report or self._bracketed_credit(m, si):
                out.append((m.start, m.value))
                if report or (reports and self.last_report is None):
                    # «وفي تقريرها السنوي … أبرزت الخارجية الأمريكية»: the speaker of a sentence about
                    # a report is the report's author, for a later «يضيف التقرير»
                    self.last_report = m.value
        named = [p for p, _ in out]
        for v in verbs:
            if self._government_subject(v, si):
                out.append((v.end, "interior-ministry"))
                continue
            if any(v.end <= p <= v.end + 1 for p in named):
                continue  # «وفق الأرقام الرسمية»: the source named right after the verb is its own
            if a.lang == "ar":
                # «حسب مديره»: the owner of the possessive suffix, not a name
                name = (self._possessor(v, si, reach=1) or self._name_after(v.end, si)
                        or self._subject_before(v.start, si))
            else:
                name = self._latin_name(v, si)
            # "The government reported that its services …": the possessive is the subject's own,
            # a body named by no id, not the agency named before
            generic = _has(a, max(a.sentences[si].first_token, v.start - 2), v.start, "generic_subject") or (
                a.lang == "ar" and _has(a, v.end, v.end + 1, "generic_subject"))  # «أفادت الحكومة»: after it
            if not name and not generic and not any(v.end <= p <= v.end + 4 for p, _ in out):
                name = self._possessor(v, si)
            if name:
                out.append((v.end, name))
            elif generic and not any(v.start - 4 <= p <= v.end + 1 for p, _ in out):
                out.append((v.end, None))  # someone speaks here, named by no id: no one before stands in
        speaker = self._speaker_label(si)
        if speaker:
            self._turn = (speaker, a.sentence_span(si)[0])
        elif self._turn is not None:
            here = a.sentence_span(si)[0]
            # the label's line has ended (only the text since the last sentence read is looked at)
            self._turn = None if "\n" in a.doc.text[self._turn[1]:here] else (self._turn[0], max(self._turn[1], here))
        if self._turn is None and (answer := self._answer_of_an_interview(si)) is not None:
            self._turn = (answer, a.sentence_span(si)[0])  # «Cette opération vous surprend-elle ?» / «Pas vraiment. …»
        if self._turn is not None and any(self._vague_source(si, p) for p, _ in out):
            # "Lamrani: According to official data, more than 220 cells …", «الخبير (محمد الطيبي): … وللتذكير،
            # فالمغرب فكك، حسب الأرقام الرسمية، …»: in a speaker's turn, figures that name no one are the speaker's
            out = [(p, src) for p, src in out if not self._vague_source(si, p)]
            if not speaker:
                out.append((a.sentences[si].first_token, self._turn[0]))
        if speaker:
            self.last_person = speaker
            if speaker not in self.persons:
                self.persons.append(speaker)
            out.append((a.sentences[si].first_token, speaker))
        return sorted(out, key=lambda x: x[0])

    def _answer_of_an_interview(self, si: int) -> str | None:
        """The interviewee, when sentence ``si`` stands in an answer of an interview whose questions are lines of their
        own ending on a question mark (two at least, «Cette opération vous surprend-elle ?»), after the first one."""
        a = self.a
        if self._questions is None:
            text = a.doc.text
            self._questions = [m.start() for m in _OWN_QUESTION_LINE.finditer(text)]
        if len(self._questions) < 2:
            return None
        start, end = a.sentence_span(si)
        if start <= self._questions[0] or a.doc.text[start:end].rstrip().endswith(("?", "؟")):
            return None
        if self._interview_of is None:  # (looked for once: the introduction before the first question)
            self._interview_of = (self._interviewee(self._questions[0] + 1),)
        return self._interview_of[0]

    def _vague_source(self, si: int, pos: int) -> bool:
        """The source mention at token ``pos`` names no one: "official figures", «الأرقام الرسمية» (lexicon
        ``vague_sources``)."""
        a = self.a
        m = next((x for x in a.in_sentence(si, "source") if x.start == pos), None)
        if m is None:
            return False
        rest = "".join(" " + t.text for t in a.tokens[m.start + 1:m.end])
        return any(x + rest in _words(a.lang, "vague_sources") for x in stems(a.tokens[m.start].text))

    def _published_by(self, r: Mention, m: Mention, si: int) -> bool:
        """The source is the author a report's participle names ("the annual report released on Dec. 29 by the
        DGSN", «le bilan annuel publié fin décembre par la DGSN», «التقرير الصادر أمس عن المديرية»): a participle
        at most ``REPORT_BY_REACH`` words after the report's noun, its «par», "by", «عن» at most
        ``REPORT_BY_GAP`` words after it (a date between), the source right after, the first one there."""
        a = self.a
        last = a.sentences[si].last_token
        for k in range(r.end, min(r.end + REPORT_BY_REACH + 1, last)):
            if not _is_word(a.lang, "report_participles", a.tokens[k].text):
                continue
            by = next((j for j in range(k + 1, min(k + REPORT_BY_GAP + 2, last)) if _is_word(
                a.lang, "report_by_words", a.tokens[j].text)), None)
            return (by is not None and 0 <= m.start - (by + 1) <= REPORT_BY_REACH
                    and not any(by < o.start < m.start for o in a.in_sentence(si, "source")))
        return False

    def _government_subject(self, v: Mention, si: int) -> bool:
        """«وتقول الرباط إنها فككت», "Rabat says it has dismantled", "Morocco, a close U.S. security partner,
        says": the capital or the country as the subject of a verb of saying stands for its government,
        as «الحكومة المغربية» and "Moroccan authorities" do (interior-ministry). In Arabic the subject
        follows the verb; elsewhere it opens the sentence («Le Maroc affirme», "The kingdom says"), maybe
        with an apposition between commas, or its clause after a fronted phrase («Depuis 2002, Rabat affirme»)."""
        a = self.a
        names = _words(a.lang, "government_names")
        first = a.sentences[si].first_token
        for m in a.in_sentence(si, "morocco"):
            if m.end - m.start != 1 or a.tokens[m.start].text not in names:
                continue
            if a.lang == "ar":
                # («الخلايا التي أعلن المغرب تفكيكها»: a relative clause says what was done, not who counts it)
                if m.start == v.end and a.tokens[m.start].soft_before and not (
                        v.start > first and a.tokens[v.start - 1].text in _words(a.lang, "relative_pronoun")):
                    return True
            else:
                opens = m.start == first or (
                    m.start == first + 1 and a.tokens[first].text in _words(a.lang, "government_article"))
                next_to_verb = m.end == v.start and a.tokens[v.start].soft_before
                if (opens or not a.tokens[m.start].soft_before) and next_to_verb:
                    return True  # «Le Maroc affirme», «Depuis 2002, Rabat affirme»
                if opens and _APPOSITION.fullmatch(a.doc.text, a.token_span(m.start, m.end)[1],
                                                   a.token_span(v.start, v.end)[0]):
                    return True  # "Morocco, a close U.S. security partner, says"
        return False

    def _speaker_label(self, si: int) -> str | None:
        """The speaker's label opening a line of an interview or of a broadcast's transcript names who
        speaks the line: «Cherkaoui Habboub : Depuis 2015 …», "Bennani-Idrissi: Official figures …" (a
        surname alone: the person named in full before it), «الخبير كريم الحمداوي: …», «محمد الطيبي (خبير
        أمني): …» (titles and a parenthesis around the name are not the name), «الضيف (كمال الوزاني): …» (a
        role, the name in the parenthesis). The speaker was introduced before (the presenter's or the
        introduction's words). Not a page's «Read Also:», a place's «الرباط:», a presenter's «المذيعة:»,
        which names no one, or a headline's «لفتيت أمام النواب:»."""
        a = self.a
        text, start = a.doc.text, a.sentence_span(si)[0]
        if start == 0 or "\n" not in text[max(0, start - 3):start]:
            return None
        label = _SPEAKER_LABEL.match(text, start, min(len(text), start + 110))
        if label is None:
            return None
        if normalize_text(label.group("label").strip()) in _words(a.lang, "answer_label"):
            return self._interviewee(start)  # "Q: … / A: …": the answers are the interviewee's
        for group in ("label", "paren"):
            if label.group(group) is None:
                continue
            name = (self._label_name(si, label.start(group), label.end(group)) if a.lang == "ar"
                    else self._latin_label_name(label.group(group).strip(), start))
            if name is not None:
                return name
        return None

    def _interviewee(self, start: int) -> str | None:
        """Whom a Q&A interviews: the last person named before its first question (the introduction's
        "Al Arabiya English spoke to Rachid Ait Lhaj, a researcher …"), or the last one quoted."""
        a = self.a
        text = a.doc.text
        first_q = _QUESTION_LINE.search(text, 0, start)
        intro = text[:first_q.start()] if first_q else text[:start]
        if a.lang != "ar":
            name_re, _, not_a_name = _name_patterns(a.lang)
            names = [m.group("name") for m in name_re.finditer(intro) if not not_a_name.search(m.group("name"))]
            if names:
                return names[-1]
        return self.persons[-1] if self.persons else None

    def _latin_label_name(self, words: str, start: int) -> str | None:
        """A label's name in English or French, named before ``start`` (a surname: in full)."""
        text = self.a.doc.text
        name_re, _, not_a_name = _name_patterns(self.a.lang)
        if not_a_name.search(words):
            return None
        if name_re.fullmatch(words):
            return words if words in text[:start] else None  # named before, in the headline or the introduction
        if re.fullmatch(_CAP, words):  # a surname: the full name told before
            full = re.search(rf"{_CAP}(?:\s+{_CAP})*\s+{re.escape(words)}\b", text[:start])
            return full.group(0) if full and name_re.fullmatch(full.group(0)) else None
        return None

    def _label_name(self, si: int, lo: int, hi: int) -> str | None:
        """The name of an Arabic label's characters [lo, hi): two or three words after its titles,
        none a known thing, introduced before the label."""
        a = self.a
        s = a.sentences[si]
        toks = [k for k in range(s.first_token, s.last_token) if lo <= a.token_span(k, k + 1)[0]
                and a.token_span(k, k + 1)[1] <= hi]
        titles = {m.start: m.end for m in a.in_sentence(si, "person_title")}
        while toks and toks[0] in titles:
            toks = [k for k in toks if k >= titles[toks[0]]]
        if not 2 <= len(toks) <= 3 or any(
                not a.doc.text[slice(*a.token_span(k, k + 1))].isalpha() or self._known_word(k) for k in toks):
            return None
        s0, e0 = a.token_span(toks[0], toks[-1] + 1)
        name = a.doc.text[s0:e0]
        return name if name in a.doc.text[:a.sentence_span(si)[0]] else None  # introduced before

    def _latin_name(self, v: Mention, si: int) -> str | None:
        """A capitalized name next to the verb, before it («Khiame said», «Dkhissi, head of the
        BCIJ, revealed») or after it («according to Abdelhak Khiame», «a indiqué son directeur,
        Cherkaoui Habboub»)."""
        a = self.a
        text = a.doc.text
        name_re, name_after_re, not_a_name = _name_patterns(a.lang)
        sent_start = a.sentence_span(si)[0]
        v_start, v_end = a.token_span(v.start, v.end)
        # ("told The Arab Weekly": the name after a verb of telling is whom it was told to)
        after = None if a.tokens[v.end - 1].text in _words(a.lang, "addressee_verbs") else name_after_re.match(
            text, v_end, min(len(text), v_end + 120))
        if after and not not_a_name.search(after.group("name")):
            self.last_person = after.group("name")
            return self.last_person
        for m in name_re.finditer(text, sent_start, v_start):
            between = text[m.end():v_start].strip()
            # no leading \s*: searched from every space of a long run, it was quadratic
            between = re.sub(r"\b(?:has|had|also|then|a|avait|aussi)$", "", between).strip()
            apposition = between.startswith(",") and between.endswith(",") and "." not in between
            if (not between or apposition) and not not_a_name.search(m.group("name")):
                self.last_person = m.group("name")
                return self.last_person
        # «a indiqué lundi à Rabat le contrôleur général au BCIJ, Mohamed Nifaoui.»: the name closing
        # the sentence after the verb's adverbs and the speaker's titles
        sent_end = a.sentence_span(si)[1]
        tail = _trailing_name(a.lang).search(text[v_end:sent_end])
        if tail and tail.start() <= TRAILING_NAME_REACH and not not_a_name.search(tail.group("name")):
            self.last_person = tail.group("name")
            return self.last_person
        if self.last_person and _title_subject(a.lang).search(text[sent_start:v_start]):
            return self.last_person
        # «Al-Khayam declared»: a surname alone names the person quoted before.
        single = re.search(rf"({_CAP})\s*+$", text[sent_start:v_start])
        if single and self.last_person and _surname_key(single.group(1)) in _surname_key(self.last_person):
            return self.last_person
        # "…, he said", «…, a-t-il ajouté»: the pronoun stands for the person named before
        if self.last_person and _pronoun_subject(a.lang).search(text[sent_start:v_start]):
            return self.last_person
        return None

    def _possessor(self, v: Mention, si: int, reach: int = 0) -> str | None:
        """«d'après les bilans présentés par sa direction», "according to its director", «حسب
        مديره»: the agency the possessive refers to, the last one named, in this sentence or the
        two before (the possessive within ``reach`` tokens of the verb, by default
        :data:`POSSESSIVE_REACH`)."""
        a = self.a
        s = a.sentences[si]
        owners = _words(a.lang, "possessive")
        if not any(a.tokens[k].text in owners for k in range(v.end, min(v.end + (reach or POSSESSIVE_REACH), s.last_token))):
            return None
        named = [m for sj in range(max(0, si - 2), si + 1) for m in a.in_sentence(sj, "agency", "source")
                 if m.start < v.start or sj < si]
        return named[-1].value if named else None

    def _quoted_before(self, si: int) -> str | None:
        """The source quoted last in the sentences before ``si``."""
        return next((self.by_sentence[p][-1][1] for p in range(si - 1, -1, -1) if self.by_sentence.get(p)), None)

    def _name_after(self, k: int, si: int) -> str | None:
        """A person's name or a report («دراسة أمريكية») right after an attribution verb.

        «الخبير الأمني» with no name refers to the last person quoted; «للتقرير» to the
        last source that published a report.
        """
        a = self.a
        s = a.sentences[si]
        stop = _words(a.lang, "name_stop")
        reports = _words(a.lang, "report_noun")
        titles = [m for m in a.in_sentence(si, "person_title") if m.start >= k]
        # «حسب ما صرح به عبد الحق الخيام»: the pronoun of «ما صرح به» stands before the name
        if k < s.last_token and a.tokens[k].text in _words(a.lang, "verb_resumptive"):
            k += 1
        start = k
        while True:
            t = next((m for m in titles if m.start == start), None)
            if t is None:
                break
            start = t.end
        if start < s.last_token and any(x in reports for x in stems(a.tokens[start].text)):
            return self.last_report
        if start != k and (start >= s.last_token or not a.tokens[start].soft_before):
            # «وأوضح الوزير، …» after «أكد وزير الداخلية»: the title speaks for the last one quoted, a
            # person or, when none was, the body quoted before
            return self.last_person or self._quoted_before(si)
        if start < s.last_token and start > 0 and any(q in a.nt.text[a.tokens[start - 1].end:a.tokens[start].start]
                                                      for q in _OPENING_QUOTES):
            return None  # «… تؤكد "تحول مركز ثقل التهديد"»: the words quoted after the verb are what is said
        words = []
        blocked = a.in_sentence(si, "source", "agency", "org", "place", "attribution_verb", "report_noun")
        for ti in range(start, min(start + 3, s.last_token)):
            t = a.tokens[ti]
            if words and not t.soft_before:
                break
            if t.text in stop or t.is_number or any(m.start <= ti < m.end for m in blocked):
                break
            words.append(t)
        if not words and start != k:
            return self.last_person or self._quoted_before(si)  # «وأشار المسؤول الأمني إلى أن …»: a title naming no one new
        if not words or any(x in _words(a.lang, "same_ref") for t in words for x in stems(t.text)):
            return None  # «تفيد المديرية ذاتها»: the source named before, found there
        first, last = words[0], words[-1]
        s0, e0 = a.nt.original_span(first.start, last.end)
        name = a.doc.text[s0:e0]
        if len(words) == 1:
            # «وأوضح النيفاوي» after «محمد النيفاوي»: the surname names the person quoted before
            name = next((p for p in reversed(self.persons) if len(p.split()) > 1
                         and normalize_text(p.split()[-1]) == first.text), name)
        elif name not in self.persons:
            self.persons.append(name)
        self.last_person = name
        return name

    def _subject_before(self, v: int, si: int) -> str | None:
        """«وكان حبوب الشرقاوي، مدير المكتب، قد أكد …»: the name «كان» opens before the verb
        (up to three words, to the comma)."""
        a = self.a
        s = a.sentences[si]
        intro = next((k for k in range(v - 1, s.first_token - 1, -1) if _has(a, k, k + 1, "subject_before_verb")), None)
        if intro is None:
            return None
        stop = _words(a.lang, "name_stop")
        blocked = a.in_sentence(si, "source", "agency", "org", "place", "attribution_verb", "report_noun")
        words = []
        for ti in range(intro + 1, min(intro + 4, v)):
            t = a.tokens[ti]
            if t.text in stop or t.is_number or any(m.start <= ti < m.end for m in blocked):
                break
            words.append(t)
            if ti + 1 < v and not a.tokens[ti + 1].soft_before:
                break
        if not words or (intro + 1 + len(words) < v and a.tokens[intro + 1 + len(words)].soft_before):
            return None  # no comma after the words: «وكان المكتب قد أعلن»'s subject is no name
        s0, e0 = a.nt.original_span(words[0].start, words[-1].end)
        self.last_person = a.doc.text[s0:e0]
        return self.last_person

    def _apposed_names(self, si: int) -> None:
        """«قدم وزير الداخلية، عبد الوافي لفتيت، …», "Interior Minister, Abdelouafi Laftit, told…":
        a title with a name in apposition, between commas, names the person a later «الوزير», "the
        minister" speaks as, even when this sentence quotes no one; so does a name opening the
        sentence with its title in apposition ("Abdelhak El Khiam, the head of the BCIJ, gave…")."""
        a = self.a
        if a.lang != "ar":
            named = _name_then_title(a.lang).match(a.doc.text, a.sentence_span(si)[0])
            if named and not _name_patterns(a.lang)[2].search(named.group("name")):
                name = named.group("name")
                if name not in self.persons:
                    self.persons.append(name)
                self.last_person = name
        s = a.sentences[si]
        stop = _words(a.lang, "name_stop")
        blocked = a.in_sentence(si, "source", "agency", "org", "place", "attribution_verb", "report_noun")
        for m in a.in_sentence(si, "person_title", "agency", "source"):
            k = m.end
            last = min(s.last_token, len(a.tokens) - 1)
            while k < last and k - m.end < APPOSITION_REACH and a.tokens[k].soft_before \
                    and not any(x.start == k for x in blocked):
                k += 1  # the title's complement («وزير الداخلية»'s «الداخلية» is already in it)
            if k >= min(s.last_token, len(a.tokens)) or a.tokens[k].soft_before:
                continue  # no comma after the title
            words = []
            for ti in range(k, min(k + 4, s.last_token)):
                t = a.tokens[ti]
                if words and not t.soft_before:
                    break
                if t.text in stop or t.is_number or any(x.start <= ti < x.end for x in blocked):
                    words = []
                    break
                words.append(ti)
            end = words[-1] + 1 if words else k
            if not (1 < len(words) <= 3 and end < len(a.tokens) and end <= s.last_token
                    and not a.tokens[end].soft_before):
                continue  # a name of two or three words, closed by a comma
            capital = (a.doc.text[a.nt.original_index(a.tokens[ti].start)].isupper() for ti in words)
            if a.lang != "ar" and not all(capital):
                continue
            s0, e0 = a.nt.original_span(a.tokens[words[0]].start, a.tokens[words[-1]].end)
            name = a.doc.text[s0:e0]
            if name not in self.persons:
                self.persons.append(name)
            self.last_person = name

    def _bracketed_credit(self, m: Mention, si: int) -> bool:
        """The source mention ``m`` is a credit in brackets closing its sentence («… ont été démantelées
        (ministère de l'Intérieur).», "… since 2002 (Interior Ministry figures).", «… (وزارة الداخلية).»):
        the bracket holds the source alone (a report's noun may follow it) and opens after a word that
        is no source's, so a gloss of a name («le Bureau central d'investigations judiciaires (BCIJ)»)
        is not taken for a credit."""
        a = self.a
        text, tokens = a.nt.text, a.tokens
        s = a.sentences[si]
        if m.start <= s.first_token or "(" not in text[tokens[m.start - 1].end:tokens[m.start].start]:
            return False
        if a.has("source", m.start - 1, m.start) or any(
                x.start < m.start <= x.end for x in a.in_sentence(si, "source") if x is not m):
            return False
        end = m.end
        while end < s.last_token and a.has("report_noun", end, end + 1) and tokens[end].soft_before:
            end = next(r.end for r in a.in_sentence(si, "report_noun") if r.start == end)
        return end >= s.last_token and text[tokens[end - 1].end:s.end].lstrip().startswith(")")

    def _aside_between(self, lo: int, hi: int) -> bool:
        """Tokens[lo:hi] are an aside set off by commas ("The Interior Ministry, for its part,
        counts"): the subject before it is the verb's."""
        return _aside(self.a, lo, hi)

    def _genitive_link(self, lo: int, hi: int) -> bool:
        """Tokens[lo:hi] are a genitive's link words ("of the", "from Morocco's", «de la»), maybe
        after one word that qualifies the report («les bilans annuels de la DGSN», "figures
        released by the DGSN") and the day it did ("the review published Monday by the DGSN")."""
        words = _words(self.a.lang, "genitive_link")
        tokens = self.a.tokens

        def links(start: int) -> bool:
            return 0 < hi - start <= GENITIVE_REACH and all(
                tokens[k].text in words and tokens[k + 1].soft_before for k in range(start, hi))

        if links(lo):
            return True
        if not (hi - lo > 1 and tokens[lo + 1].soft_before and not tokens[lo].is_number and tokens[lo].text not in words):
            return False
        start = lo + 1
        if tokens[start].text in grammar(self.a.lang).weekdays and start + 1 < hi and tokens[start + 1].soft_before:
            start += 1  # "published Monday by"
        return links(start)

    def source_for(self, si: int, pos: int) -> str | None:
        self._read_up_to(si)
        # a source after the figure is its own unless another clause opens between them ("The ministry
        # puts the tally at 220 cells, while the US report counted 67": the 220 is the ministry's)
        here = [src for p, src in self.by_sentence.get(si, []) if p <= pos + 40
                and not (p > pos and _has(self.a, pos + 1, p, "contrast_clause"))]
        if here:
            return here[-1]
        topic = self._topic_source(si)
        if topic is not None:
            return topic
        for prev in range(si - 1, max(-1, si - 6), -1):
            if self.by_sentence.get(prev):
                if _paragraph_break(self.a, prev, si) and (subject := self._subject_source(si)) is not None:
                    return subject  # "The bureau dismantled 21 cells in 2015" opening a new paragraph
                return self.by_sentence[prev][-1][1]
        return self.headline_speaker()

    def _topic_source(self, si: int) -> str | None:
        """«Quant au BCIJ, il a démantelé … quelque 110 cellules», "As for the BCIJ, it has dismantled …",
        «أما المكتب المركزي، فقد فكك …»: a source set as the sentence's topic (lexicon ``topic_marker``) is the
        subject its figures are told of."""
        a = self.a
        s = a.sentences[si]
        if not a.has("topic_marker", s.first_token, s.first_token + 2):
            return None
        marker = next(m for m in a.in_sentence(si, "topic_marker") if m.start < s.first_token + 2)
        first = next((m for m in a.in_sentence(si, "source") if marker.end <= m.start <= marker.end + 1), None)
        return first.value if first is not None else None

    def _subject_source(self, si: int) -> str | None:
        """A source entity opening the sentence as its subject ("The bureau dismantled…")."""
        s = self.a.sentences[si]
        first = next((m for m in self.a.in_sentence(si, "source") if m.start <= s.first_token + 1), None)
        return first.value if first is not None else None
