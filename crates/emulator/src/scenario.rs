//! The scenario file: who exists (tenants, apps, managed identities, registries, role
//! assignments), what the GitHub job looks like, and which faults to inject. TOML or JSON with the
//! same snake_case keys; see SCENARIOS.md for the documented format.

use crate::faults::FaultRule;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const GITHUB_ISSUER: &str = "https://token.actions.githubusercontent.com";
pub const TOKEN_EXCHANGE_AUDIENCE: &str = "api://AzureADTokenExchange";
/// Entra's per-app (and per user-assigned identity) federated credential limit.
pub const MAX_FEDERATED_CREDENTIALS: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("cannot read scenario file {path}: {detail}")]
    Read { path: String, detail: String },
    /// The TOML or JSON does not match the documented format (unknown keys are refused too).
    #[error("scenario {path} is not valid: {detail}")]
    Parse { path: String, detail: String },
    /// The scenario parses but describes something Azure itself would refuse to create.
    #[error("scenario is inconsistent: {0}")]
    Invalid(String),
}

impl ScenarioError {
    pub fn code(&self) -> &'static str {
        match self {
            ScenarioError::Read { .. } => "SCENARIO_READ",
            ScenarioError::Parse { .. } => "SCENARIO_PARSE",
            ScenarioError::Invalid(_) => "SCENARIO_INVALID",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Scenario {
    /// Another scenario file this one modifies (path relative to this file, `.toml`/`.json`
    /// optional). Objects merge key by key; arrays of tables carrying `name` (or `id`) merge
    /// element by element on that key; other arrays are replaced.
    pub extends: Option<String>,
    pub name: String,
    pub description: String,
    /// Seed for probabilistic faults (reproducible runs).
    pub seed: u64,
    pub github: GithubConfig,
    pub tenants: Vec<Tenant>,
    pub registries: Vec<Registry>,
    pub host: HostConfig,
    pub runner: RunnerConfig,
    pub faults: Vec<FaultRule>,
    /// Extra Entra resource identifiers that `<resource>/.default` scopes may name.
    pub extra_resources: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GithubConfig {
    /// `iss` of the tokens (the real GitHub issuer by default, so FICs look like production ones).
    pub issuer: String,
    /// `false` models a job without `permissions: id-token: write`: the runner env lacks the variables.
    pub id_token_permission: bool,
    /// The runner's `ACTIONS_ID_TOKEN_REQUEST_TOKEN`; generated when absent.
    pub request_token: Option<String>,
    pub token_lifetime_secs: i64,
    pub job: GithubJob,
}

impl Default for GithubConfig {
    fn default() -> Self {
        GithubConfig {
            issuer: GITHUB_ISSUER.into(),
            id_token_permission: true,
            request_token: None,
            token_lifetime_secs: 300,
            job: GithubJob::default(),
        }
    }
}

/// The workflow run whose job asks for tokens; these become the token's claims.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GithubJob {
    pub repository: String,
    pub repository_id: String,
    pub repository_owner_id: String,
    pub repository_visibility: String,
    #[serde(rename = "ref")]
    pub git_ref: String,
    pub sha: String,
    pub event_name: String,
    pub environment: Option<String>,
    pub head_ref: String,
    pub base_ref: String,
    pub actor: String,
    pub actor_id: String,
    pub workflow: String,
    pub workflow_file: String,
    pub run_id: String,
    pub run_number: String,
    pub run_attempt: String,
    pub runner_environment: String,
    pub enterprise: Option<String>,
    /// `repo:owner@id/name@id:...` subjects (GitHub's immutable form).
    pub immutable_subject: bool,
    /// A customised subject (OIDC sub template), used verbatim instead of the default rule.
    pub subject: Option<String>,
}

impl Default for GithubJob {
    fn default() -> Self {
        GithubJob {
            repository: "octo-org/octo-repo".into(),
            repository_id: "123456789".into(),
            repository_owner_id: "987654321".into(),
            repository_visibility: "private".into(),
            git_ref: "refs/heads/main".into(),
            sha: "e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0".into(),
            event_name: "push".into(),
            environment: None,
            head_ref: String::new(),
            base_ref: String::new(),
            actor: "octocat".into(),
            actor_id: "583231".into(),
            workflow: "CI".into(),
            workflow_file: ".github/workflows/ci.yml".into(),
            run_id: "9876543210".into(),
            run_number: "42".into(),
            run_attempt: "1".into(),
            runner_environment: "github-hosted".into(),
            enterprise: None,
            immutable_subject: false,
            subject: None,
        }
    }
}

impl GithubJob {
    pub fn owner(&self) -> &str {
        self.repository.split('/').next().unwrap_or("")
    }

    /// GitHub's default `sub`: environment > pull_request > ref (customised subject wins over all).
    pub fn subject(&self) -> String {
        if let Some(s) = &self.subject {
            return s.clone();
        }
        let repo = if self.immutable_subject {
            let (owner, name) = self
                .repository
                .split_once('/')
                .unwrap_or((&self.repository, ""));
            format!(
                "{owner}@{}/{name}@{}",
                self.repository_owner_id, self.repository_id
            )
        } else {
            self.repository.clone()
        };
        if let Some(env) = self.environment.as_deref().filter(|e| !e.is_empty()) {
            format!("repo:{repo}:environment:{env}")
        } else if self.event_name == "pull_request" {
            format!("repo:{repo}:pull_request")
        } else {
            format!("repo:{repo}:ref:{}", self.git_ref)
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Tenant {
    pub id: String,
    /// A verified domain (`contoso.onmicrosoft.com`), accepted in place of the id in token URLs.
    pub domain: Option<String>,
    pub apps: Vec<App>,
    pub managed_identities: Vec<ManagedIdentity>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct App {
    pub name: String,
    pub client_id: String,
    /// Object id of the app's service principal (the `oid` of its tokens); derived when absent.
    pub object_id: Option<String>,
    pub federated_credentials: Vec<FederatedCredential>,
    pub secrets: Vec<ClientSecret>,
    /// A Conditional Access policy for workload identities blocks this app (AADSTS53003).
    pub blocked_by_conditional_access: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FederatedCredential {
    pub name: String,
    pub issuer: String,
    pub subject: String,
    pub audiences: Vec<String>,
    pub description: String,
    /// Seconds after creation (emulator start, or the admin call) during which Entra answers 70021.
    pub propagation_secs: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClientSecret {
    /// The secret's id (what the portal shows as "Secret ID"); derived when absent.
    pub id: Option<String>,
    pub value: String,
    /// Absolute expiry (Unix seconds).
    pub expires: Option<i64>,
    /// Expiry relative to the emulator's start; negative means already expired.
    pub expires_in_secs: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    #[default]
    User,
    System,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ManagedIdentity {
    pub name: String,
    pub kind: IdentityKind,
    pub client_id: String,
    pub principal_id: Option<String>,
    pub resource_id: Option<String>,
    /// User-assigned identities can trust external issuers too (workload identity federation).
    pub federated_credentials: Vec<FederatedCredential>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum RoleAssignmentMode {
    #[default]
    Rbac,
    RbacAbac,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Registry {
    /// Short name, e.g. `contoso` (the real login server would be `contoso.azurecr.io`).
    pub name: String,
    /// Login server the clients use (`service`, token `aud`); default `127.0.0.1:<free port>`.
    pub login_server: Option<String>,
    /// Tenant whose identities the registry trusts; default the first tenant.
    pub tenant: Option<String>,
    pub authentication_as_arm: bool,
    pub role_assignment_mode: RoleAssignmentMode,
    pub public_network_access: bool,
    /// `Allow` or `Deny`; with `Deny` only `ip_rules` (addresses or IPv4 CIDRs) get in.
    pub network_default_action: String,
    pub ip_rules: Vec<String>,
    pub anonymous_pull: bool,
    pub admin_user: AdminUser,
    pub role_assignments: Vec<RoleAssignment>,
    pub tokens: Vec<ScopeMapToken>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            name: String::new(),
            login_server: None,
            tenant: None,
            authentication_as_arm: true,
            role_assignment_mode: RoleAssignmentMode::Rbac,
            public_network_access: true,
            network_default_action: "Allow".into(),
            ip_rules: Vec::new(),
            anonymous_pull: false,
            admin_user: AdminUser::default(),
            role_assignments: Vec::new(),
            tokens: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdminUser {
    pub enabled: bool,
    /// Defaults to the registry name, as in ACR.
    pub username: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RoleAssignment {
    /// App name, client id, object id, or managed identity name / client id / principal id.
    pub principal: String,
    /// `AcrPull`, `AcrPush`, `AcrDelete`, `Owner`, `Contributor`, `Reader`, or in ABAC mode
    /// `Container Registry Repository Reader|Writer|Contributor|Catalog Lister`.
    pub role: String,
    /// ABAC condition: repository name prefixes (case-insensitive); empty = registry-wide.
    pub repositories: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScopeMapToken {
    pub name: String,
    pub password: String,
    pub expires: Option<i64>,
    pub expires_in_secs: Option<i64>,
    pub enabled: bool,
    /// Repository (or `prefix/*`) → actions (`content/read`, `content/write`, `content/delete`,
    /// `metadata/read`, `metadata/write`).
    pub scope_map: BTreeMap<String, Vec<String>>,
}

impl Default for ScopeMapToken {
    fn default() -> Self {
        ScopeMapToken {
            name: String::new(),
            password: String::new(),
            expires: None,
            expires_in_secs: None,
            enabled: true,
            scope_map: BTreeMap::new(),
        }
    }
}

/// The machine the client runs on: which managed identities IMDS hands out, and the
/// Kubernetes-style projected token of workload identity.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HostConfig {
    /// Names of managed identities attached to this host (IMDS serves these).
    pub managed_identities: Vec<String>,
    pub workload_identity: Option<WorkloadIdentity>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkloadIdentity {
    pub issuer: String,
    pub subject: String,
    pub audience: String,
    /// The app or user-assigned identity the pod is annotated with (client id or name).
    pub client: String,
    pub tenant: Option<String>,
    pub token_lifetime_secs: i64,
}

impl Default for WorkloadIdentity {
    fn default() -> Self {
        WorkloadIdentity {
            issuer: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-2222-3333-4444-555555555555/".into(),
            subject: "system:serviceaccount:default:workload-identity-sa".into(),
            audience: TOKEN_EXCHANGE_AUDIENCE.into(),
            client: String::new(),
            tenant: None,
            token_lifetime_secs: 3600,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RunnerConfig {
    /// Extra environment for the runner (e.g. `AZURE_CLIENT_ID`), copied into the ready line's env.
    /// `{login_server}` (first registry) and `{login_server:NAME}` are replaced in values.
    pub env: BTreeMap<String, String>,
    /// The action inputs a workflow would pass (`client-id`, `tenant-id`, `registry`, ...), copied
    /// into the ready line's `inputs` with the same substitutions.
    pub inputs: BTreeMap<String, String>,
}

impl Scenario {
    pub fn from_file(path: &str) -> Result<Scenario, ScenarioError> {
        let value = load_value(std::path::Path::new(path), 0)?;
        serde_json::from_value(value).map_err(|e| ScenarioError::Parse {
            path: path.into(),
            detail: e.to_string(),
        })
    }

    pub fn parse(text: &str, json: bool) -> Result<Scenario, String> {
        let scenario: Scenario = if json {
            serde_json::from_str(text).map_err(|e| e.to_string())?
        } else {
            toml::from_str(text).map_err(|e| e.to_string())?
        };
        Ok(scenario)
    }

    /// Rejects what Azure would refuse at creation time, so failures point at the scenario.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let bad = |m: String| Err(ScenarioError::Invalid(m));
        for t in &self.tenants {
            if t.id.is_empty() {
                return bad("a tenant has no id".into());
            }
            let owners = t
                .apps
                .iter()
                .map(|a| (a.name.as_str(), &a.federated_credentials))
                .chain(
                    t.managed_identities
                        .iter()
                        .map(|m| (m.name.as_str(), &m.federated_credentials)),
                );
            for (owner, fics) in owners {
                if fics.len() > MAX_FEDERATED_CREDENTIALS {
                    return bad(format!("{owner}: {} federated credentials, Entra allows at most {MAX_FEDERATED_CREDENTIALS}", fics.len()));
                }
                for (i, f) in fics.iter().enumerate() {
                    if f.audiences.len() != 1 {
                        return bad(format!(
                            "{owner}/{}: a federated credential has exactly one audience",
                            f.name
                        ));
                    }
                    if fics[..i]
                        .iter()
                        .any(|g| g.issuer == f.issuer && g.subject == f.subject)
                    {
                        return bad(format!(
                            "{owner}/{}: issuer and subject pair must be unique",
                            f.name
                        ));
                    }
                }
            }
            for a in &t.apps {
                if a.client_id.is_empty() {
                    return bad(format!("app {} has no client_id", a.name));
                }
            }
        }
        for r in &self.registries {
            if r.name.is_empty() {
                return bad("a registry has no name".into());
            }
            if !matches!(r.network_default_action.as_str(), "Allow" | "Deny") {
                return bad(format!(
                    "registry {}: network_default_action is Allow or Deny",
                    r.name
                ));
            }
        }
        for f in &self.faults {
            f.validate().map_err(ScenarioError::Invalid)?;
        }
        Ok(())
    }
}

fn read_value(path: &std::path::Path) -> Result<serde_json::Value, ScenarioError> {
    let p = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ScenarioError::Read {
        path: p.clone(),
        detail: e.to_string(),
    })?;
    let json = p.ends_with(".json") || text.trim_start().starts_with('{');
    let parsed = if json {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        toml::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())
    };
    parsed.map_err(|detail| ScenarioError::Parse { path: p, detail })
}

fn load_value(path: &std::path::Path, depth: usize) -> Result<serde_json::Value, ScenarioError> {
    if depth > 8 {
        return Err(ScenarioError::Invalid(format!(
            "{}: `extends` nests too deep (a cycle?)",
            path.display()
        )));
    }
    let mut value = read_value(path)?;
    let Some(base) = value.as_object_mut().and_then(|o| o.remove("extends")) else {
        return Ok(value);
    };
    let base = base
        .as_str()
        .ok_or_else(|| ScenarioError::Invalid("`extends` is a file path".into()))?
        .to_string();
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let candidates = [
        dir.join(&base),
        dir.join(format!("{base}.toml")),
        dir.join(format!("{base}.json")),
    ];
    let found = candidates
        .iter()
        .find(|c| c.is_file())
        .ok_or_else(|| ScenarioError::Read {
            path: dir.join(&base).display().to_string(),
            detail: "the scenario named in `extends` does not exist".into(),
        })?;
    let mut merged = load_value(found, depth + 1)?;
    merge_scenario(&mut merged, &value);
    Ok(merged)
}

fn element_key(v: &serde_json::Value) -> Option<&str> {
    v.get("name")
        .or_else(|| v.get("id"))
        .and_then(serde_json::Value::as_str)
}

/// Deep merge for `extends`: see [`Scenario::extends`].
pub fn merge_scenario(base: &mut serde_json::Value, patch: &serde_json::Value) {
    use serde_json::Value;
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                match b.get_mut(k) {
                    Some(existing) => merge_scenario(existing, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (Value::Array(b), Value::Array(p))
            if !p.is_empty()
                && p.iter().all(|e| element_key(e).is_some())
                && b.iter().all(|e| element_key(e).is_some()) =>
        {
            for e in p {
                let key = element_key(e).map(String::from);
                match b
                    .iter_mut()
                    .find(|x| element_key(x).map(String::from) == key)
                {
                    Some(existing) => merge_scenario(existing, e),
                    None => b.push(e.clone()),
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extends_merges_named_elements_and_replaces_plain_arrays() {
        let mut base = serde_json::json!({
            "name": "base",
            "tenants": [{"id": "t", "apps": [{"name": "a", "client_id": "1", "secrets": [{"value": "x"}]}, {"name": "b", "client_id": "2"}]}],
            "registries": [{"name": "r", "ip_rules": ["1.1.1.1"]}],
        });
        merge_scenario(
            &mut base,
            &serde_json::json!({
                "name": "child",
                "tenants": [{"id": "t", "apps": [{"name": "a", "secrets": [{"value": "y"}]}, {"name": "c", "client_id": "3"}]}],
                "registries": [{"name": "r", "ip_rules": ["2.2.2.2"]}],
            }),
        );
        assert_eq!(base["name"], "child");
        let apps = &base["tenants"][0]["apps"];
        assert_eq!(apps.as_array().unwrap().len(), 3);
        assert_eq!(apps[0]["client_id"], "1");
        assert_eq!(apps[0]["secrets"][0]["value"], "y");
        assert_eq!(
            base["registries"][0]["ip_rules"],
            serde_json::json!(["2.2.2.2"])
        );
    }

    #[test]
    fn every_ready_made_scenario_loads_and_validates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let s = Scenario::from_file(&path.display().to_string())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            s.validate()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                !s.description.is_empty(),
                "{} has no description",
                path.display()
            );
            n += 1;
        }
        assert!(n >= 20, "only {n} scenarios");
    }

    #[test]
    fn subject_precedence_environment_then_pull_request_then_ref() {
        let mut job = GithubJob::default();
        assert_eq!(job.subject(), "repo:octo-org/octo-repo:ref:refs/heads/main");
        job.event_name = "pull_request".into();
        assert_eq!(job.subject(), "repo:octo-org/octo-repo:pull_request");
        job.environment = Some("prod".into());
        assert_eq!(job.subject(), "repo:octo-org/octo-repo:environment:prod");
        job.immutable_subject = true;
        assert_eq!(
            job.subject(),
            "repo:octo-org@987654321/octo-repo@123456789:environment:prod"
        );
        job.subject = Some("repository_owner:octo-org".into());
        assert_eq!(job.subject(), "repository_owner:octo-org");
        job.subject = None;
        job.environment = None;
        job.event_name = "push".into();
        job.git_ref = "refs/tags/v1".into();
        assert_eq!(
            job.subject(),
            "repo:octo-org@987654321/octo-repo@123456789:ref:refs/tags/v1"
        );
    }

    #[test]
    fn toml_and_json_parse_to_the_same_scenario_and_unknown_keys_fail() {
        let toml = r#"
            name = "x"
            [[tenants]]
            id = "t1"
            [[tenants.apps]]
            name = "app"
            client_id = "c1"
            federated_credentials = [{ name = "main", issuer = "https://token.actions.githubusercontent.com", subject = "repo:o/r:ref:refs/heads/main", audiences = ["api://AzureADTokenExchange"] }]
            [[registries]]
            name = "contoso"
            role_assignments = [{ principal = "app", role = "AcrPush" }]
        "#;
        let a = Scenario::parse(toml, false).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        let b = Scenario::parse(&json, true).unwrap();
        assert_eq!(
            b.tenants[0].apps[0].federated_credentials[0].subject,
            "repo:o/r:ref:refs/heads/main"
        );
        assert_eq!(b.registries[0].role_assignments[0].role, "AcrPush");
        assert!(b.registries[0].authentication_as_arm);
        a.validate().unwrap();
        assert!(Scenario::parse("nme = 1", false)
            .unwrap_err()
            .contains("unknown field"));
    }

    #[test]
    fn validation_applies_entra_limits() {
        let mut s = Scenario::default();
        let fic = |i: usize| FederatedCredential {
            name: format!("f{i}"),
            issuer: GITHUB_ISSUER.into(),
            subject: format!("repo:o/r:environment:e{i}"),
            audiences: vec![TOKEN_EXCHANGE_AUDIENCE.into()],
            ..Default::default()
        };
        s.tenants.push(Tenant {
            id: "t".into(),
            apps: vec![App {
                name: "a".into(),
                client_id: "c".into(),
                federated_credentials: (0..21).map(fic).collect(),
                ..Default::default()
            }],
            ..Default::default()
        });
        assert!(s.validate().unwrap_err().to_string().contains("at most 20"));
        s.tenants[0].apps[0].federated_credentials.truncate(2);
        s.tenants[0].apps[0].federated_credentials[1]
            .audiences
            .push("x".into());
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .contains("exactly one audience"));
    }
}
