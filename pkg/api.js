// The public functions, shared by the Node entry (index.js) and the browser entry (web.js). Thin on
// purpose: all logic is in the Rust core; this only supplies defaults a JS caller expects.
import * as glue from './acr_login.js';
// The catalog's example logs: the wasm is built without them, scripts/build.mjs writes them.
import { withExamples } from './catalog-examples.js';

/** Unix seconds now; the core never reads a clock, the host passes time in. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Header, claims and segment spans of a compact JWT. Throws `Error` with `code` `JWT_*`. */
export const decodeJwt = (text) => glue.decodeJwt(String(text));

/** Every token found in a paste, recognised and explained. `now` in Unix seconds. */
export const decodeToken = (text, now = nowSeconds()) => glue.decodeToken(String(text), now);

/** Every known failure in a pasted log, root cause first. `now` in Unix seconds. */
export const scanLog = (text, now = nowSeconds()) => glue.scanLog(String(text), now);

/** The full catalog entry for an ID such as `AL013`. Throws `code: UNKNOWN_CATALOG_ID`. */
export const explain = (id) => withExamples(glue.explain(String(id)));

/** Every catalog entry. */
export const catalog = () => glue.catalog().map(withExamples);

/**
 * Logs in to one or more registries: GitHub OIDC / client secret / managed identity / workload
 * identity / basic → ACR refresh token, with retries and a diagnosis. Resolves to a `LoginResult`
 * (`ok: false` with `diagnosis` on failure); rejects only for invalid options (`code: CONFIG_*`,
 * `input`). `host` may supply `request`, `probe`, `now`, `onSecret`, `onNotice`.
 */
export const login = (options, host) => glue.login(JSON.stringify(options ?? {}), host);

/** Runs every health check (like `az acr check-health`, without Docker) and reports them all. */
export const diagnose = (options, host) => glue.diagnose(JSON.stringify(options ?? {}), host);
