//! The catalog's "tidy" checks (rustc's tidy, ruff's rule registry): IDs, categories, the ledger,
//! the patterns, and that every example is recognised by the scanner as its own entry, first.

use super::*;
use crate::scan::{invalid_patterns, scan_log};
use std::collections::HashSet;

/// Pre-assigned in notes/catalog-ids.md: other modules reference these before the catalog existed.
const PRE_ASSIGNED: &[(&str, &str)] = &[
    ("AL001", "oidc-missing-id-token-permission"),
    ("AL002", "oidc-token-expired"),
    ("AL010", "oidc-no-federated-credential"),
    ("AL011", "oidc-issuer-mismatch"),
    ("AL012", "oidc-audience-mismatch"),
    ("AL013", "oidc-subject-mismatch"),
    ("AL014", "oidc-no-federated-credential"),
    ("AL015", "oidc-no-federated-credential"),
    ("AL016", "oidc-no-federated-credential"),
    ("AL020", "client-secret-expired"),
    ("AL021", "client-secret-invalid"),
    ("AL022", "app-not-found-in-tenant"),
    ("AL023", "wrong-tenant"),
    ("AL024", "conditional-access-blocked"),
    ("AL025", "other"),
    ("AL026", "other"),
    ("AL030", "missing-rbac-role"),
    ("AL031", "arm-audience-token-disabled"),
    ("AL032", "token-expired-acr"),
    ("AL033", "missing-rbac-role"),
    ("AL040", "network-ip-denied"),
    ("AL041", "dns-resolution"),
    ("AL042", "tls-certificate"),
    ("AL043", "throttled"),
    ("AL044", "network-unreachable"),
    ("AL045", "proxy"),
    ("AL050", "docker-daemon-unavailable"),
    ("AL060", "repository-not-found"),
    ("AL061", "admin-account-disabled"),
    ("AL062", "anonymous-pull-disabled"),
    ("AL063", "scope-map-token-denied"),
];

/// A fixed "now" for the examples: after every example's timestamps.
const NOW: i64 = 1_800_000_000;

fn well_formed(id: &str) -> bool {
    id.len() == 5 && id.starts_with("AL") && id[2..].bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn ids_are_unique_well_formed_and_sorted() {
    let all = entries();
    let mut seen = HashSet::new();
    for e in all {
        assert!(well_formed(e.id), "{} is not AL + 3 digits", e.id);
        assert!(seen.insert(e.id), "{} is used twice", e.id);
    }
    assert!(all.windows(2).all(|w| w[0].id < w[1].id));
    assert!(all.len() >= 60, "the issue asks for at least 60 entries, found {}", all.len());
    assert_eq!(entry("AL013").map(|e| e.category), Some("oidc-subject-mismatch"));
    assert!(entry("AL999").is_none());
}

#[test]
fn pre_assigned_ids_exist_with_their_categories() {
    for (id, category) in PRE_ASSIGNED {
        let e = entry(id).unwrap_or_else(|| panic!("pre-assigned {id} is missing"));
        assert_eq!(e.category, *category, "{id} category");
    }
}

#[test]
fn categories_are_the_vocabulary_and_all_are_used() {
    let used: HashSet<&str> = entries().iter().map(|e| e.category).collect();
    for e in entries() {
        assert!(CATEGORIES.contains(&e.category), "{}: unknown category {}", e.id, e.category);
    }
    for c in CATEGORIES {
        assert!(used.contains(c), "category {c} is used by no entry");
    }
}

#[test]
fn entries_are_complete() {
    const AREAS: &[&str] = &["github", "entra", "acr", "network", "docker", "aks", "check-health", "devops", "token"];
    for e in entries() {
        assert!(AREAS.contains(&e.area), "{}: area {:?}", e.id, e.area);
        assert!(!e.title.is_empty() && !e.cause.is_empty(), "{}: title and cause", e.id);
        assert!(!e.fix.is_empty(), "{}: needs fix steps", e.id);
        assert!(!e.docs.is_empty() && e.docs.iter().all(|d| d.starts_with("https://")), "{}: docs", e.id);
        assert!(!e.examples.is_empty(), "{}: needs an example", e.id);
        assert!(e.examples.iter().all(|x| !x.source.is_empty()), "{}: every example cites its shape", e.id);
        if e.area != "token" {
            assert!(!e.patterns.is_empty(), "{}: needs patterns", e.id);
        }
        for s in e.fix {
            assert_eq!(s.code.is_some(), s.lang.is_some(), "{}: code and lang go together", e.id);
        }
        if e.id.starts_with("AL5") {
            let code = e.check_health_code.unwrap_or_else(|| panic!("{}: check-health code", e.id));
            assert!(e.patterns.iter().any(|p| p.text == code), "{}: matches its own code", e.id);
        }
    }
}

/// The examples live apart from their entries (`examples/<area>.txt`, so the wasm can leave them
/// out): the data files hold none, and each examples record is `example:` fields only, for an
/// entry of the data file of the same area, given once.
#[test]
fn examples_live_apart_next_to_their_entries() {
    let mut seen = HashSet::new();
    for ((area, data), (ex_area, examples)) in DATA.iter().zip(EXAMPLES) {
        assert_eq!(area, ex_area, "DATA and EXAMPLES list the areas in the same order");
        let (mut entries, mut records) = (Vec::new(), Vec::new());
        assert!(parse::parse(data, &mut entries).is_ok() && parse::parse(examples, &mut records).is_ok());
        for e in &entries {
            assert!(e.examples.is_empty(), "{}: data/{area}.txt holds an example; examples go in examples/{area}.txt", e.id);
        }
        for r in &records {
            assert!(entries.iter().any(|e| e.id == r.id), "examples/{area}.txt: {} is no entry of data/{area}.txt", r.id);
            assert!(seen.insert(r.id), "examples/{area}.txt: {} has a second examples record", r.id);
            let only_examples = serde_json::json!({ "id": r.id, "category": "", "status": "stable", "area": "", "title": "",
                "patterns": [], "cause": "", "fix": [], "docs": [], "examples": serde_json::to_value(r.examples).unwrap() });
            assert_eq!(serde_json::to_value(r).unwrap(), only_examples, "examples/{area}.txt: {} holds more than `example:` fields", r.id);
        }
    }
}

#[test]
fn every_pattern_compiles_with_a_searchable_anchor() {
    assert_eq!(invalid_patterns(), vec![]);
}

#[test]
fn every_example_is_recognised_as_its_own_entry_first() {
    let mut failures = Vec::new();
    for e in entries().iter().filter(|e| e.status == Status::Stable) {
        for (i, x) in e.examples.iter().enumerate() {
            let report = scan_log(x.text, NOW);
            let top = report.findings.first().map(|f| f.id);
            if top != Some(e.id) {
                let got: Vec<_> = report.findings.iter().map(|f| format!("{}({:?})", f.id, f.strength)).collect();
                failures.push(format!("{} example {i}: top {:?}, findings {:?}", e.id, top, got));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The ledger: `ids.txt` lists every ID ever assigned, in assignment order. An ID may be retired
/// (status) but never removed from the catalog nor reused; new IDs are appended to the file.
#[test]
fn ledger_is_append_only() {
    let ledger: Vec<&str> = include_str!("ids.txt").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let mut seen = HashSet::new();
    for id in &ledger {
        assert!(well_formed(id), "ledger line {id:?}");
        assert!(seen.insert(*id), "{id} appears twice in ids.txt (IDs are never reused)");
        assert!(entry(id).is_some(), "{id} is in ids.txt but not in the catalog: retire it with `status: Retired`, never remove it");
    }
    for e in entries() {
        assert!(seen.contains(e.id), "{} is not in ids.txt: append new IDs to the end of the ledger", e.id);
    }
    // Against the last commit, when git and the file's history are there: the committed ledger
    // must be a prefix of the current one (nothing removed, reordered or reused).
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/catalog/ids.txt");
    if let Ok(out) = std::process::Command::new("git")
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "show", "HEAD:./src/catalog/ids.txt"])
        .output()
    {
        if out.status.success() {
            let committed = String::from_utf8_lossy(&out.stdout);
            let old: Vec<&str> = committed.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
            assert!(old.len() <= ledger.len() && ledger[..old.len()] == old[..], "{path}: the committed ledger must stay a prefix (append only)");
        }
    }
}

#[test]
fn retired_entries_are_not_reported() {
    // No entry is retired yet; the scanner skips retired ones (see scan::matcher).
    assert!(entries().iter().all(|e| e.status == Status::Stable));
}

#[test]
fn serialises_with_stable_field_names() {
    let v = serde_json::to_value(entry("AL013").unwrap()).unwrap();
    for k in ["id", "category", "status", "area", "title", "patterns", "cause", "fix", "docs", "examples"] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["status"], "stable");
    assert_eq!(v["patterns"][0]["strength"], "root-cause");
    assert!(v.get("checkHealthCode").is_none());
    let v = serde_json::to_value(entry("AL508").unwrap()).unwrap();
    assert_eq!(v["checkHealthCode"], "CONNECTIVITY_DNS_ERROR");
}

/// Writes every example (scan_log seeds) and every example's tokens region (decode_token seeds)
/// into `$FUZZ_SEEDS/<target>/`; scripts/fuzz.sh runs this to seed an empty corpus.
#[test]
#[ignore = "run by scripts/fuzz.sh with FUZZ_SEEDS set"]
fn dump_fuzz_seeds() {
    let Ok(dir) = std::env::var("FUZZ_SEEDS") else { return };
    for target in ["scan_log", "decode_token"] {
        std::fs::create_dir_all(format!("{dir}/{target}")).unwrap();
    }
    for e in entries() {
        for (i, x) in e.examples.iter().enumerate() {
            std::fs::write(format!("{dir}/scan_log/{}-{i}", e.id), x.text).unwrap();
            if x.text.contains("eyJ") || x.text.contains('{') {
                std::fs::write(format!("{dir}/decode_token/{}-{i}", e.id), x.text).unwrap();
            }
        }
    }
}

#[test]
fn one_record_alone_parses_as_in_the_whole_catalog() {
    for e in entries() {
        let alone = super::parse_one(e.id).unwrap_or_else(|| panic!("{} not found alone", e.id));
        assert_eq!(serde_json::to_string(&alone).unwrap(), serde_json::to_string(e).unwrap(), "{}", e.id);
    }
    assert!(super::parse_one("AL999").is_none() && super::parse_one("AL01").is_none() && super::parse_one("").is_none());
}
