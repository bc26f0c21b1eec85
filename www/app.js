// The decoder page: one input, live analysis in a Web Worker (the shared wasm core), and three
// views rendered from the core's plain-object results: tokens, log findings, catalog.
// Privacy rules this file keeps: no fetch (the CSP forbids it anyway), no storage of any kind, and
// nothing pasted ever goes into the URL (the only fragments used are catalog IDs like #AL013).
// Every DOM node is built with textContent, never innerHTML: a paste is untrusted text.
import { adoptWorker } from './boot.js';
import { EXAMPLES, buildExample } from './examples.js';
import { claimMeaning, headerMeaning } from './claims.js';

const $ = (id) => document.getElementById(id);
const input = $('input');
const statusLine = $('status');
const results = $('results');

/**
 * The one live region for what the page has found (#status's text, the catalog's count): a screen
 * reader hears a paste, a pick or a click explained at once, but typing only once it pauses, not
 * one announcement per keystroke.
 */
const ANNOUNCE_PAUSE_MS = 1000;
const announcer = $('announcer');
let announceTimer = 0;

function announce(text, typed) {
  clearTimeout(announceTimer);
  const speak = () => { announcer.textContent = text; };
  if (typed) announceTimer = setTimeout(speak, ANNOUNCE_PAUSE_MS);
  else speak();
}

/** Whether the input last changed by typing (not by a paste, a drop, an example or a file). */
let typing = false;

function setStatus(text) {
  statusLine.textContent = text;
  announce(text, typing);
}

/** Unix seconds: the core never reads a clock, the page passes it in. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

// ---------------------------------------------------------------------------------------------
// DOM helpers

/** `h('a', {href, class: 'x', onclick}, 'text', node, [more])`: a DOM element; strings become text. */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Catalog and core texts mark code with backticks: `az acr login` → <code>. */
function prose(text) {
  return String(text ?? '').split(/(`[^`\n]+`)/).map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? h('code', {}, part.slice(1, -1)) : part));
}

const plural = (n, one, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A link to a catalog entry: an in-page anchor, the same address the action's log prints. */
function catalogLink(id, label = id) {
  return h('a', { href: `#${id}`, class: 'catalog-id', 'aria-label': label === id ? `Catalog entry ${id}` : undefined }, label);
}

function external(href, label) {
  return h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, label, h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
}

// ---------------------------------------------------------------------------------------------
// Copy buttons: the clipboard API, with a live confirmation for screen readers.

const copyAnnouncer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'copy-status' });
document.body.append(copyAnnouncer);

function copyButton(text, what) {
  const button = h('button', { type: 'button', class: 'copy', 'aria-label': `Copy ${what}` }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
      button.classList.add('done');
      copyAnnouncer.textContent = `Copied ${what} to the clipboard.`;
    } catch {
      button.textContent = 'Copy failed';
      copyAnnouncer.textContent = `Could not copy ${what}: select the text and copy it instead.`;
    }
    setTimeout(() => {
      button.textContent = 'Copy';
      button.classList.remove('done');
    }, 2000);
  });
  return button;
}

/** A command or YAML block with its copy button. */
function commandBlock(text, what, lang) {
  return h('div', { class: 'command' },
    h('pre', { tabindex: '0', 'aria-label': what }, h('code', { class: lang ? `lang-${lang}` : undefined }, text)),
    copyButton(text, what));
}

// ---------------------------------------------------------------------------------------------
// The analysis engine: a module Web Worker, or the same module in this thread if workers fail.

function createEngine() {
  let catalogResolve;
  const catalogReady = new Promise((ok) => (catalogResolve = ok));
  const handlers = { result() {}, excerpt() {} };
  let inFlight = null;
  let pending = null;
  let local = null; // the analyse module, when running without a worker
  let worker = null;

  async function runLocally() {
    if (!local) {
      local = await import('./analyse.js');
      await local.load();
      catalogResolve(local.catalog());
    }
  }

  function pump() {
    if (inFlight || !pending) return;
    inFlight = pending;
    pending = null;
    if (worker) {
      worker.postMessage(inFlight);
      return;
    }
    runLocally().then(() => {
      const job = inFlight;
      try {
        const staged = local.analyseStaged(job.text, job.now);
        result(job.id, staged.result);
        setTimeout(() => excerpt(job.id, staged.excerpt()), 0);
      } catch (e) {
        result(job.id, { error: { message: String(e?.message ?? e) } });
        excerpt(job.id, null);
      }
    });
  }

  // A newer paste is queued: this result is stale, skip straight to the newer one.
  function result(id, value) {
    if (!pending) handlers.result(id, value);
  }

  function excerpt(id, value) {
    if (!pending) handlers.excerpt(id, value);
    inFlight = null;
    pump();
  }

  // Started by boot.js before this module's imports arrived.
  worker = adoptWorker(({ data }) => {
    if (data.type === 'ready') catalogResolve(data.catalog);
    else if (data.type === 'result') result(data.id, data.result);
    else if (data.type === 'excerpt') excerpt(data.id, data.excerpt);
    else if (data.type === 'error') {
      result(data.id, { error: data.error });
      excerpt(data.id, null);
    } else if (data.type === 'fatal') fallBack();
  }, () => fallBack());
  if (!worker) runLocally();

  function fallBack() {
    if (!worker) return;
    worker.terminate();
    worker = null;
    if (inFlight) {
      pending ??= inFlight;
      inFlight = null;
    }
    runLocally().then(pump);
  }

  return {
    catalog: catalogReady,
    /** `result(id, result)` first, then `excerpt(id, excerpt)` for the same id. */
    on(name, fn) {
      handlers[name] = fn;
    },
    analyse(id, text) {
      pending = { id, text, now: nowSeconds() };
      pump();
    },
    /** Nothing queued or running: a result on screen is the latest. */
    idle: () => !inFlight && !pending,
  };
}

const engine = createEngine();

// ---------------------------------------------------------------------------------------------
// Input: typing (debounced for big pastes), paste, drop, file picker, examples, clear.

let requestId = 0;
let debounceTimer = 0;
let lastText = null;
/** When the input changed (performance.now()): the start of "paste → explanation". */
let changedAt = 0;

/**
 * Above this many characters a paste is not put in the textarea: Chromium needs ~0.6 s per MB to
 * insert and lay out text there (7 s for 10 MB) and the same again to select it all. The whole text
 * is kept here and analysed; the textarea shows a read-only preview of its start.
 */
const LARGE = 512 * 1024;
const PREVIEW = 64 * 1024;
let largeText = null;
const largeNotice = $('large');

/** What is being analysed: the large paste, or the textarea. */
const currentText = () => largeText ?? input.value;

/**
 * Starts an analysis of the current text; `immediate` skips the debounce. `next` is the text the
 * input is about to hold, when the caller starts the analysis before putting it there.
 */
function schedule(immediate, next) {
  clearTimeout(debounceTimer);
  const run = () => {
    const text = next ?? currentText();
    if (text === lastText) return;
    lastText = text;
    const id = ++requestId;
    performance.mark(`acr:input:${id}`, { startTime: changedAt || performance.now(), detail: { chars: text.length } });
    changedAt = 0;
    engine.analyse(id, text);
  };
  // Small pastes re-evaluate on every keystroke (CyberChef-style); typing inside a big text waits
  // for a pause so the worker is not handed megabytes per key.
  // A paste starts at once, in this task: a timer would fire only after the browser has laid out
  // the pasted text (tens of ms for 100 KB), while the worker could already be working.
  if (immediate) run();
  else debounceTimer = setTimeout(run, input.value.length > 200_000 ? 400 : 60);
}

function changed() {
  changedAt ||= performance.now();
}

input.addEventListener('input', (e) => {
  changed();
  const pasted = e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop' || e.inputType === 'deleteByCut';
  typing = !pasted;
  schedule(pasted);
});

/**
 * Above this many characters a paste is inserted by the page, not by the browser's editing code,
 * which spends ~30 ms per 100 KB before the input event (the price: Ctrl+Z does not undo it).
 */
const DIRECT_PASTE = 16 * 1024;

input.addEventListener('paste', (e) => {
  flushInsert(); // a paste still waiting to go in goes in first: the selection below refers to it
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (text.length > LARGE || largeText) {
    // A large paste, or any paste over the read-only preview of one, replaces the whole input.
    e.preventDefault();
    setInput(text);
  } else if (text.length > DIRECT_PASTE) {
    e.preventDefault();
    changed();
    const { selectionStart: from, selectionEnd: to, value } = input;
    schedule(true, value.slice(0, from) + text + value.slice(to));
    insertAfterExplanation(() => input.setRangeText(text, from, to, 'end'));
  }
});

/*
 * Inserting a big paste makes Chromium lay the page out at once, to reveal the caret: 20-60 ms per
 * 100 KB here (measured), while the analysis takes 1-4 ms and drawing its result 1-2 ms. A result
 * cannot be drawn while that layout runs, so the text goes in just after the explanation is drawn
 * (or after INSERT_WAIT_MS, if the analysis is slow to come). The box is read-only meanwhile, so no
 * keystroke lands at a position the insertion is about to move.
 */
const INSERT_WAIT_MS = 100;
let pendingInsert = null;
let insertTimer = 0;
/** What waits for the insertion: marking the input as analysed (tests and benchmarks wait for it). */
let afterInsert = null;

function insertAfterExplanation(insert) {
  pendingInsert = insert;
  input.readOnly = true;
  insertTimer = setTimeout(flushInsert, INSERT_WAIT_MS);
}

function flushInsert() {
  if (!pendingInsert) return;
  const [insert, then] = [pendingInsert, afterInsert];
  dropInsert();
  insert();
  then?.();
}

/** Forgets a waiting insertion (and what waited for it): the input is being replaced as a whole. */
function dropInsert() {
  clearTimeout(insertTimer);
  if (pendingInsert) input.readOnly = false;
  pendingInsert = null;
  afterInsert = null;
}

/** Shows the start of a large text, read-only, with the notice explaining why. */
function setLarge(text) {
  largeText = text;
  let cut = text.lastIndexOf('\n', PREVIEW);
  if (cut < PREVIEW / 2) cut = PREVIEW;
  input.value = text.slice(0, cut);
  input.readOnly = true;
  const lines = countLines(text);
  $('large-text').textContent = `Large input: ${(text.length / 1e6).toFixed(1)} million characters, ${plural(lines, 'line')}. `
    + `All of it is analysed; the box shows the first ${plural(input.value.length, 'character')}, read-only, to keep the page fast.`;
  largeNotice.hidden = false;
}

function countLines(text) {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function leaveLarge() {
  largeText = null;
  input.readOnly = false;
  largeNotice.hidden = true;
}

$('large-edit').addEventListener('click', () => {
  const text = largeText;
  leaveLarge();
  input.value = text;
  input.focus();
});

function setInput(text) {
  dropInsert();
  changed();
  typing = false;
  if (text.length > LARGE) setLarge(text);
  else {
    leaveLarge();
    input.value = text;
  }
  schedule(true);
}

for (const id of ['clear', 'large-clear']) {
  $(id).addEventListener('click', () => {
    setInput('');
    $('examples').value = '';
    input.focus();
  });
}

// Examples menu, grouped.
{
  const select = $('examples');
  const groups = new Map();
  for (const ex of EXAMPLES) {
    if (!groups.has(ex.group)) groups.set(ex.group, h('optgroup', { label: ex.group }));
    groups.get(ex.group).append(h('option', { value: ex.id }, ex.label));
  }
  select.append(...groups.values());
  select.addEventListener('change', () => {
    if (!select.value) return;
    setInput(buildExample(select.value, nowSeconds()));
  });
}

/** Reads a dropped or picked file as text, locally. */
async function loadFile(file) {
  if (!file) return;
  if (file.size > 50 * 1024 * 1024) {
    setStatus(`${file.name} is ${(file.size / 1048576).toFixed(0)} MB: too large to paste here (50 MB at most).`);
    return;
  }
  typing = false;
  setStatus(`Reading ${file.name}…`);
  setInput(await file.text());
}

$('file').addEventListener('change', (e) => loadFile(e.target.files?.[0]).finally(() => (e.target.value = '')));

{
  const drop = $('drop');
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  // Handled on the whole document: a file dropped anywhere else would make the browser open it.
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    drop.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => {
    if (--depth <= 0) {
      depth = 0;
      drop.classList.remove('dragging');
    }
  });
  document.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    depth = 0;
    drop.classList.remove('dragging');
    if (!hasFiles(e)) return;
    e.preventDefault();
    loadFile(e.dataTransfer.files[0]);
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering a result

let catalogById = new Map();

/** The result on screen: its id and findings, which the highlighted log arriving next refers to. */
let shown = { id: 0, findings: [] };

engine.on('result', (id, result) => {
  if (refreshes.delete(id)) {
    refreshTokens(result.tokens?.tokens ?? []);
    return;
  }
  const received = performance.now();
  render(result);
  // For the benchmark's breakdown: time in the core (worker) and in rendering (this thread).
  document.body.dataset.analysisMs = (result.timings?.total ?? 0).toFixed(1);
  document.body.dataset.renderMs = (performance.now() - received).toFixed(1);
  shown = { id, findings: result.scan?.findings ?? [] };
  shownTokens = result.tokens?.tokens ?? [];
  keepTimesCurrent(shownTokens.length > 0 && (lastText ?? '').length <= TICK_MAX_CHARS);
  performance.mark(`acr:explained:${id}`);
  const m = performance.measure('acr:paste-to-explanation', { start: `acr:input:${id}`, end: `acr:explained:${id}`, detail: { id } });
  document.body.dataset.lastMs = m.duration.toFixed(1);
  // The pasted text goes in once this frame, with the explanation, is on screen.
  if (pendingInsert) requestAnimationFrame(() => setTimeout(flushInsert, 0));
});

// ---------------------------------------------------------------------------------------------
// Keeping "expires in 4 min" true while the page stays open: every few seconds the shown paste is
// analysed again with the current time, and each token card whose time-dependent text changed
// (status, summary, relative times, warnings) is redrawn. A card holding the focus or a text
// selection is left for the next tick, so reading, copying and keyboard use are never disturbed.

const TICK_MS = 5000;
/** Re-analysing bigger pastes every few seconds would cost more than a stale "in 4 min". */
const TICK_MAX_CHARS = 100_000;
let tickTimer = 0;
let shownTokens = [];
const refreshes = new Set();

function keepTimesCurrent(on) {
  clearInterval(tickTimer);
  tickTimer = on ? setInterval(tick, TICK_MS) : 0;
}

function tick() {
  if (document.hidden || !engine.idle() || currentText() !== lastText) return;
  const id = ++requestId;
  refreshes.add(id);
  engine.analyse(id, lastText);
}

/** What a token card shows that depends on the current time. */
const timeDependent = (t) => JSON.stringify([t.status, t.summary, t.times, t.warnings]);

function refreshTokens(tokens) {
  if (tokens.length !== shownTokens.length) return;
  const selection = document.getSelection();
  tokens.forEach((t, i) => {
    if (timeDependent(t) === timeDependent(shownTokens[i])) return;
    const card = $(`token-${i + 1}`);
    if (!card || card.contains(document.activeElement) || (selection && !selection.isCollapsed && card.contains(selection.anchorNode))) return;
    card.replaceWith(renderToken(t, i + 1, tokens.length));
    const chip = document.querySelectorAll('.token-chain .chip')[i];
    chip?.replaceWith(statusChip(t));
    shownTokens[i] = t;
  });
}

engine.on('excerpt', (id, excerpt) => {
  if (id !== shown.id) return;
  const placeholder = $('log-placeholder');
  if (placeholder && excerpt) placeholder.replaceWith(renderExcerpt(excerpt, shown.findings));
  else placeholder?.remove();
  // Everything for this input is on screen (the tests and benchmarks wait for this), the pasted
  // text in the box included.
  const done = () => { document.body.dataset.analysed = String(id); };
  if (pendingInsert) afterInsert = done;
  else done();
});

const KIND_NAMES = {
  'github-oidc': 'GitHub OIDC',
  'azure-devops-oidc': 'Azure DevOps OIDC',
  'entra-access-v1': 'Entra v1',
  'entra-access-v2': 'Entra v2',
  'entra-id-token': 'Entra ID token',
  'gitlab-oidc': 'GitLab OIDC',
  'kubernetes-sa': 'Kubernetes',
  'kubernetes-sa-legacy': 'Kubernetes (legacy)',
  'terraform-oidc': 'Terraform',
  'acr-refresh': 'ACR refresh',
  'acr-access': 'ACR access',
  jwt: 'JWT',
};

const DETECTED = {
  jwt: 'a JWT',
  jwts: 'several JWTs',
  json: 'JSON',
  'docker-config': 'a docker config.json',
  log: 'a log',
  text: 'text',
};

const FORMATS = {
  'github-actions': 'GitHub Actions log',
  'azure-devops': 'Azure DevOps log',
  kubectl: 'kubectl output',
  'az-cli': 'az CLI output',
};

function render(result) {
  if (result.error) {
    results.replaceChildren(h('p', { class: 'notice error' }, `The decoder failed on this input: ${result.error.message}`));
    setStatus('The decoder failed on this input.');
    return;
  }
  const { detected, scan } = result;
  const tokens = result.tokens?.tokens ?? [];
  if (detected.kind === 'empty') {
    results.replaceChildren();
    setStatus('Ready: paste a token or a log, drop a file, or pick an example.');
    return;
  }
  const findings = scan.findings ?? [];
  const parts = [];
  const logLike = detected.kind === 'log' || detected.kind === 'text';

  const multiLine = (detected.lines ?? 1) > 1;
  const causes = findings.some((f) => f.strength === 'root-cause' || f.strength === 'likely-cause');
  if (findings.length && causes) {
    // A failure explained: the findings lead, then the log they were found in, then any tokens.
    parts.push(renderFindings(scan, 'What went wrong'));
    parts.push(logPlaceholder());
    if (tokens.length) parts.push(renderTokens(tokens, result.tokens));
  } else if (findings.length) {
    // Only generic failure lines ("exit code 1"): no cause is claimed; they are shown as what they are.
    parts.push(renderNothingKnown(scan, null, tokens.length > 0, multiLine));
    parts.push(renderFindings(scan, 'Lines that say something failed (symptoms, not causes)'));
    parts.push(logPlaceholder());
    if (tokens.length) parts.push(renderTokens(tokens, result.tokens));
  } else if (tokens.length) {
    parts.push(renderTokens(tokens, result.tokens));
    // Text around the tokens that looks like a log: say plainly that no failure was recognised.
    if (logLike && multiLine && (scan.format !== 'plain' || scan.candidates?.length)) parts.push(renderNothingKnown(scan, null, true, true));
  } else if (!result.tokenError) {
    // JSON and docker configs are pretty-printed: their line count does not make them logs.
    parts.push(renderNothingKnown(scan, result.tokens?.hint, false, logLike && multiLine, !logLike));
  }
  if (result.dockerOthers) parts.push(renderDockerOthers(result.dockerOthers, tokens.length > 0));
  if (result.tokenError) parts.push(h('p', { class: 'notice error' }, `The token decoder failed: ${result.tokenError.message}`));
  if (result.scanError) parts.push(h('p', { class: 'notice error' }, `The log scanner failed: ${result.scanError.message}`));
  if (scan.truncated) parts.push(h('p', { class: 'notice' }, 'This paste is too large or unusual to scan completely: later parts were skipped.'));
  results.replaceChildren(...parts);

  // The status line doubles as the live announcement of what was detected.
  const what = [];
  let kind = DETECTED[detected.kind] ?? 'text';
  if (logLike && scan.format && FORMATS[scan.format]) kind = `${/^[AEIOU]/i.test(FORMATS[scan.format]) ? 'an' : 'a'} ${FORMATS[scan.format]}`;
  if (detected.wrappedLines) kind += ` split over ${detected.wrappedLines} lines`;
  what.push(`Detected ${kind}${logLike ? ` (${plural(detected.lines ?? 1, 'line')})` : ''}`);
  if (tokens.length) what.push(`${plural(tokens.length, 'token')} (${tokens.map((t) => KIND_NAMES[t.kind] ?? t.kind).join(', ')})`);
  if (findings.length && causes) what.push(`${plural(findings.length, 'finding')}, root cause first`);
  else if (findings.length) what.push(`no known cause, ${plural(findings.length, 'generic failure line')}`);
  else if (logLike) what.push('no known failure');
  else if (!tokens.length) what.push('no token found');
  setStatus(`${what.join(' · ')}.`);
}

// ---------------------------------------------------------------------------------------------
// Docker config: the registries whose credential is not a token shown above (read by analyse.js),
// named with their user where the config has one; passwords, auths and identity tokens never.

function renderDockerOthers({ entries, helpers, store }, hasTokens) {
  const items = [
    ...entries.map(({ registry, hub, user, secret, identityToken }) => {
      const said = [];
      if (user) said.push(['user ', h('code', {}, user)]);
      if (secret) said.push('password/auth not shown');
      if (identityToken) said.push('an identity token (not a JWT); not shown');
      if (!said.length) said.push('no credential stored');
      return h('li', {}, h('code', {}, registry), hub ? ' (Docker Hub)' : '', ': ', said.map((x, i) => [i ? '; ' : '', x]), '.');
    }),
    ...helpers.map(({ registry, helper }) => h('li', {}, h('code', {}, registry), ': credentials kept by the credential helper ', h('code', {}, `docker-credential-${helper}`), '.')),
  ];
  if (!items.length && !store) return null;
  return h('section', { class: 'docker-others', 'aria-labelledby': 'docker-others-title' },
    h('h2', { id: 'docker-others-title' }, hasTokens ? 'Other registries in this docker config' : 'Registries in this docker config'),
    items.length ? h('ul', {}, items) : null,
    store ? h('p', { class: 'muted' }, 'Any other registry: credentials kept by the credential helper ', h('code', {}, `docker-credential-${store}`), '.') : null);
}

// ---------------------------------------------------------------------------------------------
// Token view

function renderTokens(tokens, report) {
  const section = h('section', { class: 'tokens', 'aria-labelledby': 'tokens-title' },
    h('h2', { id: 'tokens-title' }, tokens.length === 1 ? 'Token' : `${tokens.length} tokens`));
  if (tokens.length > 1) {
    section.append(h('ol', { class: 'token-chain', 'aria-label': 'Tokens in the order they appear' },
      tokens.map((t, i) => h('li', {},
        h('button', { type: 'button', class: 'linklike', onclick: () => focusCard(`token-${i + 1}`) },
          h('span', { class: `badge kind-${t.kind}` }, KIND_NAMES[t.kind] ?? t.kind), ' ', statusChip(t))))));
  }
  tokens.forEach((t, i) => section.append(renderToken(t, i + 1, tokens.length)));
  if (report?.omitted) section.append(h('p', { class: 'notice' }, `${plural(report.omitted, 'more token')} not shown (at most 100 per paste).`));
  return section;
}

function focusCard(id) {
  const el = $(id);
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

const STATUS = {
  valid: ['Valid now', 'ok'],
  expired: ['Expired', 'bad'],
  'not-yet-valid': ['Not valid yet', 'bad'],
  unknown: ['No expiry', 'warn'],
};

function statusChip(t) {
  if (!t.decoded) return h('span', { class: 'chip bad' }, 'Does not decode');
  const [label, cls] = STATUS[t.status] ?? STATUS.unknown;
  return h('span', { class: `chip ${cls}` }, label);
}

function describeSource(t) {
  const s = t.source ?? '';
  if (t.wrappedLines) return `in a paste split over ${t.wrappedLines} lines (the line breaks were taken out)`;
  if (s === 'bare') return 'pasted as is';
  if (s === 'bearer') return 'from an Authorization: Bearer header';
  if (s === 'text') return 'in the text';
  if (s === 'json') return 'in a quoted (JSON) string';
  if (s === 'docker-config') return 'in the docker config';
  if (s.startsWith('json:')) return `from the JSON field ${s.slice(5)}`;
  if (s.startsWith('docker-config:')) {
    const path = s.slice('docker-config:'.length);
    return path.endsWith('.auth') ? `from the docker config (${path}: base64 of user:password, the password is this token)` : `from the docker config (${path})`;
  }
  if (s.startsWith('param:')) return `from the parameter ${s.slice(6)}=`;
  return s;
}

function renderToken(t, n, total) {
  const id = `token-${n}`;
  const titleId = `${id}-title`;
  const card = h('article', { class: `token-card kind-${t.kind}`, id, tabindex: '-1', 'aria-labelledby': titleId });
  card.append(h('header', { class: 'token-head' },
    h('h3', { id: titleId },
      total > 1 ? h('span', { class: 'count' }, `${n} of ${total} · `) : null,
      h('span', { class: `badge kind-${t.kind}` }, KIND_NAMES[t.kind] ?? t.kind), ' ', t.label),
    statusChip(t)));
  if (t.summary) card.append(h('p', { class: 'summary' }, prose(t.summary)));
  card.append(h('p', { class: 'source' }, `Found ${describeSource(t)}`,
    t.occurrences > 1 ? ` (it appears ${t.occurrences} times)` : '', '.'));
  if (t.warnings?.length) card.append(renderWarnings(t.warnings));
  if (t.decoded) {
    // What to act on first (credential, exchange verdict, permissions), then times, then every claim.
    if (t.github) card.append(renderGithub(t.github));
    if (t.azureDevops) card.append(renderAzureDevops(t.azureDevops));
    if (t.entra) card.append(renderEntra(t.entra));
    if (t.acr) card.append(renderAcr(t.acr));
    if (t.federation) card.append(renderFederation(t.federation));
    // Each card's regions are named after their token: a screen reader's list of regions (and
    // axe's landmark-unique) must tell "Times" of one token from another's.
    const region = (what) => `${what} of token ${n}: ${t.label}`;
    if (t.times && (t.times.iat || t.times.nbf || t.times.exp)) card.append(renderTimes(t, region('Times')));
    card.append(renderClaims(t, region('Claims')));
    card.append(renderSegments(t));
  } else if (t.encoded) {
    card.append(h('div', { class: 'encoded' }, h('h4', {}, 'As pasted'), h('pre', { class: 'jwt-text', tabindex: '0', 'aria-label': 'The token as pasted' }, t.encoded)));
  }
  card.append(h('p', { class: 'signature-note' },
    t.kind.startsWith('acr-')
      ? 'Signature not verified: ACR tokens have no published keys, so nobody outside the registry can check them. Nothing left this browser.'
      : 'Signature not verified: that would need the issuer\'s keys from the network, and this page never connects anywhere. Nothing left this browser.'));
  return card;
}

const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Note' };

function renderWarnings(warnings) {
  return h('ul', { class: 'warnings', 'aria-label': 'Warnings' },
    warnings.map((w) => h('li', { class: `warning sev-${w.severity}`, dataset: { code: w.code } },
      h('span', { class: 'sev' }, SEVERITY[w.severity] ?? w.severity), ' ',
      h('span', { class: 'msg' }, prose(w.message)),
      w.catalogId ? [' ', catalogLink(w.catalogId, `Fix: ${w.catalogId}`)] : null)));
}

/** Encoded token with header / payload / signature coloured, beside the decoded header and payload. */
function renderSegments(t) {
  const parts = t.encoded?.split('.') ?? [];
  const encoded = parts.length === 3
    ? h('pre', { class: 'jwt-text', tabindex: '0', 'aria-label': 'Encoded token, coloured by part' },
      h('span', { class: 'seg-header' }, parts[0]), '.',
      h('span', { class: 'seg-payload' }, parts[1]), '.',
      h('span', { class: 'seg-signature' }, parts[2]))
    : h('pre', { class: 'jwt-text', tabindex: '0', 'aria-label': 'Encoded token' }, t.encoded ?? '');
  const sigBytes = parts.length === 3 ? Math.floor((parts[2].length * 3) / 4) : 0;
  return h('div', { class: 'segments' },
    h('div', { class: 'encoded' }, h('h4', {}, 'Encoded'), encoded,
      h('p', { class: 'legend' },
        h('span', { class: 'swatch seg-header' }, 'header'), ' . ',
        h('span', { class: 'swatch seg-payload' }, 'payload'), ' . ',
        h('span', { class: 'swatch seg-signature' }, 'signature'))),
    h('div', { class: 'decoded' },
      h('h4', {}, 'Decoded'),
      h('div', { class: 'pane seg-header-pane' }, h('h5', {}, 'Header: algorithm and key'), json(ordered(t.header, t.order?.header))),
      h('div', { class: 'pane seg-payload-pane' }, h('h5', {}, 'Payload: claims'), json(ordered(t.claims, t.order?.payload))),
      h('div', { class: 'pane seg-signature-pane' }, h('h5', {}, 'Signature'),
        h('p', {}, sigBytes ? `${sigBytes} bytes (${t.algorithm ?? 'unknown algorithm'}), not verified.` : 'Empty: the token is unsigned.'))));
}

function json(value) {
  return h('pre', { class: 'json', tabindex: '0' }, h('code', {}, JSON.stringify(value, null, 2)));
}

/** "local: Europe/Berlin": the zone the local times are in, as the browser names it. */
function localZone() {
  let zone = '';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch { /* an old browser: the header says "local" only */ }
  return zone ? `local: ${zone}` : 'local';
}

function renderTimes(t, name) {
  const rows = [['iat', 'Issued'], ['nbf', 'Valid from'], ['exp', 'Expires']]
    .filter(([k]) => t.times[k])
    .map(([k, label]) => {
      const ts = t.times[k];
      const local = ts.iso ? new Date(ts.seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) : '';
      return h('tr', { dataset: { claim: k } },
        h('th', { scope: 'row' }, h('code', {}, k), ' ', h('span', { class: 'muted' }, label)),
        h('td', {}, h('code', {}, String(ts.raw)), ts.milliseconds ? h('span', { class: 'chip warn' }, 'milliseconds') : null),
        h('td', {}, ts.iso ?? 'out of range', local ? h('span', { class: 'muted block' }, local) : null),
        h('td', { class: `relative rel-${relativeTone(k, ts, t)}` }, ts.relative));
    });
  return h('section', { class: 'times', 'aria-label': name },
    h('h4', {}, 'Times', t.lifetime ? h('span', { class: 'muted' }, ` · lifetime ${t.lifetime}`) : null),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Claim'), h('th', { scope: 'col' }, 'Raw'), h('th', { scope: 'col' }, `Date (UTC, then ${localZone()})`), h('th', { scope: 'col' }, 'Relative to now'))),
      h('tbody', {}, rows))),
    lifetimeBar(t));
}

function relativeTone(k, ts, t) {
  if (k === 'exp') return t.status === 'expired' ? 'bad' : 'ok';
  if (k === 'nbf') return t.status === 'not-yet-valid' ? 'bad' : 'ok';
  return 'plain';
}

/**
 * A bar from nbf (or iat) to exp with a marker at now; its text alternative says the same. Inline
 * style attributes are blocked by the CSP (style-src 'self'), so the geometry is set through the
 * CSSOM, which CSP allows.
 */
function lifetimeBar(t) {
  const start = (t.times.nbf ?? t.times.iat)?.seconds;
  const end = t.times.exp?.seconds;
  if (start === undefined || end === undefined || end <= start) return null;
  const now = nowSeconds();
  const fraction = Math.min(1, Math.max(0, (now - start) / (end - start)));
  const state = now >= end ? 'expired' : now < start ? 'early' : 'live';
  const label = state === 'expired'
    ? `Lifetime: all of it${t.lifetime ? ` (${t.lifetime})` : ''} has passed; ${t.times.exp.relative}.`
    : state === 'early'
      ? `Lifetime: not started; the token ${t.times.nbf?.relative ?? 'is not valid yet'}.`
      : `Lifetime: ${Math.floor(fraction * 100)}% used; ${t.times.exp.relative}.`;
  const percent = `${(fraction * 100).toFixed(2)}%`;
  const used = h('div', { class: 'used' });
  const marker = h('div', { class: 'now' });
  const nowLabel = h('span', { class: 'now-label' }, state === 'expired' ? 'expired' : state === 'early' ? 'not valid yet' : 'now');
  used.style.width = percent;
  marker.style.left = percent;
  // On a row of its own, under the marker, kept inside the bar by its anchoring: on a phone the
  // bar is too short for "not valid yet" to sit between nbf and exp without overprinting them.
  nowLabel.style.left = percent;
  nowLabel.classList.add(fraction < 0.15 ? 'from-start' : fraction > 0.85 ? 'from-end' : 'centred');
  return h('div', { class: `lifetime ${state}`, role: 'img', 'aria-label': label },
    h('div', { class: 'bar' }, used, marker),
    h('div', { class: 'ends', 'aria-hidden': 'true' },
      h('span', {}, t.times.nbf ? 'nbf' : 'iat'), h('span', {}, 'exp')),
    h('div', { class: 'now-row', 'aria-hidden': 'true' }, nowLabel));
}

function renderClaims(t, name) {
  const rows = [];
  for (const name of inTokenOrder(t.header, t.order?.header)) rows.push(claimRow('header', name, t.header[name], headerMeaning(name), t));
  for (const name of inTokenOrder(t.claims, t.order?.payload)) rows.push(claimRow('payload', name, t.claims[name], claimMeaning(t.kind, name), t));
  return h('section', { class: 'claims', 'aria-label': name },
    h('h4', {}, 'Claims'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Claim'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Meaning'))),
      h('tbody', {}, rows))));
}

/** Keys in the order the token has them (the core's maps are sorted), unknown ones last. */
function inTokenOrder(map, order) {
  const keys = Object.keys(map ?? {});
  if (!order) return keys;
  const rank = new Map(order.map((k, i) => [k, i]));
  return keys.sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9));
}

/** The same object with its keys in token order, for the decoded JSON panes. */
function ordered(map, order) {
  return Object.fromEntries(inTokenOrder(map, order).map((k) => [k, map[k]]));
}

function claimRow(where, name, value, meaning, t) {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  const time = where === 'payload' && ['iat', 'nbf', 'exp'].includes(name) ? t.times?.[name] : null;
  return h('tr', { class: `claim-${where}`, dataset: { claim: name, where } },
    h('th', { scope: 'row' }, h('code', { class: `seg-${where}` }, name)),
    h('td', { class: 'value' }, h('code', {}, shown), time ? h('span', { class: 'muted block' }, `${time.iso ?? ''} · ${time.relative}`) : null),
    h('td', { class: 'meaning' }, meaning
      ? [meaning[0], ' ', h('a', { href: meaning[1], rel: 'noopener noreferrer', target: '_blank', class: 'ref' }, 'ref', h('span', { class: 'visually-hidden' }, ` for ${name} (opens in a new tab)`))]
      : h('span', { class: 'muted' }, where === 'header' ? 'Header parameter this page does not know.' : 'A claim this page does not know: the issuer\'s own.')));
}

const SUBJECT_FORMS = {
  environment: 'environment',
  pull_request: 'pull request',
  branch: 'branch',
  tag: 'tag',
  ref: 'other ref',
  custom: 'customised template',
};

function definitionList(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, Array.isArray(v) ? v.join(', ') : v)]));
}

function renderFederatedCredential(fic, heading) {
  return h('div', { class: 'fic' },
    h('h5', {}, heading),
    h('div', { class: 'table-wrap' }, h('table', { class: 'fic-table' },
      h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, 'Issuer'), h('td', {}, h('code', {}, fic.issuer))),
        h('tr', {}, h('th', { scope: 'row' }, 'Subject identifier'), h('td', {}, h('code', {}, fic.subject))),
        h('tr', {}, h('th', { scope: 'row' }, 'Audience'), h('td', {}, h('code', {}, (fic.audiences ?? []).join(', ')))),
        h('tr', {}, h('th', { scope: 'row' }, 'Name'), h('td', {}, h('code', {}, fic.name)))))),
    h('p', {}, 'On an app registration (replace ', h('code', {}, '<APP_CLIENT_ID>'), '):'),
    commandBlock(fic.command, 'the az ad app federated-credential create command', 'sh'),
    fic.managedIdentityCommand ? [
      h('p', {}, 'On a user-assigned managed identity:'),
      commandBlock(fic.managedIdentityCommand, 'the az identity federated-credential create command', 'sh')] : null);
}

function renderGithub(g) {
  return h('section', { class: 'kind-section github' },
    h('h4', {}, 'GitHub Actions'),
    definitionList([
      ['Issuer', g.issuerKind === 'github.com' ? 'github.com' : `${g.issuerKind}${g.host ? ` (${g.host})` : ''}${g.enterprise ? ` · enterprise ${g.enterprise}` : ''}`],
      ['Repository', g.repository],
      ['Ref', g.ref],
      ['Environment', g.environment],
      ['Event', g.eventName],
      ['Actor', g.actor],
      ['Workflow of the job', g.jobWorkflowRef],
      ['Runner', g.runnerEnvironment],
      ['Run', g.runId ? `${g.runId}${g.runAttempt ? ` (attempt ${g.runAttempt})` : ''}` : null],
      ['Subject form', `${SUBJECT_FORMS[g.subjectForm] ?? g.subjectForm}${g.subjectValue ? ` "${g.subjectValue}"` : ''}${g.immutableSubject ? ' · immutable (owner@id/repo@id)' : ''}`],
    ]),
    g.subjectExplanation ? h('p', { class: 'explanation' }, prose(g.subjectExplanation)) : null,
    renderFederatedCredential(g.federatedCredential, 'The federated credential that accepts this token'),
    g.audienceOk ? null : h('p', { class: 'notice' }, 'This token\'s audience is not a token-exchange audience: the credential above uses api://AzureADTokenExchange, so request the GitHub token with that audience.'));
}

function renderAzureDevops(a) {
  return h('section', { class: 'kind-section ado' },
    h('h4', {}, 'Azure DevOps service connection'),
    definitionList([
      ['Issuer format', a.issuerFormat === 'vstoken' ? 'vstoken.dev.azure.com (organisation issuer)' : 'Entra-issued (newer service connections)'],
      ['Organisation', a.organization],
      ['Organisation ID', a.organizationId],
      ['Project', a.project],
      ['Service connection', a.serviceConnection ?? a.serviceConnectionId],
    ]),
    renderFederatedCredential(a.federatedCredential, 'The federated credential that accepts this token'));
}

const EXCHANGE = {
  accepted: ['Accepted by ACR\'s /oauth2/exchange', 'ok'],
  'accepted-unless-arm-disabled': ['Accepted by /oauth2/exchange only while the registry allows ARM-audience tokens', 'warn'],
  refused: ['Refused by ACR\'s /oauth2/exchange', 'bad'],
};

function renderEntra(e) {
  const [verdict, tone] = EXCHANGE[e.acrExchange] ?? [e.acrExchange, 'warn'];
  return h('section', { class: 'kind-section entra' },
    h('h4', {}, 'Entra ID'),
    definitionList([
      ['Token version', e.version],
      ['Cloud', e.cloud],
      ['Principal', `${e.principalType === 'app-only' ? 'app-only (service principal or managed identity)' : 'delegated (a user through an app)'}${e.principalTypeReason ? ` · ${e.principalTypeReason}` : ''}`],
      ['Resource (audience)', e.resourceName],
      ['Delegated scopes', e.scopes],
      ['App roles', e.roles],
      ['Managed identity', e.managedIdentityResourceId],
    ]),
    h('p', { class: `verdict ${tone}` }, h('strong', {}, verdict), e.acrExchangeReason ? [': ', prose(e.acrExchangeReason)] : ''),
    e.acrExchange !== 'accepted' ? [h('p', {}, 'Request a token with the ACR scope instead:'), commandBlock(e.acrScope, 'the ACR scope')] : null);
}

function renderAcr(a) {
  const table = a.access?.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'permissions' },
      h('caption', {}, 'Granted access (what this token may do)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Actions'))),
      h('tbody', {}, a.access.map((x) => h('tr', { dataset: { resource: x.name } },
        h('td', {}, x.type), h('th', { scope: 'row' }, h('code', {}, x.name)),
        h('td', {}, x.actions.length ? x.actions.map((act) => h('span', { class: 'chip action' }, act)) : h('span', { class: 'chip bad' }, 'none')))))))
    : a.permissions
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'permissions' },
        h('caption', {}, 'Permissions on the registry'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Allowed actions'), h('th', { scope: 'col' }, 'Excluded (notActions)'))),
        h('tbody', {}, h('tr', {},
          h('td', {}, a.permissions.actions.length ? a.permissions.actions.map((act) => h('span', { class: 'chip action' }, act)) : h('span', { class: 'chip bad' }, 'none')),
          h('td', {}, a.permissions.notActions.length ? a.permissions.notActions.map((act) => h('span', { class: 'chip' }, act)) : 'none')))))
      : h('p', { class: 'muted' }, 'This token lists no access and no permissions.');
  return h('section', { class: 'kind-section acr' },
    h('h4', {}, 'Azure Container Registry'),
    definitionList([
      ['Registry', a.registry],
      ['Grant type', a.grantType],
      ['Tenant', a.tenant],
      ['Roles', a.roles?.length ? a.roles : null],
    ]),
    table,
    a.usage ? h('p', { class: 'explanation' }, prose(a.usage)) : null);
}

const PLATFORMS = { gitlab: 'GitLab CI', kubernetes: 'Kubernetes service account', terraform: 'HCP Terraform' };
const FEDERATION_ISSUERS = {
  'gitlab.com': 'gitlab.com', 'gitlab-self-managed': 'self-managed GitLab', aks: 'AKS cluster OIDC issuer',
  eks: 'EKS cluster OIDC issuer', gke: 'GKE cluster issuer', kubernetes: 'cluster service-account issuer',
  'kubernetes-legacy': 'legacy secret token (kubernetes/serviceaccount)', 'hcp-terraform': 'HCP Terraform (app.terraform.io)',
  'terraform-enterprise': 'Terraform Enterprise',
};

/** GitLab, Kubernetes and Terraform tokens: one section, the platform's claims come as label/value pairs. */
function renderFederation(f) {
  return h('section', { class: `kind-section federation ${f.platform}` },
    h('h4', {}, PLATFORMS[f.platform] ?? f.platform),
    definitionList([['Issuer', FEDERATION_ISSUERS[f.issuerKind] ?? f.issuerKind], ...(f.details ?? []).map((d) => [d.label, d.value])]),
    f.subjectExplanation ? h('p', { class: 'explanation' }, prose(f.subjectExplanation)) : null,
    f.federatedCredential
      ? renderFederatedCredential(f.federatedCredential, 'The federated credential that accepts this token')
      : h('p', { class: 'notice' }, 'No federated credential can accept this token.'),
    f.federatedCredential && !f.audienceOk ? h('p', { class: 'notice' }, 'This token\'s audience is not a token-exchange audience: the credential above uses api://AzureADTokenExchange, so request the token with that audience.') : null);
}

// ---------------------------------------------------------------------------------------------
// Log view

const STRENGTH = {
  'root-cause': 'root cause',
  'likely-cause': 'likely cause',
  consequence: 'consequence',
  symptom: 'symptom',
};

const PARAM_NAMES = {
  subject: 'Presented subject',
  issuer: 'Presented issuer',
  audience: 'Presented audience',
  clientIp: 'Client IP refused',
  ip: 'IP address',
  registry: 'Registry',
  host: 'Host',
  appId: 'App (client) ID',
  tenant: 'Tenant',
  httpStatus: 'HTTP status',
  checkHealthCode: 'check-health code',
  aadstsCode: 'AADSTS code',
  image: 'Image',
  scope: 'Scope',
  resource: 'Resource',
  subscription: 'Subscription',
  correlationId: 'Correlation ID',
  traceId: 'Trace ID',
};

function renderFindings(scan, heading) {
  const findings = scan.findings;
  const causes = heading === 'What went wrong';
  return h('section', { class: 'findings', 'aria-labelledby': 'findings-title' },
    h('h2', { id: 'findings-title' }, causes && findings.length > 1 ? `${heading}: ${findings.length} findings, root cause first` : heading),
    causes && scan.summary ? h('p', { class: 'summary' }, prose(scan.summary)) : null,
    h('ol', { class: 'finding-list' }, findings.map((f, i) => h('li', {}, renderFinding(f, i, causes && i > 0 && (f.strength === 'symptom' || f.strength === 'consequence'))))));
}

/** One finding; a follow-on of the root cause (`secondary`) keeps its cause and fix folded away. */
function renderFinding(f, i, secondary) {
  const entry = catalogById.get(f.id);
  // credentialName is derived from the subject, not read in the log: it only fills the fix.
  const params = Object.entries(f.params ?? {}).filter(([k, v]) => k !== 'credentialName' && v !== null && v !== undefined && v !== '');
  const titleId = `finding-${i + 1}-title`;
  return h('article', { class: `finding strength-${f.strength}${i === 0 ? ' first' : ''}`, id: `finding-${i + 1}`, 'aria-labelledby': titleId, dataset: { id: f.id } },
    h('header', {},
      h('h3', { id: titleId }, h('span', { class: 'mark-key', 'aria-hidden': 'true' }, String(i + 1)), ' ', f.title),
      h('p', { class: 'meta' },
        catalogLink(f.id), ' · ', h('span', { class: 'category' }, f.category), ' · ',
        h('span', { class: 'strength' }, STRENGTH[f.strength] ?? f.strength),
        typeof f.confidence === 'number' ? ` · ${Math.round(f.confidence * 100)}% confidence` : '')),
    h('p', { class: 'where' },
      h('button', { type: 'button', class: 'jump', dataset: { line: String(f.line) }, onclick: () => jumpTo(f, i) },
        `Line ${f.line}${f.column ? `, column ${f.column}` : ''}`),
      f.occurrences > 1 ? ` · seen ${f.occurrences} times${f.otherLines?.length ? ` (also line${f.otherLines.length > 1 ? 's' : ''} ${f.otherLines.join(', ')}${unlisted(f)})` : ''}` : '',
      f.source === 'token' ? ' · derived from a token in the log' : ''),
    f.matched ? h('blockquote', { class: 'matched' }, h('code', {}, f.matched)) : null,
    params.length || f.masked ? h('div', { class: 'params' }, h('h4', {}, 'Taken from the log'),
      h('dl', { class: 'facts' }, params.map(([k, v]) => [h('dt', {}, PARAM_NAMES[k] ?? k), h('dd', {}, h('code', {}, String(v)), ' ', copyButton(String(v), PARAM_NAMES[k] ?? k))])),
      f.masked ? h('p', { class: 'muted' }, 'GitHub masked a value here (***): it cannot be shown.') : null) : null,
    f.evidence?.length ? h('ul', { class: 'evidence', 'aria-label': 'Evidence' }, f.evidence.map((e) => h('li', {}, prose(e)))) : null,
    !entry ? h('p', { class: 'muted' }, 'Loading the explanation…')
      : secondary ? disclosure(`finding-${i + 1}-more`, 'Cause and fix', renderExplanation(entry, f.params))
        : renderExplanation(entry, f.params));
}

/** The core lists only the first few other lines of a repeated failure: say how many it left out. */
function unlisted(f) {
  const more = f.occurrences - 1 - f.otherLines.length;
  return more > 0 ? ` and ${more.toLocaleString('en')} more` : '';
}

/** Cause, fix steps (with copyable commands) and docs of a catalog entry. */
function renderExplanation(entry, params) {
  return h('div', { class: 'explanation-body' },
    h('h4', {}, 'Cause'), h('p', { class: 'cause' }, prose(entry.cause)),
    entry.fix?.length ? [h('h4', {}, 'Fix'), h('ol', { class: 'steps' }, entry.fix.map((s, k) => h('li', {},
      h('p', {}, prose(s.text)),
      s.code ? commandBlock(fillParams(s.code, params), `fix step ${k + 1} ${s.lang === 'yaml' ? 'YAML' : 'command'}`, s.lang) : null)))] : null,
    entry.docs?.length ? h('p', { class: 'docs' }, 'Read more: ', entry.docs.map((d, k) => [k ? ', ' : '', external(d, docLabel(d))])) : null);
}

/**
 * Puts values found in the log into a fix command's placeholders (`<EXACT SUBJECT FROM THE ERROR>`
 * → the subject Entra reported). Only plain values are substituted: anything with quotes, a
 * backslash or white space could break the command's quoting, so it stays a placeholder.
 */
const PLACEHOLDERS = [
  // The name decodeToken gives the credential for a token with this subject.
  [/CREDENTIAL_NAME/, (p) => p.credentialName],
  [/SUBJECT/, (p) => p.subject], [/ISSUER/, (p) => p.issuer], [/AUDIENCE/, (p) => p.audience],
  [/\bIP\b|CLIENT_IP|IP_ADDRESS/, (p) => p.clientIp], [/LOGIN_SERVER/, (p) => p.registry],
  // az acr commands take the registry's name: contosoregistry, not contosoregistry.azurecr.io.
  [/^REGISTRY(_NAME)?$|^ACR(_NAME)?$/, (p) => p.registry?.split('.')[0]],
  [/TENANT/, (p) => p.tenant], [/APP.*ID|CLIENT_ID/, (p) => p.appId], [/SUBSCRIPTION/, (p) => p.subscription],
];

function fillParams(text, params) {
  if (!params) return text;
  return text.replace(/<([A-Z][A-Z0-9_ -]*)>/g, (all, name) => {
    const found = PLACEHOLDERS.find(([re]) => re.test(name));
    const value = found?.[1](params);
    return typeof value === 'string' && /^[^\s'"`\\$]+$/.test(value) ? value : all;
  });
}

function docLabel(url) {
  try {
    const u = new URL(url);
    const last = u.pathname.split('/').filter(Boolean).pop() ?? u.hostname;
    return `${u.hostname.replace(/^www\./, '')}: ${decodeURIComponent(last).replace(/[-_]/g, ' ').replace(/\.md$/, '')}`;
  } catch {
    return url;
  }
}

/** Where the highlighted log goes when it arrives (a moment after the findings). */
function logPlaceholder() {
  return h('section', { class: 'log', id: 'log-placeholder', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Highlighting the log…'));
}

/** The pasted log, whole when small, else windows around the findings, with the matches marked. */
function renderExcerpt(excerpt, findings) {
  const lines = h('div', { class: 'log-lines', role: 'list', tabindex: '0', 'aria-label': 'Pasted log with the findings highlighted' });
  for (const row of excerpt.rows) {
    if (row.gap !== undefined) {
      lines.append(h('div', { class: 'gap', role: 'listitem' }, `… ${plural(row.gap, 'line')} not shown …`));
      continue;
    }
    const marked = row.segments.some((s) => s.findings);
    lines.append(h('div', { class: `ln${marked ? ' hit' : ''}`, id: `L${row.n}`, tabindex: marked ? '-1' : undefined, role: 'listitem' },
      h('span', { class: 'no', 'aria-hidden': 'true' }, String(row.n)),
      h('span', { class: 'visually-hidden' }, `Line ${row.n}: `),
      h('code', {}, row.segments.map((s) => (s.findings
        ? h('mark', {
          class: `hl${s.findings.length > 1 ? ' nested' : ''}`,
          title: s.findings.map((i) => `${findings[i].id}: ${findings[i].title}`).join('\n'),
          dataset: { findings: s.findings.map((i) => i + 1).join(' ') },
        }, s.text)
        : s.text)))));
  }
  return h('section', { class: 'log', 'aria-labelledby': 'log-title' },
    h('h2', { id: 'log-title' }, excerpt.whole ? 'Your log' : `Your log (${plural(excerpt.totalLines, 'line')}; the lines around each finding)`),
    lines);
}

/** Click on a finding's line: scroll the highlighted line into view, focus it, and select the match in the input. */
function jumpTo(f) {
  const line = $(`L${f.line}`);
  if (line) {
    line.scrollIntoView({ block: 'center' });
    line.focus({ preventScroll: true });
    line.classList.remove('flash');
    void line.offsetWidth;
    line.classList.add('flash');
  }
  // Also select it in the input so the user sees it in context (without stealing focus); a large
  // paste shows only its start there.
  if (Number.isInteger(f.start) && Number.isInteger(f.end) && f.end <= input.value.length) input.setSelectionRange(f.start, f.end);
}

/** `structured`: a JSON or docker config, where the decoder's hint (why no token) is the answer. */
function renderNothingKnown(scan, hint, hasTokens, isLog, structured = false) {
  if (structured && hint && !hasTokens && !scan.findings?.length) {
    return h('section', { class: 'nothing-known', 'aria-labelledby': 'nothing-title' },
      h('h2', { id: 'nothing-title' }, 'No token found'),
      h('p', {}, prose(hint)));
  }
  const candidates = scan.candidates ?? [];
  return h('section', { class: 'nothing-known', 'aria-labelledby': 'nothing-title' },
    h('h2', { id: 'nothing-title' }, scan.findings?.length ? 'No known cause found' : 'No known failure found'),
    h('p', {}, scan.summary || 'Nothing in this paste matches a failure the catalog describes, so no cause is claimed.'),
    !hasTokens && hint && !isLog ? h('p', { class: 'muted' }, prose(hint)) : null,
    candidates.length ? [
      h('h3', {}, 'Closest catalog entries (to read, not to trust)'),
      h('ul', { class: 'candidates' }, candidates.map((c) => h('li', { dataset: { id: c.id } },
        catalogLink(c.id), ' ', c.title, h('span', { class: 'muted' }, ` · ${c.reason}${c.line ? ` (line ${c.line})` : ''}`))))] : null,
    h('p', {}, 'Search the ', h('a', { href: '#catalog' }, 'catalog'), ' for a word from your error message.'));
}

// ---------------------------------------------------------------------------------------------
// Catalog view: every entry at #ALnnn, searchable.

const catalogList = $('catalog-list');
const catalogSearch = $('catalog-search');
const catalogCount = $('catalog-count');
let catalogEntries = [];

function renderCatalog(entries) {
  catalogEntries = entries.map((e) => ({ entry: e, haystack: searchText(e), el: renderEntry(e) }));
  catalogById = new Map(entries.map((e) => [e.id, e]));
  catalogList.replaceChildren(...catalogEntries.map((c) => c.el));
  filterCatalog();
}

function searchText(e) {
  return [e.id, e.title, e.category, e.area, e.cause, e.checkHealthCode, e.httpStatus, ...(e.patterns ?? []).map((p) => p.text), ...(e.fix ?? []).map((s) => `${s.text} ${s.code ?? ''}`)]
    .filter(Boolean).join('\n').toLowerCase();
}

function renderEntry(e) {
  const titleId = `${e.id}-title`;
  return h('article', { class: `entry${e.status === 'retired' ? ' retired' : ''}`, id: e.id, tabindex: '-1', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, h('a', { href: `#${e.id}`, class: 'catalog-id', 'aria-label': `${e.id}, link to this entry` }, e.id), ' ', e.title),
    h('p', { class: 'meta' },
      h('span', { class: 'category' }, e.category), ' · ', e.area,
      e.httpStatus ? ` · HTTP ${e.httpStatus}` : '',
      e.checkHealthCode ? [' · ', h('code', {}, e.checkHealthCode)] : '',
      e.status === 'retired' ? ' · retired' : ''),
    renderExplanation(e),
    disclosure(`${e.id}-more`, 'Messages it matches and an example',
      h('ul', { class: 'patterns' }, (e.patterns ?? []).map((p) => h('li', {}, h('code', {}, p.text), h('span', { class: 'muted' }, ` · ${STRENGTH[p.strength] ?? p.strength}`)))),
      (e.examples ?? []).slice(0, 1).map((x) => [
        h('pre', { class: 'example', tabindex: '0', 'aria-label': `Example log for ${e.id}` }, h('code', {}, x.text)),
        h('p', { class: 'muted' }, `Shape from: ${x.source}`),
        h('button', { type: 'button', class: 'secondary', onclick: () => tryExample(x.text) }, 'Explain this example')])));
}

/**
 * A show/hide button and its panel. Not <details>: with a few hundred closed <details> on the page,
 * Chromium takes seconds to select all (Ctrl+A) in a large paste in the textarea.
 */
function disclosure(id, label, ...content) {
  const panel = h('div', { id, class: 'more', hidden: true }, ...content);
  const button = h('button', { type: 'button', class: 'disclosure', 'aria-expanded': 'false', 'aria-controls': id }, label);
  button.addEventListener('click', () => setOpen(button, panel.hidden));
  return h('div', { class: 'more-wrap' }, button, panel);
}

function setOpen(button, open) {
  $(button.getAttribute('aria-controls')).hidden = !open;
  button.setAttribute('aria-expanded', String(open));
}

function tryExample(text) {
  setInput(text);
  $('examples').value = '';
  $('decoder').scrollIntoView({ block: 'start' });
  input.focus({ preventScroll: true });
}

/** Filters the catalog by the search box; `typed`: the count is announced once typing pauses. */
function filterCatalog(typed = false) {
  const words = catalogSearch.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const c of catalogEntries) {
    const match = words.every((w) => c.haystack.includes(w));
    c.el.hidden = !match;
    if (match) shown++;
  }
  catalogCount.textContent = words.length
    ? `${plural(shown, 'entry', 'entries')} of ${catalogEntries.length} match.`
    : `${plural(catalogEntries.length, 'entry', 'entries')}.`;
  if (typed) announce(catalogCount.textContent, true);
}

catalogSearch.addEventListener('input', () => filterCatalog(true));

/**
 * The link (in a finding, a warning, a candidate) a catalog entry was followed from: going back
 * gives it the focus again, instead of leaving the focus on the entry, far below what the browser
 * scrolls back to, where the next Tab would carry a keyboard user back down into the catalog.
 */
let followedFrom = null;

/** `#AL013`: show that entry (even if the search hides it), open its messages and example, focus it. */
function followHash() {
  const id = decodeURIComponent(location.hash.slice(1)).toUpperCase();
  if (!/^AL\d{3}$/.test(id)) return;
  const el = $(id);
  if (!el) return;
  if (el.hidden) {
    catalogSearch.value = '';
    filterCatalog();
  }
  const more = el.querySelector('button.disclosure');
  if (more) setOpen(more, true);
  // Entries away from the screen are not laid out (content-visibility: auto in style.css) and
  // stand in at an estimated height: scroll, let the entries now on screen take their real height
  // (laid out in the next frame), then scroll again and focus, unless focus has moved on by then.
  const focusedBefore = document.activeElement;
  el.scrollIntoView({ block: 'start' });
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const moved = ![focusedBefore, el, document.body, null].includes(document.activeElement);
    if (moved) return;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }));
}

// A click (or Enter) on a link: by hashchange, the browser has already moved the focus to the entry.
document.addEventListener('click', (e) => {
  const link = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
  if (link && /^#AL\d{3}$/i.test(link.getAttribute('href')) && !$('catalog').contains(link)) followedFrom = link;
});

window.addEventListener('hashchange', () => {
  const back = followedFrom;
  if (back?.isConnected && !/^#AL\d{3}$/i.test(location.hash) && $('catalog').contains(document.activeElement)) back.focus();
  if (!$('catalog').contains(document.activeElement)) followedFrom = null;
  followHash();
});

engine.catalog.then((entries) => {
  renderCatalog(entries ?? []);
  followHash();
  // Findings rendered before the catalog arrived lack their explanations: render them again.
  if (lastText) {
    lastText = null;
    schedule(true);
  }
  document.body.dataset.ready = 'true';
  if (!currentText()) statusLine.textContent = 'Ready: paste a token or a log, drop a file, or pick an example.';
});
