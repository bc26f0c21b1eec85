//! `acr-emulator --scenario FILE [--state-dir DIR] [--key-cache DIR | --no-key-cache] [--exit-with-stdin]`
//!
//! Prints exactly one JSON line on stdout when every endpoint is listening (see SCENARIOS.md),
//! then serves until killed, `POST /admin/shutdown`, or (with `--exit-with-stdin`) stdin closing.
//!
//! The issuers' RSA keys are cached (default `$ACR_EMULATOR_KEY_CACHE`, else
//! `$XDG_CACHE_HOME/acr-login-emulator/keys`, else `~/.cache/acr-login-emulator/keys`): generating
//! three 2048-bit keys costs 0.2-1.5 s on two busy cores, a cached start is well under 100 ms. The
//! CA and every certificate are still new on each run.

use acr_login_emulator::{start, Options, Scenario};
use std::io::{Read, Write};
use std::path::PathBuf;

const USAGE: &str = "usage: acr-emulator --scenario FILE.toml|FILE.json [--state-dir DIR] [--key-cache DIR | --no-key-cache] [--exit-with-stdin]";

fn default_key_cache() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("ACR_EMULATOR_KEY_CACHE").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("acr-login-emulator").join("keys"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut scenario_path: Option<String> = None;
    let mut opts = Options {
        key_cache: default_key_cache(),
        ..Options::default()
    };
    let mut exit_with_stdin = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--scenario" => scenario_path = args.next(),
            "--state-dir" => opts.state_dir = args.next().map(PathBuf::from),
            "--key-cache" => opts.key_cache = args.next().map(PathBuf::from),
            "--no-key-cache" => opts.key_cache = None,
            "--exit-with-stdin" => exit_with_stdin = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            other => fail("USAGE", &format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let Some(path) = scenario_path else {
        fail("USAGE", USAGE)
    };
    let scenario = Scenario::from_file(&path).unwrap_or_else(|e| fail(e.code(), &e.to_string()));
    let running = start(scenario, opts).unwrap_or_else(|e| fail(e.code(), &e.to_string()));
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", running.ready);
    let _ = out.flush();
    drop(out);
    if exit_with_stdin {
        // The parent holds our stdin; when it dies, we follow instead of lingering as an orphan.
        let mut sink = [0u8; 256];
        let mut stdin = std::io::stdin();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
        std::process::exit(0);
    }
    loop {
        std::thread::park();
    }
}

fn fail(code: &str, message: &str) -> ! {
    // One JSON line on stdout too, so a parent waiting for the ready line gets the reason.
    println!(
        "{}",
        serde_json::json!({"event": "error", "code": code, "message": message})
    );
    eprintln!("acr-emulator: {message}");
    std::process::exit(2);
}
