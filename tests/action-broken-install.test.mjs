// A damaged copy of the action (the wasm truncated, missing, or mangled by line-ending conversion, as
// in a vendored checkout) fails with one explained ::error:: line, never a dump of the minified
// bundle, and writes nothing.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { NODES, root } from './support/node.mjs';
import { runStep } from './support/runner.mjs';

const INPUTS = { registry: 'myacr', 'client-id': '11111111-2222-3333-4444-555555555555', 'tenant-id': '66666666-7777-8888-9999-000000000000' };
const WASM = 'acr_login_bg.wasm';
const good = readFileSync(join(root, 'action', 'dist', WASM));

const DAMAGE = {
  truncated: (file) => writeFileSync(file, good.subarray(0, 4096)),
  missing: (file) => rmSync(file),
  'CRLF-converted': (file) => writeFileSync(file, Buffer.from(good.toString('latin1').replace(/\n/g, '\r\n'), 'latin1')),
};

const copies = [];
function damagedDist(how) {
  const dir = mkdtempSync(join(tmpdir(), 'acr-login-broken-'));
  copies.push(dir);
  cpSync(join(root, 'action', 'dist'), dir, { recursive: true });
  DAMAGE[how](join(dir, WASM));
  return dir;
}
after(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

for (const node of NODES) {
  describe(`${node.name}: a damaged copy of the action`, () => {
    for (const how of Object.keys(DAMAGE)) {
      test(`${how} wasm: one explained failure, nothing written`, async () => {
        const r = await runStep({ node, inputs: INPUTS, dist: damagedDist(how) });
        assert.equal(r.code, 1);
        const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
        assert.equal(errors.length, 1, r.stdout);
        assert.match(errors[0], /cannot load its WebAssembly core .*acr_login_bg\.wasm/);
        assert.match(errors[0], /copy dist\/ byte for byte/);
        assert.equal(r.stderr, '', 'nothing but the ::error:: line: no stack, no bundle source');
        assert.ok(!existsSync(join(r.runner.home, '.docker')), 'no docker config touched');
      });
    }
    test('the post step of a damaged copy does not fail the job', async () => {
      const r = await runStep({ node, step: 'post', inputs: INPUTS, dist: damagedDist('truncated') });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.stderr, '');
    });
  });
}
