//! Finds every known failure in a pasted log, root cause first.
//!
//! Input is whatever people paste: GitHub Actions logs (timestamps, `##[error]`, `::error::`, ANSI
//! colours, `***` masks), Azure DevOps logs, `kubectl describe pod` events, az CLI output with
//! tracebacks, JSON error bodies (escaped `\u0027`, `\"`, `\r\n` inside strings), Windows paths,
//! CRLF. Nothing is sent anywhere and no clock is read: `now` only feeds the token decoder.
//!
//! Pipeline (linear in the input, whatever the input):
//! 1. [`prefilter`]: one pass over the raw bytes finds where any pattern's anchor (a literal
//!    prefix) or a JWT (`eyJ…`) starts.
//! 2. For each anchor hit, a window around it (its line plus the next few, bounded) is
//!    [`normalize`]d and the catalog patterns sharing that anchor are matched exactly
//!    ([`pattern`]), capturing parameters ([`params`]).
//! 3. Matches of one entry on one line merge; the same failure repeated (compatible parameters)
//!    becomes one finding with `occurrences` and `otherLines`.
//! 4. Tokens found in the log are decoded and cross-checked against the errors' times.
//! 5. Ranking (the rank model): strength first — a message naming one cause exactly
//!    (`root-cause`) > an error with a few possible causes (`likely-cause`) > a known follow-on
//!    (`consequence`) > a generic failure line (`symptom`); within a strength, the earlier line
//!    first, since an earlier error explains a later one. So AADSTS70021 outranks the later
//!    "Process completed with exit code 1", and `no such host` outranks the 401 after it. One
//!    exception: a server error (HTTP 5xx) goes before the same-strength lines of its own message
//!    (az's `CONNECTIVITY_ACCESS_TOKEN_ERROR` line, then `Response code: 504`), and az's printed
//!    "not found in subscription" goes before the "Access to registry was denied" just above it
//!    (the token was for another subscription's tenant). And a refusal for
//!    missing credentials from MCR, which is public and needs none, is only a symptom; so is a
//!    Docker daemon error that a tool (trivy) lists as the first of several ways it tried, and a
//!    layer download that the storage answered with a server error (not a blocked endpoint). A
//!    chart download that helm printed in containerd's words is helm's refusal, not kubelet's, also
//!    when kustomize or Argo CD ran helm. A refusal in words every registry prints (containerd's
//!    token errors, `denied: requested access to the resource is denied`) names ACR's cause only
//!    for an ACR: with another registry named around it (Docker Hub, GHCR, Harbor) it is a
//!    symptom, and so are the causes only ACR has when no registry is named at all. So is managed
//!    identity's "unavailable" (or workload identity's missing variables) as one attempt of a
//!    credential chain. And words other tools print for other reasons keep their cause only with
//!    its context in view: git's "Repository not found" needs the job's permissions (AL007), a
//!    missing Docker daemon a login (not `docker build`), `exec format error` a node (not a build
//!    step), storage's header refusal a registry's redirect (not storage's own API), a 429 a
//!    registry (not api.github.com).
//! 6. Nothing with at least `likely-cause` strength: the report says so, and lists the closest
//!    catalog entries (shared rare words, same HTTP status) as candidates, never as a cause.
//!
//! Work is budgeted (hits, windows, findings) so a 10 MB paste of garbage or a 1 MB single line
//! stays linear; when a budget runs out the report says `truncated: true`.

mod normalize;
mod params;
mod pattern;
mod position;
mod prefilter;
mod tokens;

use crate::catalog::{self, Entry, Strength};
pub use params::Params;
use params::{Param, Set};
use prefilter::{Hit, Needle, Prefilter};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;
pub use tokens::TokenSeen;

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanReport {
    /// Every finding, ranked: `findings[0]` is the root cause when `rootCause` is set.
    pub findings: Vec<Finding>,
    /// ID of the root-cause finding; absent when only symptoms (or nothing) were found.
    pub root_cause: Option<&'static str>,
    /// One sentence for a human: the root cause, or that no known failure was found.
    pub summary: String,
    /// When no cause was found: the closest catalog entries, to read, not to trust.
    pub candidates: Vec<Candidate>,
    /// JWTs found in the log (never their text), decoded.
    pub tokens: Vec<TokenSeen>,
    /// `github-actions`, `azure-devops`, `kubectl`, `az-cli` or `plain`.
    pub format: &'static str,
    /// Input size in bytes.
    pub bytes: usize,
    /// A work budget ran out (pathological input): later parts of the log were not fully scanned.
    pub truncated: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub id: &'static str,
    pub category: &'static str,
    pub title: &'static str,
    pub strength: Strength,
    /// 0..1: how sure the scanner is that this finding is what went wrong.
    pub confidence: f64,
    /// 1-based position in the ranking.
    pub rank: usize,
    /// 1-based line of the match.
    pub line: usize,
    /// 1-based column (UTF-16 code units) of the match.
    pub column: usize,
    pub end_line: usize,
    /// 1-based column just past the match.
    pub end_column: usize,
    /// UTF-16 offsets into the input, `[start, end)`: `text.slice(start, end)` in JS.
    pub start: usize,
    pub end: usize,
    /// The matched text as a human reads it (escapes decoded, colours removed), at most 300 chars.
    pub matched: String,
    pub params: Params,
    /// A value GitHub masked (`***`) sat where a parameter was expected.
    pub masked: bool,
    /// Unix seconds of the log line (its timestamp prefix, or the AADSTS `Timestamp:`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<i64>,
    /// How many lines show this same failure.
    pub occurrences: usize,
    /// Other lines with the same failure (first 20).
    pub other_lines: Vec<usize>,
    /// Cross-checks that support (or qualify) the finding, e.g. against a token in the log.
    pub evidence: Vec<String>,
    /// `text` (a message in the log) or `token` (derived from a token found in the log).
    pub source: &'static str,
}

/// A catalog entry that resembles the log's error lines (only given when no cause was found).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: &'static str,
    pub category: &'static str,
    pub title: &'static str,
    pub score: f64,
    /// Why it is listed ("shares 'federated', 'assertion'; HTTP 401").
    pub reason: String,
    /// 1-based line of the error line it resembles most.
    pub line: usize,
}

/// The full catalog entry for an ID (`AL013`, case and surrounding blanks ignored).
pub fn explain(id: &str) -> Option<&'static Entry> {
    let id = id.trim();
    if id.len() != 5 || !id.is_ascii() {
        return None;
    }
    catalog::entry(&id.to_ascii_uppercase())
}

// ---------------------------------------------------------------------------------------------
// The compiled catalog

struct CompiledPattern {
    entry: usize,
    strength: Strength,
    pattern: pattern::Compiled,
}

enum NeedleKind {
    Patterns(Vec<usize>),
    Jwt,
}

/// `{"alg"`, `{"typ"`, `{"kid"`, `{"x5t"`, `{"x5c"`, `{"jku"`, `{"enc"`, `{"cty"` in base64url.
const JWT_PREFIXES: &[&str] = &["eyJhbGciOi", "eyJ0eXAiOi", "eyJraWQiOi", "eyJ4NXQiOi", "eyJ4NWMiOi", "eyJqa3UiOi", "eyJlbmMiOi", "eyJjdHkiOi"];

struct Matcher {
    prefilter: Prefilter,
    kinds: Vec<NeedleKind>,
    patterns: Vec<CompiledPattern>,
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut by_anchor: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        let mut order: Vec<Vec<u8>> = Vec::new();
        for (ei, e) in catalog::entries().iter().enumerate() {
            if e.status == catalog::Status::Retired {
                continue;
            }
            for p in e.patterns {
                // The tidy test proves every pattern compiles; a bad one is skipped, not fatal.
                let Ok(c) = pattern::compile(p.text) else { continue };
                let anchor = c.anchor().to_vec();
                if anchor.len() < MIN_ANCHOR {
                    continue;
                }
                let idx = patterns.len();
                patterns.push(CompiledPattern { entry: ei, strength: p.strength, pattern: c });
                by_anchor
                    .entry(anchor.clone())
                    .or_insert_with(|| {
                        order.push(anchor);
                        Vec::new()
                    })
                    .push(idx);
            }
        }
        let mut needles = Vec::new();
        let mut kinds = Vec::new();
        for a in order {
            let list = by_anchor.remove(&a).unwrap_or_default();
            needles.push(Needle { bytes: a, exact_case: false });
            kinds.push(NeedleKind::Patterns(list));
        }
        // A JWT header is base64url JSON starting with its first key: these cover what GitHub,
        // Entra, ACR and hand-made tokens put first.
        for prefix in JWT_PREFIXES {
            needles.push(Needle { bytes: prefix.as_bytes().to_vec(), exact_case: true });
            kinds.push(NeedleKind::Jwt);
        }
        Matcher { prefilter: Prefilter::new(needles, 4), kinds, patterns }
    })
}

/// Patterns whose text does not compile or whose anchor is too short to search for: the tidy test
/// requires this to be empty.
pub fn invalid_patterns() -> Vec<(&'static str, &'static str, String)> {
    let mut bad = Vec::new();
    for e in catalog::entries() {
        for p in e.patterns {
            match pattern::compile(p.text) {
                Err(err) => bad.push((e.id, p.text, format!("{err:?}"))),
                Ok(c) if c.anchor().len() < MIN_ANCHOR => bad.push((e.id, p.text, format!("anchor shorter than {MIN_ANCHOR} bytes"))),
                Ok(_) => {}
            }
        }
    }
    bad
}

// ---------------------------------------------------------------------------------------------
// Budgets: what keeps any input linear.

const MAX_HITS: usize = 400_000;
/// Anchors must be distinctive (and at least 7 bytes for the stride-4 prefilter).
const MIN_ANCHOR: usize = 8;
const MAX_GROUPS: usize = 400;
const MAX_GROUPS_PER_ENTRY: usize = 40;
const MAX_TOKENS: usize = 16;
const WINDOW_BACK: usize = 2048;
const WINDOW_AHEAD: usize = 6144;
const FOLLOWING_LINES: usize = 4;
/// Hits of one anchor that are examined per line: a line repeating an anchor thousands of times
/// (minified output, a pasted dump) says nothing more after the first few.
const PER_LINE_NEEDLE_CAP: u32 = 16;

/// One raw match (one pattern, one place), before merging.
struct RawMatch {
    entry: usize,
    strength: Strength,
    start: usize,
    end: usize,
    matched: String,
    params: Params,
    masked: bool,
    at: Option<i64>,
    line_id: usize,
    /// Which catalog patterns matched (indices into the compiled list).
    patterns: Vec<usize>,
    /// Only seen on debug lines (`DEBUG:`, `##[debug]`, `DEBU[`): tools log there the errors they
    /// then handle (az CLI's registry lookup before it falls back to the login server name).
    debug: bool,
    /// A refusal of credentials from MCR, which needs none (see [`names_only_mcr`]).
    public_registry: bool,
    /// A Docker daemon error in a tool's list of ways it tried before others (see [`tried_first`]).
    fallback: bool,
}

/// A finding under construction.
struct Group {
    m: RawMatch,
    occurrences: usize,
    other_starts: Vec<usize>,
    last_line_id: usize,
    /// Patterns seen in the current occurrence: a multi-line message (code line, then message
    /// line) is one occurrence; the same pattern again on a later line is a new one.
    current: Vec<usize>,
    evidence: Vec<String>,
    source: &'static str,
}

struct CurrentWindow {
    from: usize,
    to: usize,
    w: normalize::Window,
}

pub fn scan_log(text: &str, now: i64) -> ScanReport {
    let m = matcher();
    let raw = text.as_bytes();
    let n = raw.len();
    let mut report = ScanReport { bytes: n, format: detect_format(raw), ..Default::default() };

    let mut hits: Vec<Hit> = Vec::new();
    report.truncated |= m.prefilter.find_all(raw, MAX_HITS, &mut hits);
    // Anchors are keyed on an inner gram, so starts arrive slightly out of order.
    crate::sort::sort_by_key(&mut hits, |h| (h.pos, h.needle));

    let mut budget: isize = 48 * n as isize + (4 << 20);
    let mut groups: Vec<Group> = Vec::new();
    let mut by_entry: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut jwt_starts: Vec<usize> = Vec::new();
    let mut win: Option<CurrentWindow> = None;
    let mut line_buf: Vec<RawMatch> = Vec::new();
    // Line tracking: the start of the line of the last hit, and up to where we know it continues.
    let mut line_start = 0usize;
    let mut line_known_to = 0usize;
    let mut line_ts: Option<i64> = parse_line_timestamp(&raw[..n.min(40)]);
    let mut line_debug = is_debug_line(&raw[..n.min(64)]);
    // Per needle: (line number in hit order, hits examined on that line).
    let mut line_no = 0usize;
    let mut per_line: Vec<(usize, u32)> = vec![(usize::MAX, 0); m.kinds.len()];

    for hit in &hits {
        if budget <= 0 {
            report.truncated = true;
            break;
        }
        let pos = hit.pos;
        // Find the hit's line start, scanning only bytes not scanned before (linear overall).
        let back_limit = pos.saturating_sub(WINDOW_BACK);
        let mut j = pos;
        let mut new_start = None;
        while j > line_known_to.max(back_limit) {
            if matches!(raw[j - 1], b'\n' | b'\r') {
                new_start = Some(j);
                break;
            }
            j -= 1;
        }
        let same_line = new_start.is_none() && line_known_to >= back_limit && pos >= line_start;
        if !same_line {
            flush_line(&mut line_buf, &mut groups, &mut by_entry, win.as_ref(), &mut budget);
            line_start = new_start.unwrap_or(if back_limit == 0 { 0 } else { back_limit });
            let real_start = new_start.is_some() || back_limit == 0;
            line_ts = if real_start { parse_line_timestamp(&raw[line_start..n.min(line_start + 40)]) } else { None };
            line_debug = real_start && is_debug_line(&raw[line_start..n.min(line_start + 64)]);
            line_no += 1;
        }
        line_known_to = pos;
        let seen = &mut per_line[hit.needle as usize];
        if seen.0 != line_no {
            *seen = (line_no, 0);
        }
        seen.1 += 1;
        if seen.1 > PER_LINE_NEEDLE_CAP {
            continue;
        }

        match &m.kinds[hit.needle as usize] {
            NeedleKind::Jwt => {
                if jwt_starts.len() < MAX_TOKENS && (pos == 0 || !(is_b64url(raw[pos - 1]) || raw[pos - 1] == b'.')) {
                    jwt_starts.push(pos);
                }
            }
            NeedleKind::Patterns(list) => {
                let need_new = match &win {
                    Some(cw) => !(pos >= cw.from && (pos + 1024 <= cw.to || cw.to == n)),
                    None => true,
                };
                if need_new {
                    flush_line(&mut line_buf, &mut groups, &mut by_entry, win.as_ref(), &mut budget);
                    let from = line_start.max(pos.saturating_sub(WINDOW_BACK));
                    let to = window_end(raw, pos);
                    budget -= (to - from) as isize;
                    win = Some(CurrentWindow { from, to, w: normalize::normalize(raw, from, to) });
                }
                let cw = win.as_ref().expect("window");
                let at = cw.w.index_of(pos);
                for &pi in list {
                    budget -= 96;
                    let cp = &m.patterns[pi];
                    let Some((end, caps)) = cp.pattern.match_at(&cw.w.text, at) else { continue };
                    let mut params = Params::default();
                    let mut masked = false;
                    let mut valid = true;
                    for (p, v) in caps {
                        match params.set(p, v) {
                            Set::Stored => {}
                            Set::Masked => masked = true,
                            Set::Invalid => valid = false,
                        }
                    }
                    if !valid {
                        continue;
                    }
                    let raw_start = cw.w.map[at];
                    let raw_end = cw.w.map[end];
                    // `pull access denied for app` names a Docker Hub image, whatever the lines above say.
                    let hub_image = params.image.as_deref().is_some_and(|i| !i.split('/').next().unwrap_or("").contains(['.', ':']));
                    let entry = &catalog::entries()[cp.entry];
                    let public_registry = !hub_image && NEEDS_A_LOGIN.contains(&entry.id) && names_only_mcr(raw, line_start, raw_end);
                    let fallback = !public_registry && entry.category == "docker-daemon-unavailable" && tried_first(raw, line_start, raw_start);
                    if ACR_ONLY.iter().any(|w| cw.w.text[at..end].eq_ignore_ascii_case(w)) && !names_acr(raw, line_start, raw_end) {
                        continue;
                    }
                    if AZ_ONLY.iter().any(|w| cw.w.text[at..end].eq_ignore_ascii_case(w)) && !names_az(raw, line_start, raw_end) {
                        continue;
                    }
                    let strength = if public_registry || fallback {
                        Strength::Symptom
                    } else if line_debug {
                        demoted(cp.strength)
                    } else {
                        cp.strength
                    };
                    line_buf.push(RawMatch {
                        entry: cp.entry,
                        strength,
                        start: raw_start,
                        end: raw_end.max(raw_start),
                        matched: clip(&cw.w.text[at..end]),
                        params,
                        masked,
                        at: line_ts,
                        line_id: line_start,
                        patterns: vec![pi],
                        debug: line_debug,
                        public_registry,
                        fallback,
                    });
                }
            }
        }
    }
    flush_line(&mut line_buf, &mut groups, &mut by_entry, win.as_ref(), &mut budget);
    drop(hits);

    // Tokens: decode, report, cross-check.
    let tokens = tokens::collect(raw, text, &jwt_starts, now);
    tokens::cross_check(&tokens, &mut groups);
    report.tokens = tokens.into_iter().map(|t| t.seen).collect();
    demote_answered_device_code_prompts(&mut groups);
    refused_without_a_challenge(raw, &mut groups);
    demote_helm_token_logins_without_a_user_name(raw, &mut groups);
    helm_s_own_refusals_are_not_kubelet_s(raw, &mut groups);
    a_kubelet_pull_wrapped_over_lines_is_kubelet_s(raw, &mut groups);
    demote_layer_downloads_answered_with_a_server_error(raw, &mut groups);
    app_service_pulls_with_its_own_settings(raw, &mut groups);
    acr_causes_in_every_registry_s_words_need_an_acr(raw, &mut groups);
    one_attempt_of_a_credential_chain_is_a_symptom(raw, &mut groups);
    checkout_refusals_need_the_job_s_permissions(raw, &mut groups);
    a_missing_daemon_is_a_login_s_only_after_a_login(raw, &mut groups);
    exec_format_errors_in_a_build_step_are_the_builder_s(raw, &mut groups);
    storage_s_own_operations_are_not_a_registry_redirect(raw, &mut groups);
    throttling_by_another_service_is_not_acr_s(raw, &mut groups);
    connections_an_acr_cannot_be_at_are_not_its_network(raw, &mut groups);

    finish(&mut report, raw, groups);
    if report.root_cause.is_none() {
        report.candidates = candidates(raw, &report.findings);
        // After a refusal from MCR, which needs no login, entries about missing logins mislead.
        // So do they after a server error on the layer download: the credentials were accepted.
        if report.findings.iter().any(|f| f.evidence.iter().any(|e| e == PUBLIC_REGISTRY_EVIDENCE || e == LAYER_SERVER_ERROR_EVIDENCE)) {
            report.candidates.retain(|c| !NEEDS_A_LOGIN.contains(&c.id));
        }
        // After helm's own anonymous refusal, a kubelet's entries mislead as much as they would as causes.
        if report.findings.iter().any(|f| f.evidence.iter().any(|e| e == HELM_ANONYMOUS_EVIDENCE || e == HELM_TOOL_ANONYMOUS_EVIDENCE)) {
            report.candidates.retain(|c| c.id != KUBELET_OAUTH_ENTRY && c.id != KUBELET_ANONYMOUS_ENTRY);
        }
        // After App Service's retry without credentials, the failure is its first pull: entries
        // about logins, or about its wrapper's other answers, only repeat the retry's words.
        if report.findings.iter().any(|f| f.evidence.iter().any(|e| e == APP_SERVICE_RETRY_EVIDENCE)) {
            report.candidates.retain(|c| !NEEDS_A_LOGIN.contains(&c.id) && c.id != APP_SERVICE_PUBLIC_PULL_ENTRY);
        }
        // After a refusal that is another registry's (or names none where only ACR has the cause),
        // ACR's causes in the same words mislead as candidates as much as they would as causes.
        if report.findings.iter().any(|f| f.evidence.iter().any(|e| e.starts_with(OTHER_REGISTRY_LEAD) || e.starts_with(NO_ACR_IN_VIEW_LEAD))) {
            report.candidates.retain(|c| !ACR_CAUSE_SHARED_WORDS.contains(&c.id));
        }
    }
    report.summary = summary(&report);
    report
}

impl Group {
    pub(crate) fn derived(entry_id: &str, start: usize, end: usize, at: Option<i64>, params: Params, evidence: String) -> Option<Group> {
        let all = catalog::entries();
        let entry = all.iter().position(|e| e.id == entry_id)?;
        Some(Group {
            m: RawMatch {
                entry,
                strength: Strength::LikelyCause,
                start,
                end,
                matched: String::new(),
                params,
                masked: false,
                at,
                line_id: start,
                patterns: Vec::new(),
                debug: false,
                public_registry: false,
                fallback: false,
            },
            occurrences: 1,
            other_starts: Vec::new(),
            last_line_id: start,
            current: Vec::new(),
            evidence: vec![evidence],
            source: "token",
        })
    }

    pub(crate) fn set_strength(&mut self, s: Strength) {
        self.m.strength = s;
    }
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// End of the hit's line plus a few following lines (where `Trace ID:`, the HTTP status or the
/// az CLI's second message line sit), bounded.
fn window_end(raw: &[u8], pos: usize) -> usize {
    let limit = raw.len().min(pos + WINDOW_AHEAD);
    let mut lines = 0;
    let mut i = pos;
    while i < limit {
        if raw[i] == b'\n' {
            lines += 1;
            if lines > FOLLOWING_LINES {
                return i;
            }
        }
        i += 1;
    }
    limit
}

fn clip(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let s = s.trim();
    if s.chars().count() <= 300 {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(299).collect();
        out.push('…');
        out
    }
}

/// Merges one line's matches per entry, then folds them into the groups.
fn flush_line(
    buf: &mut Vec<RawMatch>,
    groups: &mut Vec<Group>,
    by_entry: &mut HashMap<usize, Vec<usize>>,
    win: Option<&CurrentWindow>,
    budget: &mut isize,
) {
    if buf.is_empty() {
        return;
    }
    crate::sort::sort_by_key(buf, |r| (r.entry, r.start));
    let mut merged: Vec<RawMatch> = Vec::new();
    for r in buf.drain(..) {
        if let Some(last) = merged.last_mut() {
            if last.entry == r.entry && last.params.compatible(&r.params) {
                last.params.absorb(&r.params);
                last.masked |= r.masked;
                last.strength = last.strength.max(r.strength);
                last.debug &= r.debug;
                last.public_registry &= r.public_registry;
                last.fallback &= r.fallback;
                last.patterns.extend(&r.patterns);
                if r.end > last.end && r.start <= last.end + 200 {
                    last.end = r.end;
                    if let Some(cw) = win {
                        if last.start >= cw.from && last.end <= cw.to {
                            last.matched = clip(&cw.w.text[cw.w.index_of(last.start)..cw.w.index_of(last.end)]);
                        }
                    }
                }
                continue;
            }
        }
        merged.push(r);
    }
    for mut r in merged {
        let list = by_entry.entry(r.entry).or_default();
        if let Some(&gi) = list.iter().find(|&&gi| groups[gi].m.params.compatible(&r.params)) {
            let g = &mut groups[gi];
            g.m.params.absorb(&r.params);
            g.m.masked |= r.masked;
            g.m.strength = g.m.strength.max(r.strength);
            g.m.debug &= r.debug;
            if g.last_line_id != r.line_id {
                g.last_line_id = r.line_id;
                if r.patterns.iter().any(|p| g.current.contains(p)) {
                    g.occurrences += 1;
                    g.current.clear();
                    if g.other_starts.len() < 20 {
                        g.other_starts.push(r.start);
                    }
                }
            }
            g.current.extend(&r.patterns);
            continue;
        }
        if groups.len() >= MAX_GROUPS || list.len() >= MAX_GROUPS_PER_ENTRY {
            continue;
        }
        if let Some(cw) = win {
            *budget -= extract_context(&mut r, cw) as isize;
        }
        let entry = &catalog::entries()[r.entry];
        if let Some(code) = entry.check_health_code {
            r.params.check_health_code.get_or_insert_with(|| code.to_string());
        }
        if let (Some(s), None) = (entry.http_status, r.params.http_status) {
            r.params.http_status = Some(s);
        }
        list.push(groups.len());
        let line_id = r.line_id;
        let current = r.patterns.clone();
        let evidence = if r.public_registry {
            vec![PUBLIC_REGISTRY_EVIDENCE.to_string()]
        } else if r.fallback {
            vec![FALLBACK_EVIDENCE.to_string()]
        } else {
            Vec::new()
        };
        groups.push(Group { m: r, occurrences: 1, other_starts: Vec::new(), last_line_id: line_id, current, evidence, source: "text" });
    }
}

/// Context parameters found around a match: registry, AADSTS code, trace and correlation IDs, the
/// error's own timestamp. Returns the work done (bytes looked at).
fn extract_context(r: &mut RawMatch, cw: &CurrentWindow) -> usize {
    static EXTRACTORS: OnceLock<Vec<pattern::Compiled>> = OnceLock::new();
    let ex = EXTRACTORS.get_or_init(|| {
        [
            "Trace ID: {traceId}",
            "\"trace_id\":\"{traceId}\"",
            "Correlation ID: {correlationId}",
            "\"correlation_id\":\"{correlationId}\"",
            "AADSTS{aadstsCode}:",
            "login.microsoftonline.com/{tenant}/",
            "in the tenant {tenant}",
            "directory '{tenant}'",
            "tenant named {tenant}.",
            // AADSTS7000215 / 7000222; a bare `app '…'` would also take `container app 'web'`.
            "added to app '{appId}'",
            "keys for app '{appId}'",
            "Application '{appId}'",
            "The client '{appId}'",
            "The client application {appId} is",
            "Application with identifier '{appId}'",
        ]
        .iter()
        .filter_map(|p| pattern::compile(p).ok())
        .collect()
    });
    let text = &cw.w.text;
    // From the start of the match's (normalized) line to the end of the window.
    let at = cw.w.index_of(r.start);
    let from = text[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let region = &text[from..];
    for c in ex {
        let pattern::Part::Lit(first) = &c.parts[0] else { continue };
        let mut i = 0;
        while let Some(off) = find_folded(&region[i..], first) {
            let s = i + off;
            if let Some((_, caps)) = c.match_at(region, s) {
                for (p, v) in caps {
                    // `Application with identifier '***'` names a masked value even when the
                    // message around it is too mangled for the entry's own pattern.
                    if let Set::Masked = r.params.set(p, v) {
                        r.masked = true;
                    }
                }
                break;
            }
            i = s + 1;
        }
    }
    let wrapped = wrapped_captures(r, region);
    if r.params.registry.is_none() {
        if let Some(reg) = find_registry(region) {
            let _ = r.params.set(Param::Registry, reg);
        }
    }
    if r.at.is_none() {
        r.at = find_message_timestamp(region);
    }
    region.len() * (ex.len() + 2) + wrapped
}

/// The entry's own capturing patterns, tried once more on the match's line joined to the next:
/// a message wrapped at a blank (a terminal's or a log viewer's width, a poster's paste) puts the
/// value on the next line, as in `…for presented assertion` / `subject 'repo:…'`. Only what the
/// join itself made match is taken, and only into parameters still empty. Returns the work done.
fn wrapped_captures(r: &mut RawMatch, region: &[u8]) -> usize {
    let Some(nl) = region.iter().position(|&b| b == b'\n') else { return 0 };
    let next = &region[nl + 1..];
    let next = &next[..next.iter().position(|&b| b == b'\n').unwrap_or(next.len()).min(pattern::MAX_GAP)];
    let mut joined = Vec::with_capacity(nl + 1 + next.len());
    joined.extend_from_slice(&region[..nl]);
    joined.push(b' ');
    joined.extend_from_slice(after_line_timestamp(next));
    let mut work = 0;
    for cp in matcher().patterns.iter().filter(|p| p.entry == r.entry) {
        let parts = &cp.pattern.parts;
        let pattern::Part::Lit(first) = &parts[0] else { continue };
        if !parts.iter().any(|p| matches!(p, pattern::Part::Cap(_))) {
            continue;
        }
        work += joined.len();
        let mut i = 0;
        while let Some(off) = find_folded(&joined[i..], first) {
            let s = i + off;
            if s >= nl {
                break;
            }
            match cp.pattern.match_at(&joined, s) {
                Some((e, caps)) if e > nl => {
                    for (p, v) in caps {
                        // A value across the join was cut by the wrap, blank or not: not taken.
                        let at = v.as_ptr() as usize - joined.as_ptr() as usize;
                        if at <= nl && nl < at + v.len() {
                            continue;
                        }
                        let _ = r.params.set(p, v);
                    }
                    break;
                }
                _ => i = s + 1,
            }
        }
    }
    work
}

/// Entries that say the client sent no usable credentials. Said of MCR they are wrong: MCR is
/// public and needs no login, so its refusal is its own failure (an outage, as on 2026-06-15 in
/// microsoft/containerregistry#193) or a wrong image name.
const NEEDS_A_LOGIN: &[&str] = &["AL030", "AL032", "AL062", "AL200", "AL211", "AL402", "AL405"];

const PUBLIC_REGISTRY_EVIDENCE: &str = "But the registry is MCR (mcr.microsoft.com), which is public and needs no login: a refusal from it is not about credentials (a wrong image name, or an MCR incident: https://github.com/microsoft/containerregistry/issues). Ranked as a symptom.";

const FALLBACK_EVIDENCE: &str = "But the tool only tried the local Docker daemon first, among other ways to reach the image (trivy lists every attempt): no daemon is needed, the last attempt's error is the failure. Ranked as a symptom.";

/// What a tool prints before a Docker daemon error that is one of several attempts, not the
/// failure: trivy's `unable to inspect the image (<ref>): Cannot connect to the Docker daemon`,
/// followed by its Podman, containerd and remote-registry attempts.
const TRIED_FIRST_LEADS: &[&[u8]] = &[b"unable to inspect the image ("];

/// Whether the text just before a match on its line (at most 256 bytes) says the tool was only
/// trying the daemon before other ways.
fn tried_first(raw: &[u8], line_start: usize, match_start: usize) -> bool {
    let before = &raw[line_start.max(match_start.saturating_sub(256))..match_start.max(line_start)];
    TRIED_FIRST_LEADS.iter().any(|lead| find_folded(before, lead).is_some())
}

/// Whether the registry a refusal is about is MCR: the match's line names MCR and no other
/// registry, or names none and the three lines above (where docker prints the reference, or the
/// command) name only MCR. Bounded: at most ~1.5 KB around the match.
fn names_only_mcr(raw: &[u8], line_start: usize, match_end: usize) -> bool {
    if let Some(only_mcr) = registries_named(&raw[line_start..line_end(raw, match_end)]) {
        return only_mcr;
    }
    registries_named(&raw[lines_above(raw, line_start)..line_start]) == Some(true)
}

/// The end of the match's line, at most 1 KB on.
fn line_end(raw: &[u8], match_end: usize) -> usize {
    let limit = raw.len().min(match_end + 1024);
    raw[match_end.min(limit)..limit].iter().position(|&b| b == b'\n').map_or(limit, |i| match_end + i)
}

/// The start of the three lines above the match's line (where docker, buildx and nerdctl print
/// the reference, or the command), at most 512 bytes back.
fn lines_above(raw: &[u8], line_start: usize) -> usize {
    lines_back(raw, line_start, 3).max(line_start.saturating_sub(512))
}

/// Whole patterns that mean an ACR cause (AL202's geo-replicas, AL222's missing chart repository)
/// only with an ACR host in view, as other registries print them too (Harbor's
/// `MANIFEST_BLOB_UNKNOWN`, any chart repository's helm error): otherwise not even a
/// symptom. Checked here, not in the pattern (`azurecr.*MANIFEST…`): a pattern's leading literal
/// is what the prefilter searches for, and `azurecr.` is on every other line of a CI log pushing
/// to ACR (that one pattern halved the scanner's throughput on the bench's 10 MB log).
const ACR_ONLY: &[&[u8]] = &[b"MANIFEST_BLOB_UNKNOWN", b"chart repository or cannot"];

/// Whether the match's line or the three lines above it name an ACR host or a value GitHub
/// masked. Bounded: at most ~1.5 KB.
fn names_acr(raw: &[u8], line_start: usize, match_end: usize) -> bool {
    let region = &raw[lines_above(raw, line_start)..line_end(raw, match_end)];
    find_folded(region, b".azurecr.").is_some() || find_folded(region, b"***").is_some()
}

/// Entries whose words every registry prints (containerd's token errors and layer downloads, the
/// distribution spec's `denied` and `unauthorized` messages, argo's tag listing, containers/image's
/// `Error writing blob`) but whose causes and fixes are ACR's (a push role, a kubelet identity, a
/// scope map, the registry's network rules, its geo-replicas, its data endpoints). With another
/// registry named around the refusal (Docker Hub, GHCR, Harbor, a `https://<host>/v2/` URL) they
/// are a symptom: claiming ACR's cause there invents one.
const ACR_CAUSE_SHARED_WORDS: &[&str] = &["AL032", "AL033", "AL063", "AL200", "AL202", "AL305", "AL402", "AL403", "AL405"];

/// Of those, the ones whose words name a cause only ACR's setup has (a push role, a scope map, the
/// registry's network rules answering a token request with 403, geo-replicas): with no registry
/// named at all they are a symptom too. Only an ACR host, a masked one, or ACR's own link keeps
/// them a cause.
const ACR_CAUSE_NEEDS_ACR_IN_VIEW: &[&str] = &["AL033", "AL063", "AL202", "AL403"];

/// Whole patterns of the other entries that need the same: OAuth's `"error":"invalid_token"` is
/// any OAuth server's answer (GitLab's API with a revoked token); ACR's comes in its challenge,
/// which names the registry (`realm="https://<registry>.azurecr.io/oauth2/token"`).
const ACR_WORDS_NEED_ACR_IN_VIEW: &[&[u8]] = &[b"invalid_token\""];

/// What says the registry is an ACR: its host, its own error link, az's ACR commands.
const ACR_MARKS: &[&[u8]] = &[b".azurecr.", b"aka.ms/acr", b"az acr "];

/// Registries that are not ACR, as their hosts appear in refusals (auth.docker.io and
/// registry-1.docker.io are Docker Hub; `.amazonaws.com` is ECR's `dkr.ecr`, `.pkg.dev` Artifact
/// Registry). MCR is ACR-backed and handled on its own ([`names_only_mcr`]).
const OTHER_REGISTRIES: &[&[u8]] = &[
    b"docker.io", b"ghcr.io", b"gcr.io", b".pkg.dev", b"quay.io", b".amazonaws.com", b"public.ecr.aws", b"gitlab.com",
    b"jfrog.io", b"nvcr.io", b"docker.pkg.github.com", b"registry.k8s.io", b"icr.io", b"digitalocean.com",
];

/// Where a registry's own URL path starts: the API (`/v2/`) or a token endpoint (distribution's
/// `/token`, Harbor's `/service/token`, GitLab's `/jwt/auth`).
const REGISTRY_PATHS: &[&[u8]] = &[b"/v2/", b"/v2\"", b"/token", b"/service/token", b"/jwt/auth"];

/// What docker, helm and nerdctl print before the lines of a push or pull (layers, progress):
/// the reference, whose host is the registry.
const REFERENCE_LEADS: &[&[u8]] = &[b"push refers to repository [", b"push refers to a repository [", b"oci://"];
const REFERENCE_LOOKBACK: usize = 16 * 1024;

enum InView {
    Acr,
    Other(Vec<u8>),
    Unknown,
}

/// Which registry a refusal is about: what the match's line names, an ACR (or a masked host, which
/// may be one) or another registry (a known host, a registry URL, the `registry=` field of Argo CD
/// Image Updater's log, empty for Docker Hub); if it names none, what the three lines above name;
/// if they name none either, the last reference docker or helm printed before the push's layer
/// lines (up to 16 KB back: an image's layer lines, with timestamps, run to many KB). Bounded:
/// ~18.5 KB, once per finding.
fn registry_in_view(raw: &[u8], line_start: usize, match_end: usize) -> InView {
    for text in [&raw[line_start..line_end(raw, match_end)], &raw[lines_above(raw, line_start)..line_start]] {
        if ACR_MARKS.iter().any(|m| find_folded(text, m).is_some()) {
            return InView::Acr;
        }
        if let Some(host) = other_registry(text) {
            return InView::Other(host);
        }
        if find_folded(text, b"***").is_some() {
            return InView::Acr;
        }
    }
    let far = &raw[line_start.saturating_sub(REFERENCE_LOOKBACK)..line_start];
    let mut last: Option<usize> = None;
    for lead in REFERENCE_LEADS {
        let mut i = 0;
        while let Some(off) = find_folded(&far[i..], lead) {
            let end = i + off + lead.len();
            last = last.max(Some(end));
            i = end;
        }
    }
    let Some(at) = last else { return InView::Unknown };
    let host = host_at(&far[at..]);
    if host.is_empty() {
        InView::Unknown
    } else if find_folded(host, b".azurecr.").is_some() || host.starts_with(b"***") || host.starts_with(b"$") {
        InView::Acr
    } else if host.contains(&b'.') || host.contains(&b':') {
        InView::Other(host.to_vec())
    } else {
        // `[myname/app]` was expanded by docker to docker.io; nerdctl's unexpanded name is Hub's too.
        InView::Other(b"docker.io".to_vec())
    }
}

/// The host at the start of a reference or URL: up to `/`, a quote, a bracket or a blank.
fn host_at(text: &[u8]) -> &[u8] {
    let end = text.iter().position(|b| matches!(b, b'/' | b'"' | b'\'' | b'\\' | b']' | b' ' | b'\t' | b'\r' | b'\n')).unwrap_or(text.len());
    &text[..end.min(255)]
}

/// Another registry named in the text: a known host, a registry URL (`https://<host>/v2/`,
/// `/token`), or Argo CD Image Updater's `registry=` field (empty: Docker Hub).
fn other_registry(text: &[u8]) -> Option<Vec<u8>> {
    if let Some(at) = OTHER_REGISTRIES.iter().find_map(|h| find_folded(text, h)) {
        // The whole host around the known name: `auth.docker.io`, `registry.digitalocean.com`.
        let from = text[..at].iter().rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))).map_or(0, |i| i + 1);
        let host = host_at(&text[from..]);
        return Some(host.strip_prefix(b".").unwrap_or(host).to_vec());
    }
    let mut i = 0;
    while let Some(off) = find_folded(&text[i..], b"://") {
        let at = i + off + 3;
        let host = host_at(&text[at..]);
        let path = &text[at + host.len()..];
        if !host.is_empty() && find_folded(host, b"mcr.microsoft.com").is_none() && REGISTRY_PATHS.iter().any(|p| path.len() >= p.len() && path[..p.len()].eq_ignore_ascii_case(p)) {
            return Some(host.to_vec());
        }
        i = at;
    }
    let at = find_folded(text, b" registry=")? + b" registry=".len();
    let host = host_at(&text[at..]);
    Some(if host.is_empty() { b"docker.io".to_vec() } else { host.to_vec() })
}

const OTHER_REGISTRY_LEAD: &str = "But the registry here is ";
const NO_ACR_IN_VIEW_LEAD: &str = "But nothing around it names an Azure Container Registry";

/// Runs on the findings (at most one check per finding, so a log repeating a refusal costs
/// nothing more), after the rules that move a refusal to another entry (helm's, App Service's).
fn acr_causes_in_every_registry_s_words_need_an_acr(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        let id = all[g.m.entry].id;
        if g.m.strength < Strength::LikelyCause || !ACR_CAUSE_SHARED_WORDS.contains(&id) {
            continue;
        }
        let host = match registry_in_view(raw, g.m.line_id, g.m.end) {
            InView::Other(host) => String::from_utf8_lossy(&host).into_owned(),
            InView::Unknown if ACR_CAUSE_NEEDS_ACR_IN_VIEW.contains(&id) || ACR_WORDS_NEED_ACR_IN_VIEW.iter().any(|w| g.m.matched.as_bytes().eq_ignore_ascii_case(w)) => String::new(),
            _ => continue,
        };
        g.m.strength = Strength::Symptom;
        g.evidence.push(not_acr_evidence(&host));
    }
}

fn not_acr_evidence(host: &str) -> String {
    if host.is_empty() {
        format!("{NO_ACR_IN_VIEW_LEAD} (no `*.azurecr.io` host, no ACR link), and every registry answers with these words: the cause named here is only ACR's. Ranked as a symptom.")
    } else {
        format!("{OTHER_REGISTRY_LEAD}{host}, not an Azure Container Registry: every registry answers with these words, and this entry's causes and fixes are ACR's. Ranked as a symptom.")
    }
}

/// The entry of the managed-identity endpoint that gave no token (AL610).
const MANAGED_IDENTITY_ENTRY: &str = "AL610";

/// How Azure.Identity reports, inside a credential chain, that this machine has no managed identity.
const CHAIN_ATTEMPT_WORDING: &[u8] = b"ManagedIdentityCredential authentication unavailable";

/// What a credential chain prints before the attempts it lists.
const CHAIN_LEADS: &[&[u8]] = &[b"attempted credentials", b"failed to retrieve a token from the included credentials", b"chainedtokencredential"];

const CHAIN_ATTEMPT_EVIDENCE: &str = "But it is one attempt of a credential chain (DefaultAzureCredential lists every credential it tried): this machine has no managed identity, and the chain found no other credential either. Give the job the one it should use (environment variables, `az login`, workload identity). Ranked as a symptom.";

/// The entry of a pod that workload identity's webhook did not set up (AL416).
const WORKLOAD_IDENTITY_ENTRY: &str = "AL416";

const WORKLOAD_IDENTITY_CHAIN_EVIDENCE: &str = "But it is one attempt of a credential chain (DefaultAzureCredential tries workload identity wherever it runs): nothing says this process is a pod meant to use it, and the chain found no other credential either. Give the job the one it should use; in a pod, label it for workload identity. Ranked as a symptom.";

/// Azure.Identity's credential chains (DefaultAzureCredential, ChainedTokenCredential) list every
/// credential they tried. Managed identity's "authentication unavailable" in that list only says
/// this machine has none (a laptop, a CI runner outside Azure); the chain's failure is that no
/// credential at all was set up, not AL610's identity that is missing or not named. A chain whose
/// identity endpoint answered (`no default identity is assigned`) keeps AL610. Workload identity's
/// missing variables (AL416) in that list are the same: Go's chain tries it on any machine. The
/// lead is looked for on the match's line and up to eight lines above (2 KB).
fn one_attempt_of_a_credential_chain_is_a_symptom(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        let id = all[g.m.entry].id;
        let evidence = if id == MANAGED_IDENTITY_ENTRY && g.m.strength == Strength::LikelyCause && g.m.matched.as_bytes().eq_ignore_ascii_case(CHAIN_ATTEMPT_WORDING) {
            CHAIN_ATTEMPT_EVIDENCE
        } else if id == WORKLOAD_IDENTITY_ENTRY && g.m.strength >= Strength::LikelyCause {
            WORKLOAD_IDENTITY_CHAIN_EVIDENCE
        } else {
            continue;
        };
        let before = &raw[lines_back(raw, g.m.line_id, 8)..g.m.start.max(g.m.line_id)];
        if CHAIN_LEADS.iter().any(|lead| find_folded(before, lead).is_some()) {
            g.m.strength = Strength::Symptom;
            g.evidence.push(evidence.to_string());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Causes whose words other tools print for other reasons: each keeps its cause only with its own
// context in view. One check per finding (after grouping), each bounded (2 KB around the match),
// except the job's permissions, looked for once per scan.

/// The checkout refused after `permissions:` left out `contents` (AL007).
const CHECKOUT_PERMISSIONS_ENTRY: &str = "AL007";

/// What the runner prints in `Set up job`: the permissions the job's token was given, one
/// `Name: level` a line, only those granted (`Metadata: read` always; `id-token` never,
/// actions/runner#3268).
const TOKEN_PERMISSIONS_GROUP: &[u8] = b"github_token permissions";

const NO_PERMISSIONS_IN_VIEW_EVIDENCE: &str = "But nothing in view shows the job's token permissions (`Set up job`'s `GITHUB_TOKEN Permissions` group, or the workflow's `id-token: write`): git says the same for any repository its credentials cannot read (a private module, another repository, a GitHub incident). Ranked as a symptom.";

const CONTENTS_GRANTED_EVIDENCE: &str = "But the job's token has `contents` access (its permissions in view list it): no `permissions:` block took it away. Ranked as a symptom.";

enum JobPermissions {
    /// The token's permissions are in view and `contents` is not among them.
    WithoutContents,
    WithContents,
    Unknown,
}

/// The job's token permissions as the log shows them: the runner's group before `before` (its
/// lines up to `##[endgroup]`, at most 2 KB), or a workflow pasted with the log that asks for
/// `id-token: write`. Linear: a few scans of the text, once per scan.
fn job_permissions(raw: &[u8], before: usize) -> JobPermissions {
    let mut last = None;
    let mut i = 0;
    while let Some(off) = find_folded(&raw[i..before], TOKEN_PERMISSIONS_GROUP) {
        last = Some(i + off);
        i += off + TOKEN_PERMISSIONS_GROUP.len();
    }
    let contents = |text: &[u8]| [&b"contents: read"[..], b"contents: write"].iter().any(|w| find_folded(text, w).is_some());
    if let Some(at) = last {
        let block = &raw[at..raw.len().min(at + 2048)];
        let block = &block[..find_folded(block, b"##[endgroup]").unwrap_or(block.len())];
        return if contents(block) { JobPermissions::WithContents } else { JobPermissions::WithoutContents };
    }
    if find_folded(raw, b"id-token: write").is_none() {
        JobPermissions::Unknown
    } else if contents(raw) {
        JobPermissions::WithContents
    } else {
        JobPermissions::WithoutContents
    }
}

/// git's "Repository not found" and "terminal prompts disabled" name AL007's cause (a
/// `permissions:` block without `contents`) only when the job's permissions are in view: `go mod
/// download` of a private module, a checkout of another private repository or a GitHub incident
/// (actions/checkout#254, 2020, before `id-token` existed) print the same.
fn checkout_refusals_need_the_job_s_permissions(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let is_cause = |g: &Group| all[g.m.entry].id == CHECKOUT_PERMISSIONS_ENTRY && g.m.strength >= Strength::LikelyCause;
    let Some(first) = groups.iter().filter(|g| is_cause(g)).map(|g| g.m.start).min() else { return };
    let evidence = match job_permissions(raw, first) {
        JobPermissions::WithoutContents => return,
        JobPermissions::WithContents => CONTENTS_GRANTED_EVIDENCE,
        JobPermissions::Unknown => NO_PERMISSIONS_IN_VIEW_EVIDENCE,
    };
    for g in groups.iter_mut().filter(|g| is_cause(g)) {
        g.m.strength = Strength::Symptom;
        g.evidence.push(evidence.to_string());
    }
}

/// No Docker daemon (AL050), whose cause is a login that writes through the daemon.
const DAEMON_ENTRY: &str = "AL050";

/// Commands that log in (and need the daemon only for that) or that say the failing step was one.
const LOGIN_COMMANDS: &[&[u8]] = &[b"acr login", b"docker login", b"login-action", b"--expose-token", b"docker_command_error"];

/// Docker commands that need the daemon for their own work (and the runner's build of a Docker
/// container action's image).
const DAEMON_COMMANDS: &[&[u8]] = &[
    b"docker build", b"docker buildx", b"docker run", b"docker push", b"docker pull", b"docker version", b"docker info",
    b"docker compose", b"docker-compose", b"docker tag", b"docker image", b"docker load", b"docker save", b"docker create",
    b"docker exec", b"docker ps", b"build container for action",
];

/// The last of `words` in `text`: where it starts, and which.
fn last_of<'w>(text: &[u8], words: &[&'w [u8]]) -> Option<(usize, &'w [u8])> {
    let mut best: Option<(usize, &[u8])> = None;
    for w in words {
        let mut i = 0;
        while let Some(off) = find_folded(&text[i..], w) {
            if best.is_none_or(|(b, _)| i + off >= b) {
                best = Some((i + off, w));
            }
            i += off + w.len();
        }
    }
    best
}

/// "Cannot connect to the Docker daemon" names AL050's cause (a login through a daemon that is not
/// there; `--expose-token` needs none) unless the command that failed was another Docker command:
/// the nearest of them above the error (16 lines, 2 KB) is a build, a run, a push, which need the
/// daemon themselves, and no login came after it.
fn a_missing_daemon_is_a_login_s_only_after_a_login(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != DAEMON_ENTRY || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let from = lines_back(raw, g.m.line_id, 16).max(g.m.line_id.saturating_sub(2048));
        let before = &raw[from..g.m.start.max(from)];
        let Some((at, command)) = last_of(before, DAEMON_COMMANDS) else { continue };
        if last_of(before, LOGIN_COMMANDS).is_some_and(|(l, _)| l > at) {
            continue;
        }
        g.m.strength = Strength::Symptom;
        g.evidence.push(format!(
            "But the command that failed is `{}`, which needs the daemon for its own work, not a registry login: start Docker on this machine, or give the job the daemon's socket. Ranked as a symptom.",
            String::from_utf8_lossy(command)
        ));
    }
}

/// The image's platform (AL404), of which `exec format error` is the running side.
const PLATFORM_ENTRY: &str = "AL404";

/// What a build prints above a step's output: BuildKit's `[stage 2/6] RUN`, the classic builder's
/// `Step 3/9 : RUN` and `---> Running in`.
const BUILD_STEP_LEADS: &[&[u8]] = &[b"] run ", b" : run ", b"---> running in"];

const BUILD_STEP_EVIDENCE: &str = "But it failed inside a build step (`RUN`): the builder ran a program for another platform than its own, which needs emulation (QEMU: docker/setup-qemu-action, or binfmt on the host) or a builder of that platform; no node pulled an image. Ranked as a symptom.";

/// `exec format error` in a build step is the builder's emulation, not AL404's node and image.
fn exec_format_errors_in_a_build_step_are_the_builder_s(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != PLATFORM_ENTRY || g.m.strength < Strength::LikelyCause || !g.m.matched.as_bytes().eq_ignore_ascii_case(b"exec format error") {
            continue;
        }
        let from = lines_back(raw, g.m.line_id, 8).max(g.m.line_id.saturating_sub(2048));
        if BUILD_STEP_LEADS.iter().any(|l| find_folded(&raw[from..g.m.start.max(from)], l).is_some()) {
            g.m.strength = Strength::Symptom;
            g.evidence.push(BUILD_STEP_EVIDENCE.to_string());
        }
    }
}

/// Storage refusing the Authorization header's format (AL203), whose cause is a registry's redirect.
const STORAGE_FORMAT_ENTRY: &str = "AL203";

/// Query parameters of Azure Storage's own operations (`restype=container&comp=list`); a
/// registry's redirect to a layer carries a SAS and no operation.
const STORAGE_OPERATION_MARKS: &[&[u8]] = &[b"restype=", b"comp="];

const STORAGE_OPERATION_EVIDENCE: &str = "But the request was one of the storage service's own operations (`restype=` or `comp=` in its URL), not a layer download a registry redirected: the client sent its own storage credentials in a form storage does not accept. Ranked as a symptom.";

/// Storage's "Authentication information is not given in the correct format" names AL203's cause
/// only for a layer download; a call to storage's own API (a listing) gets it for its own
/// credentials. Looked for on the match's line and the three lines above.
fn storage_s_own_operations_are_not_a_registry_redirect(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != STORAGE_FORMAT_ENTRY || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let region = &raw[lines_above(raw, g.m.line_id)..line_end(raw, g.m.end)];
        if STORAGE_OPERATION_MARKS.iter().any(|m| find_folded(region, m).is_some()) {
            g.m.strength = Strength::Symptom;
            g.evidence.push(STORAGE_OPERATION_EVIDENCE.to_string());
        }
    }
}

/// Throttling (AL043), whose cause and fixes are ACR's request limits.
const THROTTLED_ENTRY: &str = "AL043";

/// The host of a URL the text says was requested: quoted (`'https://…'`, Go's `Get "https://…"`)
/// or after an HTTP method (`GET https://…`), so not a link to documentation. `None` for an ACR,
/// MCR or any registry API URL.
fn requested_host(text: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while let Some(off) = find_folded(&text[i..], b"://") {
        let at = i + off;
        i = at + 3;
        let scheme = text[..at].iter().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |p| p + 1);
        let lead = &text[..scheme];
        let requested = lead.ends_with(b"'") || lead.ends_with(b"\"") || [&b"GET "[..], b"POST ", b"PUT ", b"HEAD ", b"PATCH "].iter().any(|m| lead.len() >= m.len() && lead[lead.len() - m.len()..].eq_ignore_ascii_case(m));
        let host = host_at(&text[at + 3..]);
        let path = &text[at + 3 + host.len()..];
        let registry = ACR_MARKS.iter().any(|m| find_folded(host, m).is_some())
            || find_folded(host, b"mcr.microsoft.com").is_some()
            || REGISTRY_PATHS.iter().any(|p| path.len() >= p.len() && path[..p.len()].eq_ignore_ascii_case(p));
        if requested && !host.is_empty() && !registry {
            return Some(host);
        }
    }
    None
}

/// Docker Hub's pull limit (AL207): on the throttled line, it names who throttled.
const DOCKER_HUB_LIMIT_ENTRY: &str = "AL207";

/// What services that are not registries print with their 429s, and who they are: the toolkit's
/// cache client (actions/cache, setup-node's and rust-cache's caching) restoring or saving.
const THROTTLING_SERVICES: &[(&[u8], &str)] = &[
    (b"failed to restore:", "GitHub Actions' cache service"),
    (b"failed to save:", "GitHub Actions' cache service"),
    (b"cache service responded with", "GitHub Actions' cache service"),
];

/// "429 Too Many Requests" is every HTTP service's throttling: ACR's limits are not what answered
/// when the request's URL on the line or the three lines above names a service that is not a
/// registry (the runner downloading an action from api.github.com), when that text names another
/// registry (GHCR, Docker Hub), when Docker Hub's own limit (AL207) is on the same line, or when
/// the line is another service's (the Actions cache).
fn throttling_by_another_service_is_not_acr_s(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let hub_lines: Vec<usize> = groups.iter().filter(|g| all[g.m.entry].id == DOCKER_HUB_LIMIT_ENTRY).map(|g| g.m.line_id).collect();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != THROTTLED_ENTRY || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let line = &raw[g.m.line_id..line_end(raw, g.m.end)];
        let above = &raw[lines_above(raw, g.m.line_id)..g.m.line_id];
        if [line, above].iter().any(|t| ACR_MARKS.iter().any(|m| find_folded(t, m).is_some())) {
            continue;
        }
        let service = if let Some(host) = requested_host(line).or_else(|| requested_host(above)) {
            format!("{}, not a container registry", String::from_utf8_lossy(host))
        } else if let InView::Other(host) = registry_in_view(raw, g.m.line_id, g.m.end) {
            format!("{}, another registry than ACR", String::from_utf8_lossy(&host))
        } else if hub_lines.contains(&g.m.line_id) {
            "Docker Hub (its pull limit is named on the same line), not ACR".to_string()
        } else if let Some((_, name)) = THROTTLING_SERVICES.iter().find(|(lead, _)| find_folded(line, lead).is_some()) {
            format!("{name}, not a container registry")
        } else {
            continue;
        };
        g.m.strength = Strength::Symptom;
        g.evidence.push(format!("But the throttled request went to {service}: that service's own limit answered, not ACR's (wait and retry). Ranked as a symptom."));
    }
}

/// Connection failures (AL044, AL301, AL303, AL304), whose causes are the network between the
/// client and the registry (an egress firewall, a private endpoint, a proxy).
const CONNECTION_ENTRIES: &[&str] = &["AL044", "AL301", "AL303", "AL304"];

/// What Go and Node print before the address a connection failed to: `dial tcp <ip>:<port>`,
/// `connect ECONNREFUSED <ip>:<port>`. A read or write on an open connection prints the local
/// address first (`read tcp <local>-><remote>`): only the part after `->` is the far end.
const ADDRESS_LEADS: &[&[u8]] = &[b"dial tcp ", b"econnrefused ", b"etimedout ", b"econnreset ", b"ehostunreach "];
const CONNECTION_LEADS: &[&[u8]] = &[b"read tcp ", b"write tcp "];

/// The addresses a line says a connection failed to: (host, port if printed).
fn failed_addresses(line: &[u8]) -> Vec<(&[u8], Option<u16>)> {
    fn token(t: &[u8]) -> (&[u8], Option<u16>) {
        let end = t.iter().position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']' | b'*'))).unwrap_or(t.len());
        let addr = t[..end].strip_suffix(b":").unwrap_or(&t[..end]);
        match addr.iter().rposition(|&b| b == b':') {
            Some(c) if addr[c + 1..].iter().all(u8::is_ascii_digit) && c + 1 < addr.len() && (addr[0] == b'[' || !addr[..c].contains(&b':')) => {
                (&addr[..c], std::str::from_utf8(&addr[c + 1..]).ok().and_then(|p| p.parse().ok()))
            }
            _ => (addr, None),
        }
    }
    let mut out = Vec::new();
    for (leads, far_end) in [(ADDRESS_LEADS, false), (CONNECTION_LEADS, true)] {
        for lead in leads {
            let mut i = 0;
            while let Some(off) = find_folded(&line[i..], lead) {
                let mut at = i + off + lead.len();
                i = at;
                if far_end {
                    let Some(arrow) = line[at..line.len().min(at + 64)].windows(2).position(|w| w == b"->") else { continue };
                    at += arrow + 2;
                }
                let (host, port) = token(&line[at..]);
                if !host.is_empty() {
                    out.push((host, port));
                }
            }
        }
    }
    out
}

fn is_loopback(host: &[u8]) -> bool {
    host.starts_with(b"127.") || host.eq_ignore_ascii_case(b"localhost") || host == b"[::1]" || host == b"::1"
}

/// A Kubernetes service (`<name>.<namespace>.svc`, `.svc.cluster.local`) or the API server (its
/// `/api/` and `/apis/` paths) among the URLs of the text.
fn cluster_endpoint(text: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while let Some(off) = find_folded(&text[i..], b"://") {
        let at = i + off + 3;
        i = at;
        // An IPv6 or bracketed address (`https://[10.43.0.1]:443/`) keeps its port after the bracket.
        let host = match text[at..].iter().position(|&b| b == b']') {
            Some(close) if text[at..].starts_with(b"[") => &text[at..at + close + 1 + host_at(&text[at + close + 1..]).len()],
            _ => host_at(&text[at..]),
        };
        let path = &text[at + host.len()..];
        let name = match host.iter().rposition(|&b| b == b':') {
            Some(c) if !host.starts_with(b"[") || host[..c].ends_with(b"]") => &host[..c],
            _ => host,
        };
        let service = name.len() > 4 && (name[name.len() - 4..].eq_ignore_ascii_case(b".svc") || find_folded(name, b".svc.").is_some());
        let api = [&b"/api/"[..], b"/apis/"].iter().any(|p| path.len() >= p.len() && path[..p.len()].eq_ignore_ascii_case(p));
        if !host.is_empty() && (service || api) {
            return Some(host);
        }
    }
    None
}

/// An ACR answers on its host's port 443, from outside the machine and outside any cluster: a
/// connection that failed to a loopback address or another port (a database of the tests, a
/// local service), or a request to a Kubernetes service or API server (an admission webhook, a
/// CNI plugin reaching the API), is not the registry's network, whatever the words. Looked for
/// on the match's line; an ACR host, link or command on it or the three lines above keeps the
/// cause.
fn connections_an_acr_cannot_be_at_are_not_its_network(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        if !CONNECTION_ENTRIES.contains(&all[g.m.entry].id) || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let line = &raw[g.m.line_id..line_end(raw, g.m.end)];
        let above = &raw[lines_above(raw, g.m.line_id)..g.m.line_id];
        if [line, above].iter().any(|t| ACR_MARKS.iter().any(|m| find_folded(t, m).is_some())) {
            continue;
        }
        let addresses = failed_addresses(line);
        let local = !addresses.is_empty() && addresses.iter().all(|(host, port)| is_loopback(host) || port.is_some_and(|p| p != 443));
        let evidence = if local {
            let (host, port) = addresses[0];
            format!(
                "But the connection was to {}{}, where no Azure Container Registry answers (ACR listens on port 443 of its own host, never on this machine): the service at that address was not up or not reachable. Ranked as a symptom.",
                String::from_utf8_lossy(host),
                port.map(|p| format!(":{p}")).unwrap_or_default()
            )
        } else if let Some(host) = cluster_endpoint(line) {
            format!(
                "But the request went to {}, a Kubernetes service or API server, not a container registry: the cluster's own path to it failed (its pods not ready, kube-proxy, or a firewall between the control plane and the nodes). Ranked as a symptom.",
                String::from_utf8_lossy(host)
            )
        } else {
            continue;
        };
        g.m.strength = Strength::Symptom;
        g.evidence.push(evidence);
    }
}

/// Whole patterns that mean a cause (AL613: az.cmd cut a value at a character cmd.exe parses) only
/// with az in view: cmd.exe prints `<text> was unexpected at this time.` for a syntax error in any
/// batch file or command line, not only az's.
const AZ_ONLY: &[&[u8]] = &[b"was unexpected at this time"];

/// What says the failing command line was az's: PowerShell's prefix on a native command's error
/// (`az : ...`), the command itself, or the line az.cmd hands to Python, which cmd.exe echoes
/// after the error (Azure/azure-cli#25173).
const AZ_MARKS: &[&[u8]] = &[b"az : ", b"az login", b"az.cmd", b"-ibm azure.cli"];

/// Whether the match's line, the three lines above it or the line below it name az. Bounded: at
/// most ~2.5 KB.
fn names_az(raw: &[u8], line_start: usize, match_end: usize) -> bool {
    let end = line_end(raw, match_end);
    let below = if end < raw.len() { line_end(raw, end + 1) } else { end };
    let region = &raw[lines_above(raw, line_start)..below];
    AZ_MARKS.iter().any(|m| find_folded(region, m).is_some())
}

/// `None` when the text names no registry; otherwise whether MCR is the only one it names.
fn registries_named(text: &[u8]) -> Option<bool> {
    let mut mcr = find_folded(text, b"mcr.microsoft.com").is_some();
    if [&b"docker.io"[..], b"ghcr.io", b"gcr.io", b"quay.io"].iter().any(|h| find_folded(text, h).is_some()) {
        return Some(false);
    }
    let mut i = 0;
    while let Some(off) = find_folded(&text[i..], b".azurecr.") {
        let at = i + off;
        let host = text[..at].iter().rposition(|&b| !(b.is_ascii_alphanumeric() || b == b'-')).map_or(0, |p| p + 1);
        if !text[host..at].eq_ignore_ascii_case(b"mcrprod") {
            return Some(false);
        }
        mcr = true;
        i = at + 1;
    }
    mcr.then_some(true)
}

/// Where `needle` starts in `hay`, ignoring the case of `hay` only: the needle is written in lower
/// case (a blank in it matches a run of blanks).
fn find_folded(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    (0..=hay.len() - needle.len()).find(|&i| hay[i].to_ascii_lowercase() == first && pattern::match_lit_at(hay, i, needle).is_some())
}

/// `<name>.azurecr.io` (or `.us`, `.cn`) anywhere in the region.
fn find_registry(region: &[u8]) -> Option<&[u8]> {
    let i = find_folded(region, b".azurecr.")?;
    let mut s = i;
    while s > 0 && (region[s - 1].is_ascii_alphanumeric() || region[s - 1] == b'-') {
        s -= 1;
    }
    let mut e = i + b".azurecr.".len();
    while e < region.len() && region[e].is_ascii_alphabetic() {
        e += 1;
    }
    (s < i && e > i + 9).then(|| &region[s..e])
}

// ---------------------------------------------------------------------------------------------
// Time

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), Howard Hinnant's algorithm.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// `YYYY-MM-DD[T ]HH:MM:SS` at the start of `s` → Unix seconds (UTC).
pub(crate) fn parse_iso(s: &[u8]) -> Option<i64> {
    if s.len() < 19 {
        return None;
    }
    let num = |a: usize, b: usize| -> Option<i64> {
        let mut v = 0i64;
        for &c in &s[a..b] {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + (c - b'0') as i64;
        }
        Some(v)
    };
    if s[4] != b'-' || s[7] != b'-' || !(s[10] == b'T' || s[10] == b' ') || s[13] != b':' || s[16] != b':' {
        return None;
    }
    let (y, mo, d, h, mi, se) = (num(0, 4)?, num(5, 7)?, num(8, 10)?, num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se)
}

/// The timestamp GitHub Actions and Azure DevOps put at the start of every line.
fn parse_line_timestamp(line: &[u8]) -> Option<i64> {
    let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
    parse_iso(line)
}

/// A debug line of az CLI (`DEBUG: `), GitHub Actions / Azure DevOps (`##[debug]`) or a logrus
/// tool such as helm or oras (`DEBU[0000]`), after the line's timestamp if it has one.
fn is_debug_line(line: &[u8]) -> bool {
    let line = after_line_timestamp(line);
    line.starts_with(b"DEBUG: ") || line.starts_with(b"##[debug]") || line.starts_with(b"DEBU[")
}

/// The line without the timestamp GitHub Actions or Azure DevOps put in front of it.
fn after_line_timestamp(line: &[u8]) -> &[u8] {
    let mut line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
    if parse_iso(line).is_some() {
        let ts_end = line.iter().position(|&b| b == b' ' || b == b'\t').unwrap_or(line.len());
        line = &line[ts_end..];
        while let [b' ' | b'\t', rest @ ..] = line {
            line = rest;
        }
    }
    line
}

/// The entry whose `likely` pattern is the device-code prompt itself (`To sign in, use a web browser
/// to open the page https://microsoft.com/devicelogin ...`).
const DEVICE_CODE_ENTRY: &str = "AL117";

const ANSWERED_PROMPT_EVIDENCE: &str = "But another error follows the device-code prompt: someone completed that sign-in (az prints the prompt at a terminal too), and the later error is the failure. Ranked as a symptom.";

/// A device-code prompt explains a job that stopped there (nobody can enter the code in CI), but
/// a sign-in completed at a terminal prints the same prompt, and then the log goes on to the error
/// that matters. So the prompt alone (a `likely` match, not `code_expired`) yields to any later
/// finding of another entry with at least `likely-cause` strength.
fn demote_answered_device_code_prompts(groups: &mut [Group]) {
    let all = catalog::entries();
    let later_errors: Vec<(usize, usize)> = groups
        .iter()
        .filter(|g| g.m.strength >= Strength::LikelyCause)
        .map(|g| (g.m.entry, g.m.start))
        .collect();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != DEVICE_CODE_ENTRY || g.m.strength != Strength::LikelyCause {
            continue;
        }
        if later_errors.iter().any(|&(entry, start)| entry != g.m.entry && start > g.m.start) {
            g.set_strength(Strength::Symptom);
            g.evidence.push(ANSWERED_PROMPT_EVIDENCE.to_string());
        }
    }
}

/// az's "did not issue a challenge" (AL510), ACR's push refusal wording (AL033) and the registry's
/// network rules (AL040).
const NO_CHALLENGE_ENTRY: &str = "AL510";
const ACCESS_DENIED_ENTRY: &str = "AL033";
const NETWORK_RULES_ENTRY: &str = "AL040";

const NO_CHALLENGE_EVIDENCE: &str = "The registry answered, with a refusal (next line), but gave no authentication challenge: it refused this client before any sign-in, which is what its network rules do (az versions of that time printed the 403 as no challenge). Ranked as the same refusal.";
const REFUSED_BEFORE_SIGN_IN_EVIDENCE: &str = "Printed by az right after the registry gave no challenge: the registry refused this client before any sign-in, by its network rules, not for a missing push role.";

/// ACR answers `/v2/` with a 401 and a challenge to every client its network rules let in. So az's
/// "did not issue a challenge" followed on the very next line by ACR's own refusal ("requested
/// access to the resource is denied") means the registry was reached and refused this client
/// before any authentication: its firewall or VNet rules (a maintainer's repro in
/// Azure/azure-cli#8798, which is why later az says CONNECTIVITY_FORBIDDEN_ERROR). That refusal is
/// not AL033's missing push role, and the no-challenge line is its wording, not another cause.
/// Only adjacent lines: a push refused further down the log is its own failure.
fn refused_without_a_challenge(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let Some(rules) = all.iter().position(|e| e.id == NETWORK_RULES_ENTRY) else { return };
    let no_challenge: Vec<usize> = groups.iter().filter(|g| all[g.m.entry].id == NO_CHALLENGE_ENTRY).map(|g| g.m.line_id).collect();
    if no_challenge.is_empty() {
        return;
    }
    let mut answered = Vec::new();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != ACCESS_DENIED_ENTRY {
            continue;
        }
        let above = lines_back(raw, g.m.line_id, 1);
        if above < g.m.line_id && no_challenge.contains(&above) {
            g.m.entry = rules;
            g.m.strength = g.m.strength.min(Strength::LikelyCause);
            g.evidence.push(REFUSED_BEFORE_SIGN_IN_EVIDENCE.to_string());
            answered.push(above);
        }
    }
    for g in groups.iter_mut() {
        if all[g.m.entry].id == NO_CHALLENGE_ENTRY && answered.contains(&g.m.line_id) {
            g.m.strength = demoted(g.m.strength);
            g.evidence.push(NO_CHALLENGE_EVIDENCE.to_string());
        }
    }
}

/// ACR's generic 401 (AL200).
const GENERIC_401_ENTRY: &str = "AL200";

const HELM_TOKEN_LOGIN_EVIDENCE: &str = "helm refused a token from `az acr login --expose-token` at `helm registry login` without a user name: helm 3.18.0 sent such a login wrongly (helm/helm#30883, a helm bug; 3.17 logged in with the same command). Use a later helm, or give ACR's user name for tokens, `--username 00000000-0000-0000-0000-000000000000`. Ranked as a symptom.";

/// helm 3.18.0 refused a `helm registry login --password-stdin` fed by `az acr login
/// --expose-token` with no user name (helm/helm#30883, labelled bug: the same command logged in
/// with 3.17.3), and ACR's 401 is all it printed. With that command in view (helm's `authenticating
/// to` line, the command within three lines above), the 401 says nothing about the credentials:
/// a symptom. A login that names a user name, or a token from elsewhere, keeps AL200.
fn demote_helm_token_logins_without_a_user_name(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != GENERIC_401_ENTRY || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let from = lines_back(raw, g.m.line_id, 3);
        let to = line_end(raw, g.m.start);
        let region = &raw[from..to.max(from)];
        let helm_login = find_folded(region, b"authenticating to \"").is_some() && find_folded(region, b"registry login").is_some();
        let piped_token = find_folded(region, b"--expose-token").is_some();
        let user_named = find_folded(region, b"--username").is_some() || find_folded(region, b" -u ").is_some();
        if helm_login && piped_token && !user_named {
            g.m.strength = Strength::Symptom;
            g.evidence.push(HELM_TOKEN_LOGIN_EVIDENCE.to_string());
        }
    }
}

/// kubelet's refusals: its credentials refused (AL402), or none sent (AL405).
const KUBELET_OAUTH_ENTRY: &str = "AL402";
const KUBELET_ANONYMOUS_ENTRY: &str = "AL405";

/// What helm prints in front of the resolver's error, on the same line (`could not download
/// oci://` is `helm dependency build` / `update`).
const HELM_FAILURE_LEADS: &[&[u8]] = &[b"could not download chart", b"installation failed:", b"upgrade failed:", b"failed to download \"", b"could not download oci://"];

/// What another tool prints in front when it ran helm itself: kustomize's `--enable-helm`, Argo CD's
/// `helm dependency build` (its wording, quoted or not, of versions since 2022).
const HELM_RUN_BY_A_TOOL: &[&[u8]] = &[b"--enable-helm", b"helm dependency build failed", b"helm dependency build` failed"];

const HELM_CREDENTIALS_EVIDENCE: &str = "But the refusal is helm's (a chart download), not a kubelet's: ACR's token endpoint refused the credentials helm sent (`helm registry login`, or Terraform helm_release's `repository_username` / `repository_password`).";

const HELM_ANONYMOUS_EVIDENCE: &str = "But the refusal is helm's (a chart download), not a kubelet's: helm sent no credentials. Log in with `helm registry login` in the same job; some helm versions ignored a stored login (helm/helm#10373). Ranked as a symptom.";

const HELM_TOOL_ANONYMOUS_EVIDENCE: &str = "But the refusal is helm's, run by another tool (kustomize `--enable-helm`, Argo CD), not a kubelet's: helm sent no credentials because the tool gave it none. kustomize runs helm with a HELM_CONFIG_HOME of its own (set `helmGlobals.configHome` to the one holding the `helm registry login`); Argo CD logs helm in only to registries it holds credentials for (a Helm repository or credential template with OCI enabled). Ranked as a symptom.";

/// helm fetches OCI charts with containerd's resolver, so a refused chart download ends in the
/// same `failed to fetch oauth token` / `anonymous token` words as kubelet's pulls. With helm's
/// lead on the line (`Error: INSTALLATION FAILED:`, Terraform's `could not download chart:`), no
/// kubelet identity or pull secret is involved: refused credentials are ACR's generic 401 (AL200),
/// and no credentials at all a symptom (a missing `helm registry login`, or a helm bug). The same
/// when another tool ran helm (kustomize's `--enable-helm`, Argo CD's dependency build): that tool
/// gave helm no credentials (kubernetes-sigs/kustomize#4381, argoproj/argo-cd#9764).
fn helm_s_own_refusals_are_not_kubelet_s(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let Some(generic) = all.iter().position(|e| e.id == GENERIC_401_ENTRY) else { return };
    for g in groups.iter_mut() {
        let id = all[g.m.entry].id;
        if (id != KUBELET_OAUTH_ENTRY && id != KUBELET_ANONYMOUS_ENTRY) || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let lead = &raw[g.m.line_id.min(g.m.start)..g.m.start];
        let has = |leads: &[&[u8]]| leads.iter().any(|l| find_folded(lead, l).is_some());
        let by_a_tool = has(HELM_RUN_BY_A_TOOL);
        if !by_a_tool && !has(HELM_FAILURE_LEADS) {
            continue;
        }
        if id == KUBELET_OAUTH_ENTRY {
            g.m.entry = generic;
            g.m.strength = Strength::LikelyCause;
            g.evidence.push(HELM_CREDENTIALS_EVIDENCE.to_string());
        } else {
            g.m.strength = Strength::Symptom;
            g.evidence.push(if by_a_tool { HELM_TOOL_ANONYMOUS_EVIDENCE } else { HELM_ANONYMOUS_EVIDENCE }.to_string());
        }
    }
}

const WRAPPED_KUBELET_EVIDENCE: &str = "The 401 ends a kubelet pull event (`Failed to pull image` ... `Error response from daemon`) wrapped over several lines: the node's runtime pulled, so it is the cluster's credentials (kubelet identity or pull secret) that ACR refused, not a login in a shell.";

/// kubelet's event with the Docker runtime (`Failed to pull image "…": rpc error: … Error response
/// from daemon: … unauthorized: authentication required`) is AL402's, but a paste wrapped at its
/// colons (dotnet/tye#1185) leaves only ACR's generic 401 (AL200) on the last line. With kubelet's
/// lead and the daemon's in the three lines above it, the refusal is still the node's.
fn a_kubelet_pull_wrapped_over_lines_is_kubelet_s(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let Some(kubelet) = all.iter().position(|e| e.id == KUBELET_OAUTH_ENTRY) else { return };
    for g in groups.iter_mut() {
        if all[g.m.entry].id != GENERIC_401_ENTRY || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let above = &raw[lines_above(raw, g.m.line_id)..g.m.line_id];
        if find_folded(above, b"failed to pull image \"").is_some() && find_folded(above, b"error response from daemon").is_some() {
            g.m.entry = kubelet;
            g.evidence.push(WRAPPED_KUBELET_EVIDENCE.to_string());
        }
    }
}

/// A blocked layer download (AL305).
const LAYER_DOWNLOAD_ENTRY: &str = "AL305";

const LAYER_SERVER_ERROR_EVIDENCE: &str = "But the same line shows the registry's storage answered the layer download with a server error (HTTP 5xx): the data endpoint was reached, so no firewall blocked it; the service failed on its side (an ACR incident, or a cache rule's pull from its upstream). Retry, and check https://azure.status.microsoft/. Ranked as a symptom.";

/// AL305 says the layer storage or data endpoint could not be reached. docker prints the same
/// `download failed after attempts=6:` before any reason, and when the reason on that line is
/// `received unexpected HTTP status: 5xx`, the endpoint was reached and failed server-side (ACR's
/// cache answering 502 while it pulled from quay.io, Azure/acr#684, fixed on ACR's side): a
/// symptom, not the firewall AL305 names. A 4xx (storage's own 403 to a firewalled client) or a
/// network error after it keeps AL305.
fn demote_layer_downloads_answered_with_a_server_error(raw: &[u8], groups: &mut [Group]) {
    const STATUS: &[u8] = b"unexpected http status: ";
    let all = catalog::entries();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != LAYER_DOWNLOAD_ENTRY || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let rest = &raw[g.m.end.min(raw.len())..line_end(raw, g.m.end)];
        let server_error = find_folded(rest, STATUS).is_some_and(|i| {
            let code = &rest[i + STATUS.len()..rest.len().min(i + STATUS.len() + 3)];
            code.len() == 3 && code[0] == b'5' && code.iter().all(u8::is_ascii_digit)
        });
        if server_error {
            g.m.strength = Strength::Symptom;
            g.evidence.push(LAYER_SERVER_ERROR_EVIDENCE.to_string());
        }
    }
}

/// The Azure service's own pull credentials (AL218).
const SERVICE_CREDENTIALS_ENTRY: &str = "AL218";

/// App Service's pull over the public network, refused by the registry's network rules (AL224).
const APP_SERVICE_PUBLIC_PULL_ENTRY: &str = "AL224";

/// How App Service's container host wraps the Docker daemon's answer to its pull.
const APP_SERVICE_PULL: &[u8] = b"dockerapiexception: docker api responded with status code=";

/// Lines only App Service's container host prints around a pull (its docker log, or Log
/// Analytics' platform logs, which drop the `ERROR -` prefix): the image pull summary, the pull
/// it retries without credentials, the sidecar that fetches the app's managed-identity token.
const APP_SERVICE_MARKERS: &[&[u8]] = &[
    b"image pull failed: verify docker image configuration",
    b"pulling image from docker hub:",
    b"_msiproxy",
    b"appsvc/msitokenservice",
    b"error - dockerapiexception",
];

/// What App Service logs when its first pull failed, before it retries without credentials.
const APP_SERVICE_FIRST_PULL_FAILED: &[&[u8]] = &[b"pull image failed", b"failed to register layer", b"pulling docker image "];

const APP_SERVICE_CREDENTIALS_EVIDENCE: &str = "But the refusal is App Service's own pull (its container log): the registry refused the credentials set on the web app (its managed identity with `acrUseManagedIdentityCreds`, or the registry user name and password in its settings), not a login of the workflow.";

const APP_SERVICE_RETRY_EVIDENCE: &str = "But App Service's first pull of this image failed above: this 401 answers its retry without credentials (`Pulling image from Docker hub`), so the error above is the cause. Ranked as a symptom.";

/// App Service pulls the image itself and prints the daemon's answer inside its own
/// `DockerApiException` line, so ACR's generic 401 there is about the web app's registry settings
/// (AL218), not a login in the workflow. When its first attempt failed on something else (a
/// missing tag, a layer it could not extract: Azure/acr#124, microsoft/OHDSIonAzure#89), App
/// Service retries anonymously and logs that retry's 401 after it: a symptom of the first error.
/// Only App Service's own lines count: Docker.DotNet prints the same exception in other tools.
fn app_service_pulls_with_its_own_settings(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let Some(service) = all.iter().position(|e| e.id == SERVICE_CREDENTIALS_ENTRY) else { return };
    let failed_earlier: Vec<usize> = groups
        .iter()
        .filter(|h| h.m.strength >= Strength::LikelyCause && all[h.m.entry].id != GENERIC_401_ENTRY)
        .map(|h| h.m.line_id)
        .collect();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != GENERIC_401_ENTRY || g.m.strength < Strength::LikelyCause {
            continue;
        }
        let end = line_end(raw, g.m.end);
        if find_folded(&raw[g.m.line_id.min(end)..end], APP_SERVICE_PULL).is_none() {
            continue;
        }
        let from = g.m.line_id.saturating_sub(4096);
        let around = &raw[from..raw.len().min(end + 2048)];
        let app_service = find_folded(&raw[g.m.line_id.min(end)..end], b"error - dockerapiexception").is_some()
            || APP_SERVICE_MARKERS.iter().any(|m| find_folded(around, m).is_some());
        if !app_service {
            continue;
        }
        let above = &raw[from..g.m.line_id];
        let retry = APP_SERVICE_FIRST_PULL_FAILED.iter().any(|m| find_folded(above, m).is_some())
            || failed_earlier.iter().any(|&l| (from..g.m.line_id).contains(&l));
        if retry {
            g.m.strength = Strength::Symptom;
            g.evidence.push(APP_SERVICE_RETRY_EVIDENCE.to_string());
        } else {
            g.m.entry = service;
            g.evidence.push(APP_SERVICE_CREDENTIALS_EVIDENCE.to_string());
        }
    }
}

fn demoted(s: Strength) -> Strength {
    match s {
        Strength::RootCause => Strength::LikelyCause,
        Strength::LikelyCause => Strength::Consequence,
        Strength::Consequence | Strength::Symptom => Strength::Symptom,
    }
}

/// Entra's `Timestamp: 2024-05-01 12:34:56Z` inside an error message.
fn find_message_timestamp(region: &[u8]) -> Option<i64> {
    let i = find_folded(region, b"timestamp")?;
    let rest = &region[i + 9..];
    let skip = rest.iter().position(|&b| b.is_ascii_digit())?;
    if skip > 4 {
        return None;
    }
    parse_iso(&rest[skip..])
}

// ---------------------------------------------------------------------------------------------
// Ranking, positions, confidence

fn finish(report: &mut ScanReport, raw: &[u8], groups: Vec<Group>) {
    // Within a strength: what the tool printed as its error outranks what it only logged at debug
    // level; then the earlier message; within one message, a server error first (see
    // `message_starts`), then the earlier column; of two matches starting at the same place, the
    // longer is the more specific text (`toomanyrequests: too many requests to source registry
    // for cache rule` over its first three words).
    let keys = message_starts(raw, &groups);
    let mut keyed: Vec<((usize, bool), Group)> = keys.into_iter().zip(groups).collect();
    crate::sort::sort_by(&mut keyed, |(ka, a), (kb, b)| {
        b.m.strength
            .cmp(&a.m.strength)
            .then(a.m.debug.cmp(&b.m.debug))
            .then(ka.0.cmp(&kb.0))
            .then(kb.1.cmp(&ka.1))
            .then(a.m.start.cmp(&b.m.start))
            .then((b.m.end - b.m.start).cmp(&(a.m.end - a.m.start)))
    });
    let mut groups: Vec<Group> = keyed.into_iter().map(|(_, g)| g).collect();
    for g in groups.iter_mut().filter(|g| g.m.debug) {
        g.evidence.push("But it was only logged at debug level, where tools log errors they then handle: ranked one step lower.".to_string());
    }
    let mut offsets = Vec::with_capacity(groups.len() * 3);
    for g in &groups {
        offsets.push(g.m.start);
        offsets.push(g.m.end);
        offsets.extend(&g.other_starts);
    }
    let pos = position::resolve(raw, &offsets);
    let all = catalog::entries();
    let mut k = 0;
    for (rank, g) in groups.into_iter().enumerate() {
        let e = &all[g.m.entry];
        let (s, en) = (pos[k], pos[k + 1]);
        k += 2;
        let other_lines: Vec<usize> = pos[k..k + g.other_starts.len()].iter().map(|p| p.line).collect();
        k += g.other_starts.len();
        let base = match g.m.strength {
            Strength::RootCause => 0.9,
            Strength::LikelyCause => 0.6,
            Strength::Consequence => 0.35,
            Strength::Symptom => 0.15,
        };
        let support = g.evidence.iter().filter(|e| !e.starts_with("But")).count() as f64 * 0.05;
        let confidence = ((base + support) * 100.0f64).round().min(99.0) / 100.0;
        let mut params = g.m.params;
        params.credential_name = params.subject.as_deref().map(crate::token::credential_name_for_subject);
        report.findings.push(Finding {
            id: e.id,
            category: e.category,
            title: e.title,
            strength: g.m.strength,
            confidence,
            rank: rank + 1,
            line: s.line,
            column: s.column,
            end_line: en.line,
            end_column: en.column,
            start: s.utf16,
            end: en.utf16,
            matched: g.m.matched,
            params,
            masked: g.m.masked,
            at: g.m.at,
            occurrences: g.occurrences,
            other_lines,
            evidence: g.evidence,
            source: g.source,
        });
    }
    report.root_cause = report.findings.first().filter(|f| f.strength >= Strength::LikelyCause).map(|f| f.id);
}

/// Per group, where its message starts and whether it is a server error that explains it. A server
/// error (HTTP 5xx) explains the refusal printed with it: az prints `An error occurred:
/// CONNECTIVITY_ACCESS_TOKEN_ERROR`, then on the next line the status that says why (`Response
/// code: 504`), and a code naming the failed step is not its cause. So a finding with a 5xx status
/// takes the place of the same-strength findings on the few lines just before it.
///
/// Likewise `az acr login`'s printed "could not be found in subscription" (AL209) after its
/// "Access to registry ... was denied" (AL030): az took the Entra token for the current
/// subscription's tenant, not the registry's, so the refusal is the wrong subscription, not a
/// missing role (Azure/azure-cli#15612: with `--subscription` it worked).
fn message_starts(raw: &[u8], groups: &[Group]) -> Vec<(usize, bool)> {
    let all = catalog::entries();
    let mut out: Vec<(usize, bool)> = groups.iter().map(|g| (g.m.line_id, false)).collect();
    for (i, g) in groups.iter().enumerate() {
        let other_subscription = !g.m.debug && all[g.m.entry].id == "AL209";
        if !other_subscription && g.m.params.http_status.is_none_or(|s| s < 500) {
            continue;
        }
        let reach = lines_back(raw, g.m.line_id, FOLLOWING_LINES);
        let first = groups
            .iter()
            .filter(|h| h.m.strength == g.m.strength && h.m.debug == g.m.debug && (reach..g.m.line_id).contains(&h.m.line_id))
            .filter(|h| !other_subscription || all[h.m.entry].id == "AL030")
            .map(|h| h.m.line_id)
            .min();
        if let Some(first) = first {
            out[i] = (first, true);
        }
    }
    out
}

/// Start of the line `n` lines above the line starting at `line_start` (bounded by `WINDOW_BACK`).
fn lines_back(raw: &[u8], line_start: usize, n: usize) -> usize {
    let floor = line_start.saturating_sub(WINDOW_BACK);
    let mut seen = 0;
    let mut j = line_start.min(raw.len());
    while j > floor {
        if raw[j - 1] == b'\n' {
            seen += 1;
            if seen > n {
                return j;
            }
        }
        j -= 1;
    }
    floor
}

fn summary(r: &ScanReport) -> String {
    match r.findings.first() {
        Some(f) if r.root_cause.is_some() => {
            let more = r.findings.len() - 1;
            format!(
                "Root cause: {} {} (line {}){}.",
                f.id,
                f.title,
                f.line,
                if more > 0 { format!("; {more} related finding(s) follow") } else { String::new() }
            )
        }
        Some(f) => format!(
            "No known cause found: only generic failure lines (first: {} on line {}). See the candidates, and look above line {} for the first error.",
            f.id, f.line, f.line
        ),
        None if r.candidates.is_empty() => "No known failure found in this log.".to_string(),
        None => "No known failure found in this log; the candidates resemble its error lines.".to_string(),
    }
}

fn detect_format(raw: &[u8]) -> &'static str {
    let head = &raw[..raw.len().min(65536)];
    let has = |s: &[u8]| head.windows(s.len()).any(|w| w == s);
    if has(b"##[section]") || has(b"##[task.") || has(b"Agent name:") {
        "azure-devops"
    } else if has(b"##[group]") || has(b"##[error]") || has(b"::error") || has(b"##[endgroup]") {
        "github-actions"
    } else if has(b"Events:") && (has(b"kubelet") || has(b"Reason")) {
        "kubectl"
    } else if has(b"ERROR: ") || has(b"Traceback (most recent call last)") || has(b"az acr") {
        "az-cli"
    } else {
        "plain"
    }
}

// ---------------------------------------------------------------------------------------------
// Candidates: only when nothing with a cause was found

/// Words that say nothing about which failure it is.
const STOP: &[&str] = &[
    "this", "that", "with", "from", "have", "been", "does", "your", "please", "more", "information", "error", "errors",
    "failed", "failure", "could", "when", "then", "there", "which", "were", "will", "into", "about", "than", "only",
    "make", "sure", "check", "visit", "refer", "https", "http", "message", "response", "request", "occurred", "azure",
];

fn words(text: &[u8], mut f: impl FnMut(&str)) {
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_alphabetic() {
            let s = i;
            while i < text.len() && (text[i].is_ascii_alphanumeric() || text[i] == b'_') {
                i += 1;
            }
            if i - s >= 4 && i - s <= 40 {
                let w = std::str::from_utf8(&text[s..i]).unwrap_or("").to_ascii_lowercase();
                if !STOP.contains(&w.as_str()) {
                    f(&w);
                }
            }
        } else {
            i += 1;
        }
    }
}

struct Vocabulary {
    /// Word of some entry's patterns → the entries using it (its document frequency is the length).
    index: HashMap<String, Vec<usize>>,
    /// HTTP status → entries that always come with it.
    by_status: HashMap<u16, Vec<usize>>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_status: HashMap<u16, Vec<usize>> = HashMap::new();
        for (ei, e) in catalog::entries().iter().enumerate() {
            if e.status == catalog::Status::Retired {
                continue;
            }
            let mut ws: Vec<String> = Vec::new();
            for p in e.patterns {
                let lit: String = p.text.split(['{', '}', '*']).step_by(2).collect::<Vec<_>>().join(" ");
                words(lit.as_bytes(), |w| ws.push(w.to_string()));
            }
            crate::sort::sort(&mut ws);
            ws.dedup();
            for w in ws {
                index.entry(w).or_default().push(ei);
            }
            if let Some(st) = e.http_status {
                by_status.entry(st).or_default().push(ei);
            }
        }
        Vocabulary { index, by_status }
    })
}

/// The error-looking lines of the log (first and last 64), as (line start byte, text).
fn error_lines(raw: &[u8]) -> Vec<(usize, &[u8])> {
    static P: OnceLock<Prefilter> = OnceLock::new();
    let p = P.get_or_init(|| {
        // Stride 2 (needles of 5+ bytes): this pass only runs when no cause was found.
        let words = ["error", "failed", "failure", "denied", "unauthorized", "forbidden", "refused", "timeout", "timed out", "invalid", "exception", "fatal", "cannot", "unable", "not found"];
        Prefilter::new(words.iter().map(|w| Needle { bytes: w.as_bytes().to_vec(), exact_case: false }).collect(), 2)
    });
    let mut hits = Vec::new();
    p.find_all(raw, 200_000, &mut hits);
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for h in hits {
        if let Some(&(_, e)) = lines.last() {
            if h.pos < e {
                continue;
            }
        }
        let s = raw[h.pos.saturating_sub(400)..h.pos].iter().rposition(|&b| b == b'\n').map_or(h.pos.saturating_sub(400), |i| h.pos.saturating_sub(400) + i + 1);
        let e = raw[h.pos..raw.len().min(h.pos + 600)].iter().position(|&b| b == b'\n').map_or(raw.len().min(h.pos + 600), |i| h.pos + i);
        lines.push((s, e));
    }
    let keep: Vec<(usize, usize)> = if lines.len() <= 128 { lines } else { lines[..64].iter().chain(&lines[lines.len() - 64..]).copied().collect() };
    keep.into_iter().map(|(s, e)| (s, &raw[s..e])).collect()
}

fn http_statuses(line: &[u8]) -> Vec<u16> {
    let mut out = Vec::new();
    for w in line.windows(5) {
        if !w[0].is_ascii_digit() && w[1..4].iter().all(u8::is_ascii_digit) && !w[4].is_ascii_digit() && (w[1] == b'4' || w[1] == b'5') {
            if let Ok(v) = std::str::from_utf8(&w[1..4]).unwrap_or("").parse::<u16>() {
                out.push(v);
            }
        }
    }
    out
}

fn candidates(raw: &[u8], findings: &[Finding]) -> Vec<Candidate> {
    let v = vocabulary();
    let all = catalog::entries();
    let n_entries = all.len() as f64;
    let lines = error_lines(raw);
    let mut best: HashMap<usize, (f64, String, usize)> = HashMap::new();
    for (start, line) in &lines {
        let mut seen: Vec<String> = Vec::new();
        words(line, |w| seen.push(w.to_string()));
        crate::sort::sort(&mut seen);
        seen.dedup();
        // Entry → (score, shared words, status), built from the inverted index: cost is the
        // line's words times the entries per word, not lines times the whole catalog.
        let mut scores: HashMap<usize, (f64, Vec<&str>, Option<u16>)> = HashMap::new();
        for w in &seen {
            if let Some(list) = v.index.get(w) {
                let idf = (n_entries / list.len() as f64).ln();
                for &ei in list {
                    let s = scores.entry(ei).or_insert((0.0, Vec::new(), None));
                    s.0 += idf;
                    s.1.push(w);
                }
            }
        }
        for st in http_statuses(line) {
            for &ei in v.by_status.get(&st).into_iter().flatten() {
                let s = scores.entry(ei).or_insert((0.0, Vec::new(), None));
                if s.2.is_none() {
                    s.0 += 1.5;
                    s.2 = Some(st);
                }
            }
        }
        for (ei, (score, shared, status)) in scores {
            if findings.iter().any(|f| f.id == all[ei].id) || (shared.len() < 2 && status.is_none()) || score < 3.0 {
                continue;
            }
            let mut reason = if shared.is_empty() {
                String::new()
            } else {
                format!("shares {}", shared.iter().take(4).map(|w| format!("'{w}'")).collect::<Vec<_>>().join(", "))
            };
            if let Some(st) = status {
                reason.push_str(&format!("{}HTTP {st}", if reason.is_empty() { "" } else { "; " }));
            }
            let slot = best.entry(ei).or_insert((0.0, String::new(), *start));
            if score > slot.0 {
                *slot = (score, reason, *start);
            }
        }
    }
    let mut list: Vec<(usize, (f64, String, usize))> = best.into_iter().collect();
    crate::sort::sort_by(&mut list, |a, b| b.1 .0.total_cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    list.truncate(3);
    let offsets: Vec<usize> = list.iter().map(|(_, (_, _, s))| *s).collect();
    let pos = position::resolve(raw, &offsets);
    list.into_iter()
        .zip(pos)
        .map(|((ei, (score, reason, _)), p)| Candidate {
            id: all[ei].id,
            category: all[ei].category,
            title: all[ei].title,
            score: (score * 100.0).round() / 100.0,
            reason,
            line: p.line,
        })
        .collect()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod real_logs_tests;
