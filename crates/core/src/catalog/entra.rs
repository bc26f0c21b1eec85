//! AL02x and AL1xx: Entra ID token endpoint failures other than the federated-credential match.
//! Shapes: AADSTS texts from the Entra error-code reference and reference §4; JSON bodies as
//! `{"error","error_description","error_codes",...}` (reference §1.5); log framing from GitHub
//! Actions, Azure DevOps and az CLI runs.

use super::{ex, likely, root, say, sh, Entry};

const ENTRA_ERR: &str = "https://learn.microsoft.com/entra/identity-platform/reference-error-codes";
const CC_FLOW: &str = "https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow";
const GH_AZURE_DOC: &str = "https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-azure";

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "AL020",
        category: "client-secret-expired",
        area: "entra",
        title: "The service principal's client secret has expired (AADSTS7000222)",
        patterns: &[root("AADSTS7000222"), root("The provided client secret keys for app '{appId}' are expired"), root("The provided client secret keys are expired")],
        cause: "The workflow or service connection authenticates with a client secret, and every secret of the app has passed its end date (the portal default is 6-24 months).",
        fix: &[
            say("Best: drop the secret and log in with GitHub OIDC (a federated credential on the app), which this action does."),
            sh("Or create a new secret and update the CI secret with its VALUE:", "az ad app credential reset --id <CLIENT_ID> --append --display-name ci --years 1 --query password -o tsv"),
            say("Azure DevOps: edit the service connection and save it (automatic ones renew), or convert it to workload identity federation."),
        ],
        docs: &[ENTRA_ERR, GH_AZURE_DOC, "https://learn.microsoft.com/azure/devops/pipelines/release/azure-rm-endpoint"],
        examples: &[
            ex(
                "Azure DevOps PowerShell task debug output, JSON with \\r\\n escapes (shape seen in liprec/vsts-release-aas#119)",
                "2024-01-09T14:06:14.7997290Z ##[debug]Exception message extracted from response {\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000222: The provided client secret keys for app '***' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.\\r\\nTrace ID: 8c95acf1-cc04-40a1-ad14-481862cf1801\\r\\nCorrelation ID: d65574ea-000b-4526-8595-ddaae8b4250d\\r\\nTimestamp: 2024-01-09 14:06:14Z\",\"error_codes\":[7000222],\"timestamp\":\"2024-01-09 14:06:14Z\"}\n2024-01-09T14:06:15.1759431Z ##[error]System.Management.Automation.RuntimeException: Not able to fetch token for tenant",
            ),
            ex(
                "azure/login v1 with creds JSON (reference §4)",
                "2024-06-03T09:14:24.8765432Z ##[error]AADSTS7000222: The provided client secret keys for app 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.\n2024-06-03T09:14:24.9001234Z ##[error]Login failed with Error: The process '/usr/bin/az' failed with exit code 1. Double check if the 'auth-type' is correct.",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL021",
        category: "client-secret-invalid",
        area: "entra",
        title: "Invalid client secret: often the secret ID pasted instead of its value (AADSTS7000215)",
        patterns: &[root("AADSTS7000215"), root("Invalid client secret provided"), root("Invalid client secret is provided")],
        cause: "The secret sent is not a current secret of the app. Most often the portal's 'Secret ID' (a GUID) was copied instead of the 'Value' (shown once, ~40 characters with `~`), or the secret belongs to another app or was rotated.",
        fix: &[
            say("A value looks like `Abc8Q~…` (40 characters); a GUID is the secret ID. Create a new secret and copy its Value immediately."),
            sh("New secret (prints the value once):", "az ad app credential reset --id <CLIENT_ID> --append --display-name ci --query password -o tsv"),
            say("Better: switch to GitHub OIDC and delete the secret."),
        ],
        docs: &[ENTRA_ERR, GH_AZURE_DOC],
        examples: &[ex(
            "AADSTS7000215 text (reference §4) in az login output",
            "2024-06-03T09:14:24.8765432Z ERROR: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e'. Trace ID: 6d7e8f90-a1b2-4c3d-8e4f-5a6b7c8d9e00 Correlation ID: 6d7e8f90-a1b2-4c3d-8e4f-5a6b7c8d9e0f Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL022",
        category: "app-not-found-in-tenant",
        area: "entra",
        title: "The client ID is not an application in this tenant (AADSTS700016)",
        patterns: &[root("AADSTS700016"), root("Application with identifier '{appId}' was not found in the directory '{tenant}'")],
        cause: "The client ID is wrong (the object ID or a display name was used instead of the Application (client) ID), the app lives in another tenant, or the request went to another cloud's authority.",
        fix: &[
            sh("Find the right client ID and tenant:", "az ad app list --display-name <NAME> --query \"[].{clientId:appId, objectId:id}\" -o table\naz account show --query tenantId -o tsv"),
            say("A user-assigned managed identity's client ID is `clientId` in `az identity show`, not `principalId`."),
        ],
        docs: &[ENTRA_ERR],
        examples: &[ex(
            "AADSTS700016 text (reference §4); GitHub masks the IDs that come from secrets",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS700016: Application with identifier '***' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant. Trace ID: 7e8f90a1-b2c3-4d4e-8f5a-6b7c8d9e0f00 Correlation ID: 7e8f90a1-b2c3-4d4e-8f5a-6b7c8d9e0f1a Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL023",
        category: "wrong-tenant",
        area: "entra",
        title: "The tenant does not exist in this cloud (AADSTS90002)",
        patterns: &[root("AADSTS90002"), root("AADSTS90002: Tenant '{tenant}' not found")],
        cause: "The tenant ID/domain is mistyped, empty-ish, or belongs to a sovereign cloud (US Gov, China) while the request went to login.microsoftonline.com.",
        fix: &[
            sh("Check the tenant ID:", "az account show --query tenantId -o tsv"),
            say("Sovereign cloud: .azurecr.us registries use login.microsoftonline.us, .azurecr.cn use login.chinacloudapi.cn."),
        ],
        docs: &[ENTRA_ERR],
        examples: &[ex(
            "AADSTS90002 text (reference §4)",
            "ERROR: AADSTS90002: Tenant 'c0ffee00-1234-4abc-9def-000000000000' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant. Trace ID: 8f90a1b2-c3d4-4e5f-8a6b-7c8d9e0f1a00 Correlation ID: 8f90a1b2-c3d4-4e5f-8a6b-7c8d9e0f1a2b Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL024",
        category: "conditional-access-blocked",
        area: "entra",
        title: "A Conditional Access policy blocked the workload identity (AADSTS53003)",
        patterns: &[root("AADSTS53003"), root("Access has been blocked by Conditional Access policies")],
        cause: "A Conditional Access policy for workload identities (often a location policy) blocks the service principal; GitHub-hosted runners sign in from changing Azure IP ranges.",
        fix: &[
            say("Find the policy: Entra admin center > Monitoring > Sign-in logs > Service principal sign-ins, filter by the Correlation ID, tab Conditional Access."),
            say("Exclude the CI identity from the policy, or run on a self-hosted runner with a fixed egress IP that the policy allows."),
        ],
        docs: &[ENTRA_ERR, "https://learn.microsoft.com/entra/identity/conditional-access/workload-identity"],
        examples: &[ex(
            "AADSTS53003 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: 90a1b2c3-d4e5-4f6a-8b7c-8d9e0f1a2b00 Correlation ID: 90a1b2c3-d4e5-4f6a-8b7c-8d9e0f1a2b3c Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL025",
        category: "other",
        area: "entra",
        title: "Invalid scope for client credentials (AADSTS1002012 / AADSTS70011 / AADSTS700022)",
        patterns: &[root("AADSTS1002012"), root("AADSTS70011"), root("AADSTS700022"), root("Client credential flows must have a scope value with /.default")],
        cause: "Client credentials need exactly one scope of the form `<resource>/.default`. For ACR that is `https://containerregistry.azure.net/.default` (not the registry's host name); several resources or a delegated scope is refused.",
        fix: &[say("Request `https://containerregistry.azure.net/.default` (ACR-scoped, preferred) or `https://management.azure.com/.default` (ARM), one at a time.")],
        docs: &[CC_FLOW, "https://learn.microsoft.com/azure/container-registry/container-registry-disable-authentication-as-arm"],
        examples: &[ex(
            "AADSTS1002012 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ##[error]Token request failed: AADSTS1002012: The provided value for scope https://contosoacr.azurecr.io is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI). Trace ID: a1b2c3d4-e5f6-4a7b-8c8d-9e0f1a2b3c00 Correlation ID: a1b2c3d4-e5f6-4a7b-8c8d-9e0f1a2b3c4d Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL026",
        category: "other",
        area: "entra",
        title: "The requested resource does not exist in the tenant (AADSTS500011)",
        patterns: &[root("AADSTS500011"), root("The resource principal named {resource} was not found in the tenant")],
        cause: "The scope names a resource Entra does not know: a typo, the registry host name used as audience (`https://<name>.azurecr.io`), or another cloud's resource.",
        fix: &[say("Use `https://containerregistry.azure.net/.default` for ACR in the public cloud.")],
        docs: &[ENTRA_ERR, "https://learn.microsoft.com/azure/container-registry/container-registry-disable-authentication-as-arm"],
        examples: &[ex(
            "AADSTS500011 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS500011: The resource principal named https://contosoacr.azurecr.io was not found in the tenant named Contoso. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant. Trace ID: b2c3d4e5-f6a7-4b8c-9d9e-0f1a2b3c4d00 Correlation ID: b2c3d4e5-f6a7-4b8c-9d9e-0f1a2b3c4d5e Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL100",
        category: "other",
        area: "entra",
        title: "The application is disabled (AADSTS7000112)",
        patterns: &[root("AADSTS7000112"), root("UnauthorizedClientApplicationDisabled")],
        cause: "The service principal (Enterprise application) is disabled for sign-in.",
        fix: &[sh("Re-enable sign-in on the service principal:", "az ad sp update --id <CLIENT_ID> --set accountEnabled=true")],
        docs: &[ENTRA_ERR],
        examples: &[ex(
            "AADSTS7000112 text (reference §4)",
            "ERROR: AADSTS7000112: Application 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e'(gh-deploy) is disabled. Trace ID: c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e00 Correlation ID: c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL101",
        category: "wrong-tenant",
        area: "entra",
        title: "The tenant value is not a tenant ID or domain (AADSTS900023)",
        patterns: &[root("AADSTS900023"), root("is neither a valid DNS name, nor a valid external domain")],
        cause: "The tenant input is malformed: an unset variable, quotes or spaces around it, or the subscription ID in its place.",
        fix: &[say("Pass the Directory (tenant) ID GUID exactly; check for stray quotes or a missing secret.")],
        docs: &[ENTRA_ERR],
        examples: &[ex(
            "AADSTS900023 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS900023: Specified tenant identifier ' 72f988bf-86f1-41af-91ab-2d7cd011db47' is neither a valid DNS name, nor a valid external domain. Trace ID: d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f00 Correlation ID: d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL102",
        category: "wrong-tenant",
        area: "entra",
        title: "The tenant belongs to another national cloud (AADSTS90038)",
        patterns: &[root("AADSTS90038"), root("NationalCloudTenantRedirection")],
        cause: "A US Gov or China tenant was addressed at the global authority (or the reverse).",
        fix: &[say("Use the tenant's cloud: login.microsoftonline.us (AzureUSGovernment) or login.chinacloudapi.cn (AzureChinaCloud), with the matching token exchange audience.")],
        docs: &[ENTRA_ERR],
        examples: &[ex(
            "AADSTS90038 text (reference §4)",
            "ERROR: AADSTS90038: NationalCloudTenantRedirection - Specified tenant 'contoso.onmicrosoft.us' belongs to another cloud. Trace ID: e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a00 Correlation ID: e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL103",
        category: "wrong-tenant",
        area: "entra",
        title: "Client credentials sent to /common or /consumers (AADSTS9001023)",
        patterns: &[root("AADSTS9001023"), root("grant type isn't supported over the /common or /consumers endpoints")],
        cause: "The token URL used `/common` (or `/consumers`) instead of the tenant ID; client credentials always need the tenant.",
        fix: &[say("Use `https://login.microsoftonline.com/<TENANT_ID>/oauth2/v2.0/token`.")],
        docs: &[ENTRA_ERR, CC_FLOW],
        examples: &[ex(
            "AADSTS9001023 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS9001023: The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint. Trace ID: f6a7b8c9-d0e1-4f2a-8b3c-4d5e6f7a8b00 Correlation ID: f6a7b8c9-d0e1-4f2a-8b3c-4d5e6f7a8b9c Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL104",
        category: "other",
        area: "entra",
        title: "A required field is missing from the token request or assertion (AADSTS90014)",
        patterns: &[root("AADSTS90014"), root("is missing from the credential")],
        cause: "A form field (`scope`, `client_id`) is missing, or the assertion lacks a claim Entra requires (`iss`, `aud`).",
        fix: &[say("Send client_id, scope, grant_type=client_credentials, client_assertion_type and client_assertion; decode the assertion to check iss/aud/sub.")],
        docs: &[ENTRA_ERR, CC_FLOW],
        examples: &[ex(
            "AADSTS90014 text (reference §4)",
            "ERROR: AADSTS90014: The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request. Trace ID: a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c00 Correlation ID: a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL105",
        category: "other",
        area: "entra",
        title: "The token request body lacks a parameter (AADSTS900144)",
        patterns: &[root("AADSTS900144")],
        cause: "A required form parameter (`grant_type`, `client_id`...) is missing, usually because the body was not form-encoded or a variable was empty.",
        fix: &[say("POST `application/x-www-form-urlencoded` with every client-credentials field (see the client credentials flow doc).")],
        docs: &[ENTRA_ERR, CC_FLOW],
        examples: &[ex(
            "AADSTS900144 text (reference §4)",
            "{\"error\":\"invalid_request\",\"error_description\":\"AADSTS900144: The request body must contain the following parameter: 'grant_type'.\\r\\nTrace ID: b8c9d0e1-f2a3-4b4c-8d5e-6f7a8b9c0d00\\r\\nCorrelation ID: b8c9d0e1-f2a3-4b4c-8d5e-6f7a8b9c0d1e\\r\\nTimestamp: 2024-06-03 09:14:24Z\",\"error_codes\":[900144]}",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL106",
        category: "other",
        area: "entra",
        title: "Consent missing: a delegated (user) flow was used (AADSTS65001)",
        patterns: &[root("AADSTS65001"), root("DelegationDoesNotExist")],
        cause: "The request used a delegated/interactive flow that needs consent. Logging in to ACR from CI uses client credentials with RBAC roles and needs no consent.",
        fix: &[say("Use the client-credentials flow (GitHub OIDC assertion or secret) with scope `https://containerregistry.azure.net/.default`.")],
        docs: &[ENTRA_ERR],
        examples: &[ex("AADSTS65001 text (reference §4)", "ERROR: AADSTS65001: The user or administrator has not consented to use the application with ID 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e' named 'gh-deploy'. Send an interactive authorization request for this user and resource.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL107",
        category: "other",
        area: "entra",
        title: "Sign-in blocked: account locked or risky IP (AADSTS50053)",
        patterns: &[root("AADSTS50053")],
        cause: "User sign-ins only: the account is locked after failed attempts, or the sign-in came from an IP flagged as malicious. A CI login should not use a user account.",
        fix: &[say("Use a service principal or managed identity with GitHub OIDC instead of a user's password.")],
        docs: &[ENTRA_ERR],
        examples: &[ex("AADSTS50053 text (reference §4)", "ERROR: AADSTS50053: You've tried to sign in too many times with an incorrect user ID or password.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL108",
        category: "other",
        area: "entra",
        title: "Wrong user name or password (AADSTS50126)",
        patterns: &[root("AADSTS50126"), root("InvalidUserNameOrPassword")],
        cause: "A user/password login was attempted (az login -u/-p) and the credentials are wrong. CI should not use user passwords (MFA breaks them too).",
        fix: &[say("Use a service principal or managed identity with GitHub OIDC.")],
        docs: &[ENTRA_ERR],
        examples: &[ex("AADSTS50126 text (reference §4)", "ERROR: AADSTS50126: Error validating credentials due to invalid username or password. Trace ID: c9d0e1f2-a3b4-4c5d-8e6f-7a8b9c0d1e00 Correlation ID: c9d0e1f2-a3b4-4c5d-8e6f-7a8b9c0d1e2f Timestamp: 2024-06-03 09:14:24Z")],
        ..Entry::BASE
    },
    Entry {
        id: "AL109",
        category: "other",
        area: "entra",
        title: "No reply address: an interactive flow was used (AADSTS900971)",
        patterns: &[root("AADSTS900971")],
        cause: "An authorization-code (browser) flow was started for an app without a redirect URI; CI logins use client credentials, which need none.",
        fix: &[say("Use the client-credentials flow for CI.")],
        docs: &[ENTRA_ERR],
        examples: &[ex("AADSTS900971 text (reference §4)", "AADSTS900971: No reply address provided.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL110",
        category: "other",
        area: "entra",
        title: "Entra rejected the assertion as an invalid JWT (AADSTS50027 / AADSTS50013)",
        patterns: &[root("AADSTS50027"), root("AADSTS50013")],
        cause: "Generic assertion rejection: malformed JWT, unexpected issuer or audience, or a time range problem. The message detail says which.",
        fix: &[say("Decode the assertion (paste it on the page): check iss, aud, exp and that it has three segments.")],
        docs: &[ENTRA_ERR],
        examples: &[ex("AADSTS50027 text (reference §4)", "ERROR: AADSTS50027: JWT token is invalid or malformed. Trace ID: d0e1f2a3-b4c5-4d6e-8f7a-8b9c0d1e2f00 Correlation ID: d0e1f2a3-b4c5-4d6e-8f7a-8b9c0d1e2f3a Timestamp: 2024-06-03 09:14:24Z")],
        ..Entry::BASE
    },
    Entry {
        id: "AL111",
        category: "app-not-found-in-tenant",
        area: "entra",
        title: "The app has no service principal in the tenant (AADSTS7000229)",
        patterns: &[root("AADSTS7000229"), root("is missing service principal in the tenant")],
        cause: "The app registration exists but its service principal (Enterprise application) was never created in this tenant, so it cannot get tokens or hold role assignments.",
        fix: &[sh("Create the service principal, then assign the registry role to it:", "az ad sp create --id <CLIENT_ID>")],
        docs: &[ENTRA_ERR],
        examples: &[ex(
            "AADSTS7000229 text as Entra returns it (seen in public bot logs)",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS7000229: The client application b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e is missing service principal in the tenant 72f988bf-86f1-41af-91ab-2d7cd011db47. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119 Trace ID: e1f2a3b4-c5d6-4e7f-8a8b-9c0d1e2f3a00 Correlation ID: e1f2a3b4-c5d6-4e7f-8a8b-9c0d1e2f3a4b Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL112",
        category: "wrong-tenant",
        area: "entra",
        title: "Entra could not tell which tenant to use",
        patterns: &[root("AADSTS50059"), likely("No tenant-identifying information found in either the request or implied by any provided credentials")],
        cause: "The request carried neither a tenant in the URL nor credentials that imply one: usually an empty tenant input.",
        fix: &[say("Pass the tenant ID explicitly (the `tenant-id` input, or `--tenant` for az).")],
        docs: &[ENTRA_ERR],
        examples: &[ex("AADSTS50059 text (Entra error reference)", "ERROR: AADSTS50059: No tenant-identifying information found in either the request or implied by any provided credentials.")],
        ..Entry::BASE
    },
];

