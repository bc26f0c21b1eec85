//! AL050 and AL4xx: the Docker daemon, containerd/kubelet on AKS, and `az aks check-acr`
//! (canipull). Shapes: moby `client/errors.go` (reference §5.2), the AKS "cannot pull image from
//! ACR" support article and canipull output (reference §5.3), `kubectl describe pod` event tables.

use super::{ex, likely, root, say, sh, symptom, Entry};

const AKS_PULL: &str = "https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/connectivity/cannot-pull-image-from-acr-to-aks-cluster";
const AKS_ACR: &str = "https://learn.microsoft.com/azure/aks/cluster-container-registry-integration";

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "AL050",
        category: "docker-daemon-unavailable",
        area: "docker",
        title: "No Docker daemon (use --expose-token: this login needs none)",
        patterns: &[
            root("Cannot connect to the Docker daemon"),
            root("This error may indicate that the docker daemon is not running"),
            root("to get an access token, which does not require Docker to be installed"),
        ],
        cause: "`az acr login` (and `docker login`) write credentials through the Docker daemon, which is not running here (no Docker on the runner, a container job without the socket, Windows without Docker Desktop started).",
        fix: &[
            say("This action needs no daemon: it writes the registry token to the Docker config (or outputs it) directly."),
            sh("With az, get a token without Docker:", "TOKEN=$(az acr login -n <REGISTRY> --expose-token --query accessToken -o tsv)\n# username 00000000-0000-0000-0000-000000000000, password $TOKEN"),
            say("If Docker is needed later: start it (`sudo systemctl start docker`), or mount /var/run/docker.sock into the job container."),
        ],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-authentication#az-acr-login-with---expose-token"],
        examples: &[
            ex(
                "az acr login on a runner without a daemon (moby client/errors.go text, azure-cli hint)",
                "2024-06-03T09:20:12.1234567Z [command]/usr/bin/az acr login --name contosoacr\n2024-06-03T09:20:13.9234567Z ERROR: 2024-06-03 09:20:13.901234 An error occurred: DOCKER_COMMAND_ERROR\n2024-06-03T09:20:13.9244567Z Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n2024-06-03T09:20:13.9254567Z ##[error]Process completed with exit code 1.",
            ),
            ex(
                "Windows runner, named pipe path (Docker CLI text)",
                "ERROR: error during connect: This error may indicate that the docker daemon is not running.: Get \"http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.24/version\": open //./pipe/docker_engine: The system cannot find the file specified.\r\nAt C:\\actions-runner\\_work\\_temp\\3f2a1b0c-login.ps1:3 char:1\r\n",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL400",
        category: "docker-daemon-unavailable",
        area: "docker",
        title: "The Docker CLI is not installed",
        patterns: &[root("docker: command not found"), root("The term 'docker' is not recognized")],
        cause: "No `docker` executable on PATH (a minimal container image, a Windows runner without Docker, a self-hosted runner).",
        fix: &[say("Use this action (no Docker needed) or `az acr login --expose-token`; install Docker only if a later step builds images.")],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-authentication"],
        examples: &[ex("bash in a slim job container", "2024-06-03T09:20:13.1234567Z /__w/_temp/2b9c1e.sh: line 2: docker: command not found\n2024-06-03T09:20:13.2234567Z ##[error]Process completed with exit code 127.")],
        ..Entry::BASE
    },
    Entry {
        id: "AL401",
        category: "docker-daemon-unavailable",
        area: "docker",
        title: "No permission on the Docker socket",
        patterns: &[root("permission denied while trying to connect to the Docker daemon socket")],
        cause: "The user is not in the `docker` group (self-hosted runner service account) or the socket was mounted read-only.",
        fix: &[sh("Add the runner's user to the docker group and restart the runner service:", "sudo usermod -aG docker <RUNNER_USER> && sudo systemctl restart actions.runner.*")],
        docs: &["https://docs.docker.com/engine/install/linux-postinstall/"],
        examples: &[ex("Docker CLI text", "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.45/info\": dial unix /var/run/docker.sock: connect: permission denied")],
        ..Entry::BASE
    },
    Entry {
        id: "AL402",
        category: "aks-kubelet-identity-missing-role",
        area: "aks",
        title: "AKS kubelet identity cannot pull from ACR (401 on the token request)",
        patterns: &[
            root("failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized"),
            root("rejected token exchange: ACR token exchange endpoint returned error status: {httpStatus}"),
            root("Validating image pull permission: FAILED"),
        ],
        cause: "The cluster's kubelet identity (or its service principal) has no AcrPull on the registry (RBAC mode) or no `Container Registry Repository Reader` (ABAC mode: `--attach-acr` cannot assign it), its secret expired, the identity was removed from the node pool, or an image-pull secret is stale.",
        fix: &[
            sh("Attach the registry (assigns AcrPull to the kubelet identity):", "az aks update -g <RG> -n <CLUSTER> --attach-acr <REGISTRY>"),
            sh("Verify from inside the cluster:", "az aks check-acr -g <RG> -n <CLUSTER> --acr <REGISTRY>.azurecr.io"),
            say("ABAC-mode registry: assign `Container Registry Repository Reader` to the kubelet identity's principal ID yourself."),
        ],
        docs: &[AKS_PULL, AKS_ACR],
        http_status: Some(401),
        examples: &[
            ex(
                "kubectl describe pod events (AKS support article text, reference §5.3)",
                "Events:\n  Type     Reason     Age                From               Message\n  ----     ------     ----               ----               -------\n  Normal   Scheduled  2m                 default-scheduler  Successfully assigned web/api-7d9f8b6c5-x2x4z to aks-nodepool1-12345678-vmss000000\n  Normal   Pulling    60s (x4 over 2m)   kubelet            Pulling image \"contosoacr.azurecr.io/api:1.4.2\"\n  Warning  Failed     60s (x4 over 2m)   kubelet            Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"contosoacr.azurecr.io/api:1.4.2\": failed to resolve reference \"contosoacr.azurecr.io/api:1.4.2\": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized\n  Warning  Failed     60s (x4 over 2m)   kubelet            Error: ErrImagePull\n  Normal   BackOff    35s (x6 over 2m)   kubelet            Back-off pulling image \"contosoacr.azurecr.io/api:1.4.2\"\n  Warning  Failed     35s (x6 over 2m)   kubelet            Error: ImagePullBackOff",
            ),
            ex(
                "az aks check-acr (canipull) output lines (reference §5.3)",
                "[2024-06-03T09:40:01Z] Checking host name resolution (contosoacr.azurecr.io): SUCCEEDED\n[2024-06-03T09:40:01Z] Canonical name for ACR (contosoacr.azurecr.io): r0123abc.westeurope.cloudapp.azure.com\n[2024-06-03T09:40:01Z] ACR location: westeurope\n[2024-06-03T09:40:02Z] Checking managed identity...\n[2024-06-03T09:40:02Z] Kubelet managed identity client ID: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n[2024-06-03T09:40:02Z] Validating managed identity existance: SUCCEEDED\n[2024-06-03T09:40:03Z] Validating image pull permission: FAILED\n[2024-06-03T09:40:03Z] ACR contosoacr.azurecr.io rejected token exchange: ACR token exchange endpoint returned error status: 401. body: {\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"retrieving permissions failed\"}]}",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL403",
        category: "network-ip-denied",
        area: "aks",
        title: "AKS pull refused with 403: registry network rules or unlinked private DNS",
        patterns: &[root("failed to fetch anonymous token: unexpected status: 403 Forbidden"), root("failed to fetch oauth token: unexpected status: 403 Forbidden")],
        cause: "The registry's firewall does not allow the cluster's egress IP, or the registry has a private endpoint whose private DNS zone is not linked to the AKS VNet (so nodes reach the public endpoint, which is closed).",
        fix: &[
            sh("Allow the cluster's outbound IP, or link the private DNS zone to the AKS VNet:", "az acr network-rule add -n <REGISTRY> --ip-address <AKS_EGRESS_IP>\naz network private-dns link vnet create -g <RG> -z privatelink.azurecr.io -n aks-link -v <AKS_VNET_ID> -e false"),
        ],
        docs: &[AKS_PULL],
        http_status: Some(403),
        examples: &[ex(
            "kubelet event (reference §5.3)",
            "  Warning  Failed     15s (x3 over 50s)  kubelet  Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"contosoacr.azurecr.io/api:1.4.2\": failed to resolve reference \"contosoacr.azurecr.io/api:1.4.2\": failed to authorize: failed to fetch anonymous token: unexpected status: 403 Forbidden",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL404",
        category: "other",
        area: "aks",
        title: "The image has no variant for this node's platform (architecture mismatch)",
        patterns: &[root("no match for platform in manifest"), root("exec format error")],
        cause: "The image was built for another architecture (e.g. amd64 only, on arm64 nodes). AKS tries an anonymous pull first, so this may be preceded by a 401 that is not the cause.",
        fix: &[sh("Build a multi-arch image, or schedule on matching nodes:", "docker buildx build --platform linux/amd64,linux/arm64 -t <registry>.azurecr.io/<repo>:<tag> --push .")],
        docs: &[AKS_PULL],
        examples: &[ex(
            "kubelet event (reference §5.3)",
            "  Warning  Failed  10s  kubelet  Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": rpc error: code = NotFound desc = failed to pull and unpack image \"contosoacr.azurecr.io/api:1.4.2\": no match for platform in manifest: not found",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL405",
        category: "aks-kubelet-identity-missing-role",
        area: "aks",
        title: "AKS pulled anonymously and was refused (no credentials for this registry)",
        patterns: &[likely("failed to fetch anonymous token: unexpected status from GET request to *: 401 Unauthorized")],
        cause: "kubelet had no credentials for the registry, so it tried anonymously: the cluster is not attached to the registry, or the image name is wrong (AKS always tries anonymous first, so a typo also ends here).",
        fix: &[
            sh("Attach the registry and check the image name:", "az aks update -g <RG> -n <CLUSTER> --attach-acr <REGISTRY>\naz acr repository show-tags -n <REGISTRY> --repository <REPO> -o table"),
        ],
        docs: &[AKS_PULL],
        http_status: Some(401),
        examples: &[ex(
            "kubelet event (reference §5.3)",
            "  Warning  Failed  8s  kubelet  Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"contosoacr.azurecr.io/api:1.4.2\": failed to resolve reference \"contosoacr.azurecr.io/api:1.4.2\": failed to fetch anonymous token: unexpected status from GET request to https://contosoacr.azurecr.io/oauth2/token?scope=repository%3Aapi%3Apull&service=contosoacr.azurecr.io: 401 Unauthorized",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL406",
        category: "throttled",
        area: "aks",
        title: "kubelet pull QPS exceeded",
        patterns: &[root("pull QPS exceeded")],
        cause: "kubelet's own pull rate limit (`registryPullQPS`) was hit, typically by `imagePullPolicy: Always` on many pods.",
        fix: &[say("Use `imagePullPolicy: IfNotPresent` with immutable tags, or raise registryPullQPS in the node pool's kubelet config.")],
        docs: &[AKS_PULL],
        examples: &[ex("kubelet event (reference §5.3)", "  Warning  Failed  2s  kubelet  Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": pull QPS exceeded")],
        ..Entry::BASE
    },
    Entry {
        id: "AL407",
        category: "other",
        area: "aks",
        title: "Pod cannot pull its image (ErrImagePull / ImagePullBackOff)",
        patterns: &[symptom("ImagePullBackOff"), symptom("ErrImagePull"), symptom("Back-off pulling image")],
        cause: "A status, not a cause: the reason is in the `Failed to pull image` event above it (authorization, network, missing tag, platform).",
        fix: &[sh("Read the events for the real error:", "kubectl describe pod <POD> -n <NAMESPACE> | sed -n '/Events:/,$p'")],
        docs: &[AKS_PULL],
        examples: &[ex("kubectl get pods output", "NAME                     READY   STATUS             RESTARTS   AGE\napi-7d9f8b6c5-x2x4z      0/1     ImagePullBackOff   0          3m12s")],
        ..Entry::BASE
    },
    Entry {
        id: "AL408",
        category: "dns-resolution",
        area: "aks",
        title: "check-acr: the cluster cannot resolve the registry",
        patterns: &[root("Checking host name resolution ({registry}): FAILED")],
        cause: "Cluster DNS cannot resolve the login server: custom DNS servers on the VNet without forwarding to 168.63.129.16, or a private DNS zone not linked to the AKS VNet.",
        fix: &[say("Link privatelink.azurecr.io to the AKS VNet, or make the custom DNS forward Azure names to 168.63.129.16.")],
        docs: &[AKS_PULL, "https://learn.microsoft.com/troubleshoot/azure/azure-container-registry/cant-resolve-container-registry-fqdn-private-ip-address"],
        examples: &[ex("canipull output (reference §5.3)", "[2024-06-03T09:40:01Z] Checking host name resolution (contosoacr.azurecr.io): FAILED\n[2024-06-03T09:40:01Z] command terminated with exit code 52")],
        ..Entry::BASE
    },
    Entry {
        id: "AL409",
        category: "client-secret-expired",
        area: "aks",
        title: "check-acr: the cluster's service principal credential is invalid",
        patterns: &[root("Validating service principal credential: FAILED")],
        cause: "An AKS cluster that uses a service principal (not a managed identity) has an expired or reset secret, so kubelet cannot get tokens.",
        fix: &[sh("Reset the cluster's credential, or migrate to a managed identity:", "az aks update-credentials -g <RG> -n <CLUSTER> --reset-service-principal --service-principal <APP_ID> --client-secret <NEW_SECRET>\naz aks update -g <RG> -n <CLUSTER> --enable-managed-identity")],
        docs: &["https://learn.microsoft.com/azure/aks/update-credentials", AKS_PULL],
        examples: &[ex("canipull output (reference §5.3)", "[2024-06-03T09:40:02Z] Checking service principal...\n[2024-06-03T09:40:02Z] Validating service principal credential: FAILED\n[2024-06-03T09:40:02Z] command terminated with exit code 10")],
        ..Entry::BASE
    },
];
