//! Finds the tokens in whatever was pasted, and says where each came from.
//!
//! Forms understood: a bare JWT; `Bearer <jwt>`; any JSON holding tokens in string values (token
//! responses, `az acr login --expose-token`, GitHub's `{"value"}`); a docker `config.json`, or one of
//! its `auths` entries, whose `auth` is base64(`user:password`) with a token as the password, or
//! whose `identitytoken` is one; such a config base64-encoded (a Kubernetes `.dockerconfigjson`, in
//! `kubectl get secret` YAML or JSON, or alone); free text with tokens anywhere (log lines, headers,
//! form bodies).
//!
//! Everything here is one forward pass over the input (JSON mode: one more), with bounded look-back,
//! so a 10 MB paste costs linear time whatever it contains.

use std::borrow::Cow;
use std::ops::Range;

use super::json_scan::{unescape, visit_strings};
use crate::b64;

/// One token-shaped string and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate<'a> {
    pub text: Cow<'a, str>,
    /// `bare`, `bearer`, `json:<path>`, `docker-config:<path>`, `param:<name>`, `text`.
    pub source: String,
    /// Byte range in the input: the token itself when `literal`, else the value that encodes it.
    pub bytes: Range<usize>,
    pub literal: bool,
}

/// What the paste contained besides tokens, for the "nothing found" hint.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PasteFacts {
    /// A docker config that keeps its credentials in a helper (`credsStore` / `credHelpers`).
    pub docker_creds_helper: bool,
    /// A docker `auth` entry whose password is not a token (a registry password or secret).
    pub docker_password: bool,
}

pub(crate) fn find_candidates(input: &str) -> (Vec<Candidate<'_>>, PasteFacts) {
    let mut facts = PasteFacts::default();
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return (Vec::new(), facts);
    }
    let lead = input.len() - input.trim_start().len();
    if trimmed.starts_with(['{', '[', '"']) {
        if let Some(found) = from_json(input, &mut facts) {
            return (found, facts);
        }
    }
    if is_bare_token(trimmed) {
        if !trimmed.as_bytes().contains(&b'.') {
            // Just the value of a Kubernetes `.dockerconfigjson`?
            let inner = encoded_docker_config(input, lead..lead + trimmed.len(), &mut facts);
            if !inner.is_empty() {
                return (inner, facts);
            }
        }
        let c = Candidate { text: Cow::Borrowed(trimmed), source: "bare".into(), bytes: lead..lead + trimmed.len(), literal: true };
        return (vec![c], facts);
    }
    let mut out = Vec::new();
    for hit in scan(input, 0..input.len(), false) {
        match hit {
            Hit::Token(r) => out.push(Candidate {
                text: Cow::Borrowed(&input[r.clone()]),
                source: context_source(input.as_bytes(), r.start),
                bytes: r,
                literal: true,
            }),
            Hit::Base64Json(r) => out.extend(encoded_docker_config(input, r, &mut facts)),
        }
    }
    (out, facts)
}

/// Below this, a base64 word cannot hold `{"auths":{"h":{"auth":"..."}}}` with a token in it.
const MIN_ENCODED_CONFIG: usize = 40;

/// A docker config.json base64-encoded in one word (Kubernetes `.dockerconfigjson` in `kubectl get
/// secret -o yaml`, CI variables): its tokens, located at the encoded word. Nesting is possible but
/// each level is a quarter shorter than the one around it, so the total work stays linear.
fn encoded_docker_config(input: &str, word: Range<usize>, facts: &mut PasteFacts) -> Vec<Candidate<'static>> {
    if word.len() < MIN_ENCODED_CONFIG {
        return Vec::new();
    }
    let raw = input[word.clone()].trim_end_matches('=');
    let Some(decoded) = b64::decode(raw, false)
        .or_else(|_| b64::decode(raw, true))
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|d| d.contains("\"auths\"") || d.contains("\"auth\""))
    else {
        return Vec::new();
    };
    let mut inner = PasteFacts::default();
    let Some(found) = from_json(&decoded, &mut inner) else { return Vec::new() };
    facts.docker_creds_helper |= inner.docker_creds_helper;
    facts.docker_password |= inner.docker_password;
    found
        .into_iter()
        .map(|c| Candidate { text: Cow::Owned(c.text.into_owned()), source: c.source, bytes: word.clone(), literal: false })
        .collect()
}

/// The whole paste is one token-ish word: JWT characters only, starting like base64 of `{`.
/// Kept even when it does not decode, because the person clearly meant it as a token.
fn is_bare_token(s: &str) -> bool {
    let b = s.as_bytes();
    // Eight bytes per branch: this reads every byte of a pasted token, and byte by byte it was 3% of
    // decodeToken in the wasm.
    let (chunks, rest) = b.as_chunks::<8>();
    (b.starts_with(b"ey") || b.starts_with(b"ew"))
        && chunks.iter().all(|c| c.iter().fold(true, |ok, &x| ok & TOKEN_BYTES[x as usize]))
        && rest.iter().all(|&x| TOKEN_BYTES[x as usize])
}

/// The bytes a pasted token is made of: base64url, the dots between segments, `=` padding.
static TOKEN_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'=');
        i += 1;
    }
    t
};

#[inline]
fn is_jwt_char(b: u8) -> bool {
    b64::is_url_safe(b)
}

/// A JWT-shaped string, or a lone base64-JSON word (`eyJ...` without dots: not a token, but possibly
/// an encoded docker config such as a Kubernetes `.dockerconfigjson`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Hit {
    Token(Range<usize>),
    Base64Json(Range<usize>),
}

/// The JWT-shaped strings in `text[range]`: `eyJ` at a word start, then dot-separated base64url
/// segments. Three segments is a JWT, five a JWE, two with an `eyJ` payload a truncated JWT; all
/// are returned (so broken tokens get reported). A lone `eyJ...` word is base64 JSON, returned as
/// such (or as a token when `keep_single`: the caller knows the whole value is meant as a token).
fn scan(text: &str, range: Range<usize>, keep_single: bool) -> Vec<Hit> {
    let b = text.as_bytes();
    let end = range.end;
    let mut hits = Vec::new();
    let mut i = range.start;
    while i + 3 <= end {
        let Some(off) = text[i..end].find("eyJ") else { break };
        let p = i + off;
        if !is_token_start(b, p, range.start) {
            // "eyJ" cannot overlap itself, so the next occurrence starts at p + 3 or later.
            i = p + 3;
            continue;
        }
        let mut j = p;
        let mut segments: Vec<Range<usize>> = Vec::new();
        loop {
            let s = j;
            while j < end && is_jwt_char(b[j]) {
                j += 1;
            }
            while j < end && b[j] == b'=' {
                j += 1;
            }
            segments.push(s..j);
            if j < end && b[j] == b'.' {
                j += 1;
            } else {
                break;
            }
        }
        // A sentence-ending dot is not an empty fourth segment (an empty third one is `alg: none`).
        while segments.len() > 3 && segments.last().is_some_and(|s| s.is_empty()) {
            segments.pop();
        }
        if segments.len() == 2 && segments[1].is_empty() {
            segments.pop();
        }
        // Standard base64 (`+`, `/`) is never a JWT, but may be an encoded docker config: take the
        // whole word, so its inner "eyJ"s are not mistaken for token starts.
        if segments.len() == 1 && j < end && matches!(b[j], b'+' | b'/') {
            while j < end && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'+' | b'/' | b'=')) {
                j += 1;
            }
            hits.push(Hit::Base64Json(p..j));
            i = j;
            continue;
        }
        let token = p..segments.last().map_or(p, |s| s.end);
        let end_of_hit = token.end.max(p + 3);
        match segments.len() {
            1 if keep_single => hits.push(Hit::Token(token)),
            1 => hits.push(Hit::Base64Json(token)),
            2 if !text[segments[1].clone()].starts_with("eyJ") => {}
            _ => hits.push(Hit::Token(token)),
        }
        i = end_of_hit;
    }
    hits
}

/// `eyJ` starts a token only at a word boundary: not inside a longer base64 run, and not after a
/// dot (that is a payload whose header did not start with `eyJ`). `\n` / `\t` / `\r` escapes in
/// JSON text count as boundaries.
fn is_token_start(b: &[u8], p: usize, floor: usize) -> bool {
    if p == floor {
        return true;
    }
    let prev = b[p - 1];
    if matches!(prev, b'n' | b't' | b'r') && p >= floor + 2 && b[p - 2] == b'\\' {
        return true;
    }
    !(is_jwt_char(prev) || prev == b'.')
}

/// Names where a token in free text sits: `bearer` after `Bearer `, `json:<key>` after `"key": "`
/// (also JSON-in-a-string `\"key\":\"`), `param:<key>` after `key=`, else `text`. Looks back at
/// most 96 bytes.
fn context_source(b: &[u8], start: usize) -> String {
    let before = &b[start.saturating_sub(96)..start];
    let mut k = before.len();
    // `Bearer <jwt>`, any case, any run of blanks.
    let mut blanks = k;
    while blanks > 0 && matches!(before[blanks - 1], b' ' | b'\t') {
        blanks -= 1;
    }
    if blanks < k && blanks >= 6 && before[blanks - 6..blanks].eq_ignore_ascii_case(b"bearer")
        && (blanks == 6 || !before[blanks - 7].is_ascii_alphanumeric())
    {
        return "bearer".into();
    }
    // `"key": "<jwt>` or `\"key\":\"<jwt>`
    let eat = |k: &mut usize, c: u8| {
        if *k > 0 && before[*k - 1] == c {
            *k -= 1;
            true
        } else {
            false
        }
    };
    let blank = |k: &mut usize| {
        while *k > 0 && matches!(before[*k - 1], b' ' | b'\t') {
            *k -= 1;
        }
    };
    if eat(&mut k, b'"') {
        eat(&mut k, b'\\');
        blank(&mut k);
        if eat(&mut k, b':') {
            blank(&mut k);
            if eat(&mut k, b'"') {
                eat(&mut k, b'\\');
                let key_end = k;
                while k > 0 && (is_jwt_char(before[k - 1]) || before[k - 1] == b'.') {
                    k -= 1;
                }
                if k < key_end && eat(&mut k, b'"') {
                    return format!("json:{}", String::from_utf8_lossy(&before[k + 1..key_end]));
                }
            }
        }
        return "text".into();
    }
    if eat(&mut k, b'=') {
        let key_end = k;
        while k > 0 && is_jwt_char(before[k - 1]) {
            k -= 1;
        }
        if k < key_end {
            return format!("param:{}", String::from_utf8_lossy(&before[k..key_end]));
        }
    }
    "text".into()
}

/// JSON mode: tokens in string values, docker `auth` entries decoded. `None` if not JSON.
fn from_json<'a>(input: &'a str, facts: &mut PasteFacts) -> Option<Vec<Candidate<'a>>> {
    let mut out = Vec::new();
    let mut local = PasteFacts::default();
    let ok = visit_strings(input, |key, content, path| {
        let raw = &input[content.clone()];
        match key {
            Some("auth") => {
                let Some(password) = docker_auth_password(&unescape(raw)) else { return };
                let found: Vec<Range<usize>> = scan(&password, 0..password.len(), true)
                    .into_iter()
                    .filter_map(|h| match h {
                        Hit::Token(r) => Some(r),
                        Hit::Base64Json(_) => None,
                    })
                    .collect();
                if found.is_empty() {
                    local.docker_password = true;
                }
                for hit in found {
                    out.push(Candidate {
                        text: Cow::Owned(password[hit].to_owned()),
                        source: format!("docker-config:{}", path()),
                        bytes: content.clone(),
                        literal: false,
                    });
                }
            }
            Some("credsStore" | "credHelpers") => local.docker_creds_helper = true,
            _ => {
                // (A bare token has no `\\`, so no escape to undo.)
                let whole_value = is_bare_token(raw) && (raw.as_bytes().contains(&b'.') || raw.len() < MIN_ENCODED_CONFIG);
                let hits = if whole_value { vec![Hit::Token(content.clone())] } else { scan(input, content.clone(), false) };
                let docker = matches!(key, Some("identitytoken" | "registrytoken"));
                let prefix = |p: &str| if docker || p.starts_with("auths.") { "docker-config" } else { "json" };
                for hit in hits {
                    match hit {
                        Hit::Token(r) => {
                            let p = path();
                            let source = if p.is_empty() { prefix(&p).to_owned() } else { format!("{}:{p}", prefix(&p)) };
                            out.push(Candidate { text: Cow::Borrowed(&input[r.clone()]), source, bytes: r, literal: true });
                        }
                        // `kubectl get secret -o json`: `".dockerconfigjson": "eyJhdXRocyI6..."`.
                        Hit::Base64Json(r) => {
                            let inner = encoded_docker_config(input, r.clone(), &mut local);
                            if inner.is_empty() && r == content && key.is_some_and(names_a_token) {
                                // A token field holding one dot-less part: a broken token, report it.
                                let p = path();
                                let source = if p.is_empty() { prefix(&p).to_owned() } else { format!("{}:{p}", prefix(&p)) };
                                out.push(Candidate { text: Cow::Borrowed(&input[r.clone()]), source, bytes: r, literal: true });
                            }
                            out.extend(inner);
                        }
                    }
                }
            }
        }
    });
    // credHelpers is an object, not a string: catch it by key text once the walk succeeded.
    if ok {
        local.docker_creds_helper |= input.contains("\"credHelpers\"");
        *facts = local;
        Some(out)
    } else {
        None
    }
}

/// JSON keys under which a value is meant to be a token.
fn names_a_token(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("token") || k.contains("assertion") || k.contains("jwt") || k == "value"
}

/// The password of a docker `auth` value, base64(`user:password`).
fn docker_auth_password(value: &str) -> Option<String> {
    // Standard alphabet, padding optional (docker and Kubernetes both write it; people trim it).
    let bytes = b64::decode(value.trim(), false).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (_, password) = text.split_once(':')?;
    Some(password.trim().to_owned())
}

/// Converts increasing byte offsets into UTF-16 offsets in one pass (restarting if asked to go back).
pub(crate) struct Utf16Cursor<'a> {
    bytes: &'a [u8],
    /// All ASCII (the common case): offsets are the same in both encodings.
    ascii: bool,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Utf16Cursor { bytes: text.as_bytes(), ascii: text.is_ascii(), byte: 0, unit: 0 }
    }

    /// `pos` must be a char boundary.
    pub(crate) fn at(&mut self, pos: usize) -> usize {
        if self.ascii {
            return pos;
        }
        if pos < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        for &b in &self.bytes[self.byte..pos] {
            // One unit per char start; four-byte chars (>= U+10000) take a surrogate pair.
            if b & 0xC0 != 0x80 {
                self.unit += 1 + usize::from(b >= 0xF0);
            }
        }
        self.byte = pos;
        self.unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;

    // Shape only: these strings are JWT-shaped, not decodable tokens (extract does not decode).
    const T: &str = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln";

    fn found(input: &str) -> Vec<(String, String)> {
        find_candidates(input).0.into_iter().map(|c| (c.source, c.text.into_owned())).collect()
    }

    #[test]
    fn bare_and_bearer() {
        assert_eq!(found(&format!("  {T}\n")), vec![("bare".into(), T.into())]);
        assert_eq!(found(&format!("Authorization: Bearer {T}")), vec![("bearer".into(), T.into())]);
        assert_eq!(found(&format!("authorization: bearer\t{T}")), vec![("bearer".into(), T.into())]);
        assert_eq!(found(&format!("xbearer {T}")), vec![("text".into(), T.into())]);
        // Broken bare pastes are kept, so they can be reported.
        assert_eq!(found("eyJhbGciOiJSUzI1NiJ9").len(), 1);
        assert_eq!(found("eyJ").len(), 1);
    }

    #[test]
    fn json_forms_name_their_key() {
        let az = format!(r#"{{"accessToken": "{T}", "loginServer": "contoso.azurecr.io"}}"#);
        assert_eq!(found(&az), vec![("json:accessToken".into(), T.into())]);
        let entra = format!(r#"{{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{T}"}}"#);
        assert_eq!(found(&entra), vec![("json:access_token".into(), T.into())]);
        assert_eq!(found(&format!(r#"{{"value":"{T}"}}"#)), vec![("json:value".into(), T.into())]);
        assert_eq!(found(&format!(r#"[{{"refresh_token":"{T}"}}]"#)), vec![("json:[0].refresh_token".into(), T.into())]);
        assert_eq!(found(&format!(r#"{{"headers":{{"Authorization":"Bearer {T}"}}}}"#)), vec![("json:headers.Authorization".into(), T.into())]);
    }

    #[test]
    fn docker_config_auth_and_identitytoken() {
        let auth = STANDARD.encode(format!("00000000-0000-0000-0000-000000000000:{T}"));
        let cfg = format!(r#"{{"auths":{{"contoso.azurecr.io":{{"auth":"{auth}"}},"x.azurecr.io":{{"identitytoken":"{T}"}}}}}}"#);
        let (c, facts) = find_candidates(&cfg);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].source, "docker-config:auths.contoso.azurecr.io.auth");
        assert!(!c[0].literal);
        assert_eq!(&cfg[c[0].bytes.clone()], auth);
        assert_eq!(c[0].text, T);
        assert_eq!(c[1].source, "docker-config:auths.x.azurecr.io.identitytoken");
        assert!(c[1].literal);
        assert_eq!(facts, PasteFacts::default());
        // One entry on its own, unpadded base64.
        let entry = format!(r#"{{"auth":"{}"}}"#, auth.trim_end_matches('='));
        assert_eq!(found(&entry), vec![("docker-config:auth".into(), T.into())]);
        // A password that is not a token, and a credential helper.
        let cfg = format!(r#"{{"auths":{{"r":{{"auth":"{}"}}}},"credsStore":"desktop"}}"#, STANDARD.encode("admin:hunter2"));
        let (c, facts) = find_candidates(&cfg);
        assert!(c.is_empty());
        assert!(facts.docker_password && facts.docker_creds_helper);
    }

    #[test]
    fn base64_encoded_docker_configs() {
        let auth = STANDARD.encode(format!("00000000-0000-0000-0000-000000000000:{T}"));
        let config = STANDARD.encode(format!(r#"{{"auths":{{"myregistry.azurecr.io":{{"username":"00000000-0000-0000-0000-000000000000","email":"ci???@x>>>","auth":"{auth}"}}}}}}"#));
        assert!(config.contains('/') && config.contains('+'), "the fixture must exercise standard base64");
        // kubectl get secret acr-pull -o yaml
        let yaml = format!("apiVersion: v1\ndata:\n  .dockerconfigjson: {config}\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\n");
        let (c, _) = find_candidates(&yaml);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].source.as_str(), c[0].text.as_ref(), c[0].literal), ("docker-config:auths.myregistry.azurecr.io.auth", T, false));
        assert_eq!(&yaml[c[0].bytes.clone()], config);
        // kubectl get secret acr-pull -o json
        let json = format!(r#"{{"apiVersion":"v1","data":{{".dockerconfigjson":"{config}"}},"kind":"Secret"}}"#);
        assert_eq!(found(&json), vec![("docker-config:auths.myregistry.azurecr.io.auth".into(), T.into())]);
        // The value alone, in the URL-safe alphabet some tools use.
        let alone = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(STANDARD.decode(&config).unwrap());
        assert_eq!(found(&alone), vec![("docker-config:auths.myregistry.azurecr.io.auth".into(), T.into())]);
        // Other base64 JSON is neither a config nor a token, unless it sits in a token field.
        let other = STANDARD.encode(r#"{"some":"configuration that is long enough"}"#);
        assert!(found(&format!(r#"{{"data":{{"settings.json":"{other}"}}}}"#)).is_empty());
        assert_eq!(found(&format!(r#"{{"access_token":"{other}"}}"#)).len(), 1);
    }

    #[test]
    fn free_text_finds_every_token_with_context() {
        let log = format!(
            "2024-05-01T10:00:00.000Z ##[debug]token={T}&x=1\n{{\"access_token\": \"{T}x\"}} and \\\"id_token\\\":\\\"{T}y\\\"\nsee {T}z."
        );
        let f = found(&log);
        assert_eq!(f.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(), ["param:token", "json:access_token", "json:id_token", "text"]);
        assert_eq!(f[3].1, format!("{T}z"));
    }

    #[test]
    fn a_bare_token_has_no_foreign_byte_anywhere() {
        assert!(is_bare_token(T));
        for i in 2..T.len() {
            let mut bad = T.to_owned();
            bad.replace_range(i..i + 1, "*");
            assert!(!is_bare_token(&bad), "byte {i}");
        }
    }

    #[test]
    fn ignores_what_is_not_a_token() {
        assert!(found("hello world 1.2.3").is_empty());
        // Base64 JSON without dots (a k8s secret value), a payload-looking run after a dot, mid-word eyJ.
        assert!(found("data: eyJhdXRocyI6e319 and abc.eyJhIjoxfQ.eyJhIjoxfQ and xeyJhIjoxfQ.eyJhIjoxfQ.x").is_empty());
        // "eyJ" then a non-payload second part is not a truncated token.
        assert!(found("see eyJhIjoxfQ.txt now").is_empty());
    }

    #[test]
    fn truncated_and_jwe_are_kept() {
        assert_eq!(found("x eyJhbGciOiJSUzI1NiJ9.eyJpc3Mi y").len(), 1);
        let jwe = "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d";
        assert_eq!(found(&format!("x {jwe} y")), vec![("text".into(), jwe.into())]);
    }

    #[test]
    fn utf16_cursor_counts_surrogate_pairs() {
        let s = "é😀a";
        let mut c = Utf16Cursor::new(s);
        assert_eq!(c.at(2), 1);
        assert_eq!(c.at(6), 3);
        assert_eq!(c.at(7), 4);
        assert_eq!(c.at(0), 0);
        assert_eq!(c.at(7), 4);
    }

    #[test]
    fn stays_linear_on_hostile_input() {
        // 4 MB of "eyJ" with and without boundaries, and one 1 MB segment.
        let many = "eyJ.".repeat(1_000_000);
        let text = format!("x {many}");
        let (c, _) = find_candidates(&text);
        assert_eq!(c.len(), 1);
        let words = "eyJ eyJ.eyJ ".repeat(300_000);
        let (c, _) = find_candidates(&words);
        assert_eq!(c.len(), 300_000);
        let long = format!("x eyJ{}.eyJ{}.s", "A".repeat(1 << 20), "B".repeat(10));
        assert_eq!(find_candidates(&long).0.len(), 1);
    }
}
