// The token view, in Chromium: every example token kind and container is pasted and what the page
// renders is compared with what the core says (the same analyse.js module the page's worker runs,
// imported here in Node with the page's wasm, at the same fixed `now`). Then coverage checks prove
// that every warning code the core declares, every status, kind, verdict and claim annotation the
// page can show was actually rendered somewhere (jwt.io's lesson: its "expired" never rendered).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyse, load } from '../www/analyse.js';
import { TABLES, claimMeaning, headerMeaning, HEADER } from '../www/claims.js';
import { EXAMPLES, buildExample, jwt } from '../www/examples.js';
import { openPage, paste, pickExample, screenshot, startSite, tokenCards } from './support/browser.mjs';
import { root } from './support/node.mjs';

/** 2026-11-22T09:30:00Z: the page's clock is frozen here and the expectations use the same instant. */
const NOW = 1795339800;

const TOKEN_GROUPS = new Set(['Tokens', 'Other workload identity tokens', 'Pastes holding tokens', 'Token problems']);
/** The menu groups that hold one plain token per kind. */
const KIND_GROUPS = new Set(['Tokens', 'Other workload identity tokens']);
const STATUS_CHIPS = { valid: 'Valid now', expired: 'Expired', 'not-yet-valid': 'Not valid yet', unknown: 'No expiry' };
/** Backticks mark code in the core's prose; the page renders them as <code>, so text loses them. */
const plain = (s) => s.replaceAll('`', '');

let site;
let tab;
const seen = { warnings: new Set(), chips: new Set(), kinds: new Set(), verdicts: new Set(), lifetimes: new Set(), sources: new Set(), platforms: new Set() };
/** How the page names each federation issuer (www/app.js FEDERATION_ISSUERS). */
const FEDERATION_ISSUERS = {
  'gitlab.com': 'gitlab.com', 'gitlab-self-managed': 'self-managed GitLab', aks: 'AKS cluster OIDC issuer',
  eks: 'EKS cluster OIDC issuer', gke: 'GKE cluster issuer', kubernetes: 'cluster service-account issuer',
  'kubernetes-legacy': 'legacy secret token (kubernetes/serviceaccount)', 'hcp-terraform': 'HCP Terraform (app.terraform.io)',
  'terraform-enterprise': 'Terraform Enterprise',
};

before(async () => {
  await load();
  site = await startSite();
  tab = await openPage(site, { now: NOW });
});
after(async () => {
  await tab?.close();
  await site?.close();
});

/** Compares one rendered token card with the core's token, field by field. */
function assertCard(card, t, label) {
  const at = (what) => `${label}: ${what}`;
  assert.ok(card.title.includes(t.label), at(`title names the kind (${card.title})`));
  seen.kinds.add(t.kind);
  assert.equal(card.chip, t.decoded ? STATUS_CHIPS[t.status] : 'Does not decode', at('status chip'));
  seen.chips.add(card.chip);
  if (t.summary) assert.equal(card.summary, plain(t.summary), at('summary'));
  assert.ok(card.source.startsWith('Found '), at('source line'));
  seen.sources.add(t.source.split(':')[0]);

  // Every warning, in the core's order, with its severity, its words and its catalog link.
  assert.deepEqual(card.warnings.map((w) => w.code), t.warnings.map((w) => w.code), at('warning codes'));
  t.warnings.forEach((w, i) => {
    const shown = card.warnings[i];
    assert.equal(shown.severity, w.severity, at(`${w.code} severity`));
    assert.ok(shown.text.includes(plain(w.message)), at(`${w.code} message shown in full`));
    assert.equal(shown.link, w.catalogId ? `#${w.catalogId}` : null, at(`${w.code} catalog link`));
    seen.warnings.add(w.code);
  });
  assert.ok(card.signatureNote.includes('Signature not verified') && card.signatureNote.includes('Nothing left this browser'), at('signature note'));
  if (!t.decoded) return;

  // Times: raw, ISO date and the relative phrase, for each time claim present.
  for (const k of ['iat', 'nbf', 'exp']) {
    const ts = t.times[k];
    const row = card.times.find((r) => r.claim === k);
    if (!ts) {
      assert.equal(row, undefined, at(`no ${k} row`));
      continue;
    }
    assert.ok(row.text.includes(String(ts.raw)), at(`${k} raw`));
    assert.ok(row.text.includes(ts.iso ?? 'out of range'), at(`${k} date`));
    assert.ok(row.text.includes(ts.relative), at(`${k} relative "${ts.relative}"`));
  }
  if (card.lifetime) seen.lifetimes.add(card.lifetime.state);

  // Claims table: exactly the token's header parameters and claims, each with its meaning.
  assert.deepEqual(card.claims.filter((c) => c.where === 'header').map((c) => c.claim).sort(), Object.keys(t.header).sort(), at('header rows'));
  assert.deepEqual(card.claims.filter((c) => c.where === 'payload').map((c) => c.claim).sort(), Object.keys(t.claims).sort(), at('claim rows'));
  for (const c of card.claims) {
    const value = (c.where === 'header' ? t.header : t.claims)[c.claim];
    assert.equal(c.value, typeof value === 'string' ? value : JSON.stringify(value), at(`${c.claim} value`));
    const meaning = c.where === 'header' ? headerMeaning(c.claim) : claimMeaning(t.kind, c.claim);
    if (meaning) assert.ok(c.meaning.startsWith(meaning[0]), at(`${c.claim} meaning`));
    else assert.match(c.meaning, /does not know/, at(`${c.claim} unknown claim said so`));
  }

  // Encoded view coloured by part, decoded panes holding the same JSON.
  const parts = t.encoded.split('.');
  assert.deepEqual([card.segments.header, card.segments.payload, card.segments.signature], parts, at('coloured segments'));
  assert.deepEqual(JSON.parse(card.segments.decodedHeader), t.header, at('decoded header'));
  assert.deepEqual(JSON.parse(card.segments.decodedPayload), t.claims, at('decoded payload'));

  const fic = (t.github ?? t.azureDevops ?? t.federation)?.federatedCredential;
  if (fic) {
    assert.equal(card.fic.Issuer, fic.issuer, at('FIC issuer'));
    assert.equal(card.fic['Subject identifier'], fic.subject, at('FIC subject'));
    assert.equal(card.fic.Audience, fic.audiences.join(', '), at('FIC audience'));
    assert.ok(card.commands.includes(fic.command), at('az ad app federated-credential create command'));
    assert.ok(card.commands.includes(fic.managedIdentityCommand), at('az identity federated-credential create command'));
  }
  if (t.github) {
    assert.equal(card.facts.Repository, t.github.repository ?? undefined, at('repository'));
    assert.ok(card.facts['Subject form'].length > 0, at('subject form'));
    if (t.github.subjectExplanation) assert.ok(card.explanations.includes(plain(t.github.subjectExplanation)), at('subject explanation'));
  }
  if (t.federation) {
    const f = t.federation;
    seen.platforms.add(f.platform);
    assert.equal(card.facts.Issuer, FEDERATION_ISSUERS[f.issuerKind], at('federation issuer'));
    // A label can repeat (a token with both projected and legacy Kubernetes claims): the facts read
    // back keep the last row of each label, and so does this.
    for (const [label, value] of Object.entries(Object.fromEntries(f.details.map((d) => [d.label, d.value])))) {
      assert.equal(card.facts[label], value, at(`federation detail ${label}`));
    }
    assert.ok(card.explanations.includes(plain(f.subjectExplanation)), at('federation subject explanation'));
    if (!f.federatedCredential) assert.deepEqual(card.commands, [], at('no command for a token Entra cannot federate'));
  }
  if (t.entra) {
    seen.verdicts.add(t.entra.acrExchange);
    assert.ok(card.verdict.includes(plain(t.entra.acrExchangeReason)), at('ACR exchange verdict'));
    assert.equal(card.facts['Resource (audience)'], t.entra.resourceName, at('resource'));
  }
  if (t.acr) {
    if (t.acr.access.length) {
      assert.deepEqual(card.permissions, t.acr.access.map((x) => [x.type, x.name, x.actions.length ? x.actions.join('') : 'none']), at('access table'));
    } else if (t.acr.permissions) {
      assert.equal(card.permissionsCaption, 'Permissions on the registry', at('permissions table'));
      assert.equal(card.permissions[0][0], t.acr.permissions.actions.join('') || 'none', at('permitted actions'));
    }
    if (t.acr.usage) assert.ok(card.explanations.includes(plain(t.acr.usage)), at('usage'));
  }
}

async function pasteAndCompare(text, label) {
  await paste(tab.page, text);
  const expected = analyse(text, NOW).tokens.tokens;
  const cards = await tokenCards(tab.page);
  assert.equal(cards.length, expected.length, `${label}: one card per token`);
  expected.forEach((t, i) => assertCard(cards[i], t, `${label} #${i + 1}`));
  return { cards, expected };
}

describe('token examples', () => {
  for (const example of EXAMPLES.filter((e) => TOKEN_GROUPS.has(e.group))) {
    test(`${example.group} › ${example.label}`, async () => {
      const text = buildExample(example.id, NOW);
      const { expected } = await pasteAndCompare(text, example.id);
      assert.ok(expected.length > 0, 'the core found a token');
      assert.deepEqual(tab.errors, []);
    });
  }
});

test('picking from the examples menu fills the input and explains it', async () => {
  await pickExample(tab.page, 'github-expired');
  const cards = await tokenCards(tab.page);
  assert.equal(cards.length, 1);
  assert.equal(cards[0].chip, 'Expired');
  assert.equal(cards[0].lifetime.state, 'expired');
  assert.match(cards[0].lifetime.label, /has passed; expired 1 h 55 min ago/);
  assert.ok(cards[0].times.find((r) => r.claim === 'exp').text.includes('expired 1 h 55 min ago'));
  const expired = cards[0].warnings.find((w) => w.code === 'TOKEN_EXPIRED');
  assert.match(expired.text, /expired 1 h 55 min ago/);
  assert.equal(expired.link, '#AL002');
  assert.match(await tab.page.textContent('#status'), /1 token \(GitHub OIDC\)/);
  await screenshot(tab.page, 'token-expired-github', '.token-card');
});

test('the menu offers every token kind and the common failures', async () => {
  const groups = await tab.page.$$eval('#examples optgroup', (gs) => gs.map((g) => ({ label: g.label, options: g.children.length })));
  assert.deepEqual(groups.map((g) => g.label), ['Tokens', 'Other workload identity tokens', 'Pastes holding tokens', 'Token problems', 'Failing logs']);
  const kinds = EXAMPLES.filter((e) => KIND_GROUPS.has(e.group)).flatMap((e) => analyse(e.build(NOW), NOW).tokens.tokens.map((t) => t.kind));
  assert.deepEqual([...new Set(kinds)].sort(), [
    'acr-access', 'acr-refresh', 'azure-devops-oidc', 'entra-access-v1', 'entra-access-v2', 'entra-id-token', 'github-oidc',
    'gitlab-oidc', 'kubernetes-sa',
  ]);
});

test('relative times stay true while the page is open: a token that expires meanwhile turns Expired', async () => {
  const own = await openPage(site, { now: NOW });
  try {
    await paste(own.page, buildExample('github-oidc', NOW));
    const chip = own.page.locator('#token-1 .token-head .chip');
    assert.equal(await chip.textContent(), 'Valid now');
    const before = await own.page.locator('#token-1 .times tr[data-claim="exp"] .relative').textContent();
    assert.match(before, /^expires in \d+ min$/);
    // Ten minutes later, with nobody touching the page (the GitHub token lives 5 min).
    await own.page.clock.setFixedTime((NOW + 600) * 1000);
    await own.page.waitForFunction(() => document.querySelector('#token-1 .token-head .chip')?.textContent === 'Expired', null, { timeout: 15_000 });
    const after = await own.page.locator('#token-1 .times tr[data-claim="exp"] .relative').textContent();
    assert.match(after, /^expired \d+ min ago$/);
    assert.ok(await own.page.locator('#token-1 .warnings [data-code]').count() > 0, 'the expiry warning appears');
    assert.deepEqual(own.errors, []);
  } finally {
    await own.close();
  }
});

test('several tokens: one card each, in order, with a chain to jump between them', async () => {
  const text = buildExample('several', NOW);
  await paste(tab.page, text);
  const chain = await tab.page.$$eval('.token-chain li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(chain, ['GitHub OIDC Valid now', 'Entra v1 Valid now', 'ACR refresh Valid now']);
  await tab.page.click('.token-chain li:nth-child(3) button');
  assert.equal(await tab.page.evaluate(() => document.activeElement.id), 'token-3');
  assert.match(await tab.page.textContent('#status'), /^Detected several JWTs · 3 tokens \(GitHub OIDC, Entra v1, ACR refresh\)/);
  await screenshot(tab.page, 'tokens-chain');
});

test('hand-made tokens cover the remaining warnings: string times, empty signature, JWE', async () => {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const stringTimes = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://auth.example.com', sub: 'x', exp: String(NOW + 60), iat: NOW })}.c2ln`;
  let { cards } = await pasteAndCompare(stringTimes, 'string exp');
  assert.ok(cards[0].warnings.some((w) => w.code === 'INVALID_TIME_CLAIM'));
  const unsignedCut = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main', aud: 'api://AzureADTokenExchange', iat: NOW, exp: NOW + 300 })}.`;
  ({ cards } = await pasteAndCompare(unsignedCut, 'empty signature'));
  assert.ok(cards[0].warnings.some((w) => w.code === 'MALFORMED_JWT' && w.link === '#AL015'));
  assert.equal(cards[0].segments.signatureInfo, 'Empty: the token is unsigned.');
  ({ cards } = await pasteAndCompare('eyJhbGciOiJSU0EtT0FFUCJ9.ZW5j.aXY.Y2lwaGVy.dGFn', 'JWE'));
  assert.equal(cards[0].chip, 'Does not decode');
  assert.match(cards[0].warnings[0].text, /encrypted JWT \(JWE\)/);
});

/** An HCP Terraform workload identity token's claims (apply phase, default project). */
function terraformClaims(over = {}) {
  const iat = NOW - 45;
  return {
    jti: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d', iss: 'https://app.terraform.io', aud: 'api://AzureADTokenExchange',
    iat, nbf: iat, exp: iat + 1800,
    sub: 'organization:contoso:project:Default Project:workspace:acr-infra:run_phase:apply',
    terraform_organization_id: 'org-Xb7kQ2mN4pR9sT1v', terraform_organization_name: 'contoso',
    terraform_project_id: 'prj-Lm3nB8vC2xZ5aQ7w', terraform_project_name: 'Default Project',
    terraform_workspace_id: 'ws-Pq4rS6tU8vW0xY2z', terraform_workspace_name: 'acr-infra',
    terraform_full_workspace: 'organization:contoso:project:Default Project:workspace:acr-infra',
    terraform_run_id: 'run-Hj5kL7mN9pQ1rS3t', terraform_run_phase: 'apply',
    ...over,
  };
}

/** A legacy Kubernetes service-account secret token (pre-1.24 Secret): no audience, no expiry. */
const LEGACY_K8S = {
  iss: 'kubernetes/serviceaccount',
  'kubernetes.io/serviceaccount/namespace': 'web',
  'kubernetes.io/serviceaccount/secret.name': 'acr-puller-token-7x9kq',
  'kubernetes.io/serviceaccount/service-account.name': 'acr-puller',
  'kubernetes.io/serviceaccount/service-account.uid': '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4',
  sub: 'system:serviceaccount:web:acr-puller',
};

/** The kind sections (title, facts) of the first card, as the page shows them. */
const sections = (page) => page.$$eval('#token-1 .kind-section', (ss) => ss.map((sec) => ({
  className: sec.className, title: sec.querySelector('h4')?.textContent,
  notices: [...sec.querySelectorAll('p.notice')].map((p) => p.textContent),
})));

describe('the new token kinds: each example shows its label, what it is for and how to federate it', () => {
  const cases = [
    {
      id: 'gitlab-oidc', kind: 'gitlab-oidc', badge: 'GitLab OIDC', section: 'GitLab CI', issuer: 'gitlab.com',
      facts: { Project: 'contoso-group/web-frontend', Ref: 'main', 'Ref type': 'branch', 'Pipeline source': 'push' },
      explanation: /^GitLab's default subject: project path, ref type and ref/,
      subject: 'project_path:contoso-group/web-frontend:ref_type:branch:ref:main', name: 'gitlab-contoso-group-web-frontend-branch-main',
    },
    {
      id: 'aks-workload-identity', kind: 'kubernetes-sa', badge: 'Kubernetes', section: 'Kubernetes service account', issuer: 'AKS cluster OIDC issuer',
      facts: { Namespace: 'web', 'Service account': 'acr-puller', Pod: 'frontend-7d9c8b6f5-x2kqp', Node: 'aks-nodepool1-31718369-vmss000001' },
      explanation: /^One credential per service account \(subject system:serviceaccount:<namespace>:<name>\)/,
      subject: 'system:serviceaccount:web:acr-puller', name: 'k8s-web-acr-puller',
    },
  ];
  for (const c of cases) {
    test(`${c.id}: "${c.badge}" badge, the ${c.section} section with the default subject and the az commands`, async () => {
      const text = buildExample(c.id, NOW);
      const { cards, expected } = await pasteAndCompare(text, c.id);
      const [card] = cards;
      const t = expected[0];
      assert.equal(t.kind, c.kind);
      assert.equal(card.badge, c.badge);
      assert.equal(card.chip, 'Valid now');
      assert.deepEqual(card.warnings, [], 'a good token: nothing to warn about');
      assert.match(await tab.page.textContent('#status'), new RegExp(`1 token \\(${c.badge}\\)`));
      assert.deepEqual((await sections(tab.page)).map((x) => [x.className, x.title, x.notices]),
        [[`kind-section federation ${t.federation.platform}`, c.section, []]]);

      // Platform details.
      assert.equal(card.facts.Issuer, c.issuer);
      for (const [label, value] of Object.entries(c.facts)) assert.equal(card.facts[label], value, label);
      // The default subject, explained, and a credential that repeats it.
      assert.equal(t.federation.defaultSubject, true);
      assert.ok(card.explanations.some((e) => c.explanation.test(e)), 'default-subject explanation shown');
      assert.equal(card.fic['Subject identifier'], c.subject);
      assert.equal(card.fic.Issuer, t.issuer);
      assert.equal(card.fic.Audience, 'api://AzureADTokenExchange');
      assert.equal(card.fic.Name, c.name);
      // The commands, in full and copyable.
      const fic = t.federation.federatedCredential;
      assert.deepEqual(card.commands, [fic.command, fic.managedIdentityCommand]);
      assert.ok(fic.command.startsWith('az ad app federated-credential create --id <APP_CLIENT_ID> --parameters \''));
      assert.ok(fic.command.includes(`"subject":"${c.subject}"`) && fic.command.includes(`"issuer":"${t.issuer}"`));
      await tab.page.click('#token-1 button[aria-label="Copy the az ad app federated-credential create command"]');
      assert.equal(await tab.page.evaluate(() => navigator.clipboard.readText()), fic.command);
      await screenshot(tab.page, `token-${c.id}`, '.token-card');
      assert.deepEqual(tab.errors, []);
    });
  }

  test('entra-id-token: "Entra ID token" badge, and the Entra section says ACR refuses it and what to ask for instead', async () => {
    const { cards, expected } = await pasteAndCompare(buildExample('entra-id-token', NOW), 'entra-id-token');
    const [card] = cards;
    const t = expected[0];
    assert.equal(t.kind, 'entra-id-token');
    assert.equal(card.badge, 'Entra ID token');
    assert.ok(card.title.includes('Entra ID ID token'));
    assert.equal(t.federation, null, 'an ID token is not a federation token');
    assert.deepEqual((await sections(tab.page)).map((x) => [x.className, x.title]), [['kind-section entra', 'Entra ID']]);
    assert.equal(card.facts['Resource (audience)'], 'c4a8b2e1-7d3f-4b6a-9e5c-2f1d0a9b8c7e');
    assert.match(card.verdict, /^Refused by ACR's \/oauth2\/exchange: This is an ID token: it proves a user signed in to the app/);
    assert.deepEqual(card.warnings.map((w) => [w.code, w.severity]), [['AUDIENCE_NOT_ACR', 'error']]);
    assert.deepEqual(card.commands, [t.entra.acrScope], 'the ACR scope to request instead');
    assert.match(card.claims.find((c) => c.claim === 'nonce').meaning, /^Value the app sent in the sign-in request/);
    assert.deepEqual(tab.errors, []);
  });

  test('hand-made tokens cover the remaining kinds: HCP Terraform, a legacy Kubernetes secret, self-managed GitLab', async () => {
    let { cards, expected } = await pasteAndCompare(jwt({ typ: 'JWT', alg: 'RS256', kid: 'j9Kq' }, terraformClaims()), 'terraform');
    assert.equal(expected[0].kind, 'terraform-oidc');
    assert.equal(cards[0].badge, 'Terraform');
    assert.equal(cards[0].facts['Run phase'], 'apply');
    assert.equal(cards[0].fic['Subject identifier'], 'organization:contoso:project:Default Project:workspace:acr-infra:run_phase:apply');

    ({ cards, expected } = await pasteAndCompare(jwt({ alg: 'RS256', kid: 'c2Vj' }, LEGACY_K8S), 'legacy kubernetes'));
    assert.equal(expected[0].kind, 'kubernetes-sa-legacy');
    assert.equal(cards[0].badge, 'Kubernetes (legacy)');
    assert.equal(cards[0].chip, 'No expiry');
    assert.equal(cards[0].facts.Secret, 'acr-puller-token-7x9kq');
    assert.deepEqual(cards[0].fic, {}, 'no credential can accept it');
    assert.deepEqual((await sections(tab.page))[0].notices, ['No federated credential can accept this token.']);
    assert.ok(cards[0].warnings.some((w) => w.code === 'AUDIENCE_NOT_TOKEN_EXCHANGE' && w.severity === 'error' && /cannot be federated/.test(w.text)));

    // GitLab's default audience is the instance URL: the exchange fails with AADSTS700212.
    const selfManaged = JSON.parse(Buffer.from(buildExample('gitlab-oidc', NOW).split('.')[1], 'base64url'));
    Object.assign(selfManaged, { iss: 'https://gitlab.contoso.com', aud: 'https://gitlab.contoso.com', ci_config_ref_uri: 'gitlab.contoso.com/contoso-group/web-frontend//.gitlab-ci.yml@refs/heads/main' });
    ({ cards, expected } = await pasteAndCompare(jwt({ typ: 'JWT', alg: 'RS256', kid: 'Z2l0' }, selfManaged), 'self-managed gitlab'));
    assert.equal(expected[0].federation.issuerKind, 'gitlab-self-managed');
    assert.equal(cards[0].facts.Issuer, 'self-managed GitLab');
    const audience = cards[0].warnings.find((w) => w.code === 'AUDIENCE_NOT_TOKEN_EXCHANGE');
    assert.equal(audience.link, '#AL012');
    assert.match(audience.text, /id_tokens: \{ AZURE_ID_TOKEN: \{ aud: api:\/\/AzureADTokenExchange \} \}/);
    assert.match((await sections(tab.page))[0].notices.join(' '), /not a token-exchange audience/);
    assert.equal(cards[0].fic.Audience, 'api://AzureADTokenExchange', 'the credential takes the exchange audience, not the token\'s');
    assert.deepEqual(tab.errors, []);
  });

  test('badges: the new kinds take their family\'s colour (Entra blue; one colour for the other platforms)', async () => {
    const colours = await tab.page.evaluate((kinds) => {
      const probe = document.createElement('span');
      document.body.append(probe);
      const resolve = (value) => { probe.style.color = value; return getComputedStyle(probe).color; };
      const badge = (kind) => {
        const el = document.createElement('span');
        el.className = `badge kind-${kind}`;
        document.body.append(el);
        const colour = getComputedStyle(el).color;
        el.remove();
        return colour;
      };
      const out = { header: resolve('var(--header)'), accent: resolve('var(--accent)'), fg: resolve('var(--fg)') };
      for (const k of kinds) out[k] = badge(k);
      probe.remove();
      return out;
    }, ['entra-access-v2', 'entra-id-token', 'gitlab-oidc', 'kubernetes-sa', 'kubernetes-sa-legacy', 'terraform-oidc', 'jwt']);
    assert.equal(colours['entra-id-token'], colours['entra-access-v2']);
    assert.equal(colours['entra-id-token'], colours.accent);
    for (const k of ['gitlab-oidc', 'kubernetes-sa', 'kubernetes-sa-legacy', 'terraform-oidc']) assert.equal(colours[k], colours.header, k);
    assert.notEqual(colours.header, colours.jwt);
  });
});

test('every claim and header annotation the page knows is rendered for a token that has it', async () => {
  const base = (from) => (typeof from === 'string' ? JSON.parse(Buffer.from(buildExample(from, NOW).split('.')[1], 'base64url')) : { ...from });
  const typed = {
    roles: ['AcrPull'], groups: ['0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'], wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
    amr: ['pwd', 'mfa'], acrs: ['c1'], xms_cc: ['CP1'], hasgroups: true, xms_tcdt: 1600000000,
    permissions: { actions: ['read'], notActions: [] }, access: [{ type: 'repository', name: 'web', actions: ['pull'] }],
  };
  const kinds = [
    ['github', 'github-oidc', 'github-oidc'], ['entra', 'entra-v1', 'entra-access-v1'], ['acr', 'acr-refresh', 'acr-refresh'],
    ['azureDevops', 'azure-devops', 'azure-devops-oidc'], ['entraIdToken', 'entra-id-token', 'entra-id-token'],
    ['gitlab', 'gitlab-oidc', 'gitlab-oidc'], ['terraform', terraformClaims(), 'terraform-oidc'],
    // The table's legacy flat claims (kubernetes.io/serviceaccount/*) make any token a legacy secret token.
    ['kubernetes', 'aks-workload-identity', 'kubernetes-sa-legacy'],
  ];
  for (const [table, example, kind] of kinds) {
    const claims = base(example);
    for (const name of Object.keys(TABLES[table])) if (!(name in claims)) claims[name] = typed[name] ?? `example-${name}`;
    const header = { typ: 'JWT', alg: 'RS256', kid: 'k1', x5t: 'k1', 'x5t#S256': 'a2V5', nonce: 'bm9uY2U', cty: 'JWT', jku: 'https://keys.example.com' };
    const { cards, expected } = await pasteAndCompare(jwt(header, claims), `all ${table} claims`);
    assert.equal(expected[0].kind, kind, `${table}: still classified as ${kind}`);
    const meaningOf = Object.fromEntries(cards[0].claims.map((c) => [`${c.where}:${c.claim}`, c.meaning]));
    for (const [name, [meaning]] of Object.entries(TABLES[table])) {
      assert.ok(meaningOf[`payload:${name}`].startsWith(meaning), `${table}: ${name} annotated`);
    }
    for (const [name, [meaning]] of Object.entries(HEADER)) assert.ok(meaningOf[`header:${name}`].startsWith(meaning), `header ${name} annotated`);
  }
  // Registered claims in a token of unknown kind get the RFC 7519 meanings.
  const { cards } = await pasteAndCompare(jwt({ alg: 'RS256', typ: 'JWT' }, { iss: 'https://idp.example.com', sub: 's', aud: 'a', exp: NOW + 60, nbf: NOW, iat: NOW, jti: 'j' }), 'registered claims');
  for (const [name, [meaning]] of Object.entries(TABLES.registered)) {
    assert.ok(cards[0].claims.find((c) => c.claim === name).meaning.startsWith(meaning), `registered ${name} annotated`);
  }
});

test('a docker config is read locally, the token inside base64(user:password) shown', async () => {
  await pickExample(tab.page, 'docker-config');
  const cards = await tokenCards(tab.page);
  assert.match(cards[0].source, /from the docker config \(auths\.contosoregistry\.azurecr\.io\.auth: base64 of user:password/);
  assert.match(await tab.page.textContent('#status'), /^Detected a docker config\.json/);
});

test('a file can be opened with the file picker or dropped on the page', async () => {
  const text = buildExample('acr-access', NOW);
  let before = await tab.page.evaluate(() => Number(document.body.dataset.analysed));
  await tab.page.setInputFiles('#file', { name: 'token.jwt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await tab.page.waitForFunction((b) => Number(document.body.dataset.analysed) > b, before);
  assert.equal(await tab.page.inputValue('#input'), text);
  assert.equal((await tokenCards(tab.page))[0].badge, 'ACR access');

  const log = buildExample('log-audience', NOW);
  before = await tab.page.evaluate(() => Number(document.body.dataset.analysed));
  await tab.page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'job.log', { type: 'text/plain' }));
    const target = document.getElementById('input');
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, log);
  await tab.page.waitForFunction((b) => Number(document.body.dataset.analysed) > b, before);
  assert.equal(await tab.page.inputValue('#input'), log);
  assert.equal(await tab.page.evaluate(() => document.getElementById('drop').classList.contains('dragging')), false);
});

test('copy buttons put the exact az command on the clipboard', async () => {
  const text = buildExample('github-environment', NOW);
  await paste(tab.page, text);
  const fic = analyse(text, NOW).tokens.tokens[0].github.federatedCredential;
  await tab.page.click('button[aria-label="Copy the az ad app federated-credential create command"]');
  assert.equal(await tab.page.evaluate(() => navigator.clipboard.readText()), fic.command);
  assert.equal(await tab.page.textContent('button[aria-label="Copy the az ad app federated-credential create command"]'), 'Copied');
  assert.match(await tab.page.textContent('#copy-status'), /Copied the az ad app federated-credential create command/);
  await tab.page.click('button[aria-label="Copy the az identity federated-credential create command"]');
  assert.equal(await tab.page.evaluate(() => navigator.clipboard.readText()), fic.managedIdentityCommand);
  assert.match(fic.subject, /environment:production$/);
});

test('coverage: every warning code, status, kind, verdict and lifetime state was rendered', () => {
  const rust = readFileSync(join(root, 'crates', 'core', 'src', 'token', 'warnings.rs'), 'utf8');
  const declared = [...rust.matchAll(/pub const (\w+): &str = "(\w+)";/g)].map((m) => m[2]);
  assert.ok(declared.length >= 10, 'warning codes found in warnings.rs');
  assert.deepEqual(declared.filter((c) => !seen.warnings.has(c)), [], 'warning codes never rendered by any test');
  assert.deepEqual([...seen.chips].sort(), ['Does not decode', 'Expired', 'No expiry', 'Not valid yet', 'Valid now']);
  assert.deepEqual([...seen.kinds].sort(), [
    'acr-access', 'acr-refresh', 'azure-devops-oidc', 'entra-access-v1', 'entra-access-v2', 'entra-id-token', 'github-oidc',
    'gitlab-oidc', 'jwt', 'kubernetes-sa', 'kubernetes-sa-legacy', 'terraform-oidc',
  ]);
  assert.deepEqual([...seen.platforms].sort(), ['gitlab', 'kubernetes', 'terraform']);
  assert.deepEqual([...seen.verdicts].sort(), ['accepted', 'accepted-unless-arm-disabled', 'refused']);
  assert.deepEqual([...seen.lifetimes].sort(), ['early', 'expired', 'live']);
  assert.deepEqual([...seen.sources].sort(), ['bare', 'bearer', 'docker-config', 'json', 'text']);
});
