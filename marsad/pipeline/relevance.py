"""Whether a document reports or cites counter-terrorism in or about Morocco."""
from __future__ import annotations

import json
from functools import lru_cache

from ..resources import data_text
from .mentions import Analysis

# Off-topic words (drugs, fraud, football) outweigh this many counter-terrorism words.
OFFTOPIC_MARGIN = 1
# Services only Morocco has; «وزارة الداخلية» alone could be any country's.
MOROCCAN_ONLY = frozenset({"bcij", "dgst", "dgsn", "bnpj", "royal-gendarmerie"})
# A story about another country mentions it this many times more than Morocco.
FOREIGN_RATIO = 3
# Tokens from an arrest word to the Moroccan town it happened in («l'arrestation à Meknès», «arrested in Oujda»).
ARREST_TOWN_REACH = 2
# Tokens from "jointly with", «en coopération avec» to the Morocco it names («… avec les services marocains»).
JOINT_REACH = 4
# The mentions that count as counter-terrorism vocabulary (a known attack only beside a
# trigger): a relevant document has at least one (marsad.pipeline.prefilter relies on it).
CT_KINDS = frozenset({"ct", "org", "known_attack"})


def is_relevant(a: Analysis) -> bool:
    """Counter-terrorism vocabulary, a Moroccan link, and not mainly another subject.

    A BCIJ cocaine bust, an ordinary murder or an operation in Jordan are not relevant.
    """
    ct = offtopic = moroccan = foreign = twins = 0
    twin_towns = _twin_towns()
    # a well-known attack named in a report of arrests or attacks («جريمة شمهروش»: the first
    # suspect arrested) is counter-terrorism even before anyone writes the word
    triggered = any(m.kind.startswith("trigger:") for m in a.mentions)
    for m in a.mentions:
        kind = m.kind
        if kind in CT_KINDS and (kind != "known_attack" or triggered):
            ct += 1
        elif kind == "offtopic":
            offtopic += 1
        elif kind == "morocco" or (kind == "agency" and m.value in MOROCCAN_ONLY):
            moroccan += 1
        elif kind == "partner":
            foreign += 1
        elif kind == "place":
            if m.value.country == "MA":
                moroccan += 1
                twins += m.value.id in twin_towns
            else:
                foreign += 1
    if ct == 0 and _a_cache_for_the_intelligence_service(a):
        ct = 1
    if ct == 0 or offtopic > ct + OFFTOPIC_MARGIN:
        return False
    if twins == moroccan and foreign:
        # only towns whose name is also a town's abroad («المحمدية» of Ben Arous), beside another
        # country named, and neither Morocco nor a Moroccan service: no Moroccan link
        return False
    return moroccan > 0 and (moroccan * FOREIGN_RATIO >= foreign or _moroccan_arrest(a))


# The services whose finds are counter-terrorism by their mission (a DGSN arms-smuggling bust is not).
CT_SERVICES = frozenset({"bcij", "dgst"})
# What a cache holds that makes it an arsenal.
ARSENAL_ITEMS = frozenset({"firearms", "explosives", "weapons", "ammunition"})


def _a_cache_for_the_intelligence_service(a: Analysis) -> bool:
    """A cache of arms found on the DGST's intelligence or by the BCIJ («Une cache contenant deux fusils
    d'assaut … a été découverte … par des gendarmes agissant sur renseignement de la DGST»): counter-terrorism
    news though it names no group and no terrorism (a wire's two-paragraph brief)."""
    kinds = {m.kind for m in a.mentions}
    return ("cache" in kinds and any(m.kind == "agency" and m.value in CT_SERVICES for m in a.mentions)
            and any(m.kind == "item" and m.value in ARSENAL_ITEMS for m in a.mentions))


def _moroccan_arrest(a: Analysis) -> bool:
    """A sentence where a Moroccan service arrests: a foreign story of a joint operation ("Spain's police
    arrested four … jointly with Morocco's DGST, whose officers arrested two others in the province of
    Nador", «… avec la DGST marocaine, qui a procédé à ses propres arrestations de l'autre côté du détroit»)
    reports a Moroccan operation too, whether it names the Moroccan town or not); or a Moroccan service
    that took part in the foreign one: its intelligence, its cooperation («L'enquête a été menée en
    collaboration avec la DGST marocaine», "on information from Morocco's DGST")."""
    for mentions in a.by_sentence.values():
        if (any(m.kind in ("trigger:arrest", "trigger:dismantle", "tip_off", "cooperation", "joint_operation")
                for m in mentions)
                and any(m.kind == "agency" and m.value in MOROCCAN_ONLY for m in mentions)):
            return True
        # "arrested … in an operation run jointly with Moroccan counterparts", «une opération conjointe avec le
        # Maroc»: an operation made with Morocco is Morocco's too, its service named or not
        if any(t.kind == "trigger:arrest" for t in mentions) and any(
                j.kind in ("joint_operation", "cooperation") and m.kind == "morocco" and 0 <= m.start - j.end <= JOINT_REACH
                for j in mentions for m in mentions):
            return True
        # «… l'arrestation à Meknès d'un troisième suspect»: an arrest in a Moroccan town
        if any(t.kind == "trigger:arrest" and m.kind == "place" and m.value.country == "MA"
               and 0 <= m.start - t.end <= ARREST_TOWN_REACH for t in mentions for m in mentions):
            return True
    return False


@lru_cache(maxsize=None)
def _twin_towns() -> frozenset[str]:
    """Moroccan towns named like a town abroad (``data/other/place_twins.json``)."""
    return frozenset(json.loads(data_text("other", "place_twins.json"))["twins"])
