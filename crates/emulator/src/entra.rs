//! Microsoft Entra ID: `POST /{tenant}/oauth2/v2.0/token` (client credentials with a federated
//! client assertion or a client secret), the managed-identity endpoints (IMDS and App-Service
//! style), discovery, and Entra's error body for each AADSTS code the login flow can meet.

use crate::http::{Request, Response};
use crate::jose::{parse_jwt, ParsedJwt};
use crate::log::LogInfo;
use crate::scenario::{FederatedCredential, IdentityKind, ManagedIdentity, Tenant};
use crate::util::{entra_precise_time, entra_timestamp, random_bytes, uuid_from, uuid_v4};
use crate::world::{identity_principal_id, identity_resource_id, Client, Shared, World};
use serde_json::{json, Value};

pub const ACR_RESOURCE: &str = "https://containerregistry.azure.net";
pub const ARM_RESOURCES: &[&str] = &[
    "https://management.azure.com",
    "https://management.core.windows.net",
];
const WELL_KNOWN_RESOURCES: &[&str] = &[
    ACR_RESOURCE,
    "https://management.azure.com",
    "https://management.core.windows.net",
    "https://graph.microsoft.com",
    "https://vault.azure.net",
    "https://storage.azure.com",
    "https://database.windows.net",
    "https://cognitiveservices.azure.com",
];
const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const FIC_DOC: &str = "https://learn.microsoft.com/entra/workload-id/workload-identity-federation";
/// guess: Entra's tolerance for `nbf` in the future (clock skew); not documented for assertions.
const ASSERTION_SKEW_SECS: i64 = 300;

/// One Entra error: the HTTP status, the OAuth `error`, the AADSTS number and its message.
#[derive(Debug, Clone, PartialEq)]
pub struct EntraError {
    pub status: u16,
    pub error: &'static str,
    pub code: u32,
    pub message: String,
}

fn err(status: u16, error: &'static str, code: u32, message: impl Into<String>) -> EntraError {
    EntraError {
        status,
        error,
        code,
        message: message.into(),
    }
}

fn no_match_tail() -> String {
    format!("Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. {FIC_DOC}")
}

/// Entra's error body: `error_description` starts with the AADSTS code and ends with the trace lines.
pub fn error_body(e: &EntraError, now: i64, correlation_id: Option<&str>) -> Value {
    let trace_id = uuid_v4();
    let correlation_id = correlation_id.map(String::from).unwrap_or_else(uuid_v4);
    let ts = entra_timestamp(now);
    json!({
        "error": e.error,
        "error_description": format!(
            "AADSTS{}: {}\r\nTrace ID: {trace_id}\r\nCorrelation ID: {correlation_id}\r\nTimestamp: {ts}",
            e.code, e.message
        ),
        "error_codes": [e.code],
        "timestamp": ts,
        "trace_id": trace_id,
        "correlation_id": correlation_id,
        "error_uri": format!("https://login.microsoftonline.com/error?code={}", e.code),
    })
}

pub fn error_response(e: &EntraError, now: i64, req: &Request) -> Response {
    let correlation = req.header("client-request-id");
    let body = error_body(e, now, correlation);
    let trace = body["trace_id"].as_str().unwrap_or_default().to_string();
    let mut r = Response::json(e.status, &body)
        .with_header("x-ms-request-id", trace)
        .with_header("Cache-Control", "no-store, no-cache");
    if let Some(c) = correlation {
        r = r.with_header("client-request-id", c);
    }
    r
}

pub fn endpoint(req: &Request) -> &'static str {
    if req.path.ends_with("/oauth2/v2.0/token") || req.path.ends_with("/oauth2/token") {
        "entra.token"
    } else {
        "entra.discovery"
    }
}

/// `https://x/.default` → `https://x`; the resource part of a client-credentials scope.
pub fn resource_of_scope(scope: &str) -> Option<&str> {
    scope.strip_suffix("/.default")
}

fn known_resource(world: &World, resource: &str) -> bool {
    let r = resource.trim_end_matches('/');
    WELL_KNOWN_RESOURCES
        .iter()
        .any(|k| k.eq_ignore_ascii_case(r))
        || world
            .scenario
            .extra_resources
            .iter()
            .any(|k| k.trim_end_matches('/').eq_ignore_ascii_case(r))
}

fn tenant_shaped(t: &str) -> bool {
    let guid = t.len() == 36 && t.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    let dns = t.contains('.')
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    guid || dns
}

/// How the client authenticated, which shows in the token's `appidacr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    Secret,
    Assertion,
    ManagedIdentity,
}

/// An Entra v1 app-only access token (what ACR and ARM accept).
pub fn mint_access_token(
    shared: &Shared,
    client: &Client,
    resource: &str,
    auth: ClientAuth,
    lifetime: i64,
) -> String {
    let now = shared.now();
    let tid = client.tenant_id;
    let iss = format!("https://sts.windows.net/{tid}/");
    let mut claims = json!({
        "aud": resource,
        "iss": iss,
        "iat": now,
        "nbf": now,
        "exp": now + lifetime,
        "aio": crate::util::b64url(&random_bytes::<24>()),
        "appid": client.client_id,
        "appidacr": if auth == ClientAuth::Secret { "1" } else { "2" },
        "idp": iss,
        "idtyp": "app",
        "oid": client.object_id,
        "rh": format!("0.{}.", crate::util::b64url(&random_bytes::<18>())),
        "sub": client.object_id,
        "tid": tid,
        "uti": crate::util::b64url(&random_bytes::<16>()),
        "ver": "1.0",
    });
    if let Some(mi) = client.identity {
        claims["xms_mirid"] = identity_resource_id(mi).into();
    }
    shared.keys.entra.sign(&claims, &[]).expect("sign")
}

/// Entra tokens live 60-90 minutes at random (documented); clients must read `expires_in`.
fn random_lifetime() -> i64 {
    let r = u16::from_le_bytes(random_bytes::<2>()) as i64;
    3600 + r % 1801
}

pub fn handle(shared: &Shared, req: &Request, info: &mut LogInfo) -> Response {
    let segments: Vec<&str> = req.path.trim_start_matches('/').split('/').collect();
    let now = shared.now();
    match (req.method.as_str(), segments.as_slice()) {
        ("POST", [tenant, "oauth2", "v2.0", "token"]) | ("POST", [tenant, "oauth2", "token"]) => {
            match token(shared, tenant, req, info) {
                Ok(resp) => resp,
                Err(e) => {
                    info.outcome = format!("AADSTS{}", e.code);
                    info.detail = Some(e.message.clone());
                    error_response(&e, now, req)
                }
            }
        }
        ("GET", [tenant, "v2.0", ".well-known", "openid-configuration"]) => {
            info.outcome = "ok".into();
            let base = &shared.urls.entra;
            let world = shared.read();
            let tid = world
                .tenant(tenant)
                .map(|t| t.id.clone())
                .unwrap_or_else(|| tenant.to_string());
            Response::json(
                200,
                &json!({
                    "token_endpoint": format!("{base}/{tid}/oauth2/v2.0/token"),
                    "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
                    "jwks_uri": format!("{base}/{tid}/discovery/v2.0/keys"),
                    "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
                    "subject_types_supported": ["pairwise"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "issuer": format!("{base}/{tid}/v2.0"),
                    "authorization_endpoint": format!("{base}/{tid}/oauth2/v2.0/authorize"),
                    "tenant_region_scope": "NA",
                    "cloud_instance_name": "microsoftonline.com",
                }),
            )
        }
        ("GET", [_, "discovery", "v2.0", "keys"]) | ("GET", [_, "discovery", "keys"]) => {
            info.outcome = "ok".into();
            Response::json(200, &json!({"keys": [shared.keys.entra.jwk()]}))
        }
        // MSAL asks this before trusting a non-standard authority host.
        ("GET", ["common", "discovery", "instance"]) => {
            info.outcome = "ok".into();
            let host = shared.urls.entra.trim_start_matches("https://").to_string();
            let base = &shared.urls.entra;
            Response::json(
                200,
                &json!({
                    "tenant_discovery_endpoint": format!("{base}/common/v2.0/.well-known/openid-configuration"),
                    "api-version": "1.1",
                    "metadata": [{"preferred_network": host, "preferred_cache": host, "aliases": [host]}],
                }),
            )
        }
        _ => {
            info.outcome = "NOT_FOUND".into();
            Response::text(
                404,
                "text/html; charset=utf-8",
                "<html><body>Not Found</body></html>",
            )
        }
    }
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn token(
    shared: &Shared,
    tenant_seg: &str,
    req: &Request,
    info: &mut LogInfo,
) -> Result<Response, EntraError> {
    let now = shared.now();
    let world = shared.read();
    let form = req.form();
    info.credential = Some(if field(&form, "client_assertion").is_some() {
        "client_assertion".into()
    } else if field(&form, "client_secret").is_some() {
        "client_secret".into()
    } else {
        "none".into()
    });

    // guess: the order of these checks follows what each error's text implies, not documentation.
    if matches!(
        tenant_seg.to_ascii_lowercase().as_str(),
        "common" | "consumers"
    ) {
        return Err(err(400, "invalid_request", 9_001_023, "The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint."));
    }
    if !tenant_shaped(tenant_seg) {
        return Err(err(400, "invalid_request", 900_023, format!("Specified tenant identifier '{tenant_seg}' is neither a valid DNS name, nor a valid external domain.")));
    }
    let Some(tenant) = world.tenant(tenant_seg) else {
        return Err(err(400, "invalid_request", 90_002, format!("Tenant '{tenant_seg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.")));
    };
    let need = |name: &str| {
        err(
            400,
            "invalid_request",
            900_144,
            format!("The request body must contain the following parameter: '{name}'."),
        )
    };
    let grant_type = field(&form, "grant_type").ok_or_else(|| need("grant_type"))?;
    if grant_type != "client_credentials" {
        // guess: AADSTS70003 is Entra's unsupported-grant code; other grants are out of scope here.
        return Err(err(
            400,
            "unsupported_grant_type",
            70_003,
            format!("The app requested an unsupported grant type '{grant_type}'."),
        ));
    }
    let client_id = field(&form, "client_id").ok_or_else(|| need("client_id"))?;
    // The v1 endpoint names the resource itself instead of a `<resource>/.default` scope.
    let v1_scope = (!req.path.ends_with("/v2.0/token"))
        .then(|| field(&form, "resource").map(|r| format!("{}/.default", r.trim_end_matches('/'))))
        .flatten();
    let scope = match v1_scope.as_deref() {
        Some(s) => s,
        None => field(&form, "scope").ok_or_else(|| need("scope"))?,
    };
    let scopes: Vec<&str> = scope.split_whitespace().collect();
    if scopes.len() != 1 {
        // guess: wording of AADSTS70011 for a multi-resource scope.
        return Err(err(400, "invalid_scope", 70_011, format!("The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid.")));
    }
    let Some(resource) = resource_of_scope(scopes[0]) else {
        return Err(err(400, "invalid_scope", 1_002_012, format!("The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).")));
    };
    let tenant_label = tenant.domain.clone().unwrap_or_else(|| tenant.id.clone());
    let Some(client) = world.client(tenant, client_id) else {
        return Err(err(400, "unauthorized_client", 700_016, format!("Application with identifier '{client_id}' was not found in the directory '{tenant_label}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.")));
    };
    info.principal = Some(client.name.to_string());

    let auth = if let Some(assertion) = field(&form, "client_assertion") {
        let atype =
            field(&form, "client_assertion_type").ok_or_else(|| need("client_assertion_type"))?;
        if atype != ASSERTION_TYPE {
            // guess: text for a wrong assertion type.
            return Err(err(
                400,
                "invalid_request",
                50_027,
                "Invalid JWT token. Client assertion type is not supported.",
            ));
        }
        check_assertion(shared, &world, &client, assertion, now)?;
        ClientAuth::Assertion
    } else if let Some(secret) = field(&form, "client_secret") {
        check_secret(&world, &client, secret, now)?;
        ClientAuth::Secret
    } else {
        // guess: status 401 like the other client-authentication failures.
        return Err(err(401, "invalid_client", 7_000_218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
    };

    if !known_resource(&world, resource) {
        return Err(err(400, "invalid_resource", 500_011, format!("The resource principal named {resource} was not found in the tenant named {tenant_label}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.")));
    }
    if client.app.is_some_and(|a| a.blocked_by_conditional_access) {
        // guess: the OAuth `error` for a Conditional Access block on a service principal.
        return Err(err(400, "invalid_grant", 53_003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."));
    }
    let lifetime = random_lifetime();
    let token = mint_access_token(shared, &client, resource, auth, lifetime);
    info.outcome = "ok".into();
    Ok(Response::json(
        200,
        &json!({
            "token_type": "Bearer",
            "expires_in": lifetime,
            "ext_expires_in": lifetime,
            "access_token": token,
        }),
    )
    .with_header("Cache-Control", "no-store, no-cache"))
}

fn check_secret(world: &World, client: &Client, secret: &str, now: i64) -> Result<(), EntraError> {
    let invalid = || {
        err(401, "invalid_client", 7_000_215, format!("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{}'.", client.client_id))
    };
    let Some(app) = client.app else {
        return Err(invalid());
    };
    let Some(s) = app.secrets.iter().find(|s| s.value == secret) else {
        return Err(invalid());
    };
    let key = format!("secret:{}:{}", app.client_id, s.value);
    if world.secret_expiry(&key).is_some_and(|exp| exp <= now) {
        return Err(err(401, "invalid_client", 7_000_222, format!("The provided client secret keys for app '{}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.", client.client_id)));
    }
    Ok(())
}

/// Matches an assertion against the client's federated credentials exactly as Entra describes:
/// issuer, then subject (exact, case-sensitive), then the one audience; then keys and time.
pub fn check_assertion(
    shared: &Shared,
    world: &World,
    client: &Client,
    assertion: &str,
    now: i64,
) -> Result<(), EntraError> {
    let invalid_client = |code: u32, msg: String| err(400, "invalid_client", code, msg);
    let Some(jwt) = parse_jwt(assertion) else {
        // guess: AADSTS50027 for an assertion that is not a JWT at all.
        return Err(invalid_client(
            50_027,
            "JWT token is invalid or malformed.".into(),
        ));
    };
    let iss = jwt.claim_str("iss").unwrap_or_default().to_string();
    let sub = jwt.claim_str("sub").unwrap_or_default().to_string();
    let auds = jwt.audiences();
    if client.fics.is_empty() {
        return Err(invalid_client(
            70_025,
            format!(
                "The client '{}'({}) has no configured federated identity credentials.",
                client.client_id, client.name
            ),
        ));
    }
    let by_issuer: Vec<&FederatedCredential> =
        client.fics.iter().filter(|f| f.issuer == iss).collect();
    if by_issuer.is_empty() {
        return Err(invalid_client(700_211, format!("No matching federated identity record found for presented assertion issuer '{iss}'. {}", no_match_tail())));
    }
    let Some(fic) = by_issuer.iter().find(|f| f.subject == sub) else {
        return Err(invalid_client(700_213, format!("No matching federated identity record found for presented assertion subject '{sub}'. {}", no_match_tail())));
    };
    if !auds.iter().any(|a| fic.audiences.first() == Some(a)) {
        return Err(invalid_client(700_212, format!("No matching federated identity record found for presented assertion audience '{}'. {}", auds.join(","), no_match_tail())));
    }
    let created = world
        .fic_created
        .get(&(client.client_id.to_string(), fic.name.clone()))
        .copied()
        .unwrap_or(0.0);
    if shared.now_f64() < created + fic.propagation_secs as f64 {
        return Err(invalid_client(70_021, format!("No matching federated identity record found for presented assertion. Assertion Issuer: '{iss}'. Assertion Subject: '{sub}'. Assertion Audience: '{}'. {FIC_DOC}", auds.join(","))));
    }
    verify_issuer_signature(shared, world, &iss, &jwt)?;
    let exp = jwt.claim_i64("exp");
    let nbf = jwt.claim_i64("nbf").or(jwt.claim_i64("iat"));
    let expired = exp.is_none_or(|e| e <= now);
    let early = nbf.is_some_and(|n| n > now + ASSERTION_SKEW_SECS);
    if expired || early {
        // guess: format of the times follows messages seen in public logs.
        return Err(invalid_client(700_024, format!(
            "Client assertion is not within its valid time range. Current time: {}, assertion valid from {}, expiry time of assertion {}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .",
            entra_precise_time(shared.now_f64()),
            entra_precise_time(nbf.unwrap_or(0) as f64),
            entra_precise_time(exp.unwrap_or(0) as f64),
        )));
    }
    Ok(())
}

fn verify_issuer_signature(
    shared: &Shared,
    world: &World,
    iss: &str,
    jwt: &ParsedJwt,
) -> Result<(), EntraError> {
    let key = if iss == world.scenario.github.issuer {
        &shared.keys.github
    } else if world
        .scenario
        .host
        .workload_identity
        .as_ref()
        .is_some_and(|w| w.issuer == iss)
    {
        &shared.keys.workload
    } else {
        // guess: an issuer whose discovery document cannot be fetched.
        return Err(err(
            400,
            "invalid_client",
            50_166,
            format!("Request to External OIDC endpoint failed. Issuer: '{iss}'."),
        ));
    };
    if !key.verifies(jwt) {
        let kid = jwt.header.get("kid").and_then(Value::as_str).unwrap_or("");
        return Err(err(400, "invalid_client", 700_027, format!("Client assertion failed signature validation. [Reason - The key was not found or the signature does not match., Thumbprint of key used by client: '{kid}', Found key 'Start=..., End=...']")));
    }
    Ok(())
}

// ---------------------------------------------------------------- managed identity

pub fn imds_endpoint(_req: &Request) -> &'static str {
    "imds.token"
}

/// guess: IMDS error bodies follow the shape shown in Microsoft's managed-identity troubleshooting docs.
fn imds_error(status: u16, error: &str, description: &str) -> Response {
    Response::json(
        status,
        &json!({"error": error, "error_description": description}),
    )
}

/// The identities attached to this host, in scenario order.
fn attached(world: &World) -> Vec<(&Tenant, &ManagedIdentity)> {
    let mut out = Vec::new();
    for name in &world.scenario.host.managed_identities {
        for t in &world.scenario.tenants {
            for m in &t.managed_identities {
                if &m.name == name || m.client_id.eq_ignore_ascii_case(name) {
                    out.push((t, m));
                }
            }
        }
    }
    out
}

pub fn handle_imds(shared: &Shared, req: &Request, info: &mut LogInfo) -> Response {
    let app_service = match req.path.as_str() {
        "/metadata/identity/oauth2/token" => false,
        "/msi/token" => true,
        _ => {
            info.outcome = "NOT_FOUND".into();
            return imds_error(404, "not_found", "The requested resource was not found.");
        }
    };
    if req.method != "GET" && !app_service {
        info.outcome = "METHOD_NOT_ALLOWED".into();
        return imds_error(405, "invalid_request", "Method not allowed");
    }
    if app_service {
        info.credential = Some("x-identity-header".into());
        if req.header("x-identity-header") != Some(shared.imds_identity_header.as_str()) {
            info.outcome = "UNAUTHORIZED".into();
            return imds_error(
                401,
                "invalid_request",
                "The X-IDENTITY-HEADER is missing or invalid.",
            );
        }
    } else {
        info.credential = Some("metadata".into());
        if !req
            .header("metadata")
            .is_some_and(|m| m.eq_ignore_ascii_case("true"))
        {
            info.outcome = "METADATA_HEADER_MISSING".into();
            return imds_error(
                400,
                "invalid_request",
                "Required metadata header not specified",
            );
        }
    }
    if req.query_value("api-version").is_none() {
        info.outcome = "API_VERSION_MISSING".into();
        return imds_error(
            400,
            "invalid_request",
            "Required query variable 'api-version' is missing",
        );
    }
    let Some(resource) = req.query_value("resource").filter(|r| !r.is_empty()) else {
        info.outcome = "RESOURCE_MISSING".into();
        return imds_error(
            400,
            "invalid_request",
            "Required audience parameter not specified",
        );
    };
    let world = shared.read();
    let candidates = attached(&world);
    let by_client = req.query_value("client_id");
    let by_object = req
        .query_value("object_id")
        .or(req.query_value("principal_id"));
    let by_res = req
        .query_value("msi_res_id")
        .or(req.query_value("mi_res_id"));
    let chosen = if let Some(c) = by_client {
        candidates
            .iter()
            .find(|(_, m)| m.client_id.eq_ignore_ascii_case(c))
    } else if let Some(o) = by_object {
        candidates
            .iter()
            .find(|(_, m)| identity_principal_id(m).eq_ignore_ascii_case(o))
    } else if let Some(r) = by_res {
        candidates
            .iter()
            .find(|(_, m)| identity_resource_id(m).eq_ignore_ascii_case(r))
    } else {
        candidates
            .iter()
            .find(|(_, m)| m.kind == IdentityKind::System)
            .or(if candidates.len() == 1 {
                candidates.first()
            } else {
                None
            })
    };
    let Some((tenant, mi)) = chosen else {
        info.outcome = "IDENTITY_NOT_FOUND".into();
        return imds_error(400, "invalid_request", "Identity not found");
    };
    info.principal = Some(mi.name.clone());
    let resource = resource.trim_end_matches("/.default");
    if !known_resource(&world, resource) {
        info.outcome = "AADSTS500011".into();
        return imds_error(400, "invalid_resource", &format!("AADSTS500011: The resource principal named {resource} was not found in the tenant named {}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.", tenant.id));
    }
    let client = world
        .client(tenant, &mi.client_id)
        .expect("attached identity exists");
    // Managed-identity tokens are cached by IMDS for about a day.
    let lifetime = 86_399;
    let token = mint_access_token(
        shared,
        &client,
        resource,
        ClientAuth::ManagedIdentity,
        lifetime,
    );
    let now = shared.now();
    info.outcome = "ok".into();
    let mut body = json!({
        "access_token": token,
        "client_id": mi.client_id,
        "expires_in": lifetime.to_string(),
        "expires_on": (now + lifetime).to_string(),
        "ext_expires_in": lifetime.to_string(),
        "not_before": now.to_string(),
        "resource": resource,
        "token_type": "Bearer",
    });
    if app_service {
        body.as_object_mut().expect("object").retain(|k, _| {
            matches!(
                k.as_str(),
                "access_token" | "expires_on" | "resource" | "token_type" | "client_id"
            )
        });
    }
    Response::json(200, &body)
}

/// An IMDS-shaped error for status faults (429/5xx) on the managed-identity endpoint.
pub fn imds_fault_body(status: u16) -> Response {
    match status {
        429 => imds_error(
            429,
            "too_many_requests",
            "Too many requests, please retry later.",
        ),
        _ => imds_error(
            status,
            "internal_error",
            "IMDS is temporarily unavailable. Please retry.",
        ),
    }
}

/// An Entra-shaped error for status faults (429/5xx) on the token endpoint.
pub fn fault_error(status: u16) -> EntraError {
    match status {
        // guess: Entra's throttling and transient-failure codes.
        429 => err(429, "temporarily_unavailable", 50_196, "The server terminated an operation because it encountered a client request loop. Please contact your app vendor."),
        _ => err(status, "temporarily_unavailable", 90_033, "A transient error has occurred. Please try again."),
    }
}

/// A stable UUID for the app of a given name (used by the ready-made scenarios' docs).
pub fn derived_id(label: &str) -> String {
    uuid_from(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_has_entra_shape() {
        let e = err(400, "invalid_client", 700_213, "No matching federated identity record found for presented assertion subject 'repo:o/r:pull_request'.");
        let v = error_body(&e, 1_714_566_896, Some("corr-1"));
        let d = v["error_description"].as_str().unwrap();
        assert!(d.starts_with("AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:o/r:pull_request'."));
        assert!(d.contains("\r\nTrace ID: "));
        assert!(d.contains("\r\nCorrelation ID: corr-1\r\nTimestamp: 2024-05-01 12:34:56Z"));
        assert_eq!(v["error_codes"][0], 700213);
        assert_eq!(v["timestamp"], "2024-05-01 12:34:56Z");
        assert_eq!(
            v["error_uri"],
            "https://login.microsoftonline.com/error?code=700213"
        );
        assert_eq!(v["correlation_id"], "corr-1");
    }

    #[test]
    fn scope_and_tenant_shapes() {
        assert_eq!(
            resource_of_scope("https://containerregistry.azure.net/.default"),
            Some(ACR_RESOURCE)
        );
        assert_eq!(
            resource_of_scope("https://containerregistry.azure.net"),
            None
        );
        assert!(tenant_shaped("72f988bf-86f1-41af-91ab-2d7cd011db47"));
        assert!(tenant_shaped("contoso.onmicrosoft.com"));
        assert!(!tenant_shaped(""));
        assert!(!tenant_shaped("\"72f988bf\""));
    }
}
