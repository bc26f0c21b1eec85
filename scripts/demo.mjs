// The action against the local Azure stand-in, as `npm start` shows it: a login that works (then a
// real push and pull with the written docker config, then the post step's logout), and one that
// fails, with the diagnosis the job log and summary would show.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTinyOciImage, skopeoSandbox, startEmulator, startRegistry } from '../tests/support/emulator.mjs';
import { runMain, runPost } from '../tests/support/action-run.mjs';
import { NODES } from '../tests/support/node.mjs';
import { newRunner } from '../tests/support/runner.mjs';

const node = NODES.find((n) => n.major === 24) ?? NODES[0];
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const indent = (text) => text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');

/** The action's log as the runner shows it: commands rendered, escapes decoded, masks hidden. */
function shownLog(stdout) {
  return stdout
    .split('\n')
    .filter((l) => !/^::(add-mask|save-state|set-output|endgroup|stop-commands|acr-login-[\w-]+)::/.test(l))
    .map((l) => l.replace(/^::group::/, '▸ ').replace(/^::(error|warning|notice)[^:]*::/, (_, k) => `${k[0].toUpperCase()}${k.slice(1)}: `))
    .map((l) => l.replaceAll('%0A', '\n').replaceAll('%0D', '').replaceAll('%25', '%'))
    .join('\n');
}

async function scenario(title, name, { push = false } = {}) {
  console.log(`\n── ${title} (scenario ${name}, ${node.name}) ──`);
  const emu = await startEmulator({ scenario: name });
  const registry = await startRegistry({ emulator: emu });
  try {
    const runner = newRunner();
    const t0 = Date.now();
    const main = await runMain({ node, emu, runner, inputs: { registry: registry.loginServer } });
    const ms = Date.now() - t0;
    console.log(indent(shownLog(main.stdout)));
    console.log(dim(`    → exit ${main.code} in ${ms} ms`));
    if (main.summary.trim()) {
      console.log(dim('    job summary ($GITHUB_STEP_SUMMARY):'));
      console.log(indent(main.summary));
    }
    if (main.code === 0 && push) {
      const config = join(runner.home, '.docker', 'config.json');
      const sk = skopeoSandbox(emu);
      try {
        sk.setAuth(JSON.parse(readFileSync(config, 'utf8')));
        const image = makeTinyOciImage(join(sk.dir, 'image'));
        const pushed = await sk.push(image.ref, registry.loginServer, 'demo/hello:1');
        const pulled = await sk.pull(registry.loginServer, 'demo/hello:1', join(sk.dir, 'pulled'));
        if (pushed.code !== 0 || pulled.code !== 0) throw new Error(`skopeo failed: ${pushed.stderr}${pulled.stderr}`);
        console.log(`    skopeo pushed and pulled ${registry.loginServer}/demo/hello:1 with the docker config the action wrote`);
      } finally {
        sk.cleanup();
      }
      const post = await runPost({ node, emu, main });
      const after = existsSync(config) ? JSON.parse(readFileSync(config, 'utf8')) : {};
      console.log(`    post step: exit ${post.code}; ${registry.loginServer} ${after.auths?.[registry.loginServer] ? 'still in' : 'removed from'} the docker config`);
    }
    return main.code;
  } finally {
    await registry.stop();
    await emu.stop();
  }
}

const ok = await scenario('A login that works: GitHub OIDC → Entra → ACR, AcrPush', 'oidc', { push: true });
const failed = await scenario('A login that fails: the federated credential expects another subject', 'oidc-subject-mismatch');
if (ok !== 0 || failed === 0) {
  console.error(`demo: expected the first login to succeed and the second to fail (got exit ${ok} and ${failed})`);
  process.exit(1);
}
