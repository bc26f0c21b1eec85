// Review of the action's error paths that reached the user as a bare errno or a misleading name: a
// read-only or unwritable docker config directory or auth file (EROFS, EACCES), `docker-config`
// naming a file (ENOTDIR), Azure SDK environment fallbacks (AZURE_CLIENT_ID, AZURE_TENANT_ID,
// AZURE_AUTHORITY_HOST) blamed on the input and blocking auth types that never use them, and a
// post step whose undo record is gone. Each failure must be one explained ::error:: line: the
// path, the setting that chose it, the fix; nothing written half way.
//
// The action runs from source, bundled as tests/action-review-shell.test.mjs bundles it. Read-only
// and unwritable directories are real, not simulated: a step runs in its own mount namespace with
// the directory bind-mounted read-only (`unshare -rm`, EROFS), or in a user namespace where even
// root is an ordinary user to a 0555 directory (`unshare -U`, EACCES). Where the kernel allows
// neither, those tests are skipped and say why.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { bundleAction } from '../scripts/build.mjs';
import { NODES, root } from './support/node.mjs';
import { newRunner, runStep } from './support/runner.mjs';
import { authEntry, emulatorEnv, standInSteps } from './support/action-run.mjs';

// The action from source, bundled by scripts/build.mjs's own bundleAction with the last build's wasm.
const out = mkdtempSync(join(tmpdir(), 'acr-login-review-errors-dist-'));
await bundleAction(join(root, 'build', 'wasm'), out);
const dist = join(out, 'action', 'dist');
after(() => rmSync(out, { recursive: true, force: true }));

const APP = '11111111-2222-3333-4444-555555555555';
const TENANT = '66666666-7777-8888-9999-000000000000';
const OTHER = JSON.stringify({ auths: { 'other.example': { auth: 'dTpw' } } }, null, 2);
const UNDO = 'acr-login-undo-file';

// ---------------------------------------------------------------- real read-only / unwritable dirs

const sh = (q) => `'${q.replace(/'/g, `'\\''`)}'`;

function probe(args) {
  const dir = mkdtempSync(join(tmpdir(), 'acr-login-probe-'));
  try {
    chmodSync(dir, 0o555);
    const r = spawnSync(args[0], [...args.slice(1), 'sh', '-c', `touch ${sh(join(dir, 'x'))} 2>&1`], { encoding: 'utf8' });
    return { ok: r.status !== 0 && !existsSync(join(dir, 'x')), out: r.stdout };
  } catch {
    return { ok: false, out: '' };
  } finally {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
}

const isRoot = process.getuid?.() === 0;
// EACCES: as an ordinary user a 0555 directory is enough; root needs a user namespace, where a
// directory it owns but the namespace does not map is subject to its mode bits like anyone's.
const denyWrap = !isRoot ? [] : /Permission denied/.test(probe(['unshare', '-U']).out) ? ['unshare', '-U'] : null;
// EROFS: a read-only bind mount, private to the step's own mount namespace, gone when it exits.
const readOnlyOk = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'acr-login-probe-'));
  try {
    const r = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount --bind -o ro "$0" "$0" && touch "$0/x" 2>&1', dir], { encoding: 'utf8' });
    return /Read-only file system/.test(r.stdout) && !existsSync(join(dir, 'x'));
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
const NO_RO = !readOnlyOk && 'needs unshare -rm and a bind mount (user and mount namespaces)';
const NO_DENY = !denyWrap && 'running as root without user namespaces: a 0555 directory does not stop root';

// The step is started through a wrapper that is itself the script node runs (its #! line puts it
// in the namespace): no shell in between, since dash drops INPUT_DOCKER-CONFIG and every other
// variable whose name is not a shell identifier.
let wrappers = 0;
function wrapper(node, prefix, setup = '') {
  const bin = join(dist, `node-${wrappers++}.cjs`);
  const main = `require(require('node:path').resolve(process.argv[2]));\n`;
  writeFileSync(bin, `#!/usr/bin/env -S ${[...prefix, node.bin].join(' ')}\n${setup}${main}`, { mode: 0o755 });
  return { ...node, bin };
}
/** `node` run with `dir` read-only (EROFS) for the whole step. */
function readOnly(node, dir) {
  const mount = `const m = require('node:child_process').spawnSync('mount', ['--bind', '-o', 'ro', ${JSON.stringify(dir)}, ${JSON.stringify(dir)}]);\n`
    + "if (m.status !== 0) throw new Error(`mount: ${m.stderr}`);\n";
  return wrapper(node, ['unshare', '-rm'], mount);
}
/** `node` run so that a directory of mode 0555 refuses it (EACCES), root or not. */
function unprivileged(node) {
  return denyWrap.length === 0 ? node : wrapper(node, denyWrap);
}

const errorLines = (r) => r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
const warningLines = (r) => r.stdout.split('\n').filter((l) => l.startsWith('::warning::'));

/** The one ::error:: line of a failed step; never a bare errno or a stack. */
function theError(r) {
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const errors = errorLines(r);
  assert.equal(errors.length, 1, `one ::error:: line, not ${errors.length}:\n${r.stdout}`);
  assert.doesNotMatch(errors[0], /^::error::E[A-Z]+: /, 'a bare errno message');
  assert.doesNotMatch(r.stderr, /\bat .*\.c?js:\d+/, 'a stack trace');
  return errors[0];
}

/** Nothing of the step's own left in RUNNER_TEMP: no undo record, no private config dir. */
function assertNoLeftovers(runner) {
  const left = readdirSync(runner.dir).filter((n) => n.startsWith('acr-login-'));
  assert.deepEqual(left, [], 'leftovers in RUNNER_TEMP');
}

/** A directory's entries, recursively, so a lock, a temp file or a new directory shows. */
function tree(dir) {
  if (!existsSync(dir)) return null;
  const out = [];
  const walk = (d, prefix) => {
    for (const n of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(prefix + n.name + (n.isDirectory() ? '/' : ''));
      if (n.isDirectory()) walk(join(d, n.name), `${prefix}${n.name}/`);
    }
  };
  walk(dir, '');
  return out;
}

for (const node of NODES) {
  describe(`${node.name}: explained file-system failures`, () => {
    const stand = standInSteps({ node, dist });
    const { main, post } = stand;
    /** A runner whose HOME is a directory of its own, so that it can be made read-only alone. */
    const runnerWithHome = () => {
      const runner = newRunner();
      runner.home = join(runner.dir, 'home');
      mkdirSync(runner.home);
      return runner;
    };

    // A self-hosted runner with a read-only home (a container with a read-only root, a home on a
    // read-only mount): `EROFS: read-only file system, mkdir '/home/runner/.docker'` named no input
    // and no way out.
    test('a read-only HOME (EROFS): the default ~/.docker named, and docker-config offered', { skip: NO_RO }, async () => {
      const runner = runnerWithHome();
      const m = await main(runner, { via: readOnly(node, runner.home) });
      const error = theError(m);
      const dir = join(runner.home, '.docker');
      assert.ok(error.includes(dir), `the path is not named: ${error}`);
      assert.match(error, /read-only file system \(EROFS\)/);
      assert.match(error, /default ~\/\.docker/);
      assert.match(error, /neither input 'docker-config' nor DOCKER_CONFIG is set/);
      assert.ok(error.includes('docker-config: ${{ runner.temp }}/docker'), error);
      assert.deepEqual(tree(runner.home), []);
      assertNoLeftovers(runner);
      assert.equal(m.state[UNDO], undefined);
    });

    // The check asks only of the directories about to be written: a config whose helper is missing
    // is copied to a private DOCKER_CONFIG under RUNNER_TEMP, and ~/.docker may stay read-only.
    test('a read-only ~/.docker whose credsStore is not installed still logs in (private DOCKER_CONFIG)', { skip: NO_RO }, async () => {
      const runner = runnerWithHome();
      mkdirSync(join(runner.home, '.docker'));
      const config = JSON.stringify({ credsStore: 'not-installed-here' });
      writeFileSync(join(runner.home, '.docker', 'config.json'), config);
      const m = await main(runner, { via: readOnly(node, runner.home) });
      assert.equal(m.code, 0, m.stdout + m.stderr);
      assert.ok(authEntry(join(m.env.DOCKER_CONFIG, 'config.json'), stand.reg.loginServer));
      assert.equal(readFileSync(join(runner.home, '.docker', 'config.json'), 'utf8'), config);
      await post(runner, m);
      assertNoLeftovers(runner);
    });

    test('DOCKER_CONFIG on a read-only mount: the environment variable is named', { skip: NO_RO }, async () => {
      const runner = newRunner();
      const dir = join(runner.dir, 'shared-docker');
      mkdirSync(dir);
      writeFileSync(join(dir, 'config.json'), OTHER);
      const m = await main(runner, { env: { DOCKER_CONFIG: dir }, via: readOnly(node, dir) });
      const error = theError(m);
      assert.ok(error.includes(`cannot write the docker config in ${dir}`), error);
      assert.match(error, /comes from the DOCKER_CONFIG environment variable \(input 'docker-config' is not set\)/);
      assert.match(error, /takes precedence over DOCKER_CONFIG/);
      assert.equal(readFileSync(join(dir, 'config.json'), 'utf8'), OTHER);
      assert.deepEqual(tree(dir), ['config.json']);
      assertNoLeftovers(runner);
    });

    test('a docker-config directory this user may not write (EACCES): the input is named', { skip: NO_DENY }, async () => {
      const runner = newRunner();
      const dir = join(runner.dir, 'cfg');
      mkdirSync(dir);
      writeFileSync(join(dir, 'config.json'), OTHER);
      chmodSync(dir, 0o555);
      try {
        const m = await main(runner, { inputs: { 'docker-config': dir }, via: unprivileged(node) });
        const error = theError(m);
        assert.ok(error.includes(`cannot write the docker config in ${dir}: it is not writable by this user`), error);
        assert.match(error, /is not writable by this user \((uid \d+, )?EACCES\)\./);
        assert.match(error, /comes from input 'docker-config'/);
        assert.ok(error.includes("point input 'docker-config' at a writable directory, e.g. `docker-config: ${{ runner.temp }}/docker`"), error);
        assert.match(error, /fix the permissions of /);
        assert.equal(readFileSync(join(dir, 'config.json'), 'utf8'), OTHER);
        assert.deepEqual(tree(dir), ['config.json'], 'a lock or temp file was left');
        assertNoLeftovers(runner);
      } finally {
        chmodSync(dir, 0o755);
      }
    });

    // Both files are checked before either is written: a writable ~/.docker and an unwritable
    // auth-file used to leave... a logged-in docker config taken back only by luck of ordering.
    test('an unwritable auth-file: named, and the docker config is not touched either', { skip: NO_DENY }, async () => {
      const runner = newRunner();
      mkdirSync(join(runner.home, '.docker'));
      const dockerFile = join(runner.home, '.docker', 'config.json');
      writeFileSync(dockerFile, OTHER);
      const locked = join(runner.dir, 'containers');
      mkdirSync(locked);
      chmodSync(locked, 0o555);
      const authFile = join(locked, 'auth.json');
      try {
        const m = await main(runner, { inputs: { 'auth-file': authFile }, via: unprivileged(node) });
        const error = theError(m);
        assert.ok(error.includes(`cannot write the containers auth file ${authFile}: ${locked} is not writable`), error);
        assert.match(error, /comes from input 'auth-file'/);
        assert.ok(error.includes('auth-file: ${{ runner.temp }}/containers/auth.json'), error);
        assert.equal(readFileSync(dockerFile, 'utf8'), OTHER, 'the docker config was changed');
        assert.deepEqual(tree(join(runner.home, '.docker')), ['config.json']);
        assert.deepEqual(tree(locked), []);
        assertNoLeftovers(runner);
      } finally {
        chmodSync(locked, 0o755);
      }
    });

    test('REGISTRY_AUTH_FILE on a read-only mount: the environment variable is named', { skip: NO_RO }, async () => {
      const runner = newRunner();
      const dir = join(runner.dir, 'auth');
      mkdirSync(dir);
      const m = await main(runner, { env: { REGISTRY_AUTH_FILE: join(dir, 'auth.json') }, via: readOnly(node, dir) });
      const error = theError(m);
      assert.match(error, /read-only file system \(EROFS\)/);
      assert.match(error, /comes from the REGISTRY_AUTH_FILE environment variable \(input 'auth-file' is not set\)/);
      assert.ok(!existsSync(join(runner.home, '.docker', 'config.json')), 'the docker config was written');
      assertNoLeftovers(runner);
    });

    // `docker-config: ${{ runner.temp }}/docker/config.json` is an easy slip: the bare
    // `ENOTDIR: not a directory, open '…/config.json/config.json'` did not say which way round.
    test('docker-config naming a file (ENOTDIR): it must be the directory that holds config.json', async () => {
      const runner = newRunner();
      const file = join(runner.dir, 'config.json');
      writeFileSync(file, OTHER);
      const m = await main(runner, { inputs: { 'docker-config': file } });
      const error = theError(m);
      assert.ok(error.includes(`cannot use ${file} as the docker config directory: it is a file, not a directory`), error);
      assert.match(error, /comes from input 'docker-config'/);
      assert.match(error, /docker reads the file config\.json inside it/);
      assert.ok(error.includes(`\`docker-config: ${runner.dir}\``), error);
      assert.equal(readFileSync(file, 'utf8'), OTHER);
      assertNoLeftovers(runner);
    });

    test('docker-config below a file: the file in the way is named', async () => {
      const runner = newRunner();
      const file = join(runner.dir, 'not-a-dir');
      writeFileSync(file, 'x');
      const dir = join(file, 'docker');
      const m = await main(runner, { inputs: { 'docker-config': dir } });
      const error = theError(m);
      assert.ok(error.includes(`cannot use ${dir} as the docker config directory: ${file}, part of that path, is a file`), error);
      assert.equal(readFileSync(file, 'utf8'), 'x');
    });

    test('auth-file naming a directory (EISDIR): give the file inside it', async () => {
      const runner = newRunner();
      const dir = join(runner.dir, 'containers');
      mkdirSync(dir);
      const m = await main(runner, { inputs: { 'auth-file': dir } });
      const error = theError(m);
      assert.ok(error.includes(`cannot use ${dir} as the containers auth file: it is a directory`), error);
      assert.ok(error.includes(`\`auth-file: ${join(dir, 'auth.json')}\``), error);
      assert.ok(!existsSync(join(runner.home, '.docker', 'config.json')));
    });

    // The record goes when the first post step is done with it; a second post step (a composite
    // action used twice, a re-run of post) or a RUNNER_TEMP cleaned in between found it gone and
    // warned `ENOENT: no such file or directory, open '…'`.
    test('post with its undo record gone: one plain warning, the job not failed', async () => {
      const runner = newRunner();
      const m = await main(runner);
      assert.equal(m.code, 0, m.stdout + m.stderr);
      const first = await post(runner, m);
      assert.equal(first.code, 0);
      assert.deepEqual(warningLines(first), [], first.stdout);
      const again = await post(runner, m);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.deepEqual(errorLines(again), []);
      const warnings = warningLines(again);
      assert.equal(warnings.length, 1, again.stdout);
      assert.match(warnings[0], /^::warning::acr-login logout: nothing left to undo: the login step's undo record .* is gone/);
      assert.match(warnings[0], /`docker logout <registry>`/);
      assert.doesNotMatch(again.stdout + again.stderr, /ENOENT|no such file/i);
    });

    test('… and when RUNNER_TEMP was emptied before post', async () => {
      const runner = newRunner();
      const m = await main(runner);
      assert.equal(m.code, 0, m.stdout + m.stderr);
      rmSync(m.state[UNDO]);
      const p = await post(runner, m);
      assert.equal(p.code, 0);
      assert.equal(warningLines(p).length, 1, p.stdout);
      assert.match(warningLines(p)[0], /nothing left to undo.*RUNNER_TEMP was cleaned/);
      assert.doesNotMatch(p.stdout + p.stderr, /ENOENT|no such file/i);
      assert.ok(authEntry(join(runner.home, '.docker', 'config.json'), stand.reg.loginServer), 'post touched a config it had no record for');
    });
  });

  describe(`${node.name}: Azure environment fallbacks`, () => {
    const step = (inputs, env) => runStep({ node, dist, inputs: { registry: 'myacr', ...inputs }, env });
    for (const [name, input, env, value, inputs] of [
      ['AZURE_CLIENT_ID', 'client-id', { AZURE_CLIENT_ID: 'my-app' }, 'my-app', { 'tenant-id': TENANT }],
      ['AZURE_TENANT_ID', 'tenant-id', { AZURE_TENANT_ID: 'not-a-tenant' }, 'not-a-tenant', { 'client-id': APP }],
      ['AZURE_AUTHORITY_HOST', 'authority-host', { AZURE_AUTHORITY_HOST: 'http://login.example' }, 'http://login.example', { 'client-id': APP, 'tenant-id': TENANT }],
    ]) {
      test(`a bad ${name} is reported as the environment variable, not input '${input}'`, async () => {
        const error = theError(await step(inputs, env));
        assert.ok(error.startsWith(`::error::The ${name} environment variable (read because input '${input}' is not set): '${value}'`), error);
      });
    }

    test('the input still wins over its environment fallback, and is named as the input', async () => {
      const error = theError(await step({ 'client-id': 'my-app', 'tenant-id': TENANT }, { AZURE_CLIENT_ID: APP }));
      assert.match(error, /^::error::Input 'client-id': 'my-app' is not a GUID/);
    });

    // AZURE_CLIENT_SECRET's value set as AZURE_CLIENT_ID (an easy swap) came back in the message.
    test('a secret-looking value is described, not echoed', async () => {
      const secret = `Zx9~verysecretvalue.${node.major}abcdefghijklmnop`;
      const r = await step({ 'tenant-id': TENANT }, { AZURE_CLIENT_ID: secret });
      const error = theError(r);
      assert.match(error, new RegExp(`AZURE_CLIENT_ID environment variable .*: the value \\(${secret.length} characters\\) is not a GUID`));
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), 'the value reached the log');
    });
  });

  // Environment left by another tool (azure/login, a self-hosted runner's profile) must not block an
  // auth type that never reads it.
  const BAD_AZURE_ENV = { AZURE_CLIENT_ID: 'not-a-guid', AZURE_TENANT_ID: 'not-a-tenant', AZURE_AUTHORITY_HOST: 'http://not-https.example' };
  for (const [scenario, inputs, unused] of [
    ['admin-user', { 'auth-type': 'basic', 'client-id': '', 'tenant-id': '' }, BAD_AZURE_ENV],
    ['managed-identity', {}, { AZURE_TENANT_ID: BAD_AZURE_ENV.AZURE_TENANT_ID, AZURE_AUTHORITY_HOST: BAD_AZURE_ENV.AZURE_AUTHORITY_HOST }],
  ]) {
    describe(`${node.name}: ${scenario} ignores ${Object.keys(unused).join(', ')}`, () => {
      const stand = standInSteps({ node, dist, scenario });
      test('logs in all the same', async () => {
        const runner = newRunner();
        const m = await runStep({
          node, dist, runner, inputs: { ...stand.emu.inputs, registry: stand.reg.loginServer, ...inputs }, env: emulatorEnv(stand.emu, unused),
        });
        assert.equal(m.code, 0, m.stdout + m.stderr);
        assert.deepEqual(errorLines(m), []);
        assert.ok(authEntry(join(runner.home, '.docker', 'config.json'), stand.reg.loginServer));
        await runStep({ node, dist, runner, step: 'post', state: m.state, env: emulatorEnv(stand.emu) });
      });
    });
  }
}
