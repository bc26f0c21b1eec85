// The local Azure stand-in against a REAL registry (docker-registry, CNCF distribution) and a REAL
// client (skopeo): the chain GitHub OIDC -> Entra -> ACR exchange is driven with plain HTTPS from
// Node, the resulting refresh token goes into a docker config, and skopeo pushes and pulls with it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  ACR_SCOPE, ARM_SCOPE, FORM, NULL_GUID, challenge, decodeJwt, dockerConfigFor, exchange, form, loginChain,
  makeTinyOciImage, skopeoSandbox, startEmulator, startRegistry,
} from './support/emulator.mjs';

const TENANT = '8d5c1f2e-3b4a-4c6d-9e8f-0a1b2c3d4e5f';
const DEPLOYER = '2b7e4c1a-9f3d-4e8b-a6c5-1d0f9e8b7a63';
const PULLER = '6a1d3e5f-7b9c-4d2e-8f0a-b1c2d3e4f5a6';
const NOROLE = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SECRET_APP = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const SECRET_VALUE = 'emu~SecretValue.For-Tests_0123456789abcdef';
const SECRET_ID = '5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const cleanups = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function world(scenario = 'oidc', { registry = true } = {}) {
  const emu = await startEmulator({ scenario });
  cleanups.push(() => emu.stop());
  const reg = registry ? await startRegistry({ emulator: emu }) : null;
  if (reg) cleanups.push(() => reg.stop());
  const sb = skopeoSandbox(emu);
  cleanups.push(() => sb.cleanup());
  return { emu, reg, sb, img: makeTinyOciImage(join(sb.dir, 'img')) };
}

async function refreshTokenFor(emu, clientId) {
  const r = await loginChain(emu, { clientId });
  assert.equal(r.exchange?.status, 200, `login chain for ${clientId}: ${JSON.stringify({ gh: r.github.status, entra: r.entra?.text, ex: r.exchange?.text })}`);
  return r.exchange.json().refresh_token;
}

/** Asserts Entra's error body shape and the AADSTS code; returns the description. */
function assertEntraError(resp, code, { status, error } = {}) {
  assert.ok([400, 401].includes(resp.status), `status ${resp.status}: ${resp.text}`);
  if (status) assert.equal(resp.status, status);
  assert.match(resp.headers['content-type'], /^application\/json/);
  const b = resp.json();
  if (error) assert.equal(b.error, error);
  assert.equal(typeof b.error, 'string');
  assert.deepEqual(b.error_codes, [code]);
  assert.ok(b.error_description.startsWith(`AADSTS${code}: `), b.error_description);
  assert.match(b.error_description, /\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  assert.match(b.trace_id, UUID);
  assert.match(b.correlation_id, UUID);
  assert.match(b.timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  assert.equal(b.error_uri, `https://login.microsoftonline.com/error?code=${code}`);
  return b.error_description;
}

async function entraWithAssertion(emu, { clientId = DEPLOYER, tenant = TENANT, audience = 'api://AzureADTokenExchange', scope = ACR_SCOPE, assertion } = {}) {
  let a = assertion;
  if (!a) {
    const q = audience === null ? '' : `&audience=${encodeURIComponent(audience)}`;
    const gh = await emu.request(`${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}${q}`, { headers: { authorization: `bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } });
    assert.equal(gh.status, 200);
    a = gh.json().value;
  }
  return emu.request(`${emu.env.AZURE_AUTHORITY_HOST}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: FORM,
    body: form({ client_id: clientId, scope, grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: a }),
  });
}

describe('emulator start-up', () => {
  test('is ready in <= 1 s and prints the runner env in one JSON line', async () => {
    await startEmulator({ scenario: 'oidc' }).then((e) => e.stop()); // warm the key cache
    const emu = await startEmulator({ scenario: 'oidc' });
    cleanups.push(() => emu.stop());
    assert.ok(emu.ready.readyMs <= 1000, `readyMs ${emu.ready.readyMs}`);
    assert.ok(emu.spawnToReadyMs <= 1000, `spawn to ready ${emu.spawnToReadyMs} ms`);
    const env = emu.env;
    assert.match(env.ACTIONS_ID_TOKEN_REQUEST_URL, /^https:\/\/127\.0\.0\.1:\d+\/.+\?api-version=2\.0$/);
    assert.ok(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN.length >= 20);
    assert.match(env.AZURE_AUTHORITY_HOST, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(env.NODE_EXTRA_CA_CERTS, emu.caPath);
    assert.match(emu.ready.registries.contoso.loginServer, /^127\.0\.0\.1:\d+$/);
    assert.match(emu.ready.registries.contoso.realm, /^https:\/\/127\.0\.0\.1:\d+\/oauth2\/token$/);
    assert.equal(emu.inputs.registry, emu.loginServer());
    assert.match(readFileSync(emu.caPath, 'utf8'), /BEGIN CERTIFICATE/);
  });

  test('the registry challenges like ACR, with the emulator as realm', async () => {
    const { emu, reg } = await world('oidc', { registry: true });
    const c = await challenge(emu, reg.loginServer);
    assert.equal(c.status, 401);
    assert.equal(c.realm, emu.ready.registries.contoso.realm);
    assert.equal(c.service, reg.loginServer);
    assert.ok(reg.startMs < 5000, `registry up in ${reg.startMs} ms`);
  });

  test('a broken scenario fails with one JSON error line', async () => {
    await assert.rejects(startEmulator({ scenario: { registries: [{ name: 'r', network_default_action: 'Maybe' }] } }), /network_default_action/);
    await assert.rejects(startEmulator({ scenario: { tenantz: [] } }), /unknown field/);
  });
});

describe('real registry + real skopeo', () => {
  test('an AcrPush identity pushes and pulls with the docker config its refresh token yields', async () => {
    const { emu, reg, sb, img } = await world('oidc');
    const rt = await refreshTokenFor(emu, DEPLOYER);
    const claims = decodeJwt(rt);
    assert.equal(claims.iss, 'Azure Container Registry');
    assert.equal(claims.aud, reg.loginServer);
    assert.equal(claims.grant_type, 'refresh_token');
    sb.setAuth(dockerConfigFor(reg.loginServer, rt));
    const push = await sb.push(img.ref, reg.loginServer, 'demo/hello:1');
    assert.equal(push.code, 0, push.stderr);
    const pull = await sb.pull(reg.loginServer, 'demo/hello:1', join(sb.dir, 'out'));
    assert.equal(pull.code, 0, pull.stderr);
    const inspect = await sb.inspect(reg.loginServer, 'demo/hello:1');
    assert.equal(JSON.parse(inspect.stdout).Digest, img.manifestDigest);
    // What skopeo sent to the realm: GET /oauth2/token with Basic <null guid>:<refresh token>.
    const tokenCalls = emu.requestLog().filter((l) => l.endpoint === 'acr.token');
    assert.ok(tokenCalls.length >= 2);
    for (const l of tokenCalls) {
      assert.equal(l.method, 'GET');
      assert.equal(l.credential, `basic:${NULL_GUID}`);
      assert.equal(l.outcome, 'ok');
      assert.equal(l.principal, 'gh-deployer');
    }
    assert.ok(tokenCalls.some((l) => l.query.some(([k, v]) => k === 'scope' && v === 'repository:demo/hello:pull,push')));
  });

  test('an AcrPull identity pulls, but its push is denied with the real error text', async () => {
    const { emu, reg, sb, img } = await world('oidc');
    sb.setAuth(dockerConfigFor(reg.loginServer, await refreshTokenFor(emu, DEPLOYER)));
    assert.equal((await sb.push(img.ref, reg.loginServer, 'demo/hello:1')).code, 0);
    sb.setAuth(dockerConfigFor(reg.loginServer, await refreshTokenFor(emu, PULLER)));
    const pull = await sb.pull(reg.loginServer, 'demo/hello:1', join(sb.dir, 'out'));
    assert.equal(pull.code, 0, pull.stderr);
    const push = await sb.push(img.ref, reg.loginServer, 'demo/other:1');
    assert.notEqual(push.code, 0);
    assert.match(push.stderr, /denied: requested access to the resource is denied/);
    const filtered = emu.requestLog().filter((l) => l.principal === 'gh-puller' && /actions filtered/.test(l.detail ?? ''));
    assert.ok(filtered.length >= 1, 'the emulator logged that push was filtered out');
  });

  test('an expired ACR refresh token: skopeo shows the token server 401', async () => {
    const { emu, reg, sb } = await world('oidc');
    sb.setAuth(dockerConfigFor(reg.loginServer, await refreshTokenFor(emu, DEPLOYER)));
    await emu.advanceClock(3 * 3600 + 5);
    const r = await sb.inspect(reg.loginServer, 'demo/hello:1');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /unable to retrieve auth token: invalid username\/password: unauthorized: authentication required, visit https:\/\/aka\.ms\/acr\/authorization for more information\./);
    assert.equal(emu.requestLog().at(-1).outcome, 'REFRESH_TOKEN_EXPIRED');
  });

  test('skopeo with an identitytoken POSTs a chunked refresh_token grant, which is decoded', async () => {
    const { emu, reg, sb, img } = await world('oidc');
    const rt = await refreshTokenFor(emu, DEPLOYER);
    sb.setAuth({ auths: { [reg.loginServer]: { auth: Buffer.from(`${NULL_GUID}:unused`).toString('base64'), identitytoken: rt } } });
    const push = await sb.push(img.ref, reg.loginServer, 'demo/hello:2');
    assert.equal(push.code, 0, push.stderr);
    const posts = emu.requestLog().filter((l) => l.endpoint === 'acr.token' && l.method === 'POST');
    assert.ok(posts.length >= 1);
    assert.ok(posts.every((l) => l.chunked && l.credential === 'refresh_token' && l.outcome === 'ok'));
    assert.ok(posts[0].form.some(([k, v]) => k === 'client_id' && v === 'containers/image'));
  });

  test('admin user pushes; a read-only scope-map token is denied push', async () => {
    const { emu, reg, sb, img } = await world('admin-user');
    const basic = (u, p) => ({ auths: { [reg.loginServer]: { auth: Buffer.from(`${u}:${p}`).toString('base64') } } });
    sb.setAuth(basic('contoso', 'emuAdminPassw0rd+ForTests'));
    assert.equal((await sb.push(img.ref, reg.loginServer, 'demo/hello:1')).code, 0);
    await emu.patchRegistry('contoso', { admin_user: { enabled: false } });
    const denied = await sb.inspect(reg.loginServer, 'demo/hello:1');
    assert.match(denied.stderr, /invalid username\/password: unauthorized: authentication required/);
    assert.equal(emu.requestLog().at(-1).outcome, 'ADMIN_DISABLED');
    await emu.patchRegistry('contoso', { tokens: [{ name: 'ci-read', password: 'pw-read', scope_map: { 'demo/hello': ['content/read'] } }] });
    sb.setAuth(basic('ci-read', 'pw-read'));
    assert.equal((await sb.inspect(reg.loginServer, 'demo/hello:1')).code, 0);
    const push = await sb.push(img.ref, reg.loginServer, 'demo/hello:2');
    assert.match(push.stderr, /denied: requested access to the resource is denied/);
  });

  test('a firewalled registry answers 403 with ACR JSON, and skopeo shows it', async () => {
    const { emu, reg, sb } = await world('oidc');
    const rt = await refreshTokenFor(emu, DEPLOYER);
    await emu.patchRegistry('contoso', { network_default_action: 'Deny', ip_rules: ['127.0.0.2/32'] });
    const info = emu.ready.registries.contoso;
    const r = await emu.request(`${info.authUrl}/oauth2/token?service=${reg.loginServer}&scope=repository:demo/hello:pull`, {
      headers: { authorization: `Basic ${Buffer.from(`${NULL_GUID}:${rt}`).toString('base64')}` },
    });
    assert.equal(r.status, 403);
    assert.deepEqual(r.json(), { errors: [{ code: 'DENIED', message: "client with IP '127.0.0.1' is not allowed access. Refer https://aka.ms/acr/firewall to grant access." }] });
    // The same request from an allowed address goes through.
    const ok = await emu.request(`${info.authUrl}/oauth2/token?service=${reg.loginServer}&scope=repository:demo/hello:pull`, {
      localAddress: '127.0.0.2',
      headers: { authorization: `Basic ${Buffer.from(`${NULL_GUID}:${rt}`).toString('base64')}` },
    });
    assert.equal(ok.status, 200);
    sb.setAuth(dockerConfigFor(reg.loginServer, rt));
    const s = await sb.inspect(reg.loginServer, 'demo/hello:1');
    assert.notEqual(s.code, 0);
    // skopeo 1.9 does not print the token server's 403 body, only its status (real ACR would also
    // refuse /v2/ itself; the real registry here knows no firewall).
    assert.match(s.stderr, /Requesting bearer token: invalid status code from registry 403 \(Forbidden\)/);
  });
});

describe('ACR exchange decisions', () => {
  test('an identity with no role is refused at /oauth2/exchange with 401', async () => {
    const { emu } = await world('oidc', { registry: false });
    const r = await loginChain(emu, { clientId: NOROLE });
    assert.equal(r.entra.status, 200);
    assert.equal(r.exchange.status, 401);
    assert.deepEqual(r.exchange.json(), { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required, visit https://aka.ms/acr/authorization for more information.' }] });
    assert.equal(emu.requestLog().at(-1).outcome, 'NO_ROLE');
  });

  test('an ARM-audience token is refused when authentication-as-arm is disabled', async () => {
    const { emu } = await world('arm-audience-disabled', { registry: false });
    const arm = await loginChain(emu, { clientId: DEPLOYER, scope: ARM_SCOPE });
    assert.equal(decodeJwt(arm.entra.json().access_token).aud, 'https://management.azure.com');
    assert.equal(arm.exchange.status, 401);
    const acr = await loginChain(emu, { clientId: DEPLOYER });
    assert.equal(acr.exchange.status, 200);
  });

  test('managed identity (IMDS) and workload identity (token file) reach a refresh token', async () => {
    const { emu } = await world('managed-identity', { registry: false });
    const imds = await emu.request(`${emu.ready.imds.url}?api-version=2018-02-01&resource=${encodeURIComponent('https://containerregistry.azure.net')}&client_id=${emu.env.AZURE_CLIENT_ID}`, { headers: { Metadata: 'true' } });
    assert.equal(imds.status, 200, imds.text);
    assert.equal((await exchange(emu, { accessToken: imds.json().access_token })).status, 200);
    const noHeader = await emu.request(`${emu.ready.imds.url}?api-version=2018-02-01&resource=https://containerregistry.azure.net`);
    assert.equal(noHeader.status, 400);

    const wi = await startEmulator({ scenario: 'workload-identity' });
    cleanups.push(() => wi.stop());
    const token = readFileSync(wi.env.AZURE_FEDERATED_TOKEN_FILE, 'utf8');
    const e = await entraWithAssertion(wi, { clientId: wi.env.AZURE_CLIENT_ID, assertion: token });
    assert.equal(e.status, 200, e.text);
    assert.equal((await exchange(wi, { accessToken: e.json().access_token })).status, 200);
  });
});

describe('Entra errors in Entra body shape', () => {
  test('federated credential mismatches name the presented issuer, subject and audience', async () => {
    const { emu } = await world('oidc', { registry: false });
    await emu.patchJob({ environment: 'production' });
    let d = assertEntraError(await entraWithAssertion(emu), 700213);
    assert.match(d, /presented assertion subject 'repo:octo-org\/octo-repo:environment:production'/);
    await emu.patchJob({ environment: null, immutable_subject: true });
    d = assertEntraError(await entraWithAssertion(emu), 700213);
    assert.match(d, /subject 'repo:octo-org@987654321\/octo-repo@123456789:ref:refs\/heads\/main'/);
    await emu.patchJob({ immutable_subject: false });
    d = assertEntraError(await entraWithAssertion(emu, { audience: null }), 700212);
    assert.match(d, /presented assertion audience 'https:\/\/github\.com\/octo-org'/);
    await emu.patchGithub({ issuer: 'https://token.actions.githubusercontent.com/octo-enterprise' });
    d = assertEntraError(await entraWithAssertion(emu), 700211);
    assert.match(d, /presented assertion issuer 'https:\/\/token\.actions\.githubusercontent\.com\/octo-enterprise'/);
    await emu.patchGithub({ issuer: 'https://token.actions.githubusercontent.com' });
    assertEntraError(await entraWithAssertion(emu, { clientId: 'b0b0b0b0-0000-4000-8000-000000000000' }), 700016, { error: 'unauthorized_client' });
    assertEntraError(await entraWithAssertion(emu, { tenant: '0badf00d-0000-4000-8000-000000000000' }), 90002);
    assertEntraError(await entraWithAssertion(emu, { scope: 'https://containerregistry.azure.net' }), 1002012, { error: 'invalid_scope' });
    assertEntraError(await entraWithAssertion(emu, { scope: 'https://contoso.azurecr.io/.default' }), 500011);
    await emu.patchApp(TENANT, 'gh-deployer', { blocked_by_conditional_access: true });
    assertEntraError(await entraWithAssertion(emu), 53003);
    await emu.patchApp(TENANT, 'gh-deployer', { blocked_by_conditional_access: false, federated_credentials: [] });
    assertEntraError(await entraWithAssertion(emu), 70025);
  });

  test('an expired or tampered GitHub token, and a missing credential', async () => {
    const { emu } = await world('oidc', { registry: false });
    const gh = await emu.request(`${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api%3A%2F%2FAzureADTokenExchange`, { headers: { authorization: `bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } });
    const assertion = gh.json().value;
    const [h, p, s] = assertion.split('.');
    const tampered = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    assertEntraError(await entraWithAssertion(emu, { assertion: tampered }), 700027);
    await emu.advanceClock(301);
    const d = assertEntraError(await entraWithAssertion(emu, { assertion }), 700024);
    assert.match(d, /Client assertion is not within its valid time range\. Current time: \d{4}-\d\d-\d\dT[\d:.]+Z, assertion valid from .+, expiry time of assertion .+Z\./);
    const missing = await emu.request(`${emu.env.AZURE_AUTHORITY_HOST}/${TENANT}/oauth2/v2.0/token`, { method: 'POST', headers: FORM, body: form({ client_id: DEPLOYER, scope: ACR_SCOPE, grant_type: 'client_credentials' }) });
    assertEntraError(missing, 7000218, { status: 401 });
  });

  test('a newly created federated credential answers 70021 until it has propagated', async () => {
    const { emu } = await world('oidc', { registry: false });
    await emu.addFederatedCredential(TENANT, 'gh-norole', { name: 'prod', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:octo-org/octo-repo:environment:prod', audiences: ['api://AzureADTokenExchange'], propagation_secs: 30 });
    await emu.patchJob({ environment: 'prod' });
    const d = assertEntraError(await entraWithAssertion(emu, { clientId: NOROLE }), 70021);
    assert.match(d, /Assertion Subject: 'repo:octo-org\/octo-repo:environment:prod'/);
    await emu.advanceClock(31);
    assert.equal((await entraWithAssertion(emu, { clientId: NOROLE })).status, 200);
  });

  test('client secrets: ID instead of value, expired', async () => {
    const { emu } = await world('client-secret', { registry: false });
    const call = (secret) => emu.request(`${emu.env.AZURE_AUTHORITY_HOST}/${TENANT}/oauth2/v2.0/token`, {
      method: 'POST', headers: FORM, body: form({ client_id: SECRET_APP, scope: ACR_SCOPE, grant_type: 'client_credentials', client_secret: secret }),
    });
    assert.equal((await call(SECRET_VALUE)).status, 200);
    assertEntraError(await call(SECRET_ID), 7000215, { status: 401, error: 'invalid_client' });
    await emu.advanceClock(366 * 86400);
    const d = assertEntraError(await call(SECRET_VALUE), 7000222, { status: 401 });
    assert.match(d, new RegExp(`client secret keys for app '${SECRET_APP}' are expired`));
  });

  test('the GitHub token endpoint refuses a wrong request token, and the env is absent without id-token permission', async () => {
    const { emu } = await world('oidc', { registry: false });
    const r = await emu.request(`${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=x`, { headers: { authorization: 'bearer wrong' } });
    assert.equal(r.status, 401);
    const noperm = await startEmulator({ scenario: 'oidc-missing-permission' });
    cleanups.push(() => noperm.stop());
    assert.equal(noperm.env.ACTIONS_ID_TOKEN_REQUEST_URL, undefined);
    assert.equal(noperm.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, undefined);
  });
});

describe('fault injection is observable by a client', () => {
  const ghUrl = (emu) => `${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api%3A%2F%2FAzureADTokenExchange`;
  const ghAuth = (emu) => ({ authorization: `bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` });

  test('every kind, switched at run time through the admin endpoint', async () => {
    const { emu } = await world('oidc', { registry: false });
    const gh = (opts = {}) => emu.request(ghUrl(emu), { headers: ghAuth(emu), ...opts });
    const once = async (rule, fn) => {
      await emu.setFault({ nth: 1, ...rule });
      try {
        return await fn();
      } finally {
        await emu.clearFaults();
      }
    };

    // status: the service's own error shape, with Retry-After where given.
    let r = await once({ endpoint: 'entra.token', kind: 'status', status: 503 }, () => entraWithAssertion(emu));
    assert.equal(r.status, 503);
    assert.deepEqual(r.json().error_codes, [90033]);
    r = await once({ endpoint: 'acr.exchange', kind: 'status', status: 429, retry_after: 7 }, () => exchange(emu, { accessToken: 'x' }));
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '7');
    assert.equal(r.json().errors[0].code, 'TOOMANYREQUESTS');
    for (const status of [500, 502]) {
      r = await once({ endpoint: 'github.token', kind: 'status', status }, () => gh());
      assert.equal(r.status, status);
    }

    // throttle: a window with a counting-down Retry-After.
    await emu.setFault({ endpoint: 'acr.*', kind: 'throttle', seconds: 3, times: 1 });
    const t1 = await exchange(emu, { accessToken: 'x' });
    assert.equal(t1.status, 429);
    assert.equal(t1.headers['retry-after'], '3');
    await new Promise((res) => setTimeout(res, 1100));
    const t2 = await exchange(emu, { accessToken: 'x' });
    assert.equal(t2.status, 429);
    assert.ok(Number(t2.headers['retry-after']) <= 2, `retry-after ${t2.headers['retry-after']}`);
    await emu.clearFaults();
    assert.equal((await exchange(emu, { accessToken: 'x' })).status, 401, 'after the window, a real answer');

    // connection-level faults.
    await assert.rejects(once({ endpoint: 'github.token', kind: 'reset' }, () => gh()), (e) => e.code === 'ECONNRESET');
    await assert.rejects(once({ endpoint: 'github.token', kind: 'close' }, () => gh()), (e) => ['ECONNRESET', 'EPIPE'].includes(e.code) || /socket hang up|disconnected/.test(e.message));
    await assert.rejects(once({ endpoint: 'github.token', kind: 'close_mid_body' }, () => gh()), (e) => ['ERR_INCOMPLETE_BODY', 'ECONNRESET'].includes(e.code));
    const slow = await once({ endpoint: 'github.token', kind: 'delay', delay_ms: 1500 }, () => gh({ timeoutMs: 400 }).then(() => 'answered', (e) => e.code));
    assert.equal(slow, 'ETIMEDOUT');
    const delayed = await once({ endpoint: 'github.token', kind: 'delay', delay_ms: 300 }, async () => { const t0 = Date.now(); const x = await gh(); return [x.status, Date.now() - t0]; });
    assert.equal(delayed[0], 200);
    assert.ok(delayed[1] >= 280, `delayed ${delayed[1]} ms`);

    // body-level faults.
    r = await once({ endpoint: 'github.token', kind: 'truncated_body' }, () => gh());
    assert.equal(r.status, 200);
    assert.equal(Number(r.headers['content-length']), Buffer.byteLength(r.text));
    assert.throws(() => r.json(), SyntaxError);
    r = await once({ endpoint: 'github.token', kind: 'malformed_json' }, () => gh());
    assert.match(r.headers['content-type'], /application\/json/);
    assert.throws(() => r.json(), SyntaxError);
    r = await once({ endpoint: 'github.token', kind: 'wrong_content_type' }, () => gh());
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/html/);
    assert.match(r.text, /<html>/i);

    // nth and seeded probability.
    await emu.setFault({ endpoint: 'github.token', kind: 'status', status: 503, nth: 2 });
    const seq = [];
    for (let i = 0; i < 3; i++) seq.push((await gh()).status);
    assert.deepEqual(seq, [200, 503, 200]);
    await emu.clearFaults();
    await emu.setFault({ endpoint: 'github.token', kind: 'status', status: 500, probability: 0.5 });
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await gh()).status);
    await emu.clearFaults();
    assert.ok(statuses.includes(200) && statuses.includes(500), statuses.join(','));

    // Every fault is in the request log.
    const faulted = emu.requestLog().filter((l) => l.fault);
    for (const kind of ['status', 'throttle', 'reset', 'close', 'close_mid_body', 'delay', 'truncated_body', 'malformed_json', 'wrong_content_type']) {
      assert.ok(faulted.some((l) => l.fault.endsWith(`:${kind}`)), `log shows ${kind}`);
    }
  });

  test('a fault from a ready-made scenario reaches skopeo too', async () => {
    const { emu, reg, sb } = await world('oidc');
    sb.setAuth(dockerConfigFor(reg.loginServer, await refreshTokenFor(emu, DEPLOYER)));
    await emu.setFault({ endpoint: 'acr.token', kind: 'status', status: 503 });
    const r = await sb.inspect(reg.loginServer, 'demo/hello:1');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /503|Service Unavailable/i);
    await emu.clearFaults();
    const throttled = await startEmulator({ scenario: 'throttled' });
    cleanups.push(() => throttled.stop());
    const t = await exchange(throttled, { accessToken: 'x' });
    assert.equal(t.status, 429);
    assert.equal(t.headers['retry-after'], '30');
  });
});

describe('request log', () => {
  test('records what clients sent, with every secret redacted', async () => {
    const { emu, reg, sb, img } = await world('oidc');
    const r = await loginChain(emu, { clientId: DEPLOYER });
    const rt = r.exchange.json().refresh_token;
    sb.setAuth(dockerConfigFor(reg.loginServer, rt));
    assert.equal((await sb.push(img.ref, reg.loginServer, 'demo/hello:1')).code, 0);
    const text = readFileSync(emu.ready.requestLog, 'utf8');
    for (const secret of [rt, r.github.json().value, r.entra.json().access_token, emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN]) {
      assert.ok(!text.includes(secret), 'a secret leaked into the request log');
      assert.ok(!text.includes(secret.slice(-20)), 'part of a secret leaked into the request log');
    }
    const log = emu.requestLog();
    const entra = log.find((l) => l.endpoint === 'entra.token');
    assert.deepEqual(entra.form.map(([k]) => k), ['client_id', 'scope', 'grant_type', 'client_assertion_type', 'client_assertion']);
    assert.deepEqual(entra.form.find(([k]) => k === 'client_assertion'), ['client_assertion', '[redacted]']);
    assert.equal(entra.credential, 'client_assertion');
    assert.equal(entra.principal, 'gh-deployer');
    const ex = log.find((l) => l.endpoint === 'acr.exchange');
    assert.deepEqual(ex.form.find(([k]) => k === 'service'), ['service', reg.loginServer]);
    assert.equal(ex.outcome, 'ok');
    const gh = log.find((l) => l.endpoint === 'github.token');
    assert.equal(gh.authScheme, 'bearer');
    assert.deepEqual(gh.query.find(([k]) => k === 'audience'), ['audience', 'api://AzureADTokenExchange']);
  });
});

describe('ready-made scenarios deliver what they promise', () => {
  // [scenario, step that fails, expected status, expected AADSTS code or ACR error code]
  const table = [
    ['oidc', null, 200, null],
    ['oidc-token-expired', 'entra', 400, 700024],
    ['oidc-propagation', 'entra', 400, 70021],
    ['oidc-issuer-mismatch', 'entra', 400, 700211],
    ['oidc-audience-mismatch', 'entra', 400, 700212],
    ['oidc-subject-mismatch', 'entra', 400, 700213],
    ['oidc-immutable-subject', 'entra', 400, 700213],
    ['oidc-no-federated-credential', 'entra', 400, 70025],
    ['app-not-found', 'entra', 400, 700016],
    ['wrong-tenant', 'entra', 400, 90002],
    ['conditional-access', 'entra', 400, 53003],
    ['faults-entra-503', 'entra', 503, 90033],
    ['faults-entra-429', 'entra', 429, 50196],
    ['no-role', 'exchange', 401, 'UNAUTHORIZED'],
    ['ip-denied', 'exchange', 403, 'DENIED'],
    ['public-access-disabled', 'exchange', 403, 'DENIED'],
    ['throttled', 'exchange', 429, 'TOOMANYREQUESTS'],
    ['faults-acr-500', 'exchange', 500, 'UNKNOWN'],
    ['pull-only', null, 200, null],
    ['abac', null, 200, null],
  ];
  for (const [name, step, status, code] of table) {
    test(`${name}: ${step ? `${step} answers ${status} ${code}` : 'login succeeds'}`, async () => {
      const emu = await startEmulator({ scenario: name });
      cleanups.push(() => emu.stop());
      const r = await loginChain(emu);
      assert.equal(r.github.status, 200);
      if (!step) {
        assert.equal(r.exchange?.status, 200, r.entra?.text ?? r.exchange?.text);
        return;
      }
      const resp = r[step];
      assert.ok(resp, `the chain stopped before ${step}: ${JSON.stringify(Object.keys(r))}`);
      assert.equal(resp.status, status, resp.text);
      if (typeof code === 'number') assert.deepEqual(resp.json().error_codes, [code]);
      else assert.equal(resp.json().errors[0].code, code);
      if (step === 'entra' && status < 500 && status !== 429) assertEntraError(resp, code);
    });
  }

  test('client-secret scenarios use the secret from the runner env', async () => {
    for (const [name, expect] of [['client-secret', 200], ['client-secret-invalid', 7000215], ['client-secret-expired', 7000222]]) {
      const emu = await startEmulator({ scenario: name });
      cleanups.push(() => emu.stop());
      const r = await emu.request(`${emu.env.AZURE_AUTHORITY_HOST}/${emu.env.AZURE_TENANT_ID}/oauth2/v2.0/token`, {
        method: 'POST', headers: FORM,
        body: form({ client_id: emu.env.AZURE_CLIENT_ID, scope: ACR_SCOPE, grant_type: 'client_credentials', client_secret: emu.env.AZURE_CLIENT_SECRET }),
      });
      if (expect === 200) assert.equal(r.status, 200, `${name}: ${r.text}`);
      else assertEntraError(r, expect, { status: 401 });
    }
  });

  test('oidc-missing-permission leaves the runner without the OIDC variables', async () => {
    const emu = await startEmulator({ scenario: 'oidc-missing-permission' });
    cleanups.push(() => emu.stop());
    assert.ok(!('ACTIONS_ID_TOKEN_REQUEST_URL' in emu.env));
  });
});
