// Both steps in one bundle, so the wasm glue and the shared modules ship once: action/dist/main.cjs
// and post.cjs (what action.yml runs) are one-line files that call into it.
export { run as main } from './main.js';
export { run as post } from './post.js';
