// Debian's Chromium driven by playwright-core (never a downloaded browser), offline, as root.
// Plus what the page tests share: the built page served, a page opened with every request recorded
// (and anything off-origin aborted), and helpers to paste like a person and wait for the result.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { siteDir } from '../../scripts/build.mjs';
import { serve } from '../../scripts/serve.mjs';
import { root } from './node.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Where page screenshots go (test artifacts, looked at by people). */
export const SCREENSHOTS = join(root, 'test-results', 'page');

/** The files the page is made of: the only requests it may ever make. */
export const PAGE_FILES = [
  '/', '/style.css', '/boot.js', '/app.js', '/examples.js', '/claims.js', '/worker.js', '/analyse.js',
  '/pkg/acr_login.js', '/pkg/acr_login_wasm.js', '/pkg/catalog-examples.js',
];

/** Serves the built page (build/www, as it ships) and launches Chromium; `close()` stops both. */
export async function startSite() {
  const site = await serve(siteDir());
  // Every request the server sees, whoever made it: a request the browser hid from the routing
  // layer would still show up here.
  site.served = [];
  site.server.on('request', (req) => site.served.push(req.url));
  const browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: site.url,
    served: site.served,
    browser,
    async close() {
      await browser.close();
      site.server.close();
    },
  };
}

/**
 * Opens the page in a fresh context. Every request is intercepted and recorded (`requests`, with
 * the moment it happened relative to the page being ready); anything not on the page's own origin
 * is aborted. `now` (Unix seconds) fixes the page's clock so relative times are exact.
 */
export async function openPage(site, { colorScheme = 'light', width = 1280, height = 900, now, hash = '' } = {}) {
  const context = await site.browser.newContext({
    colorScheme,
    viewport: { width, height },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const origin = new URL(site.url).origin;
  const requests = [];
  let ready = false;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push({ url, afterReady: ready });
    return new URL(url).origin === origin ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  if (now !== undefined) await page.clock.setFixedTime(now * 1000);
  await page.goto(site.url + hash);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  ready = true;
  return { context, page, requests, errors, close: () => context.close() };
}

/**
 * Pastes `text` over the input's content as the browser would: a `paste` event carrying the text
 * (the page takes large pastes itself), else the text inserted and an `input` event of type
 * insertFromPaste. Waits for the result.
 */
export async function paste(page, text) {
  // The same text again is not re-analysed (nothing changed): what is shown is already its result.
  if ((await page.inputValue('#input')) === text) return;
  const before = await analysedCount(page);
  await page.evaluate((t) => {
    const input = document.getElementById('input');
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const taken = !input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    if (taken) return;
    input.value = t;
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  }, text);
  await waitForAnalysis(page, before, 60_000);
}

/** Picks an example from the menu and waits for its explanation. */
export async function pickExample(page, id) {
  const before = await analysedCount(page);
  await page.selectOption('#examples', id);
  await waitForAnalysis(page, before);
}

export async function analysedCount(page) {
  return page.evaluate(() => Number(document.body.dataset.analysed ?? 0));
}

export async function waitForAnalysis(page, before, timeout = 30_000) {
  await page.waitForFunction((b) => Number(document.body.dataset.analysed ?? 0) > b, before, { timeout });
}

/** Presses Tab until `selector` has focus (at most `max` times); returns how many presses it took. */
export async function tabTo(page, selector, max = 400) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Saves a screenshot of the whole page (or of `selector`) under test-results/page/. */
export async function screenshot(page, name, selector) {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (!selector) {
    await page.screenshot({ path });
    return path;
  }
  // The element scrolled to the top of a viewport stretched to show up to 2400 px of it: element
  // and full-page screenshots of a long page take Chromium tens of seconds without a GPU.
  const original = page.viewportSize();
  const height = await page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().height);
  await page.setViewportSize({ width: original.width, height: Math.ceil(Math.max(original.height, Math.min(2400, height))) });
  const y = await page.locator(selector).first().evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    return Math.max(0, el.getBoundingClientRect().top);
  });
  const viewport = page.viewportSize();
  await page.screenshot({ path, clip: { x: 0, y, width: viewport.width, height: Math.max(1, Math.min(viewport.height - y, height)) } });
  await page.setViewportSize(original);
  return path;
}

/** What the page shows for each token, read back from the DOM as plain data. */
export function tokenCards(page) {
  return page.evaluate(() => [...document.querySelectorAll('.token-card')].map((card) => {
    const text = (sel) => card.querySelector(sel)?.textContent ?? null;
    return {
      title: text('h3'),
      badge: text('h3 .badge'),
      chip: text('.token-head .chip'),
      summary: text('.summary'),
      source: text('.source'),
      warnings: [...card.querySelectorAll('li.warning')].map((li) => ({
        code: li.dataset.code, severity: li.className.match(/sev-(\w+)/)?.[1], text: li.textContent,
        link: li.querySelector('a.catalog-id')?.getAttribute('href') ?? null,
      })),
      times: [...card.querySelectorAll('.times tbody tr')].map((tr) => ({ claim: tr.dataset.claim, text: tr.textContent })),
      lifetime: card.querySelector('.lifetime') ? { state: card.querySelector('.lifetime').className.split(' ')[1], label: card.querySelector('.lifetime').getAttribute('aria-label') } : null,
      claims: [...card.querySelectorAll('.claims tbody tr')].map((tr) => ({
        where: tr.dataset.where, claim: tr.dataset.claim,
        value: tr.querySelector('td.value code')?.textContent, meaning: tr.querySelector('td.meaning')?.textContent,
      })),
      segments: {
        header: text('.jwt-text .seg-header'), payload: text('.jwt-text .seg-payload'), signature: text('.jwt-text .seg-signature'),
        decodedHeader: text('.seg-header-pane pre'), decodedPayload: text('.seg-payload-pane pre'), signatureInfo: text('.seg-signature-pane p'),
      },
      facts: Object.fromEntries([...card.querySelectorAll('.kind-section dl.facts dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
      fic: Object.fromEntries([...card.querySelectorAll('.fic-table tr')].map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent])),
      commands: [...card.querySelectorAll('.command code')].map((c) => c.textContent),
      verdict: text('.verdict'),
      permissions: [...card.querySelectorAll('table.permissions tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      permissionsCaption: text('table.permissions caption'),
      explanations: [...card.querySelectorAll('.kind-section .explanation')].map((p) => p.textContent),
      signatureNote: text('.signature-note'),
    };
  }));
}

/** The findings, highlights and log lines the page shows, read back from the DOM. */
export function logView(page) {
  return page.evaluate(() => ({
    findings: [...document.querySelectorAll('article.finding')].map((f) => ({
      id: f.dataset.id,
      title: f.querySelector('h3')?.textContent,
      meta: f.querySelector('.meta')?.textContent,
      catalogHref: f.querySelector('.meta a.catalog-id')?.getAttribute('href'),
      jump: f.querySelector('button.jump')?.textContent,
      matched: f.querySelector('blockquote.matched')?.textContent ?? null,
      params: Object.fromEntries([...f.querySelectorAll('.params dt')].map((dt) => [dt.textContent, dt.nextElementSibling.querySelector('code').textContent])),
      cause: f.querySelector('.cause')?.textContent ?? null,
      steps: [...f.querySelectorAll('ol.steps > li')].map((li) => ({ text: li.querySelector('p').textContent, code: li.querySelector('.command code')?.textContent ?? null })),
      docs: [...f.querySelectorAll('.docs a')].map((a) => a.getAttribute('href')),
      evidence: [...f.querySelectorAll('ul.evidence li')].map((li) => li.textContent),
    })),
    marks: [...document.querySelectorAll('.log-lines mark')].map((m) => ({ findings: m.dataset.findings.split(' ').map(Number), line: Number(m.closest('.ln').id.slice(1)), text: m.textContent })),
    lines: [...document.querySelectorAll('.log-lines .ln')].map((l) => Number(l.id.slice(1))),
    gaps: [...document.querySelectorAll('.log-lines .gap')].map((g) => g.textContent),
    logTitle: document.getElementById('log-title')?.textContent ?? null,
    nothingKnown: document.querySelector('.nothing-known') ? {
      title: document.getElementById('nothing-title').textContent,
      text: document.querySelector('.nothing-known').textContent,
      candidates: [...document.querySelectorAll('.candidates li')].map((li) => li.dataset.id),
    } : null,
    summary: document.querySelector('.findings > .summary')?.textContent ?? null,
    status: document.getElementById('status').textContent,
  }));
}
