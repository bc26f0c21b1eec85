// Every test: Rust unit tests, the build (refreshing pkg/ and www/pkg/, never the committed
// action/dist, which check-dist compares against a fresh build), then the end-to-end tests in tests/.
//   node scripts/test.mjs [FILTER]    FILTER narrows tests/*.test.mjs by substring
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!filter) {
  step('cargo test (core, emulator)', 'cargo', ['test', '--workspace', '--exclude', 'acr-login-wasm', '--quiet']);
}
step('build wasm, npm package, page', process.execPath, ['scripts/build.mjs', '--skip-action']);
// The dev build: after `cargo test` only the binary is left to link (see Cargo.toml's dev overrides).
step('build emulator', 'cargo', ['build', '--quiet', '-p', 'acr-login-emulator']);
// Longest files first: two run at a time, and a long one started last would run alone at the end.
const SLOWEST = ['page-quality.test.mjs', 'action-faults.test.mjs', 'action-failures.test.mjs'];
const rank = (f) => (SLOWEST.includes(f) ? SLOWEST.indexOf(f) : SLOWEST.length);
const files = readdirSync(join(root, 'tests'))
  .filter((f) => f.endsWith('.test.mjs') && f.includes(filter))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  .map((f) => join('tests', f));
step(`end-to-end tests (${files.length} files)`, process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files]);
