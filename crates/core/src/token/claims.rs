//! Tolerant claim readers: producers disagree on strings vs numbers vs arrays, and a decoder that
//! shows what is there beats one that rejects what is unusual.

use serde_json::Value;

use crate::jwt::{Claim, JwtObject};

pub(crate) type Claims = JwtObject;

/// A claim that is a string.
pub(crate) fn str_claim<'a>(claims: &'a Claims, key: &str) -> Option<&'a str> {
    claims.get(key)?.as_str()
}

/// A claim as text: strings as they are, numbers and booleans printed (GitHub sends ids as strings,
/// other producers as numbers).
pub(crate) fn text_claim(claims: &Claims, key: &str) -> Option<String> {
    match claims.get(key)? {
        Claim::Str(s) => Some(s.to_owned()),
        // Through `Number`, whose printing the wasm has anyway (i64's own `Display` is more code).
        Claim::Int(n) => Some(serde_json::Number::from(n).to_string()),
        Claim::Bool(b) | Claim::Value(&Value::Bool(b)) => Some(if b { "true" } else { "false" }.to_owned()),
        Claim::Null => None,
        Claim::Value(Value::String(s)) => Some(s.clone()),
        Claim::Value(Value::Number(n)) => Some(n.to_string()),
        Claim::Value(_) => None,
    }
}

/// A claim that may be one string or an array of strings (`aud`, `roles`); also splits nothing.
pub(crate) fn string_list(claims: &Claims, key: &str) -> Vec<String> {
    match claims.get(key) {
        Some(Claim::Str(s)) => vec![s.to_owned()],
        Some(Claim::Value(v)) => value_string_list(Some(v)),
        _ => Vec::new(),
    }
}

/// [`string_list`] for a value nested in a claim (ACR's `permissions.actions`).
pub(crate) fn value_string_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

/// Compares URLs the way people mean them: case-insensitive, ignoring one trailing slash.
pub(crate) fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/').eq_ignore_ascii_case(b.trim_end_matches('/'))
}

/// `https://host/rest` -> (`host`, `rest`), only for https URLs.
pub(crate) fn https_host_and_path(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("https://")?;
    Some(match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    })
}
