// check-dist: the committed action/dist must be exactly what the sources build, wasm included, since
// GitHub runs the action from the repository at a tag with no build step.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildWasm, bundleAction, root } from '../scripts/build.mjs';

test('committed action/dist is byte-identical to a fresh build from source', async () => {
  const out = mkdtempSync(join(tmpdir(), 'check-dist-'));
  try {
    await bundleAction(buildWasm(), out);
    const fresh = join(out, 'action', 'dist');
    const committed = join(root, 'action', 'dist');
    assert.deepEqual(readdirSync(committed).sort(), readdirSync(fresh).sort(), 'action/dist has other files than a fresh build: run `npm run build` and commit action/dist');
    for (const f of readdirSync(fresh)) {
      const same = readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f)));
      assert.ok(same, `action/dist/${f} differs from a fresh build: run \`npm run build\` and commit action/dist`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the bundle embeds no absolute path of the build machine', () => {
  const dist = join(root, 'action', 'dist');
  for (const f of readdirSync(dist)) {
    const text = readFileSync(join(dist, f)).toString('latin1');
    // This machine's paths only: the catalog's example logs rightly contain paths like /home/runner.
    for (const p of [root, process.env.HOME && `${process.env.HOME}/`, process.env.CARGO_HOME, '/root/.cargo', '/root/.rustup']) {
      if (p) assert.ok(!text.includes(p), `action/dist/${f} contains the path ${p}`);
    }
  }
});
