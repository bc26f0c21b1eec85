// The fault matrix: every fault the stand-in injects × every endpoint the login uses. A one-off
// fault ends in a login after a retry; a fault that never stops ends in an explained failure. In no
// case is a partial or corrupt config left behind.
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
  describe(`${node.name}: fault matrix`, () => {
    let emu;
    let reg;
    before(async () => {
      emu = await startEmulator({ scenario: 'oidc' });
      reg = await startRegistry({ emulator: emu });
    });
    after(async () => {
      await reg.stop();
      await emu.stop();
    });

    for (const endpoint of ENDPOINTS) {
      for (const fault of FAULTS) {
        test(`${endpoint} × ${label(fault)} once → login after a retry`, async () => {
          await emu.clearFaults();
          await emu.setFault({ endpoint, ...fault, times: 1 });
          const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, ...INPUTS } });
          assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
          assert.match(r.stdout, /retrying in/, 'the retry is reported');
          assertCompleteOrAbsent(r, reg.loginServer);
          const entry = authEntry(join(r.runner.home, '.docker', 'config.json'), reg.loginServer);
          assertNoLeaks(r, { secrets: [entry.password], allowedFiles: [join(r.runner.home, '.docker', 'config.json')] });
        });
      }
      // Persistent faults take every retry (seconds each): on the Node GitHub runs actions on.
      for (const fault of node === NODES.at(-1) ? [FAULTS[2], FAULTS[4], FAULTS[8], FAULTS[9]] : []) {
        test(`${endpoint} × ${label(fault)} always → explained failure, no config`, async () => {
          await emu.clearFaults();
          await emu.setFault({ endpoint, ...fault });
          const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, ...INPUTS } });
          await emu.clearFaults();
          assert.equal(r.code, 1, r.stdout);
          assert.ok(r.errorLine.length > 20, 'an error line');
          const message = decodeURIComponent(r.errorLine.replace(/%0A/g, '\n'));
          assert.doesNotMatch(message, /at .*\.(c?js|rs):\d+/, 'no stack trace');
          if (fault.kind === 'reset' || fault.kind === 'delay' || fault.kind === 'malformed_json') assert.ok(r.errorLine.startsWith('::error::AL044 '), r.errorLine);
          assert.match(r.stdout, /attempt 4 of 4/);
          assertCompleteOrAbsent(r, reg.loginServer);
          assertNoLeaks(r);
        });
      }
    }
  });

  if (node !== NODES.at(-1)) continue;
  describe(`${node.name}: fault matrix, managed identity`, () => {
    let emu;
    let reg;
    before(async () => {
      emu = await startEmulator({ scenario: 'managed-identity' });
      reg = await startRegistry({ emulator: emu });
    });
    after(async () => {
      await reg.stop();
      await emu.stop();
    });
    for (const fault of FAULTS) {
      test(`imds.token × ${label(fault)} once → login after a retry`, async () => {
        await emu.clearFaults();
        await emu.setFault({ endpoint: 'imds.token', ...fault, times: 1 });
        const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, timeout: '2', diagnose: 'never' } });
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        assertCompleteOrAbsent(r, reg.loginServer);
      });
    }
  });
}
