//! scan_log on arbitrary text: must never panic, every span must lie inside the input (JS slices
//! with it), findings must be ranked, and the report must serialise.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = acr_login_core::scan::scan_log(&text, 1_800_000_000);
    let units = text.encode_utf16().count();
    for (i, f) in report.findings.iter().enumerate() {
        assert!(f.start <= f.end && f.end <= units, "span out of range");
        assert!(f.line >= 1 && f.column >= 1 && f.end_line >= f.line, "position");
        assert_eq!(f.rank, i + 1);
        assert!(acr_login_core::catalog::entry(f.id).is_some());
    }
    for w in report.findings.windows(2) {
        assert!(w[0].strength >= w[1].strength, "ranked by strength");
    }
    for t in &report.tokens {
        assert!(t.start < t.end && t.end <= units);
    }
    let _ = serde_json::to_string(&report).expect("ScanReport serialises");
});
