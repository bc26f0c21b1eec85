// Runs the committed action against the local Azure stand-in and checks, for every run, that no
// credential leaked: not in stdout (bar the runner's own ::add-mask:: commands), stderr, the job
// summary, outputs (bar the requested `token`), state, env, or any file in RUNNER_TEMP except the
// docker configs the action exists to write.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startEmulator, startRegistry } from './emulator.mjs';
import { newRunner, runStep } from './runner.mjs';

const JWT = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/;

/** The runner env a job on the stand-in has, plus what the action needs to trust and find it. */
export function emulatorEnv(emu, extra = {}) {
  return {
    ...emu.env,
    NODE_EXTRA_CA_CERTS: emu.caPath,
    AZURE_POD_IDENTITY_AUTHORITY_HOST: emu.env.ACR_EMULATOR_IMDS_ENDPOINT,
    ...extra,
  };
}

/** `main` with the scenario's inputs (overridable); resolves the runStep result plus `secrets`. */
export async function runMain({ node, emu, inputs = {}, env = {}, runner = newRunner(), withoutEnv = [] }) {
  const e = emulatorEnv(emu, env);
  for (const k of withoutEnv) delete e[k];
  const r = await runStep({ node, step: 'main', inputs: { ...emu.inputs, ...inputs }, env: e, runner });
  r.commands = runnerCommands(r.stdout);
  r.masked = r.commands.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length));
  r.errorLine = r.commands.find((l) => l.startsWith('::error::')) ?? '';
  return r;
}

/**
 * The stdout lines the runner reads as workflow commands: those starting with `::` once trimmed,
 * except between `::stop-commands::<token>` and `::<token>::`.
 */
export function runnerCommands(stdout) {
  const commands = [];
  let paused = null;
  for (const line of stdout.split('\n').map((l) => l.trim())) {
    if (paused) {
      if (line === `::${paused}::`) paused = null;
    } else if (line.startsWith('::stop-commands::')) {
      paused = line.slice('::stop-commands::'.length);
    } else if (line.startsWith('::')) {
      commands.push(line);
    }
  }
  return commands;
}

export function runPost({ node, emu, main, env = {} }) {
  return runStep({ node, step: 'post', env: emulatorEnv(emu, env), runner: main.runner, state: main.state });
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) continue;
    if (s.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * Asserts no secret leaked in a step's result. `secrets`: values known to the test (inputs,
 * tokens read back from the config); every value the action masked is added. `allowedFiles`:
 * paths that may hold credentials (the docker config, auth.json).
 */
export function assertNoLeaks(r, { secrets = [], allowedFiles = [], allowTokenOutput = false } = {}) {
  const all = [...new Set([...secrets, ...(r.masked ?? [])])].filter((s) => s && s.length >= 8);
  const outputs = Object.entries(r.outputs).filter(([k]) => !(allowTokenOutput && k === 'token'));
  const texts = {
    stdout: r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'),
    stderr: r.stderr,
    summary: r.summary,
    outputs: JSON.stringify(outputs),
    state: JSON.stringify(r.state),
    env: JSON.stringify(r.env),
  };
  const allowed = new Set(allowedFiles);
  const skip = new Set(Object.values(r.runner.files));
  for (const f of walk(r.runner.dir)) {
    if (allowed.has(f) || skip.has(f)) continue;
    texts[f] = readFileSync(f, 'utf8');
  }
  for (const [where, text] of Object.entries(texts)) {
    for (const s of all) assert.ok(!text.includes(s), `a secret (${s.slice(0, 6)}…) leaked into ${where}`);
    assert.doesNotMatch(text, JWT, `a JWT leaked into ${where}`);
  }
}

/** The `auth` entry of a docker config file, decoded to {username, password}. */
export function authEntry(file, registry) {
  const cfg = JSON.parse(readFileSync(file, 'utf8'));
  const auth = cfg.auths?.[registry]?.auth;
  if (!auth) return null;
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const i = text.indexOf(':');
  return { username: text.slice(0, i), password: text.slice(i + 1) };
}

/** The finding ID at the top of the `diagnosis` output (or null). */
export function topId(r) {
  try {
    return JSON.parse(r.outputs.diagnosis).top?.id ?? null;
  } catch {
    return null;
  }
}

/**
 * A `docker-credential-<name>` on a PATH of its own, speaking the helpers' protocol (get / store /
 * erase, argument on stdin, errors on stdout as docker-credential-helpers print them) over a JSON
 * file. `oldStyle`: answers `get` without ServerURL and refuses a `store` without one, as the
 * helpers before v0.7 do. Returns `{ bin, store, path }`: `path` is a PATH that finds it first.
 */
export function fakeCredentialHelper(runner, name, { oldStyle = false } = {}) {
  const bin = join(runner.dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const store = join(runner.dir, `${name}-store.json`);
  const answer = oldStyle ? 'JSON.stringify({ Username: e.Username, Secret: e.Secret }) + \'\\n\'' : 'JSON.stringify(e)';
  const refuse = oldStyle ? "if (!e.ServerURL) { process.stdout.write('no credentials server URL'); process.exit(1); } " : '';
  writeFileSync(join(bin, `docker-credential-${name}`), `#!/usr/bin/env node
const fs = require('fs'); const f = ${JSON.stringify(store)};
const db = fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : {};
let input = ''; process.stdin.on('data', (d) => input += d).on('end', () => {
  const verb = process.argv[2];
  if (verb === 'get') { const e = db[input.trim()]; if (!e) { process.stdout.write('credentials not found in native keychain'); process.exit(1); } process.stdout.write(${answer}); }
  if (verb === 'store') { const e = JSON.parse(input); ${refuse}db[e.ServerURL] = e; }
  if (verb === 'erase') { delete db[input.trim()]; }
  fs.writeFileSync(f, JSON.stringify(db));
});
`, { mode: 0o755 });
  return { bin, store, path: `${bin}:${process.env.PATH}` };
}

/**
 * For one describe block: the stand-in (`scenario`) and a registry, started before its tests and
 * stopped after them, and `main` / `post` running the action in `dist` against them under `node`
 * (`via` runs main under another binary, a wrapper say). `emu` and `reg` are set once started.
 */
export function standInSteps({ node, dist, scenario = 'oidc' }) {
  const s = {
    emu: null,
    reg: null,
    main: (runner, { inputs = {}, env = {}, via = node } = {}) => runStep({
      node: via, dist, runner, inputs: { ...s.emu.inputs, registry: s.reg.loginServer, ...inputs }, env: emulatorEnv(s.emu, env),
    }),
    post: (runner, m, env = {}) => runStep({ node, dist, runner, step: 'post', state: m.state, env: emulatorEnv(s.emu, env) }),
  };
  before(async () => {
    s.emu = await startEmulator({ scenario });
    s.reg = await startRegistry({ emulator: s.emu });
  });
  after(async () => {
    await s.reg?.stop();
    await s.emu?.stop();
  });
  return s;
}
