//! The error catalog: every known failure with a stable ID (`AL` + 3 digits, append-only).
//! (Owned by the catalog work; this stub fixes only the lookup signatures.)

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: &'static str,
    pub category: &'static str,
    pub title: &'static str,
}

pub fn entries() -> &'static [Entry] {
    &[]
}

pub fn entry(id: &str) -> Option<&'static Entry> {
    entries().iter().find(|e| e.id == id)
}
