// decodeToken through the npm package (the wasm build) for the workload-identity issuers other than
// GitHub and Azure DevOps (GitLab CI, Kubernetes service accounts on AKS and elsewhere, the legacy
// non-expiring secret tokens, HCP Terraform) and for Entra ID *ID tokens*; then the page, in
// Chromium, showing those tokens' sections. Tokens are unsigned look-alikes built here from the
// documented claim sets (GitLab's id_token docs, Kubernetes / Azure Workload Identity docs,
// HashiCorp's workload identity token spec, Microsoft's ID token claims reference).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeToken, explain } from 'acr-login';
import { openPage, paste, startSite, tokenCards } from './support/browser.mjs';
import { root } from './support/node.mjs';

const NOW = 1_795_339_800;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '6731de76-14a6-49ae-97bc-6eba6914391e';
const EXCHANGE = 'api://AzureADTokenExchange';
const AKS_ISSUER = `https://westeurope.oic.prod-aks.azure.com/${TENANT}/9d2c4b1e-5a6f-4e7d-8c9b-0a1b2c3d4e5f/`;

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
// A fixed fake signature: nothing here verifies it.
const jwt = (claims) => `${b64({ typ: 'JWT', alg: 'RS256', kid: 'k1' })}.${b64(claims)}.${Buffer.alloc(256, 7).toString('base64url')}`;

const GITLAB_SUB = 'project_path:platform/registry-sync:ref_type:branch:ref:main';
const gitlab = (aud = EXCHANGE, extra = {}) => jwt({
  namespace_id: '72', namespace_path: 'platform', project_id: '20', project_path: 'platform/registry-sync',
  user_id: '1', user_login: 'sample-user', user_email: 'sample-user@example.com', pipeline_id: '574',
  pipeline_source: 'push', job_id: '302', ref: 'main', ref_type: 'branch', ref_path: 'refs/heads/main', ref_protected: 'true',
  runner_id: 1, runner_environment: 'gitlab-hosted', sha: '714a629c0b401fdce83e847fc9589983fc6f46bc',
  jti: '235b3a54-b797-45c7-ae9a-f72d7bc6ef5b', iss: 'https://gitlab.com', iat: NOW - 60, nbf: NOW - 65, exp: NOW + 240,
  sub: GITLAB_SUB, aud, ...extra,
});

const aks = (aud = [EXCHANGE]) => jwt({
  aud, exp: NOW + 3540, iat: NOW - 60, nbf: NOW - 60, iss: AKS_ISSUER, jti: '4f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a098',
  'kubernetes.io': {
    namespace: 'apps',
    node: { name: 'aks-nodepool1-12345678-vmss000000', uid: '0c9f1e2d-3b4a-4c5d-8e7f-6a5b4c3d2e1f' },
    pod: { name: 'web-7d9c8b6f5-x2k4q', uid: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
    serviceaccount: { name: 'acr-puller', uid: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' },
  },
  sub: 'system:serviceaccount:apps:acr-puller',
});

const legacy = () => jwt({
  iss: 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': 'default',
  'kubernetes.io/serviceaccount/secret.name': 'build-robot-token-x7k2p',
  'kubernetes.io/serviceaccount/service-account.name': 'build-robot',
  'kubernetes.io/serviceaccount/service-account.uid': '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  sub: 'system:serviceaccount:default:build-robot',
});

const terraform = (phase = 'apply') => jwt({
  jti: '1192426d-b525-4fde-9d42-f238be437bbd', iss: 'https://app.terraform.io', aud: EXCHANGE,
  iat: NOW - 30, nbf: NOW - 35, exp: NOW + 4770,
  sub: `organization:my-org:project:Default Project:workspace:acr-images:run_phase:${phase}`,
  terraform_organization_id: 'org-GRNbCjYNpBB6NEH9', terraform_organization_name: 'my-org',
  terraform_project_id: 'prj-vegSA59s1XPwMr2t', terraform_project_name: 'Default Project',
  terraform_workspace_id: 'ws-mbsd5E3Ktt5Rg2Xm', terraform_workspace_name: 'acr-images',
  terraform_full_workspace: 'organization:my-org:project:Default Project:workspace:acr-images',
  terraform_run_id: 'run-X3n1AUQNBNxajKGc', terraform_run_phase: phase,
});

const idToken = () => jwt({
  aud: CLIENT, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, iat: NOW - 120, nbf: NOW - 120, exp: NOW + 3480,
  aio: 'AUQAu/8OAAAA', name: 'Megan Bowen', nonce: '638741238472618372.NmQ4', oid: '0d3b1c2a-7e6f-4a5b-8c9d-0e1f2a3b4c5d',
  preferred_username: 'megan@contoso.com', rh: '0.AXoAv4j5cvGGr0GRqy180BHbRw.', sid: '00161c8e-3b55-4f0a-9d2b-7a1c2e3f4a5b',
  sub: 'fNq2HnB6mHyo4PsB5Ncb4MIzQ-WK2t5dQf6Q1xz8kVA', tid: TENANT, uti: 'Ixw7NAj2HEaQ3fMmt8kHAA', ver: '2.0',
});

const accessToken = () => jwt({
  aud: 'https://containerregistry.azure.net', iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, iat: NOW - 120,
  nbf: NOW - 120, exp: NOW + 4380, azp: CLIENT, azpacr: '0', name: 'Megan Bowen', oid: '0d3b1c2a-7e6f-4a5b-8c9d-0e1f2a3b4c5d',
  preferred_username: 'megan@contoso.com', scp: 'user_impersonation', sub: 'x', tid: TENANT, ver: '2.0',
});

const one = (text) => {
  const r = decodeToken(text, NOW);
  assert.equal(r.tokens.length, 1, `one token expected (hint: ${r.hint})`);
  return r.tokens[0];
};

/** The JSON inside `az ad app federated-credential create --parameters '...'`. */
const parameters = (command) => JSON.parse(command.split("--parameters '")[1].slice(0, -1));

describe('decodeToken: workload identity issuers', () => {
  test('GitLab CI id_tokens: kind, summary naming the project, and the matching credential', () => {
    const t = one(gitlab());
    assert.equal(t.kind, 'gitlab-oidc');
    assert.equal(t.label, 'GitLab CI ID token');
    assert.equal(t.summary, 'GitLab CI ID token for platform/registry-sync (branch main), audience api://AzureADTokenExchange; expires in 4 min.');
    assert.deepEqual(t.warnings, []);
    assert.equal(t.github, null);
    const f = t.federation;
    assert.deepEqual([f.platform, f.issuerKind, f.workload, f.defaultSubject, f.audienceOk], ['gitlab', 'gitlab.com', 'platform/registry-sync', true, true]);
    assert.deepEqual(f.details.slice(0, 3), [{ label: 'Project', value: 'platform/registry-sync' }, { label: 'Project ID', value: '20' }, { label: 'Namespace', value: 'platform' }]);
    assert.deepEqual(parameters(f.federatedCredential.command), {
      name: 'gitlab-platform-registry-sync-branch-main', issuer: 'https://gitlab.com', subject: GITLAB_SUB, audiences: [EXCHANGE],
    });
    assert.equal(f.federatedCredential.managedIdentityCommand,
      `az identity federated-credential create --name 'gitlab-platform-registry-sync-branch-main' --identity-name <IDENTITY_NAME> --resource-group <RESOURCE_GROUP> --issuer 'https://gitlab.com' --subject '${GITLAB_SUB}' --audiences '${EXCHANGE}'`);
  });

  test('a GitLab token requested without aud warns that Entra will answer AADSTS700212 (AL012)', () => {
    const t = one(gitlab('https://gitlab.com'));
    const w = t.warnings.find((x) => x.code === 'AUDIENCE_NOT_TOKEN_EXCHANGE');
    assert.equal(w.severity, 'error');
    assert.equal(w.catalogId, 'AL012');
    assert.equal(explain(w.catalogId).id, 'AL012');
    assert.match(w.message, /AADSTS700212/);
    assert.match(w.message, /id_tokens/);
    assert.equal(t.federation.audienceOk, false);
    // The credential is still the one to create; the token must be re-requested with its audience.
    assert.deepEqual(t.federation.federatedCredential.audiences, [EXCHANGE]);
  });

  test('AKS workload identity token: namespace, service account and pod, issuer kept with its slash', () => {
    const t = one(aks());
    assert.equal(t.kind, 'kubernetes-sa');
    assert.equal(t.summary, 'Kubernetes service account token for apps/acr-puller (pod web-7d9c8b6f5-x2k4q), audience api://AzureADTokenExchange; expires in 59 min.');
    const f = t.federation;
    assert.deepEqual([f.platform, f.issuerKind, f.workload], ['kubernetes', 'aks', 'apps/acr-puller']);
    assert.deepEqual(f.details.map((d) => d.label), ['Namespace', 'Service account', 'Pod', 'Node']);
    assert.deepEqual(parameters(f.federatedCredential.command), {
      name: 'k8s-apps-acr-puller', issuer: AKS_ISSUER, subject: 'system:serviceaccount:apps:acr-puller', audiences: [EXCHANGE],
    });
  });

  test("the pod's API-server token is flagged, pointing at the projected Azure token", () => {
    const t = one(aks(['https://myaks-dns-1a2b3c4d.hcp.westeurope.azmk8s.io']));
    const w = t.warnings.find((x) => x.code === 'AUDIENCE_NOT_TOKEN_EXCHANGE');
    assert.match(w.message, /AZURE_FEDERATED_TOKEN_FILE/);
    assert.equal(w.catalogId, 'AL012');
  });

  test('legacy service-account secret tokens are said plainly to be impossible to federate', () => {
    const t = one(legacy());
    assert.equal(t.kind, 'kubernetes-sa-legacy');
    assert.equal(t.status, 'unknown');
    assert.equal(t.federation.federatedCredential, null);
    assert.equal(t.federation.issuerKind, 'kubernetes-legacy');
    const w = t.warnings.find((x) => x.code === 'AUDIENCE_NOT_TOKEN_EXCHANGE');
    assert.equal(w.severity, 'error');
    assert.match(w.message, /cannot be federated/);
    assert.ok(t.warnings.some((x) => x.code === 'TOKEN_NO_EXPIRY'));
  });

  test('HCP Terraform: organization/project/workspace, one credential per run phase', () => {
    const apply = one(terraform('apply'));
    const plan = one(terraform('plan'));
    assert.equal(apply.kind, 'terraform-oidc');
    assert.match(apply.summary, /^HCP Terraform workload identity token for my-org\/Default Project\/acr-images \(apply phase\)/);
    assert.deepEqual([apply.federation.issuerKind, apply.federation.workload], ['hcp-terraform', 'my-org/Default Project/acr-images']);
    assert.match(apply.federation.subjectExplanation, /run_phase:plan/);
    assert.notEqual(apply.federation.federatedCredential.subject, plan.federation.federatedCredential.subject);
    assert.equal(parameters(plan.federation.federatedCredential.command).name, 'tfc-my-org-Default-Project-acr-images-plan');
  });

  test('an Entra ID token is told apart from the access token of the same sign-in response', () => {
    const response = JSON.stringify({ token_type: 'Bearer', scope: 'https://containerregistry.azure.net/user_impersonation', id_token: idToken(), access_token: accessToken() });
    const { tokens } = decodeToken(response, NOW);
    assert.deepEqual(tokens.map((t) => [t.source, t.kind]), [['json:id_token', 'entra-id-token'], ['json:access_token', 'entra-access-v2']]);
    const [id, access] = tokens;
    assert.equal(id.label, 'Entra ID ID token');
    assert.equal(id.summary, `Entra ID ID token signing megan@contoso.com in to app ${CLIENT}; expires in 58 min.`);
    assert.equal(id.entra.acrExchange, 'refused');
    const w = id.warnings.find((x) => x.code === 'AUDIENCE_NOT_ACR');
    assert.equal(w.severity, 'error');
    assert.match(w.message, /^This is an ID token/);
    assert.match(w.message, /https:\/\/management\.azure\.com/);
    assert.match(w.message, /https:\/\/containerregistry\.azure\.net/);
    assert.equal(id.federation, null);
    assert.equal(access.entra.acrExchange, 'accepted');
  });

  test('tokens of the kinds that existed before have federation: null and unchanged kinds', () => {
    const gh = jwt({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main', aud: EXCHANGE, exp: NOW + 300, iat: NOW, repository: 'o/r' });
    const t = one(gh);
    assert.equal(t.kind, 'github-oidc');
    assert.equal(t.federation, null);
    assert.ok(t.github.federatedCredential);
    assert.equal(one(jwt({ iss: 'https://accounts.google.com', sub: '1', aud: 'x', exp: NOW + 60 })).kind, 'jwt');
  });

  test('the new report shapes type-check against pkg/types/token.d.ts (tsc --strict)', () => {
    const reports = [gitlab(), gitlab('https://gitlab.com'), aks(), legacy(), terraform(), idToken()].map((t) => decodeToken(t, NOW));
    const dir = mkdtempSync(join(tmpdir(), 'acr-login-issuers-'));
    try {
      const body = reports.map((r, i) => `export const r${i}: T.DecodeReport = ${JSON.stringify(r)};`).join('\n');
      const kinds = "export const k: T.TokenKind[] = ['gitlab-oidc', 'kubernetes-sa', 'kubernetes-sa-legacy', 'terraform-oidc', 'entra-id-token'];";
      writeFileSync(join(dir, 'check.ts'), `import type * as T from ${JSON.stringify(join(root, 'pkg', 'index.js'))};\n${body}\n${kinds}\n`);
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const args = ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', join(dir, 'check.ts')];
      try {
        execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8' });
      } catch (e) {
        assert.fail(`token.d.ts does not match the new reports:\n${String(e.stdout).split('\n').slice(0, 20).join('\n')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the page shows the new kinds', () => {
  let site;
  let tab;
  before(async () => {
    site = await startSite();
    tab = await openPage(site, { now: NOW });
  });
  after(async () => {
    await tab?.close();
    await site?.close();
  });

  test('GitLab, AKS, legacy, Terraform and ID-token cards: badge, facts, credential and annotations', async () => {
    await paste(tab.page, [gitlab(), aks(), legacy(), terraform(), idToken()].join('\n'));
    const cards = await tokenCards(tab.page);
    assert.deepEqual(cards.map((c) => c.badge), ['GitLab OIDC', 'Kubernetes', 'Kubernetes (legacy)', 'Terraform', 'Entra ID token']);
    const [gl, k8s, old, tf, id] = cards;

    assert.equal(gl.facts.Issuer, 'gitlab.com');
    assert.equal(gl.facts.Project, 'platform/registry-sync');
    assert.equal(gl.fic['Subject identifier'], GITLAB_SUB);
    assert.equal(gl.commands.length, 2);
    assert.equal(parameters(gl.commands[0]).subject, GITLAB_SUB);
    assert.match(gl.claims.find((c) => c.claim === 'ref').meaning, /^Branch or tag name/);
    assert.match(gl.claims.find((c) => c.claim === 'sub').meaning, /project_path:GROUP\/PROJECT/);

    assert.equal(k8s.facts.Issuer, 'AKS cluster OIDC issuer');
    assert.equal(k8s.facts.Pod, 'web-7d9c8b6f5-x2k4q');
    assert.equal(k8s.fic.Issuer, AKS_ISSUER);
    assert.match(k8s.claims.find((c) => c.claim === 'kubernetes.io').meaning, /bound to/);

    assert.deepEqual(old.fic, {});
    assert.equal(old.commands.length, 0);
    assert.ok(old.warnings.some((w) => w.code === 'AUDIENCE_NOT_TOKEN_EXCHANGE' && /cannot be federated/.test(w.text)));
    assert.equal(old.facts.Secret, 'build-robot-token-x7k2p');

    assert.equal(tf.facts['Run phase'], 'apply');
    assert.match(tf.explanations.join(' '), /run_phase:plan/);
    assert.match(tf.claims.find((c) => c.claim === 'terraform_run_phase').meaning, /^plan or apply/);

    assert.match(id.verdict, /^Refused by ACR's \/oauth2\/exchange: This is an ID token/);
    assert.ok(id.warnings.some((w) => w.code === 'AUDIENCE_NOT_ACR' && w.severity === 'error'));
    assert.match(id.claims.find((c) => c.claim === 'nonce').meaning, /OpenID Connect ID token/);
    assert.match(id.claims.find((c) => c.claim === 'aud').meaning, /client ID of the app/);
    assert.deepEqual(tab.errors, []);
  });
});
