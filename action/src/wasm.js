// The one wasm, instantiated synchronously from the file shipped next to the bundle (the bundle is
// CommonJS, so __dirname is its directory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { initSync } from 'acr-login-glue';

// A login calls a small part of the module (no catalog browsing, no log scanning): compiling each
// function on first call instead of all up front saves ~20 ms of a ~80 ms cold start (Node 20).
// Validating each function at its first call too (V8 marks this flag experimental) takes module
// creation from ~3.4 to ~0.8 ms on Node 24 and ~5.7 to ~4.4 ms on Node 20. The module is the one
// every test validates eagerly through the npm package and the page.
setFlagsFromString('--wasm-lazy-compilation');
setFlagsFromString('--wasm-lazy-validation');
initSync({ module: readFileSync(join(__dirname, 'acr_login_bg.wasm')) });

export * from 'acr-login-glue';
