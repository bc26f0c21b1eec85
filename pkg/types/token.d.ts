// decodeToken(text, now): the serde output of acr_login_core::token::DecodeReport. Every field is
// always present (null when absent). Kept in sync by two tests: the Rust unit test
// `typescript_declarations_match_the_serde_output` (every emitted key and enum value is declared
// here) and tests/types.test.mjs (real results type-check against these declarations).
import type { Span } from '../index.js';

/**
 * Finds, decodes and explains every token in a paste: a bare JWT, `Bearer <jwt>`, a JSON token
 * response, a docker config.json or one `auths` entry, or free text such as a log.
 * `now` is Unix seconds (defaults to the current time). Never throws for any text (a string, or
 * UTF-8 bytes); throws `code: "INVALID_NOW"` for a `now` in milliseconds or not a number,
 * `"INVALID_TEXT"` for no text.
 */
export function decodeToken(text: string | Uint8Array, now?: number): DecodeReport;

export interface DecodeReport {
  /** "Decoded locally: signatures are not verified, and nothing is sent anywhere." */
  notice: string;
  /** Distinct tokens, in order of first appearance. */
  tokens: FoundToken[];
  /** Distinct tokens beyond the first 100, not analysed. */
  omitted: number;
  /** When no token was found: what was pasted instead and what would work. */
  hint: string | null;
}

export type TokenKind =
  | "github-oidc"
  | "azure-devops-oidc"
  | "entra-access-v1"
  | "entra-access-v2"
  /** An Entra ID *ID token* (sign-in): never accepted by ACR's /oauth2/exchange. */
  | "entra-id-token"
  /** GitLab CI `id_tokens` token. */
  | "gitlab-oidc"
  /** Projected Kubernetes service-account token (AKS workload identity, EKS, GKE, any cluster). */
  | "kubernetes-sa"
  /** Legacy, non-expiring Kubernetes service-account secret token: cannot be federated. */
  | "kubernetes-sa-legacy"
  /** HCP Terraform / Terraform Enterprise workload identity token. */
  | "terraform-oidc"
  | "acr-refresh"
  | "acr-access"
  | "jwt";

export type TokenStatus = "valid" | "expired" | "not-yet-valid" | "unknown";

export interface FoundToken {
  /**
   * Where the token was: `bare`, `bearer`, `json:<path>` (e.g. `json:accessToken`),
   * `docker-config:auths.<host>.auth` (also inside a base64 `.dockerconfigjson`),
   * `docker-config:<path>` (identitytoken, password), `param:<name>` (`name=<jwt>`), `text`.
   */
  source: string;
  /** UTF-16 range of the token in the input, or of the value that encodes it (docker `auth`). */
  span: Span;
  /** Header / payload / signature ranges, when the token appears literally and decodes. */
  segmentSpans: TokenSegmentSpans | null;
  /** How many times this exact token appears in the paste. */
  occurrences: number;
  kind: TokenKind;
  /** Human name of the kind, e.g. "GitHub Actions OIDC token". */
  label: string;
  /** One sentence: what it is, for what, when it expires. */
  summary: string;
  /** False when the string looks like a JWT but does not decode (see `error`). */
  decoded: boolean;
  error: TokenDecodeError | null;
  /** Header `alg`. */
  algorithm: string | null;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  issuer: string | null;
  /** `aud`, always a list. */
  audience: string[];
  subject: string | null;
  tenant: string | null;
  identity: TokenIdentity;
  times: TokenTimes;
  /** `exp - iat` (or `exp - nbf`) in seconds. */
  lifetimeSeconds: number | null;
  /** The lifetime for humans, e.g. "5 min", "1 h 15 min". */
  lifetime: string | null;
  status: TokenStatus;
  github: GithubInfo | null;
  azureDevops: AzureDevopsInfo | null;
  entra: EntraInfo | null;
  acr: AcrInfo | null;
  /** GitLab, Kubernetes and Terraform workload-identity tokens (one section; `platform` says which). */
  federation: FederationInfo | null;
  warnings: TokenWarning[];
}

export interface TokenSegmentSpans {
  header: Span;
  payload: Span;
  signature: Span;
}

export interface TokenDecodeError {
  code: "JWT_EMPTY" | "JWT_SEGMENT_COUNT" | "JWT_BASE64" | "JWT_JSON" | "JWT_NOT_OBJECT";
  segment: "header" | "payload" | "signature" | null;
  message: string;
}

export interface TokenIdentity {
  /** `appid` (v1) or `azp` (v2). */
  appId: string | null;
  /** `oid`. */
  objectId: string | null;
  /** `upn`, `preferred_username` or `unique_name`. */
  upn: string | null;
  name: string | null;
}

export interface TokenTimes {
  iat: Timestamp | null;
  nbf: Timestamp | null;
  exp: Timestamp | null;
}

export interface Timestamp {
  /** The number exactly as in the token. */
  raw: number;
  /** Unix seconds it is taken to mean (raw / 1000 when `milliseconds`). */
  seconds: number;
  /** `2024-01-02T03:04:05Z`; null outside the years 0000-9999. */
  iso: string | null;
  /** "expires in 14 min", "expired 3 h ago", "issued 5 min ago", "becomes valid in 2 min", ... */
  relative: string;
  /** The producer wrote milliseconds where JWT requires seconds. */
  milliseconds: boolean;
}

export type WarningSeverity = "error" | "warning" | "info";

export type TokenWarningCode =
  | "TOKEN_EXPIRED"
  | "TOKEN_NOT_YET_VALID"
  | "TOKEN_NO_EXPIRY"
  | "TOKEN_ISSUED_IN_FUTURE"
  | "MILLISECOND_TIMESTAMP"
  | "INVALID_TIME_CLAIM"
  | "ALG_NONE"
  | "MALFORMED_JWT"
  | "AUDIENCE_NOT_TOKEN_EXCHANGE"
  | "AUDIENCE_NOT_ACR"
  | "AUDIENCE_ARM"
  | "SUBJECT_IMMUTABLE"
  | "SUBJECT_CUSTOM"
  | "ACR_NO_ACTIONS";

export interface TokenWarning {
  code: TokenWarningCode;
  severity: WarningSeverity;
  message: string;
  /** Error catalog entry of the failure this predicts (`explain(catalogId)`). */
  catalogId: string | null;
}

export interface FederatedCredential {
  /** 3-120 URL-friendly characters derived from the subject. */
  name: string;
  /** Equal to the token's `iss`, byte for byte. */
  issuer: string;
  /** Equal to the token's `sub`, byte for byte. */
  subject: string;
  /** Exactly one value: an `api://AzureADTokenExchange*` audience. */
  audiences: string[];
  /** `az ad app federated-credential create --id <APP_CLIENT_ID> --parameters '{...}'` */
  command: string;
  /** `az identity federated-credential create ...` for a user-assigned managed identity. */
  managedIdentityCommand: string;
}

export type GithubIssuerKind = "github.com" | "enterprise-slug" | "ghe.com" | "ghes";

export type SubjectForm = "environment" | "pull_request" | "branch" | "tag" | "ref" | "custom";

export interface GithubInfo {
  issuerKind: GithubIssuerKind;
  /** GHES or GHE.com host that issued the token. */
  host: string | null;
  /** Enterprise slug from a customised issuer, else the `enterprise` claim. */
  enterprise: string | null;
  repository: string | null;
  repositoryId: string | null;
  repositoryOwner: string | null;
  repositoryOwnerId: string | null;
  repositoryVisibility: string | null;
  ref: string | null;
  refType: string | null;
  sha: string | null;
  environment: string | null;
  eventName: string | null;
  actor: string | null;
  workflowRef: string | null;
  jobWorkflowRef: string | null;
  runnerEnvironment: string | null;
  runId: string | null;
  runAttempt: string | null;
  headRef: string | null;
  baseRef: string | null;
  subjectForm: SubjectForm;
  /** `repo:owner@id/repo@id:...` */
  immutableSubject: boolean;
  /** The branch, tag, environment or ref named by the subject. */
  subjectValue: string | null;
  subjectExplanation: string;
  /** The audience is one of the `api://AzureADTokenExchange*` values. */
  audienceOk: boolean;
  federatedCredential: FederatedCredential;
}

export interface AzureDevopsInfo {
  issuerFormat: "vstoken" | "entra";
  organizationId: string | null;
  organization: string | null;
  project: string | null;
  /** Name, from `sc://org/project/name` subjects. */
  serviceConnection: string | null;
  /** Id, from Entra-issued `/eid1/.../sc/<org>/<id>` subjects. */
  serviceConnectionId: string | null;
  audienceOk: boolean;
  federatedCredential: FederatedCredential;
}

export type AzureCloudName = "AzureCloud" | "AzureUSGovernment" | "AzureChinaCloud";

export interface EntraInfo {
  /** "1.0" or "2.0". */
  version: string;
  cloud: AzureCloudName;
  principalType: "app-only" | "delegated";
  principalTypeReason: string;
  /** `scp`, split. */
  scopes: string[];
  roles: string[];
  /** `xms_mirid`: ARM id of the managed identity. */
  managedIdentityResourceId: string | null;
  resource: "acr" | "arm" | "other";
  resourceName: string;
  /** Whether ACR's /oauth2/exchange takes this token. */
  acrExchange: "accepted" | "accepted-unless-arm-disabled" | "refused";
  acrExchangeReason: string;
  /** The scope to request for ACR in this cloud, e.g. `https://containerregistry.azure.net/.default`. */
  acrScope: string;
}

export interface AcrAccessEntry {
  /** `repository`, `registry`, ... */
  type: string;
  name: string;
  actions: string[];
}

export interface AcrPermissions {
  actions: string[];
  notActions: string[];
}

export interface AcrInfo {
  /** Login server (`aud`). */
  registry: string | null;
  grantType: string | null;
  tenant: string | null;
  version: string | null;
  access: AcrAccessEntry[];
  permissions: AcrPermissions | null;
  roles: string[];
  usage: string;
}

export type FederationPlatform = "gitlab" | "kubernetes" | "terraform";

export type FederationIssuerKind =
  | "gitlab.com"
  | "gitlab-self-managed"
  | "aks"
  | "eks"
  | "gke"
  /** Any other cluster's service-account issuer. */
  | "kubernetes"
  /** `kubernetes/serviceaccount`: a legacy secret token. */
  | "kubernetes-legacy"
  | "hcp-terraform"
  | "terraform-enterprise";

export interface FederationDetail {
  /** e.g. "Project", "Ref", "Pod", "Run phase". */
  label: string;
  value: string;
}

export interface FederationInfo {
  platform: FederationPlatform;
  issuerKind: FederationIssuerKind;
  /** GitLab project path, Kubernetes `namespace/serviceaccount`, Terraform `organization/project/workspace`. */
  workload: string | null;
  /** The platform's claims worth reading, in display order. */
  details: FederationDetail[];
  /** The subject has the platform's default shape (false: customised, or not understood). */
  defaultSubject: boolean;
  subjectExplanation: string;
  /** The audience is one of the `api://AzureADTokenExchange*` values. */
  audienceOk: boolean;
  /** Null when Entra cannot federate the token at all (legacy Kubernetes secret tokens). */
  federatedCredential: FederatedCredential | null;
}
