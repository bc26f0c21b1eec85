//! Which token of the login chain this is, decided from `iss` first (each hop has its own issuer)
//! and a few claims where one issuer mints several kinds.

use serde::Serialize;
use serde_json::{Map, Value};

use super::acr::{is_refresh, ACR_ISSUER};
use super::claims::{str_claim, Claims};
use super::{ado, entra, federation, github};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TokenKind {
    /// GitHub Actions OIDC token (github.com, GHEC enterprise issuer, GHE.com, GHES).
    #[serde(rename = "github-oidc")]
    GithubOidc,
    /// Azure DevOps service-connection OIDC token.
    #[serde(rename = "azure-devops-oidc")]
    AzureDevopsOidc,
    /// Entra ID v1.0 access token (`https://sts.windows.net/<tid>/`).
    #[serde(rename = "entra-access-v1")]
    EntraAccessV1,
    /// Entra ID v2.0 access token (`https://login.microsoftonline.com/<tid>/v2.0`).
    #[serde(rename = "entra-access-v2")]
    EntraAccessV2,
    /// Entra ID ID token (OpenID Connect sign-in): proves a user signed in to an app; not an access token.
    #[serde(rename = "entra-id-token")]
    EntraIdToken,
    /// GitLab CI `id_tokens` token (gitlab.com or a self-managed instance).
    #[serde(rename = "gitlab-oidc")]
    GitlabOidc,
    /// Projected Kubernetes service-account token (AKS workload identity, EKS, GKE, any cluster).
    #[serde(rename = "kubernetes-sa")]
    KubernetesSa,
    /// Legacy Kubernetes service-account secret token (`iss` = `kubernetes/serviceaccount`, no expiry).
    #[serde(rename = "kubernetes-sa-legacy")]
    KubernetesSaLegacy,
    /// HCP Terraform / Terraform Enterprise workload identity token.
    #[serde(rename = "terraform-oidc")]
    TerraformOidc,
    /// ACR refresh token, from `/oauth2/exchange`.
    #[serde(rename = "acr-refresh")]
    AcrRefresh,
    /// ACR access token, from `/oauth2/token`.
    #[serde(rename = "acr-access")]
    AcrAccess,
    /// Any other JWT, or one that could not be decoded.
    #[serde(rename = "jwt")]
    Jwt,
}

impl TokenKind {
    /// A short human name for summaries.
    pub fn label(self) -> &'static str {
        match self {
            TokenKind::GithubOidc => "GitHub Actions OIDC token",
            TokenKind::AzureDevopsOidc => "Azure DevOps OIDC token",
            TokenKind::EntraAccessV1 => "Entra ID access token (v1.0)",
            TokenKind::EntraAccessV2 => "Entra ID access token (v2.0)",
            TokenKind::EntraIdToken => "Entra ID ID token",
            TokenKind::GitlabOidc => "GitLab CI ID token",
            TokenKind::KubernetesSa => "Kubernetes service account token",
            TokenKind::KubernetesSaLegacy => "Kubernetes service account secret token (legacy)",
            TokenKind::TerraformOidc => "HCP Terraform workload identity token",
            TokenKind::AcrRefresh => "ACR refresh token",
            TokenKind::AcrAccess => "ACR access token",
            TokenKind::Jwt => "JWT",
        }
    }
}

/// The kind of a token with these claims.
pub fn classify(claims: &Map<String, Value>) -> TokenKind {
    classify_by(&|k| claims.get(k).and_then(Value::as_str), &|k| claims.contains_key(k))
}

pub(crate) fn classify_object(claims: &Claims) -> TokenKind {
    classify_by(&|k| str_claim(claims, k), &|k| claims.contains_key(k))
}

/// `text(key)` reads a string claim, `has(key)` says whether a claim is there: one decision for
/// both claim holders, without converting one into the other.
fn classify_by<'a>(text: &dyn Fn(&str) -> Option<&'a str>, has: &dyn Fn(&str) -> bool) -> TokenKind {
    let Some(iss) = text("iss") else { return TokenKind::Jwt };
    if iss == ACR_ISSUER {
        return if is_refresh(text("grant_type"), has) { TokenKind::AcrRefresh } else { TokenKind::AcrAccess };
    }
    if github::parse_issuer(iss).is_some() {
        return TokenKind::GithubOidc;
    }
    if ado::vstoken_organization(iss).is_some() {
        return TokenKind::AzureDevopsOidc;
    }
    if let Some(issuer) = entra::parse_issuer(iss) {
        // Azure DevOps' newer service-connection tokens are minted by Entra itself.
        if text("sub").and_then(ado::entra_service_connection).is_some() {
            return TokenKind::AzureDevopsOidc;
        }
        if entra::is_id_token(text, has) {
            return TokenKind::EntraIdToken;
        }
        let v2 = match text("ver") {
            Some(v) => v == "2.0",
            None => issuer.v2,
        };
        return if v2 { TokenKind::EntraAccessV2 } else { TokenKind::EntraAccessV1 };
    }
    federation::classify(iss, text, has).unwrap_or(TokenKind::Jwt)
}
