// marsad dashboard: entry point. Routes on location.pathname; the URL carries filters and ?lang.

import { meta } from "./js/api.js";
import { clear, h } from "./js/dom.js";
import { dir, loadStrings, setLabels, t } from "./js/i18n.js";
import { currentLang, match, onNavigate, route, start } from "./js/router.js";
import { busy, errorBox, header, loading, resetBusy, resetResize } from "./js/ui.js";
import { overview } from "./js/pages/overview.js";
import { eventsPage } from "./js/pages/events.js";
import { eventPage } from "./js/pages/event.js";
import { claimsPage } from "./js/pages/claims.js";
import { checksPage } from "./js/pages/checks.js";
import { searchPage } from "./js/pages/search.js";
import { documentPage } from "./js/pages/document.js";

route(/^\/$/, overview);
route(/^\/events\/?$/, eventsPage);
route(/^\/events\/([^/]+)$/, eventPage);
route(/^\/claims\/?$/, claimsPage);
route(/^\/checks\/?$/, checksPage);
route(/^\/search\/?$/, searchPage);
route(/^\/documents\/([^/]+)$/, documentPage);

let seq = 0;

async function render() {
  const mine = ++seq;
  const lang = currentLang();
  const main = document.getElementById("main");
  const top = document.getElementById("top");
  resetResize();
  resetBusy();
  busy(true);
  try {
    await loadStrings(lang);
  } catch (e) {
    clear(main).appendChild(h("div", { class: "error", role: "alert" }, String(e.message || e)));
    busy(false);
    return;
  }
  if (mine !== seq) return;
  const html = document.documentElement;
  html.lang = lang;
  html.dir = dir(lang);
  document.title = t("app.title");
  clear(top).appendChild(header(location.pathname));
  const view = h("div", { class: "view" }, loading());
  clear(main).appendChild(view);
  const found = match(location.pathname);
  try {
    const m = await meta();
    setLabels(m);
    if (mine !== seq) return;
    if (!found) throw Object.assign(new Error(location.pathname), { status: 404 });
    main.dataset.page = found.page.name;
    await found.page(view, { args: found.args, meta: m });
    const title = view.querySelector("h1");
    if (mine === seq && title) document.title = `${title.textContent} · ${t("app.name")}`;
  } catch (e) {
    if (mine === seq) {
      clear(view).appendChild(errorBox(e));
      if (!(e && e.status)) console.error(e);
    }
  } finally {
    if (mine === seq) busy(false);
  }
}

onNavigate(render);
start();
render();
