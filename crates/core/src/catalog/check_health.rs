//! AL5xx: every `az acr check-health` error code. Message templates are azure-cli
//! `acr/_errors.py`; the order of checks and the output framing (`An error occurred: CODE`, the
//! `Please refer to https://aka.ms/acr/errors#code` footer) are `acr/check_health.py`; causes and
//! fixes follow the ACR health-check error reference (reference §2).

use super::{ex, likely, root, say, sh, Entry};

const HEALTH_REF: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-health-error-reference";
const CHECK_HEALTH: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-check-health";

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "AL500",
        category: "docker-daemon-unavailable",
        area: "check-health",
        title: "check-health: Docker client not usable (DOCKER_COMMAND_ERROR)",
        check_health_code: Some("DOCKER_COMMAND_ERROR"),
        patterns: &[likely("DOCKER_COMMAND_ERROR"), likely("Please verify if Docker client is installed and running")],
        cause: "`docker ps` could not run, or wrote anything to stderr (a stopped daemon included). The stderr printed with it tells which.",
        fix: &[say("Install or start Docker, or skip the environment checks: a registry login needs no Docker with `az acr login --expose-token` or this action.")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: DOCKER_COMMAND_ERROR\nPlease verify if Docker client is installed and running.\nPlease refer to https://aka.ms/acr/errors#docker_command_error for more information.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL501",
        category: "docker-daemon-unavailable",
        area: "check-health",
        title: "check-health: Docker daemon not running (DOCKER_DAEMON_ERROR)",
        check_health_code: Some("DOCKER_DAEMON_ERROR"),
        patterns: &[root("DOCKER_DAEMON_ERROR"), root("Please verify if Docker daemon is running, or try restarting it")],
        cause: "The Docker daemon did not answer.",
        fix: &[sh("Start or restart it:", "sudo systemctl restart docker")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: DOCKER_DAEMON_ERROR\nPlease verify if Docker daemon is running, or try restarting it.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL502",
        category: "docker-daemon-unavailable",
        area: "check-health",
        title: "check-health: `docker version` failed (DOCKER_VERSION_ERROR)",
        check_health_code: Some("DOCKER_VERSION_ERROR"),
        patterns: &[likely("DOCKER_VERSION_ERROR"), likely("An error occurred while retrieving Docker version")],
        cause: "`docker version` failed, usually because the client cannot reach the daemon.",
        fix: &[sh("Run it by hand to see why:", "docker version")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: DOCKER_VERSION_ERROR\nAn error occurred while retrieving Docker version. Please try verifying it manually.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL503",
        category: "network-unreachable",
        area: "check-health",
        title: "check-health: sample image pull failed (DOCKER_PULL_ERROR)",
        check_health_code: Some("DOCKER_PULL_ERROR"),
        patterns: &[likely("DOCKER_PULL_ERROR"), likely("An error occurred while pulling a sample image")],
        cause: "Pulling mcr.microsoft.com/mcr/hello-world failed: no route to MCR (proxy, firewall) or a broken daemon. This concerns MCR, not your registry.",
        fix: &[sh("Try it by hand:", "docker pull mcr.microsoft.com/mcr/hello-world:latest")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: DOCKER_PULL_ERROR\nAn error occurred while pulling a sample image. Please validate your network connection and verify if Docker daemon is running properly.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL504",
        category: "other",
        area: "check-health",
        title: "check-health: Helm not installed (HELM_COMMAND_ERROR)",
        check_health_code: Some("HELM_COMMAND_ERROR"),
        patterns: &[likely("HELM_COMMAND_ERROR"), likely("Please verify if Helm is installed")],
        cause: "Helm is missing; only matters if you push Helm charts.",
        fix: &[say("Ignore unless you use Helm; otherwise install Helm 3.")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: HELM_COMMAND_ERROR\nPlease verify if Helm is installed.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL505",
        category: "other",
        area: "check-health",
        title: "check-health: Helm version problem (HELM_VERSION_ERROR)",
        check_health_code: Some("HELM_VERSION_ERROR"),
        patterns: &[likely("HELM_VERSION_ERROR"), likely("Current Helm client version is not recommended")],
        cause: "`helm version` failed or the client is older than 2.11.0.",
        fix: &[say("Upgrade Helm (Helm 3 pushes charts to ACR as OCI artifacts).")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: HELM_VERSION_ERROR\nCurrent Helm client version is not recommended. Please upgrade your Helm client to at least version 2.11.0.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL506",
        category: "other",
        area: "check-health",
        title: "check-health: notary not installed (NOTARY_COMMAND_ERROR)",
        check_health_code: Some("NOTARY_COMMAND_ERROR"),
        patterns: &[likely("NOTARY_COMMAND_ERROR"), likely("Please verify if notary is installed")],
        cause: "notary (Docker Content Trust, deprecated on ACR) is missing.",
        fix: &[say("Ignore unless you sign with Docker Content Trust.")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: NOTARY_COMMAND_ERROR\nPlease verify if notary is installed.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL507",
        category: "other",
        area: "check-health",
        title: "check-health: notary version problem (NOTARY_VERSION_ERROR)",
        check_health_code: Some("NOTARY_VERSION_ERROR"),
        patterns: &[likely("NOTARY_VERSION_ERROR"), likely("Current notary version is not recommended")],
        cause: "`notary version` failed or is not 0.6.0.",
        fix: &[say("Ignore unless you sign with Docker Content Trust.")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: NOTARY_VERSION_ERROR\nCurrent notary version is not recommended. Please upgrade your notary client to version 0.6.0.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL508",
        category: "dns-resolution",
        area: "check-health",
        title: "check-health: registry name does not resolve (CONNECTIVITY_DNS_ERROR)",
        check_health_code: Some("CONNECTIVITY_DNS_ERROR"),
        patterns: &[root("CONNECTIVITY_DNS_ERROR"), root("Failed to reach DNS for registry '{registry}'")],
        cause: "gethostbyname(login server) failed: spelling, wrong cloud (az cloud set), or DNS that cannot see a private zone.",
        fix: &[sh("Check the cloud and the name:", "az cloud show --query name\nnslookup <registry>.azurecr.io")],
        docs: &[HEALTH_REF, CHECK_HEALTH],
        examples: &[ex("check_health.py output (reference §2.2)", "Azure CLI version: 2.61.0\n2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_DNS_ERROR\nFailed to reach DNS for registry 'contosoarc.azurecr.io'. Please check if the spelling is correct, if the CLI environment is on correct cloud and your network connectivity.\nPlease refer to https://aka.ms/acr/errors#connectivity_dns_error for more information.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL509",
        category: "network-ip-denied",
        area: "check-health",
        title: "check-health: registry answered 403 (CONNECTIVITY_FORBIDDEN_ERROR)",
        check_health_code: Some("CONNECTIVITY_FORBIDDEN_ERROR"),
        patterns: &[root("CONNECTIVITY_FORBIDDEN_ERROR"), root("Looks like you don't have access to registry '{registry}'")],
        cause: "GET /v2/ returned 403: the registry's network rules do not allow this client.",
        fix: &[sh("See the rules, then allow this network (see AL040):", "az acr show --query networkRuleSet --name <REGISTRY>")],
        docs: &[HEALTH_REF, "https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks"],
        http_status: Some(403),
        examples: &[ex("check_health.py output (reference §2.2)", "DNS lookup to contosoacr.azurecr.io at IP 20.61.123.45 : OK\n2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_FORBIDDEN_ERROR\nLooks like you don't have access to registry 'contosoacr.azurecr.io'. To see configured firewall rules, run 'az acr show --query networkRuleSet --name contosoacr'.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL510",
        category: "network-unreachable",
        area: "check-health",
        title: "check-health: no authentication challenge from /v2/ (CONNECTIVITY_CHALLENGE_ERROR)",
        check_health_code: Some("CONNECTIVITY_CHALLENGE_ERROR"),
        patterns: &[likely("CONNECTIVITY_CHALLENGE_ERROR"), likely("did not issue a challenge")],
        cause: "GET https://<registry>/v2/ failed or did not answer 401 with a WWW-Authenticate header: unreachable, or a proxy answered instead.",
        fix: &[sh("Look at the raw answer:", "curl -si https://<registry>.azurecr.io/v2/ | head -n 5")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_CHALLENGE_ERROR\nRegistry 'contosoacr.azurecr.io' did not issue a challenge.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL511",
        category: "other",
        area: "check-health",
        title: "check-health: registry does not offer Entra login (CONNECTIVITY_AAD_LOGIN_ERROR)",
        check_health_code: Some("CONNECTIVITY_AAD_LOGIN_ERROR"),
        patterns: &[root("CONNECTIVITY_AAD_LOGIN_ERROR"), root("does not support AAD login")],
        cause: "The /v2/ challenge is not `Bearer` with realm and service: this is not an ACR endpoint (a proxy or another registry answered).",
        fix: &[say("Check that the login server is the registry's (`az acr show -n <REGISTRY> --query loginServer`) and that no proxy rewrites the answer.")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_AAD_LOGIN_ERROR\nRegistry 'contosoacr.azurecr.io' does not support AAD login.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL512",
        category: "other",
        area: "check-health",
        title: "check-health: unexpected authentication challenge (CONNECTIVITY_WWW_AUTHENTICATE_ERROR)",
        check_health_code: Some("CONNECTIVITY_WWW_AUTHENTICATE_ERROR"),
        patterns: &[root("CONNECTIVITY_WWW_AUTHENTICATE_ERROR"), root("did not ask properly for a basic or a bearer authentication")],
        cause: "The registry's challenge is neither Basic nor Bearer: something other than ACR answered.",
        fix: &[say("Verify the login server and any proxy in between.")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_WWW_AUTHENTICATE_ERROR\nRegistry 'contosoacr.azurecr.io' did not ask properly for a basic or a bearer authentication.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL513",
        category: "missing-rbac-role",
        area: "check-health",
        title: "check-health: token exchange refused (CONNECTIVITY_REFRESH_TOKEN_ERROR)",
        check_health_code: Some("CONNECTIVITY_REFRESH_TOKEN_ERROR"),
        patterns: &[likely("CONNECTIVITY_REFRESH_TOKEN_ERROR"), likely("Access to registry '{registry}' was denied. Response code: {httpStatus}")],
        cause: "POST /oauth2/exchange did not return 200. The response code says why: 401 → the identity has no registry role, or the wrong tenant/ARM-audience token (AL030/AL031); 403 → firewall (AL040); 429 → throttled (older CLIs report it here, newer ones as CONNECTIVITY_TOOMANYREQUESTS_ERROR).",
        fix: &[
            sh("Check the identity's roles on the registry:", "az role assignment list --assignee <CLIENT_ID> --scope $(az acr show -n <REGISTRY> --query id -o tsv) -o table"),
            say("Then re-login (`az login`) so the token carries fresh permissions."),
        ],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output from an older azure-cli on a throttled registry (reference §2.1, §2.2)", "Challenge endpoint https://contosoacr.azurecr.io/v2/ : OK\n2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_REFRESH_TOKEN_ERROR\nAccess to registry 'contosoacr.azurecr.io' was denied. Response code: 429. Please try running 'az login' again to refresh permissions.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL514",
        category: "missing-rbac-role",
        area: "check-health",
        title: "check-health: access token for the catalog refused (CONNECTIVITY_ACCESS_TOKEN_ERROR)",
        check_health_code: Some("CONNECTIVITY_ACCESS_TOKEN_ERROR"),
        patterns: &[root("CONNECTIVITY_ACCESS_TOKEN_ERROR")],
        cause: "The refresh token worked but /oauth2/token for `registry:catalog:*` did not: the identity cannot list the catalog. In ABAC mode that needs `Container Registry Repository Catalog Lister`, which repository roles do not include; pull/push may still work.",
        fix: &[sh("Grant catalog listing if needed (ABAC mode):", "az role assignment create --assignee <CLIENT_ID> --role \"Container Registry Repository Catalog Lister\" --scope $(az acr show -n <REGISTRY> --query id -o tsv)")],
        docs: &[HEALTH_REF, "https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions"],
        examples: &[ex("check_health.py output (reference §2.2)", "Fetch refresh token for registry 'contosoacr.azurecr.io' : OK\n2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_ACCESS_TOKEN_ERROR\nAccess to registry 'contosoacr.azurecr.io' was denied. Response code: 401. Please try running 'az login' again to refresh permissions.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL515",
        category: "tls-certificate",
        area: "check-health",
        title: "check-health: TLS to the registry failed (CONNECTIVITY_SSL_ERROR)",
        check_health_code: Some("CONNECTIVITY_SSL_ERROR"),
        patterns: &[root("CONNECTIVITY_SSL_ERROR"), root("Unable to establish a secure connection to the registry")],
        cause: "The TLS handshake failed, almost always a TLS-inspecting proxy whose CA Python does not trust.",
        fix: &[sh("Point az at the corporate CA bundle:", "export REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_SSL_ERROR\nUnable to establish a secure connection to the registry 'contosoacr.azurecr.io'. Are you using a proxy server?")],
        ..Entry::BASE
    },
    Entry {
        id: "AL516",
        category: "throttled",
        area: "check-health",
        title: "check-health: token endpoint throttled (CONNECTIVITY_TOOMANYREQUESTS_ERROR)",
        check_health_code: Some("CONNECTIVITY_TOOMANYREQUESTS_ERROR"),
        // Message text not in the _errors.py read (reference §8): the code is what is matched.
        patterns: &[root("CONNECTIVITY_TOOMANYREQUESTS_ERROR")],
        cause: "/oauth2/exchange or /oauth2/token answered 429: the registry's OAuth rate limit was hit.",
        fix: &[say("Wait and retry with backoff; reduce parallel logins (one per job).")],
        docs: &[HEALTH_REF, "https://learn.microsoft.com/azure/container-registry/container-registry-skus"],
        http_status: Some(429),
        examples: &[ex("check_health.py output (code from reference §2.1)", "2024-06-03 09:20:13.221004 An error occurred: CONNECTIVITY_TOOMANYREQUESTS_ERROR\nPlease refer to https://aka.ms/acr/errors#connectivity_toomanyrequests_error for more information.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL517",
        category: "wrong-registry-name",
        area: "check-health",
        title: "check-health: login server unknown (LOGIN_SERVER_ERROR)",
        check_health_code: Some("LOGIN_SERVER_ERROR"),
        patterns: &[root("LOGIN_SERVER_ERROR"), root("An error occurred while retrieving the login server for registry")],
        cause: "The registry could not be found through ARM and the current cloud has no ACR suffix to guess from: wrong name, wrong subscription/cloud, or no read permission.",
        fix: &[sh("Pass the full login server, or select the right subscription:", "az acr check-health -n <registry>.azurecr.io --yes\naz account set --subscription <SUBSCRIPTION_ID>")],
        docs: &[HEALTH_REF],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: LOGIN_SERVER_ERROR\nAn error occurred while retrieving the login server for registry 'contosoacr'. Please check if the spelling is correct, if the CLI environment is on correct cloud and if you have the right permissions on it.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL518",
        category: "other",
        area: "check-health",
        title: "check-health: encryption identity missing (CMK_ERROR)",
        check_health_code: Some("CMK_ERROR"),
        patterns: &[root("CMK_ERROR"), root("encryption doesn't exist")],
        cause: "The registry uses a customer-managed key, and the identity it uses to read the key no longer exists.",
        fix: &[sh("Rotate to a valid identity:", "az acr encryption rotate-key -n <REGISTRY> --identity <IDENTITY_ID> --key-encryption-key <KEY_ID>")],
        docs: &[HEALTH_REF, "https://learn.microsoft.com/azure/container-registry/tutorial-troubleshoot-customer-managed-keys"],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: CMK_ERROR\nThe identity used for registry 'contosoacr' encryption doesn't exist.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL519",
        category: "other",
        area: "check-health",
        title: "check-health: unexpected error (UNEXPECTED_ERROR)",
        check_health_code: Some("UNEXPECTED_ERROR"),
        patterns: &[likely("UNEXPECTED_ERROR")],
        cause: "check-health hit an error it has no code for; the lines around it carry the detail.",
        fix: &[sh("Re-run with debug output:", "az acr check-health -n <REGISTRY> --yes --debug")],
        docs: &[HEALTH_REF, CHECK_HEALTH],
        examples: &[ex("check_health.py output (reference §2.2)", "2024-06-03 09:20:13.221004 An error occurred: UNEXPECTED_ERROR\nAn unexpected error occurred.")],
        ..Entry::BASE
    },
];

