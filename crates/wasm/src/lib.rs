//! The wasm façade: conversions between JS values and `acr_login_core` types, and the fetch
//! transport. No logic lives here. Expected outcomes (findings, diagnoses) are returned as data;
//! only misuse or undecodable input throws, always as a JS `Error` carrying a stable `code`.

mod convert;
mod jwt;
mod login;
mod scan;
mod token;

#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

// Talc rather than the default dlmalloc: smaller, and no slower here (see Cargo.toml).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
