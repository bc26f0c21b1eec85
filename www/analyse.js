// Everything the page computes from a paste, in one pure-ish module: it runs inside the Web Worker
// (worker.js) so a 10 MB log never blocks typing, and on the main thread only if workers are
// unavailable. It calls the shared wasm core and shapes the result for rendering, so the main
// thread never touches the whole pasted text again (line splitting, excerpts, ANSI stripping are here).
import init, * as core from './pkg/acr_login.js';
import wasmText from './pkg/acr_login_wasm.js';
// The catalog's example logs: the wasm is built without them (scripts/build.mjs writes them).
import { withExamples } from './pkg/catalog-examples.js';

let loading;

/**
 * Instantiates the wasm from the module holding its bytes, one character per byte (the CSP forbids
 * fetching anything, even our own .wasm; scripts/build.mjs writes that module).
 */
export function load() {
  loading ??= (async () => {
    const bytes = new Uint8Array(wasmText.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = wasmText.charCodeAt(i);
    await init({ module_or_path: bytes });
  })();
  return loading;
}

/** Every catalog entry, with its examples. */
export function catalog() {
  return core.catalog().map(withExamples);
}

/** Lines of context shown around each finding when the log is too long to show whole. */
const CONTEXT_LINES = 3;
/** Logs up to this many lines (and characters) are shown whole, highlighted. */
const WHOLE_LOG_LINES = 2500;
const WHOLE_LOG_CHARS = 400_000;
/** A displayed line longer than this is clipped around its highlights. */
const MAX_LINE_CHARS = 600;
/** Findings beyond this many are still listed but not given excerpt windows. */
const MAX_EXCERPT_FINDINGS = 60;

/**
 * Analyses a paste: detection, tokens (decodeToken), findings (scanLog) and the highlighted
 * excerpt of the pasted text. `now` is Unix seconds. Timings are in ms.
 */
export function analyse(text, now) {
  const staged = analyseStaged(text, now);
  return { ...staged.result, excerpt: staged.excerpt() };
}

/**
 * The same in two stages, so the explanation can be shown before the (larger) highlighted log is
 * built: `result` has everything but the excerpt; `excerpt()` builds it from the same line index.
 */
export function analyseStaged(text, now) {
  const t0 = performance.now();
  const detected = detect(text);
  if (detected.kind === 'empty') {
    return { result: { detected, tokens: { tokens: [] }, scan: emptyScan(), timings: { total: 0 } }, excerpt: () => null };
  }
  let tokens = { tokens: [], omitted: 0, hint: null, notice: null };
  let tokenError = null;
  const td = performance.now();
  const wrapped = unwrapToken(text);
  try {
    if (wrapped) {
      // Decoded as the one line it was: the card's encoded view and spans refer to the joined text.
      tokens = decodeTokens(wrapped.token, now);
      for (const t of tokens.tokens) t.wrappedLines = wrapped.lines;
      detected.kind = 'jwt';
      detected.wrappedLines = wrapped.lines;
    } else {
      tokens = decodeTokens(text, now);
    }
  } catch (e) {
    tokenError = { code: e?.code ?? 'ERROR', message: String(e?.message ?? e) };
  }
  const ts = performance.now();
  let scan = emptyScan();
  let scanError = null;
  try {
    scan = normaliseScan(core.scanLog(text, now));
  } catch (e) {
    scanError = { code: e?.code ?? 'ERROR', message: String(e?.message ?? e) };
  }
  const te = performance.now();
  const lines = lineStarts(text);
  placeFindings(text, lines, scan.findings);
  detected.lines = lines.length;
  if (detected.kind === 'text' && lines.length > 1) detected.kind = 'log';
  const t1 = performance.now();
  return {
    result: {
      detected, tokens, tokenError, scan, scanError,
      dockerOthers: detected.kind === 'docker-config' ? dockerOthers(text, tokens.tokens) : null,
      timings: { decode: ts - td, scan: te - ts, total: t1 - t0 },
    },
    excerpt: () => (scan.findings.length ? buildExcerpt(text, lines, scan.findings) : null),
  };
}

/** What the paste is, decided cheaply before (and independently of) the core. */
export function detect(text) {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty', chars: 0 };
  const chars = text.length;
  // One token, possibly behind `Bearer` or cut short (a JWT with a part missing is still a JWT here).
  if (/^(Bearer\s+)?eyJ[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){1,4}$/.test(trimmed) || /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(trimmed)) return { kind: 'jwt', chars };
  if ((trimmed[0] === '{' || trimmed[0] === '[') && trimmed.length < 5_000_000) {
    try {
      const json = JSON.parse(trimmed);
      const docker = json && typeof json === 'object' && !Array.isArray(json) && json.auths && typeof json.auths === 'object';
      return { kind: docker ? 'docker-config' : 'json', chars };
    } catch {
      // Not JSON after all: a log that starts with a brace.
    }
  }
  const jwts = trimmed.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g);
  if (jwts && jwts.length > 1 && trimmed.length - jwts.join('').length < 2000) return { kind: 'jwts', chars };
  return { kind: 'text', chars };
}

/**
 * A single token a terminal, pager or mail client wrapped over several lines (possibly behind
 * `Bearer`, possibly in quotes): `{token, lines}` with the line breaks and the blanks around them
 * taken out, or null for anything else. Whole tokens on separate lines are left alone: joined they
 * would not be one three-part JWT.
 */
export function unwrapToken(text) {
  if (text.length > 100_000 || !text.includes('\n')) return null;
  const body = text.trim().replace(/^(["'])([\s\S]*)\1$/, '$2').trim().replace(/^Bearer\s+/i, '');
  if (!/^[A-Za-z0-9_\-.\s]+$/.test(body) || !/\s/.test(body)) return null;
  const token = body.replace(/\s+/g, '');
  if (!/^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) return null;
  return { token, lines: body.split(/\r?\n/).length };
}

/** decodeToken's report, each token given its compact text for the colour-coded encoded view. */
function decodeTokens(text, now) {
  const report = core.decodeToken(text, now);
  const tokens = (report.tokens ?? []).map((t) => {
    const encoded = encodedText(t, text);
    return { ...t, encoded, order: t.decoded ? keyOrder(encoded) : null };
  });
  return { tokens, omitted: report.omitted ?? 0, hint: report.hint ?? null, notice: report.notice ?? null };
}

/** The token as it was pasted, or, for a docker `auth` value, the password inside base64(user:password). */
function encodedText(token, text) {
  const s = token.segmentSpans;
  if (s) return text.slice(s.header.start, s.signature.end);
  const raw = text.slice(token.span.start, token.span.end);
  if (token.source?.startsWith('docker-config:') && token.source.endsWith('.auth')) return decodeAuth(raw)?.password ?? raw;
  return raw;
}

/** A docker `auth`, base64 of UTF-8 `user:password`, split; null when it is not that. */
function decodeAuth(auth) {
  if (typeof auth !== 'string') return null;
  try {
    const plain = new TextDecoder().decode(Uint8Array.from(atob(auth.replace(/\s+/g, '')), (c) => c.charCodeAt(0)));
    const colon = plain.indexOf(':');
    return colon >= 0 ? { user: plain.slice(0, colon), password: plain.slice(colon + 1) } : null;
  } catch {
    return null;
  }
}

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A pasted docker config seen whole: its registries whose credential is not one of the decoded
 * tokens (with the user where the config has one, and what kind of secret it holds, never the
 * secret), its credHelpers and its credsStore. The core decodes only the tokens in it.
 */
function dockerOthers(text, tokens) {
  let config;
  try {
    config = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isMap(config)) return null;
  const entries = [];
  for (const [registry, entry] of Object.entries(isMap(config.auths) ? config.auths : {})) {
    if (!isMap(entry)) continue;
    // Its credential is a token card already (the card's source names the field it came from).
    if (Object.keys(entry).some((field) => tokens.some((t) => t.source === `docker-config:auths.${registry}.${field}`))) continue;
    entries.push({
      registry,
      hub: /^(https?:\/\/)?(index\.|registry-1\.)?docker\.io(\/|$)/.test(registry),
      user: (typeof entry.username === 'string' && entry.username) || decodeAuth(entry.auth)?.user || null,
      secret: Boolean(entry.auth || entry.password),
      identityToken: Boolean(entry.identitytoken || entry.registrytoken),
    });
  }
  const helpers = Object.entries(isMap(config.credHelpers) ? config.credHelpers : {})
    .filter(([, helper]) => typeof helper === 'string' && helper)
    .map(([registry, helper]) => ({ registry, helper }));
  const store = typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : null;
  return { entries, helpers, store };
}

/**
 * The key order of the header and payload as the issuer wrote them: the core hands back sorted
 * maps, but people read `iss, sub, aud` first, the way jwt.io and jwt.ms show them.
 */
function keyOrder(encoded) {
  try {
    const [header, payload] = encoded.split('.').slice(0, 2).map((part) => {
      const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
      const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
      return Object.keys(JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))));
    });
    return { header, payload };
  } catch {
    return null;
  }
}

function emptyScan() {
  return { findings: [], candidates: [] };
}

/** Accepts the scanner's report and keeps the fields the page renders. */
function normaliseScan(report) {
  const findings = Array.isArray(report?.findings) ? report.findings : [];
  const candidates = report?.candidates ?? report?.closest ?? report?.closestCandidates ?? [];
  return { ...report, findings, candidates: Array.isArray(candidates) ? candidates : [] };
}

/** UTF-16 offsets where each line starts (CRLF and LF; a lone CR is not a line break). */
export function lineStarts(text) {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  if (starts.length > 1 && starts[starts.length - 1] === text.length) starts.pop();
  return starts;
}

/** The 0-based line holding UTF-16 offset `pos`. */
function lineOf(starts, pos) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The lines to show: the whole log when it is small, else windows around the findings. Each line
 * carries its highlights (finding index + range within the displayed text).
 */
/** Completes each finding's position (UTF-16 start/end, 1-based line) from what the scanner gave. */
function placeFindings(text, starts, findings) {
  for (const f of findings) {
    let start = Number.isInteger(f.start) ? f.start : null;
    let end = Number.isInteger(f.end) ? f.end : null;
    if (start === null) {
      const line = Math.max(0, (f.line ?? 1) - 1);
      start = (starts[line] ?? 0) + Math.max(0, (f.column ?? 1) - 1);
      end = starts[line + 1] !== undefined ? starts[line + 1] - 1 : text.length;
    }
    f.start = Math.min(start, text.length);
    f.end = Math.min(Math.max(end, start), text.length);
    f.line ??= lineOf(starts, f.start) + 1;
  }
}

function buildExcerpt(text, starts, findings) {
  const whole = starts.length <= WHOLE_LOG_LINES && text.length <= WHOLE_LOG_CHARS;
  const marksByLine = new Map();
  findings.forEach((f, index) => {
    const first = lineOf(starts, f.start);
    const last = lineOf(starts, Math.max(f.start, f.end - 1));
    for (let l = first; l <= last; l++) {
      const ls = starts[l];
      const le = lineEnd(text, starts, l);
      const list = marksByLine.get(l) ?? [];
      list.push({ finding: index, start: Math.max(f.start, ls) - ls, end: Math.min(f.end, le) - ls });
      marksByLine.set(l, list);
    }
  });
  let wanted;
  if (whole) {
    wanted = starts.map((_, i) => i);
  } else {
    const set = new Set();
    findings.slice(0, MAX_EXCERPT_FINDINGS).forEach((f) => {
      const first = lineOf(starts, f.start);
      const last = lineOf(starts, Math.max(f.start, f.end - 1));
      for (let l = Math.max(0, first - CONTEXT_LINES); l <= Math.min(starts.length - 1, last + CONTEXT_LINES); l++) set.add(l);
    });
    wanted = [...set].sort((a, b) => a - b);
  }
  const rows = [];
  let previous = -1;
  for (const l of wanted) {
    if (l !== previous + 1) rows.push({ gap: l - previous - 1 });
    const raw = text.slice(starts[l], lineEnd(text, starts, l));
    rows.push({ n: l + 1, segments: segmentLine(raw, marksByLine.get(l) ?? []) });
    previous = l;
  }
  if (previous < starts.length - 1) rows.push({ gap: starts.length - 1 - previous });
  return { whole, totalLines: starts.length, rows };
}

function lineEnd(text, starts, l) {
  let end = l + 1 < starts.length ? starts[l + 1] - 1 : text.length;
  if (end > starts[l] && text.charCodeAt(end - 1) === 13) end -= 1;
  return end;
}

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(s) {
  return s.replace(ANSI, '');
}

/**
 * Splits a line into display segments `{text, finding?}`: ANSI escapes removed, highlights kept,
 * overly long lines clipped to a window around the first highlight.
 */
function segmentLine(raw, marks) {
  let from = 0;
  let to = raw.length;
  if (raw.length > MAX_LINE_CHARS) {
    const anchor = marks.length ? Math.min(...marks.map((m) => m.start)) : 0;
    from = Math.max(0, anchor - 100);
    to = Math.min(raw.length, from + MAX_LINE_CHARS);
  }
  const cuts = new Set([from, to]);
  for (const m of marks) {
    if (m.start > from && m.start < to) cuts.add(m.start);
    if (m.end > from && m.end < to) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments = [];
  if (from > 0) segments.push({ text: '…' });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    // Spans may overlap (a wrapper message around a symptom): a piece belongs to every finding
    // covering it, the best-ranked first.
    const findings = marks.filter((m) => m.start <= a && m.end >= b && m.end > m.start).map((m) => m.finding).sort((x, y) => x - y);
    const piece = stripAnsi(raw.slice(a, b));
    if (!piece) continue;
    const last = segments[segments.length - 1];
    if (last && String(last.findings ?? '') === String(findings)) last.text += piece;
    else segments.push(findings.length ? { text: piece, findings } : { text: piece });
  }
  if (to < raw.length) segments.push({ text: '…' });
  return segments;
}
