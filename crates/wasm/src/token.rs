use crate::convert::{now_seconds, to_js};
use wasm_bindgen::prelude::*;

/// `decodeToken(text, now)`: every token in a paste, recognised and explained (`DecodeReport`).
/// Undecodable input is reported as data; only a `now` that is not Unix seconds throws
/// (`code: "INVALID_NOW"`), because a millisecond `now` would silently call every token valid.
#[wasm_bindgen(js_name = decodeToken)]
pub fn decode_token(text: &str, now: f64) -> Result<JsValue, JsValue> {
    to_js(&acr_login_core::token::decode_token(text, now_seconds(now)?))
}
