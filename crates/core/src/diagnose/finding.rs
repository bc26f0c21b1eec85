//! One explained failure: which catalog entry, what happened in this run, and how to fix it.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Where a catalog ID's page entry lives (`<PAGE>#AL010`).
pub const CATALOG_PAGE: &str = "https://org.github.io/acr-login-action/";

/// The pre-assigned IDs this crate emits, with their categories (fixed by the catalog's
/// append-only contract) and a title used until the catalog has the entry.
const KNOWN: &[(&str, &str, &str)] = &[
    ("AL001", "oidc-missing-id-token-permission", "The job cannot request a GitHub OIDC token"),
    ("AL002", "oidc-token-expired", "The GitHub OIDC token expired before Entra saw it"),
    ("AL010", "oidc-no-federated-credential", "No federated credential matches the GitHub token"),
    ("AL011", "oidc-issuer-mismatch", "The federated credential's issuer does not match the token"),
    ("AL012", "oidc-audience-mismatch", "The federated credential's audience does not match the token"),
    ("AL013", "oidc-subject-mismatch", "The federated credential's subject does not match the token"),
    ("AL014", "oidc-no-federated-credential", "The app or identity has no federated credentials"),
    ("AL015", "oidc-no-federated-credential", "The client assertion failed signature validation"),
    ("AL016", "oidc-no-federated-credential", "The token request carried no client assertion or secret"),
    ("AL020", "client-secret-expired", "The client secret has expired"),
    ("AL021", "client-secret-invalid", "The client secret is not valid"),
    ("AL022", "app-not-found-in-tenant", "The application was not found in the tenant"),
    ("AL023", "wrong-tenant", "The tenant was not found"),
    ("AL024", "conditional-access-blocked", "Blocked by a Conditional Access policy"),
    ("AL025", "other", "The token scope is not valid"),
    ("AL026", "other", "The scope's resource does not exist in the tenant"),
    ("AL030", "missing-rbac-role", "The identity has no data-plane role on the registry"),
    ("AL031", "arm-audience-token-disabled", "The registry refuses ARM-audience Entra tokens"),
    ("AL032", "token-expired-acr", "The ACR token has expired"),
    ("AL033", "missing-rbac-role", "The identity lacks a permission on the repository"),
    ("AL040", "network-ip-denied", "The registry firewall denies this client"),
    ("AL041", "dns-resolution", "The registry name does not resolve"),
    ("AL042", "tls-certificate", "The TLS certificate is not trusted"),
    ("AL043", "throttled", "The registry throttled the request (429)"),
    ("AL044", "network-unreachable", "The endpoint could not be reached"),
    ("AL045", "proxy", "The proxy refused or could not be reached"),
    ("AL050", "docker-daemon-unavailable", "The Docker daemon is not reachable"),
    ("AL060", "repository-not-found", "The repository does not exist"),
    ("AL061", "admin-account-disabled", "The admin credentials were refused"),
    ("AL062", "anonymous-pull-disabled", "Anonymous pull is not enabled"),
    ("AL063", "scope-map-token-denied", "The token lacks the action for the repository"),
];

/// Named values of a finding, in insertion order; a JSON object on the wire. (A `Vec`, not a
/// `BTreeMap`: the map's code costs the wasm ~15 KB for a handful of entries.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn get(&self, key: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing an earlier value.
    pub fn insert(&mut self, key: &str, value: String) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(e) => e.1 = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl std::ops::Index<&str> for Params {
    type Output = String;
    fn index(&self, key: &str) -> &String {
        self.get(key).unwrap_or_else(|| panic!("no param {key}"))
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Catalog ID (`AL013`); `None` when the failure matches no known entry (never guessed).
    pub id: Option<String>,
    pub category: String,
    pub title: String,
    /// What happened in this run, with the values involved.
    pub explanation: String,
    /// Steps, most likely first; commands are complete and copy-pasteable.
    pub fix: Vec<String>,
    /// The page's entry for this ID.
    pub link: Option<String>,
    /// Values extracted from the failure (presented subject, client IP, HTTP status, …).
    pub params: Params,
    /// The service's own words (first line), secrets redacted.
    pub evidence: Option<String>,
}

impl Finding {
    /// A finding for a pre-assigned (or catalogued) ID.
    pub fn known(id: &str) -> Finding {
        let local = KNOWN.iter().find(|(k, _, _)| *k == id);
        let catalogued = crate::catalog::entry(id);
        let category = catalogued.map(|e| e.category).or(local.map(|l| l.1)).unwrap_or("other");
        let title = catalogued.map(|e| e.title).filter(|t| !t.is_empty()).or(local.map(|l| l.2)).unwrap_or(id);
        Finding {
            id: Some(id.to_string()),
            category: category.to_string(),
            title: title.to_string(),
            explanation: String::new(),
            fix: Vec::new(),
            link: Some(format!("{CATALOG_PAGE}#{id}")),
            params: Params::default(),
            evidence: None,
        }
    }

    /// A failure no catalog entry describes: said plainly, with the service's words.
    pub fn unknown(title: impl Into<String>) -> Finding {
        Finding {
            id: None,
            category: "other".to_string(),
            title: title.into(),
            explanation: String::new(),
            fix: Vec::new(),
            link: None,
            params: Params::default(),
            evidence: None,
        }
    }

    pub fn explain(mut self, text: impl Into<String>) -> Self {
        self.explanation = text.into();
        self
    }

    pub fn fix(mut self, step: impl Into<String>) -> Self {
        self.fix.push(step.into());
        self
    }

    pub fn param(mut self, key: &str, value: impl Into<String>) -> Self {
        let v = value.into();
        if !v.is_empty() {
            self.params.insert(key, v);
        }
        self
    }

    /// The service's words, on one line: they are quoted into the log, where a line of its own
    /// starting with `::` would be a workflow command of whoever wrote the response.
    pub fn evidence(mut self, text: Option<String>) -> Self {
        self.evidence = text
            .map(|t| t.split(|c: char| c.is_control() && c != '\t').map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        self
    }

    /// `AL013 The federated credential's subject …` (or just the title when unknown).
    pub fn headline(&self) -> String {
        match &self.id {
            Some(id) => format!("{id} {}", self.title),
            None => self.title.clone(),
        }
    }

    /// The failure message for `setFailed`: the top explanation, never a stack trace.
    pub fn message(&self) -> String {
        let mut out = self.headline();
        if !self.explanation.is_empty() {
            out.push_str(": ");
            out.push_str(&self.explanation);
        }
        for (i, step) in self.fix.iter().enumerate() {
            out.push_str(&format!("\n  Fix {}: {step}", i + 1));
        }
        if let Some(e) = &self.evidence {
            out.push_str(&format!("\n  Service said: {e}"));
        }
        if let Some(l) = &self.link {
            out.push_str(&format!("\n  More: {l}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids_carry_category_title_and_link() {
        let f = Finding::known("AL013").explain("presented subject x").fix("add a credential").param("subject", "x").param("empty", "");
        assert_eq!(f.category, "oidc-subject-mismatch");
        assert_eq!(f.link.as_deref(), Some("https://org.github.io/acr-login-action/#AL013"));
        assert_eq!(f.params.len(), 1);
        let m = f.message();
        assert!(m.starts_with("AL013 ") && m.contains("Fix 1: add a credential") && m.contains("#AL013"), "{m}");
    }

    #[test]
    fn evidence_is_one_line() {
        let f = Finding::unknown("x").evidence(Some("  <html>\r\n<body>bad gateway</body>\n\n::warning::x  ".into()));
        assert_eq!(f.evidence.as_deref(), Some("<html> <body>bad gateway</body> ::warning::x"));
        assert_eq!(Finding::unknown("x").evidence(Some("\r\n \n".into())).evidence, None);
        assert!(f.message().lines().all(|l| !l.starts_with("::")));
    }

    #[test]
    fn every_pre_assigned_id_is_well_formed_and_unique() {
        let mut ids: Vec<&str> = KNOWN.iter().map(|k| k.0).collect();
        crate::sort::sort(&mut ids);
        ids.dedup();
        assert_eq!(ids.len(), KNOWN.len());
        assert!(ids.iter().all(|i| i.len() == 5 && i.starts_with("AL")));
    }
}
