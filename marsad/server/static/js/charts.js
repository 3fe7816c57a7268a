// SVG charts drawn with DOM APIs: the events timeline (stacked bars) and the claims chart.

import { cls, s } from "./dom.js";
import { label, monthLabel, num, t } from "./i18n.js";

const TYPE_ORDER = ["cell_dismantled", "arrest", "attack", "seizure"];

export function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export function ticks(max, count = 4) {
  const step = niceMax(max / count);
  const out = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

export function typeOrder(types) {
  return [...types].sort((a, b) => {
    const ia = TYPE_ORDER.indexOf(a);
    const ib = TYPE_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || String(a).localeCompare(String(b));
  });
}

function monthsBetween(a, b) {
  const out = [];
  let [y, m] = a.split("-").map(Number);
  const [y2, m2] = b.split("-").map(Number);
  while (y < y2 || (y === y2 && m <= m2)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Periods of the timeline in a mode ("month" | "year") with {type: events} per period; the
 * months of coarse events' spans (see spanMonths) widen the range. */
export function periods(byMonth, mode, spans = []) {
  const rows = (byMonth || []).filter((r) => /^\d{4}-\d{2}$/.test(r.month));
  const extra = spanMonths(spans);
  if (!rows.length && !extra.length) return { keys: [], values: new Map(), types: [] };
  const months = [...rows.map((r) => r.month), ...extra].sort();
  const keyOf = (m) => (mode === "year" ? m.slice(0, 4) : m);
  let keys;
  if (mode === "year") {
    keys = [];
    for (let y = Number(months[0].slice(0, 4)); y <= Number(months.at(-1).slice(0, 4)); y++) keys.push(String(y));
  } else {
    keys = monthsBetween(months[0], months.at(-1));
  }
  const values = new Map(keys.map((k) => [k, new Map()]));
  const types = new Set();
  for (const r of rows) {
    const cell = values.get(keyOf(r.month));
    cell.set(r.type, (cell.get(r.type) || 0) + (r.events || 0));
    types.add(r.type);
  }
  return { keys, values, types: typeOrder(types) };
}

/** The default timeline mode: months unless they are too many to read. */
export function defaultMode(byMonth) {
  const months = (byMonth || []).map((r) => r.month).filter(Boolean).sort();
  if (!months.length) return "month";
  const span = (Number(months.at(-1).slice(0, 4)) - Number(months[0].slice(0, 4))) * 12 + 1;
  return span > 72 ? "year" : "month";
}

/** An empty chart <svg> of the given size and margins, with its plot area's width and height. */
function frame(width, height, m, cls, label) {
  const W = Math.max(280, Math.round(width));
  const H = height;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: `chart ${cls}`, role: "img", "aria-label": label });
  return { svg, W, H, pw: W - m.left - m.right, ph: H - m.top - m.bottom };
}

function empty(svg, W, H, message) {
  svg.appendChild(s("text", { x: W / 2, y: H / 2, class: "empty", "text-anchor": "middle" }, message));
  return svg;
}

/**
 * Events per period stacked by type. hrefFor(periodKey) gives the link of a period's bar.
 * Returns an <svg> sized for width (CSS pixels).
 */
export function timeline(byMonth, { mode, width = 720, height = 240, hrefFor, spans = [] }) {
  const { keys, values, types } = periods(byMonth, mode, spans);
  const lanes = spanLanes(spans, keys, mode);
  const extra = lanes.count ? lanes.count * LANE + 8 : 0;
  const m = { top: 12, right: 12, bottom: 30 + extra, left: 40 };
  const { svg, W, H, pw, ph } = frame(width, height + extra, m, "timeline", t("overview.timeline"));
  if (!keys.length) return empty(svg, W, H, t("empty.timeline"));
  const totals = keys.map((k) => [...values.get(k).values()].reduce((a, b) => a + b, 0));
  const yMax = niceMax(Math.max(...totals));
  const y = (v) => m.top + ph - (v / yMax) * ph;
  const band = pw / keys.length;
  const gap = band > 6 ? Math.min(4, band * 0.2) : 0;

  const grid = s("g", { class: "grid" });
  for (const v of ticks(yMax)) {
    if (v !== Math.round(v)) continue;
    grid.appendChild(s("line", { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v) }));
    grid.appendChild(s("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end" }, num(v)));
  }
  svg.appendChild(grid);

  const bars = s("g", { class: "bars" });
  keys.forEach((k, i) => {
    const cell = values.get(k);
    if (!cell.size) return;
    const period = mode === "year" ? k : monthLabel(k);
    const group = s("a", { href: hrefFor ? hrefFor(k) : null, class: "period", "data-period": k });
    let acc = 0;
    const lines = [period];
    for (const type of types) {
      const n = cell.get(type) || 0;
      if (!n) continue;
      lines.push(`${label(type, "type")}: ${num(n)}`);
      group.appendChild(
        s("rect", {
          x: m.left + i * band + gap / 2,
          y: y(acc + n),
          width: Math.max(1, band - gap),
          height: Math.max(0.5, y(acc) - y(acc + n)),
          class: `bar ty-${cls(type)}`,
          "data-type": type,
        }),
      );
      acc += n;
    }
    group.insertBefore(s("title", null, lines.join("\n")), group.firstChild);
    bars.appendChild(group);
  });
  svg.appendChild(bars);

  // x axis: years (every k-th so labels do not collide)
  const axis = s("g", { class: "axis" });
  axis.appendChild(s("line", { x1: m.left, x2: W - m.right, y1: m.top + ph, y2: m.top + ph }));
  const years = [];
  keys.forEach((k, i) => {
    if (mode === "year" || k.endsWith("-01") || i === 0) years.push([k.slice(0, 4), i]);
  });
  const unique = years.filter(([yv], i) => i === 0 || yv !== years[i - 1][0]);
  const minGap = 38;
  let last = -Infinity;
  for (const [yv, i] of unique) {
    const x = m.left + i * band + (mode === "year" ? band / 2 : 0);
    if (x - last < minGap) continue;
    last = x;
    axis.appendChild(s("line", { x1: x, x2: x, y1: m.top + ph, y2: m.top + ph + 4 }));
    axis.appendChild(s("text", { x: mode === "year" ? x : x + 2, y: m.top + ph + 20, "text-anchor": mode === "year" ? "middle" : "start" }, yv));
  }
  if (mode === "month" && keys.length <= 24) {
    // few months: label each month's number under its bar
    keys.forEach((k, i) => {
      if (band < 16) return;
      axis.appendChild(s("text", { x: m.left + i * band + band / 2, y: m.top + ph + 12, "text-anchor": "middle", class: "minor" }, String(Number(k.slice(5)))));
    });
  }
  svg.appendChild(axis);
  if (lanes.count) svg.appendChild(spanStrip(lanes, { band, gap, left: m.left, top: m.top + ph + 30 }));
  return svg;
}

// -- coarse events: hollow bars over the months their date interval spans (/api/stats by_span) --

const LANE = 9; // px per lane of the span strip
const MAX_LANES = 6; // more spans share the lane that frees first
const SPAN_RANGE_MONTHS = 24; // a wider span (background, a year) does not widen the axis: it is cut at its edge

function monthIndex(ym) {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

/** The months coarse spans add to the timeline's range: each end, and the start of a narrow one. */
export function spanMonths(spans) {
  const out = [];
  for (const r of spans || []) {
    if (!/^\d{4}-\d{2}$/.test(r.start) || !/^\d{4}-\d{2}$/.test(r.end)) continue;
    out.push(r.end);
    if (monthIndex(r.end) - monthIndex(r.start) < SPAN_RANGE_MONTHS) out.push(r.start);
  }
  return out;
}

/** Spans placed on the period keys: {count, items: [{row, i0, i1, lane, cutStart}]}, packed into lanes. */
export function spanLanes(spans, keys, mode) {
  const keyOf = (ym) => (mode === "year" ? ym.slice(0, 4) : ym);
  const items = [];
  if (!keys.length) return { count: 0, items };
  for (const row of spans || []) {
    if (!/^\d{4}-\d{2}$/.test(row.start) || !/^\d{4}-\d{2}$/.test(row.end)) continue;
    const a = keyOf(row.start);
    const b = keyOf(row.end);
    const i0 = a < keys[0] ? 0 : keys.indexOf(a);
    const i1 = keys.indexOf(b);
    if (i0 < 0 || i1 < 0) continue;
    items.push({ row, i0, i1, cutStart: a < keys[0] });
  }
  // narrow spans take the top lanes; a span goes in the first lane it does not overlap
  items.sort((x, y) => x.i1 - x.i0 - (y.i1 - y.i0) || x.i0 - y.i0);
  const lanes = [];
  for (const it of items) {
    let lane = lanes.findIndex((used) => used.every(([a, b]) => b < it.i0 || it.i1 < a));
    if (lane < 0 && lanes.length < MAX_LANES) lane = lanes.push([]) - 1;
    if (lane < 0) lane = lanes.length - 1;
    lanes[lane].push([it.i0, it.i1]);
    it.lane = lane;
  }
  return { count: lanes.length, items };
}

function spanStrip(lanes, { band, gap, left, top }) {
  const g = s("g", { class: "spans" });
  for (const { row, i0, i1, lane, cutStart } of lanes.items) {
    const title = t("timeline.span", { n: num(row.events), count: row.events, type: label(row.type, "type"), start: monthLabel(row.start), end: monthLabel(row.end) });
    const rect = s("rect", {
      x: left + i0 * band + gap / 2,
      y: top + lane * LANE,
      width: Math.max(2, (i1 - i0 + 1) * band - gap),
      height: LANE - 3,
      rx: 2,
      class: `span ty-${cls(row.type)}${cutStart ? " cut-start" : ""}`,
      "data-start": row.start,
      "data-end": row.end,
      "data-type": row.type,
      "data-events": row.events,
      "aria-label": title,
    });
    rect.appendChild(s("title", null, title));
    g.appendChild(rect);
  }
  return g;
}

function parseDate(d) {
  if (!d) return null;
  const [y, mo = "07", da = "01"] = String(d).split("/")[0].split("-");
  const v = Date.UTC(Number(y), Number(mo) - 1, Number(da));
  return Number.isFinite(v) ? v : null;
}

/**
 * A time scale over ``times`` (ms, padded; at least a year wide) and a value scale up to yMax
 * (values above it drawn at the top): draws the value grid and the year axis into svg and
 * returns the two scales {x, y}.
 */
function timeAxes(svg, times, yMax, { W, H, pw, ph, m }) {
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  const year = 365.25 * 864e5;
  if (t1 - t0 < year) {
    t0 -= year / 2;
    t1 += year / 2;
  }
  const pad = (t1 - t0) * 0.04;
  t0 -= pad;
  t1 += pad;
  const x = (v) => m.left + ((v - t0) / (t1 - t0)) * pw;
  const y = (v) => m.top + ph - (Math.min(v, yMax) / yMax) * ph;
  const grid = s("g", { class: "grid" });
  for (const v of ticks(yMax)) {
    grid.appendChild(s("line", { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v) }));
    grid.appendChild(s("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end" }, num(v)));
  }
  svg.appendChild(grid);
  const axis = s("g", { class: "axis" });
  axis.appendChild(s("line", { x1: m.left, x2: W - m.right, y1: m.top + ph, y2: m.top + ph }));
  const y0 = new Date(t0).getUTCFullYear();
  const y1 = new Date(t1).getUTCFullYear();
  const step = Math.max(1, Math.ceil((y1 - y0 + 1) / Math.max(2, Math.floor(pw / 48))));
  for (let yr = y0; yr <= y1 + 1; yr += step) {
    const v = Date.UTC(yr, 0, 1);
    if (v < t0 || v > t1) continue;
    axis.appendChild(s("line", { x1: x(v), x2: x(v), y1: m.top + ph, y2: m.top + ph + 4 }));
    axis.appendChild(s("text", { x: x(v), y: H - 10, "text-anchor": "middle" }, String(yr)));
  }
  svg.appendChild(axis);
  return { x, y };
}

/**
 * The figures of one metric over time: x = published date, y = value, one series per source.
 * series: [{key, name, index, points: [{x: "YYYY-MM-DD", y, href, title, period, since}]}].
 */
export function claimsChart(series, { width = 720, height = 300 }) {
  const m = { top: 14, right: 16, bottom: 30, left: 52 };
  const { svg, W, H, pw, ph } = frame(width, height, m, "claims-chart", t("claims.chart"));
  const pts = series.flatMap((se) => se.points.map((p) => ({ ...p, t: parseDate(p.x) }))).filter((p) => p.t !== null);
  if (!pts.length) return empty(svg, W, H, t("empty.claims"));
  const yMax = niceMax(Math.max(...pts.map((p) => p.y)) * 1.05);
  const { x, y } = timeAxes(svg, pts.map((p) => p.t), yMax, { W, H, pw, ph, m });

  for (const se of series) {
    const points = se.points.map((p) => ({ ...p, t: parseDate(p.x) })).filter((p) => p.t !== null).sort((a, b) => a.t - b.t);
    const g = s("g", { class: `series series-${se.index % 8}`, "data-series": se.key });
    // a line through each running total the source restated ("since 2002 …" over the years);
    // a one-year or one-month figure (p.period) is a ring, joined to nothing
    const runs = new Map();
    for (const p of points) {
      if (p.period || !p.since) continue;
      if (!runs.has(p.since)) runs.set(p.since, []);
      runs.get(p.since).push(p);
    }
    for (const run of runs.values()) {
      if (run.length < 2) continue;
      g.appendChild(s("polyline", { points: run.map((p) => `${x(p.t).toFixed(1)},${y(p.y).toFixed(1)}`).join(" "), class: "line" }));
    }
    for (const p of points) {
      const a = s("a", { href: p.href, class: p.period ? "point period" : "point" });
      a.appendChild(s("title", null, p.title));
      a.appendChild(s("circle", { cx: x(p.t).toFixed(1), cy: y(p.y).toFixed(1), r: 5 }));
      g.appendChild(a);
    }
    svg.appendChild(g);
  }
  return svg;
}

/**
 * Figures checked (the figures-check view): x = the end of each figure's period, y = its value;
 * a bar spans the values its qualifier allows (an arrow when it has no upper bound); one colour
 * per source; a figure in a conflict is ringed. record: [{x, y}] the record's own count over the
 * same periods, drawn as a dashed line.
 * series: [{key, name, index, points: [{x, y, low, high, href, title, conflict}]}].
 */
export function checksChart(series, record, { width = 720, height = 320 }) {
  const m = { top: 18, right: 16, bottom: 30, left: 56 };
  const { svg, W, H, pw, ph } = frame(width, height, m, "checks-chart", t("checks.chart"));
  const pts = series.flatMap((se) => se.points.map((p) => ({ ...p, t: parseDate(p.x) }))).filter((p) => p.t !== null);
  const rec = (record || []).map((p) => ({ ...p, t: parseDate(p.x) })).filter((p) => p.t !== null && p.y !== null);
  if (!pts.length) return empty(svg, W, H, t("empty.checks"));
  const yMax = niceMax(Math.max(...pts.map((p) => (p.high ?? p.y)), ...rec.map((p) => p.y)) * 1.1);
  const { x, y } = timeAxes(svg, pts.concat(rec).map((p) => p.t), yMax, { W, H, pw, ph, m });

  if (rec.length) {
    const sorted = [...rec].sort((a, b) => a.t - b.t);
    const g = s("g", { class: "record-line", "data-series": "record" });
    g.appendChild(s("polyline", { points: sorted.map((p) => `${x(p.t).toFixed(1)},${y(p.y).toFixed(1)}`).join(" "), class: "line" }));
    for (const p of sorted) {
      const c = s("circle", { cx: x(p.t).toFixed(1), cy: y(p.y).toFixed(1), r: 3 });
      c.appendChild(s("title", null, p.title || ""));
      g.appendChild(c);
    }
    svg.appendChild(g);
  }
  for (const se of series) {
    const g = s("g", { class: `series series-${se.index % 8}`, "data-series": se.key });
    for (const p of se.points) {
      const pt = parseDate(p.x);
      if (pt === null) continue;
      const a = s("a", { href: p.href, class: p.conflict ? "point conflict" : "point", "data-claim": p.claim });
      a.appendChild(s("title", null, p.title));
      const top = p.high === null || p.high === undefined ? m.top : y(p.high);
      if (p.low !== p.high) a.appendChild(s("line", { x1: x(pt), x2: x(pt), y1: y(p.low), y2: top, class: p.high === null ? "range open" : "range" }));
      a.appendChild(s("circle", { cx: x(pt).toFixed(1), cy: y(p.y).toFixed(1), r: p.conflict ? 6 : 5 }));
      g.appendChild(a);
    }
    svg.appendChild(g);
  }
  return svg;
}
