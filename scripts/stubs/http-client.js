// Bundled in place of @actions/http-client (and, through it, undici: ~130 KB gzip). @actions/core
// needs it only for getIDToken(); acr-login fetches the GitHub OIDC token itself, through the wasm
// core, so these are never constructed. If a future @actions/core calls them, fail loudly.
const unavailable = (what) => {
  throw new Error(`${what} is not bundled in acr-login's action (see scripts/stubs/http-client.js)`);
};
export class HttpClient {
  constructor() {
    unavailable('@actions/http-client HttpClient');
  }
}
export class BearerCredentialHandler {
  constructor() {
    unavailable('@actions/http-client BearerCredentialHandler');
  }
}
