// The DNS and TLS checks of a diagnosis: the core decides what to check and what it means, the
// host (here) does the looking. Through a proxy, names are resolved by the proxy, so DNS is
// reported as skipped and TLS goes through the tunnel.
import dns from 'node:dns/promises';
import tls from 'node:tls';
import { proxyFor, sniFor, tunnel } from './net.js';

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => { t = setTimeout(() => reject(Object.assign(new Error(`${what} timed out after ${ms} ms`), { code: 'ETIMEDOUT' })), ms); }),
  ]).finally(() => clearTimeout(t));
}

function failed(e) {
  return { ok: false, detail: `${e.code ? `${e.code}: ` : ''}${e.message}`, error: e.code || e.message };
}

async function resolveName(host, timeoutMs, env) {
  if (proxyFor(`https://${host}/`, env)) return { unsupported: true, detail: 'resolved by the proxy' };
  try {
    const addrs = await withTimeout(dns.lookup(host, { all: true }), timeoutMs, 'DNS lookup');
    return { ok: true, detail: `${host} → ${addrs.map((a) => a.address).join(', ')}` };
  } catch (e) {
    return failed(e);
  }
}

async function tlsHandshake(host, port, timeoutMs, env) {
  const proxy = proxyFor(`https://${host}:${port}/`, env);
  const ac = new AbortController();
  let socket;
  let raw;
  try {
    raw = proxy ? await withTimeout(tunnel(proxy, host, port, ac.signal), timeoutMs, 'proxy CONNECT') : undefined;
    socket = tls.connect({ host, port, servername: sniFor(host), socket: raw });
    await withTimeout(new Promise((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    }), timeoutMs, 'TLS handshake');
    const cert = socket.getPeerCertificate();
    const name = (x) => x?.CN || x?.O || '?';
    return { ok: true, detail: `${socket.getProtocol()}, certificate for ${name(cert.subject)} issued by ${name(cert.issuer)}, valid until ${cert.valid_to}` };
  } catch (e) {
    return failed(e);
  } finally {
    ac.abort();
    socket?.destroy();
    raw?.destroy();
  }
}

/** The `probe` hook of the wasm `diagnose`. */
export function probe({ kind, host, port, timeoutMs }, env = process.env) {
  return kind === 'dns' ? resolveName(host, timeoutMs, env) : tlsHandshake(host, port, timeoutMs, env);
}
