// Generates the README's inputs/outputs tables and usage block from action.yml, between the markers
// <!-- action-docs:start --> and <!-- action-docs:end -->.
//   node scripts/readme.mjs           rewrite README.md
//   node scripts/readme.mjs --check   exit 1 if README.md is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../tests/support/node.mjs';

/** Reads the flat subset of YAML that action.yml uses: sections → names → scalar keys. */
export function parseActionYml(text) {
  const out = { inputs: {}, outputs: {} };
  let section = null;
  let name = null;
  for (const line of text.split('\n')) {
    const top = line.match(/^(\w[\w-]*):/);
    if (top) { section = top[1]; name = null; continue; }
    if (!(section in out)) continue;
    const entry = line.match(/^ {2}([\w-]+):\s*$/);
    if (entry) { name = entry[1]; out[section][name] = {}; continue; }
    const kv = line.match(/^ {4}(\w+):\s*(.*)$/);
    if (kv && name) out[section][name][kv[1]] = unquote(kv[2]);
  }
  return out;
}

function unquote(v) {
  if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replaceAll("''", "'");
  if (v.startsWith('"') && v.endsWith('"')) return JSON.parse(v);
  return v;
}

const cell = (s) => String(s ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderDocs(action) {
  const lines = ['### Inputs', '', '| input | required | default | description |', '|---|---|---|---|'];
  for (const [n, i] of Object.entries(action.inputs)) {
    lines.push(`| \`${n}\` | ${i.required === 'true' ? 'yes' : 'no'} | ${i.default ? `\`${cell(i.default)}\`` : ''} | ${cell(i.description)} |`);
  }
  lines.push('', '### Outputs', '', '| output | description |', '|---|---|');
  for (const [n, o] of Object.entries(action.outputs)) lines.push(`| \`${n}\` | ${cell(o.description)} |`);
  lines.push('', '### Every input at a glance', '', '```yaml', '- uses: org/acr-login-action@v1', '  with:');
  for (const [n, i] of Object.entries(action.inputs)) {
    lines.push(`    ${n}: ${i.default ? `'${i.default}'` : "''"}${i.required === 'true' ? '   # required' : ''}`);
  }
  lines.push('```');
  return lines.join('\n');
}

const START = '<!-- action-docs:start (generated from action.yml by scripts/readme.mjs) -->';
const END = '<!-- action-docs:end -->';

export function updatedReadme() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const docs = renderDocs(parseActionYml(readFileSync(join(root, 'action.yml'), 'utf8')));
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the markers ${START} … ${END}`);
  return { current: readme, updated: readme.slice(0, a + START.length) + '\n' + docs + '\n' + readme.slice(b) };
}

if (process.argv[1]?.endsWith('readme.mjs')) {
  const { current, updated } = updatedReadme();
  if (process.argv.includes('--check')) {
    if (current !== updated) { console.error('README.md is out of date with action.yml: run node scripts/readme.mjs'); process.exit(1); }
  } else writeFileSync(join(root, 'README.md'), updated);
}
