//! The request log: one JSON line per request, secrets replaced by `[redacted]`, so tests can
//! assert what a client sent (field names, which credential) without a token ever hitting disk.

use serde_json::{json, Map, Value};
use std::fs::File;
use std::io::Write;
use std::sync::Mutex;

/// Form fields and query parameters whose values are logged; every other value is redacted.
const PLAIN_FIELDS: &[&str] = &[
    "grant_type",
    "client_id",
    "scope",
    "service",
    "tenant",
    "audience",
    "api-version",
    "resource",
    "account",
    "client_assertion_type",
    "object_id",
    "msi_res_id",
    "mi_res_id",
    "principal_id",
    "username",
];

pub fn redact_pairs(pairs: &[(String, String)]) -> Value {
    let mut out: Vec<Value> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        let value = if PLAIN_FIELDS.contains(&k.as_str()) {
            v.clone()
        } else {
            "[redacted]".to_string()
        };
        out.push(json!([k, value]));
    }
    Value::Array(out)
}

/// What a handler learned about the request, for the log line.
#[derive(Debug, Clone, Default)]
pub struct LogInfo {
    pub endpoint: String,
    pub registry: Option<String>,
    /// Which credential was presented: `client_assertion`, `client_secret`, `bearer`,
    /// `basic:<user>`, `refresh_token`, `access_token`, `metadata`, `none`, ...
    pub credential: Option<String>,
    /// The principal the credential resolved to (app/identity name, admin, token name).
    pub principal: Option<String>,
    /// Machine-readable outcome: `ok`, an AADSTS code, `UNAUTHORIZED`, `DENIED`, ...
    pub outcome: String,
    pub detail: Option<String>,
    pub fault: Option<String>,
}

pub struct RequestLog {
    file: Mutex<File>,
    pub path: String,
}

impl RequestLog {
    pub fn create(path: &str) -> std::io::Result<Self> {
        Ok(RequestLog {
            file: Mutex::new(File::create(path)?),
            path: path.to_string(),
        })
    }

    pub fn write(&self, entry: &Value) {
        let mut line = serde_json::to_vec(entry).expect("json");
        line.push(b'\n');
        if let Ok(mut f) = self.file.lock() {
            let _ = f.write_all(&line);
        }
    }
}

/// Builds one log line.
#[allow(clippy::too_many_arguments)]
pub fn entry(
    seq: u64,
    ts: f64,
    service: &str,
    req: &crate::http::Request,
    info: &LogInfo,
    status: Option<u16>,
    ms: f64,
) -> Value {
    let mut m = Map::new();
    m.insert("seq".into(), seq.into());
    m.insert("ts".into(), crate::util::rfc3339_millis(ts).into());
    m.insert("service".into(), service.into());
    m.insert("endpoint".into(), info.endpoint.clone().into());
    if let Some(r) = &info.registry {
        m.insert("registry".into(), r.clone().into());
    }
    m.insert("method".into(), req.method.clone().into());
    m.insert("path".into(), req.path.clone().into());
    m.insert("query".into(), redact_pairs(&req.query));
    m.insert("form".into(), redact_pairs(&req.form()));
    m.insert(
        "contentType".into(),
        req.header("content-type").map(String::from).into(),
    );
    m.insert("chunked".into(), req.chunked.into());
    let auth_scheme = req
        .header("authorization")
        .map(|a| a.split_whitespace().next().unwrap_or("").to_string());
    m.insert("authScheme".into(), auth_scheme.into());
    m.insert(
        "credential".into(),
        info.credential
            .clone()
            .unwrap_or_else(|| "none".into())
            .into(),
    );
    m.insert("principal".into(), info.principal.clone().into());
    m.insert("status".into(), status.into());
    m.insert("outcome".into(), info.outcome.clone().into());
    if let Some(d) = &info.detail {
        m.insert("detail".into(), d.clone().into());
    }
    m.insert("fault".into(), info.fault.clone().into());
    m.insert("peer".into(), req.peer.ip().to_string().into());
    // The client's port names its connection: tests see which requests shared one.
    m.insert("peerPort".into(), req.peer.port().into());
    m.insert("ms".into(), ((ms * 1000.0).round() / 1000.0).into());
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_and_plain_fields_kept() {
        let v = redact_pairs(&[
            ("client_assertion".into(), "eyJsecret".into()),
            (
                "scope".into(),
                "https://containerregistry.azure.net/.default".into(),
            ),
            ("refresh_token".into(), "abc".into()),
            ("password".into(), "p".into()),
        ]);
        let text = v.to_string();
        assert!(
            !text.contains("eyJsecret") && !text.contains("\"abc\"") && !text.contains("\"p\"")
        );
        assert!(text.contains("containerregistry.azure.net"));
    }
}
