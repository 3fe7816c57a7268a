// The filter bar shared by the overview and the events table. Its values live in the URL.

import { h } from "./dom.js";
import { label, placeName, t } from "./i18n.js";

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function select(name, options, value, allLabel) {
  const el = h("select", { name, id: `f-${name}` }, h("option", { value: "" }, allLabel));
  const seen = new Set();
  for (const [v, text] of options) {
    seen.add(v);
    el.appendChild(h("option", { value: v }, text));
  }
  if (value && !seen.has(value)) el.appendChild(h("option", { value }, value));
  el.value = value || "";
  return el;
}

function field(name, control) {
  return h("div", { class: "field" }, h("label", { for: `f-${name}` }, t(`filter.${name}`)), control);
}

function byText(a, b) {
  return a[1].localeCompare(b[1]);
}

/**
 * A <form> with one control per filter. onChange(filters) is called with the new filter object
 * (empty values dropped) when a control changes or the form is submitted.
 */
export function filterBar(meta, current, onChange) {
  const m = meta || {};
  const all = t("filter.all");
  const controls = {
    type: select("type", (m.types || []).map((v) => [v, label(v, "type")]), current.type, all),
    since: h("input", { name: "since", id: "f-since", type: "text", inputmode: "numeric", placeholder: t("filter.date_hint"), pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", dir: "ltr", size: 10 }),
    until: h("input", { name: "until", id: "f-until", type: "text", inputmode: "numeric", placeholder: t("filter.date_hint"), pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", dir: "ltr", size: 10 }),
    place: select("place", (m.places || []).map((p) => [p.id, placeName(p)]).sort(byText), current.place, all),
    region: select("region", (m.regions || []).map((v) => [v, label(v, "region")]).sort(byText), current.region, all),
    org: select("org", (m.orgs || []).map((v) => [v, label(v, "org")]).sort(byText), current.org, all),
    agency: select("agency", (m.agencies || []).map((v) => [v, label(v, "agency")]).sort(byText), current.agency, all),
    partner: select("partner", (m.partners || []).map((v) => [v, label(v, "partner")]).sort(byText), current.partner, all),
    background: select("background", [["false", t("filter.background_false")], ["true", t("filter.background_true")]], current.background, t("filter.background_any")),
    q: h("input", { name: "q", id: "f-q", type: "search", placeholder: t("filter.q_hint"), dir: "auto" }),
    // dates: every event by the interval it may lie in, or only those whose reports name the day or month
    exact_dates: select("exact_dates", [["true", t("filter.exact_dates_true")]], current.exact_dates, t("filter.exact_dates_any")),
  };
  controls.since.value = current.since || "";
  controls.until.value = current.until || "";
  controls.q.value = current.q || "";

  const form = h("form", { class: "filters", role: "search", "aria-label": t("filter.title") });
  for (const [name, control] of Object.entries(controls)) form.appendChild(field(name, control));
  const reset = h("button", { type: "button", class: "reset" }, t("filter.clear"));
  form.appendChild(h("div", { class: "field actions" }, reset));

  const read = () => {
    const out = {};
    let ok = true;
    for (const [name, control] of Object.entries(controls)) {
      const v = control.value.trim();
      if ((name === "since" || name === "until") && v && !DATE_RE.test(v)) {
        control.setAttribute("aria-invalid", "true");
        ok = false;
        continue;
      }
      control.removeAttribute("aria-invalid");
      if (v) out[name] = v;
    }
    return ok ? out : null;
  };
  const fire = () => {
    const f = read();
    if (f) onChange(f);
  };
  form.addEventListener("change", fire);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    fire();
  });
  reset.addEventListener("click", () => {
    for (const control of Object.values(controls)) control.value = "";
    fire();
  });
  // On a phone the bar folds away (open when a filter is set); on wider screens it is open.
  const active = Object.values(current).filter(Boolean).length;
  const wide = window.matchMedia("(min-width: 801px)").matches;
  return h(
    "details",
    { class: "filters-box", open: wide || active > 0 },
    h("summary", null, t("filter.title"), active ? h("span", { class: "badge" }, String(active)) : null),
    form,
  );
}
