// Public TypeScript surface of the `acr-login` package (Node entry; the browser entry adds nothing
// but needs `await ready()` first). The shapes are the serde output of the Rust core;
// tests/types.test.mjs checks these declarations against real results, under every
// `moduleResolution` and without the DOM lib or @types/node.

/**
 * Every `code` an error thrown (or a promise rejected) by this package carries. Switch on it,
 * never on `message`.
 * - `JWT_*`: decodeJwt() input that is not a JWT (`segment` says which part).
 * - `INVALID_TEXT`: text that is neither a string nor UTF-8 bytes (`undefined`, an object).
 * - `INVALID_NOW`: `now` not a number of Unix seconds (milliseconds, null, a Date), or a
 *   `host.now()` that does not return milliseconds.
 * - `UNKNOWN_CATALOG_ID`: explain() of something that is not a catalog ID (`id` when it looks like one).
 * - `CONFIG_*`: login()/diagnose() options that cannot make a login (`option`, `input`).
 * - `INVALID_HOST`: a `host` that is not an object, or a method that is not a function or has a name
 *   the core never calls (`method`).
 * - `HOST_ON_SECRET_FAILED`: `host.onSecret` threw, so a secret may not be masked (`cause`).
 * - `WASM_LOAD_FAILED`: the WebAssembly module could not be found or instantiated (`cause`).
 * - `NOT_READY`: browser entry, a function called before `await ready()`.
 * - `INTERNAL_SERIALIZE`: a bug; please report it.
 */
export type AcrLoginErrorCode =
  | 'JWT_EMPTY' | 'JWT_SEGMENT_COUNT' | 'JWT_BASE64' | 'JWT_JSON' | 'JWT_NOT_OBJECT'
  | 'INVALID_TEXT' | 'INVALID_NOW' | 'UNKNOWN_CATALOG_ID'
  | 'CONFIG_NO_REGISTRY' | 'CONFIG_BAD_REGISTRY' | 'CONFIG_MIXED_CLOUDS' | 'CONFIG_ENVIRONMENT_MISMATCH'
  | 'CONFIG_UNKNOWN_ENVIRONMENT' | 'CONFIG_UNKNOWN_AUTH_TYPE' | 'CONFIG_UNKNOWN_ACTION' | 'CONFIG_MISSING_INPUT'
  | 'CONFIG_NOT_APPLICABLE' | 'CONFIG_ACTIONS_WITHOUT_REPOSITORY' | 'CONFIG_BAD_URL' | 'CONFIG_BAD_VALUE'
  | 'CONFIG_UNKNOWN_OPTION'
  | 'INVALID_HOST' | 'HOST_ON_SECRET_FAILED' | 'WASM_LOAD_FAILED' | 'NOT_READY' | 'INTERNAL_SERIALIZE';

/** An error thrown by this package (an `Error`; a `TypeError` for an argument of the wrong type). */
export interface AcrLoginError extends Error {
  code: AcrLoginErrorCode;
  /** `JWT_*`: the segment at fault. */
  segment?: 'header' | 'payload' | 'signature' | null;
  /** `CONFIG_*`: the option at fault, e.g. `clientId`. */
  option?: string;
  /** `CONFIG_*`: the same as the GitHub Action's input name, e.g. `client-id`. */
  input?: string;
  /** `UNKNOWN_CATALOG_ID`: the ID asked for. */
  id?: string;
  /** `INVALID_HOST`: the host method at fault. */
  method?: string;
}

/** Half-open range in UTF-16 code units of the input (what JS `slice` takes). */
export interface Span {
  start: number;
  end: number;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Decoded signature length in bytes; 0 for `alg: none`. */
  signatureBytes: number;
  spans: { header: Span; payload: Span; signature: Span };
}

/** Header, claims and segment spans of a compact JWT. Throws `code` `JWT_*` (or `INVALID_TEXT`). */
export function decodeJwt(token: string | Uint8Array): DecodedJwt;

/**
 * Resolves once the WebAssembly module is loaded. In Node that happened at import, so this resolves
 * at once; it takes the module from elsewhere (bytes, a `WebAssembly.Module`, a path, a file URL, a
 * `Response`) when a bundler left it behind. In the browser entry it must be awaited before any
 * other call. Rejects with `code: "WASM_LOAD_FAILED"`.
 */
export function ready(source?: WasmSource): Promise<void>;

/** What `ready()` loads the wasm from. Types the environment lacks (no DOM lib, no @types/node) drop out. */
export type WasmSource = string | ArrayBuffer | ArrayBufferView | GlobalInstance<'URL'> | GlobalInstance<'Response'> | WasmModule;

/** The instance type of a global class where the environment declares it (DOM lib or @types/node), else `Else`. */
export type GlobalInstance<K extends string, Else = never> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : Else;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;

export * from './types/token.js';
export * from './types/scan.js';
export * from './types/login.js';
