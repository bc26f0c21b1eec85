// The one wasm, instantiated synchronously from the file shipped next to the bundle (the bundle is
// CommonJS, so __dirname is its directory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from 'acr-login-glue';

// No V8 flags: Node 20 and 24 already compile wasm functions lazily, at their first call (V8's
// default). Lazy validation as well was measured: it saved 1-2.5 ms of module creation, and loading
// node:v8 to set it cost as much (cold start 46.6 vs 46.7 ms on Node 20, 43.7 vs 42.7 on Node 24,
// medians of 31, with and without).
const WASM_FILE = join(__dirname, 'acr_login_bg.wasm');
let loadError = null;
try {
  initSync({ module: readFileSync(WASM_FILE) });
} catch (e) {
  // A damaged copy of the action (truncated, converted line endings, a Git LFS pointer in a vendored
  // checkout) must end in one explained failure, not in a dump of the minified bundle.
  loadError = new Error(`acr-login cannot load its WebAssembly core ${WASM_FILE}: ${e.message}. This copy of the action is incomplete or altered: reference a release tag (org/acr-login-action@v1); if you vendor the action, copy dist/ byte for byte (no line-ending conversion, no Git LFS).`);
}

/** Why the wasm core did not load, or null. Each step checks this before anything else. */
export const wasmLoadError = () => loadError;

export * from 'acr-login-glue';
