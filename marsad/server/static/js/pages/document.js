// One document's text with its spans highlighted: ?hl=start-end[,start-end] (scrolled into view),
// and the evidence of its events and claims.

import { get } from "../api.js";
import { add, cls, h, highlighted, offsetMapper } from "../dom.js";
import { date, label, num, t, textDir } from "../i18n.js";
import { href, params } from "../router.js";
import { panel, qualifierText, valueChips, valueText } from "../ui.js";

export function parseHl(value) {
  const out = [];
  for (const part of String(value || "").split(",")) {
    const m = part.trim().match(/^(\d+)-(\d+)$/);
    if (m && Number(m[2]) > Number(m[1])) out.push([Number(m[1]), Number(m[2])]);
  }
  return out;
}

export async function documentPage(view, { args }) {
  const [id] = args;
  const doc = await get(`/api/documents/${encodeURIComponent(id)}`);
  const text = doc.text || "";
  const at = offsetMapper(text);
  const hl = parseHl(params().get("hl"));
  const ranges = [];
  hl.forEach(([a, b], i) => ranges.push({ start: at(a), end: at(b), cls: "hl", id: `hl-${i}` }));
  for (const ev of doc.events || []) for (const [a, b] of ev.evidence || []) ranges.push({ start: at(a), end: at(b), cls: "ev" });
  for (const c of doc.claims || []) for (const [a, b] of c.evidence || []) ranges.push({ start: at(a), end: at(b), cls: "cl" });
  // each value's own words, lit while its chip is hovered or focused
  const chips = [];
  (doc.events || []).forEach((ev, i) => {
    chips[i] = (ev.values || []).map((v, k) => {
      const id = `v-e${i}-${k}`;
      ranges.push({ start: at(v.span[0]), end: at(v.span[1]), cls: "val", value: id });
      return { id, field: v.field, text: valueText(v.field, v.value) };
    });
  });
  const claimChips = (doc.claims || []).map((c, i) =>
    Object.entries(c.spans || {}).map(([field, [a, b]], k) => {
      const id = `v-c${i}-${k}`;
      ranges.push({ start: at(a), end: at(b), cls: "val", value: id });
      return { id, field: `claim.${field}`, text: claimFieldText(field, c) };
    }),
  );

  const body = h("div", { class: "doc-text", id: "doc-text", dir: textDir(doc.lang), lang: doc.lang || null }, highlighted(text, ranges));
  const metaLine = h(
    "p",
    { class: "source-meta" },
    doc.outlet ? h("span", { class: "outlet", dir: "auto" }, doc.outlet) : null,
    doc.published ? h("span", { dir: "ltr" }, doc.published) : null,
    doc.lang ? h("span", { class: "lang-tag" }, doc.lang) : null,
    doc.url ? h("a", { href: doc.url, class: "external", rel: "noopener noreferrer nofollow", target: "_blank", dir: "ltr" }, t("source.original")) : null,
    doc.copy_of ? h("span", null, t("document.copy_of"), " ", h("a", { href: href(`/documents/${encodeURIComponent(doc.copy_of)}`) }, doc.copy_of)) : null,
  );
  const legend = h(
    "ul",
    { class: "legend marks-legend" },
    hl.length ? h("li", null, h("mark", { class: "hl" }, t("document.mark_hl"))) : null,
    h("li", null, h("mark", { class: "ev" }, t("document.mark_ev"))),
    h("li", null, h("mark", { class: "cl" }, t("document.mark_cl"))),
  );
  const chipList = (list) => valueChips(list, body);
  const events = (doc.events || []).map((ev, i) =>
    h("li", null, h("a", { href: href(`/events/${encodeURIComponent(ev.id)}`) }, h("span", { class: `type-tag ty-${cls(ev.type)}` }, label(ev.type, "type")), " ", h("span", { dir: "ltr" }, date(ev.date))), chipList(chips[i])),
  );
  const claims = (doc.claims || []).map((c, i) => {
    const spans = (c.evidence || []).map(([a, b]) => `${a}-${b}`).join(",");
    return h("li", null, h("a", { href: href(`/documents/${encodeURIComponent(doc.id)}`, spans ? { hl: spans } : {}) }, t(`metric.${c.metric}`), ": ", qualifierText(c.qualifier, c.value)), c.source ? [" — ", label(c.source, "source")] : null, chipList(claimChips[i]));
  });
  add(view,
    h("h1", { class: "page-title", dir: textDir(doc.lang), lang: doc.lang || null }, doc.title || doc.id),
    metaLine,
    h(
      "div",
      { class: "doc-layout" },
      h("article", { class: "panel document" }, legend, body),
      h(
        "aside",
        { class: "doc-side" },
        panel(t("document.events", { n: num(events.length) }), events.length ? h("ul", { class: "plain" }, events) : h("p", { class: "none" }, "—")),
        panel(t("document.claims", { n: num(claims.length) }), claims.length ? h("ul", { class: "plain" }, claims) : h("p", { class: "none" }, "—")),
      ),
    ),
  );
  const first = body.querySelector("mark.hl");
  if (first) {
    first.id = "hl";
    first.setAttribute("tabindex", "-1");
    requestAnimationFrame(() => first.scrollIntoView({ block: "center" }));
  }
}

/** A claim field's value in words. */
function claimFieldText(field, c) {
  if (field === "value") return num(c.value);
  if (field === "qualifier") return qualifierText(c.qualifier, "…");
  if (field === "period") return [c.since && t("claims.since", { date: c.since }), c.until && t("claims.until", { date: c.until }), c.period].filter(Boolean).join(" ");
  if (field === "source") return label(c.source, "source");
  return "";
}
