// login() / diagnose(): the serde output of acr_login_core::login and ::diagnose.

export type AuthType = 'oidc' | 'client-secret' | 'managed-identity' | 'workload-identity' | 'basic';
export type RepoAction = 'pull' | 'push' | 'delete';

export interface LoginOptions {
  /** Login servers or bare names (`myacr` → `myacr.azurecr.io`). */
  registries: string[] | string;
  authType?: AuthType;
  clientId?: string;
  tenantId?: string;
  clientSecret?: string;
  username?: string;
  password?: string;
  /** GitHub OIDC audience; default per cloud (`api://AzureADTokenExchange`…). */
  audience?: string;
  environment?: 'azurecloud' | 'azureusgovernment' | 'azurechinacloud';
  authorityHost?: string;
  repository?: string;
  actions?: string | RepoAction[];
  idTokenRequestUrl?: string;
  idTokenRequestToken?: string;
  /** The contents of AZURE_FEDERATED_TOKEN_FILE, for `workload-identity`. */
  federatedToken?: string;
  imdsEndpoint?: string;
  scope?: string;
  timeoutMs?: number;
  budgetMs?: number;
  verifyBasic?: boolean;
  jitterSeed?: number;
}

export interface HostRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface Host {
  /** Milliseconds since the epoch (default `Date.now()`). */
  now?: () => number;
  /** Called with every secret obtained, before anything could log it: mask it. */
  onSecret?: (value: string) => void;
  onNotice?: (text: string) => void;
  /**
   * A hint: a request to this origin (`https://host[:port]`) follows once a pending one answers,
   * so a transport with a connection pool may open the connection now. Ignoring it is correct.
   */
  preconnect?: (origin: string) => void;
  /** DNS / TLS checks; without it they are skipped. */
  probe?: (p: { kind: 'dns' | 'tls'; host: string; port: number; timeoutMs: number }) => Promise<{ ok: boolean; unsupported?: boolean; detail?: string; error?: string }>;
  /** A transport to use instead of the global fetch. */
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
