"""Response and request bodies of the JSON API, as pydantic models (they make the OpenAPI schema).

Field names and meanings follow ``../shared/SPEC.md`` and ``docs/api.md``; a value the
store does not know is null (scalars) or ``[]`` (lists).
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

EventType = Literal["cell_dismantled", "arrest", "attack", "seizure"]
Metric = Literal["cells_dismantled", "persons_arrested", "plots_foiled", "attacks"]
SortName = Literal["date", "-date", "arrested", "-arrested", "sources", "-sources"]


class Place(BaseModel):
    id: str
    geonames_id: int | None = None
    name_ar: str | None = None
    name_fr: str | None = None
    name_en: str | None = None
    lat: float | None = None
    lon: float | None = None
    province: str | None = None
    region: str | None = None
    country: str | None = None


class Source(BaseModel):
    """A document reporting the event (near-duplicate copies included)."""

    document_id: str
    outlet: str | None = None
    url: str | None = None
    lang: str | None = None
    published: str | None = None


class Operation(BaseModel):
    """What marsad records of an operation beyond when, where and what (events and exports)."""

    arrested: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    affiliation: list[str]
    agencies: list[str]
    partners: list[str]
    cell_name: str | None = None
    seized: list[str]
    plot: list[str]
    targets: list[str]
    source_count: int


class Event(Operation):
    """A canonical event: one real-world operation, chosen from all its reports."""

    id: str = Field(description="ev-<12 hex>")
    type: str
    date: str | None = Field(description="SPEC date: YYYY, YYYY-MM, YYYY-MM-DD or A/B")
    date_earliest: str | None = Field(None, description="first day it may have happened (YYYY-MM-DD)")
    date_latest: str | None = Field(None, description="last day it may have happened: at latest its "
                                                      "earliest report's publication")
    time_precision: int | None = Field(None, description="ACLED's code of that interval: 1 a day, "
                                                         "2 up to 31 days, 3 longer")
    date_rule: str | None = Field(None, description="reported, known_event, publication_lag, background "
                                                    "or stored (docs/api.md)")
    background: bool
    country: str | None = None
    places: list[str]
    places_detail: list[Place]
    killed: int | None = None
    title: str | None = Field(None, description="the first source's title")
    sources: list[Source]


class EventPage(BaseModel):
    items: list[Event]
    next_cursor: str | None = Field(None, description="pass as cursor for the next page; null: last page")


class Evidence(BaseModel):
    """A span of the document's text supporting the event, with its surroundings."""

    start: int
    end: int
    text: str
    before: str
    after: str


class ValueWords(BaseModel):
    field: str = Field(description="the event field (or `type` for the trigger, `country` for another country's arrests)")
    value: Any = Field(description="the value the mention gives the field")
    span: list[int] = Field(description="[start, end] of the words it was read from, into the text")


class EventSource(Source):
    title: str | None = None
    mentions: list[str] = Field(description="keys (DOCUMENT#ORDINAL) of its mentions of the event")
    evidence: list[Evidence]
    values: list[ValueWords] = Field(default_factory=list, description="each value its mentions give, with its own words")


class EventDetail(Event):
    arrested_reported: dict[str, list[str]] | None = Field(
        None, description="{count: [document ids]} when reports disagree")
    killed_reported: dict[str, list[str]] | None = None
    reported: dict[str, dict[str, list[str]]] = Field(
        description="{field: {value: [document ids]}} for each field the reports disagree on")
    mention_keys: list[str]
    sources: list[EventSource]  # type: ignore[assignment]


class DocumentEvent(BaseModel):
    id: str = Field(description="the canonical event")
    key: str = Field(description="the mention's key, DOCUMENT#ORDINAL")
    type: str
    date: str | None = None
    evidence: list[list[int]] = Field(description="[[start, end], ...] into the text")
    values: list[ValueWords] = Field(default_factory=list, description="each value's own words")


class DocumentClaim(BaseModel):
    id: int
    metric: str
    value: int
    qualifier: str | None = None
    since: str | None = None
    until: str | None = None
    period: str | None = None
    subset: str | None = None
    source: str | None = None
    evidence: list[list[int]]
    spans: dict[str, list[int]] = Field(default_factory=dict,
                                        description="{field: [start, end]}: each field's own words (value, qualifier, period, source)")


class Document(BaseModel):
    id: str
    title: str | None = None
    text: str
    lang: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    copy_of: str | None = Field(None, description="the original when this is a near-duplicate copy")
    events: list[DocumentEvent]
    claims: list[DocumentClaim]


class Claim(DocumentClaim):
    document_id: str
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    sentence: str = Field(description="the text of the evidence span(s)")
    source_entity: str | None = Field(None, description="who the source is, one id for all its names and "
                                                        "scripts (docs/figures.md); null with no source")
    source_label: dict[str, str] | None = Field(None, description="the source's name to show, by language (ar, en)")


class ClaimPage(BaseModel):
    items: list[Claim]
    next_cursor: str | None = None


Verdict = Literal["agree", "compatible", "conflict", "superseded"]


class CheckRecord(BaseModel):
    count: int | None = Field(description="the record's own count over the period (null: not counted)")
    documents: int = Field(description="documents published in the period")
    outlets: int
    months: int = Field(description="months of the period with at least one document")
    undated_events: int = Field(description="canonical events with no date, counted in no period")


class CheckedFigure(BaseModel):
    claim_id: int
    document_id: str
    metric: Metric
    subset: str | None = None
    value: int
    qualifier: str
    low: int = Field(description="the least value the qualifier allows")
    high: int | None = Field(description="the greatest (null: no bound)")
    start: str | None = Field(description="first day of the period (null: not known)")
    end: str | None
    ended_by_publication: bool = Field(description="no end stated: counted up to the publication day")
    source: str | None = None
    source_id: str | None = Field(description="who states it, one id across scripts and spellings")
    source_label: str | None = None
    published: str | None = None
    url: str | None = None
    evidence: list[list[int]]
    record: CheckRecord | None = None


class CheckFigureRef(BaseModel):
    claim_id: int
    document_id: str
    value: int
    qualifier: str
    start: str | None = None
    end: str | None = None
    source_label: str | None = None
    evidence: list[list[int]] = Field(default_factory=list, description="the sentence's spans, as in figures")


class Check(BaseModel):
    kind: Literal["same_period", "series", "nested", "sum"]
    metric: Metric
    subset: str | None = None
    verdict: Verdict
    periods: list[list[str]] = Field(description="the periods compared, first the one the record counts")
    reason: str
    claim_ids: list[int] = Field(description="every figure compared")
    figures: list[CheckFigureRef] = Field(description="the figures compared (with per_check: the first of them)")
    record: CheckRecord


class CheckSeries(BaseModel):
    key: str = Field(description="'year' (figures of one calendar year) or the first day of a running total")
    figures: int


class Checks(BaseModel):
    figures: list[CheckedFigure] = Field(description="the figures figures= asks for (by default those the page's "
                                                     "checks compare)")
    checks: list[Check] = Field(description="the page's checks, in the order of `marsad check`")
    series: list[CheckSeries] = Field(default_factory=list, description=(
        "figures kept by series: running totals, the most stated first, then one-year figures"))
    figures_of: str | None = Field(default=None, description="the series the figures are of, when one was asked for")
    total: int = Field(description="checks matching the filters, on every page")
    next: str | None = Field(default=None, description=(
        "the address (path and query) of the next page (its cursor: right across writes); null on the last"))
    next_cursor: str | None = Field(default=None, description="the cursor= of the next page; null on the last")
    in_conflict: list[int] = Field(default_factory=list, description=(
        "the claim ids of `figures` that a conflict among the checks kept (on any page) compares"))


class SearchSource(BaseModel):
    document_id: str
    outlet: str | None = None


class SearchHit(BaseModel):
    document_id: str
    title: str | None = None
    snippet: str = Field(description="an excerpt with the first match between ⟦ and ⟧")
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    sources: list[SearchSource] = Field(
        description="the article and each stored copy of it (another outlet's, an archive's): "
                    "one hit per article")
    events: list[str] = Field(description="canonical events the document reports")


class SearchResults(BaseModel):
    items: list[SearchHit]


class MonthCount(BaseModel):
    month: str
    type: str
    events: int
    arrested: int


class YearCount(BaseModel):
    year: str
    events: int
    arrested: int


class TypeCount(BaseModel):
    type: str
    events: int
    arrested: int


class TownCount(BaseModel):
    place: str
    name_ar: str | None = None
    name_en: str | None = None
    name_fr: str | None = None
    lat: float | None = None
    lon: float | None = None
    region: str | None = None
    events: int
    arrested: int


class RegionCount(BaseModel):
    region: str
    events: int
    arrested: int


class OrgCount(BaseModel):
    org: str
    events: int


class AgencyCount(BaseModel):
    agency: str
    events: int


class PartnerCount(BaseModel):
    partner: str
    events: int


class SpanCount(BaseModel):
    start: str = Field(description="YYYY-MM: the month the events' date interval starts in")
    end: str = Field(description="YYYY-MM: the month it ends in")
    type: str
    events: int


class Stats(BaseModel):
    """Counts over the events matching the filters; documents and claims: published within
    the date filters. by_month counts the events whose reports name their month or day;
    by_span the others, by the months their date interval spans; by_year those known to lie
    within one year (their interval's)."""

    events: int
    arrested: int
    killed: int
    documents: int
    claims: int
    by_month: list[MonthCount]
    by_span: list[SpanCount]
    by_year: list[YearCount]
    by_type: list[TypeCount]
    by_town: list[TownCount]
    by_region: list[RegionCount]
    by_org: list[OrgCount]
    by_agency: list[AgencyCount]
    by_partner: list[PartnerCount]


class MetaPlace(BaseModel):
    id: str
    name_ar: str | None = None
    name_en: str | None = None
    name_fr: str | None = None
    region: str | None = None


class DateRange(BaseModel):
    min: str | None = None
    max: str | None = None


class Meta(BaseModel):
    types: list[str]
    orgs: list[str]
    agencies: list[str]
    regions: list[str]
    partners: list[str]
    places: list[MetaPlace]
    date_range: DateRange
    labels: dict[str, dict[str, str]] = Field(description="{lang: {id: label}}")
    writable: bool


class ExportRow(Operation):
    """One event in ACLED-style columns, then marsad's own (docs/api.md says how each is made)."""

    event_id: str
    event_date: str | None = None
    time_precision: int | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    date_rule: str | None = None
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int
    source: str
    notes: str
    fatalities: int | None = None
    background: bool
    source_urls: list[str]


class Health(BaseModel):
    status: Literal["ok"]
    version: int = Field(description="the store's version: changes with every change of events or documents")
    index: Literal["ready", "building", "off", "refused", "none"] = Field(
        description="this worker's in-memory event index: ready at this version, being built, "
                    "turned off, refused by the store's values, or not built yet (SQL answers meanwhile)")


class MergeRequest(BaseModel):
    ids: list[str] = Field(min_length=2, max_length=100, description="canonical event ids")


class SplitRequest(BaseModel):
    id: str = Field(max_length=100, description="the canonical event to split")
    mentions: list[str] = Field(min_length=1, max_length=1000,
                                description="keys (DOCUMENT#ORDINAL) of the mentions to take out")


class MergeResult(BaseModel):
    id: str = Field(description="the merged event")


class SplitResult(BaseModel):
    id: str = Field(description="the event keeping the other mentions")
    split: str = Field(description="the event made of the split mentions")


class Correction(BaseModel):
    """An analyst correction, as POST /api/undo takes them back (newest first)."""

    id: int
    at: str = Field(description="UTC time it was made")
    kind: Literal["merge", "split", "import"]
    events: list[str] = Field(description="the canonical event ids it was asked about")
    pairs: int = Field(description="how many pairs of mentions it constrained")
    undone_at: str | None = Field(None, description="UTC time it was undone; null while it holds")


class CorrectionList(BaseModel):
    items: list[Correction]


class UndoResult(BaseModel):
    undone: Correction
    events: list[str] = Field(description="the events now holding its mentions")
    actions: dict[str, int] = Field(description="revisions written, by action")


class ResolveResult(BaseModel):
    mentions: int
    events: int
    actions: dict[str, int]
