// One-line meaning of every claim the tokens of this chain carry, for the claims table (the way
// jwt.io annotates registered claims and jwt.ms explains Entra's). A claim can have a meaning per
// token kind (`sub` in a GitHub token is what the federated credential must match; in an Entra token
// it is a pairwise id); the kind-specific line wins over the generic one.
// Sources: RFC 7519 §4.1 / RFC 7515 §4.1; GitHub "OpenID Connect reference"; Microsoft Entra
// "Access token claims reference" and "ID token claims reference"; Azure/acr docs/AAD-OAuth.md; Azure
// DevOps workload identity docs; GitLab "OpenID Connect (OIDC) Authentication Using ID Tokens";
// Kubernetes service-account and Azure Workload Identity docs; HashiCorp "Workload identity" tokens.

const RFC7519 = 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.';
const RFC7515 = 'https://www.rfc-editor.org/rfc/rfc7515#section-4.1.';
const GITHUB = 'https://docs.github.com/en/actions/reference/security/oidc';
const ENTRA = 'https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference';
const ACR = 'https://github.com/Azure/acr/blob/main/docs/AAD-OAuth.md';
const ADO = 'https://learn.microsoft.com/azure/devops/pipelines/release/configure-workload-identity';
const ENTRA_ID = 'https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference';
const GITLAB = 'https://docs.gitlab.com/ci/secrets/id_token_authentication/';
const K8S = 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/';
const AKS_WI = 'https://learn.microsoft.com/azure/aks/workload-identity-overview';
const TFC = 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens';

/** Header parameters. */
export const HEADER = {
  alg: ['Signing algorithm. This chain uses RS256; "none" means unsigned.', `${RFC7515}1`],
  typ: ['Media type of the token, normally "JWT".', `${RFC7515}9`],
  kid: ['Key ID: which of the issuer\'s published keys signed this token.', `${RFC7515}4`],
  x5t: ['Thumbprint (SHA-1) of the signing certificate; Entra and GitHub send it alongside kid.', `${RFC7515}7`],
  'x5t#S256': ['SHA-256 thumbprint of the signing certificate.', `${RFC7515}8`],
  nonce: ['Entra adds it to Graph tokens; such tokens cannot be validated by anyone but Graph.', ENTRA],
  cty: ['Content type of the payload, set for nested JWTs.', `${RFC7515}10`],
  jku: ['URL of the key set that signed the token (not fetched here).', `${RFC7515}2`],
};

const REGISTERED = {
  iss: ['Issuer: who minted the token. A federated credential\'s issuer must equal it byte for byte.', `${RFC7519}1`],
  sub: ['Subject: the principal the token is about.', `${RFC7519}2`],
  aud: ['Audience: who the token is for. The receiver refuses a token meant for someone else.', `${RFC7519}3`],
  exp: ['Expiry: refused on or after this instant.', `${RFC7519}4`],
  nbf: ['Not before: refused before this instant.', `${RFC7519}5`],
  iat: ['Issued at: when the token was minted.', `${RFC7519}6`],
  jti: ['Token ID: unique per token, for replay detection and support cases.', `${RFC7519}7`],
};

const GITHUB_CLAIMS = {
  sub: ['Subject, e.g. repo:ORG/REPO:ref:refs/heads/main. The federated credential\'s subject must equal it exactly (case, no wildcards).', GITHUB],
  aud: ['Audience, set by the requester: api://AzureADTokenExchange for Entra; the default https://github.com/OWNER fails with AADSTS700212.', GITHUB],
  iss: ['Issuer: https://token.actions.githubusercontent.com on github.com; GHES, ghe.com and enterprise-slug issuers differ.', GITHUB],
  exp: ['Expiry: GitHub OIDC tokens live about 5 minutes; request one right before the exchange.', GITHUB],
  nbf: ['Not before: GitHub back-dates it 10 minutes before iat to absorb clock skew.', GITHUB],
  actor: ['The account that triggered the workflow run.', GITHUB],
  actor_id: ['Numeric ID of the triggering account.', GITHUB],
  base_ref: ['Target branch of a pull request; empty otherwise.', GITHUB],
  enterprise: ['The enterprise that owns the repository (GitHub Enterprise Cloud).', GITHUB],
  enterprise_id: ['Numeric ID of the enterprise.', GITHUB],
  environment: ['Deployment environment of the job; when set, the default subject is repo:…:environment:NAME.', GITHUB],
  event_name: ['Event that triggered the run (push, pull_request, workflow_dispatch…).', GITHUB],
  head_ref: ['Source branch of a pull request; empty otherwise.', GITHUB],
  job_workflow_ref: ['Workflow file (and ref) of the job; differs from workflow_ref when a reusable workflow runs.', GITHUB],
  job_workflow_sha: ['Commit SHA of the job\'s workflow file.', GITHUB],
  ref: ['Git ref that triggered the run (refs/heads/…, refs/tags/…, refs/pull/N/merge).', GITHUB],
  ref_protected: ['Whether branch protection applies to the ref.', GITHUB],
  ref_type: ['branch or tag.', GITHUB],
  repository: ['OWNER/REPO the workflow runs in.', GITHUB],
  repository_id: ['Numeric repository ID; immutable subjects append it as REPO@ID.', GITHUB],
  repository_owner: ['Owner (user or organisation) of the repository.', GITHUB],
  repository_owner_id: ['Numeric owner ID; immutable subjects append it as OWNER@ID.', GITHUB],
  repository_visibility: ['public, private or internal.', GITHUB],
  run_attempt: ['How many times this run has been retried (1 = first attempt).', GITHUB],
  run_id: ['ID of the workflow run.', GITHUB],
  run_number: ['Sequential run number of the workflow.', GITHUB],
  runner_environment: ['github-hosted or self-hosted runner.', GITHUB],
  sha: ['Commit SHA the run is for.', GITHUB],
  workflow: ['Name of the workflow.', GITHUB],
  workflow_ref: ['Path and ref of the calling workflow file.', GITHUB],
  workflow_sha: ['Commit SHA of the calling workflow file.', GITHUB],
  check_run_id: ['ID of the check run of this job.', GITHUB],
};

const ENTRA_CLAIMS = {
  aud: ['Audience: the resource the token is for. ACR\'s /oauth2/exchange wants https://containerregistry.azure.net (or an ARM audience while authentication-as-arm is enabled).', ENTRA],
  iss: ['Issuer: the Entra tenant that minted it (sts.windows.net/TENANT/ for v1.0, login.microsoftonline.com/TENANT/v2.0 for v2.0).', ENTRA],
  sub: ['Pairwise subject: unique per principal and application; use oid to identify the principal.', ENTRA],
  exp: ['Expiry: Entra access tokens last 60-90 minutes (random); never assume 3600 s.', ENTRA],
  aio: ['Opaque Entra-internal data used for token reuse; ignore.', ENTRA],
  acr: ['Authentication context class of a user sign-in: "0" means the user did not meet MFA-like requirements.', ENTRA],
  acrs: ['Authentication context IDs the sign-in satisfied (Conditional Access).', ENTRA],
  amr: ['How the user authenticated (pwd, mfa, rsa…).', ENTRA],
  appid: ['Client (application) ID that requested the token (v1.0). With OIDC federation: the app or identity the federated credential is on.', ENTRA],
  appidacr: ['How the client authenticated (v1.0): 0 public client, 1 secret, 2 certificate or federated assertion.', ENTRA],
  azp: ['Client (application) ID that requested the token (v2.0).', ENTRA],
  azpacr: ['How the client authenticated (v2.0): 0 public client, 1 secret, 2 certificate or federated assertion.', ENTRA],
  family_name: ['User\'s last name.', ENTRA],
  given_name: ['User\'s first name.', ENTRA],
  groups: ['Object IDs of the groups the principal belongs to (when configured).', ENTRA],
  hasgroups: ['Too many groups to list: the app must query Microsoft Graph.', ENTRA],
  idp: ['Identity provider that authenticated the principal; the tenant itself for its own members.', ENTRA],
  idtyp: ['"app" for an application (service principal, managed identity), "user" for a person.', ENTRA],
  ipaddr: ['IP address the user authenticated from.', ENTRA],
  name: ['Display name of the user.', ENTRA],
  oid: ['Object ID of the principal (service principal, managed identity or user): the ID role assignments use.', ENTRA],
  onprem_sid: ['On-premises security identifier of a synchronised user.', ENTRA],
  preferred_username: ['Sign-in name of the user (v2.0); display only, never an identifier.', ENTRA],
  puid: ['Entra-internal user ID; ignore.', ENTRA],
  rh: ['Opaque Entra-internal data used to revalidate tokens; ignore.', ENTRA],
  roles: ['App roles granted to the principal on the audience application.', ENTRA],
  scp: ['Delegated scopes the user consented to: present only in delegated (user) tokens.', ENTRA],
  tid: ['Tenant ID the principal signed in to; ACR\'s /oauth2/exchange is sent this tenant.', ENTRA],
  unique_name: ['Human-readable user name (v1.0); display only.', ENTRA],
  upn: ['User principal name of the user.', ENTRA],
  uti: ['Token identifier Entra uses for revocation; ignore.', ENTRA],
  ver: ['Token format version: 1.0 or 2.0, decided by the resource, not by the endpoint used.', ENTRA],
  wids: ['Tenant-wide directory roles of the user (role template IDs).', ENTRA],
  xms_cc: ['Client capabilities the app declared (e.g. CP1 for continuous access evaluation).', ENTRA],
  xms_ftd: ['Opaque Entra-internal data (front door routing); ignore.', ENTRA],
  xms_idrel: ['Opaque Entra-internal data about the identity\'s relation to the tenant; ignore.', ENTRA],
  xms_mirid: ['Resource ID of the managed identity that requested the token.', ENTRA],
  xms_tcdt: ['When the tenant was created (Unix seconds).', ENTRA],
  xms_tdbr: ['Data boundary of the tenant (e.g. EU).', ENTRA],
  xms_rd: ['Opaque Entra-internal data; ignore.', ENTRA],
};

const ACR_CLAIMS = {
  iss: ['Literally "Azure Container Registry": ACR tokens have no discovery document, so their signature cannot be checked offline.', ACR],
  aud: ['The registry login server this token works for.', ACR],
  sub: ['The identity the registry issued the token to (user name, app ID or object ID).', ACR],
  exp: ['Expiry: refresh tokens (and az acr login credentials) last about 3 hours, access tokens about 75 minutes.', ACR],
  version: ['Version of ACR\'s token format.', ACR],
  grant_type: ['refresh_token (from /oauth2/exchange, the docker password) or access_token (from /oauth2/token, a Bearer for /v2/).', ACR],
  tenant: ['Entra tenant of the identity the token was exchanged for.', ACR],
  permissions: ['Refresh token: the data actions the identity holds on the registry (actions / notActions).', ACR],
  access: ['Access token: what each repository or registry resource may do (type, name, actions), possibly less than requested.', ACR],
  roles: ['Registry roles granted (often empty; RBAC decides).', ACR],
  rid: ['Internal ID of the registry.', ACR],
  appid: ['Client (application) ID of the identity behind the exchange.', ACR],
};

const ADO_CLAIMS = {
  sub: ['Subject: sc://ORG/PROJECT/SERVICE-CONNECTION (or the /eid1/… form); the federated credential\'s subject must equal it.', ADO],
  aud: ['Audience: api://AzureADTokenExchange for an Entra federated credential.', ADO],
  iss: ['Issuer: https://vstoken.dev.azure.com/ORGANISATION-ID (or Entra for newer service connections).', ADO],
  exp: ['Expiry: request a new token for each exchange.', ADO],
};

// Entra ID *ID tokens*: only what differs from access tokens; the rest comes from ENTRA_CLAIMS.
const ENTRA_ID_TOKEN_CLAIMS = {
  aud: ['Audience: the client ID of the app the user signed in to. An ID token is for that app to read, never for an API: ACR\'s /oauth2/exchange refuses it.', ENTRA_ID],
  exp: ['Expiry: Entra ID tokens last about an hour.', ENTRA_ID],
  nonce: ['Value the app sent in the sign-in request, echoed back to stop replays: the mark of an OpenID Connect ID token.', ENTRA_ID],
  at_hash: ['Hash of the access token issued alongside this ID token: use that access token (if its audience fits) rather than this one.', ENTRA_ID],
  c_hash: ['Hash of the authorization code issued alongside this ID token (hybrid flow).', ENTRA_ID],
  sid: ['Session ID of the user\'s sign-in, used for sign-out.', ENTRA_ID],
  email: ['Email address of the user, when it has one; display only.', ENTRA_ID],
  login_hint: ['Opaque hint for signing the same user in again; not an identifier.', ENTRA_ID],
};

const GITLAB_CLAIMS = {
  sub: ['Subject, by default project_path:GROUP/PROJECT:ref_type:TYPE:ref:REF. The federated credential\'s subject must equal it exactly.', GITLAB],
  aud: ['Audience, set per token in the job\'s id_tokens (aud:): api://AzureADTokenExchange for Entra; without one it is the GitLab URL.', GITLAB],
  iss: ['Issuer: https://gitlab.com, or the URL of a self-managed instance (which Entra must be able to reach).', GITLAB],
  exp: ['Expiry: the job\'s timeout, or 5 minutes when the job has none.', GITLAB],
  namespace_id: ['Numeric ID of the group or user namespace of the project.', GITLAB],
  namespace_path: ['Path of the group or user namespace of the project.', GITLAB],
  project_id: ['Numeric ID of the project.', GITLAB],
  project_path: ['GROUP/PROJECT (subgroups included) the job runs for.', GITLAB],
  project_visibility: ['public, internal or private.', GITLAB],
  user_id: ['Numeric ID of the user running the job.', GITLAB],
  user_login: ['User name of the user running the job.', GITLAB],
  user_email: ['Email of the user running the job.', GITLAB],
  user_identities: ['External identities of the user (when the user enabled it).', GITLAB],
  user_access_level: ['The user\'s role in the project (developer, maintainer, owner…).', GITLAB],
  groups_direct: ['Groups the user is a direct member of (up to 200).', GITLAB],
  pipeline_id: ['ID of the pipeline.', GITLAB],
  pipeline_source: ['What started the pipeline (push, merge_request_event, schedule, web…).', GITLAB],
  job_id: ['ID of the job.', GITLAB],
  ref: ['Branch or tag name (no refs/heads/ prefix); part of the default subject.', GITLAB],
  ref_type: ['branch or tag; part of the default subject.', GITLAB],
  ref_path: ['Fully qualified ref, e.g. refs/heads/main.', GITLAB],
  ref_protected: ['Whether the ref is protected.', GITLAB],
  environment: ['Environment the job deploys to; not part of the default subject.', GITLAB],
  environment_protected: ['Whether that environment is protected.', GITLAB],
  environment_action: ['What the job does to the environment (start, stop, prepare…).', GITLAB],
  deployment_tier: ['Deployment tier of the environment (production, staging…).', GITLAB],
  runner_id: ['ID of the runner that runs the job.', GITLAB],
  runner_environment: ['gitlab-hosted or self-hosted runner.', GITLAB],
  sha: ['Commit SHA the job runs for.', GITLAB],
  ci_config_ref_uri: ['Pipeline definition (file and ref) that defined the job.', GITLAB],
  ci_config_sha: ['Commit SHA of the pipeline definition.', GITLAB],
};

const K8S_CLAIMS = {
  sub: ['Subject: system:serviceaccount:NAMESPACE:NAME. One federated credential per service account.', AKS_WI],
  aud: ['Audience: api://AzureADTokenExchange on the token Azure Workload Identity projects; the pod\'s default token is for the API server.', AKS_WI],
  iss: ['Issuer: the cluster\'s OIDC issuer URL (AKS: oidcIssuerProfile.issuerUrl, trailing slash included).', AKS_WI],
  exp: ['Expiry: projected tokens are renewed by the kubelet (Azure Workload Identity asks for 1 hour).', K8S],
  'kubernetes.io': ['Namespace, service account, pod and node the token is bound to: it dies with the pod.', K8S],
  'kubernetes.io/serviceaccount/namespace': ['Namespace of the service account (legacy secret token).', K8S],
  'kubernetes.io/serviceaccount/secret.name': ['Secret holding this legacy token: it never expires until the Secret is deleted.', K8S],
  'kubernetes.io/serviceaccount/service-account.name': ['Name of the service account (legacy secret token).', K8S],
  'kubernetes.io/serviceaccount/service-account.uid': ['UID of the service account (legacy secret token).', K8S],
};

const TERRAFORM_CLAIMS = {
  sub: ['Subject: organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:PHASE. Plan and apply need a credential each.', TFC],
  aud: ['Audience: api://AzureADTokenExchange for Azure unless TFC_AZURE_WORKLOAD_IDENTITY_AUDIENCE changes it.', TFC],
  iss: ['Issuer: https://app.terraform.io, or the URL of a Terraform Enterprise instance.', TFC],
  exp: ['Expiry: the end of the plan or apply timeout.', TFC],
  terraform_organization_id: ['ID of the organization (org-…).', TFC],
  terraform_organization_name: ['Name of the organization.', TFC],
  terraform_project_id: ['ID of the project (prj-…).', TFC],
  terraform_project_name: ['Name of the project; "Default Project" unless the workspace was moved.', TFC],
  terraform_workspace_id: ['ID of the workspace (ws-…).', TFC],
  terraform_workspace_name: ['Name of the workspace.', TFC],
  terraform_full_workspace: ['organization:ORG:project:PROJECT:workspace:WORKSPACE in one value.', TFC],
  terraform_run_id: ['ID of the run (run-…).', TFC],
  terraform_run_phase: ['plan or apply: part of the subject.', TFC],
};

/** Every table, for the tests that assert each annotation renders. */
export const TABLES = {
  registered: REGISTERED, github: GITHUB_CLAIMS, entra: ENTRA_CLAIMS, acr: ACR_CLAIMS, azureDevops: ADO_CLAIMS,
  entraIdToken: ENTRA_ID_TOKEN_CLAIMS, gitlab: GITLAB_CLAIMS, kubernetes: K8S_CLAIMS, terraform: TERRAFORM_CLAIMS,
};

const BY_KIND = {
  'github-oidc': GITHUB_CLAIMS,
  'azure-devops-oidc': ADO_CLAIMS,
  'entra-access-v1': ENTRA_CLAIMS,
  'entra-access-v2': ENTRA_CLAIMS,
  'entra-id-token': { ...ENTRA_CLAIMS, ...ENTRA_ID_TOKEN_CLAIMS },
  'gitlab-oidc': GITLAB_CLAIMS,
  'kubernetes-sa': K8S_CLAIMS,
  'kubernetes-sa-legacy': K8S_CLAIMS,
  'terraform-oidc': TERRAFORM_CLAIMS,
  'acr-refresh': ACR_CLAIMS,
  'acr-access': ACR_CLAIMS,
};

/** `[meaning, link]` for a payload claim of a token of `kind`, or null for an unknown claim. */
export function claimMeaning(kind, name) {
  const own = BY_KIND[kind];
  if (own && Object.hasOwn(own, name)) return own[name];
  if (Object.hasOwn(REGISTERED, name)) return REGISTERED[name];
  // Tokens of one kind often carry claims typical of another (ACR tokens carry Entra's appid).
  for (const table of [GITHUB_CLAIMS, ENTRA_CLAIMS, ACR_CLAIMS]) if (Object.hasOwn(table, name)) return table[name];
  return null;
}

/** `[meaning, link]` for a header parameter, or null. */
export function headerMeaning(name) {
  return Object.hasOwn(HEADER, name) ? HEADER[name] : null;
}
