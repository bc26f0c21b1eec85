//! The login (and diagnose) state machine. See the module docs of [`crate::login`] for the
//! diagram and the host contract.

use super::challenge::parse_www_authenticate;
use super::classify::{self, audience, claim, Ctx};
use super::config::{is_loopback, AuthType, Cloud, LoginOptions, Plan};
use super::http::{encode, form_body, iso8601, origin, retry_after_ms, seconds_label, HttpRequest, HttpResponse, Method, RequestId, TransportErrorKind};
use super::permissions::{self, PermissionReport};
use super::secret::Secret;
use super::ConfigError;
use crate::diagnose::{Check, CheckKind, CheckStatus, Diagnosis, Finding};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};


/// The user name that tells ACR the password is one of its own tokens.
pub const TOKEN_USERNAME: &str = "00000000-0000-0000-0000-000000000000";
const USER_AGENT: &str = concat!("acr-login/", env!("CARGO_PKG_VERSION"));
/// A GitHub token closer than this to its `exp` is not sent: Entra must see it valid.
const ASSERTION_MARGIN_S: i64 = 30;

/// What the machine wants next. Keep calling [`Login::poll`] until it returns `Wait`, `Done` or
/// `Failed`; `Send` and `Probe` may come several in a row (they run concurrently).
#[derive(Debug)]
pub enum Step {
    /// Perform this request; report with `handle_response` or `handle_transport_error`.
    Send(HttpRequest),
    /// Diagnose mode: resolve or TLS-connect to a host; report with `handle_probe`.
    Probe(Probe),
    /// A credential just became known: mask it (`core.setSecret`) before logging anything else.
    Mask(Secret),
    /// A line for the log (a retry, a wait): never contains a secret.
    Notice(String),
    /// An origin (`https://host[:port]`) the next stage will send to once a pending request
    /// answers: the host may open its connection now, so the TLS handshake overlaps the wait
    /// instead of following it. Only a hint: ignoring it is always correct.
    Preconnect(String),
    /// Nothing to do until a pending request completes or `until_ms` passes (then call
    /// `handle_timeout`).
    Wait { until_ms: Option<i64> },
    Done(Box<Credentials>),
    Failed(Box<Diagnosis>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProbeKind {
    Dns,
    Tls,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub id: RequestId,
    pub kind: ProbeKind,
    pub host: String,
    pub port: u16,
    pub timeout_ms: u64,
}

/// The host's answer to a [`Probe`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProbeResult {
    pub ok: bool,
    /// The host cannot do this probe (a browser cannot resolve names): the check is skipped.
    pub unsupported: bool,
    /// What was seen: addresses, TLS version and certificate subject/issuer, or the error text.
    pub detail: String,
    pub error: Option<TransportErrorKind>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistryCredential {
    pub login_server: String,
    pub username: String,
    /// The ACR refresh token (or the basic password): what docker keeps in `auth`.
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub password: Secret,
    /// Unix seconds; `None` when the credential carries no expiry (basic).
    pub expires_at: Option<i64>,
    pub permissions: Option<PermissionReport>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub auth_type: AuthType,
    pub client_id: Option<String>,
    pub tenant_id: Option<String>,
    pub object_id: Option<String>,
    /// The presented assertion's subject (GitHub: `repo:owner/repo:ref:refs/heads/main`).
    pub subject: Option<String>,
    /// One line for the `identity` output.
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    pub registries: Vec<RegistryCredential>,
    pub identity: Identity,
    /// The earliest expiry among the registries' credentials.
    pub expires_at: Option<i64>,
    /// Every stage as a passed check (plus warnings): the summary's table.
    pub diagnosis: Diagnosis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Login,
    Diagnose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    GithubToken,
    Entra,
    Imds,
    Dns(usize),
    Tls(usize),
    Challenge(usize),
    Exchange(usize),
    AccessToken(usize),
    Basic(usize),
}

impl Purpose {
    fn check_kind(self, auth: AuthType) -> CheckKind {
        match self {
            Purpose::GithubToken => CheckKind::GithubToken,
            Purpose::Entra => CheckKind::EntraToken,
            Purpose::Imds => CheckKind::ImdsToken,
            Purpose::Dns(_) => CheckKind::Dns,
            Purpose::Tls(_) => CheckKind::Tls,
            Purpose::Challenge(_) => CheckKind::Challenge,
            Purpose::Exchange(_) => CheckKind::RefreshToken,
            Purpose::AccessToken(_) => CheckKind::AccessToken,
            Purpose::Basic(_) if auth == AuthType::Basic => CheckKind::BasicCredentials,
            Purpose::Basic(_) => CheckKind::AccessToken,
        }
    }

    fn registry(self) -> Option<usize> {
        match self {
            Purpose::Dns(i) | Purpose::Tls(i) | Purpose::Challenge(i) | Purpose::Exchange(i) | Purpose::AccessToken(i) | Purpose::Basic(i) => Some(i),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct InFlight {
    purpose: Purpose,
    attempt: u32,
    stage_start_ms: i64,
}

#[derive(Debug, Clone, Copy)]
struct Timer {
    at_ms: i64,
    purpose: Purpose,
    attempt: u32,
    stage_start_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Track {
    Running,
    AwaitIdentity,
    Done,
    Failed,
    Skipped,
}

struct Assertion {
    token: Secret,
    claims: Option<Map<String, Value>>,
    expires_s: i64,
    fetched_ms: i64,
}

struct IdentityTrack {
    state: Track,
    assertion: Option<Assertion>,
    entra: Option<(Secret, Option<Map<String, Value>>)>,
    /// An Entra attempt parked while a fresh GitHub token is fetched.
    entra_pending: Option<(u32, i64)>,
    propagation_retries: usize,
    expired_refetches: u32,
    checks: Vec<Check>,
}

struct RegistryTrack {
    host: String,
    state: Track,
    realm: Option<String>,
    service: String,
    basic_challenge: bool,
    refresh: Option<(Secret, Option<Map<String, Value>>)>,
    permissions: Option<PermissionReport>,
    checks: Vec<Check>,
}

/// The login flow. Create with [`Login::new`] (or [`Login::diagnose`]), then drive it.
pub struct Login {
    mode: Mode,
    plan: Plan,
    deadline_ms: i64,
    next_id: RequestId,
    /// Steps not yet polled, oldest first.
    out: Vec<Step>,
    /// (Vec rather than maps: a handful of entries, and map code costs the wasm dearly.)
    inflight: Vec<(RequestId, InFlight)>,
    timers: Vec<Timer>,
    identity: IdentityTrack,
    registries: Vec<RegistryTrack>,
    notices: Vec<String>,
    secrets: Vec<Secret>,
    finished: Option<Step>,
    rng: u64,
}

fn decode_claims(token: &str) -> Option<Map<String, Value>> {
    crate::jwt::decode_jwt(token).ok().map(|d| d.claims)
}

/// A credential field: a non-blank JSON string, nothing else (a number there is a broken answer,
/// not a token to hand to docker).
fn token_field(body: &str, name: &str) -> Option<String> {
    match serde_json::from_str::<Value>(body).ok()?.get(name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// A field that may be a string or an integer (`expires_in` is `"3599"` from Entra v1).
fn json_field(body: &str, name: &str) -> Option<String> {
    match serde_json::from_str::<Value>(body).ok()?.get(name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => n.as_i64().map(|i| i.to_string()),
        _ => None,
    }
}

/// The scheme (lowercase) and `host[:port]` of an absolute http(s) URL whose authority is plain:
/// ASCII letters, digits, `.`, `-`, `:` and IPv6 brackets. Anything else there makes the host
/// checked here differ from the one the host's fetch (a WHATWG URL parser) reaches: user
/// information (`https://x.azurecr.io:1@evil.com`), a backslash (a path separator to it, so
/// `https://evil.com\.azurecr.io` goes to evil.com), percent-escapes, non-ASCII names.
fn plain_authority(url: &str) -> Option<(String, &str)> {
    let o = origin(url)?;
    let (scheme, authority) = o.split_once("://")?;
    let plain = !authority.is_empty()
        && authority.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b':' | b'[' | b']'));
    plain.then(|| (scheme.to_ascii_lowercase(), authority))
}

/// Whether a challenge's realm may receive a credential: an absolute https URL, or plain http on
/// the loopback interface (a local stand-in). Anything else would put the Entra token (valid for
/// every registry the identity can reach) or the password on the wire in clear, or nowhere sane.
fn realm_is_safe(realm: &str) -> bool {
    match plain_authority(realm.trim()) {
        Some((scheme, _)) if scheme == "https" => true,
        // `127.0.0.1.nip.io` or `localhost.example.com` resolve wherever their DNS says.
        Some((scheme, authority)) if scheme == "http" => is_loopback(authority),
        _ => false,
    }
}

/// Whether a realm may receive the Entra token: ACR's token service is on Azure's registry hosts
/// (the registry itself); a local stand-in's, on loopback. A proxy or gateway that rewrites the
/// challenge to point anywhere else gets nothing.
fn realm_may_take_entra_token(registry: &str, realm: &str) -> bool {
    let Some((_, authority)) = plain_authority(realm.trim()) else { return false };
    let host = authority.to_ascii_lowercase();
    if is_loopback(registry) {
        return is_loopback(&host);
    }
    !host.contains(':') && Cloud::from_suffix(&host).is_some()
}

fn host_of(url: &str) -> String {
    origin(url).map(|o| o.split("://").nth(1).unwrap_or(o).to_string()).unwrap_or_else(|| url.to_string())
}

fn minutes(secs: i64) -> String {
    if secs >= 120 {
        format!("{} min", secs / 60)
    } else {
        format!("{secs} s")
    }
}

impl Login {
    /// Starts a login: validates the options (errors name the input) and queues the first
    /// requests. `now_ms` is Unix milliseconds from the host's clock.
    pub fn new(options: &LoginOptions, now_ms: i64) -> Result<Login, ConfigError> {
        Self::with_mode(options, now_ms, Mode::Login)
    }

    /// Starts a diagnose run: every check runs (DNS and TLS probes, decoded tokens, the access
    /// token for `repository` or the catalog, permissions), failures do not stop independent
    /// checks, and the result is always a full [`Diagnosis`].
    pub fn diagnose(options: &LoginOptions, now_ms: i64) -> Result<Login, ConfigError> {
        Self::with_mode(options, now_ms, Mode::Diagnose)
    }

    fn with_mode(options: &LoginOptions, now_ms: i64, mode: Mode) -> Result<Login, ConfigError> {
        let plan = Plan::from_options(options)?;
        let registries = plan
            .registries
            .iter()
            .map(|h| RegistryTrack {
                host: h.clone(),
                state: Track::Running,
                realm: None,
                service: h.clone(),
                basic_challenge: false,
                refresh: None,
                permissions: None,
                checks: Vec::new(),
            })
            .collect();
        let mut login = Login {
            mode,
            deadline_ms: now_ms.saturating_add(plan.budget_ms as i64),
            next_id: 1,
            out: Vec::new(),
            inflight: Vec::new(),
            timers: Vec::new(),
            identity: IdentityTrack {
                state: Track::Running,
                assertion: None,
                entra: None,
                entra_pending: None,
                propagation_retries: 0,
                expired_refetches: 0,
                checks: Vec::new(),
            },
            registries,
            notices: Vec::new(),
            secrets: Vec::new(),
            finished: None,
            rng: plan.jitter_seed ^ 0x9E37_79B9_7F4A_7C15,
            plan,
        };
        login.start(now_ms);
        Ok(login)
    }

    /// Every credential seen so far (inputs and issued tokens), for the host's own redaction.
    pub fn secrets(&self) -> &[Secret] {
        &self.secrets
    }

    pub fn is_finished(&self) -> bool {
        self.finished.is_some() && self.out.is_empty()
    }

    /// The resolved login servers, in order.
    pub fn registries(&self) -> Vec<String> {
        self.registries.iter().map(|r| r.host.clone()).collect()
    }

    pub fn poll(&mut self) -> Step {
        if !self.out.is_empty() {
            return self.out.remove(0);
        }
        match &self.finished {
            Some(Step::Done(c)) => return Step::Done(c.clone()),
            Some(Step::Failed(d)) => return Step::Failed(d.clone()),
            _ => {}
        }
        let next_timer = self.timers.iter().map(|t| t.at_ms).min();
        let until = match next_timer {
            Some(t) => t.min(self.deadline_ms),
            None => self.deadline_ms,
        };
        Step::Wait { until_ms: Some(until) }
    }

    pub fn handle_response(&mut self, id: RequestId, resp: HttpResponse, now_ms: i64) {
        let Some(f) = self.take_inflight(id) else { return };
        if self.finished.is_some() {
            return;
        }
        if matches!(resp.status, 408 | 429 | 500 | 502 | 503 | 504) {
            self.retry_status(f, &resp, now_ms);
            return;
        }
        if f.purpose == Purpose::Imds && matches!(resp.status, 404 | 410) {
            // IMDS says 404 until a just-assigned identity arrives and 410 while it is updated
            // (the Azure SDKs retry both; 410 for a while, so its waits start at 3 s).
            let give_up = self.failure_for(f.purpose, &resp, now_ms);
            let delay = if resp.status == 410 { self.backoff(f.attempt).max(3_000) } else { self.backoff(f.attempt) };
            self.retry(f, delay, now_ms, format!("HTTP {}", resp.status), give_up);
            return;
        }
        if resp.status == 200 && serde_json::from_str::<Value>(&resp.body).is_err() {
            // A truncated or garbled success is a transport blip, not an answer.
            let (what, host, imds) = self.describe(f.purpose);
            let finding = classify::transport_failure(&self.ctx(now_ms), &what, &host, TransportErrorKind::ConnectionReset, "200 with a body that is not JSON", imds)
                .param("httpStatus", "200");
            let delay = self.backoff(f.attempt);
            self.retry(f, delay, now_ms, "malformed response body".into(), finding);
            return;
        }
        match f.purpose {
            Purpose::GithubToken => self.on_github(f, resp, now_ms),
            Purpose::Entra => self.on_entra(f, resp, now_ms),
            Purpose::Imds => self.on_imds(f, resp, now_ms),
            Purpose::Challenge(i) => self.on_challenge(i, f, resp, now_ms),
            Purpose::Exchange(i) => self.on_exchange(i, f, resp, now_ms),
            Purpose::AccessToken(i) => self.on_access(i, f, resp, now_ms),
            Purpose::Basic(i) => self.on_basic(i, f, resp, now_ms),
            Purpose::Dns(_) | Purpose::Tls(_) => {}
        }
    }

    /// No response: `message` is the host's error text (shown redacted as evidence).
    pub fn handle_transport_error(&mut self, id: RequestId, kind: TransportErrorKind, message: &str, now_ms: i64) {
        let Some(f) = self.take_inflight(id) else { return };
        if self.finished.is_some() {
            return;
        }
        let (what, host, imds) = self.describe(f.purpose);
        let finding = classify::transport_failure(&self.ctx(now_ms), &what, &host, kind, message, imds);
        if kind.is_transient() {
            let delay = self.backoff(f.attempt);
            self.retry(f, delay, now_ms, kind.describe().to_string(), finding);
        } else {
            let detail = format!("{}: {}", host, kind.describe());
            self.fail(f, finding, detail, now_ms);
        }
    }

    pub fn handle_probe(&mut self, id: RequestId, result: ProbeResult, now_ms: i64) {
        let Some(f) = self.take_inflight(id) else { return };
        if self.finished.is_some() {
            return;
        }
        let (i, kind) = match f.purpose {
            Purpose::Dns(i) => (i, ProbeKind::Dns),
            Purpose::Tls(i) => (i, ProbeKind::Tls),
            _ => return,
        };
        let host = self.registries[i].host.clone();
        let ck = f.purpose.check_kind(self.plan.auth_type);
        let took = Some((now_ms - f.stage_start_ms).max(0) as u64);
        if result.unsupported {
            self.registries[i].checks.push(Check::new(ck, Some(&host), CheckStatus::Skip, "not available in this host").took(took));
        } else if result.ok {
            self.registries[i].checks.push(Check::new(ck, Some(&host), CheckStatus::Pass, result.detail.clone()).took(took));
        } else {
            let err = result.error.unwrap_or(match kind {
                ProbeKind::Dns => TransportErrorKind::Dns,
                ProbeKind::Tls => TransportErrorKind::Tls,
            });
            let finding = classify::transport_failure(&self.ctx(now_ms), &format!("Registry {host}"), &host, err, &result.detail, false);
            self.fail(f, finding, result.detail.clone(), now_ms);
            return;
        }
        match kind {
            ProbeKind::Dns => self.send(Purpose::Tls(i), 0, now_ms, now_ms),
            ProbeKind::Tls => self.send(Purpose::Challenge(i), 0, now_ms, now_ms),
        }
    }

    /// Call when the `until_ms` of a `Wait` has passed: fires due retries, enforces the budget.
    pub fn handle_timeout(&mut self, now_ms: i64) {
        if self.finished.is_some() {
            return;
        }
        let (due, later): (Vec<Timer>, Vec<Timer>) = self.timers.drain(..).partition(|t| t.at_ms <= now_ms);
        self.timers = later;
        for t in due {
            self.send(t.purpose, t.attempt, t.stage_start_ms, now_ms);
        }
        if now_ms >= self.deadline_ms && self.finished.is_none() {
            let budget = self.plan.budget_ms / 1000;
            let pending: Vec<InFlight> = self
                .inflight
                .iter()
                .map(|(_, f)| *f)
                .chain(self.timers.iter().map(|t| InFlight { purpose: t.purpose, attempt: t.attempt, stage_start_ms: t.stage_start_ms }))
                .collect();
            self.inflight.clear();
            self.timers.clear();
            for f in pending {
                if self.finished.is_some() {
                    break;
                }
                let (what, host, _) = self.describe(f.purpose);
                let finding = Finding::known("AL044")
                    .explain(format!("{what} did not complete within the overall time budget of {budget} s."))
                    .fix("Check the network path to the endpoint; raise the `timeout` input if the network is just slow.")
                    .param("host", host.clone());
                self.fail(f, finding, format!("{host}: no answer within the {budget} s budget"), now_ms);
            }
        }
    }

    // ---- internals -------------------------------------------------------------------------

    fn take_inflight(&mut self, id: RequestId) -> Option<InFlight> {
        let i = self.inflight.iter().position(|(k, _)| *k == id)?;
        Some(self.inflight.remove(i).1)
    }

    fn ctx(&self, now_ms: i64) -> Ctx<'_> {
        Ctx {
            plan: &self.plan,
            assertion: self.identity.assertion.as_ref().and_then(|a| a.claims.as_ref()),
            entra: self.identity.entra.as_ref().and_then(|e| e.1.as_ref()),
            secrets: &self.secrets,
            now_s: now_ms.div_euclid(1000),
        }
    }

    /// (what, host, is-IMDS) for messages about a purpose.
    fn describe(&self, p: Purpose) -> (String, String, bool) {
        match p {
            Purpose::GithubToken => {
                let url = self.plan.id_token_request_url.clone().unwrap_or_default();
                ("GitHub's OIDC token endpoint".into(), host_of(&url), false)
            }
            Purpose::Entra => ("Entra ID's token endpoint".into(), host_of(&self.plan.authority_host), false),
            Purpose::Imds => ("The managed identity endpoint (IMDS)".into(), host_of(&self.plan.imds_endpoint), true),
            Purpose::Dns(i) | Purpose::Tls(i) | Purpose::Challenge(i) => {
                let h = self.registries[i].host.clone();
                (format!("Registry {h}"), h, false)
            }
            Purpose::Exchange(i) | Purpose::AccessToken(i) | Purpose::Basic(i) => {
                let r = &self.registries[i];
                let h = r.realm.as_deref().map(host_of).unwrap_or_else(|| r.host.clone());
                (format!("The token service of {}", r.host), h, false)
            }
        }
    }

    fn learn_secret(&mut self, s: &Secret) {
        if s.is_empty() || self.secrets.contains(s) {
            return;
        }
        self.secrets.push(s.clone());
        self.out.push(Step::Mask(s.clone()));
    }

    fn preconnect(&mut self, url: &str) {
        if let Some(o) = origin(url) {
            self.out.push(Step::Preconnect(o.to_string()));
        }
    }

    fn notice(&mut self, text: String) {
        self.notices.push(text.clone());
        self.out.push(Step::Notice(text));
    }

    fn start(&mut self, now: i64) {
        let given: Vec<Secret> = [&self.plan.client_secret, &self.plan.password, &self.plan.id_token_request_token, &self.plan.federated_token]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        for s in &given {
            self.learn_secret(s);
        }
        match self.plan.auth_type {
            AuthType::Oidc => {
                if self.plan.id_token_request_url.is_none() || self.plan.id_token_request_token.is_none() {
                    let f = InFlight { purpose: Purpose::GithubToken, attempt: 0, stage_start_ms: now };
                    self.fail(f, classify::missing_oidc_env(), "ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN not set".into(), now);
                } else {
                    self.send(Purpose::GithubToken, 0, now, now);
                }
            }
            AuthType::ClientSecret => self.send(Purpose::Entra, 0, now, now),
            AuthType::WorkloadIdentity => {
                let token = self.plan.federated_token.clone().unwrap_or_default();
                let claims = decode_claims(token.expose());
                let exp = claims.as_ref().and_then(|c| c.get("exp")).and_then(Value::as_i64).unwrap_or(i64::MAX);
                let detail = self.assertion_detail(claims.as_ref(), now);
                let status = if exp <= now / 1000 { CheckStatus::Warn } else { CheckStatus::Pass };
                self.identity.checks.push(Check::new(CheckKind::FederatedToken, None, status, detail).took(Some(0)));
                // The file is rotated by the platform; whatever it holds now is what there is.
                self.identity.assertion = Some(Assertion { token, claims, expires_s: i64::MAX, fetched_ms: now });
                self.send(Purpose::Entra, 0, now, now);
            }
            AuthType::ManagedIdentity => self.send(Purpose::Imds, 0, now, now),
            AuthType::Basic => self.identity.state = Track::Done,
        }
        for i in 0..self.registries.len() {
            if self.finished.is_some() {
                break;
            }
            match self.mode {
                Mode::Diagnose => self.send(Purpose::Dns(i), 0, now, now),
                Mode::Login => self.send(Purpose::Challenge(i), 0, now, now),
            }
        }
        // Entra is next once the GitHub token is in: hinted after the first requests, which go first.
        if self.plan.auth_type == AuthType::Oidc && self.finished.is_none() {
            let entra = self.plan.authority_host.clone();
            self.preconnect(&entra);
        }
    }

    fn assertion_detail(&self, claims: Option<&Map<String, Value>>, now_ms: i64) -> String {
        let Some(c) = claims else {
            return "not a decodable JWT".to_string();
        };
        let iss = claim(Some(c), "iss").unwrap_or("?");
        let sub = claim(Some(c), "sub").unwrap_or("?");
        let aud = audience(Some(c)).unwrap_or_else(|| "?".into());
        let exp = c.get("exp").and_then(Value::as_i64);
        let life = exp.map(|e| e - now_ms / 1000).map(|l| if l > 0 { format!(", valid {}", minutes(l)) } else { format!(", EXPIRED {} ago", minutes(-l)) });
        let mut s = format!("iss `{iss}`, sub `{sub}`, aud `{aud}`{}", life.unwrap_or_default());
        if aud != self.plan.audience {
            s.push_str(&format!(" (expected aud `{}`)", self.plan.audience));
        }
        s
    }

    fn jitter(&mut self, ms: u64) -> u64 {
        // xorshift64*: deterministic per seed, enough to spread parallel jobs apart.
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        let r = self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D);
        if self.plan.jitter_seed == 0 {
            return ms;
        }
        ms + r % (ms / 4 + 1)
    }

    fn backoff(&mut self, attempt: u32) -> u64 {
        let r = &self.plan.retry;
        let base = r.base_delay_ms.saturating_mul(1u64 << attempt.min(16)).min(r.max_delay_ms);
        self.jitter(base)
    }

    fn retry_status(&mut self, f: InFlight, resp: &HttpResponse, now: i64) {
        let (what, _, _) = self.describe(f.purpose);
        let ra = resp.header("retry-after").and_then(|v| retry_after_ms(v, now));
        let ctx = self.ctx(now);
        let attempts = f.attempt + 1;
        let give_up = if resp.status == 429 {
            classify::throttled(&ctx, &what, resp, attempts)
        } else {
            self.failure_for(f.purpose, resp, now).param("attempts", attempts.to_string())
        };
        if resp.status == 429 {
            if let Some(ra) = ra {
                if ra > self.plan.retry.max_retry_after_ms {
                    let detail = format!("429, Retry-After {} s exceeds the {} s cap", ra / 1000, self.plan.retry.max_retry_after_ms / 1000);
                    self.fail(f, give_up, detail, now);
                    return;
                }
            }
        }
        let delay = match ra {
            Some(ra) if matches!(resp.status, 429 | 503) => ra.max(self.plan.retry.base_delay_ms.min(1000)),
            _ => self.backoff(f.attempt),
        };
        self.retry(f, delay, now, format!("HTTP {}", resp.status), give_up);
    }

    /// The purpose-specific finding for a non-success response.
    fn failure_for(&self, p: Purpose, resp: &HttpResponse, now: i64) -> Finding {
        let ctx = self.ctx(now);
        match p {
            Purpose::GithubToken => classify::github_failure(&ctx, resp),
            Purpose::Entra => classify::entra_failure(&ctx, resp),
            Purpose::Imds => classify::imds_failure(&ctx, resp),
            Purpose::Dns(i) | Purpose::Tls(i) | Purpose::Challenge(i) => classify::challenge_failure(&ctx, &self.registries[i].host, resp),
            Purpose::Exchange(i) => classify::exchange_failure(&ctx, &self.registries[i].host, resp),
            Purpose::AccessToken(i) => {
                let r = &self.registries[i];
                classify::access_failure(&ctx, &r.host, resp, r.refresh.as_ref().and_then(|x| x.1.as_ref()))
            }
            Purpose::Basic(i) => classify::basic_failure(&ctx, &self.registries[i].host, resp),
        }
    }

    fn retry(&mut self, f: InFlight, delay_ms: u64, now: i64, reason: String, give_up: Finding) {
        let max = self.plan.retry.max_attempts.max(1);
        let at = now.saturating_add(delay_ms as i64);
        let (what, host, _) = self.describe(f.purpose);
        if f.attempt + 1 < max && at < self.deadline_ms {
            self.timers.push(Timer { at_ms: at, purpose: f.purpose, attempt: f.attempt + 1, stage_start_ms: f.stage_start_ms });
            self.notice(format!("{what}: {reason}; retrying in {} (attempt {} of {max})", seconds_label(delay_ms), f.attempt + 2));
        } else {
            let why = if f.attempt + 1 >= max { format!("gave up after {} attempts", f.attempt + 1) } else { "no time left in the budget".to_string() };
            let give_up = give_up.param("attempts", (f.attempt + 1).to_string());
            self.fail(f, give_up, format!("{host}: {reason}; {why}"), now);
        }
    }

    /// A token fetched this very moment is as fresh as it gets, whatever its `exp` says.
    fn assertion_fresh(&self, now: i64) -> bool {
        self.identity.assertion.as_ref().is_some_and(|a| a.fetched_ms >= now || a.expires_s - ASSERTION_MARGIN_S > now / 1000)
    }

    fn send(&mut self, purpose: Purpose, attempt: u32, stage_start_ms: i64, now: i64) {
        if self.finished.is_some() {
            return;
        }
        let p = &self.plan;
        let remaining = (self.deadline_ms - now).max(1) as u64;
        let timeout_ms = p.timeout_ms.min(remaining);
        let json = ("Accept".to_string(), "application/json".to_string());
        let ua = ("User-Agent".to_string(), USER_AGENT.to_string());
        let form_ct = ("Content-Type".to_string(), "application/x-www-form-urlencoded".to_string());
        let (method, url, headers, body) = match purpose {
            Purpose::GithubToken => {
                let base = p.id_token_request_url.clone().unwrap_or_default();
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}audience={}", encode(&p.audience));
                let auth = format!("bearer {}", p.id_token_request_token.as_ref().map(|s| s.expose()).unwrap_or(""));
                (Method::Get, url, vec![("Authorization".to_string(), auth), json, ua], None)
            }
            Purpose::Entra => {
                if p.auth_type == AuthType::Oidc && !self.assertion_fresh(now) {
                    // Never present a GitHub token Entra may see as expired: fetch a new one, then
                    // come back with this same attempt.
                    if self.identity.assertion.is_some() {
                        self.notice("The GitHub OIDC token is too old to present again; fetching a fresh one".into());
                    }
                    self.identity.assertion = None;
                    self.identity.entra_pending = Some((attempt, stage_start_ms));
                    self.send(Purpose::GithubToken, 0, now, now);
                    return;
                }
                let url = format!("{}/{}/oauth2/v2.0/token", p.authority_host, encode(p.tenant_id.as_deref().unwrap_or("")));
                let client_id = p.client_id.clone().unwrap_or_default();
                let mut fields: Vec<(&str, String)> = vec![("client_id", client_id), ("scope", p.scope.clone()), ("grant_type", "client_credentials".into())];
                match p.auth_type {
                    AuthType::ClientSecret => fields.push(("client_secret", p.client_secret.as_ref().map(|s| s.expose().to_string()).unwrap_or_default())),
                    _ => {
                        let a = self.identity.assertion.as_ref().map(|a| a.token.expose().to_string()).unwrap_or_default();
                        fields.push(("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into()));
                        fields.push(("client_assertion", a));
                    }
                }
                let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                (Method::Post, url, vec![form_ct, json, ua], Some(form_body(&f)))
            }
            Purpose::Imds => {
                let mut url = format!(
                    "{}/metadata/identity/oauth2/token?api-version=2018-02-01&resource={}",
                    p.imds_endpoint,
                    encode(&p.imds_resource())
                );
                if let Some(c) = &p.client_id {
                    url.push_str(&format!("&client_id={}", encode(c)));
                }
                (Method::Get, url, vec![("Metadata".to_string(), "true".to_string()), json, ua], None)
            }
            Purpose::Dns(i) | Purpose::Tls(i) => {
                let host = &self.registries[i].host;
                let (name, port) = match host.rsplit_once(':') {
                    Some((h, port)) if !h.ends_with(']') || host.starts_with('[') => (h.to_string(), port.parse().unwrap_or(443)),
                    _ => (host.clone(), 443),
                };
                let kind = if matches!(purpose, Purpose::Dns(_)) { ProbeKind::Dns } else { ProbeKind::Tls };
                let id = self.next_id;
                self.next_id += 1;
                self.inflight.push((id, InFlight { purpose, attempt, stage_start_ms }));
                self.out.push(Step::Probe(Probe { id, kind, host: name, port, timeout_ms }));
                return;
            }
            Purpose::Challenge(i) => {
                let url = format!("https://{}/v2/", self.registries[i].host);
                (Method::Get, url, vec![json, ua], None)
            }
            Purpose::Exchange(i) => {
                let r = &self.registries[i];
                let realm = r.realm.clone().unwrap_or_else(|| format!("https://{}/oauth2/token", r.host));
                let url = format!("{}/oauth2/exchange", origin(&realm).unwrap_or(&realm));
                let token = self.identity.entra.as_ref().map(|e| e.0.expose().to_string()).unwrap_or_default();
                // ACR wants the tenant ID; the input may be a domain (`contoso.onmicrosoft.com`),
                // while the token's `tid` is always the ID.
                let tid = self.identity.entra.as_ref().and_then(|e| claim(e.1.as_ref(), "tid")).map(String::from);
                let tenant = tid.or_else(|| p.tenant_id.clone());
                let mut fields: Vec<(&str, &str)> = vec![("grant_type", "access_token"), ("service", &r.service)];
                if let Some(t) = &tenant {
                    fields.push(("tenant", t));
                }
                fields.push(("access_token", &token));
                (Method::Post, url, vec![form_ct, json, ua], Some(form_body(&fields)))
            }
            Purpose::AccessToken(i) => {
                let r = &self.registries[i];
                let url = r.realm.clone().unwrap_or_else(|| format!("https://{}/oauth2/token", r.host));
                let scope = self.access_scope();
                let refresh = r.refresh.as_ref().map(|x| x.0.expose().to_string()).unwrap_or_default();
                let body = form_body(&[("grant_type", "refresh_token"), ("service", &r.service), ("scope", &scope), ("refresh_token", &refresh)]);
                (Method::Post, url, vec![form_ct, json, ua], Some(body))
            }
            Purpose::Basic(i) => {
                let r = &self.registries[i];
                let user = p.username.clone().unwrap_or_default();
                let pass = p.password.as_ref().map(|s| s.expose().to_string()).unwrap_or_default();
                let auth = format!("Basic {}", crate::b64::encode(format!("{user}:{pass}").as_bytes()));
                let url = match (&r.realm, r.basic_challenge) {
                    (Some(realm), false) => {
                        let sep = if realm.contains('?') { '&' } else { '?' };
                        let mut u = format!("{realm}{sep}service={}", encode(&r.service));
                        if p.repository.is_some() {
                            u.push_str(&format!("&scope={}", encode(&self.access_scope())));
                        }
                        u
                    }
                    _ => format!("https://{}/v2/", r.host),
                };
                (Method::Get, url, vec![("Authorization".to_string(), auth), json, ua], None)
            }
        };
        let id = self.next_id;
        self.next_id += 1;
        self.inflight.push((id, InFlight { purpose, attempt, stage_start_ms }));
        self.out.push(Step::Send(HttpRequest { id, method, url, headers, body, timeout_ms }));
    }

    fn access_scope(&self) -> String {
        match &self.plan.repository {
            Some(repo) => permissions::scope(repo, &self.plan.actions),
            None => "registry:catalog:*".to_string(),
        }
    }

    fn took(f: &InFlight, now: i64) -> Option<u64> {
        Some((now - f.stage_start_ms).max(0) as u64)
    }

    /// Records a passed (or warned) check for a purpose, replacing an earlier one of that kind.
    fn pass(&mut self, f: &InFlight, status: CheckStatus, detail: String, now: i64) {
        self.pass_kind(f, f.purpose.check_kind(self.plan.auth_type), status, detail, None, now);
    }

    fn pass_kind(&mut self, f: &InFlight, kind: CheckKind, status: CheckStatus, detail: String, finding: Option<Finding>, now: i64) {
        let reg = f.purpose.registry();
        let host = reg.map(|i| self.registries[i].host.clone());
        let mut c = Check::new(kind, host.as_deref(), status, detail).took(Self::took(f, now));
        c.finding = finding;
        let checks = match reg {
            Some(i) => &mut self.registries[i].checks,
            None => &mut self.identity.checks,
        };
        checks.retain(|x| x.kind != kind);
        checks.push(c);
    }

    fn fail(&mut self, f: InFlight, finding: Finding, detail: String, now: i64) {
        let kind = f.purpose.check_kind(self.plan.auth_type);
        self.fail_kind(f, kind, finding, detail, now);
    }

    fn fail_kind(&mut self, f: InFlight, kind: CheckKind, finding: Finding, detail: String, now: i64) {
        self.pass_kind(&f, kind, CheckStatus::Fail, detail, Some(finding), now);
        match f.purpose.registry() {
            Some(i) => self.registries[i].state = Track::Failed,
            None => {
                self.identity.state = Track::Failed;
                self.identity.entra_pending = None;
            }
        }
        if self.mode == Mode::Login {
            self.finish(now);
        } else {
            if f.purpose.registry().is_none() {
                for i in 0..self.registries.len() {
                    if self.registries[i].state == Track::AwaitIdentity {
                        self.skip_rest(i);
                    }
                }
            }
            self.maybe_finish(now);
        }
    }

    /// Diagnose mode: the registry's remaining checks cannot run.
    fn skip_rest(&mut self, i: usize) {
        let host = self.registries[i].host.clone();
        let why = "skipped: the identity has no Entra token";
        for kind in [CheckKind::RefreshToken, CheckKind::AccessToken, CheckKind::Permissions] {
            if kind == CheckKind::Permissions && self.plan.repository.is_none() {
                continue;
            }
            self.registries[i].checks.push(Check::new(kind, Some(&host), CheckStatus::Skip, why));
        }
        self.registries[i].state = Track::Skipped;
    }

    fn registry_done(&mut self, i: usize, now: i64) {
        self.registries[i].state = Track::Done;
        self.maybe_finish(now);
    }

    fn maybe_finish(&mut self, now: i64) {
        let terminal = |t: Track| matches!(t, Track::Done | Track::Failed | Track::Skipped);
        if terminal(self.identity.state) && self.registries.iter().all(|r| terminal(r.state)) {
            self.finish(now);
        }
    }

    fn all_checks(&self) -> Vec<Check> {
        self.identity.checks.iter().chain(self.registries.iter().flat_map(|r| r.checks.iter())).cloned().collect()
    }

    fn finish(&mut self, _now: i64) {
        if self.finished.is_some() {
            return;
        }
        // Requests still queued are moot; credentials already learnt must still be masked.
        self.out.retain(|s| matches!(s, Step::Mask(_) | Step::Notice(_)));
        self.inflight.clear();
        self.timers.clear();
        let diagnosis = Diagnosis::from_checks(self.all_checks(), self.notices.clone());
        let failed = !diagnosis.ok || self.registries.iter().any(|r| r.state != Track::Done) || self.identity.state == Track::Failed;
        if failed {
            self.finished = Some(Step::Failed(Box::new(diagnosis)));
            return;
        }
        let basic = self.plan.auth_type == AuthType::Basic;
        let registries: Vec<RegistryCredential> = self
            .registries
            .iter()
            .map(|r| RegistryCredential {
                login_server: r.host.clone(),
                username: if basic { self.plan.username.clone().unwrap_or_default() } else { TOKEN_USERNAME.to_string() },
                password: if basic { self.plan.password.clone().unwrap_or_default() } else { r.refresh.as_ref().map(|x| x.0.clone()).unwrap_or_default() },
                expires_at: r.refresh.as_ref().and_then(|x| x.1.as_ref()).and_then(|c| c.get("exp")).and_then(Value::as_i64),
                permissions: r.permissions.clone(),
            })
            .collect();
        let expires_at = registries.iter().filter_map(|r| r.expires_at).min();
        let identity = self.identity_summary();
        self.finished = Some(Step::Done(Box::new(Credentials { registries, identity, expires_at, diagnosis })));
    }

    fn identity_summary(&self) -> Identity {
        let entra = self.identity.entra.as_ref().and_then(|e| e.1.as_ref());
        let assertion = self.identity.assertion.as_ref().and_then(|a| a.claims.as_ref());
        let client_id = claim(entra, "appid").or(claim(entra, "azp")).map(String::from).or(self.plan.client_id.clone());
        let tenant_id = claim(entra, "tid").map(String::from).or(self.plan.tenant_id.clone());
        let object_id = claim(entra, "oid").map(String::from);
        let subject = claim(assertion, "sub").map(String::from);
        let summary = match self.plan.auth_type {
            AuthType::Basic => format!("basic user {}", self.plan.username.clone().unwrap_or_default()),
            t => {
                let mut s = format!("{} app {}", t.as_str(), client_id.clone().unwrap_or_else(|| "(system-assigned)".into()));
                if let Some(o) = &object_id {
                    s.push_str(&format!(" (object {o})"));
                }
                if let Some(tid) = &tenant_id {
                    s.push_str(&format!(" in tenant {tid}"));
                }
                if let Some(sub) = &subject {
                    s.push_str(&format!(" as {sub}"));
                }
                s
            }
        };
        Identity { auth_type: self.plan.auth_type, client_id, tenant_id, object_id, subject, summary }
    }

    // ---- response handlers -----------------------------------------------------------------

    fn on_github(&mut self, f: InFlight, resp: HttpResponse, now: i64) {
        if resp.status != 200 {
            let finding = self.failure_for(f.purpose, &resp, now);
            self.fail(f, finding, format!("HTTP {}", resp.status), now);
            return;
        }
        let Some(token) = token_field(&resp.body, "value") else {
            let finding = classify::github_bad_body(&self.ctx(now), &resp);
            self.fail(f, finding, "200 without `value`".into(), now);
            return;
        };
        let token = Secret::new(token);
        self.learn_secret(&token);
        let claims = decode_claims(token.expose());
        // GitHub's tokens live 5 minutes; an undecodable one gets that much, counted from now.
        let expires_s = claims.as_ref().and_then(|c| c.get("exp")).and_then(Value::as_i64).unwrap_or(now / 1000 + 300);
        let detail = match self.mode {
            Mode::Diagnose => self.assertion_detail(claims.as_ref(), now),
            Mode::Login => format!("subject `{}`", claim(claims.as_ref(), "sub").unwrap_or("?")),
        };
        let aud_ok = audience(claims.as_ref()).is_none_or(|a| a == self.plan.audience);
        self.identity.assertion = Some(Assertion { token, claims, expires_s, fetched_ms: now });
        self.pass(&f, if aud_ok { CheckStatus::Pass } else { CheckStatus::Warn }, detail, now);
        let (attempt, start) = self.identity.entra_pending.take().unwrap_or((0, now));
        self.send(Purpose::Entra, attempt, start, now);
    }

    fn entra_success(&mut self, f: InFlight, token: Secret, expires_in: Option<i64>, now: i64) {
        self.learn_secret(&token);
        let claims = decode_claims(token.expose());
        let aud = audience(claims.as_ref()).unwrap_or_else(|| "?".into());
        let tid = claim(claims.as_ref(), "tid").unwrap_or("?").to_string();
        let app = claim(claims.as_ref(), "appid").or(claim(claims.as_ref(), "azp")).unwrap_or("?").to_string();
        let exp = claims.as_ref().and_then(|c| c.get("exp")).and_then(Value::as_i64).or(expires_in.map(|e| now / 1000 + e));
        let arm = aud.contains("management.");
        let mut detail = format!("aud `{aud}`, tenant `{tid}`, app `{app}`");
        if let Some(e) = exp {
            detail.push_str(&format!(", expires {}", iso8601(e)));
        }
        if arm {
            detail.push_str(" (ARM audience: refused by registries with authentication-as-arm disabled)");
        }
        self.identity.entra = Some((token, claims));
        self.pass(&f, if arm { CheckStatus::Warn } else { CheckStatus::Pass }, detail, now);
        self.identity.state = Track::Done;
        for i in 0..self.registries.len() {
            if self.registries[i].state == Track::AwaitIdentity {
                self.registries[i].state = Track::Running;
                self.send(Purpose::Exchange(i), 0, now, now);
            }
        }
        self.maybe_finish(now);
    }

    fn on_entra(&mut self, f: InFlight, resp: HttpResponse, now: i64) {
        if resp.status == 200 {
            if let Some(t) = token_field(&resp.body, "access_token") {
                let expires_in = json_field(&resp.body, "expires_in").and_then(|v| v.parse().ok());
                self.entra_success(f, Secret::new(t), expires_in, now);
                return;
            }
        }
        let err = classify::parse_entra_error(&resp.body);
        let code = err.codes.first().copied();
        let federated = matches!(self.plan.auth_type, AuthType::Oidc | AuthType::WorkloadIdentity);
        if code == Some(70021) && federated {
            let n = self.identity.propagation_retries;
            if let Some(&delay) = self.plan.retry.propagation_delays_ms.get(n) {
                if now + (delay as i64) < self.deadline_ms {
                    self.identity.propagation_retries += 1;
                    let total = self.plan.retry.propagation_delays_ms.len();
                    self.notice(format!(
                        "AADSTS70021: no federated credential matches yet. A credential created in the last few minutes may not have propagated: retrying in {} s ({} of {total})",
                        delay / 1000,
                        n + 1
                    ));
                    self.timers.push(Timer { at_ms: now + delay as i64, purpose: Purpose::Entra, attempt: f.attempt, stage_start_ms: f.stage_start_ms });
                    return;
                }
            }
        }
        if code == Some(700024) && self.plan.auth_type == AuthType::Oidc && self.identity.expired_refetches == 0 {
            self.identity.expired_refetches += 1;
            self.identity.assertion = None;
            self.notice("AADSTS700024: Entra saw the GitHub OIDC token as expired; fetching a fresh one and retrying once".into());
            self.send(Purpose::Entra, f.attempt, f.stage_start_ms, now);
            return;
        }
        let finding = self.failure_for(f.purpose, &resp, now);
        let detail = match code {
            Some(c) => format!("HTTP {}, AADSTS{c}", resp.status),
            None => format!("HTTP {}", resp.status),
        };
        self.fail(f, finding, detail, now);
    }

    fn on_imds(&mut self, f: InFlight, resp: HttpResponse, now: i64) {
        if resp.status == 200 {
            if let Some(t) = token_field(&resp.body, "access_token") {
                // IMDS gives `expires_on` (absolute, as a string) rather than `expires_in`.
                let expires_in = json_field(&resp.body, "expires_on").and_then(|v| v.parse::<i64>().ok()).map(|on| on - now / 1000);
                self.entra_success(f, Secret::new(t), expires_in, now);
                return;
            }
        }
        let finding = self.failure_for(f.purpose, &resp, now);
        self.fail(f, finding, format!("HTTP {}", resp.status), now);
    }

    fn on_challenge(&mut self, i: usize, f: InFlight, resp: HttpResponse, now: i64) {
        let host = self.registries[i].host.clone();
        let basic = self.plan.auth_type == AuthType::Basic;
        match resp.status {
            401 => {
                // Each header line apart, as Node's `rawHeaders` hand them over: one list of challenges.
                let lines: Vec<&str> = resp.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("www-authenticate")).map(|(_, v)| v.as_str()).collect();
                let ch = parse_www_authenticate(&lines.join(", "));
                match ch {
                    Some(c) if c.is_bearer() && c.realm.as_deref().is_some_and(|r| !realm_is_safe(r)) => {
                        let realm = c.realm.clone().unwrap_or_default();
                        let finding = classify::unsafe_realm(&host, &realm);
                        self.fail(f, finding, format!("401 Bearer realm `{realm}` is not a plain https URL"), now);
                        return;
                    }
                    Some(c) if !basic && c.is_bearer() && c.realm.as_deref().is_some_and(|r| !realm_may_take_entra_token(&host, r)) => {
                        let realm = c.realm.clone().unwrap_or_default();
                        let finding = classify::foreign_realm(&host, &realm);
                        self.fail(f, finding, format!("401 Bearer realm `{realm}` is not an Azure registry"), now);
                        return;
                    }
                    Some(c) if c.is_bearer() && c.realm.is_some() => {
                        let realm = c.realm.clone().unwrap_or_default();
                        let service = c.service.clone().unwrap_or_else(|| host.clone());
                        let detail = format!("401 Bearer realm `{realm}`, service `{service}`");
                        let r = &mut self.registries[i];
                        r.realm = Some(realm);
                        r.service = service;
                        self.pass(&f, CheckStatus::Pass, detail, now);
                    }
                    Some(c) if basic && !c.is_bearer() => {
                        self.registries[i].basic_challenge = true;
                        self.pass(&f, CheckStatus::Pass, format!("401 {}", c.scheme), now);
                    }
                    Some(c) => {
                        let finding = classify::not_bearer(&host, &c.scheme);
                        self.fail(f, finding, format!("401 {} without a usable realm", c.scheme), now);
                        return;
                    }
                    None => {
                        let finding = self.failure_for(f.purpose, &resp, now);
                        self.fail(f, finding, "401 without WWW-Authenticate".into(), now);
                        return;
                    }
                }
            }
            200 => {
                self.pass(&f, CheckStatus::Warn, "200 without credentials: the registry allows anonymous access".into(), now);
                if basic {
                    self.registry_done(i, now);
                    return;
                }
            }
            _ => {
                let finding = self.failure_for(f.purpose, &resp, now);
                self.fail(f, finding, format!("HTTP {}", resp.status), now);
                return;
            }
        }
        if basic {
            if self.plan.verify_basic || self.mode == Mode::Diagnose {
                self.send(Purpose::Basic(i), 0, now, now);
            } else {
                self.registry_done(i, now);
            }
            return;
        }
        match self.identity.state {
            Track::Done => self.send(Purpose::Exchange(i), 0, now, now),
            Track::Failed | Track::Skipped => {
                self.skip_rest(i);
                self.maybe_finish(now);
            }
            _ => {
                self.registries[i].state = Track::AwaitIdentity;
                // ACR's realm is the registry itself, whose challenge connection the host can
                // keep; a separate realm origin (other registries, the stand-in) is worth opening.
                let r = &self.registries[i];
                if let Some(realm) = r.realm.clone().filter(|u| origin(u) != Some(&format!("https://{}", r.host))) {
                    self.preconnect(&realm);
                }
            }
        }
    }

    fn on_exchange(&mut self, i: usize, f: InFlight, resp: HttpResponse, now: i64) {
        if resp.status == 200 {
            if let Some(t) = token_field(&resp.body, "refresh_token") {
                let token = Secret::new(t);
                self.learn_secret(&token);
                let claims = decode_claims(token.expose());
                let exp = claims.as_ref().and_then(|c| c.get("exp")).and_then(Value::as_i64);
                let detail = match exp {
                    Some(e) => format!("refresh token valid until {} ({})", iso8601(e), minutes(e - now / 1000)),
                    None => "refresh token issued".to_string(),
                };
                self.registries[i].refresh = Some((token, claims));
                self.pass(&f, CheckStatus::Pass, detail, now);
                if self.plan.repository.is_some() || self.mode == Mode::Diagnose {
                    self.send(Purpose::AccessToken(i), 0, now, now);
                } else {
                    self.registry_done(i, now);
                }
                return;
            }
        }
        let finding = if resp.status == 404 {
            let realm = self.registries[i].realm.clone().unwrap_or_default();
            classify::exchange_not_found(&self.registries[i].host, &format!("{}/oauth2/exchange", origin(&realm).unwrap_or(&realm)))
        } else {
            self.failure_for(f.purpose, &resp, now)
        };
        self.fail(f, finding, format!("HTTP {}", resp.status), now);
    }

    fn on_access(&mut self, i: usize, f: InFlight, resp: HttpResponse, now: i64) {
        let token = (resp.status == 200).then(|| token_field(&resp.body, "access_token")).flatten();
        let Some(token) = token else {
            let finding = self.failure_for(f.purpose, &resp, now);
            self.fail(f, finding, format!("HTTP {}", resp.status), now);
            return;
        };
        let token = Secret::new(token);
        self.learn_secret(&token);
        let claims = decode_claims(token.expose()).unwrap_or_default();
        self.pass(&f, CheckStatus::Pass, format!("access token for `{}`", self.access_scope()), now);
        self.analyze_permissions(i, f, &claims, now);
    }

    fn analyze_permissions(&mut self, i: usize, f: InFlight, claims: &Map<String, Value>, now: i64) {
        let host = self.registries[i].host.clone();
        match self.plan.repository.clone() {
            Some(repo) => {
                let report = permissions::analyze(claims, &repo, &self.plan.actions);
                let asked = self.plan.actions.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(",");
                let granted = if report.granted.is_empty() { "nothing".to_string() } else { report.granted.join(",") };
                let detail = format!("`{repo}`: asked {asked}, granted {granted}");
                let ok = report.ok();
                self.registries[i].permissions = Some(report.clone());
                let at = InFlight { stage_start_ms: now, ..f };
                if ok {
                    self.pass_kind(&at, CheckKind::Permissions, CheckStatus::Pass, detail, None, now);
                    self.registry_done(i, now);
                } else {
                    let finding = classify::permissions_missing(&self.ctx(now), &host, &report);
                    self.fail_kind(at, CheckKind::Permissions, finding, detail, now);
                }
            }
            None => {
                if self.mode == Mode::Diagnose && self.plan.auth_type != AuthType::Basic {
                    let at = InFlight { stage_start_ms: now, ..f };
                    if permissions::has_catalog(claims) {
                        self.pass_kind(&at, CheckKind::Permissions, CheckStatus::Pass, "may list the catalog (registry:catalog:*)".into(), None, now);
                    } else {
                        self.pass_kind(
                            &at,
                            CheckKind::Permissions,
                            CheckStatus::Warn,
                            "no catalog permission (normal for repository-scoped ABAC roles); give `repository` and `actions` to check a repository".into(),
                            None,
                            now,
                        );
                    }
                }
                self.registry_done(i, now);
            }
        }
    }

    fn on_basic(&mut self, i: usize, f: InFlight, resp: HttpResponse, now: i64) {
        if resp.status != 200 {
            let finding = self.failure_for(f.purpose, &resp, now);
            self.fail(f, finding, format!("HTTP {}", resp.status), now);
            return;
        }
        let token = token_field(&resp.body, "access_token").or_else(|| token_field(&resp.body, "token"));
        let user = self.plan.username.clone().unwrap_or_default();
        self.pass(&f, CheckStatus::Pass, format!("`{user}` accepted"), now);
        match token {
            Some(t) if self.plan.repository.is_some() => {
                let t = Secret::new(t);
                self.learn_secret(&t);
                let claims = decode_claims(t.expose()).unwrap_or_default();
                self.analyze_permissions(i, f, &claims, now);
            }
            Some(t) => {
                self.learn_secret(&Secret::new(t));
                self.registry_done(i, now);
            }
            None => self.registry_done(i, now),
        }
    }
}
