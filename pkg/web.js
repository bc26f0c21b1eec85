// Browser (and bundler) entry: call `await ready()` once before any other function; it fetches and
// compiles acr_login_bg.wasm next to this file, or takes the bytes/URL/Response/Module you pass.
// Calling anything before that throws `NOT_READY` rather than a TypeError from inside the glue.
import init from './acr_login.js';
import { codedError, createApi } from './api.js';

const WASM = 'acr_login_bg.wasm';

let loaded = false;
let loading;

/** Where the glue looks by default; undefined in a bundle without `import.meta.url` (IIFE, CommonJS). */
function defaultLocation() {
  try {
    return new URL(WASM, import.meta.url).href;
  } catch {
    return undefined;
  }
}

// webpack 5 and `vite build` bundle the glue's `new URL('acr_login_bg.wasm', import.meta.url)` by
// themselves; vite's dev pre-bundling moves the glue without the wasm (vitejs/vite#8427), an IIFE or
// CommonJS bundle has no import.meta.url, and esbuild copies no asset unless asked.
const FIX = `pass its URL or bytes: \`await ready(wasmUrl)\`, with wasmUrl from your bundler `
  + `(vite: \`import wasmUrl from 'acr-login/${WASM}?url'\`, or add 'acr-login' to optimizeDeps.exclude; `
  + `esbuild: \`import wasmUrl from 'acr-login/${WASM}'\` with the file loader for .wasm), `
  + `or serve node_modules/acr-login/pkg/${WASM} next to the script. In Node, import 'acr-login' instead: it needs no ready()`;

async function start(source) {
  const where = source === undefined ? defaultLocation() : typeof source === 'string' || source instanceof URL ? String(source) : undefined;
  if (source === undefined && where === undefined) {
    throw codedError('WASM_LOAD_FAILED', `acr-login cannot tell where ${WASM} is (this bundle has no import.meta.url): ${FIX}`);
  }
  try {
    await init(source === undefined ? undefined : { module_or_path: source });
  } catch (e) {
    throw codedError('WASM_LOAD_FAILED', `acr-login could not load its WebAssembly module${where ? ` from ${where}` : ''} (${e?.message ?? e}): ${FIX}`, { cause: e });
  }
}

/**
 * Fetch and compile the wasm, once; every other function needs it. A failed attempt is not
 * remembered, so a retry (or another source) can succeed; a source given after success is ignored.
 */
export function ready(source) {
  if (loaded) return Promise.resolve();
  loading ??= start(source).then(() => {
    loaded = true;
  }, (e) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

function ensure(fn) {
  if (!loaded) {
    throw codedError('NOT_READY', `${fn}() was called before the WebAssembly module was loaded: \`await ready()\` once first (the browser entry of acr-login loads it asynchronously)`);
  }
}

export const { decodeJwt, decodeToken, scanLog, explain, catalog, login, diagnose } = createApi({ ensure });
