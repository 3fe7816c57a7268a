// Interface strings (static/i18n/<lang>.json), vocabulary labels (/api/meta labels) and formats.

export const LANGS = ["ar", "en"];
const cache = new Map();
let strings = {};
let current = "ar";
let labels = {};

export async function loadStrings(lang) {
  if (!cache.has(lang)) {
    cache.set(
      lang,
      fetch(`/static/i18n/${lang}.json`).then((r) => {
        if (!r.ok) throw new Error(`i18n ${lang}: HTTP ${r.status}`);
        return r.json();
      }),
    );
  }
  strings = await cache.get(lang);
  current = lang;
  return strings;
}

export function lang() {
  return current;
}

export function dir(l = current) {
  return l === "ar" ? "rtl" : "ltr";
}

/** The direction of a text in language l (article language; unknown -> auto). */
export function textDir(l) {
  if (l === "ar") return "rtl";
  if (l === "en" || l === "fr") return "ltr";
  return "auto";
}

export function setLabels(meta) {
  labels = (meta && meta.labels) || {};
}

/** A UI string; {name} placeholders replaced from vars. Missing keys show the key. With a
 * number as vars.count, the language's plural form of the string (key.one, key.two, key.few,
 * ... as Intl.PluralRules names them) when the strings give one. */
export function t(key, vars) {
  let out = strings[key] ?? key;
  if (vars && typeof vars.count === "number") {
    const form = `${key}.${new Intl.PluralRules(current).select(vars.count)}`;
    if (form in strings) out = strings[form];
  }
  if (vars) out = out.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return out;
}

export function has(key) {
  return key in strings;
}

/** Label of a vocabulary id (type, org, agency, item, ...): /api/meta labels, UI vocabulary, the id. */
export function label(id, kind) {
  if (id === null || id === undefined || id === "") return "";
  const fromMeta = labels[current] && labels[current][id];
  if (fromMeta) return fromMeta;
  if (kind && strings[`${kind}.${id}`]) return strings[`${kind}.${id}`];
  return String(id);
}

export function placeName(p) {
  if (!p) return "";
  if (current === "ar") return p.name_ar || p.name_fr || p.name_en || p.id || p.place || "";
  return p.name_en || p.name_fr || p.name_ar || p.id || p.place || "";
}

let numberFormat = null;
let numberLang = null;
export function num(n) {
  if (n === null || n === undefined || n === "") return "—";
  if (numberLang !== current) {
    numberFormat = new Intl.NumberFormat(current === "ar" ? "ar-MA" : "en-GB");
    numberLang = current;
  }
  return numberFormat.format(n);
}

/** A SPEC date (YYYY, YYYY-MM, YYYY-MM-DD or A/B) as shown: kept as written, "/" as an en dash. */
export function date(d) {
  if (!d) return t("value.unknown_date");
  return String(d).replace("/", " – ");
}

/** An event's date as shown: its own date, else "≈ first – last day" of the interval it is known to lie in. */
export function eventDate(ev) {
  if (ev.date || !ev.date_earliest) return date(ev.date);
  return t("value.date_interval", { start: ev.date_earliest, end: ev.date_latest });
}

/** "2025-02" -> a short month label in the interface language. */
export function monthLabel(ym) {
  const [y, m] = ym.split("-").map(Number);
  const key = `month.${m}`;
  return has(key) ? `${t(key)} ${y}` : ym;
}
