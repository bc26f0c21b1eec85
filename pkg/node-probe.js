// The DNS and TLS checks of `diagnose()` as Node does them, shared by the npm package's default
// probe (pkg/index.js, direct) and the action's (action/src/probes.js, which adds its proxy tunnel).
// The core decides what to check and what a result means; this only looks.
import dns from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';

export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      t = setTimeout(() => reject(Object.assign(new Error(`${what} timed out after ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

/** A probe result for an error: the code first, since the core reads it. */
export function failed(e) {
  return { ok: false, detail: `${e.code ? `${e.code}: ` : ''}${e.message}`, error: e.code || e.message };
}

export async function lookup(host, timeoutMs) {
  try {
    const addrs = await withTimeout(dns.lookup(host, { all: true }), timeoutMs, 'DNS lookup');
    return { ok: true, detail: `${host} → ${addrs.map((a) => a.address).join(', ')}` };
  } catch (e) {
    return failed(e);
  }
}

/** A TLS handshake with `host`, directly or over `socket` (a proxy tunnel); never throws. */
export async function handshake({ host, port, socket: over }, timeoutMs) {
  let socket;
  try {
    // No SNI for an IP address (RFC 6066).
    socket = tls.connect({ host, port, servername: net.isIP(host.replace(/^\[|\]$/g, '')) ? undefined : host, socket: over });
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
    socket?.destroy();
  }
}
