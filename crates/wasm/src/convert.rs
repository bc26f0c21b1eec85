//! The two ways data crosses the boundary: plain JS objects out, `Error`s with a `code` thrown.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// Serialises to plain JS objects through one JSON string and `JSON.parse`, not field by field:
/// results carry token claims verbatim, and a field-wise serializer refuses integers beyond 2^53
/// (`"exp": 18446744073709551615` would throw) where JSON.parse rounds like any JS decoder. It is
/// also one boundary crossing instead of one per field, and avoids a second set of monomorphised
/// `Serialize` impls in the wasm (serde_json's are needed anyway).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let mut serializer = serde_json::Serializer::new(JsonBuffer(Vec::with_capacity(8192)));
    value.serialize(&mut serializer).map_err(|e| js_error("INTERNAL_SERIALIZE", &e.to_string(), None))?;
    // serde_json writes only UTF-8.
    let json = String::from_utf8(serializer.into_inner().0)
        .map_err(|_| js_error("INTERNAL_SERIALIZE", "the result is not UTF-8", None))?;
    js_sys::JSON::parse(&json).map_err(|_| js_error("INTERNAL_SERIALIZE", "the result is not valid JSON", None))
}

/// The serialiser's output. Most of serde_json's writes are one byte (`"`, `:`, `,`, `{`), and
/// through `&mut Vec<u8>`'s `io::Write` each took the forwarding impl and `extend_from_slice`'s
/// reserve-and-copy, none of it inlined at opt-level "z": owning the buffer and pushing single bytes
/// cut decodeToken by a fifth in the wasm (82 → 65 µs for a GitHub token). Sized for a typical
/// report (a GitHub token's is ~4.5 KB).
struct JsonBuffer(Vec<u8>);

impl std::io::Write for JsonBuffer {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    #[inline(always)]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match buf {
            [b] => self.0.push(*b),
            _ => self.0.extend_from_slice(buf),
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
