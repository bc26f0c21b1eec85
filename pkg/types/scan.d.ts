// scanLog(text, now), explain(id), catalog(): the serde output of acr_login_core::scan::ScanReport
// and acr_login_core::catalog::Entry. Fields marked `?` are omitted when absent; `| null` ones are
// always present. Kept in sync by the Rust unit test `typescript_declarations_match_the_serde_output`
// (crates/core/src/scan/tests.rs: every emitted key and enum value is declared here) and by
// tests/types.test.mjs (real results type-check against these declarations).
import type { DecodeReport } from './token.js';

/**
 * Every known failure in a pasted log (GitHub Actions, Azure DevOps, kubectl, az CLI, JSON bodies),
 * root cause first. `now` is Unix seconds (defaults to the current time); it is only used to decode
 * tokens found in the log. Never throws for any text (a string, or UTF-8 bytes); throws
 * `code: "INVALID_NOW"` for a `now` in milliseconds or not a number, `"INVALID_TEXT"` for no text.
 */
export function scanLog(text: string | Uint8Array, now?: number): ScanReport;

/** The full catalog entry for an ID such as `AL013` (any case). Throws `code: "UNKNOWN_CATALOG_ID"`. */
export function explain(id: string): CatalogEntry;

/** Every catalog entry, ordered by ID. */
export function catalog(): CatalogEntry[];

export interface ScanReport {
  /** Ranked: strength first, then earlier line first. `findings[0]` is the root cause when `rootCause` is set. */
  findings: Finding[];
  /** ID of the root-cause finding; null when only symptoms (or nothing) were found. */
  rootCause: string | null;
  /** One sentence for a human. */
  summary: string;
  /** Only when no cause was found: the closest catalog entries, to read, not to trust. */
  candidates: Candidate[];
  /** JWTs found in the log (their position and meaning, never their text). */
  tokens: TokenSeen[];
  format: LogFormat;
  /** Input size in UTF-8 bytes. */
  bytes: number;
  /** A work budget ran out on pathological input: later parts were not fully scanned. */
  truncated: boolean;
}

export type LogFormat = "github-actions" | "azure-devops" | "kubectl" | "az-cli" | "plain";

/** How much a match says about the cause; the first ranking key. */
export type Strength = "root-cause" | "likely-cause" | "consequence" | "symptom";

export interface Finding {
  /** Catalog ID, e.g. `AL013`: `explain(id)` gives cause and fix. */
  id: string;
  category: Category;
  title: string;
  strength: Strength;
  /** 0..1 */
  confidence: number;
  /** 1-based position in the ranking. */
  rank: number;
  /** 1-based line and column (UTF-16 code units) of the match; end is just past it. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** UTF-16 offsets into the input: `text.slice(start, end)`. */
  start: number;
  end: number;
  /** The matched text as a human reads it (escapes decoded, colours removed), at most 300 chars. */
  matched: string;
  params: FindingParams;
  /** A GitHub-masked value (`***`) sat where a parameter was expected. */
  masked: boolean;
  /** Unix seconds of the line (its timestamp prefix, or the AADSTS `Timestamp:`). */
  at?: number;
  /** Lines showing this same failure (a multi-line message counts once). */
  occurrences: number;
  /** Other lines with the same failure (first 20). */
  otherLines: number[];
  /** Cross-checks, e.g. against a token found in the log; those starting with "But" qualify the finding. */
  evidence: string[];
  /** `text`: a message in the log; `token`: derived from a token found in the log. */
  source: "text" | "token";
}

/** Values taken from the matched text; absent when not in the log (or masked). */
export interface FindingParams {
  /** The subject Entra saw (AADSTS700213 / 70021): the exact federated credential subject needed. */
  subject?: string;
  /** A name for the federated credential that accepts `subject`, as decodeToken names it (derived). */
  credentialName?: string;
  issuer?: string;
  audience?: string;
  /** The address a registry firewall refused. */
  clientIp?: string;
  ip?: string;
  /** Login server (`name.azurecr.io`): named by the finding's own lines, or else the one ACR the whole log names. */
  registry?: string;
  host?: string;
  appId?: string;
  tenant?: string;
  httpStatus?: number;
  checkHealthCode?: string;
  /** Numeric part of `AADSTSnnnn`. */
  aadstsCode?: string;
  image?: string;
  scope?: string;
  resource?: string;
  subscription?: string;
  correlationId?: string;
  traceId?: string;
}

export interface Candidate {
  id: string;
  category: Category;
  title: string;
  score: number;
  /** Why it is listed, e.g. "shares 'federated', 'assertion'; HTTP 401". */
  reason: string;
  /** 1-based line of the error line it resembles most. */
  line: number;
}

export interface TokenSeen {
  line: number;
  column: number;
  /** UTF-16 offsets of the token in the input. */
  start: number;
  end: number;
  /** The token decoder's `TokenKind` (token.d.ts), or `malformed`. */
  kind: "github-oidc" | "azure-devops-oidc" | "entra-access-v1" | "entra-access-v2" | "entra-id-token" | "gitlab-oidc" | "kubernetes-sa" | "kubernetes-sa-legacy" | "terraform-oidc" | "acr-refresh" | "acr-access" | "jwt" | "malformed";
  issuer?: string;
  audience?: string;
  subject?: string;
  /** Unix seconds (converted when the token used milliseconds). */
  issuedAt?: number;
  notBefore?: number;
  expires?: number;
  /** Timestamp of the log line the token is on. */
  loggedAt?: number;
  /** Why a `malformed` token does not decode. */
  problem?: string;
  /** The token decoder's full report (decodeToken) for this token. */
  decoded: DecodeReport;
}

export type Category =
  | "oidc-subject-mismatch"
  | "oidc-issuer-mismatch"
  | "oidc-audience-mismatch"
  | "oidc-no-federated-credential"
  | "oidc-missing-id-token-permission"
  | "oidc-token-expired"
  | "client-secret-expired"
  | "client-secret-invalid"
  | "app-not-found-in-tenant"
  | "wrong-tenant"
  | "wrong-subscription"
  | "conditional-access-blocked"
  | "missing-rbac-role"
  | "arm-audience-token-disabled"
  | "token-expired-acr"
  | "network-ip-denied"
  | "private-endpoint-dns"
  | "dns-resolution"
  | "network-unreachable"
  | "tls-certificate"
  | "proxy"
  | "docker-daemon-unavailable"
  | "admin-account-disabled"
  | "scope-map-token-denied"
  | "repository-not-found"
  | "repository-locked"
  | "wrong-registry-name"
  | "anonymous-pull-disabled"
  | "throttled"
  | "sku-feature-unavailable"
  | "aks-kubelet-identity-missing-role"
  | "other";

export type CatalogArea = "github" | "entra" | "acr" | "network" | "docker" | "aks" | "check-health" | "devops" | "token";

export interface CatalogEntry {
  /** `AL` + 3 digits; stable, never reused. */
  id: string;
  category: Category;
  /** Retired entries stay listed (their ID is never reused) but are no longer reported. */
  status: "stable" | "retired";
  area: CatalogArea;
  title: string;
  /** The message texts it matches (case-insensitive; `{param}` captures, `*` skips). */
  patterns: CatalogPattern[];
  cause: string;
  fix: CatalogStep[];
  docs: string[];
  /** Real-shaped log excerpts, each with where its shape comes from. */
  examples: CatalogExample[];
  /** The HTTP status this failure always comes with. */
  httpStatus?: number;
  /** The `az acr check-health` code, for AL5xx. */
  checkHealthCode?: string;
}

export interface CatalogPattern {
  text: string;
  strength: Strength;
}

export interface CatalogStep {
  text: string;
  /** The exact command or YAML; present together with `lang`. */
  code?: string;
  lang?: "sh" | "yaml" | "powershell" | "json";
}

export interface CatalogExample {
  text: string;
  source: string;
}
