// How an error reads in the job log. Our own failures explain themselves already; a trap in the wasm
// core (a Rust panic) is a bug in acr-login, and the message says so rather than just "unreachable".
const ISSUES = 'https://github.com/org/acr-login-action/issues';

export function describeError(e) {
  if (e instanceof WebAssembly.RuntimeError) {
    return `acr-login stopped on an internal error in its wasm core (${e.message}). This is a bug in acr-login, not in your setup: please report it at ${ISSUES} with this log.`;
  }
  return e instanceof Error ? e.message : String(e);
}
