//! The services wired together in-process: every AADSTS code and ACR decision the scenarios
//! promise, driven through the handlers with real tokens (no sockets; the Node e2e tests cover
//! the wire with the real registry and skopeo).

use crate::http::{Request, Response};
use crate::jose::parse_jwt;
use crate::log::LogInfo;
use crate::scenario::Scenario;
use crate::server::{start, Options, Running};
use crate::util::{b64std, urlencode};
use serde_json::{json, Value};
use std::path::PathBuf;

const TENANT: &str = "8d5c1f2e-3b4a-4c6d-9e8f-0a1b2c3d4e5f";
const DEPLOYER: &str = "2b7e4c1a-9f3d-4e8b-a6c5-1d0f9e8b7a63";
const PULLER: &str = "6a1d3e5f-7b9c-4d2e-8f0a-b1c2d3e4f5a6";
const NOROLE: &str = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const ACR_SCOPE: &str = "https://containerregistry.azure.net/.default";

fn scenario(name: &str) -> Scenario {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(format!("{name}.toml"));
    Scenario::from_file(&path.display().to_string()).unwrap()
}

/// Starts with the fixture RSA key in a key cache, so no key is generated (slow unoptimised).
fn boot(s: Scenario) -> Running {
    let dir = std::env::temp_dir().join(format!(
        "acr-emu-test-{}",
        crate::util::hex(&crate::util::random_bytes::<6>())
    ));
    let cache = dir.join("keys");
    std::fs::create_dir_all(&cache).unwrap();
    for name in ["github", "entra", "workload"] {
        std::fs::write(
            cache.join(format!("{name}.pk8")),
            include_bytes!("testdata/rsa-test-key.pk8"),
        )
        .unwrap();
    }
    start(
        s,
        Options {
            state_dir: Some(dir.join("state")),
            key_cache: Some(cache),
        },
    )
    .unwrap()
}

fn req(method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Request {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), crate::util::parse_pairs(q.as_bytes())),
        None => (target.to_string(), vec![]),
    };
    Request {
        method: method.into(),
        target: target.into(),
        path,
        query,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect(),
        body: body.as_bytes().to_vec(),
        peer: "127.0.0.1:5555".parse().unwrap(),
        chunked: false,
    }
}

fn json_of(r: &Response) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

struct Flow {
    run: Running,
}

impl Drop for Flow {
    fn drop(&mut self) {
        // The state dir's parent also holds the key cache; listeners die with the test process.
        if let Some(parent) = self.run.shared.state_dir.parent() {
            let _ = std::fs::remove_dir_all(parent);
        }
    }
}

impl Flow {
    fn new(name: &str) -> Flow {
        Flow {
            run: boot(scenario(name)),
        }
    }

    fn github_token(&self, audience: &str) -> Response {
        let url = self.run.ready["github"]["tokenUrl"].as_str().unwrap();
        let target = &url[url.find("/_apis").unwrap()..];
        let token = format!(
            "bearer {}",
            self.run.ready["github"]["requestToken"].as_str().unwrap()
        );
        let target = format!("{target}&audience={}", urlencode(audience));
        crate::github::handle(
            &self.run.shared,
            &req("GET", &target, &[("authorization", &token)], ""),
            &mut LogInfo::default(),
        )
    }

    fn assertion(&self) -> String {
        let r = self.github_token("api://AzureADTokenExchange");
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        json_of(&r)["value"].as_str().unwrap().to_string()
    }

    fn entra(&self, tenant: &str, fields: &[(&str, &str)]) -> (Response, LogInfo) {
        let mut info = LogInfo::default();
        let r = crate::entra::handle(
            &self.run.shared,
            &req(
                "POST",
                &format!("/{tenant}/oauth2/v2.0/token"),
                &[("content-type", "application/x-www-form-urlencoded")],
                &form(fields),
            ),
            &mut info,
        );
        (r, info)
    }

    fn entra_with_assertion(&self, client_id: &str, assertion: &str, scope: &str) -> Response {
        self.entra(
            TENANT,
            &[
                ("client_id", client_id),
                ("scope", scope),
                ("grant_type", "client_credentials"),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ),
                ("client_assertion", assertion),
            ],
        )
        .0
    }

    fn aadsts(&self, r: &Response) -> u64 {
        assert!(r.status == 400 || r.status == 401, "status {}", r.status);
        json_of(r)["error_codes"][0].as_u64().unwrap()
    }

    fn login_server(&self) -> String {
        self.run.ready["registries"]["contoso"]["loginServer"]
            .as_str()
            .unwrap()
            .to_string()
    }

    fn acr(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (Response, LogInfo) {
        let mut info = LogInfo::default();
        let mut h: Vec<(&str, &str)> = headers.to_vec();
        if !body.is_empty() {
            h.push(("content-type", "application/x-www-form-urlencoded"));
        }
        let r = crate::acr::handle(
            &self.run.shared,
            "contoso",
            &req(method, target, &h, body),
            &mut info,
        );
        (r, info)
    }

    fn exchange(&self, aad: &str) -> (Response, LogInfo) {
        let ls = self.login_server();
        self.acr(
            "POST",
            "/oauth2/exchange",
            &[],
            &form(&[
                ("grant_type", "access_token"),
                ("service", &ls),
                ("tenant", TENANT),
                ("access_token", aad),
            ]),
        )
    }

    fn refresh_for(&self, client_id: &str) -> String {
        let a = self.assertion();
        let aad = json_of(&self.entra_with_assertion(client_id, &a, ACR_SCOPE))["access_token"]
            .as_str()
            .unwrap()
            .to_string();
        let (r, _) = self.exchange(&aad);
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        json_of(&r)["refresh_token"].as_str().unwrap().to_string()
    }

    fn access_with_basic(&self, user: &str, pass: &str, scope: &str) -> (Response, LogInfo) {
        let ls = self.login_server();
        let basic = format!("Basic {}", b64std(format!("{user}:{pass}").as_bytes()));
        self.acr(
            "GET",
            &format!(
                "/oauth2/token?service={}&scope={}",
                urlencode(&ls),
                urlencode(scope)
            ),
            &[("authorization", &basic)],
            "",
        )
    }

    fn access_actions(&self, r: &Response) -> Vec<Value> {
        let token = json_of(r)["access_token"].as_str().unwrap().to_string();
        parse_jwt(&token).unwrap().claims["access"]
            .as_array()
            .unwrap()
            .clone()
    }
}

#[test]
fn github_token_has_real_claims_and_timing() {
    let f = Flow::new("oidc");
    let jwt = parse_jwt(&f.assertion()).unwrap();
    assert_eq!(jwt.header["alg"], "RS256");
    assert!(jwt.header.contains_key("x5t") && jwt.header.contains_key("kid"));
    let c = &jwt.claims;
    assert_eq!(c["iss"], "https://token.actions.githubusercontent.com");
    assert_eq!(c["sub"], "repo:octo-org/octo-repo:ref:refs/heads/main");
    assert_eq!(c["aud"], "api://AzureADTokenExchange");
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 300);
    assert_eq!(c["iat"].as_i64().unwrap() - c["nbf"].as_i64().unwrap(), 600);
    for k in [
        "repository_owner_id",
        "job_workflow_ref",
        "runner_environment",
        "ref_type",
        "jti",
        "actor_id",
    ] {
        assert!(c.contains_key(k), "missing {k}");
    }
    // Without an audience GitHub uses the owner's URL.
    let r = f.github_token("");
    let aud = parse_jwt(json_of(&r)["value"].as_str().unwrap())
        .unwrap()
        .claims["aud"]
        .clone();
    assert_eq!(aud, "https://github.com/octo-org");
    // A wrong request token is refused.
    let url = f.run.ready["github"]["tokenUrl"].as_str().unwrap();
    let r = crate::github::handle(
        &f.run.shared,
        &req(
            "GET",
            &url[url.find("/_apis").unwrap()..],
            &[("authorization", "bearer nope")],
            "",
        ),
        &mut LogInfo::default(),
    );
    assert_eq!(r.status, 401);
}

#[test]
fn happy_path_to_a_refresh_token_with_acr_claims() {
    let f = Flow::new("oidc");
    let a = f.assertion();
    let r = f.entra_with_assertion(DEPLOYER, &a, ACR_SCOPE);
    assert_eq!(r.status, 200);
    let body = json_of(&r);
    assert_eq!(body["token_type"], "Bearer");
    let exp_in = body["expires_in"].as_i64().unwrap();
    assert!((3600..=5400).contains(&exp_in), "{exp_in}");
    let aad = parse_jwt(body["access_token"].as_str().unwrap()).unwrap();
    assert_eq!(aad.claims["aud"], "https://containerregistry.azure.net");
    assert_eq!(aad.claims["tid"], TENANT);
    assert_eq!(aad.claims["appid"], DEPLOYER);
    assert_eq!(
        aad.claims["iss"],
        format!("https://sts.windows.net/{TENANT}/")
    );
    let rt = parse_jwt(&f.refresh_for(DEPLOYER)).unwrap();
    assert_eq!(rt.claims["iss"], "Azure Container Registry");
    assert_eq!(rt.claims["aud"], f.login_server());
    assert_eq!(rt.claims["grant_type"], "refresh_token");
    assert_eq!(rt.claims["tenant"], TENANT);
    assert_eq!(
        rt.claims["exp"].as_i64().unwrap() - rt.claims["iat"].as_i64().unwrap(),
        3 * 3600
    );
    assert_eq!(
        rt.claims["permissions"]["actions"],
        json!(["read", "write"])
    );
    assert!(rt.header["x5c"].is_array());
}

#[test]
fn federated_credential_mismatches_name_what_was_presented() {
    let f = Flow::new("oidc");
    let a = f.assertion();
    // Subject: move the job to an environment.
    f.run.shared.write().scenario.github.job.environment = Some("production".into());
    let a_env = f.assertion();
    let r = f.entra_with_assertion(DEPLOYER, &a_env, ACR_SCOPE);
    assert_eq!(f.aadsts(&r), 700213);
    let d = json_of(&r)["error_description"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(d.starts_with("AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:octo-org/octo-repo:environment:production'."), "{d}");
    f.run.shared.write().scenario.github.job.environment = None;
    // Audience: the owner-URL default.
    let a_default = json_of(&f.github_token(""))["value"]
        .as_str()
        .unwrap()
        .to_string();
    let r = f.entra_with_assertion(DEPLOYER, &a_default, ACR_SCOPE);
    assert_eq!(f.aadsts(&r), 700212);
    assert!(json_of(&r)["error_description"]
        .as_str()
        .unwrap()
        .contains("presented assertion audience 'https://github.com/octo-org'"));
    // Issuer.
    f.run.shared.write().scenario.tenants[0].apps[0].federated_credentials[0].issuer =
        "https://token.actions.githubusercontent.com/".into();
    assert_eq!(
        f.aadsts(&f.entra_with_assertion(DEPLOYER, &a, ACR_SCOPE)),
        700211
    );
    f.run.shared.write().scenario.tenants[0].apps[0]
        .federated_credentials
        .clear();
    assert_eq!(
        f.aadsts(&f.entra_with_assertion(DEPLOYER, &a, ACR_SCOPE)),
        70025
    );
}

#[test]
fn assertion_signature_time_and_missing_credentials() {
    let f = Flow::new("oidc");
    let a = f.assertion();
    let mut parts: Vec<String> = a.split('.').map(String::from).collect();
    // Another valid base64url signature of the same length: flip one character in the middle.
    let mut sig: Vec<char> = parts[2].chars().collect();
    sig[10] = if sig[10] == 'A' { 'B' } else { 'A' };
    parts[2] = sig.into_iter().collect();
    assert_eq!(
        f.aadsts(&f.entra_with_assertion(DEPLOYER, &parts.join("."), ACR_SCOPE)),
        700027
    );
    assert_eq!(
        f.aadsts(&f.entra_with_assertion(DEPLOYER, "not-a-jwt", ACR_SCOPE)),
        50027
    );
    f.run.shared.advance_clock(301.0);
    let r = f.entra_with_assertion(DEPLOYER, &a, ACR_SCOPE);
    assert_eq!(f.aadsts(&r), 700024);
    assert!(json_of(&r)["error_description"]
        .as_str()
        .unwrap()
        .contains("Client assertion is not within its valid time range. Current time: "));
    let (r, _) = f.entra(
        TENANT,
        &[
            ("client_id", DEPLOYER),
            ("scope", ACR_SCOPE),
            ("grant_type", "client_credentials"),
        ],
    );
    assert_eq!(f.aadsts(&r), 7000218);
    assert_eq!(r.status, 401);
}

#[test]
fn tenant_client_scope_and_resource_errors() {
    let f = Flow::new("oidc");
    let a = f.assertion();
    let base = |client: &'static str, scope: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("client_id", client.to_string()),
            ("scope", scope.to_string()),
            ("grant_type", "client_credentials".to_string()),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".to_string(),
            ),
        ]
    };
    let call = |tenant: &str, mut fields: Vec<(&'static str, String)>| {
        fields.push(("client_assertion", a.clone()));
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        f.entra(tenant, &pairs).0
    };
    assert_eq!(
        f.aadsts(&call(
            "0badf00d-0000-4000-8000-000000000000",
            base(DEPLOYER, ACR_SCOPE)
        )),
        90002
    );
    let r = call("contoso.onmicrosoft.com", base(DEPLOYER, ACR_SCOPE));
    assert_eq!(r.status, 200, "tenant by domain");
    assert_eq!(
        f.aadsts(&call("common", base(DEPLOYER, ACR_SCOPE))),
        9001023
    );
    assert_eq!(
        f.aadsts(&call("\"oops\"", base(DEPLOYER, ACR_SCOPE))),
        900023
    );
    let r = call(
        TENANT,
        base("0badc0de-0000-4000-8000-000000000000", ACR_SCOPE),
    );
    assert_eq!(f.aadsts(&r), 700016);
    assert_eq!(json_of(&r)["error"], "unauthorized_client");
    assert_eq!(
        f.aadsts(&call(
            TENANT,
            base(DEPLOYER, "https://containerregistry.azure.net")
        )),
        1002012
    );
    assert_eq!(f.aadsts(&call(TENANT, base(DEPLOYER, "https://containerregistry.azure.net/.default https://management.azure.com/.default"))), 70011);
    let r = call(
        TENANT,
        base(DEPLOYER, "https://contoso.azurecr.io/.default"),
    );
    assert_eq!(f.aadsts(&r), 500011);
    assert!(json_of(&r)["error_description"].as_str().unwrap().contains("resource principal named https://contoso.azurecr.io was not found in the tenant named contoso.onmicrosoft.com"));
    let mut missing = base(DEPLOYER, ACR_SCOPE);
    missing.retain(|(k, _)| *k != "grant_type");
    let r = call(TENANT, missing);
    assert_eq!(f.aadsts(&r), 900144);
    assert!(json_of(&r)["error_description"]
        .as_str()
        .unwrap()
        .contains("'grant_type'"));
}

#[test]
fn client_secrets_conditional_access_and_propagation() {
    let f = Flow::new("client-secret");
    let app = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a";
    let secret = |s: &str| {
        f.entra(
            TENANT,
            &[
                ("client_id", app),
                ("scope", ACR_SCOPE),
                ("grant_type", "client_credentials"),
                ("client_secret", s),
            ],
        )
        .0
    };
    let ok = secret("emu~SecretValue.For-Tests_0123456789abcdef");
    assert_eq!(ok.status, 200);
    assert_eq!(
        parse_jwt(json_of(&ok)["access_token"].as_str().unwrap())
            .unwrap()
            .claims["appidacr"],
        "1"
    );
    assert_eq!(
        f.aadsts(&secret("5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c")),
        7000215
    );
    f.run.shared.advance_clock(2.0 * 365.0 * 86400.0);
    assert_eq!(
        f.aadsts(&secret("emu~SecretValue.For-Tests_0123456789abcdef")),
        7000222
    );

    let f = Flow::new("conditional-access");
    let a = f.assertion();
    assert_eq!(
        f.aadsts(&f.entra_with_assertion(DEPLOYER, &a, ACR_SCOPE)),
        53003
    );

    let f = Flow::new("oidc-propagation");
    let a = f.assertion();
    let r = f.entra_with_assertion(DEPLOYER, &a, ACR_SCOPE);
    assert_eq!(f.aadsts(&r), 70021);
    assert!(json_of(&r)["error_description"]
        .as_str()
        .unwrap()
        .contains("Assertion Subject: 'repo:octo-org/octo-repo:ref:refs/heads/main'"));
    f.run.shared.advance_clock(61.0);
    let a = f.assertion();
    assert_eq!(f.entra_with_assertion(DEPLOYER, &a, ACR_SCOPE).status, 200);
}

#[test]
fn exchange_refuses_no_role_arm_when_disabled_expired_and_wrong_service() {
    let f = Flow::new("arm-audience-disabled");
    let a = f.assertion();
    let arm =
        json_of(&f.entra_with_assertion(DEPLOYER, &a, "https://management.azure.com/.default"))
            ["access_token"]
            .as_str()
            .unwrap()
            .to_string();
    let (r, info) = f.exchange(&arm);
    assert_eq!(r.status, 401);
    assert_eq!(info.outcome, "ARM_TOKEN_DISABLED");
    f.run.shared.write().scenario.registries[0].authentication_as_arm = true;
    assert_eq!(f.exchange(&arm).0.status, 200);

    let aad_norole = json_of(&f.entra_with_assertion(NOROLE, &a, ACR_SCOPE))["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (r, info) = f.exchange(&aad_norole);
    assert_eq!(r.status, 401);
    assert_eq!(info.outcome, "NO_ROLE");
    assert_eq!(json_of(&r)["errors"][0]["code"], "UNAUTHORIZED");

    let aad = json_of(&f.entra_with_assertion(DEPLOYER, &a, ACR_SCOPE))["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (r, info) = f.acr(
        "POST",
        "/oauth2/exchange",
        &[],
        &form(&[
            ("grant_type", "access_token"),
            ("service", "other.azurecr.io"),
            ("access_token", &aad),
        ]),
    );
    assert_eq!((r.status, info.outcome.as_str()), (401, "SERVICE_MISMATCH"));
    f.run.shared.advance_clock(2.0 * 3600.0);
    assert_eq!(f.exchange(&aad).1.outcome, "AAD_TOKEN_EXPIRED");
}

#[test]
fn access_tokens_are_filtered_by_role_and_refresh_tokens_expire() {
    let f = Flow::new("oidc");
    let push = f.refresh_for(DEPLOYER);
    let pull = f.refresh_for(PULLER);
    let (r, _) = f.access_with_basic(
        crate::acr::NULL_GUID,
        &pull,
        "repository:demo/hello:pull,push",
    );
    assert_eq!(r.status, 200);
    assert_eq!(f.access_actions(&r)[0]["actions"], json!(["pull"]));
    let (r, _) = f.access_with_basic(
        crate::acr::NULL_GUID,
        &push,
        "repository:demo/hello:pull,push",
    );
    assert_eq!(f.access_actions(&r)[0]["actions"], json!(["pull", "push"]));
    // POST refresh_token grant, chunked or not, the same.
    let ls = f.login_server();
    let (r, info) = f.acr(
        "POST",
        "/oauth2/token",
        &[],
        &form(&[
            ("grant_type", "refresh_token"),
            ("service", &ls),
            ("scope", "registry:catalog:*"),
            ("refresh_token", &pull),
        ]),
    );
    assert_eq!(r.status, 200);
    assert_eq!(info.credential.as_deref(), Some("refresh_token"));
    assert_eq!(f.access_actions(&r)[0]["actions"], json!(["*"]));
    let (r, info) = f.access_with_basic(
        crate::acr::NULL_GUID,
        "garbage",
        "repository:demo/hello:pull",
    );
    assert_eq!(
        (r.status, info.outcome.as_str()),
        (401, "REFRESH_TOKEN_INVALID")
    );
    f.run.shared.advance_clock(3.0 * 3600.0 + 1.0);
    let (r, info) = f.access_with_basic(crate::acr::NULL_GUID, &push, "repository:demo/hello:pull");
    assert_eq!(
        (r.status, info.outcome.as_str()),
        (401, "REFRESH_TOKEN_EXPIRED")
    );
    assert_eq!(
        json_of(&r)["errors"][0]["message"],
        crate::acr::AUTH_REQUIRED
    );
}

#[test]
fn admin_user_scope_map_tokens_and_anonymous() {
    let f = Flow::new("admin-user");
    let (r, _) = f.access_with_basic(
        "contoso",
        "emuAdminPassw0rd+ForTests",
        "repository:x/y:pull,push,delete",
    );
    assert_eq!(
        f.access_actions(&r)[0]["actions"],
        json!(["pull", "push", "delete"])
    );
    assert_eq!(
        f.access_with_basic("contoso", "wrong", "repository:x:pull")
            .1
            .outcome,
        "ADMIN_PASSWORD_INVALID"
    );
    f.run.shared.write().scenario.registries[0]
        .admin_user
        .enabled = false;
    assert_eq!(
        f.access_with_basic("contoso", "emuAdminPassw0rd+ForTests", "repository:x:pull")
            .1
            .outcome,
        "ADMIN_DISABLED"
    );

    let f = Flow::new("scope-map-token");
    let (r, _) = f.access_with_basic(
        "ci-read-token",
        "emuTokenPassw0rd-read",
        "repository:demo/hello:pull,push",
    );
    assert_eq!(f.access_actions(&r)[0]["actions"], json!(["pull"]));
    let (r, _) = f.access_with_basic(
        "ci-push-token",
        "emuTokenPassw0rd-push",
        "repository:demo/hello:pull,push",
    );
    assert_eq!(f.access_actions(&r)[0]["actions"], json!(["pull", "push"]));

    let f = Flow::new("anonymous-pull");
    let ls = f.login_server();
    let (r, _) = f.acr(
        "GET",
        &format!("/oauth2/token?service={ls}&scope=repository:demo/hello:pull,push"),
        &[],
        "",
    );
    assert_eq!(f.access_actions(&r)[0]["actions"], json!(["pull"]));
    f.run.shared.write().scenario.registries[0].anonymous_pull = false;
    let (r, info) = f.acr(
        "GET",
        &format!("/oauth2/token?service={ls}&scope=repository:demo/hello:pull"),
        &[],
        "",
    );
    assert_eq!(
        (r.status, info.outcome.as_str()),
        (401, "ANONYMOUS_DISABLED")
    );
}

#[test]
fn managed_identity_and_workload_identity() {
    let f = Flow::new("managed-identity");
    let imds = |target: &str, headers: &[(&str, &str)]| {
        let mut info = LogInfo::default();
        let r =
            crate::entra::handle_imds(&f.run.shared, &req("GET", target, headers, ""), &mut info);
        (r, info)
    };
    let (r, _) = imds("/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://containerregistry.azure.net", &[]);
    assert_eq!(r.status, 400);
    assert_eq!(
        json_of(&r)["error_description"],
        "Required metadata header not specified"
    );
    let (r, info) = imds("/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://containerregistry.azure.net", &[("metadata", "true")]);
    assert_eq!(r.status, 200);
    assert_eq!(info.principal.as_deref(), Some("build-vm-system"));
    let body = json_of(&r);
    assert!(body["expires_in"].is_string() && body["expires_on"].is_string());
    let uami = "0f1e2d3c-4b5a-4697-8877-665544332211";
    let (r, _) = imds(&format!("/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://containerregistry.azure.net&client_id={uami}"), &[("metadata", "true")]);
    let aad = json_of(&r)["access_token"].as_str().unwrap().to_string();
    assert!(parse_jwt(&aad).unwrap().claims["xms_mirid"]
        .as_str()
        .unwrap()
        .ends_with("/build-vm-uami"));
    assert_eq!(f.exchange(&aad).0.status, 200);
    let (r, _) = imds("/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://containerregistry.azure.net&client_id=0badc0de-0000-4000-8000-000000000000", &[("metadata", "true")]);
    assert_eq!(json_of(&r)["error_description"], "Identity not found");
    let header = f.run.ready["imds"]["identityHeader"]
        .as_str()
        .unwrap()
        .to_string();
    let (r, _) = imds(&format!("/msi/token?api-version=2019-08-01&resource=https://containerregistry.azure.net&client_id={uami}"), &[("x-identity-header", &header)]);
    assert_eq!(r.status, 200);

    let f = Flow::new("workload-identity");
    let file = f.run.ready["env"]["AZURE_FEDERATED_TOKEN_FILE"]
        .as_str()
        .unwrap();
    let token = std::fs::read_to_string(file).unwrap();
    assert_eq!(
        f.run.ready["env"]["AZURE_CLIENT_ID"],
        "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910"
    );
    let r = f.entra_with_assertion("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910", &token, ACR_SCOPE);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(
        f.exchange(json_of(&r)["access_token"].as_str().unwrap())
            .0
            .status,
        200
    );
}

#[test]
fn abac_mode_and_mode_switch_invalidates_refresh_tokens() {
    let f = Flow::new("abac");
    let rt = f.refresh_for(DEPLOYER);
    let (r, _) = f.access_with_basic(
        crate::acr::NULL_GUID,
        &rt,
        "repository:demo/hello:pull,push",
    );
    assert_eq!(f.access_actions(&r)[0]["actions"], json!(["pull", "push"]));
    let (r, _) = f.access_with_basic(crate::acr::NULL_GUID, &rt, "repository:other/x:pull,push");
    assert_eq!(f.access_actions(&r)[0]["actions"], json!([]));
    let (r, _) = f.access_with_basic(crate::acr::NULL_GUID, &rt, "registry:catalog:*");
    assert_eq!(f.access_actions(&r)[0]["actions"], json!([]));
    // Admin switch back to RBAC: old credentials are refused.
    let resp = crate::admin::handle(
        &f.run.shared,
        &req(
            "PUT",
            "/admin/registries/contoso",
            &[],
            r#"{"role_assignment_mode":"rbac"}"#,
        ),
    );
    assert_eq!(resp.status, 200);
    let (_, info) = f.access_with_basic(crate::acr::NULL_GUID, &rt, "repository:demo/hello:pull");
    assert_eq!(info.outcome, "REFRESH_TOKEN_REVOKED");
}

#[test]
fn firewall_applies_to_both_auth_endpoints() {
    let f = Flow::new("ip-denied");
    let (r, info) = f.exchange("whatever");
    assert_eq!((r.status, info.outcome.as_str()), (403, "DENIED"));
    let (r, _) = f.access_with_basic("a", "b", "repository:x:pull");
    assert_eq!(r.status, 403);
    assert!(json_of(&r)["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("client with IP '127.0.0.1' is not allowed access."));
}

#[test]
fn ready_line_carries_the_runner_env() {
    let f = Flow::new("oidc");
    let env = &f.run.ready["env"];
    let url = env["ACTIONS_ID_TOKEN_REQUEST_URL"].as_str().unwrap();
    assert!(url.starts_with("https://127.0.0.1:") && url.contains('?'));
    assert!(
        env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"]
            .as_str()
            .unwrap()
            .len()
            > 20
    );
    assert!(env["AZURE_AUTHORITY_HOST"]
        .as_str()
        .unwrap()
        .starts_with("https://127.0.0.1:"));
    assert_eq!(f.run.ready["inputs"]["registry"], f.login_server().as_str());
    let f = Flow::new("oidc-missing-permission");
    assert!(f.run.ready["env"]
        .get("ACTIONS_ID_TOKEN_REQUEST_URL")
        .is_none());
}

#[test]
fn v1_endpoint_takes_a_resource() {
    let f = Flow::new("client-secret");
    let mut info = LogInfo::default();
    let body = form(&[
        ("client_id", "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a"),
        ("resource", "https://containerregistry.azure.net"),
        ("grant_type", "client_credentials"),
        (
            "client_secret",
            "emu~SecretValue.For-Tests_0123456789abcdef",
        ),
    ]);
    let r = crate::entra::handle(
        &f.run.shared,
        &req(
            "POST",
            &format!("/{TENANT}/oauth2/token"),
            &[("content-type", "application/x-www-form-urlencoded")],
            &body,
        ),
        &mut info,
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let aad = parse_jwt(json_of(&r)["access_token"].as_str().unwrap()).unwrap();
    assert_eq!(aad.claims["aud"], "https://containerregistry.azure.net");
}
