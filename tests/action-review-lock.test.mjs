// The docker-config lock of action/src/files.js when its holder died: a stale lock must be taken
// over by exactly one waiter, a fresh lock must never be removed, and a waiter that died half way
// through a takeover must not wedge the others.
// files.js is bundled alone (as tests/action-review-shell.test.mjs does), so that its calls to
// node:fs go through the module object a test can patch. The race runs two real acquirers in two
// worker threads (each with its own node:fs), interleaved through shared memory at exactly the
// dangerous point: after one has seen the stale lock and before it acts on it.
// LOCK_TEST_FILES_JS=<path to another files.js> runs the same tests against that copy (beside it
// a lazy.js), e.g. the version before the fix, to see the race test fail.
import assert from 'node:assert/strict';
import {
  existsSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { root } from './support/node.mjs';

const out = mkdtempSync(join(tmpdir(), 'acr-login-review-lock-'));
after(() => rmSync(out, { recursive: true, force: true }));

const source = process.env.LOCK_TEST_FILES_JS ? resolve(process.env.LOCK_TEST_FILES_JS) : join(root, 'action/src/files.js');
const bundle = join(out, 'files.cjs');
await esbuild.build({
  absWorkingDir: root, entryPoints: [source], outfile: bundle,
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
});
const files = createRequire(import.meta.url)(bundle);
// The rules as the source states them (a copy from before they were exported: the values then).
const STALE_MS = files.STALE_MS ?? 30_000;
const TAKEOVER_STALE_MS = files.TAKEOVER_STALE_MS ?? 5_000;

function scratch(t) {
  const dir = mkdtempSync(join(out, 'run-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'config.json');
  writeFileSync(file, '{"auths":{}}');
  return { dir, file, lock: `${file}.lock`, guard: `${file}.lock.takeover` };
}

/** Creates `path` with its mtime `ageMs` in the past, as a holder that died that long ago left it. */
function leftBehind(path, ageMs) {
  writeFileSync(path, '');
  const then = (Date.now() - ageMs) / 1000;
  utimesSync(path, then, then);
}

// Shared cells between the test and the two acquirers.
const HOLDERS = 0; // how many hold the lock now
const MOST = 1; // the most that ever held it at once
const A_HOLDS = 2; // A is inside its edit (1), has left it (2)
const B_SAW = 3; // B has seen the stale lock (its stat returned)
const B_HOLDS = 4; // B is inside its edit
const B_BLOCKED = 5; // B's tries to create the lock that failed while A held it
const RELEASE_A = 6;
const B_HELD_WHILE_A = 7; // A was inside its edit when B entered its own

const WORKER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { role, bundle, file, lock, cells } = workerData;
const s = new Int32Array(cells);
const wait = (i, v) => { while (Atomics.load(s, i) !== v) if (Atomics.wait(s, i, Atomics.load(s, i), 10_000) === 'timed-out') throw new Error(role + ': timed out waiting for cell ' + i); };
const set = (i, v) => { Atomics.store(s, i, v); Atomics.notify(s, i); };
const enter = () => {
  const n = Atomics.add(s, ${HOLDERS}, 1) + 1;
  let most;
  while ((most = Atomics.load(s, ${MOST})) < n) Atomics.compareExchange(s, ${MOST}, most, n);
};
const leave = () => Atomics.sub(s, ${HOLDERS}, 1);

if (role === 'B') {
  // B's first look at the lock finds the stale one; it is then paused, as a waiter preempted
  // between its stat and what it does about it, until A holds the lock.
  const statSync = fs.statSync;
  let paused = false;
  fs.statSync = (p, ...rest) => {
    const st = statSync(p, ...rest);
    if (p === lock && !paused) {
      paused = true;
      set(${B_SAW}, 1);
      wait(${A_HOLDS}, 1);
    }
    return st;
  };
  const openSync = fs.openSync;
  fs.openSync = (p, ...rest) => {
    try {
      return openSync(p, ...rest);
    } catch (e) {
      if (p === lock && e.code === 'EEXIST' && Atomics.load(s, ${A_HOLDS}) === 1) { Atomics.add(s, ${B_BLOCKED}, 1); Atomics.notify(s, ${B_BLOCKED}); }
      throw e;
    }
  };
}
const files = require(bundle);
if (role === 'A') wait(${B_SAW}, 1);
files.updateFile(file, () => {
  enter();
  if (role === 'A') {
    set(${A_HOLDS}, 1);
    wait(${RELEASE_A}, 1);
    leave();
    set(${A_HOLDS}, 2);
  } else {
    if (Atomics.load(s, ${A_HOLDS}) === 1) set(${B_HELD_WHILE_A}, 1);
    set(${B_HOLDS}, 1);
    leave();
  }
  return { text: undefined, result: null };
}).then(() => process.exit(0), (e) => { console.error(role, e); process.exit(1); });
`;

function acquirer(role, data) {
  const w = new Worker(WORKER, { eval: true, workerData: { role, ...data } });
  return new Promise((res, rej) => {
    w.once('error', rej);
    w.once('exit', (code) => (code === 0 ? res() : rej(new Error(`${role} exited with ${code}`))));
  });
}

/** Resolves once `ready()` holds, polling: the test's own thread must not block the workers' exits. */
async function until(ready, what, ms = 10_000) {
  const t0 = Date.now();
  while (!ready()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

test('two waiters that saw the same stale lock: one takes it over, the other waits for its release', async (t) => {
  const { dir, file, lock } = scratch(t);
  leftBehind(lock, STALE_MS + 30_000);
  const cells = new SharedArrayBuffer(4 * 8);
  const s = new Int32Array(cells);
  const data = { bundle, file, lock, cells };
  const b = acquirer('B', data);
  const a = acquirer('A', data);

  await until(() => Atomics.load(s, A_HOLDS) === 1, 'A holds the lock');
  // B, let go with A inside, either walks in beside A (the race) or keeps finding the lock taken.
  await until(() => Atomics.load(s, B_HOLDS) === 1 || Atomics.load(s, B_BLOCKED) >= 3, 'B holds the lock or has been refused it 3 times');
  const beside = Atomics.load(s, B_HOLDS) === 1;
  Atomics.store(s, RELEASE_A, 1);
  Atomics.notify(s, RELEASE_A);
  await Promise.all([a, b]);

  assert.ok(!beside && Atomics.load(s, B_HELD_WHILE_A) === 0, 'B took the lock over while A held it: both held it at once');
  assert.equal(Atomics.load(s, MOST), 1, 'more than one acquirer held the lock at once');
  assert.equal(Atomics.load(s, B_HOLDS), 1, 'B never got the lock after A released it');
  assert.deepEqual(readdirSync(dir), ['config.json'], 'a lock or takeover lock was left behind');
});

test('a fresh lock is never removed: a live holder is waited for, not taken over', async (t) => {
  const { file, lock } = scratch(t);
  leftBehind(lock, STALE_MS - 10_000);
  const before = statSync(lock);
  const done = files.updateFile(file, () => ({ text: undefined, result: 'in' }));
  let settled = false;
  done.then(() => { settled = true; }, () => { settled = true; });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(settled, false, 'got in past a live holder\'s lock');
  assert.equal(statSync(lock).ino, before.ino, 'the live holder\'s lock was replaced');
  // The holder releases; the waiter then gets in.
  unlinkSync(lock);
  assert.equal(await done, 'in');
  assert.ok(!existsSync(lock));
});

// A waiter that died between creating `<lock>.takeover` and removing it: the stale lock it was
// taking over stays, and the takeover lock must not keep everyone else out past its own rule.
test('a takeover lock left by a dead waiter holds the others up no longer than its staleness rule', async (t) => {
  const { dir, file, lock, guard } = scratch(t);
  leftBehind(lock, STALE_MS + 30_000);
  // Made TAKEOVER_STALE_MS - 1 s ago: it turns stale 1 s from now.
  leftBehind(guard, TAKEOVER_STALE_MS - 1_000);
  const t0 = Date.now();
  assert.equal(await files.updateFile(file, () => ({ text: undefined, result: 'in' })), 'in');
  const waited = Date.now() - t0;
  assert.ok(waited >= 900, `got in after ${waited} ms, before the takeover lock was stale`);
  assert.ok(waited < 2_500, `got in only after ${waited} ms; the takeover lock turned stale after 1000 ms`);
  assert.deepEqual(readdirSync(dir), ['config.json']);
});

test('a takeover lock older than its rule, beside a stale lock, is no obstacle', async (t) => {
  const { dir, file, lock, guard } = scratch(t);
  leftBehind(lock, STALE_MS + 30_000);
  leftBehind(guard, TAKEOVER_STALE_MS + 60_000);
  const t0 = Date.now();
  assert.equal(await files.updateFile(file, () => ({ text: undefined, result: 'in' })), 'in');
  assert.ok(Date.now() - t0 < 1_000, `got in only after ${Date.now() - t0} ms`);
  assert.deepEqual(readdirSync(dir), ['config.json']);
});

// A holder that took longer than STALE_MS had its lock taken over; releasing must not remove the
// new holder's lock, or a third run would get in beside that one.
test('a holder whose lock was taken over does not remove the new holder\'s lock on release', async (t) => {
  const { file, lock } = scratch(t);
  let theirs;
  await files.updateFile(file, () => {
    unlinkSync(lock);
    writeFileSync(lock, '', { flag: 'wx' });
    theirs = statSync(lock);
    return { text: undefined, result: null };
  });
  assert.ok(existsSync(lock), 'the new holder\'s lock was removed');
  assert.equal(statSync(lock).ino, theirs.ino);
});

test('the lock is released after the edit, and nothing is left beside the config', async (t) => {
  const { dir, file } = scratch(t);
  await files.updateFile(file, () => ({ text: '{"auths":{"a.example":{}}}', result: null }));
  await files.updateFile(file, () => ({ text: '{"auths":{}}', result: null }));
  assert.deepEqual(readdirSync(dir), ['config.json']);
});
