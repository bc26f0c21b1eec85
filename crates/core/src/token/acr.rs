//! ACR's own tokens (`iss` = `Azure Container Registry`): the refresh token `/oauth2/exchange`
//! returns and the access token `/oauth2/token` returns. Facts: reference §1.7 ([ACR-AAD]).

use serde::Serialize;
use serde_json::Value;

use super::claims::{str_claim, string_list, text_claim, value_string_list, Claims};
use crate::jwt::Claim;
use super::warnings::{codes, Severity, Warning};

pub(crate) const ACR_ISSUER: &str = "Azure Container Registry";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcrAccessEntry {
    /// `repository`, `registry`, ...
    #[serde(rename = "type")]
    pub resource_type: String,
    /// Repository name, or `catalog` for `registry`.
    pub name: String,
    /// What the registry granted: possibly fewer actions than were asked for.
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcrPermissions {
    pub actions: Vec<String>,
    pub not_actions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AcrInfo {
    /// The login server the token is for (`aud`).
    pub registry: Option<String>,
    /// `refresh_token` or `access_token`.
    pub grant_type: Option<String>,
    pub tenant: Option<String>,
    pub version: Option<String>,
    /// Access tokens: what each repository / registry resource may do.
    pub access: Vec<AcrAccessEntry>,
    /// Refresh tokens: the data actions the identity holds on the registry.
    pub permissions: Option<AcrPermissions>,
    pub roles: Vec<String>,
    /// What to do with it: `docker login` with the null-GUID user for a refresh token, `Authorization:
    /// Bearer` for an access token.
    pub usage: String,
}

/// From the `grant_type` claim, and `has(claim)`: whether a claim is present.
pub(crate) fn is_refresh(grant_type: Option<&str>, has: &dyn Fn(&str) -> bool) -> bool {
    match grant_type {
        Some("refresh_token") => true,
        Some(_) => false,
        // No grant_type: only refresh tokens carry `permissions`; access tokens carry `access`.
        None => has("permissions") && !has("access"),
    }
}

pub(crate) fn analyse(claims: &Claims, audiences: &[String], warnings: &mut Vec<Warning>) -> AcrInfo {
    let access: Vec<AcrAccessEntry> = match claims.get("access") {
        Some(Claim::Value(Value::Array(items))) => items.iter().filter_map(access_entry).collect(),
        _ => Vec::new(),
    };
    let permissions = match claims.get("permissions") {
        Some(Claim::Value(Value::Object(p))) => Some(AcrPermissions {
            actions: value_string_list(p.get("actions")),
            not_actions: value_string_list(p.get("notActions")),
        }),
        _ => None,
    };
    let refresh = is_refresh(str_claim(claims, "grant_type"), &|k| claims.contains_key(k));
    for entry in access.iter().filter(|e| e.actions.is_empty()) {
        warnings.push(
            Warning::new(
                codes::ACR_NO_ACTIONS,
                Severity::Warning,
                format!(
                    "The registry granted no action on {} '{}': the request for it will be denied. The identity \
                     lacks a data-plane role there (AcrPull/AcrPush, or a Container Registry Repository role on \
                     ABAC registries), or the requested scope was wrong.",
                    entry.resource_type, entry.name
                ),
            )
            .catalog("AL030"),
        );
    }
    if permissions.as_ref().is_some_and(|p| p.actions.is_empty()) {
        warnings.push(
            Warning::new(
                codes::ACR_NO_ACTIONS,
                Severity::Warning,
                "The refresh token carries no permitted actions: every pull and push with it will be denied. Assign \
                 the identity a data-plane role on the registry (AcrPull/AcrPush, or Container Registry Repository \
                 Reader/Writer on ABAC registries).",
            )
            .catalog("AL030"),
        );
    }
    let registry = audiences.first().cloned();
    let usage = if refresh {
        format!(
            "ACR refresh token: docker login {} -u 00000000-0000-0000-0000-000000000000 --password-stdin, or trade it \
             at /oauth2/token for access tokens.",
            registry.as_deref().unwrap_or("<REGISTRY>")
        )
    } else {
        "ACR access token: send it as 'Authorization: Bearer' on /v2/ requests for the scopes in 'access'.".to_owned()
    };
    AcrInfo {
        registry,
        grant_type: str_claim(claims, "grant_type").map(str::to_owned),
        tenant: text_claim(claims, "tenant"),
        version: text_claim(claims, "version"),
        access,
        permissions,
        roles: string_list(claims, "roles"),
        usage,
    }
}

fn access_entry(v: &Value) -> Option<AcrAccessEntry> {
    let o = v.as_object()?;
    let text = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    Some(AcrAccessEntry { resource_type: text("type"), name: text("name"), actions: value_string_list(o.get("actions")) })
}
