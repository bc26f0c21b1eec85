// One wasm behind all three consumers, and the npm package importable with no init call, from the
// repo and from a packed tarball, under Node 20 and Node 24, by `import` and by `require()` (Node
// 20.19+ and 22.12+ require ES modules without a flag; the entry has no top-level await, which
// would make require() fail with ERR_REQUIRE_ASYNC_MODULE).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
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

// The same from CommonJS (a `.cjs` tool, ts-node, or TypeScript compiled to CommonJS).
const REQUIRE_PROBE = PROBE.replace("import { decodeJwt } from 'acr-login';", "const { decodeJwt } = require('acr-login');");

function probe(node, cwd, { commonjs = false } = {}) {
  const args = commonjs ? ['--input-type=commonjs', '-e', REQUIRE_PROBE] : ['--input-type=module', '-e', PROBE];
  const out = execFileSync(node.bin, args, { cwd, env: { ...process.env, TOKEN }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
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
  test(`${node.name}: require('acr-login') in the repo`, () => {
    assertProbe(probe(node, root, { commonjs: true }));
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
    // Only the package: entry points, their declarations, the generated wasm, glue and examples.
    const allowed = /^package\/(package\.json|README\.md|LICENSE|pkg\/(index|web|api|acr_login|catalog-examples|node-probe)\.js|pkg\/(index|web)\.d\.ts|pkg\/types\/[a-z]+\.d\.ts|pkg\/acr_login_bg\.wasm)$/;
    assert.deepEqual(files.filter((f) => !allowed.test(f)), [], 'unexpected files in the tarball (fixtures, maps, generated .d.ts of the glue?)');
  });

  test('every path package.json names is in the tarball, and no file holds a path of the machine that packed it', () => {
    const files = new Set(execFileSync('tar', ['-tzf', tgzPath], { encoding: 'utf8' }).split('\n').filter(Boolean));
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', 'acr-login', 'package.json'), 'utf8'));
    const targets = [manifest.types, ...JSON.stringify(manifest.exports).match(/"\.\/[^"]+"/g).map((s) => JSON.parse(s))]
      .filter((t) => t.startsWith('./pkg/') || t.startsWith('pkg/'));
    assert.ok(targets.length >= 5, JSON.stringify(targets));
    for (const t of targets) assert.ok(files.has(`package/${t.replace(/^\.\//, '')}`), `${t} (package.json) is not in the tarball`);
    assert.ok(manifest.engines?.node, 'engines.node is set');
    assert.equal(manifest.license, 'MIT');
    const installed = join(dir, 'node_modules', 'acr-login');
    for (const f of files) {
      const body = readFileSync(join(installed, f.replace(/^package\//, ''))).toString('latin1');
      for (const local of [root, tmpdir(), process.env.HOME].filter((p) => p && p.length > 4)) {
        assert.ok(!body.includes(local), `${f} holds the local path ${local}`);
      }
    }
  });

  for (const node of NODES) {
    test(`${node.name}: decodes through the installed package`, () => {
      assertProbe(probe(node, dir));
    });
    test(`${node.name}: require('acr-login') of the installed package, without a warning`, () => {
      const r = execFileSync(node.bin, ['--input-type=commonjs', '-e', REQUIRE_PROBE], { cwd: dir, env: { ...process.env, TOKEN }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      assertProbe(JSON.parse(r));
      const bare = spawnSync(node.bin, ['-e', "require('acr-login')"], { cwd: dir, encoding: 'utf8' });
      assert.equal(bare.status, 0, bare.stderr);
      assert.equal(bare.stderr, '', 'require() printed a warning (ExperimentalWarning?)');
    });
  }
});
