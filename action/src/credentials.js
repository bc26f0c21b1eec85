// Where the credentials go, and how they come back out.
//
// Docker reads a registry's credential from `credHelpers[registry]`, else from `credsStore`, else
// from `auths`. So:
// - no helper covers the registry: its `auths` entry is merged into config.json (and into the
//   containers auth.json when asked), every other byte kept;
// - a helper covers it and `docker-credential-<helper>` is installed: the credential is stored
//   through the helper exactly as `docker login` would (the previous one saved for the post step);
// - a helper covers it but is not installed (docker would fail for that registry anyway): a
//   private config dir under RUNNER_TEMP gets a copy of config.json without that helper, plus our
//   entries, and DOCKER_CONFIG points there for the rest of the job (cli-plugins linked along).
// Every change is recorded for the post step, which undoes exactly that.
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { lazyBuiltin } from './lazy.js';
import * as wasm from './wasm.js';
import { readIfExists, updateFile, writeAtomic } from './files.js';

const crypto = lazyBuiltin('node:crypto');

function onPath(program, env) {
  for (const dir of (env.PATH || '').split(delimiter)) {
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  }
  return null;
}

function helperProgram(name) {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`credential helper name '${name}' in the docker config is not a plain program name`);
  return `docker-credential-${name}`;
}

async function runHelper(program, verb, input, env) {
  // Loaded only when a helper is in play: most runs never pay for child_process.
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(program, [verb], { input, encoding: 'utf8', env, timeout: 30_000 });
  const ok = r.status === 0;
  // docker-credential-helpers print their errors on stdout (docker reads them there).
  return { ok, out: r.stdout ?? '', err: (r.stderr || (ok ? '' : r.stdout) || r.error?.message || '').trim() };
}

/**
 * What `get` answered, as `store` takes it back. docker-credential-helpers before v0.7 (and some
 * others) answer {Username, Secret} without the ServerURL that `store` requires.
 */
function restorePayload(registry, got) {
  try {
    const c = JSON.parse(got);
    if (c && typeof c === 'object' && !Array.isArray(c)) return JSON.stringify({ ...c, ServerURL: c.ServerURL || registry });
  } catch { /* not JSON: replay it as it came */ }
  return got;
}

/** Merges every registry's entry into one file under its lock; returns the file's undo record. */
async function mergeInto(file, format, registries) {
  const undos = await updateFile(file, (text) => {
    let out = text;
    const records = [];
    for (const r of registries) {
      const m = wasm.dockerConfigMerge(out, file, r.loginServer, r.username, r.password, format);
      out = m.text;
      records.push(m.undo);
    }
    // Read back: every one of our entries must be there (another writer may have raced us).
    const check = (after) => registries.every((r) => {
      try {
        return JSON.parse(after ?? '{}')?.auths?.[r.loginServer]?.auth === Buffer.from(`${r.username}:${r.password}`).toString('base64');
      } catch {
        return false;
      }
    });
    return { text: out, result: records, check };
  });
  return { kind: 'file', file, format, undos };
}

/**
 * Writes the credentials. Returns { records, dockerConfig } where dockerConfig is set when a
 * private config dir was exported. Throws (with `code`) before writing anything when a config is
 * malformed.
 */
export async function writeCredentials({ registries, dockerConfigDir, authFile, runnerTemp, env = process.env, info = () => {} }) {
  const dockerFile = join(dockerConfigDir, 'config.json');
  const current = readIfExists(dockerFile);
  const viaHelper = [];
  const missingHelper = [];
  for (const r of registries) {
    // Also validates the file up front: a malformed config fails here, before any change.
    const m = wasm.dockerConfigMerge(current, dockerFile, r.loginServer, r.username, r.password, 'docker');
    if (!m.helper) continue;
    const program = helperProgram(m.helper.name);
    (onPath(program, env) ? viaHelper : missingHelper).push({ r, program, helper: m.helper });
  }
  if (authFile) wasm.dockerConfigMerge(readIfExists(authFile), authFile, 'validate.invalid', 'x', 'x', 'containers');

  const records = [];
  try {
    return await writeAll();
  } catch (e) {
    // Never leave half a login behind: take back what was written before the failure.
    await undoCredentials(records, env);
    throw e;
  }

  async function writeAll() {
  let dockerConfig = null;
  const direct = registries.filter((r) => !viaHelper.some((h) => h.r === r));
  if (missingHelper.length) {
    const dir = join(runnerTemp, `acr-login-docker-${crypto().randomBytes(6).toString('hex')}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const base = current === null ? '' : wasm.dockerConfigWithoutHelpers(current, dockerFile, missingHelper.map((h) => h.r.loginServer));
    writeAtomic(join(dir, 'config.json'), base || '{}\n');
    // Absolute: a relative link would be read relative to the private dir.
    const plugins = resolve(dockerConfigDir, 'cli-plugins');
    if (existsSync(plugins)) symlinkSync(plugins, join(dir, 'cli-plugins'));
    records.push({ kind: 'dir', dir });
    records.push(await mergeInto(join(dir, 'config.json'), 'docker', direct));
    dockerConfig = dir;
    for (const h of missingHelper) {
      info(`${h.r.loginServer}: the docker config sends it to ${h.program} (${h.helper.source}), which is not installed; using a private DOCKER_CONFIG for this job instead`);
    }
  } else if (direct.length) {
    records.push(await mergeInto(dockerFile, 'docker', direct));
  }
  for (const h of viaHelper) {
    const prev = await runHelper(h.program, 'get', h.r.loginServer, env);
    const stored = await runHelper(h.program, 'store', wasm.dockerHelperPayload(h.r.loginServer, h.r.username, h.r.password), env);
    if (!stored.ok) throw Object.assign(new Error(`${h.program} store failed for ${h.r.loginServer}: ${stored.err || 'no message'}`), { code: 'CREDENTIAL_HELPER_FAILED' });
    records.push({ kind: 'helper', program: h.program, registry: h.r.loginServer, previous: prev.ok && prev.out.trim() ? restorePayload(h.r.loginServer, prev.out.trim()) : null });
    info(`${h.r.loginServer}: stored through ${h.program}, as docker login would (${h.helper.source} covers it)`);
  }
  if (authFile) records.push(await mergeInto(authFile, 'containers', registries));
  return { records, dockerConfig };
  }
}

/** Undoes the records of writeCredentials; returns one line per change for the log. */
export async function undoCredentials(records, env = process.env) {
  const lines = [];
  for (const rec of [...records].reverse()) {
    try {
      if (rec.kind === 'file') {
        const outcomes = await updateFile(rec.file, (text) => {
          let out = text;
          let del = false;
          const results = [];
          for (const undo of [...rec.undos].reverse()) {
            const r = wasm.dockerConfigUndo(del ? null : out, rec.file, undo);
            results.push([JSON.parse(undo).registry, r.outcome]);
            if (r.outcome === 'delete-file') del = true;
            else if (r.text !== null && r.text !== undefined) out = r.text;
          }
          return { text: del ? null : out === text ? undefined : out, result: results };
        });
        for (const [registry, outcome] of outcomes) lines.push(`${rec.file}: ${registry} ${outcome}`);
      } else if (rec.kind === 'helper') {
        const r = rec.previous
          ? await runHelper(rec.program, 'store', rec.previous, env)
          : await runHelper(rec.program, 'erase', rec.registry, env);
        lines.push(`${rec.program}: ${rec.registry} ${rec.previous ? 'restored' : 'erased'}${r.ok ? '' : ` (failed: ${r.err})`}`);
      } else if (rec.kind === 'dir') {
        rmSync(rec.dir, { recursive: true, force: true });
        lines.push(`${rec.dir}: removed`);
      }
    } catch (e) {
      lines.push(`${rec.file ?? rec.program ?? rec.dir}: not undone (${e.message})`);
    }
  }
  return lines;
}
