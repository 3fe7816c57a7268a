// Events table: the overview's filters, sortable columns, cursor pagination, CSV/JSON export.

import { get, query } from "../api.js";
import { add, clear, cls, h } from "../dom.js";
import { filterBar } from "../filters.js";
import { eventDate, label, num, placeName, t } from "../i18n.js";
import { filtersOf, href, navigate, params } from "../router.js";
import { busy, chips, errorBox } from "../ui.js";
import { labelCells } from "../cards.js";

const SORTS = ["date", "arrested", "sources"];
const PAGE = 25;

function sortLink(key, current, filters) {
  const active = current.replace(/^-/, "") === key;
  const desc = current.startsWith("-");
  const next = active ? (desc ? key : `-${key}`) : `-${key}`;
  const arrow = active ? (desc ? " ▼" : " ▲") : "";
  return h(
    "a",
    { href: href("/events", { ...filters, sort: next }), class: "sort", "data-sort": key, title: t("events.sort_by", { column: t(`column.${key}`) }) },
    t(`column.${key}`),
    h("span", { class: "arrow", "aria-hidden": "true" }, arrow),
  );
}

function placesCell(ev) {
  const detail = ev.places_detail && ev.places_detail.length ? ev.places_detail : (ev.places || []).map((id) => ({ id }));
  if (!detail.length) return "—";
  return detail.map((p) => placeName(p)).join(t("list.sep"));
}

export async function eventsPage(view, { meta }) {
  const results = h("div", { class: "events-results" });
  let seq = 0;

  const refresh = async () => {
    const mine = ++seq;
    const p = params();
    const filters = filtersOf(p);
    const sort = p.get("sort") || "-date";
    const cursor = p.get("cursor") || "";
    busy(true);
    try {
      const [page, stats] = await Promise.all([
        get("/api/events", { ...filters, sort, cursor, limit: PAGE }),
        get("/api/stats", filters).catch(() => null),
      ]);
      if (mine !== seq) return;
      draw(page, stats, filters, sort, cursor);
    } catch (e) {
      if (mine === seq) clear(results).appendChild(errorBox(e));
    } finally {
      busy(false);
    }
  };

  function draw(page, stats, filters, sort, cursor) {
    const sortable = new Set(SORTS);
    const columns = ["date", "type", "title", "places", "arrested", "killed", "affiliation", "agencies", "sources"];
    const thead = h(
      "thead",
      null,
      h(
        "tr",
        null,
        columns.map((c) => {
          const active = sort.replace(/^-/, "") === c;
          return h(
            "th",
            { scope: "col", class: `col-${c}`, "aria-sort": active ? (sort.startsWith("-") ? "descending" : "ascending") : null },
            sortable.has(c) ? sortLink(c, sort, filters) : t(`column.${c}`),
          );
        }),
      ),
    );
    const tbody = h("tbody");
    for (const ev of page.items || []) {
      const link = href(`/events/${encodeURIComponent(ev.id)}`);
      tbody.appendChild(
        h(
          "tr",
          { "data-id": ev.id, class: ev.background ? "background" : null },
          h("td", { class: "col-date", dir: "ltr" }, h("a", { href: link }, eventDate(ev))),
          h("td", { class: "col-type" }, h("span", { class: `type-tag ty-${cls(ev.type)}` }, label(ev.type, "type")), ev.background ? h("span", { class: "tag bg" }, t("value.background")) : null),
          h("td", { class: "col-title" }, h("a", { href: link, dir: "auto" }, ev.title || ev.id)),
          h("td", { class: "col-places" }, placesCell(ev)),
          h("td", { class: "col-arrested num" }, num(ev.arrested)),
          h("td", { class: "col-killed num" }, num(ev.killed)),
          h("td", { class: "col-affiliation" }, chips(ev.affiliation, "org", null, { short: true })),
          h("td", { class: "col-agencies" }, chips(ev.agencies, "agency", null, { short: true })),
          h("td", { class: "col-sources num" }, num(ev.source_count)),
        ),
      );
    }
    const table = h("table", { class: "events-table" }, h("caption", { class: "sr-only" }, t("events.caption")), thead, tbody);
    labelCells(table); // a card per event on a phone

    // pagination: "next" follows next_cursor; "previous" goes back through the cursors seen
    const stack = (history.state && history.state.cursors) || [];
    const base = { ...filters, sort: sort === "-date" ? null : sort };
    const pager = h("nav", { class: "pager", "aria-label": t("events.pages") });
    const prevCursor = cursor ? (stack.length ? stack[stack.length - 1] : "") : null;
    const prev = h("a", { href: prevCursor !== null ? href("/events", { ...base, cursor: prevCursor }) : null, class: "prev", rel: "prev", "aria-disabled": prevCursor === null ? "true" : null }, t("events.previous"));
    if (prevCursor !== null) {
      prev.addEventListener("click", (e) => {
        e.preventDefault();
        navigate(prev.getAttribute("href"), { state: { cursors: stack.slice(0, -1) } });
      });
    }
    const nextCursor = page.next_cursor;
    const next = h("a", { href: nextCursor ? href("/events", { ...base, cursor: nextCursor }) : null, class: "next", rel: "next", "aria-disabled": nextCursor ? null : "true" }, t("events.next"));
    if (nextCursor) {
      next.addEventListener("click", (e) => {
        e.preventDefault();
        navigate(next.getAttribute("href"), { state: { cursors: [...stack, cursor] } });
      });
    }
    const pageNo = stack.length + (cursor ? 1 : 0) + 1;
    add(pager, prev, h("span", { class: "page-no" }, t("events.page", { n: num(pageNo) })), next);

    const exportQuery = query({ ...filters, sort });
    const exports = h(
      "p",
      { class: "exports" },
      t("events.export"),
      " ",
      h("a", { href: `/api/export.csv${exportQuery}`, download: "marsad-events.csv", class: "export-csv" }, "CSV"),
      " · ",
      h("a", { href: `/api/export.json${exportQuery}`, download: "marsad-events.json", class: "export-json" }, "JSON"),
      " · ",
      h("a", { href: `/feeds/operations.atom${query(filters)}`, type: "application/atom+xml", class: "feed",
               title: t("events.feed_title") }, t("events.feed")),
    );
    const summary = h("p", { class: "summary", id: "events-summary" }, stats ? t("events.total", { n: num(stats.events), count: stats.events }) : "");
    const empty = (page.items || []).length ? null : h("p", { class: "none" }, t("empty.events"));
    add(clear(results), h("div", { class: "table-head" }, summary, exports), h("div", { class: "table-wrap" }, table), empty, pager);
  }

  const bar = filterBar(meta, filtersOf(), (f) => {
    const sort = params().get("sort");
    const url = href("/events", { ...f, sort });
    if (url === location.pathname + location.search) return;
    navigate(url, { render: false });
    refresh();
  });
  add(view, h("h1", { class: "page-title" }, t("events.title")), bar, results);
  await refresh();
}
