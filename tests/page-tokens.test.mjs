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

const TOKEN_GROUPS = new Set(['Tokens', 'Pastes holding tokens', 'Token problems']);
const STATUS_CHIPS = { valid: 'Valid now', expired: 'Expired', 'not-yet-valid': 'Not valid yet', unknown: 'No expiry' };
/** Backticks mark code in the core's prose; the page renders them as <code>, so text loses them. */
const plain = (s) => s.replaceAll('`', '');

let site;
let tab;
const seen = { warnings: new Set(), chips: new Set(), kinds: new Set(), verdicts: new Set(), lifetimes: new Set(), sources: new Set() };

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

  if (t.github || t.azureDevops) {
    const fic = (t.github ?? t.azureDevops).federatedCredential;
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
  assert.deepEqual(groups.map((g) => g.label), ['Tokens', 'Pastes holding tokens', 'Token problems', 'Failing logs']);
  const kinds = new Set(EXAMPLES.filter((e) => e.group === 'Tokens').flatMap((e) => analyse(e.build(NOW), NOW).tokens.tokens.map((t) => t.kind)));
  assert.deepEqual([...kinds].sort(), ['acr-access', 'acr-refresh', 'azure-devops-oidc', 'entra-access-v1', 'entra-access-v2', 'github-oidc']);
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

test('every claim and header annotation the page knows is rendered for a token that has it', async () => {
  const base = (id) => JSON.parse(Buffer.from(buildExample(id, NOW).split('.')[1], 'base64url'));
  const typed = {
    roles: ['AcrPull'], groups: ['0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'], wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
    amr: ['pwd', 'mfa'], acrs: ['c1'], xms_cc: ['CP1'], hasgroups: true, xms_tcdt: 1600000000,
    permissions: { actions: ['read'], notActions: [] }, access: [{ type: 'repository', name: 'web', actions: ['pull'] }],
  };
  const kinds = [['github', 'github-oidc', 'github-oidc'], ['entra', 'entra-v1', 'entra-access-v1'], ['acr', 'acr-refresh', 'acr-refresh'], ['azureDevops', 'azure-devops', 'azure-devops-oidc']];
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
  assert.deepEqual([...seen.kinds].sort(), ['acr-access', 'acr-refresh', 'azure-devops-oidc', 'entra-access-v1', 'entra-access-v2', 'github-oidc', 'jwt']);
  assert.deepEqual([...seen.verdicts].sort(), ['accepted', 'accepted-unless-arm-disabled', 'refused']);
  assert.deepEqual([...seen.lifetimes].sort(), ['early', 'expired', 'live']);
  assert.deepEqual([...seen.sources].sort(), ['bare', 'bearer', 'docker-config', 'json', 'text']);
});
