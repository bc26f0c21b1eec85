// scanLog / explain / catalog through the npm package (the wasm build, not the native core): every
// catalog example is ranked first as its own entry, offsets slice the JS string exactly, errors
// carry codes, and odd inputs (lone surrogates, huge numbers in tokens, 10 MB) are handled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog, explain, scanLog } from 'acr-login';

const NOW = 1_800_000_000;

test('every catalog example is recognised as its own entry, first (wasm = native ranking)', () => {
  const entries = catalog();
  assert.ok(entries.length >= 60, `${entries.length} entries`);
  const misses = [];
  for (const e of entries) {
    for (const [i, x] of e.examples.entries()) {
      const top = scanLog(x.text, NOW).findings[0]?.id;
      if (top !== e.id) misses.push(`${e.id} example ${i}: got ${top}`);
    }
  }
  assert.deepEqual(misses, []);
});

test('explain returns the full entry; unknown IDs throw UNKNOWN_CATALOG_ID', () => {
  const e = explain('al013');
  assert.equal(e.id, 'AL013');
  assert.equal(e.category, 'oidc-subject-mismatch');
  assert.ok(e.fix.some((s) => s.code?.includes('az ad app federated-credential create')));
  assert.throws(() => explain('AL9999'), (err) => err instanceof Error && err.code === 'UNKNOWN_CATALOG_ID' && err.id === 'AL9999');
});

test('root cause first, with params and JS-sliceable spans', () => {
  const log = [
    '2024-06-03T09:14:20.1Z ##[group]Run azure/login@v2 🚀',
    "2024-06-03T09:14:24.8Z ##[error]AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/api:environment:production'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    '2024-06-03T09:14:25.0Z ##[error]Process completed with exit code 1.',
  ].join('\r\n');
  const r = scanLog(log, NOW);
  assert.equal(r.rootCause, 'AL013');
  assert.deepEqual(r.findings.map((f) => f.id), ['AL013', 'AL600']);
  const f = r.findings[0];
  assert.equal(f.params.subject, 'repo:contoso/api:environment:production');
  assert.ok(log.slice(f.start, f.end).startsWith('AADSTS700213'));
  assert.equal(f.line, 2);
  assert.equal(log.split('\r\n')[1].slice(f.column - 1, f.column - 1 + 12), 'AADSTS700213');
  assert.equal(r.format, 'github-actions');
});

test('a millisecond now is refused, like decodeToken', () => {
  assert.throws(() => scanLog('x', Date.now()), (err) => err.code === 'INVALID_NOW');
});

test('lone surrogates, huge token numbers and a 10 MB paste do not throw', () => {
  assert.equal(scanLog('\ud800 denied: client with IP \'20.1.2.3\' is not allowed access \udfff', NOW).findings[0].id, 'AL040');
  const b64 = (s) => Buffer.from(s).toString('base64url');
  const token = `${b64('{"alg":"RS256","typ":"JWT"}')}.${b64('{"iss":"https://token.actions.githubusercontent.com","exp":18446744073709551615,"iat":1717406060}')}.c2ln`;
  const r = scanLog(`2024-06-03T09:14:21.0Z token ${token}\n`, NOW);
  assert.equal(r.tokens.length, 1);
  assert.equal(r.tokens[0].kind, 'github-oidc');
  const big = 'npm WARN deprecated inflight@1.0.6: leaks memory\n'.repeat(210_000);
  const t0 = performance.now();
  const rb = scanLog(big, NOW);
  assert.equal(rb.rootCause, null);
  assert.ok(performance.now() - t0 < 5000, 'linear and quick');
});
