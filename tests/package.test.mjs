// One wasm behind all three consumers, and the npm package importable with no init call, from the
// repo and from a packed tarball, under Node 20 and Node 24.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pageWasmBytes, siteDir } from '../scripts/build.mjs';
import { NODES, root } from './support/node.mjs';

const WASM = 'acr_login_bg.wasm';

test('the action, the page and the npm package carry byte-identical wasm', () => {
  const [pkg, action] = ['pkg', 'action/dist'].map((d) => readFileSync(join(root, d, WASM)));
  const page = pageWasmBytes(join(siteDir(), 'pkg'));
  assert.ok(pkg.length > 1000 && pkg.subarray(0, 4).toString('latin1') === '\0asm', 'pkg/ wasm is a wasm module');
  assert.ok(pkg.equals(page), 'the built page\'s wasm (build/www/pkg) differs from pkg/');
  assert.ok(pkg.equals(action), 'action/dist wasm differs from pkg/ (rebuild and commit action/dist)');
});

// A real GitHub-shaped token header and payload; the signature bytes are irrelevant to decoding.
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN = `${b64({ typ: 'JWT', alg: 'RS256', x5t: 'abc', kid: 'abc' })}.${b64({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', aud: 'api://AzureADTokenExchange' })}.c2lnbmF0dXJl`;

const PROBE = `
import { decodeJwt } from 'acr-login';
const d = decodeJwt(process.env.TOKEN);
let code = null;
try { decodeJwt('only.two'); } catch (e) { code = e.code; }
console.log(JSON.stringify({ sub: d.claims.sub, alg: d.header.alg, spans: d.spans, code }));
`;

function probe(node, cwd) {
  const out = execFileSync(node.bin, ['--input-type=module', '-e', PROBE], { cwd, env: { ...process.env, TOKEN }, encoding: 'utf8' });
  return JSON.parse(out);
}

function assertProbe(r) {
  assert.equal(r.sub, 'repo:octo-org/octo-repo:ref:refs/heads/main');
  assert.equal(r.alg, 'RS256');
  assert.equal(TOKEN.slice(r.spans.payload.start, r.spans.payload.end), TOKEN.split('.')[1]);
  assert.equal(r.code, 'JWT_SEGMENT_COUNT');
}

for (const node of NODES) {
  test(`${node.name}: import { decodeJwt } from 'acr-login' in the repo, no init call`, () => {
    assertProbe(probe(node, root));
  });
}

describe('from an npm pack tarball installed into a fresh project', () => {
  let dir;
  let tgzPath;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acr-login-consumer-'));
    const tgz = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
    tgzPath = join(dir, tgz);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--silent', tgzPath], { cwd: dir });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the tarball holds the package entry points, wasm and types, and nothing else of the repo', () => {
    const files = execFileSync('tar', ['-tzf', tgzPath], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const f of ['package/pkg/index.js', 'package/pkg/index.d.ts', `package/pkg/${WASM}`, 'package/pkg/acr_login.js', 'package/README.md', 'package/LICENSE']) {
      assert.ok(files.includes(f), `${f} missing from the tarball`);
    }
    assert.ok(!files.some((f) => f.includes('/crates/') || f.includes('/action/') || f.includes('/tests/')), 'tarball ships sources it should not');
  });

  for (const node of NODES) {
    test(`${node.name}: decodes through the installed package`, () => {
      assertProbe(probe(node, dir));
    });
  }
});
