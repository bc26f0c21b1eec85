//! Recognises and explains every token of the ACR login chain in whatever a user pastes.
//!
//! Contract: [`decode_token`]`(text, now)` never fails and never panics; it returns a
//! [`DecodeReport`] listing each distinct token found (GitHub / Azure DevOps / GitLab OIDC, Kubernetes
//! service-account and HCP Terraform workload identity tokens, Entra v1/v2 access and ID tokens, ACR
//! refresh/access, any other JWT, and token-shaped strings that do not decode), where it was,
//! what it is, its times relative to `now` (Unix seconds, from the host), and warnings that predict
//! the failure the next hop would answer with, linked to the error catalog. Signatures are not
//! verified (that needs keys and network) and nothing leaves the process.
//!
//! Layout: `extract` finds tokens in the paste (`json_scan` for positions in JSON), `kind`
//! classifies, `github` / `ado` / `entra` / `acr` / `federation` (GitLab, Kubernetes, Terraform)
//! explain each kind (`fic` builds federated credentials), `time` renders dates, `warnings` holds
//! the codes.

mod acr;
mod ado;
mod claims;
mod entra;
mod extract;
mod federation;
mod fic;
mod github;
pub(crate) mod json_scan;
mod kind;
mod time;
mod warnings;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod issuer_tests;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::jwt::{self, JwtObject, SegmentSpans, Span};
use claims::{str_claim, string_list, text_claim, Claims};
use time::{read_time_claim, TimeClaim, TimeClaimProblem};

pub use acr::{AcrAccessEntry, AcrInfo, AcrPermissions};
pub use ado::{AdoIssuerFormat, AzureDevopsInfo};
pub use entra::{AcrExchange, AudienceResource, Cloud, EntraInfo, PrincipalType};
pub use federation::{FederationDetail, FederationInfo, FederationIssuer, FederationPlatform};
pub use fic::{FederatedCredential, APP_ID_PLACEHOLDER};
pub(crate) use fic::shell_quoted;
pub use github::{GithubInfo, GithubIssuer, SubjectForm};
pub use kind::{classify, TokenKind};
pub use time::{human_duration, iso8601, Timestamp};
pub use warnings::{codes, Severity, Warning};

/// The federated credential that would accept `assertion` (its claims), for `audience`: the same
/// name and commands decodeToken shows for that token, so the action's fix and the page suggest one
/// and the same credential. None without `iss` and `sub`, and for a legacy Kubernetes secret token,
/// which no credential accepts (decodeToken shows none either).
pub(crate) fn federated_credential_for(assertion: &Map<String, Value>, audience: &str) -> Option<FederatedCredential> {
    let claim = |k: &str| assertion.get(k).and_then(Value::as_str);
    let (iss, sub) = (claim("iss")?, claim("sub")?);
    let hint = match classify(assertion) {
        TokenKind::KubernetesSaLegacy => return None,
        TokenKind::GithubOidc => github::credential_hint(sub),
        TokenKind::AzureDevopsOidc => ado::credential_hint(sub),
        k @ (TokenKind::GitlabOidc | TokenKind::KubernetesSa | TokenKind::TerraformOidc) => federation::credential_hint(k, sub),
        _ => sub.to_owned(),
    };
    Some(fic::federated_credential(&hint, iss, sub, audience))
}

/// The name decodeToken gives the credential for a token with this subject, from the subject
/// alone: a log shows Entra's "presented assertion subject", not the token. Each issuer's subject
/// has its own shape, so the shape picks the issuer.
pub(crate) fn credential_name_for_subject(sub: &str) -> String {
    let hint = if sub.starts_with("repo:") {
        github::credential_hint(sub)
    } else if sub.starts_with("sc://") || sub.starts_with("/eid1/") {
        ado::credential_hint(sub)
    } else if sub.starts_with(federation::K8S_SUBJECT_PREFIX) {
        federation::credential_hint(TokenKind::KubernetesSa, sub)
    } else if sub.starts_with("project_path:") {
        federation::credential_hint(TokenKind::GitlabOidc, sub)
    } else if sub.starts_with("organization:") {
        federation::credential_hint(TokenKind::TerraformOidc, sub)
    } else {
        sub.to_owned()
    };
    fic::credential_name(&hint)
}

/// Shown with every report, because people paste live credentials into decoders.
pub const NOTICE: &str = "Decoded locally: signatures are not verified, and nothing is sent anywhere.";

/// At most this many distinct tokens are analysed per paste; the rest are counted in `omitted`.
pub const MAX_TOKENS: usize = 100;

/// Tolerance for `iat` in the future before calling it clock skew (Entra allows 5 minutes).
const CLOCK_SKEW_SECONDS: i64 = 300;

/// Everything found in a paste.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecodeReport {
    /// Always [`NOTICE`].
    pub notice: &'static str,
    /// Distinct tokens, in the order they first appear.
    pub tokens: Vec<FoundToken>,
    /// Distinct tokens beyond [`MAX_TOKENS`], not analysed.
    pub omitted: usize,
    /// When no token was found: what was pasted instead, and what would work.
    pub hint: Option<String>,
}

impl Default for DecodeReport {
    fn default() -> Self {
        DecodeReport { notice: NOTICE, tokens: Vec::new(), omitted: 0, hint: None }
    }
}

/// One distinct token and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundToken {
    /// Where it was: `bare`, `bearer`, `json:<path>`, `docker-config:auths.<host>.auth` (also inside a
    /// base64 `.dockerconfigjson`), `docker-config:<path>` (identitytoken, password), `param:<name>`
    /// (`name=<jwt>`), `text`.
    pub source: String,
    /// UTF-16 range in the input: the token itself, or the value that encodes it (docker `auth`).
    pub span: Span,
    /// UTF-16 ranges of header / payload / signature when the token appears literally and decodes.
    pub segment_spans: Option<SegmentSpans>,
    /// How many times this exact token appears in the paste.
    pub occurrences: usize,
    pub kind: TokenKind,
    /// Human name of the kind ("GitHub Actions OIDC token").
    pub label: &'static str,
    /// One sentence: what it is, for what, and when it expires.
    pub summary: String,
    /// False when the string looks like a JWT but does not decode (see `error`).
    pub decoded: bool,
    pub error: Option<DecodeError>,
    /// Header `alg`.
    pub algorithm: Option<String>,
    /// Serialised as the JSON objects they are (keys sorted).
    pub header: Option<JwtObject>,
    pub claims: Option<JwtObject>,
    pub issuer: Option<String>,
    /// `aud`, always as a list.
    pub audience: Vec<String>,
    pub subject: Option<String>,
    pub tenant: Option<String>,
    pub identity: Identity,
    pub times: TokenTimes,
    /// `exp - iat` (or `exp - nbf` without `iat`).
    pub lifetime_seconds: Option<i64>,
    pub lifetime: Option<String>,
    pub status: TokenStatus,
    pub github: Option<GithubInfo>,
    pub azure_devops: Option<AzureDevopsInfo>,
    pub entra: Option<EntraInfo>,
    pub acr: Option<AcrInfo>,
    /// GitLab, Kubernetes and Terraform workload-identity tokens: the platform's claims and the
    /// federated credential (one section for all three; the platform is a field).
    pub federation: Option<FederationInfo>,
    pub warnings: Vec<Warning>,
}

/// Who the token is about, from the Entra-style claims when present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// `appid` (v1) or `azp` (v2): the client application.
    pub app_id: Option<String>,
    /// `oid`: the service principal, managed identity or user object.
    pub object_id: Option<String>,
    /// `upn`, `preferred_username` or `unique_name`.
    pub upn: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TokenTimes {
    pub iat: Option<Timestamp>,
    pub nbf: Option<Timestamp>,
    pub exp: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenStatus {
    Valid,
    Expired,
    NotYetValid,
    /// No `exp`, or the token did not decode.
    Unknown,
}

/// Why a token-shaped string did not decode ([`crate::jwt::JwtError`], flattened for JS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecodeError {
    /// `JWT_SEGMENT_COUNT`, `JWT_BASE64`, `JWT_JSON`, `JWT_NOT_OBJECT`.
    pub code: &'static str,
    pub segment: Option<&'static str>,
    pub message: String,
}

/// Finds, decodes and explains every token in `text`. `now` is Unix seconds from the host.
pub fn decode_token(text: &str, now: i64) -> DecodeReport {
    let (candidates, facts) = extract::find_candidates(text);
    let mut report = DecodeReport::default();
    let mut seen: HashMap<&str, usize, BuildHasherDefault<TailHasher>> = HashMap::default();
    let mut utf16 = extract::Utf16Cursor::new(text);
    for c in &candidates {
        if let Some(&i) = seen.get(c.text.as_ref()) {
            if let Some(t) = report.tokens.get_mut(i) {
                t.occurrences += 1;
            }
            continue;
        }
        if report.tokens.len() >= MAX_TOKENS {
            report.omitted += 1;
            // Remembered with an index that never exists, so each omitted token is counted once.
            seen.insert(c.text.as_ref(), usize::MAX);
            continue;
        }
        seen.insert(c.text.as_ref(), report.tokens.len());
        let span = Span { start: utf16.at(c.bytes.start), end: utf16.at(c.bytes.end) };
        report.tokens.push(analyse(&c.text, c.source.clone(), span, c.literal, now));
    }
    if report.tokens.is_empty() {
        report.hint = Some(hint(text, &facts));
    }
    report
}

/// Hashes a token by its length and last 16 bytes (a JWT's signature): SipHash over the whole of a
/// 2 KB token was 5% of decodeToken. Tokens that share a tail only cost an equality check.
#[derive(Default)]
struct TailHasher(u64);

impl Hasher for TailHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ bytes.len() as u64;
        for &b in &bytes[bytes.len().saturating_sub(16)..] {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

fn hint(text: &str, facts: &extract::PasteFacts) -> String {
    let t = text.trim();
    if t.is_empty() {
        "Paste a token: a JWT, an Authorization header, a JSON token response, a docker config.json or a log."
            .to_owned()
    } else if facts.docker_creds_helper {
        "This docker config keeps its credentials in a credential helper (credsStore / credHelpers), so the file \
         holds no token. For ACR, `az acr login --name <REGISTRY> --expose-token` prints one."
            .to_owned()
    } else if facts.docker_password {
        "The docker auth entry holds a password (admin user, service principal secret or scope-map token), not a \
         JWT: there is nothing to decode."
            .to_owned()
    } else if ["ghp_", "gho_", "ghs_", "ghu_", "github_pat_"].iter().any(|p| t.starts_with(p)) {
        "This is a GitHub personal access / app token: opaque, not a JWT, so it cannot be decoded (and it is not \
         what Entra federation uses: that is the Actions OIDC token)."
            .to_owned()
    } else if t.contains("***") {
        "No JWT found, and the text contains '***': GitHub Actions masks secrets in logs (debug logs too), and a \
         masked token cannot be recovered. Decode it inside the job instead and print only its payload (the \
         middle part)."
            .to_owned()
    } else {
        "No JWT found. A JWT is three base64url parts separated by dots and starts with 'eyJ'. Opaque tokens (Entra \
         refresh tokens, personal access tokens) cannot be decoded."
            .to_owned()
    }
}

fn analyse(text: &str, source: String, span: Span, literal: bool, now: i64) -> FoundToken {
    let mut token = FoundToken {
        source,
        span,
        segment_spans: None,
        occurrences: 1,
        kind: TokenKind::Jwt,
        label: TokenKind::Jwt.label(),
        summary: String::new(),
        decoded: false,
        error: None,
        algorithm: None,
        header: None,
        claims: None,
        issuer: None,
        audience: Vec::new(),
        subject: None,
        tenant: None,
        identity: Identity::default(),
        times: TokenTimes::default(),
        lifetime_seconds: None,
        lifetime: None,
        status: TokenStatus::Unknown,
        github: None,
        azure_devops: None,
        entra: None,
        acr: None,
        federation: None,
        warnings: Vec::new(),
    };
    let (header, claims, signature_bytes, segment_spans) = match jwt::decode_jwt_objects(text) {
        Ok(d) => d,
        Err(e) => {
            let message = match e {
                jwt::JwtError::SegmentCount { found: 5 } => {
                    "this has 5 dot-separated parts: it is an encrypted JWT (JWE), which only its recipient can read"
                        .to_owned()
                }
                _ => e.to_string(),
            };
            token.summary = format!("Looks like a JWT but does not decode: {message}.");
            token.warnings.push(Warning::new(codes::MALFORMED_JWT, Severity::Error, message.clone()));
            token.error = Some(DecodeError { code: e.code(), segment: e.segment(), message });
            return token;
        }
    };
    token.decoded = true;
    if literal {
        let shift = |s: Span| Span { start: s.start + span.start, end: s.end + span.start };
        token.segment_spans = Some(SegmentSpans {
            header: shift(segment_spans.header),
            payload: shift(segment_spans.payload),
            signature: shift(segment_spans.signature),
        });
    }
    token.kind = kind::classify_object(&claims);
    token.label = token.kind.label();
    token.algorithm = str_claim(&header, "alg").map(str::to_owned);
    token.issuer = text_claim(&claims, "iss");
    token.audience = string_list(&claims, "aud");
    token.subject = text_claim(&claims, "sub");
    token.tenant = text_claim(&claims, "tid").or_else(|| text_claim(&claims, "tenant")).or_else(|| entra::tenant(&claims));
    token.identity = Identity {
        app_id: text_claim(&claims, "appid").or_else(|| text_claim(&claims, "azp")),
        object_id: text_claim(&claims, "oid"),
        upn: ["upn", "preferred_username", "unique_name"].iter().find_map(|k| text_claim(&claims, k)),
        name: text_claim(&claims, "name"),
    };

    let w = &mut token.warnings;
    if token.algorithm.as_deref().is_some_and(|a| a.eq_ignore_ascii_case("none")) {
        w.push(Warning::new(
            codes::ALG_NONE,
            Severity::Error,
            "alg is 'none': the token is unsigned, and Entra and ACR refuse unsigned tokens.",
        ));
    } else if signature_bytes == 0 {
        w.push(Warning::new(
            codes::MALFORMED_JWT,
            Severity::Error,
            "The signature segment is empty (the token was cut after the second dot?): it will fail signature \
             validation (AADSTS700027 at Entra).",
        ).catalog("AL015"));
    }

    read_times(&mut token, &claims, now);
    match token.kind {
        TokenKind::GithubOidc => token.github = Some(github::analyse(&claims, &token.audience, &mut token.warnings)),
        TokenKind::AzureDevopsOidc => {
            token.azure_devops = Some(ado::analyse(&claims, &token.audience, &mut token.warnings))
        }
        TokenKind::EntraAccessV1 | TokenKind::EntraAccessV2 | TokenKind::EntraIdToken => {
            let id_token = token.kind == TokenKind::EntraIdToken;
            token.entra = Some(entra::analyse(&claims, &token.audience, &mut token.warnings, id_token))
        }
        TokenKind::GitlabOidc | TokenKind::KubernetesSa | TokenKind::KubernetesSaLegacy | TokenKind::TerraformOidc => {
            token.federation = Some(federation::analyse(token.kind, &claims, &token.audience, &mut token.warnings))
        }
        TokenKind::AcrRefresh | TokenKind::AcrAccess => {
            token.acr = Some(acr::analyse(&claims, &token.audience, &mut token.warnings))
        }
        TokenKind::Jwt => {}
    }
    token.summary = summary(&token);
    token.header = Some(header);
    token.claims = Some(claims);
    token
}

/// Times, lifetime, status and every time-related warning.
fn read_times(token: &mut FoundToken, claims: &Claims, now: i64) {
    let read = |claim: TimeClaim, warnings: &mut Vec<Warning>| match read_time_claim(claims, claim, now) {
        Ok(Some(t)) => {
            if t.milliseconds {
                warnings.push(Warning::new(
                    codes::MILLISECOND_TIMESTAMP,
                    Severity::Warning,
                    format!(
                        "{} is {}, which is milliseconds: JWT times are seconds, so validators read it as a date \
                         thousands of years away. Shown here divided by 1000.",
                        claim.name(),
                        t.raw
                    ),
                ));
            }
            Some(t)
        }
        Ok(None) => None,
        Err(TimeClaimProblem::NotANumber) => {
            warnings.push(Warning::new(
                codes::INVALID_TIME_CLAIM,
                Severity::Warning,
                format!("{} is not a number: JWT times must be Unix seconds, and validators reject this token.", claim.name()),
            ));
            None
        }
    };
    let iat = read(TimeClaim::Iat, &mut token.warnings);
    let nbf = read(TimeClaim::Nbf, &mut token.warnings);
    let exp = read(TimeClaim::Exp, &mut token.warnings);

    if let Some(exp) = &exp {
        let start = iat.as_ref().or(nbf.as_ref()).map(|t| t.seconds);
        token.lifetime_seconds = start.map(|s| exp.seconds.saturating_sub(s));
        token.lifetime = token.lifetime_seconds.map(|l| {
            let human = human_duration(l.unsigned_abs());
            if l < 0 { format!("-{human}") } else { human }
        });
    }
    let kind = token.kind;
    let expired = exp.as_ref().is_some_and(|e| now >= e.seconds);
    let early = nbf.as_ref().is_some_and(|n| now < n.seconds);
    token.status = if expired {
        TokenStatus::Expired
    } else if early {
        TokenStatus::NotYetValid
    } else if exp.is_some() {
        TokenStatus::Valid
    } else {
        TokenStatus::Unknown
    };
    let w = &mut token.warnings;
    if let Some(e) = exp.as_ref().filter(|_| expired) {
        w.push(expired_warning(kind, e));
    }
    if let Some(n) = nbf.as_ref().filter(|_| early) {
        let mut warning = Warning::new(
            codes::TOKEN_NOT_YET_VALID,
            Severity::Error,
            format!(
                "Not valid yet: nbf is {} ({}). Either this machine's clock or the issuer's is off; a validator \
                 refuses the token until then.",
                n.iso.as_deref().unwrap_or("out of range"),
                n.relative
            ),
        );
        if is_federation_assertion(kind) {
            warning = warning.catalog("AL002");
        }
        w.push(warning);
    }
    if let Some(i) = iat.as_ref().filter(|i| i.seconds > now.saturating_add(CLOCK_SKEW_SECONDS)) {
        w.push(Warning::new(
            codes::TOKEN_ISSUED_IN_FUTURE,
            Severity::Warning,
            format!("iat is {} ({}): a clock is wrong, here or at the issuer.", i.iso.as_deref().unwrap_or("out of range"), i.relative),
        ));
    }
    if exp.is_none() {
        w.push(Warning::new(
            codes::TOKEN_NO_EXPIRY,
            if kind == TokenKind::Jwt { Severity::Info } else { Severity::Warning },
            "No exp claim: the token never expires, which no issuer in this chain does; Entra refuses such assertions.",
        ));
    }
    token.times = TokenTimes { iat, nbf, exp };
}

/// Tokens presented to Entra as a federated client assertion, which Entra refuses outside their
/// validity window with AADSTS700024 (catalog AL002).
fn is_federation_assertion(kind: TokenKind) -> bool {
    use TokenKind::*;
    matches!(kind, GithubOidc | AzureDevopsOidc | GitlabOidc | KubernetesSa | KubernetesSaLegacy | TerraformOidc)
}

fn expired_warning(kind: TokenKind, exp: &Timestamp) -> Warning {
    let when = format!("{} ({})", exp.relative, exp.iso.as_deref().unwrap_or("out of range"));
    let (message, catalog) = match kind {
        TokenKind::GithubOidc => (
            format!(
                "This GitHub OIDC token {when}. They live about 5 minutes; Entra refuses an expired assertion with \
                 AADSTS700024 (client assertion is not within its valid time range). Request a fresh token right \
                 before the exchange and never reuse one: cache the Entra or ACR token instead."
            ),
            Some("AL002"),
        ),
        TokenKind::AzureDevopsOidc => (
            format!("This Azure DevOps OIDC token {when}; Entra refuses it with AADSTS700024. Request a new one per exchange."),
            Some("AL002"),
        ),
        TokenKind::AcrRefresh | TokenKind::AcrAccess => (
            format!(
                "This ACR token {when}. ACR refresh tokens (and `az acr login` credentials) last about 3 hours: log \
                 in again, or for long jobs refresh before exp."
            ),
            Some("AL032"),
        ),
        TokenKind::EntraAccessV1 | TokenKind::EntraAccessV2 => (
            format!(
                "This Entra access token {when} (they last 60-90 minutes); /oauth2/exchange refuses it. Request a new \
                 one."
            ),
            None,
        ),
        // The same refusal as a GitHub token's (AADSTS700024), so the same entry, which covers them.
        TokenKind::GitlabOidc | TokenKind::KubernetesSa | TokenKind::KubernetesSaLegacy | TokenKind::TerraformOidc => (
            format!(
                "This {} {when}; Entra refuses an expired assertion with AADSTS700024. Read a fresh one right before \
                 the exchange.",
                kind.label()
            ),
            Some("AL002"),
        ),
        TokenKind::EntraIdToken => (format!("This ID token {when} (Entra ID tokens last about an hour)."), None),
        TokenKind::Jwt => (format!("This token {when}."), None),
    };
    let w = Warning::new(codes::TOKEN_EXPIRED, Severity::Error, message);
    match catalog {
        Some(id) => w.catalog(id),
        None => w,
    }
}

fn summary(t: &FoundToken) -> String {
    let what = match (&t.github, &t.azure_devops, &t.entra, &t.acr) {
        _ if t.federation.is_some() => t.federation.as_ref().map(|f| f.headline.clone()).unwrap_or_default(),
        (_, _, Some(_), _) if t.kind == TokenKind::EntraIdToken => {
            let user = t.identity.upn.as_deref().or(t.identity.name.as_deref()).or(t.identity.object_id.as_deref());
            format!("{} signing {} in to app {}", t.label, user.unwrap_or("a user"), t.audience.join(", "))
        }
        (Some(g), ..) => {
            // Appended piece by piece: format! is slow in the wasm, and every GitHub token has this.
            let mut what = String::with_capacity(160);
            what.push_str(t.label);
            what.push_str(" for ");
            what.push_str(g.repository.as_deref().unwrap_or("an unknown repository"));
            what.push_str(" (");
            match (g.subject_form, &g.subject_value) {
                (SubjectForm::PullRequest, _) => what.push_str("pull request"),
                (SubjectForm::Custom, _) => what.push_str("custom subject"),
                (f, value) => {
                    what.push_str(f.as_str());
                    if let Some(v) = value {
                        what.push(' ');
                        what.push_str(v);
                    }
                }
            }
            what.push_str("), audience ");
            for (i, a) in t.audience.iter().enumerate() {
                if i > 0 {
                    what.push_str(", ");
                }
                what.push_str(a);
            }
            what
        }
        (_, Some(a), ..) => match (&a.organization, &a.project, &a.service_connection) {
            (Some(o), Some(p), Some(c)) => format!("{} for service connection {o}/{p}/{c}", t.label),
            _ => format!("{} for service connection {}", t.label, a.service_connection_id.as_deref().unwrap_or("?")),
        },
        (_, _, Some(e), _) => {
            let (who, id) = match e.principal_type {
                PrincipalType::AppOnly => ("app-only, app ", t.identity.app_id.as_deref()),
                PrincipalType::Delegated => ("delegated, user ", t.identity.upn.as_deref().or(t.identity.object_id.as_deref())),
            };
            let mut what = String::with_capacity(128);
            for piece in [t.label, " for ", &e.resource_name, " (", who, id.unwrap_or("?"), ")"] {
                what.push_str(piece);
            }
            what
        }
        (_, _, _, Some(a)) => {
            let registry = a.registry.as_deref().unwrap_or("an unknown registry");
            if a.access.is_empty() {
                format!("{} for {registry}", t.label)
            } else {
                let grants: Vec<String> =
                    a.access.iter().map(|x| format!("{} {}: {}", x.resource_type, x.name, x.actions.join(","))).collect();
                format!("{} for {registry} granting {}", t.label, grants.join("; "))
            }
        }
        _ => match &t.issuer {
            Some(iss) => format!("{} issued by {iss}", t.label),
            None => format!("{} without an issuer", t.label),
        },
    };
    let when = t.times.exp.as_ref().map_or("no expiry", |e| e.relative.as_str());
    // Appended to `what` rather than format!ted anew: one allocation and copy fewer per token.
    let mut summary = what;
    summary.push_str("; ");
    summary.push_str(when);
    summary.push('.');
    summary
}
