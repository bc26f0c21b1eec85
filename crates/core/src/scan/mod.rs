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
//!    when kustomize or Argo CD ran helm; porter's own bundle pull in those words is a client
//!    without credentials for the registry, and a refused pod sandbox image the runtime's own pull,
//!    beyond any pull secret (AL437). A refusal in words every registry prints (containerd's
//!    token errors, `denied: requested access to the resource is denied`) names ACR's cause only
//!    for an ACR: with another registry named around it (Docker Hub, GHCR, Harbor) it is a
//!    symptom, and so are the causes only ACR has when no registry is named at all. So is managed
//!    identity's "unavailable" (or workload identity's missing variables) as one attempt of a
//!    credential chain. ACR's 401 whose detail names `metadata_read` (a tag listing) is a token's
//!    scope (AL063), and docker's `pull access denied` whose registry blames its own upstream (a
//!    cache rule's source, ECR's pull-through cache) no missing login. A token URL missing on the line of a failed token request is AL001's alone,
//!    and Entra's other subject codes (AADSTS7002137) no pipeline's subject mismatch. And words other tools print for other reasons keep their cause only with
//!    its context in view: git's "Repository not found" needs the job's permissions (AL007), a
//!    missing Docker daemon a login (not `docker build`), `exec format error` a node (not a build
//!    step), storage's header refusal a registry's redirect (not storage's own API), a 429 a
//!    registry (not api.github.com), a failed connection a registry's host (not a local port, a
//!    cluster service, or the API server kubectl could not reach), a name that did not resolve or
//!    a refused certificate a registry's (not a Service's name, a webhook's or the API server's
//!    certificate). A cause any registry can have
//!    (anonymous pull off, an Azure service's pull credentials) keeps its rank with another
//!    registry in view, and says its `az acr` fix is not that registry's; a proxy's refusal of a
//!    request to another service (npm's downloads) says that tool's proxy settings are the fix.
//!    Last, a finding whose fix needs `<REGISTRY>` and whose own lines name none takes the one
//!    ACR the log names ([`log_registry`]).
//! 6. Nothing with at least `likely-cause` strength: the report says so, and lists the closest
//!    catalog entries (shared rare words, same HTTP status) as candidates, never as a cause;
//!    ACR's causes in every registry's words are not candidates for a line about another registry,
//!    nor the registry's network for connections that failed only to this machine.
//!
//! Work is budgeted (hits, windows, findings) so a 10 MB paste of garbage or a 1 MB single line
//! stays linear; when a budget runs out the report says `truncated: true`.

mod log_registry;
mod normalize;
mod params;
mod pattern;
mod position;
mod prefilter;
mod rules;
mod tokens;

use crate::catalog::{self, Entry, Strength};
pub use params::Params;
use params::{Param, Set};
use prefilter::{Hit, Needle, Prefilter};
use rules::*;
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
    demote_answered_device_code_prompts(raw, &mut groups);
    refused_without_a_challenge(raw, &mut groups);
    demote_helm_token_logins_without_a_user_name(raw, &mut groups);
    helm_s_own_refusals_are_not_kubelet_s(raw, &mut groups);
    a_kubelet_pull_wrapped_over_lines_is_kubelet_s(raw, &mut groups);
    a_sandbox_image_is_the_runtime_s_own_pull(raw, &mut groups);
    a_refused_tag_listing_is_a_token_s_scope(raw, &mut groups);
    an_upstream_s_refusal_is_not_a_missing_login(raw, &mut groups);
    a_missing_token_url_is_no_failed_request(&mut groups);
    another_code_s_subject_is_not_a_pipeline_s(&mut groups);
    connections_to_a_data_endpoint_are_layer_downloads(raw, &mut groups);
    demote_layer_downloads_answered_with_a_server_error(raw, &mut groups);
    azure_services_pull_with_their_own_settings(raw, &mut groups);
    acr_causes_in_every_registry_s_words_need_an_acr(raw, &mut groups);
    one_attempt_of_a_credential_chain_is_a_symptom(raw, &mut groups);
    checkout_refusals_need_the_job_s_permissions(raw, &mut groups);
    a_missing_daemon_is_a_login_s_only_after_a_login(raw, &mut groups);
    exec_format_errors_in_a_build_step_are_the_builder_s(raw, &mut groups);
    storage_s_own_operations_are_not_a_registry_redirect(raw, &mut groups);
    throttling_by_another_service_is_not_acr_s(raw, &mut groups);
    connections_an_acr_cannot_be_at_are_not_its_network(raw, &mut groups);
    another_registry_s_fix_is_its_own(raw, &mut groups);
    log_registry::fill_registry_from_the_log(raw, &mut groups);

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
        // Connections that failed only to this machine or to ports an ACR never listens on (kubectl
        // without a cluster trying localhost:8080): the registry's network entries mislead as
        // candidates as much as they would as causes.
        if report.candidates.iter().any(|c| CONNECTION_ENTRIES.contains(&c.id)) && none_at_a_registry(&failed_addresses(raw)) {
            report.candidates.retain(|c| !CONNECTION_ENTRIES.contains(&c.id));
        }
        // A failure at the cluster's own services or names (a webhook's certificate, a database's
        // Service name): the registry's network, DNS and certificate entries mislead as candidates.
        if report.findings.iter().any(|f| f.evidence.iter().any(|e| e.contains(CLUSTER_ENDPOINT_WORDS) || e.contains(CLUSTER_NAME_WORDS))) {
            report.candidates.retain(|c| !CONNECTION_ENTRIES.contains(&c.id) && !NAME_AND_CERTIFICATE_ENTRIES.contains(&c.id));
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
        let entry = catalog::position(entry_id)?;
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
            let _ = r.params.set(Param::Registry, reg.as_bytes());
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

/// What says the registry is an ACR: its host, its own error link, az's ACR commands.
const ACR_MARKS: &[&[u8]] = &[b".azurecr.", b"aka.ms/acr", b"az acr "];

/// Whether the match's line or the three lines above it name an ACR (host, link, `az acr`).
/// Bounded: at most ~1.5 KB.
fn acr_marked(raw: &[u8], line_start: usize, match_end: usize) -> bool {
    let region = &raw[lines_above(raw, line_start)..line_end(raw, match_end)];
    ACR_MARKS.iter().any(|m| find_folded(region, m).is_some())
}

/// [`acr_marked`], or a value GitHub masked there (a login server kept in a secret may be one).
fn names_acr(raw: &[u8], line_start: usize, match_end: usize) -> bool {
    acr_marked(raw, line_start, match_end) || find_folded(&raw[lines_above(raw, line_start)..line_end(raw, match_end)], b"***").is_some()
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

/// The first registry named in the region, as its login server (`<name>.azurecr.io`, or `.us`,
/// `.cn`; a data or regional endpoint gives its registry's).
fn find_registry(region: &[u8]) -> Option<String> {
    let mut i = 0;
    while let Some(off) = find_folded(&region[i..], b".azurecr.") {
        if let Some(server) = log_registry::login_server_at(region, i + off) {
            return Some(server);
        }
        i += off + 1;
    }
    None
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
        // A line about another registry (Docker Hub, GHCR) does not suggest ACR's causes in its
        // words. Read only when such a cause is among the scores: the view reads up to ~18 KB.
        let foreign = scores.keys().any(|&ei| ACR_CAUSE_SHARED_WORDS.contains(&all[ei].id))
            && matches!(registry_in_view(raw, *start, *start + line.len()), InView::Other(_));
        for (ei, (score, shared, status)) in scores {
            if findings.iter().any(|f| f.id == all[ei].id) || (shared.len() < 2 && status.is_none()) || score < 3.0 {
                continue;
            }
            if foreign && ACR_CAUSE_SHARED_WORDS.contains(&all[ei].id) {
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
