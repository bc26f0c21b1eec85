// login() / diagnose(): the serde output of acr_login_core::login and ::diagnose. Checked against
// real results (an emulated login, a failure, a diagnosis) by tests/types.test.mjs.
import type { GlobalInstance } from '../index.js';

export type AuthType = 'oidc' | 'client-secret' | 'managed-identity' | 'workload-identity' | 'basic';
export type RepoAction = 'pull' | 'push' | 'delete';

/** The Azure cloud, by its az CLI name (any case). Default: from the registry suffix. */
export type AzureEnvironment = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' | 'azurecloud' | 'azureusgovernment' | 'azurechinacloud';

/**
 * Every option: an unknown name is refused (`CONFIG_UNKNOWN_OPTION`), as is a value of the wrong
 * type (`CONFIG_BAD_VALUE`). `null` means not given. Names are the camelCase of the action's inputs.
 */
export interface LoginOptions {
  /** Login servers or bare names (`myacr` → `myacr.azurecr.io`); a string may list several, comma separated. */
  registries: string[] | string;
  authType?: AuthType;
  clientId?: string;
  tenantId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  /** GitHub OIDC audience; default per cloud (`api://AzureADTokenExchange`…). */
  audience?: string;
  environment?: AzureEnvironment;
  authorityHost?: string;
  repository?: string;
  actions?: string | RepoAction[];
  /** Node entry: defaults to `ACTIONS_ID_TOKEN_REQUEST_URL` (set by the runner) for `authType: 'oidc'`. */
  idTokenRequestUrl?: string;
  /** Node entry: defaults to `ACTIONS_ID_TOKEN_REQUEST_TOKEN` for `authType: 'oidc'`. */
  idTokenRequestToken?: string;
  /** The contents of AZURE_FEDERATED_TOKEN_FILE, for `workload-identity`. */
  federatedToken?: string;
  imdsEndpoint?: string;
  scope?: string;
  /** Per request, default 30 000. */
  timeoutMs?: number;
  /** The whole flow, default 120 000. */
  budgetMs?: number;
  /** `basic`: check the credentials against the registry's token endpoint (default true). */
  verifyBasic?: boolean;
  retry?: RetryPolicy;
  /** Seeds the back-off jitter (parallel runs spread out; tests stay replayable). */
  jitterSeed?: number;
}

/** Retries on 429, 5xx and transient transport errors; each field has a default. */
export interface RetryPolicy {
  /** Attempts per request, the first included (default 4). */
  maxAttempts?: number;
  /** First back-off, doubling per attempt (default 500). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A longer `Retry-After` is not waited for: the login fails as throttled (default 30 000). */
  maxRetryAfterMs?: number;
  /** Waits after AADSTS70021 for a federated credential created moments ago (default [5000, 10000, 15000]). */
  propagationDelaysMs?: number[];
}

export interface HostRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
  timeoutMs: number;
  /** Aborted when the flow no longer needs the response (an `AbortSignal`). */
  signal?: GlobalInstance<'AbortSignal', unknown>;
}

/**
 * What login() and diagnose() call back (all optional; methods are called on this object). A
 * function under a near-miss name (`onsecret`, `setSecret`, `fetch`) is refused (`INVALID_HOST`),
 * so a typo cannot silently leave secrets unmasked.
 */
export interface Host {
  /** Milliseconds since the epoch (default `Date.now()`). */
  now?: () => number;
  /** Called with every secret given or obtained, before anything could log it: mask it. If it throws, the call rejects (`HOST_ON_SECRET_FAILED`). */
  onSecret?: (value: string) => void;
  onNotice?: (text: string) => void;
  /**
   * A hint: a request to this origin (`https://host[:port]`) follows once a pending one answers,
   * so a transport with a connection pool may open the connection now. Ignoring it is correct.
   */
  preconnect?: (origin: string) => void;
  /** DNS / TLS checks; without it they are skipped (Node entry default: node:dns and node:tls, direct). */
  probe?: (p: { kind: 'dns' | 'tls'; host: string; port: number; timeoutMs: number }) => Promise<{ ok: boolean; unsupported?: boolean; detail?: string; error?: string }>;
  /**
   * A transport to use instead of the global fetch; it enforces `timeoutMs` itself and rejects with
   * an Error whose `code` (ENOTFOUND, ECONNREFUSED, a certificate error...) or `name`
   * (`TimeoutError`, `AbortError`) says why. Node entry default: the global fetch, rejecting so.
   */
  request?: (r: HostRequest) => Promise<{ status: number; headers: [string, string][]; body: string }>;
}

export interface PermissionReport {
  repository: string;
  requested: RepoAction[];
  granted: string[];
  missing: RepoAction[];
}

export interface RegistryCredential {
  loginServer: string;
  /** `00000000-0000-0000-0000-000000000000` for token logins. */
  username: string;
  /** The ACR refresh token (or the basic password). A secret: never log it. */
  password: string;
  expiresAt: number | null;
  permissions: PermissionReport | null;
}

export interface Identity {
  authType: AuthType;
  clientId: string | null;
  tenantId: string | null;
  objectId: string | null;
  subject: string | null;
  summary: string;
}

export interface LoginFinding {
  /** Catalog ID (`AL013`), or null for an error no entry explains yet. */
  id: string | null;
  category: string;
  title: string;
  explanation: string;
  fix: string[];
  link: string | null;
  params: Record<string, string>;
  evidence: string | null;
}

export type CheckKind = 'dns' | 'tls' | 'challenge' | 'github-token' | 'federated-token' | 'imds-token' | 'entra-token'
  | 'refresh-token' | 'access-token' | 'permissions' | 'basic-credentials';

export interface Check {
  kind: CheckKind;
  title: string;
  registry: string | null;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  durationMs: number | null;
  detail: string;
  finding: LoginFinding | null;
}

export interface Diagnosis {
  ok: boolean;
  top: LoginFinding | null;
  checks: Check[];
  notices: string[];
}

export interface LoginResult {
  ok: boolean;
  registries: RegistryCredential[] | null;
  identity: Identity | null;
  expiresAt: number | null;
  diagnosis: Diagnosis;
  /** The diagnosis as a fixed-width table (for a log) and as markdown (for a job summary). */
  text: string;
  markdown: string;
  /** One line on success; the top finding with its fix on failure. */
  message: string;
}

export function login(options: LoginOptions, host?: Host): Promise<LoginResult>;
export function diagnose(options: LoginOptions, host?: Host): Promise<LoginResult>;
