//! JWTs found in a log: decoded (by `crate::token::decode_token`, for the full report, and by
//! `crate::jwt` for the few claims the cross-checks need) and checked against the errors around
//! them. The point is evidence with times: "the GitHub token expired at T, the AADSTS700024 came
//! at T'". A token's text is never copied into the report.

use super::{position, Group, Params};
use crate::catalog::Strength;
use crate::token::{decode_token, DecodeReport};
use serde::Serialize;
use serde_json::Value;

/// A token seen in the log: where, what, and its decoded report. Never the token itself.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenSeen {
    pub line: usize,
    pub column: usize,
    /// UTF-16 offsets of the token in the input, `[start, end)`.
    pub start: usize,
    pub end: usize,
    /// The token decoder's kind ([`crate::token::TokenKind::as_str`]: `github-oidc`, `gitlab-oidc`,
    /// `kubernetes-sa`, `entra-id-token`, `acr-refresh`, `jwt` for an unknown issuer...), or
    /// `malformed`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `iat`, `nbf`, `exp` in Unix seconds (converted when the token used milliseconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<i64>,
    /// Timestamp of the log line the token is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logged_at: Option<i64>,
    /// Why the token could not be decoded, for `malformed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The token decoder's full report for this token.
    pub decoded: DecodeReport,
}

pub(crate) struct Found {
    pub seen: TokenSeen,
    /// What to call it in a sentence ([`crate::token::TokenKind::label`]).
    label: &'static str,
    raw_start: usize,
    raw_end: usize,
    alg_none: bool,
    millis: bool,
}

fn is_jwt_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'
}

fn claim_str(claims: &serde_json::Map<String, Value>, k: &str) -> Option<String> {
    match claims.get(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.first().and_then(|v| v.as_str()).map(str::to_string),
        _ => None,
    }
}

fn claim_time(claims: &serde_json::Map<String, Value>, k: &str) -> Option<i64> {
    claims.get(k)?.as_f64().filter(|v| v.is_finite() && v.abs() < 1e15).map(|v| v as i64)
}

/// Decodes the JWTs starting at `starts` (byte offsets of `eyJ`).
pub(crate) fn collect(raw: &[u8], text: &str, starts: &[usize], now: i64) -> Vec<Found> {
    let mut spans = Vec::new();
    for &s in starts {
        let mut e = s;
        while e < raw.len() && e - s < 16384 && is_jwt_byte(raw[e]) {
            e += 1;
        }
        // Trailing dots are sentence punctuation unless the token is unsigned (`a.b.`).
        let dots = raw[s..e].iter().filter(|&&b| b == b'.').count();
        if dots > 2 {
            while e > s && raw[e - 1] == b'.' && raw[s..e].iter().filter(|&&b| b == b'.').count() > 2 {
                e -= 1;
            }
        }
        if dots == 0 || e - s < 16 {
            continue;
        }
        spans.push((s, e));
    }
    let mut offsets = Vec::new();
    for &(s, e) in &spans {
        offsets.push(s);
        offsets.push(e);
    }
    let pos = position::resolve(raw, &offsets);
    let mut out = Vec::new();
    for (i, &(s, e)) in spans.iter().enumerate() {
        let slice = &text[s..e];
        let line_start = raw[s.saturating_sub(4096)..s].iter().rposition(|&b| b == b'\n' || b == b'\r').map(|k| s.saturating_sub(4096) + k + 1);
        let logged_at = match line_start {
            Some(ls) => super::parse_line_timestamp(&raw[ls..raw.len().min(ls + 40)]),
            None if s < 4096 => super::parse_line_timestamp(&raw[..raw.len().min(40)]),
            None => None,
        };
        let (p0, p1) = (pos[2 * i], pos[2 * i + 1]);
        let mut seen = TokenSeen {
            line: p0.line,
            column: p0.column,
            start: p0.utf16,
            end: p1.utf16,
            kind: "malformed",
            issuer: None,
            audience: None,
            subject: None,
            issued_at: None,
            not_before: None,
            expires: None,
            logged_at,
            problem: None,
            decoded: decode_token(slice, now),
        };
        let (mut alg_none, mut millis, mut label) = (false, false, "token");
        match crate::jwt::decode_jwt(slice) {
            Err(err) => seen.problem = Some(err.to_string()),
            Ok(jwt) => {
                let c = &jwt.claims;
                seen.issuer = claim_str(c, "iss");
                seen.audience = claim_str(c, "aud");
                seen.subject = claim_str(c, "sub");
                // The token module's classification, so a token is the same kind in a log as on the page.
                let kind = crate::token::classify(c);
                seen.kind = kind.as_str();
                label = kind.label();
                let (iat, nbf, exp) = (claim_time(c, "iat"), claim_time(c, "nbf"), claim_time(c, "exp"));
                // Seconds since 1970 stay below 1e11 until the year 5138; bigger means milliseconds.
                millis = [iat, nbf, exp].iter().flatten().any(|&t| t > 100_000_000_000);
                let fix = |t: Option<i64>| t.map(|t| if t > 100_000_000_000 { t / 1000 } else { t });
                seen.issued_at = fix(iat);
                seen.not_before = fix(nbf);
                seen.expires = fix(exp);
                alg_none = jwt.header.get("alg").and_then(Value::as_str).is_some_and(|a| a.eq_ignore_ascii_case("none"));
            }
        }
        out.push(Found { seen, label, raw_start: s, raw_end: e, alg_none, millis });
    }
    out
}

/// `2024-05-01T12:34:56Z`
pub(crate) fn iso(t: i64) -> String {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// "21 min", "3 h 5 min": the token module's phrasing, so the page and the log read alike (and no
/// float formatting is linked into the wasm for it).
fn ago(secs: i64) -> String {
    crate::token::human_duration(secs.unsigned_abs())
}

/// Kinds presented to Entra as a federated assertion: AADSTS700024 when expired (AL002),
/// AADSTS700212 for a wrong audience (AL012).
const FEDERATED: &[&str] = &["github-oidc", "azure-devops-oidc", "gitlab-oidc", "kubernetes-sa", "terraform-oidc"];

/// ACR refusing a token (AL030 the exchange, AL200 a 401, AL513 check-health's exchange, AL031 the
/// ARM audience).
const ACR_REFUSALS: &[&str] = &["AL030", "AL031", "AL200", "AL513"];

/// Entra refusing a federated assertion: no credential matches (AL010, AL011, AL013, AL014), the
/// audience (AL012), an invalid assertion (AL110), the issuer's metadata (AL018), this entry's text.
const ENTRA_FEDERATION_REFUSALS: &[&str] = &["AL010", "AL011", "AL012", "AL013", "AL014", "AL018", "AL110", "AL907"];

/// Clock skew Entra and registries tolerate; below it an "expired" token is not evidence.
const SKEW: i64 = 60;

fn add(groups: &mut Vec<Group>, id: &str, t: &Found, strength: Strength, at: Option<i64>, evidence: String) {
    // The text already shows this failure: the token is evidence for it, not a second finding.
    let entries = crate::catalog::entries();
    if let Some(g) = groups.iter_mut().find(|g| entries[g.m.entry].id == id) {
        g.evidence.push(evidence);
        return;
    }
    if let Some(mut g) = Group::derived(id, t.raw_start, t.raw_end, at, Params::default(), evidence) {
        g.set_strength(strength);
        groups.push(g);
    }
}

/// Adds token-derived findings and annotates text findings with what the tokens say.
pub(crate) fn cross_check(tokens: &[Found], groups: &mut Vec<Group>) {
    let entries = crate::catalog::entries();
    // Evidence on findings from the text.
    for gi in 0..groups.len() {
        let id = entries[groups[gi].m.entry].id;
        let at = groups[gi].m.at;
        let mut notes = Vec::new();
        for t in tokens {
            let s = &t.seen;
            let l = s.line;
            match (id, s.kind) {
                ("AL002", kind) if FEDERATED.contains(&kind) => {
                    if let (Some(exp), Some(at)) = (s.expires, at) {
                        let life = s.issued_at.map(|i| format!(", {} after it was issued", ago(exp - i))).unwrap_or_default();
                        let (name, used) = (t.label, if kind == "github-oidc" { "after its ~5 min life" } else { "after it expired" });
                        if at > exp {
                            notes.push(format!("The {name} on line {l} expired at {}{life}; this error came at {}, {} later: the token was used {used}.", iso(exp), iso(at), ago(at - exp)));
                        } else {
                            notes.push(format!("But the {name} on line {l} was still valid at {} (expires {}): suspect a different token or clock skew.", iso(at), iso(exp)));
                        }
                    }
                }
                ("AL012", kind) if FEDERATED.contains(&kind) => {
                    if let Some(aud) = &s.audience {
                        if !aud.starts_with("api://AzureADTokenExchange") {
                            notes.push(format!("The {} on line {l} has audience '{aud}'; Entra's federated credentials expect 'api://AzureADTokenExchange'.", t.label));
                        }
                    }
                }
                ("AL013", "github-oidc" | "azure-devops-oidc") => {
                    if let (Some(sub), Some(presented)) = (&s.subject, &groups[gi].m.params.subject) {
                        if sub == presented {
                            notes.push(format!("The token on line {l} has exactly this subject: the federated credential's subject must equal it byte for byte."));
                        } else {
                            notes.push(format!("But the token on line {l} has subject '{sub}': the exchange that failed used another token."));
                        }
                    }
                }
                ("AL011", "github-oidc" | "azure-devops-oidc") => {
                    if let (Some(iss), Some(presented)) = (&s.issuer, &groups[gi].m.params.issuer) {
                        if iss == presented {
                            notes.push(format!("The token on line {l} has exactly this issuer: the federated credential's issuer must equal it (no trailing slash)."));
                        }
                    }
                }
                ("AL030" | "AL031" | "AL200" | "AL513", "entra-access-v1" | "entra-access-v2") => {
                    if let Some(aud) = &s.audience {
                        if aud.contains("management.azure.com") || aud.contains("management.core.windows.net") || aud.contains("management.usgovcloudapi.net") || aud.contains("management.chinacloudapi.cn") {
                            notes.push(format!("The Entra token on line {l} has the ARM audience '{aud}': registries with authentication-as-arm disabled refuse it (AL031)."));
                        }
                    }
                }
                _ => {}
            }
        }
        groups[gi].evidence.extend(notes);
    }

    // Findings that only the tokens reveal. A token that no exchange can accept (an Entra ID token
    // at ACR, a legacy Kubernetes secret token at Entra) is the cause of a refusal after it by the
    // service it was for; without one it is only worth noting. An ID token next to an access
    // token is a whole token response logged, not necessarily the one that was sent.
    let refused_after = |ids: &[&str], at: usize| groups.iter().any(|g| g.m.start > at && ids.contains(&entries[g.m.entry].id));
    let access_token_seen = tokens.iter().any(|t| matches!(t.seen.kind, "entra-access-v1" | "entra-access-v2"));
    let mut unusable = Vec::new();
    for t in tokens {
        let l = t.seen.line;
        let (id, strength, evidence) = match t.seen.kind {
            "entra-id-token" => {
                let cause = refused_after(ACR_REFUSALS, t.raw_start) && !access_token_seen;
                let e = format!("The token on line {l} is an Entra ID token, not an access token: ACR's /oauth2/exchange refuses it.");
                ("AL906", if cause { Strength::RootCause } else { Strength::Consequence }, e)
            }
            "kubernetes-sa-legacy" => {
                let cause = refused_after(ENTRA_FEDERATION_REFUSALS, t.raw_start);
                let e = format!("The token on line {l} is a legacy Kubernetes service-account secret token: Entra cannot federate it.");
                ("AL907", if cause { Strength::RootCause } else { Strength::Consequence }, e)
            }
            _ => continue,
        };
        unusable.push((id, strength, evidence, t));
    }
    for (id, strength, evidence, t) in unusable {
        add(groups, id, t, strength, t.seen.logged_at, evidence);
    }

    let refused_at: Vec<i64> = groups
        .iter()
        .filter(|g| matches!(entries[g.m.entry].id, "AL200" | "AL030" | "AL513" | "AL403" | "AL032"))
        .filter_map(|g| g.m.at)
        .collect();
    for t in tokens {
        let s = &t.seen;
        let l = s.line;
        if s.kind == "malformed" {
            let why = s.problem.clone().unwrap_or_default();
            add(groups, "AL905", t, Strength::Consequence, s.logged_at, format!("The token-like text on line {l} does not decode: {why}."));
            continue;
        }
        if t.alg_none {
            add(groups, "AL904", t, Strength::LikelyCause, s.logged_at, format!("The token on line {l} is unsigned (alg: none); no Entra or ACR endpoint accepts it."));
        }
        if t.millis {
            add(groups, "AL903", t, Strength::LikelyCause, s.logged_at, format!("The token on line {l} has iat/nbf/exp in milliseconds; every validator reads seconds, so its validity window is wrong."));
        }
        if let (Some(nbf), Some(logged)) = (s.not_before, s.logged_at) {
            if nbf > logged + 300 {
                add(groups, "AL902", t, Strength::LikelyCause, Some(logged), format!("The token on line {l} is valid only from {}, but was logged at {}: {} too early (clock skew?).", iso(nbf), iso(logged), ago(nbf - logged)));
            }
        }
        let Some(exp) = s.expires else { continue };
        // An ACR token that expired before a later 401: the classic "az acr login was 3 h ago".
        if matches!(s.kind, "acr-refresh" | "acr-access") {
            if let Some(&at) = refused_at.iter().find(|&&at| at > exp + SKEW) {
                add(groups, "AL032", t, Strength::RootCause, Some(at), format!("The ACR {} token on line {l} expired at {}; the registry refused the request at {}, {} later.", if s.kind == "acr-refresh" { "refresh" } else { "access" }, iso(exp), iso(at), ago(at - exp)));
                continue;
            }
        }
        if let Some(logged) = s.logged_at {
            if logged > exp + SKEW {
                let id = match s.kind {
                    kind if FEDERATED.contains(&kind) => "AL002",
                    "acr-refresh" | "acr-access" => "AL032",
                    _ => "AL901",
                };
                add(groups, id, t, Strength::LikelyCause, Some(logged), format!("The {} on line {l} expired at {} but was still in use at {}, {} later.", t.label, iso(exp), iso(logged), ago(logged - exp)));
            }
        }
    }
}
