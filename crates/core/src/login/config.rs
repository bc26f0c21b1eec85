//! What the host asks for ([`LoginOptions`], plain data from the action inputs and environment)
//! and its validated, resolved form ([`Plan`]). Every rejection names the action input at fault.

use super::secret::Secret;
use serde::{Deserialize, Serialize};

/// The Azure cloud: decides the Entra authority, the federated audience and the ACR scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cloud {
    AzureCloud,
    AzureUSGovernment,
    AzureChinaCloud,
}

impl Cloud {
    pub fn name(self) -> &'static str {
        match self {
            Cloud::AzureCloud => "AzureCloud",
            Cloud::AzureUSGovernment => "AzureUSGovernment",
            Cloud::AzureChinaCloud => "AzureChinaCloud",
        }
    }

    /// Login-server suffix, with the leading dot.
    pub fn registry_suffix(self) -> &'static str {
        match self {
            Cloud::AzureCloud => ".azurecr.io",
            Cloud::AzureUSGovernment => ".azurecr.us",
            Cloud::AzureChinaCloud => ".azurecr.cn",
        }
    }

    pub fn authority_host(self) -> &'static str {
        match self {
            Cloud::AzureCloud => "https://login.microsoftonline.com",
            Cloud::AzureUSGovernment => "https://login.microsoftonline.us",
            Cloud::AzureChinaCloud => "https://login.chinacloudapi.cn",
        }
    }

    /// The audience a federated credential expects in the GitHub token (azure/login#452).
    pub fn federated_audience(self) -> &'static str {
        match self {
            Cloud::AzureCloud => "api://AzureADTokenExchange",
            Cloud::AzureUSGovernment => "api://AzureADTokenExchangeUSGov",
            Cloud::AzureChinaCloud => "api://AzureADTokenExchangeChina",
        }
    }

    /// ACR's Entra resource. Sovereign values are what other implementations use; Microsoft's
    /// docs only show the public one.
    pub fn acr_resource(self) -> &'static str {
        match self {
            Cloud::AzureCloud => "https://containerregistry.azure.net",
            Cloud::AzureUSGovernment => "https://containerregistry.azure.us",
            Cloud::AzureChinaCloud => "https://containerregistry.azure.cn",
        }
    }

    pub fn from_suffix(host: &str) -> Option<Cloud> {
        let host = host.split(':').next().unwrap_or(host);
        [Cloud::AzureCloud, Cloud::AzureUSGovernment, Cloud::AzureChinaCloud]
            .into_iter()
            .find(|c| host.ends_with(c.registry_suffix()))
    }

    /// Accepts the az CLI / azure/login names in any case, plus short forms.
    pub fn parse(s: &str) -> Result<Cloud, ConfigError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "azurecloud" | "public" | "azure" | "azurepubliccloud" => Ok(Cloud::AzureCloud),
            "azureusgovernment" | "usgovernment" | "usgov" | "azureusgovernmentcloud" => Ok(Cloud::AzureUSGovernment),
            "azurechinacloud" | "china" | "azurechina" => Ok(Cloud::AzureChinaCloud),
            other => Err(ConfigError::UnknownEnvironment { value: other.to_string() }),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthType {
    /// GitHub Actions OIDC token → Entra client_credentials with `client_assertion`.
    #[default]
    Oidc,
    /// Entra client_credentials with a client secret.
    ClientSecret,
    /// Azure Instance Metadata Service (VMs, self-hosted runners on Azure).
    ManagedIdentity,
    /// A federated token file (`AZURE_FEDERATED_TOKEN_FILE`, AKS/ARC runners) as the assertion.
    WorkloadIdentity,
    /// Registry admin user or scope-map token: username/password used as they are.
    Basic,
}

impl AuthType {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthType::Oidc => "oidc",
            AuthType::ClientSecret => "client-secret",
            AuthType::ManagedIdentity => "managed-identity",
            AuthType::WorkloadIdentity => "workload-identity",
            AuthType::Basic => "basic",
        }
    }

    pub fn parse(s: &str) -> Result<AuthType, ConfigError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "oidc" => Ok(AuthType::Oidc),
            "client-secret" | "secret" | "service-principal" => Ok(AuthType::ClientSecret),
            "managed-identity" | "msi" | "imds" => Ok(AuthType::ManagedIdentity),
            "workload-identity" => Ok(AuthType::WorkloadIdentity),
            "basic" | "admin" | "token" => Ok(AuthType::Basic),
            other => Err(ConfigError::UnknownAuthType { value: other.to_string() }),
        }
    }
}

/// A repository action in ACR's token scope vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RepoAction {
    Pull,
    Push,
    Delete,
}

impl RepoAction {
    pub fn as_str(self) -> &'static str {
        match self {
            RepoAction::Pull => "pull",
            RepoAction::Push => "push",
            RepoAction::Delete => "delete",
        }
    }

    /// The built-in role (RBAC mode) that grants this action, and its ABAC-mode counterpart.
    pub fn role(self) -> (&'static str, &'static str) {
        match self {
            RepoAction::Pull => ("AcrPull", "Container Registry Repository Reader"),
            RepoAction::Push => ("AcrPush", "Container Registry Repository Writer"),
            RepoAction::Delete => ("AcrDelete", "Container Registry Repository Contributor"),
        }
    }

    /// Deduplicated, in the canonical order pull, push, delete.
    pub fn parse_list(s: &str) -> Result<Vec<RepoAction>, ConfigError> {
        let mut seen = [false; 3];
        for part in s.split([',', ' ', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
            let a = match part.to_ascii_lowercase().as_str() {
                "pull" => RepoAction::Pull,
                "push" => RepoAction::Push,
                "delete" => RepoAction::Delete,
                _ => return Err(ConfigError::UnknownAction { value: part.to_string() }),
            };
            seen[a as usize] = true;
        }
        Ok([RepoAction::Pull, RepoAction::Push, RepoAction::Delete].into_iter().filter(|a| seen[*a as usize]).collect())
    }
}

/// Retry tunables. Defaults suit real Azure; tests shrink them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RetryPolicy {
    /// Attempts per request for 429, 5xx and transient transport errors (first try included).
    pub max_attempts: u32,
    /// First back-off; doubles per attempt.
    pub base_delay_ms: u64,
    pub max_delay_ms: u64,
    /// A `Retry-After` longer than this is not waited for: the login fails as throttled.
    pub max_retry_after_ms: u64,
    /// Delays between attempts when Entra answers AADSTS70021 (a federated credential created
    /// moments ago is not visible everywhere yet). Empty: no such retries.
    pub propagation_delays_ms: Vec<u64>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay_ms: 500,
            max_delay_ms: 8_000,
            max_retry_after_ms: 30_000,
            propagation_delays_ms: vec![5_000, 10_000, 15_000],
        }
    }
}

/// Everything the host passes in; field names are the camelCase of the action inputs, plus the
/// environment values the host read (the core reads no environment).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LoginOptions {
    /// Login servers or bare registry names, as given (`myacr`, `myacr.azurecr.io`, `https://…`).
    pub registries: Vec<String>,
    pub auth_type: Option<String>,
    pub client_id: Option<String>,
    pub tenant_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub audience: Option<String>,
    pub environment: Option<String>,
    /// The `authority-host` input, else `AZURE_AUTHORITY_HOST`: the host decides the precedence.
    pub authority_host: Option<String>,
    pub repository: Option<String>,
    /// `pull`, `push`, `delete` (comma separated or a list).
    pub actions: Option<String>,
    /// `ACTIONS_ID_TOKEN_REQUEST_URL` / `…_TOKEN` from the runner's environment.
    pub id_token_request_url: Option<String>,
    pub id_token_request_token: Option<Secret>,
    /// Contents of `AZURE_FEDERATED_TOKEN_FILE` (the host reads the file).
    pub federated_token: Option<Secret>,
    /// The IMDS base URL; `http://169.254.169.254` unless overridden (tests, emulator).
    pub imds_endpoint: Option<String>,
    /// Entra scope override (e.g. ARM's `https://management.azure.com/.default`).
    pub scope: Option<String>,
    /// Per-request timeout in milliseconds (default 30 s).
    pub timeout_ms: Option<u64>,
    /// Whole-flow time budget in milliseconds (default 120 s).
    pub budget_ms: Option<u64>,
    /// Basic: check the credentials against the registry's token endpoint (default true).
    pub verify_basic: Option<bool>,
    pub retry: Option<RetryPolicy>,
    /// Seeds the back-off jitter, so parallel runs spread out while tests stay replayable.
    pub jitter_seed: Option<u64>,
}

impl LoginOptions {
    /// The options from JSON (the camelCase field names above). Read by hand rather than with
    /// `#[derive(Deserialize)]`: typed deserialisation drags serde's error formatting, floats
    /// included, into the wasm (~25 KB). Strings may also be given as a list (`registries`,
    /// `actions`).
    pub fn from_json(text: &str) -> Result<LoginOptions, ConfigError> {
        let bad = |why: &'static str| ConfigError::BadValue { input: "options", value: String::new(), why };
        let v: serde_json::Value = serde_json::from_str(text).map_err(|_| bad("are not JSON"))?;
        let m = v.as_object().ok_or_else(|| bad("must be a JSON object"))?;
        let text_of = |k: &str| -> Option<String> {
            match m.get(k)? {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Array(a) => Some(a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(",")),
                _ => None,
            }
        };
        let secret = |k: &str| text_of(k).map(Secret::new);
        let num = |k: &str| m.get(k).and_then(|x| x.as_u64());
        let registries = match m.get("registries") {
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).map(String::from).collect(),
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        };
        let retry = m.get("retry").and_then(|r| r.as_object()).map(|r| {
            let d = RetryPolicy::default();
            let n = |k: &str, dflt: u64| r.get(k).and_then(|x| x.as_u64()).unwrap_or(dflt);
            RetryPolicy {
                max_attempts: n("maxAttempts", d.max_attempts as u64) as u32,
                base_delay_ms: n("baseDelayMs", d.base_delay_ms),
                max_delay_ms: n("maxDelayMs", d.max_delay_ms),
                max_retry_after_ms: n("maxRetryAfterMs", d.max_retry_after_ms),
                propagation_delays_ms: match r.get("propagationDelaysMs").and_then(|x| x.as_array()) {
                    Some(a) => a.iter().filter_map(|x| x.as_u64()).collect(),
                    None => d.propagation_delays_ms,
                },
            }
        });
        Ok(LoginOptions {
            registries,
            auth_type: text_of("authType"),
            client_id: text_of("clientId"),
            tenant_id: text_of("tenantId"),
            client_secret: secret("clientSecret"),
            username: text_of("username"),
            password: secret("password"),
            audience: text_of("audience"),
            environment: text_of("environment"),
            authority_host: text_of("authorityHost"),
            repository: text_of("repository"),
            actions: text_of("actions"),
            id_token_request_url: text_of("idTokenRequestUrl"),
            id_token_request_token: secret("idTokenRequestToken"),
            federated_token: secret("federatedToken"),
            imds_endpoint: text_of("imdsEndpoint"),
            scope: text_of("scope"),
            timeout_ms: num("timeoutMs"),
            budget_ms: num("budgetMs"),
            verify_basic: m.get("verifyBasic").and_then(|x| x.as_bool()),
            retry,
            jitter_seed: num("jitterSeed"),
        })
    }
}

/// Why the options cannot make a login. Each message names the input to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// No registry was given.
    #[error("input `registry` is required: give one or more login servers (e.g. `myacr.azurecr.io`), comma or newline separated")]
    NoRegistry,
    /// A registry value is not a host name.
    #[error("input `registry`: `{value}` is not a login server ({why}); give e.g. `myacr.azurecr.io` or just `myacr`")]
    BadRegistry { value: String, why: &'static str },
    /// A registry's data endpoint (`<name>.<region>.data.azurecr.io`, where layers download from)
    /// given instead of its login server. Same code as [`ConfigError::BadRegistry`].
    #[error("input `registry`: `{value}` is a data endpoint, which serves layer downloads only and cannot log in; give the login server `{login_server}`")]
    DataEndpoint { value: String, login_server: String },
    /// A registry outside Azure's registry domains with an auth type that hands it an Entra token.
    /// Same code as [`ConfigError::BadRegistry`].
    #[error("input `registry`: `{value}` is not an Azure Container Registry login server (`*.azurecr.io`, `*.azurecr.us`, `*.azurecr.cn`), and auth-type `{auth_type}` would hand it an Entra token that opens every registry this identity may use; give the registry's login server, or use `auth-type: basic` with that registry's own credentials")]
    NotAzureRegistry { value: String, auth_type: &'static str },
    /// Registries of different clouds in one step.
    #[error("input `registry`: `{a}` and `{b}` are in different Azure clouds; use one step per cloud")]
    MixedClouds { a: String, b: String },
    /// `environment` contradicts a registry's suffix.
    #[error("input `environment` is `{environment}` but registry `{registry}` belongs to {registry_cloud}; remove `environment` or fix the registry")]
    EnvironmentMismatch { environment: &'static str, registry: String, registry_cloud: &'static str },
    /// `environment` value unknown.
    #[error("input `environment`: `{value}` is not supported; use AzureCloud, AzureUSGovernment or AzureChinaCloud")]
    UnknownEnvironment { value: String },
    /// `auth-type` value unknown.
    #[error("input `auth-type`: `{value}` is not supported; use oidc, client-secret, managed-identity, workload-identity or basic")]
    UnknownAuthType { value: String },
    /// `actions` value unknown.
    #[error("input `actions`: `{value}` is not an action; use pull, push and/or delete")]
    UnknownAction { value: String },
    /// An input required by the auth type is missing.
    #[error("input `{input}` is required with `auth-type: {auth_type}`{hint}")]
    Missing { input: &'static str, auth_type: &'static str, hint: &'static str },
    /// An input that only makes sense with another auth type.
    #[error("input `{input}` is only used with `auth-type: {used_with}`; remove it or set `auth-type: {used_with}`")]
    NotApplicable { input: &'static str, used_with: &'static str },
    /// `actions` given without `repository`.
    #[error("input `actions` needs `repository`: the permission check asks the registry for a token scoped to that repository")]
    ActionsWithoutRepository,
    /// A URL-valued input that is not an https URL.
    #[error("input `{input}`: `{value}` is not an absolute http(s) URL")]
    BadUrl { input: &'static str, value: String },
    /// A malformed GUID/tenant.
    #[error("input `{input}`: `{value}` {why}")]
    BadValue { input: &'static str, value: String, why: &'static str },
}

impl ConfigError {
    pub fn code(&self) -> &'static str {
        match self {
            ConfigError::NoRegistry => "CONFIG_NO_REGISTRY",
            ConfigError::BadRegistry { .. } | ConfigError::DataEndpoint { .. } | ConfigError::NotAzureRegistry { .. } => "CONFIG_BAD_REGISTRY",
            ConfigError::MixedClouds { .. } => "CONFIG_MIXED_CLOUDS",
            ConfigError::EnvironmentMismatch { .. } => "CONFIG_ENVIRONMENT_MISMATCH",
            ConfigError::UnknownEnvironment { .. } => "CONFIG_UNKNOWN_ENVIRONMENT",
            ConfigError::UnknownAuthType { .. } => "CONFIG_UNKNOWN_AUTH_TYPE",
            ConfigError::UnknownAction { .. } => "CONFIG_UNKNOWN_ACTION",
            ConfigError::Missing { .. } => "CONFIG_MISSING_INPUT",
            ConfigError::NotApplicable { .. } => "CONFIG_NOT_APPLICABLE",
            ConfigError::ActionsWithoutRepository => "CONFIG_ACTIONS_WITHOUT_REPOSITORY",
            ConfigError::BadUrl { .. } => "CONFIG_BAD_URL",
            ConfigError::BadValue { .. } => "CONFIG_BAD_VALUE",
        }
    }

    /// The action input this error is about.
    pub fn input(&self) -> &'static str {
        match self {
            ConfigError::NoRegistry
            | ConfigError::BadRegistry { .. }
            | ConfigError::DataEndpoint { .. }
            | ConfigError::NotAzureRegistry { .. }
            | ConfigError::MixedClouds { .. } => "registry",
            ConfigError::EnvironmentMismatch { .. } | ConfigError::UnknownEnvironment { .. } => "environment",
            ConfigError::UnknownAuthType { .. } => "auth-type",
            ConfigError::UnknownAction { .. } | ConfigError::ActionsWithoutRepository => "actions",
            ConfigError::Missing { input, .. }
            | ConfigError::NotApplicable { input, .. }
            | ConfigError::BadUrl { input, .. }
            | ConfigError::BadValue { input, .. } => input,
        }
    }
}

/// Splits the `registry` input: commas, newlines and spaces separate; empties dropped.
pub fn split_registries(input: &str) -> Vec<String> {
    input.split([',', '\n', '\r', ' ', '\t']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// A login server as docker and ACR expect it: lowercase host[:port], no scheme, no path.
/// A bare name (`myacr`) gets the cloud's suffix.
pub fn normalize_registry(raw: &str, cloud: Option<Cloud>) -> Result<String, ConfigError> {
    let bad = |why| ConfigError::BadRegistry { value: raw.to_string(), why };
    let mut s = raw.trim();
    for scheme in ["https://", "http://"] {
        if s.len() >= scheme.len() && s[..scheme.len()].eq_ignore_ascii_case(scheme) {
            s = &s[scheme.len()..];
        }
    }
    let s = s.trim_end_matches('/');
    if s.is_empty() {
        return Err(bad("it is empty"));
    }
    if s.contains('/') {
        return Err(bad("it holds a path: give the repository in the `repository` input instead"));
    }
    if s.contains('@') {
        return Err(bad("it holds user information"));
    }
    let host = s.to_ascii_lowercase();
    if !host.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b':' | b'[' | b']')) {
        return Err(bad("it contains characters a host name cannot have"));
    }
    // Docker keys credentials by the name as written: `host:443` and `host.` would be entries
    // that `docker pull host/app` never looks up, and ACR's challenge names the plain host.
    let host = host.strip_suffix(":443").unwrap_or(&host);
    let host = host.strip_suffix('.').unwrap_or(host).to_string();
    if host.is_empty() {
        return Err(bad("it is empty"));
    }
    if let Some(login_server) = data_endpoint_login_server(&host) {
        return Err(ConfigError::DataEndpoint { value: raw.trim().to_string(), login_server });
    }
    if !host.contains('.') && !host.contains(':') && host != "localhost" {
        if host.len() < 5 || host.len() > 50 || !host.bytes().all(|c| c.is_ascii_alphanumeric()) {
            return Err(bad("a registry name is 5-50 letters and digits"));
        }
        return Ok(format!("{host}{}", cloud.unwrap_or(Cloud::AzureCloud).registry_suffix()));
    }
    Ok(host)
}

/// Whether a login server (or a URL's host, port included) is on the loopback interface: a local
/// stand-in, the one place besides Azure's registries that an Entra token may be sent to.
pub(crate) fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    // Exactly a loopback name or address and an optional numeric port: `[::1].evil.com`,
    // `127.0.0.1:1@evil.com` or `localhost:80@evil.com` name other hosts.
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = host.strip_prefix('[') {
        return match rest.split_once(']') {
            Some(("::1", after)) => after.is_empty() || after.strip_prefix(':').is_some_and(digits),
            _ => false,
        };
    }
    let (name, port) = host.split_once(':').map_or((host.as_str(), None), |(n, p)| (n, Some(p)));
    if !port.is_none_or(digits) {
        return false;
    }
    name == "localhost"
        || name.strip_prefix("127.").is_some_and(|r| r.split('.').count() == 3 && r.split('.').all(|o| digits(o) && o.parse::<u8>().is_ok()))
}

/// `<label>.<region>.data.azurecr.io` → `<label>.azurecr.io` (any cloud's suffix).
fn data_endpoint_login_server(host: &str) -> Option<String> {
    let cloud = Cloud::from_suffix(host)?;
    let suffix = cloud.registry_suffix();
    let rest = host.strip_suffix(suffix)?.strip_suffix(".data")?;
    let (label, region) = rest.split_once('.')?;
    (!label.is_empty() && !region.is_empty() && !region.contains('.')).then(|| format!("{label}{suffix}"))
}

/// The `repository` input as ACR names it: an image reference (`myacr.azurecr.io/team/app:v1`,
/// `team/app@sha256:…`) loses its registry (when it is one of this login's), tag and digest,
/// so the permission check asks for the repository rather than for a name no role covers.
fn normalize_repository(raw: &str, registries: &[String]) -> Result<String, ConfigError> {
    let bad = |why| ConfigError::BadValue { input: "repository", value: raw.to_string(), why };
    let mut r = raw.trim().to_ascii_lowercase();
    if let Some((first, rest)) = r.split_once('/') {
        let first = first.strip_suffix(":443").unwrap_or(first);
        if registries.iter().any(|h| h == first) {
            r = rest.to_string();
        } else if Cloud::from_suffix(first).is_some() || first.contains(':') {
            // A repository name has no `:`: before the first `/` it is a registry's port.
            return Err(bad("names a registry this step does not log in to: give the repository's path in the registry (e.g. `team/app`)"));
        }
    }
    if let Some(at) = r.find('@') {
        r.truncate(at);
    }
    // A repository name has no `:`, so one after the registry is the start of a tag.
    if let Some(colon) = r.find(':') {
        r.truncate(colon);
    }
    let r = r.trim_matches('/');
    if r.is_empty() {
        return Err(bad("is empty once its registry, tag and digest are taken off: give the repository's path (e.g. `team/app`)"));
    }
    if !r.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-' | b'/')) {
        return Err(bad("is not a repository name: lowercase letters, digits, `.`, `_`, `-` and `/` only (e.g. `team/app`)"));
    }
    Ok(r.to_string())
}

/// The validated options.
#[derive(Debug, Clone)]
pub struct Plan {
    pub registries: Vec<String>,
    pub auth_type: AuthType,
    pub cloud: Cloud,
    pub client_id: Option<String>,
    pub tenant_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub audience: String,
    pub authority_host: String,
    pub scope: String,
    pub repository: Option<String>,
    pub actions: Vec<RepoAction>,
    pub id_token_request_url: Option<String>,
    pub id_token_request_token: Option<Secret>,
    pub federated_token: Option<Secret>,
    pub imds_endpoint: String,
    pub timeout_ms: u64,
    pub budget_ms: u64,
    pub verify_basic: bool,
    pub retry: RetryPolicy,
    pub jitter_seed: u64,
}

fn non_empty(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

fn non_empty_secret(v: &Option<Secret>) -> Option<Secret> {
    v.as_ref().filter(|s| !s.is_empty()).map(|s| Secret::new(s.expose().trim()))
}

fn check_url(input: &'static str, value: &str) -> Result<String, ConfigError> {
    let v = value.trim().trim_end_matches('/');
    let lower = v.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && super::http::origin(v).is_some() {
        Ok(v.to_string())
    } else {
        Err(ConfigError::BadUrl { input, value: value.to_string() })
    }
}

impl Plan {
    pub fn from_options(o: &LoginOptions) -> Result<Plan, ConfigError> {
        let auth_type = AuthType::parse(o.auth_type.as_deref().unwrap_or(""))?;
        let explicit_cloud = match non_empty(&o.environment) {
            Some(e) => Some(Cloud::parse(&e)?),
            None => None,
        };
        let raw: Vec<String> = o.registries.iter().flat_map(|r| split_registries(r)).collect();
        if raw.is_empty() {
            return Err(ConfigError::NoRegistry);
        }
        let mut registries: Vec<String> = Vec::new();
        let mut suffix_cloud: Option<(Cloud, String)> = None;
        for r in &raw {
            let host = normalize_registry(r, explicit_cloud)?;
            if let Some(c) = Cloud::from_suffix(&host) {
                match &suffix_cloud {
                    Some((prev, prev_host)) if *prev != c => {
                        return Err(ConfigError::MixedClouds { a: prev_host.clone(), b: host });
                    }
                    None => suffix_cloud = Some((c, host.clone())),
                    _ => {}
                }
                if let Some(e) = explicit_cloud {
                    if e != c {
                        return Err(ConfigError::EnvironmentMismatch {
                            environment: e.name(),
                            registry: host,
                            registry_cloud: c.name(),
                        });
                    }
                }
            }
            if !registries.contains(&host) {
                registries.push(host);
            }
        }
        let cloud = explicit_cloud.or(suffix_cloud.map(|(c, _)| c)).unwrap_or(Cloud::AzureCloud);
        // Every auth type but basic ends in an Entra token, which the registry's token service
        // receives: only Azure's registries (and a local stand-in) may see it.
        if auth_type != AuthType::Basic {
            if let Some(host) = registries.iter().find(|h| Cloud::from_suffix(h).is_none() && !is_loopback(h)) {
                return Err(ConfigError::NotAzureRegistry { value: host.clone(), auth_type: auth_type.as_str() });
            }
        }

        let client_id = non_empty(&o.client_id);
        let tenant_id = non_empty(&o.tenant_id);
        let client_secret = non_empty_secret(&o.client_secret);
        let username = non_empty(&o.username);
        let password = non_empty_secret(&o.password);
        let at = auth_type.as_str();
        let missing = |input, hint| ConfigError::Missing { input, auth_type: at, hint };
        match auth_type {
            AuthType::Oidc | AuthType::WorkloadIdentity | AuthType::ClientSecret => {
                if client_id.is_none() {
                    return Err(missing("client-id", ": the Application (client) ID of the app registration or user-assigned identity"));
                }
                if tenant_id.is_none() {
                    return Err(missing("tenant-id", ": the Directory (tenant) ID"));
                }
            }
            _ => {}
        }
        if auth_type == AuthType::ClientSecret && client_secret.is_none() {
            return Err(missing("client-secret", ": the secret's Value (not its Secret ID); consider auth-type: oidc instead"));
        }
        if auth_type != AuthType::ClientSecret && client_secret.is_some() {
            return Err(ConfigError::NotApplicable { input: "client-secret", used_with: "client-secret" });
        }
        if auth_type == AuthType::WorkloadIdentity && non_empty_secret(&o.federated_token).is_none() {
            return Err(missing("AZURE_FEDERATED_TOKEN_FILE", " (environment): the path of the projected service-account token; it was unset or the file empty"));
        }
        if auth_type == AuthType::Basic {
            if username.is_none() {
                return Err(missing("username", ": the admin user name (the registry name) or the scope-map token name"));
            }
            if password.is_none() {
                return Err(missing("password", ": the admin password or the token password"));
            }
        } else {
            if username.is_some() {
                return Err(ConfigError::NotApplicable { input: "username", used_with: "basic" });
            }
            if password.is_some() {
                return Err(ConfigError::NotApplicable { input: "password", used_with: "basic" });
            }
        }
        if let Some(t) = &tenant_id {
            let ok = t.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'));
            if !ok || ["common", "organizations", "consumers"].iter().any(|m| t.eq_ignore_ascii_case(m)) {
                return Err(ConfigError::BadValue {
                    input: "tenant-id",
                    value: t.clone(),
                    why: "is not a tenant ID: give the Directory (tenant) GUID or its domain (never `common`: client credentials need the tenant)",
                });
            }
        }
        let repository = match non_empty(&o.repository) {
            Some(r) => Some(normalize_repository(&r, &registries)?),
            None => None,
        };
        let actions = match non_empty(&o.actions) {
            Some(a) => RepoAction::parse_list(&a)?,
            None => Vec::new(),
        };
        if !actions.is_empty() && repository.is_none() {
            return Err(ConfigError::ActionsWithoutRepository);
        }
        let actions = if repository.is_some() && actions.is_empty() { vec![RepoAction::Pull] } else { actions };
        let authority_host = match non_empty(&o.authority_host) {
            Some(a) => check_url("authority-host", &a)?,
            None => cloud.authority_host().to_string(),
        };
        let imds_endpoint = match non_empty(&o.imds_endpoint) {
            Some(a) => check_url("imds-endpoint", &a)?,
            None => "http://169.254.169.254".to_string(),
        };
        let id_token_request_url = non_empty(&o.id_token_request_url);
        Ok(Plan {
            registries,
            auth_type,
            cloud,
            client_id,
            tenant_id,
            client_secret,
            username,
            password,
            audience: non_empty(&o.audience).unwrap_or_else(|| cloud.federated_audience().to_string()),
            authority_host,
            scope: non_empty(&o.scope).unwrap_or_else(|| format!("{}/.default", cloud.acr_resource())),
            repository,
            actions,
            id_token_request_url,
            id_token_request_token: non_empty_secret(&o.id_token_request_token),
            federated_token: non_empty_secret(&o.federated_token),
            imds_endpoint,
            timeout_ms: o.timeout_ms.filter(|t| *t > 0).unwrap_or(30_000),
            budget_ms: o.budget_ms.filter(|t| *t > 0).unwrap_or(120_000),
            verify_basic: o.verify_basic.unwrap_or(true),
            retry: o.retry.clone().unwrap_or_default(),
            jitter_seed: o.jitter_seed.unwrap_or(0),
        })
    }

    /// The IMDS `resource` (no `/.default`).
    pub fn imds_resource(&self) -> String {
        self.scope.trim_end_matches("/.default").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(registries: &[&str]) -> LoginOptions {
        LoginOptions {
            registries: registries.iter().map(|s| s.to_string()).collect(),
            client_id: Some("11111111-1111-1111-1111-111111111111".into()),
            tenant_id: Some("22222222-2222-2222-2222-222222222222".into()),
            ..Default::default()
        }
    }

    #[test]
    fn bare_names_get_the_cloud_suffix_and_everything_is_normalised() {
        let p = Plan::from_options(&opts(&["myacr, HTTPS://Other.AzureCR.io/", "myacr.azurecr.io\n127.0.0.1:5443"])).unwrap();
        assert_eq!(p.registries, vec!["myacr.azurecr.io", "other.azurecr.io", "127.0.0.1:5443"]);
        assert_eq!(p.cloud, Cloud::AzureCloud);
        assert_eq!(p.audience, "api://AzureADTokenExchange");
        assert_eq!(p.authority_host, "https://login.microsoftonline.com");
        assert_eq!(p.scope, "https://containerregistry.azure.net/.default");
    }

    #[test]
    fn sovereign_clouds_follow_the_suffix_or_the_environment() {
        let p = Plan::from_options(&opts(&["gov.azurecr.us"])).unwrap();
        assert_eq!(p.cloud, Cloud::AzureUSGovernment);
        assert_eq!(p.audience, "api://AzureADTokenExchangeUSGov");
        assert_eq!(p.authority_host, "https://login.microsoftonline.us");
        assert_eq!(p.scope, "https://containerregistry.azure.us/.default");
        let mut o = opts(&["cnacr"]);
        o.environment = Some("azurechinacloud".into());
        let p = Plan::from_options(&o).unwrap();
        assert_eq!(p.registries, vec!["cnacr.azurecr.cn"]);
        assert_eq!(p.audience, "api://AzureADTokenExchangeChina");
        assert_eq!(p.authority_host, "https://login.chinacloudapi.cn");
    }

    #[test]
    fn rejections_name_the_input() {
        let cases: Vec<(LoginOptions, &str)> = vec![
            (LoginOptions::default(), "registry"),
            (opts(&["a.azurecr.io", "b.azurecr.us"]), "registry"),
            (opts(&["myacr.azurecr.io/app"]), "registry"),
            (opts(&["x"]), "registry"),
            (LoginOptions { environment: Some("AzureGermanCloud".into()), ..opts(&["a.azurecr.io"]) }, "environment"),
            (LoginOptions { environment: Some("AzureUSGovernment".into()), ..opts(&["a.azurecr.io"]) }, "environment"),
            (LoginOptions { client_id: None, ..opts(&["abcde"]) }, "client-id"),
            (LoginOptions { tenant_id: Some("common".into()), ..opts(&["abcde"]) }, "tenant-id"),
            (LoginOptions { tenant_id: Some("consumers".into()), ..opts(&["abcde"]) }, "tenant-id"),
            (LoginOptions { auth_type: Some("client-secret".into()), ..opts(&["abcde"]) }, "client-secret"),
            (LoginOptions { client_secret: Some(Secret::new("s")), ..opts(&["abcde"]) }, "client-secret"),
            (LoginOptions { auth_type: Some("basic".into()), ..opts(&["abcde"]) }, "username"),
            (LoginOptions { password: Some(Secret::new("p")), ..opts(&["abcde"]) }, "password"),
            (LoginOptions { auth_type: Some("kerberos".into()), ..opts(&["abcde"]) }, "auth-type"),
            (LoginOptions { actions: Some("push".into()), ..opts(&["abcde"]) }, "actions"),
            (LoginOptions { repository: Some("r".into()), actions: Some("pull,write".into()), ..opts(&["abcde"]) }, "actions"),
            (LoginOptions { authority_host: Some("login.example".into()), ..opts(&["abcde"]) }, "authority-host"),
            (LoginOptions { auth_type: Some("workload-identity".into()), ..opts(&["abcde"]) }, "AZURE_FEDERATED_TOKEN_FILE"),
        ];
        for (o, input) in cases {
            let e = Plan::from_options(&o).unwrap_err();
            assert_eq!(e.input(), input, "{e}");
            assert!(e.to_string().contains(input), "{e}");
            assert!(e.code().starts_with("CONFIG_"));
        }
    }

    #[test]
    fn options_from_json_read_every_field() {
        let o = LoginOptions::from_json(
            r#"{"registries":["a","b.azurecr.io"],"authType":"basic","username":"u","password":"p","actions":["pull","push"],
                "repository":"r","timeoutMs":5000,"verifyBasic":false,"retry":{"maxAttempts":2,"propagationDelaysMs":[1,2]},"unknown":1}"#,
        )
        .unwrap();
        assert_eq!(o.registries, vec!["a", "b.azurecr.io"]);
        assert_eq!(o.actions.as_deref(), Some("pull,push"));
        assert_eq!(o.password.as_ref().map(|p| p.expose()), Some("p"));
        assert_eq!((o.timeout_ms, o.verify_basic), (Some(5000), Some(false)));
        let r = o.retry.unwrap();
        assert_eq!((r.max_attempts, r.base_delay_ms, r.propagation_delays_ms), (2, 500, vec![1, 2]));
        assert_eq!(LoginOptions::from_json("[1]").unwrap_err().input(), "options");
        assert_eq!(LoginOptions::from_json("{").unwrap_err().code(), "CONFIG_BAD_VALUE");
    }

    #[test]
    fn login_server_spellings_users_paste_are_normalised() {
        let n = |s: &str| normalize_registry(s, None).unwrap();
        assert_eq!(n("MyAcr"), "myacr.azurecr.io");
        assert_eq!(n("https://MyAcr.azurecr.io:443/"), "myacr.azurecr.io", "443 is https's own port: docker keys it without");
        assert_eq!(n("myacr.azurecr.io."), "myacr.azurecr.io", "a fully qualified name's trailing dot");
        assert_eq!(n("myacr-e2fjh3c5dqb8a7hz.azurecr.io"), "myacr-e2fjh3c5dqb8a7hz.azurecr.io");
        assert_eq!(n("myacr.westeurope.geo.azurecr.io"), "myacr.westeurope.geo.azurecr.io", "regional endpoints are login servers");
        assert_eq!(n("127.0.0.1:5443"), "127.0.0.1:5443");
    }

    #[test]
    fn loopback_is_exactly_a_loopback_name_or_address() {
        for host in ["localhost", "LocalHost:5000", "127.0.0.1", "127.1.2.3:8443", "[::1]", "[::1]:5000"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "127.0.0.1.nip.io", "localhost.example.com", "127.evil.example", "[::1].evil.example", "[::1]x", "127.0.0.1:1@evil.example",
            "localhost:80@evil.example", "127.0.0.256", "127.0.0.+1", "localhost:", "[localhost]", "::1",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
        // A registry that only starts like a loopback address gets no Entra token.
        let e = Plan::from_options(&opts(&["[::1].example.com"])).unwrap_err();
        assert_eq!(e.code(), "CONFIG_BAD_REGISTRY", "{e}");
    }

    #[test]
    fn data_endpoints_are_refused_with_the_login_server_to_use() {
        for (raw, login_server) in [
            ("myacr.eastus.data.azurecr.io", "myacr.azurecr.io"),
            ("https://MyAcr.westeurope.data.azurecr.io/", "myacr.azurecr.io"),
            ("myacr-e2fjh3c5dqb8a7hz.eastus.data.azurecr.io", "myacr-e2fjh3c5dqb8a7hz.azurecr.io"),
            ("gov.usgovvirginia.data.azurecr.us", "gov.azurecr.us"),
        ] {
            let e = normalize_registry(raw, None).unwrap_err();
            assert_eq!(e.input(), "registry");
            let m = e.to_string();
            assert!(m.contains("data endpoint") && m.contains(&format!("`{login_server}`")), "{raw}: {m}");
        }
    }

    #[test]
    fn repository_may_be_given_as_an_image_reference() {
        let repo = |r: &str, regs: &[&str]| Plan::from_options(&LoginOptions { repository: Some(r.into()), ..opts(regs) }).map(|p| p.repository.unwrap());
        assert_eq!(repo("team/app", &["myacr"]).unwrap(), "team/app");
        assert_eq!(repo("Team/App:v1.2", &["myacr"]).unwrap(), "team/app");
        assert_eq!(repo("myacr.azurecr.io/team/app:latest", &["myacr"]).unwrap(), "team/app");
        assert_eq!(repo("MyAcr.azurecr.io/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", &["myacr"]).unwrap(), "team/app");
        assert_eq!(repo("127.0.0.1:5443/team/app:1", &["127.0.0.1:5443"]).unwrap(), "team/app");
        // Dots are allowed in repository names: only a registry of this login is taken off.
        assert_eq!(repo("my.team/app", &["myacr"]).unwrap(), "my.team/app");
        // Another registry with a port: its host is not a repository (it was read as `localhost`).
        for (r, regs) in [
            ("other.azurecr.io/team/app", &["myacr"][..]),
            ("localhost:5000/team/app", &["myacr"][..]),
            ("registry.example.com:8443/team/app:v1", &["myacr"][..]),
            ("myacr.azurecr.io/", &["myacr"][..]),
            (":v1", &["myacr"][..]),
            ("team app", &["myacr"][..]),
        ] {
            let e = repo(r, regs).unwrap_err();
            assert_eq!(e.input(), "repository", "{r}: {e}");
        }
    }

    #[test]
    fn managed_identity_needs_no_client_id_and_actions_default_to_pull() {
        let o = LoginOptions {
            auth_type: Some("managed-identity".into()),
            client_id: None,
            tenant_id: None,
            repository: Some("Team/App".into()),
            ..opts(&["abcde"])
        };
        let p = Plan::from_options(&o).unwrap();
        assert_eq!(p.repository.as_deref(), Some("team/app"));
        assert_eq!(p.actions, vec![RepoAction::Pull]);
        assert_eq!(p.imds_resource(), "https://containerregistry.azure.net");
        assert_eq!(RepoAction::parse_list("push, pull,push").unwrap(), vec![RepoAction::Pull, RepoAction::Push]);
    }
}
