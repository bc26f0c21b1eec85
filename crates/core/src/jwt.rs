//! Structural JWT decoding (RFC 7519 compact serialisation): header, claims and where each of the
//! three segments sits in the input. No signature check: that needs keys and network, and this crate
//! has neither. What the token *means* is `token`'s job.

use serde::Serialize;
use serde_json::{Map, Value};

/// One of the three dot-separated parts of a compact JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Segment {
    Header,
    Payload,
    Signature,
}

impl Segment {
    fn name(self) -> &'static str {
        match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        }
    }
}

/// Half-open range `[start, end)` in UTF-16 code units of the text passed in, so JS can slice and
/// highlight with it directly (a JWT is ASCII, but the text around it may not be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecodedJwt {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    /// Length in bytes of the decoded signature; 0 for an unsecured (`alg: none`) token.
    pub signature_bytes: usize,
    pub spans: SegmentSpans,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SegmentSpans {
    pub header: Span,
    pub payload: Span,
    pub signature: Span,
}

/// Why a text is not a decodable JWT. Each variant names the segment at fault and the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    /// Nothing but white space was given.
    #[error("the input is empty: paste a JWT (three base64url parts separated by dots)")]
    Empty,
    /// A compact JWT has exactly three parts; JWE (five parts) and fragments are not supported.
    #[error("a JWT has 3 dot-separated parts, this has {found}: check that the whole token was copied")]
    SegmentCount { found: usize },
    /// A segment holds a character outside the base64url alphabet, or has an impossible length.
    #[error("the {segment} is not valid base64url ({detail}): check for truncation or characters added while copying")]
    Base64 { segment: &'static str, detail: String },
    /// The header or payload decodes, but not to JSON.
    #[error("the {segment} is not JSON ({detail})")]
    Json { segment: &'static str, detail: String },
    /// The header or payload is JSON, but not a JSON object.
    #[error("the {segment} is JSON but not an object: a JWT {segment} must be {{...}}")]
    NotObject { segment: &'static str },
}

impl JwtError {
    /// Stable machine-readable code; JS callers switch on this, never on the message.
    pub fn code(&self) -> &'static str {
        match self {
            JwtError::Empty => "JWT_EMPTY",
            JwtError::SegmentCount { .. } => "JWT_SEGMENT_COUNT",
            JwtError::Base64 { .. } => "JWT_BASE64",
            JwtError::Json { .. } => "JWT_JSON",
            JwtError::NotObject { .. } => "JWT_NOT_OBJECT",
        }
    }

    /// Which segment the problem is in, when it is in one.
    pub fn segment(&self) -> Option<&'static str> {
        match self {
            JwtError::Base64 { segment, .. }
            | JwtError::Json { segment, .. }
            | JwtError::NotObject { segment } => Some(segment),
            _ => None,
        }
    }
}

/// Decodes a compact JWT. Surrounding white space is ignored; spans are relative to `text`.
pub fn decode_jwt(text: &str) -> Result<DecodedJwt, JwtError> {
    let trimmed_start = text.len() - text.trim_start().len();
    let token = text.trim();
    if token.is_empty() {
        return Err(JwtError::Empty);
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(JwtError::SegmentCount { found: parts.len() });
    }
    let header = decode_object(parts[0], Segment::Header)?;
    let claims = decode_object(parts[1], Segment::Payload)?;
    let signature_bytes = decode_b64(parts[2], Segment::Signature)?.len();

    // Offsets in UTF-16 units: the prefix may hold any text; the token itself is ASCII.
    let base = utf16_len(&text[..trimmed_start]);
    let h_end = base + parts[0].len();
    let p_end = h_end + 1 + parts[1].len();
    let s_end = p_end + 1 + parts[2].len();
    Ok(DecodedJwt {
        header,
        claims,
        signature_bytes,
        spans: SegmentSpans {
            header: Span { start: base, end: h_end },
            payload: Span { start: h_end + 1, end: p_end },
            signature: Span { start: p_end + 1, end: s_end },
        },
    })
}

pub(crate) fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn decode_b64(part: &str, segment: Segment) -> Result<Vec<u8>, JwtError> {
    // Some producers pad; RFC 7515 says they must not, but being strict here helps nobody.
    let part = part.trim_end_matches('=');
    crate::b64::decode(part, true).map_err(|e| JwtError::Base64 {
        segment: segment.name(),
        detail: e.to_string(),
    })
}

fn decode_object(part: &str, segment: Segment) -> Result<Map<String, Value>, JwtError> {
    let bytes = decode_b64(part, segment)?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(JwtError::NotObject { segment: segment.name() }),
        Err(e) => Err(JwtError::Json { segment: segment.name(), detail: e.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn jwt(header: &str, payload: &str) -> String {
        format!("{}.{}.{}", b64(header), b64(payload), b64("sig"))
    }

    #[test]
    fn decodes_header_claims_and_spans() {
        let t = jwt(r#"{"alg":"RS256","typ":"JWT"}"#, r#"{"iss":"https://token.actions.githubusercontent.com","exp":1}"#);
        // U+3000 is white space: one UTF-16 unit but three UTF-8 bytes, so spans must count UTF-16.
        let text = format!(" \u{3000}{t}\n");
        let d = decode_jwt(&text).unwrap();
        assert_eq!(d.header["alg"], "RS256");
        assert_eq!(d.claims["exp"], 1);
        assert_eq!(d.signature_bytes, 3);
        assert_eq!(d.spans.header.start, 2);
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let slice = |s: Span| String::from_utf16(&utf16[s.start..s.end]).unwrap();
        let parts: Vec<&str> = t.split('.').collect();
        assert_eq!(slice(d.spans.header), parts[0]);
        assert_eq!(slice(d.spans.payload), parts[1]);
        assert_eq!(slice(d.spans.signature), parts[2]);
    }

    #[test]
    fn names_the_faulty_segment() {
        assert_eq!(decode_jwt("   ").unwrap_err(), JwtError::Empty);
        assert_eq!(decode_jwt("a.b").unwrap_err(), JwtError::SegmentCount { found: 2 });
        let e = decode_jwt(&format!("{}.***.x", b64("{}"))).unwrap_err();
        assert_eq!((e.code(), e.segment()), ("JWT_BASE64", Some("payload")));
        let e = decode_jwt(&format!("{}.{}.x", b64("{"), b64("{}"))).unwrap_err();
        assert_eq!((e.code(), e.segment()), ("JWT_JSON", Some("header")));
        let e = decode_jwt(&format!("{}.{}.", b64("{}"), b64("[1]"))).unwrap_err();
        assert_eq!((e.code(), e.segment()), ("JWT_NOT_OBJECT", Some("payload")));
        assert!(e.to_string().contains("payload"));
    }

    #[test]
    fn unsecured_token_has_empty_signature() {
        let t = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64("{}"));
        assert_eq!(decode_jwt(&t).unwrap().signature_bytes, 0);
    }
}
