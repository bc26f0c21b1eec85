// One build for every consumer: cargo (wasm32, release) → wasm-bindgen --target web → wasm-opt -Oz,
// then the same .wasm is placed in the npm package (pkg/), the page (www/pkg/) and the action bundle
// (action/dist/). The output must be byte-reproducible from any checkout directory: check-dist
// rebuilds into a temp dir and compares with the committed action/dist.
//
//   node scripts/build.mjs [--out DIR] [--skip-action]
//   DIR defaults to the repo root; --skip-action refreshes pkg/, www/pkg/ and build/www/ but leaves the
//   committed action/dist alone (the test run does this, so check-dist compares against what was
//   committed).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { EXAMPLES_MODULE, examplesModule } from './lib/catalog-examples.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_NAME = 'acr_login_bg.wasm';
const GLUE_NAME = 'acr_login.js';

// Features wasm-bindgen 0.2.130 output uses; binaryen must be told (never `-all`). See
// shared/reference/wasm-toolchain.md.
const WASM_OPT_FEATURES = [
  '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];

// Functions wasm-opt must leave apart (it inlines any function called from one place): V8 compiles
// a wasm function whole at its first call, and these hold what only a login that sends a request
// reaches (crates/wasm/src/login.rs). Inlined, they made the login future one 26 KB function that
// every run compiled, including the commonest failure, before any request.
const NOT_INLINED = ['acr_login::login::send::*', 'acr_login::login::deliver::*'];

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root, ...opts });
}

/** cargo → wasm-bindgen → wasm-opt; returns the directory holding the glue and the optimised wasm. */
export function buildWasm() {
  // Its own target dir: the remap flags below must not invalidate (or be invalidated by) developers'
  // ordinary `cargo build` of the same crates.
  const targetDir = join(root, 'build', 'cargo-target');
  const cargoHome = process.env.CARGO_HOME || join(homedir(), '.cargo');
  const rustflags = [
    `--remap-path-prefix=${root}=/acr-login`,
    `--remap-path-prefix=${cargoHome}=/cargo`,
  ].join(' ');
  run('cargo', ['build', '--quiet', '-p', 'acr-login-wasm', '--target', 'wasm32-unknown-unknown', '--release', '--locked'], {
    env: { ...process.env, CARGO_TARGET_DIR: targetDir, CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: rustflags },
  });
  const bindgenDir = join(root, 'build', 'bindgen');
  rmSync(bindgenDir, { recursive: true, force: true });
  run('wasm-bindgen', [
    '--target', 'web', '--out-dir', bindgenDir, '--out-name', 'acr_login',
    join(targetDir, 'wasm32-unknown-unknown', 'release', 'acr_login.wasm'),
  ]);
  const outDir = join(root, 'build', 'wasm');
  mkdirSync(outDir, { recursive: true });
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), [
    ...NOT_INLINED.map((f) => `--no-inline=${f}`),
    '-Oz', ...WASM_OPT_FEATURES, join(bindgenDir, WASM_NAME), '-o', join(outDir, WASM_NAME),
  ]);
  // Minified: the page and the npm package load the glue as it is (7.5 → 4.9 KB gzip); the action
  // bundle minifies it anyway. Exported names are kept, so its API is unchanged.
  const glue = readFileSync(join(bindgenDir, GLUE_NAME), 'utf8');
  writeFileSync(join(outDir, GLUE_NAME), esbuild.transformSync(glue, { minify: true, format: 'esm', legalComments: 'none' }).code);
  copyFileSync(join(bindgenDir, 'acr_login.d.ts'), join(outDir, 'acr_login.d.ts'));
  return outDir;
}

const BUNDLE_NAME = 'acr-login';

/** Bundles the action's entry points into `<out>/action/dist`, next to its copy of the wasm. */
export async function bundleAction(wasmDir, out) {
  const dist = join(out, 'action', 'dist');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { [BUNDLE_NAME]: 'action/src/index.js' },
    outdir: dist,
    // CommonJS, not ESM: Node's ESM loader adds ~3 ms to every cold start (measured), and the
    // action's cold start budget is 1.3x a bare `node -e ''`.
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    // Resolve the generated glue from this build, not from whatever sits in pkg/.
    alias: { 'acr-login-glue': join(wasmDir, GLUE_NAME) },
    // The glue's default init path reads import.meta.url; we never take it (see action/src/wasm.js).
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'warning',
  });
  for (const step of ['main', 'post']) {
    writeFileSync(join(dist, `${step}.cjs`), `'use strict';\nrequire('./${BUNDLE_NAME}.cjs').${step}();\n`);
  }
  copyFileSync(join(wasmDir, WASM_NAME), join(dist, WASM_NAME));
}

/**
 * The npm package's generated files (its hand-written entry points are committed in pkg/): the wasm,
 * its glue, and the catalog's example logs, which the wasm is built without (the action never reads
 * them): pkg/api.js puts them back into catalog() and explain(). A module, not JSON, as the browser
 * entry shares api.js and reads it synchronously too. The action bundle does not carry them.
 */
export function placePackage(wasmDir, out) {
  const pkg = join(out, 'pkg');
  mkdirSync(pkg, { recursive: true });
  for (const f of [WASM_NAME, GLUE_NAME]) copyFileSync(join(wasmDir, f), join(pkg, f));
  writeFileSync(join(pkg, EXAMPLES_MODULE), examplesModule());
}

export const PAGE_WASM_MODULE = 'acr_login_wasm.js';

/**
 * The page gets the same glue, and the same wasm bytes as an ES module: its CSP has
 * `connect-src 'none'`, which forbids fetching even its own .wasm, while `script-src 'self'` allows
 * importing a module. So the page makes no request that is not a script, style or document.
 * The bytes are a template literal with one character (U+0000-U+00FF) per byte: gzipped it is ~4%
 * above the gzipped .wasm, where base64 costs ~31% (the page's budget is 200 KB gzip in total).
 * The page decodes it with `Uint8Array.from(text, (c) => c.charCodeAt(0))`.
 */
export function placePage(wasmDir, out) {
  const dir = join(out, 'www', 'pkg');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(wasmDir, GLUE_NAME), join(dir, GLUE_NAME));
  // The catalog's example logs, as in pkg/: www/analyse.js imports them statically (no request
  // after load, and the same with or without a worker).
  writeFileSync(join(dir, EXAMPLES_MODULE), examplesModule());
  const bytes = readFileSync(join(wasmDir, WASM_NAME));
  // Escaped: what a template literal would interpret (\\, `, $) or normalise (CR becomes LF).
  const ESCAPES = { 0x5c: '\\\\', 0x60: '\\`', 0x24: '\\$', 0x0d: '\\r' };
  let body = '';
  for (const b of bytes) body += ESCAPES[b] ?? String.fromCharCode(b);
  writeFileSync(join(dir, PAGE_WASM_MODULE), `// Generated by scripts/build.mjs: ${WASM_NAME}, one char per byte.\nexport default \`${body}\`;\n`, 'utf8');
}

/** Where the deployable page is built (under `out`): what `npm start`, the page tests and the benchmarks serve. */
export const siteDir = (out = root) => join(out, 'build', 'www');

/**
 * The deployable page: www/ with its scripts and style sheet minified (its own files 51.5 → 40.6 KB
 * gzip, measured), next to the generated pkg/ as it is: the glue is minified already, and the wasm
 * module is a one-char-per-byte template literal that a minifier would re-escape. Served and tested
 * as it ships; www/ itself stays servable unminified for development (`node scripts/serve.mjs www`).
 */
export function buildSite(out) {
  const site = siteDir(out);
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, 'pkg'), { recursive: true });
  const www = join(root, 'www');
  for (const f of readdirSync(www, { withFileTypes: true })) {
    if (!f.isFile()) continue;
    const text = readFileSync(join(www, f.name), 'utf8');
    const loader = { '.js': 'js', '.css': 'css' }[extname(f.name)];
    const shipped = loader
      ? esbuild.transformSync(text, { loader, format: loader === 'js' ? 'esm' : undefined, minify: true, charset: 'utf8', legalComments: 'none' }).code
      : text;
    writeFileSync(join(site, f.name), shipped);
  }
  const pkg = join(out, 'www', 'pkg');
  for (const f of readdirSync(pkg)) copyFileSync(join(pkg, f), join(site, 'pkg', f));
}

/** The wasm bytes inside the page's module (for the identical-wasm test and the benchmarks). */
export function pageWasmBytes(dir) {
  const text = readFileSync(join(dir, PAGE_WASM_MODULE), 'utf8');
  const body = text.slice(text.indexOf('export default `') + 16, text.lastIndexOf('`;'));
  const unescaped = body.replace(/\\([\\`$r])/g, (_, c) => (c === 'r' ? '\r' : c));
  return Buffer.from(unescaped, 'latin1');
}

async function main() {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? resolve(process.argv[i + 1]) : root;
  const t0 = Date.now();
  const wasmDir = buildWasm();
  placePackage(wasmDir, out);
  placePage(wasmDir, out);
  buildSite(out);
  if (!process.argv.includes('--skip-action')) await bundleAction(wasmDir, out);
  const size = readFileSync(join(wasmDir, WASM_NAME)).length;
  writeFileSync(join(root, 'build', 'last-build.json'), JSON.stringify({ out, wasmBytes: size }) + '\n');
  console.error(`build: wasm ${(size / 1024).toFixed(1)} KiB → ${out} (${Date.now() - t0} ms)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
