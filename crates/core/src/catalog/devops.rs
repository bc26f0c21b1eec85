//! AL6xx: Azure DevOps service connections, az CLI session errors, and the generic failure lines
//! (symptoms) that follow a real error. Shapes: azure-pipelines-tasks loc strings
//! (`ExpiredServicePrincipal`, the JWT wrapper seen in microsoft/azure-pipelines-tasks#20279),
//! azure-cli core messages, Azure/login's wrapper, GitHub's step footer.

use super::{consequence, ex, likely, root, say, sh, symptom, yaml, Entry};

const ADO_ARM: &str = "https://learn.microsoft.com/azure/devops/pipelines/release/azure-rm-endpoint";
const ADO_SC: &str = "https://learn.microsoft.com/azure/devops/pipelines/library/connect-to-azure";
const AZ_AUTH: &str = "https://learn.microsoft.com/cli/azure/authenticate-azure-cli";

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "AL600",
        category: "other",
        area: "devops",
        title: "A step failed (generic exit code line)",
        patterns: &[symptom("Process completed with exit code"), symptom("failed with exit code")],
        cause: "Only says that a step failed. The cause is an earlier error line in the same step.",
        fix: &[say("Look at the lines above; expand the failed step and search for 'error'.")],
        docs: &["https://docs.github.com/actions/monitoring-and-troubleshooting-workflows/troubleshooting-workflows/using-workflow-run-logs"],
        examples: &[ex("GitHub Actions step footer", "2024-06-03T09:14:25.0001234Z ##[error]Process completed with exit code 1.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL601",
        category: "other",
        area: "devops",
        title: "azure/login failed (wrapper message)",
        patterns: &[symptom("Login failed with Error"), symptom("Double check if the 'auth-type' is correct")],
        cause: "Azure/login's summary of a failed `az login`: the real error (AADSTS code, missing permission) is printed just before it or inside it.",
        fix: &[say("Read the error before this line; with OIDC it is usually an AADSTS7002xx code (AL010-AL013).")],
        docs: &["https://github.com/Azure/login#readme"],
        examples: &[ex("Azure/login v2 wrapper (reference §5.1)", "2024-06-03T09:14:24.9001234Z ##[error]Login failed with Error: The process '/usr/bin/az' failed with exit code 1. Double check if the 'auth-type' is correct. Refer to https://github.com/Azure/login#readme for more information.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL602",
        category: "other",
        area: "devops",
        title: "az CLI crashed (traceback)",
        patterns: &[symptom("The command failed with an unexpected error. Here is the traceback")],
        cause: "An az CLI bug or an unexpected environment (old CLI, broken extension, odd proxy). The last line of the traceback names the exception.",
        fix: &[sh("Upgrade az and extensions, then re-run with --debug:", "az upgrade --yes && az extension update --name <EXT>")],
        docs: &["https://learn.microsoft.com/cli/azure/update-azure-cli"],
        examples: &[ex(
            "azure-cli traceback output, Windows paths",
            "The command failed with an unexpected error. Here is the traceback:\r\n'NoneType' object has no attribute 'get'\r\nTraceback (most recent call last):\r\n  File \"D:\\a\\_work\\1\\s\\build_scripts\\windows\\artifacts\\cli\\Lib\\site-packages\\knack/cli.py\", line 233, in invoke\r\nAttributeError: 'NoneType' object has no attribute 'get'\r\nTo check existing issues, please visit: https://github.com/Azure/azure-cli/issues\r\n",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL603",
        category: "other",
        area: "devops",
        title: "az is not logged in in this step",
        patterns: &[root("Please run 'az login' to setup account")],
        cause: "No az session: the login ran in another job (each job starts fresh), in a container whose ~/.azure is not shared, or it failed earlier.",
        fix: &[yaml("Log in in the same job, before az commands:", "- uses: azure/login@v2\n  with:\n    client-id: ${{ vars.AZURE_CLIENT_ID }}\n    tenant-id: ${{ vars.AZURE_TENANT_ID }}\n    allow-no-subscriptions: true")],
        docs: &[AZ_AUTH],
        examples: &[ex("azure-cli core message", "2024-06-03T09:20:11.9234567Z ERROR: Please run 'az login' to setup account.\n2024-06-03T09:20:12.0234567Z ##[error]Process completed with exit code 1.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL604",
        category: "wrong-subscription",
        area: "devops",
        title: "The subscription is not visible to this identity",
        patterns: &[root("exist in cloud '")],
        cause: "`az account set` (or azure/login's subscription-id) names a subscription the identity has no role on, a typo, or another cloud's subscription.",
        fix: &[sh("List what the identity can see:", "az account list --query \"[].{name:name, id:id}\" -o table")],
        docs: &[AZ_AUTH],
        examples: &[ex("azure-cli core message", "ERROR: The subscription of '1a2b3c4d-0000-4000-8000-000000000001' doesn't exist in cloud 'AzureCloud'.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL605",
        category: "wrong-subscription",
        area: "devops",
        title: "The identity has no role on any subscription",
        patterns: &[root("No subscriptions found for")],
        cause: "az login succeeded but the identity has no role on any subscription. For ACR pushes this is fine: roles on the registry suffice.",
        fix: &[
            yaml("Tell azure/login a subscription is not needed:", "- uses: azure/login@v2\n  with:\n    allow-no-subscriptions: true"),
            say("Or skip az: this action needs only the registry role."),
        ],
        docs: &["https://github.com/Azure/login#readme"],
        examples: &[ex("azure-cli login output in a GitHub log", "2024-06-03T09:14:24.8765432Z ##[error]No subscriptions found for ***.\n2024-06-03T09:14:24.9001234Z ##[error]Login failed with Error: The process '/usr/bin/az' failed with exit code 1. Double check if the 'auth-type' is correct.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL606",
        category: "missing-rbac-role",
        area: "devops",
        title: "ARM authorization failed (control-plane role missing)",
        patterns: &[root("does not have authorization to perform action"), likely("AuthorizationFailed")],
        cause: "An az command needed a control-plane permission (e.g. `az acr show`, `az acr login`'s ARM lookup, `az acr update`) that the identity lacks. Pushing and pulling only need data-plane roles.",
        fix: &[
            say("Grant the role the action needs at the registry scope (Reader for lookups), or avoid the ARM call: this action and `az acr login -n <name>.azurecr.io --expose-token` need none."),
            sh("Reader on the registry:", "az role assignment create --assignee <CLIENT_ID> --role Reader --scope $(az acr show -n <REGISTRY> --query id -o tsv)"),
        ],
        docs: &["https://learn.microsoft.com/azure/role-based-access-control/troubleshooting"],
        http_status: Some(403),
        examples: &[ex(
            "ARM AuthorizationFailed body via az CLI",
            "ERROR: (AuthorizationFailed) The client 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e' with object id '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/read' over scope '/subscriptions/1a2b3c4d-0000-4000-8000-000000000001/resourceGroups/rg-ci/providers/Microsoft.ContainerRegistry/registries/contosoacr' or the scope is invalid. If access was recently granted, please refresh your credentials.\nCode: AuthorizationFailed",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL607",
        category: "other",
        area: "devops",
        title: "Azure DevOps could not get a token for the service connection (wrapper)",
        patterns: &[consequence("Failed to obtain the Json Web Token(JWT) using service principal client ID"), consequence("Failed to obtain the Json Web Token(JWT) for service principal id")],
        cause: "Azure Pipelines' wrapper around the token request of an Azure Resource Manager service connection; the `Exception Message:` part carries the real error (often AADSTS7000222, an expired secret).",
        fix: &[say("Read the exception message; for an expired secret edit and save the service connection, or convert it to workload identity federation.")],
        docs: &[ADO_ARM, ADO_SC],
        examples: &[ex(
            "azure-pipelines-tasks error shape (microsoft/azure-pipelines-tasks#10321, #20279)",
            "2024-06-03T09:14:24.1234567Z ##[error]Failed to obtain the Json Web Token(JWT) using service principal client ID. Exception Message: Object reference not set to an instance of an object.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL608",
        category: "client-secret-expired",
        area: "devops",
        title: "Azure DevOps service connection expired",
        patterns: &[likely("Verify if the Service Principal used is valid and not expired"), likely("ExpiredServicePrincipal")],
        cause: "The service principal secret behind an Azure Resource Manager service connection expired (automatic connections create 2-year secrets), or the principal was deleted.",
        fix: &[
            say("Project settings > Service connections > the connection > Edit > Save (renews an automatic connection's secret)."),
            say("Better: convert the connection to workload identity federation (no secret to expire)."),
        ],
        docs: &[ADO_ARM, ADO_SC],
        examples: &[ex(
            "azure-pipelines-tasks ExpiredServicePrincipal loc string",
            "2024-06-03T09:14:24.1234567Z ##[section]Starting: Docker login\n2024-06-03T09:14:25.1234567Z ##[error]Could not fetch access token for Azure. Verify if the Service Principal used is valid and not expired. For more information refer https://aka.ms/azureappservicedeploytsg\n2024-06-03T09:14:25.2234567Z ##[section]Finishing: Docker login",
        )],
        ..Entry::BASE
    },
];
