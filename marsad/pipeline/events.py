"""Stage 2b: from draft events to SPEC events — type, slots, dates, background, duplicates.

Each slot is chosen from the mentions a draft gathered (see :mod:`marsad.pipeline.drafts`)
with the checks that make it the event's own: items after a seizure word, targets in a
targeting clause, partners beside a service word, the count that follows the trigger.
History is flagged ``background``; the reports of one operation are then merged
(:mod:`marsad.pipeline.coreference`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..known_events import known_key
from ..models import Event
from ..places import load_places
from ..text.dates import date_bounds, dates_may_overlap, parse_iso, resolve_after, shift_within
from ..text.numbers import number_words
from ..text.patterns import compile_pattern, guarded, may_match
from ..text.tokens import stems
from .coreference import OPERATION_TYPES, JointFraming, corefer, org_families, persons_by_sentence
from .drafts import (ATTACK_KINDS, last_member, Anchor, Draft, _cue_words, _draft_date, _has_word, _is_cue, _is_followup,
                     _mentions_cell, _places, heading_before, question_before)
from .mentions import Analysis, bcij_alone, corrected_counts, member_ordinal
from .spans import event_spans, give_partner_span
from .tables import TownTable, town_tables

# An event dated this long before the reference date (publication or the news event) is history.
BACKGROUND_AGE_DAYS = 45
# Tokens after a seizure word where the seized items are listed.
SEIZED_REACH = 40
SEIZED_AFTER_REACH = 15  # tokens after an item within which a passive «were seized» lists it
LIST_GAP = 12  # tokens between two items of one list of seized things (a quantity, a gloss in brackets)
# Tokens before an explosive within which a making word («مواد تستعمل في صناعة المتفجرات»,
# "used in the manufacturing of explosive belts", «la confection de charges explosives») says
# the seized things are what explosives are made of.
PRECURSOR_REACH = 4
# Tokens after an arrest word within which «شابا», «a man» says one person was arrested (the
# agency, the day and the place often come first).
SINGULAR_REACH = 18
# An operation that ended this long before the article's first news event began is history.
EARLIER_OPERATION_DAYS = 30
# An operation dated to its day is news for this many days after it: reports of an operation
# follow it within a week (every news operation of the gold sets dated to the day is 0-7 days
# before its article; every background one 8 or more), later it is recalled.
NEWS_DAYS = 7
# Persons arrested from which a count is a tally, not one operation: the largest single
# operations the Moroccan press reports count a few dozen suspects.
TALLY_MIN = 100
# A well-known attack mentioned within this many days of publication is news.
KNOWN_ATTACK_NEWS_DAYS = 30
# Tokens before an age within which a victim noun makes it the victim's age.
VICTIM_REACH = 12
# Tokens before an age within which a word of wounding or killing makes it its victim's ("killing a 61-year-old man",
# «tuant un homme de 61 ans»).
CASUALTY_AGE_REACH = 4
# Tokens between a part's count and its place («واثنين آخرين بمدينة تطوان», «deux autres dans la
# ville de Fès»).
PART_REACH = 5
# «فككت … خلية إرهابية جديدة», «dismantled a new terrorist cell»: a word saying the
# operation is another one, this many tokens after its trigger at most.
NEW_REACH = 10

# --- from drafts to events ---------------------------------------------------------

def finalize(a: Analysis, drafts: list[Draft]) -> list[tuple[Event, Draft]]:
    """Turn drafts into SPEC events, deciding type, slots, dates and the background flag."""
    out: list[tuple[Event, Draft]] = []
    for d in drafts:
        ev = _event_from_draft(a, d, first=not out)
        if ev is None:
            continue
        out.append((ev, d))
    for table in town_tables(a):
        _read_town_table(table, out)
    # Dates that hang on another event («بعد أيام»): anchor them on the news event.
    later_news: set[int] = set()
    news = [e for e, d in out if not d.strong_background and e.type != "attack"] or [e for e, _ in out]
    anchor = next(((e, d) for e, d in out if e in news and e.date), None)
    for ev, d in out:
        after = next((dm for _, dm in d.dates if dm.kind == "after"), None) if ev.date is None else None
        # "a week after the attack", «une semaine après l'attentat»: the attack it names is its anchor
        attack = _attack_named_after(a, after, out) if after is not None else None
        if attack is not None and attack is not ev:
            ev.date = resolve_after(after.rule, attack.date)
        elif after is not None and anchor is not None and anchor[0] is not ev:
            ev.date = resolve_after(after.rule, anchor[0].date)
            if d.sentence < anchor[1].sentence:
                # «كشف مخبأ … بعد أيام من العملية التي…»: told first, the find is the news and
                # the operation it follows is history.
                later_news.add(id(anchor[0]))
    for ev, d in out:
        if ev.type == "attack":
            _date_by_the_body_found(a, ev, d)
    _decide_background(a, out, later_news)
    for ev, d in out:
        ev.spans = event_spans(a, ev, d)
    _dated_by_the_operation_before(a, out)
    out = _sides_of_joint_operations(a, out)
    corrected = corrected_counts(a.doc, a.lang) if out else {}
    for ev, _ in out:
        if ev.arrested in corrected:  # «… est de 13 et non 12»: the correction note's figure is the right one
            ev.arrested, span = corrected[ev.arrested]
            ev.spans["arrested"] = list(span)
    events = [(ev, d) for ev, d in corefer(out, a.published, _joint_framing(a), live=_live_blog(a))
              if _identifies_an_operation(ev)]
    for ev, _ in events:
        ev.seized = _specific_items(ev.seized)
        ev.affiliation = _specific_orgs(ev.affiliation, ev.plot)
    _partner_legs(events)
    _count_the_case(a, events)
    events = [(ev, d) for ev, d in _headline_of_the_follow_up(_attackers_arrested(a, events)) if not _news_of_nowhere(ev)]
    return _no_vague_retelling(events)


def _no_vague_retelling(events: list[tuple[Event, Draft]]) -> list[tuple[Event, Draft]]:
    """A report of arrests already told that names no place and no day of its own («Les deux suspects ont été placés
    en garde à vue», "the suspects were referred to the prosecutor") and joined none of the operations told: the
    persons of those operations together, not another operation."""
    if not any(ev.type in OPERATION_TYPES and not d.retold for ev, d in events):
        return events
    return [(ev, d) for ev, d in events if not (d.retold and ev.type in OPERATION_TYPES and not ev.places
                                                and not ev.date and not ev.cell_name)]


def _news_of_nowhere(ev: Event) -> bool:
    """One arrest or a seizure told as news in Morocco with neither place nor date, once the article's reports are
    merged and dated: a headline's or a quote's word ("Spain, Morocco break up suspected Islamic State cell", «… la
    jeunesse croissante des profils interpellés»), the body telling the operation otherwise. No news event of the
    1,160 blind gold documents lacks both a place and a date; of marsad's, seven single arrests and seizures did, none
    of them right. (A cell counted and told nowhere stays: a report may give only its size, dev3 n8-12.)"""
    return ev.type in ("arrest", "seizure") and (ev.arrested or 0) <= 1 and ev.country == "MA" and not ev.background \
        and not (ev.places or ev.date or ev.cell_name)


def _headline_of_the_follow_up(events: list[tuple[Event, Draft]]) -> list[tuple[Event, Draft]]:
    """A follow-up's headline names the arrest with the towns of the cell it is linked to («توقيف عنصر خامس
    مرتبط بالخلية الإرهابية المفككة بطنجة والعرائش والقنيطرة», «توقيف عنصر جديد في خلية … التي فُككت الأسبوع
    الماضي بفاس ومكناس وتازة»): an arrest told before the body's, every town of it (if any: drafts drop the
    towns after the cell's participle) the earlier cell's, of no day of its own or the cell's time, is the
    body's news arrest, not a third event."""
    cells = [(ev, d) for ev, d in events if ev.background and ev.type == "cell_dismantled" and ev.places]
    news = [(ev, d) for ev, d in events if not ev.background and ev.type == "arrest"]
    if not cells or len(news) < 2:
        return events
    dropped: set[int] = set()
    for ev, d in news:
        cell = next((c for c, _ in cells if set(ev.places) <= set(c.places)
                     and (ev.date is None or dates_may_overlap(ev.date, c.date) or _within_days(ev.date, c.date, 7))),
                    None)
        body = next((x for x, dx in news if x is not ev and dx.sentence > d.sentence
                     and not (x.places and cell is not None and set(x.places) <= set(cell.places))), None)
        if cell is None or body is None:
            continue
        for f in ("agencies", "affiliation", "seized", "plot"):
            setattr(body, f, list(dict.fromkeys(getattr(body, f) + getattr(ev, f))))
        if ev.cell_name and not cell.cell_name:
            cell.cell_name = ev.cell_name
        dropped.add(id(ev))
    return [(ev, d) for ev, d in events if id(ev) not in dropped]


def _attackers_arrested(a: Analysis, events: list[tuple[Event, Draft]]) -> list[tuple[Event, Draft]]:
    """The arrest of one person told in the sentence of an attack is its attacker's ("a policeman was
    stabbed by a man, arrested on the spot", «par un homme de 31 ans qui a été immédiatement interpellé»,
    «توقيف شخص اعتدى بسكين على شرطي»), or whose sentences name the attacker, the document's one attack
    («السيطرة على المعتدي وتوقيفه في الحين», "the assailant was detained"): the attack's event, with its
    arrested, services and ages, not an operation of its own."""
    attacks = [(ev, d) for ev, d in events if ev.type == "attack"]
    if not attacks:
        return events
    dropped: set[int] = set()
    for ev, d in events:
        if ev.type != "arrest" or (ev.arrested or 1) != 1 or ev.cell_name:
            continue
        # («السيطرة على المعتدي وتوقيفه في الحين», "the attacker was arrested": the arrest told apart)
        names_attacker = len(attacks) == 1 and any(a.in_sentence(si, "attacker_nouns") for si in d.sentences)
        home = next(((x, dx) for x, dx in attacks if (
            d.sentence in dx.sentences or names_attacker and x.background == ev.background)
            and (not ev.places or set(ev.places) <= set(x.places))
            and (ev.date is None or ev.date == x.date or d.statement_dated and _within_days(ev.date, x.date, 1))),
            None)
        if home is None:
            continue
        attack = home[0]
        attack.arrested = attack.arrested or 1
        for f in ("agencies", "seized"):
            setattr(attack, f, list(dict.fromkeys(getattr(attack, f) + getattr(ev, f))))
        for f in ("age_min", "age_max"):
            if getattr(attack, f) is None:
                setattr(attack, f, getattr(ev, f))
        for f in ("arrested", "agencies", "age_min", "age_max"):
            if f not in attack.spans and f in ev.spans:
                attack.spans[f] = ev.spans[f]
        dropped.add(id(ev))
    return [(ev, d) for ev, d in events if id(ev) not in dropped]


def _within_days(x: str | None, y: str | None, days: int) -> bool:
    """Undated, or the two dates at most ``days`` apart."""
    bx, by = date_bounds(x), date_bounds(y)
    return not (bx and by) or max((bx[0] - by[1]).days, (by[0] - bx[1]).days) <= days


def _count_the_case(a: Analysis, events: list[tuple[Event, Draft]]) -> None:
    """«Mise à jour : le nombre de suspects passe à 8», "bringing the number of arrests to four": a
    running total of the case is the count of the cell it was told of, which holds the whole case. Not
    when the document tells an earlier operation apart («بعدما أسفرت العملية الأولى عن إيقاف 11 عنصرا»,
    "a cell of eleven dismantled ten days before"): the total is then that case's, the news a follow-up
    with its own count (SPEC: a follow-up arrest is its own event)."""
    if any(ev.background and ev.type != "attack" for ev, _ in events):
        return
    for ev, d in events:
        if d.tally and ev.type == "cell_dismantled" and not ev.background and d.tally[0] > (ev.arrested or 0):
            ev.arrested = d.tally[0]
            ev.spans["arrested"] = list(a.nt.original_span(d.tally[1], d.tally[2]))


# A live blog's entry line: a time of day, maybe in bold, then a dash («**10h40** –», "12:15 -").
_LIVE_ENTRY = re.compile(r"^[ \t]*(?:\*\*)?\d{1,2}\s*[h:.]\s*\d{2}(?:\*\*)?\s*[–—-]", re.M)
# Entries a live blog has at least.
LIVE_ENTRIES = 3


def _live_blog(a: Analysis) -> bool:
    """The text is a live blog: three entry lines or more, each opening on a time of day and a dash."""
    return len(_LIVE_ENTRY.findall(a.nt.text)) >= LIVE_ENTRIES


def _read_town_table(table: TownTable, out: list[tuple[Event, Draft]]) -> None:
    """A table of arrests by town (marsad.pipeline.tables) is the breakdown of the operation told
    last before it: its towns are the operation's, its total the count when the text's count is
    smaller (a part told in the text: «اثنان منهم»), its ages the ages when the text gives none."""
    first = min(table.sentences)
    told = [(ev, d) for ev, d in out if ev.type in ("arrest", "cell_dismantled") and not d.strong_background
            and d.sentence < first]
    if not told:
        return
    ev, d = told[-1]
    if ev.arrested == 1 and table.arrested.low > 1:
        # «… a interpellé vendredi un cinquième suspect. Le bilan de l'opération initiale : | Agadir | 2 | …»:
        # a table of several arrests is no one person's; it is the cell's told before (even as history)
        cells = [(e, x) for e, x in out if e.type == "cell_dismantled" and x.sentence < first and (
            e.arrested is None or e.arrested <= table.arrested.low)]
        if cells:
            ev, d = cells[-1]
    d.mentions.extend(table.places)
    d.sentences |= table.sentences
    ev.places = list(dict.fromkeys(ev.places + [m.value.id for m in table.places]))
    if ev.arrested is None or ev.arrested < table.arrested.low:
        ev.arrested = table.arrested.low
        d.quantities.append(table.arrested)
        ev.type = "cell_dismantled" if ev.arrested >= 2 else ev.type
    if table.ages and ev.age_min is None:
        d.quantities.extend(table.ages)
        ev.age_min, ev.age_max = min(q.low for q in table.ages), max(q.high for q in table.ages)


def _dated_by_the_operation_before(a: Analysis, out: list[tuple[Event, Draft]]) -> None:
    """An undated operation told as made at the same time as one told before it ("whose agents simultaneously
    detained two further members in Nador", «laquelle a procédé le même jour à l'arrestation de trois autres
    membres», «وفي الوقت نفسه أوقفت …»; lexicons ``simultaneous``, ``same_day``) happened on that operation's day:
    one side of a joint operation, told beside the other's (not "simultaneous raids in Tangier, Tiflet and Temara" of
    a recap's item, dev3 n3-10), and placed."""
    joint = bool(a.of_kind("joint_operation"))
    for i, (ev, d) in enumerate(out):
        if ev.date is not None or ev.type not in OPERATION_TYPES or not ev.places:
            continue
        if not any(a.has(words, a.sentences[si].first_token, a.sentences[si].last_token + 1)
                   for si in d.sentences for words in ("simultaneous", "same_day")):
            continue
        before = next((e for e, x in reversed(out[:i]) if e.type in OPERATION_TYPES and x.sentence <= d.sentence
                       and e.date and len(e.date) == 10), None)
        # (the other side's arrests told before, in another country: "Two young men were arrested on Tuesday in
        # Mulhouse … a Moroccan who was arrested the same day in Oujda")
        if before is not None and (joint or ev.partners or before.country != ev.country):
            ev.date = before.date
            if "date" in before.spans:
                ev.spans["date"] = before.spans["date"]
            if before.country != ev.country:
                ev.background = before.background  # the partner's side of a recalled operation is history too


def _joint_framing(a: Analysis) -> JointFraming:
    """Whether the document calls an operation joint, and where it tells a cell dismantled or names one."""
    cells = frozenset(m.sentence for m in a.of_kind("trigger:cell"))
    dismantled = frozenset(m.sentence for m in a.of_kind("trigger:dismantle")) & cells
    return JointFraming(bool(a.of_kind("joint_operation")), dismantled, cells)


def _partner_legs(events: list[tuple[Event, Draft]]) -> None:
    """A partner's own arrests told apart from the Moroccan operation they joined ("In
    conjunction with this operation, the Spanish security services arrested three", «tandis
    que la police espagnole interpellait un troisième homme»): undated, they are of the Moroccan
    operation's day (the press dates a joint operation once); and a lead's total of both sides
    ("Moroccan and Spanish police arrested three … Two of the suspects were detained in Fes …
    The third was arrested in Girona by Spain's national police") leaves the Moroccan event its
    own share, when the article tells that share."""
    moroccan = [(ev, d) for ev, d in events if ev.country == "MA" and ev.type in OPERATION_TYPES
                and not ev.background]
    if len(moroccan) != 1:
        return
    [(home, told)] = moroccan
    legs = [(ev, d) for ev, d in events if ev.country not in (None, "MA") and not ev.background
            and ev.type in OPERATION_TYPES and (d.foreign or ev.country in home.partners)]
    for ev, _ in legs:
        if ev.date is None and home.date:
            ev.date = home.date
            if "date" in home.spans:
                ev.spans["date"] = home.spans["date"]
        if ev.date == home.date and ev.country not in home.partners:
            home.partners = home.partners + [ev.country]
            give_partner_span(home, ev)
    if legs and home.arrested and all(ev.arrested for ev, _ in legs):
        share = home.arrested - sum(ev.arrested for ev, _ in legs)
        told_share = next((q for q in told.quantities if q.kind == "persons" and q.low == q.high == share), None)
        if told_share is None:
            # "two men … in Fez and a third suspect in Taza": a sentence's parts that add up to the share
            told_share = next((qs[0] for qs in persons_by_sentence(told.quantities).values()
                               if len(qs) > 1 and sum(q.low for q in qs) == share), None)
        if share > 0 and told_share is not None:
            home.arrested = share
            home.spans["arrested"] = [told_share.start, told_share.end]


# How far after "the body was found" its day and place are told («dont le corps calciné a été
# retrouvé jeudi à Casablanca»).
BODY_FOUND_REACH = 8
# ... in the killing's sentence or the two after it ("… burning his body. … The body was found on Thursday.")
BODY_FOUND_SENTENCES = 2


def _date_by_the_body_found(a: Analysis, ev: Event, d: Draft) -> None:
    """A killing undated, or dated by the day its victim's body was found («dont le
    corps a été retrouvé jeudi à Casablanca», "the body was found on Thursday", «العثور على جثته
    يوم الخميس») happened that day or the night before, where the body was found."""
    last = min(d.sentence + BODY_FOUND_SENTENCES, len(a.sentences) - 1)
    found = next((m for si in range(d.sentence, last + 1) for m in a.in_sentence(si, "body_found")), None)
    if found is None:
        return
    si = found.sentence
    hi = min(found.end + BODY_FOUND_REACH, a.sentences[si].last_token + 1)
    day = next((dm for dm in a.dates_in(si) if dm.value and len(dm.value) == 10  # a day («jeudi» too)
                and found.end <= a.token_at(dm.start) < hi), None)
    bounds = date_bounds(day.value) if day is not None else None
    if bounds is None or ev.date not in (None, day.value):
        return  # a killing dated otherwise keeps its date
    ev.date = f"{shift_within(bounds[0], -1).isoformat()}/{bounds[1].isoformat()}"
    if not ev.places:
        ev.places = [m.value.id for m in a.in_sentence(si, "place") if found.end <= m.start < hi][:1]


# How far after «a week after», «après» the attack it is counted from may be named.
AFTER_ATTACK_REACH = 4


def _attack_named_after(a: Analysis, after, out: list[tuple[Event, Draft]]) -> Event | None:
    """The dated attack event an "after" date is counted from, when an attack word follows it
    ("about a week after the attack", «une semaine après l'attentat», «بعد أسبوع من الهجوم»)."""
    k = a.token_at(after.end)
    s = a.sentences[a.tokens[min(k, len(a.tokens) - 1)].sentence]
    named = any(m.kind in ATTACK_KINDS and k <= m.start < min(
        k + AFTER_ATTACK_REACH, s.last_token + 1) for m in a.by_sentence.get(s.index, ()))
    if not named:
        return None
    return next((e for e, _ in out if e.type == "attack" and e.date), None)


# Off-topic words (drugs, smuggling, fraud, football) that make an operation's sentence another subject.
OFFTOPIC_WORDS = 2


def _off_topic(a: Analysis, d: Draft) -> bool:
    """An operation told in a sentence about drugs, smuggling or fraud with no word of terrorism
    («حجزت مصالح الأمن بالناظور أزيد من طنين من مخدر الشيرا، وأوقفت ثلاثة أشخاص», another item of a
    news bulletin that also reports a cell): not counter-terrorism."""
    if d.sentence in a.other_stories:
        return True  # a roundup's item about other news (drafts._other_stories)
    mentions = a.by_sentence.get(d.sentence, ())
    # (one word is a passing aside: «غير بعيد عن مكان إقامة المنتخب المغربي»)
    return sum(m.kind == "offtopic" for m in mentions) >= OFFTOPIC_WORDS and not any(
        m.kind in ("ct", "org", "known_attack") for si in d.sentences for m in a.by_sentence.get(si, ()))


def _identifies_an_operation(ev: Event) -> bool:
    """An operation told with no place, date, count or name, or with no place, date, group, agency,
    item, plot, target, age or name and at most one person («لاعتقال الصحفيين», "a doctrine of pre-emptive
    arrests") is the word for arrests, not a report of one."""
    if ev.type not in ("arrest", "cell_dismantled") or (ev.arrested or 0) >= 2:
        return True
    if not (ev.places or ev.date or ev.arrested or ev.cell_name):
        return False  # «the female cell that was dismantled last year»: no where, when, how many or name
    return bool(ev.places or ev.date or ev.affiliation or ev.agencies or ev.seized or ev.plot or ev.targets
                or ev.age_min is not None or ev.cell_name or ev.partners)


def _known_attack_places(named: list[str], known: str | list[str]) -> list[str]:
    """A well-known attack happened where the data says (one place, or the places the press
    gives it: the Imlil murders are also told as Marrakesh's): of the places named with it,
    keep those of its places' provinces («مقهى أركانة بمراكش»); others («اعتقال منفذه
    بآسفي») are another event's. None named: the data's first place."""
    places = [known] if isinstance(known, str) else list(known)
    provinces = {p for p in map(_province, places) if p}
    return [p for p in named if p in places or _province(p) in provinces] or places[:1]


def _province(place_id: str) -> str | None:
    place = load_places().get(place_id)
    return place.province if place else None


def _event_from_draft(a: Analysis, d: Draft, first: bool = False) -> Event | None:
    if _off_topic(a, d):
        return None
    places = _places(a, d)
    if d.type == "attack":
        if not places and not d.known_attack and not any(dm.value for _, dm in d.dates) and not d.suspected:
            return None
        if d.known_attack:
            places = _known_attack_places(places, d.known_attack["place"])
    ev = Event(type=d.type)
    ev.places = places
    ev.country = d.foreign or _country(a, d, places)
    ev.date = _draft_date(d)
    ev.new = d.type != "attack" and (_calls_itself_new(a, d)
                                     or _is_followup(a, Anchor("op", d.position, d.sentence)))
    ages = [q for q in d.quantities if q.kind == "age" and not _victims_age(a, q)]
    if ages:
        # "the youngest aged 19" is a minimum only, «أكبرهم في الثامنة والعشرين» a maximum only
        lows = [q.low for q in ages if not _age_extreme(a, q, "age_oldest")]
        highs = [q.high for q in ages if not _age_extreme(a, q, "age_youngest")]
        ev.age_min, ev.age_max = min(lows, default=None), max(highs, default=None)
    ev.affiliation = _affiliation(a, d)
    ev.agencies = _ids(d, "agency", lambda m: not _targeted(a, m)) if d.type != "attack" else []
    if d.type != "attack" and "bcij" not in ev.agencies and _the_bureau_acts(a, d):
        ev.agencies = ev.agencies + ["bcij"]
    ev.partners = _partners(a, d) if d.type in ("arrest", "seizure") else []
    ev.seized = _seized(a, d) if d.type != "attack" else []
    ev.plot = _plots(a, d)
    if d.known_attack and d.type == "attack":
        if "plot" in d.known_attack:
            # a well-known attack's plot is known (data): «l'assassinat de deux touristes près d'Imlil»
            # was a murder of foreigners, not the assassination of a figure
            ev.plot = sorted(d.known_attack["plot"])
        ev.known = known_key(d.known_attack)
    ev.targets = _targets(a, d)
    if d.type == "attack" and d.known_attack:
        ev.targets = sorted(set(ev.targets) | set(d.known_attack.get("targets", [])))
    if d.type == "arrest":
        count = _count(a, d)
        if count is not None and count >= TALLY_MIN:
            return None  # «918 people were arrested»: a tally over years, not one operation
        ev.arrested = None if count and count >= 2 and _a_part_only(a, d, count) else count
        d.cell_size = ev.arrested is not None and _a_cell_s_size(a, d, ev.arrested)
        ev.type = "cell_dismantled" if (count or 0) >= 2 or (count is None and _mentions_cell(a, d)) else "arrest"
        if ev.type == "arrest" and count is None and not _mentions_plural(a, d):
            ev.arrested = 1
        ev.cell_name = _cell_name(a, d, title=first and not d.strong_background)
    elif d.type == "attack":
        ev.killed = _killed(a, d)
        if d.attack_arrest:
            ev.arrested = _count(a, d) or 1
    if d.tipped:  # a partner's arrest on a Moroccan tip: the Moroccan service, the partner
        ev.partners = list(dict.fromkeys(ev.partners + [d.foreign]))
    elif d.foreign:  # a partner's own arrests in a joint operation: no Moroccan agency, no partner
        ev.agencies, ev.partners = [], []
        if not _mentions_cell(a, d):
            ev.type = "arrest"
    elif ev.country != "MA" and d.type == "attack":
        return None  # abroad: not a Moroccan event
    return ev


def _abroad_alone(ev: Event, d: Draft) -> bool:
    """Arrests abroad with no Moroccan service in their report, no partner's own side of a joint operation."""
    return ev.country != "MA" and not d.tipped and not d.foreign and not _ids(d, "agency")


def _sides_of_joint_operations(a: Analysis, out: list[tuple[Event, Draft]]) -> list[tuple[Event, Draft]]:
    """Arrests abroad with no Moroccan service in their report are not a Moroccan event, unless the article reports
    Moroccan arrests of the same day beside them: then they are the partner's side of one operation, reported apart
    («Deux jeunes … interpellés mardi à Mulhouse et à Strasbourg … un ressortissant marocain de 21 ans, interpellé
    mardi à Oujda»; SPEC: each side's arrests told apart are two events)."""
    moroccan_days = {ev.date for ev, d in out if ev.country == "MA" and ev.type in OPERATION_TYPES
                     and not d.strong_background and ev.date and len(ev.date) == 10}
    # a partner's own arrests with no Moroccan operation, service or cooperation anywhere in the article («La Police
    # nationale espagnole a arrêté mercredi à Bilbao un homme … de nationalité marocaine»): Spain's news, not Morocco's
    # (not "… praising their cooperation with Rabat")
    moroccan = any(ev.country == "MA" for ev, _ in out) or bool(a.of_kind("agency")) \
        or bool(a.of_kind("government_relation"))
    return [(ev, d) for ev, d in out if (not _abroad_alone(ev, d) or ev.date in moroccan_days)
            and (moroccan or not d.foreign or d.tipped)]


# Words between a trigger and «المكتب», "the bureau" that makes it («أطاح المكتب بخلية», «تفكيك المكتب،
# في يناير الماضي، لشبكة», «المكتب ذاته كان قد فكك»).
BUREAU_REACH = 4


def _the_bureau_acts(a: Analysis, d: Draft) -> bool:
    """«المكتب», "the bureau", «le Bureau» alone as the agent of the operation, in an article that
    named the BCIJ before: the BCIJ (lexicon bcij_short)."""
    return any(abs(m.start - d.position) <= BUREAU_REACH for m in bcij_alone(a, d.sentence))


# Words between "the youngest", «أصغرهم», «le plus jeune» and the age they give («le plus jeune est âgé de 19 ans»).
AGE_EXTREME_REACH = 5


def _age_extreme(a: Analysis, q, name: str) -> bool:
    """A single age told as the youngest's or the oldest's (lexicon ``age_youngest``, ``age_oldest``):
    the nearest such word before it says which («أصغرهم يبلغ 17 سنة، وأكبرهم 28 سنة»)."""
    if q.low != q.high:
        return False
    # (the age's own words may hold the word: «le plus jeune des suspects a 19 ans»)
    k = a.token_at(q.end - 1)
    lo = max(a.sentences[q.sentence].first_token, a.token_at(q.start) - AGE_EXTREME_REACH)
    words = [m for kind in ("age_youngest", "age_oldest") for m in a.in_sentence(q.sentence, kind)
             if lo <= m.start <= k]
    return bool(words) and max(words, key=lambda m: m.start).kind == name


def _ids(d: Draft, kind: str, keep=None) -> list[str]:
    """The ids of the draft's mentions of ``kind`` (those ``keep`` accepts), first seen first."""
    seen: dict[str, None] = {}
    for m in d.mentions:
        if m.kind == kind and (keep is None or keep(m)):
            seen.setdefault(m.value, None)
    return list(seen)


# Words before a plot word where a content noun makes it what the content showed, and the
# plots content can show (sharing it is the propaganda or recruitment it is, not a plot it shows).
CONTENT_REACH = 4
SHOWN_PLOTS = frozenset({"bombing", "suicide-attack", "assassination"})


def _plots(a: Analysis, d: Draft) -> list[str]:
    """The plots of the draft's mentions, but not the attacks the content they shared showed
    ("videos inciting suicide attacks", «محتويات رقمية توثق عمليات انتحارية», «des vidéos
    d'opérations suicides»): a content noun a few words before the attack word, in its clause."""
    seen: dict[str, None] = {}
    for m in d.mentions:
        if m.kind != "plot":
            continue
        lo = max(a.sentences[m.sentence].first_token, m.start - CONTENT_REACH)
        content = [x for x in a.in_sentence(m.sentence, "content_noun") if lo <= x.start < m.start]
        if content and m.value in SHOWN_PLOTS and a.breaks_before[m.start + 1] == a.breaks_before[content[-1].end]:
            continue
        if _is_cue(a.lang, "plot_agent_nouns", a.tokens[m.start].text) and not _names_counted(a, d, m.start):
            continue  # "in contact with an ISIS recruiter": another's role; "14 suspected ISIS recruiters" arrested
        seen.setdefault(m.value, None)
    return list(seen)


# Words between a count of persons and the noun that says what they are ("14 suspected ISIS recruiters").
COUNTED_NOUN_REACH = 3


def _names_counted(a: Analysis, d: Draft, k: int) -> bool:
    """Whether token ``k`` is in or just after one of the draft's counts of persons."""
    for q in d.quantities:
        if q.kind == "persons" and q.sentence == a.tokens[k].sentence:
            first, last = a.token_at(q.start), a.token_at(q.end - 1)
            if first <= k <= last + COUNTED_NOUN_REACH:
                return True
    return False


def _country(a: Analysis, d: Draft, places: list[str]) -> str:
    countries = {m.value.country for m in d.mentions if m.kind == "place" and m.value.id in places}
    if not countries or "MA" in countries:
        return "MA"
    return sorted(countries)[0]


def _affiliation(a: Analysis, d: Draft) -> list[str]:
    orgs = _ids(d, "org")
    if not orgs and any(m.kind == "anaphor_org" for m in d.mentions):
        before = a.last_before("org", d.position)
        if before is not None:
            orgs = [before.value]
    return orgs


def _partners(a: Analysis, d: Draft) -> list[str]:
    out = []
    for m in d.mentions:
        if m.kind != "partner" or m.value == "MA":
            continue
        s = a.sentences[m.sentence]
        if a.has("habitual", s.first_token, s.last_token):
            continue  # "Morocco regularly announces …, often in cooperation with American services": no one operation's
        if _names_a_service(a, m) or _has_word(a, max(s.first_token, m.start - 4), min(s.last_token, m.end + 3),
                                                "service") and (a.lang != "ar" or _qualifies_a_service(a, m)):
            out.append(m.value)
    return list(dict.fromkeys(out))


def _names_a_service(a: Analysis, m) -> bool:
    """The partner is named by a service of its own ("the FBI", «la Garde civile», «الحرس المدني»;
    lexicon ``partner_services``), no word for a service needed beside it."""
    rest = "".join(" " + t.text for t in a.tokens[m.start + 1:m.end])
    names = _cue_words(a.lang, "partner_services")
    return any(first + rest in names for first in stems(a.tokens[m.start].text))  # «ومكتب التحقيقات الفيدرالي»


ADJECTIVE_REACH = 2  # words between an Arabic nationality adjective and its noun («السلطات القضائية الإسبانية»)


def _qualifies_a_service(a: Analysis, m) -> bool:
    """An Arabic nationality adjective follows its noun: «نظيرتها الإسبانية» is a service,
    «بالساحة السورية العراقية» a place, whatever cooperation word comes next. Country names
    («إسبانيا») and services' names are not adjectives."""
    if m.end - m.start > 1 or not a.tokens[m.start].text.startswith("ال"):
        return True
    partners = {i for x in a.in_sentence(m.sentence, "partner") for i in range(x.start, x.end)}
    first = a.sentences[m.sentence].first_token
    i, skipped = m.start - 1, 0
    while i >= first and skipped <= ADJECTIVE_REACH:
        if a.has("service", i, i + 1) or any(x.kind == "service" and x.start <= i < x.end
                                             for x in a.in_sentence(m.sentence, "service")):
            return True
        if i not in partners:
            skipped += 1
        i -= 1
    return False


def _seized(a: Analysis, d: Draft) -> list[str]:
    """Items listed after a seizure word («حجز», «ضبط بحوزته») in the event's sentences, and
    the items that go on with such a list («…، des sommes d'argent, des fanions de Daech et…»)."""
    out = []
    last_seized: tuple[int, int] | None = None  # (sentence, end token) of the last item taken
    held: list = []  # items of the sentence not taken yet, in order: a list the passive closes later
    for m in sorted(set(x for x in d.mentions if x.kind == "item"), key=lambda x: x.start):
        if any(i.start < m.end and m.start < i.end for i in a.in_sentence(m.sentence, "item_idiom")):
            continue  # «تحت راية "داعش"», "under the banner of ISIS": allegiance, not a flag
        s = a.sentences[m.sentence]
        if _wanted(a, m, s):
            continue
        listed = last_seized is not None and (
            last_seized[0] == m.sentence and m.start - last_seized[1] <= LIST_GAP
            # «… des fanions de Daech. En plus de gros sacs et des fioles contenant …»
            or last_seized[0] == m.sentence - 1 and (a.has("list_continuation", s.first_token, s.first_token + 2)
                                                     or _items_alone(a, s)))
        after = _has_word(a, m.end, min(s.last_token, m.end + SEIZED_AFTER_REACH), "seizure_after")
        if (listed or d.type == "seizure"
                or _has_word(a, max(s.first_token, m.start - SEIZED_REACH), m.start + 1, "seizure_context")
                or after or _answers_what_was_seized(a, m.sentence) or _inventory(a, m)):
            if after:
                # «Des appareils électroniques, des armes blanches, … ont été saisis»: the list's first
                # items, too far from the passive, are its items as well
                prev_end = m.start
                for x in reversed(held):
                    if x.sentence != m.sentence or prev_end - x.end > LIST_GAP:
                        break
                    out.append(_precursor(a, x))
                    prev_end = x.start
            held = []
            out.append(_precursor(a, m))  # «حجز أسلحة بيضاء», «Knives and electronic equipment were seized»
            last_seized = (m.sentence, m.end)
        else:
            held = [x for x in held if x.sentence == m.sentence] + [m]
    return _specific_items(list(dict.fromkeys(out)))


# Distinct kinds of items a list holds to be the haul by itself, with no seizure word, and the
# words between two of its items (an article, a quantity, an adjective: "des bonbonnes de gaz, des clous").
INVENTORY_KINDS = 3
INVENTORY_GAP = 3


def _inventory(a: Analysis, m) -> bool:
    """The item stands in a list of at least three kinds of seizable things, one after another
    ("two pistols, ammunition, gas canisters and an ISIS flag", «بندقيتي صيد، وعشرات الخراطيش،
    وقنينات غاز»): in a report of an operation such an inventory is the haul, whatever word
    introduces it ("On the investigators' table:", «الحديث عن», a photo caption)."""
    items = sorted(a.in_sentence(m.sentence, "item"), key=lambda x: x.start)
    chain: list = []
    for x in items:
        if chain and x.start - chain[-1].end > INVENTORY_GAP:
            if any(y is m for y in chain):
                break
            chain = []
        chain.append(x)
    return any(y is m for y in chain) and len({y.value for y in chain}) >= INVENTORY_KINDS


# Words of a sentence that is only a list's next item («وخراطيش.», "And ammunition.").
ITEM_FRAGMENT_WORDS = 3


def _answers_what_was_seized(a: Analysis, si: int) -> bool:
    """The items answer an explainer's question that asks what was seized ("What was seized?", «ماذا حجز
    المحققون؟», «Qu'ont saisi les enquêteurs ?»), or stand in a list under a heading that names it ("The
    arsenal", «Les saisies»)."""
    for q in (question_before(a, si), heading_before(a, si)):
        # … or a list's heading that names the haul ("The arsenal" over "- Two handguns …")
        if q is not None and a.has("seizure_context", a.sentences[q].first_token, a.sentences[q].last_token):
            return True
    return False


def _items_alone(a: Analysis, s) -> bool:
    """A sentence of an item or two and nothing else, as a broadcast script cuts a list («عثر
    المحققون على بندقية صيد. وخراطيش. وكتب متطرفة. وهواتف.»): it goes on with the list before."""
    return (s.last_token - s.first_token <= ITEM_FRAGMENT_WORDS
            and any(x.start <= s.first_token + 1 for x in a.in_sentence(s.index, "item")))  # «Des cartouches.»


def _wanted(a: Analysis, m, s) -> bool:
    """"sought to obtain equipment and materials for the manufacture of bombs", «الحصول على
    أسلحة»: what the suspects wanted to get, up to the end of the clause, unless a seizure word
    comes in between (the wish's own object, "obtain equipment", is no seizure word)."""
    breaks = a.breaks_before
    wants = [x.end for x in a.in_sentence(m.sentence, "acquire_intent")
             if x.start < m.start and breaks[m.start] == breaks[x.end]]
    return bool(wants) and not a.has("seizure_context", max(wants) + 1, m.start)


def _precursor(a: Analysis, m) -> str:
    """Explosives named as what is being made are the seized precursors, not explosives."""
    if m.value == "explosives" and a.has("precursor_cue", max(a.sentences[m.sentence].first_token,
                                                              m.start - PRECURSOR_REACH), m.start):
        return "explosive-precursors"
    return m.value


def _specific_items(items: list[str]) -> list[str]:
    """Drop generic «weapons» when firearms are listed: «الأسلحة» there are the rifles and pistols."""
    return [i for i in items if not (i == "weapons" and "firearms" in items)]


def _specific_orgs(orgs: list[str], plot: list[str]) -> list[str]:
    """Drop a group when one of its branches is named (data/other/org_families.json): suspects
    loyal to «داعش في الساحل», "the Islamic State in the Sahel", are tied to that branch, and
    the group's own name told beside it («تنظيم "داعش" في منطقة الساحل») is the same tie. Not
    when they meant to join a conflict zone: loyal to the group, the branch is where they
    were going («موالية لتنظيم داعش … الالتحاق بأحد فروع داعش بمنطقة الساحل»)."""
    if "join-conflict-zone" in plot:
        return orgs
    families = org_families()
    groups = {families[o] for o in orgs if o in families}
    return [o for o in orgs if o not in groups]


def _targets(a: Analysis, d: Draft) -> list[str]:
    out = []
    for m in d.mentions:
        if m.kind == "agency" and _targeted(a, m):
            out.append("security-forces")  # «مهاجمة عناصر الأمن الوطني», «viser des éléments de la sûreté nationale»
        if m.kind != "target":
            continue
        s = a.sentences[m.sentence]
        if _has_word(a, s.first_token, s.last_token, "target_context") or _has_word(
                a, max(s.first_token, m.start - 8), m.start, "planning"):
            out.append(m.value)
    return list(dict.fromkeys(out))


# Tokens between a word of attack and the service it names as the target (an article: "to attack the
# national police", «استهداف عناصر الأمن الوطني» has none).
TARGETED_REACH = 2


def _targeted(a: Analysis, m) -> bool:
    """A service named right after a word of attack or targeting is the target, not the one that
    made the arrests («كانوا يخططون لمهاجمة عناصر الأمن الوطني», "to attack the national police");
    not after "against", «contre», «ضد» ("in the fight against terrorism, the BCIJ")."""
    lo = max(a.sentences[m.sentence].first_token, m.start - TARGETED_REACH)
    return any(a.has("target_context", k, k + 1) and a.tokens[k].text not in _cue_words(a.lang, "against")
               and all(a.tokens[j].soft_before for j in range(k + 1, m.start + 1))  # "bomb attacks, the bureau said"
               for k in range(lo, m.start))


def _victims_age(a: Analysis, q) -> bool:
    """«السائحتان، وهما طالبتان تبلغان من العمر 24 و28 سنة», «the victim, aged 24»: an age told
    after a victim noun of its clause, or right after a word of wounding or killing, describes the victim, not a
    suspect (SPEC: the youngest suspect)."""
    pos = a.token_at(q.start)
    s = a.sentences[a.tokens[pos].sentence]
    # "killing a 61-year-old man", «tuant un homme de 61 ans»: the age of the one a wounding or killing word hit
    return _word_in(a, max(s.first_token, pos - VICTIM_REACH), pos, "victim") or _word_in(
        a, max(s.first_token, pos - CASUALTY_AGE_REACH), pos, "casualty")


def _word_in(a: Analysis, lo: int, hi: int, name: str) -> bool:
    """Whether a word of the word list ``name`` (clitics allowed) is among tokens[lo:hi]."""
    tokens, lang = a.tokens, a.lang
    return any(_is_cue(lang, name, tokens[i].text) for i in range(lo, hi))


def _casualties(a: Analysis, q) -> bool:
    """«وإصابة ثلاثة أشخاص آخرين», «injuring three people», «tuant deux policiers»: a count
    right after a word of wounding or killing counts the victims."""
    pos = a.token_at(q.start)
    return _word_in(a, max(a.sentences[q.sentence].first_token, pos - 2), pos, "casualty")


def _count(a: Analysis, d: Draft) -> int | None:
    """The number of persons arrested in the operation: the event's ``arrested``.

    One rule, in this order:

    1. Candidates are the person counts the draft gathered (its trigger's clause and the
       sentences that speak of it). Counts of people who are not the arrested are not
       candidates: a death toll, the wounded or killed («وإصابة ثلاثة أشخاص آخرين»,
       «injuring three people»), and a partitive one
       («l'un des membres», «one of the suspects», «واحد من»), which the mention stage
       never counts.
    2. The first candidate is the total. A cell's size is told before its parts («ستة عناصر،
       من بينهم قاصران», «seven members, including two women», «six membres, dont trois à
       Tanger») and before any later figure (a cumulative toll «يصل عدد الموقوفين إلى 13»,
       members abroad, another cell recalled). A count in the trigger's own sentence comes
       before those of the sentences that go on about the event.
    3. A breakdown by place with no total before it is summed: «ثلاثة متطرفين بطنجة واثنين
       آخرين بتطوان», «three suspects in Tangier and two in Tetouan» arrested five.
    4. With no count at all, a singular noun governed by the trigger («توقيف شخص», «a
       suspect arrested») means one.

    A count told as a part of a larger, untold one is left out by the caller (:func:`_a_part_only`).
    """
    tolls = [q for q in d.quantities if q.kind == "killed"]
    persons = sorted((q for q in d.quantities if q.kind == "persons"
                      and not any(t.start <= q.start < t.end for t in tolls) and not _casualties(a, q)),
                     key=lambda q: q.start)
    own = [q for q in persons if q.sentence == d.sentence]
    first = own[0] if own else persons[0] if persons else None
    if first is None:
        return 1 if _singular(a, d) else None
    first = _whole_of_part(a, first, persons) or first
    if first.low == 1:
        # «neutraliser un suspect qui avait tenté de résister … le démantèlement d'une cellule composée de cinq
        # extrémistes»: one of them told first; the cell's size, told after, is the operation's count
        cell = next((q for q in persons if q.low >= 2 and q.sentence != first.sentence
                     and a.in_sentence(q.sentence, "trigger:cell")), None)
        first = cell or first
    total = first.low + _breakdown_rest(a, first)
    if _last_one_placed(a, first, total):
        total += 1  # «…, فيما تم توقيف المشتبه فيه التاسع بمدينة جرسيف», «…, le quatrième à Tétouan»
    # «توقيف شخصين بأيت ملول، وثالث بالقليعة، ورابع بأولاد برحيل، فيما أوقف عنصر خامس بمراكش»: members
    # counted on by ordinals (mentions._members_counted_on) after the count, however far their places
    ordinals = [member_ordinal(a.lang, a.tokens[k].text) for q in persons
                if q.sentence == first.sentence and q.start > first.start and q.low == 1
                and _ordinal_person(a, k := a.token_at(q.start))]
    total = max([total] + [v for v in ordinals if v is not None])
    # «un partisan de Daech, avec deux de ses complices», «un partisan … et deux autres suspects»: a
    # later count told as company joins the first; after a count of several, «et deux autres» is a
    # part of it (a breakdown), only "with" adds
    company = next((q for q in persons if q.sentence == first.sentence and q.start > first.start
                    and (k := _companions(a, q)) is not None
                    and (first.low == 1 or _is_cue(a.lang, "companions_before", a.tokens[k].text))
                    and not _counts_arrests(a, q)), None)
    if company is not None:
        return total + company.low  # «un partisan de Daech, avec deux de ses complices»
    joined_at = _companions(a, first)
    if joined_at is not None and _someone_before(a, joined_at):
        return total + 1  # "He and two other men were arrested", «متطرفا … رفقة شخصين آخرين»
    return total


def _counts_arrests(a: Analysis, q) -> bool:
    """The count is of arrests, not of companions ("dismantled a five-member network, with two arrests in
    Nador and three in Spain": a breakdown of the five, not two more)."""
    first, last = a.token_at(q.start), a.token_at(q.end - 1) + 1  # (the count's noun may be its own: "two arrests")
    return any(first < m.start <= last for m in a.in_sentence(q.sentence, "trigger:arrest"))


# Tokens from an ordinal to the place it puts the last suspect in («le quatrième à Tétouan»,
# «التاسع بمدينة جرسيف»).
ORDINAL_PLACE_REACH = 3


def _ordinal_person(a: Analysis, k: int) -> bool:
    """The ordinal at token ``k`` counts a person: a person noun beside it («عنصر خامس», "a fourth
    suspect", «un quatrième suspect»), or a place of its own right after it («ورابع بأولاد برحيل», "the
    fourth in Tetouan"); not «pour la quatrième fois»."""
    s = a.sentences[a.tokens[k].sentence]
    persons = _cue_words(a.lang, "person_singular") | _cue_words(a.lang, "person")
    if any(s.first_token <= j < s.last_token and any(x in persons for x in stems(a.tokens[j].text))
           for j in (k - 1, k + 1)):
        return True
    return any(k < m.start <= k + ORDINAL_PLACE_REACH for m in a.in_sentence(a.tokens[k].sentence, "place"))


def _last_one_placed(a: Analysis, first, total: int) -> bool:
    """A breakdown by place closed by an ordinal one past its sum and a place of its own
    ("three in Tangier, the fourth in Tetouan", «… واثنين آخرين بتازة، فيما تم توقيف المشتبه فيه
    التاسع بمدينة جرسيف»): the ordinal is one more person (numbers.json member_ordinals)."""
    s = a.sentences[first.sentence]
    places = [m.start for m in a.in_sentence(first.sentence, "place")]
    for k in range(a.token_at(first.end - 1) + 1, s.last_token):
        if member_ordinal(a.lang, a.tokens[k].text) == total + 1 or last_member(a, k):
            return any(k < p <= k + ORDINAL_PLACE_REACH for p in places)
    return False


# Words between a cell's noun and its size («une cellule djihadiste de six membres», «خلية إرهابية تتكون من ستة
# عناصر», "a cell of six members"), or between the size and the noun ("a six-member cell").
CELL_SIZE_REACH = 4


def _a_cell_s_size(a: Analysis, d: Draft, count: int) -> bool:
    """The count is told as the size of a cell, the whole of it, not one side's or one town's arrests."""
    for q in d.quantities:
        if q.kind != "persons" or q.low != count:
            continue
        k, last = a.token_at(q.start), a.token_at(q.end - 1)
        breaks = a.breaks_before
        if any(0 <= k - c.end <= CELL_SIZE_REACH and breaks[k] == breaks[c.end]
               and not any(c.end <= p.start < k for p in a.in_sentence(q.sentence, "place"))
               or 0 <= c.start - last <= 2 for c in a.in_sentence(q.sentence, "trigger:cell")):
            return True  # (not «la cellule à Nador, où trois hommes …»: a town's share)
    return False


def _a_part_only(a: Analysis, d: Draft, count: int) -> bool:
    """The count is a part of a larger one the text does not give ("three … in Agadir …, part of a
    wider sweep across the Souss region", "Three of the suspects were picked up in Tangier …, with
    others held in Larache"; lexicon ``part_of_wider``; the rest of it told apart, :func:`_rest_after`):
    the operation's total is unknown."""
    # (whichever telling of the count says so: a headline's "Morocco arrests 3 …" does not)
    return any(q.kind == "persons" and q.low == count and (_has_word(
        a, a.token_at(q.end - 1) + 1, a.sentences[q.sentence].last_token, "part_of_wider") or _rest_after(a, q))
        for q in d.quantities)


def _rest_after(a: Analysis, q) -> bool:
    """"Three of its members were arrested in Taza, while the rest were detained in Kenitra",
    «بينما جرى توقيف باقي المشتبه فيهم» (lexicon ``rest_of_count``): the count is a part; not when a
    part of it is counted between them ("14 recruiters, one of them in Madrid and the rest in
    several towns": the rest of the 14)."""
    k = a.token_at(q.end - 1) + 1
    rest = next((m for m in a.in_sentence(q.sentence, "rest_of_count") if m.start >= k), None)
    return rest is not None and not any(a.tokens[i].is_number or i in a.numbers for i in range(k, rest.start))


def _whole_of_part(a: Analysis, first, persons):
    """The count a first count is later told as a part of, or None: a headline's «خلية … تضم
    ثلاثة أشقاء» is the part the body tells as «أربعة عناصر بينهم ثلاثة أشقاء» ("four members,
    including three brothers", «quatre membres, dont trois frères»): the whole is the count; so
    is the larger count a part is said to be among ("two brothers among four suspects", «deux
    frères parmi les quatre suspects»)."""
    k = a.token_at(first.end - 1) + 1
    among = next((q for q in persons if q.sentence == first.sentence and q.start > first.start), None)
    if among is not None and among.low > first.low and _word_in(
            a, k, min(k + 2, a.token_at(among.start)), "subset_intro"):
        return among
    for q in persons:
        if q.sentence == first.sentence or q.low != first.low:
            continue
        k = a.token_at(q.start)
        if not _word_in(a, max(a.sentences[q.sentence].first_token, k - 2), k, "subset_intro"):
            continue
        wholes = [p for p in persons if p.sentence == q.sentence and p.start < q.start and p.low > q.low]
        if wholes:
            return wholes[-1]
    return None


# How far before a count its "with" or "and" may stand, and its "other(s)" after it.
COMPANION_REACH = 2


def _companions(a: Analysis, q) -> int | None:
    """Where a count is told as the company of someone named before it (the token of its "with"
    or "and"), or None: "with", «avec», «رفقة» before it ("with two accomplices", «رفقة شخصين
    آخرين»), or "and"/«et»/«و» before and "other(s)", «autres», «complices», «آخرين» after
    («et deux autres suspects», "and two other men")."""
    k = a.token_at(q.start)
    s = a.sentences[q.sentence]
    lo = max(s.first_token, k - COMPANION_REACH)
    with_at = next((i for i in range(k - 1, lo - 1, -1) if _is_cue(a.lang, "companions_before", a.tokens[i].text)), None)
    if with_at is not None:
        return with_at
    joiner = next((i for i in range(k - 1, lo - 1, -1) if _is_cue(a.lang, "list_joiner", a.tokens[i].text)), None)
    if joiner is None and a.lang == "ar" and a.tokens[k].text.startswith("و"):
        joiner = k  # «واثنين آخرين»: the «و» written on the number
    end = a.token_at(q.end - 1)
    others = any(_is_cue(a.lang, "companions_after", a.tokens[i].text)
                 for i in range(k, min(end + 1 + COMPANION_REACH, s.last_token)))
    return joiner if joiner is not None and others else None


def _someone_before(a: Analysis, k: int) -> bool:
    """A singular person or a pronoun for one a few words before token ``k`` ("He and …")."""
    lo = max(a.sentences[a.tokens[k].sentence].first_token, k - COMPANION_REACH - 2)
    return any(_is_cue(a.lang, "person_singular", a.tokens[i].text) or _is_cue(a.lang, "singular_pronouns", a.tokens[i].text)
               for i in range(lo, k))


def _singular(a: Analysis, d: Draft) -> bool:
    """A singular person noun governed by the trigger."""
    # «توقيف شخص», «إيقاف أحد الموالين»: a singular noun right after the trigger, or after
    # the agency and the time that come first («أوقفت عناصر البسيج، صباح اليوم، شابا»);
    # in English and French also right before it («a suspected sympathiser arrested in»).
    s = a.sentences[d.sentence]
    singular = _cue_words(a.lang, "person_singular")
    # ... up to the sentence's next operation, whose object it would be
    nxt = min((p for p in a.op_positions.get(d.sentence, ()) if p > d.position), default=s.last_token)
    ages = [q for q in a.quantities_in(d.sentence) if q.kind == "age"]
    for i in range(d.position + 1, min(d.position + SINGULAR_REACH, s.last_token, nxt)):
        if a.tokens[i].is_number and any(q.start <= a.tokens[i].start < q.end for q in ages):
            continue  # "arrests 20-year-old ISIS supporter": an age, no count
        if a.tokens[i].is_number or (_has_word(a, i, i + 1, "plural_persons") and not _agents(a, i)):
            break
        if a.lang != "ar" and _is_cue(a.lang, "list_joiner", a.tokens[i].text):
            break  # «… arrêtés jeudi dernier et un recruteur établi à l'étranger»: another person
        if any(x in singular for x in stems(a.tokens[i].text)) and not _in_a_name(a, i):
            return True
    if a.lang != "ar":
        for i in range(max(s.first_token, d.position - 3), d.position):
            if any(x in singular for x in stems(a.tokens[i].text)) and not _in_a_name(a, i):
                return True
    return False


def _calls_itself_new(a: Analysis, d: Draft) -> bool:
    """«خلية جديدة», "another cell", «deux autres»: the report calls itself another operation.
    The definite «العنصرين الآخرين», «les deux autres» are the rest of a group already told."""
    if not a.has("new_operation", d.position - 1, d.position + NEW_REACH):
        return False
    places = a.in_sentence(d.sentence, "place")
    return any(not _definite_other(a, m) and not _breakdown_other(a, d, m)
               and not any(p.start <= m.start < p.end for p in places)  # «بالجديدة»: El Jadida, no "new" one
               for m in a.of_kind("new_operation") if d.position - 1 <= m.start < d.position + NEW_REACH)


def _breakdown_other(a: Analysis, d: Draft, m) -> bool:
    """«dont deux ont été arrêtés à Fès et deux autres à Sefrou», "two in Fez and two others in Sefrou": the
    others of a breakdown by town after the trigger, the next part of its count, no other operation."""
    k = m.start - 1
    return k in a.numbers and any(d.position < x.start < k for x in a.in_sentence(m.sentence, "place"))


def _definite_other(a: Analysis, m) -> bool:
    """A word of the rest of a group (lexicon part_after_number: «الآخرين», «autres») that is
    definite: written with its article («العنصرين الآخرين») or after one («les deux autres»)."""
    if not _is_cue(a.lang, "part_after_number", a.tokens[m.start].text):
        return False
    return not _cue_words(a.lang, "ref_before") or a.has("ref_before", max(0, m.start - 2), m.start)


def _in_a_name(a: Analysis, i: int) -> bool:
    """Token ``i`` is a word of a service's name: "the Spanish National Police dismantled",
    «la Garde nationale» hold no "national" arrested."""
    return any(m.kind in ("agency", "partner", "service") and m.start <= i < m.end
               for m in a.by_sentence.get(a.tokens[i].sentence, ()))


def _breakdown_rest(a: Analysis, first) -> int:
    """The counts that follow ``first`` in a breakdown by place: each part is a count, a place
    close after it, then «and»/«و» and the next count («ثلاثة متطرفين بطنجة واثنين آخرين
    بتطوان»). 0 when ``first`` is not followed by its place and such a part."""
    si = first.sentence
    places = sorted(a.in_sentence(si, "place"), key=lambda m: m.start)
    connectors = number_words(a.lang).connectors
    last = a.sentences[si].last_token
    pos, rest = a.token_at(first.end - 1) + 1, 0
    while True:
        place = next((m for m in places if pos <= m.start <= pos + PART_REACH), None)
        if place is None or not all(_links_a_part(a, i) for i in range(pos, place.start)):
            return rest
        j = place.end
        plus = next((m for m in a.in_sentence(si, "breakdown_addition") if m.start == j), None)
        if plus is not None:
            j = plus.end  # «، إضافة إلى عنصر في طانطان», "as well as one in Tan-Tan"
        elif j < last and a.tokens[j].text in connectors:
            j += 1  # «and two», «et deux»
        elif not (j < last and (a.tokens[j].text[:1] in connectors or not a.tokens[j].soft_before)):
            return rest  # «واثنين», «وعنصرين»: the connector glued to the count; ", two in Berrechid": a comma
        part = _part_count(a, j)
        if part is None:
            return rest
        value, end = part
        nxt = next((m for m in places if end <= m.start <= end + PART_REACH), None)
        if nxt is None or value >= 1000 or not all(_links_a_part(a, i) for i in range(end, nxt.start)):
            return rest  # «two kilograms in Fez» is no part of the count
        rest += value
        pos = nxt.start
        places = [m for m in places if m.start >= nxt.start]


def _part_count(a: Analysis, j: int) -> tuple[int, int] | None:
    """The count of a breakdown's part at token ``j`` and the token after it: a number («اثنين»,
    "two"), a dual that counts two persons («وعنصرين آخرين», «شخصين»: numbers.json dual_nouns) or a
    singular person noun, one («إضافة إلى عنصر في طانطان»)."""
    if j in a.numbers:
        return a.numbers[j]
    if j >= len(a.tokens):
        return None
    for q in a.quantities_in(a.tokens[j].sentence):
        if q.kind == "persons" and a.token_at(q.start) == j:
            return q.low, a.token_at(q.end - 1) + 1
    if any(x in _cue_words(a.lang, "person_singular") for x in stems(a.tokens[j].text)):
        return 1, j + 1
    return None


def _links_a_part(a: Analysis, i: int) -> bool:
    """A word that may stand between a part's number and its place: a person noun, «others»,
    a preposition, a word for a town, the group the persons follow («واثنين آخرين بمدينة
    تطوان», «trois partisans de Daech à Tanger»), the passive arrest that places them ("three
    of its members were arrested in Beni Mellal", «trois ont été interpellés à Béni Mellal»)."""
    forms = stems(a.tokens[i].text)
    if any(x in _cue_words(a.lang, "breakdown_links") or x in _cue_words(a.lang, "person")
           or x in _cue_words(a.lang, "passive_auxiliary") or x in _cue_words(a.lang, "possessive") for x in forms):
        return True
    return any((m.kind == "org" or m.kind == "trigger:arrest") and m.start <= i < m.end
               for m in a.by_sentence.get(a.tokens[i].sentence, ()))


def _agents(a: Analysis, i: int) -> bool:
    """«عناصر المكتب المركزي», «عناصر الأمن»: a plural word for the officers, not the suspects."""
    # (or the agency's name that begins with it: «عناصر الشرطة القضائية»)
    return any(m.kind in ("agency", "service") and i <= m.start <= i + 2
               for m in a.by_sentence.get(a.tokens[i].sentence, ()))


def _mentions_plural(a: Analysis, d: Draft) -> bool:
    """«توقيف عناصر», «arrested suspects», "the suspects were arrested", "the rest were detained": several
    persons, number untold."""
    s = a.sentences[d.sentence]
    if d.position < len(a.tokens) and _is_cue(a.lang, "plural_arrest_nouns", a.tokens[d.position].text) and (
            not _cue_words(a.lang, "plural_arrest_noun_before")  # ("Morocco arrests …" is a verb: a determiner first)
            or d.position > s.first_token and _is_cue(a.lang, "plural_arrest_noun_before", a.tokens[d.position - 1].text)):
        return True  # «Les interpellations ont eu lieu à Berrechid», "the arrests took place": the word itself
    return _has_word(a, max(s.first_token, d.position - PLURAL_SUBJECT_REACH), min(d.position + 5, s.last_token),
                     "plural_persons") or _has_word(
        a, max(s.first_token, d.position - REST_SUBJECT_REACH), d.position + 1, "rest_of_count")


# Tokens before a trigger where the rest of a count stands as its subject ("while the rest were detained").
REST_SUBJECT_REACH = 4
# Tokens before a passive trigger where its plural subject stands ("The suspects were arrested", «Les suspects
# ont été interpellés»).
PLURAL_SUBJECT_REACH = 3


# Letters an Arabic word may carry glued before it («بخلية», «وباسم»); the article «ال» is not one.
_AR_CLITICS = "[وفبلك]{0,2}"
CELL_NAME_GAP = 2  # words between a naming word and the quoted name («أطلق عليها أفرادها اسم», «calling itself the»)
CELL_NAME_MIN_WORDS = 2  # «خلية "داعشية"» describes; a cell's own name has two words or more


@lru_cache(maxsize=None)
def _cell_name_res(lang: str) -> tuple[re.Pattern, ...]:
    """A quoted name after a naming word (``cell_name_intro``: «تطلق على نفسها اسم», "dubbed",
    «baptisée») a word or two away, or right after the cell noun (``cell_name_noun``:
    «خلية "أسود الخلافة"», «la cellule « X »», «la cellule des « X »»). An Arabic cell noun with the article
    («الخلية "يتزعمها…"») opens a quotation, not a name. Single quotes count only as quotes
    opened after a space («Morocco's» is no quote)."""
    pre = _AR_CLITICS if lang == "ar" else ""

    def alt(name: str) -> str:
        words = sorted(_cue_words(lang, name), key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) or "(?!x)x"

    quoted = r"(?:\"([^\"\n]{3,80}?)\"|(?<!\w)'([^'\n]{3,80}?)'(?!\w))"
    intro = rf"(?<!\w){pre}(?:{alt('cell_name_intro')})(?!\w)\s*(?:[\w-]+\s+){{0,{CELL_NAME_GAP}}}?\s*{quoted}"
    # «la cellule des « Lions du califat »»: the article of the name between the noun and the quote
    noun = rf"(?<!\w){pre}(?:{alt('cell_name_noun')})\s*(?:(?:{alt('cell_name_article')})\s*)?{quoted}"
    return compile_pattern(intro), compile_pattern(noun)


@lru_cache(maxsize=None)
def _cell_name_guarded(lang: str) -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """:func:`_cell_name_res` with each pattern's required words."""
    return guarded(_cell_name_res(lang))


def _cell_name(a: Analysis, d: Draft, title: bool) -> str | None:
    """A cell's own name in quotes: «خلية "أسود الخلافة"», «تطلق على نفسها اسم "…"».

    The article's title speaks of its first event; a quoted group name («لتنظيم "الدولة
    الإسلامية"», "the so-called "Islamic State"") or a one-word epithet is not a cell name.
    """
    sentences = ([0] if title else []) + sorted(d.sentences)
    text = a.nt.text
    for si in sentences:
        s = a.sentences[si]
        if text.find('"', s.start, s.end) < 0 and text.find("'", s.start, s.end) < 0:
            continue  # a name is quoted
        (intro_rx, intro_words), (noun_rx, noun_words) = _cell_name_guarded(a.lang)
        intros = intro_rx.finditer(text, s.start, s.end) if may_match(intro_words, text, s.start, s.end) else ()
        nouns = noun_rx.finditer(text, s.start, s.end) if may_match(noun_words, text, s.start, s.end) else ()
        found = sorted([(m, True) for m in intros] + [(m, False) for m in nouns], key=lambda x: x[0].start())
        for m, after_intro in found:
            g = 1 if m.group(1) is not None else 2
            lo, hi = m.start(g), m.end(g)
            if len(m.group(g).split()) < CELL_NAME_MIN_WORDS or _names_a_group(a, si, lo, hi):
                continue
            at = a.token_at(m.start())
            if after_intro and not a.has("cell_name_subject", s.first_token, at + 1) \
                    and not a.has("cell_name_self", at, at + 1):
                # 'a man named "Abu …"': a naming word names a cell, network or group said before it, or the suspects
                # naming themselves («Les mis en cause se faisaient appeler « … »», "They called themselves")
                continue
            ops = a.op_positions.get(si, ())
            if si == d.sentence and len(ops) > 1 and min(ops, key=lambda p: (abs(p - at), p)) != d.position:
                continue  # a list of operations in one sentence: the name is the nearest one's
            start, end = a.nt.original_span(lo, hi)
            name = a.doc.text[start:end].strip()
            if a.lang != "ar" and name[:1].islower() and re.sub(r"^(?:the|les|le|la|l')\s*", "", name)[:1].islower():
                # "cell 'plotting bomb attacks'": quoted words of a claim; a name is capitalized, on its
                # article or after it («Les lions du califat», «les Lions du califat»)
                continue
            return name
    return None


def _names_a_group(a: Analysis, si: int, lo: int, hi: int) -> bool:
    """Whether a known group's name fills the quotes (all but one word of them)."""
    inside = []
    for i in range(a.token_at(lo), len(a.tokens)):
        if a.tokens[i].start >= hi:
            break
        inside.append(i)
    if not inside:
        return False
    covered = {i for x in a.in_sentence(si, "org") for i in range(x.start, x.end)}
    return len([i for i in inside if i not in covered]) <= 1 and any(i in covered for i in inside)


def _killed(a: Analysis, d: Draft) -> int | None:
    killed = [q for q in d.quantities if q.kind == "killed"]
    return killed[0].low if killed else None


def _decide_background(a: Analysis, events: list[tuple[Event, Draft]], earlier: set[int] = frozenset()) -> None:
    """History or news: explicit cues, dates well before the reference date, famous attacks.

    The reference date is the publication date, else the latest date of the news. An
    operation other than the article's first news, dated well before it or to a bare year,
    is history too.
    """
    pub = parse_iso(a.published)
    news = [(e, d) for e, d in events if not d.strong_background]
    main = news[0] if news else (events[0] if events else None)
    ref = pub
    if ref is None:
        ends = [date_bounds(e.date)[1] for e, _ in news if e.date and date_bounds(e.date)]
        ref = max(ends) if ends else None
    main_bounds = date_bounds(main[0].date) if main is not None else None

    def later_bounds(d: Draft):
        """The dates of the news told as such (not in a relative clause), other than d."""
        return (date_bounds(e.date) for e, x in news if x is not d and not x.given and e.date)
    for ev, d in events:
        bg = d.strong_background or id(ev) in earlier
        bounds = date_bounds(ev.date)
        if ref and bounds and bounds[1] < shift_within(ref, -BACKGROUND_AGE_DAYS):
            bg = True
        if (pub and bounds and ev.type != "attack" and (bounds[1] - bounds[0]).days < NEWS_DAYS
                and bounds[1] < shift_within(pub, -NEWS_DAYS) and not (main is not None and main[1] is d
                                                                      and not a.claim_values)):
            # «Le 21 juin, une cellule … était démantelée» in an analysis of 29 July; the operation an
            # article is about stays its news for weeks (an analysis, a weekly's review), unless the
            # article counts figures (a month's or a year's recap: its operations are its examples)
            bg = True
        if main is not None and main[1] is not d and bounds:
            if main_bounds and bounds[1] < shift_within(main_bounds[0], -EARLIER_OPERATION_DAYS):
                bg = True  # another operation, told as over well before the news one
            if main_bounds and len(ev.date) == 7 and len(main[0].date) == 10 and ev.date < main[0].date[:7]:
                bg = True  # "one of the operations was in February" beside Monday's news: told to the month, earlier
            if d.given and any(b and bounds[1] < b[0] for b in later_bounds(d)):
                bg = True  # «الخلية التي تم تفكيكها الأربعاء» beside Sunday's arrest: the known cell
        if bounds and len(ev.date) == 4 and (pub is None or int(ev.date) != pub.year):
            bg = True  # news is dated to the day; a bare year («عام 2011») recalls history
        if bounds and len(ev.date) == 7 and pub is not None and ev.date < a.published[:7]:
            bg = True  # ... and a bare month before the publication's ("In February", in March) too
        if d.known_attack and ev.type == "attack":
            known = parse_iso(d.known_attack.get("date"))
            if pub is None or known is None or abs((pub - known).days) > KNOWN_ATTACK_NEWS_DAYS:
                if not (pub is None and main is not None and main[1] is d and not ev.date and not bg):
                    bg = True
        if main is not None and main[1] is not d and ev.type == "attack" and main[0].type != "attack" and (
                not ev.date or d.suspected and not d.known_attack):
            bg = True  # the news is the arrest; the attack it is for came before
        ev.background = bg
