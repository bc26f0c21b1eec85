// Config files written so that concurrent jobs on one runner lose nothing and a crash leaves
// either the old or the new file, never half of one:
// - a lock file (`<file>.lock`, O_EXCL) serialises read-modify-write among acr-login runs;
//   a lock older than STALE_MS is taken over (its holder died) by exactly one waiter, and a
//   holder releases only the lock it created;
// - the new text goes to a temp file in the same directory (0600), is fsynced, then renamed over
//   the target (atomic on POSIX), and the directory is fsynced;
// - after the write the file is read back; if a writer that does not take our lock (docker
//   login, say) replaced it in between, the edit is redone on the new contents;
// - a file that is a symlink (dangling or not) is written through to its target, as docker's own
//   config writer does: renaming over the link would turn it into a private copy.
import { lazyBuiltin } from './lazy.js';
import {
  accessSync, closeSync, constants, existsSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, renameSync, rmSync, statSync,
  unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const crypto = lazyBuiltin('node:crypto');

export const STALE_MS = 30_000;
// The takeover lock is held across one stat and one unlink; one this old was left by a waiter that
// died in between. Far above any scheduling stall, far below STALE_MS, so a dead waiter costs
// everyone at most a few seconds.
export const TAKEOVER_STALE_MS = 5_000;
const LOCK_TIMEOUT_MS = 60_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Inode numbers are reused as soon as a file is unlinked, so the inode alone cannot tell the
// stale lock from a fresh one created in its place; the fresh one's mtime differs by STALE_MS.
const sameFile = (a, b) => a.dev === b.dev && a.ino === b.ino && a.mtimeMs === b.mtimeMs;

function statOrNull(path) {
  try {
    return statSync(path);
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

/** Creates `path` with O_EXCL and returns its stat; null when it exists already. */
function createExclusive(path) {
  let fd;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if (e.code === 'EEXIST') return null;
    throw e;
  }
  try {
    return fstatSync(fd);
  } finally {
    closeSync(fd);
  }
}

// Several waiters can find the same stale lock. Were each to unlink it on sight, a waiter paused
// between its stat and its unlink would unlink the fresh lock another waiter had created in the
// meantime, and both would hold it. So the unlink happens only under a second O_EXCL file, and
// only if the lock is still the very file seen stale: a waiter that gets the takeover lock after
// the first one finds no lock, or a new one, and leaves it alone.
// A takeover lock whose holder died is removed once older than TAKEOVER_STALE_MS, by a plain
// unlink that has the race above one level down; it only matters if a waiter died inside a
// window of two syscalls and two more waiters then interleave exactly, and even then the lock
// is at risk only if they also interleave on the lock itself.
function takeOver(lock, seen) {
  const guard = `${lock}.takeover`;
  if (!createExclusive(guard)) {
    const held = statOrNull(guard);
    if (held && Date.now() - held.mtimeMs > TAKEOVER_STALE_MS) rmSync(guard, { force: true });
    return;
  }
  try {
    const now = statOrNull(lock);
    if (now && sameFile(now, seen) && Date.now() - now.mtimeMs > STALE_MS) unlinkSync(lock);
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Waits for the lock; returns the stat of the lock file this call created. */
async function acquire(lock) {
  const t0 = Date.now();
  for (let attempt = 0; ; attempt++) {
    const mine = createExclusive(lock);
    if (mine) return mine;
    try {
      const seen = statOrNull(lock);
      if (seen && Date.now() - seen.mtimeMs > STALE_MS) takeOver(lock, seen);
    } catch { /* gone or replaced meanwhile: retry */ }
    if (Date.now() - t0 > LOCK_TIMEOUT_MS) {
      throw Object.assign(new Error(`${lock} has been held for over ${LOCK_TIMEOUT_MS / 1000} s; if no other acr-login step runs, delete it`), { code: 'LOCK_TIMEOUT' });
    }
    await sleep(5 + Math.floor(Math.random() * Math.min(50, 5 * (attempt + 1))));
  }
}

// A holder slower than STALE_MS has had its lock taken over: the file there now is another
// holder's, and removing it would let a third one in beside that holder.
function release(lock, mine) {
  const now = statOrNull(lock);
  if (now && sameFile(now, mine)) rmSync(lock, { force: true });
}

/** Writes `text` to `path` atomically with mode 0600. */
export function writeAtomic(path, text) {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${crypto().randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    try {
      // Until every byte is out: on a disk filling up, write(2) first returns a short count and
      // only the next call fails (ENOSPC); a truncated config must never be renamed into place.
      let rest = Buffer.from(text, 'utf8');
      while (rest.length) {
        const n = writeSync(fd, rest);
        if (n <= 0) throw Object.assign(new Error(`${tmp}: write made no progress`), { code: 'EIO' });
        rest = rest.subarray(n);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    // A disk full half way: the temp file holds part of a config, credentials included.
    rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dfd = openSync(dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch { /* not every platform can fsync a directory */ }
}

export function readIfExists(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

/** The file a path names once symlinks are followed; the path itself when it is not a link. */
export function linkTarget(path) {
  let p = path;
  // As many hops as Linux follows (MAXSYMLINKS) before ELOOP.
  for (let hops = 0; hops < 40; hops++) {
    let link;
    try {
      if (!lstatSync(p).isSymbolicLink()) return p;
      link = readlinkSync(p);
    } catch (e) {
      if (e.code === 'ENOENT') return p;
      throw e;
    }
    p = resolve(dirname(p), link);
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
}

/**
 * Throws, as fs would, unless `dir` is a directory this process may create files in, or could be
 * created as one (its nearest existing ancestor is such a directory). Creates nothing: this runs
 * before the first write, so that a read-only or misnamed destination fails with no file changed.
 * The error's `path` is the directory (or file) at fault: `dir` itself or that ancestor.
 */
export function assertWritableDir(dir) {
  let p = resolve(dir);
  for (;;) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      // ENOTDIR: a file part way up; the walk finds it and reports it by name.
      if ((e.code !== 'ENOENT' && e.code !== 'ENOTDIR') || dirname(p) === p) throw e;
      p = dirname(p);
      continue;
    }
    if (!st.isDirectory()) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, '${p}'`), { code: 'ENOTDIR', syscall: 'stat', path: p });
    }
    // access(2) reports EROFS for a read-only mount and honours ACLs, as the write would.
    accessSync(p, constants.W_OK | constants.X_OK);
    return;
  }
}

/**
 * Read-modify-write under the lock. `edit(text|null)` returns `{ text, result, check }`: `text`
 * undefined = leave the file, null = delete it; `check(newText)` (optional) says whether the file
 * read back still holds the edit. Returns `result`.
 */
export async function updateFile(file, edit) {
  const path = linkTarget(file);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const lock = `${path}.lock`;
  const mine = await acquire(lock);
  try {
    for (let attempt = 0; ; attempt++) {
      const before = readIfExists(path);
      const { text, result, check } = edit(before);
      if (text === undefined) return result;
      if (text === null) {
        if (existsSync(path)) unlinkSync(path);
        return result;
      }
      writeAtomic(path, text);
      const after = readIfExists(path);
      if (!check || check(after) || attempt >= 4) return result;
    }
  } finally {
    release(lock, mine);
  }
}

/** A private (0600) JSON file under RUNNER_TEMP, for what post needs but state must not hold. */
export function writePrivateJson(dir, prefix, value) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${prefix}-${crypto().randomBytes(8).toString('hex')}.json`);
  writeAtomic(path, JSON.stringify(value));
  return path;
}
