// `npm run bench`: runs every bench/<area>.mjs and prints ONE table. Benchmarks measure; they are not
// tests (a missed budget is shown as such and sets the exit code only with --strict).
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

// Benchmarks read the built artefacts: refresh pkg/ and www/pkg/ (never the committed action/dist)
// and the emulator binary.
for (const [cmd, args] of [
  [process.execPath, ['scripts/build.mjs', '--skip-action']],
  ['cargo', ['build', '--quiet', '-p', 'acr-login-emulator', '--profile', 'native']],
]) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// Measure the optimised stand-in (the tests use its dev build).
process.env.ACR_EMULATOR_BIN ??= join(root, 'target', 'native', 'acr-emulator');

const rows = [];
const areas = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.mjs')).sort();
for (const file of areas) {
  const area = file.replace(/\.mjs$/, '');
  if (only.length && !only.includes(area)) continue;
  process.stderr.write(`bench: ${area}…\n`);
  try {
    const mod = await import(pathToFileURL(join(root, 'bench', file)));
    rows.push(...(await mod.run()));
  } catch (e) {
    rows.push({ area, metric: 'ERROR', value: String(e.message ?? e).split('\n')[0], unit: '', budget: null, pass: false });
  }
}

const fmt = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(4)) : String(v));
const table = [['area', 'metric', 'value', 'unit', 'budget', 'ok'], ...rows.map((r) => [
  r.area, r.metric, fmt(r.value), r.unit ?? '', r.budget ?? '', r.pass === true ? 'yes' : r.pass === false ? 'NO' : '',
])];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));
if (process.argv.includes('--strict') && rows.some((r) => r.pass === false)) process.exit(1);
