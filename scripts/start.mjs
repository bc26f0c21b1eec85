// `npm start`: the main job on a fresh machine. Builds, runs the action against the local Azure
// stand-in (a login that works, then one that fails with its diagnosis), then serves the page.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { siteDir } from './build.mjs';
import { serve } from './serve.mjs';
import { root } from '../tests/support/node.mjs';

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step('build the wasm, the npm package and the page', process.execPath, ['scripts/build.mjs', '--skip-action']);
if (existsSync(join(root, 'scripts', 'demo.mjs'))) {
  step('build the local Azure stand-in', 'cargo', ['build', '--quiet', '-p', 'acr-login-emulator']);
  step('run the action against it', process.execPath, ['scripts/demo.mjs']);
}
const port = Number(process.env.PORT ?? 8080);
const { url } = await serve(siteDir(), { port }).catch(() => serve(siteDir(), { port: 0 }));
console.log(`\n▶ The decoder page: ${url}  (Ctrl-C to stop)`);
