// Figures checked: each series of a metric as every source stated it (a point or an interval at
// the end of its period), conflicts ringed, the record's own count as a dashed line; below, every
// comparison with its verdict. Each figure links to its sentence in the document.

import { get } from "../api.js";
import { checksChart } from "../charts.js";
import { add, clear, h } from "../dom.js";
import { date, num, t } from "../i18n.js";
import { href, navigate, params } from "../router.js";
import { busy, errorBox, onResize, panel, qualifierText, widthOf } from "../ui.js";
import { METRICS, metricForm } from "./claims.js";

const PER_CHECK = 8; // figures a table row lists (claim_ids holds them all)
const PAGE = 100; // table rows a page shows (the API pages the checks)
const SERIES_KEY = /^(year|\d{4}-\d{2}-\d{2})$/;

function docHref(f) {
  const hl = (f.evidence || []).map(([a, b]) => `${a}-${b}`).join(",");
  return href(`/documents/${encodeURIComponent(f.document_id)}`, hl ? { hl } : {});
}

function periodText(start, end) {
  return start && end ? `${date(start)} – ${date(end)}` : "—";
}

function sourceName(f) {
  return f.source_label || t("claims.unattributed");
}

function seriesLabel(key) {
  return key === "year" ? t("checks.yearly") : t("checks.cumulative", { date: date(key) });
}

export async function checksPage(view) {
  const p = params();
  const metric = METRICS.includes(p.get("metric")) ? p.get("metric") : METRICS[0];
  const results = h("div", { class: "checks-results" });
  const form = metricForm("/checks", metric, "checks-filters");
  add(view, h("h1", { class: "page-title" }, t("checks.title")), h("p", { class: "lead" }, t("checks.lead")), form, results);

  busy(true);
  // the answer lists the figures of one series (the most stated running total unless the
  // address names one) and each check's first figures: a metric's every figure is megabytes
  const asked = SERIES_KEY.test(p.get("series") || "") ? p.get("series") : "first";
  const offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  // one page of the table, conflicts first (as a whole store's checks are tens of thousands)
  const ask = (figures) => get("/api/checks", { metric, figures, per_check: PER_CHECK, order: "verdict", limit: PAGE, offset });
  let data;
  try {
    data = await ask(asked);
    if (asked !== "first" && !(data.series || []).some((s) => s.key === asked)) {
      data = await ask("first"); // no such series here
    }
  } catch (e) {
    results.appendChild(errorBox(e));
    return;
  } finally {
    busy(false);
  }
  const figures = data.figures || [];
  const checks = data.checks || [];
  const inConflict = new Set(data.in_conflict || []); // on any page

  // series as the API orders them: running totals first, the most stated start first ("since
  // 2002" is where the national totals meet), then the one-year figures
  const counts = new Map((data.series || []).map((s) => [s.key, s.figures]));
  const keys = [...counts.keys()];
  const chosen = data.figures_of || keys[0];
  if (keys.length) {
    const seriesPicker = h("select", { id: "series", name: "series" }, keys.map((k) => h("option", { value: k }, `${seriesLabel(k)} (${num(counts.get(k))})`)));
    seriesPicker.value = chosen;
    seriesPicker.addEventListener("change", () => navigate(href("/checks", { metric, series: seriesPicker.value })));
    form.appendChild(h("div", { class: "field" }, h("label", { for: "series" }, t("checks.series")), seriesPicker));
  }

  const shown = figures; // the chosen series
  const sources = [...new Set(shown.map(sourceName))].sort((a, b) => a.localeCompare(b));
  const index = new Map(sources.map((s, i) => [s, i]));
  const series = sources.map((name) => ({
    key: name,
    name,
    index: index.get(name),
    points: shown.filter((f) => sourceName(f) === name).map((f) => ({
      x: f.end,
      y: f.value,
      low: f.low,
      high: f.high,
      claim: f.claim_id,
      conflict: inConflict.has(f.claim_id),
      href: docHref(f),
      title: `${name}: ${qualifierText(f.qualifier, f.value)} (${periodText(f.start, f.end)})${inConflict.has(f.claim_id) ? " — " + t("verdict.conflict") : ""}`,
    })),
  }));
  const record = [];
  const seenEnd = new Set();
  for (const f of shown) {
    if (!f.record || f.record.count === null || seenEnd.has(f.end)) continue;
    seenEnd.add(f.end);
    record.push({ x: f.end, y: f.record.count, title: t("checks.record_point", { n: num(f.record.count), period: periodText(f.start, f.end), docs: num(f.record.documents) }) });
  }
  const chartBox = h("div", { class: "chart-box" });
  const legend = h("ul", { class: "legend" },
    series.map((se) => h("li", null, h("span", { class: `swatch series-${se.index % 8}`, "aria-hidden": "true" }), se.name, ` (${num(se.points.length)})`)),
    record.length ? h("li", { class: "record-key" }, t("checks.record_line")) : null);
  const drawChart = () => clear(chartBox).appendChild(checksChart(series, record, { width: widthOf(chartBox) }));

  const rows = checks; // conflicts first: order=verdict
  const byId = new Map(figures.map((f) => [f.claim_id, f]));
  const table = h("table", { class: "checks-table" },
    h("thead", null, h("tr", null, ["verdict", "kind", "periods", "figures", "record"].map((c) => h("th", { scope: "col" }, t(`checks.col.${c}`))))),
    h("tbody", null, rows.map((c) => h("tr", { class: c.verdict, "data-verdict": c.verdict },
      h("td", null, h("span", { class: `verdict verdict-${c.verdict}` }, t(`verdict.${c.verdict}`))),
      h("td", null, t(`checks.kind.${c.kind}`), c.subset ? h("span", { class: "tag" }, c.subset) : null),
      h("td", { dir: "ltr" }, c.periods.slice(0, 2).map(([s, e]) => periodText(s, e)).join(" / ")),
      h("td", { class: "figures" }, c.figures.map((f, i) => [i ? "; " : null,
        h("a", { href: docHref(byId.get(f.claim_id) || f), title: t("claims.see_sentence") }, qualifierText(f.qualifier, f.value)),
        ` (${f.source_label || t("claims.unattributed")})`]),
        c.claim_ids.length > c.figures.length ? ` ${t("checks.more", { n: num(c.claim_ids.length - c.figures.length) })}` : null),
      h("td", { class: "num" }, c.record.count === null ? "—" : t("checks.record_cell", { n: num(c.record.count), docs: num(c.record.documents) }))))));

  const chartPanel = panel(t("checks.chart_title", { metric: t(`metric.${metric}`), series: chosen ? seriesLabel(chosen) : "" }), legend, chartBox, h("p", { class: "note" }, t("checks.chart_note")));
  chartPanel.id = "checks-chart";
  const total = data.total || 0;
  const pageHref = (at) => href("/checks", { metric, series: data.figures_of || null, offset: at || null });
  const pager = total > rows.length ? h("nav", { class: "pager", "aria-label": t("events.pages") },
    h("a", { href: offset ? pageHref(Math.max(0, offset - PAGE)) : null, class: "prev", rel: "prev", "aria-disabled": offset ? null : "true" }, t("events.previous")),
    h("span", { class: "page-no" }, t("checks.shown", { from: num(offset + 1), to: num(offset + rows.length), n: num(total) })),
    h("a", { href: data.next ? pageHref(offset + PAGE) : null, class: "next", rel: "next", "aria-disabled": data.next ? null : "true" }, t("events.next"))) : null;
  add(results, chartPanel,
    panel(t("checks.table", { n: num(total) }), rows.length ? h("div", { class: "table-wrap" }, table) : h("p", { class: "none" }, t("empty.checks")), pager));
  drawChart();
  onResize(drawChart);
}
