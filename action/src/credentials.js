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
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { lazyBuiltin } from './lazy.js';
import * as wasm from './wasm.js';
import { assertWritableDir, linkTarget, readIfExists, updateFile, writeAtomic } from './files.js';

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

// Where a file goes, as the messages name it: which setting chose the path and how to choose another.
const PLACES = {
  docker: {
    what: 'the docker config directory', input: 'docker-config', env: 'DOCKER_CONFIG', fallback: 'the default ~/.docker',
    example: 'docker-config: ${{ runner.temp }}/docker',
  },
  auth: {
    what: 'the containers auth file', input: 'auth-file', env: 'REGISTRY_AUTH_FILE', example: 'auth-file: ${{ runner.temp }}/containers/auth.json',
  },
  temp: { what: "the runner's temp directory" },
};

/** The first existing part of `path`, walking up; a file there is what made a path ENOTDIR. */
function existingPart(path) {
  for (let p = resolve(path); ; p = dirname(p)) {
    let st = null;
    try {
      st = statSync(p);
    } catch { /* ENOENT, or ENOTDIR below the file being looked for: go up */ }
    if (st || dirname(p) === p) return { path: p, isFile: !!st && !st.isDirectory() };
  }
}

/** `(uid 1001, EACCES)`: who was refused, as `ls -ln` shows owners. */
function refused(code) {
  const uid = process.getuid?.();
  return `(${uid === undefined ? '' : `uid ${uid}, `}${code})`;
}

/**
 * A file-system error met on `dest` ({ place, path, from: 'input' | 'env' | 'default' }) while
 * reading or writing (`op`), explained in one line: the path, the setting that chose it, the fix.
 * Errors that are not the file system's own (a malformed config, a lock timeout) pass unchanged.
 */
export function explainFileError(e, dest, op) {
  if (!e || !e.syscall || !e.code) return e;
  const place = PLACES[dest.place];
  const path = resolve(dest.path);
  const at = e.path ? resolve(e.path) : path;
  const origin = dest.place === 'temp'
    ? 'RUNNER_TEMP is set by the runner; acr-login keeps its logout record there, and the private docker config it makes when a credential helper is missing'
    : dest.from === 'input' ? `${path} comes from input '${place.input}'`
      : dest.from === 'env' ? `${path} comes from the ${place.env} environment variable (input '${place.input}' is not set)`
        : `${path} is ${place.fallback}: neither input '${place.input}' nor ${place.env} is set`;
  const another = dest.place === 'temp' ? null
    : `point input '${place.input}' at a writable ${dest.place === 'docker' ? 'directory' : 'path'}${dest.from === 'env' ? ` (it takes precedence over ${place.env})` : ''}, e.g. \`${place.example}\``;
  const fix = (remedy) => `Fix: ${[another, remedy].filter(Boolean).join(', or ')}.`;
  const explained = (code, text) => Object.assign(new Error(text), { code, path: at, cause: e });

  const blocking = e.code === 'ENOTDIR' || (e.code === 'EEXIST' && e.syscall === 'mkdir') ? existingPart(at) : null;
  if (blocking?.isFile) {
    const file = blocking.path;
    if (dest.place === 'docker' && file === path) {
      const parent = basename(file) === 'config.json' ? ` (here \`${place.input}: ${dirname(file)}\`)` : '';
      return explained('CONFIG_NOT_A_DIRECTORY', `acr-login cannot use ${path} as ${place.what}: it is a file, not a directory (ENOTDIR). ${origin}. It must name a directory: docker reads the file config.json inside it. Fix: give the directory that holds config.json${parent}, or a new writable directory, e.g. \`${place.example}\`.`);
    }
    return explained('CONFIG_NOT_A_DIRECTORY', `acr-login cannot use ${path} as ${place.what}: ${file}, part of that path, is a file, not a directory (ENOTDIR). ${origin}. ${fix(`move ${file} out of the way`)}`);
  }
  if (e.code === 'EISDIR' && dest.place === 'auth') {
    return explained('CONFIG_NOT_A_FILE', `acr-login cannot use ${path} as ${place.what}: it is a directory (EISDIR). ${origin}. It must name the file itself. Fix: e.g. \`${place.input}: ${join(path, 'auth.json')}\`.`);
  }
  const verb = op === 'read' ? 'read' : 'write';
  const subject = dest.place === 'docker'
    ? (op === 'read' ? `acr-login cannot read the docker config ${join(path, 'config.json')}` : `acr-login cannot write the docker config in ${path}`)
    : dest.place === 'auth' ? `acr-login cannot ${verb} ${place.what} ${path}`
      : `acr-login cannot write in ${path} (RUNNER_TEMP)`;
  const culprit = at === path ? 'it' : at;
  if (e.code === 'EROFS') {
    return explained('CONFIG_NOT_WRITABLE', `${subject}: ${culprit} is on a read-only file system (EROFS). ${origin}. ${fix(`mount ${at} read-write`)}`);
  }
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    const what = op === 'read' ? 'readable' : 'writable';
    return explained(op === 'read' ? 'CONFIG_NOT_READABLE' : 'CONFIG_NOT_WRITABLE', `${subject}: ${culprit} is not ${what} by this user ${refused(e.code)}. ${origin}. ${fix(`fix the permissions of ${at} (owner or mode) so that this user may ${verb} it`)}`);
  }
  // Anything else (ENOSPC, EIO, …): what failed where, with fs's own words.
  return explained(`CONFIG_${op === 'read' ? 'READ' : 'WRITE'}_FAILED`, `${subject}: ${e.message}. ${origin}.`);
}

/** `fn()`, with a file-system error it throws (or its promise rejects with) explained for `dest`. */
function on(dest, op, fn) {
  const explained = (e) => {
    throw explainFileError(e, dest, op);
  };
  try {
    const r = fn();
    return r instanceof Promise ? r.catch(explained) : r;
  } catch (e) {
    return explained(e);
  }
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
 * malformed, or a destination unreadable, not writable or not a directory; a write that fails
 * later is taken back. `dockerConfigFrom` / `authFileFrom` ('input' | 'env' | 'default') say
 * which setting chose each path, for the message.
 */
export async function writeCredentials({
  registries, dockerConfigDir, dockerConfigFrom = 'default', authFile, authFileFrom = 'input', runnerTemp, env = process.env, info = () => {},
}) {
  const docker = { place: 'docker', path: dockerConfigDir, from: dockerConfigFrom };
  const auth = { place: 'auth', path: authFile, from: authFileFrom };
  const temp = { place: 'temp', path: runnerTemp };
  const dockerFile = join(dockerConfigDir, 'config.json');
  const current = on(docker, 'read', () => readIfExists(dockerFile));
  const viaHelper = [];
  const missingHelper = [];
  for (const r of registries) {
    // Also validates the file up front: a malformed config fails here, before any change.
    const m = wasm.dockerConfigMerge(current, dockerFile, r.loginServer, r.username, r.password, 'docker');
    if (!m.helper) continue;
    const program = helperProgram(m.helper.name);
    (onPath(program, env) ? viaHelper : missingHelper).push({ r, program, helper: m.helper });
  }
  if (authFile) wasm.dockerConfigMerge(on(auth, 'read', () => readIfExists(authFile)), authFile, 'validate.invalid', 'x', 'x', 'containers');
  const direct = registries.filter((r) => !viaHelper.some((h) => h.r === r));
  // Every directory about to be written must take it, before the first write: a read-only HOME
  // must not fail half way, with config.json written and auth.json not.
  if (missingHelper.length) on(temp, 'write', () => assertWritableDir(runnerTemp));
  else if (direct.length) on(docker, 'write', () => assertWritableDir(dirname(linkTarget(dockerFile))));
  if (authFile) on(auth, 'write', () => assertWritableDir(dirname(linkTarget(authFile))));

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
  if (missingHelper.length) {
    const dir = join(runnerTemp, `acr-login-docker-${crypto().randomBytes(6).toString('hex')}`);
    on(temp, 'write', () => mkdirSync(dir, { recursive: true, mode: 0o700 }));
    records.push({ kind: 'dir', dir });
    const base = current === null ? '' : wasm.dockerConfigWithoutHelpers(current, dockerFile, missingHelper.map((h) => h.r.loginServer));
    on(temp, 'write', () => writeAtomic(join(dir, 'config.json'), base || '{}\n'));
    // Absolute: a relative link would be read relative to the private dir.
    const plugins = resolve(dockerConfigDir, 'cli-plugins');
    if (existsSync(plugins)) on(temp, 'write', () => symlinkSync(plugins, join(dir, 'cli-plugins')));
    records.push(await on(temp, 'write', () => mergeInto(join(dir, 'config.json'), 'docker', direct)));
    dockerConfig = dir;
    for (const h of missingHelper) {
      info(`${h.r.loginServer}: the docker config sends it to ${h.program} (${h.helper.source}), which is not installed; using a private DOCKER_CONFIG for this job instead`);
    }
  } else if (direct.length) {
    records.push(await on(docker, 'write', () => mergeInto(dockerFile, 'docker', direct)));
  }
  for (const h of viaHelper) {
    const prev = await runHelper(h.program, 'get', h.r.loginServer, env);
    const stored = await runHelper(h.program, 'store', wasm.dockerHelperPayload(h.r.loginServer, h.r.username, h.r.password), env);
    if (!stored.ok) throw Object.assign(new Error(`${h.program} store failed for ${h.r.loginServer}: ${stored.err || 'no message'}`), { code: 'CREDENTIAL_HELPER_FAILED' });
    records.push({ kind: 'helper', program: h.program, registry: h.r.loginServer, previous: prev.ok && prev.out.trim() ? restorePayload(h.r.loginServer, prev.out.trim()) : null });
    info(`${h.r.loginServer}: stored through ${h.program}, as docker login would (${h.helper.source} covers it)`);
  }
  if (authFile) records.push(await on(auth, 'write', () => mergeInto(authFile, 'containers', registries)));
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
