// The public functions, shared by the Node entry (index.js) and the browser entry (web.js). Thin on
// purpose: all logic is in the Rust core; this only supplies defaults a JS caller expects.
import * as glue from './acr_login.js';

/** Unix seconds now; the core never reads a clock, the host passes time in. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Header, claims and segment spans of a compact JWT. Throws `Error` with `code` `JWT_*`. */
export const decodeJwt = (text) => glue.decodeJwt(String(text));

/** Every token found in a paste, recognised and explained. `now` in Unix seconds. */
export const decodeToken = (text, now = nowSeconds()) => glue.decodeToken(String(text), now);

/** Every known failure in a pasted log, root cause first. `now` in Unix seconds. */
export const scanLog = (text, now = nowSeconds()) => glue.scanLog(String(text), now);

/** The full catalog entry for an ID such as `AL013`. Throws `code: UNKNOWN_CATALOG_ID`. */
export const explain = (id) => glue.explain(String(id));

/** Every catalog entry. */
export const catalog = () => glue.catalog();
