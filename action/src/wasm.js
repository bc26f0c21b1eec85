// The one wasm, instantiated synchronously from the file shipped next to the bundle (the bundle is
// CommonJS, so __dirname is its directory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { initSync } from 'acr-login-glue';

// A login calls a small part of the module (no catalog browsing, no log scanning): compiling each
// function on first call instead of all up front saves ~20 ms of a ~80 ms cold start (Node 20).
setFlagsFromString('--wasm-lazy-compilation');
initSync({ module: readFileSync(join(__dirname, 'acr_login_bg.wasm')) });

export * from 'acr-login-glue';
