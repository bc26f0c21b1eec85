//! The fast pass: one linear walk over the raw bytes that finds every place where one of a few
//! hundred anchor strings starts, without a regex engine or an Aho-Corasick automaton (both cost
//! wasm size).
//!
//! How: each anchor is represented by its rarest 4-byte gram (case-folded). The walk keeps the
//! last four folded bytes in a `u32`, hashes it into a 64 Kbit Bloom-style bit set (8 KB, stays in
//! L1), and only on a set bit looks the gram up exactly and compares the whole anchor. Picking the
//! *rarest* gram of each anchor (`AADSTS…` → `adst`, not `No m`) keeps false hits near zero on
//! ordinary CI output, so the walk runs at a few hundred MB/s natively. Work per hit is bounded by
//! the anchor length, so the pass is linear on any input.

/// ASCII case folding for the gram; everything else maps to itself.
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

const BLOOM_WORDS: usize = 1024; // 65536 bits

#[inline(always)]
fn bloom_index(gram: u32) -> usize {
    (gram.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// A search string (already lower-cased) and what the caller wants to know about it.
pub(crate) struct Needle {
    pub bytes: Vec<u8>,
    /// When true the raw bytes must match exactly (case-sensitive), e.g. `eyJ` of a JWT.
    pub exact_case: bool,
}

pub(crate) struct Prefilter {
    bloom: Vec<u64>,
    /// (gram, needle index, offset of the gram in the needle), sorted by gram.
    grams: Vec<(u32, u16, u8)>,
    needles: Vec<Needle>,
}

/// One place where a needle starts in the raw text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub pos: usize,
    pub needle: u16,
}

/// How common a byte is in CI logs: the gram with the lowest sum is the one to key on.
fn commonness(b: u8) -> u32 {
    match b {
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
    u32::from_be_bytes([FOLD[bytes[i] as usize], FOLD[bytes[i + 1] as usize], FOLD[bytes[i + 2] as usize], FOLD[bytes[i + 3] as usize]])
}

impl Prefilter {
    /// Needles must be at least 4 bytes long; `extra_grams` adds alternative keys for a needle
    /// (used for `eyJ` + any base64url byte, a 3-byte needle that still needs 4-byte grams).
    pub(crate) fn new(needles: Vec<Needle>, extra: &[(u16, Vec<[u8; 4]>)]) -> Prefilter {
        let mut bloom = vec![0u64; BLOOM_WORDS];
        let mut grams = Vec::new();
        for (idx, n) in needles.iter().enumerate() {
            if n.bytes.len() < 4 {
                continue;
            }
            let best = (0..=n.bytes.len() - 4)
                .min_by_key(|&i| n.bytes[i..i + 4].iter().map(|&b| commonness(FOLD[b as usize])).sum::<u32>())
                .unwrap_or(0);
            let g = gram_at(&n.bytes, best);
            grams.push((g, idx as u16, best.min(255) as u8));
        }
        for (idx, list) in extra {
            for g4 in list {
                grams.push((gram_at(g4, 0), *idx, 0));
            }
        }
        grams.sort_unstable();
        grams.dedup();
        for &(g, _, _) in &grams {
            let h = bloom_index(g);
            bloom[h >> 6] |= 1 << (h & 63);
        }
        Prefilter { bloom, grams, needles }
    }

    /// Every start of every needle in `text`, in order. Stops (returning `true`) once `max_hits`
    /// hits were collected, so pathological input cannot grow the list without bound.
    pub(crate) fn find_all(&self, text: &[u8], max_hits: usize, out: &mut Vec<Hit>) -> bool {
        let bloom: &[u64; BLOOM_WORDS] = self.bloom.as_slice().try_into().expect("bloom size");
        let mut w: u32 = 0;
        for (i, &b) in text.iter().enumerate() {
            w = (w << 8) | FOLD[b as usize] as u32;
            let h = bloom_index(w);
            if bloom[h >> 6] & (1u64 << (h & 63)) != 0 && i >= 3 {
                self.confirm(text, i - 3, w, out);
                if out.len() >= max_hits {
                    return true;
                }
            }
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

    fn pf(words: &[&str]) -> Prefilter {
        Prefilter::new(words.iter().map(|w| Needle { bytes: w.as_bytes().to_vec(), exact_case: false }).collect(), &[])
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
