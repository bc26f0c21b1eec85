use crate::convert::{js_error, to_js};
use wasm_bindgen::prelude::*;

/// `decodeJwt(text)`: header, claims and segment spans; throws `Error{code: "JWT_*", segment}`.
#[wasm_bindgen(js_name = decodeJwt)]
pub fn decode_jwt(text: &str) -> Result<JsValue, JsValue> {
    match acr_login_core::jwt::decode_jwt(text) {
        Ok(decoded) => to_js(&decoded),
        Err(e) => {
            let segment = e.segment().map(JsValue::from).unwrap_or(JsValue::NULL);
            Err(js_error(e.code(), &e.to_string(), Some(&[("segment", segment)])))
        }
    }
}
