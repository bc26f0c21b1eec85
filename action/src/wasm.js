// The one wasm, instantiated synchronously from the file shipped next to the bundle (the bundle is
// CommonJS, so __dirname is its directory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from 'acr-login-glue';

// No V8 flags: Node 20 and 24 already compile wasm functions lazily, at their first call (V8's
// default). Lazy validation as well was measured: it saved 1-2.5 ms of module creation, and loading
// node:v8 to set it cost as much (cold start 46.6 vs 46.7 ms on Node 20, 43.7 vs 42.7 on Node 24,
// medians of 31, with and without).
initSync({ module: readFileSync(join(__dirname, 'acr_login_bg.wasm')) });

export * from 'acr-login-glue';
