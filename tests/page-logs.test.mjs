// The log view, in Chromium: each failing-log example is pasted and the findings the page shows
// (order, titles, spans highlighted in the log, parameters, cause, fix steps, links) are compared
// with the core's scan of the same text; then jump-to-line, copyable fixes, "nothing known", the
// excerpt mode of long logs and a 10 MB paste.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyse, catalog, load, stripAnsi } from '../www/analyse.js';
import { EXAMPLES, buildExample } from '../www/examples.js';
import { analysedCount, logView, openPage, paste, screenshot, startSite, waitForAnalysis } from './support/browser.mjs';

const NOW = 1795339800;
const plain = (s) => s.replaceAll('`', '');

let site;
let tab;
let entries;

before(async () => {
  await load();
  entries = new Map(catalog().map((e) => [e.id, e]));
  site = await startSite();
  tab = await openPage(site, { now: NOW });
});
after(async () => {
  await tab?.close();
  await site?.close();
});

/** Compares the rendered log view with the core's scan of `text`. */
function assertLogView(view, text, label) {
  const { scan } = analyse(text, NOW);
  const at = (what) => `${label}: ${what}`;
  assert.deepEqual(view.findings.map((f) => f.id), scan.findings.map((f) => f.id), at('findings in the core\'s (root-cause) order'));
  scan.findings.forEach((f, i) => {
    const shown = view.findings[i];
    const entry = entries.get(f.id);
    assert.ok(shown.title.endsWith(f.title), at(`${f.id} title`));
    assert.equal(shown.catalogHref, `#${f.id}`, at(`${f.id} links its catalog entry`));
    assert.ok(shown.meta.includes(f.category), at(`${f.id} category`));
    assert.equal(shown.jump, `Line ${f.line}, column ${f.column}`, at(`${f.id} position`));
    if (f.matched) assert.equal(shown.matched, f.matched, at(`${f.id} matched text`));
    // Every value read in the log is listed; the credential name derived from the subject only fills the fix.
    for (const [k, v] of Object.entries(f.params)) {
      if (k !== 'credentialName') assert.ok(Object.values(shown.params).includes(String(v)), at(`${f.id} parameter ${k}`));
    }
    assert.deepEqual(shown.evidence, f.evidence.map(plain), at(`${f.id} evidence`));
    assert.equal(shown.cause, plain(entry.cause), at(`${f.id} cause`));
    assert.deepEqual(shown.steps.map((s) => s.text), entry.fix.map((s) => plain(s.text)), at(`${f.id} fix steps`));
    entry.fix.forEach((s, k) => {
      if (!s.code) return assert.equal(shown.steps[k].code, null);
      // The command is the catalog's, with placeholders filled from the log's own values.
      const pattern = new RegExp(`^${s.code.split(/<[A-Z][A-Z0-9_ -]*>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?')}$`, 's');
      assert.match(shown.steps[k].code, pattern, at(`${f.id} step ${k + 1} command`));
    });
    assert.deepEqual(shown.docs, entry.docs, at(`${f.id} doc links`));
    // The span the core reports is what is highlighted, on the line it reports.
    const marks = view.marks.filter((m) => m.findings.includes(i + 1));
    assert.ok(marks.length > 0, at(`${f.id} highlighted`));
    assert.equal(marks[0].line, f.line, at(`${f.id} highlight line`));
    assert.equal(marks.map((m) => m.text).join(''), stripAnsi(text.slice(f.start, f.end)).replace(/\r?\n/g, ''), at(`${f.id} highlighted span`));
  });
  const causes = scan.findings.some((f) => f.strength === 'root-cause' || f.strength === 'likely-cause');
  if (!causes) {
    assert.equal(view.nothingKnown?.title, scan.findings.length ? 'No known cause found' : 'No known failure found', at('says no cause is known'));
    assert.deepEqual(view.nothingKnown.candidates, scan.candidates.map((c) => c.id), at('closest candidates'));
    if (scan.summary) assert.ok(view.nothingKnown.text.includes(plain(scan.summary)), at('the scanner\'s summary'));
  } else {
    assert.equal(view.nothingKnown, null, at('no "nothing known" when a cause was found'));
    assert.equal(view.summary, plain(scan.summary), at('summary'));
  }
  return scan;
}

const LOGS = EXAMPLES.filter((e) => e.group === 'Failing logs');

describe('failing-log examples', () => {
  for (const example of LOGS) {
    test(example.label, async () => {
      const text = buildExample(example.id, NOW);
      await paste(tab.page, text);
      const scan = assertLogView(await logView(tab.page), text, example.id);
      if (scan.rootCause) {
        assert.match(await tab.page.textContent('#status'), new RegExp(`${scan.findings.length} findings?, root cause first`));
        assert.equal(scan.findings[0].id, scan.rootCause);
      }
      assert.deepEqual(tab.errors, []);
      await screenshot(tab.page, `log-${example.id}`, '#results');
    });
  }
});

test('every failing-log example except the unknown one is recognised, its root cause first', () => {
  const missed = LOGS.filter((e) => e.id !== 'log-unknown' && !analyse(e.build(NOW), NOW).scan.findings.length).map((e) => e.id);
  assert.deepEqual(missed, [], 'examples the scanner does not recognise');
  const subject = analyse(buildExample('log-subject', NOW), NOW).scan;
  assert.equal(subject.findings[0].id, 'AL013');
});

test('a finding jumps to its line and selects the match in the input', async () => {
  const text = buildExample('log-subject', NOW);
  await paste(tab.page, text);
  const f = analyse(text, NOW).scan.findings[0];
  await tab.page.click('article.finding button.jump');
  assert.equal(await tab.page.evaluate(() => document.activeElement.id), `L${f.line}`);
  const selection = await tab.page.evaluate(() => {
    const input = document.getElementById('input');
    return [input.selectionStart, input.selectionEnd];
  });
  assert.deepEqual(selection, [f.start, f.end]);
  const visible = await tab.page.evaluate((id) => {
    const line = document.getElementById(id).getBoundingClientRect();
    const box = document.querySelector('.log-lines').getBoundingClientRect();
    return line.top >= box.top && line.bottom <= box.bottom && line.top >= 0 && line.bottom <= innerHeight;
  }, `L${f.line}`);
  assert.ok(visible, 'the line is scrolled into view');
  await screenshot(tab.page, 'log-jumped');
});

test('the fix command carries the subject from the log, and copies exactly', async () => {
  const text = buildExample('log-subject', NOW);
  await paste(tab.page, text);
  const view = await logView(tab.page);
  const command = view.findings[0].steps.find((s) => s.code)?.code;
  assert.ok(command.includes('repo:octo-org/octo-repo:environment:production'), 'placeholder filled with the presented subject');
  assert.ok(command.includes('"name": "octo-org-octo-repo-env-production"'), `the credential named as decodeToken names it: ${command}`);
  assert.ok(!Object.values(view.findings[0].params).includes('octo-org-octo-repo-env-production'), 'a derived name is not listed as taken from the log');
  await tab.page.click('article.finding ol.steps .command button.copy');
  assert.equal(await tab.page.evaluate(() => navigator.clipboard.readText()), command);
  await tab.page.click('article.finding .params dd button.copy');
  assert.equal(await tab.page.evaluate(() => navigator.clipboard.readText()), 'repo:octo-org/octo-repo:environment:production');
});

test('a refusal printed without its host gets the one registry the log names, in its fix command', async () => {
  const text = buildExample('log-firewall', NOW);
  await paste(tab.page, text);
  const view = await logView(tab.page);
  const firewall = view.findings.find((f) => f.title.endsWith('The registry firewall refused this client\'s IP'));
  assert.ok(Object.values(firewall.params).includes('contosoregistry.azurecr.io'), 'the registry is listed as taken from the log');
  assert.equal(firewall.steps.find((s) => s.code)?.code, 'az acr network-rule add -n contosoregistry --ip-address 20.42.7.133');
});

test('an unknown failure: said plainly, no cause invented, generic lines shown as symptoms', async () => {
  const text = buildExample('log-unknown', NOW);
  await paste(tab.page, text);
  const view = await logView(tab.page);
  const { scan } = analyse(text, NOW);
  assert.equal(scan.rootCause, null);
  assert.ok(scan.findings.every((f) => f.strength === 'symptom' || f.strength === 'consequence'));
  assert.equal(view.nothingKnown.title, scan.findings.length ? 'No known cause found' : 'No known failure found');
  assert.equal(await tab.page.textContent('#findings-title').catch(() => null), scan.findings.length ? 'Lines that say something failed (symptoms, not causes)' : null);
  assert.match(view.status, scan.findings.length ? /no known cause, 1 generic failure line/ : /no known failure/);
  // Plain text that holds no failure at all.
  await paste(tab.page, 'hello\nworld\nnothing to see here');
  const quiet = await logView(tab.page);
  assert.deepEqual(quiet.findings, []);
  assert.equal(quiet.nothingKnown.title, 'No known failure found');
  await screenshot(tab.page, 'log-nothing-known', '#results');
});

/** A CI log of `lines` noise lines with `failure` at line `at` (1-based). */
function bigLog(lines, at, failure) {
  const out = [];
  for (let i = 1; i <= lines; i++) {
    out.push(i === at ? failure : `2026-11-22T09:${String(10 + (i % 50)).padStart(2, '0')}:03.1234567Z step ${i}: compiling module_${i % 977} (${'x'.repeat(i % 90)})`);
  }
  return out.join('\n');
}

const FAILURE = "2026-11-22T09:14:06.0004567Z ERROR: AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:octo-org/octo-repo:ref:refs/heads/main'. Trace ID: 3b2f8c1a-7d6e-4f5a-9b0c-1d2e3f4a5b00 Correlation ID: 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968 Timestamp: 2026-11-22 09:14:05Z";

test('a long log shows the lines around each finding, with the gaps counted', async () => {
  const text = bigLog(5000, 4000, FAILURE);
  await paste(tab.page, text);
  const view = assertLogView(await logView(tab.page), text, 'long log') && (await logView(tab.page));
  assert.match(view.logTitle, /5,000 lines; the lines around each finding/);
  assert.deepEqual(view.lines, [3997, 3998, 3999, 4000, 4001, 4002, 4003]);
  assert.deepEqual(view.gaps, ['… 3,996 lines not shown …', '… 997 lines not shown …']);
  await tab.page.click('article.finding button.jump');
  assert.equal(await tab.page.evaluate(() => document.activeElement.id), 'L4000');
});

test('a real Ctrl+V of a 100 KB log replaces the selection, and the analysis is of the text the box then holds', async () => {
  // Above 16 KB the page inserts the text itself: the worker gets the new text at once, and the box
  // takes it right after the explanation is drawn. Both must agree, selection replaced, caret after
  // the insertion.
  const { page } = tab;
  await page.click('#clear');
  await page.fill('#input', 'head line 1\nhead line 2\nREPLACE ME\ntail line');
  const pasted = bigLog(800, 700, FAILURE);
  assert.ok(pasted.length > 64_000 && pasted.length < 512 * 1024, `${pasted.length} chars`);
  await page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
  await page.evaluate(() => {
    const input = document.getElementById('input');
    const at = input.value.indexOf('REPLACE ME');
    input.focus();
    input.setSelectionRange(at, at + 'REPLACE ME'.length);
  });
  await page.evaluate(() => {
    // What the box holds when the first finding appears.
    const input = document.getElementById('input');
    window.__atExplanation = null;
    document.querySelectorAll('article.finding').forEach((a) => a.remove());
    const seen = new MutationObserver(() => {
      if (!document.querySelector('article.finding')) return;
      window.__atExplanation = { chars: input.value.length, readOnly: input.readOnly };
      seen.disconnect();
    });
    seen.observe(document.body, { childList: true, subtree: true });
  });
  const before = await analysedCount(page);
  await page.keyboard.press('Control+V');
  await waitForAnalysis(page, before);
  const expected = `head line 1\nhead line 2\n${pasted}\ntail line`;
  assert.equal(await page.inputValue('#input'), expected);
  const atExplanation = await page.evaluate(() => window.__atExplanation);
  assert.deepEqual(atExplanation, { chars: 'head line 1\nhead line 2\nREPLACE ME\ntail line'.length, readOnly: true },
    'the explanation is drawn before the box takes (and lays out) the pasted text, and the box waits read-only');
  assert.equal(await page.evaluate(() => document.getElementById('input').readOnly), false, 'editable again once the text is in');
  const caret = await page.evaluate(() => [document.getElementById('input').selectionStart, document.getElementById('input').selectionEnd]);
  assert.deepEqual(caret, [24 + pasted.length, 24 + pasted.length]);
  const view = await logView(page);
  assertLogView(view, expected, 'spliced paste');
  assert.equal(view.findings[0].jump, 'Line 702, column 37', 'the line counts the two lines above the paste');
});

test('a 10 MB paste is explained; the box shows a read-only preview so the page stays fast', async () => {
  const lines = 95_000;
  const text = bigLog(lines, lines - 10, FAILURE);
  assert.ok(text.length > 10_000_000, `${text.length} chars`);
  await paste(tab.page, text);
  const view = await logView(tab.page);
  assert.equal(view.findings[0]?.id, 'AL013');
  assert.equal(view.findings[0].jump, `Line ${lines - 10}, column 37`);
  assert.ok(view.lines.includes(lines - 10));
  const state = await tab.page.evaluate(() => ({
    notice: !document.getElementById('large').hidden,
    text: document.getElementById('large-text').textContent,
    readOnly: document.getElementById('input').readOnly,
    shown: document.getElementById('input').value.length,
  }));
  assert.equal(state.notice, true);
  assert.equal(state.readOnly, true);
  assert.ok(state.shown <= 64 * 1024 && state.shown > 30_000, `${state.shown} characters shown`);
  assert.match(state.text, /^Large input: 10\.\d million characters, 95,000 lines\. All of it is analysed/);
  // Jumping to a line beyond the preview still works in the log view.
  await tab.page.click('article.finding button.jump');
  assert.equal(await tab.page.evaluate(() => document.activeElement.id), `L${lines - 10}`);
  assert.deepEqual(tab.errors, []);
});

test('a large paste can be edited whole on request, or cleared', async () => {
  const text = bigLog(8000, 7000, FAILURE);
  assert.ok(text.length > 512 * 1024);
  await paste(tab.page, text);
  assert.equal(await tab.page.isVisible('#large'), true);
  await tab.page.click('#large-edit');
  assert.equal(await tab.page.inputValue('#input'), text);
  assert.equal(await tab.page.evaluate(() => document.getElementById('input').readOnly), false);
  assert.equal(await tab.page.isVisible('#large'), false);
  assert.equal((await logView(tab.page)).findings[0].id, 'AL013', 'still explained (same text)');
  await paste(tab.page, text + '\nmore');
  const before = await tab.page.evaluate(() => Number(document.body.dataset.analysed));
  await tab.page.click('#large-clear');
  await tab.page.waitForFunction((b) => Number(document.body.dataset.analysed) > b, before);
  assert.equal(await tab.page.inputValue('#input'), '');
  assert.equal(await tab.page.isVisible('#large'), false);
  assert.equal(await tab.page.evaluate(() => document.getElementById('results').children.length), 0);
});
