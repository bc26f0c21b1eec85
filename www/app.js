import init, { decodeJwt } from './pkg/acr_login.js';
import wasmBase64 from './pkg/acr_login_wasm.js';

// Instantiated from bytes already loaded as a script: the CSP forbids every fetch, even our own.
const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
await init({ module_or_path: bytes });

const input = document.getElementById('input');
const output = document.getElementById('output');
input.addEventListener('input', () => {
  try {
    output.textContent = JSON.stringify(decodeJwt(input.value), null, 2);
  } catch (e) {
    output.textContent = `${e.code}: ${e.message}`;
  }
});
document.body.dataset.ready = 'true';
