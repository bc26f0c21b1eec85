//! decode_token on arbitrary text: must never panic, and its report must serialise (what crosses
//! to JS). The first 8 bytes, when present, also pick `now` (any i64: clocks can be anything).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (now, rest) = match data.split_first_chunk::<8>() {
        Some((n, rest)) if data.len() > 16 => (i64::from_le_bytes(*n), rest),
        _ => (1_800_000_000, data),
    };
    let text = String::from_utf8_lossy(rest);
    let report = acr_login_core::token::decode_token(&text, now);
    let _ = serde_json::to_string(&report).expect("DecodeReport serialises");
});
