//! Byte offsets → what an editor and JS need: 1-based line, 1-based column and a UTF-16 offset.
//! Lines break at LF, CRLF and a lone CR (as VS Code and CodeMirror count them); columns and
//! offsets count UTF-16 code units, so JS can `slice` and highlight with them directly.
//!
//! All offsets of a report are resolved in one forward walk (sorted), and the walk skips 8 bytes
//! at a time through plain ASCII, so resolving costs well under the scan itself.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
    pub utf16: usize,
}

/// Resolves `offsets` (byte offsets into `text`, any order, each on a char boundary or not).
/// Returns positions in the same order as `offsets`.
pub(crate) fn resolve(text: &[u8], offsets: &[usize]) -> Vec<Pos> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| offsets[i]);
    let mut out = vec![Pos::default(); offsets.len()];
    let mut i = 0usize; // byte cursor
    let mut line = 1usize;
    let mut utf16 = 0usize;
    let mut line_start16 = 0usize;
    for &k in &order {
        let target = offsets[k].min(text.len());
        while i < target {
            // Fast path: 8 ASCII bytes without CR or LF.
            if i + 8 <= target {
                let chunk = u64::from_le_bytes(text[i..i + 8].try_into().unwrap());
                if chunk & 0x8080_8080_8080_8080 == 0 && !has_byte(chunk, b'\n') && !has_byte(chunk, b'\r') {
                    i += 8;
                    utf16 += 8;
                    continue;
                }
            }
            let b = text[i];
            match b {
                b'\n' => {
                    line += 1;
                    utf16 += 1;
                    line_start16 = utf16;
                }
                b'\r' => {
                    utf16 += 1;
                    if text.get(i + 1) != Some(&b'\n') {
                        line += 1;
                        line_start16 = utf16;
                    }
                }
                0x80..=0xbf => {} // continuation byte: counted with its lead byte
                0xf0..=0xff => utf16 += 2,
                _ => utf16 += 1,
            }
            i += 1;
        }
        out[k] = Pos { line, column: utf16 - line_start16 + 1, utf16 };
    }
    out
}

#[inline]
fn has_byte(x: u64, b: u8) -> bool {
    let v = x ^ (0x0101_0101_0101_0101u64 * b as u64);
    (v.wrapping_sub(0x0101_0101_0101_0101) & !v & 0x8080_8080_8080_8080) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_columns_and_utf16() {
        let s = "ab\r\ncé😀x\ry\nlonglonglonglong z";
        let at = |needle: &str| s.find(needle).unwrap();
        let pos = resolve(s.as_bytes(), &[at("x"), at("y"), at("z"), 0, at("c")]);
        assert_eq!(pos[3], Pos { line: 1, column: 1, utf16: 0 });
        assert_eq!(pos[4], Pos { line: 2, column: 1, utf16: 4 });
        // c, é (1 unit), 😀 (2 units) → x is the 5th unit of line 2.
        assert_eq!(pos[0], Pos { line: 2, column: 5, utf16: 8 });
        assert_eq!(pos[1], Pos { line: 3, column: 1, utf16: 10 });
        assert_eq!(pos[2].line, 4);
        assert_eq!(pos[2].column, 18);
        let js_len: usize = s[..at("z")].encode_utf16().count();
        assert_eq!(pos[2].utf16, js_len);
    }
}
