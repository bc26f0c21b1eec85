//! A one-pass JSON walker that reports every string value with its key path and its byte range in
//! the input. serde_json's `Value` keeps no positions, and the decoder must say *where* a token sat;
//! this also never recurses (an explicit stack, capped like serde_json's), so hostile nesting cannot
//! overflow the stack, and it is linear in the input.

use std::borrow::Cow;
use std::ops::Range;

/// The same limit serde_json applies; deeper input is treated as not-JSON (then scanned as text).
const MAX_DEPTH: usize = 128;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    /// A value was read: `,` or the closing bracket may follow.
    Next,
}

enum Frame<'a> {
    Object { key: Option<&'a str>, expect: Expect },
    Array { index: usize, expect: Expect },
}

impl Frame<'_> {
    fn expect(&self) -> Expect {
        match self {
            Frame::Object { expect, .. } | Frame::Array { expect, .. } => *expect,
        }
    }
}

/// Calls `visit(key, content, path)` for every string value (not keys), where `content` is the
/// byte range between the quotes and `path()` builds `auths.host.auth` / `[0].value` on demand.
/// Returns `false` if `text` is not one well-formed JSON value (visits made so far are then moot).
/// Lenient only where it costs nothing: trailing commas are accepted, scalars are not validated.
pub(crate) fn visit_strings<'a>(
    text: &'a str,
    mut visit: impl FnMut(Option<&'a str>, Range<usize>, &dyn Fn() -> String),
) -> bool {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut stack: Vec<Frame<'a>> = Vec::new();
    let mut root_done = false;
    loop {
        while i < n && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if i == n {
            break;
        }
        if root_done {
            return false;
        }
        let expect = stack.last().map_or(Expect::Value, Frame::expect);
        match b[i] {
            b'}' | b']' => {
                let closes = match stack.pop() {
                    Some(Frame::Object { expect, .. }) => b[i] == b'}' && matches!(expect, Expect::Key | Expect::Next),
                    Some(Frame::Array { expect, .. }) => b[i] == b']' && matches!(expect, Expect::Value | Expect::Next),
                    None => false,
                };
                if !closes {
                    return false;
                }
                i += 1;
                root_done = stack.is_empty();
            }
            b':' => {
                match stack.last_mut() {
                    Some(Frame::Object { expect: e @ Expect::Colon, .. }) => *e = Expect::Value,
                    _ => return false,
                }
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { key, expect: e @ Expect::Next }) => {
                        *key = None;
                        *e = Expect::Key;
                    }
                    Some(Frame::Array { index, expect: e @ Expect::Next }) => {
                        *index += 1;
                        *e = Expect::Value;
                    }
                    _ => return false,
                }
                i += 1;
            }
            b'"' => {
                if !matches!(expect, Expect::Key | Expect::Value) {
                    return false;
                }
                let start = i + 1;
                let mut j = start;
                loop {
                    j += b.get(j..).map_or(0, plain_run);
                    if j >= n {
                        return false;
                    }
                    match b[j] {
                        b'\\' => j += 2,
                        b'"' => break,
                        c if c < 0x20 => return false,
                        _ => j += 1,
                    }
                }
                i = j + 1;
                if expect == Expect::Key {
                    if let Some(Frame::Object { key, expect }) = stack.last_mut() {
                        *key = Some(&text[start..j]);
                        *expect = Expect::Colon;
                    }
                } else {
                    let key = match stack.last() {
                        Some(Frame::Object { key, .. }) => *key,
                        _ => None,
                    };
                    visit(key, start..j, &|| path_of(&stack));
                    value_done(&mut stack, &mut root_done);
                }
            }
            c => {
                if expect != Expect::Value {
                    return false;
                }
                if c == b'{' || c == b'[' {
                    if stack.len() >= MAX_DEPTH {
                        return false;
                    }
                    // The parent sees the container as its value now; it is complete when popped.
                    value_done(&mut stack, &mut root_done);
                    root_done = false;
                    stack.push(if c == b'{' {
                        Frame::Object { key: None, expect: Expect::Key }
                    } else {
                        Frame::Array { index: 0, expect: Expect::Value }
                    });
                    i += 1;
                    continue;
                }
                if !(c == b'-' || c.is_ascii_digit() || matches!(c, b't' | b'f' | b'n')) {
                    return false;
                }
                while i < n && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b':') {
                    i += 1;
                }
                value_done(&mut stack, &mut root_done);
            }
        }
    }
    root_done && stack.is_empty()
}

/// How many leading bytes of `b`, counted in blocks of eight, need no look inside a string (not a
/// quote, a backslash or a control character). A token in a JSON paste is 1-2 KB of such bytes:
/// skipping them a block at a time rather than byte by byte took ~1% off decodeToken for an
/// `az acr login --expose-token` paste in the wasm, and more for larger pastes.
fn plain_run(b: &[u8]) -> usize {
    let (blocks, _) = b.as_chunks::<8>();
    8 * blocks.iter().take_while(|c| c.iter().fold(true, |ok, &x| ok & STRING_PLAIN[x as usize])).count()
}

static STRING_PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = false;
        i += 1;
    }
    t[b'"' as usize] = false;
    t[b'\\' as usize] = false;
    t
};

fn value_done(stack: &mut [Frame<'_>], root_done: &mut bool) {
    match stack.last_mut() {
        Some(Frame::Object { expect, .. } | Frame::Array { expect, .. }) => *expect = Expect::Next,
        None => *root_done = true,
    }
}

fn path_of(stack: &[Frame<'_>]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index, .. } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// Decodes a JSON string's content (between the quotes). Invalid escapes are kept verbatim and lone
/// surrogates become U+FFFD: this is a best effort for display, not a validator.
pub(crate) fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let unit = u32::from_str_radix(&hex, 16).ok();
                let code = match unit {
                    Some(hi @ 0xD800..=0xDBFF) => {
                        let rest = chars.as_str();
                        let lo = rest.strip_prefix("\\u").and_then(|r| r.get(..4)).and_then(|h| u32::from_str_radix(h, 16).ok());
                        match lo {
                            Some(lo @ 0xDC00..=0xDFFF) => {
                                chars = rest[6..].chars();
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            }
                            _ => 0xFFFD,
                        }
                    }
                    Some(u) => u,
                    None => 0xFFFD,
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(other) => out.push(other), // \" \\ \/ and anything unknown
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Option<Vec<(String, String)>> {
        let mut out = Vec::new();
        visit_strings(text, |_, r, path| out.push((path(), text[r].to_owned()))).then_some(out)
    }

    #[test]
    fn reports_paths_and_exact_ranges() {
        let s = strings(r#" {"auths": {"r.azurecr.io": {"auth": "dXNlcjpwYXNz", "n": 1}}, "a": [true, "x", {"v": "y"}], "e": ""} "#).unwrap();
        assert_eq!(
            s,
            vec![
                ("auths.r.azurecr.io.auth".into(), "dXNlcjpwYXNz".into()),
                ("a[1]".into(), "x".into()),
                ("a[2].v".into(), "y".into()),
                ("e".into(), "".into()),
            ]
        );
        assert_eq!(strings(r#""lone""#).unwrap(), vec![(String::new(), "lone".into())]);
        assert_eq!(strings(r#"{"k": "a\"b"}"#).unwrap()[0].1, r#"a\"b"#);
    }

    #[test]
    fn rejects_what_is_not_one_json_value() {
        for bad in [r#"{"a": 1"#, r#"{"a" 1}"#, r#"{"a": 1 "b": 2}"#, "[1 2]", r#"{"a": 1,, "b": 2}"#, r#"["a" "b"]"#, "[1]]", r#"{"a"}"#, "[1] [2]", "[2024-01-01] error: x", r#"{"a": "x}"#, "{1: 2}", "]", r#"{"a": "\"#, "{\"a\": \"\u{1}\"}"] {
            assert!(strings(bad).is_none(), "{bad}");
        }
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(strings(&deep).is_none());
        let ok = "[".repeat(100) + &"]".repeat(100);
        assert!(strings(&ok).is_some());
    }

    #[test]
    fn quotes_and_escapes_are_seen_at_every_offset_of_a_block() {
        for len in 0..20 {
            let plain = "a".repeat(len);
            assert_eq!(strings(&format!(r#"{{"k": "{plain}"}}"#)).unwrap()[0].1, plain);
            assert_eq!(strings(&format!(r#"{{"k": "{plain}\"x"}}"#)).unwrap()[0].1, format!(r#"{plain}\"x"#));
            assert!(strings(&format!("{{\"k\": \"{plain}\u{1}\"}}")).is_none(), "control character after {len}");
            assert!(strings(&format!(r#"{{"k": "{plain}"#)).is_none(), "unterminated after {len}");
        }
    }

    #[test]
    fn unescapes_like_json() {
        assert_eq!(unescape(r"a\/b\n\u00e9\ud83d\ude00\u0041"), "a/b\né😀A");
        assert_eq!(unescape(r"\ud83d"), "\u{FFFD}");
        assert_eq!(unescape(r"\uzz"), "\u{FFFD}");
        assert_eq!(unescape("plain"), "plain");
        assert_eq!(unescape("\\"), "\\");
    }
}
