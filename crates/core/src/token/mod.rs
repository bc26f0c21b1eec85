//! Recognises and explains every token of the ACR login chain in whatever a user pastes.
//! (Owned by the token-decoder work; this stub fixes only the entry point's signature.)

use serde::Serialize;

/// Everything found in a paste. `now` is Unix seconds from the host.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecodeReport {
    pub tokens: Vec<serde_json::Value>,
}

pub fn decode_token(_text: &str, _now: i64) -> DecodeReport {
    DecodeReport::default()
}
