// Node entry: the wasm is instantiated synchronously at import, so callers need no init call.
// No top-level await, so `require('acr-login')` works where Node can require ES modules (20.19+,
// 22.12+). If the wasm cannot be read (a bundler moved this file but not the wasm), the import
// still succeeds and every call throws `WASM_LOAD_FAILED` saying what to do; `ready(bytes)` is the
// way out.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { initSync } from './acr_login.js';
import { codedError, createApi, describe } from './api.js';

const WASM = 'acr_login_bg.wasm';

/**
 * Where the wasm is: next to this file. `import.meta.url` is empty once a bundler has turned this
 * module into CommonJS; the wasm then belongs next to the bundle (`__filename`).
 */
function defaultLocation() {
  const base = import.meta.url || (typeof __filename === 'string' ? pathToFileURL(__filename).href : undefined);
  return base ? new URL(WASM, base) : undefined;
}

function readWasm(location) {
  const fix = `copy node_modules/acr-login/pkg/${WASM} next to your bundle, or pass its bytes to \`await ready(bytes)\` before any other call`;
  if (!location) throw codedError('WASM_LOAD_FAILED', `acr-login cannot tell where its WebAssembly module is (no import.meta.url or __filename): ${fix}`);
  try {
    return readFileSync(location);
  } catch (e) {
    throw codedError('WASM_LOAD_FAILED', `acr-login cannot read its WebAssembly module ${fileURLToPath(location)} (${e.code ?? e.message}): if you bundled acr-login, ${fix}`, { cause: e });
  }
}

let loaded = false;

function load(module) {
  try {
    initSync({ module });
  } catch (e) {
    throw codedError('WASM_LOAD_FAILED', `acr-login cannot instantiate its WebAssembly module (${e.message}): give it the acr_login_bg.wasm of this version of the package`, { cause: e });
  }
  loaded = true;
}

try {
  load(readWasm(defaultLocation()));
} catch {
  // Reported by the first call (ensure), which also tries again.
}

/** Loaded, or loads now (the wasm may have been put in place since the import), or says why not. */
function ensure() {
  if (!loaded) load(readWasm(defaultLocation()));
}

/**
 * Resolves once the wasm is loaded: at once in Node, where the import loaded it. Takes the module
 * from elsewhere (bytes, a `WebAssembly.Module`, a path or file URL, a `Response`) when the
 * import could not find it; ignored once loaded. The same call as the browser entry's, so code
 * that runs in both can always `await ready()`.
 */
export async function ready(source) {
  if (loaded) return;
  if (source === undefined) return ensure();
  let module = source;
  if (typeof source === 'string' || source instanceof URL) module = readWasm(source instanceof URL ? source : pathToFileURL(source));
  else if (typeof source?.arrayBuffer === 'function') module = new Uint8Array(await source.arrayBuffer());
  else if (!(source instanceof ArrayBuffer || ArrayBuffer.isView(source) || source instanceof WebAssembly.Module)) {
    throw codedError('WASM_LOAD_FAILED', `ready() takes the wasm as bytes, a WebAssembly.Module, a path, a file URL or a Response, got ${describe(source)}`, {}, TypeError);
  }
  load(module);
}

/**
 * `host.request` when the caller gives none: the global fetch, but rejecting with what went wrong.
 * fetch itself only says "fetch failed" and hides ENOTFOUND / ECONNREFUSED / the certificate
 * error in `cause`, and the core tells a DNS failure from a firewall from a TLS problem by those
 * words. The core leaves the per-request timeout to the transport.
 */
async function request({ method, url, headers, body, timeoutMs, signal }) {
  const ac = new AbortController();
  const onAbort = () => ac.abort(signal.reason);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, timeoutMs);
  try {
    const res = await fetch(url, { method, headers, body: body ?? undefined, signal: ac.signal });
    return { status: res.status, headers: [...res.headers], body: await res.text() };
  } catch (e) {
    if (timedOut) throw Object.assign(new Error(`no response within ${timeoutMs} ms`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    if (e?.name === 'AbortError') throw e;
    // An AggregateError (every address refused) has a code but no message.
    const cause = e?.cause ?? e;
    const code = cause?.code ?? cause?.errors?.[0]?.code ?? '';
    const message = cause?.message || cause?.errors?.[0]?.message || e?.message || String(e);
    throw Object.assign(new Error(message), { code });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * `host.probe` when the caller gives none: the DNS and TLS checks of `diagnose()`, done directly
 * (as the global fetch connects). Loaded only when a diagnosis asks.
 */
async function probe({ kind, host, port, timeoutMs }) {
  const { handshake, lookup } = await import('./node-probe.js');
  return kind === 'dns' ? lookup(host, timeoutMs) : handshake({ host, port }, timeoutMs);
}

const OIDC = new Set([undefined, null, '', 'oidc']);

/**
 * In a GitHub Actions job the runner hands every step the OIDC request URL and token in these two
 * variables (as `@actions/core`'s getIDToken reads them). Without this default, a caller who left
 * them out was told to add `id-token: write`, which the job may well have.
 */
function optionDefaults(options) {
  const authType = typeof options.authType === 'string' ? options.authType.trim().toLowerCase() : options.authType;
  if (!OIDC.has(authType)) return options;
  const env = process.env;
  return {
    ...options,
    idTokenRequestUrl: options.idTokenRequestUrl === undefined ? env.ACTIONS_ID_TOKEN_REQUEST_URL || undefined : options.idTokenRequestUrl,
    idTokenRequestToken: options.idTokenRequestToken === undefined ? env.ACTIONS_ID_TOKEN_REQUEST_TOKEN || undefined : options.idTokenRequestToken,
  };
}

export const { decodeJwt, decodeToken, scanLog, explain, catalog, login, diagnose } = createApi({
  ensure,
  hostDefaults: () => ({ request, probe }),
  optionDefaults,
});
