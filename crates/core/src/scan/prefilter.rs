//! The fast pass: one linear walk over the raw bytes that finds every place where one of a few
//! hundred anchor strings starts, without a regex engine or an Aho-Corasick automaton (both cost
//! wasm size).
//!
//! How: each needle is represented by 4-byte grams (ASCII letters folded to lower case). The walk
//! reads the text as 4-byte words, hashes each into a 64 Kbit Bloom-style bit set (8 KB, stays in
//! L1) and only on a set bit looks the gram up exactly and compares the whole needle.
//!
//! Stride: with `stride` 4 the walk looks only at every 4th position, so each needle registers the
//! 4 grams at offsets k..k+3 of itself; exactly one of them lands on a multiple of 4 wherever the
//! needle occurs. That needs needles of at least 7 bytes and quarters the work per byte. The offset
//! k is chosen where the needle's bytes are rarest in CI logs (`AADSTS…` keys on `adst`, not on
//! `No m`), which keeps false hits near zero on ordinary output. Work per hit is bounded by the
//! needle length, so the pass is linear on any input.

/// ASCII case folding for exact comparison.
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

/// Folds the four bytes of a gram at once: sets bit 5, which lower-cases ASCII letters (and maps
/// a few other bytes onto each other, which only costs a rare false hit that verification drops).
const GRAM_FOLD: u32 = 0x2020_2020;

const BLOOM_WORDS: usize = 1024; // 65536 bits

#[inline(always)]
fn bloom_index(gram: u32) -> usize {
    (gram.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// A search string (lower-cased unless `exact_case`).
pub(crate) struct Needle {
    pub bytes: Vec<u8>,
    /// When true the raw bytes must match exactly (case-sensitive), e.g. a JWT header prefix.
    pub exact_case: bool,
}

pub(crate) struct Prefilter {
    bloom: Vec<u64>,
    /// (gram, needle index, offset of the gram in the needle), sorted by gram.
    grams: Vec<(u32, u16, u8)>,
    needles: Vec<Needle>,
    stride: usize,
}

/// One place where a needle starts in the raw text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub pos: usize,
    pub needle: u16,
}

/// How common a byte is in CI logs: the grams with the lowest sum are the ones to key on.
fn commonness(b: u8) -> u32 {
    match b.to_ascii_lowercase() {
        b' ' => 12,
        b'e' => 10,
        b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' => 9,
        b'0'..=b'9' => 8,
        b'h' | b'l' | b'd' | b'c' | b'u' => 7,
        b':' | b'-' | b'.' | b'/' | b'm' => 6,
        b'f' | b'p' | b'g' => 5,
        b'w' | b'y' | b'b' => 4,
        b'v' | b'k' => 3,
        b'_' | b'\'' | b'"' => 3,
        b'x' | b'j' | b'q' | b'z' => 1,
        _ => 4,
    }
}

fn gram_at(bytes: &[u8], i: usize) -> u32 {
    u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) | GRAM_FOLD
}

impl Prefilter {
    /// `stride` is 1, 2 or 4; needles shorter than `3 + stride` bytes are never found.
    pub(crate) fn new(needles: Vec<Needle>, stride: usize) -> Prefilter {
        assert!(matches!(stride, 1 | 2 | 4));
        let mut bloom = vec![0u64; BLOOM_WORDS];
        let mut grams = Vec::new();
        let span = 3 + stride; // bytes covered by the `stride` consecutive grams
        for (idx, n) in needles.iter().enumerate() {
            if n.bytes.len() < span {
                continue;
            }
            let best = (0..=n.bytes.len() - span)
                .min_by_key(|&k| n.bytes[k..k + span].iter().map(|&b| commonness(b)).sum::<u32>())
                .unwrap_or(0);
            for k in best..best + stride {
                grams.push((gram_at(&n.bytes, k), idx as u16, k.min(255) as u8));
            }
        }
        crate::sort::sort(&mut grams);
        grams.dedup();
        for &(g, _, _) in &grams {
            let h = bloom_index(g);
            bloom[h >> 6] |= 1 << (h & 63);
        }
        Prefilter { bloom, grams, needles, stride }
    }

    /// Every start of every needle in `text`, in order of the gram that found it (sort by `pos`
    /// for text order). Stops (returning `true`) once `max_hits` hits were collected, so
    /// pathological input cannot grow the list without bound.
    pub(crate) fn find_all(&self, text: &[u8], max_hits: usize, out: &mut Vec<Hit>) -> bool {
        let bloom: &[u64; BLOOM_WORDS] = self.bloom.as_slice().try_into().expect("bloom size");
        if text.len() < 4 {
            return false;
        }
        let mut i = 0;
        let last = text.len() - 4;
        while i <= last {
            let g = u32::from_be_bytes([text[i], text[i + 1], text[i + 2], text[i + 3]]) | GRAM_FOLD;
            let h = bloom_index(g);
            if bloom[h >> 6] & (1u64 << (h & 63)) != 0 {
                self.confirm(text, i, g, out);
                if out.len() >= max_hits {
                    return true;
                }
            }
            i += self.stride;
        }
        false
    }

    #[inline(never)]
    fn confirm(&self, text: &[u8], gram_pos: usize, gram: u32, out: &mut Vec<Hit>) {
        let first = self.grams.partition_point(|g| g.0 < gram);
        for &(g, idx, off) in &self.grams[first..] {
            if g != gram {
                break;
            }
            let off = off as usize;
            if gram_pos < off {
                continue;
            }
            let start = gram_pos - off;
            let needle = &self.needles[idx as usize];
            let end = start + needle.bytes.len();
            if end > text.len() {
                continue;
            }
            let raw = &text[start..end];
            let equal = if needle.exact_case {
                raw == needle.bytes.as_slice()
            } else {
                raw.iter().zip(&needle.bytes).all(|(&a, &b)| FOLD[a as usize] == b)
            };
            if equal {
                out.push(Hit { pos: start, needle: idx });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pf_stride(words: &[&str], stride: usize) -> Prefilter {
        Prefilter::new(words.iter().map(|w| Needle { bytes: w.as_bytes().to_vec(), exact_case: false }).collect(), stride)
    }

    fn pf(words: &[&str]) -> Prefilter {
        pf_stride(words, 1)
    }

    fn sorted(mut hits: Vec<Hit>) -> Vec<(usize, u16)> {
        crate::sort::sort_by_key(&mut hits, |h| (h.pos, h.needle));
        hits.iter().map(|h| (h.pos, h.needle)).collect()
    }

    #[test]
    fn stride_four_finds_needles_at_every_alignment() {
        let p = pf_stride(&["aadsts700213", "no such host"], 4);
        for pad in 0..8 {
            let text = format!("{}x AADSTS700213 y; dial tcp: lookup a: No Such Host\naadsts700213", " ".repeat(pad));
            let mut hits = Vec::new();
            p.find_all(text.as_bytes(), 100, &mut hits);
            assert_eq!(sorted(hits), vec![(pad + 2, 0), (pad + 38, 1), (pad + 51, 0)], "pad {pad}");
        }
    }

    #[test]
    fn stride_four_needle_at_the_very_end() {
        let p = pf_stride(&["abcdefg"], 4);
        for pad in 0..5 {
            let text = format!("{}abcdefg", "-".repeat(pad));
            let mut hits = Vec::new();
            p.find_all(text.as_bytes(), 100, &mut hits);
            assert_eq!(sorted(hits), vec![(pad, 0)], "pad {pad}");
        }
    }

    #[test]
    fn finds_every_occurrence_case_insensitively() {
        let p = pf(&["aadsts", "no such host"]);
        let text = b"x AADSTS700213 y; dial tcp: lookup a: No Such Host\naadsts";
        let mut hits = Vec::new();
        p.find_all(text, 100, &mut hits);
        let got: Vec<(usize, u16)> = hits.iter().map(|h| (h.pos, h.needle)).collect();
        assert_eq!(got, vec![(2, 0), (38, 1), (51, 0)]);
    }

    #[test]
    fn overlapping_and_prefix_needles() {
        let p = pf(&["aaaa", "aaaab"]);
        let mut hits = Vec::new();
        p.find_all(b"aaaaab", 100, &mut hits);
        assert_eq!(hits.iter().filter(|h| h.needle == 0).count(), 2);
        assert_eq!(hits.iter().filter(|h| h.needle == 1).map(|h| h.pos).collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn hit_cap_stops_the_walk() {
        let p = pf(&["abcd"]);
        let mut hits = Vec::new();
        assert!(p.find_all(b"abcdabcdabcd", 2, &mut hits));
        assert_eq!(hits.len(), 2);
    }
}
