//! Azure DevOps workload-identity tokens (service connections). Two issuer generations exist:
//! `https://vstoken.dev.azure.com/<organisation id>` with `sub` = `sc://<org>/<project>/<connection>`
//! (azure-pipelines-tasks docs/service-connections/azure-oidc/README.md), and the newer Entra-issued
//! form `https://login.microsoftonline.com/<tenant>/v2.0` with
//! `sub` = `/eid1/c/pub/t/<b64 tenant>/a/<b64 app>/sc/<organisation id>/<connection id>` (the subject
//! the service connection's `workloadIdentityFederationSubject` shows).

use serde::Serialize;

use super::claims::{https_host_and_path, str_claim, Claims};
use super::fic::{exchange_audience, federated_credential, FederatedCredential, EXCHANGE_AUDIENCES};
use super::warnings::{codes, Severity, Warning};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AdoIssuerFormat {
    /// `https://vstoken.dev.azure.com/<organisation id>`
    Vstoken,
    /// `https://login.microsoftonline.com/<tenant>/v2.0` with an `/eid1/.../sc/...` subject.
    Entra,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AzureDevopsInfo {
    pub issuer_format: AdoIssuerFormat,
    pub organization_id: Option<String>,
    pub organization: Option<String>,
    pub project: Option<String>,
    /// The service connection's name (`sc://` subjects) ...
    pub service_connection: Option<String>,
    /// ... or its id (Entra-issued subjects).
    pub service_connection_id: Option<String>,
    pub audience_ok: bool,
    pub federated_credential: FederatedCredential,
}

/// `https://vstoken.dev.azure.com/<org id>` -> the organisation id.
pub(crate) fn vstoken_organization(iss: &str) -> Option<&str> {
    let (host, path) = https_host_and_path(iss)?;
    let id = path.trim_matches('/');
    (host.eq_ignore_ascii_case("vstoken.dev.azure.com") && !id.is_empty() && !id.contains('/')).then_some(id)
}

/// The Entra-issued service-connection subject: `/eid1/c/pub/t/.../sc/<org id>/<connection id>`.
pub(crate) fn entra_service_connection(sub: &str) -> Option<(&str, &str)> {
    let rest = sub.strip_prefix("/eid1/")?;
    let (_, after) = rest.split_once("/sc/")?;
    let (org, conn) = after.split_once('/')?;
    (!org.is_empty() && !conn.is_empty() && !conn.contains('/')).then_some((org, conn))
}

pub(crate) fn analyse(claims: &Claims, audiences: &[String], warnings: &mut Vec<Warning>) -> AzureDevopsInfo {
    let iss = str_claim(claims, "iss").unwrap_or_default();
    let sub = str_claim(claims, "sub").unwrap_or_default();
    let exchange = exchange_audience(audiences);
    if exchange.is_none() {
        warnings.push(
            Warning::new(
                codes::AUDIENCE_NOT_TOKEN_EXCHANGE,
                Severity::Error,
                format!(
                    "The audience is '{}', not api://AzureADTokenExchange: Entra will answer AADSTS700212 for a \
                     credential with the usual audience.",
                    audiences.join("', '")
                ),
            )
            .catalog("AL012"),
        );
    }
    let mut info = AzureDevopsInfo {
        issuer_format: AdoIssuerFormat::Vstoken,
        organization_id: vstoken_organization(iss).map(str::to_owned),
        organization: None,
        project: None,
        service_connection: None,
        service_connection_id: None,
        audience_ok: exchange.is_some(),
        federated_credential: federated_credential(&credential_hint(sub), iss, sub, exchange.unwrap_or(EXCHANGE_AUDIENCES[0])),
    };
    if let Some(rest) = sub.strip_prefix("sc://") {
        let mut parts = rest.splitn(3, '/');
        info.organization = parts.next().filter(|s| !s.is_empty()).map(str::to_owned);
        info.project = parts.next().filter(|s| !s.is_empty()).map(str::to_owned);
        info.service_connection = parts.next().filter(|s| !s.is_empty()).map(str::to_owned);
    } else if let Some((org, conn)) = entra_service_connection(sub) {
        info.issuer_format = AdoIssuerFormat::Entra;
        info.organization_id = Some(org.to_owned());
        info.service_connection_id = Some(conn.to_owned());
    }
    info
}

/// The credential name's source for an Azure DevOps subject: organisation, project and service
/// connection of an `sc://` subject, the connection id of an Entra-issued one, else the subject.
pub(crate) fn credential_hint(sub: &str) -> String {
    if let Some(rest) = sub.strip_prefix("sc://") {
        let mut parts = rest.splitn(3, '/').map(|p| Some(p).filter(|p| !p.is_empty()));
        if let (Some(Some(org)), Some(Some(project)), Some(Some(conn))) = (parts.next(), parts.next(), parts.next()) {
            return format!("{org}-{project}-{conn}");
        }
    } else if let Some((_, conn)) = entra_service_connection(sub) {
        return format!("azure-devops-{conn}");
    }
    format!("azure-devops-{sub}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_issuer_generations() {
        assert_eq!(vstoken_organization("https://vstoken.dev.azure.com/0a1b2c3d-0000-4000-8000-000000000001"), Some("0a1b2c3d-0000-4000-8000-000000000001"));
        assert_eq!(vstoken_organization("https://vstoken.dev.azure.com/"), None);
        assert_eq!(
            entra_service_connection("/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/AQABAAAA/sc/0a1b2c3d-0000-4000-8000-000000000001/11112222-3333-4444-5555-666677778888"),
            Some(("0a1b2c3d-0000-4000-8000-000000000001", "11112222-3333-4444-5555-666677778888"))
        );
        // Other /eid1 subjects (bots, Copilot Studio) are not service connections.
        assert_eq!(entra_service_connection("/eid1/c/pub/t/abc/a/def/https-endpoint"), None);
    }
}
