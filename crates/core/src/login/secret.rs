//! A string that must never reach a log line.

use serde::{Deserialize, Deserializer, Serializer};

/// A credential (token, client secret, password). `Debug` and `Display` print `***`, and it has no
/// `Serialize` impl: a field that must cross to the host opts in with
/// `#[serde(serialize_with = "Secret::serialize_exposed")]`, so every exposure is visible in review.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for the one place that needs it (a request body, the docker config).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }

    pub fn serialize_exposed<S: Serializer>(secret: &Secret, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&secret.0)
    }

    pub fn serialize_exposed_opt<S: Serializer>(secret: &Option<Secret>, s: S) -> Result<S::Ok, S::Error> {
        match secret {
            Some(v) => s.serialize_some(&v.0),
            None => s.serialize_none(),
        }
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

/// Replaces every occurrence of any secret, and anything shaped like a JWT, with `***`.
/// Used on every text that leaves the machine (evidence, notices), because servers sometimes echo
/// what they were sent.
pub fn redact(text: &str, secrets: &[Secret]) -> String {
    let mut out = text.to_string();
    for s in secrets {
        // Short values would blank out ordinary words; real credentials are long.
        if s.0.len() >= 8 && out.contains(&s.0) {
            out = out.replace(&s.0, "***");
        }
    }
    redact_jwts(&out)
}

/// `eyJ…` followed by two more dot-separated base64url runs: a JWT (or JWE header) in any text.
fn redact_jwts(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    let is_b64 = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    while i + 3 <= b.len() {
        if &b[i..i + 3] == b"eyJ" && (i == 0 || !is_b64(b[i - 1])) {
            let mut j = i;
            let mut dots = 0;
            while j < b.len() && (is_b64(b[j]) || (b[j] == b'.' && j + 1 < b.len() && is_b64(b[j + 1]))) {
                if b[j] == b'.' {
                    dots += 1;
                }
                j += 1;
            }
            if dots >= 2 {
                out.push_str(&text[copied..i]);
                out.push_str("***");
                copied = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some(Secret(***))");
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn redacts_known_secrets_and_any_jwt() {
        let s = Secret::new("s3cr3t-value-123");
        let text = "got s3cr3t-value-123 and token eyJhbGciOi.eyJzdWIiOi.c2ln end; eyJ alone stays";
        assert_eq!(redact(text, &[s]), "got *** and token *** end; eyJ alone stays");
        assert_eq!(redact("x", &[Secret::new("x")]), "x", "short values are not treated as secrets");
    }
}
