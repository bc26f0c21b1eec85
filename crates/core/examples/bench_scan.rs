//! Benchmark for `scan::scan_log` (native). Generates a deterministic 10 MB synthetic GitHub
//! Actions log (build, npm, docker and test output with timestamps, ANSI colours, masks and JSON,
//! and one real failure near the end), times the scan and prints one JSON line:
//! `{"mb_per_s": …, "bytes": …, "root_cause": …, "single_line_mb_per_s": …, "garbage_mb_per_s": …}`.
//!
//!   cargo run -p acr-login-core --example bench_scan --profile native [-- --write PATH]
//!
//! `--write PATH` also writes the generated log there, so bench/scan.mjs can time the very same
//! text through wasm.

use acr_login_core::scan::scan_log;
use std::time::Instant;

const SIZE: usize = 10 * 1024 * 1024;
const NOW: i64 = 1_800_000_000;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() as usize) % xs.len()]
    }
    fn hex(&mut self, n: usize) -> String {
        (0..n).map(|_| b"0123456789abcdef"[(self.next() % 16) as usize] as char).collect()
    }
}

const LINES: &[&str] = &[
    "npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory. Do not use it.",
    "added 1342 packages, and audited 1343 packages in 41s",
    "   Compiling serde_json v1.0.128",
    "   Compiling tokio v1.40.0",
    "warning: unused variable: `response`",
    "  --> src/client/retry.rs:118:13",
    "#12 [build 4/9] RUN npm ci --omit=dev",
    "#12 DONE 38.4s",
    "#14 [stage-1 2/3] COPY --from=build /app/dist /usr/share/nginx/html",
    "#15 exporting layers 2.1s done",
    "Step 5/11 : RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl",
    "Get:7 http://deb.debian.org/debian bookworm/main amd64 Packages [8789 kB]",
    "Reading package lists...",
    "ok 117 - retries the upload when the server answers 503 (12ms)",
    "PASS src/__tests__/token-cache.test.ts (5.12 s)",
    "  ✓ refreshes the token before expiry (43 ms)",
    "test result: ok. 214 passed; 0 failed; 3 ignored; 0 measured; 0 filtered out; finished in 2.31s",
    "##[group]Run actions/setup-node@v4",
    "##[endgroup]",
    "  NODE_VERSION: 20.x",
    "  AZURE_CLIENT_ID: ***",
    "Attempting to download 20.x...",
    "Cache restored successfully from key: node-cache-Linux-x64-npm-8f14e45fceea167a5a36dedd4bea2543",
    "[command]/usr/bin/docker buildx build --platform linux/amd64 --tag contosoacr.azurecr.io/api:1.4.2 --push .",
    "{\"level\":\"info\",\"ts\":\"2024-06-03T09:12:11.123Z\",\"msg\":\"request completed\",\"status\":200,\"path\":\"/healthz\",\"duration_ms\":3}",
    "\u{1b}[32m✔\u{1b}[39m Compiled successfully in 12.4s",
    "\u{1b}[33mwarn\u{1b}[39m - Using the default TypeScript configuration: tsconfig.json was not found",
    "Downloading https://github.com/actions/node-versions/releases/download/20.17.0-10440016086/node-20.17.0-linux-x64.tar.gz",
    "error: could not find `Cargo.toml` in `/home/runner/work/api/api/tools` or any parent directory (ignored, optional tool)",
    "Retrying request to https://registry.npmjs.org/typescript (attempt 2 of 3): socket hang up",
];

fn generate() -> String {
    let mut rng = Lcg(42);
    let mut out = String::with_capacity(SIZE + 4096);
    let mut t = 1_717_405_200u64; // 2024-06-03T09:00:00Z
    let mut n = 0u64;
    while out.len() < SIZE - 2048 {
        n += 1;
        t += rng.next() % 2;
        let (h, m, s) = ((t / 3600) % 24, (t / 60) % 60, t % 60);
        out.push_str(&format!("2024-06-03T{h:02}:{m:02}:{s:02}.{:07}Z ", rng.next() % 10_000_000));
        match rng.next() % 10 {
            0 => out.push_str(&format!("#{} sha256:{} {}MB / {}MB {}.{}s", n % 40, rng.hex(64), rng.next() % 90, 90, rng.next() % 60, rng.next() % 10)),
            1 => out.push_str(&format!("{}: Pull complete", rng.hex(12))),
            _ => out.push_str(rng.pick(LINES)),
        }
        out.push('\n');
    }
    // The failure, then the generic footer that must rank below it.
    out.push_str("2024-06-03T10:14:24.8765432Z ##[error]AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://token.actions.githubusercontent.com'. Assertion Subject: 'repo:contoso/api:ref:refs/heads/main'. Assertion Audience: 'api://AzureADTokenExchange'.\n");
    out.push_str("2024-06-03T10:14:25.0001234Z ##[error]Process completed with exit code 1.\n");
    out
}

/// Best of `runs` timed scans, in MB/s (1 MB = 2^20 bytes).
fn time(text: &str, runs: usize) -> (f64, acr_login_core::scan::ScanReport) {
    let mut report = scan_log(text, NOW); // warm-up (compiles the catalog matcher once)
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t0 = Instant::now();
        report = scan_log(text, NOW);
        best = best.min(t0.elapsed().as_secs_f64());
    }
    (text.len() as f64 / (1024.0 * 1024.0) / best, report)
}

fn main() {
    let log = generate();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--write" {
            let path = args.next().expect("--write PATH");
            std::fs::write(&path, &log).expect("write the generated log");
        }
    }
    let (mb_per_s, report) = time(&log, 7);

    let unit = "eyJhbGciOi denied: client with IP ' AADSTS700213: subject ' \\u0027 \u{1b}[31m ";
    let single_line = unit.repeat(1024 * 1024 / unit.len());
    let (single, _) = time(&single_line, 3);

    let mut rng = Lcg(7);
    let bytes: Vec<u8> = (0..4 * 1024 * 1024).map(|_| rng.next() as u8).collect();
    let garbage = String::from_utf8_lossy(&bytes).into_owned();
    let (garbage_speed, _) = time(&garbage, 3);

    println!(
        "{{\"mb_per_s\": {:.1}, \"bytes\": {}, \"root_cause\": {:?}, \"findings\": {}, \"single_line_mb_per_s\": {:.1}, \"garbage_mb_per_s\": {:.1}}}",
        mb_per_s,
        log.len(),
        report.root_cause.unwrap_or(""),
        report.findings.len(),
        single,
        garbage_speed
    );
}
