// Claims: one metric as stated by each source over time — a chart (x = published, y = value,
// one series per source) and a table; each figure links to its sentence in the document.

import { get } from "../api.js";
import { claimsChart } from "../charts.js";
import { add, clear, h } from "../dom.js";
import { date, label, lang, num, t } from "../i18n.js";
import { href, navigate, params } from "../router.js";
import { busy, errorBox, onResize, panel, qualifierText, widthOf } from "../ui.js";

export const METRICS = ["cells_dismantled", "persons_arrested", "plots_foiled", "attacks"];
const MAX_PAGES = 10;

/** The filter form of a page by metric: a metric picker that navigates to ``path``. */
export function metricForm(path, metric, cls) {
  const picker = h("select", { id: "metric", name: "metric" }, METRICS.map((m) => h("option", { value: m }, t(`metric.${m}`))));
  picker.value = metric;
  picker.addEventListener("change", () => navigate(href(path, { metric: picker.value })));
  const form = h("form", { class: `filters ${cls}`, role: "search" }, h("div", { class: "field" }, h("label", { for: "metric" }, t("claims.metric")), picker));
  form.addEventListener("submit", (e) => e.preventDefault());
  return form;
}

async function allClaims(filters) {
  const items = [];
  let cursor = "";
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await get("/api/claims", { ...filters, limit: 500, cursor });
    items.push(...(page.items || []));
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return items;
}

function hlOf(claim) {
  return (claim.evidence || []).map(([a, b]) => `${a}-${b}`).join(",");
}

function docHref(claim) {
  const hl = hlOf(claim);
  return href(`/documents/${encodeURIComponent(claim.document_id)}`, hl ? { hl } : {});
}

// Sources grouped by who they are: one entity for all the names and scripts of one official or
// institution (the same ids as the figures check); unattributed figures by their outlet.
const names = new Map();

function sourceKey(c) {
  if (c.source_entity) {
    if (c.source_label) names.set(c.source_entity, c.source_label);
    return c.source_entity;
  }
  return c.outlet ? `outlet:${c.outlet}` : "";
}

function sourceName(key) {
  if (!key) return t("claims.unattributed");
  if (key.startsWith("outlet:")) return t("claims.outlet_voice", { outlet: key.slice(7) });
  const shown = label(key, "source");
  if (shown !== key) return shown;
  const own = names.get(key);
  return (own && (own[lang()] || own.en)) || key;
}

/** When a figure's count ends: its year or month, the end of its span, else the day it was published. */
export function periodEnd(c) {
  const end = c.period || c.until;
  if (!end) return c.published || null;
  if (end.length === 4) return `${end}-12-31`;
  if (end.length === 7) {
    const [y, m] = end.split("-").map(Number);
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }
  return end;
}

/** A running total (since a date), a figure for one period, or neither said. */
function kindOf(c) {
  return c.since ? "running" : c.period || c.until ? "period" : "unstated";
}

function periodText(c) {
  if (c.period) return date(c.period);
  if (c.since && c.until) return `${date(c.since)} – ${date(c.until)}`;
  if (c.since) return t("claims.since", { date: date(c.since) });
  if (c.until) return t("claims.until", { date: date(c.until) });
  return "—";
}

const KINDS = ["running", "period", "unstated"];

export async function claimsPage(view) {
  const p = params();
  const metric = METRICS.includes(p.get("metric")) ? p.get("metric") : METRICS[0];
  const source = p.get("source") || "";
  const kind = KINDS.includes(p.get("kind")) ? p.get("kind") : "";
  const results = h("div", { class: "claims-results" });

  const form = metricForm("/claims", metric, "claims-filters");
  add(view, h("h1", { class: "page-title" }, t("claims.title")), h("p", { class: "lead" }, t("claims.lead")), form, results);

  busy(true);
  let claims;
  try {
    claims = await allClaims({ metric });
  } catch (e) {
    results.appendChild(errorBox(e));
    return;
  } finally {
    busy(false);
  }

  // sources present, for the series and the source filter
  const keys = [...new Set(claims.map(sourceKey))].sort((a, b) => sourceName(a).localeCompare(sourceName(b)));
  const sourcePicker = h("select", { id: "source", name: "source" }, h("option", { value: "" }, t("filter.all")), keys.map((k) => h("option", { value: k || "-" }, sourceName(k))));
  sourcePicker.value = source;
  sourcePicker.addEventListener("change", () => navigate(href("/claims", { metric, source: sourcePicker.value, kind })));
  form.appendChild(h("div", { class: "field" }, h("label", { for: "source" }, t("claims.source")), sourcePicker));
  const kindPicker = h("select", { id: "kind", name: "kind" }, h("option", { value: "" }, t("filter.all")), KINDS.map((k) => h("option", { value: k }, t(`claims.kind.${k}`))));
  kindPicker.value = kind;
  kindPicker.addEventListener("change", () => navigate(href("/claims", { metric, source, kind: kindPicker.value })));
  form.appendChild(h("div", { class: "field" }, h("label", { for: "kind" }, t("claims.kind")), kindPicker));

  const shown = claims.filter((c) => (!source || sourceKey(c) === (source === "-" ? "" : source)) && (!kind || kindOf(c) === kind));
  const index = new Map(keys.map((k, i) => [k, i]));
  const series = [];
  for (const k of keys) {
    // each figure at the end of its own period: «in 2017» is a 2017 figure whenever it was published
    const points = shown
      .filter((c) => sourceKey(c) === k && periodEnd(c))
      .map((c) => ({
        x: periodEnd(c),
        y: c.value,
        href: docHref(c),
        period: Boolean(c.period),
        since: c.since,
        title: `${sourceName(k)} — ${periodEnd(c)}: ${qualifierText(c.qualifier, c.value)} (${periodText(c)})`,
      }));
    if (points.length) series.push({ key: k || "-", name: sourceName(k), index: index.get(k), points });
  }

  const chartBox = h("div", { class: "chart-box" });
  const legend = h("ul", { class: "legend" }, series.map((se) => h("li", null, h("span", { class: `swatch series-${se.index % 8}`, "aria-hidden": "true" }), se.name, ` (${num(se.points.length)})`)));
  const drawChart = () => clear(chartBox).appendChild(claimsChart(series, { width: widthOf(chartBox) }));

  // by publication date, undated last
  const rows = [...shown].sort((a, b) => (!a.published - !b.published) || String(a.published || "").localeCompare(String(b.published || "")) || a.value - b.value);
  const tbody = h(
    "tbody",
    null,
    rows.map((c) =>
      h(
        "tr",
        { "data-claim": c.id, "data-document": c.document_id },
        h("td", { dir: "ltr", class: "published" }, c.published || "—"),
        h("td", { class: "num value" }, h("a", { href: docHref(c), class: "figure", title: t("claims.see_sentence") }, qualifierText(c.qualifier, c.value))),
        h("td", null, periodText(c), c.subset ? h("span", { class: "tag subset" }, label(c.subset, "subset")) : null),
        h("td", { dir: "auto" }, h("span", { class: `swatch series-${(index.get(sourceKey(c)) ?? 0) % 8}`, "aria-hidden": "true" }), sourceName(sourceKey(c))),
        h("td", { class: "sentence" }, h("a", { href: docHref(c), dir: "auto" }, c.sentence || c.title || c.document_id)),
        h("td", { dir: "auto" }, c.outlet || c.title || c.document_id),
      ),
    ),
  );
  const table = h(
    "table",
    { class: "claims-table" },
    h("thead", null, h("tr", null, ["published", "value", "period", "source", "sentence", "document"].map((c) => h("th", { scope: "col" }, t(`claims.col.${c}`))))),
    tbody,
  );
  const chartPanel = panel(t("claims.chart_title", { metric: t(`metric.${metric}`) }), legend, chartBox, h("p", { class: "note" }, t("claims.chart_note")));
  chartPanel.id = "claims-chart";
  add(results,
    chartPanel,
    panel(t("claims.table", { n: num(rows.length) }), rows.length ? h("div", { class: "table-wrap" }, table) : h("p", { class: "none" }, t("empty.claims"))),
  );
  drawChart();
  onResize(drawChart);
}
