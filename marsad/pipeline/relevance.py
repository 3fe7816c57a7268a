"""Whether a document reports or cites counter-terrorism in or about Morocco."""
from __future__ import annotations

from .mentions import Analysis

# Off-topic words (drugs, fraud, football) outweigh this many counter-terrorism words.
OFFTOPIC_MARGIN = 1


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
    moroccan = any(m.kind == "agency" or m.kind == "morocco" for m in a.mentions) or any(
        m.kind == "place" and m.value.country == "MA" for m in a.mentions)
    return moroccan
