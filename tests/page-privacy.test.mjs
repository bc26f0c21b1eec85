// Privacy and security of the page, in Chromium: after its own files load it makes no request at
// all, whatever is pasted (every request is intercepted, and the server counts what reaches it);
// the CSP is really enforced (an injected inline script, eval, a fetch, a foreign image are all
// blocked); nothing is stored; nothing pasted ever reaches the URL.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { siteDir } from '../scripts/build.mjs';
import { CSP } from '../scripts/serve.mjs';
import { EXAMPLES, buildExample } from '../www/examples.js';
import { PAGE_FILES, openPage, paste, pickExample, startSite } from './support/browser.mjs';
import { root } from './support/node.mjs';

let site;
let tab;

before(async () => {
  site = await startSite();
  tab = await openPage(site);
});
after(async () => {
  await tab?.close();
  await site?.close();
});

const path = (url) => new URL(url).pathname;

test('loading fetches the page\'s own files and nothing else (worker and wasm included)', () => {
  assert.deepEqual([...new Set(tab.requests.map((r) => path(r.url)))].sort(), [...PAGE_FILES].sort());
  assert.ok(tab.requests.every((r) => new URL(r.url).origin === new URL(site.url).origin), 'same origin only');
  assert.deepEqual([...new Set(site.served)].sort(), [...PAGE_FILES].sort(), 'what reached the server');
});

test('the built page is exactly the files it loads, its own scripts and style sheet minified', () => {
  const shipped = readdirSync(siteDir(), { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
    .map((f) => `/${relative(siteDir(), join(f.parentPath, f.name)).split(sep).join('/')}`.replace(/^\/index\.html$/, '/'));
  assert.deepEqual(shipped.sort(), [...PAGE_FILES].sort(), 'a file in build/www that the page never loads, or one missing');
  for (const f of ['app.js', 'analyse.js', 'examples.js', 'claims.js', 'boot.js', 'worker.js', 'style.css']) {
    const [source, built] = [join(root, 'www', f), join(siteDir(), f)].map((p) => readFileSync(p, 'utf8'));
    assert.ok(built.length < source.length * 0.9, `${f} is not minified (${built.length} of ${source.length} bytes)`);
    assert.doesNotMatch(built, /^\s*\/\//m, `${f} still has comments`);
  }
});

test('pasting every example, typing, jumping and opening the catalog makes zero requests', async () => {
  const served = site.served.length;
  for (const example of EXAMPLES) await pickExample(tab.page, example.id);
  await paste(tab.page, buildExample('log-subject', Math.floor(Date.now() / 1000)));
  await tab.page.click('article.finding button.jump');
  await tab.page.click('article.finding .meta a.catalog-id');
  await tab.page.fill('#catalog-search', 'firewall');
  await tab.page.focus('#input');
  await tab.page.keyboard.type(' more text typed by hand');
  await tab.page.waitForTimeout(300);
  assert.deepEqual(tab.requests.filter((r) => r.afterReady).map((r) => r.url), [], 'requests after the page was ready');
  assert.equal(site.served.length, served, 'requests that reached the server');
  assert.deepEqual(tab.errors, []);
});

test('nothing is stored: no localStorage, sessionStorage, cookies, IndexedDB or caches', async () => {
  await paste(tab.page, buildExample('github-oidc', Math.floor(Date.now() / 1000)));
  const stored = await tab.page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '', idb: 0, caches: 0 });
  const cookies = await tab.context.cookies();
  assert.deepEqual(cookies, []);
});

test('no token ever reaches the URL: no query, and the only fragments are catalog anchors', async () => {
  const token = buildExample('acr-refresh', Math.floor(Date.now() / 1000));
  await paste(tab.page, token);
  const url = new URL(tab.page.url());
  assert.equal(url.search, '');
  assert.ok(url.hash === '' || /^#(AL\d{3}|catalog|decoder|results)$/.test(url.hash), url.hash);
  assert.ok(!tab.page.url().includes(token.slice(0, 20)));
  const history = await tab.page.evaluate(() => history.length);
  assert.ok(history < 10, 'pasting does not push history entries');
});

test('the CSP is enforced: inline script, eval, fetch and a foreign image are all refused', async () => {
  const served = site.served.length;
  const outcome = await tab.page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.head.append(s);
    // A string timer is eval run later by the page itself (code evaluated through the DevTools
    // protocol, like this function, is exempt from CSP; the timer's string is not).
    setTimeout('window.__evaluated = true;', 0);
    let fetchResult;
    try {
      await fetch('/index.html');
      fetchResult = 'fetched';
    } catch (e) {
      fetchResult = e.name;
    }
    const img = new Image();
    const imgResult = await new Promise((ok) => {
      img.onload = () => ok('loaded');
      img.onerror = () => ok('blocked');
      img.src = 'https://example.com/pixel.png';
    });
    await new Promise((r) => setTimeout(r, 100));
    return { injected: window.__injected === true, evaluated: window.__evaluated === true, fetchResult, imgResult, violations: [...new Set(violations)].sort() };
  });
  assert.deepEqual(outcome, {
    injected: false,
    evaluated: false,
    fetchResult: 'TypeError',
    imgResult: 'blocked',
    violations: ['connect-src', 'img-src', 'script-src', 'script-src-elem'].filter((d) => outcome.violations.includes(d)),
  });
  assert.ok(outcome.violations.includes('script-src-elem'), 'inline script reported');
  assert.ok(outcome.violations.includes('script-src'), 'string timer (eval) reported');
  assert.ok(outcome.violations.includes('connect-src'), 'fetch reported');
  assert.ok(outcome.violations.includes('img-src'), 'image reported');
  assert.equal(site.served.length, served, 'the blocked fetch never reached the server');
});

test('the page\'s meta CSP is the server\'s header policy (minus frame-ancestors, which meta cannot set)', async () => {
  const html = readFileSync(join(siteDir(), 'index.html'), 'utf8');
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.equal(meta, CSP.replace(/; frame-ancestors 'none'$/, ''));
  assert.match(meta, /connect-src 'none'/);
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  const response = await tab.page.request.get(site.url).catch(() => null);
  // The header is what protects a deployment that sends it; the meta tag covers one that cannot.
  if (response) assert.equal(response.headers()['content-security-policy'], CSP);
});

test('no inline script or style anywhere in the shipped files', () => {
  const html = readFileSync(join(siteDir(), 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script>');
  assert.doesNotMatch(html, /\sstyle=|<style/, 'inline style');
  assert.doesNotMatch(html, /\son[a-z]+=/, 'inline event handler');
  for (const f of ['boot.js', 'app.js', 'analyse.js', 'worker.js', 'examples.js', 'claims.js']) {
    const js = readFileSync(join(siteDir(), f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    assert.doesNotMatch(js, /\binnerHTML\b|insertAdjacentHTML|document\.write|\beval\(|localStorage|sessionStorage|document\.cookie|\bfetch\(|XMLHttpRequest|sendBeacon|WebSocket/, f);
  }
});

test('without Web Workers the page still works, in one thread, still without requests', async () => {
  const context = await site.browser.newContext();
  await context.addInitScript(() => { delete window.Worker; });
  const requests = [];
  context.on('request', (r) => requests.push(path(r.url())));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  const ready = requests.length;
  await paste(page, buildExample('log-subject', Math.floor(Date.now() / 1000)));
  assert.equal(await page.$eval('article.finding', (f) => f.dataset.id), 'AL013');
  assert.ok(await page.$('.log-lines mark'), 'log highlighted');
  assert.equal(requests.length, ready, 'no request after ready');
  assert.ok(!requests.includes('/worker.js'));
  assert.deepEqual(errors, []);
  await context.close();
});
