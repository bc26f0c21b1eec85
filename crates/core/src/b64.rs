//! Base64, just what tokens and docker configs need: decode the standard or the URL-safe alphabet
//! with padding optional, encode standard with padding.
//!
//! Why not the `base64` crate: its generic engines cost ~6 KB of code plus 256-byte tables per
//! alphabet in the wasm that every consumer downloads; this is ~2 KB of code and two 256-byte
//! tables. The crate stays a dev-dependency: the tests below check this module against it.

use std::fmt;

/// Why a text is not base64. Shown inside the decoder's error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)] // read as "invalid byte", "invalid length": the names say it
pub enum Base64Error {
    /// A byte outside the alphabet (including `=` before the end).
    InvalidByte { offset: usize, byte: u8 },
    /// One character left over after the last group of four: no byte can be made of 6 bits.
    InvalidLength,
    /// The last character carries bits that are not part of any byte (the text was altered).
    InvalidLastSymbol { offset: usize, byte: u8 },
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Base64Error::InvalidByte { offset, byte } => write!(f, "invalid character {} at offset {offset}", shown(byte)),
            Base64Error::InvalidLength => f.write_str("invalid length: one character too many or too few"),
            Base64Error::InvalidLastSymbol { offset, byte } => write!(f, "invalid last character {} at offset {offset}", shown(byte)),
        }
    }
}

fn shown(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("'{}'", byte as char)
    } else {
        format!("0x{byte:02x}")
    }
}

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Byte → 6-bit value in one alphabet, 0xFF for a byte outside it. Tables, not a `match` per byte:
/// decoding is most of decodeToken's time for a long token.
const fn table(url_safe: bool) -> [u8; 256] {
    let mut t = [0xFF; 256];
    let mut i = 0;
    while i < 64 {
        t[STANDARD[i] as usize] = i as u8;
        i += 1;
    }
    if url_safe {
        t[b'+' as usize] = 0xFF;
        t[b'/' as usize] = 0xFF;
        t[b'-' as usize] = 62;
        t[b'_' as usize] = 63;
    }
    t
}

static STANDARD_VALUES: [u8; 256] = table(false);
static URL_SAFE_VALUES: [u8; 256] = table(true);

/// A character of the URL-safe alphabet (`A-Z a-z 0-9 - _`), the characters of a JWT segment.
#[inline]
pub fn is_url_safe(b: u8) -> bool {
    URL_SAFE_VALUES[b as usize] != 0xFF
}

/// Decodes `input` in one alphabet; trailing `=` padding may be present or not.
pub fn decode(input: &str, url_safe: bool) -> Result<Vec<u8>, Base64Error> {
    let (values, data) = unpadded(input, url_safe)?;
    let invalid = |offset: usize| Base64Error::InvalidByte { offset, byte: data[offset] };
    let whole = data.len() / 4 * 4;
    // Sized up front and written by index: three-byte `extend`s were a memmove call each. Room
    // for the last partial group too, so its bytes never reallocate (copy) the whole output.
    let mut out = Vec::with_capacity(whole / 4 * 3 + 2);
    out.resize(whole / 4 * 3, 0);
    // Plain indices, not `chunks_exact().zip()`: at opt-level "z" (the wasm) those iterators kept
    // their chunk sizes in memory and divided by them.
    let o = out.as_mut_slice();
    let (mut i, mut j) = (0, 0);
    while i + 4 <= whole && j + 3 <= o.len() {
        let (a, b, c, d) = (values[data[i] as usize], values[data[i + 1] as usize], values[data[i + 2] as usize], values[data[i + 3] as usize]);
        if (a | b | c | d) & 0x80 != 0 {
            // Found again from the bytes, so the four values stay in registers on the way here.
            let mut k = i;
            while values[data[k] as usize] & 0x80 == 0 {
                k += 1;
            }
            return Err(invalid(k));
        }
        let n = (a as u32) << 18 | (b as u32) << 12 | (c as u32) << 6 | d as u32;
        o[j] = (n >> 16) as u8;
        o[j + 1] = (n >> 8) as u8;
        o[j + 2] = n as u8;
        i += 4;
        j += 3;
    }
    let mut acc = 0u32;
    for (k, &b) in data[whole..].iter().enumerate() {
        let v = values[b as usize];
        if v & 0x80 != 0 {
            return Err(invalid(whole + k));
        }
        acc = acc << 6 | v as u32;
    }
    let last = data.len().saturating_sub(1);
    match data.len() - whole {
        2 if acc & 0xf == 0 => out.push((acc >> 4) as u8),
        3 if acc & 0x3 == 0 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        0 => {}
        _ => return Err(Base64Error::InvalidLastSymbol { offset: last, byte: data[last] }),
    }
    check_padding(input, data.len())?;
    Ok(out)
}

/// The alphabet's table and `input` without its padding (at most two `=`); the data must not
/// leave a lone character in its last group.
fn unpadded(input: &str, url_safe: bool) -> Result<(&'static [u8; 256], &[u8]), Base64Error> {
    let values = if url_safe { &URL_SAFE_VALUES } else { &STANDARD_VALUES };
    let bytes = input.as_bytes();
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1] == b'=' && bytes.len() - end < 2 {
        end -= 1;
    }
    let data = &bytes[..end];
    if data.len() % 4 == 1 {
        return Err(Base64Error::InvalidLength);
    }
    Ok((values, data))
}

/// Padding is only right when it completes the last group. Checked after the data, so a bad
/// character is what a string wrong in both ways is told about.
fn check_padding(input: &str, data_len: usize) -> Result<(), Base64Error> {
    if data_len < input.len() && !input.len().is_multiple_of(4) {
        return Err(Base64Error::InvalidByte { offset: data_len, byte: b'=' });
    }
    Ok(())
}

/// The length [`decode`] would return, or the error it would return, without building the bytes:
/// a JWT's signature is only counted, and decoding it was an allocation and 256 writes per token.
pub fn decoded_len(input: &str, url_safe: bool) -> Result<usize, Base64Error> {
    let (values, data) = unpadded(input, url_safe)?;
    // `decode` reports the first bad byte, whichever group it is in.
    let mut offset = 0;
    while offset < data.len() && values[data[offset] as usize] & 0x80 == 0 {
        offset += 1;
    }
    if offset < data.len() {
        return Err(Base64Error::InvalidByte { offset, byte: data[offset] });
    }
    let tail = data.len() % 4;
    // The last character of a partial group must not carry bits beyond the last byte.
    let spare_bits = match tail {
        2 => 0xf,
        3 => 0x3,
        _ => 0,
    };
    if let Some(&last) = data.last().filter(|_| tail != 0) {
        if values[last as usize] & spare_bits != 0 {
            return Err(Base64Error::InvalidLastSymbol { offset: data.len() - 1, byte: last });
        }
    }
    check_padding(input, data.len())?;
    Ok(data.len() / 4 * 3 + tail.saturating_sub(1))
}

/// Standard alphabet, padded (HTTP Basic, docker `auth`).
pub fn encode(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let n = chunk.len();
        let acc = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            out.push(if k <= n { STANDARD[(acc >> (18 - 6 * k) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{STANDARD as CRATE_STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    use base64::Engine as _;

    /// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
    fn bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn matches_the_base64_crate_on_every_length() {
        for len in 0..200 {
            let data = bytes(len as u64 + 7, len);
            let padded = CRATE_STANDARD.encode(&data);
            assert_eq!(encode(&data), padded, "encode, len {len}");
            assert_eq!(decode(&padded, false).unwrap(), data, "padded standard, len {len}");
            assert_eq!(decode(&STANDARD_NO_PAD.encode(&data), false).unwrap(), data, "unpadded standard, len {len}");
            assert_eq!(decode(&URL_SAFE_NO_PAD.encode(&data), true).unwrap(), data, "url-safe, len {len}");
        }
    }

    #[test]
    fn refuses_what_the_base64_crate_refuses() {
        for text in ["a", "abcde", "ab!d", "ab=d", "abcd=", "ab===", "abc/", "ab-_", "QR", "QUJ", "QUJD==", "QQ=", "=", "===="] {
            let ours = decode(text, true).is_ok();
            let theirs = URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).is_ok()
                && (!text.ends_with('=') || base64::engine::general_purpose::URL_SAFE.decode(text).is_ok());
            assert_eq!(ours, theirs, "{text}");
        }
        assert_eq!(decode("ab!d", true), Err(Base64Error::InvalidByte { offset: 2, byte: b'!' }));
        assert_eq!(decode("abcde", true), Err(Base64Error::InvalidLength));
        assert_eq!(decode("QR", false), Err(Base64Error::InvalidLastSymbol { offset: 1, byte: b'R' }));
        assert_eq!(decode("QQ", false).unwrap(), b"A");
        assert_eq!(decode("QQ==", false).unwrap(), b"A");
        assert!(decode("+/", true).is_err() && decode("-_", false).is_err(), "one alphabet at a time");
        assert_eq!(decode("ab!d", true).unwrap_err().to_string(), "invalid character '!' at offset 2");
    }

    #[test]
    fn decoded_len_agrees_with_decode() {
        // Every string of up to 5 characters over an alphabet with each kind of trouble in it.
        let alphabet = [b'A', b'Q', b'R', b'f', b'-', b'_', b'+', b'/', b'=', b'!'];
        let (mut level, mut texts) = (vec![String::new()], vec![String::new()]);
        for _ in 0..5 {
            level = level.iter().flat_map(|t| alphabet.iter().map(move |&c| format!("{t}{}", c as char))).collect();
            texts.extend(level.iter().cloned());
        }
        assert!(texts.len() > 100_000);
        for t in &texts {
            for url_safe in [true, false] {
                assert_eq!(decoded_len(t, url_safe), decode(t, url_safe).map(|v| v.len()), "{t:?} url_safe={url_safe}");
            }
        }
        for len in 0..200 {
            let text = URL_SAFE_NO_PAD.encode(bytes(len as u64, len));
            assert_eq!(decoded_len(&text, true), Ok(len));
        }
    }
}
