// JSON API client (same origin). Errors follow the API's shape {"error": {status, code, message}}.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** fetch ``url`` and read its JSON; an ApiError for a network failure or an error answer. */
export async function request(url, init = {}) {
  let resp;
  try {
    resp = await fetch(url, { ...init, headers: { Accept: "application/json", ...(init.headers || {}) } });
  } catch (e) {
    throw new ApiError(0, "network", String(e.message || e));
  }
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const err = (body && body.error) || {};
    throw new ApiError(resp.status, err.code || "error", err.message || `HTTP ${resp.status}`);
  }
  return body;
}

export async function get(path, params) {
  return request(path + query(params));
}

let metaPromise = null;
export function meta() {
  if (!metaPromise) {
    metaPromise = get("/api/meta").catch((e) => {
      metaPromise = null;
      throw e;
    });
  }
  return metaPromise;
}

let outlinePromise = null;
export function outline() {
  if (!outlinePromise) {
    outlinePromise = fetch("/static/morocco.geojson").then((r) => {
      if (!r.ok) throw new Error(`outline: HTTP ${r.status}`);
      return r.json();
    });
    outlinePromise.catch(() => (outlinePromise = null));
  }
  return outlinePromise;
}
