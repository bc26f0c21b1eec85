// Starts the local Azure stand-in and a registry in the background, for a workflow step, and prints
// what later steps need as `key=value` lines (append them to $GITHUB_OUTPUT). The services outlive
// this process: a detached keeper holds them until the job ends.
//   node scripts/emulator-env.mjs [--scenario NAME]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};

if (process.argv.includes('--keep')) {
  // The keeper: start everything, publish it, stay alive.
  const { startEmulator, startRegistry } = await import('../tests/support/emulator.mjs');
  const info = arg('--keep');
  const emu = await startEmulator({ scenario: arg('--scenario', 'oidc') });
  const registry = await startRegistry({ emulator: emu });
  const certDir = join(info + '.certs');
  mkdirSync(certDir, { recursive: true });
  writeFileSync(join(certDir, 'ca.crt'), emu.ca);
  const out = {
    'oidc-url': emu.env.ACTIONS_ID_TOKEN_REQUEST_URL,
    'oidc-token': emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
    ca: emu.caPath,
    'cert-dir': certDir,
    registry: registry.loginServer,
    'client-id': emu.inputs['client-id'],
    'tenant-id': emu.inputs['tenant-id'],
    authority: emu.inputs['authority-host'] ?? emu.env.AZURE_AUTHORITY_HOST,
  };
  writeFileSync(info + '.tmp', JSON.stringify(out));
  writeFileSync(info, readFileSync(info + '.tmp'));
  setInterval(() => {}, 1 << 30);
} else {
  const info = join(mkdtempSync(join(tmpdir(), 'acr-emulator-env-')), 'ready.json');
  const keeper = spawn(process.execPath, [fileURLToPath(import.meta.url), '--keep', info, '--scenario', arg('--scenario', 'oidc')], {
    detached: true, stdio: 'ignore',
  });
  keeper.unref();
  const deadline = Date.now() + 60_000;
  while (!existsSync(info)) {
    if (Date.now() > deadline) throw new Error('the emulator did not become ready within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const [k, v] of Object.entries(JSON.parse(readFileSync(info, 'utf8')))) console.log(`${k}=${v}`);
}
