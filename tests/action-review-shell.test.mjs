// Review of the action's JavaScript shell (action/src) as a user on a real runner meets it: the
// docker config when it is a symlink, a failure after the credentials were written, a write that
// fails half way (disk full), path inputs written as `~/…` or relative, and the `timeout` range.
// The action runs from source, bundled by scripts/build.mjs's own `bundleAction` with the wasm and
// glue of the last build, then run by the same runner emulation as the tests of the committed dist.
import assert from 'node:assert/strict';
import fs, {
  existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { bundleAction } from '../scripts/build.mjs';
import { NODES, root } from './support/node.mjs';
import { newRunner, runStep } from './support/runner.mjs';
import { authEntry, fakeCredentialHelper, standInSteps } from './support/action-run.mjs';

const out = mkdtempSync(join(tmpdir(), 'acr-login-review-dist-'));
await bundleAction(join(root, 'build', 'wasm'), out);
const dist = join(out, 'action', 'dist');
after(() => rmSync(out, { recursive: true, force: true }));

// files.js alone, bundled the same way, so that its calls to node:fs go through the module object
// a test can patch (as tests/action-workflow.test.mjs does for fd 1).
await esbuild.build({
  absWorkingDir: root, entryPoints: ['action/src/files.js'], outfile: join(dist, 'files.cjs'),
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
});
const files = createRequire(import.meta.url)(join(dist, 'files.cjs'));

// A disk that fills up (ENOSPC) or a quota hit while the new config is written: the config must
// stay as it was, and no temp file holding part of it (credentials included) may stay next to it.
test('a write that fails half way leaves the config as it was and no temp file beside it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'acr-login-review-enospc-'));
  try {
    const file = join(dir, 'config.json');
    writeFileSync(file, OTHER);
    const writeSync = fs.writeSync;
    fs.writeSync = (fd, ...rest) => {
      if (fd === 1 || fd === 2) return writeSync(fd, ...rest);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    try {
      await assert.rejects(files.updateFile(file, () => ({ text: `${OTHER}\n`, result: null })), { code: 'ENOSPC' });
    } finally {
      fs.writeSync = writeSync;
    }
    assert.equal(readFileSync(file, 'utf8'), OTHER);
    assert.deepEqual(readdirSync(dir), ['config.json'], 'a temp file (or the lock) was left beside the config');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// On a disk that fills up, write(2) to a regular file first returns a short count (what still
// fit), and only the next write fails with ENOSPC. A single writeSync took the short count for
// success, and the truncated text was renamed over config.json: a corrupt config, every other
// login on the runner lost with it.
test('a short write (the disk filling up) never replaces the config by a truncated one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'acr-login-review-short-'));
  try {
    const file = join(dir, 'config.json');
    writeFileSync(file, OTHER);
    const writeSync = fs.writeSync;
    let calls = 0;
    fs.writeSync = (fd, data, ...rest) => {
      if (fd === 1 || fd === 2) return writeSync(fd, data, ...rest);
      if (calls++ > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const bytes = Buffer.from(data);
      return writeSync(fd, bytes.subarray(0, 10));
    };
    try {
      await assert.rejects(files.updateFile(file, () => ({ text: `${OTHER}\n`, result: null })), { code: 'ENOSPC' });
    } finally {
      fs.writeSync = writeSync;
    }
    assert.equal(readFileSync(file, 'utf8'), OTHER, 'config.json was replaced by a truncated copy');
    assert.deepEqual(readdirSync(dir), ['config.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const APP = '11111111-2222-3333-4444-555555555555';
const TENANT = '66666666-7777-8888-9999-000000000000';
const OTHER = JSON.stringify({ auths: { 'other.example': { auth: 'dTpw' } } }, null, 2);

for (const node of NODES) {
  describe(`${node.name}: action shell review`, () => {
    const stand = standInSteps({ node, dist });
    const { main, post } = stand;

    // docker's own config writer (cli/config/configfile Save) follows a symlinked config.json and
    // renames over its target; renaming over the link instead turns it into a private copy, and
    // the file it pointed to (a dotfiles repo, a shared mount) never sees the login or the logout.
    test('a symlinked config.json stays a symlink: the login and the logout go to its target', async () => {
      const runner = newRunner();
      const shared = join(runner.dir, 'dotfiles');
      mkdirSync(shared);
      const target = join(shared, 'docker-config.json');
      writeFileSync(target, OTHER, { mode: 0o600 });
      const link = join(runner.home, '.docker', 'config.json');
      mkdirSync(join(runner.home, '.docker'));
      symlinkSync('../dotfiles/docker-config.json', link);

      const m = await main(runner);
      assert.equal(m.code, 0, m.stdout + m.stderr);
      assert.ok(lstatSync(link).isSymbolicLink(), 'config.json was replaced by a regular file');
      assert.equal(readlinkSync(link), '../dotfiles/docker-config.json');
      assert.ok(authEntry(target, stand.reg.loginServer), 'the login did not reach the link target');
      assert.ok(authEntry(target, 'other.example'));

      const p = await post(runner, m);
      assert.equal(p.code, 0, p.stdout + p.stderr);
      assert.ok(lstatSync(link).isSymbolicLink(), 'logout replaced the link by a regular file');
      assert.equal(readFileSync(target, 'utf8'), OTHER, 'logout did not restore the target');
    });

    test('a dangling config.json symlink: the target is created, then removed by logout', async () => {
      const runner = newRunner();
      const target = join(runner.dir, 'elsewhere', 'config.json');
      mkdirSync(join(runner.dir, 'elsewhere'));
      const link = join(runner.home, '.docker', 'config.json');
      mkdirSync(join(runner.home, '.docker'));
      symlinkSync(target, link);

      const m = await main(runner);
      assert.equal(m.code, 0, m.stdout + m.stderr);
      assert.ok(lstatSync(link).isSymbolicLink());
      assert.ok(authEntry(target, stand.reg.loginServer));
      const p = await post(runner, m);
      assert.equal(p.code, 0, p.stdout + p.stderr);
      assert.ok(lstatSync(link).isSymbolicLink(), 'the link is back as it was: dangling');
      assert.ok(!existsSync(target));
    });

    // Once the credentials are written, the post step can only find them through the saved state.
    // When saving that fails (state file gone, RUNNER_TEMP full or read-only), the step fails and
    // no post step will log out: a self-hosted runner keeps the credential in ~/.docker for every
    // later job. The step must take back what it wrote before failing.
    test('a failure after the credentials were written leaves no credential behind', async () => {
      const runner = newRunner();
      mkdirSync(join(runner.home, '.docker'));
      const file = join(runner.home, '.docker', 'config.json');
      writeFileSync(file, OTHER, { mode: 0o600 });
      const m = await main(runner, { env: { GITHUB_STATE: join(runner.dir, 'no-such-dir', 'state') } });
      assert.equal(m.code, 1, m.stdout + m.stderr);
      assert.match(m.stdout, /^::error::/m);
      assert.equal(readFileSync(file, 'utf8'), OTHER, 'the credential stayed in the docker config');
      assert.deepEqual(readdirSync(runner.dir).filter((n) => n.startsWith('acr-login-undo')), [], 'the undo file was left behind');
    });

    test('… also when the credentials went to a private DOCKER_CONFIG', async () => {
      const runner = newRunner();
      mkdirSync(join(runner.home, '.docker'));
      writeFileSync(join(runner.home, '.docker', 'config.json'), JSON.stringify({ credsStore: 'not-installed-here' }));
      const m = await main(runner, { env: { GITHUB_STATE: join(runner.dir, 'no-such-dir', 'state') } });
      assert.equal(m.code, 1, m.stdout + m.stderr);
      const dirs = readdirSync(runner.dir).filter((n) => n.startsWith('acr-login-docker-'));
      assert.deepEqual(dirs, [], 'the private config dir with the credential was left in RUNNER_TEMP');
    });

    // docker-credential-helpers before v0.7 (and some third-party helpers) answer `get` with
    // {Username, Secret} only; `store` refuses a payload without ServerURL ("no credentials server
    // URL"). Replaying that answer as it was made the logout fail, and the ACR credential stayed
    // in the keychain of a self-hosted runner instead of the one it replaced.
    test('logout restores a helper credential whose `get` answer had no ServerURL', async () => {
      const runner = newRunner();
      const { store, path } = fakeCredentialHelper(runner, 'oldstyle', { oldStyle: true });
      const before = { [stand.reg.loginServer]: { ServerURL: stand.reg.loginServer, Username: 'previous-user', Secret: 'previous-secret-value' } };
      writeFileSync(store, JSON.stringify(before));
      mkdirSync(join(runner.home, '.docker'));
      writeFileSync(join(runner.home, '.docker', 'config.json'), JSON.stringify({ credHelpers: { [stand.reg.loginServer]: 'oldstyle' } }));
      const env = { PATH: path };
      const m = await main(runner, { env });
      assert.equal(m.code, 0, m.stdout + m.stderr);
      assert.notEqual(JSON.parse(readFileSync(store, 'utf8'))[stand.reg.loginServer].Username, 'previous-user');
      const p = await post(runner, m, env);
      assert.equal(p.code, 0);
      assert.doesNotMatch(p.stdout, /failed/, p.stdout);
      assert.deepEqual(JSON.parse(readFileSync(store, 'utf8')), before, 'the previous credential was not restored');
    });

    // The helpers' own client (docker-credential-helpers/client) reads a failure's message from
    // stdout, where the helpers print it; reading stderr only reported "no message".
    test("a helper's failure message (on stdout) reaches the error", async () => {
      const runner = newRunner();
      const bin = join(runner.dir, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'docker-credential-locked'), `#!/bin/sh
cat >/dev/null
echo 'The user name or passphrase you entered is not correct.'
exit 1
`, { mode: 0o755 });
      mkdirSync(join(runner.home, '.docker'));
      writeFileSync(join(runner.home, '.docker', 'config.json'), JSON.stringify({ credsStore: 'locked' }));
      const m = await main(runner, { env: { PATH: `${bin}:${process.env.PATH}` } });
      assert.equal(m.code, 1, m.stdout + m.stderr);
      assert.match(m.stdout, /^::error::docker-credential-locked store failed for .*passphrase you entered is not correct/m);
    });

    // No shell expands `~` in a `with:` value: taken literally, `docker-config: ~/.docker-ci` wrote
    // the credential to <workspace>/~/.docker-ci/config.json, inside the checkout that `docker
    // build .` sends as context and `upload-artifact` may publish.
    test("docker-config and auth-file given as '~/…' mean the home directory", async () => {
      const runner = newRunner();
      const m = await main(runner, { inputs: { 'docker-config': '~/.docker-ci', 'auth-file': '~/auth/auth.json' } });
      assert.equal(m.code, 0, m.stdout + m.stderr);
      assert.ok(!existsSync(join(runner.dir, '~')), 'a directory named ~ was created in the working directory');
      assert.ok(authEntry(join(runner.home, '.docker-ci', 'config.json'), stand.reg.loginServer));
      assert.ok(authEntry(join(runner.home, 'auth', 'auth.json'), stand.reg.loginServer));
      const p = await post(runner, m);
      assert.equal(p.code, 0);
      assert.ok(!existsSync(join(runner.home, '.docker-ci', 'config.json')));
    });

    // The private config dir links the original cli-plugins (buildx, compose) along; a relative
    // `docker-config` made that link relative to the private dir, pointing nowhere.
    test('a relative docker-config: the private config dir links the real cli-plugins', async () => {
      const runner = newRunner();
      const cfgDir = join(runner.dir, 'cfg');
      mkdirSync(join(cfgDir, 'cli-plugins'), { recursive: true });
      writeFileSync(join(cfgDir, 'cli-plugins', 'docker-buildx'), '#!/bin/sh\n', { mode: 0o755 });
      writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ credsStore: 'not-installed-here' }));
      const m = await main(runner, { inputs: { 'docker-config': 'cfg' } });
      assert.equal(m.code, 0, m.stdout + m.stderr);
      const privateDir = m.env.DOCKER_CONFIG;
      assert.ok(privateDir, 'DOCKER_CONFIG exported');
      assert.ok(existsSync(join(privateDir, 'cli-plugins', 'docker-buildx')), 'the cli-plugins link points nowhere');
      assert.equal(realpathSync(join(privateDir, 'cli-plugins')), realpathSync(resolve(cfgDir, 'cli-plugins')));
      await post(runner, m);
    });

    // The message promises 1-600 s; 0.5 gave a 500 ms per-request budget (a login that times out
    // on any real network) and 0.0001 rounded to 0, which the core reads as "unset": 30 s.
    for (const timeout of ['0.5', '0.0001']) {
      test(`timeout '${timeout}' is refused, naming the input`, async () => {
        const r = await runStep({ node, dist, inputs: { registry: 'myacr', 'client-id': APP, 'tenant-id': TENANT, timeout } });
        assert.equal(r.code, 1);
        assert.match(r.stdout, /^::error::Input 'timeout': .*between 1 and 600/m);
      });
    }
  });
}
