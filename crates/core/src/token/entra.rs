//! Entra ID access tokens: cloud, version, app-only vs delegated, and above all which resource the
//! audience is and whether ACR's `/oauth2/exchange` takes it. Facts: reference §1.5 ([CLI-CLOUD],
//! [MD-container-registry-disable-authentication-as-arm]); claim names: Microsoft's "Access token
//! claims reference" (MicrosoftDocs/entra-docs docs/identity-platform/access-token-claims-reference.md).

use serde::Serialize;

use super::claims::{https_host_and_path, same_url, str_claim, string_list, Claims};
use super::warnings::{codes, Severity, Warning};

/// The az CLI cloud names, so the value can be passed to `az cloud set --name` as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Cloud {
    AzureCloud,
    AzureUSGovernment,
    AzureChinaCloud,
}

impl Cloud {
    /// The ACR-scoped resource in this cloud (`<resource>/.default` is the scope to request).
    pub fn acr_resource(self) -> &'static str {
        match self {
            Cloud::AzureCloud => "https://containerregistry.azure.net",
            Cloud::AzureUSGovernment => "https://containerregistry.azure.us",
            Cloud::AzureChinaCloud => "https://containerregistry.azure.cn",
        }
    }

    /// `<acr_resource>/.default`, the scope to request.
    fn acr_scope(self) -> &'static str {
        match self {
            Cloud::AzureCloud => "https://containerregistry.azure.net/.default",
            Cloud::AzureUSGovernment => "https://containerregistry.azure.us/.default",
            Cloud::AzureChinaCloud => "https://containerregistry.azure.cn/.default",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntraIssuer<'a> {
    pub cloud: Cloud,
    pub tenant: Option<&'a str>,
    /// The issuer path ends in `/v2.0`.
    pub v2: bool,
}

/// `https://sts.windows.net/<tid>/` (v1), `https://login.microsoftonline.com/<tid>/v2.0` (v2) and the
/// sovereign equivalents.
pub(crate) fn parse_issuer(iss: &str) -> Option<EntraIssuer<'_>> {
    const HOSTS: [(&str, Cloud); 7] = [
        ("sts.windows.net", Cloud::AzureCloud),
        ("login.microsoftonline.com", Cloud::AzureCloud),
        ("login.windows.net", Cloud::AzureCloud),
        ("login.microsoftonline.us", Cloud::AzureUSGovernment),
        ("sts.chinacloudapi.cn", Cloud::AzureChinaCloud),
        ("login.chinacloudapi.cn", Cloud::AzureChinaCloud),
        ("login.partner.microsoftonline.cn", Cloud::AzureChinaCloud),
    ];
    let (host, path) = https_host_and_path(iss)?;
    // Compared ignoring case rather than lowercased: no allocation (this runs for every token).
    let cloud = HOSTS.iter().find(|(known, _)| known.eq_ignore_ascii_case(host))?.1;
    let mut parts = path.trim_matches('/').split('/');
    let tenant = parts.next().filter(|t| !t.is_empty());
    let v2 = parts.next() == Some("v2.0");
    Some(EntraIssuer { cloud, tenant, v2 })
}

/// What the audience is, as far as an ACR login is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AudienceResource {
    /// `https://containerregistry.azure.net` (or `.us` / `.cn`).
    Acr,
    /// Azure Resource Manager (`https://management.azure.com`, the legacy `management.core.windows.net`, sovereign).
    Arm,
    Other,
}

/// Whether ACR's `/oauth2/exchange` accepts the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AcrExchange {
    Accepted,
    /// ARM audience: accepted while the registry's authentication-as-arm policy is enabled (the default).
    AcceptedUnlessArmDisabled,
    Refused,
}

/// Who the token speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipalType {
    /// Client credentials: a service principal or managed identity acting as itself.
    AppOnly,
    /// A user signed in through an app.
    Delegated,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntraInfo {
    /// `1.0` or `2.0`.
    pub version: String,
    pub cloud: Cloud,
    pub principal_type: PrincipalType,
    /// Which claim decided `principalType`.
    pub principal_type_reason: String,
    /// Delegated scopes (`scp`, space separated in the token).
    pub scopes: Vec<String>,
    /// App roles (`roles`).
    pub roles: Vec<String>,
    /// ARM id of the managed identity (`xms_mirid`), when the token belongs to one.
    pub managed_identity_resource_id: Option<String>,
    pub resource: AudienceResource,
    /// "Azure Container Registry", "Azure Resource Manager", or the audience itself.
    pub resource_name: String,
    pub acr_exchange: AcrExchange,
    pub acr_exchange_reason: String,
    /// The scope to request for ACR in this token's cloud.
    pub acr_scope: String,
}

const ARM_APP_ID: &str = "797f4846-ba00-4fd7-ba43-dac1f8f63013"; // "Windows Azure Service Management API"

fn classify_audience(aud: &str) -> Option<(AudienceResource, Option<Cloud>)> {
    use AudienceResource::{Acr, Arm};
    use Cloud::*;
    const KNOWN: [(&str, AudienceResource, Cloud); 9] = [
        ("https://containerregistry.azure.net", Acr, AzureCloud),
        ("https://containerregistry.azure.us", Acr, AzureUSGovernment),
        ("https://containerregistry.azure.cn", Acr, AzureChinaCloud),
        ("https://management.azure.com", Arm, AzureCloud),
        ("https://management.core.windows.net", Arm, AzureCloud),
        ("https://management.usgovcloudapi.net", Arm, AzureUSGovernment),
        ("https://management.core.usgovcloudapi.net", Arm, AzureUSGovernment),
        ("https://management.chinacloudapi.cn", Arm, AzureChinaCloud),
        ("https://management.core.chinacloudapi.cn", Arm, AzureChinaCloud),
    ];
    if aud.eq_ignore_ascii_case(ARM_APP_ID) {
        return Some((Arm, None));
    }
    KNOWN.iter().find(|(url, _, _)| same_url(url, aud)).map(|(_, r, c)| (*r, Some(*c)))
}

/// A registry's own URL as audience (`https://<name>.azurecr.io`), which ACR does not support.
fn is_registry_url(aud: &str) -> bool {
    https_host_and_path(aud).is_some_and(|(host, _)| {
        let host = host.to_ascii_lowercase();
        [".azurecr.io", ".azurecr.us", ".azurecr.cn"].iter().any(|s| host.ends_with(s))
    })
}

/// An Entra ID token (OpenID Connect sign-in) rather than an access token: access tokens always
/// name their client (`appid` v1, `azp` v2), ID tokens never do and carry no `scp`; their audience
/// is the app's client id, and sign-ins add `nonce` / `at_hash` / `c_hash`.
pub(crate) fn is_id_token<'a>(text: &dyn Fn(&str) -> Option<&'a str>, has: &dyn Fn(&str) -> bool) -> bool {
    if has("appid") || has("azp") || has("scp") {
        return false;
    }
    has("nonce") || has("at_hash") || has("c_hash") || text("aud").is_some_and(is_guid)
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`
fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { b == b'-' } else { b.is_ascii_hexdigit() })
}

/// `id_token`: an ID token ([`is_id_token`]), whose verdict is always "refused".
pub(crate) fn analyse(claims: &Claims, audiences: &[String], warnings: &mut Vec<Warning>, id_token: bool) -> EntraInfo {
    let iss = str_claim(claims, "iss").unwrap_or_default();
    let issuer = parse_issuer(iss);
    let issuer_cloud = issuer.as_ref().map_or(Cloud::AzureCloud, |i| i.cloud);
    let version = match str_claim(claims, "ver") {
        Some(v) => v.to_owned(),
        None if issuer.as_ref().is_some_and(|i| i.v2) => "2.0".to_owned(),
        None => "1.0".to_owned(),
    };
    let scopes: Vec<String> = str_claim(claims, "scp").map(|s| s.split_whitespace().map(str::to_owned).collect()).unwrap_or_default();
    let roles = string_list(claims, "roles");
    let (principal_type, principal_type_reason) = principal_type(claims, &scopes);

    let found = audiences.iter().find_map(|a| classify_audience(a).map(|r| (a, r)));
    let (resource, resource_cloud) = found.map_or((AudienceResource::Other, None), |(_, (r, c))| (r, c));
    let cloud = resource_cloud.unwrap_or(issuer_cloud);
    let acr_scope = cloud.acr_scope().to_owned();
    let (resource_name, acr_exchange, acr_exchange_reason) = match resource {
        _ if id_token => {
            let app = if audiences.is_empty() { "(none)".to_owned() } else { audiences.join(", ") };
            let reason = format!(
                "This is an ID token: it proves a user signed in to the app {app}, for that app only. ACR's \
                 /oauth2/exchange needs an access token for {resource} (or Azure Resource Manager, \
                 https://management.azure.com in the public cloud): use the access_token of the same sign-in, or az \
                 account get-access-token --scope {acr_scope}",
                resource = cloud.acr_resource()
            );
            warnings.push(Warning::new(codes::AUDIENCE_NOT_ACR, Severity::Error, reason.clone()).catalog("AL906"));
            (app, AcrExchange::Refused, reason)
        }
        AudienceResource::Acr => (
            "Azure Container Registry".to_owned(),
            AcrExchange::Accepted,
            "ACR-scoped token: every registry's /oauth2/exchange accepts it, whatever its authentication-as-arm policy."
                .to_owned(),
        ),
        AudienceResource::Arm => {
            let reason = format!(
                "ARM-scoped token: /oauth2/exchange accepts it only while the registry's authentication-as-arm policy \
                 is enabled (the default). Registries that disable it (recommended, and required for Conditional \
                 Access) refuse it; request {acr_scope} instead. Check with: az acr config authentication-as-arm show \
                 --registry <REGISTRY>"
            );
            warnings.push(Warning::new(codes::AUDIENCE_ARM, Severity::Warning, reason.clone()).catalog("AL031"));
            ("Azure Resource Manager".to_owned(), AcrExchange::AcceptedUnlessArmDisabled, reason)
        }
        AudienceResource::Other => {
            let shown = if audiences.is_empty() { "(none)".to_owned() } else { audiences.join(", ") };
            let reason = if audiences.iter().any(|a| is_registry_url(a)) {
                format!(
                    "The audience is a registry's own URL ({shown}); ACR does not support registry-specific \
                     audiences. Request {acr_scope}."
                )
            } else {
                format!(
                    "The audience ({shown}) is neither ACR nor ARM, so ACR's /oauth2/exchange refuses this token. \
                     Request a token for {acr_scope} (az account get-access-token --scope {acr_scope})."
                )
            };
            warnings.push(Warning::new(codes::AUDIENCE_NOT_ACR, Severity::Error, reason.clone()));
            (shown, AcrExchange::Refused, reason)
        }
    };

    EntraInfo {
        version,
        cloud,
        principal_type,
        principal_type_reason,
        scopes,
        roles,
        managed_identity_resource_id: str_claim(claims, "xms_mirid").map(str::to_owned),
        resource,
        resource_name,
        acr_exchange,
        acr_exchange_reason,
        acr_scope,
    }
}

/// `idtyp` (optional claim) when present; otherwise delegated tokens are the ones with `scp` or a
/// user name, app-only tokens have neither (they carry `roles`, if anything).
fn principal_type(claims: &Claims, scopes: &[String]) -> (PrincipalType, String) {
    match str_claim(claims, "idtyp") {
        Some("app") => return (PrincipalType::AppOnly, "idtyp is 'app'".to_owned()),
        Some("user") => return (PrincipalType::Delegated, "idtyp is 'user'".to_owned()),
        _ => {}
    }
    if !scopes.is_empty() {
        return (PrincipalType::Delegated, "has delegated scopes (scp)".to_owned());
    }
    if let Some(k) = ["upn", "preferred_username", "unique_name"].into_iter().find(|k| claims.contains_key(k)) {
        return (PrincipalType::Delegated, format!("names a user ({k})"));
    }
    (PrincipalType::AppOnly, "no scp and no user claims: client credentials".to_owned())
}

/// The tenant of an Entra token: `tid`, else the issuer's path.
pub(crate) fn tenant(claims: &Claims) -> Option<String> {
    str_claim(claims, "tid")
        .map(str::to_owned)
        .or_else(|| str_claim(claims, "iss").and_then(parse_issuer).and_then(|i| i.tenant).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_issuers_in_every_cloud() {
        let t = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        let i = parse_issuer("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/").unwrap();
        assert_eq!((i.cloud, i.tenant, i.v2), (Cloud::AzureCloud, Some(t), false));
        let i = parse_issuer("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0").unwrap();
        assert_eq!((i.cloud, i.v2), (Cloud::AzureCloud, true));
        assert_eq!(parse_issuer("https://login.microsoftonline.us/x/v2.0").unwrap().cloud, Cloud::AzureUSGovernment);
        assert_eq!(parse_issuer("https://sts.chinacloudapi.cn/x/").unwrap().cloud, Cloud::AzureChinaCloud);
        assert_eq!(parse_issuer("https://login.chinacloudapi.cn/x/v2.0").unwrap().cloud, Cloud::AzureChinaCloud);
        assert_eq!(parse_issuer("https://token.actions.githubusercontent.com"), None);
    }

    #[test]
    fn scopes_are_the_resources() {
        for cloud in [Cloud::AzureCloud, Cloud::AzureUSGovernment, Cloud::AzureChinaCloud] {
            assert_eq!(cloud.acr_scope(), format!("{}/.default", cloud.acr_resource()));
        }
    }

    #[test]
    fn classifies_audiences() {
        assert_eq!(classify_audience("https://containerregistry.azure.net/"), Some((AudienceResource::Acr, Some(Cloud::AzureCloud))));
        assert_eq!(classify_audience("https://containerregistry.azure.cn"), Some((AudienceResource::Acr, Some(Cloud::AzureChinaCloud))));
        assert_eq!(classify_audience("https://management.core.windows.net/"), Some((AudienceResource::Arm, Some(Cloud::AzureCloud))));
        assert_eq!(classify_audience("https://management.usgovcloudapi.net/"), Some((AudienceResource::Arm, Some(Cloud::AzureUSGovernment))));
        assert_eq!(classify_audience(ARM_APP_ID), Some((AudienceResource::Arm, None)));
        assert_eq!(classify_audience("https://graph.microsoft.com"), None);
        assert!(is_registry_url("https://contoso.azurecr.io/"));
    }
}
