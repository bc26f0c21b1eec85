//! AL03x, AL06x and AL2xx: Azure Container Registry refusals. Shapes: reference §3 (ACR error
//! strings, each with its Microsoft source), §1.6 (token endpoints), registry-testbed.md (skopeo
//! texts), azure-cli `_docker_utils.py` / `_errors.py` / `credential.py` messages, Docker daemon
//! wording (`Error response from daemon: …`).

use super::{consequence, ex, likely, root, say, sh, Entry};

const TROUBLE_LOGIN: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-login-authn-authz";
const ROLES: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-rbac-built-in-roles-overview";
const ABAC: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions";
const AUTH: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-authentication";
const FAQ: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-faq";
const AUTH_ERRORS: &str = "https://learn.microsoft.com/troubleshoot/azure/azure-container-registry/acr-authentication-errors";

const ASSIGN_PULL: &str = "az role assignment create --assignee <CLIENT_ID> --role AcrPull --scope $(az acr show -n <REGISTRY> --query id -o tsv)";
const ASSIGN_PUSH: &str = "az role assignment create --assignee <CLIENT_ID> --role AcrPush --scope $(az acr show -n <REGISTRY> --query id -o tsv)";

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "AL030",
        category: "missing-rbac-role",
        area: "acr",
        title: "The identity has no data-plane role on the registry (token exchange refused)",
        patterns: &[
            root("Access to registry '{registry}' was denied. Response code: 401"),
            root("retrieving permissions failed"),
        ],
        cause: "Entra issued a token, but ACR's /oauth2/exchange refused it: the identity has no role with `Microsoft.ContainerRegistry/registries/pull/read` on this registry (AcrPull, AcrPush, Reader, Contributor, Owner; in ABAC mode only the `Container Registry Repository *` roles count), the role was granted minutes ago (up to 10 min to propagate), or the token is for another tenant.",
        fix: &[
            sh("Grant pull (or AcrPush to push) to the identity the workflow logs in as:", ASSIGN_PULL),
            sh("ABAC-mode registry (`roleAssignmentMode: rbac-abac`): AcrPull is ignored there; grant a repository role instead:", "az role assignment create --assignee <CLIENT_ID> --role \"Container Registry Repository Reader\" --scope $(az acr show -n <REGISTRY> --query id -o tsv)"),
            say("Just granted? Wait up to 10 minutes and re-run."),
        ],
        docs: &[ROLES, ABAC, TROUBLE_LOGIN],
        http_status: Some(401),
        examples: &[
            ex(
                "az acr login output (azure-cli _docker_utils.py + _errors.py CONNECTIVITY_REFRESH_TOKEN_ERROR, reference §2.2, §3)",
                "2024-06-03T09:20:11.1234567Z [command]/usr/bin/az acr login --name contosoacr\n2024-06-03T09:20:13.2345678Z ERROR: Unable to get AAD authorization tokens with message: 2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_REFRESH_TOKEN_ERROR\n2024-06-03T09:20:13.2346678Z Access to registry 'contosoacr.azurecr.io' was denied. Response code: 401. Please try running 'az login' again to refresh permissions.\n2024-06-03T09:20:13.2347678Z Unable to get admin user credentials with message: Admin user is disabled.\n2024-06-03T09:20:13.2348678Z Unable to authenticate using AAD or admin login credentials. Please specify both username and password in non-interactive mode.\n2024-06-03T09:20:13.4001234Z ##[error]Process completed with exit code 1.",
            ),
            ex(
                "Azure SDK for JS/Java TROUBLESHOOTING.md error body (reference §3)",
                "RestError: {\"errors\":[{\"code\":\"DENIED\",\"message\":\"retrieving permissions failed\"}]}\n    at handleErrorResponse (/home/runner/work/api/node_modules/@azure/core-client/dist/index.js:1:2345)",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL031",
        category: "arm-audience-token-disabled",
        area: "acr",
        title: "ARM-audience token refused: the registry disabled authentication-as-arm",
        // The ACR wording is unverified (reference §3, §8): no public source shows the exact text.
        patterns: &[likely("aad access token with sufficient scope not present")],
        cause: "The Entra token was issued for ARM (`https://management.azure.com/`), which is what `az login` and older tools request. A registry with `azureADAuthenticationAsArmPolicy` disabled (recommended, and required for Conditional Access) only accepts tokens for `https://containerregistry.azure.net`.",
        fix: &[
            say("Request the ACR scope `https://containerregistry.azure.net/.default` for the exchange (this action does by default)."),
            sh("Or, if ARM tokens must keep working (e.g. Web Apps pulls), re-enable them:", "az acr config authentication-as-arm show -r <REGISTRY>\naz acr config authentication-as-arm update -r <REGISTRY> --status enabled"),
        ],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-disable-authentication-as-arm"],
        http_status: Some(401),
        examples: &[ex(
            "ACR exchange answer as reported for ARM tokens (text unverified, reference §8)",
            "2024-06-03T09:20:13.2345678Z ##[error]POST https://contosoacr.azurecr.io/oauth2/exchange: 401 {\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"aad access token with sufficient scope not present\"}]}",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL032",
        category: "token-expired-acr",
        area: "acr",
        title: "The ACR token (or `az acr login` credential, ~3 h) expired or is invalid",
        patterns: &[likely("unable to retrieve auth token: invalid username/password"), likely("invalid_token\"")],
        cause: "ACR refresh tokens (what `az acr login` and this action hand to Docker) last about 3 hours; later pushes in a long job fail. A refresh token from another registry, a revoked one, or one minted before the registry switched to ABAC mode is refused the same way.",
        fix: &[
            say("Log in again right before the push, or split long jobs; with this action, add a second login step before late pushes."),
            sh("Check when the current credential expires (decode it on the page):", "az acr login -n <REGISTRY> --expose-token --query accessToken -o tsv"),
        ],
        docs: &[AUTH, TROUBLE_LOGIN],
        http_status: Some(401),
        examples: &[ex(
            "skopeo 1.9 with a stale refresh token (registry-testbed.md exact text)",
            "2024-06-03T12:31:07.1234567Z time=\"2024-06-03T12:31:07Z\" level=fatal msg=\"Error parsing image name \\\"docker://contosoacr.azurecr.io/api:1.4.2\\\": unable to retrieve auth token: invalid username/password: unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\"",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL033",
        category: "missing-rbac-role",
        area: "acr",
        title: "Push or delete denied: the identity can pull but lacks AcrPush / delete rights",
        patterns: &[root("requested access to the resource is denied")],
        cause: "The credential is valid but its token does not carry the action: an AcrPull-only identity pushing, a push role without AcrDelete deleting, an ABAC condition that excludes this repository, or a scope-map token without `content/write`.",
        fix: &[
            sh("Grant push on the registry:", ASSIGN_PUSH),
            say("ABAC mode: grant `Container Registry Repository Writer` with a condition covering this repository prefix."),
            sh("Scope-map token: add the write action for the repository:", "az acr scope-map update -n <SCOPE_MAP> -r <REGISTRY> --add-repository <REPO> content/write content/read"),
        ],
        docs: &[ROLES, ABAC, "https://learn.microsoft.com/azure/container-registry/container-registry-token-based-repository-permissions"],
        http_status: Some(403),
        examples: &[
            ex(
                "skopeo 1.9 push with a pull-only token (registry-testbed.md exact text)",
                "Copying blob sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1\nFATA[0000] trying to reuse blob sha256:4f4f at destination: initiating layer upload to /v2/demo/other/blobs/uploads/ in contosoacr.azurecr.io: errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required",
            ),
            ex(
                "docker push output (Docker CLI wording)",
                "2024-06-03T09:25:40.1234567Z The push refers to repository [contosoacr.azurecr.io/api]\n2024-06-03T09:25:40.3234567Z 5f70bf18a086: Preparing\n2024-06-03T09:25:41.0234567Z denied: requested access to the resource is denied\n2024-06-03T09:25:41.1234567Z ##[error]Process completed with exit code 1.",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL060",
        category: "repository-not-found",
        area: "acr",
        title: "Repository or tag not found in the registry",
        patterns: &[
            root("manifest unknown"),
            root("repository name not known to registry"),
            root("failed to resolve reference \"{image}\": *: not found"),
        ],
        cause: "The repository or tag does not exist in this registry: a typo, a tag never pushed (or deleted by a retention policy), the wrong registry, or a case difference (repository names are lower case).",
        fix: &[
            sh("List what exists:", "az acr repository list -n <REGISTRY> -o table\naz acr repository show-tags -n <REGISTRY> --repository <REPO> -o table"),
            say("Use lower-case repository names and the full login server: `<registry>.azurecr.io/<repo>:<tag>`."),
        ],
        docs: &[FAQ, "https://learn.microsoft.com/troubleshoot/azure/azure-container-registry/troubleshoot-issues-pull-container-registry"],
        http_status: Some(404),
        examples: &[
            ex(
                "docker pull of a missing tag (reference §3, ACR manifest unknown text)",
                "2024-06-03T09:30:02.1234567Z Error response from daemon: manifest for contosoacr.azurecr.io/api:1.4.3 not found: manifest unknown: manifest tagged by \"1.4.3\" is not found\n2024-06-03T09:30:02.2234567Z ##[error]Process completed with exit code 1.",
            ),
            ex(
                "kubectl describe pod events, containerd wording (reference §5.3)",
                "Events:\n  Type     Reason     Age                From               Message\n  ----     ------     ----               ----               -------\n  Normal   Pulling    12s (x2 over 28s)  kubelet            Pulling image \"contosoacr.azurecr.io/api:v9\"\n  Warning  Failed     11s (x2 over 27s)  kubelet            Failed to pull image \"contosoacr.azurecr.io/api:v9\": rpc error: code = NotFound desc = failed to pull and unpack image \"contosoacr.azurecr.io/api:v9\": failed to resolve reference \"contosoacr.azurecr.io/api:v9\": contosoacr.azurecr.io/api:v9: not found\n  Warning  Failed     11s (x2 over 27s)  kubelet            Error: ErrImagePull",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL061",
        category: "admin-account-disabled",
        area: "acr",
        title: "The registry's admin user is disabled",
        patterns: &[root("--admin-enabled true' to enable admin first"), consequence("Admin user is disabled")],
        cause: "Something asked for the admin user's credentials (`az acr credential show`, an App Service/ACI default, `az acr login`'s fallback) but the admin account is disabled, as recommended. When it appears after an Entra failure in `az acr login`, the Entra failure above it is the real problem.",
        fix: &[
            say("Prefer Entra: grant the identity AcrPull/AcrPush and log in with OIDC (this action); leave the admin user disabled."),
            sh("Only if a tool can do nothing else:", "az acr update -n <REGISTRY> --admin-enabled true"),
        ],
        docs: &[AUTH, FAQ],
        examples: &[ex(
            "azure-cli acr credential.py admin_not_enabled_error",
            "2024-06-03T09:20:11.1234567Z [command]/usr/bin/az acr credential show --name contosoacr --query passwords[0].value -o tsv\n2024-06-03T09:20:12.0034567Z ERROR: Run 'az acr update -n contosoacr --admin-enabled true' to enable admin first.\n2024-06-03T09:20:12.1034567Z ##[error]Process completed with exit code 1.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL062",
        category: "anonymous-pull-disabled",
        area: "acr",
        title: "Pull without credentials refused (anonymous pull off, or not logged in)",
        patterns: &[
            root("pull access denied for {image}, repository does not exist or may require 'docker login'"),
            likely("pull access denied, repository does not exist or may require authorization"),
        ],
        cause: "The pull ran without credentials for this registry: no login in this job (or a different DOCKER_CONFIG), a name without the registry prefix so it went to Docker Hub, or an ACR without anonymous pull (Standard/Premium only) while stale cached credentials are ignored.",
        fix: &[
            say("Log in before pulling (this action), and use the full name `<registry>.azurecr.io/<repo>:<tag>`."),
            sh("To serve public images without credentials (Standard/Premium):", "az acr update -n <REGISTRY> --anonymous-pull-enabled true"),
            sh("Stale credentials cached by Docker:", "docker logout <registry>.azurecr.io"),
        ],
        docs: &["https://learn.microsoft.com/azure/container-registry/anonymous-pull-access"],
        examples: &[ex(
            "Docker daemon message for an unauthenticated pull (reference §3)",
            "2024-06-03T09:30:02.1234567Z Error response from daemon: pull access denied for contosoacr.azurecr.io/api, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL063",
        category: "scope-map-token-denied",
        area: "acr",
        title: "The token's scope does not include this action on this repository",
        patterns: &[likely("server message: insufficient_scope"), root("insufficient_scope\"")],
        cause: "The registry token (a scope-map token, or an ACR access token requested for other repositories) lacks the action: e.g. a scope map with `content/read` only and a push, or another repository than the one mapped.",
        fix: &[
            sh("Show what the token may do:", "az acr token show -n <TOKEN> -r <REGISTRY> --query scopeMapId\naz acr scope-map show -n <SCOPE_MAP> -r <REGISTRY> --query actions"),
            sh("Add the action:", "az acr scope-map update -n <SCOPE_MAP> -r <REGISTRY> --add-repository <REPO> content/write"),
        ],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-token-based-repository-permissions"],
        examples: &[
            ex(
                "BuildKit push with a read-only scope-map token (Docker wording, seen in public CI logs)",
                "2024-06-03T09:25:44.1234567Z #12 ERROR: failed to push contosoacr.azurecr.io/api:1.4.2: push access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n2024-06-03T09:25:44.2234567Z ##[error]buildx failed with: ERROR: failed to solve: failed to push contosoacr.azurecr.io/api:1.4.2: push access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
            ),
            ex(
                "registry 401 challenge for an insufficient token (distribution token auth, registry-testbed.md)",
                "< HTTP/1.1 401 Unauthorized\n< Www-Authenticate: Bearer realm=\"https://contosoacr.azurecr.io/oauth2/token\",service=\"contosoacr.azurecr.io\",scope=\"repository:team-a/api:push,pull\",error=\"insufficient_scope\"",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL200",
        category: "other",
        area: "acr",
        title: "ACR answered 401: authentication required",
        patterns: &[likely("unauthorized: authentication required"), likely("authentication required, visit https://aka.ms/acr/authorization")],
        cause: "The registry did not accept the credentials: none were sent (no login in this job or another DOCKER_CONFIG), they expired (~3 h), they belong to an identity without a registry role, the login server was written in upper case, or the registry just switched to ABAC mode (old credentials are invalidated).",
        fix: &[
            say("Look for an earlier error in the log (login step, Entra, DNS): this 401 is often its consequence."),
            sh("Check the identity has a role on the registry:", "az role assignment list --assignee <CLIENT_ID> --scope $(az acr show -n <REGISTRY> --query id -o tsv) -o table"),
            say("Use the lower-case login server `<registry>.azurecr.io`, and log in again right before late pushes."),
        ],
        docs: &[AUTH_ERRORS, "https://learn.microsoft.com/troubleshoot/azure/azure-container-registry/authentication-required", TROUBLE_LOGIN],
        http_status: Some(401),
        examples: &[ex(
            "docker/login-action and docker push against ACR (ACR service text, reference §1.6, §3)",
            "2024-06-03T09:25:40.1234567Z The push refers to repository [contosoacr.azurecr.io/api]\n2024-06-03T09:25:41.0234567Z unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.\n2024-06-03T09:25:41.1234567Z ##[error]Process completed with exit code 1.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL201",
        category: "app-not-found-in-tenant",
        area: "acr",
        title: "ACR does not know the application (service principal credentials)",
        patterns: &[root("Application not registered with AAD")],
        cause: "A service principal's app ID and secret were used as Docker credentials, but the app ID is not valid in the registry's tenant (wrong ID, deleted app, another tenant).",
        fix: &[sh("Check the app exists in the registry's tenant:", "az ad sp show --id <CLIENT_ID> --query appId")],
        docs: &[TROUBLE_LOGIN],
        http_status: Some(401),
        examples: &[ex(
            "docker login with SP credentials (reference §3)",
            "2024-06-03T09:20:12.1234567Z Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": unauthorized: Application not registered with AAD.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL202",
        category: "other",
        area: "acr",
        title: "Push split across two geo-replicas",
        patterns: &[likely("Error writing blob"), likely("Error writing manifest")],
        cause: "On a geo-replicated registry, DNS routing sent the layer uploads and the manifest to two different nearby replicas.",
        fix: &[say("Push from a runner in the replica's region, or temporarily disable routing to one replica: `az acr replication update -r <REGISTRY> -n <REPLICA> --region-endpoint-enabled false`.")],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-performance"],
        examples: &[ex("docker push on a geo-replicated registry (reference §3)", "2024-06-03T09:25:44.1234567Z Error writing manifest: blob upload unknown to registry")],
        ..Entry::BASE
    },
    Entry {
        id: "AL203",
        category: "other",
        area: "acr",
        title: "Storage refused the blob download: Authorization header forwarded on redirect",
        patterns: &[root("InvalidAuthenticationInfo")],
        cause: "Layer downloads redirect to Azure Storage (or a data endpoint). A hand-written client forwarded the registry's `Authorization: Bearer` header on that redirect; storage rejects it.",
        fix: &[say("Follow blob redirects without the Authorization header (curl: do not use --location-trusted).")],
        docs: &[FAQ],
        examples: &[ex(
            "Azure Storage XML error body (reference §1.6, §3)",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>InvalidAuthenticationInfo</Code><Message>Authentication information is not given in the correct format. Check the value of Authorization header.\nRequestId:1a2b3c4d-001e-0042-7a1b-5c6d7e000000\nTime:2024-06-03T09:31:02.1234567Z</Message></Error>",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL204",
        category: "wrong-registry-name",
        area: "acr",
        title: "Invalid registry or repository name",
        patterns: &[
            root("repository name must be lowercase"),
            root("Registry names may contain only alpha numeric characters"),
            likely("unsupported repository format"),
            likely("the requested data does not exist"),
        ],
        cause: "The name is not valid: upper-case letters in the repository or login server, the login server (or an empty variable) passed where the registry NAME is expected, or characters outside a-z0-9.",
        fix: &[
            say("Registry name: 5-50 alphanumerics (`contosoacr`), login server: `contosoacr.azurecr.io`, repository: lower case."),
            say("An empty name usually means a variable or secret did not resolve: print its length, not its value."),
        ],
        docs: &[FAQ],
        examples: &[
            ex(
                "azure-cli acr _constants BAD_REGISTRY_NAME with an empty variable",
                "2024-06-03T09:20:11.1234567Z [command]/usr/bin/az acr login --name \n2024-06-03T09:20:11.9234567Z ERROR: Registry names may contain only alpha numeric characters and must be between 5 and 50 characters\n2024-06-03T09:20:12.0234567Z ##[error]Process completed with exit code 1.",
            ),
            ex("docker CLI reference parsing error", "2024-06-03T09:25:40.1234567Z invalid reference format: repository name must be lowercase"),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL205",
        category: "repository-locked",
        area: "acr",
        title: "The repository, tag or registry is locked against writes or deletes",
        patterns: &[root("The operation is disallowed on this registry, repository or image"), root("REGISTRY_DISALLOWED_OPERATION")],
        cause: "The repository, image or tag has `writeEnabled` (or `deleteEnabled`) false, or the registry reached its storage limit.",
        fix: &[
            sh("Check the locks:", "az acr repository show -n <REGISTRY> --repository <REPO> --query changeableAttributes\naz acr repository show -n <REGISTRY> --image <REPO>:<TAG> --query changeableAttributes"),
            sh("Unlock if intended:", "az acr repository update -n <REGISTRY> --repository <REPO> --write-enabled true --delete-enabled true"),
        ],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-image-lock", FAQ],
        examples: &[ex(
            "docker push to a locked tag (ACR FAQ text)",
            "The push refers to repository [contosoacr.azurecr.io/hello-world]\n9c27e219663c: Layer already exists\nunknown: The operation is disallowed on this registry, repository or image. View troubleshooting steps at https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL206",
        category: "sku-feature-unavailable",
        area: "acr",
        title: "This registry's SKU does not offer the feature (Premium needed)",
        patterns: &[root("is not supported for the SKU"), root("not supported for the registry SKU"), root("DisablingPublicNetworkAccessNotSupported")],
        cause: "Private endpoints, disabling public access, network rules, geo-replication and dedicated data endpoints need the Premium SKU (as did repository-scoped tokens and scope maps while in preview).",
        fix: &[sh("Upgrade the registry:", "az acr update -n <REGISTRY> --sku Premium")],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-skus", "https://learn.microsoft.com/azure/container-registry/container-registry-private-link"],
        examples: &[ex(
            "ARM deployment error body, JSON with \\r\\n (seen in Azure-Samples issue reports)",
            "\"message\": \"{\\r\\n  \\\"error\\\": {\\r\\n    \\\"code\\\": \\\"DisablingPublicNetworkAccessNotSupported\\\",\\r\\n    \\\"message\\\": \\\"Disabling public network access is not supported for the SKU Basic. For more information, please visit https://aka.ms/acr/private-link.\\\"\\r\\n  },\\r\\n  \\\"status\\\": \\\"Failed\\\"\\r\\n}\",",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL207",
        category: "throttled",
        area: "acr",
        title: "Docker Hub pull rate limit (not ACR)",
        patterns: &[root("You have reached your pull rate limit")],
        cause: "An image (often a Dockerfile's FROM) comes from Docker Hub, which limits anonymous and free pulls. ACR is not involved.",
        fix: &[
            sh("Import the base image into your registry once and pull it from there:", "az acr import -n <REGISTRY> --source docker.io/library/node:20 --image base/node:20"),
            say("Or log in to Docker Hub before the build."),
        ],
        docs: &["https://docs.docker.com/docker-hub/usage/", "https://learn.microsoft.com/azure/container-registry/buffer-gate-public-content"],
        http_status: Some(429),
        examples: &[ex(
            "BuildKit output (Docker Hub text, reference §5.2)",
            "#3 [internal] load metadata for docker.io/library/node:20\n#3 ERROR: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL208",
        category: "network-unreachable",
        area: "acr",
        title: "az could not reach the registry login server",
        patterns: &[likely("Could not connect to the registry login server '{registry}'")],
        cause: "`az acr login` (or another az acr command) could not reach `https://<registry>/v2/`: DNS, firewall, proxy or a registry that does not exist.",
        fix: &[sh("Diagnose from the same machine:", "az acr check-health -n <REGISTRY> --yes")],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access"],
        examples: &[ex(
            "azure-cli _docker_utils.py message (reference §2.1)",
            "2024-06-03T09:20:12.1234567Z ERROR: Could not connect to the registry login server 'contosoacr.azurecr.io'. Please verify that the registry exists and the URL 'https://contosoacr.azurecr.io/v2/' is reachable from your environment.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL209",
        category: "wrong-subscription",
        area: "acr",
        title: "Registry not found in the selected subscription",
        patterns: &[root("and type 'Microsoft.ContainerRegistry/registries' could not be found")],
        cause: "az looked the registry up through ARM in the current subscription: the registry lives in another subscription, the name is mistyped, or the identity cannot read it (no control-plane role).",
        fix: &[
            sh("Select the registry's subscription, or pass the login server to skip the ARM lookup:", "az account set --subscription <SUBSCRIPTION_ID>\naz acr login -n <REGISTRY> --expose-token"),
            say("This action needs no ARM access: it talks to the registry directly with data-plane roles."),
        ],
        docs: &[AUTH_ERRORS],
        examples: &[ex(
            "azure-cli ResourceNotFound text (reference §3)",
            "2024-06-03T09:20:12.1234567Z ERROR: The resource with name 'contosoacr' and type 'Microsoft.ContainerRegistry/registries' could not be found in subscription 'Contoso Dev (1a2b3c4d-0000-4000-8000-000000000001)'.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL210",
        category: "other",
        area: "acr",
        title: "`az acr login` fell back to other credentials after the Entra exchange failed",
        patterns: &[consequence("Unable to get AAD authorization tokens with message"), consequence("Unable to authenticate using AAD or admin login credentials")],
        cause: "`az acr login` first exchanges the az session's Entra token; when that fails it tries the admin user, then asks for a password. These lines wrap the real error, printed right after `with message:`.",
        fix: &[say("Fix the error quoted after `with message:` (often AL030 or AL040).")],
        docs: &[TROUBLE_LOGIN],
        examples: &[ex(
            "azure-cli acr login fallback wording (reference §3)",
            "2024-06-03T09:20:13.2345678Z ERROR: Unable to get AAD authorization tokens with message: An error occurred: some unexpected problem\n2024-06-03T09:20:13.2348678Z Unable to authenticate using AAD or admin login credentials. Please specify both username and password in non-interactive mode.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL211",
        category: "other",
        area: "acr",
        title: "Docker has no credentials for this registry",
        patterns: &[likely("no basic auth credentials")],
        cause: "docker push/pull found no entry for the registry in its config: the login ran in another job (runners are fresh per job), wrote to a different DOCKER_CONFIG/HOME, or targeted another host name (case, port).",
        fix: &[say("Log in in the same job, before the push, to exactly the host in the image name; keep DOCKER_CONFIG the same for both steps.")],
        docs: &[AUTH],
        examples: &[ex(
            "docker push without a login (Docker CLI wording)",
            "2024-06-03T09:25:40.1234567Z The push refers to repository [contosoacr.azurecr.io/api]\n2024-06-03T09:25:40.5234567Z no basic auth credentials",
        )],
        ..Entry::BASE
    },
];
