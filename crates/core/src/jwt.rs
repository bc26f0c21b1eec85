//! Structural JWT decoding (RFC 7519 compact serialisation): header, claims and where each of the
//! three segments sits in the input. No signature check: that needs keys and network, and this crate
//! has neither. What the token *means* is `token`'s job.

use std::cmp::Ordering;
use std::ops::Range;

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
    let (header, claims, signature_bytes, spans) = decode_jwt_objects(text)?;
    Ok(DecodedJwt { header: header.into_map(), claims: claims.into_map(), signature_bytes, spans })
}

/// [`decode_jwt`] with header and claims as [`JwtObject`]s: the same acceptance, errors and JSON
/// when serialised, without building a `serde_json::Value` per member (what decodeToken needs).
pub(crate) fn decode_jwt_objects(text: &str) -> Result<(JwtObject, JwtObject, usize, SegmentSpans), JwtError> {
    let object = |part, segment| JwtObject::parse(decode_b64(part, segment)?, segment);
    let trimmed_start = text.len() - text.trim_start().len();
    let token = text.trim();
    if token.is_empty() {
        return Err(JwtError::Empty);
    }
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(JwtError::SegmentCount { found: token.split('.').count() });
    };
    let header = object(h, Segment::Header)?;
    let claims = object(p, Segment::Payload)?;
    // Only its length is reported: validated and counted, not decoded.
    let signature_bytes = crate::b64::decoded_len(s.trim_end_matches('='), true).map_err(|e| JwtError::Base64 {
        segment: Segment::Signature.name(),
        detail: e.to_string(),
    })?;

    // Offsets in UTF-16 units: the prefix may hold any text; the token itself is ASCII.
    let base = utf16_len(&text[..trimmed_start]);
    let h_end = base + h.len();
    let p_end = h_end + 1 + p.len();
    let s_end = p_end + 1 + s.len();
    let spans = SegmentSpans {
        header: Span { start: base, end: h_end },
        payload: Span { start: h_end + 1, end: p_end },
        signature: Span { start: p_end + 1, end: s_end },
    };
    Ok((header, claims, signature_bytes, spans))
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

fn parse_map(bytes: &[u8], segment: Segment) -> Result<Map<String, Value>, JwtError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(JwtError::NotObject { segment: segment.name() }),
        Err(e) => Err(JwtError::Json { segment: segment.name(), detail: e.to_string() }),
    }
}

/// A JSON object decoded from a JWT segment: its members sorted by key and deduplicated (last one
/// wins), exactly as serde_json's `Map` holds them, and serialised to the same JSON. Strings
/// without escapes, integers and literals stay in the decoded text rather than becoming
/// `serde_json::Value`s: building a `Map` (two allocations and a B-tree insert per member, then
/// dropping it all) was a fifth of decodeToken's time in the wasm, and most of its allocations.
#[derive(Debug, Clone, PartialEq)]
pub struct JwtObject(Repr);

#[derive(Debug, Clone, PartialEq)]
enum Repr {
    /// Read here: `members` sorted by key, their values in `text` (the decoded segment) where they can be.
    Scanned { text: String, members: Vec<Member> },
    /// What serde_json parsed, for the objects this reader leaves to it.
    Parsed(Map<String, Value>),
}

impl Default for JwtObject {
    fn default() -> Self {
        JwtObject(Repr::Parsed(Map::new()))
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Member {
    /// The key's first 8 bytes, big-endian and zero-padded: orders and finds most keys without
    /// comparing strings (a key holds no NUL, so the padding sorts like the end of the key).
    prefix: u64,
    key: Range<usize>,
    value: Slot,
}

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    /// A string without escapes: its content in `text`.
    Str(Range<usize>),
    /// An integer of at most 18 digits: serde_json reads it as an integer and prints it back alike.
    Int(i64),
    Bool(bool),
    Null,
    /// Anything else (nested values, escaped strings, other numbers), as serde_json reads it.
    Value(Value),
}

/// A member's value, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Claim<'a> {
    Str(&'a str),
    Int(i64),
    Bool(bool),
    Null,
    /// Anything else; also every value of an object that serde_json parsed, so readers handle a
    /// string, a number or a bool in here too.
    Value(&'a Value),
}

impl<'a> Claim<'a> {
    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            Claim::Str(s) => Some(s),
            Claim::Value(v) => v.as_str(),
            _ => None,
        }
    }
}

// The loops below index slices one element at a time, on purpose: at opt-level "z" (the wasm)
// range indexing, `Vec` indexing and iterator adaptors stay function calls, and these run for
// every member of every token.

/// `b[i]`, or NUL past the end (NUL is never a byte the scanner looks for).
#[inline(always)]
fn at(b: &[u8], i: usize) -> u8 {
    if i < b.len() {
        b[i]
    } else {
        0
    }
}

#[inline(always)]
fn key_prefix(key: &[u8]) -> u64 {
    if let Some(first) = key.as_chunks::<8>().0.first() {
        return u64::from_be_bytes(*first);
    }
    let mut p = 0u64;
    let mut i = 0;
    while i < 8 {
        p = p << 8 | if i < key.len() { u64::from(key[i]) } else { 0 };
        i += 1;
    }
    p
}

/// Orders members like `str`'s `Ord` on their keys (see [`Member::prefix`]).
#[inline(always)]
fn key_order(text: &[u8], a: &Member, b_prefix: u64, b_key: &[u8]) -> Ordering {
    match a.prefix.cmp(&b_prefix) {
        Ordering::Equal => text[a.key.clone()].cmp(b_key),
        unequal => unequal,
    }
}

/// Where `key` is, or would be inserted, in members sorted by key.
fn find(members: &[Member], text: &[u8], prefix: u64, key: &[u8]) -> Result<usize, usize> {
    let (mut lo, mut hi) = (0, members.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match key_order(text, &members[mid], prefix, key) {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            Ordering::Equal => return Ok(mid),
        }
    }
    Err(lo)
}

/// Deeper values go to serde_json with the whole segment, which then applies its own nesting limit
/// (128, counting the segment's object) and error.
const MAX_NESTED_BRACKETS: usize = 100;

impl JwtObject {
    /// The member `key`, if present.
    pub(crate) fn get(&self, key: &str) -> Option<Claim<'_>> {
        let (text, members) = match &self.0 {
            Repr::Scanned { text, members } => (text, members.as_slice()),
            Repr::Parsed(map) => return map.get(key).map(Claim::Value),
        };
        let i = find(members, text.as_bytes(), key_prefix(key.as_bytes()), key.as_bytes()).ok()?;
        Some(match &members[i].value {
            Slot::Str(r) => Claim::Str(&text[r.clone()]),
            Slot::Int(n) => Claim::Int(*n),
            Slot::Bool(b) => Claim::Bool(*b),
            Slot::Null => Claim::Null,
            Slot::Value(v) => Claim::Value(v),
        })
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Scanned { members, .. } => members.len(),
            Repr::Parsed(map) => map.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The members as serde_json's `Map` (what [`decode_jwt`] returns).
    pub fn into_map(self) -> Map<String, Value> {
        let (text, members) = match self.0 {
            Repr::Scanned { text, members } => (text, members),
            Repr::Parsed(map) => return map,
        };
        let mut map = Map::new();
        for m in members {
            let value = match m.value {
                Slot::Str(r) => Value::String(text[r].to_owned()),
                Slot::Int(n) => Value::from(n),
                Slot::Bool(b) => Value::Bool(b),
                Slot::Null => Value::Null,
                Slot::Value(v) => v,
            };
            map.insert(text[m.key].to_owned(), value);
        }
        map
    }

    /// The object in `bytes`, accepted and refused exactly as `serde_json::from_slice` would: the
    /// common shapes are read here, and whatever this is unsure of is handed to serde_json.
    fn parse(bytes: Vec<u8>, segment: Segment) -> Result<JwtObject, JwtError> {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => return parse_map(e.as_bytes(), segment).map(JwtObject::from),
        };
        match scan_members(&text) {
            Some(members) => Ok(JwtObject(Repr::Scanned { text, members })),
            None => parse_map(text.as_bytes(), segment).map(JwtObject::from),
        }
    }
}

impl From<Map<String, Value>> for JwtObject {
    fn from(map: Map<String, Value>) -> Self {
        JwtObject(Repr::Parsed(map))
    }
}

impl Serialize for JwtObject {
    /// As serde_json serialises the `Map` it would have parsed.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (text, members) = match &self.0 {
            Repr::Scanned { text, members } => (text, members),
            Repr::Parsed(map) => return map.serialize(serializer),
        };
        let mut map = serializer.serialize_map(Some(members.len()))?;
        for m in members {
            map.serialize_key(&text[m.key.clone()])?;
            match &m.value {
                Slot::Str(r) => map.serialize_value(&text[r.clone()])?,
                Slot::Int(n) => map.serialize_value(n)?,
                Slot::Bool(b) => map.serialize_value(b)?,
                Slot::Null => map.serialize_value(&())?,
                Slot::Value(v) => map.serialize_value(v)?,
            }
        }
        map.end()
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Length of the run of string bytes that need no look (not `"`, `\\`, or a control character):
/// eight bytes at a time, then one by one.
fn plain_len(b: &[u8]) -> usize {
    let (blocks, _) = b.as_chunks::<8>();
    let mut i = 0;
    while i < blocks.len() && !special_in(u64::from_le_bytes(blocks[i])) {
        i += 1;
    }
    i *= 8;
    while i < b.len() && !matches!(b[i], b'"' | b'\\' | 0..=0x1f) {
        i += 1;
    }
    i
}

/// Whether any of eight bytes is `"`, `\\` or a control character (exact: each test is the classic
/// "has a byte below n" / "has a zero byte" bit trick).
#[inline(always)]
fn special_in(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    (x.wrapping_sub(ONES * 0x20) & !x & HIGH | zero_byte(x ^ (ONES * 0x22)) | zero_byte(x ^ (ONES * 0x5c))) != 0
}

/// The members of the object that is all of `t`, sorted and deduplicated like serde_json's `Map`;
/// `None` when `t` is not one, or holds something (an escaped key, deep nesting) serde_json
/// should judge.
fn scan_members(t: &str) -> Option<Vec<Member>> {
    let b = t.as_bytes();
    let mut i = skip_ws(b, 0);
    if at(b, i) != b'{' {
        return None;
    }
    let mut members: Vec<Member> = Vec::with_capacity(32);
    i = skip_ws(b, i + 1);
    if at(b, i) == b'}' {
        i += 1;
    } else {
        loop {
            if at(b, i) != b'"' {
                return None;
            }
            let key = i + 1..i + 1 + plain_len(&b[i + 1..]);
            if at(b, key.end) != b'"' {
                return None;
            }
            i = skip_ws(b, key.end + 1);
            if at(b, i) != b':' {
                return None;
            }
            let (value, end) = scan_value(t, skip_ws(b, i + 1))?;
            // Kept sorted as they come, a later duplicate replacing the earlier (`Map::insert`).
            let prefix = key_prefix(&b[key.clone()]);
            match find(&members, b, prefix, &b[key.clone()]) {
                Ok(at) => members[at].value = value,
                Err(at) => members.insert(at, Member { prefix, key, value }),
            }
            i = skip_ws(b, end);
            match at(b, i) {
                b',' => i = skip_ws(b, i + 1),
                b'}' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_ws(b, i) == b.len()).then_some(members)
}

/// The value starting at `i` and where it ends.
fn scan_value(t: &str, i: usize) -> Option<(Slot, usize)> {
    let b = t.as_bytes();
    match *b.get(i)? {
        b'"' => {
            let end = i + 1 + plain_len(&b[i + 1..]);
            if at(b, end) == b'"' {
                return Some((Slot::Str(i + 1..end), end + 1));
            }
            // Escapes: serde_json decodes them (and refuses bad ones).
            let (end, _) = skip_value(b, i)?;
            Some((Slot::Value(json_value(t.get(i..end)?)?), end))
        }
        b'{' | b'[' => {
            let (end, brackets) = skip_value(b, i)?;
            if brackets > MAX_NESTED_BRACKETS {
                return None;
            }
            Some((Slot::Value(json_value(&t[i..end])?), end))
        }
        b'-' | b'0'..=b'9' => {
            let mut end = i;
            while end < b.len() && matches!(b[end], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                end += 1;
            }
            // An integer of at most 18 digits always fits an i64. `-0` is a float to serde_json and
            // `01` an error: both go to serde_json.
            let negative = b[i] == b'-';
            let first = i + usize::from(negative);
            let (mut n, mut k) = (0i64, first);
            let mut plain = end > first && end - first <= 18 && (b[first] != b'0' || (end - first == 1 && !negative));
            while plain && k < end {
                plain = b[k].is_ascii_digit();
                n = n * 10 + i64::from(b[k] & 0xf);
                k += 1;
            }
            if plain {
                Some((Slot::Int(if negative { -n } else { n }), end))
            } else {
                Some((Slot::Value(json_value(&t[i..end])?), end))
            }
        }
        b't' if b[i..].starts_with(b"true") => Some((Slot::Bool(true), i + 4)),
        b'f' if b[i..].starts_with(b"false") => Some((Slot::Bool(false), i + 5)),
        b'n' if b[i..].starts_with(b"null") => Some((Slot::Null, i + 4)),
        _ => None,
    }
}

/// The end of the string, object or array starting at `i`, and how many brackets it opens. Only
/// finds where serde_json should look: it checks nothing but the strings' control characters.
fn skip_value(b: &[u8], mut j: usize) -> Option<(usize, usize)> {
    let (mut depth, mut brackets) = (0usize, 0usize);
    loop {
        match *b.get(j)? {
            b'{' | b'[' => {
                depth += 1;
                brackets += 1;
            }
            b'}' | b']' => depth = depth.checked_sub(1)?,
            b'"' => loop {
                j += 1;
                j += b.get(j..).map_or(0, plain_len);
                match *b.get(j)? {
                    b'\\' => j += 1,
                    b'"' => break,
                    _ => return None,
                }
            },
            _ => {}
        }
        j += 1;
        if depth == 0 {
            return Some((j, brackets));
        }
    }
}

/// One value as serde_json reads it; not inlined, so its parser is instantiated once here.
#[inline(never)]
fn json_value(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
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

    /// Both readings of a segment: ours, and serde_json's `Map` (what `decode_jwt` returns).
    fn both(payload: &[u8]) -> (Result<String, JwtError>, Result<String, JwtError>) {
        let ours = JwtObject::parse(payload.to_vec(), Segment::Payload).map(|o| {
            let map = o.clone().into_map();
            assert_eq!(o.len(), map.len());
            // Every member is found, and reads as serde_json's value.
            for (k, v) in &map {
                let found = o.get(k).unwrap_or_else(|| panic!("{k:?} not found"));
                let same = match found {
                    Claim::Str(s) => v.as_str() == Some(s),
                    Claim::Int(n) => v.as_i64() == Some(n),
                    Claim::Bool(b) => v.as_bool() == Some(b),
                    Claim::Null => v.is_null(),
                    Claim::Value(x) => x == v,
                };
                assert!(same, "{k:?}: {found:?} vs {v:?}");
            }
            assert!(o.get("\u{1}absent").is_none());
            let json = serde_json::to_string(&o).unwrap();
            assert_eq!(json, serde_json::to_string(&map).unwrap());
            json
        });
        let theirs = parse_map(payload, Segment::Payload).map(|m| serde_json::to_string(&m).unwrap());
        (ours, theirs)
    }

    #[test]
    fn objects_read_like_serde_json_maps() {
        let deep = |n: usize| format!(r#"{{"a":{}{}}}"#, "[".repeat(n), "]".repeat(n));
        let mut cases: Vec<String> = [
            "{}", " { } ", r#"{"a":1,}"#, r#"{"a":1 "b":2}"#, r#"{"b":1,"a":2,"b":3,"a":"x"}"#, r#"{"\u0061":1,"a":2}"#,
            r#"{"k":"a\u0062c","k2":"x\/y","k3":"l\nb","k4":"\ud83d\ude00","k5":"\ud83d"}"#,
            r#"{"k":"a\u0062c","k2":"x\/y","k3":"l\nb","k4":"\ud83d\ude00"}"#,
            r#"{"n":-0}"#, r#"{"x":01}"#, r#"{"x":-}"#, r#"{"x":1.}"#, r#"{"x":.5}"#, r#"{"x":+1}"#, r#"{"x":1e}"#,
            r#"{"m":0,"o":-1,"p":18446744073709551615,"q":18446744073709551616,"r":9223372036854775807,"s":-9223372036854775808,"t":-9223372036854775809,"u":1.5,"v":1e3,"w":1.7e9,"y":999999999999999999,"z":-999999999999999999}"#,
            r#"{"w":1E400}"#, r#"{"t":true,"f":false,"z":null}"#, r#"{"t":tru}"#, r#"{"t":truex}"#, r#"{"t":nul}"#,
            r#"{"aud":["a","b",1,null],"access":[{"type":"repository","name":"x","actions":["pull"]}],"p":{"b":[],"a":{}}}"#,
            r#"{"o":{"b":1,"a":{"d":[1,2,{"z":1,"y":2}],"c":"\u00e9 ] } \" ["}}}"#, r#"{"o":{"a":1]}"#, r#"{"o":[1,2}"#, r#"{"o":[1,2"#,
            "{\"s\":\"é😀\"}", "{\"s\":\"a\u{1}\"}", "{\"s\u{1}\":1}", r#"{"s":"a\"b\\c"}"#, r#"{"s":"a\x"}"#, r#"{"s":"\"#,
            "[1]", r#""x""#, "1", r#"{"a":1} x"#, "{\"a\":1}\n\t ", "\u{feff}{\"a\":1}", r#"{"a":1}}"#, r#"{"a""#, "{", "",
            r#"{"a" : 1 , "b" :\n"x" }"#, r#"{"":"empty","é":1,"a b":2,"aaaaaaaa1":1,"aaaaaaaa":2,"aaaaaaaa0":3,"aaaaaaa":4}"#,
            r#"{"repository_owner":"o","repository_owner_id":"1","repository":"o/r","repository_id":"2","ref":"x","ref_type":"y"}"#,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cases.extend([deep(98), deep(99), deep(100), deep(101), deep(126), deep(127), deep(128), deep(129)]);
        for case in &cases {
            let (ours, theirs) = both(case.as_bytes());
            assert_eq!(ours, theirs, "{case}");
        }
        let (ours, theirs) = both(b"{\"a\":\"\xff\"}");
        assert_eq!(ours, theirs);

        // Mutations of real-shaped payloads: whatever the bytes, the two readings agree.
        let seeds = [
            r#"{"jti":"0e6f","sub":"repo:o/r:ref:refs/heads/main","aud":"api://AzureADTokenExchange","ref":"refs/heads/main","exp":1763000240,"iat":1762999940,"nbf":1762999340,"run_attempt":"1","head_ref":""}"#,
            r#"{"aud":["https://management.azure.com/"],"iss":"https://sts.windows.net/t/","exp":1.7e9,"roles":[],"access":[{"type":"repository","name":"a/b","actions":["pull","push"]}],"permissions":{"actions":["read"],"notActions":[]},"x":null,"y":true,"z":"\u00e9\n"}"#,
        ];
        let alphabet = b"{}[]\",:\\ 0-1.eEtrufalsn\"ab\\u00";
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let mut fast = 0;
        for round in 0..20_000 {
            let mut bytes = seeds[round % seeds.len()].as_bytes().to_vec();
            for _ in 0..1 + next(3) {
                let at = next(bytes.len());
                match next(3) {
                    0 => {
                        bytes.remove(at);
                    }
                    1 => bytes.insert(at, alphabet[next(alphabet.len())]),
                    _ => bytes[at] = alphabet[next(alphabet.len())],
                }
            }
            let (ours, theirs) = both(&bytes);
            assert_eq!(ours, theirs, "{}", String::from_utf8_lossy(&bytes));
            fast += usize::from(std::str::from_utf8(&bytes).ok().and_then(scan_members).is_some());
        }
        // The mutations exercise the fast path, not only serde_json's.
        assert!(fast > 2_000, "{fast}");
    }

    #[test]
    fn the_common_shapes_stay_in_the_text() {
        let o = JwtObject::parse(br#"{"iss":"x","exp":17,"ok":true,"aud":["a"],"n":null}"#.to_vec(), Segment::Payload).unwrap();
        let Repr::Scanned { members, .. } = &o.0 else { panic!("left to serde_json") };
        assert!(matches!(members[..], [Member { value: Slot::Value(_), .. }, Member { value: Slot::Int(17), .. }, Member { value: Slot::Str(_), .. }, Member { value: Slot::Null, .. }, Member { value: Slot::Bool(true), .. }]));
        assert_eq!(o.get("iss"), Some(Claim::Str("x")));
    }

    #[test]
    fn unsecured_token_has_empty_signature() {
        let t = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64("{}"));
        assert_eq!(decode_jwt(&t).unwrap().signature_bytes, 0);
    }
}
