//! Which token of the login chain this is, decided from `iss` first (each hop has its own issuer)
//! and a few claims where one issuer mints several kinds.

use serde::Serialize;
use serde_json::{Map, Value};

use super::acr::{is_refresh, ACR_ISSUER};
use super::claims::{str_claim, Claims};
use super::{ado, entra, federation, github};

/// Serialised as [`TokenKind::as_str`], the name the page, the npm API and the log scanner use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// GitHub Actions OIDC token (github.com, GHEC enterprise issuer, GHE.com, GHES).
    GithubOidc,
    /// Azure DevOps service-connection OIDC token.
    AzureDevopsOidc,
    /// Entra ID v1.0 access token (`https://sts.windows.net/<tid>/`).
    EntraAccessV1,
    /// Entra ID v2.0 access token (`https://login.microsoftonline.com/<tid>/v2.0`).
    EntraAccessV2,
    /// Entra ID ID token (OpenID Connect sign-in): proves a user signed in to an app; not an access token.
    EntraIdToken,
    /// GitLab CI `id_tokens` token (gitlab.com or a self-managed instance).
    GitlabOidc,
    /// Projected Kubernetes service-account token (AKS workload identity, EKS, GKE, any cluster).
    KubernetesSa,
    /// Legacy Kubernetes service-account secret token (`iss` = `kubernetes/serviceaccount`, no expiry).
    KubernetesSaLegacy,
    /// HCP Terraform / Terraform Enterprise workload identity token.
    TerraformOidc,
    /// ACR refresh token, from `/oauth2/exchange`.
    AcrRefresh,
    /// ACR access token, from `/oauth2/token`.
    AcrAccess,
    /// Any other JWT, or one that could not be decoded.
    Jwt,
}

impl TokenKind {
    /// The stable name (`github-oidc`, `entra-id-token`, `jwt`...): the serialised form.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::GithubOidc => "github-oidc",
            TokenKind::AzureDevopsOidc => "azure-devops-oidc",
            TokenKind::EntraAccessV1 => "entra-access-v1",
            TokenKind::EntraAccessV2 => "entra-access-v2",
            TokenKind::EntraIdToken => "entra-id-token",
            TokenKind::GitlabOidc => "gitlab-oidc",
            TokenKind::KubernetesSa => "kubernetes-sa",
            TokenKind::KubernetesSaLegacy => "kubernetes-sa-legacy",
            TokenKind::TerraformOidc => "terraform-oidc",
            TokenKind::AcrRefresh => "acr-refresh",
            TokenKind::AcrAccess => "acr-access",
            TokenKind::Jwt => "jwt",
        }
    }

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

// By hand, from `as_str`: the log scanner reports kinds by the same names, so there is one table.
impl Serialize for TokenKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
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
