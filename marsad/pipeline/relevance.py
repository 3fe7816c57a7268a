"""Whether a document reports or cites counter-terrorism in or about Morocco."""
from __future__ import annotations

from .mentions import Analysis

# Off-topic words (drugs, fraud, football) outweigh this many counter-terrorism words.
OFFTOPIC_MARGIN = 1
# Services only Morocco has; «وزارة الداخلية» alone could be any country's.
MOROCCAN_ONLY = frozenset({"bcij", "dgst", "dgsn", "bnpj", "royal-gendarmerie"})
# A story about another country mentions it this many times more than Morocco.
FOREIGN_RATIO = 3


def is_relevant(a: Analysis) -> bool:
    """Counter-terrorism vocabulary, a Moroccan link, and not mainly another subject.

    A BCIJ cocaine bust, an ordinary murder or an operation in Jordan are not relevant.
    """
    ct = sum(1 for m in a.mentions if m.kind in ("ct", "org"))
    if ct == 0:
        return False
    offtopic = sum(1 for m in a.mentions if m.kind == "offtopic")
    if offtopic > ct + OFFTOPIC_MARGIN:
        return False
    moroccan = sum(1 for m in a.mentions if (m.kind == "agency" and m.value in MOROCCAN_ONLY)
                   or m.kind == "morocco" or (m.kind == "place" and m.value.country == "MA"))
    foreign = sum(1 for m in a.mentions if m.kind == "partner" or (m.kind == "place" and m.value.country != "MA"))
    return moroccan > 0 and moroccan * FOREIGN_RATIO >= foreign
