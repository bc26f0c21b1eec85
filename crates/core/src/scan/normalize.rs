//! Turns a short window of the raw log into the text a human reads, keeping a map back to raw
//! offsets for highlighting: ANSI colour codes vanish; inside JSON-escaped text `\u0027`, `\"`,
//! `\\` are decoded and `\n`, `\r\n` become real line breaks (so `Trace ID:` after an AADSTS
//! message is its own line); a lone CR is a line break.

/// A normalized window. `map[i]` is the raw offset of `text[i]`; `map[text.len()]` is the raw end.
pub(crate) struct Window {
    pub text: Vec<u8>,
    pub map: Vec<usize>,
}

impl Window {
    /// Index in `text` of the first normalized byte at or after raw offset `raw`.
    pub(crate) fn index_of(&self, raw: usize) -> usize {
        self.map.partition_point(|&r| r < raw).min(self.text.len())
    }
}

fn hex(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

fn read_u4(raw: &[u8], at: usize) -> Option<u32> {
    if at + 6 > raw.len() || raw[at] != b'\\' || raw[at + 1] != b'u' {
        return None;
    }
    let mut v = 0;
    for &b in &raw[at + 2..at + 6] {
        v = v * 16 + hex(b)?;
    }
    Some(v)
}

pub(crate) fn normalize(raw: &[u8], from: usize, to: usize) -> Window {
    let src = &raw[from..to];
    // Only text that was JSON-escaped gets `\n` decoded: a Windows path such as
    // `C:\runner\temp` must keep its backslashes. `\\` and `\"` are what give JSON away.
    let jsonish = src.windows(2).any(|w| w == b"\\\"" || w == b"\\\\") || src.windows(4).any(|w| w == b"\\r\\n" || w == b"\\u00");
    let mut text = Vec::with_capacity(src.len());
    let mut map = Vec::with_capacity(src.len() + 1);
    let mut i = from;
    while i < to {
        let b = raw[i];
        match b {
            0x1b => {
                // CSI (`ESC [ ... final`), OSC (`ESC ] ... BEL`), or a two-byte escape.
                let mut j = i + 1;
                if j < to && raw[j] == b'[' {
                    j += 1;
                    while j < to && j < i + 40 && !(0x40..=0x7e).contains(&raw[j]) {
                        j += 1;
                    }
                    j += 1;
                } else if j < to && raw[j] == b']' {
                    while j < to && j < i + 300 && raw[j] != 0x07 {
                        j += 1;
                    }
                    j += 1;
                } else {
                    j += 1;
                }
                i = j.min(to);
            }
            b'\r' => {
                text.push(b'\n');
                map.push(i);
                i += if i + 1 < to && raw[i + 1] == b'\n' { 2 } else { 1 };
            }
            b'\\' if i + 1 < to => {
                let next = raw[i + 1];
                if next == b'u' {
                    if let Some(cp) = read_u4(raw, i).filter(|_| i + 6 <= to) {
                        let (c, used) = if (0xd800..0xdc00).contains(&cp) {
                            match read_u4(raw, i + 6).filter(|lo| (0xdc00..0xe000).contains(lo) && i + 12 <= to) {
                                Some(lo) => (char::from_u32(0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00)), 12),
                                None => (None, 6),
                            }
                        } else {
                            (char::from_u32(cp), 6)
                        };
                        let c = c.unwrap_or('\u{fffd}');
                        let mut buf = [0u8; 4];
                        for &byte in c.encode_utf8(&mut buf).as_bytes() {
                            text.push(if byte == b'\r' { b'\n' } else { byte });
                            map.push(i);
                        }
                        i += used;
                        continue;
                    }
                }
                let decoded = match next {
                    b'"' => Some(b'"'),
                    b'\\' | b'/' if jsonish => Some(next),
                    b'n' | b'r' if jsonish => Some(b'\n'),
                    b't' | b'b' | b'f' if jsonish => Some(b' '),
                    _ => None,
                };
                match decoded {
                    Some(d) => {
                        text.push(d);
                        map.push(i);
                        // `\r\n` is one break, not two.
                        if next == b'r' && jsonish && i + 3 < to && raw[i + 2] == b'\\' && raw[i + 3] == b'n' {
                            i += 4;
                        } else {
                            i += 2;
                        }
                    }
                    None => {
                        text.push(b);
                        map.push(i);
                        i += 1;
                    }
                }
            }
            _ => {
                text.push(b);
                map.push(i);
                i += 1;
            }
        }
    }
    map.push(to);
    Window { text, map }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        let w = normalize(s.as_bytes(), 0, s.len());
        assert_eq!(w.map.len(), w.text.len() + 1);
        String::from_utf8(w.text).unwrap()
    }

    #[test]
    fn json_escapes_decode() {
        assert_eq!(n(r#"subject \u0027repo:o/r\u0027.\r\nTrace ID: x \"q\""#), "subject 'repo:o/r'.\nTrace ID: x \"q\"");
        assert_eq!(n(r#"path C:\\Users\\runner"#), r"path C:\Users\runner");
    }

    #[test]
    fn windows_paths_outside_json_stay() {
        assert_eq!(n(r"open C:\runner\temp\x"), r"open C:\runner\temp\x");
    }

    #[test]
    fn ansi_and_cr() {
        assert_eq!(n("\x1b[31;1mERROR:\x1b[0m x\r\ny\rz"), "ERROR: x\ny\nz");
    }

    #[test]
    fn map_points_back_to_raw() {
        let s = r"a \u0027b\u0027";
        let w = normalize(s.as_bytes(), 0, s.len());
        let i = w.text.iter().position(|&b| b == b'b').unwrap();
        assert_eq!(&s[w.map[i]..w.map[i] + 1], "b");
        assert_eq!(w.index_of(w.map[i]), i);
    }
}
