// Node entry: the wasm is instantiated synchronously at import, so callers need no init step.
import { readFileSync } from 'node:fs';
import { initSync } from './acr_login.js';

initSync({ module: readFileSync(new URL('./acr_login_bg.wasm', import.meta.url)) });

export * from './api.js';
