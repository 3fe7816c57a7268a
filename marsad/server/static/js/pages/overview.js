// Overview: counts, timeline by month and type, map of towns, top affiliations and agencies.
// Every part follows the filters in the URL; a filter change pushes a new URL and re-fetches /api/stats.

import { get } from "../api.js";
import { defaultMode, periods, timeline } from "../charts.js";
import { add, clear, cls, h } from "../dom.js";
import { filterBar } from "../filters.js";
import { label, num, placeName, t } from "../i18n.js";
import { moroccoMap } from "../map.js";
import { filtersOf, href, navigate } from "../router.js";
import { busy, errorBox, onResize, panel, rankList, widthOf } from "../ui.js";

const COUNTS = ["events", "arrested", "killed", "documents", "claims"];

export async function overview(view, { meta }) {
  const results = h("div", { class: "overview-results" });
  let seq = 0;
  let mode = null; // timeline mode picked by the user; null = automatic
  let redraw = null;
  onResize(() => redraw && redraw());

  const refresh = async () => {
    const mine = ++seq;
    const filters = filtersOf();
    busy(true);
    try {
      const stats = await get("/api/stats", filters);
      if (mine !== seq) return;
      await draw(results, stats, filters);
      results.dataset.query = new URLSearchParams(filters).toString();
    } catch (e) {
      if (mine === seq) clear(results).appendChild(errorBox(e));
    } finally {
      busy(false);
    }
  };

  const bar = filterBar(meta, filtersOf(), (f) => {
    const url = href("/", f);
    if (url === location.pathname + location.search) return;
    navigate(url, { render: false });
    refresh();
  });

  async function draw(root, stats, filters) {
    const counts = h(
      "ul",
      { class: "counts" },
      COUNTS.map((k) => h("li", { class: `count count-${k}`, id: `count-${k}` }, h("span", { class: "count-value" }, num(stats[k] ?? 0)), h("span", { class: "count-label" }, t(`count.${k}`)))),
    );

    // timeline
    const chartBox = h("div", { class: "chart-box" });
    const autoMode = defaultMode(stats.by_month);
    const legend = h("ul", { class: "legend" });
    const modes = h("div", { class: "toggle", role: "group", "aria-label": t("overview.granularity") });
    const drawTimeline = () => {
      const m = mode || autoMode;
      clear(chartBox).appendChild(
        timeline(stats.by_month, {
          mode: m,
          width: widthOf(chartBox),
          hrefFor: (k) => href("/", { ...filters, since: k, until: k }),
          spans: stats.by_span || [], // coarse events: hollow bars over their date interval
        }),
      );
      clear(legend);
      for (const type of periods(stats.by_month, m, stats.by_span || []).types) {
        legend.appendChild(h("li", null, h("span", { class: `swatch ty-${cls(type)}`, "aria-hidden": "true" }), label(type, "type")));
      }
      for (const b of modes.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.mode === m));
      timelineTitle.textContent = t(`overview.timeline_${m}`);
    };
    for (const m of ["month", "year"]) {
      modes.appendChild(
        h("button", { type: "button", "data-mode": m, on: { click: () => ((mode = m), drawTimeline()) } }, t(`overview.by_${m}`)),
      );
    }
    // events whose reports name no month or day are drawn over their interval (by_span)
    const coarse = (stats.by_span || []).reduce((a, r) => a + (r.events || 0), 0);
    const undated = stats.events - coarse - (stats.by_month || []).reduce((a, r) => a + (r.events || 0), 0);
    const timelineTitle = h("h2", null);
    const timelinePanel = h(
      "section",
      { class: "panel" },
      timelineTitle,
      h("div", { class: "panel-tools" }, legend, modes),
      chartBox,
      coarse > 0 ? h("p", { class: "note", id: "timeline-spans" }, t("overview.spans", { n: num(coarse), count: coarse })) : null,
      undated > 0 ? h("p", { class: "note" }, t("overview.undated", { n: num(undated), count: undated })) : null,
    );
    timelinePanel.id = "timeline";

    // map
    const towns = stats.by_town || [];
    const mapBox = h("div", { class: "map-box" });
    const { svg, outside, unplaced } = await moroccoMap(towns, {
      hrefFor: (d) => href("/events", { ...filters, place: d.place }),
      labels: 7,
    });
    mapBox.appendChild(svg);
    const mapPanel = panel(
      t("overview.map"),
      mapBox,
      h("p", { class: "note" }, t("map.legend")),
      ...[["map.outside", outside, "outside"], ["map.unplaced", unplaced, "unplaced"]].map(([key, list, cls]) =>
        list.length
          ? h(
              "p",
              { class: `note ${cls}` },
              t(key),
              " ",
              list.map((d, i) => [i ? t("list.sep") : "", h("a", { href: href("/events", { ...filters, place: d.place }) }, placeName(d)), ` (${num(d.events)})`]),
            )
          : null,
      ),
    );
    mapPanel.id = "map";

    const link = (key, id) => href("/", { ...filters, [key]: id });
    const orgs = panel(t("overview.top_orgs"), rankList((stats.by_org || []).slice(0, 10).map((r) => ({ id: r.org, text: label(r.org, "org"), value: r.events, href: link("org", r.org) }))));
    orgs.id = "top-orgs";
    const agencies = panel(t("overview.top_agencies"), rankList((stats.by_agency || []).slice(0, 10).map((r) => ({ id: r.agency, text: label(r.agency, "agency"), value: r.events, href: link("agency", r.agency) }))));
    agencies.id = "top-agencies";
    const lists = h(
      "div",
      { class: "lists" },
      panel(t("overview.top_towns"), rankList(towns.slice(0, 10).map((r) => ({ id: r.place, text: placeName(r), value: r.events, href: link("place", r.place) })))),
      panel(t("overview.by_type"), rankList((stats.by_type || []).map((r) => ({ id: r.type, text: label(r.type, "type"), value: r.events, href: link("type", r.type) })))),
      panel(t("overview.top_partners"), rankList((stats.by_partner || []).slice(0, 10).map((r) => ({ id: r.partner, text: label(r.partner, "partner"), value: r.events, href: link("partner", r.partner) })))),
      panel(t("overview.by_region"), rankList((stats.by_region || []).slice(0, 12).map((r) => ({ id: r.region, text: label(r.region, "region"), value: r.events, href: link("region", r.region) })))),
    );

    const eventsLink = h("p", { class: "more" }, h("a", { href: href("/events", filters) }, t("overview.see_events", { n: num(stats.events) })));
    add(clear(root), counts, h("div", { class: "grid-2" }, h("div", { class: "column" }, timelinePanel, h("div", { class: "pair" }, orgs, agencies), eventsLink), mapPanel), lists);
    drawTimeline();
    redraw = drawTimeline;
  }

  add(view, h("h1", { class: "page-title" }, t("overview.title")), bar, results);
  await refresh();
}
