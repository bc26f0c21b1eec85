// The package's TypeScript declarations match what the functions really return: real results are
// written out as typed literals and compiled with `tsc --strict`. A field the Rust side adds, renames
// or drops without the .d.ts following is an excess-property or missing-property error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as api from 'acr-login';
import { FIXTURES } from './support/fixtures.mjs';
import { root } from './support/node.mjs';

const NOW = 1_763_000_000;

test('declarations in pkg/*.d.ts match real results (tsc --strict)', () => {
  const cases = [
    ['DecodedJwt', api.decodeJwt(FIXTURES.githubToken)],
    ...Object.entries(FIXTURES.pastes).map(([, text]) => ['DecodeReport', api.decodeToken(text, NOW)]),
    ...Object.entries(FIXTURES.logs).map(([, text]) => ['ScanReport', api.scanLog(text, NOW)]),
    ['CatalogEntry[]', api.catalog()],
    ['CatalogEntry', api.explain(api.catalog()[0].id)],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'acr-login-types-'));
  try {
    const body = cases.map(([type, value], i) => `export const v${i}: T.${type} = ${JSON.stringify(value)};`).join('\n');
    writeFileSync(join(dir, 'check.ts'), `import type * as T from ${JSON.stringify(join(root, 'pkg', 'index.js'))};\n${body}\n`);
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--exactOptionalPropertyTypes', '--module', 'nodenext',
        '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false', join(dir, 'check.ts')], { encoding: 'utf8' });
    } catch (e) {
      assert.fail(`pkg/*.d.ts does not match real results:\n${String(e.stdout).split('\n').slice(0, 20).join('\n')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('errors thrown to JS carry a stable code', () => {
  assert.throws(() => api.decodeJwt('not a token'), (e) => e instanceof Error && e.code === 'JWT_SEGMENT_COUNT');
  assert.throws(() => api.explain('AL999999'), (e) => e instanceof Error && e.code === 'UNKNOWN_CATALOG_ID');
});
