//! The error catalog: every known failure of the GitHub OIDC → Entra ID → ACR login chain (and of
//! the tools around it: az CLI, Docker, containerd/kubelet, skopeo, Azure DevOps), each with a
//! stable ID, a machine-readable category, the real message texts it matches, the cause and the fix.
//!
//! Contract:
//! - IDs are `AL` + 3 digits and append-only: an ID is never removed or reused; an entry that no
//!   longer applies is kept with `status: retired`. `ids.txt` (next to this file) is the ledger; the
//!   tidy test fails when an ID disappears, is reused, or is missing from it.
//! - Hundreds group the area: AL0xx GitHub OIDC / federated credentials (and the pre-assigned
//!   Entra/ACR/network IDs below 100), AL1xx Entra, AL2xx ACR, AL3xx network/DNS/TLS/proxy, AL4xx
//!   Docker/containerd/skopeo/kubelet/AKS, AL5xx `az acr check-health` codes, AL6xx Azure DevOps /
//!   az CLI / GitHub workflow symptoms, AL9xx token-decoder warnings.
//! - `category` is one of [`CATEGORIES`], a closed vocabulary the action, page and npm API switch on.
//! - Patterns are matched case-insensitively by the scanner (see `crate::scan` for the syntax);
//!   every entry carries at least one real-shaped example that the scanner must rank first.
//! - The entries are text (`data/<area>.txt`, format in [`parse`]), parsed once at the first call
//!   and leaked, so they are `&'static`: as Rust statics, their pointer tables made the wasm ~6 KB
//!   gzip larger. Their example logs are apart, in `examples/<area>.txt`, compiled in only with
//!   the `examples` feature (default; the wasm is built without it).

use serde::Serialize;
use std::sync::OnceLock;

mod parse;

/// `<dir>/<name>.txt` as `(name, text)`, without the comments that open the file (see
/// [`parse::header_len`]): a copy made at compile time, as a slice of the `include_str!` text would
/// keep the whole text in the wasm.
macro_rules! data {
    ($dir:literal, $name:literal) => {{
        const TEXT: &str = include_str!(concat!($dir, "/", $name, ".txt"));
        const HEADER: usize = parse::header_len(TEXT);
        const BODY: [u8; TEXT.len() - HEADER] = {
            let mut out = [0; TEXT.len() - HEADER];
            out.copy_from_slice(TEXT.as_bytes().split_at(HEADER).1);
            out
        };
        match std::str::from_utf8(&BODY) {
            Ok(text) => ($name, text),
            Err(_) => panic!("catalog data is not UTF-8"),
        }
    }};
}

/// The same file of every area under `<dir>`, in ID-block order: the one list of areas.
macro_rules! per_area {
    ($dir:literal) => {
        &[
            data!($dir, "github"),
            data!($dir, "entra"),
            data!($dir, "acr"),
            data!($dir, "network"),
            data!($dir, "docker"),
            data!($dir, "check-health"),
            data!($dir, "devops"),
            data!($dir, "token"),
        ]
    };
}

/// The entries, one text per area (format in [`parse`]), in ID-block order; without their examples.
const DATA: &[(&str, &str)] = per_area!("data");

/// The entries' example logs, `examples/<area>.txt` (records of `example:` fields only). Compiled in
/// with the `examples` feature (the default) and always in tests, which are their first user; the
/// wasm is built without them, and scripts/build.mjs ships them next to it as data for the page and
/// the npm API (see [`parse`] for why).
#[cfg(any(feature = "examples", test))]
const EXAMPLES: &[(&str, &str)] = per_area!("examples");

/// The closed category vocabulary (issue #3), in the order the page lists them.
pub const CATEGORIES: &[&str] = &[
    "oidc-subject-mismatch",
    "oidc-issuer-mismatch",
    "oidc-audience-mismatch",
    "oidc-no-federated-credential",
    "oidc-missing-id-token-permission",
    "oidc-token-expired",
    "client-secret-expired",
    "client-secret-invalid",
    "app-not-found-in-tenant",
    "wrong-tenant",
    "wrong-subscription",
    "conditional-access-blocked",
    "missing-rbac-role",
    "arm-audience-token-disabled",
    "token-expired-acr",
    "network-ip-denied",
    "private-endpoint-dns",
    "dns-resolution",
    "network-unreachable",
    "tls-certificate",
    "proxy",
    "docker-daemon-unavailable",
    "admin-account-disabled",
    "scope-map-token-denied",
    "repository-not-found",
    "repository-locked",
    "wrong-registry-name",
    "anonymous-pull-disabled",
    "throttled",
    "sku-feature-unavailable",
    "aks-kubelet-identity-missing-role",
    "other",
];

/// Lifecycle of an entry. Retired entries stay in the catalog (their ID is never reused) but the
/// scanner no longer reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Stable,
    Retired,
}

/// How much a matched text says about the root cause. The scanner ranks findings by this first,
/// then by position (an earlier error explains a later one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// A generic failure line that names no cause ("Process completed with exit code 1").
    Symptom = 0,
    /// A known follow-on of another failure (a fallback's complaint, a wrapper message).
    Consequence = 1,
    /// A real error with a few possible causes ("unauthorized: authentication required").
    LikelyCause = 2,
    /// A message that names one cause exactly (AADSTS700213, `denied: client with IP`).
    RootCause = 3,
}

/// One message text an entry matches. Syntax (case-insensitive, never crosses a line):
/// literal text; `{name}` captures a parameter up to the next literal (at the end: up to white
/// space or a quote); `*` skips any text up to the next literal. Parameter names are the fields of
/// `scan::Params`, plus `privateIp`, `serverStatus` and `hubImage` (an RFC 1918 address, a 5xx
/// status, an image name without a registry host: stored as `ip`, `httpStatus` and `image`); a
/// capture that does not look like its type (an IP, a status, a GUID...) makes the pattern not
/// match.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pattern {
    pub text: &'static str,
    pub strength: Strength,
}

/// One step of a fix: what to do, optionally with the exact command or YAML to use.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub text: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    /// `sh`, `yaml`, `powershell` or `json` when `code` is present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'static str>,
}

/// A real-shaped log excerpt that shows the failure, with where its shape comes from.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Example {
    pub text: &'static str,
    pub source: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: &'static str,
    pub category: &'static str,
    pub status: Status,
    /// `github`, `entra`, `acr`, `network`, `docker`, `aks`, `check-health`, `devops`, `token`.
    pub area: &'static str,
    pub title: &'static str,
    pub patterns: &'static [Pattern],
    pub cause: &'static str,
    pub fix: &'static [Step],
    pub docs: &'static [&'static str],
    pub examples: &'static [Example],
    /// The HTTP status this failure always comes with, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// The `az acr check-health` error code this entry is, for AL5xx.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_health_code: Option<&'static str>,
}

/// Every entry, parsed (once) from the compiled-in data.
static ALL: OnceLock<Vec<Entry>> = OnceLock::new();

/// Every entry, ordered by ID. `examples` is empty without the `examples` feature.
pub fn entries() -> &'static [Entry] {
    ALL.get_or_init(|| {
        let mut all = parse_all(DATA);
        crate::sort::sort_by(&mut all, |a, b| a.id.cmp(b.id));
        #[cfg(any(feature = "examples", test))]
        {
            // The tests check that every record names an entry, once, and holds examples only.
            for r in parse_all(EXAMPLES) {
                if let Ok(i) = all.binary_search_by(|e| e.id.cmp(r.id)) {
                    all[i].examples = r.examples;
                }
            }
        }
        all
    })
}

/// Where the entry with this exact ID is in [`entries`] (ordered by ID): what the scanner's matches
/// hold, so its rules re-point a match to another entry by this index.
pub(crate) fn position(id: &str) -> Option<usize> {
    entries().binary_search_by(|e| e.id.cmp(id)).ok()
}

/// Every record of `texts`, in file order.
fn parse_all(texts: &[(&str, &'static str)]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (_, text) in texts {
        // Compiled-in data, checked line by line by the tests; formatting the error here would
        // cost the wasm code for a failure the tests already rule out.
        let parsed = parse::parse(text, &mut out);
        assert!(parsed.is_ok(), "the catalog data does not parse: run `cargo test -p acr-login-core catalog::parse`");
    }
    out
}

/// The entry with this exact ID (`AL013`).
///
/// Until something needs the whole catalog, only the asked-for record is parsed: the action's
/// failure path asks for one or two entries, and parsing all of them in a freshly loaded wasm
/// added 1-4 ms to its cold start (measured with `explain` on a cold module).
pub fn entry(id: &str) -> Option<&'static Entry> {
    if let Some(all) = ALL.get() {
        return all.binary_search_by(|e| e.id.cmp(id)).ok().map(|i| &all[i]);
    }
    // Each record is parsed at most once; the few parsed before `ALL` stay as they are.
    static ONE_BY_ONE: std::sync::Mutex<Vec<&'static Entry>> = std::sync::Mutex::new(Vec::new());
    let mut parsed = ONE_BY_ONE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = parsed.iter().find(|e| e.id == id) {
        return Some(e);
    }
    let e: &'static Entry = Box::leak(Box::new(parse_one(id)?));
    parsed.push(e);
    Some(e)
}

/// The record `@@ <id>` alone, with its examples when they are compiled in.
fn parse_one(id: &str) -> Option<Entry> {
    let mut one = Vec::new();
    parse::parse(record(DATA, id)?, &mut one).ok()?;
    let entry = one.pop()?;
    #[cfg(any(feature = "examples", test))]
    if let Some(text) = record(EXAMPLES, id) {
        parse::parse(text, &mut one).ok()?;
        return Some(Entry { examples: one.pop()?.examples, ..entry });
    }
    Some(entry)
}

/// The text of the record `@@ <id>` in one of `texts`: from its header line to the next record
/// (or the end of its file).
fn record(texts: &[(&str, &'static str)], id: &str) -> Option<&'static str> {
    texts.iter().find_map(|(_, text)| {
        let mut at = 0;
        while let Some(i) = text[at..].find("@@ ") {
            let start = at + i;
            let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
            if (start == 0 || text.as_bytes()[start - 1] == b'\n') && &text[start + 3..line_end] == id {
                let end = text[start..].find("\n@@ ").map_or(text.len(), |n| start + n + 1);
                return Some(&text[start..end]);
            }
            at = line_end;
        }
        None
    })
}

#[cfg(test)]
mod tests;
