// The action doing its real job: a full OIDC login against the local stand-in (GitHub token →
// Entra → /v2/ challenge + ACR exchange, config written), as `node action/dist/main.cjs`, measured
// against a bare `node -e ''` in the same run, interleaved, under Node 20 and 24. Plus peak RSS of
// both (GNU time's maximum resident set size) and the committed dist's gzip size.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSize, median, row } from '../scripts/lib/measure.mjs';
import { NODES, root } from '../tests/support/node.mjs';
import { startEmulator, startRegistry } from '../tests/support/emulator.mjs';

// Medians of 21: the runs interleave login, bare node and floor, so machine noise hits all three alike.
const RUNS = 21;
const GNU_TIME = '/usr/bin/time';

// The floor under any Node action that logs in over HTTPS: three plain GETs in sequence, one to each
// origin on the login's critical path (GitHub's token URL, Entra, the registry's token realm), with
// no other work. It pays what the login cannot avoid: node:https and OpenSSL, the CA store, three
// handshakes. Its ratio to bare Node shows how much of the login's ratio is ours.
const FLOOR = `const https = require('node:https');
const get = (u) => new Promise((ok, fail) => https.get(u, { agent: false }, (r) => r.resume().on('end', ok)).on('error', fail));
(async () => { for (const u of JSON.parse(process.env.FLOOR_URLS)) await get(u); })();
`;

/** Wall ms, exit code and (with GNU time) peak RSS in KB of one run. */
function measure(bin, args, env, cwd) {
  return new Promise((resolve, reject) => {
    const withTime = existsSync(GNU_TIME);
    const [cmd, argv] = withTime ? [GNU_TIME, ['-f', '%M', bin, ...args]] : [bin, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, argv, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const rss = withTime ? Number(err.trim().split('\n').at(-1)) : null;
      resolve({ ms, code, rss });
    });
  });
}

export async function run() {
  const rows = [];
  const dist = join(root, 'action', 'dist');
  const distGz = readdirSync(dist).map((f) => join(dist, f)).filter((f) => statSync(f).isFile()).reduce((n, f) => n + gzipSize(f), 0);
  rows.push(row('action', 'dist gzip (main + post + wasm)', distGz / 1000, 'KB', '<= 150 KB', distGz <= 150_000));

  const emu = await startEmulator({ scenario: 'oidc' });
  const reg = await startRegistry({ emulator: emu });
  const floorDir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const floorScript = join(floorDir, 'floor.cjs');
  writeFileSync(floorScript, FLOOR);
  const challenge = await emu.request(`https://${reg.loginServer}/v2/`);
  const realm = /realm="([^"]+)"/.exec(challenge.headers['www-authenticate'] ?? '')?.[1];
  const floorUrls = JSON.stringify([emu.env.ACTIONS_ID_TOKEN_REQUEST_URL, `${emu.env.AZURE_AUTHORITY_HOST}/common/discovery/instance`, realm]);
  try {
    for (const node of NODES) {
      const login = [];
      const bare = [];
      const floor = [];
      const loginRss = [];
      const bareRss = [];
      const floorRss = [];
      let failures = 0;
      for (let i = -1; i < RUNS; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'bench-action-'));
        const env = {
          PATH: process.env.PATH, HOME: dir, RUNNER_TEMP: dir, GITHUB_ACTIONS: 'true',
          ...emu.env, NODE_EXTRA_CA_CERTS: emu.caPath,
          INPUT_REGISTRY: reg.loginServer, 'INPUT_CLIENT-ID': emu.inputs['client-id'], 'INPUT_TENANT-ID': emu.inputs['tenant-id'],
          INPUT_DIAGNOSE: 'never', INPUT_LOGOUT: 'true', INPUT_TIMEOUT: '30',
        };
        // The baseline is a bare `node -e ''`: without NODE_EXTRA_CA_CERTS, which only the stand-in's
        // private CA needs. Node 20 reads that file and builds its whole root store at start-up
        // (measured: 30 → 55 ms for one extra certificate), so with it the baseline would carry TLS
        // set-up that the login pays anyway; Node 24 defers it to the first TLS use.
        const { NODE_EXTRA_CA_CERTS: _, ...bareEnv } = env;
        const b = await measure(node.bin, ['-e', ''], bareEnv, dir);
        const a = await measure(node.bin, [join(dist, 'main.cjs')], env, dir);
        const f = await measure(node.bin, [floorScript], { ...env, FLOOR_URLS: floorUrls }, dir);
        const written = existsSync(join(dir, '.docker', 'config.json'));
        rmSync(dir, { recursive: true, force: true });
        if (i < 0) continue; // warm-up: page cache, the emulator's first TLS handshakes
        if (a.code !== 0 || !written || f.code !== 0) failures++;
        login.push(a.ms);
        bare.push(b.ms);
        floor.push(f.ms);
        if (a.rss) loginRss.push(a.rss);
        if (b.rss) bareRss.push(b.rss);
        if (f.rss) floorRss.push(f.rss);
      }
      const ms = median(login);
      const base = median(bare);
      rows.push(row('action', `${node.name} full OIDC login, config written (median of ${RUNS})`, ms, 'ms', null, failures === 0));
      rows.push(row('action', `${node.name} bare node -e '' (median of ${RUNS})`, base, 'ms'));
      rows.push(row('action', `${node.name} login ÷ bare node`, ms / base, 'x', '<= 1.6', failures === 0 && ms / base <= 1.6));
      rows.push(row('action', `${node.name} floor: 3 plain HTTPS GETs ÷ bare node (no login work)`, median(floor) / base, 'x'));
      rows.push(row('action', `${node.name} login ÷ floor`, ms / median(floor), 'x'));
      if (loginRss.length) {
        const r = median(loginRss) / median(bareRss);
        rows.push(row('action', `${node.name} peak RSS login / bare node`, `${(median(loginRss) / 1024).toFixed(1)} / ${(median(bareRss) / 1024).toFixed(1)}`, 'MB'));
        rows.push(row('action', `${node.name} peak RSS ratio`, r, 'x', '<= 1.3', r <= 1.3));
        rows.push(row('action', `${node.name} floor: peak RSS of the 3 plain GETs ÷ bare node`, median(floorRss) / median(bareRss), 'x'));
        rows.push(row('action', `${node.name} peak RSS login ÷ floor`, median(loginRss) / median(floorRss), 'x'));
      }
    }
  } finally {
    rmSync(floorDir, { recursive: true, force: true });
    await reg.stop();
    await emu.stop();
  }
  return rows;
}
