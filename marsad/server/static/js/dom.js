// DOM helpers. Everything the dashboard shows is built with createElement / createTextNode:
// data never goes through innerHTML, and no attribute named style or on* is ever set.

const SVG_NS = "http://www.w3.org/2000/svg";
const FORBIDDEN = /^(on|style$|srcdoc$)/i;

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "on") {
      for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
      continue;
    }
    if (FORBIDDEN.test(name)) throw new Error(`attribute not allowed: ${name}`);
    if (name === "text") el.textContent = String(value);
    else if (name === "class") el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name === "href" && !safeHref(value)) continue;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
}

// Links to same-origin paths or http(s) URLs only (no javascript:, data: … from article metadata).
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith("/") && !s.startsWith("//")) return true;
  try {
    const u = new URL(s, location.href);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** Append children (nodes, strings, nested arrays; null/undefined/false skipped). */
export function add(el, ...children) {
  return append(el, children);
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h("a", {href: "/x", class: "c"}, "text", otherNode). Strings become text nodes. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  return append(el, children);
}

/** An SVG element, same calling convention. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  return append(el, children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A CSS class fragment from a vocabulary id (ids come from data: keep [a-z0-9_-]). */
export function cls(id) {
  return String(id ?? "none").toLowerCase().replace(/[^a-z0-9_-]/g, "_");
}

/**
 * Map Python code-point offsets to JS (UTF-16) string indices. Arabic is in the BMP, where both
 * agree; a text with astral characters (emoji, rare CJK) is converted, and an index that would
 * fall inside a surrogate pair is moved to its edge.
 */
export function offsetMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) {
    return (i) => Math.max(0, Math.min(text.length, i | 0));
  }
  const units = [0];
  for (let u = 0; u < text.length; ) {
    const c = text.charCodeAt(u);
    u += c >= 0xd800 && c <= 0xdbff && u + 1 < text.length ? 2 : 1;
    units.push(u);
  }
  return (i) => units[Math.max(0, Math.min(units.length - 1, i | 0))];
}

/**
 * Text with highlighted ranges, built from text nodes and <mark> elements.
 * ranges: [{start, end, cls, id}] in UTF-16 indices; overlaps are split into segments whose
 * mark carries every covering range's class. Returns a DocumentFragment.
 */
export function highlighted(text, ranges) {
  const frag = document.createDocumentFragment();
  const usable = ranges
    .map((r) => ({ ...r, start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .filter((r) => r.end > r.start);
  const cuts = new Set([0, text.length]);
  for (const r of usable) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    const piece = text.slice(a, b);
    const covering = usable.filter((r) => r.start <= a && r.end >= b);
    if (!covering.length) {
      frag.appendChild(document.createTextNode(piece));
      continue;
    }
    const mark = h("mark", { class: [...new Set(covering.map((r) => r.cls).filter(Boolean))] });
    const first = covering.find((r) => r.id);
    if (first) mark.dataset.span = first.id;
    // the values whose own words this piece is (a value chip lights them: litValues)
    const values = covering.filter((r) => r.value).map((r) => r.value);
    if (values.length) mark.dataset.values = values.join(" ");
    mark.appendChild(document.createTextNode(piece));
    frag.appendChild(mark);
  }
  return frag;
}

/** Text with ⟦…⟧ markers (search snippets) as text nodes and <mark> elements. */
export function markedSnippet(snippet) {
  const frag = document.createDocumentFragment();
  const re = /⟦([^⟧]*)⟧/g;
  let last = 0;
  let m;
  while ((m = re.exec(snippet))) {
    if (m.index > last) frag.appendChild(document.createTextNode(snippet.slice(last, m.index)));
    frag.appendChild(h("mark", null, m[1]));
    last = m.index + m[0].length;
  }
  if (last < snippet.length) frag.appendChild(document.createTextNode(snippet.slice(last).replace(/[⟦⟧]/g, "")));
  return frag;
}

/** Light the text's marks that are one value's own words while ``chip`` is hovered or focused. */
export function litValues(chip, root, valueId) {
  const set = (on) => {
    for (const m of root.querySelectorAll(`mark[data-values~="${valueId}"]`)) m.classList.toggle("lit", on);
  };
  chip.addEventListener("mouseenter", () => set(true));
  chip.addEventListener("mouseleave", () => set(false));
  chip.addEventListener("focus", () => set(true));
  chip.addEventListener("blur", () => set(false));
  return chip;
}
