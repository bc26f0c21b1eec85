//! The two ways data crosses the boundary: plain JS objects out, `Error`s with a `code` thrown.

use std::cell::Cell;

use acr_login_core::json_writer::{JsonWriter, SerializeError};
use js_sys::{JsString, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Serialises to plain JS objects through one JSON string and `JSON.parse`, not field by field:
/// results carry token claims verbatim, and a field-wise serializer refuses integers beyond 2^53
/// (`"exp": 18446744073709551615` would throw) where JSON.parse rounds like any JS decoder. It is
/// also one boundary crossing instead of one per field.
///
/// The JSON is written into a buffer kept between calls (no allocation, no zeroing per call) and
/// handed to JS as bytes: the engine's `TextDecoder` makes the string, so no UTF-8 check here.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    parse_written(&mut |json| value.serialize(json))
}

/// The rest of [`to_js`], not generic: one copy in the wasm whatever the type.
fn parse_written(write: &mut dyn FnMut(&mut JsonWriter) -> Result<(), SerializeError>) -> Result<JsValue, JsValue> {
    BUFFER.with(|kept| {
        let mut json = JsonWriter::with_buffer(kept.take());
        let result = match write(&mut json) {
            Ok(()) => DECODER
                .with(|decoder| json_parse(&decoder.decode(json.written())))
                .map_err(|_| js_error("INTERNAL_SERIALIZE", "the result is not valid JSON", None)),
            Err(e) => Err(js_error("INTERNAL_SERIALIZE", &e.to_string(), None)),
        };
        // Kept for the next call unless a large result (a big log's scan) grew it.
        let buf = json.into_buffer();
        if buf.len() <= MAX_KEPT_BUFFER {
            kept.set(buf);
        }
        result
    })
}

/// Room kept between [`to_js`] calls: most results fit (a GitHub token's report is ~4.5 KB).
const MAX_KEPT_BUFFER: usize = 64 * 1024;

thread_local! {
    static BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    static DECODER: TextDecoder = TextDecoder::new();
}

#[wasm_bindgen]
extern "C" {
    /// UTF-8, replacing what is not (never happens: only UTF-8 is written). Its BOM stripping
    /// cannot apply either: the JSON starts with an ASCII character.
    type TextDecoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextDecoder;
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> JsString;
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    /// `{read, written}`: UTF-16 units consumed, bytes written.
    type EncodeIntoResult;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, destination: &Uint8Array) -> EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// A JS string as UTF-8, copied by the engine's `TextEncoder.encodeInto` straight into wasm
/// memory. A `&str` parameter makes the wasm-bindgen glue copy ASCII text with a JS loop, one char
/// at a time: for a pasted token that loop was ~4 µs of decodeToken's time in Node, this is a few
/// boundary calls. Lone surrogates become U+FFFD, as they do through a `&str` parameter.
pub fn text_from_js(text: &JsString) -> String {
    let units = text.length();
    // ASCII needs one byte per UTF-16 unit: try that, grow only for what does not fit.
    let mut buf: Vec<u8> = vec![0; units as usize];
    let (mut read, mut written) = (0u32, 0usize);
    // Two rounds at most (see below); a third would mean the engine broke encodeInto's contract.
    for _ in 0..2 {
        if read >= units {
            break;
        }
        let sliced;
        let rest = if read == 0 {
            text
        } else {
            sliced = text.slice(read, units);
            &sliced
        };
        let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer();
        let start = buf.as_ptr() as usize + written;
        let view = Uint8Array::new_with_byte_offset_and_length(&memory, start as u32, (buf.len() - written) as u32);
        let result = ENCODER.with(|encoder| encoder.encode_into(rest, &view));
        read += result.read();
        written += result.written() as usize;
        if read < units {
            // Each remaining unit takes at most 3 bytes (a surrogate pair: 4 bytes for 2 units),
            // so the second round finishes.
            buf.resize(written + 3 * (units - read) as usize, 0);
        }
    }
    if read < units {
        return text.as_string().unwrap_or_default();
    }
    buf.truncate(written);
    // encodeInto writes UTF-8 only; should that ever fail, wasm-bindgen's own copy is the fallback.
    String::from_utf8(buf).unwrap_or_else(|_| text.as_string().unwrap_or_default())
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
