//! Where things are in a JSON text, so edits can touch one member and leave every other byte
//! (order, formatting, unknown keys, numbers serde would normalise) exactly as it was.
//! Only called on text `serde_json` has already accepted.

/// One `"key": value` of an object, as byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub key: String,
    pub key_start: usize,
    pub value_start: usize,
    pub value_end: usize,
}

/// Offsets of an object's braces and its members.
#[derive(Debug, Clone)]
pub struct Object {
    pub open: usize,
    pub close: usize,
    pub members: Vec<Member>,
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// End (exclusive) of the string starting at `i` (which is `"`).
fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The value of a JSON string literal (quotes included in `lit`). Hand-written rather than serde:
/// typed deserialisation costs the wasm its float-formatting error paths. Shares the token
/// module's unescaper (surrogate pairs joined, lone ones replaced).
pub fn unquote(lit: &str) -> String {
    let inner = lit.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(lit);
    crate::token::json_scan::unescape(inner).into_owned()
}

/// End (exclusive) of the value starting at `i`.
fn value_end(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => string_end(b, i),
        Some(b'{') | Some(b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            b.len()
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                j += 1;
            }
            j
        }
    }
}

/// The object whose `{` is at `open`.
pub fn object_at(text: &str, open: usize) -> Object {
    let b = text.as_bytes();
    let mut members = Vec::new();
    let mut i = skip_ws(b, open + 1);
    while i < b.len() && b[i] != b'}' {
        let key_start = i;
        let key_end = string_end(b, i);
        let key = unquote(&text[key_start..key_end]);
        i = skip_ws(b, key_end);
        i = skip_ws(b, i + 1); // the colon
        let value_start = i;
        let value_end = value_end(b, i);
        members.push(Member { key, key_start, value_start, value_end });
        i = skip_ws(b, value_end);
        if i < b.len() && b[i] == b',' {
            i = skip_ws(b, i + 1);
        }
    }
    Object { open, close: i, members }
}

/// The top-level object of a document.
pub fn root(text: &str) -> Object {
    object_at(text, skip_ws(text.as_bytes(), 0))
}

impl Object {
    /// The last member with this key (what every JSON reader, docker's included, keeps).
    pub fn get(&self, key: &str) -> Option<&Member> {
        self.members.iter().rev().find(|m| m.key == key)
    }
}

/// Leading white space of the line holding `pos`.
pub fn indent_of(text: &str, pos: usize) -> &str {
    let line_start = text[..pos].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = &text[line_start..pos];
    let n = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..n]
}

/// A JSON string literal (serde_json's serializer would bring float formatting into the wasm).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One level of the object's indentation (`\t`, 4 spaces, …), so what we add matches the file.
pub fn indent_unit(text: &str, obj: &Object) -> String {
    if let Some(m) = obj.members.first() {
        if text[obj.open..m.key_start].contains('\n') {
            let member = indent_of(text, m.key_start);
            if let Some(unit) = member.strip_prefix(indent_of(text, obj.close)) {
                if !unit.is_empty() {
                    return unit.to_string();
                }
            }
        }
    }
    "\t".to_string()
}

/// Text with `"key": value` added as the object's last member, in the object's own style.
pub fn insert_member(text: &str, obj: &Object, key: &str, value: &str) -> String {
    let key_json = quote(key);
    let multiline = text[obj.open..obj.close].contains('\n') || obj.members.is_empty();
    let close_indent = indent_of(text, obj.close).to_string();
    let unit = indent_unit(text, obj);
    let member_indent = match obj.members.last() {
        Some(m) => indent_of(text, m.key_start).to_string(),
        None => format!("{close_indent}{unit}"),
    };
    match obj.members.last() {
        Some(last) => {
            let sep = if multiline { format!(",\n{member_indent}") } else { ", ".to_string() };
            let value = reindent(value, &member_indent, &unit, multiline);
            format!("{}{sep}{key_json}: {value}{}", &text[..last.value_end], &text[last.value_end..])
        }
        None => {
            let value = reindent(value, &member_indent, &unit, true);
            format!("{}{{\n{member_indent}{key_json}: {value}\n{close_indent}}}{}", &text[..obj.open], &text[obj.close + 1..])
        }
    }
}

/// A value written with `\t` per level, placed at `indent`: levels become `unit`, lines shift.
fn reindent(value: &str, indent: &str, unit: &str, multiline: bool) -> String {
    if !multiline {
        return value.replace(['\n', '\t'], "").replace(",\"", ", \"");
    }
    value.replace('\t', unit).replace('\n', &format!("\n{indent}"))
}

/// Text with the member's value replaced by `value` exactly as given (e.g. a value restored from
/// this same file, already in its indentation).
pub fn replace_value_verbatim(text: &str, m: &Member, value: &str) -> String {
    format!("{}{}{}", &text[..m.value_start], value, &text[m.value_end..])
}

/// Text with the member's value replaced by a new value, indented to fit its object `obj`.
pub fn replace_value(text: &str, obj: &Object, m: &Member, value: &str) -> String {
    let indent = indent_of(text, m.key_start).to_string();
    let multiline = text[obj.open..obj.close].contains('\n');
    let unit = indent_unit(text, obj);
    format!("{}{}{}", &text[..m.value_start], reindent(value, &indent, &unit, multiline), &text[m.value_end..])
}

/// Text without the member (and the comma that tied it to its neighbours).
pub fn remove_member(text: &str, obj: &Object, key: &str) -> String {
    let Some(idx) = obj.members.iter().rposition(|m| m.key == key) else {
        return text.to_string();
    };
    let m = &obj.members[idx];
    if idx > 0 {
        let prev = &obj.members[idx - 1];
        format!("{}{}", &text[..prev.value_end], &text[m.value_end..])
    } else if let Some(next) = obj.members.get(idx + 1) {
        format!("{}{}", &text[..m.key_start], &text[next.key_start..])
    } else {
        format!("{}{{}}{}", &text[..obj.open], &text[obj.close + 1..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_members_across_nesting_strings_and_escapes() {
        let t = r#" { "a" : {"x":[1,{"}":"]"}]}, "b\"c":"v,}" ,"n": -1.5e3 } "#;
        let r = root(t);
        let keys: Vec<&str> = r.members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, vec!["a", "b\"c", "n"]);
        assert_eq!(&t[r.members[0].value_start..r.members[0].value_end], r#"{"x":[1,{"}":"]"}]}"#);
        assert_eq!(&t[r.members[2].value_start..r.members[2].value_end], "-1.5e3");
        assert_eq!(&t[r.close..r.close + 1], "}");
    }

    #[test]
    fn inserts_in_the_objects_style() {
        let t = "{\n\t\"auths\": {\n\t\t\"a.io\": {\n\t\t\t\"auth\": \"x\"\n\t\t}\n\t}\n}";
        let auths = object_at(t, root(t).get("auths").unwrap().value_start);
        let out = insert_member(t, &auths, "b.io", "{\n\t\"auth\": \"y\"\n}");
        assert_eq!(out, "{\n\t\"auths\": {\n\t\t\"a.io\": {\n\t\t\t\"auth\": \"x\"\n\t\t},\n\t\t\"b.io\": {\n\t\t\t\"auth\": \"y\"\n\t\t}\n\t}\n}");
        let compact = r#"{"auths":{"a.io":{}}}"#;
        let auths = object_at(compact, root(compact).get("auths").unwrap().value_start);
        assert_eq!(insert_member(compact, &auths, "b.io", "{\n\t\"auth\": \"y\"\n}"), r#"{"auths":{"a.io":{}, "b.io": {"auth": "y"}}}"#);
        let empty = "{\"auths\": {}}";
        let auths = object_at(empty, root(empty).get("auths").unwrap().value_start);
        assert_eq!(insert_member(empty, &auths, "b.io", "{}"), "{\"auths\": {\n\t\"b.io\": {}\n}}");
    }

    #[test]
    fn quotes_like_serde() {
        for s in ["plain", "q\"uote", "back\\slash", "tab\tnl\n\u{1}", "ünï", "😀"] {
            assert_eq!(quote(s), serde_json::to_string(s).unwrap());
            assert_eq!(unquote(&quote(s)), s);
        }
        assert_eq!(unquote(r#""a\/b\u00e9\ud83d\ude00""#), "a/bé😀");
    }

    #[test]
    fn removes_first_middle_last_and_only() {
        let t = r#"{"a":1, "b":2, "c":3}"#;
        let r = root(t);
        assert_eq!(remove_member(t, &r, "a"), r#"{"b":2, "c":3}"#);
        assert_eq!(remove_member(t, &r, "b"), r#"{"a":1, "c":3}"#);
        assert_eq!(remove_member(t, &r, "c"), r#"{"a":1, "b":2}"#);
        let one = "{\n  \"a\": 1\n}";
        assert_eq!(remove_member(one, &root(one), "a"), "{}");
    }
}
