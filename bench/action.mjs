// The action doing its real job: a full OIDC login against the local stand-in (GitHub token →
// Entra → /v2/ challenge + ACR exchange, config written), as `node action/dist/main.cjs`, measured
// against a bare `node -e ''` in the same run, interleaved, under Node 20 and 24. Plus peak RSS of
// both (GNU time's maximum resident set size) and the committed dist's gzip size.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSize, median, row } from '../scripts/lib/measure.mjs';
import { NODES, root } from '../tests/support/node.mjs';
import { startEmulator, startRegistry } from '../tests/support/emulator.mjs';

const RUNS = 11;
const GNU_TIME = '/usr/bin/time';

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
  try {
    for (const node of NODES) {
      const login = [];
      const bare = [];
      const loginRss = [];
      const bareRss = [];
      let failures = 0;
      for (let i = -1; i < RUNS; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'bench-action-'));
        const env = {
          PATH: process.env.PATH, HOME: dir, RUNNER_TEMP: dir, GITHUB_ACTIONS: 'true',
          ...emu.env, NODE_EXTRA_CA_CERTS: emu.caPath,
          INPUT_REGISTRY: reg.loginServer, 'INPUT_CLIENT-ID': emu.inputs['client-id'], 'INPUT_TENANT-ID': emu.inputs['tenant-id'],
          INPUT_DIAGNOSE: 'never', INPUT_LOGOUT: 'true', INPUT_TIMEOUT: '30',
        };
        const b = await measure(node.bin, ['-e', ''], env, dir);
        const a = await measure(node.bin, [join(dist, 'main.cjs')], env, dir);
        const written = existsSync(join(dir, '.docker', 'config.json'));
        rmSync(dir, { recursive: true, force: true });
        if (i < 0) continue; // warm-up: page cache, the emulator's first TLS handshakes
        if (a.code !== 0 || !written) failures++;
        login.push(a.ms);
        bare.push(b.ms);
        if (a.rss) loginRss.push(a.rss);
        if (b.rss) bareRss.push(b.rss);
      }
      const ms = median(login);
      const base = median(bare);
      rows.push(row('action', `${node.name} full OIDC login, config written (median of ${RUNS})`, ms, 'ms', null, failures === 0));
      rows.push(row('action', `${node.name} bare node -e '' (median of ${RUNS})`, base, 'ms'));
      rows.push(row('action', `${node.name} login ÷ bare node`, ms / base, 'x', '<= 1.6', failures === 0 && ms / base <= 1.6));
      if (loginRss.length) {
        const r = median(loginRss) / median(bareRss);
        rows.push(row('action', `${node.name} peak RSS login / bare node`, `${(median(loginRss) / 1024).toFixed(1)} / ${(median(bareRss) / 1024).toFixed(1)}`, 'MB'));
        rows.push(row('action', `${node.name} peak RSS ratio`, r, 'x', '<= 1.3', r <= 1.3));
      }
    }
  } finally {
    await reg.stop();
    await emu.stop();
  }
  return rows;
}
