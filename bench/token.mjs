// decodeToken through the wasm in Node: microseconds per token (budget 20 µs), measured on the
// documented token shapes, after a warm-up, as the median of several timed batches. The rows after
// the budgeted ones break the time down: how much of a call is `JSON.parse` of the report in JS
// (the wasm hands over one JSON string; see crates/wasm/src/convert.rs), which no change in the
// wasm can remove, and the report's size, which that cost follows.
import { median, row } from '../scripts/lib/measure.mjs';
import { FIXTURES } from '../tests/support/fixtures.mjs';

export async function run() {
  const { decodeToken, decodeJwt } = await import('../pkg/index.js');
  const now = Math.floor(Date.now() / 1000);
  const cases = [
    ['GitHub OIDC token (bare)', FIXTURES.pastes.bareGithub],
    ['Entra v2 token (Bearer header)', FIXTURES.pastes.bearerEntra],
    ['az acr login --expose-token JSON', FIXTURES.pastes.exposeToken],
  ];
  const rows = [];
  const perCall = (fn, arg, batch = 2000, batches = 9) => {
    for (let i = 0; i < batch; i++) fn(arg, now); // warm-up: tier-up, allocator
    const t = [];
    for (let b = 0; b < batches; b++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) fn(arg, now);
      t.push(Number(process.hrtime.bigint() - t0) / 1e3 / batch);
    }
    return median(t);
  };
  for (const [name, text] of cases) {
    const us = perCall(decodeToken, text);
    rows.push(row('token', `decodeToken in wasm (Node), ${name}`, us, 'µs/token', '<= 20 µs', us <= 20));
  }
  const [name, text] = cases[0];
  const json = JSON.stringify(decodeToken(text, now));
  rows.push(row('token', `  of which JSON.parse of the report in JS, ${name}`, perCall((s) => JSON.parse(s), json), 'µs/token'));
  rows.push(row('token', `  report size, ${name}`, Buffer.byteLength(json), 'bytes'));
  rows.push(row('token', 'decodeJwt in wasm (Node), GitHub OIDC token', perCall(decodeJwt, FIXTURES.githubToken), 'µs/token'));
  return rows;
}
