//! AL0xx: GitHub OIDC token request and the federated-credential match at Entra.
//! Shapes: actions/toolkit `oidc-utils.ts` and Azure/login `LoginConfig.ts` strings (reference §1.2,
//! §5.1); AADSTS texts from the Entra error-code reference (reference §4); log framing (timestamps,
//! `##[group]`, `***` masks) as GitHub-hosted runners write it.

use super::{ex, likely, root, say, sh, yaml, Entry};

const FIC_DOC: &str = "https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust";
const GH_AZURE_DOC: &str = "https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-azure";
const GH_OIDC_REF: &str = "https://docs.github.com/actions/reference/security/oidc";
const ENTRA_ERR: &str = "https://learn.microsoft.com/entra/identity-platform/reference-error-codes";

const FIC_CREATE: &str = "az ad app federated-credential create --id <APP_OBJECT_OR_CLIENT_ID> --parameters '{\n  \"name\": \"github-main\",\n  \"issuer\": \"https://token.actions.githubusercontent.com\",\n  \"subject\": \"<EXACT SUBJECT FROM THE ERROR>\",\n  \"audiences\": [\"api://AzureADTokenExchange\"]\n}'";

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "AL001",
        category: "oidc-missing-id-token-permission",
        area: "github",
        title: "The job cannot request a GitHub OIDC token (no `id-token: write`)",
        patterns: &[
            root("Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable"),
            root("Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable"),
            root("Failed to fetch federated token from GitHub"),
        ],
        cause: "GitHub only injects ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN into jobs granted `permissions: id-token: write`. It is missing from the workflow or job, a reusable workflow's caller did not grant it, or the run is a pull request from a fork (fork PRs never get write tokens).",
        fix: &[
            yaml("Grant the permission on the job (listing any permission sets all others to none, so keep `contents: read` for checkout):", "permissions:\n  id-token: write\n  contents: read"),
            say("Reusable workflow in another org: the caller job must grant `id-token: write` too."),
            say("Fork pull requests cannot get an OIDC token: run the login on `push`/`workflow_dispatch`, or in a `pull_request_target` job that never checks out untrusted code."),
        ],
        docs: &[GH_AZURE_DOC, "https://docs.github.com/actions/using-jobs/assigning-permissions-to-jobs"],
        examples: &[
            ex(
                "Azure/login v2 on a fork PR: LoginConfig.ts + toolkit oidc-utils.ts strings (reference §1.2)",
                "2024-06-03T09:14:20.1134567Z ##[group]Run azure/login@v2\n2024-06-03T09:14:20.1135012Z with:\n2024-06-03T09:14:20.1135321Z   client-id: ***\n2024-06-03T09:14:20.1135678Z   tenant-id: ***\n2024-06-03T09:14:20.1138011Z ##[endgroup]\n2024-06-03T09:14:20.4521234Z Running Azure CLI Login.\n2024-06-03T09:14:22.5678901Z ##[error]Failed to fetch federated token from GitHub. Please make sure to give write permissions to id-token in the workflow.\n2024-06-03T09:14:22.5701234Z ##[error]Login failed with Error: Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable. Double check if the 'auth-type' is correct. Refer to https://github.com/Azure/login#readme for more information.",
            ),
            ex(
                "actions/toolkit core.getIDToken() thrown from a JS action (reference §1.2)",
                "\u{1b}[36;1mRun ./.github/actions/acr-login\u{1b}[0m\n::error::Error message: Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL002",
        category: "oidc-token-expired",
        area: "github",
        title: "The GitHub OIDC token had expired when Entra received it (AADSTS700024)",
        patterns: &[root("AADSTS700024"), root("Client assertion is not within its valid time range")],
        cause: "A GitHub OIDC token lives about 5 minutes. It was fetched early and used later: typically az CLI re-using the assertion from azure/login in a long job, a token cached between steps, or a large clock skew on a self-hosted runner.",
        fix: &[
            say("Fetch the GitHub token immediately before each Entra exchange; never cache or pass it between steps. Cache the Entra/ACR tokens instead (they last 60-90 min / 3 h)."),
            say("With azure/login in long jobs, run the login step right before the step that needs Azure, or log in again later in the job."),
            sh("On a self-hosted runner, check the clock:", "timedatectl status   # 'System clock synchronized: yes'"),
        ],
        docs: &[GH_OIDC_REF, ENTRA_ERR],
        examples: &[ex(
            "az CLI after a 40 min build re-using azure/login's assertion; AADSTS700024 text from the Entra error reference (reference §4)",
            "2024-06-03T09:55:02.1234567Z [command]/usr/bin/az acr login --name contosoacr\n2024-06-03T09:55:04.7654321Z ERROR: AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-06-03T09:55:04.5132811Z, assertion valid from 2024-06-03T09:04:20.0000000Z, expiry time of assertion 2024-06-03T09:19:20.0000000Z. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials . Trace ID: 1f6d2c4e-8a3b-4c5d-9e7f-0a1b2c3d4e00 Correlation ID: 7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e Timestamp: 2024-06-03 09:55:04Z\n2024-06-03T09:55:04.9001234Z ##[error]Process completed with exit code 1.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL003",
        category: "other",
        area: "github",
        title: "Login inputs are empty (secrets or variables not available to this run)",
        patterns: &[root("Not all values are present. Ensure 'client-id' and 'tenant-id' are supplied")],
        cause: "The client-id/tenant-id inputs resolved to empty strings. Secrets are not passed to workflows triggered from forks or by Dependabot, environment secrets only exist in jobs that name the environment, and a typo in `secrets.NAME` silently yields ''.",
        fix: &[
            yaml("Use repository variables for the (non-secret) IDs and name the environment if they live there:", "jobs:\n  push:\n    environment: production\n    steps:\n      - uses: azure/login@v2\n        with:\n          client-id: ${{ vars.AZURE_CLIENT_ID }}\n          tenant-id: ${{ vars.AZURE_TENANT_ID }}\n          subscription-id: ${{ vars.AZURE_SUBSCRIPTION_ID }}"),
            say("Dependabot runs read Dependabot secrets (Settings > Secrets and variables > Dependabot), not Actions secrets."),
        ],
        docs: &["https://github.com/Azure/login#readme", "https://docs.github.com/actions/security-guides/using-secrets-in-github-actions"],
        examples: &[ex(
            "Azure/login v2 validation string (reference §5.1) on a Dependabot PR",
            "2024-06-03T09:14:20.4521234Z Running Azure CLI Login.\n2024-06-03T09:14:20.4601234Z ##[error]Login failed with Error: Using auth-type: SERVICE_PRINCIPAL. Not all values are present. Ensure 'client-id' and 'tenant-id' are supplied.. Double check if the 'auth-type' is correct. Refer to https://github.com/Azure/login#readme for more information.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL004",
        category: "wrong-subscription",
        area: "github",
        title: "No subscription given to azure/login",
        patterns: &[root("is supplied or 'allow-no-subscriptions' is 'true'")],
        cause: "azure/login needs a subscription unless told otherwise. Logging in to ACR only needs data-plane roles on the registry, not a subscription.",
        fix: &[
            yaml("Either pass the subscription, or allow a login without one:", "- uses: azure/login@v2\n  with:\n    client-id: ${{ vars.AZURE_CLIENT_ID }}\n    tenant-id: ${{ vars.AZURE_TENANT_ID }}\n    allow-no-subscriptions: true"),
            say("Or skip az entirely: this action exchanges the GitHub token with Entra and ACR itself."),
        ],
        docs: &["https://github.com/Azure/login#readme"],
        examples: &[ex(
            "Azure/login v2 validation string (reference §5.1)",
            "2024-06-03T09:14:20.4601234Z ##[error]Login failed with Error: Ensure 'subscription-id' is supplied or 'allow-no-subscriptions' is 'true'.. Double check if the 'auth-type' is correct. Refer to https://github.com/Azure/login#readme for more information.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL005",
        category: "other",
        area: "github",
        title: "Unsupported cloud name in azure/login `environment`",
        patterns: &[root("for environment is passed")],
        cause: "`environment` accepts azurecloud, azureusgovernment, azurechinacloud, azuregermancloud or azurestack; anything else (e.g. `AzureUSGov`) is refused before any request.",
        fix: &[say("Use one of the accepted names; the registry suffix tells the cloud: .azurecr.io → azurecloud, .azurecr.us → azureusgovernment, .azurecr.cn → azurechinacloud.")],
        docs: &["https://github.com/Azure/login#readme"],
        examples: &[ex(
            "Azure/login v2 validation string (reference §5.1)",
            "2024-06-03T09:14:20.4601234Z ##[error]Login failed with Error: Unsupported value 'AzureUSGov' for environment is passed.The list of supported values for environment are 'azureusgovernment', 'azurechinacloud', 'azuregermancloud', 'azurecloud' or 'azurestack'. Double check if the 'auth-type' is correct.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL006",
        category: "other",
        area: "github",
        title: "GitHub's OIDC provider did not return a token",
        patterns: &[likely("Failed to get ID Token"), root("Response json body do not have ID Token field")],
        cause: "The request to ACTIONS_ID_TOKEN_REQUEST_URL failed (HTTP error from GitHub, an invalid `audience` parameter, a GitHub outage) or answered without `value`. The permission itself is present, otherwise the env vars would be missing (AL001).",
        fix: &[
            say("Check the HTTP status in the message; 5xx: retry (the toolkit retries 10 times) and check https://www.githubstatus.com."),
            say("Append the audience with `&audience=` (the URL already has a query string) and URL-encode it."),
        ],
        docs: &[GH_OIDC_REF],
        examples: &[ex(
            "actions/toolkit oidc-utils.ts error shape (reference §1.2)",
            "2024-06-03T09:14:21.0001234Z ##[error]Error message: Failed to get ID Token. \n 2024-06-03T09:14:21.0002234Z         Error Code : 500\n 2024-06-03T09:14:21.0003234Z         Error Message: Internal Server Error",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL007",
        category: "other",
        area: "github",
        title: "Checkout fails after adding `permissions: id-token: write`",
        patterns: &[likely("remote: Repository not found"), likely("terminal prompts disabled")],
        cause: "Declaring any permission sets every unlisted one to `none`. Adding only `id-token: write` removed `contents: read`, so actions/checkout of a private repository is refused.",
        fix: &[yaml("List every permission the job needs:", "permissions:\n  id-token: write\n  contents: read")],
        docs: &["https://docs.github.com/actions/using-jobs/assigning-permissions-to-jobs"],
        examples: &[ex(
            "actions/checkout v4 git output with contents: none (GitHub permissions doc, reference §1.2)",
            "2024-06-03T09:14:05.2231234Z [command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +abc123:refs/remotes/origin/main\n2024-06-03T09:14:05.6541234Z remote: Repository not found.\n2024-06-03T09:14:05.6551234Z ##[error]fatal: repository 'https://github.com/contoso/api/' not found\n2024-06-03T09:14:05.6581234Z The process '/usr/bin/git' failed with exit code 128",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL010",
        category: "oidc-no-federated-credential",
        area: "github",
        title: "No federated credential matches the GitHub token (AADSTS70021)",
        patterns: &[
            root("AADSTS70021"),
            root("No matching federated identity record found for presented assertion."),
            root("Assertion Issuer: '{issuer}'"),
            root("Assertion Subject: '{subject}'"),
            root("Assertion Audience: '{audience}'"),
        ],
        cause: "Entra found no federated identity credential on the app / managed identity whose issuer, subject and audience all equal the token's, byte for byte. Right after creating the credential this also happens for a few minutes (propagation).",
        fix: &[
            say("Compare the Assertion Issuer/Subject/Audience in the message with the credential (case-sensitive, no wildcards, no trailing slash on the issuer)."),
            sh("List the credentials on the app the workflow logs in as:", "az ad app federated-credential list --id <CLIENT_ID> -o table"),
            sh("Add one for the exact subject:", FIC_CREATE),
            say("Just created it? Wait a minute and re-run; add a retry for the first run after setup."),
        ],
        docs: &[FIC_DOC, "https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations"],
        examples: &[ex(
            "az login --federated-token output; AADSTS70021 text with Assertion fields as Entra returns it (reference §4)",
            "2024-06-03T09:14:23.1234567Z [command]/usr/bin/az login --service-principal -u *** --tenant *** --allow-no-subscriptions --federated-token ***\n2024-06-03T09:14:24.8765432Z ##[error]AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://token.actions.githubusercontent.com'. Assertion Subject: 'repo:contoso/api:ref:refs/heads/release/2.0'. Assertion Audience: 'api://AzureADTokenExchange'. https://docs.microsoft.com/azure/active-directory/develop/workload-identity-federation Trace ID: 5e0b8e52-1c3d-4f6a-9b7c-2d4e6f8a0b00 Correlation ID: 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 Timestamp: 2024-06-03 09:14:24Z\n2024-06-03T09:14:24.9001234Z ##[error]Login failed with Error: The process '/usr/bin/az' failed with exit code 1. Double check if the 'auth-type' is correct. Refer to https://github.com/Azure/login#readme for more information.\n2024-06-03T09:14:25.0001234Z ##[error]Process completed with exit code 1.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL011",
        category: "oidc-issuer-mismatch",
        area: "github",
        title: "The federated credential's issuer differs from the token's (AADSTS700211)",
        patterns: &[root("AADSTS700211"), root("presented assertion issuer '{issuer}'")],
        cause: "The token's `iss` is not the credential's issuer. Typical: a trailing slash, GHES (`https://HOST/_services/token`), an enterprise with a customised issuer (`https://token.actions.githubusercontent.com/<slug>`), or GHE.com (`https://token.actions.<sub>.ghe.com`).",
        fix: &[
            say("Set the credential's issuer to exactly the issuer shown in the error."),
            sh("Update the credential:", "az ad app federated-credential update --id <CLIENT_ID> --federated-credential-id <NAME> --parameters '{\"issuer\": \"<ISSUER FROM THE ERROR>\"}'"),
        ],
        docs: &[FIC_DOC, GH_OIDC_REF],
        examples: &[ex(
            "az CLI error for an enterprise-slug issuer; AADSTS700211 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ERROR: AADSTS700211: No matching federated identity record found for presented assertion issuer 'https://token.actions.githubusercontent.com/contoso-enterprise'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation Trace ID: 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c00 Correlation ID: 11223344-5566-4778-899a-abbccddeeff0 Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL012",
        category: "oidc-audience-mismatch",
        area: "github",
        title: "The GitHub token has the wrong audience (AADSTS700212)",
        patterns: &[root("AADSTS700212"), root("presented assertion audience '{audience}'")],
        cause: "The token was requested without `audience=api://AzureADTokenExchange`, so GitHub used its default, the owner's URL (`https://github.com/<owner>`); or the cloud's audience differs (`api://AzureADTokenExchangeUSGov`, `…China`).",
        fix: &[
            say("Request the token with the audience the credential has (this action and azure/login do so by default):"),
            sh("Manual request:", "curl -sH \"Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN\" \"$ACTIONS_ID_TOKEN_REQUEST_URL&audience=api://AzureADTokenExchange\""),
            say("Sovereign cloud: use the same cloud-specific audience in the request and in the credential."),
        ],
        docs: &[FIC_DOC, GH_OIDC_REF],
        examples: &[ex(
            "token requested without audience; AADSTS700212 text (reference §4, §9 fact 1)",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS700212: No matching federated identity record found for presented assertion audience 'https://github.com/contoso'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation Trace ID: 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d00 Correlation ID: 99887766-5544-4332-8110-ffeeddccbba0 Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL013",
        category: "oidc-subject-mismatch",
        area: "github",
        title: "No federated credential for this token's subject (AADSTS700213)",
        patterns: &[root("AADSTS700213"), root("presented assertion subject '{subject}'")],
        cause: "The credential's subject is not the token's `sub`. GitHub picks it by precedence: environment (`repo:O/R:environment:E`) > pull request (`repo:O/R:pull_request`) > ref (`repo:O/R:ref:refs/heads/B` or `refs/tags/T`). Customised subject templates and the immutable `repo:owner@id/repo@id:…` form (new or renamed repositories) also change it.",
        fix: &[
            say("Add a federated credential whose subject is exactly the one in the error (it is the token's `sub`)."),
            sh("Create it:", FIC_CREATE),
            say("One credential per branch/environment/tag: no wildcards (max 20 per app). Prefer an environment subject for deployments."),
        ],
        docs: &[FIC_DOC, GH_OIDC_REF, "https://learn.microsoft.com/entra/workload-id/workload-identities-github-immutable-subjects"],
        examples: &[
            ex(
                "Entra token endpoint JSON body as an HTTP client logs it, \\u0027 and \\r\\n escaped (reference §1.5, §4)",
                "2024-06-03T09:14:24.1234567Z ##[error]Entra token request failed: 400 {\"error\":\"invalid_request\",\"error_description\":\"AADSTS700213: No matching federated identity record found for presented assertion subject \\u0027repo:contoso/api:environment:production\\u0027. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation\\r\\nTrace ID: 4f3e2d1c-0b9a-4876-9543-210fedcba900\\r\\nCorrelation ID: 5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d\\r\\nTimestamp: 2024-06-03 09:14:24Z\",\"error_codes\":[700213],\"timestamp\":\"2024-06-03 09:14:24Z\",\"trace_id\":\"4f3e2d1c-0b9a-4876-9543-210fedcba900\",\"correlation_id\":\"5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d\"}\n2024-06-03T09:14:24.2001234Z ##[error]Process completed with exit code 1.",
            ),
            ex(
                "az CLI error for the immutable subject form (reference §1.3)",
                "ERROR: AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso@1234567/api@89012345:ref:refs/heads/main'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.\r\nTrace ID: 4f3e2d1c-0b9a-4876-9543-210fedcba900\r\nCorrelation ID: 5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d\r\nTimestamp: 2026-08-01 10:00:00Z\r\n",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL014",
        category: "oidc-no-federated-credential",
        area: "github",
        title: "The app or managed identity has no federated credential at all (AADSTS70025)",
        patterns: &[root("AADSTS70025"), root("has no configured federated identity credentials")],
        cause: "The client ID the workflow sends belongs to an object without any federated credential: a wrong client ID (e.g. the object ID, or another app), the credential added to a different app/identity, or just created (propagation).",
        fix: &[
            sh("Check which object the client ID is and what it trusts:", "az ad app federated-credential list --id <CLIENT_ID> -o table\naz identity federated-credential list --identity-name <UAMI> -g <RG> -o table"),
            sh("Add the credential on that object:", FIC_CREATE),
        ],
        docs: &[FIC_DOC],
        examples: &[ex(
            "AADSTS70025 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS70025: The client '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'(gh-deploy) has no configured federated identity credentials. Trace ID: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c00 Correlation ID: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL015",
        category: "oidc-no-federated-credential",
        area: "github",
        title: "Entra could not verify the GitHub token's signature (AADSTS700027)",
        patterns: &[root("AADSTS700027"), root("Client assertion failed signature validation")],
        cause: "The assertion was altered or truncated on its way (quotes, a newline, a shell variable cut at a character), or signed by an issuer whose keys Entra cannot fetch (a GHES host not reachable from Entra).",
        fix: &[
            say("Pass the token unmodified: no `echo` through a shell, no trimming; use the action's input or an env var."),
            say("Decode the token on the page: a malformed segment or a missing signature shows there."),
        ],
        docs: &[ENTRA_ERR],
        examples: &[ex(
            "AADSTS700027 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ERROR: AADSTS700027: Client assertion failed signature validation. Trace ID: 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d00 Correlation ID: 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL016",
        category: "oidc-no-federated-credential",
        area: "github",
        title: "The token request carried no assertion (AADSTS7000218)",
        patterns: &[root("AADSTS7000218"), root("must contain the following parameter: 'client_assertion' or 'client_secret'")],
        cause: "`client_assertion` was empty: the step that fetched the GitHub token failed or its output was not wired to the login, so the exchange was sent without credentials.",
        fix: &[say("Look above for the GitHub token request failure (AL001/AL006) and make sure the token reaches the login step.")],
        docs: &[ENTRA_ERR, "https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow"],
        examples: &[ex(
            "AADSTS7000218 text (reference §4)",
            "2024-06-03T09:14:24.8765432Z ##[error]AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'. Trace ID: 3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e00 Correlation ID: 3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f Timestamp: 2024-06-03 09:14:24Z",
        )],
        ..Entry::BASE
    },
];
