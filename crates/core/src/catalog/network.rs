//! AL04x and AL3xx: the network between the runner and the registry (firewall, DNS, private
//! endpoints, TLS, proxies, throttling). Shapes: reference §3 and §5.2 (Go `net`/`crypto/x509`
//! error texts as Docker, containerd and skopeo print them; Node `getaddrinfo` codes), §2.2
//! (check-health --vnet messages), registry-testbed.md (skopeo x509 text).

use super::{ex, likely, root, say, sh, Entry};

const FIREWALL: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks";
const ACCESS: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access";
const PRIVATE_LINK: &str = "https://learn.microsoft.com/azure/container-registry/container-registry-private-link";
const PRIVATE_DNS: &str = "https://learn.microsoft.com/troubleshoot/azure/azure-container-registry/cant-resolve-container-registry-fqdn-private-ip-address";

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        id: "AL040",
        category: "network-ip-denied",
        area: "network",
        title: "The registry firewall refused this client's IP",
        patterns: &[
            root("denied: client with IP '{clientIp}' is not allowed access"),
            root("client with IP '{clientIp}' is not allowed access"),
            root("Access to registry '{registry}' was denied. Response code: 403"),
            likely("login attempt failed with status: 403 Forbidden"),
        ],
        cause: "The registry has public network access limited to selected networks (or disabled) and the runner's public IP is not allowed. GitHub-hosted runners use many changing Azure IPs.",
        fix: &[
            sh("Allow the IP shown (temporary, changes per run on hosted runners):", "az acr network-rule add -n <REGISTRY> --ip-address <CLIENT_IP>"),
            say("Durable: a self-hosted runner (or GitHub-hosted larger runner with Azure private networking) in a VNet with a private endpoint to the registry."),
            sh("See the current rules:", "az acr show -n <REGISTRY> --query \"{public:publicNetworkAccess, rules:networkRuleSet}\""),
        ],
        docs: &[FIREWALL, "https://learn.microsoft.com/troubleshoot/azure/azure-container-registry/acr-authentication-errors"],
        http_status: Some(403),
        examples: &[
            ex(
                "docker login via docker/login-action (ACR firewall text, reference §3)",
                "2024-06-03T09:20:12.1234567Z ##[group]Logging into contosoacr.azurecr.io...\n2024-06-03T09:20:13.2345678Z ##[error]Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": denied: client with IP '20.57.44.12' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.",
            ),
            ex(
                "ACR JSON error body (reference §3)",
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"client with IP '4.175.11.201' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.\"}]}",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL041",
        category: "dns-resolution",
        area: "network",
        title: "The registry's name does not resolve",
        patterns: &[
            root("dial tcp: lookup {host}: no such host"),
            root("dial tcp: lookup {host} on *: no such host"),
            root("getaddrinfo ENOTFOUND {host}"),
            likely("getaddrinfo EAI_AGAIN {host}"),
            likely("Temporary failure in name resolution"),
            likely("Name or service not known"),
            likely("no such host"),
        ],
        cause: "DNS has no answer for the host: a typo (`azureacr.io`), the wrong cloud suffix (.azurecr.us/.cn), a registry that does not exist, or a resolver that cannot see a private DNS zone.",
        fix: &[
            sh("Check the name and what it resolves to from the runner:", "nslookup <registry>.azurecr.io\naz acr show -n <REGISTRY> --query loginServer -o tsv"),
            say("Private endpoint: the runner's resolver must answer from the privatelink.azurecr.io zone (see AL300)."),
        ],
        docs: &[ACCESS, PRIVATE_DNS],
        examples: &[
            ex(
                "docker login via docker/login-action (Go resolver text, reference §5.2)",
                "2024-06-03T09:20:13.2345678Z ##[error]Error response from daemon: Get \"https://contosoarc.azurecr.io/v2/\": dial tcp: lookup contosoarc.azurecr.io on 127.0.0.53:53: no such host",
            ),
            ex(
                "Node fetch in a JS action (getaddrinfo code)",
                "2024-06-03T09:20:13.2345678Z ##[error]request to https://contosoacr.azurecr.us/v2/ failed, reason: getaddrinfo ENOTFOUND contosoacr.azurecr.us",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL042",
        category: "tls-certificate",
        area: "network",
        title: "TLS certificate not trusted (TLS-inspecting proxy or custom CA)",
        patterns: &[
            root("x509: certificate signed by unknown authority"),
            root("unable to get local issuer certificate"),
            root("self signed certificate in certificate chain"),
            root("self-signed certificate in certificate chain"),
            root("CERTIFICATE_VERIFY_FAILED"),
            root("UNABLE_TO_VERIFY_LEAF_SIGNATURE"),
        ],
        cause: "Something between the runner and the registry (a TLS-inspecting proxy or firewall) presents its own certificate, and its CA is not trusted by the client (Docker daemon, Node, Python/az).",
        fix: &[
            sh("Trust the corporate CA on the runner (Debian/Ubuntu):", "sudo cp corp-ca.crt /usr/local/share/ca-certificates/ && sudo update-ca-certificates && sudo systemctl restart docker"),
            say("Node (this action): set NODE_EXTRA_CA_CERTS=/path/corp-ca.pem. az CLI: REQUESTS_CA_BUNDLE. Or exempt *.azurecr.io from inspection."),
        ],
        docs: &[ACCESS],
        examples: &[
            ex(
                "skopeo 1.9 text (registry-testbed.md)",
                "FATA[0000] pinging container registry contosoacr.azurecr.io: Get \"https://contosoacr.azurecr.io/v2/\": x509: certificate signed by unknown authority",
            ),
            ex(
                "az CLI behind an inspecting proxy (Python ssl text)",
                "ERROR: HTTPSConnectionPool(host='login.microsoftonline.com', port=443): Max retries exceeded with url: /72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate in certificate chain (_ssl.c:1006)')))",
            ),
        ],
        ..Entry::BASE
    },
    Entry {
        id: "AL043",
        category: "throttled",
        area: "network",
        title: "The registry throttled the requests (429 Too Many Requests)",
        patterns: &[root("429 Too Many Requests"), root("toomanyrequests: too many requests"), likely("Too many requests")],
        cause: "ACR limits requests per registry (OAuth endpoints: 10,000/min Basic/Standard, 20,000 Premium) and per identity; many parallel jobs logging in or pulling at once hit it.",
        fix: &[
            say("Honour `Retry-After` (it counts down) and back off; log in once per job, not per step."),
            say("Cache the ACR token for its lifetime instead of exchanging again; consider Premium for higher limits."),
        ],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-skus"],
        http_status: Some(429),
        examples: &[ex(
            "containerd/Docker wording of an ACR 429 (reference §1.9, §3)",
            "2024-06-03T09:20:13.2345678Z Error response from daemon: toomanyrequests: too many requests, retry after 12 seconds",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL044",
        category: "network-unreachable",
        area: "network",
        title: "Connection to the registry failed (refused, timed out or reset)",
        patterns: &[
            likely("dial tcp {ip}:443: i/o timeout"),
            likely("dial tcp {ip}:443: connect: connection refused"),
            likely("connection reset by peer"),
            likely("ECONNREFUSED"),
            likely("ETIMEDOUT"),
            likely("ECONNRESET"),
        ],
        cause: "The registry's address was found but no connection was established: an egress firewall or NSG drops port 443, a proxy is required, or the network is flaky.",
        fix: &[
            sh("Test from the runner:", "curl -sv https://<registry>.azurecr.io/v2/ -o /dev/null"),
            say("Allow outbound 443 to <registry>.azurecr.io and the data endpoints (<registry>.<region>.data.azurecr.io, *.blob.core.windows.net)."),
        ],
        docs: &[ACCESS],
        examples: &[ex(
            "docker pull behind an egress firewall (Go net text, reference §5.2)",
            "2024-06-03T09:30:32.1234567Z Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": dial tcp 20.61.123.45:443: i/o timeout",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL045",
        category: "proxy",
        area: "network",
        title: "Proxy misconfigured or rejecting the connection",
        patterns: &[root("proxyconnect tcp"), root("407 Proxy Authentication Required"), likely("tunneling socket could not be established")],
        cause: "The client is set to use a proxy (HTTPS_PROXY or the daemon's proxy settings) that refuses, needs credentials, or is unreachable; the Docker daemon and the CLI have separate proxy settings.",
        fix: &[
            sh("Configure the daemon's proxy and exempt what should go direct:", "sudo mkdir -p /etc/systemd/system/docker.service.d\nprintf '[Service]\\nEnvironment=\"HTTPS_PROXY=http://proxy:3128\" \"NO_PROXY=localhost,127.0.0.1\"\\n' | sudo tee /etc/systemd/system/docker.service.d/proxy.conf\nsudo systemctl daemon-reload && sudo systemctl restart docker"),
            say("Node 20 fetch ignores HTTPS_PROXY; this action honours it explicitly."),
        ],
        docs: &[ACCESS],
        examples: &[ex(
            "Docker daemon through a broken proxy (reference §3)",
            "2024-06-03T09:20:13.2345678Z Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": proxyconnect tcp: EOF\n2024-06-03T09:20:13.2445678Z Login failed",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL300",
        category: "private-endpoint-dns",
        area: "network",
        title: "Private endpoint DNS is wrong (registry not routed through its private IP)",
        patterns: &[
            root("DNS routing to registry '{registry}' through private IP is incorrect"),
            root("DNS routing verification failed"),
            root("have private endpoints in the vnet"),
        ],
        cause: "The registry has a private endpoint, but this network's DNS does not answer with the private IP: the privatelink.azurecr.io zone is not linked to the VNet, custom DNS does not forward to 168.63.129.16, or the data endpoint record is missing.",
        fix: &[
            sh("Link the private DNS zone to the runner's VNet:", "az network private-dns link vnet create -g <RG> -z privatelink.azurecr.io -n runner-link -v <VNET_ID> -e false"),
            sh("Verify from the runner:", "az acr check-health -n <REGISTRY> --vnet <VNET> --yes\nnslookup <registry>.azurecr.io   # must return the private IP"),
        ],
        docs: &[PRIVATE_LINK, PRIVATE_DNS],
        examples: &[ex(
            "az acr check-health --vnet messages (azure-cli check_health.py, reference §2.1)",
            "DNS lookup to contosoacr.azurecr.io at IP 20.61.123.45 : OK\nERROR: DNS routing to registry 'contosoacr.azurecr.io' through private IP is incorrect. Expect: 10.1.2.5, Actual: 20.61.123.45. Please check your private DNS zone configuration.",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL301",
        category: "private-endpoint-dns",
        area: "network",
        title: "The registry resolves to a private endpoint IP this machine cannot reach",
        patterns: &[root("dial tcp {privateIp}:443: i/o timeout"), root("dial tcp {privateIp}:443: connect: connection refused")],
        cause: "DNS returned the registry's private endpoint address (10.x/172.16-31.x/192.168.x), but there is no route to it from here: a GitHub-hosted runner outside the VNet, a VNet without peering to the endpoint's VNet, or an NSG/firewall dropping 443.",
        fix: &[
            say("Run the job on a runner inside (or peered with) the endpoint's VNet, or give the registry a reachable public path for this runner."),
            sh("Check what the name resolves to and whether the IP answers:", "nslookup <registry>.azurecr.io && curl -sv https://<registry>.azurecr.io/v2/ -o /dev/null"),
        ],
        docs: &[PRIVATE_LINK, "https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/connectivity/cannot-pull-image-from-acr-to-aks-cluster"],
        examples: &[ex(
            "kubelet event for a private endpoint without peering (reference §5.3)",
            "  Warning  Failed     20s   kubelet  Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"contosoacr.azurecr.io/api:1.4.2\": failed to resolve reference \"contosoacr.azurecr.io/api:1.4.2\": failed to do request: Head \"https://contosoacr.azurecr.io/v2/api/manifests/1.4.2\": dial tcp 10.1.2.5:443: i/o timeout",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL302",
        category: "private-endpoint-dns",
        area: "network",
        title: "Registry host unreachable or unresolvable through its private link",
        patterns: &[likely("host is not reachable"), likely("unresolvable host")],
        cause: "Typical of a private endpoint whose DNS link is stale or missing on this network.",
        fix: &[say("Check the privatelink.azurecr.io zone's VNet links and records for both the registry and its data endpoint (<registry>.<region>.data.azurecr.io).")],
        docs: &[PRIVATE_LINK, ACCESS],
        examples: &[ex("Docker daemon text (reference §5.2)", "2024-06-03T09:20:13.2345678Z Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": unresolvable host contosoacr.azurecr.io")],
        ..Entry::BASE
    },
    Entry {
        id: "AL303",
        category: "network-unreachable",
        area: "network",
        title: "TLS handshake timed out",
        patterns: &[root("net/http: TLS handshake timeout")],
        cause: "TCP connected but TLS never completed: a firewall, NVA or proxy in the path holds the connection (common with forced tunnelling).",
        fix: &[say("Check the egress path (UDR/NVA rules for *.azurecr.io and the data endpoints); retry to rule out a transient problem.")],
        docs: &["https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/connectivity/cannot-pull-image-from-acr-to-aks-cluster"],
        examples: &[ex("Docker daemon text (reference §5.2)", "2024-06-03T09:20:13.2345678Z Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": net/http: TLS handshake timeout")],
        ..Entry::BASE
    },
    Entry {
        id: "AL304",
        category: "network-unreachable",
        area: "network",
        title: "HTTP request timed out waiting for the registry",
        patterns: &[likely("Client.Timeout exceeded while awaiting headers"), likely("net/http: request canceled while waiting for connection")],
        cause: "The registry (or something in between) did not answer in time: transient network trouble, an overloaded proxy, or a daemon that needs a restart.",
        fix: &[say("Retry; if it persists restart the Docker daemon and check the egress path.")],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-faq"],
        examples: &[ex("Docker daemon text (reference §5.2)", "Error response from daemon: Get \"https://contosoacr.azurecr.io/v2/\": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)")],
        ..Entry::BASE
    },
    Entry {
        id: "AL305",
        category: "network-unreachable",
        area: "network",
        title: "Layer download blocked: the data endpoint or storage is not reachable",
        patterns: &[root("download failed after attempts=")],
        cause: "Authentication worked, but layers come from storage (`*.blob.core.windows.net`) or dedicated data endpoints (`<registry>.<region>.data.azurecr.io`), which the firewall does not allow.",
        fix: &[sh("Allow the data endpoints (or enable dedicated ones and allow those):", "az acr update -n <REGISTRY> --data-endpoint-enabled\naz acr show-endpoints -n <REGISTRY>")],
        docs: &["https://learn.microsoft.com/azure/container-registry/container-registry-dedicated-data-endpoints", "https://learn.microsoft.com/troubleshoot/azure/azure-container-registry/download-failed-443-io-time-out"],
        examples: &[ex(
            "containerd text (reference §5.2)",
            "  Warning  Failed  3m  kubelet  Failed to pull image \"contosoacr.azurecr.io/api:1.4.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"contosoacr.azurecr.io/api:1.4.2\": failed to copy: httpReadSeeker: failed open: failed to do request: Get \"https://contosoacr.westeurope.data.azurecr.io/...\": download failed after attempts=6: dial tcp 20.150.1.2:443: i/o timeout",
        )],
        ..Entry::BASE
    },
    Entry {
        id: "AL306",
        category: "tls-certificate",
        area: "network",
        title: "Certificate expired, not yet valid, or for another host",
        patterns: &[root("x509: certificate has expired or is not yet valid"), root("x509: certificate is valid for"), root("CERT_HAS_EXPIRED"), root("ERR_TLS_CERT_ALTNAME_INVALID")],
        cause: "The clock on the machine is wrong (certificate 'not yet valid'/'expired'), or the name was reached through an IP or proxy that presents another host's certificate.",
        fix: &[sh("Check the clock, and connect by the registry's name:", "timedatectl status\nopenssl s_client -connect <registry>.azurecr.io:443 -servername <registry>.azurecr.io </dev/null | openssl x509 -noout -subject -dates")],
        docs: &[ACCESS],
        examples: &[ex("Go crypto/x509 text via Docker", "Error response from daemon: Get \"https://10.1.2.5/v2/\": x509: certificate is valid for contosoacr.azurecr.io, *.azurecr.io, not 10.1.2.5")],
        ..Entry::BASE
    },
];
