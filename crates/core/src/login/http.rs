//! The HTTP vocabulary between the machine and its host: plain data, no I/O.

use serde::{Deserialize, Serialize};

/// Identifies one request the machine asked for; the host hands it back with the outcome.
pub type RequestId = u64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request for the host to perform. Headers and body carry credentials, so `Debug` shows
/// only the method, URL (which never holds a secret) and header names.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub id: RequestId,
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// `application/x-www-form-urlencoded` when present.
    pub body: Option<String>,
    /// The host aborts the request after this long and reports [`TransportErrorKind::Timeout`].
    pub timeout_ms: u64,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Decoded form fields of the body (tests and the emulator read requests this way).
    pub fn form(&self) -> Vec<(String, String)> {
        self.body.as_deref().map(parse_form).unwrap_or_default()
    }
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        let fields: Vec<String> = self.form().into_iter().map(|(k, _)| k).collect();
        f.debug_struct("HttpRequest")
            .field("id", &self.id)
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &names)
            .field("form_fields", &fields)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// What came back. Bodies may hold tokens, so `Debug` shows only status and length.
#[derive(Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HttpResponse {
    pub status: u16,
    /// Header names in any case; the machine compares case-insensitively.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        HttpResponse { status, headers: Vec::new(), body: body.into() }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl std::fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Why no response arrived. The host maps its error (Node: `err.cause.code`) to one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TransportErrorKind {
    /// The name did not resolve (ENOTFOUND, EAI_AGAIN).
    Dns,
    /// TLS handshake or certificate verification failed.
    Tls,
    /// ECONNREFUSED.
    ConnectionRefused,
    /// ECONNRESET, socket closed mid-response, truncated body.
    ConnectionReset,
    /// The per-request timeout fired (AbortController) or ETIMEDOUT.
    Timeout,
    /// The proxy refused (407) or could not be reached.
    Proxy,
    Other,
}

impl TransportErrorKind {
    /// Worth another attempt: a blip, not a misconfiguration that will fail identically.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            TransportErrorKind::ConnectionReset | TransportErrorKind::Timeout | TransportErrorKind::ConnectionRefused | TransportErrorKind::Other
        )
    }

    /// Maps a host's error (JS `name` and `message`, Node's `err.cause.code` folded into the
    /// message by the host's fetch) to a kind. Unknown texts are [`TransportErrorKind::Other`].
    pub fn from_error_text(name: &str, message: &str) -> TransportErrorKind {
        let m = message.to_ascii_uppercase();
        let has = |needles: &[&str]| needles.iter().any(|n| m.contains(n));
        if name == "AbortError" || name == "TimeoutError" || has(&["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "TIMED OUT", "TIMEOUT"]) {
            TransportErrorKind::Timeout
        } else if has(&["PROXY", " 407", "PROXYCONNECT"]) {
            TransportErrorKind::Proxy
        } else if has(&["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "GETADDRINFO", "NO SUCH HOST"]) {
            TransportErrorKind::Dns
        } else if has(&["CERT", "SSL", "TLS", "X509", "SELF_SIGNED", "SELF-SIGNED", "UNABLE_TO_VERIFY", "UNABLE_TO_GET_ISSUER", "HANDSHAKE"]) {
            TransportErrorKind::Tls
        } else if has(&["ECONNREFUSED", "CONNECTION REFUSED"]) {
            TransportErrorKind::ConnectionRefused
        } else if has(&["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "OTHER SIDE CLOSED", "TERMINATED", "SOCKET HANG UP", "ECONNABORTED", "PREMATURE CLOSE"]) {
            TransportErrorKind::ConnectionReset
        } else {
            TransportErrorKind::Other
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            TransportErrorKind::Dns => "the name did not resolve",
            TransportErrorKind::Tls => "the TLS connection failed",
            TransportErrorKind::ConnectionRefused => "the connection was refused",
            TransportErrorKind::ConnectionReset => "the connection was reset",
            TransportErrorKind::Timeout => "no response before the timeout",
            TransportErrorKind::Proxy => "the proxy refused the connection",
            TransportErrorKind::Other => "the request failed",
        }
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters; valid both in a query string
/// and in a form body (where `+` and `%20` mean the same).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from_digit((b >> 4) as u32, 16).unwrap().to_ascii_uppercase());
            out.push(char::from_digit((b & 15) as u32, 16).unwrap().to_ascii_uppercase());
        }
    }
    out
}

pub fn form_body(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

pub fn decode(value: &str) -> String {
    let b = value.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == b'%' && i + 2 < b.len())
            .then(|| std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()))
            .flatten();
        match (b[i], hex) {
            (_, Some(v)) => {
                out.push(v);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (c, _) => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn parse_form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// `Retry-After` as milliseconds from `now_ms`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
pub fn retry_after_ms(value: &str, now_ms: i64) -> Option<u64> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(secs.saturating_mul(1000));
    }
    // Fractions are not in the grammar; reading them would pull float parsing into the wasm.
    if let Some((whole, _)) = v.split_once('.') {
        if let Ok(secs) = whole.parse::<u64>() {
            return Some(secs.saturating_mul(1000));
        }
    }
    let at = parse_http_date(v)?;
    Some((at * 1000 - now_ms).max(0) as u64)
}

/// IMF-fixdate only (`Sun, 06 Nov 1994 08:49:37 GMT`), the form every current server sends.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let rest = s.split_once(", ")?.1;
    let parts: Vec<&str> = rest.split_whitespace().collect();
    if parts.len() != 5 || parts[4] != "GMT" {
        return None;
    }
    // Each field within its range, so the arithmetic below cannot overflow on a hostile header.
    let day: i64 = parts[0].parse().ok().filter(|d| (1..=31).contains(d))?;
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == parts[1])? as i64 + 1;
    let year: i64 = parts[2].parse().ok().filter(|y| (1..=9999).contains(y))?;
    let hms: Vec<i64> = parts[3].split(':').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    if hms.len() != 3 || !(0..24).contains(&hms[0]) || !(0..60).contains(&hms[1]) || !(0..61).contains(&hms[2]) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86400 + hms[0] * 3600 + hms[1] * 60 + hms[2])
}

/// Howard Hinnant's algorithm: days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// `1.5 s` for 1500 ms, without float formatting (which would cost the wasm ~20 KB).
pub fn seconds_label(ms: u64) -> String {
    format!("{}.{} s", ms / 1000, ms % 1000 / 100)
}

/// `2024-01-02T03:04:05Z` for a Unix time.
pub fn iso8601(secs: i64) -> String {
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let z = days + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// The origin (`scheme://host[:port]`) of an absolute URL.
pub fn origin(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let end = url[scheme_end..].find(['/', '?', '#']).map(|i| scheme_end + i).unwrap_or(url.len());
    (end > scheme_end).then(|| &url[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component_but_stricter() {
        assert_eq!(encode("api://AzureADTokenExchange"), "api%3A%2F%2FAzureADTokenExchange");
        assert_eq!(encode("repository:a/b:pull,push"), "repository%3Aa%2Fb%3Apull%2Cpush");
        assert_eq!(encode("a b+c~"), "a%20b%2Bc~");
        assert_eq!(decode("a%20b+c%2B%zz"), "a b c+%zz");
    }

    #[test]
    fn form_round_trips() {
        let body = form_body(&[("grant_type", "access_token"), ("service", "r.azurecr.io"), ("x", "a=b&c")]);
        assert_eq!(
            parse_form(&body),
            vec![
                ("grant_type".into(), "access_token".into()),
                ("service".into(), "r.azurecr.io".into()),
                ("x".into(), "a=b&c".into())
            ]
        );
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(retry_after_ms("3", 0), Some(3000));
        assert_eq!(retry_after_ms(" 0 ", 0), Some(0));
        assert_eq!(retry_after_ms("1.5", 0), Some(1000));
        // 784111777 = Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's own example).
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_770_000), Some(7000));
        assert_eq!(retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_790_000), Some(0));
        assert_eq!(retry_after_ms("soon", 0), None);
    }

    #[test]
    fn a_hostile_retry_after_date_is_not_read() {
        // Out-of-range fields from a server must not overflow the arithmetic (a panic in a debug
        // build, a wrapped delay in a release one).
        for v in [
            "Sun, 06 Nov 9223372036854775807 08:49:37 GMT",
            "Sun, 9223372036854775807 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 9223372036854775807:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:-9223372036854775808 GMT",
            "Sun, 06 Nov -9223372036854775808 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(v), None, "{v}");
            assert_eq!(retry_after_ms(v, 784_111_770_000), None, "{v}");
        }
        assert_eq!(retry_after_ms("18446744073709551615", 0), Some(u64::MAX));
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(784111777), "1994-11-06T08:49:37Z");
        assert_eq!(iso8601(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn node_fetch_errors_map_to_kinds() {
        let k = TransportErrorKind::from_error_text;
        assert_eq!(k("TypeError", "fetch failed: ENOTFOUND: getaddrinfo ENOTFOUND myacr.azurecr.io"), TransportErrorKind::Dns);
        assert_eq!(k("TypeError", "fetch failed: SELF_SIGNED_CERT_IN_CHAIN: self-signed certificate in certificate chain"), TransportErrorKind::Tls);
        assert_eq!(k("TypeError", "fetch failed: UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate"), TransportErrorKind::Tls);
        assert_eq!(k("TypeError", "fetch failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1"), TransportErrorKind::ConnectionRefused);
        assert_eq!(k("TypeError", "fetch failed: UND_ERR_SOCKET: other side closed"), TransportErrorKind::ConnectionReset);
        assert_eq!(k("TypeError", "terminated"), TransportErrorKind::ConnectionReset);
        assert_eq!(k("AbortError", "This operation was aborted"), TransportErrorKind::Timeout);
        assert_eq!(k("TypeError", "fetch failed: proxy responded 407 Proxy Authentication Required"), TransportErrorKind::Proxy);
        assert_eq!(k("TypeError", "fetch failed"), TransportErrorKind::Other);
    }

    #[test]
    fn origins() {
        assert_eq!(origin("https://r.azurecr.io/oauth2/token"), Some("https://r.azurecr.io"));
        assert_eq!(origin("https://127.0.0.1:8443/oauth2/token?x"), Some("https://127.0.0.1:8443"));
        assert_eq!(origin("https://h"), Some("https://h"));
        assert_eq!(origin("nope"), None);
    }

    #[test]
    fn debug_hides_headers_and_bodies() {
        let r = HttpRequest {
            id: 1,
            method: Method::Post,
            url: "https://x/oauth2/exchange".into(),
            headers: vec![("Authorization".into(), "Bearer tok-secret".into())],
            body: Some(form_body(&[("access_token", "tok-secret")])),
            timeout_ms: 1,
        };
        let dbg = format!("{r:?}");
        assert!(!dbg.contains("tok-secret"), "{dbg}");
        assert!(dbg.contains("access_token") && dbg.contains("Authorization"));
        let resp = HttpResponse::new(200, r#"{"refresh_token":"tok-secret"}"#);
        assert!(!format!("{resp:?}").contains("tok-secret"));
    }
}
