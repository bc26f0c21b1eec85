//! The parameters a finding can carry, with the shape check each captured value must pass. A
//! capture that does not look like its type is not a match: that is what keeps `{httpStatus}` from
//! swallowing a sentence, and what lets `{privateIp}` tell a private endpoint from the internet.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Param {
    Subject,
    Issuer,
    Audience,
    ClientIp,
    Ip,
    /// An RFC 1918 address (stored as `ip`): a private endpoint, not the public registry.
    PrivateIp,
    Registry,
    Host,
    AppId,
    Tenant,
    HttpStatus,
    /// An HTTP 5xx status (stored as `httpStatus`): a server or gateway failure, not a refusal.
    ServerStatus,
    CheckHealthCode,
    AadstsCode,
    Image,
    /// An image name that names no registry (`contosoacr/api:1`), stored as `image`: Docker,
    /// containerd and nerdctl send it to Docker Hub.
    HubImage,
    Scope,
    Resource,
    Subscription,
    CorrelationId,
    TraceId,
}

impl Param {
    pub(crate) fn from_name(name: &str) -> Option<Param> {
        Some(match name {
            "subject" => Param::Subject,
            "issuer" => Param::Issuer,
            "audience" => Param::Audience,
            "clientIp" => Param::ClientIp,
            "ip" => Param::Ip,
            "privateIp" => Param::PrivateIp,
            "registry" => Param::Registry,
            "host" => Param::Host,
            "appId" => Param::AppId,
            "tenant" => Param::Tenant,
            "httpStatus" => Param::HttpStatus,
            "serverStatus" => Param::ServerStatus,
            "checkHealthCode" => Param::CheckHealthCode,
            "aadstsCode" => Param::AadstsCode,
            "image" => Param::Image,
            "hubImage" => Param::HubImage,
            "scope" => Param::Scope,
            "resource" => Param::Resource,
            "subscription" => Param::Subscription,
            "correlationId" => Param::CorrelationId,
            "traceId" => Param::TraceId,
            _ => return None,
        })
    }
}

/// Values extracted from the matched text. Absent fields were not in the log; GitHub-masked
/// values (`***`) are never stored, the finding's `masked` flag says one was seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    /// The subject Entra saw (AADSTS700213): the exact value a federated credential must have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// A name for the federated credential that would accept `subject`: the one decodeToken gives
    /// a token with that subject (derived, not read from the log).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_name: Option<String>,
    /// The issuer Entra saw (AADSTS700211).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The audience Entra saw (AADSTS700212).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// The address a registry firewall refused (`denied: client with IP '…'`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<String>,
    /// An address the client tried to reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Registry login server (`myregistry.azurecr.io`) or name: from the finding's own lines, or
    /// else the one ACR the whole log names (see `log_registry`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// Another host name involved (a proxy, a storage endpoint, the name that did not resolve).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_health_code: Option<String>,
    /// Numeric part of an `AADSTSnnnn` code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aadsts_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

pub(crate) enum Set {
    Stored,
    Masked,
    Invalid,
}

impl Params {
    /// Validates `raw` for `param` and stores it unless a value is already there.
    pub(crate) fn set(&mut self, param: Param, raw: &[u8]) -> Set {
        let Ok(v) = std::str::from_utf8(raw) else { return Set::Invalid };
        let v = v.trim().trim_matches(|c| c == '\'' || c == '"');
        // GitHub's `***`, or a value the poster starred out whole (`************`).
        if v == "***" || (v.starts_with("***") && v.len() <= 6) || (v.len() >= 3 && v.bytes().all(|b| b == b'*')) {
            return Set::Masked;
        }
        let ok = match param {
            // Subjects may hold blanks: HCP Terraform's `project:Default Project`, Azure DevOps
            // project and service connection names, GitHub environment names.
            Param::Subject => !v.is_empty() && v.len() <= 600 && !v.contains(|c: char| c.is_whitespace() && c != ' '),
            Param::Issuer | Param::Audience | Param::Scope | Param::Resource => {
                !v.is_empty() && v.len() <= 600 && !v.contains(char::is_whitespace)
            }
            Param::ClientIp | Param::Ip => is_ip(v),
            Param::PrivateIp => is_private_ipv4(v),
            Param::Registry | Param::Host => is_host(v),
            // `in the tenant named Contoso` (AADSTS500011): `named` is no tenant.
            Param::Tenant if v == "named" => false,
            Param::AppId | Param::Tenant | Param::Subscription => {
                !v.is_empty() && v.len() <= 128 && !v.contains(char::is_whitespace)
            }
            Param::CorrelationId | Param::TraceId => is_guid(v),
            Param::HttpStatus => v.len() == 3 && matches!(v.parse::<u16>(), Ok(100..=599)),
            Param::ServerStatus => v.len() == 3 && matches!(v.parse::<u16>(), Ok(500..=599)),
            Param::CheckHealthCode => !v.is_empty() && v.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
            Param::AadstsCode => !v.is_empty() && v.len() <= 10 && v.bytes().all(|b| b.is_ascii_digit()),
            Param::Image => !v.is_empty() && v.len() <= 400 && !v.contains(char::is_whitespace),
            Param::HubImage => is_hub_image(v),
        };
        if !ok {
            return Set::Invalid;
        }
        let slot = match param {
            Param::Subject => &mut self.subject,
            Param::Issuer => &mut self.issuer,
            Param::Audience => &mut self.audience,
            Param::ClientIp => &mut self.client_ip,
            Param::Ip | Param::PrivateIp => &mut self.ip,
            Param::Registry => &mut self.registry,
            Param::Host => &mut self.host,
            Param::AppId => &mut self.app_id,
            Param::Tenant => &mut self.tenant,
            Param::CheckHealthCode => &mut self.check_health_code,
            Param::AadstsCode => &mut self.aadsts_code,
            Param::Image | Param::HubImage => &mut self.image,
            Param::Scope => &mut self.scope,
            Param::Resource => &mut self.resource,
            Param::Subscription => &mut self.subscription,
            Param::CorrelationId => &mut self.correlation_id,
            Param::TraceId => &mut self.trace_id,
            Param::HttpStatus | Param::ServerStatus => {
                if self.http_status.is_none() {
                    self.http_status = v.parse().ok();
                }
                return Set::Stored;
            }
        };
        if slot.is_none() {
            let v = match param {
                Param::Registry | Param::Host => v.to_ascii_lowercase(),
                _ => v.to_string(),
            };
            *slot = Some(v);
        }
        Set::Stored
    }

    /// True when no field present in both disagrees: such findings describe the same failure.
    pub(crate) fn compatible(&self, other: &Params) -> bool {
        fn same<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
            match (a, b) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            }
        }
        same(&self.subject, &other.subject)
            && same(&self.issuer, &other.issuer)
            && same(&self.audience, &other.audience)
            && same(&self.client_ip, &other.client_ip)
            && same(&self.ip, &other.ip)
            && same(&self.registry, &other.registry)
            && same(&self.host, &other.host)
            && same(&self.app_id, &other.app_id)
            && same(&self.tenant, &other.tenant)
            && same(&self.http_status, &other.http_status)
            && same(&self.image, &other.image)
    }

    /// Fills every absent field from `other`.
    pub(crate) fn absorb(&mut self, other: &Params) {
        fn fill<T: Clone>(a: &mut Option<T>, b: &Option<T>) {
            if a.is_none() {
                a.clone_from(b);
            }
        }
        fill(&mut self.subject, &other.subject);
        fill(&mut self.issuer, &other.issuer);
        fill(&mut self.audience, &other.audience);
        fill(&mut self.client_ip, &other.client_ip);
        fill(&mut self.ip, &other.ip);
        fill(&mut self.registry, &other.registry);
        fill(&mut self.host, &other.host);
        fill(&mut self.app_id, &other.app_id);
        fill(&mut self.tenant, &other.tenant);
        fill(&mut self.http_status, &other.http_status);
        fill(&mut self.check_health_code, &other.check_health_code);
        fill(&mut self.aadsts_code, &other.aadsts_code);
        fill(&mut self.image, &other.image);
        fill(&mut self.scope, &other.scope);
        fill(&mut self.resource, &other.resource);
        fill(&mut self.subscription, &other.subscription);
        fill(&mut self.correlation_id, &other.correlation_id);
        fill(&mut self.trace_id, &other.trace_id);
    }
}

fn ipv4_octets(v: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut n = 0;
    for part in v.split('.') {
        if n == 4 || part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out[n] = part.parse().ok()?;
        n += 1;
    }
    (n == 4).then_some(out)
}

fn is_ip(v: &str) -> bool {
    ipv4_octets(v).is_some()
        || (v.len() >= 3 && v.len() <= 45 && v.contains(':') && v.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.'))
}

fn is_private_ipv4(v: &str) -> bool {
    match ipv4_octets(v) {
        Some([10, ..]) | Some([192, 168, ..]) => true,
        Some([172, b, ..]) => (16..=31).contains(&b),
        _ => false,
    }
}

fn is_host(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 253
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b':' || b == b'_')
        && v.bytes().any(|b| b.is_ascii_alphanumeric())
}

/// A reference (distribution's grammar: lowercase path components) whose first component is no
/// registry host, i.e. has no `.` or `:` and is not `localhost`: Docker Hub's, whatever was meant.
fn is_hub_image(v: &str) -> bool {
    let name = v.split(['@', ':']).next().unwrap_or("");
    let first = v.split('/').next().unwrap_or("");
    !name.is_empty()
        && v.len() <= 400
        && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-/:@".contains(&b))
        && v.as_bytes()[0].is_ascii_alphanumeric()
        && !(v.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost"))
}

pub(crate) fn is_guid(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| if matches!(i, 8 | 13 | 18 | 23) { c == b'-' } else { c.is_ascii_hexdigit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_private_ipv4("10.1.2.3") && is_private_ipv4("172.20.0.4") && !is_private_ipv4("172.32.0.1"));
        assert!(!is_private_ipv4("20.1.2.3"));
        assert!(is_ip("2001:db8::1") && is_ip("52.1.2.3") && !is_ip("1.2.3"));
        assert!(is_guid("8c95acf1-cc04-40a1-ad14-481862cf1801") && !is_guid("8c95acf1cc0440a1ad14481862cf1801"));
        let mut p = Params::default();
        assert!(matches!(p.set(Param::HttpStatus, b"40x"), Set::Invalid));
        assert!(matches!(p.set(Param::ServerStatus, b"401"), Set::Invalid));
        assert!(matches!(p.set(Param::ServerStatus, b"504"), Set::Stored));
        assert_eq!(p.http_status, Some(504));
        assert!(matches!(p.set(Param::AppId, b"***"), Set::Masked));
        assert!(matches!(p.set(Param::AppId, b"'************'"), Set::Masked), "starred out by hand");
        assert!(matches!(p.set(Param::Registry, b"MyAcr.AzureCR.io"), Set::Stored));
        assert_eq!(p.registry.as_deref(), Some("myacr.azurecr.io"));

        for hub in ["contosoacr/api:1.0", "api", "team/api@sha256:0123abcd"] {
            assert!(is_hub_image(hub), "{hub}");
        }
        for named in ["contosoacr.azurecr.io/api:1.0", "localhost/api", "localhost:5000/api", "$IMAGE", "${ACR}/api", "Contoso/api", "-q"] {
            assert!(!is_hub_image(named), "{named}");
        }
    }
}
