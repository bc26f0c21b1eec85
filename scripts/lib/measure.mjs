// Shared measuring helpers for bench/*.mjs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const gzipSize = (bufOrPath) => gzipSync(typeof bufOrPath === 'string' ? readFileSync(bufOrPath) : bufOrPath, { level: 9 }).length;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall time (ms) of one process run to completion; rejects if it cannot start. */
export function timeProcess(bin, args, { env = process.env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(bin, args, { env, cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, code }));
  });
}

/**
 * Median wall time of `args` and of a bare `node -e ''` under the same binary, interleaved so that
 * machine noise hits both alike. Returns { ms, baselineMs, ratio }.
 */
export async function ratioToBareNode(bin, args, { runs = 15, env, cwd } = {}) {
  const a = [];
  const b = [];
  await timeProcess(bin, ['-e', '']); // warm the page cache
  for (let i = 0; i < runs; i++) {
    b.push((await timeProcess(bin, ['-e', ''], { env, cwd })).ms);
    a.push((await timeProcess(bin, args, { env, cwd })).ms);
  }
  const ms = median(a);
  const baselineMs = median(b);
  return { ms, baselineMs, ratio: ms / baselineMs };
}

export const row = (area, metric, value, unit, budget = null, pass = null) => ({ area, metric, value, unit, budget, pass });
