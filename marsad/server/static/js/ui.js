// Pieces shared by the pages: header, panels, lists, messages.

import { h, litValues } from "./dom.js";
import { LANGS, date, label, num, t } from "./i18n.js";
import { currentLang, href } from "./router.js";

const NAV = [
  ["/", "nav.overview"],
  ["/events", "nav.events"],
  ["/claims", "nav.claims"],
  ["/checks", "nav.checks"],
  ["/search", "nav.search"],
];

export function header(pathname) {
  const lang = currentLang();
  const p = new URLSearchParams(location.search);
  const other = LANGS.find((l) => l !== lang);
  const keep = {};
  for (const [k, v] of p) keep[k] = v;
  const nav = h("nav", { class: "nav", "aria-label": t("nav.label") });
  for (const [path, key] of NAV) {
    const active = path === "/" ? pathname === "/" : pathname === path || pathname.startsWith(`${path}/`);
    nav.appendChild(h("a", { href: href(path), class: active ? "active" : null, "aria-current": active ? "page" : null }, t(key)));
  }
  const switcher = h(
    "a",
    { href: href(location.pathname, keep, other), class: "lang-switch", hreflang: other, lang: other, id: "lang-switch" },
    t(`lang.switch_to.${other}`),
  );
  return h(
    "div",
    { class: "bar" },
    h("a", { href: href("/"), class: "brand" }, h("span", { class: "brand-mark", "aria-hidden": "true" }, "◉"), t("app.name")),
    nav,
    switcher,
  );
}

export function panel(title, ...children) {
  return h("section", { class: "panel" }, title ? h("h2", null, title) : null, ...children);
}

export function loading() {
  return h("p", { class: "loading", role: "status" }, t("state.loading"));
}

export function errorBox(err) {
  const status = err && err.status;
  const key = status === 404 ? "error.not_found" : status === 400 ? "error.bad_request" : "error.generic";
  return h("div", { class: "error", role: "alert" }, h("strong", null, t(key)), " ", h("span", { class: "detail" }, err && err.message ? err.message : String(err)));
}

/** A list of vocabulary ids as chips, each linking somewhere (or plain). short: a label
 * ending in its acronym, "Central Bureau of Judicial Investigation (BCIJ)", shows the acronym
 * (the full name as its title), so that a table's chips stay on one line. */
export function chips(ids, kind, linkFor, { short = false } = {}) {
  if (!ids || !ids.length) return h("span", { class: "none" }, "—");
  const text = (id) => {
    const full = label(id, kind);
    const acronym = short && /^(.{12,}?)\s*\(([^()\s]{2,8})\)$/.exec(full);
    return acronym ? h("abbr", { title: full }, acronym[2]) : full;
  };
  return h(
    "span",
    { class: "chips" },
    ids.map((id) => (linkFor ? h("a", { href: linkFor(id), class: "chip" }, text(id)) : h("span", { class: "chip" }, text(id)))),
  );
}

/** Ranked list with bars: rows [{id, text, value, href}]. */
export function rankList(rows, { empty = t("empty.list"), max } = {}) {
  if (!rows.length) return h("p", { class: "none" }, empty);
  const top = max || Math.max(1, ...rows.map((r) => r.value));
  const ol = h("ol", { class: "rank" });
  for (const r of rows) {
    const bar = h("span", { class: "rank-bar", "aria-hidden": "true" });
    bar.style.inlineSize = `${Math.max(2, (100 * r.value) / top).toFixed(1)}%`;
    ol.appendChild(
      h(
        "li",
        { "data-id": r.id },
        h("span", { class: "rank-label" }, r.href ? h("a", { href: r.href }, r.text) : r.text),
        h("span", { class: "rank-value" }, num(r.value)),
        h("span", { class: "rank-track" }, bar),
      ),
    );
  }
  return ol;
}

export function definition(pairs) {
  const dl = h("dl", { class: "fields" });
  for (const [key, value, field] of pairs) {
    dl.appendChild(h("div", { class: "field-row", "data-field": field || null }, h("dt", null, key), h("dd", null, value)));
  }
  return dl;
}

export function qualifierText(q, value) {
  const v = num(value);
  return q && q !== "exact" ? t(`qualifier.${q}`, { value: v }) : v;
}

// Redraw hooks for charts sized to their container; reset on every page render.
let resizeHandlers = [];
let resizeTimer = null;
export function onResize(fn) {
  resizeHandlers.push(fn);
}
export function resetResize() {
  resizeHandlers = [];
}
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => resizeHandlers.forEach((fn) => fn()), 150);
});

// The busy state of <main> (aria-busy): true while a page or a refresh is loading.
let busyCount = 0;
export function busy(on) {
  busyCount = Math.max(0, busyCount + (on ? 1 : -1));
  const main = document.getElementById("main");
  if (main) main.setAttribute("aria-busy", busyCount > 0 ? "true" : "false");
}
export function resetBusy() {
  busyCount = 0;
}

/** Width available inside an element (CSS pixels), for charts drawn at their real size. */
export function widthOf(el, fallback = 720) {
  const w = el && el.clientWidth;
  return w && w > 0 ? w : fallback;
}

const VALUE_KIND = { type: "type", affiliation: "org", agencies: "agency", partners: "partner", seized: "item", plot: "plot", targets: "target" };

/** A value of an event field in words, as the event page shows it. */
export function valueText(field, value) {
  if (field === "date") return date(value);
  if (VALUE_KIND[field]) return label(value, VALUE_KIND[field]);
  return value === null || value === undefined ? "" : String(value);
}

/**
 * Buttons, one per value ({id, field, text}), that light the marks of ``root`` holding the
 * value's own words (data-values, dom.js highlighted) while hovered or focused.
 */
export function valueChips(values, root) {
  if (!values || !values.length) return null;
  return h("ul", { class: "value-chips", "aria-label": t("document.values") },
    values.map((c) => h("li", null, litValues(h("button", { type: "button", class: "value-chip", "data-value": c.id }, h("span", { class: "chip-field" }, t(`field.${c.field}`)), " ", h("span", { dir: "auto" }, c.text)), root, c.id))));
}
