// The action's transport (action/src/net.js) keeps connections: a second request to an origin
// reuses the first one's, a `preconnect` hint opens one that the next request then uses, a kept
// connection the server closed while idle fails as a reset (which the core retries) and leaves
// the pool, a hint for a dead origin changes nothing, and kept connections never hold the
// process open. Against a
// plain HTTP server that counts connections; the TLS path is the same code with tls.connect, and
// tests/action-login.test.mjs runs it against the stand-in.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from './support/emulator.mjs';
import { NODES } from './support/node.mjs';
import { closeIdle, preconnect, request } from '../action/src/net.js';

/** An HTTP/1.1 server that answers every request with its path and counts connections. */
async function startServer() {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/close') res.setHeader('connection', 'close');
      res.end(JSON.stringify({ path: req.url, body, socket: req.socket.remotePort }));
    });
  });
  const sockets = [];
  server.on('connection', (s) => sockets.push(s));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, sockets, server, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

const get = (url, extra = {}) => request({ method: 'GET', url, ...extra }, {});
const json = (r) => JSON.parse(r.body);
const until = async (cond) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), 'condition not reached within 1 s');
};

describe('connection reuse and hints', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { closeIdle(); await srv.close(); });

  test('a second request to the same origin reuses the first one\'s connection', async () => {
    closeIdle();
    const before = srv.sockets.length;
    const a = json(await get(`${srv.origin}/one`));
    await new Promise((r) => setImmediate(r)); // the connection is parked on the next tick
    const b = json(await request({ method: 'POST', url: `${srv.origin}/two`, headers: [['content-type', 'text/plain']], body: 'x=1' }, {}));
    assert.equal(a.path, '/one');
    assert.deepEqual([b.path, b.body], ['/two', 'x=1']);
    assert.equal(b.socket, a.socket, 'same client port: same connection');
    assert.equal(srv.sockets.length - before, 1);
  });

  test('a hint opens the connection the next request uses', async () => {
    closeIdle();
    const before = srv.sockets.length;
    preconnect(srv.origin, {});
    await until(() => srv.sockets.length === before + 1); // connected before any request
    const r = json(await get(`${srv.origin}/after-hint`));
    assert.equal(r.path, '/after-hint');
    assert.equal(srv.sockets.length, before + 1, 'the request opened no connection of its own');
    preconnect(srv.origin, {}); // one is idle already: nothing more is opened
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(srv.sockets.length, before + 1);
  });

  test('a kept connection the server closed while idle fails as a reset (the core retries it)', async () => {
    closeIdle();
    await get(`${srv.origin}/first`);
    await new Promise((r) => setImmediate(r));
    // The server drops every idle connection before the client has read the FIN.
    for (const s of srv.sockets) s.destroy();
    await assert.rejects(get(`${srv.origin}/second`), (e) => e.code === 'ECONNRESET');
    // The failed connection left the pool: the core's retry connects anew and gets through.
    assert.equal(json(await get(`${srv.origin}/third`)).path, '/third');
  });

  test('`Connection: close` from the server is honoured: the next request connects anew', async () => {
    closeIdle();
    const a = json(await get(`${srv.origin}/close`));
    await new Promise((r) => setTimeout(r, 20));
    const b = json(await get(`${srv.origin}/again`));
    assert.notEqual(b.socket, a.socket);
  });

  test('a hint for a dead origin is silent, and the request still reports the real error', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    preconnect(dead, {});
    preconnect('not a url', {});
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(get(`${dead}/x`, { timeoutMs: 2000 }), (e) => e.code === 'ECONNREFUSED');
  });

  test('no hint is acted on through a proxy (the tunnel is per request)', async () => {
    closeIdle();
    const before = srv.sockets.length;
    preconnect(srv.origin, { HTTP_PROXY: 'http://127.0.0.1:9' });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(srv.sockets.length, before);
  });
});

// Kept and hinted connections are unref'd: a process that made requests exits at once when its
// work is done, under both Nodes, without calling closeIdle().
for (const node of NODES) {
  test(`${node.name}: kept connections do not hold the process open`, async () => {
    const srv = await startServer();
    try {
      const net = fileURLToPath(new URL('../action/src/net.js', import.meta.url));
      const script = `import { preconnect, request } from ${JSON.stringify(net)};
        const r = await request({ method: 'GET', url: '${srv.origin}/a' }, {});
        preconnect('${srv.origin}', {});
        console.log(JSON.parse(r.body).path);`;
      const t0 = Date.now();
      const out = await new Promise((resolve) => {
        const child = spawn(node.bin, ['--input-type=module', '-e', script]);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => { stdout += d; });
        child.stderr.on('data', (d) => { stderr += d; });
        const kill = setTimeout(() => child.kill(), 10_000);
        child.on('close', (status) => { clearTimeout(kill); resolve({ status, stdout, stderr }); });
      });
      assert.equal(out.status, 0, out.stderr);
      assert.equal(out.stdout.trim(), '/a');
      assert.ok(Date.now() - t0 < 5000, 'exited promptly');
    } finally {
      await srv.close();
    }
  });
}
