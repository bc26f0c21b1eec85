// The README's inputs/outputs tables are generated from action.yml and must be current; the README
// names exactly the two commands a newcomer needs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseActionYml, updatedReadme } from '../scripts/readme.mjs';
import { root } from './support/node.mjs';

test('README inputs/outputs tables are up to date with action.yml', () => {
  const { current, updated } = updatedReadme();
  assert.equal(current, updated, 'run `node scripts/readme.mjs` and commit README.md');
});

test('action.yml describes every input and output and runs on node24', () => {
  const text = readFileSync(join(root, 'action.yml'), 'utf8');
  const action = parseActionYml(text);
  assert.ok(Object.keys(action.inputs).length >= 15);
  for (const [n, i] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
    assert.ok((i.description ?? '').length > 20, `${n} needs a real description`);
  }
  assert.match(text, /using: 'node24'/);
  assert.match(text, /main: 'action\/dist\/main\.cjs'/);
  assert.match(text, /post: 'action\/dist\/post\.cjs'/);
});

test('every input the action reads is declared in action.yml, and vice versa', () => {
  const declared = Object.keys(parseActionYml(readFileSync(join(root, 'action.yml'), 'utf8')).inputs).sort();
  const src = readFileSync(join(root, 'action', 'src', 'inputs.js'), 'utf8');
  // Read with get('name'), or orEnv('name', …) where an environment variable is the fallback.
  const read = [...new Set([...src.matchAll(/\b(?:get|orEnv)\('([\w-]+)'/g)].map((m) => m[1]))].sort();
  assert.deepEqual(read, declared);
});
