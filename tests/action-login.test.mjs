// Every auth type, run as the runner runs the committed action (main, then post with STATE_*),
// under Node 20 and 24, against the local Azure stand-in and a real registry; skopeo proves the
// written credentials work, and logout proves they come back out.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NODES } from './support/node.mjs';
import { newRunner } from './support/runner.mjs';
import { makeTinyOciImage, skopeoSandbox, startEmulator, startRegistry, withStandIn, NULL_GUID, decodeJwt } from './support/emulator.mjs';
import { assertNoLeaks, authEntry, fakeCredentialHelper, runMain, runPost, topId } from './support/action-run.mjs';

const configOf = (r) => join(r.runner.home, '.docker', 'config.json');

/** Logs in, proves the credential with skopeo, logs out; returns the main result. */
async function loginPushPull({ node, emu, reg, inputs = {}, env = {}, push = true, secrets = [] }) {
  const main = await runMain({ node, emu, inputs: { registry: reg.loginServer, ...inputs }, env });
  assert.equal(main.code, 0, `main failed:\n${main.stdout}\n${main.stderr}`);
  const file = configOf(main);
  const entry = authEntry(file, reg.loginServer);
  assert.ok(entry, 'no auth entry written');
  const mode = readFileSync(file) && (await import('node:fs')).statSync(file).mode & 0o777;
  assert.equal(mode, 0o600, 'config.json must be 0600');

  const sk = skopeoSandbox(emu);
  try {
    sk.setAuth(JSON.parse(readFileSync(file, 'utf8')));
    const img = makeTinyOciImage(join(sk.dir, 'img'));
    if (push) {
      const p = await sk.push(img.ref, reg.loginServer, `demo/hello:${node.major}`);
      assert.equal(p.code, 0, `skopeo push: ${p.stderr}`);
    }
    const tag = push ? `demo/hello:${node.major}` : 'demo/hello:seed';
    const pulled = await sk.pull(reg.loginServer, tag, join(sk.dir, 'out'));
    assert.equal(pulled.code, 0, `skopeo pull: ${pulled.stderr}`);
  } finally {
    sk.cleanup();
  }
  assertNoLeaks(main, { secrets: [entry.password, ...secrets], allowedFiles: [file] });

  const post = await runPost({ node, emu, main });
  assert.equal(post.code, 0, post.stderr);
  assert.ok(!existsSync(file) || !authEntry(file, reg.loginServer), 'logout left the entry');
  assert.match(post.stdout, /acr-login logout: .*delete-file|removed/);
  assertNoLeaks(post, { secrets: [entry.password, ...secrets] });
  return { main, entry };
}

for (const node of NODES) {
  describe(`${node.name}: login per auth type`, () => {
    test('oidc: outputs, summary, skopeo push and pull, logout', async () => {
      await withStandIn('oidc', async ({ emu, reg }) => {
        const { main, entry } = await loginPushPull({ node, emu, reg });
        assert.equal(entry.username, NULL_GUID);
        const claims = decodeJwt(entry.password);
        assert.equal(claims.iss, 'Azure Container Registry');
        assert.equal(main.outputs['login-server'], reg.loginServer);
        assert.equal(main.outputs.username, NULL_GUID);
        assert.equal(main.outputs['expires-at'], new Date(claims.exp * 1000).toISOString().replace('.000Z', 'Z'));
        assert.match(main.outputs.identity, new RegExp(emu.inputs['client-id']));
        assert.match(main.outputs.identity, /repo:octo-org\/octo-repo:ref:refs\/heads\/main/);
        assert.equal(main.outputs.token, undefined, 'token only with expose-token');
        const diagnosis = JSON.parse(main.outputs.diagnosis);
        assert.equal(diagnosis.ok, true);
        assert.deepEqual(diagnosis.checks.map((c) => c.kind), ['github-token', 'entra-token', 'challenge', 'refresh-token']);
        assert.match(main.summary, /### ✅ Logged in to/);
        // The runner request token, GitHub token, Entra token and refresh token were all masked.
        assert.ok(main.masked.includes(emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN));
        assert.ok(main.masked.includes(entry.password));
        assert.ok(main.masked.length >= 4);
        // What the action sent: audience appended with &, ACR scope, exchange with tenant.
        const log = emu.requestLog();
        const gh = log.find((l) => l.endpoint === 'github.token');
        assert.ok(JSON.stringify(gh).includes('api://AzureADTokenExchange'), JSON.stringify(gh));
        const ex = log.find((l) => l.endpoint === 'acr.exchange');
        assert.ok(JSON.stringify(ex).includes(emu.inputs['tenant-id']), JSON.stringify(ex));
      });
    });

    test('a registry copied as a URL (https://…/) logs in under its plain login server', async () => {
      await withStandIn('oidc', async ({ emu, reg }) => {
        // loginPushPull reads the entry back under the plain login server and pulls with it.
        const { main } = await loginPushPull({ node, emu, reg, inputs: { registry: `https://${reg.loginServer}/` } });
        assert.equal(main.outputs['login-server'], reg.loginServer);
      });
    });

    test('client-secret', async () => {
      await withStandIn('client-secret', async ({ emu, reg }) => {
        const secret = emu.env.AZURE_CLIENT_SECRET;
        const { main } = await loginPushPull({ node, emu, reg, inputs: { 'auth-type': 'client-secret', 'client-secret': secret }, secrets: [secret] });
        assert.ok(main.masked.includes(secret));
      });
    });

    test('managed-identity (user-assigned through IMDS)', async () => {
      await withStandIn('managed-identity', async ({ emu, reg }) => {
        const { main } = await loginPushPull({ node, emu, reg });
        assert.match(main.outputs.identity, /managed-identity app 0f1e2d3c/);
        assert.ok(emu.requestLog().some((l) => l.endpoint === 'imds.token'));
      });
    });

    test('workload-identity (AZURE_FEDERATED_TOKEN_FILE)', async () => {
      await withStandIn('workload-identity', async ({ emu, reg }) => {
        const fileToken = readFileSync(emu.env.AZURE_FEDERATED_TOKEN_FILE, 'utf8').trim();
        const { main } = await loginPushPull({ node, emu, reg, secrets: [fileToken] });
        assert.ok(main.masked.includes(fileToken));
        assert.match(main.outputs.identity, /system:serviceaccount:default:workload-identity-sa/);
      });
    });

    test('basic: admin user', async () => {
      await withStandIn('admin-user', async ({ emu, reg }) => {
        const { main, entry } = await loginPushPull({ node, emu, reg, inputs: { 'auth-type': 'basic', 'client-id': '', 'tenant-id': '' }, secrets: [emu.inputs.password] });
        assert.equal(entry.username, 'contoso');
        assert.equal(main.outputs.username, 'contoso');
        assert.equal(main.outputs['expires-at'], '');
      });
    });

    test('basic: scope-map token, verified for its repository', async () => {
      await withStandIn('scope-map-token', async ({ emu, reg }) => {
        await loginPushPull({ node, emu, reg, inputs: { 'auth-type': 'basic', 'client-id': '', 'tenant-id': '', repository: 'demo/hello', actions: 'pull,push' }, secrets: [emu.inputs.password] });
      });
    });
  });

  describe(`${node.name}: docker config handling`, () => {
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

    const OTHERS = {
      auths: {
        'ghcr.io': { auth: Buffer.from('octocat:ghp_exampleexampleexample').toString('base64') },
        'https://index.docker.io/v1/': { auth: Buffer.from('hubuser:hub-password-1234').toString('base64') },
        'other1.azurecr.io': { auth: Buffer.from(`${NULL_GUID}:old-refresh-1`).toString('base64') },
        'quay.io': { auth: Buffer.from('q:quay-password-123').toString('base64'), email: 'q@example.com' },
        'localhost:5000': {},
      },
      credHelpers: { '123456789012.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' },
      proxies: { default: { httpsProxy: 'http://proxy.internal:3128', noProxy: '*.internal' } },
      plugins: { buildx: { default: 'builder1' } },
      zUnknownKey: [1, 2.5, { keep: true }],
    };

    test('logout restores the exact bytes, including a replaced entry', async () => {
      const runner = newRunner();
      const dir = join(runner.home, '.docker');
      mkdirSync(dir, { recursive: true });
      const registry = emu.loginServer();
      const original = `${JSON.stringify({ ...OTHERS, auths: { ...OTHERS.auths, [registry]: { auth: Buffer.from('olduser:old-pass-12345').toString('base64') } } }, null, 4)}\n`;
      writeFileSync(join(dir, 'config.json'), original, { mode: 0o600 });
      const main = await runMain({ node, emu, runner });
      assert.equal(main.code, 0, main.stdout);
      const written = readFileSync(join(dir, 'config.json'), 'utf8');
      const parsed = JSON.parse(written);
      assert.equal(authEntry(join(dir, 'config.json'), registry).username, NULL_GUID);
      for (const [k, v] of Object.entries(OTHERS.auths)) assert.deepEqual(parsed.auths[k], v);
      for (const k of ['credHelpers', 'proxies', 'plugins', 'zUnknownKey']) assert.deepEqual(parsed[k], OTHERS[k]);
      assert.ok(written.includes('2.5'), 'numbers kept as written');
      // State holds no credential, only the undo file's path.
      assert.deepEqual(Object.keys(main.state).sort(), ['acr-login-logout', 'acr-login-undo-file']);
      const post = await runPost({ node, emu, main });
      assert.equal(post.code, 0);
      assert.equal(readFileSync(join(dir, 'config.json'), 'utf8'), original);
      assert.ok(!existsSync(main.state['acr-login-undo-file']), 'undo file removed');
    });

    test('logout: false keeps the credential', async () => {
      const main = await runMain({ node, emu, inputs: { logout: 'false' } });
      assert.equal(main.code, 0, main.stdout);
      const post = await runPost({ node, emu, main });
      assert.equal(post.code, 0);
      assert.ok(authEntry(configOf(main), emu.loginServer()));
    });

    test('expose-token sets the masked token output', async () => {
      const main = await runMain({ node, emu, inputs: { 'expose-token': 'true' } });
      assert.equal(main.code, 0, main.stdout);
      const entry = authEntry(configOf(main), emu.loginServer());
      assert.equal(main.outputs.token, entry.password);
      assert.ok(main.masked.includes(entry.password));
      assertNoLeaks(main, { secrets: [entry.password], allowedFiles: [configOf(main)], allowTokenOutput: true });
    });

    test('docker-config and auth-file inputs are both written and both undone', async () => {
      const runner = newRunner();
      const dockerDir = join(runner.dir, 'custom-docker');
      const authFile = join(runner.dir, 'containers', 'auth.json');
      const main = await runMain({ node, emu, runner, inputs: { 'docker-config': dockerDir, 'auth-file': authFile } });
      assert.equal(main.code, 0, main.stdout);
      const a = authEntry(join(dockerDir, 'config.json'), emu.loginServer());
      const b = authEntry(authFile, emu.loginServer());
      assert.ok(a && b);
      assert.equal(a.password, b.password);
      assert.ok(!existsSync(join(runner.home, '.docker', 'config.json')), 'the default config was not touched');
      assertNoLeaks(main, { secrets: [a.password], allowedFiles: [join(dockerDir, 'config.json'), authFile] });
      await runPost({ node, emu, main });
      assert.ok(!existsSync(join(dockerDir, 'config.json')) && !existsSync(authFile));
    });

    test('REGISTRY_AUTH_FILE is honoured', async () => {
      const runner = newRunner();
      const authFile = join(runner.dir, 'podman-auth.json');
      const main = await runMain({ node, emu, runner, env: { REGISTRY_AUTH_FILE: authFile } });
      assert.equal(main.code, 0, main.stdout);
      assert.ok(authEntry(authFile, emu.loginServer()));
    });

    test('a malformed config fails with the file and the fix, and is left untouched', async () => {
      const runner = newRunner();
      const dir = join(runner.home, '.docker');
      mkdirSync(dir, { recursive: true });
      const broken = '{\n  "auths": {\n    "ghcr.io": {"auth": "x"},\n  }\n}\n';
      writeFileSync(join(dir, 'config.json'), broken);
      const main = await runMain({ node, emu, runner });
      assert.equal(main.code, 1);
      assert.match(main.errorLine, /config\.json is not valid JSON \(line 4/);
      assert.match(main.errorLine, /left untouched/);
      assert.equal(readFileSync(join(dir, 'config.json'), 'utf8'), broken);
      assert.deepEqual(main.state, {}, 'nothing for post to undo');
    });

    test('a credHelper covering the registry: stored through the helper, restored by logout', async () => {
      const runner = newRunner();
      const { store, path } = fakeCredentialHelper(runner, 'fake');
      const dir = join(runner.home, '.docker');
      mkdirSync(dir, { recursive: true });
      const original = JSON.stringify({ auths: {}, credHelpers: { [emu.loginServer()]: 'fake' } });
      writeFileSync(join(dir, 'config.json'), original);
      const main = await runMain({ node, emu, runner, env: { PATH: path } });
      assert.equal(main.code, 0, main.stdout + main.stderr);
      assert.equal(readFileSync(join(dir, 'config.json'), 'utf8'), original, 'config untouched: the helper holds it');
      const held = JSON.parse(readFileSync(store, 'utf8'))[emu.loginServer()];
      assert.equal(held.Username, NULL_GUID);
      assert.equal(decodeJwt(held.Secret).iss, 'Azure Container Registry');
      assert.match(main.stdout, /stored through docker-credential-fake/);
      assertNoLeaks(main, { secrets: [held.Secret], allowedFiles: [store] });
      await runPost({ node, emu, main, env: { PATH: path } });
      assert.deepEqual(JSON.parse(readFileSync(store, 'utf8')), {}, 'logout erased it');
    });

    test('a credsStore whose helper is missing: a private DOCKER_CONFIG for the job', async () => {
      const runner = newRunner();
      const dir = join(runner.home, '.docker');
      mkdirSync(dir, { recursive: true });
      const original = JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'desktop', proxies: { default: { httpProxy: 'http://p:1' } } });
      writeFileSync(join(dir, 'config.json'), original);
      const main = await runMain({ node, emu, runner });
      assert.equal(main.code, 0, main.stdout);
      const privateDir = main.env.DOCKER_CONFIG;
      assert.ok(privateDir && privateDir.startsWith(runner.dir), `DOCKER_CONFIG exported: ${JSON.stringify(main.env)}`);
      const cfg = JSON.parse(readFileSync(join(privateDir, 'config.json'), 'utf8'));
      assert.equal(cfg.credsStore, undefined);
      assert.deepEqual(cfg.proxies, { default: { httpProxy: 'http://p:1' } });
      assert.ok(authEntry(join(privateDir, 'config.json'), emu.loginServer()));
      assert.equal(readFileSync(join(dir, 'config.json'), 'utf8'), original);
      assertNoLeaks(main, { allowedFiles: [join(privateDir, 'config.json')] });
      await runPost({ node, emu, main });
      assert.ok(!existsSync(privateDir));
    });

    test('diagnose: always puts every check in the summary', async () => {
      const logged = emu.requestLog().length;
      const main = await runMain({ node, emu, inputs: { diagnose: 'always', repository: 'demo/hello', actions: 'pull,push' } });
      assert.equal(main.code, 0, main.stdout);
      const d = JSON.parse(main.outputs.diagnosis);
      const kinds = d.checks.map((c) => `${c.kind}:${c.status}`);
      for (const k of ['github-token:pass', 'entra-token:pass', 'dns:pass', 'tls:pass', 'challenge:pass', 'refresh-token:pass', 'access-token:pass', 'permissions:pass']) {
        assert.ok(kinds.includes(k), `${k} in ${kinds}`);
      }
      assert.match(main.summary, /\| ✅ \| TLS connection \|/);
      assert.match(main.stdout, /::group::Diagnosis/);
      assert.equal(topId(main), null);
      // The diagnosis asks the login's origins again, over the connections the login kept: each
      // origin of the stand-in is connected to once, however many requests go to it.
      const requests = emu.requestLog().slice(logged);
      const connections = new Map();
      for (const r of requests) connections.set(r.peerPort, [...(connections.get(r.peerPort) ?? []), r.endpoint]);
      assert.equal(requests.filter((r) => r.endpoint === 'github.token').length, 2, 'login and diagnosis each fetch a GitHub token');
      assert.ok(connections.size < requests.length, `${requests.length} requests over ${connections.size} connections: ${JSON.stringify([...connections.values()])}`);
      for (const eps of connections.values()) assert.equal(new Set(eps.map((e) => e.split('.')[0])).size, 1, `one origin per connection: ${eps}`);
    });
  });
}
