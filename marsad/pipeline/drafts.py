"""Stage 2a: draft events — triggers as anchors, and the slot mentions each anchor gathers.

A *trigger* is a word that reports an operation (توقيف، تفكيك خلية), an attack
(تفجيرات، فجر نفسه, a well-known attack's name) or a seizure (مخبأ للأسلحة). Every
trigger in a sentence is an *anchor*; a slot mention (place, group, agency, count,
age, date, item…) belongs to the nearest anchor of its sentence, so that a sentence
reporting the news and recalling an old attack gives each its own places and dates.
Generic triggers («تفكيك عشرات الخلايا») are anchors that make no event: they soak up
the slots around them instead of leaking them into a real event.

Sentences without a trigger add slots to the latest draft only when they speak of
it («الخلية», «الموقوف», «المشتبه فيهم»…). :mod:`marsad.pipeline.events` turns drafts
into SPEC events.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ..places import moroccan_places
from ..resources import language_data
from ..text.dates import after_period_start, after_since, announced, date_bounds, dates_may_overlap, grammar
from ..text.normalize import normalize_text
from ..text.patterns import compile_pattern
from ..text.tokens import stems
from .dateline import chronology_lines, is_header_date, is_update_stamp, wire_agencies
from .mentions import Analysis, Mention, Quantity, member_ordinal

# Tokens before a trigger searched for background cues («منذ تفكيك», «وكان … قد»).
CUE_WINDOW = 8
# Tokens before a trigger where a pluperfect auxiliary makes it history ("had been
# dismantled", «avait démantelé», «كانت قد فككت»): told as earlier than the news.
PLUPERFECT_REACH = 3
SPLIT_PLUPERFECT_REACH = 6
# Tokens before a trigger noun where «بعد», «إثر», "after the", «après le» make it a given:
# «بعد تفكيك خلية …» tells what followed an operation already known.
AFTER_THE_REACH = 3
AFTER_INTERVAL_REACH = 6  # «بعد أقل من شهر على تفكيك»
GIVEN_CELL_REACH = 8  # «الخلية الإرهابية الموالية لتنظيم داعش التي جرى تفكيكها»: the cell this far before the trigger (a relative clause follows the adjectives and complements)
# Tokens before a dismantling word where «له علاقة ب», "linked to" and the cell noun stand.
LINK_REACH = 8  # «كانت + subject + قد + verb»: the auxiliary this far before the verb
TOLL_REACH = 6  # tokens after a weak attack word within which a death toll makes it an attack
DEATH_REACH = 10  # tokens between a death told alone («قتلوا …») and the attack it belongs to
ATTACK_KINDS = ("trigger:attack", "trigger:attack_strong", "known_attack")
ATTACK_WORDS = ATTACK_KINDS[:2]  # attack words, not a well-known attack's name
# Tokens after an op trigger searched for what it governs (a count, a cell noun, a vague quantity).
GOVERN_WINDOW = 4
# Words between "when" and the trigger of a clause of time ("when four suspects were arrested").
WHEN_REACH = 6
# Tokens before an attack word where «للاشتباه في تورطهم في», "suspected of" names it as the
# reason for an arrest.
SUSPECTED_REACH = 6
# Tokens before a place's window where a headquarters word may stand when a long agency
# name comes between («مقر المكتب المركزي للأبحاث القضائية بمدينة سلا»).
SEAT_REACH = 8
# Characters at most between a line's start and its dateline city.
DATELINE_PREFIX_CHARS = 40
# Words of an outlet's name before «من الرباط:» in a dateline.
DATELINE_OUTLET_WORDS = 2
# Tokens before an arrest verb (after it in Arabic) where its subject, a service, is named.
AGENT_REACH = 6
# Tokens after a tip-off phrase ("intelligence provided by") where its source, a service, is named.
TIP_REACH = 8
# Tokens before and after an op trigger where «y», "there", «بها» point back to the last
# sentence's place («y a démantelé», "dismantled a cell of four militants there").
THERE_BEFORE, THERE_AFTER = 2, 8
# Tokens before a place searched for «ينحدر من مدينة»: where a suspect comes from is not where he was caught.
ORIGIN_WINDOW = 5
# Tokens after a foiling verb where its object («مخططا») may stand, past the subject.
FOIL_REACH = 20
# Tokens between a date and an attack word it names («the August 4 cataclysmic Beirut blast»).
ATTACK_DATE_REACH = 3
# Tokens before an op trigger where its counted subject stands in a passive («Five extremists,
# aged between 29 and 43, were detained»).
PASSIVE_REACH = 12
# Tokens past GOVERN_WINDOW where an age says the trigger's object is particular persons.
AGE_REACH = 4
# Tokens before an op trigger where cells in the plural make it generic when a relative
# pronoun or a passive auxiliary stands between them («الخلايا الإرهابية التي تم تفكيكها»,
# "cells that were dismantled", «200 cellules terroristes ont été démantelées»).
PLURAL_REACH = 4
# Tokens between a definite determiner and the persons a participle follows ("the three wanted suspects").
GIVEN_REACH = 3
LISTED_GAP = 1  # words between two places of one list («Fès, Taza et Sefrou»: «et»)
LEAD_REACH = 2  # sentences from one that names the operation by its noun to the first report of it
# Tokens after an op trigger where a statistic's number makes the trigger statistical.
CLAIM_REACH = 7
# How far after a trigger its first figure is looked for (past a period: «منذ إحداثه في مارس 2015»).
FIGURE_REACH = 14
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")
# Extra distance for each comma or stop between a slot and an anchor: slots stay in their clause.
CLAUSE_PENALTY = 8

OP_KINDS = ("trigger:arrest", "trigger:dismantle", "trigger:foil")
# The mention kinds an anchor may stand on.
ANCHOR_KINDS = frozenset(OP_KINDS + ("known_attack", "trigger:attack", "trigger:attack_strong", "trigger:seizure"))
SLOT_KINDS = ("place", "org", "agency", "partner", "item", "plot", "target")


@dataclass
class Anchor:
    kind: str  # "op", "ref" (an op already reported), "attack", "seizure", "sink"
    position: int  # token index
    sentence: int
    mention: Mention | None = None
    event: "Draft | None" = None
    given: bool = False  # a participle after persons already spoken of ("the six suspects arrested")


@dataclass
class Draft:
    """An event being built, with the token positions of what supports it."""

    type: str
    sentence: int
    position: int
    background: bool = False
    strong_background: bool = False
    known_attack: dict | None = None
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    cell_name: tuple[int, int] | None = None  # normalized char span
    attack_arrest: bool = False  # an arrest reported inside an attack
    given: bool = False  # told in a relative clause or participle after its cell («الخلية التي تم تفكيكها»)
    linked: bool = False  # the cell a suspect is linked to («على صلة بالخلية التي تم تفكيكها»), told as earlier
    recalled: bool = False  # the person a suspicion names, "the 18-year-old detained in Meknes on Tuesday"
    part_of_told: bool = False  # its count is a part of persons told before («ثلاثة منهم», "three of them")
    same_cell: bool = False  # its sentence says its persons are of the same cell («de la même cellule», «الخلية نفسها»)
    same_day: bool = False  # its sentence says its arrest was made the same day («le même jour», «في اليوم نفسه»)
    vague_places: bool = False  # its places are only an area's («au sud de Casablanca»): _places
    suspected: bool = False  # an attack the persons arrested are suspected of («للاشتباه في تورطهم في قتل»)
    foreign: str | None = None  # the country whose service made these arrests, when it is not Morocco
    tipped: bool = False  # a foreign arrest on a Moroccan service's intelligence (the Moroccan service stays)
    places_memo: tuple | None = None  # _places: (mentions list, count judged, strong places, first weak, targets,
    # provinces named as labels)
    date_memo: tuple | None = None  # _draft_date: (dates list, count ranked, statement count, best, rank)
    statement_dates: set[int] = field(default_factory=set)  # starts of dates that date a statement
    members_told: int | None = None  # coreference: the cell's members told one by one so far (_absorb_member)
    tally: tuple[int, int, int] | None = None  # the case's running total («le nombre … passe à six»): (persons, span)
    cell_size: bool = False  # events: its count is told as a cell's size («une cellule de six membres»)
    retold: bool = False  # opened by a report of an arrest already told («Les deux suspects ont été placés en garde à vue»)

    @property
    def statement_dated(self) -> bool:
        """Its date is the day of the statement that reports it («a annoncé mercredi», "said on Friday"):
        no date of the operation itself was told with it."""
        _draft_date(self)
        rank = self.date_memo[4] if self.date_memo is not None else None
        return bool(rank and rank[1])


@lru_cache(maxsize=None)
def _cue_words(lang: str, name: str) -> frozenset[str]:
    return frozenset(normalize_text(w) for w in language_data(lang, "lexicon").get(name, []))


@lru_cache(maxsize=None)
def _cue_memo(lang: str, name: str) -> dict[str, bool]:
    """Memo of which words are (with their clitics) a word of word set ``name`` (filled as words are seen)."""
    return {}


def _is_cue(lang: str, name: str, word: str) -> bool:
    """Whether ``word``, or one of its stems, is a word of word set ``name``."""
    memo = _cue_memo(lang, name)
    found = memo.get(word)
    if found is None:
        words = _cue_words(lang, name)
        found = memo[word] = any(x in words for x in stems(word))
    return found


def _cue_at(a: Analysis, lo: int, hi: int, name: str) -> int | None:
    """The first token of tokens[lo:hi] that is a word of word set ``name`` (function words
    read around a trigger: «من», "that", «y»), or None."""
    tokens, lang = a.tokens, a.lang
    memo = _cue_memo(lang, name)  # _is_cue's, looked up once for the window
    for i in range(max(lo, 0), min(hi, len(tokens))):
        word = tokens[i].text
        found = memo.get(word)
        if found or found is None and _is_cue(lang, name, word):
            return i
    return None


def _has_word(a: Analysis, lo: int, hi: int, name: str) -> bool:
    """Whether a word or phrase of lexicon list ``name`` starts in tokens[lo:hi]."""
    return a.has(name, lo, hi)


# --- anchors ---------------------------------------------------------------------

def _op_anchor_kind(a: Analysis, m: Mention, claim_tokens: set[int]) -> str:
    """'op' for a trigger that reports one operation, 'sink' for a generic or statistical one."""
    s = a.sentences[m.sentence]
    hi = min(m.end + GOVERN_WINDOW, s.last_token)
    if any(i in claim_tokens for i in range(m.start, min(m.end + CLAIM_REACH, s.last_token))):
        return "sink"
    # «فكك، منذ إحداثه في مارس 2015، أزيد من 50 خلية», "has dismantled, since its creation in
    # 2015, more than 50 cells": the trigger's first figure, past a period, is a statistic's
    first = _first_figure_after(a, m.end, min(m.end + FIGURE_REACH, s.last_token))
    if first is not None and first in claim_tokens:
        return "sink"
    # «plus de 40 cellules liées à des groupes actifs au Sahel ont été démantelées», "more than 200
    # cells have been dismantled": a passive whose subject, in the same clause, is a statistic's figure
    subject = _last_figure_before(a, max(s.first_token, m.start - FIGURE_REACH), m.start)
    if subject is not None and subject in claim_tokens and all(
            a.tokens[k].soft_before for k in range(subject + 1, m.start + 1)):
        return "sink"
    # A headline restating a statistic («توقيف 360 إرهابي») is not an operation; persons counted in
    # the towns they were arrested in are one («توقيف تسعة أشخاص في خمس مدن هي الدار البيضاء وسلا …»,
    # beside a tally of nine cells)
    if any(q.kind == "persons" and q.low in a.persons_claimed and m.end <= a.token_at(q.start) < hi + 2
           for q in a.quantities_in(m.sentence)) and not _towns_counted(a, m):
        return "sink"
    if _governs_persons(a, m, hi):
        # «Five extremists, aged between 29 and 43, were detained Thursday in simultaneous
        # operations», «بإيقاف الإرهابيين البالغين من العمر 27 و28 سنة»: counted or aged persons
        # make one operation, whatever plural word follows
        return "op"
    # «تفكيك عشرات الخلايا», «الخلايا الإرهابية التي تم تفكيكها»: cells in the plural
    # ... but not a plural the trigger's own noun phrase follows: "Among the year's main operations was the
    # dismantling on May 21 of a cell" gives one of them
    plural_from = m.start if _has_word(a, m.start - 1, m.start, "determiner") else max(s.first_token, m.start - 3)
    if _has_word(a, plural_from, hi, "plural_cells") and not _has_word(
            a, max(s.first_token, m.start - 3), hi, "simultaneous_operations"):
        return "sink"  # "arrested in simultaneous raids" is one operation in several places
    lo = max(s.first_token, m.start - PLURAL_REACH)
    if _has_word(a, lo, lo + 1, "plural_cells") and (_cue_at(a, lo + 1, m.start, "relative_pronoun") is not None
                                                     or _cue_at(a, lo + 1, m.start, "passive_auxiliary") is not None):
        return "sink"
    nxt = a.tokens[m.end:hi]
    if nxt and any(s in _cue_words(a.lang, "generic_after_trigger") for s in stems(nxt[0].text)) and not (
            a.has("tip_off", m.end + 1, m.end + 3)):  # "The arrests followed intelligence from the DGST": its tip
        return "sink"
    if len(nxt) > 1 and nxt[0].text in ("من", "de", "of", "des") and any(
            s in _cue_words(a.lang, "generic_after_trigger") for s in stems(nxt[1].text)):
        return "sink"
    return "op"


def _refers_to_the_arrested(a: Analysis, m: Mention) -> bool:
    """The trigger ends a phrase that names persons or cells already arrested ("among those who
    were arrested", «parmi les personnes interpellées», "a recently dismantled cell"): it recalls
    the operation told, the figures after it break its persons down."""
    return any(x.start < m.start < x.end for x in a.in_sentence(m.sentence, "plural_cells"))


# Tokens after a trigger within which the towns of its persons are named.
TOWNS_REACH = 12


def _towns_counted(a: Analysis, m: Mention) -> bool:
    """Two Moroccan towns or more named right after the trigger: its persons are an operation's."""
    towns = {x.value.id for x in a.in_sentence(m.sentence, "place")
             if m.end <= x.start <= m.end + TOWNS_REACH and x.value.country == "MA"}
    return len(towns) >= 2


def _is_figure(a: Analysis, k: int) -> bool:
    """A number starts at token ``k`` and it is not a year (a figure, not a date)."""
    found = a.numbers.get(k)
    return found is not None and not (found[1] == k + 1 and _YEAR_TOKEN.fullmatch(a.tokens[k].text))


def _last_figure_before(a: Analysis, lo: int, hi: int) -> int | None:
    """The last figure in tokens[lo:hi]."""
    return next((k for k in range(hi - 1, lo - 1, -1) if _is_figure(a, k)), None)


def _first_figure_after(a: Analysis, lo: int, hi: int) -> int | None:
    """The first figure in tokens[lo:hi]."""
    return next((k for k in range(lo, hi) if _is_figure(a, k)), None)


# Persons from which an approximate count is a statistic's («près de 1.500 éléments»), not one operation's ("about ten
# suspects", «une quinzaine»): the largest single operations the Moroccan press reports count a few dozen.
APPROXIMATE_STATISTIC = 100


def _governs_persons(a: Analysis, m: Mention, hi: int) -> bool:
    """An age after the trigger, or a count of persons just before it (a passive: «Five
    extremists … were detained») or right after it, none of them a statistic's figure or an
    approximate one («près de 1.500», «أزيد من 200»)."""
    s = a.sentences[m.sentence]
    for q in a.quantities_in(m.sentence):
        pos = a.token_at(q.start)
        if q.kind == "age" and m.end <= pos < hi + AGE_REACH:
            return True
        if (q.kind == "persons" and q.low not in a.persons_claimed and pos not in a.claim_tokens
                and max(s.first_token, m.start - PASSIVE_REACH) <= pos < hi
                and not (q.low >= APPROXIMATE_STATISTIC and a.has("qualifier", pos - 3, pos))):
            return True  # (approximate: «près de 1.500 éléments» is a statistic, "about ten suspects" one operation's)
    return False


# Tokens a sentence may open with before its subject («And», «و» are clitics or one word).
SUBJECT_OPENING = 1


# Tokens between a participle and the country that says which side's arrested it names ("held in Morocco").
SIDE_REACH = 2
# Words between an arrest verb and the town that names its side ("was arrested the same day in Tetouan").
TOWN_SIDE_REACH = 6


def _side_named(a: Analysis, si: int, position: int, reach: int = SIDE_REACH, towns: bool = False) -> str | None:
    """The country the persons a participle at ``position`` speaks of were arrested in, when it
    names one: "the two men held in Morocco" (MA), «les trois personnes arrêtées en Espagne» (ES):
    a joint operation's side."""
    hi = min(position + 1 + reach, a.sentences[si].last_token)
    for m in a.by_sentence.get(si, ()):
        if position < m.start <= hi and m.kind in ("morocco", "partner") and _in_country(a, m):
            return "MA" if m.kind == "morocco" else m.value
        if towns and position < m.start <= hi and m.kind == "place":
            return m.value.country  # "Searches of the suspects' homes in Fez": the Moroccan side's
    return None


def _side_of(d: Draft) -> str:
    """The country whose side an arrest draft tells: its partner's, else the one country all its towns lie in when
    that is not Morocco ("three young men arrested in Brussels"), else Morocco."""
    if d.foreign:
        return d.foreign
    countries = {m.value.country for m in d.mentions if m.kind == "place" and m.value.country}
    return next(iter(countries)) if len(countries) == 1 and "MA" not in countries else "MA"


def _in_country(a: Analysis, m: Mention) -> bool:
    """A country named as where ("in Spain", «en Espagne», «في إسبانيا», «بإسبانيا»), not as whose
    ("an American soldier", «un ressortissant algérien»)."""
    glued = a.tokens[m.start].text.startswith(tuple(_cue_words(a.lang, "in_country_prefix")))  # «بإسبانيا»
    return glued or (m.start > 0 and _is_cue(a.lang, "in_country", a.tokens[m.start - 1].text))


def _side_of_persons(a: Analysis, si: int, drafts: list[Draft], current: Draft) -> Draft:
    """The draft of the side a sentence's persons are told of ("The two men held in Morocco
    were planning …" after the partner's arrest): the latest arrest of that side, else ``current``."""
    for x in a.in_sentence(si, "anaphor"):
        side = _side_named(a, si, x.end - 1, SIDE_REACH + 1, towns=True)
        if side is not None and (current.foreign or "MA") != side:
            return next((d for d in reversed(drafts) if d.type == "arrest" and (d.foreign or "MA") == side), current)
    return current


# Words between a relative pronoun and its verb: the clause's subject ("whom the BCIJ arrested").
RELATIVE_SUBJECT_REACH = 4


def _in_a_relative_clause(a: Analysis, an: Anchor) -> bool:
    """The trigger opens a relative clause («الذين أوقفهم», "whom police arrested", «qu'avait arrêtés»)."""
    s = a.sentences[an.sentence]
    return an.position > s.first_token and _cue_at(a, max(s.first_token, an.position - RELATIVE_SUBJECT_REACH),
                                                   an.position, "relative_pronoun") is not None


def _counts_the_arrested(a: Analysis, si: int) -> bool:
    """A sentence with no verb of its own that counts persons by their arrest («أربعة موقوفين.»,
    "Six arrested.", «Quatre interpellations.»): a broadcast's or a headline's account of the
    operation being told goes on."""
    nouns = _cue_words(a.lang, "arrest_count_nouns")
    return any(q.kind == "persons" and any(x in nouns for x in stems(a.tokens[a.token_at(q.end - 1)].text))
               for q in a.quantities_in(si))


# A verbless share of the arrested: its number, up to this many words, then its place («اثنان في القنيطرة.»).
SHARE_PLACE_REACH = 3
SHARE_SENTENCE_WORDS = 8


def _a_share_by_place(a: Analysis, si: int) -> bool:
    """A short sentence with no verb that gives a share of the arrested and its town («اثنان في
    القنيطرة. واحد في سلا. والرابع في سيدي قاسم.», "Two in Kenitra. One in Sale."): a broadcast
    script's breakdown of the operation being told."""
    s = a.sentences[si]
    if s.last_token - s.first_token > SHARE_SENTENCE_WORDS:
        return False
    # the number opens it, or the ordinal, maybe after an article ("The third in Youssoufia"); not
    # a name with a number («زنقة 20 – الرباط»)
    k0 = s.first_token
    first = k0 if k0 in a.numbers or any(q.kind == "persons" and a.token_at(q.start) == k0
                                         for q in a.quantities_in(si)) else next(
        (k for k in range(k0, min(k0 + 2, s.last_token)) if member_ordinal(a.lang, a.tokens[k].text) is not None), None)
    return first is not None and any(m.kind == "place" and first < m.start <= first + SHARE_PLACE_REACH
                                     for m in a.by_sentence.get(si, ()))


def _ages_of_the_youngest_and_oldest(a: Analysis, si: int) -> bool:
    """«أصغرهم قاصر في السابعة عشرة. وأكبرهم في الثامنة والعشرين.», "The youngest is 17": the ages
    of the persons being told."""
    s = a.sentences[si]
    return any(q.kind == "age" for q in a.quantities_in(si)) and _cue_at(
        a, s.first_token, min(s.first_token + 3, s.last_token), "age_extremes") is not None


def _elided_operations(a: Analysis, out: dict[int, list]) -> list[Mention]:
    """«le démantèlement, le 19 février, d'une cellule … ; celui, le 14 mai, d'une cellule de quatre …»: a
    demonstrative pronoun standing for the operation noun before it (lexicon ``elided_head``: «celui»,
    «celle»), whose object is a new cell, reports an operation of its own: its cell noun is the anchor."""
    found = []
    for p in a.of_kind("elided_head"):
        if not any(x.kind in ("op", "ref") and x.position < p.start for x in out.get(p.sentence, ())):
            continue  # the pronoun stands for an operation noun named before it in the sentence
        s = a.sentences[p.sentence]
        cells = [x for x in a.in_sentence(p.sentence, "trigger:cell") if p.end < x.start <= p.end + ELIDED_REACH]
        if cells and a.tokens[cells[0].start - 1].text in _cue_words(a.lang, "indefinite_article") \
                and cells[0].start < s.last_token:
            found.append(cells[0])
    return found


# Tokens from a list's joiner to the cell noun it joins («, and a four-member cell»).
JOINED_CELL_REACH = 4


def _coordinated_cells(a: Analysis, out: dict[int, list]) -> list[Mention]:
    """«… تفكيك خلية في يونيو بالناظور، وخلية من خمسة أفراد بالدار البيضاء في غشت», «الخلية التي فككت في مارس
    بتطوان، والخلية التي أوقف أفرادها في نونبر بالعيون»: a cell noun joined by «و», «ثم», "and" (lexicon
    ``list_joiner``) to an operation told before it in the sentence, with a month or a day of its own after it
    (another than the operation's), is another operation of a list: its cell noun is the anchor."""
    found = []
    joiners = _cue_words(a.lang, "list_joiner")
    for si, anchors in out.items():
        ops = [x for x in anchors if x.kind in ("op", "ref")]
        if not ops:
            continue
        cells = [x for x in a.in_sentence(si, "trigger:cell") if x.start > ops[0].position]
        if not cells:
            continue
        s = a.sentences[si]
        dates = [(a.token_at(dm.start), dm.value) for dm in a.dates_in(si) if dm.kind in ("day", "month") and dm.value]
        if len(dates) < 2:
            continue  # a listed cell has a day or month of its own, another than one told before it
        for n, cell in enumerate(cells):
            # the joiner, a clitic on the cell noun («وخلية») or a word before it («ثم خلية»), after a comma
            # («, and a four-member cell», «, et une cellule»: the noun's article and size between)
            t = a.tokens[cell.start].text
            if not (a.lang == "ar" and t[:1] in joiners and not a.tokens[cell.start].soft_before) and not any(
                    a.tokens[k].text in joiners and not a.tokens[k].soft_before
                    for k in range(max(s.first_token + 1, cell.start - JOINED_CELL_REACH), cell.start)):
                continue
            end = cells[n + 1].start if n + 1 < len(cells) else s.last_token
            own = [v for pos, v in dates if cell.end <= pos < end]
            told = [v for pos, v in dates if pos < cell.start]
            if own and told and own[0] not in told:
                found.append(cell)
    return found


def _dated_participles(a: Analysis, out: dict[int, list]) -> list[Mention]:
    """«أحالت … المشتبه فيهم الأربعة الموقوفين يوم الجمعة الماضي بكل من تطوان والمضيق»: an arrest participle
    (lexicon ``arrest_participle``) with a day of its own right after it reports that arrest (a second-day
    story: the suspects referred to the prosecutor), in a sentence that reports no operation otherwise."""
    found = []
    for m in a.of_kind("arrest_participle"):
        if any(x.kind in ("op", "ref") for x in out.get(m.sentence, ())):
            continue
        if any(m.end <= a.token_at(dm.start) <= m.end + PARTICIPLE_DATE_REACH and dm.value
               for dm in a.dates_in(m.sentence)):
            found.append(m)
    return found


def _service_raids(a: Analysis) -> list[Mention]:
    """«Plusieurs équipes du BCIJ … frappent simultanément à Oujda, à Berkane et à Nador», «les hommes du BCIJ
    ont frappé à Casablanca, Salé …»: a raid verb (lexicon ``service_raid``) whose subject is a Moroccan
    service, named a few words before it, and which is followed by a Moroccan town reports an operation (the
    sentence's, when it tells one otherwise; an attack that «a frappé Casablanca» has no service for subject)."""
    found = []
    for m in a.of_kind("service_raid"):
        lo = max(a.sentences[m.sentence].first_token, m.start - RAID_SUBJECT_REACH)
        if not any(x.kind == "agency" and lo <= x.start < m.start for x in a.in_sentence(m.sentence, "agency")):
            continue
        if any(x.value.country == "MA" and m.end <= x.start <= m.end + RAID_PLACE_REACH
               for x in a.in_sentence(m.sentence, "place")):
            found.append(m)
    return found


# Tokens from a raiding service to its verb (its apposition between: «le BCIJ, bras judiciaire de la DGST,
# frappent»), and from the verb to the first town («frappent simultanément à Oujda»).
RAID_SUBJECT_REACH = 12
RAID_PLACE_REACH = 3


# Tokens from an arrest participle to its own day («الموقوفين يوم الجمعة الماضي»).
PARTICIPLE_DATE_REACH = 2


# Tokens from an elided operation's pronoun to its cell noun («celui, le 14 mai, d'une cellule»).
ELIDED_REACH = 6


def _anaphor_subject(a: Analysis, m: Mention) -> bool:
    """The sentence opens on the persons or the cell already told and goes on to their arrest:
    "The men, aged between 26 and 35, were arrested in the town of Had Soualem" tells where
    the operation reported before took place, not another one."""
    s = a.sentences[m.sentence]
    mentions = a.by_sentence.get(m.sentence, ())
    return any(x.kind == "anaphor" and x.start <= s.first_token + SUBJECT_OPENING and x.end <= m.start
               and _names_the_suspects(a, x, mentions)
               and not any(y.kind.startswith("trigger:") and x.end <= y.start < m.start for y in mentions)
               for x in mentions)


def _names_the_suspects(a: Analysis, x: Mention, mentions) -> bool:
    """Whether an anaphor names the persons or the cell («the men», «les suspects», «الخلية»),
    not the inquiry («البحث», "the investigation")."""
    persons = _cue_words(a.lang, "person")
    return any(p in persons for k in range(x.start, x.end) for p in stems(a.tokens[k].text)) or any(
        y.kind == "trigger:cell" and x.start <= y.start < x.end for y in mentions)


def _after_anaphor(a: Analysis, m: Mention) -> bool:
    """A participle right after the persons already told («le mis en cause arrêté», "the suspect
    arrested"); not after the officers who made it ("the DGST, whose officers arrested two others")."""
    return any(x.kind == "anaphor" and x.end == m.start and _cue_at(a, x.start, x.end, "force") is None
               for x in a.by_sentence.get(m.sentence, ()))


def _questioned_in_parliament(a: Analysis, m: Mention) -> bool:
    """French «interpeller» is also to question a minister in parliament («Interpellé mardi à la Chambre
    des représentants lors des questions orales, le ministre …», «les députés ont interpellé le
    gouvernement»): with parliament named in its sentence, it is no arrest."""
    s = a.sentences[m.sentence]
    return _cue_at(a, m.start, m.end, "parliament_triggers") is not None and a.has(
        "parliament_context", s.first_token, s.last_token)


def _a_legal_status(a: Analysis, m: Mention) -> bool:
    """The trigger names a defendant's status before a court, in detention or at liberty («مثل
    المتهمون في حالة اعتقال», «poursuivis en état d'arrestation»; lexicon ``legal_status``)."""
    return any(x.start <= m.start < x.end for x in a.in_sentence(m.sentence, "legal_status"))


# Words before a trigger within which a negation denies it ("has not been arrested", «لم يتم توقيف»).
NEGATION_REACH = 3


# Words from a running total's phrase («le nombre de personnes interpellées … est passé à») to its count.
TALLY_REACH = 12
# Words from a trigger to the running total it feeds («وبهذا التوقيف يرتفع عدد», "Son arrestation porte à").
TALLY_AFTER_TRIGGER = 3


def _a_tally(a: Analysis, k: int) -> bool:
    """Token ``k``, a number, closes a running total of the case (lexicon ``case_tally``:
    «ليرتفع عدد الموقوفين إلى أربعة», «le nombre de suspects passe à 8», "bringing the number of arrests
    to four"): the persons arrested so far in the whole case, the new ones with those told before."""
    return k in _tallies(a, a.tokens[k].sentence)


def _tallies(a: Analysis, si: int) -> dict[int, int]:
    """The running totals of sentence ``si``: the first number after each ``case_tally`` phrase, in
    its clause and outside a statistic's words, by token."""
    out: dict[int, int] = {}
    first, last = a.sentences[si].first_token, a.sentences[si].last_token
    for x in a.in_sentence(si, "case_tally"):
        for k in range(x.end, min(x.end + TALLY_REACH, last + 1)):
            if a.breaks_before[k] != a.breaks_before[x.end]:
                break
            if k in a.numbers:
                # (not a toll of the dead: "the death toll from a landslide … rises to 14", «ارتفع عدد القتلى إلى»)
                lo = max(first, x.start - TALLY_REACH)
                while lo < x.start and a.breaks_before[lo] != a.breaks_before[x.start]:
                    lo += 1
                if k not in a.claim_tokens and not a.has("toll_of_the_dead", lo, a.numbers[k][1] + 1):
                    out[k] = a.numbers[k][0]
                break
    return out


def _attach_tally(a: Analysis, d: Draft, si: int) -> None:
    """The running total a sentence that speaks of the draft gives: (persons, normalized span). Not one
    an arrest already told feeds («وبهذا التوقيف يرتفع عدد الموقوفين إلى ستة», "Son arrestation porte à
    cinq le nombre …", «بتوقيف المتهمين التسعة يصل عدد …»): that arrest is then a part of the case,
    the total not its own count; the arrests that make a total rise are told before it in a clause of
    their own ("A fourth suspect has been detained …, bringing the number to four") or after it
    («… est passé à six, après l'arrestation de deux autres membres»)."""
    if not a.in_sentence(si, "case_tally"):
        return
    fed = [x for x in a.in_sentence(si, "case_tally") if any(
        0 <= x.start - m.end <= TALLY_AFTER_TRIGGER and _told_arrest(a, m)
        and _cue_at(a, a.sentences[si].first_token, m.start, "tally_nouns") is None  # (not «le nombre … de ce coup de filet»)
        for m in a.in_sentence(si, "trigger:arrest", "trigger:dismantle"))]
    for k, n in _tallies(a, si).items():
        if not any(x.end <= k <= x.end + TALLY_REACH for x in fed):
            d.tally = (n, a.tokens[k].start, a.tokens[a.numbers[k][1] - 1].end)


def _told_arrest(a: Analysis, m: Mention) -> bool:
    """The trigger names an arrest already told: after a possessive or demonstrative ("this arrest", «Son
    arrestation», «وبهذا التوقيف») or, in Arabic, governed by «ب», "with" («بتوقيف المتهمين التسعة يصل
    عدد …»: "with the arrest of the nine, the number reaches …"), not a new arrest of its own persons
    («توقيف شخصين جديدين بسلا، ليرتفع عدد …»)."""
    if _has_word(a, m.start - 1, m.start, "ref_before"):
        return True
    return a.lang == "ar" and any(a.tokens[k].text.startswith(("ب", "وب")) for k in (m.start - 1, m.start) if k >= 0)


def _rise_of_a_tally(a: Analysis, an: Anchor) -> bool:
    """The operation told after a running total is what made it rise («… est passé à six, après
    l'arrestation jeudi matin de deux autres membres», "rose to five after the arrest of …"): the
    case's new arrests, not an earlier operation «après» would recall."""
    return any(x.end <= an.position for x in a.in_sentence(an.sentence, "case_tally"))


def _feeds_a_tally(a: Analysis, m: Mention) -> bool:
    """The trigger is the subject of a running total ("Son arrestation porte à cinq le nombre …",
    «وبهذا التوقيف يرتفع عدد الموقوفين …»): the arrest told before, counted into the case."""
    return any(0 <= x.start - m.end <= TALLY_AFTER_TRIGGER for x in a.in_sentence(m.sentence, "case_tally"))


def _counts_its_own(a: Analysis, m: Mention) -> bool:
    """The article before the trigger introduces persons counted for the first time ("led to the
    arrest of nine suspected members", «l'interpellation de cinq partisans»): a definite noun with
    an indefinite count after it tells an operation, not one told already ("the arrest of the
    three", «l'arrestation des suspects»)."""
    k = m.start - 1
    if k < 0 or not _is_cue(a.lang, "article_before_count", a.tokens[k].text) or m.end + 1 >= len(a.tokens):
        return False
    return (_is_cue(a.lang, "count_of", a.tokens[m.end].text) and m.end + 1 in a.numbers
            and any(q.kind == "persons" and a.token_at(q.start) == m.end + 1 for q in a.quantities_in(m.sentence)))


def _negated(a: Analysis, m: Mention) -> bool:
    """A negation (lexicon ``negation``: "no", "not", «aucune», «pas», «لم») stands in the
    :data:`NEGATION_REACH` words before the trigger, in its clause, with no figure between ("no
    fewer than 12 arrested" counts twelve)."""
    lo = max(a.sentences[m.sentence].first_token, m.start - NEGATION_REACH)
    k = _cue_at(a, lo, m.start, "negation")
    return k is not None and all(a.tokens[x].soft_before and x not in a.numbers for x in range(k + 1, m.start + 1))


def _anchors(a: Analysis, claim_tokens: set[int]) -> dict[int, list[Anchor]]:
    out: dict[int, list[Anchor]] = {}
    refs = {m.start for m in a.of_kind("trigger_ref")}
    for m in _foil_verbs(a):
        out.setdefault(m.sentence, []).append(Anchor(_op_anchor_kind(a, m, claim_tokens), m.start, m.sentence, m))
    in_dates = _date_tokens(a)
    for m in a.mentions:
        if m.kind not in ANCHOR_KINDS:
            continue
        if m.start in in_dates and m.kind in ATTACK_WORDS:
            continue  # «فجر اليوم» is dawn today, not «blew up»
        if m.kind in ATTACK_WORDS and _is_cue(a.lang, "attack_homograph", a.tokens[m.start].text):
            continue  # «منذ الفجر»: the dawn (a verb takes no article), not «فجر», "blew up"
        if m.kind in OP_KINDS and _questioned_in_parliament(a, m):
            continue  # «Interpellé mardi à la Chambre des représentants, le ministre …»: questioned, not arrested
        if m.kind in OP_KINDS and _a_legal_status(a, m):
            continue  # «ومثل المتهمون … في حالة اعتقال»: the defendants' status at a hearing, no arrest
        if m.kind in OP_KINDS and _negated(a, m):
            continue  # "No arrests have been made", «Aucune interpellation n'a été annoncée»: none told
        if m.kind in OP_KINDS:
            kind = _op_anchor_kind(a, m, claim_tokens)
            # in the object of another arrest ("arrested three others in relation with the suspect
            # arrested in Tangier") the participle stays with that sentence's operations
            given = kind == "op" and _given_persons(a, m) and not any(
                x.kind in ("op", "ref") for x in out.get(m.sentence, ()))
            if kind == "op" and (m.start in refs or _has_word(a, m.end, m.end + 2, "anaphor")
                                 or _has_word(a, m.start - 1, m.start, "ref_before") and not _counts_its_own(a, m)
                                 or given or _anaphor_subject(a, m) or _feeds_a_tally(a, m)):
                kind = "ref"  # «توقيفه», «إيقاف المشتبه فيهم»: the operation already told
            if kind == "op" and _refers_to_the_arrested(a, m):
                # "among those who were arrested": the operation told before, if any
                kind = "ref" if any(x.kind in ("op", "ref") for xs in out.values() for x in xs) else "sink"
            if given:
                out.setdefault(m.sentence, []).append(Anchor(kind, m.start, m.sentence, m, given=True))
                continue
            if kind == "op" and _after_anaphor(a, m) and any(
                    x.kind == "op" and _foreign_agent(a, x) for x in out.get(m.sentence, ())):
                # «… les services espagnols ont interpellé trois individus en lien avec le mis en cause
                # arrêté à Tanger»: in the object of a partner's arrest, the participle recalls the
                # Moroccan arrest told before; it opens no report of its own
                kind = "sink"
        elif m.kind == "known_attack":
            if _a_plan_s_target(a, m):
                continue  # «كانوا يخططون لتنفيذ عمليات تفجيرية تستهدف ساحة جامع الفنا»: the square a plan aimed at
            kind = "attack"
        elif m.kind == "trigger:attack_strong" or (m.kind == "trigger:attack" and (
                _has_toll(a, m) or _reason_for_arrest(a, m))):
            if not _attack_is_real(a, m):
                continue  # a planned attack is the plot of an operation, not an event
            kind = "attack"
        elif m.kind == "trigger:seizure" and _is_cache(a, m):
            kind = "seizure"
        else:
            continue
        out.setdefault(m.sentence, []).append(Anchor(kind, m.start, m.sentence, m))
    listed = _coordinated_cells(a, out)
    for m in _elided_operations(a, out) + _dated_participles(a, out) + listed:
        out.setdefault(m.sentence, []).append(Anchor("op", m.start, m.sentence, m))
    for m in _service_raids(a):
        # the raid's verb is no attack's («ont frappé» of a service, not of bombs)
        out[m.sentence] = [x for x in out.get(m.sentence, []) if not (
            x.kind == "attack" and x.mention is not None and x.mention.start < m.end and m.start < x.mention.end)]
        if not any(x.kind in ("op", "ref") for x in out[m.sentence]):
            out[m.sentence].append(Anchor("op", m.start, m.sentence, m))
    for si, anchors in out.items():
        anchors.sort(key=lambda x: x.position)
        # Two triggers of one kind side by side («تفكيك خلية … وتوقيف») are one anchor.
        merged: list[Anchor] = []
        for an in anchors:
            if an.mention in listed:
                merged.append(an)  # another operation of a list, whatever its distance to the one before
                continue
            if merged and merged[-1].kind == "attack" and an.kind in ("op", "ref") and _the_attacker_taken(a, an):
                continue  # "stabbed a police officer … before being shot and detained": the attack's own arrest
            if merged and merged[-1].kind == an.kind == "op" and (_with_adjunct(a, an) or _part_of_the_operation(a, an)
                                                                 or _coordinated_arrest(a, merged[-1], an)):
                continue  # "dismantled a cell in November, with suspects detained in Tetouan": one operation
            if (merged and merged[-1].kind in ("op", "ref") and an.kind in ("op", "ref")
                    and (_the_last_one(a, an) or _during_it(a, an) or _others_of_it(a, an, merged[-1])
                         or _in_its_relative_clause(a, an, merged[-1]) or _part_of_the_operation(a, an))
                    and _foreign_agent(a, an) == _foreign_agent(a, merged[-1])):
                # «…، فيما تم توقيف المشتبه فيه التاسع بجرسيف», «… تفكيك خلية أخرى بطنجة …، أوقف خلالها ثلاثة»:
                # the operation before it in the sentence (a partner's own arrest of "a third man" stays its own)
                continue
            if (merged and merged[-1].kind == an.kind and an.position - merged[-1].position <= 6
                    and "known_attack" not in (an.mention.kind, merged[-1].mention.kind)
                    and not (an.kind == "op" and _foreign_agent(a, an) != _foreign_agent(a, merged[-1]))
                    and _after_the(a, an) == _after_the(a, merged[-1])
                    and not _before_the(a, an)):
                # («ويأتي هذا التوقيف بعد أقل من شهر على تفكيك خلية»: the earlier one stays apart; «… arrêtés
                # à Nador, avant le démantèlement, début septembre, d'une cellule»: the later one too)
                continue
            merged.append(an)
        out[si] = merged
    return out


def _date_tokens(a: Analysis) -> set[int]:
    """Tokens inside a date expression: a trigger word there is part of the date; so is a word
    for a time of day right before it («فجر الثلاثاء 8 أكتوبر»: at dawn, no «blew up»). Built
    once per document."""
    if a.dated_tokens is not None:
        return a.dated_tokens
    out: set[int] = set()
    a.dated_tokens = out
    g = grammar(a.lang)
    day_words = g.day_words
    for _, dm in a.dates:
        i = a.token_at(dm.start)
        # back past the weekday and «يوم» of a full date: «فجر الثلاثاء 8 أكتوبر 2024», «فجر يوم الخميس 18 شتنبر»
        k = i - 1
        while k >= max(0, i - 3) and a.tokens[k].sentence == a.tokens[i].sentence:
            words = stems(a.tokens[k].text)
            if any(x in day_words for x in words):
                out.add(k)
            elif not any(x in g.weekdays for x in words):
                break
            k -= 1
        while i < len(a.tokens) and a.tokens[i].end <= dm.end:
            out.add(i)
            i += 1
    return out


def _foil_verbs(a: Analysis) -> list[Mention]:
    """«أحبط المكتب المركزي …، مخططا إرهابيا»: a foiling verb whose singular object comes later."""
    out = []
    for m in a.of_kind("foil_verb"):
        s = a.sentences[m.sentence]
        if _has_word(a, m.end, min(m.end + FOIL_REACH, s.last_token), "plot_singular"):
            out.append(Mention("trigger:foil", "foil", m.start, m.end, m.sentence))
    return out


# Words before a well-known attack's phrase where a word of planning makes the phrase a target.
TARGET_REACH = 2


def _a_plan_s_target(a: Analysis, m: Mention) -> bool:
    """A well-known attack's phrase that is also a place («ساحة جامع الفنا», "Jemaa el-Fna square") right after a
    word of planning («تستهدف», "planning to target", «projetaient»): the place a plan aimed at, no recall of
    the attack."""
    lo = max(a.sentences[m.sentence].first_token, m.start - TARGET_REACH)
    # (not the targeting words of the lexicon: "the attack on the Argana café", «الهجوم على مقهى أركانة» recall it)
    return _has_word(a, lo, m.start, "planning")


def _attack_is_real(a: Analysis, m: Mention) -> bool:
    """An attack word that reports an attack carried out, not a plan or a generic threat."""
    s = a.sentences[m.sentence]
    lo = max(s.first_token, m.start - PLANNING_REACH)
    if _has_word(a, lo, min(m.end + 2, s.last_token), "planning") or _planned_past_an_aside(a, m, lo):
        return False
    if _has_word(a, lo, m.start, "precursor_cue"):
        return False  # «manufacture of remote-detonated explosives»: what was being made
    ct = _has_word(a, s.first_token, s.last_token, "ct") or a.in_sentence(m.sentence, "known_attack")
    return bool(ct or a.in_sentence(m.sentence, "place"))


# Words before an attack word where a word of planning makes it a plan («projetaient une attaque»).
PLANNING_REACH = 4


def _planned_past_an_aside(a: Analysis, m: Mention, lo: int) -> bool:
    """«Il projetait, selon la DGSN, une attaque au couteau», "planned, police said, an attack": a word
    of planning before an aside set off by commas that closes right before the attack's words."""
    first = a.sentences[m.sentence].first_token
    close = next((j for j in range(m.start, max(first, m.start - 2) - 1, -1) if not a.tokens[j].soft_before), None)
    if close is None or close <= first:
        return False
    opening = next((i for i in range(close - 1, max(first, close - ASIDE_REACH) - 1, -1)
                    if not a.tokens[i].soft_before), None)
    return opening is not None and opening > first and _has_word(
        a, max(first, opening - PLANNING_REACH), opening, "planning")


# Words of an aside between commas («, selon la DGSN,», ", police said,»).
ASIDE_REACH = 5


def _has_toll(a: Analysis, m: Mention) -> bool:
    """«the 2011 bombing in Marrakesh (17 dead)»: a weak attack word followed closely by a
    death toll reports an attack (unless it is part of a well-known attack's name)."""
    if any(k.kind == "known_attack" and k.start <= m.start < k.end for k in a.in_sentence(m.sentence, "known_attack")):
        return False
    last = min(m.end + TOLL_REACH, a.sentences[m.sentence].last_token)
    tolls = [a.token_at(q.start) for q in a.quantities_in(m.sentence) if q.kind == "killed"]
    toll = next((t for t in sorted(tolls) if m.end <= t <= last), None)
    # the toll is this word's when no other attack is named in between
    return toll is not None and not any(
        x.kind in ATTACK_KINDS and m.end <= x.start < toll for x in a.by_sentence.get(m.sentence, ()))


def _is_cache(a: Analysis, m: Mention) -> bool:
    """A seizure word that reports a cache of arms found on its own («مخبأ للأسلحة»), not an arrest."""
    armed = any(x.value in ("weapons", "firearms", "explosives", "ammunition") for x in a.in_sentence(m.sentence, "item"))
    if not (armed and a.has("cache", m.start, m.end + 1)):
        return False
    # «مخبأ لهم», «مخبأ الخلية», "their hideout", «la planque de la cellule»: the suspects' own
    # hideout, raided in the arrest, is no cache found on its own
    return not a.has("hideout_of", m.start - 2, m.end + 2)


# --- drafts ------------------------------------------------------------------------

def _distance(a: Analysis, x: int, y: int) -> int:
    """Tokens between x and y, each comma or stop between them counting CLAUSE_PENALTY more."""
    lo, hi = min(x, y), max(x, y)
    breaks = a.breaks_before
    return (hi - lo) + CLAUSE_PENALTY * (breaks[hi + 1] - breaks[lo + 1])


def _nearest_anchor(a: Analysis, anchors: list[Anchor], pos: int) -> Anchor:
    if len(anchors) == 1:
        return anchors[0]
    # The key grows strictly with the distance on each side of pos, so only the nearest
    # anchors before and after can win: they are looked up in the sentence's anchors sorted
    # once by position (a sentence of many anchors, mentions and dates was their product).
    index = a.anchor_index.get(id(anchors))
    if index is None:
        index = a.anchor_index[id(anchors)] = _index_anchors(a, anchors)
    _, positions, groups, afters, semicolons = index
    i = bisect_right(positions, pos)
    near = (groups[i - 1] if i else []) + (groups[i] if i < len(groups) else [])
    if i and i < len(groups):
        near.sort()  # ties go to the first in the sentence's order, as they did over the whole list
    return min((an for _, an in near), key=lambda an: (_distance(a, an.position, pos) + _reason_between(a, an.position, pos)
                                                       + _relative_clause_before(a, an.position, pos)
                                                       + _after_clause_between(afters, an.position, pos)
                                                       + _list_items_apart(semicolons, an.position, pos),
                                                       an.position > pos))


def _index_anchors(a: Analysis, anchors: list[Anchor]) -> tuple:
    """(anchors, their sorted positions, [(order, anchor)] at each position, the sentence's
    "after" words that an anchor follows, the tokens after a semicolon); the list is kept so that
    its id, the cache key, is not reused."""
    groups: dict[int, list] = {}
    for order, an in enumerate(anchors):
        groups.setdefault(an.position, []).append((order, an))
    positions = sorted(groups)
    s = a.sentences[anchors[0].sentence]
    afters = [k for k in range(s.first_token, positions[-1]) if _is_cue(a.lang, "after_the", a.tokens[k].text)]
    text = a.nt.text
    semicolons = [k for k in range(s.first_token + 1, s.last_token)
                  if any(c in ";؛" for c in text[a.tokens[k - 1].end:a.tokens[k].start])]
    return anchors, positions, [groups[p] for p in positions], afters, semicolons


def _list_items_apart(semicolons: list[int], anchor: int, pos: int) -> int:
    """REASON_PENALTY when a semicolon stands between ``pos`` and the anchor: the items of a list of
    operations («le démantèlement, le 19 février, d'une cellule … ; celui, le 14 mai, d'une cellule …
    ; ainsi que l'arrestation à Marrakech …») each keep their own places, dates and persons."""
    lo, hi = min(anchor, pos), max(anchor, pos)
    return REASON_PENALTY if any(lo < k <= hi for k in semicolons) else 0


def _after_clause_between(afters: list[int], anchor: int, pos: int) -> int:
    """REASON_PENALTY when ``pos`` stands past an "after" that opens another operation than the
    anchor's before it ("The arrest comes weeks after a joint operation with the Spanish services …
    that led to the arrest of five", «ويأتي هذا التوقيف بعد أسابيع من عملية أمنية مشتركة مع المصالح
    الإسبانية … أسفرت عن توقيف خمسة», «Cette arrestation intervient après une opération conjointe avec
    les services espagnols, qui avait permis l'interpellation de cinq»): what follows it is that one's,
    past the commas of an inserted time («، منتصف أكتوبر الماضي،»)."""
    return REASON_PENALTY if any(anchor < k < pos for k in afters) else 0


def _owner(a: Analysis, anchors: list[Anchor], pos: int) -> Anchor:
    """The anchor of the sentence nearest to token ``pos`` (cached per sentence and token)."""
    key = (id(anchors), pos)
    owner = a.owners.get(key)
    if owner is None:
        owner = a.owners[key] = _nearest_anchor(a, anchors, pos)
    return owner


# Words between a relative pronoun and what its clause tells («، الذي أودى بحياة 17 شخصا»).
RELATIVE_REACH = 3


def _relative_clause_before(a: Analysis, anchor: int, pos: int) -> int:
    """CLAUSE_PENALTY for an anchor after ``pos`` when ``pos`` stands in a relative clause that
    opens just before it («تفجير مقهى أركانة …، الذي أودى بحياة 17 شخصا، وجريمة إمليل …», "the
    Argana bombing, which killed 17, and the Imlil murders"): the clause is the noun's before it."""
    if anchor <= pos:
        return 0
    lo = max(a.sentences[a.tokens[pos].sentence].first_token, pos - RELATIVE_REACH)
    return CLAUSE_PENALTY if _cue_at(a, lo, pos, "relative_pronoun") is not None else 0


# The reason words' weight: more than the commas of an inserted time and place («ont interpellé, ce vendredi à
# Taza, un individu âgé de 31 ans soupçonné d'être lié à la cellule démantelée …»: the age is the individual's).
REASON_PENALTY = 3 * CLAUSE_PENALTY


def _reason_between(a: Analysis, x: int, y: int) -> int:
    """CLAUSE_PENALTY when a word that names what the arrested are suspected of ("over",
    "in connection with", «soupçonnés de», «للاشتباه») stands between x and y: it opens the
    attack's phrase, so what comes before it is the arrest's ("arrested three men in Safi
    over the Marrakech cafe bombing": Safi is where they were arrested)."""
    lo, hi = min(x, y), max(x, y)
    return REASON_PENALTY if a.has("suspected_of", lo + 1, hi) else 0


def _compatible(cur: Draft, new: Draft, a: Analysis, placed: bool = False) -> bool:
    """Whether a new op trigger continues the current event rather than starting another;
    ``placed``: it tells where the persons already told were arrested ("The men … were arrested
    in the town of Had Soualem" after a headline's "near Casablanca"), so its towns are the
    event's whatever the event had."""
    if cur.type in ("attack", "seizure") or new.type in ("attack", "seizure"):
        return False
    if new.strong_background != cur.strong_background:
        return False
    if new.foreign != cur.foreign and not _tip_joins(cur, new, a):
        return False  # «… while the Spanish police arrested three in Madrid»: each side's arrests apart
    cd = _draft_date(cur)
    nd = _draft_date(new)
    if cd and nd and cd != nd:
        return False
    return placed or _compatible_places(cur, new, a)


def _tip_joins(cur: Draft, new: Draft, a: Analysis) -> bool:
    """A partner's arrest on a Moroccan tip and a report of it with no country of its own
    ("La DGST à l'origine de l'arrestation d'un soldat américain"): one arrest, unless the
    other one is a Moroccan arrest in Morocco (a place of Morocco)."""
    tipped, other = (new, cur) if new.tipped else (cur, new)
    return tipped.tipped and other.foreign is None and not moroccan_places(_places(a, other))


# Days an operation told over consecutive days spans («dans la nuit de lundi à mardi», "on Saturday and Sunday").
OPERATION_DAYS = 1


def _draft_date(d: Draft) -> str | None:
    """The most specific date said of the event (the narrowest interval)."""
    # Dates are only ever appended to a draft's list (a filter makes a new list), so the
    # best date so far is kept and only the new dates are ranked: a draft that grows with
    # every sentence of a long text was ranked whole at each of its sentences.
    memo = d.date_memo
    if memo is not None and memo[0] is d.dates and memo[2] == len(d.statement_dates):
        seen, best, rank = memo[1], memo[3], memo[4]
    else:
        seen, best, rank = 0, None, None
    for _, dm in d.dates[seen:]:
        bounds = date_bounds(dm.value) if dm.value else None
        if bounds is None:
            continue
        r = _date_rank(d, dm, bounds)
        if rank is None or r < rank:
            best, rank = dm.value, r
    d.date_memo = (d.dates, len(d.dates), len(d.statement_dates), best, rank)
    if best is not None and d.statement_dates:
        best = _not_after_its_statement(d, best)
    return best


def _date_rank(d: Draft, dm, bounds: tuple) -> tuple:
    """How well a date of the draft dates it (less is better). Narrowest first; at equal width the day of the operation
    beats the day of the statement that reports it («أكدت … الجمعة أن السلطات أوقفت الخميس»; SPEC: the announcement
    date only when no other is given), and a date the text spells out beats a relative one. A night from one weekday
    to the next («dans la nuit de lundi à mardi») and two days told together («يومي السبت والأحد 10 و11 يناير») are
    the operation's time: a day's width beside the statement's day."""
    width = (bounds[1] - bounds[0]).days
    return 0 if width <= OPERATION_DAYS else width, dm.start in d.statement_dates, dm.kind != "day", width


def _not_after_its_statement(d: Draft, best: str) -> str:
    """An operation happens on or before the day it is announced: «نتوقف اليوم عند العملية … التي أعلن عنها المكتب
    يوم الأربعاء», a broadcast's "today" after the statement's Wednesday, is no day of the operation; the
    narrowest of the dates up to the statement's is."""
    said = [date_bounds(dm.value) for _, dm in d.dates if dm.start in d.statement_dates and dm.value]
    said = [b for b in said if b]
    bounds = date_bounds(best)
    if not said or not bounds or bounds[0] <= min(b[1] for b in said):
        return best
    latest = min(b[1] for b in said)
    kept = [(date_bounds(dm.value), dm) for _, dm in d.dates if dm.value]
    kept = [(b, dm) for b, dm in kept if b and b[0] <= latest]
    if not kept:
        return best
    return min(kept, key=lambda x: _date_rank(d, x[1], x[0]))[1].value


def _given_persons(a: Analysis, m: Mention) -> bool:
    """A trigger as a participle right after persons named with a definite determiner ("the
    six suspects arrested on its soil", "the individuals arrested in Tetouan", «les trois
    suspects arrêtés au Maroc»): a reduced relative clause, and the definite article marks
    persons already spoken of — the arrest already told, not a new one (a fact of English
    and French; the main clause says something else of them: a court's order, custody)."""
    s = a.sentences[m.sentence]
    j = m.start - 1
    if j < s.first_token or not any(x in _cue_words(a.lang, "person") for x in stems(a.tokens[j].text)):
        return False
    return _has_word(a, max(s.first_token, j - GIVEN_REACH), j, "ref_before")


def _answers_a_question(a: Analysis, si: int) -> bool:
    """An explainer's answer: the sentence's line comes under a line that asks a question
    ("Where did the raids take place?\nIn Khouribga, …", «ماذا حجز المحققون؟», «Qui sont les suspects ?»):
    what it tells is the operation the explainer is about, the one told last; not a sentence about
    other cells ("Several recent cells, however, were in contact with …")."""
    s = a.sentences[si]
    return question_before(a, si) is not None and not a.has("plural_cells", s.first_token, s.last_token)


def question_before(a: Analysis, si: int) -> int | None:
    """The sentence of the question line above the line of sentence ``si`` (blank lines apart: a page's
    paragraphs are lines), or None. Not in a transcript, where a speaker's label opens the line («المراسل
    (من الرباط): …», «CORRESPONDANT : …»): the speakers' exchange is no explainer's."""
    text = a.nt.text
    line_start = text.rfind("\n", 0, a.sentences[si].start) + 1
    line_end = text.find("\n", line_start)
    if _LABELLED_LINE.match(text, line_start, line_end if line_end >= 0 else len(text)):
        return None
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line:
            return a.sentence_of_char(end - 1) if line.endswith(("?", "؟")) else None
        end = start - 1
    return None


# A list's line: a dash or a bullet, then its item («- Two handguns and about 30 rounds»).
_LIST_LINE = re.compile(r"[ \t]*[-–—•■▪●*][ \t]+\S")
# Words a heading has at most («The arsenal», «Les saisies», «المحجوزات»).
HEADING_WORDS = 4


def heading_before(a: Analysis, si: int) -> int | None:
    """The sentence of the heading above the list that sentence ``si``'s line belongs to ("The arsenal" over
    "- Two handguns …" / "- Five machetes …"): the first line above the list's lines, when it is a few words
    with no closing stop, or a lead-in ending on a colon (its last sentence); else None."""
    text = a.nt.text
    line_start = text.rfind("\n", 0, a.sentences[si].start) + 1
    if not _LIST_LINE.match(text, line_start):
        return None
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if _LIST_LINE.match(line):
            end = start - 1
            continue
        line = line.strip()
        if not line and start > 0 and text[start - 1] == "\n" and end > start - 1:
            end = start - 1  # a blank line between the lead-in and its list
            continue
        if line.endswith((":", "：")):
            # a lead-in that ends on a colon, however long ("According to the bureau's statement, investigators
            # seized:"): its last sentence is the list's heading
            return a.sentence_of_char(start + len(text[start:end].rstrip()) - 1)
        if not line or line.endswith((".", "!", "?", "؟")) or len(line.split()) > HEADING_WORDS:
            return None
        return a.sentence_of_char(start + len(text[start:end]) - len(text[start:end].lstrip()))
    return None


# A line opening on a speaker's label: a few words, maybe a parenthesis, then a colon.
_LABELLED_LINE = re.compile(r"\s*[^\s:：()]+(?:\s+[^\s:：()]+){0,3}\s*(?:\([^)\n]{1,40}\))?\s*[:：]")


# A line that opens a numbered list's item: "1. …", "2) …", «3- …» (a year is no item number).
_ITEM_LINE = re.compile(r"^[ \t]*\d{1,2}[.)\-–][ \t]+\S", re.M)
# A bulleted line: «• 9 juillet – Tanger …», "■ JUN 24 | Tangier".
_BULLET_LINE = re.compile(r"^[ \t]*[•■▪●◆►▶◾◼][ \t]*\S", re.M)


def _list_item_starts(a: Analysis, anchors: dict[int, list[Anchor]]) -> set[int]:
    """The sentences that open a numbered list's item when the text numbers two items or more (a
    listicle's "The 5 biggest cells…") and the item's heading names an operation: each such item
    tells its own, and what follows its first words goes on with it, not with the item before. An
    item headed by no operation («4. Un arsenal hétéroclite.», "3. Young profiles") is one more fact
    of the operation told before (a "five things to know about the cell")."""
    text = a.nt.text
    out = set()
    labels = grammar(a.lang).month_label_re
    for pattern in (_ITEM_LINE, _BULLET_LINE) + ((labels,) if labels is not None else ()):
        # («- Janvier : le 14, un partisan de Daech est interpellé à Salé», a month-by-month recap: each month's line
        # an item)
        out |= _items_naming_operations(a, anchors, [m.start() for m in pattern.finditer(text)])
    # "10 September 2020 – Five suspects arrested in Tangier …": a timeline's dated lines
    out |= _items_naming_operations(a, anchors, list(chronology_lines(text)))
    return out


def _items_naming_operations(a: Analysis, anchors: dict[int, list[Anchor]], starts: list[int]) -> set[int]:
    """The first sentences of the items starting at characters ``starts`` whose heading names an operation."""
    if len(starts) < 2:
        return set()
    out = set()
    for p in starts:
        first = a.sentence_of_char(p)
        s = a.sentences[first]
        # the item's heading: its first sentence, or the next when the number stands alone
        heading = first + 1 if s.last_token - s.first_token <= 1 and first + 1 < len(a.sentences) else first
        if _names_an_operation(a, heading, anchors):
            out.add(first)
    return out


# Items a roundup has at least (two could be a story and its aside).
ROUNDUP_MIN_ITEMS = 3


def _item_spans(a: Analysis, starts: list[int]) -> list[list[int]]:
    """The sentences of each list item opening at sentences ``starts``: to the next item or the end of
    its paragraph."""
    spans = []
    for first, end in zip(starts, starts[1:] + [len(a.sentences)]):
        span = [first]
        for k in range(first + 1, end):
            gap = a.nt.text[a.tokens[a.sentences[k - 1].last_token - 1].end:a.tokens[a.sentences[k].first_token].start]
            if "\n\n" in gap:
                break
            span.append(k)
        spans.append(span)
    return spans


def _other_stories(a: Analysis) -> set[int]:
    """A roundup's items that tell other news: in a list of stories («La semaine sécurité» : 1. a cocaine
    seizure, 2. a terrorist cell, 3. a visa fraud ring, 4. a neighbours' quarrel), an item with no word of
    terrorism (lexicon ``ct``, a group, a well-known attack) tells no counter-terrorism event, when
    another item has one and one of those without has a word of other crime (lexicon ``offtopic``: a
    chronology of operations, whose items need not name terrorism, is no roundup). Returns those items'
    sentences."""
    out: set[int] = _other_countries_items(a)
    if not a.of_kind("offtopic"):
        return out  # no item names another crime
    for pattern in (_ITEM_LINE, _BULLET_LINE):
        starts = sorted({a.sentence_of_char(m.start()) for m in pattern.finditer(a.nt.text)})
        if len(starts) < ROUNDUP_MIN_ITEMS:
            continue
        spans = _item_spans(a, starts)
        kinds = [{m.kind for k in span for m in a.by_sentence.get(k, ())} for span in spans]
        ct = [bool(ks & {"ct", "org", "known_attack"}) for ks in kinds]
        if any(ct) and any("offtopic" in ks for ks, told in zip(kinds, ct) if not told):
            out.update(k for span, told in zip(spans, ct) if not told for k in span)
    return out


@lru_cache(maxsize=None)
def _country_label_re(lang: str) -> re.Pattern | None:
    """A line opening on a country's name and a stop, colon or dash («Algérie. …», "Niger. …", «Tunisie : …»,
    «الجزائر: …»): the label of a roundup's item (lexicon ``country_labels``, ``morocco_labels``)."""
    data = language_data(lang, "lexicon")
    names = [normalize_text(w) for key in ("country_labels", "morocco_labels") for w in data.get(key, [])]
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"^[ \t]*(?P<label>{alternatives})[ \t]*[.:–—-][ \t]", re.M)


def _other_countries_items(a: Analysis) -> set[int]:
    """A roundup of the region's news by country, each item opening on its country's label («Tunisie. …»,
    «Algérie. … la neutralisation de deux terroristes …», «Maroc. Le BCIJ a annoncé …»; "Mali. …", "Niger. ISSP
    militants killed …", "Morocco. …"): an item labelled with another country tells no Moroccan event, unless it
    names a Moroccan service or place (a joint operation told by its sides). Only when Morocco labels an item too.
    Returns those items' sentences."""
    rx = _country_label_re(a.lang)
    text = a.nt.text
    if rx is None:
        return set()
    labels = [(m.start(), m.group("label")) for m in rx.finditer(text)]
    moroccan = {normalize_text(w) for w in _cue_words(a.lang, "morocco_labels")}
    if len(labels) < 2 or not any(label in moroccan for _, label in labels):
        return set()
    out: set[int] = set()
    for k, (start, label) in enumerate(labels):
        if label in moroccan:
            continue
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        item = range(a.sentence_of_char(start), a.sentence_of_char(max(start, end - 1)) + 1)
        named = any(m.kind == "agency" or m.kind == "place" and m.value.country == "MA"
                    for si in item for m in a.by_sentence.get(si, ()))
        if not named:
            out.update(item)
    return out


# Words from a sentence's start within which an enumeration's ordinal opens it («La seconde cellule», «أما الخلية
# الثانية»).
ORDINAL_OPENING = 3


def _enumerated_cells(a: Analysis) -> set[int]:
    """«Deux opérations distinctes … La première, composée de quatre partisans … La seconde cellule, démantelée à
    Berrechid …», "The first cell … The second …", «الخلية الأولى … أما الخلية الثانية»: sentences that open on an
    ordinal (lexicon ``enumeration_ordinal``) standing for a cell — the cell noun beside it, or the ordinal alone
    before a comma — each tell one operation of an enumeration (two of them at least); else none."""
    out = set()
    for s in {a.sentences[m.sentence] for m in a.of_kind("enumeration_ordinal")}:
        hi = min(s.first_token + ORDINAL_OPENING, s.last_token)
        k = _cue_at(a, s.first_token, hi, "enumeration_ordinal")
        if k is None:
            continue
        cell = any(abs(x.start - k) <= 1 for x in a.in_sentence(s.index, "trigger:cell"))
        # (not a person's ordinal: «المشتبه فيه الأول، البالغ من العمر 21 سنة»; "The first suspect, …")
        alone = k + 1 < s.last_token and not a.tokens[k + 1].soft_before and not any(
            _is_cue(a.lang, "person", a.tokens[j].text) or _is_cue(a.lang, "person_singular", a.tokens[j].text)
            for j in range(s.first_token, k))
        if cell or alone:
            out.add(s.index)
    return out if len(out) >= 2 else set()


def _chronology_items(a: Analysis, anchors: dict[int, list[Anchor]], items: set[int],
                      undated: set[int] = frozenset()) -> dict[int, int]:
    """A chronology: a list whose items open on a day or a month (two items or more), each item one
    operation. An item that tells persons or a cell but no arrest word («• 17 septembre – Laâyoune et
    Smara : quatre suspects en lien avec l'EI au Sahel», "■ JUN 24 | Tangier / 3-member cell") reports
    its operation all the same: an anchor at its first count of persons, or its cell noun, is added to
    ``anchors``; the day or month an item opens on dates its operation. Returns, for each of the item's
    sentences after its first, the item's first sentence (its heading lines tell the day and the towns
    of the operation anchored below them). The ``undated`` items (an enumeration's: «La première, …», «La
    seconde cellule, …») are items of one all the same.)"""
    starts = sorted(items)
    dated = [si for si in starts if si in undated
             or any(dm.kind in ("day", "month") and dm.value for dm in a.dates_in(si))]
    if len(dated) < 2:
        return {}
    item_of: dict[int, int] = {}
    for span in _item_spans(a, starts):
        first = span[0]
        if first not in dated:
            continue
        for k in span[1:]:
            item_of[k] = first
        for dm in a.dates_in(first):
            if dm.kind in ("day", "month"):
                a.date_roles[dm.start] = "event"  # "■ JUN 24 | Tangier": the item's day, no page header
        if any(x.kind in ("op", "ref", "attack", "seizure") for k in span for x in anchors.get(k, ())):
            continue
        at = next(((k, a.token_at(q.start)) for k in span for q in a.quantities_in(k) if q.kind == "persons"), None) \
            or next(((k, x.start) for k in span for x in a.in_sentence(k, "trigger:cell")), None)
        if at is not None:
            k, pos = at
            anchors.setdefault(k, []).append(Anchor("op", pos, k, Mention("chronology_item", None, pos, pos + 1, k)))
            anchors[k].sort(key=lambda x: x.position)
    return item_of


def _chronology_end(a: Analysis, items: set[int]) -> int | None:
    """The last sentence of a chronology's last item (a list or table whose items open on a day or a month, two at
    least), or None."""
    starts = sorted(si for si in items if any(dm.kind in ("day", "month") for dm in a.dates_in(si)))
    if len(starts) < 2:
        return None
    return _item_spans(a, starts)[-1][-1]


def _names_an_operation(a: Analysis, si: int, anchors: dict[int, list[Anchor]]) -> bool:
    """Sentence ``si`` names an operation: a trigger, an operation's or a cell's noun, a date or a
    count of persons."""
    s = a.sentences[si]
    return bool(anchors.get(si) or a.dates_in(si) or any(q.kind == "persons" for q in a.quantities_in(si))
                or _has_word(a, s.first_token, s.last_token, "operation_noun")
                or _cue_at(a, s.first_token, s.last_token, "cell_name_noun") is not None)


def build_drafts(a: Analysis, claim_tokens: set[int]) -> list[Draft]:
    """Group triggers and slot mentions into draft events."""
    anchors = _anchors(a, claim_tokens)
    a.op_positions = {si: [an.position for an in ans if an.kind in ("op", "ref")] for si, ans in anchors.items()}
    drafts: list[Draft] = []
    current: Draft | None = None
    last_op: Draft | None = None
    lead: int | None = None  # a sentence before any report that speaks of the operation by its noun
    items = _list_item_starts(a, anchors)
    enumerated = _enumerated_cells(a)
    item_of = _chronology_items(a, anchors, items | enumerated, enumerated)
    # where a chronology's last item ends (its own sentences told): what follows it is no part of that item
    chronology_end = _chronology_end(a, items)
    a.other_stories = _other_stories(a)
    for s in a.sentences:
        si = s.index
        if si in a.other_stories:
            current = None  # a roundup's item about other news: no event, and it goes on with none
            continue
        if chronology_end is not None and si == chronology_end + 1 and current is not None \
                and min(current.sentences, default=si) >= min(items, default=si):
            # «2 décembre | Oujda | 1 (21 ans) | EI | France» and then «Février, l'opération la plus marquante. La
            # cellule … douze suspects»: the commentary after a table or list of operations is not its last row's
            current = None
        sent_anchors = anchors.get(si, [])
        real = [an for an in sent_anchors if an.kind != "sink"]
        if si in items or si in enumerated:
            current = None  # «3. "Ansar al-Tawhid": 7 suspects (August 5)»: a list's next item tells its own
        if not real and current is None and not sent_anchors and _has_word(a, s.first_token, s.last_token,
                                                                           "operation_noun"):
            lead = si
        if not real:
            if current is not None and not sent_anchors:
                full = _has_word(a, s.first_token, s.last_token, "anaphor") or (
                    current.type == "arrest" and (_counts_the_arrested(a, si) or _a_share_by_place(a, si)
                                                  or _ages_of_the_youngest_and_oldest(a, si)
                                                  or (not current.strong_background and _answers_a_question(a, si))))
                if full and current.type in ("seizure", "attack") and last_op is not None and _tells_persons(a, si) \
                        and not last_op.strong_background:
                    # «وكانت الخلية المذكورة، المكونة من خمسة أشخاص، …», «Les six suspects, âgés de 21
                    # à 40 ans, …» after a cache or a recalled attack: the persons are the operation's
                    current = last_op
                if full and current.type == "arrest":
                    current = _side_of_persons(a, si, drafts, current)
                    if current.foreign and not current.tipped and _moroccan_tip(a, si):
                        current.tipped = True  # «Cette arrestation fait suite à des informations fournies par la DGST»
                _attach_sentence(a, current, si, None, full=full)
                if current.type == "attack" or (current.strong_background and not full):
                    # «Searches of the suspects' homes turned up knives» after a recalled attack, or
                    # "Security services seized…" after an old case («وقال بيان إن العملية أسفرت عن
                    # حجز…» still speaks of the old case): what was seized is the news operation's.
                    news = next((d for d in reversed(drafts) if d.type != "attack" and not d.strong_background), None)
                    if news is not None and news is not current:
                        _attach_items(a, news, si)
            continue
        ungrounded: list[tuple[Anchor, Draft, Draft | None]] = []
        attacks: list[tuple[Anchor, Draft]] = []  # this sentence's attacks, where each is named
        for an in real:
            draft = _new_draft(a, an, real)
            _attach_sentence(a, draft, si, (sent_anchors, an))
            if an.mention is not None and an.mention.kind == "arrest_participle":
                # «الموقوفين يوم الجمعة الماضي»: the participle's own day, not the referral's «اليوم»
                end = an.mention.end
                draft.dates = [x for x in draft.dates if end <= a.token_at(x[1].start) <= end + PARTICIPLE_DATE_REACH]
            if an.kind in ("op", "ref") and _in_a_relative_clause(a, an):
                # «… في حق المتهمين الخمسة الذين أوقفهم المكتب في مارس الماضي», "the men whom police arrested
                # in March": a date before the relative pronoun is the main clause's (a verdict)
                after = [x for x in draft.dates if a.token_at(x[1].start) > an.position]
                if after:
                    draft.dates = after
            if an.kind in ("op", "ref") and _participle_of_a_cell(a, an):
                # «dans le dossier de la cellule démantelée le 25 septembre 2024», "the cell dismantled on 25
                # September 2024": the day right after the participle is its own, not the verdict's of the sentence
                own = [x for x in draft.dates if 0 <= a.token_at(x[1].start) - an.mention.end <= PARTICIPLE_DATE_REACH]
                if own:
                    draft.dates = own
            if draft.tipped:
                _, lo, hi = _tipped_abroad(a, an)
                draft.dates = [x for x in draft.dates if not lo <= a.token_at(x[1].start) < hi]
            if draft.type != "attack" and _after_the(a, an):
                # «بعد أيام من تفكيك خلية»: the days run from this operation to the news, so they
                # date the news, not the operation «بعد» governs
                draft.dates = [x for x in draft.dates
                               if not (x[1].kind == "after" and a.token_at(x[1].start) < an.position)]
            if draft.type != "attack" and si > 0 and not draft.dates and _there(a, an):
                _attach_there(a, draft, si - 1)
            if draft.type == "attack" and an.mention is not None:
                draft.suspected = _reason_for_arrest(a, an.mention)
                draft.attack_arrest = any(m.kind == "trigger:arrest" and m.start > an.position and _the_attacker_taken(
                    a, Anchor("op", m.start, si, m)) for m in a.in_sentence(si, "trigger:arrest"))
            if draft.type == "attack" and not _grounded(draft):
                ungrounded.append((an, draft, current))
                continue
            listed = _split_listed_attacks(a, draft) if draft.type == "attack" else [draft]
            if len(listed) > 1:
                # «اعتداءات في الدار البيضاء (33 قتيلا في 2003) ومراكش (17 قتيلا في 2011)»: one word,
                # several attacks, each with its own place, toll and year.
                drafts.extend(listed)
                an.event = current = listed[-1]
                attacks.append((an, current))
                continue
            target = _continues(a, an, draft, current, last_op, drafts)
            item = item_of.get(si, si if si in enumerated else None)
            if item is not None and an.kind in ("op", "ref"):
                # "■ JUN 24 | Tangier" / "3-member cell – online ISIS propaganda": a chronology's (or an
                # enumeration's) item tells its own operation, its lines before the count give its day and towns
                if target is not None and min(target.sentences, default=si) < item:
                    target = None
                if target is None:
                    for k in range(item, si):
                        _attach_sentence(a, draft, k, None)
            if target is not None:
                if target.foreign and not target.tipped and _moroccan_tip(a, si):
                    target.tipped = True  # "The arrest by the DGSI followed a tip-off from Morocco's DGST"
                _merge(target, draft)
                an.event = current = target
            else:
                if draft.type == "arrest":
                    a.told_arrests += 1
                    a.told_earlier = a.told_earlier or draft.strong_background
                if not drafts and draft.type == "arrest" and lead is not None and si - lead <= LEAD_REACH:
                    # "The joint operation carried out last Wednesday by the DGST and the Guardia Civil is
                    # … Five people were arrested …": the operation's day and services, told first
                    _attach_sentence(a, draft, lead, None)
                drafts.append(draft)
                an.event = current = draft
                if draft.type == "arrest":
                    last_op = draft
            if current.type == "attack":
                attacks.append((an, current))
        if current is not None and (current.strong_background or current.given):
            # «أوقفت … شابا …، للاشتباه في ارتباطه بالخلية التي جرى تفكيكها …»: the earlier cell is
            # named inside the sentence that reports the news; what follows goes on with the news
            told = next((x.event for x in reversed(real) if x.event is not None
                         and not x.event.strong_background and not x.event.given and x.event.type != "attack"), None)
            if told is None and current.linked:
                # «وأفادت الوزارة أن المشتبه بهم … "على صلة بالشبكة … التي تم تفكيكها مطلع فبراير"»: the
                # sentence speaks of the news suspects and names the cell they are linked to; what
                # follows («الخلية يتزعمها …») goes on with the news told before
                told = next((d for d in reversed(drafts) if d.type == "arrest" and not d.strong_background
                             and not d.given), None)
            if told is not None:
                given, current = current.given, told
                if given and told.type == "arrest":
                    # «… a arrêté samedi un homme lié aux membres de la cellule démantelée mercredi»:
                    # a later «lors de son interpellation» is the news arrest's too
                    last_op = told
        _dates_in_list_order(a, [d for _, d in attacks])
        kept = len(ungrounded) < len(real)
        for an, draft, before in ungrounded:
            # «بعد مقتل زعيمه»: a death with no place or date is no attack to record, but it
            # finishes an attack named next to it («… قتلوا أنفسهم و32 شخصا آخرين في تفجيرات
            # الدار البيضاء عام 2003») or just before («… أسفر عن مقتل 17 شخصا»).
            near = min(attacks, key=lambda x: abs(x[0].position - an.position), default=None)
            if near is not None and abs(near[0].position - an.position) <= DEATH_REACH:
                _merge(near[1], draft)
                kept = True
            elif before is not None and before.type == "attack" and before.sentence >= si - 1:
                _merge(before, draft)
            elif draft.suspected:
                drafts.append(draft)  # the crime an arrest is for happened, place and date untold
                kept = True
        if not kept and current is not None:
            # Only an attack word with nothing to ground it («a will inciting to murder», "chemicals
            # that could have been used to make bombs"): the sentence still goes on with the
            # event being told, and what it says was seized is that event's.
            _attach_items(a, current, si)
    if enumerated:
        _date_the_enumerated(a, drafts, enumerated, item_of)
    return drafts


def _date_the_enumerated(a: Analysis, drafts: list[Draft], enumerated: set[int], item_of: dict[int, int]) -> None:
    """«Deux opérations distinctes … ont permis, mardi 22 avril, le démantèlement de deux cellules. La première, …
    La seconde cellule, …»: an enumerated operation with no day of its own has the day of the sentence that
    announced them."""
    told = [(min(enumerated) - 1, dm) for dm in a.dates_in(min(enumerated) - 1) if dm.kind == "day" and dm.value]
    if not told:
        return
    for d in drafts:
        first = min(d.sentences, default=d.sentence)
        if (first in enumerated or item_of.get(first) in enumerated) and not any(dm.value for _, dm in d.dates):
            d.dates.extend(told)


def _continues(a: Analysis, an: Anchor, draft: Draft, current: Draft | None, last_op: Draft | None,
               drafts: list[Draft]) -> Draft | None:
    """The earlier draft this anchor's report belongs to, if any."""

    def drafts_first(d: Draft) -> bool:
        return bool(drafts) and drafts[0] is d

    if an.kind == "ref" and not draft.strong_background:
        # «the suspect arrested in Tangier»: the latest operation it can be, past a partner's
        # arrests told in between
        told = draft.dates
        if an.given:
            # "On Monday, the court ordered the detention of the six suspects arrested …", «les
            # suspects interpellés ont été placés samedi en garde à vue»: the persons' arrest is
            # already told, and a date of the sentence is the main clause's (an order, custody)
            draft.dates = []
        placed = _anaphor_subject(a, an.mention)
        side = _side_named(a, an.sentence, an.position)
        if side not in (None, "MA") and draft.foreign is None:
            draft.foreign = side  # «les trois personnes arrêtées en Espagne»: the partner's side
        ref = next((d for d in reversed(drafts) if d.type == "arrest" and (side is None or (d.foreign or "MA") == side)
                    and _compatible(d, draft, a, placed)), None)
        if ref is not None and (ref is last_op or ref.foreign is None and last_op is not None and last_op.foreign):
            # its own dates: those that agree with the operation's, or with none told, those after
            # the participle ("the man held on Tuesday")
            if an.given:
                # (a date of the statement that told the operation is no date of it: «a annoncé mercredi»)
                rd = None if ref.statement_dated else _draft_date(ref)
                draft.dates = [x for x in told if x[1].value and (
                    dates_may_overlap(rd, x[1].value) if rd else a.token_at(x[1].start) > an.position)]
            return ref
        draft.dates = told
    if an.kind in ("op", "ref"):
        if (current is not None and current.type == "attack" and drafts_first(current)
                and not current.strong_background and not _mentions_cell(a, draft)
                and _compatible_places(current, draft, a) and not _draft_date(draft)
                and not _several(a, an, draft)):
            draft.attack_arrest = True
            return current  # an arrest at the scene of the attack the article reports
        side = _side_named(a, an.sentence, an.position) if last_op is not None else None
        if side not in (None, "MA") and draft.foreign is None:
            draft.foreign = side  # (the side a participle names, as for a reference above)
        placed = False
        if side is None and last_op is not None and _side_of(last_op) != "MA":
            # «Trois jeunes … arrêtés mercredi à Bruxelles … Ce dernier … a été interpellé le même jour à Tétouan»:
            # after arrests made abroad, a town of Morocco names the Moroccan side (the arrests told before in a
            # town of it, not a headline that names no town)
            side = _side_named(a, an.sentence, an.position, TOWN_SIDE_REACH, towns=True)
            placed = True
        if side is not None and _side_of(last_op) != side:
            # «Les trois personnes arrêtées en Espagne relayaient …» after the Moroccan side's news
            last_op = next((d for d in reversed(drafts) if d.type == "arrest" and _side_of(d) == side and (
                not placed or any(m.kind == "place" and m.value.country == side for m in d.mentions))), None)
        if last_op is not None and _compatible(last_op, draft, a) and not _is_followup(a, an) \
                and not _long_before_the_news(draft, drafts):
            return last_op
        return None
    if an.kind == "attack" and current is not None and current.type == "attack" and _same_attack(current, draft, a):
        return current
    return None


# An operation dated this long before the article's news is another one, even beside an undated report.
LONG_BEFORE_DAYS = 60


def _long_before_the_news(draft: Draft, drafts: list[Draft]) -> bool:
    """"…a network that Spanish and Moroccan agents broke up in December 2019" after Tuesday's
    undated Nador arrests: dated well before the article's first dated news, it is not the
    undated report before it."""
    nd = date_bounds(_draft_date(draft)) if _draft_date(draft) else None
    news = next((d for d in drafts if not d.strong_background and d.type != "attack" and _draft_date(d)), None)
    if nd is None or news is None or not date_bounds(_draft_date(news)):
        return False
    start = date_bounds(_draft_date(news))[0]
    return (start - nd[1]).days > LONG_BEFORE_DAYS


def _several(a: Analysis, an: Anchor, d: Draft) -> bool:
    """Whether the draft counts two persons or more ("the three wanted suspects arrested").

    The arrest at the scene of an attack is of its author, one person (every attack of the
    gold sets and own corpora with an arrest: dev d06, dev3 n8-03, n8-10, own fr_07, ar_c05);
    several suspects arrested are a manhunt after it, an operation of its own (dev3 n3-08's
    "three wanted suspects arrested in Marrakech", dev2 h14)."""
    if any(q.kind == "persons" and q.low >= 2 for q in d.quantities):
        return True
    # the count may stand nearer an attack word of the sentence ("The three suspects, allegedly
    # involved in the murder of …, were arrested"): a count of persons before the trigger
    # that no death toll or victim count covers
    tolls = [(q.start, q.end) for q in a.quantities_in(an.sentence) if q.kind != "persons"]
    return any(q.kind == "persons" and q.low >= 2 and a.token_at(q.start) < an.position
               and not any(s <= q.start < e or q.start <= s < q.end for s, e in tolls)
               for q in a.quantities_in(an.sentence))


def _foreign_agent(a: Analysis, an: Anchor) -> str | None:
    """The country of the service that is the subject of an arrest verb ("the Spanish security
    services arrested three", «les services de sécurité espagnols ont interpellé», «اعتقلت
    قوات الأمن الإسبانية»): its arrests are its own event (SPEC: each side's arrests told
    apart). A subject naming Morocco too ("Moroccan and Spanish services") is one joint
    operation."""
    s = a.sentences[an.sentence]
    if not a.has("partner", s.first_token, s.last_token):
        return None
    antecedent = _partner_antecedent(a, an)
    if antecedent is not None:
        return antecedent
    lo, hi = (an.position + 1, an.position + 1 + AGENT_REACH) if a.lang == "ar" else (an.position - AGENT_REACH, an.position)
    lo, hi = max(lo, s.first_token), min(hi, s.last_token)
    for m in a.in_sentence(an.sentence, "partner"):
        if lo <= m.start < hi and partner_police(a, m) and not _cooperating(a, m):
            return None if _with_morocco(a, m, lo, hi) else m.value
    # the passive's agent after the verb: "the third was arrested in Girona by Spain's national
    # police", «interpellé à Gérone par la police espagnole», «أوقف من طرف الشرطة الإسبانية»
    # ... up to the sentence's next operation («… فيما تم توقيف الثالث … من طرف الشرطة الإسبانية»)
    # or its next clause («…، فيما تم توقيف الثالث …»)
    nxt = min([p for p in a.op_positions.get(an.sentence, ()) if p > an.position]
              + [m.start for m in a.in_sentence(an.sentence, "clause_break") if m.start > an.position],
              default=s.last_token)
    by = _cue_at(a, an.position + 1, min(an.position + 1 + PASSIVE_AGENT_REACH, s.last_token, nxt), "passive_agent")
    if by is None:
        return None
    for m in a.in_sentence(an.sentence, "partner"):
        if by < m.start <= by + PARTNER_FORCE_REACH and partner_police(a, m):
            return None if _with_morocco(a, m, by, m.end) else m.value
    return None


# Tokens between a partner's name and the relative pronoun after it, its police's noun only ("the Belgian security
# services, which"; not "the Spanish services, in mid-October, that": an inserted time, the pronoun the operation's), and
# between that pronoun and the arrest («التي باشرت في اليوم نفسه توقيف», «qui ont procédé le même jour à l'arrestation»).
ANTECEDENT_REACH = 2
RELATIVE_CLAUSE_REACH = 8


def _partner_antecedent(a: Analysis, an: Anchor) -> str | None:
    """The partner whose police a relative clause's arrest is told of, when the sentence names it as the operation's
    partner: "The operation was coordinated with the Belgian security services, which arrested three people in
    Brussels", «بتنسيق مع المصالح الأمنية البلجيكية، التي باشرت في اليوم نفسه توقيف ثلاثة أشخاص ببروكسيل»: the
    partner's own arrests (SPEC: each side's arrests told apart)."""
    s = a.sentences[an.sentence]
    r = _cue_at(a, max(s.first_token, an.position - RELATIVE_CLAUSE_REACH), an.position, "relative_pronoun")
    if r is None:
        return None
    for m in a.in_sentence(an.sentence, "partner"):
        if m.end <= r and r - m.end <= ANTECEDENT_REACH and partner_police(a, m) \
                and all(a.tokens[k].soft_before for k in range(m.end + 1, r)) \
                and not any(r < x.start < an.position for x in a.in_sentence(an.sentence, "partner", "morocco")):
            return None if _with_morocco(a, m, m.start, r) else m.value
    return None


# Tokens between "with", «avec», «مع» and the partner's name ("with the Spanish police": an article).
WITH_REACH = 2


def _cooperating(a: Analysis, m: Mention) -> bool:
    """«Le BCIJ, en étroite coordination avec la Police nationale espagnole, a démantelé», «بتنسيق مع
    الشرطة الإسبانية»: the partner the operation was made with, not the subject that made it ("In
    conjunction with this operation, the Spanish police arrested" is the subject: "with" governs
    another noun)."""
    lo = max(a.sentences[m.sentence].first_token, m.start - WITH_REACH)
    w = _cue_at(a, lo, m.start, "partner_with")
    return w is not None and all(a.tokens[k].soft_before for k in range(w + 1, m.start + 1))


# Tokens between an arrest verb and the "by" of its passive agent ("arrested in the Spanish town of Girona, in Catalonia, by";
# «interpellés mardi matin à Toulouse, dans le quartier du Mirail, et à Montauban par»).
PASSIVE_AGENT_REACH = 16


# Tokens between a partner and the word for its police or services ("the Spanish security services",
# «les policiers de la DGSI», "officers of France's DGSI").
PARTNER_FORCE_REACH = 5


def partner_police(a: Analysis, m: Mention) -> bool:
    """Whether a partner mention names another country's police or services ("the Spanish police",
    «الشرطة الإسبانية», «les services de sécurité espagnols»)."""
    s = a.sentences[m.sentence]
    return m.value != "MA" and _cue_at(a, max(s.first_token, m.start - PARTNER_FORCE_REACH),
                                       min(m.end + PARTNER_FORCE_REACH, s.last_token), "force") is not None


def _tipped_abroad(a: Analysis, an: Anchor) -> tuple[str, int, int] | None:
    """(country, lo, hi) when a partner made the arrest on a Moroccan service's intelligence:
    "Thanks to intelligence provided by Morocco's DGST, France succeeded in arresting …",
    "Based on intelligence transmitted … by the DGST, the French authorities managed to
    arrest", «sur la base d'informations fournies par la DGST». The subject before the verb
    (after it in Arabic) is the partner, a country or its service; the tip names a Moroccan
    service. One operation, the partner's, with the Moroccan service in it (dev3 n7-06, n7-11
    and n7-04, n7-12 are coded so). Tokens [lo, hi) are the tip's clause: its dates date the
    tip, not the arrest ("intelligence transmitted on April 1")."""
    s = a.sentences[an.sentence]
    if not a.has("tip_off", s.first_token, s.last_token):
        return None  # most sentences: no tip to read
    mentions = a.by_sentence.get(an.sentence, ())
    for tip in (m for m in mentions if m.kind == "tip_off"):
        src = next((m for m in mentions if m.kind in ("agency", "morocco")
                    and tip.start <= m.start < tip.end + TIP_REACH), None)
        if src is None:
            continue
        if a.lang == "ar":
            lo, hi = an.position + 1, an.position + 1 + AGENT_REACH
        else:
            lo, hi = an.position - AGENT_REACH, an.position
        lo, hi = max(lo, s.first_token, src.end if tip.start < an.position else lo), min(hi, s.last_token)
        subject = [m for m in mentions if m.kind == "partner" and m.value != "MA" and lo <= m.start < hi
                   and not tip.start <= m.start < src.end]
        if subject and not _with_morocco(a, subject[-1], lo, hi):
            end = max(src.end, subject[-1].start if tip.start < an.position else src.end)
            return subject[-1].value, tip.start, end
    return None


def _moroccan_tip(a: Analysis, si: int) -> bool:
    """A tip from a Moroccan service in the sentence ("followed a tip-off from Morocco's DGST",
    «بناء على معلومات قدمتها المديرية العامة لمراقبة التراب الوطني»), or its cooperation («L'enquête a été menée
    en collaboration avec la DGST marocaine»)."""
    s = a.sentences[si]
    if not (a.has("tip_off", s.first_token, s.last_token) or a.has("cooperation", s.first_token, s.last_token)):
        return False
    mentions = a.by_sentence.get(si, ())
    return any(m.kind in ("agency", "morocco") and tip.start <= m.start < tip.end + TIP_REACH
               for tip in mentions if tip.kind in ("tip_off", "cooperation") for m in mentions)


def _with_morocco(a: Analysis, partner: Mention, lo: int, hi: int) -> bool:
    """«Le BCIJ et la police nationale espagnole ont démantelé», "Moroccan and Spanish
    services": Morocco in the same clause as the partner makes the subject a joint one."""
    text = a.nt.text
    for m in a.by_sentence.get(partner.sentence, ()):
        if m.kind not in ("morocco", "agency") or not (m.end <= partner.start or lo <= m.start < hi):
            continue
        left, right = sorted((a.tokens[m.end - 1].end, a.tokens[partner.start].start))
        gap = text[left:right]
        # a headline's comma for "and": "Moroccan, Spanish Authorities Arrest Three", "Morocco, Spain arrest"
        if not any(c in gap for c in ",،:;") or gap.strip() in (",", "،"):
            return True
    return False


def _there(a: Analysis, an: Anchor) -> bool:
    """«Le BCIJ y a démantelé», «Trois hommes y ont été arrêtés», "were arrested there",
    «أوقف بها»: the operation happened at the place the sentence before named."""
    s = a.sentences[an.sentence]
    return _cue_at(a, max(s.first_token, an.position - THERE_BEFORE),
                   min(s.last_token, an.position + THERE_AFTER + 1), "place_pronoun") is not None


def _attach_there(a: Analysis, d: Draft, si: int) -> None:
    """The places and the day of the sentence a «y» points back to («Première opération mardi
    à Nador. Le BCIJ y a démantelé …»), when this one names no place and that one, with no
    operation of its own, says where and when. Without a day of its own, that sentence
    tells another leg of the operation already reported, which the draft then continues."""
    if any(m.kind == "place" for m in d.mentions) or d.dates or not a.in_sentence(si, "place"):
        return
    if any(x.kind in OP_KINDS for x in a.by_sentence.get(si, ())):
        return  # that sentence told its own operation
    dates = [dm for dm in a.dates_in(si) if dm.value or dm.kind == "after"]  # «Deux jours plus tard, jeudi, …»
    if not dates:
        return
    d.mentions.extend(m for m in a.in_sentence(si, "place"))
    d.dates.extend((si, dm) for dm in dates)
    d.sentences.add(si)


def _reason_for_arrest(a: Analysis, m: Mention) -> bool:
    """«توقيف ثلاثة … للاشتباه في تورطهم في قتل شرطي», "arrested two men in connection with
    the stabbing", «interpellés, soupçonnés d'être impliqués dans le meurtre»: an attack
    named as what the persons arrested in its sentence are suspected of was carried out."""
    if not any(x.kind in ("trigger:arrest", "trigger:dismantle") for x in a.by_sentence.get(m.sentence, ())):
        return False  # the arrest before («توقيف … للاشتباه») or after («Trois hommes, soupçonnés …, ont été arrêtés»)
    lo = max(a.sentences[m.sentence].first_token, m.start - SUSPECTED_REACH)
    return a.has("suspected_of", lo, m.start)


def _split_listed_attacks(a: Analysis, d: Draft) -> list[Draft]:
    """An attack word followed by places that each carry their own death toll or their own
    date is a list of attacks («اعتداءات في الدار البيضاء (33 قتيلا في 2003) ومراكش (17 قتيلا
    في 2011)», «attentats à Casablanca (en 2003) et à Marrakech (en 2011)»); the toll, dates
    and mentions between a place and the next go with that place."""
    places = sorted((m for m in d.mentions if m.kind == "place" and m.sentence == d.sentence), key=lambda m: m.start)
    tolls = [q for q in d.quantities if q.kind == "killed"]
    written = [(si, dm) for si, dm in d.dates if si == d.sentence and dm.value and dm.kind in ("day", "month", "year")]
    if d.known_attack or len(places) < 2 or (len(tolls) < 2 and len(written) < 2):
        return [d]
    if len(written) == len(places) and a.token_at(written[0][1].start) < places[0].start:
        return _split_by_dates(a, d, places, tolls, written)
    bounds = [p.start for p in places[1:]] + [len(a.tokens)]
    respective = len(tolls) == len(places) and all(a.token_at(q.start) >= places[-1].end for q in tolls) \
        and _has_word(a, places[-1].end, a.sentences[d.sentence].last_token, "respectively")
    parts = []
    for k, (p, hi) in enumerate(zip(places, bounds)):
        # "in Casablanca in 2003 and in Marrakesh in 2011, which killed 45 and 17 people respectively"
        own = [tolls[k]] if respective else [q for q in tolls if p.end <= a.token_at(q.start) < hi]
        own_dates = [x for x in written if p.end <= a.token_at(x[1].start) < hi]
        if len(own) > 1 or len(own_dates) > 1 or not (own or own_dates):
            return [d]
        part = Draft(type="attack", sentence=d.sentence, position=p.start, background=d.background,
                     strong_background=d.strong_background, sentences={d.sentence})
        part.mentions = [m for m in d.mentions if d.position <= m.start < places[0].start or p.start <= m.start < hi]
        part.quantities = own
        part.dates = [(si, dm) for si, dm in d.dates if p.start <= a.token_at(dm.start) < hi]
        parts.append(part)
    return parts


def _dates_in_list_order(a: Analysis, attacks: list[Draft]) -> None:
    """Attacks of one sentence listed each with its place and year, the attack words being their tolls («en 2003 à
    Casablanca (33 morts) et en 2011 à Marrakech (17 morts)», «à Casablanca (33 morts, en 2003) et à Marrakech (17
    morts, en 2011)», «en 2003 à Casablanca, qui avaient fait 33 morts, puis en 2011 à Marrakech»): the list's items
    hold one place and one year each, date first or place first, and each attack takes the year and the toll of its
    place's item (the nearest anchor would give a year or a toll to the item's neighbour)."""
    attacks = {id(d): d for d in attacks if not d.known_attack}
    if len(attacks) < 2:
        return
    si = next(iter(attacks.values())).sentence
    placed = []
    for d in attacks.values():
        first = min((m.start for m in d.mentions if m.kind == "place" and m.sentence == si), default=None)
        if first is None:
            return
        placed.append((first, d))
    placed.sort(key=lambda x: x[0])
    written = sorted({dm.start: (s, dm) for d in attacks.values() for s, dm in d.dates
                      if s == si and dm.value and dm.kind in ("day", "month", "year")}.values(), key=lambda x: x[1].start)
    if len(written) != len(placed):
        return
    items = [(min(place, a.token_at(dm.start)), max(place, a.token_at(dm.start)))
             for (place, _), (_, dm) in zip(placed, written)]
    if any(items[k][1] >= items[k + 1][0] for k in range(len(items) - 1)):
        return  # not one place and one year per item, in order
    # (in the drafts' order, which puts each draft's own toll first: "bombings in Casablanca in 2003 killed 33 people"
    # also reads "2003 killed")
    tolls = list({q.start: q for d in attacks.values() for q in d.quantities if q.kind == "killed"}.values())
    starts = [lo for lo, _ in items[1:]] + [len(a.tokens)]
    for ((_, d), date, (lo, _), hi) in zip(placed, written, items, starts):
        d.dates = [x for x in d.dates if x[0] != si or not x[1].value or x[1].kind not in ("day", "month", "year")] + [date]
        own = [q for q in tolls if lo <= a.token_at(q.start) < hi]
        d.quantities = [q for q in d.quantities if q.kind != "killed"] + own[:1]


def _split_by_dates(a: Analysis, d: Draft, places: list, tolls: list, written: list) -> list[Draft]:
    """The same list told date first («des attentats jihadistes en 2003 à Casablanca et en 2011 à Marrakech», «frappé
    en mai 2003 par des attaques-suicides à Casablanca (33 morts) et en avril 2011 par un attentat … à Marrakech»):
    each date goes with the one place after it, up to the next date, and so do the toll and mentions there."""
    starts = [a.token_at(dm.start) for _, dm in written]
    bounds = starts[1:] + [len(a.tokens)]
    parts = []
    for (si, dm), lo, hi in zip(written, starts, bounds):
        own_places = [p for p in places if lo <= p.start < hi]
        own = [q for q in tolls if lo <= a.token_at(q.start) < hi]
        if len(own_places) != 1 or len(own) > 1:
            return [d]
        part = Draft(type="attack", sentence=d.sentence, position=own_places[0].start, background=d.background,
                     strong_background=d.strong_background, sentences={d.sentence})
        part.mentions = [m for m in d.mentions if d.position <= m.start < starts[0] or lo <= m.start < hi]
        part.quantities = own
        part.dates = [(si, dm)]
        parts.append(part)
    return parts


def _grounded(d: Draft) -> bool:
    return bool(d.known_attack or any(m.kind == "place" for m in d.mentions)
                or any(dm.value for _, dm in d.dates))


def _compatible_places(cur: Draft, new: Draft, a: Analysis) -> bool:
    """No two disjoint sets of places (a dispatch's dateline city does not count)."""
    cp, np_ = moroccan_places(_places(a, cur)), moroccan_places(_places(a, new))
    return not (cp and np_ and not cp & np_)


def _same_attack(cur: Draft, new: Draft, a: Analysis) -> bool:
    """Whether an attack word speaks of the attack already being reported."""
    if cur.known_attack and new.known_attack and cur.known_attack is not new.known_attack:
        return False
    if new.strong_background != cur.strong_background:
        return False
    cd, nd = _known_or_told_date(cur), _known_or_told_date(new)
    if cd and nd and not dates_may_overlap(cd, nd):
        return False
    if not _compatible_places(cur, new, a):
        return False
    return True


def _known_or_told_date(d: Draft) -> str | None:
    """The date the text writes out for an attack («depuis août 1994»), else a well-known
    attack's own year. Relative dates («أمس») are left out: beside a well-known attack they
    date the report (a verdict, an anniversary), not the attack."""
    written = [dm.value for _, dm in d.dates if dm.value and dm.kind in ("day", "month", "year")]
    if written:
        return written[0] if d.known_attack else min(written, key=len)
    return ((d.known_attack or {}).get("date") or "")[:4] or None


def _is_followup(a: Analysis, an: Anchor) -> bool:
    """«عنصر آخر», «عنصر جديد»: a new person arrested after the first operation."""
    hi = min(an.position + 6, a.sentences[an.sentence].last_token)
    words = [t.text for t in a.tokens[an.position:hi]]
    for i, w in enumerate(words[:-1]):
        if any(s in _cue_words(a.lang, "person_singular") for s in stems(w)) and any(
                s in _cue_words(a.lang, "followup_after_person") for s in stems(words[i + 1])):
            start = a.tokens[an.position + i + 1].start
            if any(q.start == start and q.kind == "persons" for q in a.quantities_in(an.sentence)):
                continue  # «عنصرين بالقنيطرة، وعنصر ثالث بسلا»: the breakdown's next member, not another arrest
            return True
    return False


def _linked_cell(a: Analysis, an: Anchor) -> bool:
    """«عنصرا جديدا له علاقة بالخلية الإرهابية المفككة صباح اليوم», "suspects linked to the
    cell dismantled in February", «en lien avec la cellule démantelée»: the cell a suspect is
    linked to was dismantled before; its dismantling is history beside the news."""
    s = a.sentences[an.sentence]
    lo = max(s.first_token, an.position - LINK_REACH)
    link = _cue_at(a, lo, an.position, "linked_to")
    if link is not None and a.nt.text[a.tokens[link].start - 1:a.tokens[link].start] == "-":
        return False  # "a Daesh-linked cell busted": a compound adjective names the cell's group
    return link is not None and any(m.kind == "trigger:cell" and link < m.start < an.position
                                    for m in a.by_sentence.get(an.sentence, ()))


def _followed_by(a: Analysis, an: Anchor, anchors: list[Anchor]) -> bool:
    """«بعد تفكيك خلية … العثور على مخبأ», "after the dismantling of the cell, a cache was
    found": an operation named after «بعد», "after the", «après le», beside the find or
    attack its sentence reports, is the known one that other news followed."""
    if not _after_the(a, an):
        return False
    s = a.sentences[an.sentence]
    nxt = an.sentence + 1
    # «بعد تفكيك خلية ….. العثور على مخبأ»: the headline's two halves split at «..»; «بعد أيام من
    # تفكيك خلية … .. توقيف متطرف جديد», «Quatre jours après le démantèlement de la cellule …, le
    # BCIJ a interpellé …»: an arrest the sentence tells outside the phrase after «بعد»/«après»
    # is the news that followed too (a fact of the preposition: its object came first)
    # «هذه العملية تأتي شهرا واحدا فقط بعد أن فكك البسيج خلية», "The arrest comes a month after
    # police dismantled a cell": the news told again as the subject, before «بعد»
    after_at = _cue_at(a, max(s.first_token, an.position - AFTER_INTERVAL_REACH), an.position, "after_the")
    retold = after_at is not None and any(m.kind == "anaphor" and s.first_token <= m.start < after_at
                                          for m in a.by_sentence.get(an.sentence, ()))
    # «شهر واحد فقط بعد تفكيك خلية»: a duration before «بعد» counts from that operation to the news
    duration = _cue_at(a, s.first_token, after_at, "duration_noun") if after_at is not None else None
    retold = retold or duration is not None and not (  # («سنة 2019» names a year, no duration)
        duration + 1 < len(a.tokens) and _YEAR_TOKEN.fullmatch(a.tokens[duration + 1].text))
    followed = retold or any(x.kind in ("seizure", "attack") or x.kind in ("op", "ref") and x is not an
                             and not _after_the(a, x) for x in anchors) or (
        nxt < len(a.sentences) and a.nt.text[s.end - 2:s.end] == ".."
        and bool(a.in_sentence(nxt, "cache") or a.in_sentence(nxt, "trigger:attack_strong")
                 or a.in_sentence(nxt, "trigger:arrest")))
    return followed


def _tells_persons(a: Analysis, si: int) -> bool:
    """Whether sentence ``si`` speaks of the cell or counts the persons or their ages."""
    return bool(a.in_sentence(si, "trigger:cell")) or any(q.kind in ("persons", "age") for q in a.quantities_in(si))


def _after_another(a: Analysis, an: Anchor, anchors: list[Anchor]) -> bool:
    """"Days after the dismantling of a cell …, police arrested …": the sentence's opening words
    govern the other operation only; the main clause's operation is the news that followed."""
    return not _after_the(a, an) and any(x is not an and x.kind in ("op", "ref") and _after_the(a, x)
                                         for x in anchors)


def _coordinated_arrest(a: Analysis, cell: Anchor, an: Anchor) -> bool:
    """«فكك المكتب … خلية … بالدار البيضاء وأكادير، وأوقف 12 شخصا», "dismantled a cell in … and arrested 12
    people", «a démantelé une cellule … et interpellé douze personnes»: an arrest verb joined to the
    dismantling before it, with no service of its own between (its subject), is that operation's."""
    if cell.mention is None or cell.mention.kind != "trigger:dismantle" or an.mention is None \
            or an.mention.kind != "trigger:arrest":
        return False
    joiners = _cue_words(a.lang, "list_joiner")
    word = a.tokens[an.position].text
    if not (a.lang == "ar" and word[:1] in joiners and len(word) > 3
            or an.position > cell.position + 1 and a.tokens[an.position - 1].text in joiners):
        return False
    # (the dismantling's own subject may follow its verb: «فكك المكتب المركزي …»)
    return not any(cell.position + 2 < m.start < an.position for m in a.in_sentence(an.sentence, "agency", "force",
                                                                                      "partner"))


# Words from the phrase that closes an attack on its author's arrest to the arrest («avant d'être neutralisé puis
# interpellé», "before police shot and arrested him").
ATTACKER_TAKEN_REACH = 5


def _the_attacker_taken(a: Analysis, an: Anchor) -> bool:
    """The arrest closes an attack told before it in the sentence ("stabbed a police officer on patrol before being
    shot in the legs and detained", «avait poignardé trois passants avant d'être interpellé», «طعن شرطيين قبل أن
    يتم توقيفه»; lexicon ``arrest_after_attack``): the attacker's arrest, the attack's, no operation of its own."""
    return an.mention is not None and an.mention.kind == "trigger:arrest" and any(
        0 <= an.position - m.end <= ATTACKER_TAKEN_REACH for m in a.in_sentence(an.sentence, "arrest_after_attack"))


# Words from a court's name to the town it sits in («la Cour d'appel de Rabat à Salé», «près la Cour d'appel de
# Rabat, siégeant à Salé»).
COURT_SEAT_REACH = 7


def _a_court_s_seat(a: Analysis, m: Mention) -> bool:
    """The place ends a court's name and seat: a court's word at most COURT_SEAT_REACH words before it and no word of
    an operation between («près l'annexe de la Cour d'appel de Rabat à Salé»: Rabat and Salé are the court's)."""
    s = a.sentences[m.sentence]
    lo = max(s.first_token, m.start - COURT_SEAT_REACH)
    court = next((c for c in reversed(a.in_sentence(m.sentence, "court")) if lo <= c.start < m.start), None)
    return court is not None and not any(court.end <= x.start < m.start for x in a.by_sentence.get(m.sentence, ())
                                         if x.kind.startswith("trigger:"))


# Words from an expert's noun to "based in" the place («un diplomate européen en poste à Rabat», "a researcher in
# security studies based in Rabat").
EXPERT_REACH = 8


def _a_speaker_s_base(a: Analysis, m: Mention) -> bool:
    """The place is where a speaker works or speaks from: "based in" after an expert's noun ("a security analyst based
    in Rabat", «un diplomate européen en poste à Rabat»; lexicons ``based_in``, ``expert_nouns``), or a studio's link
    to a guest («ينضم إلينا من الرباط الأستاذ …», «معنا من الرباط مراسلنا»; ``speaker_from``)."""
    s = a.sentences[m.sentence]
    if any(x.end in (m.start, m.start - 1) for x in a.in_sentence(m.sentence, "speaker_from")):
        return True
    based = next((x for x in a.in_sentence(m.sentence, "based_in") if x.end in (m.start, m.start - 1)), None)
    return based is not None and any(_is_cue(a.lang, "expert_nouns", a.tokens[k].text)
                                     for k in range(max(s.first_token, based.start - EXPERT_REACH), based.start))


# Words between a cell's noun and the participle that tells it dismantled («la cellule terroriste démantelée»).
CELL_PARTICIPLE_GAP = 2
# Words of a cell's description before the comma and the participle that tells it dismantled («une cellule affiliée
# à « Daech au Sahel », démantelée en mai dernier»).
CELL_DESCRIPTION_REACH = 10


def _participle_of_a_cell(a: Analysis, an: Anchor) -> bool:
    """The dismantling is told by a participle after the cell's noun («la cellule démantelée le 25 septembre», "the
    cell dismantled on 25 September", «الخلية المفككة في 25 شتنبر»), not by a verb with the cell as its object; or
    by a participle opening the clause after the cell's description, the first word after its comma or the second
    (an auxiliary): «une cellule affiliée à « Daech au Sahel », démantelée en mai dernier», "a cell linked to the
    Islamic State, dismantled last May", «خلية موالية لداعش، تم تفكيكها في ماي الماضي» (a verdict's sentence)."""
    if an.mention is None or an.mention.kind != "trigger:dismantle":
        return False
    cells = a.in_sentence(an.sentence, "trigger:cell")
    if any(0 <= an.position - c.end <= CELL_PARTICIPLE_GAP and a.breaks_before[c.end] == a.breaks_before[an.position]
           for c in cells):
        return True
    start, tokens = an.mention.start, a.tokens
    opens = not tokens[start].soft_before or (start > 0 and not tokens[start - 1].soft_before
                                              and tokens[start - 1].sentence == an.sentence)
    triggers = [m.start for m in a.by_sentence.get(an.sentence, ()) if m.kind.startswith("trigger:")]
    return opens and any(0 < start - c.end <= CELL_DESCRIPTION_REACH and not any(c.end <= t < start for t in triggers)
                         for c in cells)


def _part_of_the_operation(a: Analysis, an: Anchor) -> bool:
    """«interpellé avec trois complices …, dans le cadre du démantèlement d'une cellule», "arrested
    … as part of the dismantling of a cell", «في إطار تفكيك خلية», «interpellés … lors d'un coup de filet mené à
    Tétouan», "during a raid": the operation the arrest before it belongs to."""
    return any(m.end in (an.position, an.position - 1) for m in a.in_sentence(an.sentence, "part_of_operation"))


def _with_adjunct(a: Analysis, an: Anchor) -> bool:
    """The trigger is a participle on the operation before it: in an absolute phrase, "with" and
    the persons right before it ("…, with suspects detained in Tetouan", «…, avec des suspects
    arrêtés à Tétouan»), or a present participle opening a clause after a comma ("dismantled a
    cell …, arresting suspects in Casablanca", «…, interpellant …»)."""
    word = a.tokens[an.position]
    endings = _cue_words(a.lang, "participle_endings")
    if not word.soft_before and any(word.text.endswith(e) and len(word.text) > len(e) + 2 for e in endings):
        return True
    lo = max(a.sentences[an.sentence].first_token, an.position - 3)
    # ("…, with arrests in the province of Nador and in Catalonia": the noun right after "with")
    w = _cue_at(a, lo, an.position, "with_adjunct")
    if w is not None and all(_is_cue(a.lang, "person", a.tokens[k].text) or k in a.numbers
                             or _is_cue(a.lang, "count_fillers", a.tokens[k].text) for k in range(w + 1, an.position)):
        return True
    # "…, when four suspects were arrested", «…، حين تم توقيف أربعة»: a clause of time on the
    # operation before it, its persons and auxiliary before the trigger
    lo = max(a.sentences[an.sentence].first_token, an.position - WHEN_REACH)
    w = _cue_at(a, lo, an.position, "when_clause")
    return w is not None and all(_is_cue(a.lang, "person", a.tokens[k].text) or k in a.numbers
                                 or _is_cue(a.lang, "count_fillers", a.tokens[k].text)
                                 or _is_cue(a.lang, "passive_auxiliary", a.tokens[k].text) for k in range(w + 1, an.position))


# Tokens from a trigger to the ordinal that names who it took («تم توقيف المشتبه فيه التاسع»).
LAST_ONE_REACH = 4
LAST_ONE_SUBJECT_REACH = 12


def _the_last_one(a: Analysis, an: Anchor) -> bool:
    """The trigger takes the last of the persons a breakdown told before it in the sentence, named
    by an ordinal («… واثنين آخرين بتازة، فيما تم توقيف المشتبه فيه التاسع بمدينة جرسيف», "…, while
    the fourth was held in Tetouan"): the same operation."""
    s = a.sentences[an.sentence]
    # (the ordinal as the verb's subject may stand further before it, past an apposition: «أما الرابع،
    # وهو بائع متجول في الخامسة والثلاثين من عمره، فاعتقل بمدينة الفقيه بن صالح»)
    return any(member_ordinal(a.lang, a.tokens[k].text) is not None or last_member(a, k)
               for k in range(max(s.first_token, an.position - LAST_ONE_SUBJECT_REACH),
                              min(s.last_token, an.position + LAST_ONE_REACH + 1)))


def last_member(a: Analysis, k: int) -> bool:
    """Token ``k`` names the last of the persons a breakdown counts («فيما أوقف العنصر الأخير بجماعة حد
    السوالم», «le dernier à Tétouan», "the last in Tetouan"; word set ``last_member``): one more, whatever
    the count before; not the last week or year («الأسبوع الأخير», "last week": a time word beside it)."""
    if not _is_cue(a.lang, "last_member", a.tokens[k].text):
        return False
    near = [a.tokens[j].start for j in (k - 1, k, k + 1) if 0 <= j < len(a.tokens)]
    if any(d.start <= p < d.end for d in a.dates_in(a.tokens[k].sentence) for p in near):
        return False  # «jeudi dernier», «le 14 octobre dernier», "last Tuesday", «l'an dernier»: a date
    return not any(0 <= j < len(a.tokens) and a.tokens[j].sentence == a.tokens[k].sentence
                   and _is_cue(a.lang, "duration_noun", a.tokens[j].text) for j in (k - 1, k + 1))


# Tokens between a trigger and the persons counted as others ("two others were picked up", «وتوقيف اثنين آخرين»).
OTHERS_REACH = 4


def _others_of_it(a: Analysis, an: Anchor, before: Anchor) -> bool:
    """"…, while two others were picked up in Sale", «وتوقيف اثنين آخرين بتطوان», «deux autres à Fès»: persons
    counted as others of those the anchor before it in the sentence took, told with no day of their own, are
    a share of that operation (a day after it tells a later one: "two others were held on Friday")."""
    s = a.sentences[an.sentence]
    lo, hi = max(s.first_token + 1, an.position - OTHERS_REACH), min(s.last_token, an.position + OTHERS_REACH + 1)
    counted = any(_is_cue(a.lang, "companions_after", a.tokens[k].text) and (k - 1) in a.numbers for k in range(lo, hi))
    return counted and not any(a.token_at(dm.start) > before.position for dm in a.dates_in(an.sentence))


# Tokens from a relative pronoun to the arrest it governs («والتي ضمت سبعة عناصر تم توقيفهم»).
RELATIVE_ARREST_REACH = 6


def _in_its_relative_clause(a: Analysis, an: Anchor, before: Anchor) -> bool:
    """«… تفكيك خلية "أنصار الخلافة" يوم 21 ماي، والتي ضمت سبعة عناصر تم توقيفهم بكل من سلا وتمارة», "a cell …,
    which comprised seven members who were arrested in …": an arrest in a relative clause that opens after a
    cell's dismantling in the sentence tells that operation's arrests, not another's."""
    if not (before.mention is not None and before.mention.kind == "trigger:dismantle"
            and an.mention is not None and an.mention.kind == "trigger:arrest"):
        return False  # (an arrest beside the cell it is linked to, «…التي تم تفكيكها», is its own)
    lo = max(before.position + 1, an.position - RELATIVE_ARREST_REACH)
    k = _cue_at(a, lo, an.position, "relative_pronoun")
    return k is not None and not a.has("clause_break", k, an.position)


# Tokens from "during which" to the passive it governs ("during which three extremists were arrested").
DURING_REACH = 6


def _during_it(a: Analysis, an: Anchor) -> bool:
    """The trigger's arrests were made during the operation just named («أوقف خلالها», "during
    which … were arrested", «au cours de laquelle … ont été interpellés»; lexicon operation_anaphor)."""
    s = a.sentences[an.sentence]
    return a.has("operation_anaphor", max(s.first_token, an.position - DURING_REACH), min(an.position + 2, s.last_token))


def _before_the(a: Analysis, an: Anchor) -> bool:
    """Whether «قبل», "before", «avant» stands a few words before the anchor: an operation told as
    coming after the one before it in the sentence («… avant le démantèlement d'une cellule»)."""
    s = a.sentences[an.sentence]
    return _cue_at(a, max(s.first_token, an.position - AFTER_THE_REACH), an.position, "before_the") is not None


def _after_the(a: Analysis, an: Anchor) -> bool:
    """Whether «بعد», "after", «après» stands a few words before the anchor («بعد أيام من تفكيك»)."""
    s = a.sentences[an.sentence]
    # «بعد أقل من شهر على تفكيك»: Arabic puts the interval between «بعد» and the noun, linked by «من»/«على»
    reach = AFTER_INTERVAL_REACH if _cue_at(a, an.position - 1, an.position, "after_interval_link") is not None \
        else AFTER_THE_REACH
    return _cue_at(a, max(s.first_token, an.position - reach), an.position, "after_the") is not None


def _new_draft(a: Analysis, an: Anchor, anchors: list[Anchor] = ()) -> Draft:
    kind = {"op": "arrest", "ref": "arrest", "attack": "attack", "seizure": "seizure"}[an.kind]
    d = Draft(type=kind, sentence=an.sentence, position=an.position, retold=an.kind == "ref")
    if kind == "arrest":
        d.foreign = _foreign_agent(a, an)
        tip = _tipped_abroad(a, an)
        if tip is not None:
            d.foreign, d.tipped = tip[0], True
    if an.mention is not None and an.mention.kind == "known_attack":
        d.known_attack = an.mention.value
    s = a.sentences[an.sentence]
    lo = max(s.first_token, an.position - CUE_WINDOW)
    d.recalled = kind == "arrest" and _person_the_suspicion_names(a, an, anchors)
    d.strong_background = not _rise_of_a_tally(a, an) and (
        _has_word(a, lo, an.position + 1, "background_strong")
        or _has_word(a, s.first_token, s.first_token + 1, "background_strong") and not _after_another(a, an, anchors)
        or _told_as_earlier(a, an)
        or kind == "arrest" and _followed_by(a, an, anchors)
        or kind == "arrest" and _linked_cell(a, an)
        or d.recalled)
    d.linked = kind == "arrest" and d.strong_background and _linked_cell(a, an)
    d.given = kind == "arrest" and _given_cell(a, an)
    d.part_of_told = kind == "arrest" and _counts_a_part(a, an)
    d.same_cell = kind == "arrest" and a.has("same_cell", s.first_token, s.last_token)
    d.same_day = kind == "arrest" and a.has("same_day", s.first_token, s.last_token)
    return d


# Tokens between a part's count and the trigger it is the subject of («ثلاثة منهم أوقفوا ببني ملال»).
PART_REACH = 3


def _counts_a_part(a: Analysis, an: Anchor) -> bool:
    """The trigger's subject is a part of persons told before: a number followed by «منهم», "of
    them", «d'entre eux» (lexicon part_after_number) right before it («ثلاثة منهم أوقفوا ببني ملال»,
    "three of them were arrested in Fes")."""
    s = a.sentences[an.sentence]
    for k in range(max(s.first_token, an.position - PART_REACH), an.position):
        if k in a.numbers and a.numbers[k][1] < an.position and _is_cue(a.lang, "part_after_number",
                                                                           a.tokens[a.numbers[k][1]].text):
            return True
    return False


def _person_the_suspicion_names(a: Analysis, an: Anchor, anchors: list[Anchor]) -> bool:
    """«interpellé ce vendredi un individu soupçonné d'être en contact avec le jeune de 18 ans arrêté
    mardi à Meknès», "arrested a man suspected of feeding videos to the 18-year-old detained in Meknes
    on Tuesday": a participle right after a person, inside the suspicion an arrest told before it in
    the sentence is for, recalls that person's own earlier arrest (a reduced relative clause: English
    and French; Arabic says «الذي أوقف»)."""
    s = a.sentences[an.sentence]
    before = [x for x in anchors if x.kind in ("op", "ref") and x.position < an.position]
    if a.lang == "ar" or not before or an.position - 1 <= s.first_token:
        return False
    lo = before[-1].position + 1
    cue = next((k for k in range(lo, an.position) if a.has("suspected_of", k, k + 1) or a.has("linked_to", k, k + 1)),
               None)
    if cue is None or a.breaks_before[an.position + 1] != a.breaks_before[cue + 1]:
        return False  # a comma between: another clause, not the suspicion's phrase
    j = an.position - 1
    person = any(x in _cue_words(a.lang, "person") for x in stems(a.tokens[j].text))
    aged = any(q.kind == "age" and a.token_at(q.end - 1) == j for q in a.quantities_in(an.sentence))
    return person or aged


def _given_cell(a: Analysis, an: Anchor) -> bool:
    """«الخلية الإرهابية التي جرى تفكيكها يوم الأربعاء», «la cellule démantelée le 25 février», «les
    membres de la cellule arrêtés jeudi», "the cell dismantled last week": a dismantling told in a
    relative clause or a participle right after the cell it qualifies presents the operation as
    known (a fact of relative clauses), not as what the sentence reports."""
    lo = max(a.sentences[an.sentence].first_token, an.position - GIVEN_CELL_REACH)
    cell = max((m for m in a.by_sentence.get(an.sentence, ())
                if m.kind == "trigger:cell" and lo <= m.start and m.end <= an.position),
               key=lambda m: m.end, default=None)
    return cell is not None and (cell.end == an.position
                                 or _cue_at(a, cell.end, an.position, "relative_pronoun") is not None)


def _told_as_earlier(a: Analysis, an: Anchor) -> bool:
    """A pluperfect right before the trigger ("had been dismantled", «avait démantelé»,
    «كانت قد فككت»), outside reported speech: "they said they had arrested" backshifts the
    news itself, so an attribution verb before it in the sentence cancels the cue."""
    s = a.sentences[an.sentence]
    lo = max(s.first_token, an.position - PLUPERFECT_REACH)
    aux = _cue_at(a, lo, an.position, "pluperfect")
    if aux is None and _cue_at(a, max(s.first_token, an.position - 1), an.position, "pluperfect_particle") is not None:
        # «كانت المصالح ذاتها قد فككت»: the subject between the auxiliary and «قد»
        aux = _cue_at(a, max(s.first_token, an.position - SPLIT_PLUPERFECT_REACH), an.position - 1, "pluperfect_split")
    return aux is not None and not a.has("attribution_verb", s.first_token, aux)


def _pluperfect_at(a: Analysis, si: int) -> int | None:
    """The first pluperfect auxiliary of sentence ``si`` outside reported speech ("they said
    they had …" backshifts the news itself), or None."""
    s = a.sentences[si]
    aux = _cue_at(a, s.first_token, s.last_token, "pluperfect")
    return aux if aux is not None and not a.has("attribution_verb", s.first_token, aux) else None


# What a sentence that does not name the event still tells of it (the plan, what was seized);
# each keeps its own context check when the event is built.
QUIET_KINDS = ("plot", "item")


# The mentions a sentence gives the draft it speaks of.
_ATTACHED_KINDS = frozenset(SLOT_KINDS + ("known_attack", "anaphor_org"))


# Words between a plot and the plural groups it is said of: after them («les groupes affiliés à Daech au
# Sahel, qui multiplient les tentatives de recrutement»), before them ("recruitment networks").
GROUPS_BEFORE, GROUPS_AFTER = 9, 3


def _context_plot(a: Analysis, m: Mention) -> bool:
    """A plot said of groups in general ("tracking recruitment networks", «les groupes affiliés à
    Daech …, qui multiplient les tentatives de recrutement», «الشبكات التي …») or of a statistic
    («أزيد من 1700 مغربي التحقوا ببؤر التوتر»), in a sentence that tells no operation: the
    article's context, not the plot of the operation being told."""
    if m.kind != "plot":
        return False
    s = a.sentences[m.sentence]
    if any(k in a.claim_tokens for k in range(s.first_token, s.last_token)):
        return True
    return _cue_at(a, max(s.first_token, m.start - GROUPS_BEFORE), min(m.end + GROUPS_AFTER, s.last_token),
                   "generic_groups") is not None


def _attach_sentence(a: Analysis, d: Draft, si: int, anchoring, full: bool = True) -> None:
    """Attach the slot mentions of sentence ``si`` that belong to draft ``d``.

    With no anchoring, the sentence continues the draft: it gives everything when it
    speaks of the event (``full``), else only its plots and seized items.
    """
    if anchoring is None and not full:
        if d.type != "attack" and not d.strong_background:
            _attach_tally(a, d, si)  # "The interior ministry now puts the total at five."
        if d.type == "attack" and si == max(d.sentences, default=-1) + 1:
            _attach_toll(a, d, si)
        if d.strong_background or d.type == "attack":
            return
        quiet = [m for m in a.by_sentence.get(si, ()) if m.kind in QUIET_KINDS and not _context_plot(a, m)]
        s = a.sentences[si]
        if a.has("tip_off", s.first_token, s.last_token + 1) or a.has("monitoring", s.first_token, s.last_token + 1):
            # "The BCIJ acted on intelligence from the DGST", «وتمت العملية بناء على معلومات وفرتها المديرية …»: the
            # services the operation told before drew on, named in a sentence of their own; so are those that had been
            # watching the suspects («étaient suivis depuis plusieurs semaines par la DGST», "under surveillance by the
            # DGST")
            quiet += [m for m in a.by_sentence.get(si, ()) if m.kind == "agency"]
        if quiet:
            d.sentences.add(si)
            d.mentions.extend(quiet)
        return
    d.sentences.add(si)

    def mine(pos: int) -> bool:
        if anchoring is None:
            return True
        anchors, an = anchoring
        return len(anchors) == 1 or _owner(a, anchors, pos) is an

    for m in a.by_sentence.get(si, ()):
        if m.kind in _ATTACHED_KINDS and mine(m.start):
            d.mentions.append(m)
    def counts_for(pos: int) -> bool:
        """A count of persons is the arrested: an attack's anchor does not own one when an
        arrest is told in the sentence («Trois hommes soupçonnés d'avoir participé au meurtre
        de deux touristes … ont été arrêtés»: the murder is inside the subject). So is an
        interval after the attack («arrêté … une semaine après l'attentat»)."""
        if anchoring is None:
            return True
        anchors, an = anchoring
        if len(anchors) == 1:
            return True
        owner = _owner(a, anchors, pos)
        ops = [x for x in anchors if x.kind in ("op", "ref")]
        if owner.kind != "attack" or not ops:
            return owner is an
        return min(ops, key=lambda x: (_distance(a, x.position, pos), x.position > pos)) is an

    for q in a.quantities_in(si):
        pos = a.token_at(q.start)
        if pos not in a.claim_tokens and (counts_for(pos) if q.kind == "persons" else mine(pos)) \
                and not (q.kind == "persons" and _counts_all_told(a, q)):
            if q.kind == "persons" and _a_tally(a, pos):
                continue  # the case's total so far, not this report's count (_attach_tally)
            d.quantities.append(q)
    if d.type != "attack":
        _attach_tally(a, d, si)
    # «CASABLANCA, 17 mai 2003 (AFP) -»: the dispatch's date, not the event's; «منذ سنة 2002»,
    # «since 2002»: a period's start, not when anything happened
    dates = [dm for dm in a.dates_in(si) if _date_role(a, dm) != "none" and not _counts_from_an_operation(a, dm)
             and not _after_publication(a, dm)]
    if anchoring is None and dates:
        # «Les services marocains avaient signalé ses activités dès septembre 2020»: a sentence that
        # goes on with the event in the pluperfect tells what came before it (a fact of tense)
        earlier = _pluperfect_at(a, si)
        dates = [dm for dm in dates if earlier is None or a.token_at(dm.start) < earlier]
    absolute = any(dm.kind in ("day", "month", "year") for dm in dates)
    known = _by_token(a.in_sentence(si, "known_attack"))
    for dm in (dm for dm in dates if not _names_known_attack(a, known, dm)):
        if d.type == "attack" and dm.kind == "relative" and absolute:
            continue  # «تحل اليوم ذكرى التفجيرات التي هزت … 16 مايو 2003»: today is the article's
        statement = _date_role(a, dm) == "statement"
        if d.type == "attack" and statement and any(
                x is not dm and x.kind in ("day", "month", "year") and _date_role(a, x) != "statement" for x in dates):
            continue  # «أكدت السلطات … 15 مارس 2023 … جريمة امليل نهاية عام 2018»: the statement's day
        if _not_the_known_attack_s(d, dm):
            continue  # «جريمة امليل نهاية عام 2018» told on «15 مارس 2023»: the day of the statement
        if d.type != "attack" and _dates_an_attack(a, si, dm, anchoring):
            continue  # «the August 4 cataclysmic Beirut blast»: another event's date
        ops = _op_anchors(a, anchoring)
        if ops and statement:
            # «تم توقيف 3 … بقتل شرطي …، على ما ذكرته الشرطة الأربعاء»: the day of the statement
            # dates the operation it reports (SPEC: the announcement date), not the attack.
            if _nearest_anchor(a, ops, a.token_at(dm.start)) is anchoring[1]:
                d.dates.append((si, dm))
                d.statement_dates.add(dm.start)
            continue
        owned = counts_for(a.token_at(dm.start)) if dm.kind == "after" else mine(a.token_at(dm.start))
        if owned or (d.type == "attack" and dm.kind not in ("relative", "after") and not _other_attack_near(
                a, anchoring, dm)):
            d.dates.append((si, dm))


# Days after publication a date may still be the event's (a report dated the evening before).
PUBLICATION_SLACK = 1


def _counts_all_told(a: Analysis, q) -> bool:
    """"the two suspects", «des deux suspects» after two arrests of one were told, one of them as earlier:
    a definite count of the persons already told across operations, no count of one of them (a definite number is of
    persons spoken of: a fact of English and French; «des deux» is «de les deux»)."""
    if a.lang == "ar" or a.told_arrests < 2 or q.low != a.told_arrests or not a.told_earlier:
        return False  # (the news and an arrest told as earlier: not a headline and its body)
    k = a.token_at(q.start)
    before = a.tokens[k - 1].text if k > a.sentences[q.sentence].first_token else ""
    # (lexicon definite_of: «des deux suspects» is «de les deux»)
    return before in _cue_words(a.lang, "ref_before") or before in _cue_words(a.lang, "definite_of")


def _after_publication(a: Analysis, dm) -> bool:
    """A date that begins after the article was published: a plan or a hearing to come («بالتزامن
    مع الاقتراع التشريعي المقرر يوم الجمعة 7 أكتوبر الجاري»), never when what it reports happened."""
    if not a.published or not dm.value:
        return False
    bounds, pub = date_bounds(dm.value), date_bounds(a.published)
    return bool(bounds and pub) and (bounds[0] - pub[1]).days > PUBLICATION_SLACK


def _attach_toll(a: Analysis, d: Draft, si: int) -> None:
    """«وذكر بلاغ … أن الانفجار خلف 14 قتيلا»: a toll told in the sentence right after the
    attack, naming no other place and no date (so no other attack), is that attack's (when it
    has none yet)."""
    if any(q.kind == "killed" for q in d.quantities):
        return
    own = set(_places(a, d))
    if any(m.kind == "place" and m.value.id not in own for m in a.by_sentence.get(si, ())) or any(
            dm.value for dm in a.dates_in(si)):
        return  # «…the deadliest since May 2003, when bombers struck Casablanca, killing 45»: another attack
    tolls = [q for q in a.quantities_in(si) if q.kind == "killed" and a.token_at(q.start) not in a.claim_tokens]
    if tolls:
        d.sentences.add(si)
        d.quantities.append(tolls[0])


def _attach_items(a: Analysis, d: Draft, si: int) -> None:
    """The items of sentence ``si`` go to draft ``d`` (each keeps its seizure-word check)."""
    if d.strong_background or d.type == "attack":
        return
    items = [m for m in a.by_sentence.get(si, ()) if m.kind == "item"]
    if items:
        d.sentences.add(si)
        d.mentions.extend(items)


def _counts_from_an_operation(a: Analysis, dm) -> bool:
    """«une semaine après le démantèlement d'une cellule», "a week after the arrest of": an
    interval counted from an operation named after it dates what came later (the news), as «بعد
    أيام من تفكيك» does; it is left to that rule (an attack named after it is its anchor)."""
    if dm.kind != "after":
        return False
    last = a.token_at(dm.end - 1)
    if not _is_cue(a.lang, "after_the", a.tokens[last].text):
        return False
    s = a.sentences[a.tokens[last].sentence]
    return any(m.kind.startswith("trigger:") and m.kind not in ATTACK_WORDS
               and last < m.start <= last + AFTER_THE_REACH for m in a.by_sentence.get(s.index, ()))


def _date_role(a: Analysis, dm) -> str:
    """"none" for a date that dates no event (a dispatch's or byline's date, a year after «منذ»),
    "statement" for the day of a statement («قالت الشرطة الأربعاء», «a annoncé mardi»), else "event"."""
    role = a.date_roles.get(dm.start)
    if role is None:
        if (dm.kind == "day" and (is_header_date(a.nt.text, dm.start, dm.end)
                                  or is_update_stamp(a.nt.text, dm.start, dm.end, a.lang))
                or dm.kind == "year" and after_since(a.nt.text, dm.start, a.lang) and not _when_follows(a, dm)
                or dm.kind in ("day", "month") and after_period_start(a.nt.text, dm.start, a.lang)):
            role = "none"  # («… la CAN, que le Maroc accueille à partir du 21 décembre»: a tournament's start)
        elif announced(a.tokens, a.token_at(dm.start), a.lang):
            role = "statement"
        else:
            role = "event"
        a.date_roles[dm.start] = role
    return role


def _when_follows(a: Analysis, dm) -> bool:
    """"since 2011, when a bomb killed 17", «depuis 2011, lorsque…», «منذ 2011، حين…»: the year
    after «since» opens a clause of time that tells what happened in it; that year dates it."""
    k = a.token_at(dm.end - 1) + 1
    return k < len(a.tokens) and not a.tokens[k].soft_before and _is_cue(a.lang, "when_clause", a.tokens[k].text)


def _not_the_known_attack_s(d: Draft, dm) -> bool:
    """A well-known attack happened when the data says: a date of another year told beside it
    (the statement, a trial, an anniversary) is not its date."""
    known = (d.known_attack or {}).get("date") if d.type == "attack" else None
    return bool(known and dm.value and dm.value[:4] != known[:4])


def _dates_an_attack(a: Analysis, si: int, dm, anchoring) -> bool:
    """A date right before or after an attack word that is not the draft's own trigger: it
    names that attack («the August 4 cataclysmic Beirut blast», «تفجيرات 16 ماي 2003»); an
    interval after it ("a week after the attack") counts from it and dates the draft."""
    if dm.kind == "after":
        return False
    first = a.token_at(dm.start)
    last = first
    while last + 1 < len(a.tokens) and a.tokens[last + 1].end <= dm.end:
        last += 1
    own = anchoring[1].position if anchoring is not None else None
    starts, ends = _attack_words(a, si)
    # an attack word starting within the reach after the date, or ending within it before
    after = starts[bisect_right(starts, last):bisect_right(starts, last + ATTACK_DATE_REACH)]
    before = ends[bisect_left(ends, (first + 1 - ATTACK_DATE_REACH,)):bisect_right(ends, (first, float("inf")))]
    return any(start != own for start in after) or any(start != own for _, start in before)


def _attack_words(a: Analysis, si: int) -> tuple[list[int], list[tuple[int, int]]]:
    """The attack mentions of sentence ``si``: their sorted starts, and their (end, start) pairs sorted."""
    words = a.attack_words.get(si)
    if words is None:
        attacks = [m for m in a.by_sentence.get(si, ()) if m.kind in ATTACK_KINDS]
        if attacks:  # («فجر الثلاثاء 8 أكتوبر»: at dawn, inside the date, no attack word)
            dated = _date_tokens(a)
            attacks = [m for m in attacks if m.start not in dated]
        words = a.attack_words[si] = sorted(m.start for m in attacks), sorted((m.end, m.start) for m in attacks)
    return words


def _op_anchors(a: Analysis, anchoring) -> list[Anchor]:
    """The operation anchors of the sentence being attached (none for a continuing sentence)."""
    if anchoring is None:
        return []
    anchors = anchoring[0]
    key = ("ops", id(anchors))
    if key not in a.anchor_index:  # the anchors are kept with their ops so that the id stays theirs
        a.anchor_index[key] = anchors, [x for x in anchors if x.kind in ("op", "ref")]
    return a.anchor_index[key][1]


def _names_known_attack(a: Analysis, known: dict[int, list[Mention]], dm) -> bool:
    """«أحداث 16 ماي», «May 16 bombings»: a date inside a well-known attack's name (``known``:
    the sentence's known attack mentions by the tokens they cover) that resolved to another
    year (no year was written, so publication chose one) names the attack; it does not date
    anything."""
    if not known or not dm.value:
        return False
    return any(dm.value[:4] != m.value["date"][:4] for m in known.get(a.token_at(dm.start), ()))


def _by_token(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Token -> the mentions that cover it."""
    cover: dict[int, list[Mention]] = {}
    for m in mentions:
        for pos in range(m.start, m.end):
            cover.setdefault(pos, []).append(m)
    return cover


def _other_attack_near(a: Analysis, anchoring, dm) -> bool:
    """Whether the date belongs to another attack anchor of the sentence, or to an operation
    whose day it is («توقيف ثلاثة متطرفين … صباح اليوم الأربعاء 15 مارس الجاري … جريمة القتل
    … التي هزت الرأي العام»: the arrests' day, not the murder's)."""
    if anchoring is None:
        return False
    anchors, an = anchoring
    owner = _owner(a, anchors, a.token_at(dm.start))
    return owner is not an and (owner.kind == "attack" or owner.kind in ("op", "ref") and dm.kind == "day")


def _merge(into: Draft, other: Draft) -> None:
    if other.tipped and into.foreign is None:
        into.foreign, into.tipped = other.foreign, True
    into.mentions += other.mentions
    into.quantities += other.quantities
    into.dates += other.dates
    into.statement_dates |= other.statement_dates
    into.sentences |= other.sentences
    into.known_attack = into.known_attack or other.known_attack
    into.attack_arrest = into.attack_arrest or other.attack_arrest
    if other.tally and (into.tally is None or other.tally[1] > into.tally[1]):
        into.tally = other.tally  # the last total told
    # the telling that dates the operation decides: «… arrêtés jeudi dernier …, a été placé en garde
    # à vue» adds no date to the cell told in the participle
    into.given = into.given and (other.given or not other.dates)


def _places(a: Analysis, d: Draft) -> list[str]:
    """Where the event happened: places named for it, minus origins, courts and cell names;
    «near X», a province, and a cell's home town count only when nothing else is named, and a plan's
    target town only when it is the one town named."""
    # Each place mention is judged alone, and mentions are only ever appended to a draft's
    # list, so only the new ones are judged (a draft growing with every sentence of a long
    # text was judged whole at each of its sentences).
    memo = d.places_memo
    if memo is not None and memo[0] is d.mentions:
        seen, strong, weak = memo[1], memo[2], memo[3]
    else:
        seen, strong, weak = 0, {}, None
    targets = d.places_memo[4] if memo is not None and memo[0] is d.mentions else {}
    labels = d.places_memo[5] if memo is not None and memo[0] is d.mentions else {}
    for m in d.mentions[seen:]:
        if m.kind == "place":
            verdict = _place_verdict(a, m)
            if verdict == "label":
                labels[m.value.id] = _province_of_the_place_before(a, m).value.id
            elif verdict == "target":
                targets[m.value.id] = m.value.country == "MA"
            elif verdict == "strong":
                strong[m.value.id] = m.value.country == "MA"
            elif verdict in ("weak", "near") and weak is None:
                weak = (m.value.id, m.value.country == "MA" and m.value.kind in ("province", "region"),
                        (m.value.id,), m.sentence, m.end)
            elif verdict in ("weak", "near") and weak[3] == m.sentence and 0 <= m.start - weak[4] <= LISTED_GAP \
                    and m.value.id not in weak[2]:
                # «خلية فاس وتازة وصفرو», "the Fez and Taza cell": the list goes on (only where each
                # is weak too: a town after a province's label is a town of it, not the list's)
                weak = weak[:2] + (weak[2] + (m.value.id,), m.sentence, m.end)
    d.places_memo = (d.mentions, len(d.mentions), strong, weak, targets, labels)
    if targets and (not strong and weak is None or set(targets) & set(strong)):
        # the plan's target towns, the only ones named ("… in Liège") or named elsewhere as where it happened
        # ("… against security facilities in Fez, Meknes and Taza", Taza the arrests' town): the operation's too
        strong = {**strong, **{t: ma for t, ma in targets.items() if t not in strong}}
    if strong and weak is not None and weak[1] and not any(strong.values()):
        # "one man in the province of Chtouka Ait Baha … the two others in Almeria": beside foreign
        # towns only, a Moroccan province is where the Moroccan side happened
        return _with_labels(list(strong) + [weak[0]], labels)
    if strong or weak is None:
        return _with_labels(list(strong), labels)
    # the area only («Maroc : six personnes interpellées … au sud de Casablanca»): no town it can be told apart by
    d.vague_places = all(_place_verdict(a, m) == "near" for m in d.mentions if m.kind == "place" and m.value.id in weak[2])
    return _with_labels(list(weak[2]), labels)


def _with_labels(places: list[str], labels: dict[str, str]) -> list[str]:
    """The places, and the provinces named as the labels of some of them («بمدينة أولاد تايمة بإقليم تارودانت»): where
    the press that names the province alone places the operation too (not the province of a target's town, «Debdou
    (province de Taourirt)»); the labels alone when no place is the event's («… بإقليم جيرونا»)."""
    if not places:
        return list(labels)
    return places + [p for p, of in labels.items() if of in places and p not in places]


def _place_verdict(a: Analysis, m: Mention) -> str | None:
    """"strong" for a place where the event happened, "weak" for «near X», a province or a
    cell's home town, "target" for where a plan aimed, None for an origin, a court, a seat, a
    dateline or a government. Judged once per mention (it depends on the mention alone)."""
    verdicts = a.place_verdicts
    if m.start not in verdicts:
        verdicts[m.start] = _judge_place(a, m)
    return verdicts[m.start]


def _judge_place(a: Analysis, m: Mention) -> str | None:
    s = a.sentences[m.sentence]
    lo = max(s.first_token, m.start - ORIGIN_WINDOW)
    if (_has_word(a, lo, m.start, "origin") or _at_seat(a, m, lo)
            or _has_word(a, max(s.first_token, m.start - 3), m.start, "court") or _a_court_s_seat(a, m)):
        return None  # where a suspect comes from, a court, a headquarters, a press conference or a statement
    if _is_dateline(a, m) or a.has("agency", m.start - 4, m.start) and _after_agency(a, m):
        return None  # «الرباط -» files the dispatch; «المكتب المركزي … بسلا» is its seat
    if _governs(a, m) or _ministry_seat(a, m) or _has_word(a, max(s.first_token, m.start - 3), m.start,
                                                             "government_relation"):
        return None  # "Rabat's interior ministry", "the Interior Ministry in Madrid", "cooperation with Rabat"
    if _has_word(a, max(s.first_token, m.start - 3), m.start, "person_post") or _a_speaker_s_base(a, m):
        return None  # "our correspondent in Rabat", «مراسلنا بالرباط», "an analyst based in Rabat": where a speaker works
    if any(x.end == m.start for x in a.in_sentence(m.sentence, "club_before_town")):
        return None  # "Raja Casablanca name a new coach", «نهضة بركان»: a football club's name (a bulletin's sport)
    if _the_linked_cell_s_town(a, m) or _a_person_s_town(a, m):
        return None  # «توقيف عنصر خامس مرتبط بالخلية المفككة بطنجة والعرائش»: the earlier cell's towns
    if _a_target_s_place(a, m):
        return "target"  # "planning to target tourist sites in Agadir": where the plan aimed (_places)
    is_cell_ref = _has_word(a, max(s.first_token, m.start - 3), m.start, "cell_ref") and not _located(a, m)
    if m.value.kind not in ("province", "region") and _province_of_the_place_before(a, m) is not None:
        return "label"  # «près de Tafoughalt, dans la province de Berkane»: Tafoughalt's province, beside it (_places)
    near = _near(a, m)
    if near and not is_cell_ref and m.value.kind not in ("province", "region"):
        return "near"  # «au sud de Casablanca», "near Nador": the area, weak (_places)
    return "weak" if is_cell_ref or near or m.value.kind in ("province", "region") else "strong"


# Words between a place and the label of its province after it («Tafoughalt, dans la province de Berkane»: "dans la").
PROVINCE_LABEL_GAP = 2


def _province_of_the_place_before(a: Analysis, m: Mention) -> Mention | None:
    """The place right before ``m`` when ``m`` is named as its province: «… بضواحي تافوغالت بإقليم بركان», «près de
    Tafoughalt, dans la province de Berkane», "near Boudnib, in Errachidia province" (lexicon ``province`` before the
    name, or after it in English); only a comma and a preposition or two between them. Else None."""
    s = a.sentences[m.sentence]
    labels = a.in_sentence(m.sentence, "province")
    label = next((x for x in labels if x.end in (m.start, m.start - 1)), None)
    after = next((x for x in labels if x.start == m.end), None)
    if label is not None:
        start = label.start
    elif after is not None and not a.has("place", after.end, after.end + 2):
        start = m.start  # "in Berkane province" (not «المكرن (إقليم القنيطرة)»: the label of the place after it)
    else:
        return None
    lo = max(s.first_token, start - PROVINCE_LABEL_GAP - 1)
    conjunctions = _cue_words(a.lang, "list_joiner")
    return next((x for x in a.in_sentence(m.sentence, "place") if x is not m and lo <= x.end <= start
                 and not any(a.tokens[k].text in conjunctions for k in range(x.end, start))), None)


# Words between a cell's noun and the participle that tells it dismantled («بالخلية الإرهابية المفككة»), and
# between the arrest and that cell («توقيف عنصر خامس مرتبط بالخلية», "arrests fifth member of ISIS cell").
LINKED_CELL_REACH = 3
LINKED_ARREST_REACH = 6


def _the_linked_cell_s_town(a: Analysis, m: Mention) -> bool:
    """The place is in the list after a participle that tells a cell dismantled there, in a sentence that
    reports an arrest («توقيف عنصر خامس مرتبط بالخلية الإرهابية المفككة بطنجة والعرائش والقنيطرة», "Morocco
    arrests fifth member of ISIS cell dismantled in Tangier, Larache and Kenitra", «Un cinquième membre de la
    cellule démantelée à Tanger … arrêté»): the towns of the earlier cell the arrest is linked to, not of the
    arrest (a follow-up's headline)."""
    si = m.sentence
    if not (a.of_kind_in(si, "trigger:dismantle") and a.of_kind_in(si, "trigger:arrest")):
        return False
    places = {x.start: x for x in a.of_kind_in(si, "place")}
    dated = _date_tokens(a)
    k = m.start - 1
    first = a.sentences[si].first_token
    while k >= first:  # back over the list's other towns, its joiners, a preposition and a date («التي فُككت
        before = next((x for x in places.values() if x.end == k + 1), None)  # الأسبوع الماضي بفاس ومكناس»)
        if before is not None:
            k = before.start - 1
        elif (k in dated or _is_cue(a.lang, "list_joiner", a.tokens[k].text)
              or _is_cue(a.lang, "place_prepositions", a.tokens[k].text)):
            k -= 1
        else:
            break
    participle = next((x for x in a.of_kind_in(si, "trigger:dismantle") if x.end - 1 == k), None)
    if participle is None:
        return False
    cell = next((c for c in a.of_kind_in(si, "trigger:cell") if 0 <= participle.start - c.end <= LINKED_CELL_REACH),
                None)
    # the arrest before the cell it is linked to ("arrests fifth member of ISIS cell dismantled in …"), not a cell
    # told as the sentence's subject ("a six-member cell dismantled in Tetouan was found …, like those arrested")
    return cell is not None and any(0 <= cell.start - t.end <= LINKED_ARREST_REACH
                                    and a.breaks_before[t.end] == a.breaks_before[cell.start]
                                    for t in a.of_kind_in(si, "trigger:arrest"))


def _a_person_s_town(a: Analysis, m: Mention) -> bool:
    """The town names a person told by it, in a sentence that places its arrest elsewhere: «deux complices présumés du
    suspect de Salé … interpellés à Kénitra», «توقيف شريكين لـ"داعشي سلا" بالقنيطرة», "two accomplices of Salé ISIS
    sympathizer arrested in Kenitra": the suspect arrested there before, not this arrest's town (a follow-up)."""
    si = m.sentence
    if not a.of_kind_in(si, "trigger:arrest") or not any(
            x.value.id != m.value.id for x in a.of_kind_in(si, "place")):
        return False
    tokens, lang = a.tokens, a.lang
    if lang == "fr":  # «le suspect de Salé»
        return m.start >= 2 and tokens[m.start - 1].text in ("de", "d") \
            and _is_cue(lang, "person_singular", tokens[m.start - 2].text)
    if lang == "ar":  # «داعشي سلا»: the construct, no preposition glued on the town
        word = tokens[m.start].text
        return m.start >= 1 and _is_cue(lang, "person_singular", tokens[m.start - 1].text) \
            and not (word[:1] in "بلف" and len(stems(word)) > 1)
    # "the Salé suspect", "Salé ISIS sympathizer": the town before the person's noun, a group's name between (not a
    # town after "in": "a man in Azrou suspected of …")
    if m.start > 0 and _is_cue(lang, "in_country", tokens[m.start - 1].text):
        return False
    k = m.end
    org = next((x for x in a.of_kind_in(si, "org") if x.start == k), None)
    if org is not None:
        k = org.end
    return k < a.sentences[si].last_token and _is_cue(lang, "person_singular", tokens[k].text)


# Words between a target's noun and the place that locates it («sites touristiques de la région d'Agadir»), and
# between the plan's word and that noun.
TARGET_PLACE_REACH = 6
PLAN_TARGET_REACH = 12


def _a_target_s_place(a: Analysis, m: Mention) -> bool:
    """The place locates a target a plan aimed at: a target's noun just before it, a word of planning or
    targeting before that in the clause, and no arrest between ("planning to target security installations
    and tourist sites in the resort city of Agadir", «projetaient … une bombe … devant l'ambassade de France à
    Rabat», «تستهدف منشآت أمنية ومواقع سياحية بمنطقة أكادير»): not where the operation happened."""
    si, breaks = m.sentence, a.breaks_before
    if not a.of_kind_in(si, "target"):
        return False
    k, first = m.start, a.sentences[si].first_token
    places = a.of_kind_in(si, "place")
    while k > first:  # back to the list's first town ("in the cities of Fez, Meknes and Taza")
        before = next((x for x in places if x.end == k or x.end == k - 1 and (
            _is_cue(a.lang, "list_joiner", a.tokens[k - 1].text))), None)
        if before is None:
            break
        k = before.start
    target = next((t for t in reversed(a.of_kind_in(si, "target"))
                   if 0 <= k - t.end <= TARGET_PLACE_REACH and breaks[t.end] == breaks[k]), None)
    if target is None:
        return False
    lo = max(a.sentences[si].first_token, target.start - PLAN_TARGET_REACH)
    plan = next((x for x in a.by_sentence.get(si, ()) if x.kind == "planning"
                 and lo <= x.start < target.start and breaks[x.start] == breaks[target.start]), None)
    return plan is not None and not any(plan.start < t.start < m.start for t in a.of_kind_in(si, "trigger:arrest"))


def _near(a: Analysis, m: Mention) -> bool:
    """The place locates an area: a word of nearness or a direction right before it («au sud de Casablanca», "near
    Nador", «بضواحي»), past "the capital" («شمال العاصمة الرباط», "north of the capital Rabat": an Arabic direction
    word counts only there, «مدن الشمال المغربي، طنجة» being a region's towns)."""
    s = a.sentences[m.sentence]
    k = m.start
    capital = k - 1 > s.first_token and _is_cue(a.lang, "capital_nouns", a.tokens[k - 1].text)
    if capital:
        k -= 2 if _is_cue(a.lang, "determiner", a.tokens[k - 2].text) else 1
    lo = max(s.first_token, k - 2)
    return (_has_word(a, lo, k, "near")
            or capital and any(_is_cue(a.lang, "directions", a.tokens[j].text) for j in range(lo, k))
            or any(s_.startswith(tuple(_cue_words(a.lang, "near_prefix")) or ("\0",))
                   for s_ in stems(a.tokens[m.start].text)))


def _located(a: Analysis, m: Mention) -> bool:
    """The place follows a preposition of place: «ب» written on its article or on its name («خلية موالية لداعش
    بالدار البيضاء», «خلية إرهابية بفاس وتازة»: a cell in Casablanca, in Fes and Taza, not «خلية الدار البيضاء»,
    the Casablanca cell), or a word of the lexicon's ``located_before`` («خلية إرهابية في فاس وتازة», «بمدينة
    فاس»)."""
    if a.lang != "ar":
        return False
    word = a.tokens[m.start].text
    if word.startswith(("بال", "وبال")):
        return True
    s = a.sentences[m.sentence]
    if m.start <= s.first_token or any(a.tokens[x.start].text.startswith(_DEFINITE) for x in a.of_kind_in(
            m.sentence, "cell_ref") if max(s.first_token, m.start - ORIGIN_WINDOW) <= x.start < m.start):
        return False  # «على صلة بأعضاء الخلية الإرهابية في سيدي بنور»: a known cell named by its town
    if any(word.startswith(prefix) and word[len(prefix):] in _arabic_first_words(m.value.id) for prefix in ("ب", "وب")):
        return True
    if _is_cue(a.lang, "located_before", a.tokens[m.start - 1].text):
        return True
    # the list goes on («بفاس وصفرو وتازة»): a town joined by «و» to the town before it is located as that one is
    before = next((x for x in a.of_kind_in(m.sentence, "place") if x.end == m.start), None)
    return before is not None and word.startswith("و") and _located(a, before)


_DEFINITE = ("ال", "بال", "وال", "لل", "وبال", "ولل")


@lru_cache(maxsize=4096)
def _arabic_first_words(place_id: str) -> frozenset[str]:
    """The first word of each Arabic name of a place (normalized): «فاس», «الدار»."""
    from ..places import load_places
    p = load_places().get(place_id)
    names = [p.name_ar, *p.aliases] if p else []
    words = (normalize_text(n).split() for n in names if n)
    return frozenset(w[0] for w in words if w and "\u0600" <= w[0][0] <= "\u06ff")


# Words from a capital to the verb it is the subject of ("Rabat is trying", "Madrid regularly describes"); the
# word between is an auxiliary or an adverb (word set ``capital_verb_gap``).
CAPITAL_VERB_REACH = 2


def _governs(a: Analysis, m: Mention) -> bool:
    """A capital in the possessive before a ministry or a service, or opening a sentence as the
    subject of a verb of saying ("Rabat's interior ministry", "Rabat said that the cell …"),
    stands for its government."""
    if _according_to(a, m):
        return True  # «selon Rabat», "according to Rabat", «حسب الرباط»: who says it
    if m.end >= len(a.tokens):
        return False
    s = a.sentences[m.sentence]
    if a.lang == "ar":
        # «أعلنت الرباط تفكيك خلية», «الرباط تعلن توقيف ثلاثة»: the subject of a verb of saying, after it or opening
        # the sentence before it (no preposition glued to the name: «بالرباط» is where)
        bare = not a.tokens[m.start].text.startswith(tuple(_cue_words(a.lang, "in_country_prefix")))
        return bare and (m.start > s.first_token and _is_cue(a.lang, "capital_says", a.tokens[m.start - 1].text)
                         or m.start == s.first_token and _cue_at(a, m.end, m.end + 1, "capital_says") is not None)
    if m.start == s.first_token and _cue_at(a, m.end, m.end + 1, "capital_says") is not None:
        return True  # "Rabat said that …" opening the sentence (not "…, in Tangier, said the ministry")
    if m.start > s.first_token and not _is_cue(a.lang, "place_prepositions", a.tokens[m.start - 1].text) \
            and not any(p.end == m.start or p.end == m.start - 1 and _is_cue(a.lang, "list_joiner", a.tokens[p.end].text)
                        for p in a.in_sentence(m.sentence, "place")):  # (nor a list's next town: "Tangier and Rabat")
        # "how Rabat is trying …", «Madrid salue régulièrement la coopération», «…, Rabat pointe encore la
        # frontière»: the subject of a verb of saying or minding, past an auxiliary or an adverb
        k = _cue_at(a, m.end, min(m.end + CAPITAL_VERB_REACH, s.last_token + 1), "capital_says")
        if k is not None and a.breaks_before[k] == a.breaks_before[m.end] and all(
                _is_cue(a.lang, "capital_verb_gap", a.tokens[j].text) for j in range(m.end, k)):
            return True  # (not "the Rabat region, said the bureau")
    return a.tokens[m.end].text == "s" and any(
        x.kind in ("agency", "service", "source") and m.end < x.start <= m.end + 3 for x in a.by_sentence.get(m.sentence, ()))


def _according_to(a: Analysis, m: Mention) -> bool:
    """The place follows a word of attribution: «selon Rabat», "according to Rabat", «حسب الرباط» (word set
    ``according_to_words``; English "to" between)."""
    k = m.start - 1
    if k >= 0 and a.lang == "en" and a.tokens[k].text == "to":
        k -= 1
    s = a.sentences[m.sentence]
    return k >= s.first_token and _is_cue(a.lang, "according_to_words", a.tokens[k].text)


# Source ids that are ministries: they sit in the capital.
MINISTRY_SOURCES = frozenset({"interior-ministry", "us-state-department"})


def _ministry_seat(a: Analysis, m: Mention) -> bool:
    """A capital named just after a ministry ("the Interior Ministry in Madrid said", «le ministère de
    l'Intérieur à Madrid», «وزارة الداخلية الإسبانية بمدريد»): where the ministry sits, not where
    the operation happened."""
    return any(x.kind == "source" and x.value in MINISTRY_SOURCES and 0 <= m.start - x.end <= 2
               for x in a.of_kind_in(m.sentence, "source"))


def _at_seat(a: Analysis, m: Mention, lo: int) -> bool:
    """«إلى مقر المكتب المركزي للأبحاث القضائية بمدينة سلا», "a press conference in Sale", «selon un communiqué publié
    mardi soir à Rabat»: a headquarters, a press conference or where a statement came out, the agency's long name
    between them or not."""
    if _has_word(a, lo, m.start, "seat"):
        return True
    if not a.has("seat", lo - SEAT_REACH, m.start):
        return False
    agency = next((x for x in a.in_sentence(m.sentence, "agency") if 0 <= m.start - x.end <= 2), None)
    return agency is not None and _has_word(a, max(0, agency.start - 2), agency.start, "seat")


def _after_agency(a: Analysis, m: Mention) -> bool:
    return any(x.kind == "agency" and x.end == m.start for x in a.in_sentence(m.sentence, "agency"))


def _is_dateline(a: Analysis, m: Mention) -> bool:
    """«الرباط - أعلن…», «CASABLANCA -», «RABAT | Les autorités…», «الرباط/ الأناضول», «إيلاف من الرباط:»,
    «APA-Rabat (Maroc) -»: the city a dispatch was filed from."""
    text = a.nt.text
    start, end = a.tokens[m.start].start, a.tokens[m.end - 1].end
    line_start = text.rfind("\n", max(0, start - DATELINE_PREFIX_CHARS), start) + 1
    if start - line_start >= DATELINE_PREFIX_CHARS or (not line_start and start >= DATELINE_PREFIX_CHARS):
        return False  # a dateline opens its line
    before = text[line_start:start].strip(" \"'")
    if before.rstrip(" -:|") in _cue_words(a.lang, "wire_labels"):
        before = ""  # «FLASH — Rabat, 03/10/2024 (MAP) —»: the wire's label before its dateline
    elif before.endswith(("-", "–")) and before.rstrip(" -–") in wire_agencies(a.lang):
        before = ""  # «APA-Rabat (Maroc) -»: the agency's name glued to its dateline
    after = text[end:end + 3].lstrip()
    if before.endswith("/") and len(before.rstrip("/ ").split()) <= DATELINE_OUTLET_WORDS:
        before = ""  # "RABAT/MADRID, Oct 14 (Reuters) -": a dispatch filed from two capitals
    if before:  # «إيلاف من الرباط:»: the outlet's name first
        return (after.startswith(("-", ":")) and len(before.split()) <= DATELINE_OUTLET_WORDS + 1
                and _cue_at(a, max(0, m.start - 1), m.start, "dateline_from") is not None)
    # «الرباط/ الأناضول»; «الرباط 3 مارس 2025 (ومع) -»: the wire dateline's date and agency follow
    # («الرباط في 16 أكتوبر / بنا /»: a Gulf agency's day and name; "Rabat [Morocco], September 19 (ANI):")
    return after.startswith(("-", "(", ":", ",", "/", "|", "[")) or bool(_WIRE_DATE_AFTER.match(text, end)) \
        or bool(_AGENCY_AFTER_COMMA.match(text, end))


# The filing date and the agency in brackets right after a dateline city (E4's wire dateline).
_WIRE_DATE_AFTER = compile_pattern(r"\s+\d{1,2}\s+\w+\s+\d{4}\s*\(|\s+في\s+\d{1,2}\s+\w+(?:\s+\d{4})?\s*/")
# «الرباط، 29 أكتوبر 2024 (ومع) -», «الرباط، المغرب (CNN)--»: the Arabic comma, then the date or the country and the
# agency's bracket on the same line
_AGENCY_AFTER_COMMA = compile_pattern(r"\s*،[^\n(]{0,40}\(")


def _mentions_cell(a: Analysis, d: Draft) -> bool:
    """A cell word in the draft's sentences; in its own sentence, near its trigger and nearer to
    it than to the sentence's other operations («بعد شهرين على تفكيك خلية …، أوقفت …»: the
    cell is the earlier operation's)."""
    for si in d.sentences:
        for m in a.in_sentence(si, "trigger:cell"):
            if si != d.sentence:
                return True
            gap = abs(m.start - d.position)
            if gap <= 8 and not any(abs(m.start - p) < gap for p in a.op_positions.get(si, ())):
                return True
    return False
