// scanLog throughput on a deterministic 10 MB synthetic CI log: natively (the core's bench_scan
// example, release build with the `native` profile) and through the npm package's wasm in Node on
// the very same text (bench_scan writes it out). Also the pathological cases: a 1 MB single line
// dense with anchors, and binary garbage.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { row } from '../scripts/lib/measure.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const NOW = 1_800_000_000;
const MB = 1024 * 1024;

/** Best of `runs` (after one warm-up) in MB/s; the best run is the least disturbed by the machine. */
function mbPerS(fn, text, runs) {
  fn(text, NOW);
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn(text, NOW);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return Buffer.byteLength(text) / MB / best;
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scan-'));
  try {
    const logPath = join(dir, 'ci.log');
    const out = execFileSync('cargo', ['run', '--quiet', '-p', 'acr-login-core', '--example', 'bench_scan', '--profile', 'native', '--', '--write', logPath], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
    });
    const native = JSON.parse(out.trim().split('\n').pop());
    const rows = [
      row('scan', 'native scanLog, 10 MB CI log (best of 7)', native.mb_per_s, 'MB/s', '>= 200 MB/s', native.mb_per_s >= 200),
      row('scan', 'native, 1 MB single line dense with anchors', native.single_line_mb_per_s, 'MB/s'),
      row('scan', 'native, 4 MB binary garbage', native.garbage_mb_per_s, 'MB/s'),
    ];

    // ACR_LOGIN_PKG_DIR: time another build of the package (e.g. one assembled in a temp dir).
    const { scanLog, catalog } = await import(join(process.env.ACR_LOGIN_PKG_DIR ?? join(root, 'pkg'), 'index.js'));
    const log = readFileSync(logPath, 'utf8');
    const report = scanLog(log, NOW);
    const found = report.rootCause === native.root_cause && report.rootCause === 'AL010';
    rows.push(row('scan', 'wasm finds the planted root cause (AL010) like native', found ? 1 : 0, 'bool', '= 1', found));
    const wasm = mbPerS(scanLog, log, 5);
    rows.push(row('scan', 'wasm scanLog in Node, 10 MB CI log (best of 5)', wasm, 'MB/s', '>= 50 MB/s', wasm >= 50));
    const unit = 'eyJhbGciOi denied: client with IP \' AADSTS700213: subject \' \\u0027 \u001b[31m ';
    const line = unit.repeat(Math.floor(MB / unit.length));
    rows.push(row('scan', 'wasm, 1 MB single line dense with anchors', mbPerS(scanLog, line, 3), 'MB/s'));
    rows.push(row('scan', 'catalog entries', catalog().length, 'entries', '>= 60', catalog().length >= 60));
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
