// The page's analysis thread: the wasm core runs here so that a 10 MB paste never blocks typing.
// Protocol: in {id, text, now}; out {type: 'ready', catalog} once, then {type: 'result', id, result}
// (or {type: 'error', id, error}). Only the latest request matters; the main thread drops stale ids.
import { analyse, catalog, load } from './analyse.js';

const ready = load().then(
  () => postMessage({ type: 'ready', catalog: catalog() }),
  (e) => postMessage({ type: 'fatal', error: String(e?.message ?? e) }),
);

self.onmessage = async ({ data }) => {
  await ready;
  try {
    postMessage({ type: 'result', id: data.id, result: analyse(data.text, data.now) });
  } catch (e) {
    postMessage({ type: 'error', id: data.id, error: { code: e?.code ?? 'ERROR', message: String(e?.message ?? e) } });
  }
};
