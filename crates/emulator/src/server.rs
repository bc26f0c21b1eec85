//! Start-up (keys, PKI, listeners, files) and the per-request pipeline shared by every listener:
//! fault decision → service handler → fault damage → request log.

use crate::faults::{FaultKind, FaultState, Fired};
use crate::http::{self, Handler, Outcome, Request, Response};
use crate::jose::RsaSigningKey;
use crate::log::{LogInfo, RequestLog};
use crate::pki::{Leaf, Pki};
use crate::scenario::Scenario;
use crate::util::{random_secret, system_now_f64};
use crate::world::{resolve_expiry, Keys, Shared, Urls, World};
use crate::{acr, admin, entra, github};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The scenario file is missing, malformed or inconsistent.
    #[error(transparent)]
    Scenario(#[from] crate::scenario::ScenarioError),
    /// A listener could not bind on 127.0.0.1 or a state file could not be written.
    #[error("I/O error while starting ({what}): {detail}")]
    Io { what: String, detail: String },
    /// Key or certificate generation failed.
    #[error("key material: {0}")]
    Keys(String),
}

impl StartError {
    pub fn code(&self) -> &'static str {
        match self {
            StartError::Scenario(e) => e.code(),
            StartError::Io { .. } => "START_IO",
            StartError::Keys(_) => "START_KEYS",
        }
    }
}

fn io_err(what: &str) -> impl FnOnce(std::io::Error) -> StartError + '_ {
    move |e| StartError::Io {
        what: what.to_string(),
        detail: e.to_string(),
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where the CA, certificates, registry configs, request log and token file go (created if
    /// missing); a fresh temporary directory when `None`.
    pub state_dir: Option<PathBuf>,
    /// Directory caching the issuers' RSA keys across runs (RSA key generation dominates start-up).
    pub key_cache: Option<PathBuf>,
}

/// A started emulator: the ready document and the shared state (for in-process use and tests).
pub struct Running {
    pub ready: Value,
    pub shared: Arc<Shared>,
}

#[derive(Clone)]
enum Role {
    Github,
    Entra,
    Imds,
    Acr(String),
    Admin,
}

fn bind() -> Result<TcpListener, StartError> {
    TcpListener::bind("127.0.0.1:0").map_err(io_err("bind 127.0.0.1"))
}

fn port_of(l: &TcpListener) -> u16 {
    l.local_addr().map(|a| a.port()).unwrap_or(0)
}

/// A free port for a registry the emulator does not run itself (released at once; the registry
/// binds it moments later).
fn reserve_port() -> Result<u16, StartError> {
    let l = bind()?;
    Ok(port_of(&l))
}

fn load_or_generate(cache: Option<&Path>, name: &str, cn: &str) -> Result<RsaSigningKey, String> {
    if let Some(dir) = cache {
        let path = dir.join(format!("{name}.pk8"));
        if let Ok(der) = std::fs::read(&path) {
            if let Ok(k) = RsaSigningKey::from_pkcs8(&der, cn) {
                return Ok(k);
            }
        }
        let key = RsaSigningKey::generate(cn).map_err(|e| e.to_string())?;
        let _ = std::fs::create_dir_all(dir);
        let tmp = dir.join(format!("{name}.pk8.{}", std::process::id()));
        if std::fs::write(&tmp, key.pkcs8()).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
        return Ok(key);
    }
    RsaSigningKey::generate(cn).map_err(|e| e.to_string())
}

fn registry_config_yaml(
    listen: &str,
    leaf_cert: &Path,
    leaf_key: &Path,
    storage: &Path,
    realm: &str,
    service: &str,
    ca: &Path,
) -> String {
    // CNCF distribution 2.8 configuration; token auth with the emulator as realm, like ACR.
    format!(
        "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {storage}\n  delete:\n    enabled: true\n  maintenance:\n    uploadpurging:\n      enabled: false\nhttp:\n  addr: {listen}\n  tls:\n    certificate: {cert}\n    key: {key}\nauth:\n  token:\n    realm: \"{realm}\"\n    service: \"{service}\"\n    issuer: \"{issuer}\"\n    rootcertbundle: {ca}\n",
        storage = storage.display(),
        cert = leaf_cert.display(),
        key = leaf_key.display(),
        issuer = acr::ISSUER,
        ca = ca.display(),
    )
}

pub fn start(scenario: Scenario, opts: Options) -> Result<Running, StartError> {
    let t0 = Instant::now();
    scenario.validate()?;
    let state_dir = match &opts.state_dir {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!(
            "acr-emulator-{}-{}",
            std::process::id(),
            crate::util::hex(&crate::util::random_bytes::<4>())
        )),
    };
    std::fs::create_dir_all(&state_dir).map_err(io_err("create state dir"))?;

    // RSA generation is the slow part: run the three in parallel with everything else.
    let cache = opts.key_cache.clone();
    let keygen: Vec<_> = [
        ("github", "GitHub Actions OIDC (emulator)"),
        ("entra", "Entra ID token signing (emulator)"),
        ("workload", "Workload identity issuer (emulator)"),
    ]
    .into_iter()
    .map(|(name, cn)| {
        let cache = cache.clone();
        std::thread::spawn(move || load_or_generate(cache.as_deref(), name, cn))
    })
    .collect();

    let now = system_now_f64();
    let pki = Pki::generate(now as i64).map_err(|e| StartError::Keys(e.to_string()))?;
    let tls = pki
        .server_config()
        .map_err(|e| StartError::Keys(e.to_string()))?;
    let ca_path = state_dir.join("ca.crt");
    std::fs::write(&ca_path, &pki.ca_pem).map_err(io_err("write ca.crt"))?;

    let github_l = bind()?;
    let entra_l = bind()?;
    let imds_l = bind()?;
    let admin_l = bind()?;
    let mut urls = Urls {
        github: format!("https://127.0.0.1:{}", port_of(&github_l)),
        entra: format!("https://127.0.0.1:{}", port_of(&entra_l)),
        imds: format!("http://127.0.0.1:{}", port_of(&imds_l)),
        admin: format!("http://127.0.0.1:{}", port_of(&admin_l)),
        acr: HashMap::new(),
    };

    let start_secs = now as i64;
    let mut login_servers = HashMap::new();
    let mut acr_listeners = Vec::new();
    let mut registry_ready = serde_json::Map::new();
    for reg in &scenario.registries {
        let l = bind()?;
        let auth = format!("https://127.0.0.1:{}", port_of(&l));
        let login = match &reg.login_server {
            Some(s) => s.clone(),
            None => format!("127.0.0.1:{}", reserve_port()?),
        };
        let dir = state_dir.join(format!("registry-{}", reg.name));
        let storage = dir.join("storage");
        std::fs::create_dir_all(&storage).map_err(io_err("create registry dir"))?;
        let leaf: Leaf = pki
            .issue_server_leaf(start_secs)
            .map_err(|e| StartError::Keys(e.to_string()))?;
        let (cert_path, key_path) = (dir.join("tls.crt"), dir.join("tls.key"));
        std::fs::write(&cert_path, format!("{}{}", leaf.cert_pem, pki.ca_pem))
            .map_err(io_err("write registry cert"))?;
        std::fs::write(&key_path, &leaf.key_pem).map_err(io_err("write registry key"))?;
        let realm = format!("{auth}/oauth2/token");
        let config_path = dir.join("config.yml");
        std::fs::write(
            &config_path,
            registry_config_yaml(
                &login, &cert_path, &key_path, &storage, &realm, &login, &ca_path,
            ),
        )
        .map_err(io_err("write registry config"))?;
        registry_ready.insert(
            reg.name.clone(),
            json!({
                "loginServer": login,
                "service": login,
                "realm": realm,
                "authUrl": auth,
                "registryConfig": config_path,
                "tlsCert": cert_path,
                "tlsKey": key_path,
                "storageDir": storage,
                "issuer": acr::ISSUER,
            }),
        );
        login_servers.insert(reg.name.clone(), login);
        urls.acr.insert(reg.name.clone(), auth);
        acr_listeners.push((reg.name.clone(), l));
    }

    let mut fic_created = HashMap::new();
    let mut secret_expiry = HashMap::new();
    for t in &scenario.tenants {
        for a in &t.apps {
            for f in &a.federated_credentials {
                fic_created.insert((a.client_id.clone(), f.name.clone()), now);
            }
            for s in &a.secrets {
                secret_expiry.insert(
                    format!("secret:{}:{}", a.client_id, s.value),
                    resolve_expiry(s.expires, s.expires_in_secs, start_secs),
                );
            }
        }
        for m in &t.managed_identities {
            for f in &m.federated_credentials {
                fic_created.insert((m.client_id.clone(), f.name.clone()), now);
            }
        }
    }
    for r in &scenario.registries {
        for t in &r.tokens {
            secret_expiry.insert(
                format!("token:{}:{}", r.name, t.name),
                resolve_expiry(t.expires, t.expires_in_secs, start_secs),
            );
        }
    }
    let request_token = scenario
        .github
        .request_token
        .clone()
        .unwrap_or_else(random_secret);
    let mut faults = FaultState::new(scenario.seed);
    for f in &scenario.faults {
        faults
            .add(f.clone())
            .map_err(|e| StartError::Scenario(crate::scenario::ScenarioError::Invalid(e)))?;
    }
    let log_path = state_dir.join("requests.jsonl");
    let log =
        RequestLog::create(&log_path.to_string_lossy()).map_err(io_err("create request log"))?;

    let mut keys: Vec<RsaSigningKey> = Vec::new();
    for h in keygen {
        keys.push(
            h.join()
                .map_err(|_| StartError::Keys("key generation panicked".into()))?
                .map_err(StartError::Keys)?,
        );
    }
    let workload = keys.pop().expect("3 keys");
    let entra_key = keys.pop().expect("3 keys");
    let github_key = keys.pop().expect("3 keys");

    let world = World {
        scenario: scenario.clone(),
        fic_created,
        login_servers,
        invalid_before: HashMap::new(),
        github_request_token: request_token.clone(),
        secret_expiry,
    };
    let shared = Arc::new(Shared::new(
        world,
        faults,
        log,
        Keys {
            github: github_key,
            entra: entra_key,
            workload,
        },
        pki,
        urls.clone(),
        state_dir.clone(),
        random_secret(),
    ));

    let token_file = state_dir.join("azure-identity-token");
    let wi_ready = match &scenario.host.workload_identity {
        Some(wi) => {
            std::fs::write(&token_file, github::mint_workload(&shared, wi))
                .map_err(io_err("write workload token"))?;
            json!({"tokenFile": token_file, "issuer": wi.issuer, "issuerUrl": format!("{}{}", urls.github, github::WORKLOAD_PREFIX), "subject": wi.subject})
        }
        None => Value::Null,
    };

    let handler = |role: Role| -> Handler {
        let shared = shared.clone();
        Arc::new(move |req: &Request| dispatch(&shared, &role, req))
    };
    http::serve(github_l, Some(tls.clone()), handler(Role::Github));
    http::serve(entra_l, Some(tls.clone()), handler(Role::Entra));
    http::serve(imds_l, None, handler(Role::Imds));
    http::serve(admin_l, None, handler(Role::Admin));
    for (name, l) in acr_listeners {
        http::serve(l, Some(tls.clone()), handler(Role::Acr(name)));
    }

    let token_url = github::token_url(&urls.github, &scenario.github.job);
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    let job = &scenario.github.job;
    if scenario.github.id_token_permission {
        env.insert("ACTIONS_ID_TOKEN_REQUEST_URL".into(), token_url.clone());
        env.insert(
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN".into(),
            request_token.clone(),
        );
    }
    for (k, v) in [
        ("GITHUB_ACTIONS", "true".to_string()),
        ("GITHUB_REPOSITORY", job.repository.clone()),
        ("GITHUB_REPOSITORY_OWNER", job.owner().to_string()),
        ("GITHUB_REF", job.git_ref.clone()),
        ("GITHUB_SHA", job.sha.clone()),
        ("GITHUB_EVENT_NAME", job.event_name.clone()),
        ("GITHUB_RUN_ID", job.run_id.clone()),
        ("GITHUB_RUN_ATTEMPT", job.run_attempt.clone()),
        ("GITHUB_WORKFLOW", job.workflow.clone()),
        ("GITHUB_ACTOR", job.actor.clone()),
        ("AZURE_AUTHORITY_HOST", urls.entra.clone()),
        ("ACR_EMULATOR_IMDS_ENDPOINT", urls.imds.clone()),
        ("NODE_EXTRA_CA_CERTS", ca_path.to_string_lossy().to_string()),
    ] {
        env.insert(k.into(), v);
    }
    if !scenario.host.managed_identities.is_empty() {
        env.insert(
            "IDENTITY_ENDPOINT".into(),
            format!("{}/msi/token", urls.imds),
        );
        env.insert(
            "IDENTITY_HEADER".into(),
            shared.imds_identity_header.clone(),
        );
    }
    if let Some(wi) = &scenario.host.workload_identity {
        let world = shared.read();
        let client_id = world
            .client_by_ref(&wi.client)
            .map(|c| c.client_id.to_string())
            .unwrap_or_else(|| wi.client.clone());
        let tenant = wi
            .tenant
            .clone()
            .or_else(|| {
                world
                    .client_by_ref(&wi.client)
                    .map(|c| c.tenant_id.to_string())
            })
            .unwrap_or_default();
        env.insert("AZURE_CLIENT_ID".into(), client_id);
        env.insert("AZURE_TENANT_ID".into(), tenant);
        env.insert(
            "AZURE_FEDERATED_TOKEN_FILE".into(),
            token_file.to_string_lossy().to_string(),
        );
    }
    let substitute = |v: &str| -> String {
        let world = shared.read();
        let mut out = v.to_string();
        for reg in &scenario.registries {
            let ls = world
                .login_servers
                .get(&reg.name)
                .cloned()
                .unwrap_or_default();
            out = out.replace(&format!("{{login_server:{}}}", reg.name), &ls);
        }
        if let Some(first) = scenario.registries.first() {
            out = out.replace(
                "{login_server}",
                world
                    .login_servers
                    .get(&first.name)
                    .map(String::as_str)
                    .unwrap_or(""),
            );
        }
        out
    };
    if let Some(first) = scenario.registries.first() {
        env.insert(
            "ACR_EMULATOR_LOGIN_SERVER".into(),
            substitute(&format!("{{login_server:{}}}", first.name)),
        );
    }
    for (k, v) in &scenario.runner.env {
        env.insert(k.clone(), substitute(v));
    }
    let inputs: BTreeMap<String, String> = scenario
        .runner
        .inputs
        .iter()
        .map(|(k, v)| (k.clone(), substitute(v)))
        .collect();

    let tenants: Vec<Value> = scenario
        .tenants
        .iter()
        .map(|t| json!({"id": t.id, "domain": t.domain, "tokenUrl": format!("{}/{}/oauth2/v2.0/token", urls.entra, t.id)}))
        .collect();
    let ready = json!({
        "event": "ready",
        "pid": std::process::id(),
        "scenario": scenario.name,
        "stateDir": state_dir,
        "caPath": ca_path,
        "requestLog": log_path,
        "adminUrl": urls.admin,
        "github": {
            "issuer": scenario.github.issuer,
            "issuerUrl": urls.github,
            "discoveryUrl": format!("{}/.well-known/openid-configuration", urls.github),
            "jwksUri": format!("{}/.well-known/jwks", urls.github),
            "tokenUrl": token_url,
            "requestToken": request_token,
        },
        "entra": {"authorityHost": urls.entra, "tenants": tenants},
        "imds": {
            "url": format!("{}/metadata/identity/oauth2/token", urls.imds),
            "identityEndpoint": format!("{}/msi/token", urls.imds),
            "identityHeader": shared.imds_identity_header,
        },
        "workloadIdentity": wi_ready,
        "registries": registry_ready,
        "env": env,
        "inputs": inputs,
        "trustEnv": {
            "NODE_EXTRA_CA_CERTS": ca_path,
            "SSL_CERT_FILE": ca_path,
            "REQUESTS_CA_BUNDLE": ca_path,
        },
        "readyMs": (t0.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
    });
    let _ = std::fs::write(
        state_dir.join("ready.json"),
        serde_json::to_vec_pretty(&ready).expect("json"),
    );
    Ok(Running { ready, shared })
}

fn fault_response(role: &Role, fired: &Fired, req: &Request, now: i64) -> Response {
    let mut r = match role {
        Role::Github => github::vss_error(
            fired.status,
            "The service is temporarily unavailable.",
            "ServiceUnavailableException",
        ),
        Role::Entra => entra::error_response(&entra::fault_error(fired.status), now, req),
        Role::Imds => entra::imds_fault_body(fired.status),
        Role::Acr(_) => acr::fault_body(fired.status, fired.retry_after),
        Role::Admin => Response::new(fired.status),
    };
    r.status = fired.status;
    if let Some(s) = fired.retry_after {
        r.set_header("Retry-After", s.to_string());
    }
    r
}

/// Keeps the content but breaks the syntax: `{"a":"b"}` → `{"a":"b",}`.
fn malformed(mut r: Response) -> Response {
    let mut body = r.body.clone();
    if body.last() == Some(&b'}') {
        body.pop();
        body.extend_from_slice(b",}");
    } else {
        body.extend_from_slice(b"{\"");
    }
    r.body = body;
    r.set_header("Content-Type", "application/json; charset=utf-8");
    r
}

fn portal_page() -> Response {
    Response::text(
        200,
        "text/html; charset=utf-8",
        "<!DOCTYPE html><html><head><title>Network sign-in required</title></head><body><h1>Sign in to continue</h1><p>Your request was intercepted by a network gateway.</p></body></html>",
    )
}

fn dispatch(shared: &Arc<Shared>, role: &Role, req: &Request) -> Outcome {
    if let Role::Admin = role {
        return Outcome::Respond(admin::handle(shared, req));
    }
    let t0 = Instant::now();
    let (service, endpoint, registry) = match role {
        Role::Github => ("github", github::endpoint(req), None),
        Role::Entra => ("entra", entra::endpoint(req), None),
        Role::Imds => ("imds", entra::imds_endpoint(req), None),
        Role::Acr(name) => ("acr", acr::endpoint(req), Some(name.clone())),
        Role::Admin => unreachable!(),
    };
    let mut info = LogInfo {
        endpoint: endpoint.into(),
        registry: registry.clone(),
        ..Default::default()
    };
    let handle = |info: &mut LogInfo| -> Response {
        match role {
            Role::Github => github::handle(shared, req, info),
            Role::Entra => entra::handle(shared, req, info),
            Role::Imds => entra::handle_imds(shared, req, info),
            Role::Acr(name) => acr::handle(shared, name, req, info),
            Role::Admin => unreachable!(),
        }
    };
    let fired = shared
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .decide(endpoint, registry.as_deref(), shared.now_f64());
    let outcome = match fired {
        None => Outcome::Respond(handle(&mut info)),
        Some(f) => {
            info.fault = Some(format!(
                "{}:{}",
                f.rule_id,
                serde_json::to_value(f.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ));
            match f.kind {
                FaultKind::Status | FaultKind::Throttle => {
                    info.outcome = format!("FAULT_{}", f.status);
                    Outcome::Respond(fault_response(role, &f, req, shared.now()))
                }
                FaultKind::Reset => {
                    info.outcome = "FAULT_RESET".into();
                    Outcome::Reset
                }
                FaultKind::Close => {
                    info.outcome = "FAULT_CLOSE".into();
                    Outcome::Close
                }
                FaultKind::Delay => {
                    std::thread::sleep(std::time::Duration::from_millis(f.delay_ms));
                    Outcome::Respond(handle(&mut info))
                }
                FaultKind::CloseMidBody => Outcome::CloseMidBody(handle(&mut info)),
                FaultKind::TruncatedBody => {
                    let mut r = handle(&mut info);
                    let half = r.body.len() / 2;
                    r.body.truncate(half);
                    Outcome::Respond(r)
                }
                FaultKind::MalformedJson => Outcome::Respond(malformed(handle(&mut info))),
                FaultKind::WrongContentType => {
                    let _ = handle(&mut info);
                    Outcome::Respond(portal_page())
                }
            }
        }
    };
    let status = match &outcome {
        Outcome::Respond(r) | Outcome::CloseMidBody(r) => Some(r.status),
        _ => None,
    };
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    shared.log.write(&crate::log::entry(
        crate::util::next_seq(),
        shared.now_f64(),
        service,
        req,
        &info,
        status,
        ms,
    ));
    outcome
}
