//! Scanner behaviour on real-shaped logs. Every error text here is copied from a catalog example
//! or from the reference (see each entry's `source`); the tokens are synthetic (fake signatures)
//! with the claim sets of reference §1.3 / §1.7.

use super::*;

/// GitHub OIDC token: sub `repo:contoso/api:environment:production`, iat 2024-06-03T09:14:20Z,
/// exp 09:19:20Z, aud api://AzureADTokenExchange.
const GH_TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsIng1dCI6InlrSXZoWXdtQVZPaTBqM2h6U1dicUFzV3RFcyIsImtpZCI6IjFGMkFCODM0MDRDMDhFQzlFQTBCQjk5REFFRDAyMTg2QjA5MURCRjQifQ.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIiwiYXVkIjoiYXBpOi8vQXp1cmVBRFRva2VuRXhjaGFuZ2UiLCJzdWIiOiJyZXBvOmNvbnRvc28vYXBpOmVudmlyb25tZW50OnByb2R1Y3Rpb24iLCJuYmYiOjE3MTc0MDU0NjAsImlhdCI6MTcxNzQwNjA2MCwiZXhwIjoxNzE3NDA2MzYwLCJyZXBvc2l0b3J5IjoiY29udG9zby9hcGkiLCJlbnZpcm9ubWVudCI6InByb2R1Y3Rpb24iLCJldmVudF9uYW1lIjoicHVzaCJ9.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl";

/// ACR refresh token for contosoacr.azurecr.io: iat 2024-06-03T09:10:00Z, exp 12:10:00Z.
const ACR_REFRESH: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IkFCQ0Q6RUZHSDpJSktMOk1OT1A6UVJTVDpVVldYOllaMDE6MjM0NTo2Nzg5OkFCQ0Q6RUZHSDpJSktMIn0.eyJqdGkiOiI4ZDdjNmI1YS00ZTNmLTRhMmItOWMxZC0wZTlmOGE3YjZjNWQiLCJzdWIiOiJiMWMyZDNlNC1mNWE2LTRiN2MtOGQ5ZS0wZjFhMmIzYzRkNWUiLCJuYmYiOjE3MTc0MDU4MDAsImV4cCI6MTcxNzQxNjYwMCwiaWF0IjoxNzE3NDA1ODAwLCJpc3MiOiJBenVyZSBDb250YWluZXIgUmVnaXN0cnkiLCJhdWQiOiJjb250b3NvYWNyLmF6dXJlY3IuaW8iLCJ2ZXJzaW9uIjoiMS4wIiwiZ3JhbnRfdHlwZSI6InJlZnJlc2hfdG9rZW4iLCJ0ZW5hbnQiOiI3MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMWRiNDciLCJwZXJtaXNzaW9ucyI6eyJhY3Rpb25zIjpbInJlYWQiLCJ3cml0ZSJdLCJub3RBY3Rpb25zIjpbXX0sInJvbGVzIjpbXX0.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl";

const NOW: i64 = 1_800_000_000;

fn ids(r: &ScanReport) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id).collect()
}

/// What JS `text.slice(start, end)` returns for a finding.
fn js_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[start..end])
}

#[test]
fn empty_and_clean_input() {
    let r = scan_log("", NOW);
    assert!(r.findings.is_empty() && r.candidates.is_empty() && r.root_cause.is_none());
    assert_eq!(r.summary, "No known failure found in this log.");
    let r = scan_log("2024-06-03T09:00:00.0000000Z ##[group]Run actions/checkout@v4\nall good\n", NOW);
    assert!(r.findings.is_empty());
    assert_eq!(r.format, "github-actions");
}

#[test]
fn root_cause_outranks_the_later_exit_code_line() {
    let log = "2024-06-03T09:14:23.1Z [command]/usr/bin/az login --service-principal -u *** --tenant *** --federated-token ***\n\
               2024-06-03T09:14:24.8Z ##[error]AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://token.actions.githubusercontent.com'. Assertion Subject: 'repo:contoso/api:ref:refs/heads/main'. Assertion Audience: 'api://AzureADTokenExchange'.\n\
               2024-06-03T09:14:25.0Z ##[error]Process completed with exit code 1.\n";
    let r = scan_log(log, NOW);
    assert_eq!(ids(&r), vec!["AL010", "AL600"]);
    assert_eq!(r.root_cause, Some("AL010"));
    let f = &r.findings[0];
    assert_eq!((f.line, f.rank, f.strength), (2, 1, Strength::RootCause));
    assert_eq!(f.params.subject.as_deref(), Some("repo:contoso/api:ref:refs/heads/main"));
    assert_eq!(f.params.issuer.as_deref(), Some("https://token.actions.githubusercontent.com"));
    assert_eq!(f.params.audience.as_deref(), Some("api://AzureADTokenExchange"));
    assert_eq!(f.at, Some(1_717_406_064));
    assert!(r.findings[1].confidence < f.confidence);
    assert!(r.summary.starts_with("Root cause: AL010"));
}

#[test]
fn dns_failure_outranks_the_401_after_it() {
    let log = "Error response from daemon: Get \"https://contosoarc.azurecr.io/v2/\": dial tcp: lookup contosoarc.azurecr.io on 10.0.0.10:53: no such host\n\
               unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n";
    let r = scan_log(log, NOW);
    assert_eq!(ids(&r), vec!["AL041", "AL200"]);
    assert_eq!(r.findings[0].params.host.as_deref(), Some("contosoarc.azurecr.io"));
    // Even when the 401 comes first, the specific cause ranks above it.
    let swapped = log.lines().rev().collect::<Vec<_>>().join("\n");
    assert_eq!(ids(&scan_log(&swapped, NOW)), vec!["AL041", "AL200"]);
}

#[test]
fn earlier_cause_first_among_equals() {
    let log = "denied: client with IP '20.57.44.12' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.\n\
               ERROR: AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:o/r:pull_request'.\n";
    assert_eq!(ids(&scan_log(log, NOW)), vec!["AL040", "AL013"]);
}

#[test]
fn json_body_with_escapes_gives_params_and_exact_span() {
    let log = crate::catalog::entry("AL013").unwrap().examples[0].text;
    let r = scan_log(log, NOW);
    let f = &r.findings[0];
    assert_eq!(f.id, "AL013");
    assert_eq!(f.params.subject.as_deref(), Some("repo:contoso/api:environment:production"));
    assert_eq!(f.params.trace_id.as_deref(), Some("4f3e2d1c-0b9a-4876-9543-210fedcba900"));
    assert_eq!(f.params.correlation_id.as_deref(), Some("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"));
    assert_eq!(f.params.aadsts_code.as_deref(), Some("700213"));
    // The span covers the raw (escaped) text; `matched` is what a human reads.
    let raw = js_slice(log, f.start, f.end);
    assert!(raw.starts_with("AADSTS700213") && raw.ends_with("environment:production\\u0027"), "{raw}");
    assert!(f.matched.ends_with("'repo:contoso/api:environment:production'"));
    assert_eq!((f.line, f.end_line), (1, 1));
    assert_eq!(f.column, f.start + 1);
}

#[test]
fn app_and_tenant_from_context() {
    let r = scan_log(crate::catalog::entry("AL111").unwrap().examples[0].text, NOW);
    let p = &r.findings[0].params;
    assert_eq!(p.app_id.as_deref(), Some("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"));
    assert_eq!(p.tenant.as_deref(), Some("72f988bf-86f1-41af-91ab-2d7cd011db47"));
    let r = scan_log(crate::catalog::entry("AL014").unwrap().examples[0].text, NOW);
    assert_eq!(r.findings[0].params.app_id.as_deref(), Some("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
}

#[test]
fn firewall_params() {
    let r = scan_log(crate::catalog::entry("AL040").unwrap().examples[0].text, NOW);
    let p = &r.findings[0].params;
    assert_eq!(p.client_ip.as_deref(), Some("20.57.44.12"));
    assert_eq!(p.registry.as_deref(), Some("contosoacr.azurecr.io"));
    assert_eq!(p.http_status, Some(403));
}

#[test]
fn a_value_wrapped_onto_the_next_line_is_still_taken() {
    // As the runner prints a message that wrapped: a timestamp in front of each half.
    let log = "2025-03-02T10:00:01.1Z ##[error]AADSTS700213: No matching federated identity record found for presented assertion\n\
               2025-03-02T10:00:01.1Z subject 'repo:o/r:environment:prod'. Please check your federated identity credential.\n";
    let f = &scan_log(log, NOW).findings[0];
    assert_eq!((f.id, f.params.subject.as_deref()), ("AL013", Some("repo:o/r:environment:prod")));
    assert_eq!(f.params.credential_name.as_deref(), Some("o-r-env-prod"));
    // The next line's value is not taken when the join is not what makes the pattern match.
    let log = "AADSTS700213: No matching federated identity record found.\nsubject 'repo:o/r:pull_request'\n";
    assert_eq!(scan_log(log, NOW).findings[0].params.subject, None);
}

#[test]
fn masked_values_are_flagged_not_stored() {
    let log = "##[error]AADSTS700016: Application with identifier '***' was not found in the directory 'Contoso'.";
    let f = &scan_log(log, NOW).findings[0];
    assert_eq!(f.id, "AL022");
    assert!(f.masked);
    assert_eq!(f.params.app_id, None);
    assert_eq!(f.params.tenant.as_deref(), Some("Contoso"));
}

#[test]
fn ansi_crlf_and_windows_paths() {
    let log = "\u{1b}[31;1mERROR:\u{1b}[0m Cannot connect to the Docker daemon at npipe:////./pipe/docker_engine. Is the docker daemon running?\r\n\
               At C:\\actions-runner\\_work\\_temp\\login.ps1:3 char:1\r\n\
               \u{1b}[31;1mERROR:\u{1b}[0m AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e'.\r\n";
    let r = scan_log(log, NOW);
    assert_eq!(ids(&r), vec!["AL050", "AL021"]);
    assert_eq!(r.findings[1].line, 3);
    assert_eq!(r.findings[1].params.app_id.as_deref(), Some("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"), "from the context extractors");
    let f = &r.findings[0];
    assert_eq!(js_slice(log, f.start, f.end), "Cannot connect to the Docker daemon");
    assert_eq!(f.column, 19, "colour codes count as columns: they are in the text");
}

#[test]
fn kubectl_describe_events() {
    let log = crate::catalog::entry("AL402").unwrap().examples[0].text;
    let r = scan_log(log, NOW);
    assert_eq!(r.format, "kubectl");
    assert_eq!(ids(&r)[0], "AL402");
    assert!(ids(&r).contains(&"AL407"), "ErrImagePull / ImagePullBackOff are reported as symptoms");
    let sym = r.findings.iter().find(|f| f.id == "AL407").unwrap();
    assert_eq!(sym.strength, Strength::Symptom);
    // ErrImagePull, Back-off and ImagePullBackOff are different lines of one pull failure.
    assert_eq!(sym.occurrences, 1);
}

#[test]
fn repeated_failure_is_one_finding_with_occurrences() {
    let line = "2024-06-03T09:20:13.2Z ##[error]Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": denied: client with IP '20.57.44.12' is not allowed access.\n";
    let other = "2024-06-03T09:21:13.2Z ##[error]Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": denied: client with IP '4.175.11.201' is not allowed access.\n";
    let log = format!("{line}retrying\n{line}retrying\n{line}{other}");
    let r = scan_log(&log, NOW);
    assert_eq!(r.findings.len(), 2, "two IPs, two findings");
    assert_eq!(r.findings[0].occurrences, 3);
    assert_eq!(r.findings[0].other_lines, vec![3, 5]);
    assert_eq!(r.findings[1].params.client_ip.as_deref(), Some("4.175.11.201"));
}

#[test]
fn check_health_output_one_occurrence_per_error() {
    let log = crate::catalog::entry("AL508").unwrap().examples[0].text;
    let r = scan_log(log, NOW);
    assert_eq!(ids(&r), vec!["AL508"]);
    let f = &r.findings[0];
    assert_eq!(f.occurrences, 1, "code line, message line and docs link are one error");
    assert_eq!(f.params.check_health_code.as_deref(), Some("CONNECTIVITY_DNS_ERROR"));
    assert_eq!(f.params.registry.as_deref(), Some("contosoarc.azurecr.io"));
}

#[test]
fn private_ip_timeout_is_a_private_endpoint_problem_public_ip_is_not() {
    let r = scan_log("Get \"https://contosoacr.azurecr.io/v2/\": dial tcp 10.1.2.5:443: i/o timeout", NOW);
    assert_eq!(ids(&r)[0], "AL301");
    assert_eq!(r.findings[0].params.ip.as_deref(), Some("10.1.2.5"));
    let r = scan_log("Get \"https://contosoacr.azurecr.io/v2/\": dial tcp 20.61.123.45:443: i/o timeout", NOW);
    assert_eq!(ids(&r), vec!["AL044"]);
}

#[test]
fn expired_github_token_is_evidence_for_aadsts700024() {
    let log = format!(
        "2024-06-03T09:14:21.0Z ##[debug]OIDC token: {GH_TOKEN}\n\
         2024-06-03T09:55:04.7Z ERROR: AADSTS700024: Client assertion is not within its valid time range. Trace ID: 1f6d2c4e-8a3b-4c5d-9e7f-0a1b2c3d4e00\n"
    );
    let r = scan_log(&log, NOW);
    assert_eq!(ids(&r), vec!["AL002"]);
    let f = &r.findings[0];
    assert_eq!(f.source, "text");
    assert!(f.evidence.iter().any(|e| e.contains("expired at 2024-06-03T09:19:20Z") && e.contains("35 min later")), "{:?}", f.evidence);
    assert!(f.confidence > 0.9);
    assert_eq!(r.tokens.len(), 1);
    let t = &r.tokens[0];
    assert_eq!((t.kind, t.line), ("github-oidc", 1));
    assert_eq!(t.subject.as_deref(), Some("repo:contoso/api:environment:production"));
    assert_eq!(js_slice(&log, t.start, t.end), GH_TOKEN);
    // The report never carries the token itself.
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains(&GH_TOKEN[40..80]));
}

#[test]
fn subject_cross_check() {
    let log = format!(
        "2024-06-03T09:14:21.0Z token {GH_TOKEN}\n\
         2024-06-03T09:14:24.8Z ##[error]AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/api:environment:production'.\n"
    );
    let f = &scan_log(&log, NOW).findings[0];
    assert_eq!(f.id, "AL013");
    assert!(f.evidence[0].contains("exactly this subject"), "{:?}", f.evidence);
}

#[test]
fn expired_acr_token_before_a_401_is_the_root_cause() {
    let log = format!(
        "2024-06-03T09:10:02.0Z ##[debug]refresh token {ACR_REFRESH}\n\
         2024-06-03T12:31:07.1Z The push refers to repository [contosoacr.azurecr.io/api]\n\
         2024-06-03T12:31:08.0Z unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n\
         2024-06-03T12:31:08.1Z ##[error]Process completed with exit code 1.\n"
    );
    let r = scan_log(&log, NOW);
    assert_eq!(ids(&r), vec!["AL032", "AL200", "AL600"]);
    let f = &r.findings[0];
    assert_eq!((f.source, f.line), ("token", 1));
    assert!(f.evidence[0].contains("expired at 2024-06-03T12:10:00Z") && f.evidence[0].contains("21 min later"), "{:?}", f.evidence);
    assert_eq!(r.tokens[0].kind, "acr-refresh");
}

#[test]
fn nothing_known_gives_candidates_never_a_cause() {
    let log = "2024-06-03T09:14:24.8Z ##[error]The federated assertion was rejected by the identity provider: issuer mismatch\n\
               2024-06-03T09:14:25.0Z ##[error]Process completed with exit code 1.\n";
    let r = scan_log(log, NOW);
    assert_eq!(r.root_cause, None);
    assert_eq!(ids(&r), vec!["AL600"]);
    assert!(r.summary.starts_with("No known cause found"), "{}", r.summary);
    assert!(!r.candidates.is_empty());
    assert!(r.candidates.iter().any(|c| c.category.starts_with("oidc-")), "{:?}", r.candidates);
    assert!(r.candidates.iter().all(|c| c.line == 1 && !c.reason.is_empty()));

    let r = scan_log("Step 4/9 : RUN npm ci\nnpm ERR! code ENOENT while reading package.json\n", NOW);
    assert!(r.findings.is_empty() && r.root_cause.is_none());
}

#[test]
fn utf16_offsets_after_non_ascii_text() {
    let log = "Résumé 😀 étape\n➜ Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": net/http: TLS handshake timeout";
    let f = &scan_log(log, NOW).findings[0];
    assert_eq!(f.id, "AL303");
    assert_eq!(js_slice(log, f.start, f.end), "net/http: TLS handshake timeout");
    assert_eq!(f.line, 2);
}

#[test]
fn explain_is_forgiving_about_case_and_blanks() {
    assert_eq!(explain(" al013 ").map(|e| e.id), Some("AL013"));
    assert!(explain("AL9999").is_none());
    assert!(explain("").is_none());
    assert!(explain("ÄL013").is_none());
}

#[test]
fn azure_devops_log() {
    let log = crate::catalog::entry("AL608").unwrap().examples[0].text;
    let r = scan_log(log, NOW);
    assert_eq!(r.format, "azure-devops");
    assert_eq!(ids(&r), vec!["AL608"]);
}

#[test]
fn serialised_shape() {
    let r = scan_log(crate::catalog::entry("AL040").unwrap().examples[0].text, NOW);
    let v = serde_json::to_value(&r).unwrap();
    for k in ["findings", "rootCause", "summary", "candidates", "tokens", "format", "bytes", "truncated"] {
        assert!(v.get(k).is_some(), "report lacks {k}");
    }
    let f = &v["findings"][0];
    for k in ["id", "category", "title", "strength", "confidence", "rank", "line", "column", "endLine", "endColumn", "start", "end", "matched", "params", "masked", "occurrences", "otherLines", "evidence", "source"] {
        assert!(f.get(k).is_some(), "finding lacks {k}");
    }
    assert_eq!(f["params"]["clientIp"], "20.57.44.12");
}

// ---- Bad input stays linear and never panics ---------------------------------------------------

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *seed >> 33
}

#[test]
fn garbage_and_pathological_input() {
    let mut seed = 7;
    let bytes: Vec<u8> = (0..300_000).map(|_| lcg(&mut seed) as u8).collect();
    let text = String::from_utf8_lossy(&bytes);
    let _ = scan_log(&text, NOW);

    // One 1 MB line of anchors whose patterns never complete.
    let unit = "AADSTS700213: No matching federated identity record found for presented assertion subject '";
    let line = unit.repeat(1_000_000 / unit.len());
    let r = scan_log(&line, NOW);
    assert!(r.findings.len() <= 2);
    assert_eq!(r.findings[0].id, "AL013");

    // Many eyJ starts, escapes and colour codes.
    let noise = "eyJhbGciOi.eyJ \\u0027 \\\"\u{1b}[31m eyJ0eXAi.eyJ.x \\r\\n".repeat(20_000);
    let _ = scan_log(&noise, NOW);

    // Lone surrogates arrive from JS as U+FFFD; escaped ones inside JSON are decoded to U+FFFD.
    let _ = scan_log("\u{fffd}\\ud800 denied: client with IP '\\ud83d' is not allowed access", NOW);

    // Deeply nested JSON.
    let nested = format!("{}\"AADSTS7000222\"{}", "{\"a\":[".repeat(50_000), "]}".repeat(50_000));
    assert_eq!(scan_log(&nested, NOW).findings[0].id, "AL020");
}

#[test]
fn every_truncation_of_an_example_is_safe() {
    // Cut real examples at every char boundary: spans and params must stay in range.
    for e in crate::catalog::entries().iter().take(40) {
        let text = e.examples[0].text;
        for (i, _) in text.char_indices().step_by(7) {
            let part = &text[..i];
            let r = scan_log(part, NOW);
            let units = part.encode_utf16().count();
            for f in &r.findings {
                assert!(f.start <= f.end && f.end <= units, "{} cut at {i}", e.id);
            }
        }
    }
}

/// Every key the serde output can carry, and every enum value, is declared in pkg/types/scan.d.ts
/// (tests/types.test.mjs checks the other direction with tsc on real results).
#[test]
fn typescript_declarations_match_the_serde_output() {
    let dts = include_str!("../../../../pkg/types/scan.d.ts");
    fn keys(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    out.push(k.clone());
                    if k != "decoded" {
                        keys(x, out);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
            _ => {}
        }
    }
    let mut reports = Vec::new();
    for e in crate::catalog::entries() {
        for x in e.examples {
            reports.push(serde_json::to_value(scan_log(x.text, NOW)).unwrap());
        }
    }
    let log = format!("2024-06-03T09:10:02.0Z t {ACR_REFRESH}\n2024-06-03T12:31:08.0Z unauthorized: authentication required\n");
    reports.push(serde_json::to_value(scan_log(&log, NOW)).unwrap());
    reports.push(serde_json::to_value(scan_log("##[error]The federated assertion was rejected: issuer mismatch", NOW)).unwrap());
    let mut all = Vec::new();
    for r in &reports {
        keys(r, &mut all);
    }
    keys(&serde_json::to_value(crate::catalog::entries()).unwrap(), &mut all);
    all.sort();
    all.dedup();
    for k in &all {
        assert!(dts.contains(&format!("  {k}: ")) || dts.contains(&format!("  {k}?: ")), "scan.d.ts lacks field `{k}`");
    }
    let mut values: Vec<String> = crate::catalog::CATEGORIES.iter().map(|c| c.to_string()).collect();
    for r in &reports {
        values.push(r["format"].as_str().unwrap().to_string());
        for f in r["findings"].as_array().unwrap() {
            values.push(f["strength"].as_str().unwrap().to_string());
            values.push(f["source"].as_str().unwrap().to_string());
        }
        for t in r["tokens"].as_array().unwrap() {
            values.push(t["kind"].as_str().unwrap().to_string());
        }
    }
    for e in crate::catalog::entries() {
        values.push(e.area.to_string());
        values.extend(e.fix.iter().filter_map(|s| s.lang).map(str::to_string));
    }
    values.sort();
    values.dedup();
    for v in values {
        assert!(dts.contains(&format!("\"{v}\"")), "scan.d.ts lacks the value \"{v}\"");
    }
}

#[test]
#[ignore = "timing probe: cargo test --release -p acr-login-core -- --ignored stage_timings --nocapture"]
fn stage_timings() {
    let mut text = String::new();
    let mut i = 0u64;
    while text.len() < 10 << 20 {
        i += 1;
        text.push_str(&format!("2024-06-03T09:{:02}:{:02}.1234567Z #12 [build 4/9] RUN npm ci --omit=dev sha256:{:x} Compiling serde_json v1.0.128 ok 117 - retries\n", i % 60, i % 60, i.wrapping_mul(0x9e3779b97f4a7c15)));
    }
    let m = matcher();
    let t = std::time::Instant::now();
    let mut hits = Vec::new();
    m.prefilter.find_all(text.as_bytes(), MAX_HITS, &mut hits);
    println!("prefilter {:?} hits {}", t.elapsed(), hits.len());
    let t = std::time::Instant::now();
    let _ = position::resolve(text.as_bytes(), &[text.len() - 1]);
    println!("resolve {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = detect_format(text.as_bytes());
    println!("format {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = scan_log(&text, NOW);
    println!("total {:?}", t.elapsed());
}


#[test]
fn az_acr_login_403_with_admin_fallback_blames_the_firewall() {
    // reference §3: exchange refused with 403, then az falls back to the (disabled) admin user.
    let log = "2024-06-03T09:20:13.2Z ERROR: Unable to get AAD authorization tokens with message: 2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_REFRESH_TOKEN_ERROR\n\
               2024-06-03T09:20:13.2Z Access to registry 'contosoacr.azurecr.io' was denied. Response code: 403. Please try running 'az login' again to refresh permissions.\n\
               2024-06-03T09:20:13.2Z Unable to get admin user credentials with message: Admin user is disabled.\n\
               2024-06-03T09:20:13.2Z Unable to authenticate using AAD or admin login credentials. Please specify both username and password in non-interactive mode.\n";
    let r = scan_log(log, NOW);
    assert_eq!(ids(&r)[0], "AL040");
    assert_eq!(r.findings[0].params.http_status, Some(403));
    let admin = r.findings.iter().find(|f| f.id == "AL061").unwrap();
    assert_eq!(admin.strength, Strength::Consequence);
}


#[test]
#[ignore = "timing probe: per-call cost on a small paste"]
fn small_paste_cost() {
    let text = crate::catalog::entry("AL013").unwrap().examples[0].text;
    let plain = "2024-06-03T09:14:24.8Z ##[error]something odd happened, error 42\n".repeat(15);
    for t in [text, plain.as_str()] {
        let _ = scan_log(t, NOW);
        let t0 = std::time::Instant::now();
        for _ in 0..1000 {
            let _ = scan_log(t, NOW);
        }
        println!("{} bytes: {:?} per call", t.len(), t0.elapsed() / 1000);
    }
}

/// A pattern's anchor (its leading literal) is what the prefilter looks for across the whole paste,
/// and every hit costs a match attempt. An anchor as common as `azurecr.` or `The server ` (both
/// added once) halved the throughput on the bench's 10 MB CI log. The ordinary output of a job that
/// logs in, builds, tests and pushes to ACR must not hit at all.
#[test]
fn a_device_code_prompt_is_the_cause_only_when_nothing_fails_after_it() {
    let prompt = "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FAKEC0DE3 to authenticate.\n";
    // The job stopped at the prompt: nobody can enter the code in CI.
    let r = scan_log(&format!("[Pipeline] sh\n+ acs-engine scale --subscription-id $SUB_ID\n{prompt}"), NOW);
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL117"), Strength::LikelyCause));

    // Someone entered the code; the push that followed is what failed.
    let log = format!(
        "$ az login --use-device-code\n{prompt}[\n  {{ \"isDefault\": true, \"tenantId\": \"0c1f3a5e-6b2d-4e8f-9a7c-1d2e3f4a5b6c\" }}\n]\n\
         $ docker push contosoacr.azurecr.io/api:1.4.2\n\
         unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n"
    );
    let r = scan_log(&log, NOW);
    assert_eq!(ids(&r), ["AL200", "AL117"]);
    assert_eq!(r.findings[1].strength, Strength::Symptom);
    assert!(r.findings[1].evidence.iter().any(|e| e.starts_with("But another error follows the device-code prompt")));

    // The expired code itself is no prompt: an error after it does not demote it.
    let log = format!("{prompt}Unexpected polling state code_expired\nERROR: Please run 'az login' to setup account.\n");
    let r = scan_log(&log, NOW);
    assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL117"), Strength::RootCause));

    // az's hint to use a device code, and the normal "authorization pending" poll, are no prompt.
    let log = "A web browser has been opened at https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize. Please continue the login in the web browser. If no web browser is available or if the web browser fails to open, use device code flow with `az login --use-device-code`.\n\
               com.microsoft.aad.adal4j.AuthenticationException: AADSTS70016: Pending end-user authorization.\n";
    assert!(scan_log(log, NOW).findings.iter().all(|f| f.id != "AL117"));
}

#[test]
fn no_anchor_hits_ordinary_ci_output() {
    let lines = [
        "2024-06-03T09:25:44.1234567Z Run azure/login@v2",
        "2024-06-03T09:25:46.1234567Z Login successful.",
        "[command]/usr/bin/docker buildx build --platform linux/amd64 --tag contosoacr.azurecr.io/api:1.4.2 --push .",
        "#14 pushing layers to contosoacr.azurecr.io/api:1.4.2 0.8s done",
        "The push refers to repository [contosoacr.azurecr.io/api]",
        "5f70bf18a086: Pushed",
        "1.4.2: digest: sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945 size: 1573",
        "ok 117 - retries the upload when the server answers 503 (12ms)",
        "npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.",
        "deployment.apps/api configured",
        "Waiting for deployment \"api\" rollout to finish: 1 of 3 updated replicas are available...",
        "   Compiling serde_json v1.0.128",
        "Post job cleanup.",
    ];
    let text = lines.join("\n").repeat(100);
    let m = matcher();
    let mut hits = Vec::new();
    m.prefilter.find_all(text.as_bytes(), MAX_HITS, &mut hits);
    let hit: std::collections::BTreeSet<String> =
        hits.iter().map(|h| String::from_utf8_lossy(&text.as_bytes()[h.pos..(h.pos + 24).min(text.len())]).into_owned()).collect();
    assert!(hits.is_empty(), "{} prefilter hits on ordinary output, at: {hit:?}", hits.len());
}

#[test]
fn a_refusal_right_after_no_challenge_is_the_registry_s_network_rules() {
    // Applies: az's no-challenge line, then on the next line ACR's refusal (Azure/azure-cli#8798).
    let log = "az acr repository list -n contosoacr\n\
               Unable to get AAD authorization tokens with message: Registry 'contosoacr.azurecr.io' did not issue a challenge.\n\
               Error: requested access to the resource is denied. Correlation ID: 00000000-0000-0000-0000-000000000001.\n";
    let r = scan_log(log, NOW);
    assert_eq!(r.root_cause, Some("AL040"));
    assert!(ids(&r).iter().all(|id| *id != "AL033"), "{:?}", ids(&r));
    let no_challenge = r.findings.iter().find(|f| f.id == "AL510").expect("the no-challenge line stays listed");
    assert!(no_challenge.strength < Strength::LikelyCause);

    // Must not apply: a push refused lines later is its own failure (a missing push role).
    let log = "Unable to get AAD authorization tokens with message: Registry 'contosoacr.azurecr.io' did not issue a challenge.\n\
               Login Succeeded\n\
               The push refers to repository [contosoacr.azurecr.io/api]\n\
               denied: requested access to the resource is denied\n";
    assert!(ids(&scan_log(log, NOW)).iter().all(|id| *id != "AL040"));
    // Nor a push refusal with no challenge error in view.
    let log = "The push refers to repository [contosoacr.azurecr.io/api]\ndenied: requested access to the resource is denied\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL033"));
    // Nor the no-challenge error alone.
    let log = "An error occurred: CONNECTIVITY_CHALLENGE_ERROR\nRegistry 'contosoacr.azurecr.io' did not issue a challenge.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL510"));
}

#[test]
fn helm_s_token_login_without_a_user_name_is_not_a_credential_problem() {
    let refusal = "Error: authenticating to \"contosoacr.azurecr.io\": GET \"https://contosoacr.azurecr.io/v2/\": GET \"https://contosoacr.azurecr.io/oauth2/token?service=contosoacr.azurecr.io\": response status code 401: unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n";
    // Applies: the token piped from --expose-token, no user name (helm/helm#30883).
    let log = format!("az acr login -n contosoacr --expose-token -o tsv --query accessToken | helm registry login contosoacr.azurecr.io --password-stdin\n{refusal}");
    let r = scan_log(&log, NOW);
    assert!(r.root_cause.is_none(), "{:?}", ids(&r));
    assert_eq!(r.findings[0].strength, Strength::Symptom);
    // Must not apply: ACR's user name for tokens given, a principal's user name and password, or
    // a 401 with no helm login command in view.
    for command in [
        "az acr login -n contosoacr --expose-token -o tsv --query accessToken | helm registry login contosoacr.azurecr.io --username 00000000-0000-0000-0000-000000000000 --password-stdin\n",
        "echo \"$SP_SECRET\" | helm registry login contosoacr.azurecr.io -u \"$SP_APP_ID\" --password-stdin\n",
        "",
    ] {
        let r = scan_log(&format!("{command}{refusal}"), NOW);
        assert_eq!((r.root_cause, r.findings[0].strength), (Some("AL200"), Strength::LikelyCause), "{command}");
    }
}

/// GitLab CI id_tokens token (gitlab.com, project platform/registry-sync, branch main, aud
/// api://AzureADTokenExchange): iat 2024-06-03T09:13:20Z, exp 09:18:20Z.
const GITLAB_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImdpdGxhYi1rZXktMSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2dpdGxhYi5jb20iLCJzdWIiOiJwcm9qZWN0X3BhdGg6cGxhdGZvcm0vcmVnaXN0cnktc3luYzpyZWZfdHlwZTpicmFuY2g6cmVmOm1haW4iLCJhdWQiOiJhcGk6Ly9BenVyZUFEVG9rZW5FeGNoYW5nZSIsInByb2plY3RfcGF0aCI6InBsYXRmb3JtL3JlZ2lzdHJ5LXN5bmMiLCJwaXBlbGluZV9zb3VyY2UiOiJwdXNoIiwicmVmIjoibWFpbiIsInJlZl90eXBlIjoiYnJhbmNoIiwiaWF0IjoxNzE3NDA2MDAwLCJuYmYiOjE3MTc0MDU5OTUsImV4cCI6MTcxNzQwNjMwMH0.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl";

/// AKS workload identity token (projected, `kubernetes.io` claim, apps/acr-puller).
const AKS_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImdpdGxhYi1rZXktMSIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsiYXBpOi8vQXp1cmVBRFRva2VuRXhjaGFuZ2UiXSwiaXNzIjoiaHR0cHM6Ly9lYXN0dXMub2ljLnByb2QtYWtzLmF6dXJlLmNvbS83MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMWRiNDcvOWQyYzRiMWUtNWE2Zi00ZTdkLThjOWItMGExYjJjM2Q0ZTVmLyIsInN1YiI6InN5c3RlbTpzZXJ2aWNlYWNjb3VudDphcHBzOmFjci1wdWxsZXIiLCJrdWJlcm5ldGVzLmlvIjp7Im5hbWVzcGFjZSI6ImFwcHMiLCJzZXJ2aWNlYWNjb3VudCI6eyJuYW1lIjoiYWNyLXB1bGxlciJ9fSwiaWF0IjoxNzE3NDA2MDAwLCJleHAiOjE3MTc0MDk2MDB9.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl";

/// HCP Terraform workload identity token (apply phase).
const TERRAFORM_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImdpdGxhYi1rZXktMSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2FwcC50ZXJyYWZvcm0uaW8iLCJzdWIiOiJvcmdhbml6YXRpb246bXktb3JnOnByb2plY3Q6RGVmYXVsdCBQcm9qZWN0OndvcmtzcGFjZTphY3I6cnVuX3BoYXNlOmFwcGx5IiwiYXVkIjoiYXBpOi8vQXp1cmVBRFRva2VuRXhjaGFuZ2UiLCJ0ZXJyYWZvcm1fcnVuX3BoYXNlIjoiYXBwbHkiLCJ0ZXJyYWZvcm1fd29ya3NwYWNlX2lkIjoid3MtMSIsImlhdCI6MTcxNzQwNjAwMCwibmJmIjoxNzE3NDA2MDAwLCJleHAiOjE3MTc0MDcyMDB9.ZmFrZS1zaWduYXR1cmUtZm9yLWEtY2F0YWxvZy1leGFtcGxl";

/// The first JWT in a catalog entry's first example (the Entra ID token of AL906, the legacy
/// Kubernetes secret token of AL907).
fn example_token(id: &str) -> &'static str {
    let text = crate::catalog::entry(id).unwrap().examples[0].text;
    let start = text.find("eyJ").unwrap();
    let end = text[start..].find(char::is_whitespace).map_or(text.len(), |n| start + n);
    &text[start..end]
}

/// A token in a log is the kind the token decoder (and so the page) says it is: the scanner has no
/// rules of its own.
#[test]
fn tokens_in_a_log_are_the_kind_the_decoder_says() {
    let tokens = [
        (GH_TOKEN, "github-oidc"),
        (GITLAB_TOKEN, "gitlab-oidc"),
        (AKS_TOKEN, "kubernetes-sa"),
        (example_token("AL907"), "kubernetes-sa-legacy"),
        (TERRAFORM_TOKEN, "terraform-oidc"),
        (example_token("AL906"), "entra-id-token"),
        (ACR_REFRESH, "acr-refresh"),
    ];
    let log: String = tokens.iter().enumerate().map(|(i, (t, _))| format!("2024-06-03T09:14:{i:02}.0Z token {t}\n")).collect();
    let r = scan_log(&log, NOW);
    let kinds: Vec<&str> = r.tokens.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, tokens.iter().map(|(_, k)| *k).collect::<Vec<_>>());
    for t in &r.tokens {
        assert_eq!(t.kind, t.decoded.tokens[0].kind.as_str(), "line {}", t.line);
    }
    // And in every catalog example.
    for e in crate::catalog::entries() {
        for x in e.examples {
            for t in scan_log(x.text, NOW).tokens.iter().filter(|t| t.kind != "malformed") {
                assert_eq!(t.kind, t.decoded.tokens[0].kind.as_str(), "{} line {}", e.id, t.line);
            }
        }
    }
}

#[test]
fn an_expired_gitlab_token_is_evidence_for_aadsts700024_like_a_github_one() {
    let log = format!(
        "2024-06-03T09:13:21.0Z $ echo \"assertion: $AZURE_ID_TOKEN\"\n2024-06-03T09:13:21.1Z assertion: {GITLAB_TOKEN}\n\
         2024-06-03T09:59:40.0Z ERROR: AADSTS700024: Client assertion is not within its valid time range. Trace ID: 1f6d2c4e-8a3b-4c5d-9e7f-0a1b2c3d4e00\n"
    );
    let r = scan_log(&log, NOW);
    assert_eq!(ids(&r), vec!["AL002"]);
    assert!(r.findings[0].evidence.iter().any(|e| e.contains("GitLab CI ID token on line 2 expired at 2024-06-03T09:18:20Z")), "{:?}", r.findings[0].evidence);
}

#[test]
fn an_id_token_is_the_cause_of_an_acr_refusal_only_when_no_access_token_was_there() {
    let id_token = example_token("AL906");
    let refusal = "2024-06-03T09:31:02.6Z {\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required, visit https://aka.ms/acr/authorization for more information.\"}]}\n";
    let r = scan_log(&format!("2024-06-03T09:31:02.2Z exchanging {id_token}\n{refusal}"), NOW);
    assert_eq!((r.root_cause, r.findings[0].source, r.findings[0].line), (Some("AL906"), "token", 1));

    // A whole token response logged (id_token and access_token): the ID token is noted, not blamed.
    let response = format!("2024-06-03T09:31:01.0Z {{\"id_token\":\"{id_token}\",\"access_token\":\"{}\"}}\n", example_token("AL901"));
    let r = scan_log(&format!("{response}{refusal}"), NOW);
    assert_eq!(r.root_cause, Some("AL200"));
    let noted = r.findings.iter().find(|f| f.id == "AL906").expect("the ID token is listed");
    assert_eq!(noted.strength, Strength::Consequence);

    // Alone, without a refusal: noted only.
    let r = scan_log(&format!("2024-06-03T09:31:02.2Z id_token={id_token}\n"), NOW);
    assert_eq!((r.root_cause, ids(&r)), (None, vec!["AL906"]));
}

#[test]
fn a_legacy_service_account_issuer_in_entra_s_answer_is_its_own_entry_not_an_issuer_typo() {
    let log = "ERROR: AADSTS700211: No matching federated identity record found for presented assertion issuer 'kubernetes/serviceaccount'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.\n";
    assert_eq!(ids(&scan_log(log, NOW))[..2], ["AL907", "AL011"]);
    // Another issuer is still AL011's.
    let log = log.replace("kubernetes/serviceaccount", "https://kubernetes.default.svc.cluster.local");
    assert_eq!(ids(&scan_log(&log, NOW)), vec!["AL011"]);
}

#[test]
fn a_layer_download_answered_with_a_server_error_is_not_a_blocked_endpoint() {
    let pull = "docker pull contosoacr.azurecr.io/thanos/thanos:v0.31.0\nv0.31.0: Pulling from thanos/thanos\n";
    // Applies: the storage answered 502 (Azure/acr#684, a cache rule's upstream pull failing on ACR's side).
    for status in ["502 Bad Gateway", "503 Service Unavailable"] {
        let log = format!("{pull}error pulling image configuration: download failed after attempts=6: received unexpected HTTP status: {status}\n");
        let r = scan_log(&log, NOW);
        assert!(r.root_cause.is_none(), "{status}: {:?}", ids(&r));
        let f = r.findings.iter().find(|f| f.id == "AL305").expect("the download line stays listed");
        assert_eq!(f.strength, Strength::Symptom);
        assert!(f.evidence.iter().any(|e| e.contains("server error")));
        assert!(r.candidates.iter().all(|c| !NEEDS_A_LOGIN.contains(&c.id)), "{:?}", r.candidates.iter().map(|c| c.id).collect::<Vec<_>>());
    }
    // Must not apply: storage's own 403 to a firewalled client, a network error, or a 5xx elsewhere
    // in the log keep the blocked endpoint.
    for reason in ["received unexpected HTTP status: 403 Forbidden", "dial tcp 20.60.1.4:443: i/o timeout", "EOF"] {
        let log = format!("{pull}error pulling image configuration: download failed after attempts=6: {reason}\n");
        assert_eq!(scan_log(&log, NOW).root_cause, Some("AL305"), "{reason}");
    }
    let log = format!("{pull}error pulling image configuration: download failed after attempts=6: EOF\nnext attempt: received unexpected HTTP status: 502 Bad Gateway\n");
    assert_eq!(scan_log(&log, NOW).root_cause, Some("AL305"));
}

#[test]
fn cmd_exe_s_syntax_error_names_az_s_cut_secret_only_with_az_in_view() {
    // Applies: PowerShell's prefix on az's own error (Azure/azure-cli#28692).
    let log = "az : --tenant was unexpected at this time.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL613"));
    // Applies: the az login command within three lines above.
    let log = "PS C:\\build> az login --service-principal -u $env:ID -p $env:SECRET --tenant $env:TENANT\n\
               Xq8~fake was unexpected at this time.\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL613"));
    // Applies: az.cmd's python line, which cmd.exe echoes on the line below (Azure/azure-cli#25173).
    let log = "fake12 was unexpected at this time.\n\
               C:\\>  \"C:\\Program Files (x86)\\Microsoft SDKs\\Azure\\CLI2\\wbin\\\\..\\python.exe\" -IBm azure.cli login --username u --password a)fake12\n";
    assert_eq!(scan_log(log, NOW).root_cause, Some("AL613"));

    // Must not apply: any other batch file's syntax error on a Windows agent.
    let log = "2024-06-03T09:14:20.4521234Z [command]C:\\windows\\system32\\cmd.exe /D /E:ON /V:OFF /S /C \"CALL \"D:\\a\\_temp\\build.cmd\"\"\n\
               2024-06-03T09:14:20.5601234Z else was unexpected at this time.\n\
               2024-06-03T09:14:20.5712345Z ##[error]Cmd.exe exited with code '255'.\n";
    assert!(ids(&scan_log(log, NOW)).iter().all(|id| *id != "AL613"), "{:?}", ids(&scan_log(log, NOW)));
    // Nor az named only far above (more than three lines before the error).
    let log = "az login --service-principal -u x --password=y --tenant z\nLogin succeeded\nstep 2\nstep 3\nstep 4\n\
               ) was unexpected at this time.\n";
    assert!(ids(&scan_log(log, NOW)).iter().all(|id| *id != "AL613"));
}

#[test]
fn a_refusal_that_is_another_registry_s_says_how_that_registry_takes_a_login() {
    let evidence = |log: &str| scan_log(log, 0).findings.into_iter().flat_map(|f| f.evidence).collect::<Vec<_>>().join("\n");
    let ghcr = evidence("Error: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aocto%2Fapp%3Apull&service=ghcr.io: 401 Unauthorized\n");
    assert!(ghcr.contains("ghcr.io, not an Azure Container Registry") && ghcr.contains("packages: write"), "{ghcr}");
    let ecr = evidence("Error response from daemon: Get \"https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/\": no basic auth credentials\nunauthorized: authentication required\n");
    assert!(ecr.contains("--password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com`"), "{ecr}");
    // A registry without a known login of its own gets the plain note.
    let harbor = evidence("Error: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://harbor.example.com/service/token?scope=repository%3Aapp%3Apull: 401 Unauthorized\n");
    assert!(harbor.contains("harbor.example.com, not an Azure Container Registry") && !harbor.contains("docker login") && !harbor.contains("gcloud"), "{harbor}");
}
