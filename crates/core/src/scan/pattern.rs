//! Catalog patterns compiled to a tiny matcher: literals (case-insensitive ASCII, a space matches a
//! run of blanks), `{param}` captures and `*` skips. No regex engine: the wasm size budget is tight
//! and these patterns never need more. Every search is bounded, so a match attempt costs at most a
//! few hundred bytes of work whatever the input.

use super::params::Param;

/// How far a capture or a skip may reach. Real values (subjects, URLs, messages between two
/// literals) are far shorter; the bound is what keeps a 1 MB single line linear.
pub(crate) const MAX_GAP: usize = 600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    /// Lower-cased literal bytes.
    Lit(Vec<u8>),
    Cap(Param),
    Skip,
}

/// Raw captured values, in pattern order.
pub(crate) type Captures<'t> = Vec<(Param, &'t [u8])>;

#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub parts: Vec<Part>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CompileError {
    UnknownParam(String),
    UnclosedBrace,
    NoLeadingLiteral,
    AdjacentGaps,
}

pub(crate) fn compile(text: &str) -> Result<Compiled, CompileError> {
    let mut parts = Vec::new();
    let mut lit = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                let close = text[i..].find('}').ok_or(CompileError::UnclosedBrace)? + i;
                let name = &text[i + 1..close];
                let param = Param::from_name(name).ok_or_else(|| CompileError::UnknownParam(name.to_string()))?;
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                parts.push(Part::Cap(param));
                i = close + 1;
            }
            b'*' => {
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                parts.push(Part::Skip);
                i += 1;
            }
            b => {
                lit.push(b.to_ascii_lowercase());
                i += 1;
            }
        }
    }
    if !lit.is_empty() {
        parts.push(Part::Lit(lit));
    }
    if !matches!(parts.first(), Some(Part::Lit(_))) {
        return Err(CompileError::NoLeadingLiteral);
    }
    // Two gaps in a row have no literal between them to stop the first one.
    for w in parts.windows(2) {
        if !matches!(w[0], Part::Lit(_)) && !matches!(w[1], Part::Lit(_)) {
            return Err(CompileError::AdjacentGaps);
        }
    }
    Ok(Compiled { parts })
}

/// Bytes that can safely be searched for in the raw input: they are never JSON-escaped or split
/// by colour codes, so the raw text holds them exactly as the pattern does.
fn anchor_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b" _.,:;/()=#@!?<>+-[]&%$^|~".contains(&b)
}

impl Compiled {
    /// The prefix of the leading literal that the prefilter searches for in the raw text.
    pub(crate) fn anchor(&self) -> &[u8] {
        match &self.parts[0] {
            Part::Lit(l) => {
                let n = l.iter().position(|&b| !anchor_safe(b)).unwrap_or(l.len());
                &l[..n]
            }
            _ => &[],
        }
    }

    /// Matches at exactly `at` in normalized `text`. Returns the end and the raw captures.
    pub(crate) fn match_at<'t>(&self, text: &'t [u8], at: usize) -> Option<(usize, Captures<'t>)> {
        // A code like AADSTS70021 must not match inside AADSTS700213, nor a word inside a word.
        if let Some(Part::Lit(first)) = self.parts.first() {
            if first[0].is_ascii_alphanumeric() && at > 0 && text[at - 1].is_ascii_alphanumeric() {
                return None;
            }
            // `…/errors#connectivity_dns_error` is a link to the error's docs, not the error again.
            if at > 0 && text[at - 1] == b'#' {
                return None;
            }
        }
        let mut pos = at;
        let mut caps = Vec::new();
        let mut pending: Option<Option<Param>> = None; // a gap waiting for the next literal
        for part in &self.parts {
            match part {
                Part::Lit(lit) => match pending.take() {
                    None => pos = match_lit_at(text, pos, lit)?,
                    Some(gap) => {
                        let (s, e) = find_lit(text, pos, lit)?;
                        if let Some(p) = gap {
                            caps.push((p, trim(&text[pos..s])));
                        }
                        pos = e;
                    }
                },
                Part::Cap(p) => pending = Some(Some(*p)),
                Part::Skip => pending = Some(None),
            }
        }
        match pending {
            Some(Some(p)) => {
                let end = tail_capture_end(text, pos);
                let mut value = trim(&text[pos..end]);
                while let Some((&last, rest)) = value.split_last() {
                    if b".,;:)]".contains(&last) {
                        value = rest;
                    } else {
                        break;
                    }
                }
                caps.push((p, value));
                pos = value.as_ptr() as usize - text.as_ptr() as usize + value.len();
            }
            Some(None) => {}
            None => {
                if let Some(Part::Lit(last)) = self.parts.last() {
                    let tail = *last.last()?;
                    if tail.is_ascii_alphanumeric() && pos < text.len() && text[pos].is_ascii_alphanumeric() {
                        return None;
                    }
                }
            }
        }
        Some((pos, caps))
    }
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Case-insensitive literal at `at`; a space in the literal matches one or more blanks.
pub(crate) fn match_lit_at(text: &[u8], at: usize, lit: &[u8]) -> Option<usize> {
    let mut t = at;
    let mut l = 0;
    while l < lit.len() {
        let want = lit[l];
        if want == b' ' {
            if t >= text.len() || !is_blank(text[t]) {
                return None;
            }
            while t < text.len() && is_blank(text[t]) {
                t += 1;
            }
        } else {
            if t >= text.len() || text[t].to_ascii_lowercase() != want {
                return None;
            }
            t += 1;
        }
        l += 1;
    }
    Some(t)
}

/// First occurrence of `lit` at or after `from`, on the same line and within [`MAX_GAP`] bytes.
fn find_lit(text: &[u8], from: usize, lit: &[u8]) -> Option<(usize, usize)> {
    let first = lit[0];
    let limit = text.len().min(from + MAX_GAP + lit.len());
    let mut i = from;
    while i < limit {
        let b = text[i];
        if b == b'\n' {
            return None;
        }
        let hit = if first == b' ' { is_blank(b) } else { b.to_ascii_lowercase() == first };
        if hit {
            if let Some(e) = match_lit_at(text, i, lit) {
                return Some((i, e));
            }
        }
        i += 1;
    }
    None
}

fn tail_capture_end(text: &[u8], from: usize) -> usize {
    let limit = text.len().min(from + MAX_GAP);
    let mut i = from;
    while i < limit && !matches!(text[i], b' ' | b'\t' | b'\n' | b'\'' | b'"' | b'`' | b',') {
        i += 1;
    }
    i
}

fn trim(v: &[u8]) -> &[u8] {
    let s = v.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(v.len());
    let e = v.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(s, |e| e + 1);
    &v[s..e]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, text: &str) -> Option<(usize, Vec<(Param, String)>)> {
        let c = compile(p).unwrap();
        c.match_at(text.as_bytes(), 0).map(|(e, caps)| {
            (e, caps.into_iter().map(|(p, v)| (p, String::from_utf8_lossy(v).into_owned())).collect())
        })
    }

    #[test]
    fn literal_is_case_insensitive_and_blank_tolerant() {
        assert_eq!(m("no such host", "No  Such\tHOST here").map(|r| r.0), Some(13));
        assert!(m("no such host", "no suchhost").is_none());
    }

    #[test]
    fn code_does_not_match_a_longer_code() {
        assert!(m("AADSTS70021", "AADSTS700213: x").is_none());
        assert!(m("AADSTS70021", "AADSTS70021: x").is_some());
    }

    #[test]
    fn captures_between_literals_and_at_the_end() {
        let (_, caps) = m("subject '{subject}'", "subject 'repo:o/r:ref:refs/heads/main'. Please").unwrap();
        assert_eq!(caps, vec![(Param::Subject, "repo:o/r:ref:refs/heads/main".into())]);
        let (_, caps) = m("Response code: {httpStatus}", "Response code: 401. Please").unwrap();
        assert_eq!(caps, vec![(Param::HttpStatus, "401".into())]);
    }

    #[test]
    fn gaps_never_cross_a_line() {
        assert!(m("denied*allowed", "denied\nnot allowed").is_none());
        assert!(m("denied*allowed", "denied, not allowed").is_some());
    }

    #[test]
    fn rejects_bad_patterns() {
        assert_eq!(compile("{subject} x").unwrap_err(), CompileError::NoLeadingLiteral);
        assert!(matches!(compile("x {nope}").unwrap_err(), CompileError::UnknownParam(_)));
        assert_eq!(compile("x {subject}*y").unwrap_err(), CompileError::AdjacentGaps);
        assert_eq!(compile("x {subject").unwrap_err(), CompileError::UnclosedBrace);
    }

    #[test]
    fn anchor_stops_before_quotes() {
        let c = compile("denied: client with IP '{clientIp}' is not allowed").unwrap();
        assert_eq!(c.anchor(), b"denied: client with ip ");
    }
}
