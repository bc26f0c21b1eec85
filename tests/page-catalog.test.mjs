// The catalog on the page, in Chromium: every entry at its stable anchor (#AL013 is what the
// action's log and job summary link to), deep links that open and focus the entry, search, and the
// way back from an entry to the decoder with its example.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { analyse, catalog, load } from '../www/analyse.js';
import { openPage, screenshot, startSite, waitForAnalysis, analysedCount } from './support/browser.mjs';

let site;
let entries;

before(async () => {
  await load();
  entries = catalog();
  site = await startSite();
});
after(() => site?.close());

test('every catalog entry is on the page at its own anchor, with its title, cause and fix', async () => {
  assert.ok(entries.length > 0, 'the core has a catalog');
  const tab = await openPage(site);
  const shown = await tab.page.$$eval('#catalog-list article.entry', (els) => els.map((el) => ({
    id: el.id, title: el.querySelector('h3').textContent, href: el.querySelector('h3 a').getAttribute('href'),
    cause: el.querySelector('.cause').textContent, steps: el.querySelectorAll('ol.steps > li').length,
    patterns: el.querySelectorAll('ul.patterns li').length,
  })));
  assert.deepEqual(shown.map((e) => e.id), entries.map((e) => e.id));
  entries.forEach((e, i) => {
    assert.equal(shown[i].title, `${e.id} ${e.title}`);
    assert.equal(shown[i].href, `#${e.id}`);
    assert.equal(shown[i].cause, e.cause.replaceAll('`', ''));
    assert.equal(shown[i].steps, e.fix.length);
    assert.equal(shown[i].patterns, e.patterns.length);
  });
  assert.equal(await tab.page.textContent('#catalog-count'), `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}.`);
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test('a deep link (#AL013, as the action prints it) opens, scrolls to and focuses that entry', async () => {
  const id = entries.find((e) => e.id === 'AL013') ? 'AL013' : entries[0].id;
  const tab = await openPage(site, { hash: `#${id}` });
  await tab.page.waitForFunction((x) => document.activeElement?.id === x, id);
  const state = await tab.page.evaluate((x) => {
    const el = document.getElementById(x);
    const r = el.getBoundingClientRect();
    return { open: !el.querySelector('.more').hidden && el.querySelector('button.disclosure').getAttribute('aria-expanded') === 'true', inView: r.top >= 0 && r.top < innerHeight, hidden: el.hidden };
  }, id);
  assert.deepEqual(state, { open: true, inView: true, hidden: false });
  await screenshot(tab.page, `catalog-${id}`);
  // Lower case and later navigation work too.
  const other = entries[entries.length - 1].id;
  await tab.page.evaluate((x) => { location.hash = x.toLowerCase(); }, other);
  await tab.page.waitForFunction((x) => document.activeElement?.id === x, other);
  await tab.close();
});

test('a deep link does not take the focus back once the user has moved it', async () => {
  // The entry is focused a frame or two after the jump (its neighbours must take their real height
  // first); a keyboard user may be elsewhere by then.
  const tab = await openPage(site);
  const focused = await tab.page.evaluate(async () => {
    const moved = new Promise((r) => addEventListener('hashchange', () => { document.getElementById('input').focus(); r(); }, { once: true }));
    location.hash = 'AL013';
    await moved;
    await new Promise((r) => setTimeout(r, 200));
    return document.activeElement.id;
  });
  assert.equal(focused, 'input');
  await tab.close();
});

test('search filters by ID, message text, category and words; the count is announced', async () => {
  const tab = await openPage(site);
  const visible = () => tab.page.$$eval('#catalog-list article.entry', (els) => els.filter((e) => !e.hidden).map((e) => ({ id: e.id, text: e.textContent.toLowerCase() })));
  for (const query of ['700213', 'assertion', 'oidc-subject-mismatch', 'federated credential']) {
    await tab.page.fill('#catalog-search', query);
    const shown = await visible();
    assert.ok(shown.length > 0, `${query}: something matches`);
    for (const e of shown) for (const word of query.split(' ')) assert.ok(e.text.includes(word), `${query}: ${e.id} contains ${word}`);
    assert.equal(await tab.page.textContent('#catalog-count'), `${shown.length} ${shown.length === 1 ? 'entry' : 'entries'} of ${entries.length} match.`);
  }
  await tab.page.fill('#catalog-search', 'al013');
  const byId = await visible();
  assert.equal(byId[0].id, 'AL013', 'searching an ID finds that entry (first, in ID order)');
  assert.ok(byId.every((e) => e.text.includes('al013')), 'and only entries that mention it');
  await tab.page.fill('#catalog-search', 'zzqx-nothing-like-this');
  assert.deepEqual(await visible(), []);
  assert.equal(await tab.page.textContent('#catalog-count'), `0 entries of ${entries.length} match.`);
  // Following a link to an entry the search hides clears the search.
  await tab.page.evaluate(() => { location.hash = '#AL013'; });
  await tab.page.waitForFunction(() => document.activeElement?.id === 'AL013');
  assert.equal(await tab.page.inputValue('#catalog-search'), '');
  await tab.page.fill('#catalog-search', '');
  assert.equal((await visible()).length, entries.length);
  await tab.close();
});

test('"Explain this example" sends an entry\'s example to the decoder, which recognises it', async () => {
  const tab = await openPage(site, { hash: '#AL013' });
  const entry = entries.find((e) => e.id === 'AL013');
  const before = await analysedCount(tab.page);
  await tab.page.click('#AL013 .more button');
  await waitForAnalysis(tab.page, before);
  assert.equal(await tab.page.inputValue('#input'), entry.examples[0].text);
  const first = await tab.page.$eval('article.finding', (f) => f.dataset.id);
  assert.equal(first, analyse(entry.examples[0].text, Math.floor(Date.now() / 1000)).scan.findings[0].id);
  assert.equal(first, 'AL013');
  assert.equal(await tab.page.evaluate(() => document.activeElement.id), 'input');
  await tab.close();
});
