//! `WWW-Authenticate` parsing (RFC 9110 §11.6.1) for the registry's `/v2/` challenge.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Challenge {
    /// `Bearer` or `Basic`, as sent.
    pub scheme: String,
    pub realm: Option<String>,
    pub service: Option<String>,
    pub scope: Option<String>,
    pub error: Option<String>,
}

impl Challenge {
    pub fn is_bearer(&self) -> bool {
        self.scheme.eq_ignore_ascii_case("bearer")
    }
}

/// Parses the first challenge of a header value; `None` if there is no scheme at all.
/// Registries send one challenge, but a header may list several (`Basic realm=…, Bearer realm=…`),
/// so a Bearer challenge is preferred when present.
pub fn parse_www_authenticate(value: &str) -> Option<Challenge> {
    let challenges = parse_all(value);
    challenges.iter().find(|c| c.is_bearer()).or_else(|| challenges.first()).cloned()
}

fn parse_all(value: &str) -> Vec<Challenge> {
    let mut out: Vec<Challenge> = Vec::new();
    let mut p = Parser { s: value.as_bytes(), i: 0 };
    loop {
        p.skip(|c| c == b' ' || c == b'\t' || c == b',');
        let token = p.token();
        if token.is_empty() {
            break;
        }
        p.skip(|c| c == b' ' || c == b'\t');
        if p.peek() == Some(b'=') {
            // An auth-param belonging to the current challenge.
            p.i += 1;
            if p.peek() == Some(b'=') {
                // The `==` padding of a token68 (`Negotiate YII…==`), not a parameter.
                p.skip(|c| c == b'=');
                continue;
            }
            p.skip(|c| c == b' ' || c == b'\t');
            let v = if p.peek() == Some(b'"') { p.quoted() } else { p.token() };
            if let Some(c) = out.last_mut() {
                match token.to_ascii_lowercase().as_str() {
                    "realm" => c.realm = Some(v),
                    "service" => c.service = Some(v),
                    "scope" => c.scope = Some(v),
                    "error" => c.error = Some(v),
                    _ => {}
                }
            }
        } else {
            out.push(Challenge { scheme: token, realm: None, service: None, scope: None, error: None });
        }
    }
    out
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn skip(&mut self, f: impl Fn(u8) -> bool) {
        while self.peek().is_some_and(&f) {
            self.i += 1;
        }
    }
    fn token(&mut self) -> String {
        let start = self.i;
        self.skip(|c| !matches!(c, b' ' | b'\t' | b',' | b'=' | b'"'));
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }
    fn quoted(&mut self) -> String {
        self.i += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => {
                    if let Some(n) = self.peek() {
                        out.push(n);
                        self.i += 1;
                    }
                }
                b'"' => break,
                c => out.push(c),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_acr_challenge() {
        let c = parse_www_authenticate(r#"Bearer realm="https://r.azurecr.io/oauth2/token",service="r.azurecr.io""#).unwrap();
        assert!(c.is_bearer());
        assert_eq!(c.realm.as_deref(), Some("https://r.azurecr.io/oauth2/token"));
        assert_eq!(c.service.as_deref(), Some("r.azurecr.io"));
        assert_eq!(c.scope, None);
    }

    #[test]
    fn parses_scope_with_commas_escapes_and_spaces() {
        let c = parse_www_authenticate(
            r#"bearer  realm = "https://h/t", service=h:5000, scope="repository:a/b:pull,push",error="insufficient_scope", note="a\"b""#,
        )
        .unwrap();
        assert_eq!(c.service.as_deref(), Some("h:5000"));
        assert_eq!(c.scope.as_deref(), Some("repository:a/b:pull,push"));
        assert_eq!(c.error.as_deref(), Some("insufficient_scope"));
    }

    #[test]
    fn prefers_bearer_among_several_and_handles_basic() {
        let c = parse_www_authenticate(r#"Basic realm="Registry", Bearer realm="https://x/token",service="x""#).unwrap();
        assert_eq!(c.realm.as_deref(), Some("https://x/token"));
        let b = parse_www_authenticate(r#"Basic realm="Registry Realm""#).unwrap();
        assert!(!b.is_bearer());
        assert_eq!(b.realm.as_deref(), Some("Registry Realm"));
        assert_eq!(parse_www_authenticate("  "), None);
    }

    #[test]
    fn a_token68_before_the_bearer_challenge_does_not_hide_it() {
        let c = parse_www_authenticate(r#"Negotiate YIIGzAYJKoZIhvcSAQICAQBugg==, Bearer realm="https://x/oauth2/token",service="x""#).unwrap();
        assert!(c.is_bearer());
        assert_eq!(c.realm.as_deref(), Some("https://x/oauth2/token"));
        assert_eq!(c.service.as_deref(), Some("x"));
    }
}
