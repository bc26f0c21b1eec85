// Accessibility and layout of the page, in Chromium: axe-core finds no serious or critical
// violation in any view, light or dark, at 375 px or desktop width; the whole flow (example, token,
// copy, paste a log, jump, catalog, back to the decoder) works with the keyboard alone; nothing
// overflows sideways on a phone. Screenshots of every view land in test-results/page/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { buildExample } from '../www/examples.js';
import { analysedCount, openPage, paste, screenshot, startSite, tabTo, waitForAnalysis } from './support/browser.mjs';

const NOW = 1795339800;
let site;

before(async () => {
  site = await startSite();
});
after(() => site?.close());

const VIEWS = [
  ['token', () => buildExample('github-default-audience', NOW)],
  ['chain', () => buildExample('several', NOW)],
  ['acr', () => buildExample('acr-access', NOW)],
  ['log', () => buildExample('log-subject', NOW)],
  ['nothing-known', () => buildExample('log-unknown', NOW)],
];

/**
 * axe on the whole page, or only on what a view changes (`within`): axe on the long catalog is slow
 * (~6 s), so the whole-page pass leaves it out (`without`) and the catalog view checks it.
 */
async function seriousViolations(page, within, without) {
  const builder = new AxeBuilder({ page });
  if (within) builder.include(within);
  if (without) builder.exclude(without);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// Each pass spends most of its time in axe inside Chromium: four tabs at once take ~2/3 the time.
describe('axe', { concurrency: 4 }, () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 375]) {
      test(`axe: no serious or critical violation, ${colorScheme}, ${width} px, every view; no sideways overflow`, async () => {
        const tab = await openPage(site, { colorScheme, width, height: width < 500 ? 800 : 900, now: NOW });
        const problems = [];
        const check = async (name, within, without) => {
          for (const v of await seriousViolations(tab.page, within, without)) problems.push(`${name}: ${v}`);
          const overflow = await tab.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
          if (overflow > 0) problems.push(`${name}: the page is ${overflow} px wider than the ${width} px viewport`);
        };
        await check('empty', null, '#catalog');
        await screenshot(tab.page, `empty-${colorScheme}-${width}`);
        for (const [name, build] of VIEWS) {
          await paste(tab.page, build());
          await check(name, '#results');
          await screenshot(tab.page, `${name}-${colorScheme}-${width}`, '#results');
        }
        await tab.page.evaluate(() => { location.hash = '#AL013'; });
        await tab.page.waitForFunction(() => document.activeElement?.id === 'AL013');
        await check('catalog', '#catalog');
        await screenshot(tab.page, `catalog-${colorScheme}-${width}`);
        assert.deepEqual(problems, []);
        assert.deepEqual(tab.errors, []);
        await tab.close();
      });
    }
  }
});

test('the whole flow works with the keyboard alone', async () => {
  const tab = await openPage(site, { now: NOW });
  const { page } = tab;
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent);

  // The first Tab reaches the skip link; the examples menu is next in line and works with arrows.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await tabTo(page, '#examples');
  let before = await analysedCount(page);
  await page.keyboard.press('ArrowDown');
  await waitForAnalysis(page, before);
  assert.equal(await page.inputValue('#examples'), 'github-oidc');
  assert.match(await page.textContent('#status'), /GitHub OIDC/);

  // Copy the az command with Enter.
  await tabTo(page, 'button[aria-label="Copy the az ad app federated-credential create command"]');
  await page.keyboard.press('Enter');
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^az ad app federated-credential create --id <APP_CLIENT_ID> --parameters '/);

  // Back to the input (Shift+Tab), select all, paste a log with Ctrl+V (a real paste event).
  const log = buildExample('log-subject', NOW);
  await page.evaluate((t) => navigator.clipboard.writeText(t), log);
  for (let i = 0; i < 200 && (await focused()) !== 'input'; i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'input');
  before = await analysedCount(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await waitForAnalysis(page, before);
  assert.equal(await page.inputValue('#input'), log);

  // Jump to the finding's line with Enter: focus lands on the highlighted line.
  await tabTo(page, 'article.finding button.jump');
  await page.keyboard.press('Enter');
  const line = await page.$eval('article.finding button.jump', (b) => b.dataset.line);
  assert.equal(await focused(), `L${line}`);

  // Back to the finding's catalog link; Enter opens the catalog entry with focus on it.
  for (let i = 0; i < 50 && !(await page.evaluate(() => document.activeElement?.matches('ol.finding-list > li:first-child .meta a.catalog-id'))); i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'AL013');

  // From the entry, its example goes back to the decoder; the search box filters by typing.
  before = await analysedCount(page);
  await tabTo(page, '#AL013 .more button');
  await page.keyboard.press('Enter');
  await waitForAnalysis(page, before);
  assert.equal(await focused(), 'input');
  await tabTo(page, '#catalog-search');
  await page.keyboard.type('700213');
  assert.match(await page.textContent('#catalog-count'), /match\.$/);
  assert.deepEqual(tab.errors, []);
  await tab.close();
});

test('focus is always visible: every focusable control draws an outline', async () => {
  const tab = await openPage(site, { now: NOW });
  await paste(tab.page, buildExample('log-subject', NOW));
  const missing = [];
  for (let i = 0; i < 40; i++) {
    await tab.page.keyboard.press('Tab');
    const info = await tab.page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { what: `${el.tagName.toLowerCase()}#${el.id}.${el.className}`, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 };
    });
    if (!info.outline) missing.push(info.what);
  }
  assert.deepEqual(missing, []);
  await tab.close();
});
