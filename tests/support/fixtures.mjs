// Real-shaped tokens and logs for the JS tests. Claim sets follow the documented tokens
// (shared/reference/acr-auth-protocol.md §1.3 GitHub, §1.7 ACR; Entra v1/v2 access tokens as
// described at learn.microsoft.com/entra/identity-platform/access-token-claims-reference). Signatures
// are random bytes: nothing here verifies them, and none of these tokens is valid anywhere.
import { randomBytes } from 'node:crypto';

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const sig = () => randomBytes(256).toString('base64url');
export const jwt = (header, claims) => `${b64(header)}.${b64(claims)}.${sig()}`;

const IAT = 1_763_000_000 - 60;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '3f1d2c4b-5a69-4e7d-8c0b-9a8e7f6d5c4b';
const OID = '8e2a6c1d-4b3f-4e5a-9c7d-1f0e2d3c4b5a';

export const githubToken = jwt(
  { typ: 'JWT', alg: 'RS256', x5t: 'ykNaY4qM_ta4k2TgZOCEYLkcYlA', kid: 'F8F1B6B5A4E3D2C1B0A9F8E7D6C5B4A3' },
  {
    jti: '0e6fd2d4-6a2c-4d6b-9f0a-1c2b3d4e5f60', sub: 'repo:octo-org/octo-repo:environment:prod',
    environment: 'prod', aud: 'api://AzureADTokenExchange', ref: 'refs/heads/main', sha: 'e5c6e0a1b2c3d4e5f60718293a4b5c6d7e8f9012',
    repository: 'octo-org/octo-repo', repository_owner: 'octo-org', repository_owner_id: '65432', repository_id: '123456789',
    repository_visibility: 'private', actor: 'octocat', actor_id: '583231', run_id: '9876543210', run_number: '42', run_attempt: '1',
    runner_environment: 'github-hosted', head_ref: '', base_ref: '', event_name: 'push', ref_type: 'branch', ref_protected: 'true',
    workflow: 'deploy', workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    workflow_sha: 'e5c6e0a1b2c3d4e5f60718293a4b5c6d7e8f9012',
    job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    job_workflow_sha: 'e5c6e0a1b2c3d4e5f60718293a4b5c6d7e8f9012',
    iss: 'https://token.actions.githubusercontent.com', nbf: IAT - 600, exp: IAT + 300, iat: IAT,
  },
);

export const entraV2Token = jwt(
  { typ: 'JWT', alg: 'RS256', kid: 'KQ2tAcrE7lBaViGmN8c3dhKQAp0' },
  {
    aud: 'https://containerregistry.azure.net', iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, iat: IAT, nbf: IAT, exp: IAT + 4499,
    aio: 'k2BgYPi9lv8rX4vQ0n3S2xQ8AA==', azp: APP, azpacr: 2, idtyp: 'app', oid: OID, rh: '0.AXEAv4j5cvGGr0GRqy180BHbRw.',
    sub: OID, tid: TENANT, uti: 'x0Q3eUe1m0aXlGZfVnq6AA', ver: '2.0', xms_tdbr: 'EU',
  },
);

export const entraV1ArmToken = jwt(
  { typ: 'JWT', alg: 'RS256', x5t: 'KQ2tAcrE7lBaViGmN8c3dhKQAp0', kid: 'KQ2tAcrE7lBaViGmN8c3dhKQAp0' },
  {
    aud: 'https://management.azure.com/', iss: `https://sts.windows.net/${TENANT}/`, iat: IAT, nbf: IAT, exp: IAT + 4499,
    aio: 'E2ZgYNgX8X6y0H7vDZ2l8UuH9UzCAA==', appid: APP, appidacr: '2', idp: `https://sts.windows.net/${TENANT}/`,
    idtyp: 'app', oid: OID, rh: '0.AXEAv4j5cvGGr0GRqy180BHbR0ZIf3kAutdPukPawfj2MBNxAAA.', sub: OID, tid: TENANT,
    uti: 'bQ9iQ3ZqZkWm0s4yQ1sBAA', ver: '1.0', xms_mirid: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ci',
  },
);

export const acrRefreshToken = jwt(
  { alg: 'RS256', typ: 'JWT', kid: 'ZX4N:3UUW:Q5PG:NMRC:2Q3E:4QJB:XBJ6:3YHH:Q7NN:HX3L:SXCE:3OQY' },
  {
    jti: '6c2b8e3d-52f5-4e49-a2b6-6b3d3c0ed1a1', sub: OID, nbf: IAT, exp: IAT + 10800, iat: IAT, iss: 'Azure Container Registry',
    aud: 'myregistry.azurecr.io', version: '1.0', rid: 'a4f9c0e1d2b34c5d8e7f6a5b4c3d2e1f', grant_type: 'refresh_token',
    appid: APP, tenant: TENANT, permissions: { actions: ['read', 'write'], notActions: [] }, roles: [],
  },
);

export const acrAccessToken = jwt(
  { alg: 'RS256', typ: 'JWT', kid: 'ZX4N:3UUW:Q5PG:NMRC:2Q3E:4QJB:XBJ6:3YHH:Q7NN:HX3L:SXCE:3OQY' },
  {
    jti: 'b2a1c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', sub: OID, nbf: IAT, exp: IAT + 4500, iat: IAT, iss: 'Azure Container Registry',
    aud: 'myregistry.azurecr.io', version: '1.0', rid: 'a4f9c0e1d2b34c5d8e7f6a5b4c3d2e1f', grant_type: 'access_token',
    access: [{ type: 'repository', name: 'team/app', actions: ['pull'] }], roles: [], appid: APP, tenant: TENANT,
  },
);

export const FIXTURES = {
  githubToken,
  pastes: {
    bareGithub: githubToken,
    bearerEntra: `Authorization: Bearer ${entraV2Token}`,
    armV1: entraV1ArmToken,
    // az acr login --name myregistry --expose-token
    exposeToken: JSON.stringify({ accessToken: acrRefreshToken, loginServer: 'myregistry.azurecr.io' }, null, 2),
    dockerConfig: JSON.stringify({ auths: { 'myregistry.azurecr.io': { auth: Buffer.from(`00000000-0000-0000-0000-000000000000:${acrAccessToken}`).toString('base64') } } }),
    garbage: 'eyJ not a token \u0000\u0001 ' + 'x'.repeat(100),
  },
  logs: {
    // azure/login in GitHub Actions, as the runner log download shows it (timestamps, ##[error]).
    subjectMismatch: [
      '2026-11-20T10:15:02.1234567Z ##[group]Run azure/login@v2',
      '2026-11-20T10:15:02.1234890Z with:',
      '2026-11-20T10:15:02.1235012Z   client-id: ***',
      '2026-11-20T10:15:03.9876543Z Federated token details:',
      '2026-11-20T10:15:03.9876789Z  issuer - https://token.actions.githubusercontent.com',
      '2026-11-20T10:15:03.9876901Z  subject claim - repo:octo-org/octo-repo:pull_request',
      '2026-11-20T10:15:05.4567890Z ##[error]AADSTS700213: No matching federated identity record found for presented assertion subject \'repo:octo-org/octo-repo:pull_request\'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation Trace ID: 3c6a2b1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d Correlation ID: 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a Timestamp: 2026-11-20 10:15:05Z',
      '2026-11-20T10:15:05.4601234Z ##[error]Login failed with Error: The process \'/usr/bin/az\' failed with exit code 1. Double check if the \'auth-type\' is correct.',
      '2026-11-20T10:15:05.4702345Z ##[error]Process completed with exit code 1.',
    ].join('\n'),
    // docker push through a registry firewall (ACR JSON error in the daemon's message).
    firewall: [
      '2026-11-20T11:02:10.0000000Z #12 pushing layers',
      '2026-11-20T11:02:11.2000000Z Error response from daemon: Head "https://myregistry.azurecr.io/v2/team/app/blobs/sha256:4abcf2066143": denied: client with IP \'20.57.44.119\' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.',
      '2026-11-20T11:02:11.3000000Z ##[error]Process completed with exit code 1.',
    ].join('\r\n'),
    nothingKnown: 'npm ERR! code ELIFECYCLE\nnpm ERR! errno 2\n##[error]Process completed with exit code 2.\n',
  },
};
