// The package's TypeScript declarations match what the functions really return: real results are
// written out as typed literals and compiled with `tsc --strict`. A field the Rust side adds, renames
// or drops without the .d.ts following is an excess-property or missing-property error. And a
// consumer compiles against the installed package under every module resolution people use, with
// and without the DOM lib (a Node project without @types/node has neither AbortSignal nor Response).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as api from 'acr-login';
import { withStandIn } from './support/emulator.mjs';
import { FIXTURES } from './support/fixtures.mjs';
import { root } from './support/node.mjs';

const NOW = 1_763_000_000;
const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const STRICT = ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022', '--skipLibCheck', 'false'];

function tsc(args, cwd) {
  try {
    execFileSync(process.execPath, [TSC, ...args], { encoding: 'utf8', cwd });
    return '';
  } catch (e) {
    return String(e.stdout).split('\n').slice(0, 20).join('\n') || String(e.stderr);
  }
}

function checkAgainstDeclarations(cases) {
  const dir = mkdtempSync(join(tmpdir(), 'acr-login-types-'));
  try {
    const body = cases.map(([type, value], i) => `export const v${i}: T.${type} = ${JSON.stringify(value)};`).join('\n');
    writeFileSync(join(dir, 'check.ts'), `import type * as T from ${JSON.stringify(join(root, 'pkg', 'index.js'))};\n${body}\n`);
    const out = tsc([...STRICT, '--module', 'nodenext', '--moduleResolution', 'nodenext', join(dir, 'check.ts')]);
    assert.equal(out, '', `pkg/*.d.ts does not match real results:\n${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('declarations in pkg/*.d.ts match real results (tsc --strict)', () => {
  checkAgainstDeclarations([
    ['DecodedJwt', api.decodeJwt(FIXTURES.githubToken)],
    ...Object.entries(FIXTURES.pastes).map(([, text]) => ['DecodeReport', api.decodeToken(text, NOW)]),
    ...Object.entries(FIXTURES.logs).map(([, text]) => ['ScanReport', api.scanLog(text, NOW)]),
    ['CatalogEntry[]', api.catalog()],
    ['CatalogEntry', api.explain(api.catalog()[0].id)],
  ]);
});

// Nothing checked LoginResult before: login() and diagnose() against the Azure stand-in, a success
// with a permission check, a failure with a finding, and a diagnosis.
test('LoginResult matches real login() and diagnose() results (success, failure, diagnosis)', async () => {
  const results = await withStandIn('oidc', async ({ emu }) => {
    const host = {
      request: async ({ method, url, headers, body, timeoutMs }) => {
        const r = await emu.request(url, { method, headers: Object.fromEntries(headers), body: body ?? undefined, timeoutMs });
        return { status: r.status, headers: Object.entries(r.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, String(v)]])), body: r.text };
      },
      probe: async ({ kind, host: name }) => ({ ok: true, detail: `${kind} ${name} (test)` }),
    };
    const options = {
      registries: [emu.loginServer()], clientId: emu.env.AZURE_CLIENT_ID, tenantId: emu.env.AZURE_TENANT_ID,
      authorityHost: emu.env.AZURE_AUTHORITY_HOST, idTokenRequestUrl: emu.env.ACTIONS_ID_TOKEN_REQUEST_URL,
      idTokenRequestToken: emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, repository: 'app', actions: ['pull', 'push'],
    };
    return [
      await api.login(options, host),
      await api.login({ ...options, tenantId: '11111111-2222-3333-4444-555555555555', retry: { maxAttempts: 1, propagationDelaysMs: [] } }, host),
      await api.diagnose(options, host),
    ];
  });
  assert.deepEqual(results.map((r) => r.ok), [true, false, true]);
  assert.ok(results[0].registries[0].permissions, 'the success carries a permission report');
  assert.ok(results[1].diagnosis.top?.id, 'the failure carries a finding with a catalog ID');
  // The credential itself is not needed to check its type.
  const redacted = JSON.parse(JSON.stringify(results, (k, v) => (k === 'password' ? 'redacted' : v)));
  checkAgainstDeclarations(redacted.map((r) => ['LoginResult', r]));
});

test('errors thrown to JS carry a stable code', () => {
  assert.throws(() => api.decodeJwt('not a token'), (e) => e instanceof Error && e.code === 'JWT_SEGMENT_COUNT');
  assert.throws(() => api.explain('AL999999'), (e) => e instanceof Error && e.code === 'UNKNOWN_CATALOG_ID');
});

// What a consumer writes: named imports, `import type`, the browser entry, ready(), switching on a
// typed error code, a host with a transport, every option. The `@ts-expect-error` lines prove the
// declarations refuse what the runtime refuses.
const CONSUMER = `
import { catalog, decodeJwt, decodeToken, diagnose, explain, login, ready, scanLog } from 'acr-login';
import type { AcrLoginError, AcrLoginErrorCode, DecodeReport, Host, LoginOptions, LoginResult, TokenKind } from 'acr-login';
import * as web from 'acr-login/web';

export async function use(bytes: Uint8Array): Promise<LoginResult> {
  await ready();
  await web.ready();
  const report: DecodeReport = decodeToken('eyJ', 1_763_000_000);
  const kind: TokenKind | undefined = report.tokens[0]?.kind;
  void kind;
  void scanLog(bytes).findings[0]?.id;
  void decodeJwt(bytes).claims;
  void catalog()[0]?.fix;
  try {
    explain('AL013');
  } catch (e) {
    const err = e as AcrLoginError;
    const code: AcrLoginErrorCode = err.code;
    if (code === 'CONFIG_UNKNOWN_OPTION') throw new Error(String(err.option) + String(err.input));
  }
  const host: Host = {
    now: () => Date.now(),
    onSecret: (value) => void value.length,
    request: async (req) => {
      void req.signal;
      return { status: 200, headers: [['content-type', 'application/json']], body: '{}' };
    },
  };
  const options: LoginOptions = {
    registries: ['myregistry'], authType: 'oidc', environment: 'AzureCloud', actions: ['pull'], repository: 'app',
    timeoutMs: 5000, retry: { maxAttempts: 2, propagationDelaysMs: [] },
  };
  // @ts-expect-error the action's input name is not an option
  void login({ registry: 'myregistry' });
  // @ts-expect-error not an error code
  const wrong: AcrLoginErrorCode = 'NOT_A_CODE';
  void wrong;
  void (await diagnose(options, host)).diagnosis.checks;
  return login(options, host);
}
`;

describe('a consumer project type-checks against the installed package', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acr-login-consumer-ts-'));
    for (const [name, type] of [['esm', 'module'], ['cjs', 'commonjs']]) {
      mkdirSync(join(dir, name, 'node_modules'), { recursive: true });
      symlinkSync(root, join(dir, name, 'node_modules', 'acr-login'), 'dir');
      writeFileSync(join(dir, name, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type }));
      // node10 resolution predates `exports`: it finds 'acr-login' by the top-level `types` and
      // 'acr-login/web' by package.json's `typesVersions`.
      writeFileSync(join(dir, name, 'use.ts'), CONSUMER);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const matrix = [
    ['esm', 'nodenext', 'nodenext'],
    ['esm', 'node16', 'node16'],
    ['esm', 'esnext', 'bundler'],
    ['cjs', 'nodenext', 'nodenext'], // TypeScript 5.8+: require() of an ES module, as Node 20.19+/22.12+ do
    ['cjs', 'commonjs', 'node10'],
  ];
  for (const [project, module, resolution] of matrix) {
    for (const lib of [null, 'es2022']) {
      test(`${project} project, --module ${module} --moduleResolution ${resolution}${lib ? ` --lib ${lib} (no DOM)` : ''}`, () => {
        const cwd = join(dir, project);
        const out = tsc([...STRICT, '--module', module, '--moduleResolution', resolution, ...(lib ? ['--lib', lib] : []), 'use.ts'], cwd);
        assert.equal(out, '', out);
      });
    }
  }
});
