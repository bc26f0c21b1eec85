// The global fetch the wasm core uses (gloo-net calls globalThis.fetch), made fit for runners:
// - errors carry their cause (Node hides `ENOTFOUND`, `SELF_SIGNED_CERT_IN_CHAIN`, … in
//   err.cause, which the wasm side cannot see): the core classifies from the message;
// - HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (Node 20's fetch ignores them) through a
//   small CONNECT-tunnel client on node:http/https, buffering each (small, JSON) response into a
//   real `Response`. Extra CAs come from NODE_EXTRA_CA_CERTS, which Node applies to both paths.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

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
  const e = new TypeError(`fetch failed: ${code ? `${code}: ` : ''}${message}`);
  e.code = code;
  return e;
}

/** A TCP socket to host:port through the proxy's CONNECT. */
export function tunnel(proxy, host, port, signal) {
  return new Promise((resolve, reject) => {
    const client = proxy.protocol === 'https:' ? https : http;
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

async function proxiedFetch(input, init, proxy) {
  const req = input instanceof Request ? input : new Request(input, init);
  const url = new URL(req.url);
  const body = ['GET', 'HEAD'].includes(req.method) ? null : Buffer.from(await req.arrayBuffer());
  const headers = Object.fromEntries(req.headers);
  if (body) headers['content-length'] = String(body.length);
  // One request per tunnel: a kept-alive socket would hold the process open until the proxy's idle timeout.
  headers.connection = 'close';
  const signal = req.signal;
  if (signal?.aborted) throw Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
  const options = { method: req.method, headers, agent: false };
  let request;
  if (url.protocol === 'https:') {
    const socket = await tunnel(proxy, url.hostname.replace(/^\[|\]$/g, ''), url.port || 443, signal);
    request = https.request(url, { ...options, createConnection: () => tls.connect({ socket, servername: url.hostname }) });
  } else {
    request = http.request({ ...options, host: proxy.hostname, port: proxy.port || 80, path: url.href, headers: { ...headers, host: url.host, ...proxyAuth(proxy) } });
  }
  return new Promise((resolve, reject) => {
    const abort = () => request.destroy(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
    signal?.addEventListener('abort', abort, { once: true });
    request.on('error', (e) => {
      signal?.removeEventListener('abort', abort);
      reject(e.name === 'AbortError' ? e : fetchError(e.message, e.code));
    });
    request.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (e) => reject(fetchError(e.message, e.code ?? 'ECONNRESET')));
      res.on('aborted', () => reject(fetchError('other side closed', 'ECONNRESET')));
      res.on('end', () => {
        signal?.removeEventListener('abort', abort);
        res.socket?.destroy();
        if (!res.complete) return reject(fetchError('response ended early', 'ECONNRESET'));
        const h = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const nullBody = [101, 204, 205, 304].includes(res.statusCode);
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status: res.statusCode, statusText: res.statusMessage, headers: h }));
      });
    });
    request.end(body ?? undefined);
  });
}

/** Node's fetch error with its cause folded into the message (the wasm sees name and message). */
function explain(e) {
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return e;
  if (e?.message?.startsWith('fetch failed: ')) return e;
  const c = e?.cause;
  return new TypeError([e?.message ?? String(e), c?.code, c?.message].filter(Boolean).join(': '));
}

/** Installs the runner-fit fetch as globalThis.fetch (idempotent). */
export function installFetch(env = process.env) {
  if (globalThis.fetch?.acrLogin) return;
  const base = globalThis.fetch;
  const anyProxy = PROXY_VARS.some((k) => env[k]);
  const wrapped = async (input, init) => {
    try {
      const url = input instanceof Request ? input.url : String(input);
      const proxy = anyProxy ? proxyFor(url, env) : null;
      return await (proxy ? proxiedFetch(input, init, proxy) : base(input, init));
    } catch (e) {
      throw explain(e);
    }
  };
  wrapped.acrLogin = true;
  globalThis.fetch = wrapped;
}
