// Node helpers around the local Azure stand-in (crates/emulator), the real registry
// (`docker-registry`, CNCF distribution) and the real client (`skopeo`).
//
//   const emu = await startEmulator({ scenario: 'oidc' });          // a ready-made scenario name,
//                                                                  // a path, or a scenario object
//   const reg = await startRegistry({ emulator: emu });             // first registry of the scenario
//   const res = await emu.request(emu.env.ACTIONS_ID_TOKEN_REQUEST_URL + '&audience=...', {
//     headers: { authorization: `bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } });
//   await emu.setFault({ endpoint: 'entra.token', kind: 'status', status: 503, nth: 1 });
//   emu.requestLog();                                               // parsed JSON lines
//   await reg.stop(); await emu.stop();
//
// Every child is killed when this process exits; the emulator also exits when our end of its stdin
// closes, and the registry is started under `setpriv --pdeathsig KILL` when available, so a killed
// test run leaves nothing behind. Ports are chosen by the OS.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const scenariosDir = join(root, 'crates', 'emulator', 'scenarios');
export const NULL_GUID = '00000000-0000-0000-0000-000000000000';
export const ACR_SCOPE = 'https://containerregistry.azure.net/.default';
export const ARM_SCOPE = 'https://management.azure.com/.default';
export const EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

// ------------------------------------------------------------------ child process bookkeeping

const children = new Set();
let exitHooked = false;
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const c of children) {
        try { c.kill('SIGKILL'); } catch { /* already gone */ }
      }
    });
  }
  return child;
}

const hasSetpriv = (() => {
  try {
    return spawnSync('setpriv', ['--help'], { encoding: 'utf8' }).stdout.includes('--pdeathsig');
  } catch {
    return false;
  }
})();

/** Spawns `cmd` so that it dies with this process (pdeathsig where available). */
function spawnTied(cmd, args, opts) {
  const [c, a] = hasSetpriv ? ['setpriv', ['--pdeathsig', 'KILL', '--', cmd, ...args]] : [cmd, args];
  return track(spawn(c, a, opts));
}

function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const t = setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, ms);
    child.once('exit', () => { clearTimeout(t); res(); });
  });
}

/** A port the OS considers free right now (the caller binds it moments later). */
export function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// ------------------------------------------------------------------ HTTP(S) with the test CA

/**
 * One HTTP(S) request with node:https (so a CA can be given per request; no global trust change).
 * Resolves { status, headers, text, json() }; rejects with the socket error (`err.code` e.g.
 * ECONNRESET) or `ETIMEDOUT` after `timeoutMs`.
 */
export function request(url, { method = 'GET', headers = {}, body, ca, timeoutMs = 10_000, localAddress, agent } = {}) {
  return new Promise((res, rej) => {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    const data = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const h = { ...headers };
    if (data !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-length')) h['content-length'] = Buffer.byteLength(data);
    const req = lib.request(u, { method, headers: h, ca, localAddress, agent: agent ?? false }, (resp) => {
      const chunks = [];
      resp.on('data', (c) => chunks.push(c));
      resp.on('error', rej);
      resp.on('aborted', () => { const e = new Error('response aborted'); e.code = 'ECONNRESET'; rej(e); });
      resp.on('end', () => {
        if (!resp.complete) {
          const e = new Error('response ended before its Content-Length');
          e.code = 'ERR_INCOMPLETE_BODY';
          return rej(e);
        }
        const text = Buffer.concat(chunks).toString('utf8');
        res({ status: resp.statusCode, headers: resp.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.setTimeout(timeoutMs, () => { const e = new Error(`timeout after ${timeoutMs} ms`); e.code = 'ETIMEDOUT'; req.destroy(e); });
    req.on('error', rej);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

export const form = (fields) => new URLSearchParams(fields).toString();
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// ------------------------------------------------------------------ the emulator

let built = false;
/**
 * Path of the emulator binary: `ACR_EMULATOR_BIN`, else the dev build (what the test run builds:
 * its dependencies are already compiled by `cargo test`), else the optimised one (`--profile
 * native`, what the benchmarks use), else the dev build, built now.
 */
export function emulatorBinary() {
  if (process.env.ACR_EMULATOR_BIN) return process.env.ACR_EMULATOR_BIN;
  const dev = join(root, 'target', 'debug', 'acr-emulator');
  const native = join(root, 'target', 'native', 'acr-emulator');
  if (existsSync(dev)) return dev;
  if (existsSync(native)) return native;
  if (!built) {
    const r = spawnSync('cargo', ['build', '--quiet', '-p', 'acr-login-emulator'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the emulator failed');
    built = true;
  }
  return dev;
}

function scenarioPath(scenario, dir) {
  if (typeof scenario === 'object' && scenario !== null) {
    const p = join(dir, 'scenario.json');
    writeFileSync(p, JSON.stringify(scenario, null, 2));
    return p;
  }
  if (existsSync(scenario)) return resolve(scenario);
  for (const ext of ['.toml', '.json']) {
    const p = join(scenariosDir, `${scenario}${ext}`);
    if (existsSync(p)) return p;
  }
  throw new Error(`no scenario '${scenario}' (a path, an object, or a name in ${scenariosDir})`);
}

/** Reads a ready-made TOML scenario as text (to tweak it in a test before starting). */
export function readScenario(name) {
  return readFileSync(join(scenariosDir, `${name}.toml`), 'utf8');
}

/**
 * Starts the emulator and waits for its ready line.
 * @param {{scenario: string|object, stateDir?: string, keepStateDir?: boolean, timeoutMs?: number, env?: object}} o
 */
export async function startEmulator({ scenario = 'oidc', stateDir, keepStateDir = false, timeoutMs = 20_000, env = {} } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'acr-emu-'));
  const dir = stateDir ?? join(work, 'state');
  const path = scenarioPath(scenario, work);
  const t0 = performance.now();
  const child = spawnTied(emulatorBinary(), ['--scenario', path, '--state-dir', dir, '--exit-with-stdin'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const readyLine = new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`emulator not ready after ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        const msg = JSON.parse(out.slice(0, nl));
        if (msg.event === 'ready') res(msg);
        else rej(Object.assign(new Error(`emulator failed: ${msg.message}`), { code: msg.code }));
      } catch (e) {
        rej(new Error(`emulator printed a non-JSON line: ${out.slice(0, nl)} ${stderr}`));
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); rej(new Error(`emulator exited (${code}) before ready: ${stderr}`)); });
  });
  let ready;
  try {
    ready = await readyLine;
  } catch (e) {
    child.kill('SIGKILL');
    await waitExit(child, 1000);
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  const spawnToReadyMs = performance.now() - t0;
  const ca = readFileSync(ready.caPath);
  const admin = async (method, p, body) => {
    const r = await request(ready.adminUrl + p, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
    if (r.status >= 400) throw new Error(`admin ${method} ${p}: ${r.status} ${r.text}`);
    return r.json();
  };
  let stopped = false;
  const emu = {
    ready,
    env: ready.env,
    inputs: ready.inputs,
    caPath: ready.caPath,
    ca,
    adminUrl: ready.adminUrl,
    stateDir: dir,
    spawnToReadyMs,
    process: child,
    /** The login server (`127.0.0.1:port`) of a registry (default: the first). */
    loginServer: (name) => (name ? ready.registries[name] : Object.values(ready.registries)[0]).loginServer,
    /** HTTPS request trusting the emulator's CA. */
    request: (url, opts = {}) => request(url, { ca, ...opts }),
    /** The request log: one object per request the emulator served (secrets redacted). */
    requestLog: () => readFileSync(ready.requestLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
    admin,
    setFault: (rule) => admin('POST', '/admin/faults', rule).then((r) => r.id),
    clearFaults: () => admin('DELETE', '/admin/faults'),
    removeFault: (id) => admin('DELETE', `/admin/faults/${encodeURIComponent(id)}`),
    faults: () => admin('GET', '/admin/faults'),
    advanceClock: (secs) => admin('POST', '/admin/clock', { advance_secs: secs }),
    patchRegistry: (name, patch) => admin('PUT', `/admin/registries/${encodeURIComponent(name)}`, patch),
    patchApp: (tenant, client, patch) => admin('PUT', `/admin/tenants/${tenant}/apps/${encodeURIComponent(client)}`, patch),
    addFederatedCredential: (tenant, client, fic) => admin('POST', `/admin/tenants/${tenant}/apps/${encodeURIComponent(client)}/federated-credentials`, fic),
    patchGithub: (patch) => admin('PUT', '/admin/github', patch),
    patchJob: (patch) => admin('PUT', '/admin/github/job', patch),
    async stop() {
      if (stopped) return;
      stopped = true;
      child.stdin.end();
      child.kill('SIGTERM');
      await waitExit(child, 2000);
      if (!keepStateDir) rmSync(work, { recursive: true, force: true });
    },
  };
  return emu;
}

// ------------------------------------------------------------------ the real registry

/**
 * `fn({ emu, reg })` with a fresh stand-in running `scenario` and its first registry, both stopped
 * afterwards whatever happens (also when the registry fails to start).
 */
export async function withStandIn(scenario, fn) {
  const emu = await startEmulator({ scenario });
  try {
    const reg = await startRegistry({ emulator: emu });
    try {
      return await fn({ emu, reg });
    } finally {
      await reg.stop();
    }
  } finally {
    await emu.stop();
  }
}

/**
 * Starts `docker-registry serve` with the config the emulator wrote for `registry` (token auth with
 * the emulator as realm, TLS from the emulator's CA, temporary storage) and waits until `/v2/`
 * answers 401. If the login server's port was taken meanwhile, moves to a fresh port and tells the
 * emulator.
 */
export async function startRegistry({ emulator, registry, timeoutMs = 15_000 } = {}) {
  const name = registry ?? Object.keys(emulator.ready.registries)[0];
  const info = emulator.ready.registries[name];
  if (!info) throw new Error(`no registry ${name} in the scenario`);
  let loginServer = info.loginServer;
  for (let attempt = 0; ; attempt++) {
    const env = { ...process.env, REGISTRY_HTTP_ADDR: loginServer, REGISTRY_AUTH_TOKEN_SERVICE: loginServer };
    const child = spawnTied('docker-registry', ['serve', info.registryConfig], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let logs = '';
    child.stdout.on('data', (d) => { logs += d; });
    child.stderr.on('data', (d) => { logs += d; });
    const t0 = performance.now();
    const up = await (async () => {
      while (performance.now() - t0 < timeoutMs) {
        if (child.exitCode !== null) return false;
        try {
          const r = await request(`https://${loginServer}/v2/`, { ca: emulator.ca, timeoutMs: 1000 });
          if (r.status === 401) return true;
        } catch { /* not listening yet */ }
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    })();
    if (up) {
      const startMs = performance.now() - t0;
      let stopped = false;
      return {
        name,
        loginServer,
        url: `https://${loginServer}`,
        startMs,
        process: child,
        logs: () => logs,
        async stop() {
          if (stopped) return;
          stopped = true;
          child.kill('SIGTERM');
          await waitExit(child, 2000);
        },
      };
    }
    child.kill('SIGKILL');
    await waitExit(child, 1000);
    if (attempt >= 2 || !/address already in use/i.test(logs)) {
      throw new Error(`docker-registry did not come up on ${loginServer}: ${logs.slice(-2000)}`);
    }
    loginServer = await moveRegistry(emulator, name);
  }
}

/**
 * Moves registry `name` of the stand-in to a free port, for when the port it picked was taken
 * before anything listened on it (by another test's outgoing connection, say); returns the new
 * login server.
 */
export async function moveRegistry(emulator, name) {
  const loginServer = `127.0.0.1:${await freePort()}`;
  await emulator.patchRegistry(name, { login_server: loginServer });
  emulator.ready.registries[name].loginServer = loginServer;
  return loginServer;
}

// ------------------------------------------------------------------ the login chain, by hand

/**
 * GitHub OIDC -> Entra -> ACR exchange, as the action does it, with plain HTTPS requests.
 * Returns every intermediate response so tests can assert on failures too.
 */
export async function loginChain(emu, { registry, clientId, tenantId, audience = EXCHANGE_AUDIENCE, scope = ACR_SCOPE } = {}) {
  const out = {};
  const tenant = tenantId ?? emu.env.AZURE_TENANT_ID ?? emu.ready.entra.tenants[0].id;
  const client = clientId ?? emu.env.AZURE_CLIENT_ID;
  const gh = await emu.request(`${emu.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`, {
    headers: { authorization: `bearer ${emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  });
  out.github = gh;
  if (gh.status !== 200) return out;
  const entra = await emu.request(`${emu.env.AZURE_AUTHORITY_HOST}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: FORM,
    body: form({
      client_id: client,
      scope,
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: gh.json().value,
    }),
  });
  out.entra = entra;
  if (entra.status !== 200) return out;
  out.exchange = await exchange(emu, { registry, accessToken: entra.json().access_token, tenant });
  return out;
}

/** Reads the realm from the registry's challenge, like a client must. */
export async function challenge(emu, loginServer) {
  const r = await emu.request(`https://${loginServer}/v2/`);
  const h = r.headers['www-authenticate'] ?? '';
  const get = (k) => (h.match(new RegExp(`${k}="([^"]*)"`)) ?? [])[1];
  return { status: r.status, header: h, realm: get('realm'), service: get('service') };
}

/** POST <realm host>/oauth2/exchange with an Entra access token. */
export async function exchange(emu, { registry, accessToken, tenant, service, localAddress } = {}) {
  const name = registry ?? Object.keys(emu.ready.registries)[0];
  const info = emu.ready.registries[name];
  return emu.request(`${info.authUrl}/oauth2/exchange`, {
    method: 'POST',
    headers: FORM,
    localAddress,
    body: form({ grant_type: 'access_token', service: service ?? info.loginServer, ...(tenant ? { tenant } : {}), access_token: accessToken }),
  });
}

/** The docker config an ACR refresh token yields (`az acr login` form). */
export function dockerConfigFor(loginServer, refreshToken) {
  return { auths: { [loginServer]: { auth: Buffer.from(`${NULL_GUID}:${refreshToken}`).toString('base64') } } };
}

export function decodeJwt(token) {
  const [, p] = token.split('.');
  return JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
}

// ------------------------------------------------------------------ skopeo

/** A tiny OCI image layout (one gzip layer with one file), built offline; tag `1`. */
export function makeTinyOciImage(dir, { text = 'hello from the acr-login emulator\n' } = {}) {
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (buf) => {
    const hex = createHash('sha256').update(buf).digest('hex');
    writeFileSync(join(blobs, hex), buf);
    return { digest: `sha256:${hex}`, size: buf.length };
  };
  const tar = tarOneFile('hello.txt', Buffer.from(text));
  const layer = put(gzipSync(tar));
  const diffId = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
  const config = put(Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', created: '2026-01-01T00:00:00Z',
    config: { Cmd: ['/hello.txt'] }, rootfs: { type: 'layers', diff_ids: [diffId] },
  })));
  const manifest = put(Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
  })));
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': '1' } }],
  }));
  return { dir, ref: `oci:${dir}:1`, manifestDigest: manifest.digest };
}

function tarOneFile(name, content) {
  const header = Buffer.alloc(512);
  const field = (off, len, value) => header.write(value, off, len, 'ascii');
  const octal = (n, len) => n.toString(8).padStart(len - 1, '0') + '\0';
  field(0, 100, name);
  field(100, 8, octal(0o644, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(content.length, 12));
  field(136, 12, octal(1767225600, 12));
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const b of header) sum += b;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, pad, Buffer.alloc(1024)]);
}

// skopeo run as root keeps a blob-info cache in /var/lib/containers/cache that survives runs and
// makes later pushes ask for scopes on other repositories. Each sandbox starts without it.
const ROOT_BLOB_CACHE = '/var/lib/containers/cache/blob-info-cache-v1.boltdb';

/**
 * An isolated skopeo environment: its own HOME, auth file, cert dir (holding the emulator's CA as
 * ca.crt) and an accept-anything policy. `run(args)` resolves { code, stdout, stderr }.
 */
export function skopeoSandbox(emu) {
  const dir = mkdtempSync(join(tmpdir(), 'skopeo-'));
  const home = join(dir, 'home');
  const certDir = join(dir, 'certs');
  mkdirSync(home);
  mkdirSync(certDir);
  writeFileSync(join(certDir, 'ca.crt'), emu.ca);
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
  const authfile = join(dir, 'auth.json');
  writeFileSync(authfile, JSON.stringify({ auths: {} }));
  const env = { PATH: process.env.PATH, HOME: home, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: join(home, '.local', 'share') };
  const run = (args, { timeoutMs = 60_000 } = {}) => new Promise((res, rej) => {
    if (process.getuid?.() === 0) rmSync(ROOT_BLOB_CACHE, { force: true });
    const child = track(spawn('skopeo', ['--policy', policy, ...args], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', rej);
    child.on('close', (code) => { clearTimeout(t); res({ code, stdout, stderr }); });
  });
  return {
    dir,
    home,
    certDir,
    authfile,
    run,
    /** Writes the auth file (a docker config object). */
    setAuth(config) { writeFileSync(authfile, JSON.stringify(config)); },
    push(srcRef, loginServer, repoTag) {
      return run(['copy', '--dest-authfile', authfile, '--dest-cert-dir', certDir, srcRef, `docker://${loginServer}/${repoTag}`]);
    },
    pull(loginServer, repoTag, destDir) {
      return run(['copy', '--src-authfile', authfile, '--src-cert-dir', certDir, `docker://${loginServer}/${repoTag}`, `oci:${destDir}:1`]);
    },
    inspect(loginServer, repoTag) {
      return run(['inspect', '--authfile', authfile, '--cert-dir', certDir, `docker://${loginServer}/${repoTag}`]);
    },
    cleanup() { rmSync(dir, { recursive: true, force: true }); },
  };
}

export const fileSize = (p) => statSync(p).size;
