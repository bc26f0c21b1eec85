// Examples for the menu: every token kind of the login chain and the common failures, as people
// paste them. Tokens are UNSIGNED fakes (a made-up signature) with the claim sets the real issuers
// use (shared/reference/acr-auth-protocol.md §1.3, §1.7; GitLab's id_tokens, Entra's ID token and
// Kubernetes' projected service-account token references); their times are set relative to the
// moment the example is picked, so "expires in" reads as it would for a fresh token. Logs are real-shaped:
// the error texts are the services' own (reference §2-§5), with the noise of a real CI log around them.

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP_ID = '3f8a7c2e-1b4d-4e6f-9a0b-5c7d8e9f0a1b';
const OBJECT_ID = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';
/** The web app a user signs in to (an ID token's audience). */
const WEB_APP_ID = 'c4a8b2e1-7d3f-4b6a-9e5c-2f1d0a9b8c7e';
const REGISTRY = 'contosoregistry.azurecr.io';
const GH_ISS = 'https://token.actions.githubusercontent.com';
const EXCHANGE_AUD = 'api://AzureADTokenExchange';

const utf8 = new TextEncoder();
function b64url(bytes) {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
const part = (obj) => b64url(utf8.encode(JSON.stringify(obj)));

/** 256 made-up "signature" bytes (RS256 size): deterministic, obviously not a real signature. */
const FAKE_SIGNATURE = b64url(Uint8Array.from({ length: 256 }, (_, i) => (i * 73 + 41) & 0xff));

/** An unsigned fake JWT with this header and these claims. */
export function jwt(header, claims, signature = FAKE_SIGNATURE) {
  return `${part(header)}.${part(claims)}.${signature}`;
}

const RS256 = (kid) => ({ typ: 'JWT', alg: 'RS256', x5t: kid, kid });
const GH_KID = '1F2AB83404C08EC9EA0BB99DAED02186B091DBF4';
const ENTRA_KID = 'KQ2tAcrE7lBaVVGBmc5FobgdJo4';

function github(now, over = {}) {
  const iat = now - 20;
  return {
    jti: '6f9c1a2b-3d4e-4f50-8a1b-2c3d4e5f6a7b',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    aud: EXCHANGE_AUD,
    ref: 'refs/heads/main',
    sha: 'd6e1a7cbd9f4b1c0e2a3f4b5c6d7e8f9a0b1c2d3',
    repository: 'octo-org/octo-repo',
    repository_owner: 'octo-org',
    repository_owner_id: '1234567',
    run_id: '10473839247',
    run_number: '412',
    run_attempt: '1',
    repository_visibility: 'private',
    repository_id: '89012345',
    actor_id: '7654321',
    actor: 'monalisa',
    workflow: 'deploy',
    head_ref: '',
    base_ref: '',
    event_name: 'push',
    ref_protected: 'true',
    ref_type: 'branch',
    workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    workflow_sha: 'd6e1a7cbd9f4b1c0e2a3f4b5c6d7e8f9a0b1c2d3',
    job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    job_workflow_sha: 'd6e1a7cbd9f4b1c0e2a3f4b5c6d7e8f9a0b1c2d3',
    runner_environment: 'github-hosted',
    iss: GH_ISS,
    nbf: iat - 600,
    exp: iat + 300,
    iat,
    ...over,
  };
}

function entraV1(now, over = {}) {
  const iat = now - 300;
  return {
    aud: 'https://containerregistry.azure.net',
    iss: `https://sts.windows.net/${TENANT}/`,
    iat,
    nbf: iat,
    exp: iat + 4799,
    aio: 'k2BgYJjZq5h3ZfPz9u3Y8pn0s1MzAwA=',
    appid: APP_ID,
    appidacr: '2',
    idp: `https://sts.windows.net/${TENANT}/`,
    idtyp: 'app',
    oid: OBJECT_ID,
    rh: '1.AXkAv4j5cvGGr0GRqy180BHbR0ZIf3kAutdPukPawfj2MBN5AAB5AA.',
    sub: OBJECT_ID,
    tid: TENANT,
    uti: 'xG6mU0t5r0W6n7gYx7kLAA',
    ver: '1.0',
    xms_ftd: 'j4cEyFEHeR1yTt7nRfwB8sOtvdL8gPOOLo0YH2dh1vsBdXNlYXN0LWRzbXM',
    xms_idrel: '7 14',
    ...over,
  };
}

function acr(now, over = {}) {
  const iat = now - 60;
  return {
    jti: '5c3f0a91-7b2e-4d8a-9f61-2e4b7c0d3a58',
    sub: APP_ID,
    nbf: iat,
    exp: iat + 10800,
    iat,
    iss: 'Azure Container Registry',
    aud: REGISTRY,
    version: '1.0',
    rid: '6f2b0f3c1e4a4d5b8c9d0e1f2a3b4c5d',
    grant_type: 'refresh_token',
    appid: APP_ID,
    tenant: TENANT,
    permissions: { actions: ['read', 'write'], notActions: [] },
    roles: [],
    ...over,
  };
}

function acrAccess(now, access, over = {}) {
  const claims = acr(now, { exp: now - 60 + 4500, grant_type: 'access_token', access, ...over });
  delete claims.permissions;
  return claims;
}

const ghBranch = (now) => jwt(RS256(GH_KID), github(now));
const entraAcr = (now) => jwt(RS256(ENTRA_KID), entraV1(now));
const acrRefresh = (now) => jwt(RS256('CJ5Z:4ZQH:2SFI:ZD7S:TXYD:YL4P:AJQ6:MRQK:7ZJH:HKSL:ZSMF:7XLT'), acr(now));
const acrAccessToken = (now) => jwt(RS256('CJ5Z:4ZQH:2SFI:ZD7S:TXYD:YL4P:AJQ6:MRQK:7ZJH:HKSL:ZSMF:7XLT'),
  acrAccess(now, [{ type: 'repository', name: 'web/frontend', actions: ['pull', 'push'] }, { type: 'registry', name: 'catalog', actions: ['*'] }]));

/** A GitLab CI `id_tokens` token on gitlab.com for a push to main, with the Entra exchange audience. */
function gitlab(now, over = {}) {
  const iat = now - 15;
  return {
    namespace_id: '64123587',
    namespace_path: 'contoso-group',
    project_id: '51822719',
    project_path: 'contoso-group/web-frontend',
    user_id: '9174032',
    user_login: 'monalisa',
    user_email: 'monalisa@example.com',
    user_access_level: 'maintainer',
    pipeline_id: '1533974102',
    pipeline_source: 'push',
    job_id: '8390217745',
    ref: 'main',
    ref_type: 'branch',
    ref_path: 'refs/heads/main',
    ref_protected: 'true',
    runner_id: 12270807,
    runner_environment: 'gitlab-hosted',
    sha: 'd6e1a7cbd9f4b1c0e2a3f4b5c6d7e8f9a0b1c2d3',
    project_visibility: 'private',
    ci_config_ref_uri: 'gitlab.com/contoso-group/web-frontend//.gitlab-ci.yml@refs/heads/main',
    ci_config_sha: 'd6e1a7cbd9f4b1c0e2a3f4b5c6d7e8f9a0b1c2d3',
    jti: '2c9f4e1a-6b3d-4a8e-9f70-1d2c3b4a5e6f',
    iss: 'https://gitlab.com',
    iat,
    nbf: iat - 5,
    exp: iat + 3600,
    sub: 'project_path:contoso-group/web-frontend:ref_type:branch:ref:main',
    aud: EXCHANGE_AUD,
    ...over,
  };
}

/**
 * The token Azure Workload Identity projects into an AKS pod ($AZURE_FEDERATED_TOKEN_FILE): bound
 * to the pod, audience api://AzureADTokenExchange, one hour. Kubernetes signs without `typ`.
 */
function aksWorkload(now, over = {}) {
  const iat = now - 900;
  return {
    aud: [EXCHANGE_AUD],
    exp: iat + 3600,
    iat,
    iss: `https://westeurope.oic.prod-aks.azure.com/${TENANT}/8e2f4c1a-3b5d-4e6f-9a7b-0c1d2e3f4a5b/`,
    jti: '7a1b2c3d-4e5f-4061-8a7b-9c0d1e2f3a4b',
    'kubernetes.io': {
      namespace: 'web',
      node: { name: 'aks-nodepool1-31718369-vmss000001', uid: '4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d' },
      pod: { name: 'frontend-7d9c8b6f5-x2kqp', uid: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b' },
      serviceaccount: { name: 'acr-puller', uid: '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4' },
    },
    nbf: iat,
    sub: 'system:serviceaccount:web:acr-puller',
    ...over,
  };
}

/**
 * An Entra ID *ID token* (v2.0, from an OpenID Connect sign-in to a web app): its audience is the
 * app, it names no client (no appid/azp) and has no scp; a nonce marks the sign-in.
 */
function entraIdToken(now, over = {}) {
  const iat = now - 240;
  return {
    aud: WEB_APP_ID,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    aio: 'AUQAu/8YAAAAe1k3Zq9m2Xh5bT0rS7u4w1p+Q8kq4b2Lx7yN3c5d',
    name: 'Mona Lisa',
    nonce: '638671234567890123.ZjY3YTk1ZTEtZXhhbXBsZS1ub25jZQ',
    oid: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d',
    preferred_username: 'monalisa@contoso.com',
    rh: '1.AXkAv4j5cvGGr0GRqy180BHbR0ZIf3kAutdPukPawfj2MBN5AEV5AA.',
    sid: '00a1b2c3-d4e5-4f60-8a71-b2c3d4e5f6a7',
    sub: 'Qk9QXzdvXk5v2o6w3bQH3cB9m1lV4w8PZ1s0f2h5j7Y',
    tid: TENANT,
    uti: 'r5T2b9XwQ0uN3kPz8vLmAA',
    ver: '2.0',
    ...over,
  };
}

const gitlabMain = (now) => jwt({ kid: 'Xp3r9Vd2kQ7mT5wL1sB8nY4cF6hJ0gA2eZ7uK9iO3bM', typ: 'JWT', alg: 'RS256' }, gitlab(now));
const aksToken = (now) => jwt({ alg: 'RS256', kid: 'q8Zt3Lw1Rk5Vn7Xb2Mc4Pd6Hf9Js0Ga3Ye5Ui8Oo1Tr' }, aksWorkload(now));
const entraId = (now) => jwt(RS256(ENTRA_KID), entraIdToken(now));

/** A GitHub Actions log line prefix, as the raw log download shows it. */
function gh(lines) {
  let t = Date.parse('2026-11-22T09:14:03.123Z');
  return lines.map((l) => `${new Date((t += 137)).toISOString().slice(0, -1)}4567Z ${l}`).join('\n');
}

const AZ_LOGIN_PRELUDE = [
  '##[group]Run azure/login@v2',
  'with:',
  `  client-id: ${APP_ID}`,
  `  tenant-id: ${TENANT}`,
  '  subscription-id: 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  '  enable-AzPSSession: false',
  '  environment: azurecloud',
  '  allow-no-subscriptions: false',
  '  audience: api://AzureADTokenExchange',
  '  auth-type: SERVICE_PRINCIPAL',
  '##[endgroup]',
  'Running Azure CLI Login.',
  '[command]/usr/bin/az cloud set -n azurecloud',
  'Done setting cloud: "azurecloud"',
  'Federated token details:',
  ` issuer - ${GH_ISS}`,
];

/**
 * The examples, in menu order. `build(now)` returns the text to paste (now = Unix seconds).
 * `group` is the menu's section.
 */
export const EXAMPLES = [
  // ---- Tokens, one per kind -------------------------------------------------------------------
  { id: 'github-oidc', group: 'Tokens', label: 'GitHub Actions OIDC token (push to main)', build: ghBranch },
  {
    id: 'github-environment', group: 'Tokens', label: 'GitHub OIDC token (environment "production")',
    build: (now) => jwt(RS256(GH_KID), github(now, { sub: 'repo:octo-org/octo-repo:environment:production', environment: 'production' })),
  },
  {
    id: 'github-pull-request', group: 'Tokens', label: 'GitHub OIDC token (pull request)',
    build: (now) => jwt(RS256(GH_KID), github(now, {
      sub: 'repo:octo-org/octo-repo:pull_request', ref: 'refs/pull/42/merge', event_name: 'pull_request',
      head_ref: 'feature/login', base_ref: 'main', ref_protected: 'false', ref_type: 'branch',
    })),
  },
  { id: 'entra-v1', group: 'Tokens', label: 'Entra ID access token v1.0 (for ACR, app-only)', build: entraAcr },
  {
    id: 'entra-v2', group: 'Tokens', label: 'Entra ID access token v2.0 (delegated, for an API)',
    build: (now) => {
      const iat = now - 120;
      return jwt(RS256(ENTRA_KID), {
        aud: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
        iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        iat, nbf: iat, exp: iat + 3899,
        aio: 'AWQAm/8YAAAAdP6mY1xk2t0iJQ1Xl0rS5u3w9p+Q8kq4b2Lx7y',
        azp: APP_ID, azpacr: '0', name: 'Mona Lisa', oid: OBJECT_ID,
        preferred_username: 'monalisa@contoso.com', rh: '0.AXkAv4j5cvGGr0GRqy180BHbR0ZIf3kAutdPukPawfj2MBN5AAA.',
        scp: 'access_as_user', sub: 'Qk9QXzdvXk5v2o6w3bQH3cB9m1lV4w8PZ1s0f2h5j7Y', tid: TENANT,
        uti: 'p3W9a8rTt0aM2Xh1bKxLAA', ver: '2.0',
      });
    },
  },
  { id: 'entra-id-token', group: 'Tokens', label: 'Entra ID token (id_token from a sign-in; not for ACR)', build: entraId },
  { id: 'acr-refresh', group: 'Tokens', label: 'ACR refresh token (from /oauth2/exchange)', build: acrRefresh },
  { id: 'acr-access', group: 'Tokens', label: 'ACR access token (pull and push on one repository)', build: acrAccessToken },
  {
    id: 'azure-devops', group: 'Tokens', label: 'Azure DevOps service connection OIDC token',
    build: (now) => {
      const iat = now - 30;
      return jwt(RS256('E2BD8D4A2D1C0A8C2F0E3B7C1D5A9F6E4B2C8D0A'), {
        jti: '0f3e5d7c-9b1a-4c2e-8d6f-7a9b1c3d5e7f',
        sub: 'sc://contoso/web-platform/acr-push-connection',
        aud: EXCHANGE_AUD,
        iss: 'https://vstoken.dev.azure.com/6c2a0f1e-3b4d-4e5f-a6b7-c8d9e0f1a2b3',
        nbf: iat, exp: iat + 600, iat,
      });
    },
  },

  // ---- Workload identity tokens from other platforms, federated with Entra the same way --------
  { id: 'gitlab-oidc', group: 'Other workload identity tokens', label: 'GitLab CI ID token (id_tokens, push to main)', build: gitlabMain },
  { id: 'aks-workload-identity', group: 'Other workload identity tokens', label: 'AKS workload identity service account token', build: aksToken },

  // ---- Containers a token arrives in ---------------------------------------------------------
  {
    id: 'several', group: 'Pastes holding tokens', label: 'The whole chain: GitHub → Entra → ACR (three JWTs)',
    build: (now) => `GitHub OIDC token:\n${ghBranch(now)}\n\nEntra access token:\n${entraAcr(now)}\n\nACR refresh token:\n${acrRefresh(now)}\n`,
  },
  {
    id: 'expose-token', group: 'Pastes holding tokens', label: 'az acr login --expose-token output (JSON)',
    build: (now) => JSON.stringify({ accessToken: acrRefresh(now), loginServer: REGISTRY }, null, 2),
  },
  {
    id: 'entra-response', group: 'Pastes holding tokens', label: 'Entra token endpoint response (JSON)',
    build: (now) => JSON.stringify({ token_type: 'Bearer', expires_in: 4799, ext_expires_in: 4799, access_token: entraAcr(now) }),
  },
  {
    id: 'docker-config', group: 'Pastes holding tokens', label: 'Docker config.json after docker login',
    build: (now) => JSON.stringify({
      auths: {
        [REGISTRY]: { auth: btoa(`00000000-0000-0000-0000-000000000000:${acrRefresh(now)}`) },
        'ghcr.io': { auth: btoa('monalisa:not-a-real-password') },
      },
      credsStore: '',
    }, null, '\t'),
  },
  {
    id: 'bearer', group: 'Pastes holding tokens', label: 'HTTP request with an Authorization header',
    build: (now) => `GET /v2/web/frontend/tags/list HTTP/1.1\nHost: ${REGISTRY}\nUser-Agent: docker/27.3.1 go/go1.22.7\nAuthorization: Bearer ${acrAccessToken(now)}\nAccept: application/json\n`,
  },

  // ---- Tokens with something wrong -----------------------------------------------------------
  {
    id: 'github-default-audience', group: 'Token problems', label: 'GitHub token with the default audience (AADSTS700212)',
    build: (now) => jwt(RS256(GH_KID), github(now, { aud: 'https://github.com/octo-org' })),
  },
  {
    id: 'github-immutable', group: 'Token problems', label: 'GitHub token with an immutable subject (owner@id/repo@id)',
    build: (now) => jwt(RS256(GH_KID), github(now, { sub: 'repo:octo-org@1234567/octo-repo@89012345:ref:refs/heads/main' })),
  },
  {
    id: 'github-custom-subject', group: 'Token problems', label: 'GitHub token with a customised subject template',
    build: (now) => jwt(RS256(GH_KID), github(now, {
      sub: 'repo:octo-org/octo-repo:environment:production:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
      environment: 'production', job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    })),
  },
  {
    id: 'github-expired', group: 'Token problems', label: 'Expired GitHub token (AADSTS700024)',
    build: (now) => jwt(RS256(GH_KID), github(now, { iat: now - 7200, nbf: now - 7800, exp: now - 6900 })),
  },
  {
    id: 'entra-arm', group: 'Token problems', label: 'Entra token for ARM (refused when authentication-as-arm is disabled)',
    build: (now) => jwt(RS256(ENTRA_KID), entraV1(now, { aud: 'https://management.azure.com/' })),
  },
  {
    id: 'acr-no-actions', group: 'Token problems', label: 'ACR access token that grants nothing on the repository',
    build: (now) => jwt(RS256('CJ5Z:4ZQH:2SFI:ZD7S:TXYD:YL4P:AJQ6:MRQK:7ZJH:HKSL:ZSMF:7XLT'),
      acrAccess(now, [{ type: 'repository', name: 'web/frontend', actions: [] }])),
  },
  {
    id: 'acr-expired', group: 'Token problems', label: 'Expired ACR refresh token (az acr login after 3 h)',
    build: (now) => jwt(RS256('CJ5Z:4ZQH:2SFI:ZD7S:TXYD:YL4P:AJQ6:MRQK:7ZJH:HKSL:ZSMF:7XLT'),
      acr(now, { iat: now - 4 * 3600, nbf: now - 4 * 3600, exp: now - 3600 })),
  },
  {
    id: 'not-yet-valid', group: 'Token problems', label: 'Token not valid yet (clock skew)',
    build: (now) => jwt(RS256(ENTRA_KID), entraV1(now, { iat: now + 420, nbf: now + 420, exp: now + 5000 })),
  },
  {
    id: 'milliseconds', group: 'Token problems', label: 'Times in milliseconds, no expiry (hand-made token)',
    build: (now) => jwt({ alg: 'HS256', typ: 'JWT' }, { iss: 'https://auth.example.com', sub: 'build-bot', aud: 'registry', iat: now * 1000 - 5000, nbf: now * 1000 - 5000 }),
  },
  {
    id: 'alg-none', group: 'Token problems', label: 'Unsigned token (alg: none)',
    build: (now) => jwt({ alg: 'none', typ: 'JWT' }, { ...github(now) }, ''),
  },
  {
    id: 'truncated', group: 'Token problems', label: 'Token cut off while copying',
    build: (now) => ghBranch(now).split('.').slice(0, 2).join('.').slice(0, -40),
  },

  // ---- Failing logs --------------------------------------------------------------------------
  {
    id: 'log-subject', group: 'Failing logs', label: 'azure/login: AADSTS700213 subject mismatch',
    build: () => gh([
      ...AZ_LOGIN_PRELUDE,
      ' subject claim - repo:octo-org/octo-repo:environment:production',
      ' audience - api://AzureADTokenExchange',
      ' job_workflow_ref - octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      `[command]/usr/bin/az login --service-principal --username ${APP_ID} --tenant ${TENANT} --allow-no-subscriptions --federated-token ***`,
      '\u001b[91mERROR: AADSTS700213: No matching federated identity record found for presented assertion subject \'repo:octo-org/octo-repo:environment:production\'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation Trace ID: 3b2f8c1a-7d6e-4f5a-9b0c-1d2e3f4a5b00 Correlation ID: 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968 Timestamp: 2026-11-22 09:14:05Z\u001b[0m',
      '',
      'Interactive authentication is needed. Please run:',
      'az login',
      '',
      '##[error]Login failed with Error: The process \'/usr/bin/az\' failed with exit code 1. Double check if the \'auth-type\' is correct. Refer to https://github.com/Azure/login#readme for more information.',
      '##[error]Process completed with exit code 1.',
    ]),
  },
  {
    id: 'log-audience', group: 'Failing logs', label: 'AADSTS700212: token requested without the audience',
    build: () => gh([
      '##[group]Run acr-login@v1',
      'with:',
      '  registry: contosoregistry',
      `  client-id: ${APP_ID}`,
      `  tenant-id: ${TENANT}`,
      '##[endgroup]',
      'Requesting the GitHub OIDC token',
      `POST https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token -> 400`,
      `::error::{"error":"invalid_client","error_description":"AADSTS700212: No matching federated identity record found for presented assertion audience 'https://github.com/octo-org'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation\\r\\nTrace ID: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c00\\r\\nCorrelation ID: 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a\\r\\nTimestamp: 2026-11-22 09:14:04Z","error_codes":[700212],"timestamp":"2026-11-22 09:14:04Z","trace_id":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c00","correlation_id":"9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","error_uri":"https://login.microsoftonline.com/error?code=700212"}`,
      '##[error]Process completed with exit code 1.',
    ]),
  },
  {
    id: 'log-no-id-token', group: 'Failing logs', label: 'Missing permissions: id-token: write',
    build: () => gh([
      '##[group]Run azure/login@v2',
      'with:',
      `  client-id: ${APP_ID}`,
      `  tenant-id: ${TENANT}`,
      '  audience: api://AzureADTokenExchange',
      '##[endgroup]',
      'Running Azure CLI Login.',
      '[command]/usr/bin/az cloud set -n azurecloud',
      'Done setting cloud: "azurecloud"',
      '##[error]Failed to fetch federated token from GitHub. Please make sure to give write permissions to id-token in the workflow.',
      '##[error]Login failed with Error: Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable. Double check if the \'auth-type\' is correct. Refer to https://github.com/Azure/login#readme for more information.',
      '##[error]Process completed with exit code 1.',
    ]),
  },
  {
    id: 'log-no-fic', group: 'Failing logs', label: 'AADSTS70021: no matching federated credential',
    build: () => gh([
      ...AZ_LOGIN_PRELUDE,
      ' subject claim - repo:octo-org/octo-repo:ref:refs/heads/release/2.4',
      ' audience - api://AzureADTokenExchange',
      `[command]/usr/bin/az login --service-principal --username ${APP_ID} --tenant ${TENANT} --allow-no-subscriptions --federated-token ***`,
      'ERROR: AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: \'https://token.actions.githubusercontent.com\'. Assertion Subject: \'repo:octo-org/octo-repo:ref:refs/heads/release/2.4\'. Assertion Audience: \'api://AzureADTokenExchange\'. https://docs.microsoft.com/azure/active-directory/develop/workload-identity-federation Trace ID: 0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e00 Correlation ID: 4f5e6d7c-8b9a-4012-a3b4-c5d6e7f8a9b0 Timestamp: 2026-11-22 09:14:05Z',
      '##[error]Login failed with Error: The process \'/usr/bin/az\' failed with exit code 1. Double check if the \'auth-type\' is correct. Refer to https://github.com/Azure/login#readme for more information.',
      '##[error]Process completed with exit code 1.',
    ]),
  },
  {
    id: 'log-firewall', group: 'Failing logs', label: 'Registry firewall: denied: client with IP',
    build: () => gh([
      '##[group]Run az acr login --name contosoregistry',
      'az acr login --name contosoregistry',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      `ERROR: Unable to get AAD authorization tokens with message: 403 Client Error: Forbidden for url: https://${REGISTRY}/oauth2/exchange`,
      `denied: client with IP '20.42.7.133' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`,
      'ERROR: Unable to get admin user credentials with message: Admin user is disabled.',
      'ERROR: Unable to authenticate using AAD or admin login credentials. Please specify both username and password in non-interactive mode.',
      '##[error]Process completed with exit code 1.',
    ]),
  },
  {
    id: 'log-dns', group: 'Failing logs', label: 'DNS: registry name does not resolve',
    build: () => gh([
      '##[group]Run docker/login-action@v3',
      'with:',
      '  registry: contosoregistry.azureacr.io',
      '  username: 00000000-0000-0000-0000-000000000000',
      '  logout: true',
      '##[endgroup]',
      'Logging into contosoregistry.azureacr.io...',
      '##[error]Error response from daemon: Get "https://contosoregistry.azureacr.io/v2/": dial tcp: lookup contosoregistry.azureacr.io on 127.0.0.53:53: no such host',
      'Post job cleanup.',
    ]),
  },
  {
    id: 'log-missing-role', group: 'Failing logs', label: 'docker push: no AcrPush role (requested access denied)',
    build: () => gh([
      '##[group]Run docker push contosoregistry.azurecr.io/web/frontend:1.4.2',
      'docker push contosoregistry.azurecr.io/web/frontend:1.4.2',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'The push refers to repository [contosoregistry.azurecr.io/web/frontend]',
      '5f70bf18a086: Preparing',
      'd1c5b9e3a7f2: Preparing',
      '9a3b7c1d2e4f: Preparing',
      '5f70bf18a086: Waiting',
      'unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.',
      '##[error]Process completed with exit code 1.',
    ]),
  },
  {
    id: 'log-secret-expired', group: 'Failing logs', label: 'Service principal secret expired (AADSTS7000222)',
    build: () => gh([
      '##[group]Run azure/login@v2',
      'with:',
      '  creds: ***',
      '##[endgroup]',
      'Running Azure CLI Login.',
      '[command]/usr/bin/az login --service-principal --username *** --tenant *** --password ***',
      `ERROR: AADSTS7000222: The provided client secret keys for app '${APP_ID}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds. Trace ID: 2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f00 Correlation ID: 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d Timestamp: 2026-11-22 09:14:05Z`,
      '##[error]Login failed with Error: The process \'/usr/bin/az\' failed with exit code 1. Double check if the \'auth-type\' is correct. Refer to https://github.com/Azure/login#readme for more information.',
      '##[error]Process completed with exit code 1.',
    ]),
  },
  {
    id: 'log-docker-daemon', group: 'Failing logs', label: 'az acr login without a Docker daemon',
    build: () => [
      '$ az acr login --name contosoregistry',
      'You may want to use \'az acr login -n contosoregistry --expose-token\' to get an access token, which does not require Docker to be installed.',
      'An error occurred: DOCKER_COMMAND_ERROR',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    ].join('\n'),
  },
  {
    id: 'log-check-health', group: 'Failing logs', label: 'az acr check-health: refresh token denied (401)',
    build: () => [
      '$ az acr check-health --name contosoregistry --ignore-errors --yes',
      'Docker daemon status: available',
      'Docker version: \'Docker version 27.3.1, build ce12230, platform linux/amd64\'',
      'Docker pull of \'mcr.microsoft.com/mcr/hello-world:latest\' : OK',
      'Azure CLI version: 2.67.0',
      `DNS lookup to ${REGISTRY} at IP 20.62.128.199 : OK`,
      `Challenge endpoint https://${REGISTRY}/v2/ : OK`,
      `2026-11-22 09:20:11.381213 An error occurred: CONNECTIVITY_REFRESH_TOKEN_ERROR`,
      `Access to registry '${REGISTRY}' was denied. Response code: 401. Please try running 'az login' again to refresh permissions.`,
      '',
      'Please refer to https://aka.ms/acr/errors#connectivity_refresh_token_error for more information.',
      '',
      'Please refer to https://aka.ms/acr/health-check for more information.',
    ].join('\n'),
  },
  {
    id: 'log-aks', group: 'Failing logs', label: 'AKS: ImagePullBackOff (kubectl describe pod)',
    build: () => [
      'Events:',
      '  Type     Reason     Age                From               Message',
      '  ----     ------     ----               ----               -------',
      '  Normal   Scheduled  2m10s              default-scheduler  Successfully assigned web/frontend-7d9c8b6f5-x2kqp to aks-nodepool1-31718369-vmss000001',
      '  Normal   Pulling    45s (x4 over 2m9s)  kubelet            Pulling image "contosoregistry.azurecr.io/web/frontend:1.4.2"',
      '  Warning  Failed     45s (x4 over 2m9s)  kubelet            Failed to pull image "contosoregistry.azurecr.io/web/frontend:1.4.2": rpc error: code = Unknown desc = failed to pull and unpack image "contosoregistry.azurecr.io/web/frontend:1.4.2": failed to resolve reference "contosoregistry.azurecr.io/web/frontend:1.4.2": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized',
      '  Warning  Failed     45s (x4 over 2m9s)  kubelet            Error: ErrImagePull',
      '  Normal   BackOff    20s (x6 over 2m8s)  kubelet            Back-off pulling image "contosoregistry.azurecr.io/web/frontend:1.4.2"',
      '  Warning  Failed     20s (x6 over 2m8s)  kubelet            Error: ImagePullBackOff',
    ].join('\n'),
  },
  {
    id: 'log-unknown', group: 'Failing logs', label: 'A failure nothing in the catalog explains',
    build: () => gh([
      '##[group]Run make release',
      'make release',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'go build -o bin/server ./cmd/server',
      'cmd/server/main.go:14:2: undefined: handlers.NewRouter',
      'make: *** [Makefile:12: build] Error 1',
      '##[error]Process completed with exit code 2.',
    ]),
  },
];

/** The example with this id, built for `now` (Unix seconds). */
export function buildExample(id, now) {
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) throw new Error(`no example ${id}`);
  return example.build(now);
}
