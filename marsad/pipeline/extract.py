"""Document -> Record: the extraction pipeline's single entry point.

Stages (each a plain function over plain data, testable alone):
  0. ``may_be_relevant`` a document holding no counter-terrorism phrase is not relevant: only
     its publication date is looked for (prefilter.py);
  1. ``published_date``  the publication date: the input's, else a dateline in the text;
  2. ``analyze``         normalize, segment, find mentions (mentions.py);
  3. ``find_claims``     statistics with qualifier, period, subset and source (claims.py);
  4. ``build_drafts`` / ``finalize``  event mentions with their slots and background (drafts.py,
     events.py), the reports of one operation merged (``corefer``, coreference.py); a table of
     operations' column of arrests counts its rows' persons first (``counted_cells``, tables.py);
  5. ``is_relevant``     counter-terrorism in or about Morocco, or not (relevance.py);
  6. evidence            each event's and claim's supporting sentences as spans, and each
                         value's own words (spans.py).
"""
from __future__ import annotations

from ..models import Document, Record, check_published
from ..resources import SUPPORTED_LANGUAGES
from ..text.dates import scan_dates
from .claims import find_claims
from .dateline import published_date, wire_dateline
from .drafts import build_drafts
from .events import finalize
from .language import detect_language
from .mentions import analyze, document_text
from .prefilter import may_be_relevant
from .relevance import is_relevant
from .spans import prune_event_spans
from .tables import counted_cells


def extract(doc: Document, *, prefilter: bool = True) -> Record:
    """Extract the SPEC record of one document (``prefilter=False``: every document through
    every stage, the same record slower).

    Raises ValueError when ``doc.published`` is not a ``YYYY-MM-DD`` day of the calendar.
    """
    check_published(doc.published)
    lang = doc.lang or detect_language(doc.text)
    if lang not in SUPPORTED_LANGUAGES:  # a language the extractor does not read: relevance undetermined
        return Record(id=doc.id, lang=lang, published=doc.published, relevant=None)
    nt = document_text(doc, lang)
    if prefilter and not may_be_relevant(nt.text, lang):
        # the same dates as analyze finds: its date words are matched alone (a matcher keeps
        # the longest match per label, whatever the other labels)
        published = doc.published or published_date(doc, lang, nt.text, scan_dates(nt.text, lang))[0]
        return Record(id=doc.id, lang=lang, published=published, relevant=False)
    analysis = analyze(doc, lang, doc.published, nt)
    published, _source = published_date(doc, lang, analysis.nt.text, analysis.raw_dates)
    dateline = wire_dateline(lang, analysis.nt.text, analysis.raw_dates)
    if dateline is not None:  # the dispatch's filing date dates no event
        analysis.raw_dates = [d for d in analysis.raw_dates if d is not dateline]
    if published != doc.published or dateline is not None:
        analysis.set_published(published)
    record = Record(id=doc.id, lang=lang, published=published, relevant=False)
    if not is_relevant(analysis):
        return record
    claims, analysis.claim_tokens = find_claims(analysis)
    analysis.claim_values = {c.value for c in claims}
    analysis.persons_claimed = {c.value for c in claims if c.metric == "persons_arrested"}
    analysis.add_quantities(counted_cells(analysis))
    events = finalize(analysis, build_drafts(analysis, analysis.claim_tokens))
    for ev, draft in events:
        ev.evidence = [analysis.sentence_span(si) for si in sorted(draft.sentences)]
    record.relevant = True
    record.events = [ev for ev, _ in events]
    record.claims = claims
    record.drop_out_of_bounds()
    for ev in record.events:
        prune_event_spans(ev)
    return record
