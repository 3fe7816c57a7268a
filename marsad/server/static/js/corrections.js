// Corrections on the operation page (issue 17 item 7): merge with another operation, split
// reports out into one of their own, undo the last correction, through the write endpoints.
// Only a writable server (meta.writable: `marsad serve --token`) gets the panel at all. The
// token is typed once and kept in sessionStorage (this tab, until it closes); it travels in
// the Authorization header only, never in a URL.

import { get, request } from "./api.js";
import { add, clear, h } from "./dom.js";
import { date, label, num, placeName, t } from "./i18n.js";
import { href, navigate } from "./router.js";
import { panel } from "./ui.js";

const TOKEN_KEY = "marsad.token";
const NEARBY = 8; // operations offered for a merge without a search
const EVENT_ID = /^ev-[0-9a-f]{12}$/i;

let flash = null; // {kind: "ok" | "error", parts: [...]}: what the last correction did, shown after the page renders again

function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  } catch {
    return "";
  }
}

function setToken(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage refused (private mode): the token is asked again on the next page
  }
}

/** POST a JSON body to a write endpoint with the token; ApiError as api.get throws them. */
async function post(path, body) {
  return request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
    body: JSON.stringify(body ?? {}),
    credentials: "same-origin",
    cache: "no-store",
  });
}

function eventLink(id) {
  return h("a", { href: href(`/events/${encodeURIComponent(id)}`), class: "event-id", dir: "ltr" }, id);
}

function joined(items) {
  return items.flatMap((x, i) => (i ? [t("list.sep"), x] : [x]));
}

function candidateText(ev) {
  const places = (ev.places_detail && ev.places_detail.length ? ev.places_detail : (ev.places || []).map((id) => ({ id }))).map(placeName).join(t("list.sep"));
  return [
    h("span", { dir: "ltr" }, date(ev.date)),
    " · ",
    label(ev.type, "type"),
    places ? ` · ${places}` : "",
    ev.arrested !== null && ev.arrested !== undefined ? ` · ${t("corrections.arrested", { n: num(ev.arrested), count: ev.arrested })}` : "",
    ev.title ? [" · ", h("span", { dir: "auto", class: "candidate-title" }, ev.title)] : "",
  ];
}

/** Operations worth offering for a merge: the same town's (or month's) nearest in time. */
async function nearby(ev) {
  const params = { limit: 50, sort: "-date" };
  const month = /^\d{4}-\d{2}/.exec(ev.date || "");
  if (ev.places && ev.places.length) params.place = ev.places[0];
  else if (month) Object.assign(params, { since: month[0], until: month[0] });
  else params.type = ev.type;
  const page = await get("/api/events", params);
  const day = (d) => (d ? Date.parse(String(d).split("/")[0].padEnd(10, "-01").slice(0, 10)) || 0 : 0);
  const at = day(ev.date);
  return (page.items || [])
    .filter((x) => x.id !== ev.id)
    .sort((a, b) => Math.abs(day(a.date) - at) - Math.abs(day(b.date) - at))
    .slice(0, NEARBY);
}

function status(box, kind, ...parts) {
  clear(box);
  box.className = `correction-status ${kind}`;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  add(box, ...parts);
}

function failed(box, e, rerender) {
  if (e && e.status === 401) {
    setToken("");
    flash = { kind: "error", parts: [t("corrections.wrong_token")] };
    rerender();
    return;
  }
  status(box, "error", t("corrections.failed"), " ", (e && e.message) || String(e));
}

function tokenForm(rerender) {
  const input = h("input", { type: "password", name: "token", id: "correction-token", autocomplete: "off", required: true, spellcheck: "false", dir: "ltr" });
  const form = h(
    "form",
    { class: "token-form", method: "post", action: "#corrections" },
    h("label", { for: "correction-token" }, t("corrections.token")),
    " ",
    input,
    " ",
    h("button", { type: "submit" }, t("corrections.unlock")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    setToken(value);
    rerender();
  });
  return [h("p", { class: "note" }, t("corrections.token_note"), " ", h("code", { dir: "ltr" }, "marsad serve --token")), form];
}

function mergeBlock(ev, candidates, box, done) {
  const list = h("ul", { class: "plain candidates" });
  const button = h("button", { type: "button", class: "do-merge", disabled: true }, t("corrections.merge"));
  const fill = (items) => {
    clear(list);
    button.disabled = true;
    if (!items.length) list.appendChild(h("li", { class: "none" }, t("corrections.no_candidates")));
    for (const c of items) {
      const radio = h("input", { type: "radio", name: "merge-with", value: c.id });
      radio.addEventListener("change", () => (button.disabled = false));
      list.appendChild(h("li", { "data-id": c.id }, h("label", null, radio, " ", candidateText(c)), " ", eventLink(c.id)));
    }
  };
  fill(candidates);
  const search = h("input", { type: "search", name: "q", id: "merge-search", dir: "auto", placeholder: t("corrections.search_placeholder") });
  const form = h("form", { class: "merge-search search-form", method: "post", action: "#corrections", role: "search" }, h("label", { for: "merge-search", class: "sr-only" }, t("corrections.search")), search, h("button", { type: "submit" }, t("corrections.search")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = search.value.trim();
    if (!q) return fill(candidates);
    try {
      if (EVENT_ID.test(q)) fill(q.toLowerCase() === ev.id ? [] : [await get(`/api/events/${encodeURIComponent(q.toLowerCase())}`)]);
      else fill(((await get("/api/events", { q, limit: NEARBY + 1 })).items || []).filter((x) => x.id !== ev.id).slice(0, NEARBY));
    } catch (err) {
      fill([]);
      status(box, "error", (err && err.message) || String(err));
    }
  });
  button.addEventListener("click", () => {
    const picked = list.querySelector("input[name=merge-with]:checked");
    if (picked) done(() => post("/api/merge", { ids: [ev.id, picked.value] }), (r) => ({ to: r.id, parts: [t("corrections.merged", { id: r.id })] }));
  });
  return h("div", { class: "correction merge" }, h("h3", null, t("corrections.merge_title")), h("p", { class: "note" }, t("corrections.merge_note")), form, list, button);
}

function splitBlock(ev, box, done) {
  const reports = (ev.sources || []).filter((s) => s.mentions && s.mentions.length);
  const body = h("div", { class: "correction split" }, h("h3", null, t("corrections.split_title")));
  if (reports.length < 2) return add(body, h("p", { class: "note" }, t("corrections.split_single")));
  const button = h("button", { type: "button", class: "do-split", disabled: true }, t("corrections.split"));
  const boxes = reports.map((s) => h("input", { type: "checkbox", name: "split", value: s.document_id, "data-mentions": s.mentions.join(" ") }));
  const update = () => {
    const n = boxes.filter((b) => b.checked).length;
    button.disabled = n === 0 || n === boxes.length;
  };
  boxes.forEach((b) => b.addEventListener("change", update));
  const list = h(
    "ul",
    { class: "plain reports" },
    reports.map((s, i) =>
      h(
        "li",
        { "data-document": s.document_id },
        h("label", null, boxes[i], " ", s.published ? [h("span", { dir: "ltr" }, s.published), " · "] : null, s.outlet ? [h("span", { dir: "auto" }, s.outlet), " · "] : null, h("span", { dir: "auto" }, s.title || s.document_id)),
      ),
    ),
  );
  button.addEventListener("click", () => {
    const mentions = boxes.filter((b) => b.checked).flatMap((b) => b.dataset.mentions.split(" "));
    done(() => post("/api/split", { id: ev.id, mentions }), (r) => ({ to: r.id, parts: [t("corrections.split_done"), " ", eventLink(r.split)] }));
  });
  return add(body, h("p", { class: "note" }, t("corrections.split_note")), list, button);
}

function undoBlock(ev, last, done) {
  const body = h("div", { class: "correction undo" }, h("h3", null, t("corrections.undo_title")));
  if (!last) return add(body, h("p", { class: "note" }, t("corrections.nothing_to_undo")));
  const what = h("p", { class: "last-correction" }, t(`corrections.kind.${last.kind}`), " ", joined(last.events.map(eventLink)), " · ", h("time", { dir: "ltr", datetime: last.at }, last.at.replace("T", " ").slice(0, 19)));
  const button = h("button", { type: "button", class: "do-undo" }, t("corrections.undo"));
  button.addEventListener("click", () =>
    done(
      () => post("/api/undo"),
      (r) => ({
        to: r.events.includes(ev.id) ? ev.id : r.events[0] || null,
        parts: [t("corrections.undone", { what: t(`corrections.kind.${r.undone.kind}`) }), " ", joined(r.events.map(eventLink))],
      }),
    ),
  );
  return add(body, h("p", { class: "note" }, t("corrections.undo_note")), what, button);
}

/**
 * The corrections panel of an operation page, or null when the server is read-only (the
 * controls are then not in the page at all). ev: the /api/events/{id} answer.
 */
export async function correctionsPanel(ev, meta) {
  if (!meta || !meta.writable) return null;
  const section = panel(t("corrections.title"));
  section.classList.add("corrections");
  section.id = "corrections";
  const rerender = async () => {
    const fresh = await correctionsPanel(ev, meta);
    if (fresh) section.replaceWith(fresh);
  };
  const box = h("p", { class: "correction-status", role: "status" });
  if (flash) {
    status(box, flash.kind, ...flash.parts);
    flash = null;
  }
  if (!token()) return add(section, box, tokenForm(rerender));

  const [candidates, last] = await Promise.all([
    nearby(ev).catch(() => []),
    get("/api/corrections", { limit: 1, undone: "false" }).then((r) => (r.items || [])[0] || null, () => null),
  ]);
  let busyNow = false;
  // run one correction: the write, then the page of the event it leaves (or the list)
  const done = async (write, after) => {
    if (busyNow) return;
    busyNow = true;
    section.setAttribute("aria-busy", "true");
    const buttons = [...section.querySelectorAll("button")].filter((b) => !b.disabled);
    buttons.forEach((b) => (b.disabled = true));
    try {
      const { to, parts } = after(await write());
      flash = { kind: "ok", parts };
      navigate(to ? href(`/events/${encodeURIComponent(to)}`) : href("/events"));
    } catch (e) {
      busyNow = false;
      section.removeAttribute("aria-busy");
      buttons.forEach((b) => (b.disabled = false));
      failed(box, e, rerender);
    }
  };
  const forget = h("button", { type: "button", class: "forget-token" }, t("corrections.forget"));
  forget.addEventListener("click", () => {
    setToken("");
    rerender();
  });
  return add(
    section,
    box,
    h("div", { class: "corrections-grid" }, mergeBlock(ev, candidates, box, done), splitBlock(ev, box, done), undoBlock(ev, last, done)),
    h("p", { class: "note" }, t("corrections.logged"), " ", h("code", { dir: "ltr" }, "marsad revisions"), " ", forget),
  );
}
