//! ACR's auth endpoints (the realm of the registry's challenge): `POST /oauth2/exchange` (Entra
//! access token → ACR refresh token) and `/oauth2/token` (refresh token, admin user, scope-map
//! token or anonymous → access token filtered to what the roles allow), plus the registry firewall.

use crate::entra::{ACR_RESOURCE, ARM_RESOURCES};
use crate::http::{Request, Response};
use crate::jose::parse_jwt;
use crate::log::LogInfo;
use crate::scenario::{Registry, RoleAssignmentMode};
use crate::util::{b64std_decode, uuid_v4};
use crate::world::{Shared, World};
use serde_json::{json, Value};
use std::net::IpAddr;

pub const ISSUER: &str = "Azure Container Registry";
pub const NULL_GUID: &str = "00000000-0000-0000-0000-000000000000";
pub const REFRESH_LIFETIME: i64 = 3 * 3600;
/// The AAD-OAuth sample's access token lives 75 minutes.
pub const ACCESS_LIFETIME: i64 = 4500;
pub const AUTH_REQUIRED: &str =
    "authentication required, visit https://aka.ms/acr/authorization for more information.";

const ALL_REPO_ACTIONS: &[&str] = &[
    "pull",
    "push",
    "delete",
    "metadata_read",
    "metadata_write",
    "deleted_read",
    "deleted_restore",
];

/// ACR's error body: `{"errors":[{"code","message","detail"}]}`.
pub fn acr_error(status: u16, code: &str, message: &str, detail: Option<Value>) -> Response {
    let mut e = json!({"code": code, "message": message});
    if let Some(d) = detail {
        e["detail"] = d;
    }
    Response::json(status, &json!({"errors": [e]}))
        .with_header("Docker-Distribution-Api-Version", "registry/2.0")
        .with_header("X-Ms-Correlation-Request-Id", uuid_v4())
}

pub fn unauthorized(info: &mut LogInfo, outcome: &str, detail: &str) -> Response {
    info.outcome = outcome.into();
    info.detail = Some(detail.into());
    acr_error(401, "UNAUTHORIZED", AUTH_REQUIRED, None)
}

pub fn fault_body(status: u16, retry_after: Option<u64>) -> Response {
    match status {
        // guess: ACR's throttling body (the status and counting-down Retry-After are documented).
        429 => acr_error(
            429,
            "TOOMANYREQUESTS",
            "too many requests",
            Some(json!({"retryAfter": retry_after})),
        ),
        _ => acr_error(status, "UNKNOWN", "unknown service error", None),
    }
}

pub fn endpoint(req: &Request) -> &'static str {
    match req.path.as_str() {
        "/oauth2/exchange" => "acr.exchange",
        _ => "acr.token",
    }
}

fn ip_allowed(rule: &str, ip: IpAddr) -> bool {
    let (addr, prefix) = match rule.split_once('/') {
        Some((a, p)) => (a, p.parse::<u8>().ok()),
        None => (rule, None),
    };
    match (addr.parse::<IpAddr>(), ip) {
        (Ok(IpAddr::V4(net)), IpAddr::V4(ip)) => {
            let bits = prefix.unwrap_or(32).min(32);
            let mask = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits)
            };
            (u32::from(net) & mask) == (u32::from(ip) & mask)
        }
        (Ok(a), b) => a == b,
        _ => false,
    }
}

/// The registry firewall: public access off, or default action Deny without a matching IP rule.
pub fn network_denied(reg: &Registry, ip: IpAddr) -> Option<Response> {
    let allowed = reg.public_network_access
        && (reg.network_default_action == "Allow"
            || reg.ip_rules.iter().any(|r| ip_allowed(r, ip)));
    if allowed {
        return None;
    }
    Some(acr_error(
        403,
        "DENIED",
        &format!("client with IP '{ip}' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."),
        None,
    ))
}

/// One requested scope `type:name:actions`, split on the first and LAST colon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub kind: String,
    pub name: String,
    pub actions: Vec<String>,
}

pub fn parse_scopes<'a>(values: impl Iterator<Item = &'a str>) -> Vec<Scope> {
    let mut out = Vec::new();
    for value in values {
        for s in value.split(' ').filter(|s| !s.is_empty()) {
            let Some((kind, rest)) = s.split_once(':') else {
                continue;
            };
            let Some((name, actions)) = rest.rsplit_once(':') else {
                continue;
            };
            out.push(Scope {
                kind: kind.to_string(),
                name: name.to_string(),
                actions: actions
                    .split(',')
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect(),
            });
        }
    }
    out
}

/// Who is asking for an access token.
#[derive(Debug, Clone)]
pub enum Caller {
    Principal { object_id: String },
    Admin,
    ScopeMapToken { name: String },
    Anonymous,
}

fn rbac_repo_actions(role: &str) -> &'static [&'static str] {
    match role {
        "AcrPull" | "Reader" => &["pull", "metadata_read"],
        "AcrPush" => &["pull", "push", "metadata_read", "metadata_write"],
        "AcrDelete" => &["delete"],
        "Owner" | "Contributor" => ALL_REPO_ACTIONS,
        _ => &[],
    }
}

fn abac_repo_actions(role: &str) -> &'static [&'static str] {
    match role {
        "Container Registry Repository Reader" => &["pull", "metadata_read"],
        "Container Registry Repository Writer" => {
            &["pull", "push", "metadata_read", "metadata_write"]
        }
        "Container Registry Repository Contributor" => {
            &["pull", "push", "delete", "metadata_read", "metadata_write"]
        }
        _ => &[],
    }
}

fn role_gives_catalog(mode: &RoleAssignmentMode, role: &str) -> bool {
    match mode {
        RoleAssignmentMode::Rbac => matches!(
            role,
            "AcrPull" | "AcrPush" | "Owner" | "Contributor" | "Reader"
        ),
        RoleAssignmentMode::RbacAbac => role == "Container Registry Repository Catalog Lister",
    }
}

fn condition_allows(prefixes: &[String], repo: &str) -> bool {
    prefixes.is_empty()
        || prefixes.iter().any(|p| {
            repo.to_ascii_lowercase()
                .starts_with(&p.to_ascii_lowercase())
        })
}

/// The roles a principal holds on the registry that count in the registry's mode.
pub fn data_plane_roles(world: &World, reg: &Registry, object_id: &str) -> Vec<String> {
    let Some(client) = world.client_by_object_id(object_id) else {
        return Vec::new();
    };
    reg.role_assignments
        .iter()
        .filter(|ra| client.is(&ra.principal))
        .filter(|ra| match reg.role_assignment_mode {
            RoleAssignmentMode::Rbac => !rbac_repo_actions(&ra.role).is_empty(),
            RoleAssignmentMode::RbacAbac => {
                !abac_repo_actions(&ra.role).is_empty()
                    || role_gives_catalog(&reg.role_assignment_mode, &ra.role)
            }
        })
        .map(|ra| ra.role.clone())
        .collect()
}

/// Actions the caller may perform for one scope (a subset of what it asked for).
pub fn granted(world: &World, reg: &Registry, caller: &Caller, scope: &Scope) -> Vec<String> {
    let allowed: Vec<String> = match (caller, scope.kind.as_str()) {
        (Caller::Admin, "registry") => vec!["*".into()],
        (Caller::Admin, _) => ALL_REPO_ACTIONS.iter().map(|s| s.to_string()).collect(),
        (Caller::Anonymous, "repository") if reg.anonymous_pull => vec!["pull".into()],
        (Caller::Anonymous, _) => vec![],
        (Caller::ScopeMapToken { name }, "repository") => {
            let Some(t) = reg.tokens.iter().find(|t| &t.name == name) else {
                return vec![];
            };
            let mut acts = Vec::new();
            for (repo, actions) in &t.scope_map {
                let matches = repo == &scope.name
                    || repo
                        .strip_suffix("/*")
                        .is_some_and(|p| scope.name.starts_with(&format!("{p}/")));
                if !matches {
                    continue;
                }
                for a in actions {
                    let mapped = match a.as_str() {
                        "content/read" => "pull",
                        "content/write" => "push",
                        "content/delete" => "delete",
                        "metadata/read" => "metadata_read",
                        "metadata/write" => "metadata_write",
                        _ => continue,
                    };
                    acts.push(mapped.to_string());
                }
            }
            acts
        }
        (Caller::ScopeMapToken { .. }, _) => vec![],
        (Caller::Principal { object_id }, kind) => {
            let Some(client) = world.client_by_object_id(object_id) else {
                return vec![];
            };
            let mut acts: Vec<String> = Vec::new();
            for ra in reg
                .role_assignments
                .iter()
                .filter(|ra| client.is(&ra.principal))
            {
                if kind == "registry" {
                    if scope.name == "catalog"
                        && role_gives_catalog(&reg.role_assignment_mode, &ra.role)
                    {
                        acts.push("*".into());
                    }
                    continue;
                }
                let repo_actions = match reg.role_assignment_mode {
                    RoleAssignmentMode::Rbac => rbac_repo_actions(&ra.role),
                    RoleAssignmentMode::RbacAbac
                        if condition_allows(&ra.repositories, &scope.name) =>
                    {
                        abac_repo_actions(&ra.role)
                    }
                    RoleAssignmentMode::RbacAbac => &[],
                };
                acts.extend(repo_actions.iter().map(|s| s.to_string()));
            }
            acts
        }
    };
    let mut out: Vec<String> = Vec::new();
    for want in &scope.actions {
        if want == "*" {
            for a in &allowed {
                if !out.contains(a) {
                    out.push(a.clone());
                }
            }
        } else if (allowed.contains(want) || allowed.iter().any(|a| a == "*"))
            && !out.contains(want)
        {
            out.push(want.clone());
        }
    }
    out
}

fn permissions_for(roles: &[String]) -> Value {
    let mut actions: Vec<&str> = Vec::new();
    for r in roles {
        let add: &[&str] = match r.as_str() {
            "Owner" | "Contributor" => &["*"],
            "AcrPush" | "Container Registry Repository Writer" => &["read", "write"],
            "AcrPull" | "Reader" | "Container Registry Repository Reader" => &["read"],
            "AcrDelete" => &["delete"],
            "Container Registry Repository Contributor" => &["read", "write", "delete"],
            "Container Registry Repository Catalog Lister" => &["catalog/read"],
            _ => &[],
        };
        for a in add {
            if !actions.contains(a) {
                actions.push(a);
            }
        }
    }
    json!({"actions": actions, "notActions": []})
}

fn form_or_query<'a>(
    req: &'a Request,
    form: &'a [(String, String)],
    name: &str,
) -> Option<&'a str> {
    form.iter()
        .chain(req.query.iter())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

pub fn handle(shared: &Shared, registry: &str, req: &Request, info: &mut LogInfo) -> Response {
    info.registry = Some(registry.to_string());
    let world = shared.read();
    let Some(reg) = world.registry(registry) else {
        info.outcome = "NOT_FOUND".into();
        return acr_error(404, "NOT_FOUND", "registry not found", None);
    };
    if let Some(denied) = network_denied(reg, req.peer.ip()) {
        info.outcome = "DENIED".into();
        info.detail = Some("network rules".into());
        return denied;
    }
    match (req.method.as_str(), req.path.as_str()) {
        ("POST", "/oauth2/exchange") => exchange(shared, &world, reg, req, info),
        ("GET", "/oauth2/token") | ("POST", "/oauth2/token") => {
            token(shared, &world, reg, req, info)
        }
        (_, "/oauth2/exchange") | (_, "/oauth2/token") => {
            info.outcome = "METHOD_NOT_ALLOWED".into();
            acr_error(405, "UNSUPPORTED", "The operation is unsupported.", None)
        }
        _ => {
            info.outcome = "NOT_FOUND".into();
            acr_error(
                404,
                "NOT_FOUND",
                "the requested resource is not found",
                None,
            )
        }
    }
}

fn login_server<'a>(world: &'a World, reg: &Registry) -> &'a str {
    world
        .login_servers
        .get(&reg.name)
        .map(String::as_str)
        .unwrap_or("")
}

fn exchange(
    shared: &Shared,
    world: &World,
    reg: &Registry,
    req: &Request,
    info: &mut LogInfo,
) -> Response {
    let form = req.form();
    let f = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    info.credential = Some("access_token".into());
    let grant = f("grant_type").unwrap_or("");
    // guess: texts for malformed exchange requests (400) are not documented.
    if !matches!(grant, "access_token" | "access_token_refresh_token") {
        info.outcome = "UNSUPPORTED_GRANT_TYPE".into();
        return acr_error(
            400,
            "UNSUPPORTED",
            &format!("grant type '{grant}' is not supported"),
            None,
        );
    }
    let Some(service) = f("service") else {
        info.outcome = "SERVICE_MISSING".into();
        return acr_error(400, "BAD_REQUEST", "service is required", None);
    };
    if service != login_server(world, reg) {
        return unauthorized(
            info,
            "SERVICE_MISMATCH",
            &format!("service '{service}' is not this registry"),
        );
    }
    let Some(aad) = f("access_token") else {
        info.outcome = "ACCESS_TOKEN_MISSING".into();
        return acr_error(400, "BAD_REQUEST", "access_token is required", None);
    };
    let now = shared.now();
    let Some(jwt) = parse_jwt(aad).filter(|j| shared.keys.entra.verifies(j)) else {
        return unauthorized(
            info,
            "AAD_TOKEN_INVALID",
            "not an Entra token signed by this tenant's keys",
        );
    };
    let tid = jwt.claim_str("tid").unwrap_or_default().to_string();
    let oid = jwt.claim_str("oid").unwrap_or_default().to_string();
    if let Some(c) = world.client_by_object_id(&oid) {
        info.principal = Some(c.name.to_string());
    }
    if jwt.claim_i64("exp").is_none_or(|e| e <= now) {
        return unauthorized(
            info,
            "AAD_TOKEN_EXPIRED",
            "the Entra access token has expired",
        );
    }
    if f("tenant").is_some_and(|t| !t.eq_ignore_ascii_case(&tid)) {
        return unauthorized(
            info,
            "TENANT_MISMATCH",
            "tenant does not match the token's tid",
        );
    }
    if world
        .registry_tenant(reg)
        .is_some_and(|t| !t.eq_ignore_ascii_case(&tid))
    {
        return unauthorized(
            info,
            "WRONG_TENANT",
            "the token is from a tenant this registry does not trust",
        );
    }
    let aud = jwt
        .claim_str("aud")
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_string();
    let is_acr = aud.eq_ignore_ascii_case(ACR_RESOURCE);
    let is_arm = ARM_RESOURCES.iter().any(|a| a.eq_ignore_ascii_case(&aud));
    if is_arm && !reg.authentication_as_arm {
        // guess: message reported by users (unverified in Microsoft sources) for ARM tokens when
        // authentication-as-arm is disabled.
        info.outcome = "ARM_TOKEN_DISABLED".into();
        info.detail = Some(format!(
            "audience {aud} refused: authentication-as-arm is disabled"
        ));
        return acr_error(
            401,
            "UNAUTHORIZED",
            "aad access token with sufficient scope not present",
            None,
        );
    }
    if !is_acr && !is_arm {
        return unauthorized(
            info,
            "WRONG_AUDIENCE",
            &format!("audience {aud} is neither ACR nor ARM"),
        );
    }
    let roles = data_plane_roles(world, reg, &oid);
    if roles.is_empty() {
        // guess: ACR's text for an identity without any data-plane role is the generic 401.
        return unauthorized(
            info,
            "NO_ROLE",
            "the identity holds no data-plane role on this registry",
        );
    }
    let claims = json!({
        "jti": uuid_v4(),
        "sub": oid,
        "nbf": now,
        "exp": now + REFRESH_LIFETIME,
        "iat": now,
        "iss": ISSUER,
        "aud": login_server(world, reg),
        "version": "1.0",
        "rid": crate::util::uuid_from(reg.name.as_bytes()).replace('-', ""),
        "grant_type": "refresh_token",
        "appid": jwt.claim_str("appid"),
        "tenant": tid,
        "permissions": permissions_for(&roles),
        "roles": [],
    });
    info.outcome = "ok".into();
    let token = shared.pki.acr_signer.sign(&claims).expect("sign");
    Response::json(200, &json!({"refresh_token": token}))
}

fn token(
    shared: &Shared,
    world: &World,
    reg: &Registry,
    req: &Request,
    info: &mut LogInfo,
) -> Response {
    let form = req.form();
    let now = shared.now();
    let service = form_or_query(req, &form, "service").unwrap_or("");
    let login = login_server(world, reg);
    if !service.is_empty() && service != login {
        return unauthorized(
            info,
            "SERVICE_MISMATCH",
            &format!("service '{service}' is not this registry"),
        );
    }
    let scope_values = form
        .iter()
        .chain(req.query.iter())
        .filter(|(k, _)| k == "scope")
        .map(|(_, v)| v.as_str());
    let scopes = parse_scopes(scope_values);
    let basic = req.header("authorization").and_then(|a| {
        let (scheme, value) = a.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = String::from_utf8(b64std_decode(value)?).ok()?;
        let (u, p) = decoded.split_once(':')?;
        Some((u.to_string(), p.to_string()))
    });
    let grant = form_or_query(req, &form, "grant_type");

    let (caller, subject): (Caller, String) = if let Some(refresh) =
        form_or_query(req, &form, "refresh_token").filter(|_| grant == Some("refresh_token"))
    {
        info.credential = Some("refresh_token".into());
        match check_refresh(shared, world, reg, refresh, now, info) {
            Ok(c) => c,
            Err(r) => return r,
        }
    } else if let (Some("password"), Some(u), Some(p)) = (
        grant,
        form_or_query(req, &form, "username"),
        form_or_query(req, &form, "password"),
    ) {
        info.credential = Some(format!("password:{u}"));
        match check_password(world, reg, u, p, now, info) {
            Ok(c) => c,
            Err(r) => return r,
        }
    } else if let Some((user, pass)) = basic {
        info.credential = Some(format!("basic:{user}"));
        if user == NULL_GUID {
            match check_refresh(shared, world, reg, &pass, now, info) {
                Ok(c) => c,
                Err(r) => return r,
            }
        } else {
            match check_password(world, reg, &user, &pass, now, info) {
                Ok(c) => c,
                Err(r) => return r,
            }
        }
    } else {
        info.credential = Some("none".into());
        if !reg.anonymous_pull {
            return unauthorized(
                info,
                "ANONYMOUS_DISABLED",
                "anonymous pull is not enabled on this registry",
            );
        }
        (Caller::Anonymous, String::new())
    };

    let access: Vec<Value> = scopes
        .iter()
        .map(
            |s| json!({"type": s.kind, "name": s.name, "actions": granted(world, reg, &caller, s)}),
        )
        .collect();
    let claims = json!({
        "jti": uuid_v4(),
        "sub": subject,
        "nbf": now,
        "exp": now + ACCESS_LIFETIME,
        "iat": now,
        "iss": ISSUER,
        "aud": login,
        "version": "1.0",
        "rid": crate::util::uuid_from(reg.name.as_bytes()).replace('-', ""),
        "grant_type": "access_token",
        "access": access,
        "roles": [],
    });
    let denied: Vec<String> = scopes
        .iter()
        .zip(&access)
        .filter(|(s, a)| a["actions"].as_array().map(|x| x.len()).unwrap_or(0) < s.actions.len())
        .map(|(s, _)| format!("{}:{}", s.kind, s.name))
        .collect();
    info.outcome = "ok".into();
    if !denied.is_empty() {
        info.detail = Some(format!("actions filtered for {}", denied.join(" ")));
    }
    let token = shared.pki.acr_signer.sign(&claims).expect("sign");
    Response::json(200, &json!({"access_token": token}))
}

type CallerResult = Result<(Caller, String), Response>;

fn check_refresh(
    shared: &Shared,
    world: &World,
    reg: &Registry,
    token: &str,
    now: i64,
    info: &mut LogInfo,
) -> CallerResult {
    let Some(jwt) = parse_jwt(token).filter(|j| shared.pki.acr_signer.verifies(j)) else {
        return Err(unauthorized(
            info,
            "REFRESH_TOKEN_INVALID",
            "not an ACR refresh token issued here",
        ));
    };
    let oid = jwt.claim_str("sub").unwrap_or_default().to_string();
    if let Some(c) = world.client_by_object_id(&oid) {
        info.principal = Some(c.name.to_string());
    }
    if jwt.claim_str("grant_type") != Some("refresh_token") {
        return Err(unauthorized(
            info,
            "NOT_A_REFRESH_TOKEN",
            "an ACR access token was presented where a refresh token is expected",
        ));
    }
    if jwt.claim_i64("exp").is_none_or(|e| e <= now) {
        return Err(unauthorized(
            info,
            "REFRESH_TOKEN_EXPIRED",
            "the ACR refresh token has expired",
        ));
    }
    if jwt.claim_str("aud") != Some(login_server(world, reg)) {
        return Err(unauthorized(
            info,
            "REFRESH_TOKEN_AUDIENCE",
            "the refresh token was issued for another registry",
        ));
    }
    if world
        .invalid_before
        .get(&reg.name)
        .is_some_and(|t| jwt.claim_i64("iat").unwrap_or(0) < *t)
    {
        return Err(unauthorized(
            info,
            "REFRESH_TOKEN_REVOKED",
            "credentials were invalidated (role-assignment mode switch)",
        ));
    }
    if data_plane_roles(world, reg, &oid).is_empty() {
        return Err(unauthorized(
            info,
            "NO_ROLE",
            "the identity no longer holds a data-plane role",
        ));
    }
    Ok((
        Caller::Principal {
            object_id: oid.clone(),
        },
        oid,
    ))
}

fn check_password(
    world: &World,
    reg: &Registry,
    user: &str,
    pass: &str,
    now: i64,
    info: &mut LogInfo,
) -> CallerResult {
    let admin_name = reg
        .admin_user
        .username
        .clone()
        .unwrap_or_else(|| reg.name.clone());
    if user == admin_name {
        info.principal = Some("admin".into());
        if !reg.admin_user.enabled {
            return Err(unauthorized(
                info,
                "ADMIN_DISABLED",
                "the admin user is disabled",
            ));
        }
        if reg.admin_user.password.as_deref() != Some(pass) {
            return Err(unauthorized(
                info,
                "ADMIN_PASSWORD_INVALID",
                "wrong admin password",
            ));
        }
        return Ok((Caller::Admin, user.to_string()));
    }
    if let Some(t) = reg.tokens.iter().find(|t| t.name == user) {
        info.principal = Some(format!("token:{}", t.name));
        if !t.enabled {
            return Err(unauthorized(
                info,
                "TOKEN_DISABLED",
                "the scope-map token is disabled",
            ));
        }
        if t.password != pass {
            return Err(unauthorized(
                info,
                "TOKEN_PASSWORD_INVALID",
                "wrong token password",
            ));
        }
        if world
            .secret_expiry(&format!("token:{}:{}", reg.name, t.name))
            .is_some_and(|e| e <= now)
        {
            return Err(unauthorized(
                info,
                "TOKEN_PASSWORD_EXPIRED",
                "the token password has expired",
            ));
        }
        return Ok((
            Caller::ScopeMapToken {
                name: t.name.clone(),
            },
            t.name.clone(),
        ));
    }
    // A service principal's client id and secret work as Basic credentials too (docker login -u <appId>).
    if let Some(client) = world
        .client_by_ref(user)
        .filter(|c| c.client_id.eq_ignore_ascii_case(user))
    {
        info.principal = Some(client.name.to_string());
        let Some(app) = client.app else {
            return Err(unauthorized(
                info,
                "SP_SECRET_INVALID",
                "managed identities have no secrets",
            ));
        };
        let Some(s) = app.secrets.iter().find(|s| s.value == pass) else {
            return Err(unauthorized(
                info,
                "SP_SECRET_INVALID",
                "wrong client secret",
            ));
        };
        if world
            .secret_expiry(&format!("secret:{}:{}", app.client_id, s.value))
            .is_some_and(|e| e <= now)
        {
            return Err(unauthorized(
                info,
                "SP_SECRET_EXPIRED",
                "the client secret has expired",
            ));
        }
        if data_plane_roles(world, reg, &client.object_id).is_empty() {
            return Err(unauthorized(
                info,
                "NO_ROLE",
                "the identity holds no data-plane role",
            ));
        }
        return Ok((
            Caller::Principal {
                object_id: client.object_id.clone(),
            },
            client.object_id.clone(),
        ));
    }
    Err(unauthorized(info, "UNKNOWN_USER", "unknown username"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{App, RoleAssignment, Scenario, Tenant};
    use std::collections::HashMap;

    fn world(mode: RoleAssignmentMode, roles: &[(&str, &[&str])]) -> World {
        let mut s = Scenario::default();
        s.tenants.push(Tenant {
            id: "t".into(),
            apps: vec![App {
                name: "ci".into(),
                client_id: "c1".into(),
                object_id: Some("o1".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        s.registries.push(Registry {
            name: "r".into(),
            role_assignment_mode: mode,
            role_assignments: roles
                .iter()
                .map(|(role, repos)| RoleAssignment {
                    principal: "ci".into(),
                    role: role.to_string(),
                    repositories: repos.iter().map(|x| x.to_string()).collect(),
                })
                .collect(),
            ..Default::default()
        });
        World {
            scenario: s,
            fic_created: HashMap::new(),
            login_servers: HashMap::new(),
            invalid_before: HashMap::new(),
            github_request_token: String::new(),
            secret_expiry: HashMap::new(),
        }
    }

    fn scope(s: &str) -> Scope {
        parse_scopes(std::iter::once(s)).remove(0)
    }

    #[test]
    fn scopes_split_on_last_colon() {
        let s = parse_scopes(
            [
                "repository:demo/hello:pull,push registry:catalog:*",
                "repository:127.0.0.1:5000/x:pull",
            ]
            .into_iter(),
        );
        assert_eq!(
            s[0],
            Scope {
                kind: "repository".into(),
                name: "demo/hello".into(),
                actions: vec!["pull".into(), "push".into()]
            }
        );
        assert_eq!(s[1].name, "catalog");
        assert_eq!(s[2].name, "127.0.0.1:5000/x");
    }

    #[test]
    fn rbac_roles_filter_actions() {
        let w = world(RoleAssignmentMode::Rbac, &[("AcrPull", &[])]);
        let reg = &w.scenario.registries[0];
        let who = Caller::Principal {
            object_id: "o1".into(),
        };
        assert_eq!(
            granted(&w, reg, &who, &scope("repository:demo/hello:pull,push")),
            vec!["pull"]
        );
        assert_eq!(
            granted(&w, reg, &who, &scope("registry:catalog:*")),
            vec!["*"]
        );
        let w = world(
            RoleAssignmentMode::Rbac,
            &[("AcrPush", &[]), ("AcrDelete", &[])],
        );
        let reg = &w.scenario.registries[0];
        assert_eq!(
            granted(&w, reg, &who, &scope("repository:x:pull,push,delete")),
            vec!["pull", "push", "delete"]
        );
        assert_eq!(
            data_plane_roles(&w, reg, "o1"),
            vec!["AcrPush", "AcrDelete"]
        );
        assert!(data_plane_roles(&w, reg, "other").is_empty());
    }

    #[test]
    fn abac_mode_ignores_acr_roles_and_applies_conditions() {
        let w = world(
            RoleAssignmentMode::RbacAbac,
            &[
                ("AcrPush", &[]),
                ("Container Registry Repository Writer", &["backend/"]),
            ],
        );
        let reg = &w.scenario.registries[0];
        let who = Caller::Principal {
            object_id: "o1".into(),
        };
        assert_eq!(
            granted(&w, reg, &who, &scope("repository:Backend/api:pull,push")),
            vec!["pull", "push"]
        );
        assert!(granted(&w, reg, &who, &scope("repository:frontend/web:pull")).is_empty());
        assert!(granted(&w, reg, &who, &scope("registry:catalog:*")).is_empty());
        assert_eq!(
            data_plane_roles(&w, reg, "o1"),
            vec!["Container Registry Repository Writer"]
        );
    }

    #[test]
    fn scope_map_tokens_and_anonymous() {
        let mut w = world(RoleAssignmentMode::Rbac, &[]);
        let reg = &mut w.scenario.registries[0];
        reg.tokens.push(crate::scenario::ScopeMapToken {
            name: "ci-token".into(),
            password: "p".into(),
            scope_map: [("demo/*".to_string(), vec!["content/read".to_string()])]
                .into_iter()
                .collect(),
            ..Default::default()
        });
        reg.anonymous_pull = true;
        let reg = w.scenario.registries[0].clone();
        let tok = Caller::ScopeMapToken {
            name: "ci-token".into(),
        };
        assert_eq!(
            granted(&w, &reg, &tok, &scope("repository:demo/a:pull,push")),
            vec!["pull"]
        );
        assert!(granted(&w, &reg, &tok, &scope("repository:other:pull")).is_empty());
        assert_eq!(
            granted(
                &w,
                &reg,
                &Caller::Anonymous,
                &scope("repository:x:pull,push")
            ),
            vec!["pull"]
        );
        assert_eq!(
            granted(&w, &reg, &Caller::Admin, &scope("repository:x:*")).len(),
            ALL_REPO_ACTIONS.len()
        );
    }

    #[test]
    fn firewall_rules() {
        let mut reg = Registry {
            name: "r".into(),
            network_default_action: "Deny".into(),
            ip_rules: vec!["127.0.0.2".into(), "10.0.0.0/8".into()],
            ..Default::default()
        };
        assert!(network_denied(&reg, "127.0.0.2".parse().unwrap()).is_none());
        assert!(network_denied(&reg, "10.1.2.3".parse().unwrap()).is_none());
        let r = network_denied(&reg, "127.0.0.1".parse().unwrap()).unwrap();
        assert_eq!(r.status, 403);
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["errors"][0]["code"], "DENIED");
        assert_eq!(body["errors"][0]["message"], "client with IP '127.0.0.1' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.");
        reg.network_default_action = "Allow".into();
        assert!(network_denied(&reg, "127.0.0.1".parse().unwrap()).is_none());
        reg.public_network_access = false;
        assert!(network_denied(&reg, "127.0.0.2".parse().unwrap()).is_some());
    }
}
