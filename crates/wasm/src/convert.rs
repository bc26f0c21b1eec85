//! The two ways data crosses the boundary: plain JS objects out, `Error`s with a `code` thrown.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// Serialises to plain JS objects through one JSON string and `JSON.parse`, not field by field:
/// results carry token claims verbatim, and a field-wise serializer refuses integers beyond 2^53
/// (`"exp": 18446744073709551615` would throw) where JSON.parse rounds like any JS decoder. It is
/// also one boundary crossing instead of one per field, and avoids a second set of monomorphised
/// `Serialize` impls in the wasm (serde_json's are needed anyway).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| js_error("INTERNAL_SERIALIZE", &e.to_string(), None))?;
    js_sys::JSON::parse(&json).map_err(|_| js_error("INTERNAL_SERIALIZE", "the result is not valid JSON", None))
}

/// A `now` argument as Unix seconds. Milliseconds are refused rather than guessed: read as seconds
/// they would put every token's expiry tens of thousands of years in the past.
pub fn now_seconds(now: f64) -> Result<i64, JsValue> {
    if !now.is_finite() {
        return Err(js_error("INVALID_NOW", "now must be a finite number of Unix seconds", None));
    }
    if now.abs() >= 1e11 {
        return Err(js_error(
            "INVALID_NOW",
            "now looks like milliseconds: pass Unix seconds (Math.floor(Date.now() / 1000))",
            None,
        ));
    }
    Ok(now.floor() as i64)
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
