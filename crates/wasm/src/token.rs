use crate::convert::{now_seconds, text_from_js, to_js};
use js_sys::JsString;
use wasm_bindgen::prelude::*;

/// `decodeToken(text, now)`: every token in a paste, recognised and explained (`DecodeReport`).
/// Undecodable input is reported as data; only a `now` that is not Unix seconds throws
/// (`code: "INVALID_NOW"`), because a millisecond `now` would silently call every token valid.
/// `text` arrives as a JS string and is copied by `text_from_js` (faster than a `&str` parameter).
#[wasm_bindgen(js_name = decodeToken)]
pub fn decode_token(#[wasm_bindgen(unchecked_param_type = "string")] text: JsString, now: f64) -> Result<JsValue, JsValue> {
    let now = now_seconds(now)?;
    to_js(&acr_login_core::token::decode_token(&text_from_js(&text), now))
}
