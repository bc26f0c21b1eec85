//! Which token of the login chain this is, decided from `iss` first (each hop has its own issuer)
//! and a few claims where one issuer mints several kinds.

use serde::Serialize;

use super::acr::{is_refresh, ACR_ISSUER};
use super::claims::{str_claim, Claims};
use super::{ado, entra, github};

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
            TokenKind::AcrRefresh => "ACR refresh token",
            TokenKind::AcrAccess => "ACR access token",
            TokenKind::Jwt => "JWT",
        }
    }
}

pub fn classify(claims: &Claims) -> TokenKind {
    let Some(iss) = str_claim(claims, "iss") else { return TokenKind::Jwt };
    if iss == ACR_ISSUER {
        return if is_refresh(claims) { TokenKind::AcrRefresh } else { TokenKind::AcrAccess };
    }
    if github::parse_issuer(iss).is_some() {
        return TokenKind::GithubOidc;
    }
    if ado::vstoken_organization(iss).is_some() {
        return TokenKind::AzureDevopsOidc;
    }
    if let Some(issuer) = entra::parse_issuer(iss) {
        // Azure DevOps' newer service-connection tokens are minted by Entra itself.
        if str_claim(claims, "sub").and_then(ado::entra_service_connection).is_some() {
            return TokenKind::AzureDevopsOidc;
        }
        let v2 = match str_claim(claims, "ver") {
            Some(v) => v == "2.0",
            None => issuer.v2,
        };
        return if v2 { TokenKind::EntraAccessV2 } else { TokenKind::EntraAccessV1 };
    }
    TokenKind::Jwt
}
