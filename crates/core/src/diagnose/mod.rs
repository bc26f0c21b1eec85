//! Diagnostics, like `az acr check-health` without Docker.
//!
//! A [`Diagnosis`] is an ordered list of [`Check`]s (pass / warn / fail / skip, each with its
//! duration and, when it did not pass, a [`Finding`] with a catalog ID and the fix) plus the top
//! finding: the root cause to show first. The same type explains a failed login (the checks are
//! the login's own stages) and reports a full diagnose run ([`crate::login::Login::diagnose`], which
//! adds DNS and TLS probes done by the host, decoded tokens, the access token and the permission
//! analysis). It renders as a text table for the log, markdown for the job summary, and JSON.

mod finding;
mod render;

pub use finding::{Finding, Params, CATALOG_PAGE};
pub use render::{render_markdown, render_text};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// The login server resolves (host-performed).
    Dns,
    /// A TLS connection to the login server verifies (host-performed).
    Tls,
    /// `GET /v2/` answers with a usable challenge.
    Challenge,
    /// The GitHub OIDC token was issued; decoded, it shows what it presents.
    GithubToken,
    /// The workload-identity token file's assertion, decoded.
    FederatedToken,
    /// The managed identity's token from IMDS.
    ImdsToken,
    /// Entra issued an access token.
    EntraToken,
    /// ACR `/oauth2/exchange` issued a refresh token.
    RefreshToken,
    /// ACR `/oauth2/token` issued an access token for the repository (or the catalog).
    AccessToken,
    /// The access token's `access` claim holds the requested actions.
    Permissions,
    /// Username/password accepted by the registry's token endpoint.
    BasicCredentials,
}

impl CheckKind {
    pub fn title(self) -> &'static str {
        match self {
            CheckKind::Dns => "DNS resolution",
            CheckKind::Tls => "TLS connection",
            CheckKind::Challenge => "Registry challenge (/v2/)",
            CheckKind::GithubToken => "GitHub OIDC token",
            CheckKind::FederatedToken => "Federated token file",
            CheckKind::ImdsToken => "Managed identity token (IMDS)",
            CheckKind::EntraToken => "Entra ID token",
            CheckKind::RefreshToken => "ACR refresh token (/oauth2/exchange)",
            CheckKind::AccessToken => "ACR access token (/oauth2/token)",
            CheckKind::Permissions => "Permissions",
            CheckKind::BasicCredentials => "Registry credentials (basic)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Pass,
    /// Passed, with something worth knowing (e.g. no catalog permission).
    Warn,
    Fail,
    /// Not run: an earlier check it depends on failed, or it does not apply.
    Skip,
}

impl CheckStatus {
    pub fn label(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Warn => "warn",
            CheckStatus::Fail => "FAIL",
            CheckStatus::Skip => "skip",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub kind: CheckKind,
    pub title: String,
    /// The login server this check is about; `None` for identity checks.
    pub registry: Option<String>,
    pub status: CheckStatus,
    pub duration_ms: Option<u64>,
    /// One line: what was seen (never a secret).
    pub detail: String,
    pub finding: Option<Finding>,
}

impl Check {
    pub fn new(kind: CheckKind, registry: Option<&str>, status: CheckStatus, detail: impl Into<String>) -> Check {
        Check {
            kind,
            title: kind.title().to_string(),
            registry: registry.map(String::from),
            status,
            duration_ms: None,
            detail: detail.into(),
            finding: None,
        }
    }

    pub fn took(mut self, ms: Option<u64>) -> Check {
        self.duration_ms = ms;
        self
    }

    pub fn with_finding(mut self, f: Finding) -> Check {
        self.finding = Some(f);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// No check failed.
    pub ok: bool,
    /// The root cause: the first failing check's finding (checks are in dependency order).
    pub top: Option<Finding>,
    pub checks: Vec<Check>,
    /// Things said along the way (retries, propagation waits).
    pub notices: Vec<String>,
}

impl Diagnosis {
    pub fn from_checks(checks: Vec<Check>, notices: Vec<String>) -> Diagnosis {
        let top = checks
            .iter()
            .find(|c| c.status == CheckStatus::Fail)
            .and_then(|c| c.finding.clone())
            .or_else(|| checks.iter().find(|c| c.status == CheckStatus::Warn).and_then(|c| c.finding.clone()));
        let ok = !checks.iter().any(|c| c.status == CheckStatus::Fail);
        Diagnosis { ok, top, checks, notices }
    }

    /// The one failure message for `setFailed`.
    pub fn message(&self) -> String {
        match &self.top {
            Some(f) => f.message(),
            None if self.ok => "all checks passed".to_string(),
            None => "the login failed for a reason no check identified".to_string(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_is_the_first_failure_in_dependency_order() {
        let checks = vec![
            Check::new(CheckKind::Dns, Some("r"), CheckStatus::Pass, "ok"),
            Check::new(CheckKind::Challenge, Some("r"), CheckStatus::Fail, "403").with_finding(Finding::known("AL040")),
            Check::new(CheckKind::RefreshToken, Some("r"), CheckStatus::Fail, "401").with_finding(Finding::known("AL030")),
        ];
        let d = Diagnosis::from_checks(checks, vec![]);
        assert!(!d.ok);
        assert_eq!(d.top.as_ref().unwrap().id.as_deref(), Some("AL040"));
        let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(json["checks"][1]["kind"], "challenge");
        assert_eq!(json["checks"][1]["status"], "fail");
        assert_eq!(json["top"]["category"], "network-ip-denied");
    }
}
