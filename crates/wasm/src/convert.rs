//! The two ways data crosses the boundary: plain JS objects out, `Error`s with a `code` thrown.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// Serialises to plain objects (not `Map`s), so JS sees `{kind: ...}` and JSON.stringify works.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error("INTERNAL_SERIALIZE", &e.to_string(), None))
}

/// A JS `Error` with `code` (stable, for `switch`) and optional extra fields merged in.
pub fn js_error(code: &str, message: &str, extra: Option<&[(&str, JsValue)]>) -> JsValue {
    let err = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    for (k, v) in extra.unwrap_or(&[]) {
        let _ = js_sys::Reflect::set(&err, &(*k).into(), v);
    }
    err.into()
}
