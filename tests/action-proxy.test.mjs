// Through a real proxy (Debian's tinyproxy): HTTPS_PROXY is honoured for every request (Node's
// fetch alone ignores it), NO_PROXY bypasses it, proxy credentials work, and a dead or refusing
// proxy is explained (AL045). Also the NO_PROXY matching rules, on the module itself.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NODES } from './support/node.mjs';
import { freePort, startEmulator, startRegistry } from './support/emulator.mjs';
import { assertNoLeaks, authEntry, runMain, topId } from './support/action-run.mjs';
import { bypassesProxy, proxyFor } from '../action/src/net.js';

async function startTinyproxy({ auth } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tinyproxy-'));
  const port = await freePort();
  const log = join(dir, 'tinyproxy.log');
  writeFileSync(join(dir, 'tinyproxy.conf'), [
    `Port ${port}`, 'Listen 127.0.0.1', 'Timeout 30', `LogFile "${log}"`, 'LogLevel Info', 'MaxClients 50',
    'Allow 127.0.0.1', ...(auth ? [`BasicAuth ${auth.user} ${auth.pass}`] : []),
  ].join('\n'));
  writeFileSync(log, '');
  const child = spawn('tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    const up = await new Promise((res) => net.connect(port, '127.0.0.1').once('connect', function () { this.destroy(); res(true); }).once('error', () => res(false)));
    if (up) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects: () => readFileSync(log, 'utf8').split('\n').filter((l) => /CONNECT/.test(l) && /Established|Request/.test(l)),
    log: () => readFileSync(log, 'utf8'),
    stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }),
  };
}

describe('NO_PROXY matching', () => {
  const u = (s) => new URL(s);
  test('suffixes, wildcards, ports, exact hosts', () => {
    assert.ok(bypassesProxy(u('https://myacr.azurecr.io/v2/'), '.azurecr.io'));
    assert.ok(bypassesProxy(u('https://myacr.azurecr.io/v2/'), 'azurecr.io'));
    assert.ok(bypassesProxy(u('https://myacr.azurecr.io/v2/'), '*.azurecr.io'));
    assert.ok(!bypassesProxy(u('https://notazurecr.io/'), 'azurecr.io'));
    assert.ok(bypassesProxy(u('https://127.0.0.1:8443/'), 'localhost, 127.0.0.1'));
    assert.ok(bypassesProxy(u('https://127.0.0.1:8443/'), '127.0.0.1:8443'));
    assert.ok(!bypassesProxy(u('https://127.0.0.1:8443/'), '127.0.0.1:9999'));
    assert.ok(bypassesProxy(u('https://anything/'), '*'));
    assert.ok(!bypassesProxy(u('https://x/'), ''));
  });
  test('scheme-specific variables', () => {
    assert.equal(proxyFor('https://a.io/', { HTTPS_PROXY: 'http://p:1' }).href, 'http://p:1/');
    assert.equal(proxyFor('https://a.io/', { https_proxy: 'p:2' }).href, 'http://p:2/');
    assert.equal(proxyFor('https://a.io/', { HTTP_PROXY: 'http://p:3' }).href, 'http://p:3/');
    assert.equal(proxyFor('http://a.io/', { HTTPS_PROXY: 'http://p:1' }), null);
    assert.equal(proxyFor('https://a.io/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.io' }), null);
  });
});

for (const node of NODES) {
  describe(`${node.name}: through tinyproxy`, () => {
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

    test('every request goes through HTTPS_PROXY; the login works', async () => {
      const proxy = await startTinyproxy();
      try {
        const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, repository: 'demo/hello', diagnose: 'always' }, env: { HTTPS_PROXY: proxy.url, NO_PROXY: '' } });
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}\n${proxy.log()}`);
        const log = proxy.log();
        const hosts = [emu.env.ACTIONS_ID_TOKEN_REQUEST_URL, emu.env.AZURE_AUTHORITY_HOST, `https://${reg.loginServer}`, emu.ready.registries.contoso.authUrl].map((x) => new URL(x).port);
        for (const port of hosts) assert.match(log, new RegExp(`CONNECT[^\\n]*127\\.0\\.0\\.1:${port}`), `no CONNECT to port ${port} in\n${log}`);
        const d = JSON.parse(r.outputs.diagnosis);
        assert.equal(d.checks.find((c) => c.kind === 'dns').status, 'skip', 'names are resolved by the proxy');
        assert.equal(d.checks.find((c) => c.kind === 'tls').status, 'pass', 'TLS checked through the tunnel');
        const file = join(r.runner.home, '.docker', 'config.json');
        assertNoLeaks(r, { secrets: [authEntry(file, reg.loginServer).password], allowedFiles: [file] });
      } finally {
        await proxy.stop();
      }
    });

    test('NO_PROXY bypasses it', async () => {
      const proxy = await startTinyproxy();
      try {
        const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, diagnose: 'never' }, env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } });
        assert.equal(r.code, 0, r.stdout);
        assert.doesNotMatch(proxy.log(), /Request \(file descriptor \d+\): CONNECT/);
      } finally {
        await proxy.stop();
      }
    });

    test('proxy credentials from the URL; without them, 407 → AL045', async () => {
      const proxy = await startTinyproxy({ auth: { user: 'builder', pass: 'proxy-pass-0123' } });
      try {
        const withCreds = proxy.url.replace('http://', 'http://builder:proxy-pass-0123@');
        const ok = await runMain({ node, emu, inputs: { registry: reg.loginServer, diagnose: 'never' }, env: { HTTPS_PROXY: withCreds, NO_PROXY: '' } });
        assert.equal(ok.code, 0, `${ok.stdout}\n${proxy.log()}`);
        const denied = await runMain({ node, emu, inputs: { registry: reg.loginServer, diagnose: 'never' }, env: { HTTPS_PROXY: proxy.url, NO_PROXY: '' } });
        assert.equal(denied.code, 1);
        assert.ok(denied.errorLine.startsWith('::error::AL045 '), denied.errorLine);
        assert.match(denied.errorLine, /407/);
      } finally {
        await proxy.stop();
      }
    });

    test('a proxy that is not there → AL045', async () => {
      const port = await freePort();
      const r = await runMain({ node, emu, inputs: { registry: reg.loginServer }, env: { HTTPS_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: '' } });
      assert.equal(r.code, 1);
      assert.ok(r.errorLine.startsWith('::error::AL045 '), r.errorLine);
      assert.equal(topId(r), 'AL045');
    });
  });
}
