//! JSON byte for byte as `serde_json` writes it, faster where it counts: in the wasm, every result
//! crosses to JS as one JSON text (`crates/wasm/src/convert.rs`).

use std::fmt;

use serde::ser::{self, Impossible, Serialize};

/// `value` as JSON, byte for byte what `serde_json::to_string` writes (the tests hold it to that).
///
/// Why not serde_json's serializer: at opt-level "z" nothing of it is inlined, so every field was a
/// dozen calls (the `io::Write` plumbing, a `map_err` per write, a bounds-checked split per byte of
/// every string) and serialising was a third of decodeToken's time in the wasm. This one writes each
/// field in a few appends and checks strings eight bytes at a time. It replaces serde_json's for
/// everything that crosses to JS, so the `Serialize` impls exist once in the wasm.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, SerializeError> {
    let mut json = JsonWriter::with_buffer(Vec::new());
    value.serialize(&mut json)?;
    json.buf.truncate(json.len);
    // Only UTF-8 is written: whole `str`s or runs of them cut at ASCII bytes, and ASCII.
    String::from_utf8(json.buf).map_err(|_| SerializeError("the result is not UTF-8".to_owned()))
}

/// Why a value could not be serialised: a `Serialize` impl's own error, or a map key serde_json
/// would refuse too (same message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerializeError(String);

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerializeError {}

impl ser::Error for SerializeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerializeError(msg.to_string())
    }
}

fn key_must_be_a_string() -> SerializeError {
    SerializeError("key must be a string".to_owned())
}

/// The output: `buf[..len]` is written; the rest is room, holding whatever an earlier call left
/// (`buf` grows zero-filled). Appends are index writes after one capacity check, not `Vec::push`
/// or `String::push` calls (opt-level "z" leaves those as calls, each re-checking capacity, and
/// `String::push` re-encodes every ASCII char as UTF-8).
pub struct JsonWriter {
    buf: Vec<u8>,
    len: usize,
}

impl JsonWriter {
    /// A writer appending into `buf`'s room (its contents are overwritten): a buffer kept from an
    /// earlier call saves allocating and zeroing one per call.
    pub fn with_buffer(buf: Vec<u8>) -> Self {
        JsonWriter { buf, len: 0 }
    }

    /// What has been written: UTF-8 JSON once a `serialize` returned `Ok`.
    pub fn written(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// The buffer back, for the next writer.
    pub fn into_buffer(self) -> Vec<u8> {
        self.buf
    }

    /// Appends `json` as it is: JSON the caller wrote (keys in a fixed order, punctuation).
    pub fn raw(&mut self, json: &str) {
        self.bytes(json.as_bytes());
    }

    /// Appends `s` as a JSON string literal, escaped as serde_json escapes it.
    pub fn str(&mut self, s: &str) {
        self.string(s);
    }

    /// What was written, as text (only `str`s and ASCII are ever written).
    pub fn into_string(mut self) -> String {
        self.buf.truncate(self.len);
        String::from_utf8(self.buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// serde_json's escape table: `\"`, `\\`, the short escapes, `\u00XX` for other control characters.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Whether no byte of `b` needs escaping in a JSON string: eight bytes at a time.
fn escape_free(b: &[u8]) -> bool {
    let (blocks, tail) = b.as_chunks::<8>();
    let mut k = 0;
    while k < blocks.len() {
        if needs_escape(u64::from_le_bytes(blocks[k])) {
            return false;
        }
        k += 1;
    }
    let mut t = 0;
    while t < tail.len() {
        if ESCAPE[tail[t] as usize] != 0 {
            return false;
        }
        t += 1;
    }
    true
}

/// Whether any of eight bytes is a control character, `"` or `\`: exact, no false positives or
/// negatives (each test is the classic "has a byte less than n" / "has a zero byte" trick).
#[inline(always)]
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    (below_space | zero_in(x ^ (ONES * b'"' as u64)) | zero_in(x ^ (ONES * b'\\' as u64))) != 0
}

impl JsonWriter {
    /// Room for `n` more bytes.
    #[inline(always)]
    fn room(&mut self, n: usize) {
        if self.buf.len() - self.len < n {
            self.grow(n);
        }
    }

    #[inline(never)]
    fn grow(&mut self, n: usize) {
        let size = (self.len + n).max(2 * self.buf.len()).max(8192);
        self.buf.resize(size, 0);
    }

    // Writes go through a plain slice: at opt-level "z" even `Vec` indexing is a call, slice
    // indexing is not.
    fn byte(&mut self, b: u8) {
        self.room(1);
        let len = self.len;
        self.buf.as_mut_slice()[len] = b;
        self.len = len + 1;
    }

    fn bytes(&mut self, b: &[u8]) {
        self.room(b.len());
        let (len, end) = (self.len, self.len + b.len());
        self.buf.as_mut_slice()[len..end].copy_from_slice(b);
        self.len = end;
    }

    /// `"s"` when `s` needs no escape (the common case: one capacity check, one copy), with the
    /// optional ASCII bytes `before` and `after` around it; false, writing nothing, otherwise.
    fn plain_string(&mut self, before: Option<u8>, s: &[u8], after: Option<u8>) -> bool {
        if !escape_free(s) {
            return false;
        }
        self.room(s.len() + 4);
        let out = self.buf.as_mut_slice();
        let mut at = self.len;
        if let Some(b) = before {
            out[at] = b;
            at += 1;
        }
        out[at] = b'"';
        at += 1;
        if s.len() <= 24 {
            // Keys and most values are short: a byte loop beats `copy_from_slice`'s call to memcpy.
            for &c in s {
                out[at] = c;
                at += 1;
            }
        } else {
            out[at..at + s.len()].copy_from_slice(s);
            at += s.len();
        }
        out[at] = b'"';
        at += 1;
        if let Some(a) = after {
            out[at] = a;
            at += 1;
        }
        self.len = at;
        true
    }

    fn string(&mut self, s: &str) {
        if self.plain_string(None, s.as_bytes(), None) {
            return;
        }
        let b = s.as_bytes();
        self.byte(b'"');
        let (mut start, mut i) = (0, 0);
        while i < b.len() {
            let escape = ESCAPE[b[i] as usize];
            if escape != 0 {
                self.bytes(&b[start..i]);
                if escape == b'u' {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.bytes(&[b'\\', b'u', b'0', b'0', HEX[(b[i] >> 4) as usize], HEX[(b[i] & 0xf) as usize]]);
                } else {
                    self.bytes(&[b'\\', escape]);
                }
                start = i + 1;
            }
            i += 1;
        }
        self.bytes(&b[start..]);
        self.byte(b'"');
    }

    fn unsigned(&mut self, n: u64) {
        let mut buf = [0u8; 20];
        self.bytes(decimal(n, &mut buf).as_bytes());
    }

    fn signed(&mut self, n: i64) {
        if n < 0 {
            self.byte(b'-');
        }
        self.unsigned(n.unsigned_abs());
    }

    /// Floats and 128-bit integers, rare here: serde_json writes them, so its float format is kept.
    fn by_serde_json<T: Serialize>(&mut self, value: T) -> Result<(), SerializeError> {
        let text = serde_json::to_string(&value).map_err(|e| SerializeError(e.to_string()))?;
        self.bytes(text.as_bytes());
        Ok(())
    }

    /// `{"variant":` — the head of serde_json's externally tagged variants.
    fn variant_head(&mut self, variant: &str) {
        self.byte(b'{');
        self.string(variant);
        self.byte(b':');
    }
}

/// An array or object being written; `close` ends it (`]`, `}`, or `]}` / `}}` for a variant).
pub struct Compound<'a> {
    json: &'a mut JsonWriter,
    first: bool,
    close: &'static str,
}

impl Compound<'_> {
    fn separator(&mut self) {
        if !self.first {
            self.json.byte(b',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerializeError> {
        self.separator();
        value.serialize(&mut *self.json)
    }

    /// `,"key":` (no comma first). Not generic, so each field's code is this call and the value's.
    fn key(&mut self, key: &str) {
        let comma = if self.first { None } else { Some(b',') };
        self.first = false;
        if !self.json.plain_string(comma, key.as_bytes(), Some(b':')) {
            if let Some(c) = comma {
                self.json.byte(c);
            }
            self.json.string(key);
            self.json.byte(b':');
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), SerializeError> {
        self.key(key);
        value.serialize(&mut *self.json)
    }

    fn close(self) -> Result<(), SerializeError> {
        self.json.bytes(self.close.as_bytes());
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut JsonWriter {
    type Ok = ();
    type Error = SerializeError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), SerializeError> {
        self.bytes(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), SerializeError> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), SerializeError> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), SerializeError> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), SerializeError> {
        self.signed(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), SerializeError> {
        self.by_serde_json(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), SerializeError> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), SerializeError> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), SerializeError> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), SerializeError> {
        self.unsigned(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), SerializeError> {
        self.by_serde_json(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), SerializeError> {
        self.by_serde_json(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), SerializeError> {
        // serde_json's rule: finite floats in its shortest form (what `Number` prints), else null.
        match serde_json::Number::from_f64(v) {
            Some(n) => self.bytes(n.to_string().as_bytes()),
            None => self.bytes(b"null"),
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), SerializeError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), SerializeError> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), SerializeError> {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            seq.element(b)?;
        }
        seq.close()
    }
    fn serialize_none(self) -> Result<(), SerializeError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), SerializeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), SerializeError> {
        self.bytes(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), SerializeError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), SerializeError> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), SerializeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), SerializeError> {
        self.variant_head(variant);
        value.serialize(&mut *self)?;
        self.byte(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, SerializeError> {
        self.byte(b'[');
        Ok(Compound { json: self, first: true, close: "]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, SerializeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, SerializeError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, SerializeError> {
        self.variant_head(variant);
        self.byte(b'[');
        Ok(Compound { json: self, first: true, close: "]}" })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, SerializeError> {
        self.byte(b'{');
        Ok(Compound { json: self, first: true, close: "}" })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, SerializeError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, SerializeError> {
        self.variant_head(variant);
        self.byte(b'{');
        Ok(Compound { json: self, first: true, close: "}}" })
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), SerializeError> {
        self.string(&value.to_string());
        Ok(())
    }
}

// Sequences, tuples and tuple structs and variants are all `[a,b,…]` here: serde wants one impl
// per trait, so one macro writes them.
macro_rules! array_like {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = SerializeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerializeError> {
                self.element(value)
            }
            fn end(self) -> Result<(), SerializeError> {
                self.close()
            }
        }
    )*};
}

array_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = SerializeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerializeError> {
        self.separator();
        key.serialize(MapKey(&mut *self.json))?;
        self.json.byte(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerializeError> {
        value.serialize(&mut *self.json)
    }
    fn end(self) -> Result<(), SerializeError> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = SerializeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), SerializeError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), SerializeError> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = SerializeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), SerializeError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), SerializeError> {
        self.close()
    }
}

/// Object keys, as serde_json takes them: strings, and numbers, bools and chars quoted.
pub struct MapKey<'a>(&'a mut JsonWriter);

impl MapKey<'_> {
    fn quoted(self, write: impl FnOnce(&mut JsonWriter) -> Result<(), SerializeError>) -> Result<(), SerializeError> {
        self.0.byte(b'"');
        write(&mut *self.0)?;
        self.0.byte(b'"');
        Ok(())
    }

    fn float<T: Serialize>(self, finite: bool, v: T) -> Result<(), SerializeError> {
        if !finite {
            return Err(SerializeError("float key must be finite (got NaN or +/-inf)".to_owned()));
        }
        self.quoted(|j| j.by_serde_json(v))
    }
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = SerializeError;
    type SerializeSeq = Impossible<(), SerializeError>;
    type SerializeTuple = Impossible<(), SerializeError>;
    type SerializeTupleStruct = Impossible<(), SerializeError>;
    type SerializeTupleVariant = Impossible<(), SerializeError>;
    type SerializeMap = Impossible<(), SerializeError>;
    type SerializeStruct = Impossible<(), SerializeError>;
    type SerializeStructVariant = Impossible<(), SerializeError>;

    fn serialize_str(self, v: &str) -> Result<(), SerializeError> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), SerializeError> {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), SerializeError> {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), SerializeError> {
        value.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), SerializeError> {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<(), SerializeError> {
        self.quoted(|j| ser::Serializer::serialize_bool(j, v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), SerializeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), SerializeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), SerializeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), SerializeError> {
        self.quoted(|j| {
            j.signed(v);
            Ok(())
        })
    }
    fn serialize_i128(self, v: i128) -> Result<(), SerializeError> {
        self.quoted(|j| j.by_serde_json(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), SerializeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), SerializeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), SerializeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), SerializeError> {
        self.quoted(|j| {
            j.unsigned(v);
            Ok(())
        })
    }
    fn serialize_u128(self, v: u128) -> Result<(), SerializeError> {
        self.quoted(|j| j.by_serde_json(v))
    }
    fn serialize_f32(self, v: f32) -> Result<(), SerializeError> {
        self.float(v.is_finite(), v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), SerializeError> {
        self.float(v.is_finite(), v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, SerializeError> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, SerializeError> {
        Err(key_must_be_a_string())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), SerializeError> {
        self.0.string(&value.to_string());
        Ok(())
    }
}

/// `n` in decimal, written into `buf` (20 digits hold any u64): no allocation, no `fmt`.
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits only.
    std::str::from_utf8(&buf[i..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn same<T: Serialize + ?Sized>(value: &T) {
        assert_eq!(to_json(value).unwrap(), serde_json::to_string(value).unwrap());
    }

    #[test]
    fn writes_what_serde_json_writes_for_every_shape() {
        #[derive(Serialize)]
        struct Unit;
        #[derive(Serialize)]
        struct Newtype(u8);
        #[derive(Serialize)]
        struct Pair(i32, &'static str);
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Fields {
            some_text: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
            #[serde(rename = "we\"ird\u{1}")]
            weird: bool,
            empty: Vec<u8>,
            list: Vec<E>,
            map: BTreeMap<String, i64>,
        }
        #[derive(Serialize)]
        enum E {
            Plain,
            #[serde(rename = "new-type")]
            Newtype(Vec<u16>),
            Tuple(u8, char),
            EmptyTuple(),
            Struct { a: i8, b: Option<()> },
            EmptyStruct {},
        }
        #[derive(Serialize)]
        #[serde(tag = "kind", content = "data")]
        enum Adjacent {
            A(u32),
        }
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Untagged {
            X(f64),
        }

        same(&Unit);
        same(&Newtype(7));
        same(&Pair(-3, "x"));
        same(&(1u8, "two", 3.5f32, [4i16; 2], ()));
        same(&Fields {
            some_text: Some("a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{0}i\u{1f}j\u{7f}k\u{2028}lé😀/".into()),
            skipped: None,
            weird: true,
            empty: vec![],
            list: vec![E::Plain, E::Newtype(vec![1, 2]), E::Tuple(0, '"'), E::EmptyTuple(), E::Struct { a: -1, b: Some(()) }, E::EmptyStruct {}],
            map: [("b".to_owned(), i64::MIN), ("a".to_owned(), i64::MAX)].into(),
        });
        same(&Adjacent::A(1));
        same(&[Untagged::X(0.1), Untagged::X(-0.0), Untagged::X(1e300), Untagged::X(f64::NAN), Untagged::X(f64::INFINITY), Untagged::X(1700000000.0)]);
        same(&[f32::MIN_POSITIVE, f32::NAN, 1.0e-7]);
        same(&(u64::MAX, i64::MIN, u128::MAX, i128::MIN, 0u8, -0i8));
        same(&serde_bytes_like());
        same(&json!({"k": [null, true, false, 1, -1, 1.5, 18446744073709551615u64, "s", {"nested": {}}, []]}));
        // Map keys of every kind serde_json accepts, and the ones it refuses.
        same(&BTreeMap::from([(1u8, "a"), (2, "b")]));
        same(&BTreeMap::from([(-5i64, 1)]));
        same(&BTreeMap::from([(true, 1), (false, 0)]));
        same(&BTreeMap::from([('c', 1)]));
        same(&BTreeMap::from([(u128::MAX, 1)]));
        let float_keys = [(1.5f64, 1)];
        let float_map = float_keys.iter().map(|(k, v)| (FloatKey(*k), *v)).collect::<Vec<_>>();
        same(&MapOf(float_map));
        assert_eq!(to_json(&MapOf(vec![(FloatKey(f64::NAN), 1)])).unwrap_err().0, serde_json::to_string(&MapOf(vec![(FloatKey(f64::NAN), 1)])).unwrap_err().to_string());
        assert_eq!(to_json(&MapOf(vec![((), 1)])).unwrap_err().0, serde_json::to_string(&MapOf(vec![((), 1)])).unwrap_err().to_string());
        // Every string length around the eight-byte blocks, with the escape at every position.
        for len in 0..40 {
            for at in 0..=len {
                for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "é", " ", "\u{7f}"] {
                    let s = format!("{}{special}{}", "a".repeat(at), "b".repeat(len - at));
                    same(&s);
                }
            }
        }
        // Every byte value next to plain text, each alone.
        for c in (0u32..0x100).filter_map(char::from_u32) {
            same(&format!("abcdefgh{c}ijklmnop"));
        }
    }

    /// `serialize_bytes`, which no derive emits by itself.
    fn serde_bytes_like() -> impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&[0, 1, 255])
            }
        }
        Bytes
    }

    struct FloatKey(f64);
    impl Serialize for FloatKey {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_f64(self.0)
        }
    }

    /// A map with keys of any type (serde_json refuses some at serialisation, not at compile time).
    struct MapOf<K>(Vec<(K, i32)>);
    impl<K: Serialize> Serialize for MapOf<K> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }

    /// Over the fuzz corpora, when present (`cargo +nightly fuzz` keeps them in fuzz/corpus):
    /// `cargo test -p acr-login-core --release -- --ignored`.
    #[test]
    #[ignore]
    fn writes_what_serde_json_writes_for_the_fuzz_corpora() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus");
        let mut n = 0;
        for target in ["decode_token", "scan_log"] {
            let Ok(dir) = std::fs::read_dir(format!("{root}/{target}")) else { continue };
            for entry in dir {
                let text = String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap()).into_owned();
                for now in [0, 1_763_000_000, i64::MAX] {
                    same(&crate::token::decode_token(&text, now));
                }
                same(&crate::scan::scan_log(&text, 1_763_000_000));
                if let Ok(jwt) = crate::jwt::decode_jwt(&text) {
                    same(&jwt);
                }
                n += 1;
            }
        }
        eprintln!("{n} corpus inputs");
    }

    #[test]
    fn writes_what_serde_json_writes_for_every_report() {
        let now = 1_763_000_000;
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/scan/testdata/real");
        let mut logs = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            same(&crate::scan::scan_log(&text, now));
            same(&crate::token::decode_token(&text, now));
            logs += 1;
        }
        assert!(logs > 10);
        same(crate::catalog::entries());
        let b64 = |v: serde_json::Value| {
            let text = v.to_string();
            let mut out = String::new();
            for chunk in text.as_bytes().chunks(3) {
                let n = chunk.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
                for k in 0..=chunk.len() {
                    out.push(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[(n >> (18 - 6 * k) & 63) as usize] as char);
                }
            }
            out
        };
        let header = json!({"alg": "RS256", "typ": "JWT"});
        for claims in [
            json!({"iss": "https://token.actions.githubusercontent.com", "sub": "repo:o/r:ref:refs/heads/main", "aud": "api://AzureADTokenExchange", "exp": now + 300, "iat": now, "repository": "o/r"}),
            json!({"iss": "https://sts.windows.net/t/", "aud": "https://management.azure.com/", "exp": 1.7e9, "roles": ["a"], "name": "é \" \u{1}"}),
            json!({"iss": "Azure Container Registry", "aud": "r.azurecr.io", "access": [{"type": "repository", "name": "a", "actions": []}], "exp": u64::MAX}),
        ] {
            let token = format!("{}.{}.c2ln", b64(header.clone()), b64(claims));
            let report = crate::token::decode_token(&token, now);
            assert!(report.tokens[0].decoded);
            same(&report);
            same(&crate::jwt::decode_jwt(&token).unwrap());
        }
    }
}
