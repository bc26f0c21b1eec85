// Public TypeScript surface of the `acr-login` package (Node entry). The shapes are the serde output
// of the Rust core; tests/types.test.mjs checks these declarations against real results.

/** An error thrown by this package: switch on `code`, never on `message`. */
export interface AcrLoginError extends Error {
  code: string;
  /** For `JWT_*` errors: the segment at fault. */
  segment?: 'header' | 'payload' | 'signature' | null;
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

export function decodeJwt(text: string): DecodedJwt;

export * from './types/token.js';
export * from './types/scan.js';
export * from './types/login.js';
