// Both steps in one bundle, so the wasm glue and the shared modules ship once: action/dist/main.cjs
// and post.cjs (what action.yml runs) are one-line files that call into it.
import { run as runMain } from './main.js';
import { run as runPost } from './post.js';
import { flushed } from './workflow.js';

// A step ends the process as soon as it is done, with the exit code setFailed left: Node's own
// shutdown (disposing the isolate, with the wasm instance's memory and code) took 2-3 ms of every
// run (cold start 44.9 → 42.5 ms on Node 24, 47.1 → 43.9 ms on Node 20; medians of 31). Everything
// a step writes is written synchronously, except log lines a full pipe diverted, which `flushed`
// waits for; no request outlives the step (closeIdle).
const exit = () => flushed().then(() => process.exit());

export const main = () => runMain().then(exit);
export const post = () => runPost().then(exit);
