//! GitHub Actions as an OIDC provider: the runner's ID-token endpoint (what
//! `ACTIONS_ID_TOKEN_REQUEST_URL` points at), the issuer's discovery document and JWKS. The same
//! listener also publishes the workload-identity (Kubernetes service account) issuer.

use crate::http::{Request, Response};
use crate::log::LogInfo;
use crate::scenario::{GithubJob, WorkloadIdentity};
use crate::util::uuid_from;
use crate::world::{Shared, World};
use serde_json::{json, Value};

pub const TOKEN_PATH_PREFIX: &str = "/_apis/distributedtask/hubs/Actions/plans/";
pub const WORKLOAD_PREFIX: &str = "/issuers/workload";

/// The runner token URL: like the real one it already carries a query string, so clients must
/// append `&audience=`.
pub fn token_url(base: &str, job: &GithubJob) -> String {
    let plan = uuid_from(format!("plan:{}", job.run_id).as_bytes());
    let jobid = uuid_from(format!("job:{}:{}", job.run_id, job.run_attempt).as_bytes());
    format!("{base}{TOKEN_PATH_PREFIX}{plan}/jobs/{jobid}/idtoken?api-version=2.0")
}

pub fn endpoint(req: &Request) -> &'static str {
    if req.path.starts_with(TOKEN_PATH_PREFIX) {
        "github.token"
    } else if req.path.ends_with("/jwks") || req.path.ends_with("/keys") {
        "github.jwks"
    } else {
        "github.discovery"
    }
}

fn ref_type(git_ref: &str) -> &'static str {
    if git_ref.starts_with("refs/heads/") {
        "branch"
    } else if git_ref.starts_with("refs/tags/") {
        "tag"
    } else {
        ""
    }
}

/// GitHub's claim set for the configured job. `aud` defaults to the owner's URL, as on GitHub.
pub fn claims(world: &World, audience: Option<&str>, now: i64) -> Value {
    let gh = &world.scenario.github;
    let job = &gh.job;
    let owner = job.owner();
    let workflow_ref = format!("{}/{}@{}", job.repository, job.workflow_file, job.git_ref);
    let mut c = json!({
        "jti": crate::util::uuid_v4(),
        "sub": job.subject(),
        "aud": audience.map(String::from).unwrap_or_else(|| format!("https://github.com/{owner}")),
        "ref": job.git_ref,
        "sha": job.sha,
        "repository": job.repository,
        "repository_owner": owner,
        "repository_owner_id": job.repository_owner_id,
        "run_id": job.run_id,
        "run_number": job.run_number,
        "run_attempt": job.run_attempt,
        "repository_visibility": job.repository_visibility,
        "repository_id": job.repository_id,
        "actor_id": job.actor_id,
        "actor": job.actor,
        "workflow": job.workflow,
        "head_ref": job.head_ref,
        "base_ref": job.base_ref,
        "event_name": job.event_name,
        "ref_protected": "false",
        "ref_type": ref_type(&job.git_ref),
        "workflow_ref": workflow_ref,
        "workflow_sha": job.sha,
        "job_workflow_ref": workflow_ref,
        "job_workflow_sha": job.sha,
        "runner_environment": job.runner_environment,
    });
    if let Some(env) = job.environment.as_deref().filter(|e| !e.is_empty()) {
        c["environment"] = env.into();
        c["environment_node_id"] = format!("EN_{}", &uuid_from(env.as_bytes())[..12]).into();
    }
    if let Some(ent) = &job.enterprise {
        c["enterprise"] = ent.clone().into();
        c["enterprise_id"] = "1234".into();
    }
    c["iss"] = gh.issuer.clone().into();
    // GitHub back-dates nbf by 10 minutes and gives 5 minutes of validity (documented sample).
    c["nbf"] = (now - 600).into();
    c["exp"] = (now + gh.token_lifetime_secs).into();
    c["iat"] = now.into();
    c
}

pub fn mint(shared: &Shared, world: &World, audience: Option<&str>) -> String {
    shared
        .keys
        .github
        .sign(&claims(world, audience, shared.now()), &[])
        .expect("sign")
}

/// The projected service-account token a workload-identity pod finds in `AZURE_FEDERATED_TOKEN_FILE`.
pub fn mint_workload(shared: &Shared, wi: &WorkloadIdentity) -> String {
    let now = shared.now();
    let claims = json!({
        "aud": [wi.audience],
        "exp": now + wi.token_lifetime_secs,
        "iat": now,
        "iss": wi.issuer,
        "kubernetes.io": {
            "namespace": wi.subject.split(':').nth(2).unwrap_or("default"),
            "serviceaccount": {"name": wi.subject.split(':').nth(3).unwrap_or("default"), "uid": uuid_from(wi.subject.as_bytes())},
        },
        "nbf": now,
        "sub": wi.subject,
    });
    shared.keys.workload.sign(&claims, &[]).expect("sign")
}

fn discovery(issuer: &str, jwks_uri: &str) -> Value {
    json!({
        "issuer": issuer,
        "jwks_uri": jwks_uri,
        "subject_types_supported": ["public", "pairwise"],
        "response_types_supported": ["id_token"],
        "claims_supported": [
            "sub", "aud", "exp", "iat", "iss", "jti", "nbf", "ref", "sha", "repository", "repository_id",
            "repository_owner", "repository_owner_id", "enterprise", "enterprise_id", "run_id", "run_number",
            "run_attempt", "actor", "actor_id", "workflow", "workflow_ref", "workflow_sha", "head_ref", "base_ref",
            "event_name", "ref_type", "ref_protected", "environment", "environment_node_id", "job_workflow_ref",
            "job_workflow_sha", "repository_visibility", "runner_environment", "issuer_scope"
        ],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid"],
    })
}

/// guess: the Actions service answers like Azure DevOps (VSS) services do; body shape not documented.
pub fn vss_error(status: u16, message: &str, type_key: &str) -> Response {
    Response::json(
        status,
        &json!({
            "$id": "1",
            "innerException": null,
            "message": message,
            "typeName": format!("Microsoft.TeamFoundation.Framework.Server.{type_key}, Microsoft.TeamFoundation.Framework.Server"),
            "typeKey": type_key,
            "errorCode": 0,
            "eventId": 3000,
        }),
    )
}

pub fn handle(shared: &Shared, req: &Request, info: &mut LogInfo) -> Response {
    let base = &shared.urls.github;
    if req.method != "GET" {
        info.outcome = "METHOD_NOT_ALLOWED".into();
        return vss_error(
            405,
            "The requested resource does not support http method.",
            "HttpMethodNotAllowedException",
        );
    }
    let world = shared.read();
    match req.path.as_str() {
        "/.well-known/openid-configuration" => {
            info.outcome = "ok".into();
            Response::json(
                200,
                &discovery(
                    &world.scenario.github.issuer,
                    &format!("{base}/.well-known/jwks"),
                ),
            )
        }
        "/.well-known/jwks" => {
            info.outcome = "ok".into();
            Response::json(200, &json!({"keys": [shared.keys.github.jwk()]}))
        }
        p if p == format!("{WORKLOAD_PREFIX}/.well-known/openid-configuration") => {
            info.outcome = "ok".into();
            let issuer = world
                .scenario
                .host
                .workload_identity
                .as_ref()
                .map(|w| w.issuer.clone())
                .unwrap_or_default();
            Response::json(
                200,
                &discovery(&issuer, &format!("{base}{WORKLOAD_PREFIX}/openid/v1/jwks")),
            )
        }
        p if p == format!("{WORKLOAD_PREFIX}/openid/v1/jwks") => {
            info.outcome = "ok".into();
            Response::json(200, &json!({"keys": [shared.keys.workload.jwk()]}))
        }
        p if p.starts_with(TOKEN_PATH_PREFIX) && p.ends_with("/idtoken") => {
            let presented = req.header("authorization").and_then(|a| {
                let (scheme, value) = a.split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| value.trim().to_string())
            });
            info.credential = Some(if presented.is_some() {
                "bearer".into()
            } else {
                "none".into()
            });
            if presented.as_deref() != Some(world.github_request_token.as_str())
                || !world.scenario.github.id_token_permission
            {
                info.outcome = "UNAUTHORIZED".into();
                // guess: TF400813 is the Azure DevOps family's unauthorized text.
                return vss_error(
                    401,
                    "TF400813: The user '' is not authorized to access this resource.",
                    "UnauthorizedRequestException",
                );
            }
            let audience = req.query_value("audience").filter(|a| !a.is_empty());
            let token = mint(shared, &world, audience);
            info.outcome = "ok".into();
            info.principal = Some(world.scenario.github.job.subject());
            Response::json(200, &json!({"value": token}))
        }
        _ => {
            info.outcome = "NOT_FOUND".into();
            vss_error(404, "Page not found.", "NotFoundException")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_url_already_has_a_query_string() {
        let url = token_url("https://127.0.0.1:1", &GithubJob::default());
        assert!(url.contains("/idtoken?api-version=2.0"));
        assert!(url.starts_with("https://127.0.0.1:1/_apis/distributedtask/hubs/Actions/plans/"));
    }

    #[test]
    fn ref_types() {
        assert_eq!(ref_type("refs/heads/main"), "branch");
        assert_eq!(ref_type("refs/tags/v1"), "tag");
        assert_eq!(ref_type("refs/pull/1/merge"), "");
    }
}
