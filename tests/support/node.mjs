// The Node versions every action and package test runs under: this machine's (20) and the one GitHub
// runs actions on (24, installed project-locally by scripts/setup.sh).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function major(bin) {
  return Number(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim().slice(1).split('.')[0]);
}

function systemNode() {
  try {
    return execFileSync('bash', ['-c', 'command -v node'], { encoding: 'utf8' }).trim();
  } catch {
    return process.execPath;
  }
}

const candidates = [systemNode(), process.execPath, join(root, '.tools', 'node24', 'bin', 'node')];
const seen = new Map();
for (const bin of candidates) {
  if (!existsSync(bin)) continue;
  const m = major(bin);
  if (!seen.has(m)) seen.set(m, bin);
}

/** [{ name: 'node20', major: 20, bin }, { name: 'node24', ... }] sorted by version. */
export const NODES = [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([m, bin]) => ({ name: `node${m}`, major: m, bin }));

if (!NODES.some((n) => n.major === 24)) {
  throw new Error('Node 24 not found at .tools/node24/bin/node: run `bash scripts/setup.sh` (npm test does)');
}
