// Browser (and bundler) entry: call `await ready()` once before any other function; it fetches and
// compiles acr_login_bg.wasm next to this file, or takes the bytes/URL/Response you pass.
import init from './acr_login.js';

let initialised;
export function ready(moduleOrPath) {
  initialised ??= init(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
  return initialised;
}

export * from './api.js';
