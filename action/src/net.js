// The action's HTTP transport for the wasm core (`host.request`), on node:http/https rather than
// Node's fetch: fetch (undici) costs a short-lived process ~120 ms and ~12 MB just to load, more
// than the whole rest of the login. It also makes proxies work, which Node 20's fetch ignores:
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY through CONNECT tunnels, with credentials from the proxy URL.
// Extra CAs come from NODE_EXTRA_CA_CERTS, which Node applies to every TLS connection.
//
// Direct connections are kept alive and reused per origin, and opened ahead of need when the core
// hints that a stage will talk to an origin once a pending request answers (`preconnect`): a
// login is 3-4 requests to 3-4 origins in sequence, and every TLS handshake left on that path
// costs a round trip or two (on a runner, to Entra and the registry over the internet).
import { lazyBuiltin } from './lazy.js';

// Loaded at the first request: `https` alone adds ~25 ms to Node 24's start (measured), and a run
// that fails before any request (missing permission, bad input) never needs it.
const http = lazyBuiltin('node:http');
const https = lazyBuiltin('node:https');
const tls = lazyBuiltin('node:tls');
const net = lazyBuiltin('node:net');

/** Whether `url` bypasses the proxy per NO_PROXY (comma/space list; `*`; suffixes; host:port). */
export function bypassesProxy(url, noProxy) {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (let entry of (noProxy || '').split(/[\s,]+/)) {
    entry = entry.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let h = entry;
    let p = null;
    const m = entry.match(/^(\[[^\]]+\]|[^:]+):(\d+)$/);
    if (m) [, h, p] = m;
    h = h.replace(/^\[|\]$/g, '').replace(/^\*\./, '.');
    if (p && p !== port) continue;
    if (h.startsWith('.') ? host.endsWith(h) || host === h.slice(1) : host === h || host.endsWith(`.${h}`)) return true;
  }
  return false;
}

/** The proxy URL for a request URL, or null. */
export function proxyFor(url, env = process.env) {
  const u = typeof url === 'string' ? new URL(url) : url;
  const proxy = u.protocol === 'https:'
    ? env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy
    : env.HTTP_PROXY || env.http_proxy;
  if (!proxy || bypassesProxy(u, env.NO_PROXY ?? env.no_proxy)) return null;
  return new URL(/^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
}

function proxyAuth(proxy) {
  if (!proxy.username) return {};
  const creds = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(creds).toString('base64')}` };
}

function fetchError(message, code) {
  return Object.assign(new Error(`${code ? `${code}: ` : ''}${message}`), { code });
}

/** A TCP socket to host:port through the proxy's CONNECT. */
export function tunnel(proxy, host, port, signal) {
  return new Promise((resolve, reject) => {
    const client = proxy.protocol === 'https:' ? https() : http();
    const req = client.request({
      host: proxy.hostname, port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80), method: 'CONNECT',
      path: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      headers: { host: `${host}:${port}`, ...proxyAuth(proxy) }, agent: false,
    });
    const abort = () => req.destroy(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
    signal?.addEventListener('abort', abort, { once: true });
    req.on('connect', (res, socket) => {
      signal?.removeEventListener('abort', abort);
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(fetchError(`proxy ${proxy.host} answered CONNECT with ${res.statusCode} ${res.statusMessage}`, res.statusCode === 407 ? 'PROXY_AUTH_REQUIRED 407' : 'PROXY_CONNECT'));
      } else resolve(socket);
    });
    req.on('error', (e) => {
      signal?.removeEventListener('abort', abort);
      reject(e.name === 'AbortError' ? e : fetchError(`proxy ${proxy.host}: ${e.message}`, `PROXY ${e.code ?? ''}`.trim()));
    });
    req.end();
  });
}

/** The SNI for a host: names only, never an address. */
export function sniFor(host) {
  return /^[\d.]+$|:/.test(host) ? undefined : host;
}

function connectDirect(u) {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return u.protocol === 'https:'
    ? tls().connect({ host, port: Number(u.port || 443), servername: sniFor(host) })
    : net().connect({ host, port: Number(u.port || 80) });
}

// Idle connections by origin: ones a response left open, and ones opened on a hint. Unref'd
// while idle, so they never keep the process alive; a server closing one removes it.
const idle = new Map();
const parkedBy = new WeakMap();

function park(origin, socket) {
  if (socket.destroyed) return;
  socket.unref();
  const list = idle.get(origin) ?? [];
  if (!idle.has(origin)) idle.set(origin, list);
  list.push(socket);
  const unpark = () => {
    const i = list.indexOf(socket);
    if (i >= 0) list.splice(i, 1);
  };
  // A parked socket's errors (reset, a failed handshake on a hint) only retire it: the request
  // that would have used it connects afresh and reports its own error.
  const retire = () => socket.destroy();
  socket.once('close', unpark);
  socket.on('error', retire);
  parkedBy.set(socket, { unpark, retire });
}

function takeIdle(origin) {
  const list = idle.get(origin);
  while (list?.length) {
    const socket = list.shift();
    const { unpark, retire } = parkedBy.get(socket);
    socket.removeListener('close', unpark);
    socket.removeListener('error', retire);
    if (!socket.destroyed && socket.writable) return socket.ref();
  }
  return null;
}

/** Opens a connection to `origin` for a request the core says will follow (a hint only). */
export function preconnect(origin, env = process.env) {
  try {
    const u = new URL(origin);
    if (!/^https?:$/.test(u.protocol) || proxyFor(u, env) || idle.get(u.origin)?.length) return;
    const socket = connectDirect(u);
    park(u.origin, socket);
  } catch { /* a hint: the request itself will report what is wrong */ }
}

/** Closes every idle connection (the end of a step; they would not keep the process alive). */
export function closeIdle() {
  for (const list of idle.values()) for (const s of list.splice(0)) s.destroy();
}

const abortError = () => Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });

function netError(e) {
  if (e?.name === 'AbortError') return e;
  const code = e?.code ?? '';
  return Object.assign(new Error(code && !String(e?.message).includes(code) ? `${code}: ${e?.message}` : String(e?.message ?? e)), { code });
}

/**
 * One HTTP(S) request, the wasm core's transport (its `host.request`): `headers` as [name, value]
 * pairs, `body` a string or null. Resolves { status, headers: [[name, value]], body } once the
 * whole body is in; rejects with an Error whose `code` (ENOTFOUND, SELF_SIGNED_CERT_IN_CHAIN,
 * ECONNRESET, ETIMEDOUT, PROXY_*…) and `name` (AbortError, TimeoutError) say why. A direct
 * connection is parked for reuse when the response ends (unless the server closes it). A kept
 * connection the server closed while idle fails like any reset, and the core retries it with a
 * notice: retrying here instead would also hide real resets, and could send a POST twice.
 * Through a proxy, one tunnel per request.
 */
export function request({ method, url, headers = [], body = null, timeoutMs = 30_000, signal }, env = process.env) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    // IMDS is link-local and never proxied (as the Azure SDKs do).
    const proxy = u.hostname === '169.254.169.254' ? null : proxyFor(u, env);
    const sockets = [];
    let done = false;
    let timer;
    const onAbort = () => finish(abortError());
    function finish(err, value) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // A direct connection outlives a success (parked on 'free', or closed by Node when the
      // server said `Connection: close`); anything else ends with its request.
      if (err || proxy) for (const s of sockets) s.destroy();
      if (err) reject(err);
      else resolve(value);
    }
    if (signal?.aborted) return finish(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => finish(Object.assign(new Error(`no response within ${timeoutMs} ms`), { name: 'TimeoutError', code: 'ETIMEDOUT' })), timeoutMs);
    const h = Object.fromEntries(headers);
    if (body !== null && body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
    h.connection = proxy ? 'close' : 'keep-alive';
    const host = u.hostname.replace(/^\[|\]$/g, '');

    const send = (options) => {
      const lib = options.protocol === 'https:' ? https() : http();
      const req = lib.request(options, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', (e) => finish(netError(e)));
        res.on('aborted', () => finish(Object.assign(new Error('other side closed'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          if (!res.complete) return finish(Object.assign(new Error('response ended before its end'), { code: 'ECONNRESET' }));
          const pairs = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
          finish(null, { status: res.statusCode, headers: pairs, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.on('socket', (s) => {
        sockets.push(s);
        if (!proxy) s.once('free', () => park(u.origin, s));
      });
      req.on('error', (e) => finish(netError(e)));
      req.end(body ?? undefined);
    };
    if (!proxy) {
      // No agent: the connection comes from the idle pool or is new, so keep-alive and hints work
      // without Node's Agent (whose pool cannot take a connection opened ahead of a request).
      const kept = takeIdle(u.origin);
      send({
        protocol: u.protocol, hostname: host, port: u.port, path: `${u.pathname}${u.search}`, method, headers: h,
        createConnection: () => kept ?? connectDirect(u),
      });
    } else if (u.protocol === 'http:') {
      send({ protocol: 'http:', hostname: proxy.hostname, port: proxy.port || 80, path: u.href, method, headers: { ...h, host: u.host, ...proxyAuth(proxy) }, agent: false });
    } else {
      tunnel(proxy, host, u.port || 443, signal).then((socket) => {
        sockets.push(socket);
        if (done) return;
        send({
          protocol: 'https:', hostname: host, port: u.port || 443, path: `${u.pathname}${u.search}`, method, headers: h, agent: false,
          createConnection: () => {
            const t = tls().connect({ socket, host, servername: sniFor(host) });
            sockets.push(t);
            return t;
          },
        });
      }, (e) => finish(e));
    }
  });
}
