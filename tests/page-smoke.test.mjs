// The page decodes a pasted JWT with the shared wasm, in a real browser, served as plain files.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../scripts/serve.mjs';
import { launch } from './support/browser.mjs';
import { root } from './support/node.mjs';

let browser;
let site;
before(async () => {
  site = await serve(join(root, 'www'));
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
