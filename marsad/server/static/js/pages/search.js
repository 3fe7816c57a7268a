// Full-text search over the documents; ⟦…⟧ in snippets become <mark> (DOM, never innerHTML).

import { get } from "../api.js";
import { add, h, markedSnippet } from "../dom.js";
import { num, t } from "../i18n.js";
import { href, navigate, params } from "../router.js";
import { errorBox } from "../ui.js";

export async function searchPage(view) {
  const q = (params().get("q") || "").trim();
  const input = h("input", { type: "search", name: "q", id: "q", dir: "auto", placeholder: t("search.hint"), autocomplete: "off" });
  input.value = q;
  const form = h(
    "form",
    { class: "search-form", role: "search", action: "/search", method: "get" },
    h("label", { for: "q", class: "sr-only" }, t("search.label")),
    input,
    h("button", { type: "submit" }, t("search.go")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = input.value.trim();
    navigate(href("/search", v ? { q: v } : {}));
  });
  add(view, h("h1", { class: "page-title" }, t("search.title")), form);
  if (!q) {
    view.appendChild(h("p", { class: "note" }, t("search.intro")));
    return;
  }
  let items;
  try {
    items = (await get("/api/search", { q, limit: 50 })).items || [];
  } catch (e) {
    view.appendChild(errorBox(e));
    return;
  }
  const list = h("ol", { class: "results", id: "results" });
  for (const r of items) {
    const docLink = href(`/documents/${encodeURIComponent(r.document_id)}`);
    list.appendChild(
      h(
        "li",
        { class: "result", "data-document": r.document_id },
        h("h3", null, h("a", { href: docLink, dir: "auto" }, r.title || r.document_id)),
        h("p", { class: "snippet", dir: "auto" }, markedSnippet(r.snippet || "")),
        h(
          "p",
          { class: "result-meta" },
          r.published ? h("span", { dir: "ltr" }, r.published) : null,
          r.outlet ? [r.published ? " · " : "", h("span", { class: "outlet", dir: "auto" }, r.outlet)] : null,
          (r.sources || []).length > 1 ? [" · ", t("search.copies", { n: num(r.sources.length - 1), count: r.sources.length - 1 })] : null,
          (r.events || []).length ? [" · ", t("search.events"), " ", (r.events || []).map((id, i) => [i ? t("list.sep") : "", h("a", { href: href(`/events/${encodeURIComponent(id)}`), dir: "ltr" }, id)])] : null,
        ),
      ),
    );
  }
  add(view, h("p", { class: "summary" }, t("search.count", { n: num(items.length), count: items.length })), items.length ? list : h("p", { class: "none" }, t("empty.search")));
}
