// The DNS and TLS checks of a diagnosis: the core decides what to check and what it means, the
// host (here) does the looking. Through a proxy, names are resolved by the proxy, so DNS is
// reported as skipped and TLS goes through the tunnel.
import { failed, handshake, lookup, withTimeout } from '../../pkg/node-probe.js';
import { proxyFor, tunnel } from './net.js';

async function resolveName(host, timeoutMs, env) {
  if (proxyFor(`https://${host}/`, env)) return { unsupported: true, detail: 'resolved by the proxy' };
  return lookup(host, timeoutMs);
}

async function tlsHandshake(host, port, timeoutMs, env) {
  const proxy = proxyFor(`https://${host}:${port}/`, env);
  const ac = new AbortController();
  let raw;
  try {
    raw = proxy ? await withTimeout(tunnel(proxy, host, port, ac.signal), timeoutMs, 'proxy CONNECT') : undefined;
    return await handshake({ host, port, socket: raw }, timeoutMs);
  } catch (e) {
    return failed(e);
  } finally {
    ac.abort();
    raw?.destroy();
  }
}

/** The `probe` hook of the wasm `diagnose`. */
export function probe({ kind, host, port, timeoutMs }, env = process.env) {
  return kind === 'dns' ? resolveName(host, timeoutMs, env) : tlsHandshake(host, port, timeoutMs, env);
}
