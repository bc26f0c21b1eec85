//! The catalog's data format: the entries live in `data/<area>.txt`, compiled in (`data!` in
//! mod.rs) and parsed once, at the first `catalog::entries()` call; their example logs live apart,
//! in `examples/<area>.txt`, in the same format.
//!
//! Why text and not Rust statics: the size of the shipped wasm. As `&'static` struct statics,
//! every entry, pattern, step, example and docs list was a table of pointer/length pairs in the
//! wasm data section, about 16 KB of non-text bytes that gzip barely shrinks (~7 KB). Measured
//! on the same tree (wasm-opt -Oz, gzip -9): 214.2 KB gzip with the statics, 208.1 KB as text
//! (data section 67.7 -> 59.8 KB gzip; this parser adds ~1 KB gzip of code). The records are
//! built on the heap at first use and leaked, so the `&'static` API is unchanged, and every
//! string is a slice of the compiled-in text (no copy, except the few `<<< crlf` blocks).
//!
//! Why the examples are apart: they are test fixtures and documentation (the tests rank each first
//! as its own entry; the page and the npm API show them), never read by the action, and they were
//! the largest part of the data. `examples/<area>.txt` is compiled in only with the crate's
//! `examples` feature (on by default, and always in tests); crates/wasm turns it off, so the wasm's
//! entries have `examples: []`, and scripts/build.mjs writes the examples next to the wasm as
//! `pkg/catalog-examples.js` and `www/pkg/catalog-examples.js` (parsed by
//! scripts/lib/catalog-examples.mjs, which follows the block rules below exactly), which pkg/api.js
//! and www/analyse.js merge back, so `catalog()` and `explain(id)` give the same results as before.
//! Measured on the same tree (wasm-opt -Oz, gzip -9): 206.7 KB gzip with the examples, 194.2 KB
//! without (523.1 -> 475.9 KB raw); the generated module is 12.5 KB gzip, and the action bundle
//! does not carry it.
//!
//! # Format
//!
//! Line based, UTF-8, LF line ends (`.gitattributes` in `data/` and `examples/` keeps them LF on
//! every checkout). A record starts with `@@ <ID>` and holds `key: value` lines:
//!
//! ```text
//! # AL03x ... Shapes: reference §3 (ACR error strings) ...   <- data/acr.txt: the file's citations
//!
//! @@ AL030
//! category: missing-rbac-role
//! area: acr
//! title: The identity has no data-plane role on the registry (token exchange refused)
//! http: 401
//! root: Access to registry '{registry}' was denied. Response code: 401
//! cause: Entra issued a token, but ACR's /oauth2/exchange refused it: ...
//! sh: Grant pull (or AcrPush to push) to the identity the workflow logs in as:
//! code: az role assignment create --assignee <CLIENT_ID> --role AcrPull --scope ...
//! say: Just granted? Wait up to 10 minutes and re-run.
//! doc: https://learn.microsoft.com/azure/container-registry/container-registry-rbac-built-in-roles-overview
//!
//! # Example logs of the entries in ../data/acr.txt ...        <- examples/acr.txt
//!
//! @@ AL030
//! example: az acr login output (azure-cli _docker_utils.py, reference §2.2, §3)
//! <<<
//! 2024-06-03T09:20:11.1234567Z [command]/usr/bin/az acr login --name contosoacr
//! 2024-06-03T09:20:13.2346678Z Access to registry 'contosoacr.azurecr.io' was denied. ...
//! >>>
//! ```
//!
//! Keys (the fields of [`Entry`]): `category`, `area`, `title`, `cause`; optional `status: retired`
//! (the default is stable), `http: <status>`, `check-health: <CODE>`; and, in order, the lists:
//! patterns as `root:` / `likely:` / `consequence:` / `symptom:` (their [`Strength`]), fix steps
//! as `say: <text>` or `<lang>: <text>` (`sh`, `yaml`, `powershell`, `json`) followed by
//! `code: <code>`, `doc: <url>`, and `example: <source>` followed by a block with the example.
//! The examples go in `examples/<area>.txt`, not in `data/`: there a record is `@@ <ID>` (an entry
//! of `data/<area>.txt`, once) followed by its `example:` fields only, in their order (the tests
//! check this).
//!
//! - The value is the rest of the line after `: `, verbatim: no quoting, no escapes, so `"`, `\`
//!   and `{param}` are written exactly as they are matched or shown.
//! - `key:` with nothing after the colon takes its value from a block. A block is the lines
//!   between a `<<<` line and a `>>>` line, verbatim (`#` and blank lines included), joined with
//!   `\n` (no newline after the last line; an empty last line gives a trailing newline); a
//!   `<<< crlf` block joins them with `\r\n`, for logs captured from Windows tools. Multi-line
//!   values, values with leading or trailing blanks and empty values are blocks.
//! - `#` lines and blank lines between fields are comments. The comments that open a file (its
//!   source citations) are dropped at compile time and cost the wasm nothing; comments inside the
//!   file stay in the compiled text, so keep them to notes about one record.
//! - Shared texts (docs URLs, the `az role assignment` commands) are simply repeated where they
//!   are used: gzip removes the repeats, and each record reads on its own.
//! - The lists keep the order of their lines; other fields may come in any order (the test
//!   writer, `write`, uses the order above).
//!
//! Malformed data is a [`ParseError`] with its line number; the tests parse every data file and
//! check that no field line was lost, so `entries()` only asserts that the compiled-in data parses.

use super::{Entry, Example, Pattern, Status, Step, Strength};

/// Where and why a data file does not parse.
/// Only the tests read it: `entries()` just asserts that the compiled-in data parses.
#[cfg_attr(test, derive(Debug))]
#[cfg_attr(not(test), allow(dead_code))]
pub(super) struct ParseError {
    /// 1-based line in the data file.
    pub line: usize,
    pub message: &'static str,
}

/// The step keys that carry code; the key is the code's `lang`.
const LANGS: &[&str] = &["sh", "yaml", "powershell", "json"];

/// An entry while its record is read: the lists are collected, then leaked into `&'static`.
struct Draft {
    entry: Entry,
    patterns: Vec<Pattern>,
    fix: Vec<Step>,
    docs: Vec<&'static str>,
    examples: Vec<Example>,
}

impl Draft {
    fn finish(self) -> Entry {
        Entry {
            patterns: self.patterns.leak(),
            fix: self.fix.leak(),
            docs: self.docs.leak(),
            examples: self.examples.leak(),
            ..self.entry
        }
    }
}

/// Appends the entries of one data file to `out`, in file order.
pub(super) fn parse(text: &'static str, out: &mut Vec<Entry>) -> Result<(), ParseError> {
    let mut lines = text.split('\n').enumerate();
    let mut draft: Option<Draft> = None;
    while let Some((n, line)) = lines.next() {
        let fail = |message| ParseError { line: n + 1, message };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(id) = line.strip_prefix("@@ ") {
            if let Some(d) = draft.take() {
                out.push(d.finish());
            }
            let entry = Entry {
                id,
                category: "",
                status: Status::Stable,
                area: "",
                title: "",
                patterns: &[],
                cause: "",
                fix: &[],
                docs: &[],
                examples: &[],
                http_status: None,
                check_health_code: None,
            };
            draft = Some(Draft { entry, patterns: Vec::new(), fix: Vec::new(), docs: Vec::new(), examples: Vec::new() });
            continue;
        }
        let d = draft.as_mut().ok_or(fail("a field before the first `@@ ID` line"))?;
        let (key, rest) = line.split_once(':').ok_or(fail("expected `key: value`"))?;
        let value = match rest {
            "" => block(text, &mut lines, n)?,
            _ => rest.strip_prefix(' ').ok_or(fail("expected a space after `key:`"))?,
        };
        let strength = match key {
            "root" => Some(Strength::RootCause),
            "likely" => Some(Strength::LikelyCause),
            "consequence" => Some(Strength::Consequence),
            "symptom" => Some(Strength::Symptom),
            _ => None,
        };
        if let Some(strength) = strength {
            d.patterns.push(Pattern { text: value, strength });
            continue;
        }
        let e = &mut d.entry;
        match key {
            "category" => e.category = value,
            "area" => e.area = value,
            "title" => e.title = value,
            "cause" => e.cause = value,
            "status" if value == "retired" => e.status = Status::Retired,
            "http" => e.http_status = Some(value.parse().map_err(|_| fail("`http:` takes a status number"))?),
            "check-health" => e.check_health_code = Some(value),
            "doc" => d.docs.push(value),
            "say" => d.fix.push(Step { text: value, code: None, lang: None }),
            "code" => match d.fix.last_mut() {
                Some(s) if s.lang.is_some() && s.code.is_none() => s.code = Some(value),
                _ => return Err(fail("`code:` must follow a step with a language (sh:, yaml:...)")),
            },
            "example" => d.examples.push(Example { source: value, text: block(text, &mut lines, n)? }),
            _ => match LANGS.iter().find(|l| **l == key) {
                Some(lang) => d.fix.push(Step { text: value, code: None, lang: Some(lang) }),
                None => return Err(fail("unknown key (or a status other than `retired`)")),
            },
        }
    }
    if let Some(d) = draft {
        out.push(d.finish());
    }
    Ok(())
}

/// The block that follows line `n` (0-based): a slice of `text`, or for `<<< crlf` a leaked copy
/// with `\r\n` line ends.
fn block(
    text: &'static str,
    lines: &mut impl Iterator<Item = (usize, &'static str)>,
    n: usize,
) -> Result<&'static str, ParseError> {
    let crlf = match lines.next() {
        Some((_, "<<<")) => false,
        Some((_, "<<< crlf")) => true,
        _ => return Err(ParseError { line: n + 2, message: "expected a `<<<` line (a block)" }),
    };
    let mut start = None;
    for (_, line) in lines {
        let at = line.as_ptr() as usize - text.as_ptr() as usize;
        let start = *start.get_or_insert(at);
        if line == ">>>" {
            // Up to the newline before the closing line; an empty block is "".
            let body = &text[start..(at.max(start + 1) - 1)];
            return Ok(if crlf { body.replace('\n', "\r\n").leak() } else { body });
        }
    }
    Err(ParseError { line: n + 2, message: "a block without its closing `>>>` line" })
}

/// The length of the comment and blank lines that open a data file (its citations): `data!` in
/// mod.rs drops them at compile time, so they cost the wasm nothing.
pub(super) const fn header_len(text: &str) -> usize {
    let t = text.as_bytes();
    let mut i = 0;
    while i < t.len() && (t[i] == b'#' || t[i] == b'\n') {
        while i < t.len() && t[i] != b'\n' {
            i += 1;
        }
        i += 1;
    }
    if i < t.len() {
        i
    } else {
        t.len()
    }
}

/// The canonical text of `entries` (the converse of [`parse`]): the round-trip test uses it, and
/// it is how a bulk edit of the catalog can be written back (each record with its examples, which
/// [`parse`] reads too; move them to `examples/` again, as the tests require).
#[cfg(test)]
pub(super) fn write(entries: &[Entry]) -> String {
    fn block(out: &mut String, text: &str) {
        let body = text.replace("\r\n", "\n");
        assert!(!body.contains('\r'), "a text mixes \\r\\n and other line ends: {text:?}");
        assert!(!body.split('\n').any(|l| l == ">>>"), "a text contains a `>>>` line: {text:?}");
        out.push_str(if body.len() < text.len() { "<<< crlf\n" } else { "<<<\n" });
        out.push_str(&body);
        out.push_str("\n>>>\n");
    }
    fn field(out: &mut String, key: &str, value: &str) {
        if value.is_empty() || value.contains(['\n', '\r']) || value.trim() != value {
            out.push_str(&format!("{key}:\n"));
            block(out, value);
        } else {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    let mut out = String::new();
    for e in entries {
        out.push_str(&format!("\n@@ {}\n", e.id));
        field(&mut out, "category", e.category);
        field(&mut out, "area", e.area);
        field(&mut out, "title", e.title);
        if e.status == Status::Retired {
            field(&mut out, "status", "retired");
        }
        if let Some(h) = e.http_status {
            field(&mut out, "http", &h.to_string());
        }
        if let Some(c) = e.check_health_code {
            field(&mut out, "check-health", c);
        }
        for p in e.patterns {
            let key = match p.strength {
                Strength::RootCause => "root",
                Strength::LikelyCause => "likely",
                Strength::Consequence => "consequence",
                Strength::Symptom => "symptom",
            };
            field(&mut out, key, p.text);
        }
        field(&mut out, "cause", e.cause);
        for s in e.fix {
            field(&mut out, s.lang.unwrap_or("say"), s.text);
            if let Some(code) = s.code {
                field(&mut out, "code", code);
            }
        }
        for d in e.docs {
            field(&mut out, "doc", d);
        }
        for x in e.examples {
            field(&mut out, "example", x.source);
            block(&mut out, x.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(entries: &[Entry]) -> String {
        serde_json::to_string(entries).unwrap()
    }

    fn parsed(text: &'static str) -> Result<Vec<Entry>, ParseError> {
        let mut out = Vec::new();
        parse(text, &mut out).map(|()| out)
    }

    fn leak(s: &str) -> &'static str {
        s.to_string().leak()
    }

    #[test]
    fn parses_every_field_and_block_kind() {
        let text = leak(concat!(
            "# a comment\n\n@@ AL999\ncategory: other\narea: acr\ntitle: T \"q\" \\n\nstatus: retired\nhttp: 401\n",
            "check-health: CODE\nroot: a {registry} b\nlikely: l\nconsequence: c\nsymptom: s\ncause:\n<<<\n lead\n# kept\n\n>>>\n",
            "say: just say\nsh: run\ncode: az x\nyaml: wf\ncode:\n<<<\na:\n  b: c\n>>>\ndoc: https://d\n",
            "example: src\n<<< crlf\nx\ny\n\n>>>\nexample: empty\n<<<\n>>>\n@@ AL998\n",
        ));
        let e = parsed(text).unwrap();
        assert_eq!(e.len(), 2);
        let (a, b) = (&e[0], &e[1]);
        assert_eq!((a.id, a.category, a.area, a.title), ("AL999", "other", "acr", "T \"q\" \\n"));
        assert_eq!((a.status, a.http_status, a.check_health_code), (Status::Retired, Some(401), Some("CODE")));
        let p: Vec<_> = a.patterns.iter().map(|p| (p.text, p.strength)).collect();
        assert_eq!(p, [("a {registry} b", Strength::RootCause), ("l", Strength::LikelyCause), ("c", Strength::Consequence), ("s", Strength::Symptom)]);
        assert_eq!(a.cause, " lead\n# kept\n");
        let f: Vec<_> = a.fix.iter().map(|s| (s.text, s.code, s.lang)).collect();
        assert_eq!(f, [("just say", None, None), ("run", Some("az x"), Some("sh")), ("wf", Some("a:\n  b: c"), Some("yaml"))]);
        assert_eq!(a.docs, ["https://d"]);
        let x: Vec<_> = a.examples.iter().map(|x| (x.source, x.text)).collect();
        assert_eq!(x, [("src", "x\r\ny\r\n"), ("empty", "")]);
        assert_eq!((b.id, b.patterns.len(), b.category), ("AL998", 0, ""));
        // Single-line values are slices of the data, not copies.
        let range = text.as_bytes().as_ptr_range();
        assert!(range.contains(&a.title.as_ptr()) && range.contains(&a.fix[2].code.unwrap().as_ptr()));
    }

    #[test]
    fn malformed_data_names_its_line() {
        let cases: &[(&str, usize, &str)] = &[
            ("category: other\n", 1, "a field before"),
            ("@@ AL999\ncategory other\n", 2, "expected `key: value`"),
            ("@@ AL999\n\ncategory:other\n", 3, "expected a space"),
            ("@@ AL999\ncolour: red\n", 2, "unknown key"),
            ("@@ AL999\nstatus: stable\n", 2, "unknown key"),
            ("@@ AL999\nhttp: 40x\n", 2, "status number"),
            ("@@ AL999\ncode: az x\n", 2, "`code:` must follow"),
            ("@@ AL999\nsh: x\ncode: a\ncode: b\n", 4, "`code:` must follow"),
            ("@@ AL999\nexample: src\ntext\n", 3, "expected a `<<<`"),
            ("@@ AL999\ncause:\n", 3, "expected a `<<<`"),
            ("@@ AL999\nexample: src\n<<<\ntext\n", 3, "without its closing"),
        ];
        for (text, line, message) in cases {
            let err = parsed(leak(text)).err().unwrap_or_else(|| panic!("{text:?} parsed"));
            assert_eq!(err.line, *line, "{text:?}: {err:?}");
            assert!(err.message.contains(message), "{text:?}: {err:?}");
        }
    }

    /// Every data and examples file parses, and every field line of it ended up in an entry: a
    /// field repeated by mistake (a second `title:`) would silently replace the first, and is
    /// caught here. Reads the files themselves, so line numbers count the comments `data!` strips.
    #[test]
    fn every_data_file_parses_without_losing_a_field() {
        let files = super::super::DATA.iter().map(|f| ("data", f)).chain(super::super::EXAMPLES.iter().map(|f| ("examples", f)));
        for (dir, (name, compiled)) in files {
            let path = format!("{}/src/catalog/{dir}/{name}.txt", env!("CARGO_MANIFEST_DIR"));
            let text = leak(&std::fs::read_to_string(&path).unwrap());
            let entries = parsed(text).unwrap_or_else(|e| panic!("{path}:{}: {}", e.line, e.message));
            assert!(!text.contains('\r'), "{path} has CR bytes: keep LF line ends, use `<<< crlf`");
            assert!(text.ends_with(compiled) && text[..text.len() - compiled.len()].lines().all(|l| l.is_empty() || l.starts_with('#')));
            assert_eq!(json(&parsed(compiled).unwrap()), json(&entries), "{path}: the compiled text differs");
            let (mut in_block, mut lines) = (false, 0);
            for line in text.lines() {
                match line {
                    "<<<" | "<<< crlf" => in_block = true,
                    ">>>" => in_block = false,
                    _ if in_block || line.is_empty() || line.starts_with('#') => {}
                    _ => lines += 1,
                }
            }
            let fields: usize = entries
                .iter()
                .map(|e| {
                    let set = [e.category, e.area, e.title, e.cause].iter().filter(|v| !v.is_empty()).count();
                    let optional = [e.status == Status::Retired, e.http_status.is_some(), e.check_health_code.is_some()];
                    let codes = e.fix.iter().filter(|s| s.code.is_some()).count();
                    1 + set + optional.iter().filter(|o| **o).count() + e.patterns.len() + e.fix.len() + codes + e.docs.len() + e.examples.len()
                })
                .sum();
            assert_eq!(fields, lines, "{path}: {lines} field lines but {fields} fields parsed (a field given twice?)");
        }
    }

    #[test]
    fn the_header_is_the_opening_comment_and_blank_lines() {
        assert_eq!(header_len("# a\n\n#\n@@ AL001\n# b\n"), 7);
        assert_eq!(header_len("@@ AL001\n"), 0);
        assert_eq!(header_len("# only\n\n"), 8);
        assert_eq!(header_len("# no newline"), 12);
        assert_eq!(header_len(""), 0);
    }

    /// The writer and the parser agree on the whole catalog, so the format can hold every text it
    /// has (quotes, backslashes, CRLF logs, leading blanks) and bulk edits can be written back.
    #[test]
    fn the_catalog_round_trips_through_the_writer() {
        let all = super::super::entries();
        assert_eq!(json(&parsed(leak(&write(all))).unwrap()), json(all));
    }
}
