// Client-side routing on location.pathname; the URL holds every filter and the language.

import { LANGS } from "./i18n.js";

export const FILTERS = ["type", "since", "until", "place", "region", "org", "agency", "partner", "background", "q", "exact_dates"];

const routes = [];
let renderer = null;

export function route(pattern, page) {
  routes.push({ pattern, page });
}

export function match(pathname) {
  for (const r of routes) {
    const m = pathname.match(r.pattern);
    if (m) return { page: r.page, args: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

export function onNavigate(fn) {
  renderer = fn;
}

export function params() {
  return new URLSearchParams(location.search);
}

export function currentLang() {
  const l = params().get("lang");
  return LANGS.includes(l) ? l : "ar";
}

/** The filters of a query string as a plain object (only the non-empty ones). */
export function filtersOf(p = params()) {
  const out = {};
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v !== null && v !== "") out[k] = v;
  }
  return out;
}

/** A page URL with the given query values (null/"" dropped) and the current language. */
export function href(path, values = {}, lang = currentLang()) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === "" || k === "lang") continue;
    q.set(k, String(v));
  }
  q.set("lang", lang);
  return `${path}?${q.toString()}`;
}

/** Go to a page URL: pushState and render (or only push when render is false). */
export function navigate(url, { replace = false, state = null, render = true } = {}) {
  if (replace) history.replaceState(state, "", url);
  else history.pushState(state, "", url);
  if (render && renderer) renderer();
}

function isPage(url) {
  return url.origin === location.origin && !url.pathname.startsWith("/api/") && !url.pathname.startsWith("/static/") && match(url.pathname);
}

export function start() {
  document.addEventListener("click", (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest("a");
    if (!a || a.hasAttribute("download") || (a.getAttribute("target") || "_self") !== "_self") return;
    const raw = a.getAttribute("href");
    if (!raw) return;
    const url = new URL(raw, location.href);
    if (!isPage(url)) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener("popstate", () => renderer && renderer());
}
