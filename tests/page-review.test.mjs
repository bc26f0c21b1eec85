// The page as a demanding user meets it: what people really paste (a token a terminal wrapped, one
// in quotes or a shell assignment), what a screen reader hears while typing, where the keyboard
// focus is after following a catalog link and coming back, and words the page shows that must not
// mislead. Each test here was failing before the fix it guards (adversarial review of issue 6).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildExample, jwt } from '../www/examples.js';
import { openPage, paste, screenshot, startSite, tokenCards } from './support/browser.mjs';

const NOW = 1_790_000_000;
let site;

before(async () => {
  site = await startSite();
});
after(() => site?.close());

/** The text a terminal (tmux, a narrow console, `fold`) leaves when a long token is copied from it. */
const wrap = (text, width, eol = '\n') => text.match(new RegExp(`.{1,${width}}`, 'g')).join(eol);

test('a token wrapped over several lines by a terminal is joined back and decoded', async () => {
  const token = buildExample('github-oidc', NOW);
  const tab = await openPage(site, { now: NOW, width: 375 });
  for (const [name, text] of [
    ['LF', wrap(token, 80)],
    ['trailing blanks', wrap(token, 64, '  \n')],
    // Copied on Windows (the textarea keeps only the LF; the joining does not depend on that).
    ['CRLF', wrap(token, 76, '\r\n')],
    ['Bearer, quoted', `"Bearer ${wrap(token, 100)}"\n`],
  ]) {
    await paste(tab.page, text);
    const cards = await tokenCards(tab.page);
    assert.equal(cards.length, 1, `${name}: one token card`);
    const [card] = cards;
    assert.equal(card.badge, 'GitHub OIDC', name);
    assert.equal(card.chip, 'Valid now', name);
    assert.match(card.source, /split over \d+ lines/, `${name}: the card says the lines were joined`);
    assert.equal(card.segments.header + '.' + card.segments.payload + '.' + card.segments.signature, token, `${name}: the encoded view is the joined token`);
    assert.match(await tab.page.textContent('#status'), /^Detected a JWT split over \d+ lines/, name);
  }
  await screenshot(tab.page, 'review-wrapped-token-375', '#results');
  // Two tokens on two lines stay two tokens (nothing is joined across whole tokens).
  await paste(tab.page, `${token}\n${buildExample('entra-v1', NOW)}`);
  assert.deepEqual((await tokenCards(tab.page)).map((c) => c.badge), ['GitHub OIDC', 'Entra v1']);
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test('where a token was found reads as a sentence, for a quoted token and one in shell text', async () => {
  const token = buildExample('github-oidc', NOW);
  const tab = await openPage(site, { now: NOW });
  const sources = {};
  for (const [name, text] of [['quoted', `"${token}"`], ['assigned', `TOKEN="${token}"`], ['angle', `<${token}>`]]) {
    await paste(tab.page, text);
    sources[name] = (await tokenCards(tab.page))[0].source;
  }
  assert.deepEqual(sources, {
    quoted: 'Found in a quoted (JSON) string.',
    assigned: 'Found in the text.',
    angle: 'Found in the text.',
  });
  await tab.close();
});

test('the detected log format takes the right article: "an Azure DevOps log"', async () => {
  const log = [
    '2026-09-21T12:00:00.0000000Z ##[section]Starting: Docker login',
    '2026-09-21T12:00:01.0000000Z [command]/usr/bin/docker login -u 00000000-0000-0000-0000-000000000000 --password-stdin contosoregistry.azurecr.io',
    '2026-09-21T12:00:02.0000000Z Error response from daemon: Get "https://contosoregistry.azurecr.io/v2/": denied: client with IP \'20.1.2.3\' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.',
    '2026-09-21T12:00:02.1000000Z ##[error]Bash exited with code \'1\'.',
    '2026-09-21T12:00:02.2000000Z ##[section]Finishing: Docker login',
  ].join('\n');
  const tab = await openPage(site, { now: NOW });
  await paste(tab.page, log);
  assert.match(await tab.page.textContent('#status'), /^Detected an Azure DevOps log \(5 lines\)/);
  await tab.close();
});

/** Records every change of text in any live region of the page (what a screen reader would queue). */
function recordAnnouncements(page) {
  return page.evaluate(() => {
    window.announced = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const region = (r.target.nodeType === Node.TEXT_NODE ? r.target.parentElement : r.target).closest('[aria-live], [role="status"], [role="alert"], [role="log"]');
        if (region && region.id !== 'copy-status') window.announced.push(region.textContent);
      }
    });
    observer.observe(document.body, { childList: true, characterData: true, subtree: true });
  });
}

/** Every change recorded, repeats included: a screen reader may speak the same text again. */
const announcements = (page) => page.evaluate(() => window.announced.filter(Boolean));

test('typing is not announced keystroke by keystroke; the result is, once typing pauses', async () => {
  const tab = await openPage(site, { now: NOW });
  const { page } = tab;
  await recordAnnouncements(page);
  await page.focus('#input');
  const typed = 'Error response from daemon: unauthorized\nsecond line\nthird';
  await page.keyboard.type(typed, { delay: 120 }); // a brisk typist: slower than the page's debounce
  const whileTyping = await announcements(page);
  assert.ok(whileTyping.length <= 1, `${whileTyping.length} announcements while typing ${typed.length} keys: ${JSON.stringify(whileTyping.slice(0, 5))}…`);
  await page.waitForFunction(() => window.announced.some((t) => /3 lines/.test(t)), null, { timeout: 5000 });
  assert.match((await announcements(page)).at(-1), /^Detected a log \(3 lines\)/);
  // The visible status line itself stays current at every keystroke.
  assert.match(await page.textContent('#status'), /^Detected a log \(3 lines\)/);

  // A paste is announced at once.
  await page.evaluate(() => { window.announced = []; });
  await paste(page, buildExample('github-oidc', NOW));
  assert.match((await announcements(page)).join('\n'), /1 token \(GitHub OIDC\)/);

  // Typing in the catalog search: the visible count follows each key, the announcement the pause.
  await page.evaluate(() => { window.announced = []; });
  await page.focus('#catalog-search');
  await page.keyboard.type('firewall ip', { delay: 120 });
  assert.ok((await announcements(page)).length <= 1, `announced while typing a search: ${JSON.stringify(await announcements(page))}`);
  assert.match(await page.textContent('#catalog-count'), /match\.$/);
  await page.waitForFunction(() => window.announced.some((t) => /match\.$/.test(t)), null, { timeout: 5000 });
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test('back after following a finding\'s catalog link returns the keyboard focus to that link', async () => {
  const tab = await openPage(site, { now: NOW });
  const { page } = tab;
  await paste(page, buildExample('log-subject', NOW));
  await page.focus('article.finding .meta a.catalog-id');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'AL013');
  await page.goBack();
  await page.waitForFunction(() => location.hash === '');
  await page.waitForFunction(() => document.activeElement?.matches('article.finding .meta a.catalog-id'), null, { timeout: 3000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.closest('article')?.className ?? document.activeElement?.tagName), 'finding strength-root-cause first',
    'focus is back on the link in the finding, not left on the catalog entry off screen');
  // Forward goes to the entry again.
  await page.goForward();
  await page.waitForFunction(() => document.activeElement?.id === 'AL013');
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test('the lifetime bar never says 100% used while the token is still valid', async () => {
  const claims = { iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main', aud: 'api://AzureADTokenExchange', iat: NOW - 300, exp: NOW + 1 };
  const tab = await openPage(site, { now: NOW });
  await paste(tab.page, jwt({ alg: 'RS256', typ: 'JWT' }, claims));
  const [card] = await tokenCards(tab.page);
  assert.equal(card.chip, 'Valid now');
  assert.equal(card.lifetime.state, 'live');
  assert.equal(card.lifetime.label, 'Lifetime: 99% used; expires in 1 s.');
  await tab.close();
});

test('a failure seen on more lines than are listed says how many more there are', async () => {
  const line = 'Error response from daemon: Get "https://contosoregistry.azurecr.io/v2/": denied: client with IP \'20.1.2.3\' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.';
  const tab = await openPage(site, { now: NOW });
  await paste(tab.page, Array.from({ length: 40 }, () => line).join('\n'));
  const where = await tab.page.textContent('article.finding .where');
  assert.match(where, /seen 40 times/);
  // The core lists the first 20 other lines; 19 more exist and must not read as absent.
  assert.match(where, /\(also lines 2, 3, .*, 21 and 19 more\)/);
  await tab.close();
});

test('on a phone, the lifetime bar\'s "now" label never overprints its nbf/exp ends, nor leaves the bar', async () => {
  const tab = await openPage(site, { now: NOW, width: 375 });
  const overlaps = [];
  for (const example of ['not-yet-valid', 'acr-expired', 'github-oidc']) {
    await paste(tab.page, buildExample(example, NOW));
    const boxes = await tab.page.$eval('.lifetime', (bar) => {
      const box = (el) => { const r = el.getBoundingClientRect(); return { text: el.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
      return { bar: box(bar.querySelector('.bar')), now: box(bar.querySelector('.now-label')), ends: [...bar.querySelectorAll('.ends > span:not(.now-label)')].map(box) };
    });
    const { now, bar, ends } = boxes;
    for (const end of ends) {
      const apart = now.right <= end.left || now.left >= end.right || now.bottom <= end.top || now.top >= end.bottom;
      if (!apart) overlaps.push(`${example}: "${now.text}" overprints "${end.text}"`);
    }
    if (now.left < bar.left - 1 || now.right > bar.right + 1) overlaps.push(`${example}: "${now.text}" leaves the bar`);
  }
  await screenshot(tab.page, 'review-lifetime-375', '.lifetime');
  assert.deepEqual(overlaps, []);
  await tab.close();
});

test('a docker config.json with no token in it (credsStore) says why, not "no failure in this log"', async () => {
  // ~/.docker/config.json as Docker Desktop writes it: pretty-printed, the secrets in the keychain.
  const config = JSON.stringify({ auths: { 'contosoregistry.azurecr.io': {} }, credsStore: 'desktop' }, null, '\t');
  const tab = await openPage(site, { now: NOW });
  await paste(tab.page, config);
  const box = await tab.page.$eval('.nothing-known', (el) => ({
    title: el.querySelector('h2').textContent, text: el.textContent, code: [...el.querySelectorAll('code')].map((c) => c.textContent),
  }));
  assert.equal(box.title, 'No token found');
  assert.match(box.text, /credential helper \(credsStore \/ credHelpers\), so the file holds no token/);
  assert.deepEqual(box.code, ['az acr login --name <REGISTRY> --expose-token']);
  assert.doesNotMatch(box.text, /in this log/);
  assert.equal(await tab.page.textContent('#status'), 'Detected a docker config.json · no token found.');
  await tab.close();
});
