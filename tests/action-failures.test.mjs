// Every failure the stand-in can produce, through the committed action: the step fails with the
// right catalog entry on top (in the error line, the job summary and the `diagnosis` output), with
// the values that explain it, no config written, nothing for post to undo, and no secret leaked.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { NODES } from './support/node.mjs';
import { scenariosDir, startEmulator, withStandIn } from './support/emulator.mjs';
import { assertNoLeaks, runMain, topId } from './support/action-run.mjs';

const BASIC = { 'auth-type': 'basic', 'client-id': '', 'tenant-id': '' };

// [scenario, expected ID, extra inputs, extra env, words the error must contain, options]
const CASES = [
  ['oidc-missing-permission', 'AL001', {}, {}, ['id-token: write', 'contents: read', 'fork']],
  ['oidc-subject-mismatch', 'AL013', {}, {}, ['repo:octo-org/octo-repo:environment:production', 'az ad app federated-credential create']],
  ['oidc-immutable-subject', 'AL013', {}, {}, ['octo-org@', 'immutable subject']],
  ['oidc-issuer-mismatch', 'AL011', {}, {}, ['https://token.actions.githubusercontent.com']],
  ['oidc-audience-mismatch', 'AL012', {}, {}, ['api://AzureADTokenExchange']],
  ['oidc-no-federated-credential', 'AL014', {}, {}, ['no federated credentials']],
  // A runner pod on AKS: the fix names the pod's subject and the cluster's issuer, not a workflow's.
  ['workload-identity-subject-mismatch', 'AL013', {}, {}, ['system:serviceaccount:ci:arc-runner', 'az identity federated-credential create', 'https://eastus.oic.prod-aks.azure.com/', 'serviceAccountName']],
  ['oidc-token-expired', 'AL002', {}, {}, ['valid time range']],
  ['client-secret-expired', 'AL020', { 'auth-type': 'client-secret' }, {}, ['expired'], { secretFromEnv: true }],
  ['client-secret-invalid', 'AL021', { 'auth-type': 'client-secret' }, {}, ['Value'], { secretFromEnv: true }],
  ['app-not-found', 'AL022', {}, {}, ['0badc0de-0000-4000-8000-000000000000']],
  ['wrong-tenant', 'AL023', {}, {}, ['0badf00d-0000-4000-8000-000000000000']],
  ['conditional-access', 'AL024', {}, {}, ['Conditional Access']],
  ['no-role', 'AL030', {}, {}, ['az role assignment create', '--role AcrPull']],
  ['ip-denied', 'AL040', {}, {}, ['az acr network-rule add']],
  ['public-access-disabled', 'AL040', {}, {}, ['403']],
  ['pull-only', 'AL033', { repository: 'demo/hello', actions: 'pull,push' }, {}, ['AcrPush', 'granted `pull`']],
  ['admin-disabled', 'AL061', BASIC, {}, ['admin']],
  ['scope-map-token-denied', 'AL063', { ...BASIC, repository: 'demo/hello', actions: 'pull,push' }, {}, ['ci-read-token', 'push']],
];

for (const node of NODES) {
  describe(`${node.name}: explained failures`, () => {
    for (const [scenario, id, inputs, env, words, opts = {}] of CASES) {
      test(`${scenario} → ${id}`, async () => {
        await withStandIn(scenario, async ({ emu, reg }) => {
          const secretInputs = opts.secretFromEnv ? { 'client-secret': emu.env.AZURE_CLIENT_SECRET } : {};
          const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, ...inputs, ...secretInputs }, env });
          assert.equal(r.code, 1, r.stdout);
          assert.ok(r.errorLine.startsWith(`::error::${id} `), `error line: ${r.errorLine}`);
          const message = decodeURIComponent(r.errorLine.replace(/%0A/g, '\n'));
          for (const w of words) assert.ok(message.includes(w), `"${w}" missing from: ${message}`);
          assert.match(message, new RegExp(`#${id}`), 'links the page entry');
          assert.equal(topId(r), id, `diagnosis output: ${r.outputs.diagnosis}`);
          assert.ok(r.summary.includes(`[${id}]`), r.summary);
          assert.match(r.stdout, /::group::Diagnosis/);
          // The diagnosis quotes servers: the runner reads none of it as a command.
          const paused = r.stdout.match(/::group::Diagnosis\n::stop-commands::(\S+)\n[^]*\n::\1::\n::endgroup::/);
          assert.ok(paused, `diagnosis not shielded from command parsing:\n${r.stdout}`);
          assert.ok(paused[0].split('\n').length > 5, 'the diagnosis is inside the shielded block');
          assert.ok(!existsSync(join(r.runner.home, '.docker', 'config.json')), 'no config on failure');
          assert.deepEqual(r.state, {});
          assertNoLeaks(r, { secrets: Object.values(secretInputs).concat(inputs.password ? [inputs.password] : [], emu.inputs.password ? [emu.inputs.password] : []) });
        });
      });
    }

    test('a federated credential created moments ago: AADSTS70021 is waited out with a notice', async () => {
      const scenario = {
        extends: join(scenariosDir, 'oidc.toml'), name: 'propagation-4s', description: 'AL010 for 4 s',
        tenants: [{ id: '8d5c1f2e-3b4a-4c6d-9e8f-0a1b2c3d4e5f', apps: [{ name: 'gh-deployer', federated_credentials: [{ name: 'main', propagation_secs: 4 }] }] }],
      };
      await withStandIn(scenario, async ({ emu, reg }) => {
        const r = await runMain({ node, emu, inputs: { registry: reg.loginServer } });
        assert.equal(r.code, 0, r.stdout);
        assert.match(r.stdout, /AADSTS70021: no federated credential matches yet\. A credential created in the last few minutes may not have propagated: retrying in 5 s \(1 of 3\)/);
        const entra = emu.requestLog().filter((l) => l.endpoint === 'entra.token');
        assert.equal(entra.length, 2);
      });
    });

    test('a registry name that does not resolve → AL041', async () => {
      const emu = await startEmulator({ scenario: 'oidc' });
      try {
        // Shaped like an Azure registry (only those may receive the Entra token), and not one.
        const r = await runMain({ node, emu, inputs: { registry: 'nosuchregistryacrlogin404.azurecr.io' } });
        assert.equal(r.code, 1);
        assert.ok(r.errorLine.startsWith('::error::AL041 '), r.errorLine);
        assert.equal(topId(r), 'AL041');
        const d = JSON.parse(r.outputs.diagnosis);
        assert.equal(d.checks.find((c) => c.kind === 'dns').status, 'fail');
        assert.equal(d.checks.find((c) => c.kind === 'entra-token').status, 'pass', 'the identity is checked regardless');
      } finally {
        await emu.stop();
      }
    });

    test('an untrusted TLS certificate → AL042', async () => {
      await withStandIn('oidc', async ({ emu, reg }) => {
        const r = await runMain({ node, emu, inputs: { registry: reg.loginServer }, withoutEnv: ['NODE_EXTRA_CA_CERTS'] });
        assert.equal(r.code, 1);
        assert.ok(r.errorLine.startsWith('::error::AL042 '), r.errorLine);
        assert.match(r.errorLine, /NODE_EXTRA_CA_CERTS/);
      });
    });

    test('throttling longer than the cap → AL043 without waiting', async () => {
      await withStandIn('oidc', async ({ emu, reg }) => {
        await emu.setFault({ endpoint: 'acr.exchange', kind: 'status', status: 429, retry_after: 3600 });
        const t0 = Date.now();
        const r = await runMain({ node, emu, inputs: { registry: reg.loginServer, diagnose: 'never' } });
        assert.equal(r.code, 1);
        assert.ok(r.errorLine.startsWith('::error::AL043 '), r.errorLine);
        assert.ok(Date.now() - t0 < 10_000);
        assert.equal(topId(r), 'AL043');
      });
    });
  });
}
