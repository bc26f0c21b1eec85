// Second review of the token view: regions a screen reader can tell apart when several tokens are
// shown, a times table a phone can read, the other registries of a docker config named (never their
// secrets), and the zone of the local times said. Each test was failing before the fix it guards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { buildExample } from '../www/examples.js';
import { openPage, paste, screenshot, startSite, tokenCards } from './support/browser.mjs';

const NOW = 1_790_000_000;
let site;

before(async () => {
  site = await startSite();
});
after(() => site?.close());

/** openPage, in a browser context whose time zone is fixed (openPage keeps the machine's). */
async function openZoned(timezoneId, { width = 1280, height = 900 } = {}) {
  const context = await site.browser.newContext({ timezoneId, locale: 'en-US', viewport: { width, height } });
  const origin = new URL(site.url).origin;
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.clock.setFixedTime(NOW * 1000);
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  return { page, errors, close: () => context.close() };
}

test('several tokens: every region has its own name (axe landmark-unique, any impact)', async () => {
  const tab = await openPage(site, { now: NOW });
  const two = `${buildExample('github-oidc', NOW)}\n${buildExample('entra-v1', NOW)}`;
  await paste(tab.page, two);
  assert.equal((await tokenCards(tab.page)).length, 2);
  const result = await new AxeBuilder({ page: tab.page }).withRules(['landmark-unique']).exclude('#catalog').analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), []);
  // The names say which token a region belongs to.
  const names = await tab.page.evaluate(() => [...document.querySelectorAll('.token-card section[aria-label]')].map((s) => s.getAttribute('aria-label')));
  assert.deepEqual(names, [
    'Times of token 1: GitHub Actions OIDC token',
    'Claims of token 1: GitHub Actions OIDC token',
    'Times of token 2: Entra ID access token (v1.0)',
    'Claims of token 2: Entra ID access token (v1.0)',
  ]);
  // All three example tokens (GitHub, Entra, ACR) at once: still no duplicate.
  await paste(tab.page, buildExample('several', NOW));
  const three = await new AxeBuilder({ page: tab.page }).withRules(['landmark-unique']).exclude('#catalog').analyze();
  assert.deepEqual(three.violations.map((v) => v.id), []);
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test('at 375 px the times table breaks no header inside a word and no raw timestamp', async () => {
  const tab = await openPage(site, { now: NOW, width: 375, height: 800 });
  // A millisecond exp (13 digits, with its chip) is the widest raw value the table shows.
  for (const example of ['entra-v1', 'github-oidc']) {
    await paste(tab.page, buildExample(example, NOW));
    const layout = await tab.page.evaluate(() => {
      const table = document.querySelector('#token-1 .times table');
      /** How many lines each word of an element's text takes (a word broken over two lines: 2). */
      const wordLines = (el) => {
        const out = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of node.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            out.push([m[0], tops.size]);
          }
        }
        return out;
      };
      const lines = (el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size;
      return {
        headers: [...table.querySelectorAll('thead th')].map((th) => ({ text: th.textContent, visible: th.getBoundingClientRect().width > 0, words: wordLines(th) })),
        rowHeads: [...table.querySelectorAll('tbody th')].map((th) => wordLines(th)),
        raws: [...table.querySelectorAll('tbody td code')].map((c) => ({ text: c.textContent, lines: lines(c) })),
        dates: [...table.querySelectorAll('tbody td:nth-of-type(2)')].map((td) => wordLines(td)),
        overflow: document.documentElement.scrollWidth - innerWidth,
        tableOverflow: table.scrollWidth - table.parentElement.clientWidth,
      };
    });
    assert.ok(layout.headers.length >= 3 && layout.headers.every((h) => h.visible), `${example}: the column headers are shown`);
    for (const h of layout.headers) assert.deepEqual(h.words.filter(([, n]) => n > 1), [], `${example}: header "${h.text}" wraps inside a word`);
    for (const words of [...layout.rowHeads, ...layout.dates]) assert.deepEqual(words.filter(([, n]) => n > 1), [], `${example}: a word or number is broken over lines`);
    assert.ok(layout.raws.length >= 2);
    for (const r of layout.raws) assert.equal(r.lines, 1, `${example}: raw ${r.text} on one line`);
    assert.equal(layout.overflow, 0, `${example}: no sideways scroll`);
    assert.ok(layout.tableOverflow <= 0, `${example}: the table fits its card`);
  }
  await screenshot(tab.page, 'review-2-times-375', '#token-1 .times');
  await tab.close();
});

/** A docker config.json as `docker login` leaves it with four registries: only ACR's holds a JWT. */
function dockerConfig() {
  const config = JSON.parse(buildExample('docker-config', NOW));
  config.auths['https://index.docker.io/v1/'] = { auth: Buffer.from('octocat:dckr_pat_NOTREAL0000').toString('base64') };
  config.auths['quay.io'] = { username: 'acme+ci', password: 'QUAY-NOT-REAL-SECRET' };
  config.auths['registry.example.com'] = { identitytoken: 'opaque-identity-NOT-REAL' };
  config.credHelpers = { 'gcr.io': 'gcloud' };
  return JSON.stringify(config, null, '\t');
}

test('a docker config names its other registries and users, never their passwords', async () => {
  const tab = await openPage(site, { now: NOW });
  await paste(tab.page, dockerConfig());
  const cards = await tokenCards(tab.page);
  assert.equal(cards.length, 1);
  assert.equal(cards[0].badge, 'ACR refresh');
  const others = await tab.page.evaluate(() => {
    const section = document.querySelector('section.docker-others');
    return section && {
      title: section.querySelector('h2, h3').textContent,
      items: [...section.querySelectorAll('li')].map((li) => li.textContent),
    };
  });
  assert.ok(others, 'the other entries are shown');
  assert.match(others.title, /other .*docker config/i);
  await screenshot(tab.page, 'review-2-docker-others', 'section.docker-others');
  assert.deepEqual(others.items, [
    'ghcr.io: user monalisa; password/auth not shown.',
    'https://index.docker.io/v1/ (Docker Hub): user octocat; password/auth not shown.',
    'quay.io: user acme+ci; password/auth not shown.',
    'registry.example.com: an identity token (not a JWT); not shown.',
    'gcr.io: credentials kept by the credential helper docker-credential-gcloud.',
  ]);
  // No secret (nor the base64 that carries it) anywhere outside the input box.
  const shown = await tab.page.evaluate(() => document.getElementById('results').textContent + document.getElementById('status').textContent);
  for (const secret of ['dckr_pat_NOTREAL0000', 'QUAY-NOT-REAL-SECRET', 'opaque-identity-NOT-REAL', 'not-a-real-password',
    Buffer.from('octocat:dckr_pat_NOTREAL0000').toString('base64'), Buffer.from('monalisa:not-a-real-password').toString('base64')]) {
    assert.ok(!shown.includes(secret), 'a secret of the config is shown');
  }
  // The registry the token came from is not listed again; a config with no token lists all.
  assert.ok(!others.items.some((t) => t.includes('azurecr.io')));
  await paste(tab.page, JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from('monalisa:x').toString('base64') } } }));
  const lone = await tab.page.evaluate(() => [...document.querySelectorAll('section.docker-others li')].map((li) => li.textContent));
  assert.deepEqual(lone, ['ghcr.io: user monalisa; password/auth not shown.']);
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test('the local times say which time zone they are in', async () => {
  // A zone ICU names as given (Asia/Kolkata would come back as its alias Asia/Calcutta).
  const tab = await openZoned('America/Sao_Paulo');
  await paste(tab.page, buildExample('github-oidc', NOW));
  const { header, exp } = await tab.page.evaluate(() => ({
    header: document.querySelector('#token-1 .times thead th:nth-child(3)').textContent,
    exp: document.querySelector('#token-1 .times tr[data-claim="exp"] td:nth-of-type(2) .block').textContent,
  }));
  assert.match(header, /America\/Sao_Paulo/);
  // The local time shown is that zone's (UTC-3), not the machine's.
  const expSeconds = Number(await tab.page.textContent('#token-1 .times tr[data-claim="exp"] td code'));
  assert.equal(exp, new Date(expSeconds * 1000).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'America/Sao_Paulo' }));
  // Named once per table: not repeated on every row.
  assert.equal(await tab.page.evaluate(() => document.querySelector('#token-1 .times').textContent.split('America/Sao_Paulo').length - 1), 1);
  assert.deepEqual(tab.errors, []);
  await tab.close();
});
