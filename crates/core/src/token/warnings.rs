//! What is wrong, or about to go wrong, with a decoded token. Each warning has a stable `code`
//! (callers switch on it, never on the message) and, when the failure it predicts is in the error
//! catalog, that entry's `catalogId` so the page and the action can link the fix.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The next hop will refuse this token.
    Error,
    /// Suspicious, or refused under some configurations.
    Warning,
    /// Worth knowing; nothing fails because of it.
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub catalog_id: Option<&'static str>,
}

impl Warning {
    pub(crate) fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Warning { code, severity, message: message.into(), catalog_id: default_catalog_id(code) }
    }

    pub(crate) fn catalog(mut self, id: &'static str) -> Self {
        self.catalog_id = Some(id);
        self
    }
}

/// The catalog entry that explains a warning in general; kind-specific ones (an expired GitHub
/// token is AL002, an expired ACR token AL032) are set with `Warning::catalog` and win.
fn default_catalog_id(code: &str) -> Option<&'static str> {
    Some(match code {
        codes::TOKEN_EXPIRED => "AL901",
        codes::TOKEN_NOT_YET_VALID => "AL902",
        codes::MILLISECOND_TIMESTAMP => "AL903",
        codes::ALG_NONE => "AL904",
        codes::MALFORMED_JWT => "AL905",
        _ => return None,
    })
}

/// Stable warning codes. Kept in one place so the catalog, the page and the tests agree.
pub mod codes {
    /// `exp` is at or before `now`.
    pub const TOKEN_EXPIRED: &str = "TOKEN_EXPIRED";
    /// `nbf` is after `now`.
    pub const TOKEN_NOT_YET_VALID: &str = "TOKEN_NOT_YET_VALID";
    /// No `exp` claim at all.
    pub const TOKEN_NO_EXPIRY: &str = "TOKEN_NO_EXPIRY";
    /// `iat` is after `now`: a clock is wrong somewhere.
    pub const TOKEN_ISSUED_IN_FUTURE: &str = "TOKEN_ISSUED_IN_FUTURE";
    /// A time claim holds milliseconds instead of seconds.
    pub const MILLISECOND_TIMESTAMP: &str = "MILLISECOND_TIMESTAMP";
    /// A time claim is not a number.
    pub const INVALID_TIME_CLAIM: &str = "INVALID_TIME_CLAIM";
    /// `alg: none`: an unsigned token nobody in this chain accepts.
    pub const ALG_NONE: &str = "ALG_NONE";
    /// Looks like a JWT but does not decode; `message` says which segment and why.
    pub const MALFORMED_JWT: &str = "MALFORMED_JWT";
    /// Federation token (GitHub, Azure DevOps, GitLab, Kubernetes, Terraform) whose audience no federated
    /// credential should carry; also a legacy Kubernetes secret token, which has none and cannot be federated.
    pub const AUDIENCE_NOT_TOKEN_EXCHANGE: &str = "AUDIENCE_NOT_TOKEN_EXCHANGE";
    /// Entra token whose audience ACR's /oauth2/exchange refuses (an ID token's always is: it is for the app).
    pub const AUDIENCE_NOT_ACR: &str = "AUDIENCE_NOT_ACR";
    /// Entra token with an ARM audience: refused by registries with authentication-as-arm disabled.
    pub const AUDIENCE_ARM: &str = "AUDIENCE_ARM";
    /// GitHub subject in the immutable `owner@id/repo@id` form.
    pub const SUBJECT_IMMUTABLE: &str = "SUBJECT_IMMUTABLE";
    /// GitHub subject from a customised template.
    pub const SUBJECT_CUSTOM: &str = "SUBJECT_CUSTOM";
    /// ACR token that grants no action on a repository it names.
    pub const ACR_NO_ACTIONS: &str = "ACR_NO_ACTIONS";
}
