// One canonical event: every field, where it happened, and each source with its evidence highlighted.

import { get } from "../api.js";
import { add, cls, h, highlighted } from "../dom.js";
import { date, eventDate, label, num, placeName, t, textDir } from "../i18n.js";
import { moroccoMap } from "../map.js";
import { href } from "../router.js";
import { chips, definition, panel, valueChips, valueText } from "../ui.js";
import { correctionsPanel } from "../corrections.js";

const FIELD_KIND = { type: "type", affiliation: "org", agencies: "agency", partners: "partner", seized: "item", plot: "plot", targets: "target" };

/**
 * Evidence spans of one source as excerpts: spans whose context windows touch are shown in one
 * excerpt (the text between them comes from the earlier span's "after"), each span a <mark>.
 */
export function evidenceGroups(evidence) {
  const spans = [...(evidence || [])].sort((a, b) => a.start - b.start || a.end - b.end);
  const groups = [];
  for (const e of spans) {
    const g = groups[groups.length - 1];
    const last = g && g[g.length - 1];
    if (last && e.start >= last.end && e.start <= last.end + (last.after || "").length) g.push(e);
    else groups.push([e]);
  }
  return groups;
}

function evidenceQuote(group, lang, values = []) {
  const first = group[0];
  const last = group[group.length - 1];
  const before = first.before || "";
  const parts = [first.start - before.length > 0 ? "…" : null, before];
  group.forEach((e, i) => {
    // each value's own words inside the evidence, lit while its chip is hovered or focused
    const inner = values
      .filter((v) => v.span[0] >= e.start && v.span[1] <= e.end)
      .map((v) => ({ start: v.span[0] - e.start, end: v.span[1] - e.start, cls: "val", value: v.id }));
    parts.push(h("mark", { class: "ev", "data-start": e.start, "data-end": e.end }, inner.length ? highlighted(e.text, inner) : e.text));
    if (i + 1 < group.length) parts.push((e.after || "").slice(0, group[i + 1].start - e.end));
  });
  const after = last.after || "";
  parts.push(after, after ? "…" : null);
  return h("blockquote", { class: "evidence", dir: textDir(lang), lang: lang || null }, parts);
}

function sourceCard(src, id) {
  const lang = src.lang;
  const hl = (src.evidence || []).map((e) => `${e.start}-${e.end}`).join(",");
  const docHref = href(`/documents/${encodeURIComponent(src.document_id)}`, hl ? { hl } : {});
  const metaLine = h(
    "p",
    { class: "source-meta" },
    src.outlet ? h("span", { class: "outlet", dir: "auto" }, src.outlet) : null,
    src.published ? h("span", { class: "published", dir: "ltr" }, src.published) : null,
    lang ? h("span", { class: "lang-tag" }, lang) : null,
    src.url ? h("a", { href: src.url, class: "external", rel: "noopener noreferrer nofollow", target: "_blank", dir: "ltr" }, t("source.original")) : null,
  );
  const values = (src.values || []).map((v, k) => ({ ...v, id: `v-${cls(src.document_id)}-${k}` }));
  const quotes = evidenceGroups(src.evidence).map((g) => evidenceQuote(g, lang, values));
  const card = h(
    "article",
    { class: "source", "data-document": src.document_id, id: `source-${cls(src.document_id)}` },
    h("h3", null, h("a", { href: docHref, dir: textDir(lang), lang: lang || null }, src.title || src.document_id)),
    metaLine,
    quotes.length ? quotes : h("p", { class: "none" }, t("event.no_evidence")),
  );
  // the values this source gives, each lighting its own words in the quotes above
  const shown = values.filter((v) => (src.evidence || []).some((e) => v.span[0] >= e.start && v.span[1] <= e.end));
  const chipsList = valueChips(shown.map((v) => ({ id: v.id, field: v.field, text: valueText(v.field, v.value) })), card);
  if (chipsList) card.appendChild(chipsList);
  card.appendChild(h("p", { class: "doc-link" }, h("a", { href: docHref }, t("event.full_document"))));
  return card;
}

function reportedValue(field, value) {
  if (field === "background") return value === "true" ? t("value.yes_background") : t("value.no_background");
  if (field === "date") return h("span", { dir: "ltr" }, date(value));
  if (FIELD_KIND[field]) return label(value, FIELD_KIND[field]);
  return h("span", { dir: "auto" }, value);
}

/** Values the reports disagree on: {field: {value: [document ids]}} (and *_reported). */
function reportedTable(ev) {
  const reported = { ...(ev.reported || {}) };
  if (ev.arrested_reported && !reported.arrested) reported.arrested = ev.arrested_reported;
  if (ev.killed_reported && !reported.killed) reported.killed = ev.killed_reported;
  const titles = new Map((ev.sources || []).map((src) => [src.document_id, [src.outlet, src.published, src.title].filter(Boolean).join(" · ")]));
  const rows = [];
  for (const [field, values] of Object.entries(reported)) {
    if (!values || typeof values !== "object") continue;
    const entries = Object.entries(values);
    entries.forEach(([value, docs], i) => {
      rows.push(
        h(
          "tr",
          { "data-field": field },
          i === 0 ? h("th", { scope: "row", rowspan: entries.length }, t(`field.${field}`)) : null,
          h("td", null, reportedValue(field, value)),
          h(
            "td",
            null,
            (docs || []).map((d, k) => [k ? t("list.sep") : "", h("a", { href: href(`/documents/${encodeURIComponent(d)}`), title: titles.get(d) || null, dir: "ltr" }, d)]),
          ),
        ),
      );
    });
  }
  if (!rows.length) return null;
  return panel(
    t("event.disagreements"),
    h("p", { class: "note" }, t("event.disagreements_note")),
    h("div", { class: "table-wrap" }, h("table", { class: "reported" }, h("thead", null, h("tr", null, h("th", null, t("event.field")), h("th", null, t("event.value")), h("th", null, t("event.reported_by")))), h("tbody", null, rows))),
  );
}

export async function eventPage(view, { args, meta }) {
  const [id] = args;
  const ev = await get(`/api/events/${encodeURIComponent(id)}`);
  const places = ev.places_detail && ev.places_detail.length ? ev.places_detail : (ev.places || []).map((p) => ({ id: p }));
  const placeLinks = places.length
    ? h("span", { class: "chips" }, places.map((p) => h("a", { href: href("/events", { place: p.id }), class: "chip" }, placeName(p))))
    : "—";
  const ages = ev.age_min === null && ev.age_max === null ? "—" : ev.age_min === ev.age_max ? num(ev.age_min) : `${num(ev.age_min)} – ${num(ev.age_max)}`;
  const list = (field) => chips(ev[field], FIELD_KIND[field], field === "affiliation" ? (v) => href("/events", { org: v }) : field === "agencies" ? (v) => href("/events", { agency: v }) : null);
  const fields = definition([
    [t("field.type"), h("span", { class: `type-tag ty-${cls(ev.type)}` }, label(ev.type, "type")), "type"],
    [t("field.date"), h("span", { dir: "ltr" }, eventDate(ev)), "date"],
    [t("field.background"), ev.background ? t("value.yes_background") : t("value.no_background"), "background"],
    [t("field.places"), placeLinks, "places"],
    [t("field.country"), ev.country || "—", "country"],
    [t("field.arrested"), num(ev.arrested), "arrested"],
    [t("field.killed"), num(ev.killed), "killed"],
    [t("field.ages"), ages, "ages"],
    [t("field.affiliation"), list("affiliation"), "affiliation"],
    [t("field.agencies"), list("agencies"), "agencies"],
    [t("field.partners"), list("partners"), "partners"],
    [t("field.cell_name"), ev.cell_name ? h("span", { dir: "auto" }, ev.cell_name) : "—", "cell_name"],
    [t("field.seized"), list("seized"), "seized"],
    [t("field.plot"), list("plot"), "plot"],
    [t("field.targets"), list("targets"), "targets"],
    [t("field.source_count"), num(ev.source_count), "source_count"],
    [t("field.id"), h("code", { dir: "ltr" }, ev.id), "id"],
  ]);

  const mapBox = h("div", { class: "map-box small" });
  const towns = places.filter((p) => Number.isFinite(p.lat)).map((p) => ({ ...p, place: p.id, events: 1, arrested: ev.arrested }));
  const { svg, outside, unplaced } = await moroccoMap(towns, { fixedRadius: 7, labels: 4, hrefFor: (d) => href("/events", { place: d.place }), caption: t("event.map") });
  mapBox.appendChild(svg);

  // the heading names the operation (type, places, date), not one source's headline
  const where = places.map((p) => placeName(p)).filter(Boolean).join(t("list.sep"));
  const heading = h(
    "h1",
    { class: "page-title" },
    h("span", { class: `type-tag ty-${cls(ev.type)}` }, label(ev.type, "type")),
    " ",
    h("span", { class: "event-title" }, where || t("event.no_place"), " · ", h("span", { dir: "ltr" }, eventDate(ev))),
    ev.background ? h("span", { class: "tag bg" }, t("value.background")) : null,
  );
  const sources = ev.sources || [];
  const corrections = await correctionsPanel(ev, meta); // null unless `marsad serve --token`
  add(view,
    h("p", { class: "crumbs" }, h("a", { href: href("/events") }, t("event.back"))),
    heading,
    h("div", { class: "grid-2 event-top" }, panel(t("event.record"), fields), panel(t("event.map"), mapBox, ...[["map.outside", outside], ["map.unplaced", unplaced]].map(([key, list]) => (list.length ? h("p", { class: "note" }, t(key), " ", list.map((p) => placeName(p)).join(t("list.sep"))) : null)))),
    reportedTable(ev),
    corrections,
    h("section", { class: "sources", id: "sources" }, h("h2", null, t("event.sources", { n: num(sources.length) })), sources.map((src) => sourceCard(src, ev.id))),
  );
}
