// The fault matrix: every fault the stand-in injects × every endpoint the login uses. A one-off
// fault ends in a login after a retry; a fault that never stops ends in an explained failure. In no
// case is a partial or corrupt config left behind.
//
// Most of each test is waiting out retry back-off, so tests run several at a time, each on its own
// stand-in + registry pair from a small pool (faults are per stand-in, so concurrent tests never see
// each other's).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NODES } from './support/node.mjs';
import { startEmulator, startRegistry } from './support/emulator.mjs';
import { assertNoLeaks, authEntry, runMain } from './support/action-run.mjs';

const FAULTS = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, retry_after: 1 },
  { kind: 'reset' },
  { kind: 'close' },
  { kind: 'close_mid_body' },
  { kind: 'truncated_body' },
  { kind: 'delay', delay_ms: 4000 },
  { kind: 'malformed_json' },
  { kind: 'wrong_content_type' },
];
const ENDPOINTS = ['github.token', 'entra.token', 'acr.exchange', 'acr.token'];
// `timeout: 2` makes the 4 s delay a timeout; `repository` makes the login use acr.token too.
const INPUTS = { timeout: '2', repository: 'demo/hello', actions: 'pull,push', diagnose: 'never' };

// Tests mostly wait out back-off: eight at a time take ~2/3 the time of four, at little more CPU.
const POOL_SIZE = 8;

/** `size` stand-in + registry pairs; `use(fn)` lends a free one to `fn` with no fault set. */
async function startPool(scenario, size = POOL_SIZE) {
  const pairs = [];
  for (let i = 0; i < size; i++) {
    const emu = await startEmulator({ scenario });
    pairs.push({ emu, reg: await startRegistry({ emulator: emu }) });
  }
  const free = [...pairs];
  const waiting = [];
  return {
    async use(fn) {
      const pair = free.pop() ?? await new Promise((res) => waiting.push(res));
      try {
        await pair.emu.clearFaults();
        return await fn(pair);
      } finally {
        await pair.emu.clearFaults();
        const next = waiting.shift();
        if (next) next(pair);
        else free.push(pair);
      }
    },
    async stop() {
      for (const { emu, reg } of pairs) {
        await reg.stop();
        await emu.stop();
      }
    },
  };
}

const label = (f) => `${f.kind}${f.status ? ` ${f.status}` : ''}`;

function assertCompleteOrAbsent(r, registry) {
  const file = join(r.runner.home, '.docker', 'config.json');
  if (r.code === 0) {
    const text = readFileSync(file, 'utf8');
    JSON.parse(text);
    assert.ok(authEntry(file, registry), 'login succeeded: the entry is there');
  } else {
    assert.ok(!existsSync(file), 'failed login: no config at all');
    assert.deepEqual(r.state, {});
  }
}

for (const node of NODES) {
  describe(`${node.name}: fault matrix`, { concurrency: POOL_SIZE }, () => {
    let pool;
    before(async () => { pool = await startPool('oidc'); });
    after(() => pool.stop());

    for (const endpoint of ENDPOINTS) {
      for (const fault of FAULTS) {
        test(`${endpoint} × ${label(fault)} once → login after a retry`, () => pool.use(async ({ emu, reg }) => {
          await emu.setFault({ endpoint, ...fault, times: 1 });
          const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, ...INPUTS } });
          assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
          assert.match(r.stdout, /retrying in/, 'the retry is reported');
          assertCompleteOrAbsent(r, reg.loginServer);
          const entry = authEntry(join(r.runner.home, '.docker', 'config.json'), reg.loginServer);
          assertNoLeaks(r, { secrets: [entry.password], allowedFiles: [join(r.runner.home, '.docker', 'config.json')] });
        }));
      }
      // Persistent faults take every retry (seconds each): on the Node GitHub runs actions on.
      for (const fault of node === NODES.at(-1) ? [FAULTS[2], FAULTS[4], FAULTS[8], FAULTS[9]] : []) {
        test(`${endpoint} × ${label(fault)} always → explained failure, no config`, () => pool.use(async ({ emu, reg }) => {
          await emu.setFault({ endpoint, ...fault });
          const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, ...INPUTS } });
          assert.equal(r.code, 1, r.stdout);
          assert.ok(r.errorLine.length > 20, 'an error line');
          const message = decodeURIComponent(r.errorLine.replace(/%0A/g, '\n'));
          assert.doesNotMatch(message, /at .*\.(c?js|rs):\d+/, 'no stack trace');
          if (fault.kind === 'reset' || fault.kind === 'delay' || fault.kind === 'malformed_json') assert.ok(r.errorLine.startsWith('::error::AL044 '), r.errorLine);
          assert.match(r.stdout, /attempt 4 of 4/);
          assertCompleteOrAbsent(r, reg.loginServer);
          assertNoLeaks(r);
        }));
      }
    }
  });

  if (node !== NODES.at(-1)) continue;
  describe(`${node.name}: fault matrix, managed identity`, { concurrency: POOL_SIZE }, () => {
    let pool;
    before(async () => { pool = await startPool('managed-identity'); });
    after(() => pool.stop());
    for (const fault of FAULTS) {
      test(`imds.token × ${label(fault)} once → login after a retry`, () => pool.use(async ({ emu, reg }) => {
        await emu.setFault({ endpoint: 'imds.token', ...fault, times: 1 });
        const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, timeout: '2', diagnose: 'never' } });
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        assertCompleteOrAbsent(r, reg.loginServer);
      }));
    }
  });
}
