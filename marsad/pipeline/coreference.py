"""Stage 2c: in-document event coreference — the reports of one operation in one article
become one event, with the union of their facts.

Articles tell their news more than once: a headline, a lead, a body that restates it
("the cell", «الخلية المذكورة»), a closing paragraph on what the same raid seized, a
spokesman's words that retell it. Each telling is an event mention here; this stage
decides which mentions are one operation.

The rule. Two mentions of one article are one operation when nothing tells them apart
and something ties them together.

Told apart (any one keeps them two events):
  - kinds that cannot be one operation (an attack and an arrest; two different
    well-known attacks); a seizure joins an operation only when told after it;
  - the later mention calls itself another operation («خلية جديدة», "another cell");
  - another country's service made the arrests (each side's arrests told apart), unless
    the text presents one cell the two sides dismantled together: a cell's dismantling told
    on the Moroccan side, or the partner's arrested called its members (SPEC; dates a month
    or more apart are two operations whatever the framing);
  - dates that cannot overlap (2024-11-22 and 2024-11 overlap; 2020-03 and 2020-07 do not),
    unless a headline or lead is dated by the publication and the body gives the
    operation's day of the week before;
  - Moroccan places on both sides with none in common, unless one is the headline or
    lead and the other the body's first report (a headline names the region, the
    wire's city or the place the cell was "near"), or one is placed by an area only
    («au sud de Casablanca»);
  - groups on both sides with none in common (ISIS and its Sahel branch are one family);
  - counts on both sides that differ, unless one's count is among the counts the other's
    sentences give (a lead's total beside a town's share, told again as «العناصر التسعة»);
  - one is history (background) and the other the news, unless one of them is a
    well-known attack named twice, or the arrest of the person a suspicion names told again
    on its own, the same day in the same town.

Tied together (one is enough):
  - the same well-known attack, or an attack told without its name whose date and
    place agree with it ("over last week's bombing");
  - an overlapping date, or a place in common;
  - one of them is an echo: no date and no place of its own ("the suspects", a
    closing paragraph, the count told again);
  - one of them is the article's headline or lead (its first two sentences) and the
    other the first report of that kind after it: headlines name a region or no place;
  - one is placed by an area only and the other's towns lie in that area's region
    («… au sud de Casablanca» and «à Berrechid et à Had Soualem»).

Merging keeps the first mention's values and fills what it lacks from the others; lists
are united; the most specific date wins; a well-known attack keeps its own places. A
mention already merged is not compared again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from ..models import Event
from ..places import moroccan_places
from ..resources import data_text
from ..text.dates import date_bounds, dates_may_overlap
from .spans import merge_spans

OPERATION_TYPES = ("cell_dismantled", "arrest")
LIST_FIELDS = ("places", "affiliation", "agencies", "partners", "seized", "plot", "targets")
SCALAR_FIELDS = ("date", "arrested", "killed", "age_min", "age_max", "cell_name")
# Sentences at the head of an article that restate its news (title, lead).
HEAD_SENTENCES = 2
# Days between an operation and its announcement in a headline or caption.
ANNOUNCED_DAYS = 7


class Told(Protocol):
    """Where a mention is told (a draft of :mod:`marsad.pipeline.drafts`)."""

    sentence: int  # the sentence of its trigger
    sentences: set[int]  # every sentence that supports it
    known_attack: dict | None  # the well-known attack it names
    quantities: list  # the counts (marsad.pipeline.mentions.Quantity) of its sentences
    recalled: bool  # the arrest of a person a suspicion names, recalled inside another report
    part_of_told: bool  # its count is a part of persons told before («ثلاثة منهم», "three of them")
    same_cell: bool  # its sentence says its persons are of the same cell («de la même cellule»)
    statement_dated: bool  # its date is the day of the statement that reports it ("said on Friday")
    # (a draft also carries ``tally``, the case's running total it told, ``same_day``, its arrest made the same day,
    # and ``vague_places``, placed by an area only: read with getattr, tables of tests omit them)


Mention = tuple[Event, Told]


@dataclass(frozen=True)
class JointFraming:
    """How a document frames a joint operation: whether it calls one joint ("a joint
    operation", «عملية مشتركة»), the sentences that tell a cell dismantled ("dismantled a
    jihadist cell", «تفكيك خلية») and those that name a cell ("of the same terrorist cell")."""

    called_joint: bool = False
    cell_dismantled: frozenset[int] = frozenset()
    cell_named: frozenset[int] = frozenset()

    def one_cell(self, moroccan: Told, foreign: Told) -> bool:
        """The text presents one cell the two sides dismantled together (SPEC): the Moroccan
        side is told as a cell's dismantling, or the partner's arrested as that cell's members."""
        return moroccan.sentence in self.cell_dismantled or foreign.sentence in self.cell_named


def corefer(events: list[Mention], published: str | None = None,
            framing: JointFraming = JointFraming(), live: bool = False) -> list[Mention]:
    """Merge the mentions of one operation, in text order; the others keep their order.
    ``framing`` tells whether a partner's arrests beside a Moroccan cell are that cell's; ``live``
    that the text is a live blog following one operation (:func:`_follow_the_live_blog`)."""
    if live:
        events = _follow_the_live_blog(events)
    out: list[Mention] = []
    counts = frozenset(q.low for _, d in events for q in d.quantities if q.kind == "persons")
    for ev, d in events:
        member_of = _member_told_after(out, (ev, d))
        if member_of is not None:
            _absorb_member(member_of, (ev, d))
            continue
        # an arrest recalled inside another report and told again goes to that recall first, and a haul to the
        # operation of its sentence (a recap's cache after a recalled cell, not the news told before)
        target = next((o for o in out if (_retold(o, (ev, d)) or _its_haul(o, (ev, d)))
                       and one_operation(o, (ev, d), out, published, counts, framing)), None) or next(
            (o for o in out if one_operation(o, (ev, d), out, published, counts, framing)), None)
        if target is None:
            out.append((ev, d))
        else:
            _absorb(target, (ev, d), published)
    if len(out) < len(events) and len(out) > 1:
        # a merge changes what a report says (a headline's arrest becomes the cell the body tells):
        # a report kept apart before it may now join it
        again = corefer(out, published, framing)
        if len(again) < len(out):
            return again
    return out


def _follow_the_live_blog(events: list[Mention]) -> list[Mention]:
    """A live blog («**10h40** – Deux nouvelles interpellations à Salé … Le bilan provisoire passe à cinq», "12:15 – a
    suspect was arrested in Tetouan") follows one operation through the day: its news operations with no day of
    their own (or the first one's) are that operation, growing — its towns, and the largest count told."""
    ops = [(e, d) for e, d in events if e.type in OPERATION_TYPES and not e.background and e.country == "MA"]
    if len(ops) < 2:
        return events
    first = ops[0]
    merged = []
    for ev, d in ops[1:]:
        if ev.date and ev.date != first[0].date or ev.cell_name and first[0].cell_name and ev.cell_name != first[0].cell_name:
            continue
        counts = [x for x in (first[0].arrested, ev.arrested) if x is not None]
        _absorb(first, (ev, d))
        if counts:
            first[0].arrested = max(counts)
            first[0].type = "cell_dismantled" if first[0].arrested >= 2 else first[0].type
        merged.append(id(ev))
    return [(e, d) for e, d in events if id(e) not in merged]


def _member_told_after(out: list[Mention], later: Mention) -> Mention | None:
    """"The statement described the suspects one by one. A 34-year-old baker was arrested in Berrechid. In
    Settat, police detained a 41-year-old car mechanic …": right after a cell's dismantling whose count the
    text does not give, or gives as the sum of such persons, one person arrested with no day of its own (and
    nothing calling the arrest new) is one of the cell's members. Returns that cell's mention, or None."""
    ev, d = later
    if not out or ev.type != "arrest" or ev.arrested != 1 or ev.date or ev.background or ev.new or d.recalled:
        return None
    cell = out[-1]
    ec, dc = cell
    if ec.type != "cell_dismantled" or ec.background or ec.country != ev.country or d.sentence <= dc.sentence:
        return None
    return cell if ec.arrested is None or getattr(dc, "members_told", None) == ec.arrested else None


def _single_ages(d: Told) -> int:
    """The persons a report tells by a single age each ("a 34-year-old baker")."""
    return len({(q.start, q.end) for q in d.quantities if q.kind == "age" and q.low == q.high})


def _absorb_member(into: Mention, member: Mention) -> None:
    """The cell takes one more member: its count (the members told so far), towns and ages."""
    kept, ev = into[0], member[0]
    # each person told by a single age is one member ("The youngest, a 20-year-old street vendor, was arrested
    # in Sidi Bennour. A 37-year-old farm labourer … was held in Ben Ahmed": one report, two members); the cell's
    # own report may have told its first member
    told = getattr(into[1], "members_told", None)
    if told is None:
        told = _single_ages(into[1])
    told += max(1, _single_ages(member[1]))
    into[1].members_told = told
    ages = [x for x in (kept.age_min, kept.age_max, ev.age_min, ev.age_max) if x is not None]
    _absorb(into, member)
    kept.arrested = told
    if ages:
        kept.age_min, kept.age_max = min(ages), max(ages)


def one_operation(first: Mention, later: Mention, kept: list[Mention] = (),
                  published: str | None = None, counts: frozenset[int] = frozenset(),
                  framing: JointFraming = JointFraming()) -> bool:
    """Whether ``later`` (told after ``first``) reports the same operation; ``kept`` are the
    events already told, for the headline rule; ``counts`` the counts of persons the document
    tells, for a joint cell's shares, and ``framing`` how it frames a joint operation."""
    (ea, da), (eb, db) = first, later
    if da.known_attack is not None and da.known_attack is db.known_attack:
        return True  # the headline's «تفجير أركانة» and the lead's account of it
    if not _kinds_agree(ea, eb):
        return False
    if da.known_attack is not None and db.known_attack is not None:
        return False
    if da.known_attack is not None or db.known_attack is not None:
        # "over last week's bombing" after «تفجير أركانة»: the same attack, told without its name
        # ("… du café Argana à Marrakech en avril 2011 (17 morts)": its toll, placeless, in its sentence)
        known = (da.known_attack or db.known_attack).get("date")
        placed = bool(set(ea.places) & set(eb.places)) or (
            da.sentence == db.sentence and not (ea.places and eb.places))
        return (ea.type == eb.type and not eb.new and placed
                and dates_may_overlap(ea.date or known, eb.date or known))
    if ea.background != eb.background and not _retold(first, later) and not _its_haul(first, later):
        return False
    if _rise_of_one_case(first, later):
        return True
    joint = ea.country != eb.country and not _months_apart(ea.date, eb.date)
    if (db.same_cell or getattr(db, "same_day", False) and not eb.new) and not joint \
            and ea.type in OPERATION_TYPES and (not eb.date or eb.date == ea.date):
        # «… s'est étendue à Berrechid …, où d'autres membres de la même cellule ont été appréhendés»: "other"
        # members, not another operation; «Leur cousin a été interpellé le même jour à Settat»: the arrests of the
        # operation's day, in another town (not "another cell" that day; a partner's are its side, ``joint``)
        return True
    if joint and not _one_joint_cell(first, later, counts, framing) or eb.new and not joint:
        return False  # a partner's «الستة الآخرين», "three more" are the joint cell's other members
    if not dates_may_overlap(ea.date, eb.date) and not joint and not (
            _announced(ea.date, eb.date, published) and _head_and_body(first, later, kept)) \
            and not _statement_after(first, later) and not _statement_after(later, first):
        return False
    if not _sets_agree(moroccan_places(ea.places), moroccan_places(eb.places)) and not _head_and_body(first, later, kept) \
            and not (getattr(da, "vague_places", False) or getattr(db, "vague_places", False)):
        return False  # (an area, «au sud de Casablanca», tells no town apart)
    if not _sets_agree(_families(ea.affiliation), _families(eb.affiliation)):
        return False
    if ea.arrested is not None and eb.arrested is not None and ea.arrested != eb.arrested and not joint \
            and not _told_count(eb.arrested, da) and not _told_count(ea.arrested, db) \
            and not _shares(ea.arrested, eb.arrested, da, db) and not _shares(eb.arrested, ea.arrested, da, db) \
            and not (db.part_of_told and eb.arrested < ea.arrested):  # «ثلاثة منهم أوقفوا ببني ملال»
        return False  # (the legs of one joint cell each count their own)
    if joint or ea.date and eb.date or set(ea.places) & set(eb.places):
        return True
    if _echo(eb) or _echo(ea):
        return True
    if (getattr(da, "vague_places", False) or getattr(db, "vague_places", False)) and _same_region(ea.places, eb.places):
        return True  # «… au sud de Casablanca» and «à Berrechid et à Had Soualem»: the area and its towns
    return _head_and_body(first, later, kept)


def _same_region(x: list[str], y: list[str]) -> bool:
    """A Moroccan region holds a place of each list (Casablanca and Berrechid: Casablanca-Settat)."""
    from ..places import load_places
    places = load_places()
    regions = lambda ids: {p.region for i in ids if (p := places.get(i)) is not None and p.region}  # noqa: E731
    return bool(regions(moroccan_places(x)) & regions(moroccan_places(y)))


# Days between the first arrests of a case and those that made its running total rise, one operation (SPEC: a
# follow-up announced days later is its own).
TALLY_DAYS = 1


def _rise_of_one_case(first: Mention, later: Mention) -> bool:
    """A running total of the case («ليرتفع عدد أفراد هذه الخلية الموقوفين إلى أربعة», «le nombre de suspects
    passe à 8», "bringing the number of arrests to four") makes the reports it sums one operation: news
    operations of the same day or the next, each counting no more than the total, whatever towns and
    "other" persons each names (the arrests that made it rise)."""
    (ea, da), (eb, db) = first, later
    tallies = [t[0] for t in (getattr(da, "tally", None), getattr(db, "tally", None)) if t]
    if not tallies or ea.background or eb.background or "attack" in (ea.type, eb.type):
        return False
    if any(n is not None and n > max(tallies) for n in (ea.arrested, eb.arrested)):
        return False
    bx, by = date_bounds(ea.date), date_bounds(eb.date)
    return not (bx and by) or max((bx[0] - by[1]).days, (by[0] - bx[1]).days) <= TALLY_DAYS


# The legs of one joint operation are told days apart at most; a month more is another operation.
JOINT_DAYS = 31


def _months_apart(x: str | None, y: str | None) -> bool:
    """Both dated, and a month or more between them (a cell in February, a joint operation
    recalled from November)."""
    bx, by = date_bounds(x), date_bounds(y)
    if not (bx and by):
        return False
    return max((bx[0] - by[1]).days, (by[0] - bx[1]).days) > JOINT_DAYS


def _told_count(n: int, d: Told) -> bool:
    """Whether ``n`` persons is a count the mention's own sentences give, beside the one its
    event kept: the total of a lead («إيقاف تسعة من أعضائها») beside a town's share («ثلاثة …
    بتطوان»), so that «توقيف العناصر التسعة» later is the same operation."""
    return any(q.kind == "persons" and q.low <= n <= q.high for q in d.quantities)


def persons_by_sentence(quantities) -> dict[int, list]:
    """The counts of persons among ``quantities`` by sentence, each span once: a sentence's parts
    of a breakdown ("nine in Melilla, while … two men in Nador")."""
    out: dict[int, dict] = {}
    for q in quantities:
        if q.kind == "persons":
            out.setdefault(q.sentence, {})[(q.start, q.end)] = q
    return {si: list(parts.values()) for si, parts in out.items()}


def _shares(total: int, part: int, da: Told, db: Told) -> bool:
    """Whether ``part`` is one of the counts of a sentence that add up to ``total``: the lead's
    "eleven people arrested" beside "nine in Melilla, while … two men in Nador"."""
    return any(len(p) >= 2 and sum(q.low for q in p) == total and part in {q.low for q in p}
               for p in persons_by_sentence(list(da.quantities) + list(db.quantities)).values())


def _one_joint_cell(first: Mention, later: Mention, counts: frozenset[int], framing: JointFraming) -> bool:
    """A partner's arrests join the Moroccan operation when the text presents one cell
    dismantled together (SPEC), whatever days the two sides' reports carry: either side
    uncounted, or a Moroccan cell's dismantling (or the partner's arrested called its members)
    in a document that calls the operation joint, or whose count is the whole, the partner's
    arrests one part and the Moroccan share another told in the document («تفكيك خلية إرهابية
    وتوقيف تسعة من أعضائها، ثلاثة منهم بتطوان، فيما أوقفت السلطات الإسبانية الستة الآخرين»).
    Arrests without a cell dismantled together ("Moroccan and Spanish police arrested four
    people … The BCIJ detained a man in Tangier … In Spain, police detained three men in
    Madrid"), or beside a Moroccan arrest of one, are each side's told apart: two events
    (dev3 n7-10, blind batches 6 and 7)."""
    (ea, da), (eb, db) = first, later
    (moroccan, dm), (foreign, df) = (first, later) if ea.country == "MA" else (later, first)
    if "MA" not in (ea.country, eb.country) or moroccan.type != "cell_dismantled":
        return False
    if moroccan.arrested is None or foreign.arrested is None:
        return True
    if not framing.one_cell(dm, df):
        return False
    if framing.called_joint or foreign.country in moroccan.partners:
        # "Moroccan and Spanish security services dismantled a cell …, while nine others were
        # detained in Melilla by the Spanish National Police"
        return True
    share = moroccan.arrested - foreign.arrested
    return share > 0 and share in counts


def _retold(first: Mention, later: Mention) -> bool:
    """The arrest of the person a suspicion names, recalled inside the news ("… suspected of feeding
    videos to the 18-year-old detained in Meknes on Tuesday"), told again on its own, the same day
    in the same town ("Recap: On Tuesday, police in Meknes arrested an 18-year-old …")."""
    (ea, da), (eb, db) = first, later
    return ((da.recalled or db.recalled) and bool(ea.date) and ea.date == eb.date and len(ea.date) == 10
            and bool(set(ea.places) & set(eb.places)))


def _its_haul(first: Mention, later: Mention) -> bool:
    """A seizure with no date of its own told in the operation's sentence («أوقفت … شخصين …، قبل أن تقود التحريات
    إلى مخبأ للأسلحة»): that operation's haul, history with it when the operation is."""
    (ea, da), (eb, db) = first, later
    return ea.type in OPERATION_TYPES and eb.type == "seizure" and not eb.date and da.sentence == db.sentence


def _kinds_agree(ea: Event, eb: Event) -> bool:
    if ea.type == eb.type:
        return True
    if ea.type in OPERATION_TYPES and eb.type in OPERATION_TYPES:
        return True
    return ea.type in OPERATION_TYPES and eb.type == "seizure"  # the raid's haul, told after it


def _announced(x: str | None, y: str | None, published: str | None) -> bool:
    """One date is the publication's (a headline or caption dated by the announcement) and
    the other a day of the ANNOUNCED_DAYS before it: the operation's own."""
    if not published or published not in (x, y):
        return False
    other, pub = date_bounds(y if x == published else x), date_bounds(published)
    return bool(other and pub) and 0 <= (pub[0] - other[1]).days <= ANNOUNCED_DAYS


def _statement_after(stated: Mention, told: Mention) -> bool:
    """``stated`` is dated by the statement that reports it ("dismantled a cell …, a source said on
    Wednesday") and ``told`` by a day of the ANNOUNCED_DAYS before that statement ("The suspects were
    arrested Tuesday"): the statement reports that day's operation."""
    (es, ds), (et, _) = stated, told
    if not ds.statement_dated or not es.date or not et.date or len(es.date) != 10 or len(et.date) != 10:
        return False
    said, done = date_bounds(es.date), date_bounds(et.date)
    return 0 < (said[0] - done[0]).days <= ANNOUNCED_DAYS


def _sets_agree(x: set[str], y: set[str]) -> bool:
    return not (x and y and not x & y)


@lru_cache(maxsize=None)
def org_families() -> dict[str, str]:
    """A branch's id -> its group's id (``data/other/org_families.json``)."""
    return json.loads(data_text("other", "org_families.json"))["families"]


def _families(orgs: list[str]) -> set[str]:
    families = org_families()
    return {families.get(o, o) for o in orgs}


def _echo(ev: Event) -> bool:
    """A mention with no date and no place of its own restates an operation already told."""
    return not ev.date and not ev.places


def _head_and_body(first: Mention, later: Mention, kept: list[Mention]) -> bool:
    (ea, da), db = first, later[1]
    if da.sentence >= HEAD_SENTENCES or db.sentence <= da.sentence:
        return False
    # the first report of that kind after the head: nothing of that kind came between
    return not any(d.sentence > da.sentence and _kinds_agree(ea, e) for e, d in kept if d is not da)


def _absorb(into: Mention, other: Mention, published: str | None = None) -> None:
    kept, ev = into[0], other[0]
    merge_spans(kept, ev)
    # the counts the merged mention's sentences give are the kept one's too (a partner's nine
    # beside the Moroccan two make the lead's eleven)
    into[1].quantities = list(into[1].quantities) + [q for q in other[1].quantities if q not in into[1].quantities]
    if ev.known and not kept.known:  # a well-known attack's own places win
        kept.known, kept.places = ev.known, list(ev.places)
    if getattr(into[1], "known_attack", None) is None and getattr(other[1], "known_attack", None) is not None:
        # «Le dernier attentat … remonte au 28 avril 2011 : … le café Argana … tuant 17 personnes»: the mention now
        # names the attack, for the next report of it in the sentence (its toll)
        into[1].known_attack = other[1].known_attack
    if kept.country != ev.country:  # one joint cell: a Moroccan event, the partner among its partners
        foreign = kept.country if kept.country != "MA" else ev.country
        kept.country, kept.partners = "MA", list(dict.fromkeys(kept.partners + [foreign]))
        kept.type = "cell_dismantled"
        _joint_total(into, other)
    if kept.type == "arrest" and ev.type == "cell_dismantled":
        kept.type = ev.type
    for f in LIST_FIELDS:
        if f == "places" and kept.known and not ev.known:
            continue  # «اعتقال منفذه بآسفي» is the arrest's town, not the attack's
        setattr(kept, f, list(dict.fromkeys(getattr(kept, f) + getattr(ev, f))))
    if other[1].same_cell and ev.arrested is None and kept.arrested is not None and not any(
            q.kind == "persons" and q.low < kept.arrested for q in into[1].quantities):
        # «trois suspects ont été interpellés … d'autres membres de la même cellule ont été appréhendés»: the three
        # are a part of a total the text does not give; but "Twelve members … Three suspects were arrested in
        # Casablanca. Other members were arrested in Fez …": the twelve, told beside its parts, is the total
        kept.arrested = None
        kept.spans.pop("arrested", None)
    for f in SCALAR_FIELDS:
        if getattr(kept, f) is None:
            setattr(kept, f, getattr(ev, f))
    if _narrower(ev.date, kept.date) or (kept.date == published and _announced(kept.date, ev.date, published)) \
            or _statement_after(into, other):
        kept.date = ev.date  # the most specific of the dates that agree; the operation's, not its announcement's
        if "date" in ev.spans:
            kept.spans["date"] = list(ev.spans["date"])
    if kept.type == "arrest" and (kept.arrested or 0) >= 2:
        kept.type = "cell_dismantled"
    into[1].sentences |= other[1].sentences
    tallies = [t for t in (getattr(into[1], "tally", None), getattr(other[1], "tally", None)) if t]
    if tallies and kept.date and ev.date and len(kept.date) == len(ev.date) == 10 and ev.date < kept.date:
        kept.date = ev.date  # a case whose total rose the next day began on the first day
        if "date" in ev.spans:
            kept.spans["date"] = list(ev.spans["date"])
    if tallies:
        into[1].tally = max(tallies, key=lambda t: t[1])  # the last total told


def _joint_total(into: Mention, other: Mention) -> None:
    """The count of one joint cell whose two sides were told apart is its total (SPEC): the cell's size
    when the other side tells it ("a cell of six members …, whose agents arrested two members in Tetouan
    and Nador"; the sides' counts are otherwise kept as the text's lead gives them)."""
    kept, ev = into[0], other[0]
    if kept.arrested is not None and ev.arrested is not None and ev.arrested > kept.arrested \
            and getattr(other[1], "cell_size", False):
        kept.arrested = ev.arrested
        if "arrested" in ev.spans:
            kept.spans["arrested"] = list(ev.spans["arrested"])


def _narrower(x: str | None, y: str | None) -> bool:
    bx, by = date_bounds(x), date_bounds(y)
    return bool(bx and by and by[0] <= bx[0] and bx[1] <= by[1] and bx != by)
