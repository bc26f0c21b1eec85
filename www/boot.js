// Starts the analysis worker as early as the page can. This module imports nothing, so it runs as
// soon as it arrives (index.html loads it async), while app.js still waits for its own modules;
// the worker's download of the wasm then overlaps theirs instead of following them. Messages that
// arrive before app.js listens are kept for it.

let worker = null;
const early = [];
try {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => early.push(['message', e]);
  worker.onerror = (e) => early.push(['error', e]);
} catch {
  worker = null; // no workers here: app.js runs the analysis in its own thread
}

/** The worker (or null), its kept messages and errors replayed to the handlers given now. */
export function adoptWorker(onMessage, onError) {
  if (!worker) return null;
  worker.onmessage = onMessage;
  worker.onerror = onError;
  for (const [kind, e] of early.splice(0)) (kind === 'message' ? onMessage : onError)(e);
  return worker;
}
