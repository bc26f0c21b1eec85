// The page decodes a pasted JWT with the shared wasm, in a real browser, served as plain files.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { siteDir } from '../scripts/build.mjs';
import { serve } from '../scripts/serve.mjs';
import { launch } from './support/browser.mjs';

let browser;
let site;
before(async () => {
  site = await serve(siteDir());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.server.close();
});

test('paste a JWT → decoded claims shown (Chromium)', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:octo-org/octo-repo:environment:prod' })}.c2ln`;
  await page.fill('#input', token);
  await page.waitForFunction(() => document.body.innerText.includes('repo:octo-org/octo-repo:environment:prod'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the worker starts before the page script is ready, and nothing it says meanwhile is lost', async () => {
  // boot.js starts the worker while app.js waits for its modules; here one of those is held back
  // until the worker has surely announced itself, so app.js must get that message replayed.
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let workerAsked = 0;
  page.on('request', (r) => { if (r.url().endsWith('/worker.js')) workerAsked = Date.now(); });
  let claimsAsked = 0;
  await page.route('**/claims.js', async (route) => {
    claimsAsked = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 20_000 });
  assert.ok(workerAsked > 0 && workerAsked - claimsAsked < 1000, 'worker.js was asked for while app.js still waited');
  assert.ok(await page.$('#catalog-list article.entry'), 'the catalog (from the worker\'s first message) is shown');
  await page.fill('#input', 'Error response from daemon: Get "https://myacr.azurecr.io/v2/": unauthorized: authentication required');
  await page.waitForSelector('article.finding', { timeout: 10_000 });
  assert.deepEqual(errors, []);
  await page.close();
});
