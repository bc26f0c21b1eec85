// The page's analysis thread: the wasm core runs here so that a 10 MB paste never blocks typing.
// Protocol: in {id, text, now}; out {type: 'ready', catalog} once, then per request {type: 'result',
// id, result} followed by {type: 'excerpt', id, excerpt} (or {type: 'error', id, error}). Only the
// latest request matters; the main thread drops stale ids.
import { analyseStaged, catalog, load } from './analyse.js';
// analyse.js's own imports, named here too so the browser fetches them with it, not after it.
import './pkg/acr_login.js';
import './pkg/acr_login_wasm.js';
import './pkg/catalog-examples.js';

const ready = load().then(
  () => postMessage({ type: 'ready', catalog: catalog() }),
  (e) => postMessage({ type: 'fatal', error: String(e?.message ?? e) }),
);

self.onmessage = async ({ data }) => {
  await ready;
  try {
    // The explanation first; the highlighted log (more work, more DOM) follows in a second message.
    const staged = analyseStaged(data.text, data.now);
    postMessage({ type: 'result', id: data.id, result: staged.result });
    postMessage({ type: 'excerpt', id: data.id, excerpt: staged.excerpt() });
  } catch (e) {
    postMessage({ type: 'error', id: data.id, error: { code: e?.code ?? 'ERROR', message: String(e?.message ?? e) } });
  }
};
