// 32 jobs on one runner, logging in at the same moment into one DOCKER_CONFIG that already holds
// 5 other entries: all 32 land, the 5 are untouched; then 32 logouts at once give back the exact
// original file. (32 registries in one stand-in; their /v2/ challenges come from a small HTTPS
// front with each registry's own certificate, since only the challenge is needed here.)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { NODES } from './support/node.mjs';
import { newRunner } from './support/runner.mjs';
import { moveRegistry, scenariosDir, startEmulator, NULL_GUID } from './support/emulator.mjs';
import { authEntry, runMain, runPost } from './support/action-run.mjs';

const N = 32;
const DEPLOYER = 'gh-deployer';

function challengeFront(emu) {
  const servers = [];
  const listen = (name, info) => {
    const dir = dirname(info.registryConfig);
    const server = https.createServer({ cert: readFileSync(join(dir, 'tls.crt')), key: readFileSync(join(dir, 'tls.key')) }, (req, res) => {
      const { loginServer } = emu.ready.registries[name];
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer realm="${info.realm}",service="${loginServer}"` });
      res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
    });
    const [host, port] = emu.ready.registries[name].loginServer.split(':');
    return new Promise((res, rej) => server.once('error', rej).listen(Number(port), host, () => res(server)));
  };
  return {
    async start() {
      for (const [name, info] of Object.entries(emu.ready.registries)) {
        // A port the stand-in picked can be taken before the front listens on it: move it, as
        // startRegistry does.
        for (let attempt = 1; ; attempt++) {
          try {
            servers.push(await listen(name, info));
            break;
          } catch (e) {
            if (e.code !== 'EADDRINUSE' || attempt === 3) throw e;
            await moveRegistry(emu, name);
          }
        }
      }
    },
    // Connections a failed run left open must not keep the test (and the file) alive.
    stop: () => Promise.all(servers.map((s) => new Promise((r) => { s.close(r); s.closeAllConnections(); }))),
  };
}

const OTHERS = {
  'ghcr.io': { auth: Buffer.from('octocat:ghp_0123456789abcdef').toString('base64') },
  'https://index.docker.io/v1/': { auth: Buffer.from('hub:hub-pass-123456').toString('base64') },
  'quay.io': { auth: Buffer.from('q:quay-pass-123456').toString('base64') },
  'other.azurecr.io': { auth: Buffer.from(`${NULL_GUID}:some-older-refresh-token`).toString('base64') },
  'registry.gitlab.com': { auth: Buffer.from('gl:gl-pass-1234567').toString('base64') },
};

const node = NODES.at(-1);
describe(`${node.name}: ${N} parallel logins into one DOCKER_CONFIG`, () => {
  test('all land, nothing else changes, all logouts restore the file', { timeout: 240_000 }, async () => {
    const registries = Array.from({ length: N }, (_, i) => ({ name: `par${i}`, role_assignments: [{ principal: DEPLOYER, role: 'AcrPush' }] }));
    const emu = await startEmulator({ scenario: { extends: join(scenariosDir, 'oidc.toml'), name: 'parallel', description: `${N} registries`, registries } });
    const front = challengeFront(emu);
    try {
      await front.start();
      const shared = mkdtempSync(join(tmpdir(), 'acr-login-shared-docker-'));
      mkdirSync(shared, { recursive: true });
      const original = `${JSON.stringify({ auths: OTHERS, credHelpers: { 'x.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' }, detachKeys: 'ctrl-e,e' }, null, '\t')}\n`;
      writeFileSync(join(shared, 'config.json'), original, { mode: 0o600 });
      const servers = registries.map((r) => emu.ready.registries[r.name].loginServer);

      const mains = await Promise.all(servers.map((registry) => runMain({ node, emu, runner: newRunner(), inputs: { registry, diagnose: 'never' }, env: { DOCKER_CONFIG: shared } })));
      for (const m of mains) assert.equal(m.code, 0, `${m.stdout}\n${m.stderr}`);
      const cfg = JSON.parse(readFileSync(join(shared, 'config.json'), 'utf8'));
      for (const s of servers) assert.equal(authEntry(join(shared, 'config.json'), s)?.username, NULL_GUID, `${s} missing`);
      for (const [k, v] of Object.entries(OTHERS)) assert.deepEqual(cfg.auths[k], v, `${k} changed`);
      assert.equal(Object.keys(cfg.auths).length, N + Object.keys(OTHERS).length);
      assert.deepEqual(cfg.credHelpers, { 'x.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' });

      const posts = await Promise.all(mains.map((main) => runPost({ node, emu, main, env: { DOCKER_CONFIG: shared } })));
      for (const p of posts) assert.equal(p.code, 0, p.stderr);
      assert.equal(readFileSync(join(shared, 'config.json'), 'utf8'), original);
    } finally {
      await front.stop();
      await emu.stop();
    }
  });
});
