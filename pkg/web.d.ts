// The browser entry (`acr-login/web`, and `acr-login` wherever the `node` condition does not apply):
// the same functions as the Node entry; `await ready()` once before calling any of them (else
// they throw `code: "NOT_READY"`).
export * from './index.js';
