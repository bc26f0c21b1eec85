// The npm package as a demanding JS developer meets it: every argument mistake refused with a coded
// error that names the problem and the fix (and never echoes a secret), login()/diagnose() usable
// with no host at all in Node, bundled for Node with esbuild, bundled for the browser with esbuild
// and run in Chromium, and the web entry's ready() recovering from a failed load. Each test failed
// on the code before the review (pkg/ at 5685276), except the one marked as a guard.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import * as api from 'acr-login';
import { freePort, withStandIn } from './support/emulator.mjs';
import { FIXTURES } from './support/fixtures.mjs';
import { NODES, root } from './support/node.mjs';

const NOW = 1_763_000_000;
const coded = (code, Type = Error) => (e) => e instanceof Type && e.code === code;
// Values that must never appear in an error message.
const SECRET = 'Zq8Q~s3cr3t-v4lue_that.must-not-leak';

describe('arguments of the wrong type are refused with a code, not coerced', () => {
  test('text: undefined / null / an object is INVALID_TEXT (was decoded as the text "undefined")', () => {
    for (const fn of ['decodeJwt', 'decodeToken', 'scanLog']) {
      for (const bad of [undefined, null, {}, 42]) {
        assert.throws(() => api[fn](bad, NOW), (e) => coded('INVALID_TEXT', TypeError)(e) && e.message.startsWith(`${fn}()`) && /check that the variable/.test(e.message), `${fn}(${String(bad)})`);
      }
    }
  });

  test('text: UTF-8 bytes are decoded (a Uint8Array was read as its comma-separated numbers)', () => {
    const bytes = Buffer.from(`token: ${FIXTURES.githubToken}\n`);
    assert.equal(api.decodeToken(bytes, NOW).tokens[0].kind, 'github-oidc');
    assert.equal(api.decodeToken(new Uint8Array(bytes), NOW).tokens[0].kind, 'github-oidc');
    assert.equal(api.decodeJwt(Buffer.from(FIXTURES.githubToken)).header.alg, 'RS256');
  });

  test('now: null, a bigint, a Date, a string are INVALID_NOW (null was taken as 1970)', () => {
    for (const bad of [null, 10n, new Date(), '1763000000']) {
      assert.throws(() => api.decodeToken(FIXTURES.githubToken, bad), coded('INVALID_NOW', TypeError), String(bad));
      assert.throws(() => api.scanLog('x', bad), coded('INVALID_NOW', TypeError), String(bad));
    }
    // Milliseconds stay refused by the core, with the same code.
    assert.throws(() => api.decodeToken('x', Date.now()), (e) => e.code === 'INVALID_NOW' && /milliseconds/.test(e.message));
  });

  test('explain(): a non-ID is UNKNOWN_CATALOG_ID without echoing it (a token passed by mistake stays out of logs)', () => {
    assert.throws(() => api.explain(FIXTURES.githubToken), (e) => coded('UNKNOWN_CATALOG_ID')(e) && !e.message.includes(FIXTURES.githubToken.slice(0, 20)) && /characters?-?/.test(e.message) && e.id === undefined);
    assert.throws(() => api.explain(undefined), coded('UNKNOWN_CATALOG_ID', TypeError));
    assert.throws(() => api.explain('AL999'), (e) => e.code === 'UNKNOWN_CATALOG_ID' && e.id === 'AL999');
    assert.equal(api.explain(' al013 ').id, 'AL013');
  });
});

describe('login() / diagnose() options and host are checked in the caller\'s words', () => {
  test('misuse rejects the promise (never a synchronous throw), with a code', async () => {
    const circular = { registries: 'myregistry' };
    circular.self = circular;
    for (const [options, code] of [
      [{ registries: 'myregistry', timeoutMs: 10n }, 'CONFIG_BAD_VALUE'], // JSON.stringify threw synchronously
      [circular, 'CONFIG_UNKNOWN_OPTION'],
      ['myregistry', 'CONFIG_BAD_VALUE'],
    ]) {
      let p;
      assert.doesNotThrow(() => { p = api.login(options); });
      await assert.rejects(p, coded(code));
    }
  });

  test('an unknown option is refused with the right name (`registry` was ignored, then "input `registry` is required")', async () => {
    await assert.rejects(api.login({ registry: 'myregistry' }), (e) => e.code === 'CONFIG_UNKNOWN_OPTION' && e.option === 'registry' && /did you mean `registries`\?/.test(e.message));
    await assert.rejects(api.diagnose({ registries: 'myregistry', 'client-id': 'x' }), (e) => e.code === 'CONFIG_UNKNOWN_OPTION' && /did you mean `clientId`\?/.test(e.message));
    await assert.rejects(api.login({ registries: 'myregistry', retry: { attempts: 2 } }), (e) => e.code === 'CONFIG_UNKNOWN_OPTION' && /retry\.attempts/.test(e.message));
  });

  test('a value of the wrong type is refused (a number password was dropped, then "password is required")', async () => {
    await assert.rejects(api.login({ registries: 'myregistry', authType: 'basic', username: 'u', password: 42 }), (e) => e.code === 'CONFIG_BAD_VALUE' && e.option === 'password' && /must be a string, got number/.test(e.message));
    await assert.rejects(api.login({ registries: 'myregistry', timeoutMs: '5000' }), (e) => e.code === 'CONFIG_BAD_VALUE' && e.option === 'timeoutMs');
    await assert.rejects(api.login({ registries: 'myregistry', verifyBasic: 'false' }), (e) => e.code === 'CONFIG_BAD_VALUE' && e.option === 'verifyBasic');
  });

  test('the core\'s CONFIG_* errors name options (`clientId`, `authType: \'basic\'`), not action inputs', async () => {
    await assert.rejects(api.login({}), (e) => e.code === 'CONFIG_NO_REGISTRY' && e.option === 'registries' && e.input === 'registry' && /option `registries` is required/.test(e.message));
    await assert.rejects(api.login({ registries: 'myregistry', authType: 'basic', username: 'u' }), (e) => e.code === 'CONFIG_MISSING_INPUT' && e.option === 'password' && /option `password` is required with `authType: 'basic'`/.test(e.message) && !/input `|auth-type/.test(e.message));
  });

  test('a secret put into the wrong option is not echoed by the error', async () => {
    const cases = [
      { registries: 'myregistry', authType: 'client-secret', clientId: '00000000-0000-0000-0000-000000000001', tenantId: SECRET, clientSecret: 'x' },
      { registries: SECRET },
      { registries: 'myregistry', authType: 'basic', username: 'u', password: 'p', clientSecret: SECRET },
      { registries: 'myregistry', authorityHost: SECRET },
    ];
    for (const options of cases) {
      await assert.rejects(api.login(options), (e) => e.code.startsWith('CONFIG_') && !JSON.stringify({ m: e.message, s: e.stack, c: e.cause?.message ?? '' }).includes(SECRET), JSON.stringify(Object.keys(options)));
    }
    // A mistyped ID is still shown: it is what the caller needs to see.
    await assert.rejects(api.login({ registries: 'myregistry', authType: 'client-secret', clientId: '00000000-0000-0000-0000-000000000001', tenantId: 'not-a-tenant!', clientSecret: 'x' }), (e) => e.code === 'CONFIG_BAD_VALUE');
  });

  test('host: not an object, a method that is not a function, or a misspelt method is INVALID_HOST (each was ignored)', async () => {
    const options = { registries: 'myregistry', authType: 'basic', username: 'u', password: 'p' };
    await assert.rejects(api.login(options, 'host'), coded('INVALID_HOST', TypeError));
    // A non-function `request` silently fell back to the global fetch.
    await assert.rejects(api.login(options, { request: 'https://proxy.example' }), (e) => e.code === 'INVALID_HOST' && e.method === 'request');
    // `onsecret` left every secret unmasked without a word.
    await assert.rejects(api.login(options, { onsecret: () => {} }), (e) => e.code === 'INVALID_HOST' && e.method === 'onsecret' && /did you mean `onSecret`\?/.test(e.message));
    await assert.rejects(api.login(options, { setSecret: () => {} }), (e) => e.code === 'INVALID_HOST' && /did you mean `onSecret`\?/.test(e.message));
    // Other members of a host object are the caller's business.
    const host = { label: 'ci', log: () => {}, request: async () => ({ status: 503, headers: [], body: '' }) };
    assert.equal((await api.login({ ...options, retry: { maxAttempts: 1 } }, host)).ok, false);
  });

  test('host.now() in seconds is INVALID_NOW (the flow ran in January 1970)', async () => {
    await assert.rejects(api.login({ registries: 'myregistry' }, { now: () => Math.floor(Date.now() / 1000) }), (e) => e.code === 'INVALID_NOW' && /milliseconds/.test(e.message));
  });

  test('host methods are called on the host (a class works), and a throwing onSecret rejects instead of passing unmasked', async () => {
    class Transport {
      calls = 0;
      masked = [];
      async request() {
        this.calls += 1;
        return { status: 503, headers: [], body: '' };
      }
      onSecret(value) {
        this.masked.push(value.length);
      }
    }
    const t = new Transport();
    const options = { registries: 'myregistry', authType: 'basic', username: 'u', password: SECRET, retry: { maxAttempts: 1 } };
    const r = await api.login(options, t);
    assert.equal(r.ok, false);
    assert.ok(t.calls >= 1, 'request was called with its object as `this`');
    assert.deepEqual(t.masked, [SECRET.length], 'the given password was handed to onSecret');
    const failing = { onSecret: () => { throw new Error('masking is broken'); }, request: t.request.bind(t) };
    await assert.rejects(api.login(options, failing), (e) => e.code === 'HOST_ON_SECRET_FAILED' && e.cause?.message === 'masking is broken' && !e.message.includes(SECRET));
  });

  // A guard rather than a fix: this held before the review too.
  test('two logins at once each finish with their own result', async () => {
    const answer = (status) => ({ request: async () => ({ status, headers: [], body: '' }) });
    const options = { registries: 'myregistry', authType: 'basic', username: 'u', password: 'p', retry: { maxAttempts: 1 } };
    const [a, b] = await Promise.all([api.login(options, answer(503)), api.diagnose(options, answer(403))]);
    assert.equal(a.ok, false);
    assert.equal(b.ok, false);
    assert.match(a.message, /503/);
    assert.notEqual(a.diagnosis.top?.id, b.diagnosis.top?.id);
  });
});

describe('Node with no host: the default transport says why a connection failed', () => {
  test('an unresolvable registry is a DNS finding (was AL044 "refused, timed out or reset" with "fetch failed")', async () => {
    const r = await api.login({ registries: 'acr-login-test.invalid', authType: 'basic', username: 'u', password: 'p', retry: { maxAttempts: 1 } });
    assert.equal(r.ok, false);
    assert.equal(r.diagnosis.top.category, 'dns-resolution', r.message);
    assert.doesNotMatch(r.message, /fetch failed/);
  });

  test('an untrusted certificate is a TLS finding naming NODE_EXTRA_CA_CERTS (was AL044 with "fetch failed")', async () => {
    await withStandIn('admin-user', async ({ emu }) => {
      // Its own process, trusting only the system's CAs (not the stand-in's).
      const child = `
import { login } from 'acr-login';
const r = await login({ registries: process.argv[1], authType: 'basic', username: 'u', password: 'p', retry: { maxAttempts: 1 } });
console.log(JSON.stringify({ ok: r.ok, category: r.diagnosis.top?.category, message: r.message }));
`;
      const env = { ...process.env };
      delete env.NODE_EXTRA_CA_CERTS;
      const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child, emu.loginServer()], { cwd: root, env, encoding: 'utf8' }));
      assert.equal(r.ok, false);
      assert.equal(r.category, 'tls-certificate', r.message);
      assert.match(r.message, /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY/);
    });
  });

  test('a refused connection says ECONNREFUSED', async () => {
    const port = await freePort();
    const r = await api.login({ registries: `127.0.0.1:${port}`, authType: 'basic', username: 'u', password: 'p', retry: { maxAttempts: 1 } });
    assert.equal(r.ok, false);
    assert.match(r.message, /ECONNREFUSED|refused/);
    assert.doesNotMatch(r.message, /fetch failed/);
  });
});

// In a child process: the global fetch trusts the stand-in's CA only through NODE_EXTRA_CA_CERTS,
// and the runner's ACTIONS_ID_TOKEN_REQUEST_* are in its environment as they are in a job.
const CHILD = `
import { diagnose, login } from 'acr-login';
const e = process.env;
const options = { registries: e.LOGIN_SERVER, clientId: e.AZURE_CLIENT_ID, tenantId: e.AZURE_TENANT_ID, authorityHost: e.AZURE_AUTHORITY_HOST };
const secrets = [];
const host = { onSecret: (s) => secrets.push(s) };
const [a, b] = await Promise.all([login(options, host), login({ ...options, repository: 'app', actions: 'pull' }, host)]);
const d = await diagnose(options);
const leaked = secrets.filter((s) => s.length >= 8 && JSON.stringify([a.message, a.text, a.markdown, d.text, d.markdown]).includes(s)).length;
console.log(JSON.stringify({
  ok: [a.ok, b.ok, d.ok], message: a.ok ? '' : a.message, distinct: a.registries?.[0]?.password !== b.registries?.[0]?.password,
  permissions: b.registries?.[0]?.permissions?.granted, checks: d.diagnosis.checks.map((c) => c.kind + ':' + c.status),
  masked: secrets.length, requestTokenMasked: secrets.includes(e.ACTIONS_ID_TOKEN_REQUEST_TOKEN), leaked,
}));
`;

describe('a GitHub Actions job with no host and no request options (Azure stand-in)', () => {
  for (const node of NODES) {
    test(`${node.name}: login() reads ACTIONS_ID_TOKEN_REQUEST_* like @actions/core (was AL001 "no id-token: write"), twice at once; diagnose() checks DNS and TLS`, async () => {
      await withStandIn('oidc', async ({ emu }) => {
        const out = execFileSync(node.bin, ['--input-type=module', '-e', CHILD], {
          cwd: root, encoding: 'utf8', env: { ...process.env, ...emu.env, NODE_EXTRA_CA_CERTS: emu.caPath, LOGIN_SERVER: emu.loginServer() },
        });
        const r = JSON.parse(out);
        assert.deepEqual(r.ok, [true, true, true], r.message);
        assert.ok(r.distinct, 'each login got its own refresh token');
        assert.deepEqual(r.permissions, ['pull']);
        assert.ok(r.checks.includes('dns:pass') && r.checks.includes('tls:pass'), `checks: ${r.checks}`);
        assert.ok(r.requestTokenMasked, 'the request token read from the environment went through onSecret');
        assert.equal(r.leaked, 0);
      });
    });
  }
});

describe('the web entry in Node (or any runtime that picks it)', () => {
  test('a call before ready() is NOT_READY (was a TypeError from inside the glue)', async () => {
    const web = await import('../pkg/web.js?not-ready');
    // The Node entry above already loaded the shared glue; the web entry still insists on ready().
    assert.throws(() => web.decodeToken('x', NOW), (e) => e.code === 'NOT_READY' && /await ready\(\)/.test(e.message));
    await assert.rejects(web.login({ registries: 'myregistry' }), coded('NOT_READY'));
  });

  test('ready() that cannot fetch says what to do, and a retry with the bytes succeeds (a failed load was cached forever)', () => {
    // Its own process: here the Node entry has already loaded the glue both entries share.
    const child = `
import { readFileSync } from 'node:fs';
import { decodeToken, ready } from 'acr-login/web';
const out = {};
await ready().catch((e) => { out.code = e.code; out.message = e.message; });
await ready(readFileSync(process.argv[1]));
out.kind = decodeToken(process.argv[2], ${NOW}).tokens[0].kind;
await ready();
console.log(JSON.stringify(out));
`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child, join(root, 'pkg', 'acr_login_bg.wasm'), FIXTURES.githubToken], { cwd: root, encoding: 'utf8' }));
    assert.equal(out.code, 'WASM_LOAD_FAILED');
    assert.match(out.message, /ready\(wasmUrl\)/);
    assert.match(out.message, /In Node, import 'acr-login'/);
    assert.equal(out.kind, 'github-oidc');
  });

  test('the Node entry has ready() too, resolved at once, so code for both can always await it', async () => {
    await api.ready();
    await api.ready(new Uint8Array(0)); // ignored once loaded
  });
});

describe('bundled by esbuild', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acr-login-bundle-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'acr-login'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bundled', private: true }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('for Node as CommonJS (as actions are bundled): import works, a call says to copy the wasm, and then it works (was "Invalid URL" at load)', () => {
    writeFileSync(join(dir, 'app.js'), `
const { decodeToken } = require('acr-login');
try { console.log(JSON.stringify({ kind: decodeToken(process.argv[2], ${NOW}).tokens[0].kind })); }
catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
`);
    esbuild.buildSync({ absWorkingDir: dir, entryPoints: ['app.js'], bundle: true, platform: 'node', format: 'cjs', outfile: 'dist/app.cjs', logLevel: 'silent' });
    const run = () => JSON.parse(execFileSync(process.execPath, [join(dir, 'dist', 'app.cjs'), FIXTURES.githubToken], { encoding: 'utf8' }));
    const missing = run();
    assert.equal(missing.code, 'WASM_LOAD_FAILED');
    assert.match(missing.message, /copy node_modules\/acr-login\/pkg\/acr_login_bg\.wasm next to your bundle/);
    copyFileSync(join(root, 'pkg', 'acr_login_bg.wasm'), join(dir, 'dist', 'acr_login_bg.wasm'));
    assert.deepEqual(run(), { kind: 'github-oidc' });
  });

  describe('for the browser, run in Chromium', () => {
    let server;
    let url;
    let browser;
    before(async () => {
      writeFileSync(join(dir, 'app.mjs'), `
import { catalog, decodeToken, ready, scanLog } from 'acr-login';
import wasmUrl from 'acr-login/acr_login_bg.wasm';
const out = {};
try { decodeToken('x', 1); out.before = 'no error'; } catch (e) { out.before = e.code; }
try { await ready('./missing.wasm'); } catch (e) { out.failed = e.code; }
await ready(wasmUrl);
out.entries = catalog().length;
out.rootCause = scanLog('##[error]AADSTS700213: No matching federated identity record found for presented assertion subject', ${NOW}).rootCause;
out.kind = decodeToken(${JSON.stringify(FIXTURES.githubToken)}, ${NOW}).tokens[0].kind;
window.RESULT = out;
`);
      writeFileSync(join(dir, 'iife.js'), `
import { ready } from 'acr-login';
ready().then(() => { window.RESULT = 'loaded'; }, (e) => { window.RESULT = { code: e.code, message: e.message }; });
`);
      // The browser conditions pick the web entry; the wasm comes through esbuild's file loader.
      const common = { absWorkingDir: dir, bundle: true, platform: 'browser', loader: { '.wasm': 'file' }, logLevel: 'silent' };
      await esbuild.build({ ...common, entryPoints: ['app.mjs'], format: 'esm', outdir: 'web' });
      await esbuild.build({ ...common, entryPoints: ['iife.js'], format: 'iife', outdir: 'web' });
      writeFileSync(join(dir, 'web', 'app.html'), '<!doctype html><script type="module" src="./app.js"></script>');
      writeFileSync(join(dir, 'web', 'iife.html'), '<!doctype html><script src="./iife.js"></script>');
      const TYPES = { js: 'text/javascript', wasm: 'application/wasm', html: 'text/html' };
      server = createServer((req, res) => {
        try {
          const body = readFileSync(join(dir, 'web', new URL(req.url, 'http://x').pathname.replace(/^\/+/, '')));
          res.writeHead(200, { 'content-type': TYPES[req.url.split('.').pop()] ?? 'application/octet-stream' }).end(body);
        } catch {
          res.writeHead(404).end();
        }
      });
      await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
      url = `http://127.0.0.1:${server.address().port}/`;
      const { launch } = await import('./support/browser.mjs');
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    async function result(page) {
      return (await page.waitForFunction(() => window.RESULT, null, { timeout: 15_000 })).jsonValue();
    }

    test('ESM bundle: NOT_READY before ready(), a failed ready() can be retried, then every function works', async () => {
      const page = await browser.newPage();
      try {
        await page.goto(`${url}app.html`);
        assert.deepEqual(await result(page), { before: 'NOT_READY', failed: 'WASM_LOAD_FAILED', entries: api.catalog().length, rootCause: 'AL013', kind: 'github-oidc' });
      } finally {
        await page.close();
      }
    });

    test('IIFE bundle (no import.meta.url): ready() says to pass the wasm URL (was "Failed to construct \'URL\'")', async () => {
      const page = await browser.newPage();
      try {
        await page.goto(`${url}iife.html`);
        const r = await result(page);
        assert.equal(r.code, 'WASM_LOAD_FAILED');
        assert.match(r.message, /no import\.meta\.url/);
        assert.match(r.message, /ready\(wasmUrl\)/);
      } finally {
        await page.close();
      }
    });
  });
});

describe('the options the package checks are the options the core reads', () => {
  // pkg/api.js refuses unknown options before they reach the core; a key added to the core's
  // LoginOptions::from_json and not to api.js would be refused, one dropped from the core would be
  // accepted and ignored. Read both sources and compare.
  const config = readFileSync(join(root, 'crates', 'core', 'src', 'login', 'config.rs'), 'utf8');
  const body = config.slice(config.indexOf('pub fn from_json'), config.indexOf('/// Why the options cannot make a login'));
  const apiSource = readFileSync(join(root, 'pkg', 'api.js'), 'utf8');
  const block = (name) => apiSource.slice(apiSource.indexOf(`const ${name} = {`), apiSource.indexOf('};', apiSource.indexOf(`const ${name} = {`)));
  const keysOf = (text) => [...text.matchAll(/^\s+(\w+): \[/gm)].map((m) => m[1]).sort();

  test('top-level options', () => {
    const core = [...body.matchAll(/(?:text_of|secret|num|m\.get)\("(\w+)"\)/g)].map((m) => m[1]);
    assert.deepEqual(keysOf(block('OPTIONS')), [...new Set(core)].sort());
  });

  test('retry options', () => {
    const retry = body.slice(body.indexOf('let retry'), body.indexOf('Ok(LoginOptions'));
    const core = [...retry.matchAll(/(?:n|r\.get)\("(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(keysOf(block('RETRY')), [...new Set(core)].sort());
  });
});
