// Throughput of the local Azure stand-in, so later load tests measure the client, not the stand-in:
// token requests per second from a SEPARATE Node process over loopback HTTPS (keep-alive, bounded
// concurrency), each run bounded in count and time. Plus the emulator's ready time.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../scripts/lib/measure.mjs';
import { ACR_SCOPE, NULL_GUID, emulatorBinary, form, loginChain, startEmulator } from '../tests/support/emulator.mjs';

const CONCURRENCY = 8;
const MAX_REQUESTS = 4000;
const MAX_SECONDS = 8;
const TARGET_RPS = 500;

// The load generator, run in its own process: requests from a list round-robin, keep-alive agent.
const LOADGEN = `
import https from 'node:https';
import { readFileSync } from 'node:fs';
const cfg = JSON.parse(process.env.LOADGEN);
const ca = readFileSync(cfg.caPath);
const agent = new https.Agent({ keepAlive: true, maxSockets: cfg.concurrency, ca });
const lat = [];
let sent = 0, ok = 0, bad = 0;
const deadline = performance.now() + cfg.maxSeconds * 1000;
function one(r) {
  return new Promise((res) => {
    const t0 = performance.now();
    const req = https.request(r.url, { method: r.method, headers: r.headers, agent }, (resp) => {
      resp.resume();
      resp.on('end', () => { lat.push(performance.now() - t0); resp.statusCode === r.expect ? ok++ : bad++; res(); });
    });
    req.on('error', () => { bad++; res(); });
    if (r.body) req.write(r.body);
    req.end();
  });
}
async function worker() {
  while (sent < cfg.maxRequests && performance.now() < deadline) {
    const r = cfg.requests[sent++ % cfg.requests.length];
    await one(r);
  }
}
// Warm-up: one request per socket (TLS handshakes are not what we measure).
await Promise.all(Array.from({ length: cfg.concurrency }, () => one(cfg.requests[0])));
ok = 0; bad = 0; lat.length = 0;
const t0 = performance.now();
await Promise.all(Array.from({ length: cfg.concurrency }, worker));
const secs = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
process.stdout.write(JSON.stringify({ n: ok + bad, ok, bad, secs, rps: (ok + bad) / secs, p50: q(0.5), p99: q(0.99) }));
agent.destroy();
`;

function loadgen(caPath, requests) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, LOADGEN: JSON.stringify({ caPath, requests, concurrency: CONCURRENCY, maxRequests: MAX_REQUESTS, maxSeconds: MAX_SECONDS }) };
    const child = spawn(process.execPath, ['--input-type=module', '-e', LOADGEN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const kill = setTimeout(() => child.kill('SIGKILL'), (MAX_SECONDS + 20) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(kill);
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      resolve(JSON.parse(out));
    });
  });
}

const row = (metric, value, unit, budget = null, pass = null) => ({ area: 'emulator', metric, value, unit, budget, pass });

export async function run() {
  const rows = [];
  emulatorBinary();

  // Ready time: warm key cache (the normal case), median of 7 starts; and one cold start.
  const ready = [];
  for (let i = 0; i < 7; i++) {
    const e = await startEmulator({ scenario: 'oidc' });
    ready.push(e.spawnToReadyMs);
    await e.stop();
  }
  const readyMs = median(ready);
  rows.push(row('spawn to ready line, cached keys (median of 7)', readyMs, 'ms', '<= 1000 ms', readyMs <= 1000));
  const cold = mkdtempSync(join(tmpdir(), 'emu-cold-keys-'));
  try {
    const e = await startEmulator({ scenario: 'oidc', env: { ACR_EMULATOR_KEY_CACHE: cold } });
    rows.push(row('spawn to ready line, cold (3 RSA keys generated)', e.spawnToReadyMs, 'ms'));
    await e.stop();
  } finally {
    rmSync(cold, { recursive: true, force: true });
  }

  const emu = await startEmulator({ scenario: 'oidc' });
  try {
    const chain = await loginChain(emu);
    const refresh = chain.exchange.json().refresh_token;
    const aad = chain.entra.json().access_token;
    const assertion = chain.github.json().value;
    const reg = emu.ready.registries.contoso;
    const basic = `Basic ${Buffer.from(`${NULL_GUID}:${refresh}`).toString('base64')}`;
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    const cases = [
      ['ACR /oauth2/token (Basic refresh token, skopeo/docker style)', [{
        method: 'GET', expect: 200, headers: { authorization: basic },
        url: `${reg.authUrl}/oauth2/token?account=${NULL_GUID}&scope=${encodeURIComponent('repository:demo/hello:pull,push')}&service=${encodeURIComponent(reg.loginServer)}`,
      }], TARGET_RPS],
      ['ACR /oauth2/exchange (Entra token -> refresh token)', [{
        method: 'POST', expect: 200, headers: formHeaders, url: `${reg.authUrl}/oauth2/exchange`,
        body: form({ grant_type: 'access_token', service: reg.loginServer, tenant: emu.env.AZURE_TENANT_ID, access_token: aad }),
      }], TARGET_RPS],
      ['Entra token (federated assertion, RS256 verify + sign)', [{
        method: 'POST', expect: 200, headers: formHeaders, url: `${emu.env.AZURE_AUTHORITY_HOST}/${emu.env.AZURE_TENANT_ID}/oauth2/v2.0/token`,
        body: form({ client_id: emu.env.AZURE_CLIENT_ID, scope: ACR_SCOPE, grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }),
      }], TARGET_RPS],
      ['GitHub OIDC token (RS256 sign)', [{
        method: 'GET', expect: 200, headers: { authorization: `bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
        url: `${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent('api://AzureADTokenExchange')}`,
      }], TARGET_RPS],
    ];
    for (const [name, requests, target] of cases) {
      const r = await loadgen(emu.caPath, requests);
      const pass = r.rps >= target && r.bad === 0;
      rows.push(row(`${name}: requests/s (${CONCURRENCY} conns, ${r.n} reqs${r.bad ? `, ${r.bad} failed` : ''})`, r.rps, 'req/s', `>= ${target} req/s`, pass));
      rows.push(row(`${name}: p50 / p99 latency`, `${r.p50.toFixed(2)} / ${r.p99.toFixed(2)}`, 'ms'));
    }
  } finally {
    await emu.stop();
  }
  return rows;
}

// `node bench/emulator.mjs` prints the rows on their own.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) console.log(`${r.metric}: ${typeof r.value === 'number' ? r.value.toFixed(1) : r.value} ${r.unit} ${r.budget ?? ''} ${r.pass === null ? '' : r.pass ? 'ok' : 'MISSED'}`);
}
