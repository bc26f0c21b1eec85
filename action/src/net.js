// The action's HTTP transport for the wasm core (`host.request`), on node:http/https rather than
// Node's fetch: fetch (undici) costs a short-lived process ~120 ms and ~12 MB just to load, more
// than the whole rest of the login. It also makes proxies work, which Node 20's fetch ignores:
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY through CONNECT tunnels, with credentials from the proxy URL.
// Extra CAs come from NODE_EXTRA_CA_CERTS, which Node applies to every TLS connection.
import { lazyBuiltin } from './lazy.js';

// Loaded at the first request: `https` alone adds ~25 ms to Node 24's start (measured), and a run
// that fails before any request (missing permission, bad input) never needs it.
const http = lazyBuiltin('node:http');
const https = lazyBuiltin('node:https');
const tls = lazyBuiltin('node:tls');

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
 * ECONNRESET, ETIMEDOUT, PROXY_*…) and `name` (AbortError, TimeoutError) say why. One connection
 * per request, closed when it ends, so nothing keeps the process alive afterwards.
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
      for (const s of sockets) s.destroy();
      if (err) reject(err);
      else resolve(value);
    }
    if (signal?.aborted) return finish(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => finish(Object.assign(new Error(`no response within ${timeoutMs} ms`), { name: 'TimeoutError', code: 'ETIMEDOUT' })), timeoutMs);
    const h = Object.fromEntries(headers);
    if (body !== null && body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
    h.connection = 'close';
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
      req.on('socket', (s) => sockets.push(s));
      req.on('error', (e) => finish(netError(e)));
      req.end(body ?? undefined);
    };

    if (!proxy) {
      send({ protocol: u.protocol, hostname: host, port: u.port, path: `${u.pathname}${u.search}`, method, headers: h, agent: false });
    } else if (u.protocol === 'http:') {
      send({ protocol: 'http:', hostname: proxy.hostname, port: proxy.port || 80, path: u.href, method, headers: { ...h, host: u.host, ...proxyAuth(proxy) }, agent: false });
    } else {
      tunnel(proxy, host, u.port || 443, signal).then((socket) => {
        sockets.push(socket);
        if (done) return;
        send({
          protocol: 'https:', hostname: host, port: u.port || 443, path: `${u.pathname}${u.search}`, method, headers: h, agent: false,
          createConnection: () => {
            const t = tls().connect({ socket, host, servername: /^[\d.]+$|:/.test(host) ? undefined : host });
            sockets.push(t);
            return t;
          },
        });
      }, (e) => finish(e));
    }
  });
}
