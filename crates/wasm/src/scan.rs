use crate::convert::{js_error, now_seconds, to_js};
use wasm_bindgen::prelude::*;

/// `scanLog(text, now)`: every known failure in a pasted log, root cause first. Never throws for
/// any text: "nothing found" is a result (`rootCause` absent, `candidates` given).
#[wasm_bindgen(js_name = scanLog)]
pub fn scan_log(text: &str, now: f64) -> Result<JsValue, JsValue> {
    to_js(&acr_login_core::scan::scan_log(text, now_seconds(now)?))
}

/// `explain(id)`: the full catalog entry; throws `Error{code: "UNKNOWN_CATALOG_ID", id}`.
#[wasm_bindgen]
pub fn explain(id: &str) -> Result<JsValue, JsValue> {
    match acr_login_core::scan::explain(id) {
        Some(entry) => to_js(entry),
        None => Err(js_error(
            "UNKNOWN_CATALOG_ID",
            &format!("no catalog entry `{id}`: IDs look like AL013 (see catalog())"),
            Some(&[("id", JsValue::from_str(id))]),
        )),
    }
}

/// `catalog()`: every entry, ordered by ID.
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsValue> {
    to_js(acr_login_core::catalog::entries())
}
