//! Scenario tests: the machine wired to an in-memory fake of GitHub, Entra, IMDS and ACR, as
//! quinn-proto's tests wire two endpoints. Faults are plain fields on [`Fake`]; the clock is the
//! fake's `now_ms`, advanced only by the driver.

use super::*;
use crate::diagnose::{CheckKind, CheckStatus, Diagnosis};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};

const T0: i64 = 1_800_000_000_000;
const CLIENT: &str = "11111111-1111-1111-1111-111111111111";
const TENANT: &str = "22222222-2222-2222-2222-222222222222";
const OID: &str = "33333333-3333-3333-3333-333333333333";
const REQ_TOKEN: &str = "runner-request-token-0123456789";
const GH_ISS: &str = "https://token.actions.githubusercontent.com";
const SUB: &str = "repo:octo-org/app:ref:refs/heads/main";

fn jwt(claims: Value) -> String {
    format!("{}.{}.{}", URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","typ":"JWT"}"#), URL_SAFE_NO_PAD.encode(claims.to_string()), URL_SAFE_NO_PAD.encode("signature"))
}

fn claims_of(token: &str) -> Value {
    let p = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).unwrap()).unwrap()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ep {
    Github,
    Entra,
    Imds,
    Challenge,
    Exchange,
    Token,
}

#[derive(Debug, Clone)]
enum Fault {
    Status(u16, Option<&'static str>),
    Transport(TransportErrorKind),
    /// 200 with this body.
    Body(&'static str),
    /// Answer normally, but only after this long (may exceed the request's timeout).
    Latency(i64),
    /// This exact response (status, headers and body as a real server might send them).
    Raw(HttpResponse),
}

/// The fake cloud. Every knob is a field.
struct Fake {
    now_ms: i64,
    faults: HashMap<Ep, VecDeque<Fault>>,
    /// Permanent Entra error: (status, AADSTS code, description).
    entra_error: Option<(u16, u64, String)>,
    /// AADSTS70021 until this time (federated credential propagation).
    propagating_until_ms: i64,
    fic_subject: String,
    /// The `sub` of the GitHub tokens it issues.
    github_sub: String,
    github_lifetime_s: i64,
    entra_aud: String,
    /// Repository actions the identity's roles allow; empty: no role at all.
    granted: Vec<&'static str>,
    firewall_ip: Option<&'static str>,
    basic_user: &'static str,
    basic_pass: &'static str,
    admin_disabled: bool,
    latency_ms: i64,
    issued: Vec<String>,
    log: Vec<(Ep, HttpRequest)>,
    probe_fail: Option<(ProbeKind, TransportErrorKind)>,
    serial: u32,
    /// The realm's host is this prefix + the registry's: `""` is ACR's own shape (same origin).
    realm_prefix: &'static str,
}

impl Fake {
    fn new() -> Fake {
        Fake {
            now_ms: T0,
            faults: HashMap::new(),
            entra_error: None,
            propagating_until_ms: 0,
            fic_subject: SUB.to_string(),
            github_sub: SUB.to_string(),
            github_lifetime_s: 300,
            entra_aud: "https://containerregistry.azure.net".into(),
            granted: vec!["pull", "push"],
            firewall_ip: None,
            basic_user: "myacr",
            basic_pass: "admin-password-0123456789",
            admin_disabled: false,
            latency_ms: 20,
            issued: Vec::new(),
            log: Vec::new(),
            probe_fail: None,
            serial: 0,
            realm_prefix: "auth.",
        }
    }

    fn fault(&mut self, ep: Ep, f: Fault) -> &mut Self {
        self.faults.entry(ep).or_default().push_back(f);
        self
    }

    fn now_s(&self) -> i64 {
        self.now_ms / 1000
    }

    fn issue(&mut self, mut claims: Value) -> String {
        self.serial += 1;
        claims["jti"] = json!(format!("jti-{}", self.serial));
        let t = jwt(claims);
        self.issued.push(t.clone());
        t
    }

    fn endpoint(req: &HttpRequest) -> Ep {
        let u = &req.url;
        if u.starts_with("https://pipelines.example") {
            Ep::Github
        } else if u.contains("/oauth2/v2.0/token") {
            Ep::Entra
        } else if u.contains("/metadata/identity/") {
            Ep::Imds
        } else if u.ends_with("/v2/") && req.header("authorization").is_none() {
            Ep::Challenge
        } else if u.ends_with("/oauth2/exchange") {
            Ep::Exchange
        } else {
            Ep::Token
        }
    }

    fn count(&self, ep: Ep) -> usize {
        self.log.iter().filter(|(e, _)| *e == ep).count()
    }

    fn requests(&self, ep: Ep) -> Vec<&HttpRequest> {
        self.log.iter().filter(|(e, _)| *e == ep).map(|(_, r)| r).collect()
    }

    /// (latency, outcome) for a request.
    fn serve(&mut self, req: &HttpRequest) -> (i64, Result<HttpResponse, TransportErrorKind>) {
        let ep = Self::endpoint(req);
        self.log.push((ep, req.clone()));
        let mut latency = self.latency_ms;
        if let Some(f) = self.faults.get_mut(&ep).and_then(|q| q.pop_front()) {
            match f {
                Fault::Status(s, ra) => {
                    let mut r = HttpResponse::new(s, r#"{"errors":[{"code":"UNAVAILABLE","message":"try later"}]}"#);
                    if let Some(ra) = ra {
                        r = r.with_header("Retry-After", ra);
                    }
                    return (latency, Ok(r));
                }
                Fault::Transport(k) => return (latency, Err(k)),
                Fault::Body(b) => return (latency, Ok(HttpResponse::new(200, b))),
                Fault::Latency(ms) => latency = ms,
                Fault::Raw(r) => return (latency, Ok(r)),
            }
        }
        let resp = match ep {
            Ep::Github => self.github(req),
            Ep::Entra => self.entra(req),
            Ep::Imds => self.imds(req),
            Ep::Challenge => self.challenge(req),
            Ep::Exchange => self.exchange(req),
            Ep::Token => self.token(req),
        };
        (latency, Ok(resp))
    }

    fn github(&mut self, req: &HttpRequest) -> HttpResponse {
        assert_eq!(req.method, Method::Get);
        assert_eq!(req.header("authorization"), Some(format!("bearer {REQ_TOKEN}").as_str()));
        let (base, aud) = req.url.split_once("&audience=").expect("audience appended with &");
        assert_eq!(base, "https://pipelines.example/idtoken?api-version=2.0");
        let now = self.now_s();
        let sub = self.github_sub.clone();
        let t = self.issue(json!({"iss": GH_ISS, "sub": sub, "aud": http::parse_form(&format!("a={aud}"))[0].1, "iat": now, "nbf": now - 600, "exp": now + self.github_lifetime_s, "repository": "octo-org/app"}));
        HttpResponse::new(200, json!({"count": 1, "value": t}).to_string())
    }

    fn entra_err(&self, status: u16, code: u64, desc: &str) -> HttpResponse {
        HttpResponse::new(
            status,
            json!({"error": "invalid_client", "error_description": format!("AADSTS{code}: {desc}\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2027-01-15 08:00:00Z"),
                   "error_codes": [code], "timestamp": "2027-01-15 08:00:00Z", "trace_id": "t-1", "correlation_id": "c-1"})
            .to_string(),
        )
    }

    fn entra(&mut self, req: &HttpRequest) -> HttpResponse {
        assert_eq!(req.method, Method::Post);
        assert_eq!(req.header("content-type"), Some("application/x-www-form-urlencoded"));
        let form: HashMap<String, String> = req.form().into_iter().collect();
        assert_eq!(form["grant_type"], "client_credentials");
        assert_eq!(form["client_id"], CLIENT);
        if let Some((s, c, d)) = self.entra_error.clone() {
            return self.entra_err(s, c, &d);
        }
        if let Some(a) = form.get("client_assertion") {
            assert_eq!(form["client_assertion_type"], "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            let c = claims_of(a);
            if c["exp"].as_i64().unwrap() <= self.now_s() {
                return self.entra_err(400, 700024, "Client assertion is not within its valid time range.");
            }
            if self.now_ms < self.propagating_until_ms {
                return self.entra_err(400, 70021, "No matching federated identity record found for presented assertion.");
            }
            if c["sub"] != json!(self.fic_subject) {
                let d = format!("No matching federated identity record found for presented assertion subject '{}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.", c["sub"].as_str().unwrap());
                return self.entra_err(400, 700213, &d);
            }
        }
        let now = self.now_s();
        let t = self.issue(json!({"aud": self.entra_aud, "iss": format!("https://sts.windows.net/{TENANT}/"), "tid": TENANT, "oid": OID, "appid": CLIENT, "iat": now, "exp": now + 4000}));
        HttpResponse::new(200, json!({"token_type": "Bearer", "expires_in": 3999, "ext_expires_in": 3999, "access_token": t}).to_string())
    }

    fn imds(&mut self, req: &HttpRequest) -> HttpResponse {
        assert_eq!(req.header("metadata"), Some("true"));
        assert!(req.url.starts_with("http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fcontainerregistry.azure.net"), "{}", req.url);
        let now = self.now_s();
        let t = self.issue(json!({"aud": "https://containerregistry.azure.net", "tid": TENANT, "oid": OID, "appid": CLIENT, "iat": now, "exp": now + 86000}));
        HttpResponse::new(200, json!({"access_token": t, "expires_on": (now + 86000).to_string(), "resource": "https://containerregistry.azure.net", "token_type": "Bearer"}).to_string())
    }

    fn denied(&self) -> Option<HttpResponse> {
        self.firewall_ip.map(|ip| {
            HttpResponse::new(403, json!({"errors":[{"code":"DENIED","message":format!("client with IP '{ip}' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."),"detail":null}]}).to_string())
        })
    }

    fn challenge(&mut self, req: &HttpRequest) -> HttpResponse {
        if let Some(d) = self.denied() {
            return d;
        }
        let host = req.url.trim_start_matches("https://").trim_end_matches("/v2/").to_string();
        HttpResponse::new(401, r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit https://aka.ms/acr/authorization for more information."}]}"#)
            .with_header("WWW-Authenticate", &format!(r#"Bearer realm="https://{}{host}/oauth2/token",service="{host}""#, self.realm_prefix))
    }

    fn exchange(&mut self, req: &HttpRequest) -> HttpResponse {
        if let Some(d) = self.denied() {
            return d;
        }
        assert!(req.url.starts_with(&format!("https://{}", self.realm_prefix)), "exchange goes to the realm's origin: {}", req.url);
        let form: HashMap<String, String> = req.form().into_iter().collect();
        assert_eq!(form["grant_type"], "access_token");
        assert_eq!(form["tenant"], TENANT);
        let entra = claims_of(&form["access_token"]);
        assert!(self.issued.contains(&form["access_token"]), "exchange carries the Entra token that was issued");
        if self.entra_aud.contains("management") {
            return HttpResponse::new(401, r#"{"errors":[{"code":"UNAUTHORIZED","message":"aad access token with sufficient scope not present"}]}"#);
        }
        if self.granted.is_empty() {
            return HttpResponse::new(401, r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit https://aka.ms/acr/authorization for more information."}]}"#);
        }
        let now = self.now_s();
        let t = self.issue(json!({"iss": "Azure Container Registry", "aud": form["service"], "sub": entra["oid"], "grant_type": "refresh_token", "tenant": TENANT, "iat": now, "nbf": now, "exp": now + 10800, "version": "1.0"}));
        HttpResponse::new(200, json!({"refresh_token": t}).to_string())
    }

    fn token(&mut self, req: &HttpRequest) -> HttpResponse {
        if let Some(d) = self.denied() {
            return d;
        }
        let (scope, service) = match req.method {
            Method::Post => {
                let form: HashMap<String, String> = req.form().into_iter().collect();
                assert_eq!(form["grant_type"], "refresh_token");
                assert!(self.issued.contains(&form["refresh_token"]));
                (form["scope"].clone(), form["service"].clone())
            }
            Method::Get => {
                let q: HashMap<String, String> = http::parse_form(req.url.split_once('?').unwrap().1).into_iter().collect();
                let auth = req.header("authorization").unwrap().trim_start_matches("Basic ").to_string();
                let expected = STANDARD.encode(format!("{}:{}", self.basic_user, self.basic_pass));
                if self.admin_disabled || auth != expected {
                    return HttpResponse::new(401, r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit https://aka.ms/acr/authorization for more information."}]}"#);
                }
                (q.get("scope").cloned().unwrap_or_default(), q["service"].clone())
            }
        };
        let access = if scope == "registry:catalog:*" {
            json!([{"type": "registry", "name": "catalog", "actions": ["*"]}])
        } else {
            let (repo, actions) = scope.trim_start_matches("repository:").rsplit_once(':').unwrap_or(("", ""));
            let allowed: Vec<&str> = actions.split(',').filter(|a| self.granted.contains(a)).collect();
            json!([{"type": "repository", "name": repo, "actions": allowed}])
        };
        let now = self.now_s();
        let t = self.issue(json!({"iss": "Azure Container Registry", "aud": service, "grant_type": "access_token", "access": access, "iat": now, "exp": now + 4500}));
        HttpResponse::new(200, json!({"access_token": t}).to_string())
    }
}

/// What a run produced, besides the outcome.
struct Run {
    outcome: Result<Box<Credentials>, Box<Diagnosis>>,
    masked: Vec<Secret>,
    notices: Vec<String>,
    /// Debug renderings of every step, to prove no secret leaks through `Debug`.
    debug: String,
    /// Max requests in flight at once.
    max_parallel: usize,
    /// Each `Preconnect` hint with how many requests had been sent before it.
    preconnects: Vec<(String, usize)>,
}

fn drive(login: &mut Login, fake: &mut Fake) -> Run {
    struct Pending {
        due: i64,
        id: RequestId,
        outcome: Result<HttpResponse, TransportErrorKind>,
        probe: Option<ProbeResult>,
    }
    let mut pending: Vec<Pending> = Vec::new();
    let mut run = Run { outcome: Err(Box::new(Diagnosis::from_checks(vec![], vec![]))), masked: vec![], notices: vec![], debug: String::new(), max_parallel: 0, preconnects: vec![] };
    for _ in 0..10_000 {
        let step = login.poll();
        run.debug.push_str(&format!("{step:?}\n"));
        match step {
            Step::Send(req) => {
                let (latency, outcome) = fake.serve(&req);
                let (due, outcome) = if latency > req.timeout_ms as i64 {
                    (fake.now_ms + req.timeout_ms as i64, Err(TransportErrorKind::Timeout))
                } else {
                    (fake.now_ms + latency, outcome)
                };
                pending.push(Pending { due, id: req.id, outcome, probe: None });
                run.max_parallel = run.max_parallel.max(pending.len());
            }
            Step::Probe(p) => {
                let result = match fake.probe_fail {
                    Some((k, e)) if k == p.kind => ProbeResult { ok: false, detail: format!("getaddrinfo ENOTFOUND {}", p.host), error: Some(e), unsupported: false },
                    _ => ProbeResult { ok: true, detail: format!("{:?} ok for {}:{}", p.kind, p.host, p.port), error: None, unsupported: false },
                };
                pending.push(Pending { due: fake.now_ms + 1, id: p.id, outcome: Err(TransportErrorKind::Other), probe: Some(result) });
            }
            Step::Mask(s) => run.masked.push(s),
            Step::Notice(n) => run.notices.push(n),
            Step::Preconnect(o) => run.preconnects.push((o, fake.log.len())),
            Step::Wait { until_ms } => {
                pending.sort_by_key(|p| p.due);
                let until = until_ms.unwrap_or(i64::MAX);
                if pending.first().is_some_and(|p| p.due <= until) {
                    let p = pending.remove(0);
                    fake.now_ms = fake.now_ms.max(p.due);
                    match (p.probe, p.outcome) {
                        (Some(r), _) => login.handle_probe(p.id, r, fake.now_ms),
                        (None, Ok(resp)) => login.handle_response(p.id, resp, fake.now_ms),
                        (None, Err(k)) => login.handle_transport_error(p.id, k, &format!("fetch failed: {k:?}"), fake.now_ms),
                    }
                } else {
                    assert!(until != i64::MAX, "machine waits forever");
                    fake.now_ms = fake.now_ms.max(until);
                    login.handle_timeout(fake.now_ms);
                }
            }
            Step::Done(c) => {
                run.outcome = Ok(c);
                return run;
            }
            Step::Failed(d) => {
                run.outcome = Err(d);
                return run;
            }
        }
    }
    panic!("no outcome after 10000 steps");
}

fn oidc(registries: &[&str]) -> LoginOptions {
    LoginOptions {
        registries: registries.iter().map(|s| s.to_string()).collect(),
        client_id: Some(CLIENT.into()),
        tenant_id: Some(TENANT.into()),
        id_token_request_url: Some("https://pipelines.example/idtoken?api-version=2.0".into()),
        id_token_request_token: Some(Secret::new(REQ_TOKEN)),
        retry: Some(RetryPolicy { propagation_delays_ms: vec![], ..RetryPolicy::default() }),
        ..Default::default()
    }
}

/// `auth-type: basic` with this user name and password (no identity, no GitHub token).
fn basic(registries: &[&str], username: &str, password: &str) -> LoginOptions {
    LoginOptions {
        auth_type: Some("basic".into()),
        username: Some(username.into()),
        password: Some(Secret::new(password)),
        client_id: None,
        tenant_id: None,
        id_token_request_url: None,
        id_token_request_token: None,
        ..oidc(registries)
    }
}

/// `auth-type: workload-identity` presenting this token (the file's), on `myacr`.
fn workload_identity(token: impl Into<String>) -> LoginOptions {
    LoginOptions {
        auth_type: Some("workload-identity".into()),
        federated_token: Some(Secret::new(token)),
        id_token_request_url: None,
        id_token_request_token: None,
        ..oidc(&["myacr"])
    }
}

fn login(o: &LoginOptions, fake: &mut Fake) -> Run {
    let mut l = Login::new(o, fake.now_ms).expect("valid options");
    let run = drive(&mut l, fake);
    assert_no_leaks(&run, fake);
    assert_hints_ahead_of_use(&run, fake);
    run
}

/// A `Preconnect` hint is worth something only before its origin is first used.
fn assert_hints_ahead_of_use(run: &Run, fake: &Fake) {
    for (o, sent_before) in &run.preconnects {
        let used = fake.log[..*sent_before].iter().any(|(_, r)| r.url.starts_with(&format!("{o}/")));
        assert!(!used, "{o} was hinted after a request to it");
    }
}

fn diagnose(o: &LoginOptions, fake: &mut Fake) -> Run {
    let mut l = Login::diagnose(o, fake.now_ms).expect("valid options");
    let run = drive(&mut l, fake);
    assert_no_leaks(&run, fake);
    run
}

/// Every issued token and every given secret was masked, and none appears in a Debug rendering,
/// a notice, or the diagnosis JSON / renderings.
fn assert_no_leaks(run: &Run, fake: &Fake) {
    let mut secrets: Vec<String> = fake.issued.clone();
    secrets.push(REQ_TOKEN.into());
    secrets.push(fake.basic_pass.into());
    let diag = match &run.outcome {
        Ok(c) => c.diagnosis.clone(),
        Err(d) => (**d).clone(),
    };
    let texts = [
        run.debug.clone(),
        run.notices.join("\n"),
        diag.to_json(),
        crate::diagnose::render_text(&diag),
        crate::diagnose::render_markdown(&diag, "x"),
        format!("{:?}", run.outcome),
    ];
    for s in &secrets {
        for t in &texts {
            assert!(!t.contains(s.as_str()), "secret leaked into {t}");
        }
    }
    for t in &fake.issued {
        let used = fake.log.iter().any(|(_, r)| r.body.as_deref().is_some_and(|b| b.contains(t.as_str()))) || matches!(&run.outcome, Ok(c) if c.registries.iter().any(|r| r.password.expose() == t));
        if used {
            assert!(run.masked.iter().any(|m| m.expose() == t), "issued token used but never masked");
        }
    }
}

fn creds(run: &Run) -> &Credentials {
    match &run.outcome {
        Ok(c) => c,
        Err(d) => panic!("login failed: {}", d.message()),
    }
}

fn failure(run: &Run) -> &Diagnosis {
    match &run.outcome {
        Ok(_) => panic!("login unexpectedly succeeded"),
        Err(d) => d,
    }
}

fn top_id(run: &Run) -> String {
    failure(run).top.as_ref().and_then(|f| f.id.clone()).unwrap_or_else(|| "none".into())
}

// ---- happy paths ---------------------------------------------------------------------------

#[test]
fn oidc_login_builds_every_request_exactly() {
    let mut fake = Fake::new();
    let run = login(&oidc(&["myacr"]), &mut fake);
    let c = creds(&run);
    assert_eq!(c.registries.len(), 1);
    let r = &c.registries[0];
    assert_eq!(r.login_server, "myacr.azurecr.io");
    assert_eq!(r.username, TOKEN_USERNAME);
    assert_eq!(claims_of(r.password.expose())["grant_type"], "refresh_token");
    assert_eq!(r.expires_at, claims_of(r.password.expose())["exp"].as_i64());
    assert_eq!(c.expires_at, r.expires_at);

    let gh = fake.requests(Ep::Github);
    assert_eq!(gh.len(), 1);
    assert!(gh[0].url.ends_with("&audience=api%3A%2F%2FAzureADTokenExchange"), "{}", gh[0].url);
    let entra = fake.requests(Ep::Entra)[0];
    assert_eq!(entra.url, format!("https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token"));
    let form: HashMap<String, String> = entra.form().into_iter().collect();
    assert_eq!(form["scope"], "https://containerregistry.azure.net/.default");
    assert_eq!(claims_of(&form["client_assertion"])["aud"], "api://AzureADTokenExchange");
    let ex = fake.requests(Ep::Exchange)[0];
    assert_eq!(ex.url, "https://auth.myacr.azurecr.io/oauth2/exchange");
    let form: HashMap<String, String> = ex.form().into_iter().collect();
    assert_eq!(form["service"], "myacr.azurecr.io");
    assert_eq!(fake.count(Ep::Token), 0, "no access token without `repository`");

    // Three sequential round trips: the challenge travels with the GitHub request.
    assert_eq!(run.max_parallel, 2);
    assert_eq!(fake.now_ms - T0, 3 * fake.latency_ms);
    assert_eq!(c.identity.client_id.as_deref(), Some(CLIENT));
    assert_eq!(c.identity.object_id.as_deref(), Some(OID));
    assert_eq!(c.identity.subject.as_deref(), Some(SUB));
    assert!(c.identity.summary.contains(SUB));
    let kinds: Vec<CheckKind> = c.diagnosis.checks.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![CheckKind::GithubToken, CheckKind::EntraToken, CheckKind::Challenge, CheckKind::RefreshToken]);
    assert!(c.diagnosis.ok);
    // The request token was masked first of all.
    assert_eq!(run.masked[0].expose(), REQ_TOKEN);
}

#[test]
fn oidc_login_hints_each_next_origin_while_the_stage_before_it_runs() {
    let mut fake = Fake::new();
    let run = login(&oidc(&["myacr"]), &mut fake);
    creds(&run);
    let origins: Vec<&str> = run.preconnects.iter().map(|(o, _)| o.as_str()).collect();
    // Entra while the GitHub token is fetched; the realm while the identity is still pending.
    assert_eq!(origins, ["https://login.microsoftonline.com", "https://auth.myacr.azurecr.io"]);
    for (o, sent_before) in &run.preconnects {
        let followed = fake.log[*sent_before..].iter().any(|(_, r)| r.url.starts_with(&format!("{o}/")));
        assert!(followed, "no request to {o} followed its hint");
    }
}

#[test]
fn no_hint_for_a_realm_on_the_registry_itself() {
    // ACR's own challenge names the registry as realm: the challenge's connection is the one to
    // reuse, and a hint would open a second.
    let mut fake = Fake { realm_prefix: "", ..Fake::new() };
    let run = login(&oidc(&["myacr"]), &mut fake);
    assert_eq!(fake.requests(Ep::Exchange)[0].url, "https://myacr.azurecr.io/oauth2/exchange");
    creds(&run);
    let origins: Vec<&str> = run.preconnects.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(origins, ["https://login.microsoftonline.com"]);
}

#[test]
fn client_secret_login_hints_nothing_it_sends_at_once() {
    let mut fake = Fake::new();
    let o = LoginOptions { auth_type: Some("client-secret".into()), client_secret: Some(Secret::new("client-secret-value-0123")), ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    creds(&run);
    assert!(run.preconnects.iter().all(|(o, _)| o != "https://login.microsoftonline.com"), "{:?}", run.preconnects);
}

#[test]
fn several_registries_share_one_entra_token() {
    let mut fake = Fake::new();
    let run = login(&oidc(&["one12, two34.azurecr.io", "https://THREE5.azurecr.io/"]), &mut fake);
    let c = creds(&run);
    let servers: Vec<&str> = c.registries.iter().map(|r| r.login_server.as_str()).collect();
    assert_eq!(servers, vec!["one12.azurecr.io", "two34.azurecr.io", "three5.azurecr.io"]);
    assert_eq!(fake.count(Ep::Github), 1);
    assert_eq!(fake.count(Ep::Entra), 1);
    assert_eq!(fake.count(Ep::Exchange), 3);
    assert_eq!(run.max_parallel, 4);
    for r in &c.registries {
        assert_eq!(claims_of(r.password.expose())["aud"], r.login_server.as_str());
    }
}

#[test]
fn client_secret_sends_the_secret_and_no_assertion() {
    let mut fake = Fake::new();
    let o = LoginOptions {
        auth_type: Some("client-secret".into()),
        client_secret: Some(Secret::new("client-secret-value-0123")),
        id_token_request_url: None,
        id_token_request_token: None,
        ..oidc(&["myacr"])
    };
    let run = login(&o, &mut fake);
    creds(&run);
    assert_eq!(fake.count(Ep::Github), 0);
    let form: HashMap<String, String> = fake.requests(Ep::Entra)[0].form().into_iter().collect();
    assert_eq!(form["client_secret"], "client-secret-value-0123");
    assert!(!form.contains_key("client_assertion"));
    assert!(run.masked.iter().any(|m| m.expose() == "client-secret-value-0123"));
    assert!(!run.debug.contains("client-secret-value-0123"));
}

#[test]
fn managed_identity_uses_imds_and_the_tokens_tenant() {
    for user_assigned in [false, true] {
        let mut fake = Fake::new();
        let o = LoginOptions {
            auth_type: Some("managed-identity".into()),
            client_id: user_assigned.then(|| CLIENT.to_string()),
            tenant_id: None,
            id_token_request_url: None,
            id_token_request_token: None,
            ..oidc(&["myacr"])
        };
        let run = login(&o, &mut fake);
        creds(&run);
        let url = &fake.requests(Ep::Imds)[0].url;
        assert_eq!(url.contains(&format!("&client_id={CLIENT}")), user_assigned, "{url}");
        assert_eq!(fake.count(Ep::Entra), 0);
        // `tenant` for the exchange comes from the IMDS token's `tid` (the fake asserts it).
        assert_eq!(fake.count(Ep::Exchange), 1);
        assert_eq!(creds(&run).diagnosis.checks[0].kind, CheckKind::ImdsToken);
    }
}

#[test]
fn workload_identity_presents_the_token_file() {
    let mut fake = Fake::new();
    let now = T0 / 1000;
    let file_token = jwt(json!({"iss": "https://oidc.prod-aks.azure.com/x/", "sub": SUB, "aud": ["api://AzureADTokenExchange"], "exp": now + 3600}));
    let o = workload_identity(file_token.clone());
    let run = login(&o, &mut fake);
    creds(&run);
    let form: HashMap<String, String> = fake.requests(Ep::Entra)[0].form().into_iter().collect();
    assert_eq!(form["client_assertion"], file_token);
    assert!(run.masked.iter().any(|m| m.expose() == file_token));
    assert!(!run.debug.contains(&file_token));
}

#[test]
fn a_pods_federation_failures_are_explained_for_a_pod_not_a_workflow() {
    let now = T0 / 1000;
    let issuer = "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-2222-3333-4444-555555555555/";
    let file_token = jwt(json!({
        "iss": issuer, "sub": "system:serviceaccount:ci:arc-runner", "aud": ["api://AzureADTokenExchange"], "exp": now + 3600,
        "kubernetes.io": {"namespace": "ci", "serviceaccount": {"name": "arc-runner"}},
    }));
    let o = workload_identity(file_token);
    let top = |code: u64| {
        let mut fake = Fake::new();
        fake.entra_error = Some((400, code, format!("AADSTS{code}: refused.")));
        failure(&login(&o, &mut fake)).top.clone().unwrap()
    };
    let subject = top(700213);
    let text = format!("{} {}", subject.explanation, subject.fix.join(" "));
    assert!(subject.explanation.contains("federated token file presents subject `system:serviceaccount:ci:arc-runner`"), "{}", subject.explanation);
    assert!(text.contains(&format!("--issuer '{issuer}'")), "{text}");
    assert!(text.contains("serviceAccountName") && text.contains("what the token file presents") && !text.contains("environment:") && !text.contains("workflow"), "{text}");
    let issuer_fix = top(700211).fix.join(" ");
    assert!(issuer_fix.contains("oidcIssuerProfile.issuerUrl") && !issuer_fix.contains("GitHub Enterprise"), "{issuer_fix}");
    let audience_fix = top(700212).fix.join(" ");
    assert!(audience_fix.contains("AZURE_FEDERATED_TOKEN_FILE") && !audience_fix.contains("`audience` input"), "{audience_fix}");
}

#[test]
fn basic_verifies_against_the_realm_and_keeps_the_password() {
    let mut fake = Fake::new();
    let o = LoginOptions { repository: Some("team/app".into()), actions: Some("pull".into()), ..basic(&["myacr"], "myacr", fake.basic_pass) };
    let run = login(&o, &mut fake);
    let c = creds(&run);
    assert_eq!(c.registries[0].username, "myacr");
    assert_eq!(c.registries[0].password.expose(), fake.basic_pass);
    assert_eq!(c.registries[0].expires_at, None);
    let get = fake.requests(Ep::Token)[0];
    assert_eq!(get.method, Method::Get);
    assert_eq!(get.url, "https://auth.myacr.azurecr.io/oauth2/token?service=myacr.azurecr.io&scope=repository%3Ateam%2Fapp%3Apull");
    assert_eq!(fake.count(Ep::Entra) + fake.count(Ep::Github) + fake.count(Ep::Exchange), 0);
    assert_eq!(c.registries[0].permissions.as_ref().unwrap().granted, vec!["pull"]);

    // Admin disabled → AL061; a scope-map token name → AL063.
    let mut fake = Fake::new();
    fake.admin_disabled = true;
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL061");
    let mut fake = Fake::new();
    fake.basic_user = "ci-token";
    let o2 = LoginOptions { username: Some("ci-token".into()), password: Some(Secret::new("wrong-password-0123")), ..o.clone() };
    let run = login(&o2, &mut fake);
    assert_eq!(top_id(&run), "AL063");
    // A token whose scope map lacks push.
    let mut fake = Fake::new();
    fake.basic_user = "ci-token";
    fake.granted = vec!["pull"];
    let o3 = LoginOptions { username: Some("ci-token".into()), actions: Some("pull,push".into()), ..o };
    let run = login(&o3, &mut fake);
    assert_eq!(top_id(&run), "AL063");
    assert_eq!(failure(&run).top.as_ref().unwrap().params["missing"], "push");
}

#[test]
fn sovereign_cloud_changes_authority_audience_and_scope() {
    let mut fake = Fake::new();
    let run = login(&oidc(&["gov.azurecr.us"]), &mut fake);
    creds(&run);
    assert!(fake.requests(Ep::Github)[0].url.ends_with("&audience=api%3A%2F%2FAzureADTokenExchangeUSGov"));
    let entra = fake.requests(Ep::Entra)[0];
    assert!(entra.url.starts_with("https://login.microsoftonline.us/"));
    assert!(entra.form().contains(&("scope".into(), "https://containerregistry.azure.us/.default".into())));
}

#[test]
fn authority_host_override_is_used() {
    let mut fake = Fake::new();
    let o = LoginOptions { authority_host: Some("https://127.0.0.1:8443/".into()), ..oidc(&["myacr"]) };
    let mut l = Login::new(&o, T0).unwrap();
    let _ = drive(&mut l, &mut fake);
    assert!(fake.requests(Ep::Entra)[0].url.starts_with(&format!("https://127.0.0.1:8443/{TENANT}/")));
}

// ---- explained failures --------------------------------------------------------------------

#[test]
fn missing_id_token_permission_fails_before_any_request() {
    let mut fake = Fake::new();
    let o = LoginOptions { id_token_request_url: None, id_token_request_token: None, ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL001");
    assert!(fake.log.is_empty());
    let m = failure(&run).message();
    assert!(m.contains("id-token: write") && m.contains("contents: read") && m.to_lowercase().contains("fork"), "{m}");
}

/// AADSTS code, the catalog ID it maps to, Entra's description, and a parameter the finding carries.
type EntraCase<'a> = (u64, &'a str, &'a str, Option<(&'a str, &'a str)>);

#[test]
fn every_entra_error_maps_to_its_catalog_entry() {
    let cases: &[EntraCase] = &[
        (70021, "AL010", "No matching federated identity record found for presented assertion.", None),
        (700211, "AL011", "No matching federated identity record found for presented assertion issuer 'https://token.actions.githubusercontent.com/'.", Some(("presentedIssuer", "https://token.actions.githubusercontent.com/"))),
        (700212, "AL012", "No matching federated identity record found for presented assertion audience 'https://github.com/octo-org'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.", Some(("presentedAudience", "https://github.com/octo-org"))),
        // The subject is the one the assertion carried, whatever Entra's text echoes.
        (700213, "AL013", "No matching federated identity record found for presented assertion subject 'repo:octo-org/app:pull_request'.", Some(("presentedSubject", SUB))),
        (70025, "AL014", "The client '11111111-1111-1111-1111-111111111111'(app) has no configured federated identity credentials.", None),
        (700027, "AL015", "Client assertion failed signature validation.", None),
        (7000218, "AL016", "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", None),
        (7000222, "AL020", "The provided client secret keys for app '11111111-1111-1111-1111-111111111111' are expired.", None),
        (7000215, "AL021", "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.", None),
        (700016, "AL022", "Application with identifier '99999999-9999-9999-9999-999999999999' was not found in the directory 'contoso'.", Some(("clientId", "99999999-9999-9999-9999-999999999999"))),
        (90002, "AL023", "Tenant 'bad-tenant' not found. Check to make sure you have the correct tenant ID.", Some(("tenant", "bad-tenant"))),
        (53003, "AL024", "Access has been blocked by Conditional Access policies.", None),
        (1002012, "AL025", "The provided value for scope x is not valid.", None),
        (500011, "AL026", "The resource principal named https://containerregistry.azure.net was not found in the tenant named contoso.", None),
        (999999, "none", "Something nobody has seen.", None),
    ];
    for (code, id, desc, param) in cases {
        let mut fake = Fake::new();
        fake.entra_error = Some((400, *code, desc.to_string()));
        let run = login(&oidc(&["myacr"]), &mut fake);
        assert_eq!(top_id(&run), *id, "AADSTS{code}");
        let top = failure(&run).top.clone().unwrap();
        assert_eq!(top.params["aadsts"], format!("AADSTS{code}"));
        assert_eq!(top.params["correlationId"], "c-1");
        assert!(top.evidence.as_deref().unwrap().starts_with(&format!("AADSTS{code}:")), "evidence is the first line only");
        assert!(!top.evidence.as_deref().unwrap().contains("Trace ID"));
        if let Some((k, v)) = param {
            assert_eq!(top.params.get(k).map(String::as_str), Some(*v), "AADSTS{code}");
        }
        let failing = failure(&run).checks.iter().find(|c| c.status == CheckStatus::Fail).unwrap();
        assert_eq!(failing.kind, CheckKind::EntraToken);
    }
}

#[test]
fn subject_mismatch_explains_the_exact_credential_to_create() {
    let mut fake = Fake::new();
    fake.fic_subject = "repo:octo-org/app:environment:prod".into();
    let run = login(&oidc(&["myacr"]), &mut fake);
    assert_eq!(top_id(&run), "AL013");
    let top = failure(&run).top.clone().unwrap();
    assert_eq!(top.params["presentedSubject"], SUB);
    assert!(top.fix[0].contains(&format!("az ad app federated-credential create --id {CLIENT}")), "{}", top.fix[0]);
    assert!(top.fix[0].contains(&format!("\"subject\":\"{SUB}\"")) && top.fix[0].contains(GH_ISS) && top.fix[0].contains("api://AzureADTokenExchange"));
    assert!(top.explanation.contains(SUB));
}

#[test]
fn the_credential_to_create_is_the_one_the_page_shows_whatever_the_branch_is_called() {
    let mut fake = Fake::new();
    // Git allows both quote characters in a branch name: the JSON and the shell quoting must hold.
    fake.github_sub = r#"repo:octo-org/app:ref:refs/heads/it's-"quoted""#.into();
    let run = login(&oidc(&["myacr"]), &mut fake);
    assert_eq!(top_id(&run), "AL013");
    let top = failure(&run).top.clone().unwrap();
    assert_eq!(top.params["presentedSubject"], fake.github_sub);
    let github_token = fake.issued.iter().find(|t| claims_of(t)["iss"] == GH_ISS).unwrap();
    let report = crate::token::decode_token(github_token, fake.now_s());
    let fic = &report.tokens[0].github.as_ref().unwrap().federated_credential;
    assert_eq!(
        top.fix[0],
        format!("Add a federated credential for exactly what this workflow presents: `{}`", fic.command.replace(crate::token::APP_ID_PLACEHOLDER, CLIENT))
    );
    assert_eq!(top.fix[1], format!("For a user-assigned managed identity instead: `{}`", fic.managed_identity_command));
    // Undo the shell quoting: the JSON inside reads back the exact subject.
    let quoted = top.fix[0].split_once("--parameters ").unwrap().1.trim_end_matches('`');
    let params: Value = serde_json::from_str(&quoted[1..quoted.len() - 1].replace(r"'\''", "'")).unwrap();
    assert_eq!(params["subject"], fake.github_sub.as_str());
    assert_eq!(params["name"], fic.name.as_str());
}

#[test]
fn registry_side_failures_are_explained() {
    // Firewall on /v2/.
    let mut fake = Fake::new();
    fake.firewall_ip = Some("20.1.2.3");
    let run = login(&oidc(&["myacr"]), &mut fake);
    assert_eq!(top_id(&run), "AL040");
    let top = failure(&run).top.clone().unwrap();
    assert_eq!(top.params["clientIp"], "20.1.2.3");
    assert!(top.fix[0].contains("az acr network-rule add -n myacr --ip-address 20.1.2.3"));

    // No role → exchange 401.
    let mut fake = Fake::new();
    fake.granted = vec![];
    let run = login(&oidc(&["myacr"]), &mut fake);
    assert_eq!(top_id(&run), "AL030");
    let top = failure(&run).top.clone().unwrap();
    assert!(top.fix[0].contains(&format!("--assignee {OID} --role AcrPull --scope $(az acr show -n myacr --query id -o tsv)")), "{}", top.fix[0]);
    assert_eq!(top.params["httpStatus"], "401");

    // ARM audience refused.
    let mut fake = Fake::new();
    fake.entra_aud = "https://management.azure.com/".into();
    let o = LoginOptions { scope: Some("https://management.azure.com/.default".into()), ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL031");
}

#[test]
fn missing_push_is_found_before_the_push() {
    let mut fake = Fake::new();
    fake.granted = vec!["pull"];
    let o = LoginOptions { repository: Some("team/app".into()), actions: Some("pull,push".into()), ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL033");
    let top = failure(&run).top.clone().unwrap();
    assert_eq!(top.params["missing"], "push");
    assert_eq!(top.params["granted"], "pull");
    assert_eq!(top.params["role"], "AcrPush");
    let scope = fake.requests(Ep::Token)[0].form().into_iter().find(|(k, _)| k == "scope").unwrap().1;
    assert_eq!(scope, "repository:team/app:pull,push");
    // With the role present, the same request passes and the report is on the credential.
    let mut fake = Fake::new();
    let run = login(&o, &mut fake);
    let p = creds(&run).registries[0].permissions.clone().unwrap();
    assert!(p.ok());
    assert_eq!(p.granted, vec!["pull", "push"]);
}

// ---- retries and faults --------------------------------------------------------------------

#[test]
fn throttling_honours_retry_after_and_its_cap() {
    let mut fake = Fake::new();
    fake.fault(Ep::Exchange, Fault::Status(429, Some("3")));
    let run = login(&oidc(&["myacr"]), &mut fake);
    creds(&run);
    assert_eq!(fake.count(Ep::Exchange), 2);
    assert!(fake.now_ms - T0 >= 3000 + 3 * fake.latency_ms, "waited for Retry-After");
    assert!(run.notices.iter().any(|n| n.contains("HTTP 429") && n.contains("retrying in 3.0 s")), "{:?}", run.notices);

    let mut fake = Fake::new();
    fake.fault(Ep::Exchange, Fault::Status(429, Some("3600")));
    let run = login(&oidc(&["myacr"]), &mut fake);
    assert_eq!(top_id(&run), "AL043");
    assert_eq!(fake.count(Ep::Exchange), 1, "no point waiting an hour");
    assert_eq!(failure(&run).top.as_ref().unwrap().params["retryAfter"], "3600");

    let mut fake = Fake::new();
    for _ in 0..10 {
        fake.fault(Ep::Token, Fault::Status(429, Some("1")));
    }
    let o = LoginOptions { repository: Some("a".into()), ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL043");
    assert_eq!(fake.count(Ep::Token), 4, "bounded by max_attempts");
}

#[test]
fn every_endpoint_recovers_from_every_transient_fault() {
    let faults = [
        Fault::Status(500, None),
        Fault::Status(502, None),
        Fault::Status(503, Some("1")),
        Fault::Status(504, None),
        Fault::Transport(TransportErrorKind::ConnectionReset),
        Fault::Transport(TransportErrorKind::ConnectionRefused),
        Fault::Latency(60_000),
        Fault::Body("{\"access_tok"),
        Fault::Body("<html>Bad gateway</html>"),
    ];
    for ep in [Ep::Github, Ep::Entra, Ep::Challenge, Ep::Exchange, Ep::Token] {
        for f in &faults {
            let mut fake = Fake::new();
            fake.fault(ep, f.clone()).fault(ep, f.clone());
            let o = LoginOptions { repository: Some("team/app".into()), ..oidc(&["myacr"]) };
            let run = login(&o, &mut fake);
            let c = creds(&run);
            assert_eq!(fake.count(ep), 3, "{ep:?} {f:?}: two faults then success");
            assert_eq!(run.notices.len(), 2, "{ep:?} {f:?}: {:?}", run.notices);
            assert!(c.diagnosis.ok);
        }
    }
}

#[test]
fn persistent_faults_end_in_an_explained_failure() {
    for (f, id) in [
        (Fault::Status(503, None), "none"),
        (Fault::Transport(TransportErrorKind::ConnectionReset), "AL044"),
        (Fault::Latency(60_000), "AL044"),
        (Fault::Transport(TransportErrorKind::Dns), "AL041"),
        (Fault::Transport(TransportErrorKind::Tls), "AL042"),
        (Fault::Transport(TransportErrorKind::Proxy), "AL045"),
    ] {
        let mut fake = Fake::new();
        for _ in 0..10 {
            fake.fault(Ep::Challenge, f.clone());
        }
        let run = login(&oidc(&["myacr"]), &mut fake);
        assert_eq!(top_id(&run), id, "{f:?}");
        let retried = matches!(f, Fault::Status(..) | Fault::Transport(TransportErrorKind::ConnectionReset) | Fault::Latency(_));
        assert_eq!(fake.count(Ep::Challenge), if retried { 4 } else { 1 }, "{f:?}");
        let failing = failure(&run).checks.iter().find(|c| c.status == CheckStatus::Fail).unwrap();
        assert_eq!(failing.kind, CheckKind::Challenge);
        assert_eq!(failing.registry.as_deref(), Some("myacr.azurecr.io"));
    }
}

#[test]
fn imds_unreachable_says_why() {
    let mut fake = Fake::new();
    fake.fault(Ep::Imds, Fault::Transport(TransportErrorKind::Timeout));
    for _ in 0..5 {
        fake.fault(Ep::Imds, Fault::Transport(TransportErrorKind::ConnectionRefused));
    }
    let o = LoginOptions { auth_type: Some("managed-identity".into()), tenant_id: None, client_id: None, ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL044");
    assert!(failure(&run).top.as_ref().unwrap().explanation.contains("GitHub-hosted runners have none"));
}

#[test]
fn federated_credential_propagation_is_waited_for_with_notices() {
    let mut fake = Fake::new();
    fake.propagating_until_ms = T0 + 12_000;
    let o = LoginOptions { retry: Some(RetryPolicy::default()), ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    creds(&run);
    assert_eq!(fake.count(Ep::Entra), 3, "5 s + 10 s of waiting covers 12 s of propagation");
    assert_eq!(run.notices.iter().filter(|n| n.starts_with("AADSTS70021")).count(), 2);
    assert_eq!(fake.count(Ep::Github), 1, "the GitHub token was still fresh: reused");

    let mut fake = Fake::new();
    fake.propagating_until_ms = T0 + 3_600_000;
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL010");
    assert_eq!(fake.count(Ep::Entra), 4, "one try plus three propagation retries");
}

#[test]
fn github_token_is_never_presented_after_its_lifetime() {
    // Entra throttles for 50 s; the GitHub token lives 60 s (30 s margin): fetch a new one.
    let mut fake = Fake::new();
    fake.github_lifetime_s = 60;
    fake.fault(Ep::Entra, Fault::Status(503, Some("50")));
    let o = LoginOptions { retry: Some(RetryPolicy { max_retry_after_ms: 60_000, propagation_delays_ms: vec![], ..RetryPolicy::default() }), ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    creds(&run);
    assert_eq!(fake.count(Ep::Github), 2);
    let a1 = fake.requests(Ep::Entra)[0].form().into_iter().find(|(k, _)| k == "client_assertion").unwrap().1;
    let a2 = fake.requests(Ep::Entra)[1].form().into_iter().find(|(k, _)| k == "client_assertion").unwrap().1;
    assert_ne!(a1, a2);
    // The order proves "fetched right before": GitHub, Entra(503), GitHub, Entra.
    let order: Vec<Ep> = fake.log.iter().map(|(e, _)| *e).filter(|e| matches!(e, Ep::Github | Ep::Entra)).collect();
    assert_eq!(order, vec![Ep::Github, Ep::Entra, Ep::Github, Ep::Entra]);

    // A short retry keeps the same token.
    let mut fake = Fake::new();
    fake.fault(Ep::Entra, Fault::Status(503, Some("1")));
    let run = login(&o, &mut fake);
    creds(&run);
    assert_eq!(fake.count(Ep::Github), 1);
}

#[test]
fn an_expired_assertion_is_replaced_once() {
    let mut fake = Fake::new();
    fake.github_lifetime_s = -1; // issued already expired: Entra says 700024 every time
    let run = login(&oidc(&["myacr"]), &mut fake);
    assert_eq!(top_id(&run), "AL002");
    assert_eq!(fake.count(Ep::Github), 2, "one fresh token, then the explained failure");
}

#[test]
fn the_overall_budget_ends_a_hanging_login() {
    let mut fake = Fake::new();
    for _ in 0..100 {
        fake.fault(Ep::Entra, Fault::Latency(60_000));
    }
    let o = LoginOptions { budget_ms: Some(40_000), timeout_ms: Some(30_000), ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL044");
    assert!(fake.now_ms - T0 <= 40_000 + 100, "ended at the budget: {}", fake.now_ms - T0);
    assert!(fake.requests(Ep::Entra).iter().all(|r| r.timeout_ms <= 30_000));
    assert!(fake.requests(Ep::Entra).last().unwrap().timeout_ms < 30_000, "the last request gets only what is left");
}

// ---- diagnose ------------------------------------------------------------------------------

#[test]
fn diagnose_runs_every_check_in_order() {
    let mut fake = Fake::new();
    let o = LoginOptions { repository: Some("team/app".into()), actions: Some("pull".into()), ..oidc(&["myacr"]) };
    let run = diagnose(&o, &mut fake);
    let c = creds(&run);
    let kinds: Vec<(CheckKind, CheckStatus)> = c.diagnosis.checks.iter().map(|c| (c.kind, c.status)).collect();
    assert_eq!(
        kinds,
        vec![
            (CheckKind::GithubToken, CheckStatus::Pass),
            (CheckKind::EntraToken, CheckStatus::Pass),
            (CheckKind::Dns, CheckStatus::Pass),
            (CheckKind::Tls, CheckStatus::Pass),
            (CheckKind::Challenge, CheckStatus::Pass),
            (CheckKind::RefreshToken, CheckStatus::Pass),
            (CheckKind::AccessToken, CheckStatus::Pass),
            (CheckKind::Permissions, CheckStatus::Pass),
        ]
    );
    let gh = &c.diagnosis.checks[0].detail;
    assert!(gh.contains(GH_ISS) && gh.contains(SUB) && gh.contains("api://AzureADTokenExchange"), "{gh}");
    assert!(c.diagnosis.checks.iter().all(|c| c.duration_ms.is_some()));
    let text = crate::diagnose::render_text(&c.diagnosis);
    assert!(text.contains("All checks passed"));
}

#[test]
fn diagnose_without_repository_checks_the_catalog() {
    let mut fake = Fake::new();
    let run = diagnose(&oidc(&["myacr"]), &mut fake);
    let c = creds(&run);
    let scope = fake.requests(Ep::Token)[0].form().into_iter().find(|(k, _)| k == "scope").unwrap().1;
    assert_eq!(scope, "registry:catalog:*");
    assert_eq!(c.diagnosis.checks.last().unwrap().kind, CheckKind::Permissions);
}

#[test]
fn diagnose_keeps_going_past_independent_failures() {
    // DNS fails for one registry; the identity and the other registry are still checked.
    let mut fake = Fake::new();
    fake.probe_fail = Some((ProbeKind::Dns, TransportErrorKind::Dns));
    let run = diagnose(&oidc(&["myacr"]), &mut fake);
    let d = failure(&run);
    assert_eq!(top_id(&run), "AL041");
    assert!(d.checks.iter().any(|c| c.kind == CheckKind::EntraToken && c.status == CheckStatus::Pass));
    assert_eq!(fake.count(Ep::Challenge), 0);

    // Identity fails: the registry's challenge still runs, token checks are skipped.
    let mut fake = Fake::new();
    fake.fic_subject = "repo:other/repo:ref:refs/heads/main".into();
    let run = diagnose(&oidc(&["myacr", "second.azurecr.io"]), &mut fake);
    let d = failure(&run);
    assert_eq!(top_id(&run), "AL013");
    let of = |r: &str| -> Vec<(CheckKind, CheckStatus)> { d.checks.iter().filter(|c| c.registry.as_deref() == Some(r)).map(|c| (c.kind, c.status)).collect() };
    for r in ["myacr.azurecr.io", "second.azurecr.io"] {
        assert_eq!(
            of(r),
            vec![
                (CheckKind::Dns, CheckStatus::Pass),
                (CheckKind::Tls, CheckStatus::Pass),
                (CheckKind::Challenge, CheckStatus::Pass),
                (CheckKind::RefreshToken, CheckStatus::Skip),
                (CheckKind::AccessToken, CheckStatus::Skip),
            ]
        );
    }
    let md = crate::diagnose::render_markdown(d, "ACR login failed");
    assert!(md.contains("[AL013]") && md.contains("⏭️"));
}

#[test]
fn step_debug_never_shows_credentials() {
    let mut fake = Fake::new();
    let mut l = Login::new(&oidc(&["myacr"]), T0).unwrap();
    let first = format!("{:?}", l.poll());
    assert_eq!(first, "Mask(Secret(***))");
    let run = drive(&mut l, &mut fake);
    assert!(!format!("{:?}", creds(&run)).contains(creds(&run).registries[0].password.expose()));
    // Serialising the credentials for the host is the one deliberate exposure.
    let json = serde_json::to_value(creds(&run)).unwrap();
    assert_eq!(json["registries"][0]["password"], creds(&run).registries[0].password.expose());
    assert_eq!(json["registries"][0]["loginServer"], "myacr.azurecr.io");
}

#[test]
fn late_and_unknown_responses_are_ignored() {
    let mut l = Login::new(&oidc(&["myacr"]), T0).unwrap();
    l.handle_response(999, HttpResponse::new(200, "{}"), T0);
    l.handle_transport_error(998, TransportErrorKind::Dns, "x", T0);
    assert!(matches!(l.poll(), Step::Mask(_)));
    assert!(matches!(l.poll(), Step::Send(_)));
}

// ---- real-Azure shapes the happy path does not exercise --------------------------------------

const ACR_401: &str = r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit https://aka.ms/acr/authorization for more information."}]}"#;

#[test]
fn domain_name_label_login_servers_get_fixes_for_the_registry_name() {
    // A registry created with a domain name label scope is served at `<name>-<hash>.azurecr.io`;
    // `az acr …  -n` wants the name (which has no dash: registry names are letters and digits).
    let mut fake = Fake::new();
    fake.granted = vec![];
    let run = login(&oidc(&["myacr-e2fjh3c5dqb8a7hz.azurecr.io"]), &mut fake);
    assert_eq!(top_id(&run), "AL030");
    let top = failure(&run).top.clone().unwrap();
    assert!(top.fix[0].contains("$(az acr show -n myacr --query id -o tsv)"), "{}", top.fix[0]);

    // The admin user is named after the registry, not after its login server.
    let mut fake = Fake::new();
    fake.admin_disabled = true;
    let o = basic(&["myacr-e2fjh3c5dqb8a7hz.azurecr.io"], "myacr", fake.basic_pass);
    let run = login(&o, &mut fake);
    assert_eq!(top_id(&run), "AL061");
    assert!(failure(&run).top.as_ref().unwrap().fix[0].contains("az acr update -n myacr --admin-enabled true"));
}

#[test]
fn challenges_split_over_several_headers_are_read_together() {
    // Node hands the host every header line apart (`rawHeaders`): a proxy's Basic challenge may
    // come first, the registry's Bearer challenge second.
    let mut fake = Fake::new();
    fake.fault(
        Ep::Challenge,
        Fault::Raw(
            HttpResponse::new(401, ACR_401)
                .with_header("www-authenticate", r#"Basic realm="corporate proxy""#)
                .with_header("WWW-Authenticate", r#"Bearer realm="https://auth.myacr.azurecr.io/oauth2/token",service="myacr.azurecr.io""#),
        ),
    );
    let run = login(&oidc(&["myacr"]), &mut fake);
    creds(&run);
    assert_eq!(fake.count(Ep::Challenge), 1);
    assert!(fake.requests(Ep::Exchange)[0].url.starts_with("https://auth.myacr.azurecr.io/"));
}

/// A login whose registry answers `/v2/` with a Bearer challenge naming `realm`: the fake (to count
/// what reached the realm) and the run.
fn challenged_with(o: &LoginOptions, realm: &str, service: &str, fake: &mut Fake) -> Run {
    let header = format!(r#"Bearer realm="{realm}",service="{service}""#);
    fake.fault(Ep::Challenge, Fault::Raw(HttpResponse::new(401, ACR_401).with_header("WWW-Authenticate", &header)));
    login(o, fake)
}

#[test]
fn a_realm_that_is_not_https_never_receives_the_entra_token() {
    for realm in ["http://auth.myacr.azurecr.io/oauth2/token", "/oauth2/token", ""] {
        let mut fake = Fake::new();
        let run = challenged_with(&oidc(&["myacr"]), realm, "myacr.azurecr.io", &mut fake);
        assert_eq!(fake.count(Ep::Exchange), 0, "{realm:?}: nothing sent to the realm");
        let d = failure(&run);
        let failing = d.checks.iter().find(|c| c.status == CheckStatus::Fail).unwrap();
        assert_eq!(failing.kind, CheckKind::Challenge, "{realm:?}");
        assert!(d.message().contains("https"), "{realm:?}: {}", d.message());
    }
    // A registry on the loopback interface (a local stand-in) may use plain http.
    let mut fake = Fake::new();
    fake.realm_prefix = "";
    fake.fault(
        Ep::Challenge,
        Fault::Raw(HttpResponse::new(401, ACR_401).with_header("WWW-Authenticate", r#"Bearer realm="http://127.0.0.1:5001/oauth2/token",service="127.0.0.1:5000""#)),
    );
    fake.fault(Ep::Exchange, Fault::Raw(HttpResponse::new(401, ACR_401)));
    let mut l = Login::new(&oidc(&["127.0.0.1:5000"]), T0).unwrap();
    let _ = drive(&mut l, &mut fake);
    assert_eq!(fake.requests(Ep::Exchange)[0].url, "http://127.0.0.1:5001/oauth2/exchange");
}

#[test]
fn an_entra_token_goes_to_azure_registries_and_local_stand_ins_only() {
    // A registry outside Azure's domains never sees a request: the step stops at its options.
    for host in ["ghcr.io", "registry.example.com:5000", "myacr.azurecr.io.example.com", "127.0.0.1.example.com", "localhost.example.com"] {
        for auth_type in ["oidc", "client-secret", "managed-identity", "workload-identity"] {
            let o = LoginOptions { auth_type: Some(auth_type.into()), client_secret: Some(Secret::new("s")), ..oidc(&[host]) };
            let e = Login::new(&o, T0).err().unwrap_or_else(|| panic!("{host} with {auth_type} accepted"));
            assert_eq!((e.code(), e.input()), ("CONFIG_BAD_REGISTRY", "registry"), "{host} {auth_type}");
            assert!(e.to_string().contains("auth-type: basic"), "{e}");
        }
    }
    // Azure's registries in every cloud, and loopback stand-ins, are fine; so is any host for basic.
    for host in ["myacr", "gov.azurecr.us", "cn.azurecr.cn", "127.0.0.1:5443", "localhost:5000", "[::1]:5000"] {
        assert!(Login::new(&oidc(&[host]), T0).is_ok(), "{host}");
    }
    assert!(Login::new(&basic(&["registry.example.com"], "u", "p"), T0).is_ok());

    // A challenge pointing the token service anywhere but Azure's registries gets nothing.
    for realm in ["https://auth.example.com/oauth2/token", "https://myacr.azurecr.io.example.com/oauth2/token", "https://127.0.0.1:5001/oauth2/token"] {
        let mut fake = Fake::new();
        let run = challenged_with(&oidc(&["myacr"]), realm, "myacr.azurecr.io", &mut fake);
        assert_eq!(fake.count(Ep::Exchange), 0, "{realm}: nothing sent to the realm");
        let d = failure(&run);
        assert_eq!(d.checks.iter().find(|c| c.status == CheckStatus::Fail).unwrap().kind, CheckKind::Challenge, "{realm}");
        assert!(d.message().contains("not an Azure registry"), "{realm}: {}", d.message());
    }
    // A stand-in on loopback keeps its realm on loopback too.
    let mut fake = Fake::new();
    fake.realm_prefix = "";
    fake.fault(
        Ep::Challenge,
        Fault::Raw(HttpResponse::new(401, ACR_401).with_header("WWW-Authenticate", r#"Bearer realm="https://auth.example.com/oauth2/token",service="127.0.0.1:5000""#)),
    );
    let run = login(&oidc(&["127.0.0.1:5000"]), &mut fake);
    assert_eq!(fake.count(Ep::Exchange), 0);
    assert!(failure(&run).message().contains("not an Azure registry"));
}

#[test]
fn tokens_that_are_not_strings_are_not_credentials() {
    // A number where the refresh token belongs must not end up in the docker config as "12345678".
    let mut fake = Fake::new();
    fake.fault(Ep::Exchange, Fault::Body(r#"{"refresh_token":12345678}"#));
    let run = login(&oidc(&["myacr"]), &mut fake);
    let d = failure(&run);
    assert_eq!(d.checks.iter().find(|c| c.status == CheckStatus::Fail).unwrap().kind, CheckKind::RefreshToken);
    for (ep, body) in [(Ep::Github, r#"{"value":1234567890}"#), (Ep::Entra, r#"{"access_token":42,"expires_in":"3599"}"#), (Ep::Token, r#"{"access_token":true}"#)] {
        let mut fake = Fake::new();
        fake.fault(ep, Fault::Body(body));
        let o = LoginOptions { repository: Some("team/app".into()), ..oidc(&["myacr"]) };
        let run = login(&o, &mut fake);
        assert!(run.outcome.is_err(), "{ep:?}: {body}");
    }
}

#[test]
fn the_exchange_names_the_tenant_by_id_even_when_given_by_domain() {
    // `tenant-id: contoso.onmicrosoft.com` is fine for Entra; ACR's `tenant` is the tenant ID of
    // the token, which the token itself carries.
    let mut fake = Fake::new();
    let o = LoginOptions { tenant_id: Some("contoso.onmicrosoft.com".into()), ..oidc(&["myacr"]) };
    let run = login(&o, &mut fake);
    creds(&run);
    assert!(fake.requests(Ep::Entra)[0].url.contains("/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    let form: HashMap<String, String> = fake.requests(Ep::Exchange)[0].form().into_iter().collect();
    assert_eq!(form["tenant"], TENANT);
}

#[test]
fn a_retry_after_date_is_not_read_as_seconds() {
    let mut fake = Fake::new();
    for _ in 0..10 {
        fake.fault(Ep::Exchange, Fault::Status(429, Some("Wed, 21 Oct 2015 07:28:00 GMT")));
    }
    let run = login(&oidc(&["myacr"]), &mut fake);
    assert_eq!(top_id(&run), "AL043");
    let m = failure(&run).message();
    assert!(!m.contains("GMT s"), "{m}");
    assert!(m.contains("Retry-After Wed, 21 Oct 2015 07:28:00 GMT"), "{m}");
}

#[test]
fn evidence_is_redacted_before_it_is_shortened() {
    // A token that straddles the evidence's length limit must not survive as a fragment.
    let mut fake = Fake::new();
    let body = format!("{} eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY3IiLCJleHAiOjE4MDAwMDAwMDB9.c2lnbmF0dXJlLXZhbHVlLTAxMjM0NTY3ODk", "x".repeat(250));
    fake.fault(Ep::Exchange, Fault::Raw(HttpResponse::new(401, body)));
    let run = login(&oidc(&["myacr"]), &mut fake);
    let top = failure(&run).top.clone().unwrap();
    let ev = top.evidence.unwrap_or_default();
    assert!(!ev.contains("eyJ"), "{ev}");
}

#[test]
fn a_server_body_cannot_start_a_line_of_the_log() {
    // The log is the runner's command channel: a line starting with `::` is a workflow command. A
    // registry's (or a proxy's) words are quoted on one line, after our own prefix.
    let mut fake = Fake::new();
    fake.fault(Ep::Exchange, Fault::Raw(HttpResponse::new(401, "denied\n::add-mask::x\r\n::set-output name=loggedIn::true\n")));
    let run = login(&oidc(&["myacr"]), &mut fake);
    let d = failure(&run);
    for text in [crate::diagnose::render_text(d), d.message(), crate::diagnose::render_markdown(d, "x")] {
        assert!(text.lines().all(|l| !l.trim_start().starts_with("::")), "{text}");
    }
    assert_eq!(d.top.as_ref().unwrap().evidence.as_deref(), Some("denied ::add-mask::x ::set-output name=loggedIn::true"));
}

#[test]
fn imds_404_and_410_are_waited_out_like_the_azure_sdks_do() {
    // IMDS answers 404 while a just-assigned identity is not there yet, and 410 while it is
    // being updated; both pass on their own.
    let o = LoginOptions { auth_type: Some("managed-identity".into()), tenant_id: None, client_id: None, ..oidc(&["myacr"]) };
    for status in [404, 410] {
        let mut fake = Fake::new();
        fake.fault(Ep::Imds, Fault::Status(status, None));
        let run = login(&o, &mut fake);
        creds(&run);
        assert_eq!(fake.count(Ep::Imds), 2, "{status}");
        assert!(run.notices.iter().any(|n| n.contains(&format!("HTTP {status}"))), "{:?}", run.notices);
    }
    // One that stays: bounded by the attempts, then explained.
    let mut fake = Fake::new();
    for _ in 0..10 {
        fake.fault(Ep::Imds, Fault::Status(404, None));
    }
    let run = login(&o, &mut fake);
    assert_eq!(fake.count(Ep::Imds), 4);
    let d = failure(&run);
    assert_eq!(d.checks.iter().find(|c| c.status == CheckStatus::Fail).unwrap().kind, CheckKind::ImdsToken);
    assert!(d.message().contains("system-assigned identity"), "{}", d.message());
}

#[test]
fn a_realm_that_only_looks_local_gets_nothing_over_plain_http() {
    // `127.…` names and `localhost` followed by more labels resolve wherever their DNS says:
    // plain http is for the loopback interface only, and so is the password or the Entra token.
    let basic = LoginOptions { verify_basic: Some(true), ..basic(&["registry.example.com"], "u", "admin-password-0123456789") };
    let cases: [(&LoginOptions, &str); 4] = [
        (&basic, "http://127.0.0.1.nip.io/oauth2/token"),
        (&basic, "http://127.evil.example/oauth2/token"),
        (&basic, "http://localhost.evil.example/oauth2/token"),
        (&oidc(&["myacr"]), "http://127.0.0.1.azurecr.io/oauth2/token"),
    ];
    for (o, realm) in cases {
        let mut fake = Fake::new();
        fake.fault(Ep::Exchange, Fault::Raw(HttpResponse::new(401, ACR_401)));
        fake.fault(Ep::Token, Fault::Raw(HttpResponse::new(401, ACR_401)));
        let run = challenged_with(o, realm, "x", &mut fake);
        assert_eq!(fake.count(Ep::Exchange) + fake.count(Ep::Token), 0, "{realm}: nothing sent to the realm");
        let d = failure(&run);
        assert_eq!(d.checks.iter().find(|c| c.status == CheckStatus::Fail).unwrap().kind, CheckKind::Challenge, "{realm}");
    }
}

#[test]
fn a_realm_whose_host_a_url_parser_reads_differently_gets_nothing() {
    // What the core checks must be the host the host's fetch (a WHATWG URL parser) reaches: there a
    // backslash ends the host like `/` does, and user information comes before the last `@`.
    let azure = [
        r"https://evil.example\\.azurecr.io/oauth2/token",
        r"https://evil.example\\@myacr.azurecr.io/oauth2/token",
        "https://myacr.azurecr.io:443@evil.example/oauth2/token",
        "https://evil.example%2F.azurecr.io/oauth2/token",
    ];
    let local = ["https://127.0.0.1:5001@evil.example/oauth2/token", "https://localhost:5001@evil.example/oauth2/token", "https://[::1]x@evil.example/oauth2/token"];
    let cases = azure.iter().map(|r| ("myacr", *r)).chain(local.iter().map(|r| ("127.0.0.1:5000", *r)));
    for (registry, realm) in cases {
        let mut fake = Fake::new();
        fake.fault(Ep::Exchange, Fault::Raw(HttpResponse::new(401, ACR_401)));
        let run = challenged_with(&oidc(&[registry]), realm, "x", &mut fake);
        assert_eq!(fake.count(Ep::Exchange), 0, "{realm}: the Entra token went to {:?}", fake.requests(Ep::Exchange).first().map(|r| &r.url));
        let d = failure(&run);
        assert_eq!(d.checks.iter().find(|c| c.status == CheckStatus::Fail).unwrap().kind, CheckKind::Challenge, "{realm}");
    }
}

#[test]
fn a_legacy_kubernetes_secret_token_gets_no_credential_to_create() {
    // Entra cannot federate `kubernetes/serviceaccount` (not a URL it can fetch keys from): a
    // credential with that issuer is not a fix, the projected token is.
    let legacy = jwt(json!({
        "iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:ci:builder",
        "kubernetes.io/serviceaccount/namespace": "ci", "kubernetes.io/serviceaccount/service-account.name": "builder",
        "kubernetes.io/serviceaccount/secret.name": "builder-token-x7k2p",
    }));
    let o = workload_identity(legacy);
    for code in [70021, 70025] {
        let mut fake = Fake::new();
        fake.entra_error = Some((400, code, "No matching federated identity record found for presented assertion.".into()));
        let run = login(&o, &mut fake);
        let top = failure(&run).top.clone().unwrap();
        assert!(top.fix.iter().all(|f| !f.contains("federated-credential create")), "AADSTS{code}: {:?}", top.fix);
        assert!(top.fix.iter().any(|f| f.contains("legacy") && f.contains("AZURE_FEDERATED_TOKEN_FILE")), "AADSTS{code}: {:?}", top.fix);
    }
}
