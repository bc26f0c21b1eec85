#!/usr/bin/env bash
# Runs one cargo-fuzz target for a while, niced, seeded from the catalog's examples.
#
#   scripts/fuzz.sh <decode_token|scan_log> [seconds=600] [extra libFuzzer args...]
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Prints libFuzzer's
# summary (execs, corpus, crashes); a crash leaves its input in fuzz/artifacts/<target>/ and makes
# this script exit non-zero. Re-run one input: cargo +nightly fuzz run <target> <file>.
set -euo pipefail
target="${1:?usage: scripts/fuzz.sh <decode_token|scan_log> [seconds] [libFuzzer args...]}"
seconds="${2:-600}"
shift $(( $# >= 2 ? 2 : 1 ))
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/fuzz/corpus/$target"

if [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
  mkdir -p "$corpus"
  FUZZ_SEEDS="$root/fuzz/corpus" cargo test -q -p acr-login-core --manifest-path "$root/Cargo.toml" \
    -- --ignored dump_fuzz_seeds >/dev/null
fi

cd "$root/fuzz"
# -rss_limit_mb: 10 MB inputs are allowed; -max_len lets libFuzzer grow 1 MB single lines.
exec nice -n 19 cargo +nightly fuzz run "$target" "$corpus" -- \
  -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=4096 \
  -dict="$root/fuzz/scan.dict" -print_final_stats=1 "$@"
