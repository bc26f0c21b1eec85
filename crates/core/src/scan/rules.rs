//! The rules that run on the findings once they are grouped: each moves a finding to another
//! entry or to a lower strength when what surrounds it says the catalog's first reading is wrong
//! (another registry named, a build step, a tool that ran helm, a credential chain). Each looks at
//! a bounded region around its finding, once per finding, so a log repeating an error costs no
//! more. `scan_log` runs them in order; the module docs of `scan` say what each is for.

use super::*;

/// The findings of these entries that still claim a cause (likely or root): what each rule re-reads.
fn causes_of<'g>(groups: &'g mut [Group], ids: &'g [&str]) -> impl Iterator<Item = &'g mut Group> + 'g {
    let all = catalog::entries();
    groups.iter_mut().filter(move |g| g.m.strength >= Strength::LikelyCause && ids.contains(&all[g.m.entry].id))
}

impl Group {
    /// Ranked as a symptom, with the reason the page and the action show under it.
    fn demote(&mut self, evidence: String) {
        self.m.strength = Strength::Symptom;
        self.evidence.push(evidence);
    }
}

/// The entry whose `likely` pattern is the device-code prompt itself (`To sign in, use a web browser
/// to open the page https://microsoft.com/devicelogin ...`).
pub(super) const DEVICE_CODE_ENTRY: &str = "AL117";

pub(super) const ANSWERED_PROMPT_EVIDENCE: &str = "But another error follows the device-code prompt: someone completed that sign-in (az prints the prompt at a terminal too), and the later error is the failure. Ranked as a symptom.";

/// What a sign-in prints once it completed, right after the device-code prompt when someone
/// entered the code: az's account list (`"cloudName": "AzureCloud"`, `"isDefault": true`), and
/// `Connect-AzAccount -DeviceCode`'s choice among the tenant's subscriptions (Azure/azure-powershell#14173).
pub(super) const SIGNED_IN_MARKS: &[&[u8]] = &[b"\"cloudname\":", b"\"isdefault\":", b"first one will be selected for further use"];

pub(super) const SIGNED_IN_AFTER_PROMPT_EVIDENCE: &str = "But the sign-in's own output follows the prompt (az's account list, or Azure PowerShell choosing a subscription): that device-code sign-in completed, so it is not what failed; look at the command after it. Ranked as a symptom.";

/// A device-code prompt explains a job that stopped there (nobody can enter the code in CI), but
/// a sign-in completed at a terminal prints the same prompt, and then the log goes on to the error
/// that matters. So the prompt alone (a `likely` match, not `code_expired`) yields to any later
/// finding of another entry with at least `likely-cause` strength, and to the sign-in's own success
/// in the 2 KB after it ([`SIGNED_IN_MARKS`]), whatever failed later (azure-cli-docker#57's
/// `az acr build` packing its source).
pub(super) fn demote_answered_device_code_prompts(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let later_errors: Vec<(usize, usize)> = groups
        .iter()
        .filter(|g| g.m.strength >= Strength::LikelyCause)
        .map(|g| (g.m.entry, g.m.start))
        .collect();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != DEVICE_CODE_ENTRY || g.m.strength != Strength::LikelyCause {
            continue;
        }
        if later_errors.iter().any(|&(entry, start)| entry != g.m.entry && start > g.m.start) {
            g.demote(ANSWERED_PROMPT_EVIDENCE.to_string());
            continue;
        }
        let after = &raw[g.m.end.min(raw.len())..raw.len().min(g.m.end + 2048)];
        if SIGNED_IN_MARKS.iter().any(|m| find_folded(after, m).is_some()) {
            g.demote(SIGNED_IN_AFTER_PROMPT_EVIDENCE.to_string());
        }
    }
}

/// az's "did not issue a challenge" (AL510), ACR's push refusal wording (AL033) and the registry's
/// network rules (AL040).
pub(super) const NO_CHALLENGE_ENTRY: &str = "AL510";
pub(super) const ACCESS_DENIED_ENTRY: &str = "AL033";
pub(super) const NETWORK_RULES_ENTRY: &str = "AL040";

pub(super) const NO_CHALLENGE_EVIDENCE: &str = "The registry answered, with a refusal (next line), but gave no authentication challenge: it refused this client before any sign-in, which is what its network rules do (az versions of that time printed the 403 as no challenge). Ranked as the same refusal.";
pub(super) const REFUSED_BEFORE_SIGN_IN_EVIDENCE: &str = "Printed by az right after the registry gave no challenge: the registry refused this client before any sign-in, by its network rules, not for a missing push role.";

/// ACR answers `/v2/` with a 401 and a challenge to every client its network rules let in. So az's
/// "did not issue a challenge" followed on the very next line by ACR's own refusal ("requested
/// access to the resource is denied") means the registry was reached and refused this client
/// before any authentication: its firewall or VNet rules (a maintainer's repro in
/// Azure/azure-cli#8798, which is why later az says CONNECTIVITY_FORBIDDEN_ERROR). That refusal is
/// not AL033's missing push role, and the no-challenge line is its wording, not another cause.
/// Only adjacent lines: a push refused further down the log is its own failure.
pub(super) fn refused_without_a_challenge(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let Some(rules) = catalog::position(NETWORK_RULES_ENTRY) else { return };
    let no_challenge: Vec<usize> = groups.iter().filter(|g| all[g.m.entry].id == NO_CHALLENGE_ENTRY).map(|g| g.m.line_id).collect();
    if no_challenge.is_empty() {
        return;
    }
    let mut answered = Vec::new();
    for g in groups.iter_mut() {
        if all[g.m.entry].id != ACCESS_DENIED_ENTRY {
            continue;
        }
        let above = lines_back(raw, g.m.line_id, 1);
        if above < g.m.line_id && no_challenge.contains(&above) {
            g.m.entry = rules;
            g.m.strength = g.m.strength.min(Strength::LikelyCause);
            g.evidence.push(REFUSED_BEFORE_SIGN_IN_EVIDENCE.to_string());
            answered.push(above);
        }
    }
    for g in groups.iter_mut() {
        if all[g.m.entry].id == NO_CHALLENGE_ENTRY && answered.contains(&g.m.line_id) {
            g.m.strength = demoted(g.m.strength);
            g.evidence.push(NO_CHALLENGE_EVIDENCE.to_string());
        }
    }
}

/// ACR's generic 401 (AL200).
pub(super) const GENERIC_401_ENTRY: &str = "AL200";

pub(super) const HELM_TOKEN_LOGIN_EVIDENCE: &str = "helm refused a token from `az acr login --expose-token` at `helm registry login` without a user name: helm 3.18.0 sent such a login wrongly (helm/helm#30883, a helm bug; 3.17 logged in with the same command). Use a later helm, or give ACR's user name for tokens, `--username 00000000-0000-0000-0000-000000000000`. Ranked as a symptom.";

/// helm 3.18.0 refused a `helm registry login --password-stdin` fed by `az acr login
/// --expose-token` with no user name (helm/helm#30883, labelled bug: the same command logged in
/// with 3.17.3), and ACR's 401 is all it printed. With that command in view (helm's `authenticating
/// to` line, the command within three lines above), the 401 says nothing about the credentials:
/// a symptom. A login that names a user name, or a token from elsewhere, keeps AL200.
pub(super) fn demote_helm_token_logins_without_a_user_name(raw: &[u8], groups: &mut [Group]) {
    for g in causes_of(groups, &[GENERIC_401_ENTRY]) {
        let from = lines_back(raw, g.m.line_id, 3);
        let to = line_end(raw, g.m.start);
        let region = &raw[from..to.max(from)];
        let helm_login = find_folded(region, b"authenticating to \"").is_some() && find_folded(region, b"registry login").is_some();
        let piped_token = find_folded(region, b"--expose-token").is_some();
        let user_named = find_folded(region, b"--username").is_some() || find_folded(region, b" -u ").is_some();
        if helm_login && piped_token && !user_named {
            g.demote(HELM_TOKEN_LOGIN_EVIDENCE.to_string());
        }
    }
}

/// kubelet's refusals: its credentials refused (AL402), or none sent (AL405).
pub(super) const KUBELET_OAUTH_ENTRY: &str = "AL402";
pub(super) const KUBELET_ANONYMOUS_ENTRY: &str = "AL405";

/// What helm prints in front of the resolver's error, on the same line (`could not download
/// oci://` is `helm dependency build` / `update`).
pub(super) const HELM_FAILURE_LEADS: &[&[u8]] = &[b"could not download chart", b"installation failed:", b"upgrade failed:", b"failed to download \"", b"could not download oci://"];

/// What another tool prints in front when it ran helm itself: kustomize's `--enable-helm`, Argo CD's
/// `helm dependency build` (its wording, quoted or not, of versions since 2022).
pub(super) const HELM_RUN_BY_A_TOOL: &[&[u8]] = &[b"--enable-helm", b"helm dependency build failed", b"helm dependency build` failed"];

pub(super) const HELM_CREDENTIALS_EVIDENCE: &str = "But the refusal is helm's (a chart download), not a kubelet's: ACR's token endpoint refused the credentials helm sent (`helm registry login`, or Terraform helm_release's `repository_username` / `repository_password`).";

pub(super) const HELM_ANONYMOUS_EVIDENCE: &str = "But the refusal is helm's (a chart download), not a kubelet's: helm sent no credentials. Log in with `helm registry login` in the same job; some helm versions ignored a stored login (helm/helm#10373). Ranked as a symptom.";

/// What porter prints in front of containerd's resolver error when it pulls or copies a CNAB
/// bundle itself (`porter install`, `porter copy`, a CNAB driver): it reads Docker's credentials.
pub(super) const OWN_RESOLVER_LEADS: &[&[u8]] = &[b"unable to pull bundle", b"failed to copy image ", b"cnab-to-oci"];

/// The entry of a client that found no credentials for the registry (AL211).
pub(super) const NO_CREDENTIALS_ENTRY: &str = "AL211";

pub(super) const OWN_RESOLVER_EVIDENCE: &str = "But the refusal is porter's own pull (a bundle pull or copy), not a kubelet's: porter reads Docker's credentials where it runs, and had none for this registry (a CNAB driver's container gets none unless given them).";

/// What BuildKit prints on the line of its own refusals (buildx, buildctl, compose, and tools that
/// drive it): a build, not a kubelet's pull. Its step errors' `ERROR: ` is upper case (helm's
/// `Error: ` is not).
const BUILDKIT_LEADS: &[&[u8]] = &[b"failed to solve", b"failed to resolve source metadata"];
const BUILDKIT_STEP_ERROR: &[u8] = b"ERROR: failed to authorize";

pub(super) const BUILDKIT_EVIDENCE: &str = "But the refusal is BuildKit's (a build), not a kubelet's: the builder had no credentials for this registry. BuildKit takes them from the Docker config of the client that starts the build (buildx, buildctl, a tool driving it such as Acorn), not from a login of its own: log in there, in the same job, to that host.";

pub(super) const HELM_TOOL_ANONYMOUS_EVIDENCE: &str = "But the refusal is helm's, run by another tool (kustomize `--enable-helm`, Argo CD), not a kubelet's: helm sent no credentials because the tool gave it none. kustomize runs helm with a HELM_CONFIG_HOME of its own (set `helmGlobals.configHome` to the one holding the `helm registry login`); Argo CD logs helm in only to registries it holds credentials for (a Helm repository or credential template with OCI enabled). Ranked as a symptom.";

/// helm fetches OCI charts with containerd's resolver, so a refused chart download ends in the
/// same `failed to fetch oauth token` / `anonymous token` words as kubelet's pulls. With helm's
/// lead on the line (`Error: INSTALLATION FAILED:`, Terraform's `could not download chart:`), no
/// kubelet identity or pull secret is involved: refused credentials are ACR's generic 401 (AL200),
/// and no credentials at all a symptom (a missing `helm registry login`, or a helm bug). The same
/// when another tool ran helm (kustomize's `--enable-helm`, Argo CD's dependency build): that tool
/// gave helm no credentials (kubernetes-sigs/kustomize#4381, argoproj/argo-cd#9764). porter
/// resolves bundles with the same resolver and Docker's credentials: its anonymous refusal is a
/// client with no login for the registry (AL211, microsoft/AzureTRE#149), not a kubelet's; so
/// is BuildKit's in a build (`failed to solve`, a step's `ERROR:`; moby/buildkit#3179).
pub(super) fn helm_s_own_refusals_are_not_kubelet_s(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let Some(generic) = all.iter().position(|e| e.id == GENERIC_401_ENTRY) else { return };
    let Some(no_credentials) = catalog::position(NO_CREDENTIALS_ENTRY) else { return };
    for g in causes_of(groups, &[KUBELET_OAUTH_ENTRY, KUBELET_ANONYMOUS_ENTRY]) {
        let id = all[g.m.entry].id;
        let lead = &raw[g.m.line_id.min(g.m.start)..g.m.start];
        let has = |leads: &[&[u8]]| leads.iter().any(|l| find_folded(lead, l).is_some());
        // BuildKit's words may run into the match (`ERROR: failed to authorize: …`); another
        // registry in view keeps the kubelet entry, which the check for an ACR then demotes.
        let buildkit = || {
            let upto = &raw[g.m.line_id.min(g.m.start)..g.m.end];
            (BUILDKIT_LEADS.iter().any(|l| find_folded(upto, l).is_some()) || upto.windows(BUILDKIT_STEP_ERROR.len()).any(|w| w == BUILDKIT_STEP_ERROR))
                && !matches!(registry_in_view(raw, g.m.line_id, g.m.end), InView::Other(_))
        };
        let own = if has(OWN_RESOLVER_LEADS) { OWN_RESOLVER_EVIDENCE } else if id == KUBELET_ANONYMOUS_ENTRY && buildkit() { BUILDKIT_EVIDENCE } else { "" };
        if !own.is_empty() {
            g.m.entry = if id == KUBELET_OAUTH_ENTRY { generic } else { no_credentials };
            g.m.strength = Strength::LikelyCause;
            g.evidence.push(own.to_string());
            continue;
        }
        let by_a_tool = has(HELM_RUN_BY_A_TOOL);
        if !by_a_tool && !has(HELM_FAILURE_LEADS) {
            continue;
        }
        if id == KUBELET_OAUTH_ENTRY {
            g.m.entry = generic;
            g.m.strength = Strength::LikelyCause;
            g.evidence.push(HELM_CREDENTIALS_EVIDENCE.to_string());
        } else {
            g.demote(if by_a_tool { HELM_TOOL_ANONYMOUS_EVIDENCE } else { HELM_ANONYMOUS_EVIDENCE }.to_string());
        }
    }
}

pub(super) const WRAPPED_KUBELET_EVIDENCE: &str = "The 401 ends a kubelet pull event (`Failed to pull image` ... `Error response from daemon`) wrapped over several lines: the node's runtime pulled, so it is the cluster's credentials (kubelet identity or pull secret) that ACR refused, not a login in a shell.";

/// kubelet's event with the Docker runtime (`Failed to pull image "…": rpc error: … Error response
/// from daemon: … unauthorized: authentication required`) is AL402's, but a paste wrapped at its
/// colons (dotnet/tye#1185) leaves only ACR's generic 401 (AL200) on the last line. With kubelet's
/// lead and the daemon's in the three lines above it (the daemon's may open the 401's own line,
/// kubernetes/minikube#2375), the refusal is still the node's.
pub(super) fn a_kubelet_pull_wrapped_over_lines_is_kubelet_s(raw: &[u8], groups: &mut [Group]) {
    let Some(kubelet) = catalog::position(KUBELET_OAUTH_ENTRY) else { return };
    for g in causes_of(groups, &[GENERIC_401_ENTRY]) {
        let from = lines_above(raw, g.m.line_id);
        let lead = &raw[from..g.m.start.max(g.m.line_id)];
        if find_folded(&raw[from..g.m.line_id], b"failed to pull image \"").is_some() && find_folded(lead, b"error response from daemon").is_some() {
            g.m.entry = kubelet;
            g.evidence.push(WRAPPED_KUBELET_EVIDENCE.to_string());
        }
    }
}

pub(super) const SANDBOX_IMAGE_EVIDENCE: &str = "But the image is the pod sandbox's, which the runtime pulls as its own configuration says: no pull secret or attached registry applies (AL437). Ranked as a symptom.";

/// containerd's refusal of the pod sandbox (pause) image (`failed to get sandbox image "…"` ahead
/// of the resolver's words on the line) is AL437's: the runtime's own pull, which no
/// `imagePullSecrets` or `--attach-acr` reaches (Azure/AKS-Edge#156). kubelet's entries on it
/// are symptoms.
pub(super) fn a_sandbox_image_is_the_runtime_s_own_pull(raw: &[u8], groups: &mut [Group]) {
    for g in causes_of(groups, &[KUBELET_OAUTH_ENTRY, KUBELET_ANONYMOUS_ENTRY]) {
        if find_folded(&raw[g.m.line_id.min(g.m.start)..g.m.start], b"failed to get sandbox image").is_some() {
            g.demote(SANDBOX_IMAGE_EVIDENCE.to_string());
        }
    }
}

/// A token whose scope lacks the action (AL063).
pub(super) const SCOPE_ENTRY: &str = "AL063";

pub(super) const METADATA_READ_EVIDENCE: &str = "ACR's detail names the action refused, `metadata_read`: listing tags or manifests. A scope map grants it only with `metadata/read`, and only to a client that asks for it (a tool requesting `pull` alone is refused). A client that never logged in gets the same answer: then log in first.";

/// ACR's 401 body (AL200) carries a `detail` naming the action the credential lacked, on its line
/// (`[map[Action:metadata_read …]]`) or in the JSON's next lines; `metadata_read` is a tag
/// listing's, which a scope-map token gets only with `metadata/read` and when the client asks
/// for it (Azure/acr#676; renovatebot/renovate#14708, whose token request asked for `pull`):
/// AL063's. Looked for in the 512 bytes after the match.
pub(super) fn a_refused_tag_listing_is_a_token_s_scope(raw: &[u8], groups: &mut [Group]) {
    let Some(scope) = catalog::position(SCOPE_ENTRY) else { return };
    for g in causes_of(groups, &[GENERIC_401_ENTRY]) {
        if find_folded(&raw[g.m.end..raw.len().min(g.m.end + 512)], b"metadata_read").is_some() {
            g.m.entry = scope;
            g.evidence.push(METADATA_READ_EVIDENCE.to_string());
        }
    }
}

/// A pull refused without credentials (AL062): docker's words for any registry's `denied`.
pub(super) const NO_LOGIN_PULL_ENTRY: &str = "AL062";

/// What a registry says after `denied:` when its own upstream refused it: ACR's cache rules
/// (`… for cache rule 'x' has been denied`, AL215's), ECR's pull-through cache (`The
/// authentication to the upstream registry failed`).
const UPSTREAM_REFUSALS: &[&[u8]] = &[b"for cache rule", b"upstream registry"];

pub(super) const UPSTREAM_REFUSAL_EVIDENCE: &str = "But the registry's reason follows on the line: its upstream (a cache's source registry) refused the registry's own pull; this client's login was not the problem. Ranked as a symptom.";

/// docker wraps a registry's `denied` in `pull access denied for …, may require 'docker login'`
/// (AL062), but when the reason after it is the registry's upstream (Azure/acr#772, a cache rule's
/// source path; aws/containers-roadmap#2354, ECR's pull-through cache), no login is missing.
pub(super) fn an_upstream_s_refusal_is_not_a_missing_login(raw: &[u8], groups: &mut [Group]) {
    for g in causes_of(groups, &[NO_LOGIN_PULL_ENTRY]) {
        let rest = &raw[g.m.end..line_end(raw, g.m.end)];
        if UPSTREAM_REFUSALS.iter().any(|w| find_folded(rest, w).is_some()) {
            g.demote(UPSTREAM_REFUSAL_EVIDENCE.to_string());
        }
    }
}

/// The token request that failed (AL006), and the token URL that was never there (AL001).
pub(super) const FAILED_TOKEN_REQUEST_ENTRY: &str = "AL006";
pub(super) const NO_TOKEN_URL_ENTRY: &str = "AL001";

pub(super) const NO_TOKEN_URL_EVIDENCE: &str = "But the same line says the token request variables were missing (AL001): no request was made, so none failed. Ranked as a symptom.";

/// An action's own wrapper (`Failed to get ID token: Error message: Unable to get
/// ACTIONS_ID_TOKEN_REQUEST_URL …`) reads as AL006's failed request, but the reason after it is
/// AL001's: the job had no token URL at all.
pub(super) fn a_missing_token_url_is_no_failed_request(groups: &mut [Group]) {
    let all = catalog::entries();
    let lines: Vec<usize> = groups.iter().filter(|g| all[g.m.entry].id == NO_TOKEN_URL_ENTRY).map(|g| g.m.line_id).collect();
    for g in causes_of(groups, &[FAILED_TOKEN_REQUEST_ENTRY]) {
        if lines.contains(&g.m.line_id) {
            g.demote(NO_TOKEN_URL_EVIDENCE.to_string());
        }
    }
}

/// The subject mismatch of GitHub's and Azure DevOps's tokens (AL013).
pub(super) const SUBJECT_MISMATCH_ENTRY: &str = "AL013";

/// Entra's other "no matching federated identity record … subject" codes (AADSTS7002137 for an
/// assertion Entra issued itself, a managed identity as an app's credential) share AL013's words
/// but not its tokens or its fix: said no more than the log says, with no credential made up.
pub(super) fn another_code_s_subject_is_not_a_pipeline_s(groups: &mut [Group]) {
    for g in causes_of(groups, &[SUBJECT_MISMATCH_ENTRY]) {
        if let Some(code) = g.m.params.aadsts_code.as_deref().filter(|c| !["700213", "7002138"].contains(c)) {
            let code = format!("But Entra's code is AADSTS{code}, not 700213: the assertion is no GitHub or Azure DevOps token this fix is for; Entra's message names the subject it expects. Ranked as a symptom.");
            g.m.params.subject = None;
            g.demote(code);
        }
    }
}

/// A blocked layer download (AL305).
pub(super) const LAYER_DOWNLOAD_ENTRY: &str = "AL305";

pub(super) const LAYER_SERVER_ERROR_EVIDENCE: &str = "But the same line shows the registry's storage answered the layer download with a server error (HTTP 5xx): the data endpoint was reached, so no firewall blocked it; the service failed on its side (an ACR incident, or a cache rule's pull from its upstream). Retry, and check https://azure.status.microsoft/. Ranked as a symptom.";

/// AL305 says the layer storage or data endpoint could not be reached. docker prints the same
/// `download failed after attempts=6:` before any reason, and when the reason on that line is
/// `received unexpected HTTP status: 5xx`, the endpoint was reached and failed server-side (ACR's
/// cache answering 502 while it pulled from quay.io, Azure/acr#684, fixed on ACR's side): a
/// symptom, not the firewall AL305 names. A 4xx (storage's own 403 to a firewalled client) or a
/// network error after it keeps AL305.
pub(super) fn demote_layer_downloads_answered_with_a_server_error(raw: &[u8], groups: &mut [Group]) {
    const STATUS: &[u8] = b"unexpected http status: ";
    for g in causes_of(groups, &[LAYER_DOWNLOAD_ENTRY]) {
        let rest = &raw[g.m.end.min(raw.len())..line_end(raw, g.m.end)];
        let server_error = find_folded(rest, STATUS).is_some_and(|i| {
            let code = &rest[i + STATUS.len()..rest.len().min(i + STATUS.len() + 3)];
            code.len() == 3 && code[0] == b'5' && code.iter().all(u8::is_ascii_digit)
        });
        if server_error {
            g.demote(LAYER_SERVER_ERROR_EVIDENCE.to_string());
        }
    }
}

/// A connection to a dedicated data endpoint (`<registry>.<region>.data.azurecr.io`) that failed
/// (Docker's `error pulling image configuration: Get <url>: dial tcp …`): the login server
/// answered, the layer download did not, so it is AL305's firewall rule for the data endpoints,
/// not AL044's (whose curl to the login server would pass).
pub(super) fn connections_to_a_data_endpoint_are_layer_downloads(raw: &[u8], groups: &mut [Group]) {
    let Some(layer) = catalog::position(LAYER_DOWNLOAD_ENTRY) else { return };
    let layer_lines: Vec<usize> = groups.iter().filter(|g| g.m.entry == layer).map(|g| g.m.line_id).collect();
    // AL301's private address keeps its own entry.
    let connections: Vec<&str> = CONNECTION_ENTRIES.iter().copied().filter(|&id| id != "AL301").collect();
    for g in causes_of(groups, &connections) {
        if !layer_lines.contains(&g.m.line_id) && find_folded(&raw[g.m.line_id..line_end(raw, g.m.end)], b".data.azurecr.").is_some() {
            g.m.entry = layer;
        }
    }
}

/// The Azure service's own pull credentials (AL218).
pub(super) const SERVICE_CREDENTIALS_ENTRY: &str = "AL218";

/// App Service's pull over the public network, refused by the registry's network rules (AL224).
pub(super) const APP_SERVICE_PUBLIC_PULL_ENTRY: &str = "AL224";

/// How App Service's container host wraps the Docker daemon's answer to its pull.
pub(super) const APP_SERVICE_PULL: &[u8] = b"dockerapiexception: docker api responded with status code=";

/// Lines only App Service's container host prints around a pull (its docker log, or Log
/// Analytics' platform logs, which drop the `ERROR -` prefix): the image pull summary, the pull
/// it retries without credentials, the sidecar that fetches the app's managed-identity token.
pub(super) const APP_SERVICE_MARKERS: &[&[u8]] = &[
    b"image pull failed: verify docker image configuration",
    b"pulling image from docker hub:",
    b"_msiproxy",
    b"appsvc/msitokenservice",
    b"error - dockerapiexception",
];

/// What App Service logs when its first pull failed, before it retries without credentials.
pub(super) const APP_SERVICE_FIRST_PULL_FAILED: &[&[u8]] = &[b"pull image failed", b"failed to register layer", b"pulling docker image "];

pub(super) const APP_SERVICE_CREDENTIALS_EVIDENCE: &str = "But the refusal is App Service's own pull (its container log): the registry refused the credentials set on the web app (its managed identity with `acrUseManagedIdentityCreds`, or the registry user name and password in its settings), not a login of the workflow.";

/// What other Azure services that pull an image themselves print with the registry's answer,
/// and who pulled with which settings: Azure Batch's task and node error code, followed by the
/// daemon's text on its line or under it (`Value:` of its error details).
pub(super) const SERVICE_PULL_LEADS: &[(&[u8], &str)] = &[(b"containerinvalidimage", "Azure Batch's (`ContainerInvalidImage`): the registry refused the credentials set on the pool (`containerConfiguration.containerRegistries`: a user name and password, or a pool identity with AcrPull), or the pool has none for it")];

pub(super) const APP_SERVICE_RETRY_EVIDENCE: &str = "But App Service's first pull of this image failed above: this 401 answers its retry without credentials (`Pulling image from Docker hub`), so the error above is the cause. Ranked as a symptom.";

/// App Service pulls the image itself and prints the daemon's answer inside its own
/// `DockerApiException` line, so ACR's generic 401 there is about the web app's registry settings
/// (AL218), not a login in the workflow. When its first attempt failed on something else (a
/// missing tag, a layer it could not extract: Azure/acr#124, microsoft/OHDSIonAzure#89), App
/// Service retries anonymously and logs that retry's 401 after it: a symptom of the first error.
/// Only App Service's own lines count: Docker.DotNet prints the same exception in other tools.
/// Another service's own lead ([`SERVICE_PULL_LEADS`], Azure Batch's `ContainerInvalidImage`) on
/// the 401's line or the eight lines above (2 KB) makes the refusal that service's pull too.
pub(super) fn azure_services_pull_with_their_own_settings(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let Some(service) = catalog::position(SERVICE_CREDENTIALS_ENTRY) else { return };
    let failed_earlier: Vec<usize> = groups
        .iter()
        .filter(|h| h.m.strength >= Strength::LikelyCause && all[h.m.entry].id != GENERIC_401_ENTRY)
        .map(|h| h.m.line_id)
        .collect();
    for g in causes_of(groups, &[GENERIC_401_ENTRY]) {
        let end = line_end(raw, g.m.end);
        let from = lines_back(raw, g.m.line_id, 8).max(g.m.line_id.saturating_sub(2048));
        if let Some((_, who)) = SERVICE_PULL_LEADS.iter().find(|(lead, _)| find_folded(&raw[from..end], lead).is_some()) {
            g.m.entry = service;
            g.evidence.push(format!("But the refusal is {who}, not a login of the workflow."));
            continue;
        }
        if find_folded(&raw[g.m.line_id.min(end)..end], APP_SERVICE_PULL).is_none() {
            continue;
        }
        let from = g.m.line_id.saturating_sub(4096);
        let around = &raw[from..raw.len().min(end + 2048)];
        let app_service = find_folded(&raw[g.m.line_id.min(end)..end], b"error - dockerapiexception").is_some()
            || APP_SERVICE_MARKERS.iter().any(|m| find_folded(around, m).is_some());
        if !app_service {
            continue;
        }
        let above = &raw[from..g.m.line_id];
        let retry = APP_SERVICE_FIRST_PULL_FAILED.iter().any(|m| find_folded(above, m).is_some())
            || failed_earlier.iter().any(|&l| (from..g.m.line_id).contains(&l));
        if retry {
            g.demote(APP_SERVICE_RETRY_EVIDENCE.to_string());
        } else {
            g.m.entry = service;
            g.evidence.push(APP_SERVICE_CREDENTIALS_EVIDENCE.to_string());
        }
    }
}

/// Entries whose words every registry prints (containerd's token errors and layer downloads, the
/// distribution spec's `denied` and `unauthorized` messages, argo's tag listing, containers/image's
/// `Error writing blob`, an upload session's `BLOB_UPLOAD_UNKNOWN`) but whose causes and fixes are
/// ACR's (a push role, a kubelet identity, a scope map, the registry's network rules, its
/// geo-replicas, its data endpoints, its uploads that cannot be resumed). With another
/// registry named around the refusal (Docker Hub, GHCR, Harbor, a `https://<host>/v2/` URL) they
/// are a symptom: claiming ACR's cause there invents one.
pub(super) const ACR_CAUSE_SHARED_WORDS: &[&str] = &["AL032", "AL033", "AL063", "AL200", "AL202", "AL229", "AL305", "AL402", "AL403", "AL405"];

/// Of those, the ones whose words name a cause only ACR's setup has (a push role, a scope map, the
/// registry's network rules answering a token request with 403, geo-replicas): with no registry
/// named at all they are a symptom too. Only an ACR host, a masked one, or ACR's own link keeps
/// them a cause.
pub(super) const ACR_CAUSE_NEEDS_ACR_IN_VIEW: &[&str] = &["AL033", "AL063", "AL202", "AL403"];

/// Whole patterns of the other entries that need the same: OAuth's `"error":"invalid_token"` is
/// any OAuth server's answer (GitLab's API with a revoked token); ACR's comes in its challenge,
/// which names the registry (`realm="https://<registry>.azurecr.io/oauth2/token"`).
pub(super) const ACR_WORDS_NEED_ACR_IN_VIEW: &[&[u8]] = &[b"invalid_token\""];


/// Registries that are not ACR, as their hosts appear in refusals (auth.docker.io and
/// registry-1.docker.io are Docker Hub; `.amazonaws.com` is ECR's `dkr.ecr`, `.pkg.dev` Artifact
/// Registry). MCR is ACR-backed and handled on its own ([`names_only_mcr`]).
pub(super) const OTHER_REGISTRIES: &[&[u8]] = &[
    b"docker.io", b"ghcr.io", b"gcr.io", b".pkg.dev", b"quay.io", b".amazonaws.com", b"public.ecr.aws", b"gitlab.com",
    b"jfrog.io", b"nvcr.io", b"docker.pkg.github.com", b"registry.k8s.io", b"icr.io", b"digitalocean.com",
];

/// Where a registry's own URL path starts: the API (`/v2/`) or a token endpoint (distribution's
/// `/token`, Harbor's `/service/token`, GitLab's `/jwt/auth`).
pub(super) const REGISTRY_PATHS: &[&[u8]] = &[b"/v2/", b"/v2\"", b"/token", b"/service/token", b"/jwt/auth"];

/// What docker, helm and nerdctl print before the lines of a push or pull (layers, progress):
/// the reference, whose host is the registry.
pub(super) const REFERENCE_LEADS: &[&[u8]] = &[b"push refers to repository [", b"push refers to a repository [", b"oci://"];
pub(super) const REFERENCE_LOOKBACK: usize = 16 * 1024;

pub(super) enum InView {
    Acr,
    Other(Vec<u8>),
    Unknown,
}

/// Which registry a refusal is about: what the match's line names, an ACR (or a masked host, which
/// may be one) or another registry (a known host, a registry URL, the `registry=` field of Argo CD
/// Image Updater's log, empty for Docker Hub; kubelet's image without a host, Docker Hub's); if it
/// names none, what the three lines above name;
/// if they name none either, the last reference docker or helm printed before the push's layer
/// lines (up to 16 KB back: an image's layer lines, with timestamps, run to many KB). Bounded:
/// ~18.5 KB, once per finding.
pub(super) fn registry_in_view(raw: &[u8], line_start: usize, match_end: usize) -> InView {
    for text in [&raw[line_start..line_end(raw, match_end)], &raw[lines_above(raw, line_start)..line_start]] {
        if ACR_MARKS.iter().any(|m| find_folded(text, m).is_some()) {
            return InView::Acr;
        }
        if let Some(host) = other_registry(text) {
            return InView::Other(host);
        }
        if find_folded(text, b"***").is_some() {
            return InView::Acr;
        }
        if names_a_docker_hub_image(text) {
            return InView::Other(b"docker.io".to_vec());
        }
    }
    let far = &raw[line_start.saturating_sub(REFERENCE_LOOKBACK)..line_start];
    let mut last: Option<usize> = None;
    for lead in REFERENCE_LEADS {
        let mut i = 0;
        while let Some(off) = find_folded(&far[i..], lead) {
            let end = i + off + lead.len();
            last = last.max(Some(end));
            i = end;
        }
    }
    let Some(at) = last else { return InView::Unknown };
    let host = host_at(&far[at..]);
    if host.is_empty() {
        InView::Unknown
    } else if find_folded(host, b".azurecr.").is_some() || host.starts_with(b"***") || host.starts_with(b"$") {
        InView::Acr
    } else if host.contains(&b'.') || host.contains(&b':') {
        InView::Other(host.to_vec())
    } else {
        // `[myname/app]` was expanded by docker to docker.io; nerdctl's unexpanded name is Hub's too.
        InView::Other(b"docker.io".to_vec())
    }
}

/// kubelet's event names the image it pulled (`Failed to pull image "<ref>"`), and the runtime
/// expands a reference without a host (a first part with no `.` or `:`, not `localhost`) to Docker
/// Hub: octarinesec/octarine-operator#15's `"octarinesec/guardrails-enforcer:20.7"`.
pub(super) const KUBELET_IMAGE_LEAD: &[u8] = b"failed to pull image \"";

fn names_a_docker_hub_image(text: &[u8]) -> bool {
    let Some(at) = find_folded(text, KUBELET_IMAGE_LEAD) else { return false };
    let rest = &text[at + KUBELET_IMAGE_LEAD.len()..];
    let reference = &rest[..rest.iter().position(|&b| b == b'"').unwrap_or(rest.len()).min(255)];
    // A placeholder (`<redacted>`, `${IMAGE}`) or a mask may stand for any registry.
    if reference.is_empty() || reference.iter().any(|b| matches!(b, b'<' | b'$' | b'{' | b' ' | b'*')) {
        return false;
    }
    match reference.iter().position(|&b| b == b'/') {
        None => true,
        Some(slash) => {
            let first = &reference[..slash];
            !first.is_empty() && !first.iter().any(|b| matches!(b, b'.' | b':')) && !first.eq_ignore_ascii_case(b"localhost")
        }
    }
}

/// The host at the start of a reference or URL: up to `/`, a quote, a bracket or a blank.
pub(super) fn host_at(text: &[u8]) -> &[u8] {
    let end = text.iter().position(|b| matches!(b, b'/' | b'"' | b'\'' | b'\\' | b']' | b' ' | b'\t' | b'\r' | b'\n')).unwrap_or(text.len());
    &text[..end.min(255)]
}

/// Another registry named in the text: a known host, a registry URL (`https://<host>/v2/`,
/// `/token`), or Argo CD Image Updater's `registry=` field (empty: Docker Hub).
pub(super) fn other_registry(text: &[u8]) -> Option<Vec<u8>> {
    if let Some(at) = OTHER_REGISTRIES.iter().find_map(|h| find_folded(text, h)) {
        // The whole host around the known name: `auth.docker.io`, `registry.digitalocean.com`.
        let from = text[..at].iter().rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))).map_or(0, |i| i + 1);
        let host = host_at(&text[from..]);
        return Some(host.strip_prefix(b".").unwrap_or(host).to_vec());
    }
    let mut i = 0;
    while let Some(off) = find_folded(&text[i..], b"://") {
        let at = i + off + 3;
        let host = host_at(&text[at..]);
        let path = &text[at + host.len()..];
        // A masked host (`https://***/v2/`: the login server kept in a secret) may well be an ACR.
        if !host.is_empty() && !host.starts_with(b"***") && find_folded(host, b"mcr.microsoft.com").is_none() && REGISTRY_PATHS.iter().any(|p| path.len() >= p.len() && path[..p.len()].eq_ignore_ascii_case(p)) {
            return Some(host.to_vec());
        }
        i = at;
    }
    let at = find_folded(text, b" registry=")? + b" registry=".len();
    let host = host_at(&text[at..]);
    if host.starts_with(b"***") {
        return None;
    }
    Some(if host.is_empty() { b"docker.io".to_vec() } else { host.to_vec() })
}

pub(super) const OTHER_REGISTRY_LEAD: &str = "But the registry here is ";
pub(super) const NO_ACR_IN_VIEW_LEAD: &str = "But nothing around it names an Azure Container Registry";

/// Runs on the findings (at most one check per finding, so a log repeating a refusal costs
/// nothing more), after the rules that move a refusal to another entry (helm's, App Service's).
pub(super) fn acr_causes_in_every_registry_s_words_need_an_acr(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in causes_of(groups, ACR_CAUSE_SHARED_WORDS) {
        let id = all[g.m.entry].id;
        let host = match registry_in_view(raw, g.m.line_id, g.m.end) {
            InView::Other(host) => String::from_utf8_lossy(&host).into_owned(),
            InView::Unknown if ACR_CAUSE_NEEDS_ACR_IN_VIEW.contains(&id) || ACR_WORDS_NEED_ACR_IN_VIEW.iter().any(|w| g.m.matched.as_bytes().eq_ignore_ascii_case(w)) => String::new(),
            _ => continue,
        };
        g.demote(not_acr_evidence(&host));
    }
}

pub(super) fn not_acr_evidence(host: &str) -> String {
    if host.is_empty() {
        format!("{NO_ACR_IN_VIEW_LEAD} (no `*.azurecr.io` host, no ACR link), and every registry answers with these words: the cause named here is only ACR's. Ranked as a symptom.")
    } else {
        format!("{OTHER_REGISTRY_LEAD}{host}, not an Azure Container Registry: every registry answers with these words, and this entry's causes and fixes are ACR's. Ranked as a symptom.{}", its_own_login(host))
    }
}

/// How the registries people most often mix into an ACR workflow take a login (by the end of the
/// host), for the evidence that says a refusal was theirs: "not ACR's" alone leaves the reader
/// where they started. `<HOST>` is the host in view.
const OWN_LOGINS: &[(&[&str], &str)] = &[
    (&["ghcr.io"], "GHCR: log in with docker/login-action (`registry: ghcr.io`, `password: ${{ secrets.GITHUB_TOKEN }}`) and give the job `permissions: packages: write` (`read` to pull); another repository's package must grant this repository access in its settings."),
    (&["docker.io"], "Docker Hub: log in with a Docker Hub user and access token (`docker login -u <USER>`); a private repository needs that account's access, and an image named without a registry host goes to Docker Hub."),
    (&[".amazonaws.com"], "ECR: `aws ecr get-login-password --region <REGION> | docker login --username AWS --password-stdin <HOST>`, as an identity allowed `ecr:GetAuthorizationToken`."),
    (&["gcr.io", ".pkg.dev"], "Google: `gcloud auth configure-docker <HOST>`, as an identity with Artifact Registry Reader (Writer to push)."),
];

/// A blank and [`OWN_LOGINS`]'s text for `host`, or nothing for a registry not in it.
fn its_own_login(host: &str) -> String {
    let lower = host.to_ascii_lowercase();
    OWN_LOGINS
        .iter()
        .find(|(ends, _)| ends.iter().any(|e| lower.ends_with(e)))
        .map_or(String::new(), |(_, how)| format!(" {}", how.replace("<HOST>", host)))
}

/// The lead of [`another_registry_s_fix_is_its_own`]'s evidence.
pub(super) const OTHER_REGISTRY_FIX_LEAD: &str = "The registry here is ";

/// A proxy refusing the connection (AL045), whose fix sets the Docker daemon's proxy.
pub(super) const PROXY_ENTRY: &str = "AL045";

/// The lead of the evidence that a proxy refused a request to a service that is not a registry.
pub(super) const OTHER_SERVICE_PROXY_LEAD: &str = "The request here went to ";

/// A cause that any registry can have (a tag never pushed, anonymous pull off, an Azure service's
/// pull credentials) stays a cause for Docker Hub or GHCR, but its fix commands are ACR's (`az
/// acr …`). With another registry in view, the finding says so, so nobody runs them against the
/// wrong registry. Once per finding, after the rules that demote, on what [`registry_in_view`]
/// reads (bounded). A proxy's refusal is the cause whatever the target, but its fix is the Docker
/// daemon's settings: with a request to a service that is not a registry on its line or the three
/// above (npm's download from github.com, its registry), the finding names that service and its
/// tool's settings instead.
pub(super) fn another_registry_s_fix_is_its_own(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        let e = &all[g.m.entry];
        if e.id == PROXY_ENTRY && g.m.strength >= Strength::LikelyCause && !acr_marked(raw, g.m.line_id, g.m.end) {
            let line = &raw[g.m.line_id..line_end(raw, g.m.end)];
            let above = &raw[lines_above(raw, g.m.line_id)..g.m.line_id];
            if let Some(host) = requested_host(line).or_else(|| requested_host(above)) {
                g.evidence.push(format!(
                    "{OTHER_SERVICE_PROXY_LEAD}{}, not a container registry: the proxy's refusal is the cause, but set the proxy (and its credentials) of the tool that made the request (npm: `npm config set https-proxy`; others: HTTPS_PROXY, NO_PROXY), not the Docker daemon's.",
                    String::from_utf8_lossy(host)
                ));
            }
            continue;
        }
        // Docker Hub's pull limit is about Docker Hub: its `az acr import` is the way around it.
        if g.m.strength < Strength::LikelyCause || e.id == DOCKER_HUB_LIMIT_ENTRY || !e.fix.iter().any(|s| s.code.is_some_and(|c| c.contains("az acr "))) {
            continue;
        }
        if let InView::Other(host) = registry_in_view(raw, g.m.line_id, g.m.end) {
            let host = String::from_utf8_lossy(&host);
            g.evidence.push(format!(
                "{OTHER_REGISTRY_FIX_LEAD}{host}, not an Azure Container Registry: the cause applies to it too, but the `az acr` commands below do not; use that registry's own tools and settings.{}",
                its_own_login(&host)
            ));
        }
    }
}

/// The entry of the managed-identity endpoint that gave no token (AL610).
pub(super) const MANAGED_IDENTITY_ENTRY: &str = "AL610";

/// How Azure.Identity reports, inside a credential chain, that this machine has no managed identity.
pub(super) const CHAIN_ATTEMPT_WORDING: &[u8] = b"ManagedIdentityCredential authentication unavailable";

/// What a credential chain prints before the attempts it lists.
pub(super) const CHAIN_LEADS: &[&[u8]] = &[b"attempted credentials", b"failed to retrieve a token from the included credentials", b"chainedtokencredential"];

pub(super) const CHAIN_ATTEMPT_EVIDENCE: &str = "But it is one attempt of a credential chain (DefaultAzureCredential lists every credential it tried): this machine has no managed identity, and the chain found no other credential either. Give the job the one it should use (environment variables, `az login`, workload identity). Ranked as a symptom.";

/// The entry of a pod that workload identity's webhook did not set up (AL416).
pub(super) const WORKLOAD_IDENTITY_ENTRY: &str = "AL416";

pub(super) const WORKLOAD_IDENTITY_CHAIN_EVIDENCE: &str = "But it is one attempt of a credential chain (DefaultAzureCredential tries workload identity wherever it runs): nothing says this process is a pod meant to use it, and the chain found no other credential either. Give the job the one it should use; in a pod, label it for workload identity. Ranked as a symptom.";

/// Azure.Identity's credential chains (DefaultAzureCredential, ChainedTokenCredential) list every
/// credential they tried. Managed identity's "authentication unavailable" in that list only says
/// this machine has none (a laptop, a CI runner outside Azure); the chain's failure is that no
/// credential at all was set up, not AL610's identity that is missing or not named. A chain whose
/// identity endpoint answered (`no default identity is assigned`) keeps AL610. Workload identity's
/// missing variables (AL416) in that list are the same: Go's chain tries it on any machine. The
/// lead is looked for on the match's line and up to eight lines above (2 KB).
pub(super) fn one_attempt_of_a_credential_chain_is_a_symptom(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        let id = all[g.m.entry].id;
        let evidence = if id == MANAGED_IDENTITY_ENTRY && g.m.strength == Strength::LikelyCause && g.m.matched.as_bytes().eq_ignore_ascii_case(CHAIN_ATTEMPT_WORDING) {
            CHAIN_ATTEMPT_EVIDENCE
        } else if id == WORKLOAD_IDENTITY_ENTRY && g.m.strength >= Strength::LikelyCause {
            WORKLOAD_IDENTITY_CHAIN_EVIDENCE
        } else {
            continue;
        };
        let before = &raw[lines_back(raw, g.m.line_id, 8)..g.m.start.max(g.m.line_id)];
        if CHAIN_LEADS.iter().any(|lead| find_folded(before, lead).is_some()) {
            g.demote(evidence.to_string());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Causes whose words other tools print for other reasons: each keeps its cause only with its own
// context in view. One check per finding (after grouping), each bounded (2 KB around the match),
// except the job's permissions, looked for once per scan.

/// The checkout refused after `permissions:` left out `contents` (AL007).
pub(super) const CHECKOUT_PERMISSIONS_ENTRY: &str = "AL007";

/// What the runner prints in `Set up job`: the permissions the job's token was given, one
/// `Name: level` a line, only those granted (`Metadata: read` always; `id-token` never,
/// actions/runner#3268).
pub(super) const TOKEN_PERMISSIONS_GROUP: &[u8] = b"github_token permissions";

pub(super) const NO_PERMISSIONS_IN_VIEW_EVIDENCE: &str = "But nothing in view shows the job's token permissions (`Set up job`'s `GITHUB_TOKEN Permissions` group, or the workflow's `id-token: write`): git says the same for any repository its credentials cannot read (a private module, another repository, a GitHub incident). Ranked as a symptom.";

pub(super) const CONTENTS_GRANTED_EVIDENCE: &str = "But the job's token has `contents` access (its permissions in view list it): no `permissions:` block took it away. Ranked as a symptom.";

pub(super) enum JobPermissions {
    /// The token's permissions are in view and `contents` is not among them.
    WithoutContents,
    WithContents,
    Unknown,
}

/// The job's token permissions as the log shows them: the runner's group before `before` (its
/// lines up to `##[endgroup]`, at most 2 KB), or a workflow pasted with the log that asks for
/// `id-token: write`. Linear: a few scans of the text, once per scan.
pub(super) fn job_permissions(raw: &[u8], before: usize) -> JobPermissions {
    let mut last = None;
    let mut i = 0;
    while let Some(off) = find_folded(&raw[i..before], TOKEN_PERMISSIONS_GROUP) {
        last = Some(i + off);
        i += off + TOKEN_PERMISSIONS_GROUP.len();
    }
    let contents = |text: &[u8]| [&b"contents: read"[..], b"contents: write"].iter().any(|w| find_folded(text, w).is_some());
    if let Some(at) = last {
        let block = &raw[at..raw.len().min(at + 2048)];
        let block = &block[..find_folded(block, b"##[endgroup]").unwrap_or(block.len())];
        return if contents(block) { JobPermissions::WithContents } else { JobPermissions::WithoutContents };
    }
    if find_folded(raw, b"id-token: write").is_none() {
        JobPermissions::Unknown
    } else if contents(raw) {
        JobPermissions::WithContents
    } else {
        JobPermissions::WithoutContents
    }
}

/// git's "Repository not found" and "terminal prompts disabled" name AL007's cause (a
/// `permissions:` block without `contents`) only when the job's permissions are in view: `go mod
/// download` of a private module, a checkout of another private repository or a GitHub incident
/// (actions/checkout#254, 2020, before `id-token` existed) print the same.
pub(super) fn checkout_refusals_need_the_job_s_permissions(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let is_cause = |g: &Group| all[g.m.entry].id == CHECKOUT_PERMISSIONS_ENTRY && g.m.strength >= Strength::LikelyCause;
    let Some(first) = groups.iter().filter(|g| is_cause(g)).map(|g| g.m.start).min() else { return };
    let evidence = match job_permissions(raw, first) {
        JobPermissions::WithoutContents => return,
        JobPermissions::WithContents => CONTENTS_GRANTED_EVIDENCE,
        JobPermissions::Unknown => NO_PERMISSIONS_IN_VIEW_EVIDENCE,
    };
    for g in groups.iter_mut().filter(|g| is_cause(g)) {
        g.demote(evidence.to_string());
    }
}

/// No Docker daemon (AL050), whose cause is a login that writes through the daemon.
pub(super) const DAEMON_ENTRY: &str = "AL050";

/// Commands that log in (and need the daemon only for that) or that say the failing step was one.
pub(super) const LOGIN_COMMANDS: &[&[u8]] = &[b"acr login", b"docker login", b"login-action", b"--expose-token", b"docker_command_error"];

/// Docker commands that need the daemon for their own work (and the runner's build of a Docker
/// container action's image).
pub(super) const DAEMON_COMMANDS: &[&[u8]] = &[
    b"docker build", b"docker buildx", b"docker run", b"docker push", b"docker pull", b"docker version", b"docker info",
    b"docker compose", b"docker-compose", b"docker tag", b"docker image", b"docker load", b"docker save", b"docker create",
    b"docker exec", b"docker ps", b"build container for action",
];

/// The last of `words` in `text`: where it starts, and which.
pub(super) fn last_of<'w>(text: &[u8], words: &[&'w [u8]]) -> Option<(usize, &'w [u8])> {
    let mut best: Option<(usize, &[u8])> = None;
    for w in words {
        let mut i = 0;
        while let Some(off) = find_folded(&text[i..], w) {
            if best.is_none_or(|(b, _)| i + off >= b) {
                best = Some((i + off, w));
            }
            i += off + w.len();
        }
    }
    best
}

/// "Cannot connect to the Docker daemon" names AL050's cause (a login through a daemon that is not
/// there; `--expose-token` needs none) unless the command that failed was another Docker command:
/// the nearest of them above the error (16 lines, 2 KB) is a build, a run, a push, which need the
/// daemon themselves, and no login came after it.
pub(super) fn a_missing_daemon_is_a_login_s_only_after_a_login(raw: &[u8], groups: &mut [Group]) {
    for g in causes_of(groups, &[DAEMON_ENTRY]) {
        let from = lines_back(raw, g.m.line_id, 16).max(g.m.line_id.saturating_sub(2048));
        let before = &raw[from..g.m.start.max(from)];
        let Some((at, command)) = last_of(before, DAEMON_COMMANDS) else { continue };
        if last_of(before, LOGIN_COMMANDS).is_some_and(|(l, _)| l > at) {
            continue;
        }
        g.demote(format!(
            "But the command that failed is `{}`, which needs the daemon for its own work, not a registry login: start Docker on this machine, or give the job the daemon's socket. Ranked as a symptom.",
            String::from_utf8_lossy(command)
        ));
    }
}

/// The image's platform (AL404), of which `exec format error` is the running side.
pub(super) const PLATFORM_ENTRY: &str = "AL404";

/// What a build prints above a step's output: BuildKit's `[stage 2/6] RUN`, the classic builder's
/// `Step 3/9 : RUN` and `---> Running in`.
pub(super) const BUILD_STEP_LEADS: &[&[u8]] = &[b"] run ", b" : run ", b"---> running in"];

pub(super) const BUILD_STEP_EVIDENCE: &str = "But it failed inside a build step (`RUN`): the builder ran a program for another platform than its own, which needs emulation (QEMU: docker/setup-qemu-action, or binfmt on the host) or a builder of that platform; no node pulled an image. Ranked as a symptom.";

/// `exec format error` in a build step is the builder's emulation, not AL404's node and image.
pub(super) fn exec_format_errors_in_a_build_step_are_the_builder_s(raw: &[u8], groups: &mut [Group]) {
    for g in causes_of(groups, &[PLATFORM_ENTRY]) {
        if !g.m.matched.as_bytes().eq_ignore_ascii_case(b"exec format error") {
            continue;
        }
        let from = lines_back(raw, g.m.line_id, 8).max(g.m.line_id.saturating_sub(2048));
        if BUILD_STEP_LEADS.iter().any(|l| find_folded(&raw[from..g.m.start.max(from)], l).is_some()) {
            g.demote(BUILD_STEP_EVIDENCE.to_string());
        }
    }
}

/// Storage refusing the Authorization header's format (AL203), whose cause is a registry's redirect.
pub(super) const STORAGE_FORMAT_ENTRY: &str = "AL203";

/// Query parameters of Azure Storage's own operations (`restype=container&comp=list`); a
/// registry's redirect to a layer carries a SAS and no operation.
pub(super) const STORAGE_OPERATION_MARKS: &[&[u8]] = &[b"restype=", b"comp="];

pub(super) const STORAGE_OPERATION_EVIDENCE: &str = "But the request was one of the storage service's own operations (`restype=` or `comp=` in its URL), not a layer download a registry redirected: the client sent its own storage credentials in a form storage does not accept. Ranked as a symptom.";

/// Storage's "Authentication information is not given in the correct format" names AL203's cause
/// only for a layer download; a call to storage's own API (a listing) gets it for its own
/// credentials. Looked for on the match's line and the three lines above.
pub(super) fn storage_s_own_operations_are_not_a_registry_redirect(raw: &[u8], groups: &mut [Group]) {
    for g in causes_of(groups, &[STORAGE_FORMAT_ENTRY]) {
        let region = &raw[lines_above(raw, g.m.line_id)..line_end(raw, g.m.end)];
        if STORAGE_OPERATION_MARKS.iter().any(|m| find_folded(region, m).is_some()) {
            g.demote(STORAGE_OPERATION_EVIDENCE.to_string());
        }
    }
}

/// Throttling (AL043), whose cause and fixes are ACR's request limits.
pub(super) const THROTTLED_ENTRY: &str = "AL043";

/// The host of a URL the text says was requested: quoted (`'https://…'`, Go's `Get "https://…"`)
/// or after an HTTP method (`GET https://…`), so not a link to documentation. `None` for an ACR,
/// MCR or any registry API URL.
pub(super) fn requested_host(text: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while let Some(off) = find_folded(&text[i..], b"://") {
        let at = i + off;
        i = at + 3;
        let scheme = text[..at].iter().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |p| p + 1);
        let lead = &text[..scheme];
        let requested = lead.ends_with(b"'") || lead.ends_with(b"\"") || [&b"GET "[..], b"POST ", b"PUT ", b"HEAD ", b"PATCH "].iter().any(|m| lead.len() >= m.len() && lead[lead.len() - m.len()..].eq_ignore_ascii_case(m));
        let host = host_at(&text[at + 3..]);
        let path = &text[at + 3 + host.len()..];
        let registry = ACR_MARKS.iter().any(|m| find_folded(host, m).is_some())
            || find_folded(host, b"mcr.microsoft.com").is_some()
            || REGISTRY_PATHS.iter().any(|p| path.len() >= p.len() && path[..p.len()].eq_ignore_ascii_case(p));
        if requested && !host.is_empty() && !registry {
            return Some(host);
        }
    }
    None
}

/// Docker Hub's pull limit (AL207): on the throttled line, it names who throttled.
pub(super) const DOCKER_HUB_LIMIT_ENTRY: &str = "AL207";

/// What services that are not registries print with their 429s, and who they are: the toolkit's
/// cache client (actions/cache, setup-node's and rust-cache's caching) restoring or saving.
pub(super) const THROTTLING_SERVICES: &[(&[u8], &str)] = &[
    (b"failed to restore:", "GitHub Actions' cache service"),
    (b"failed to save:", "GitHub Actions' cache service"),
    (b"cache service responded with", "GitHub Actions' cache service"),
];

/// "429 Too Many Requests" is every HTTP service's throttling: ACR's limits are not what answered
/// when the request's URL on the line or the three lines above names a service that is not a
/// registry (the runner downloading an action from api.github.com), when that text names another
/// registry (GHCR, Docker Hub), when Docker Hub's own limit (AL207) is on the same line, or when
/// the line is another service's (the Actions cache).
pub(super) fn throttling_by_another_service_is_not_acr_s(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    let hub_lines: Vec<usize> = groups.iter().filter(|g| all[g.m.entry].id == DOCKER_HUB_LIMIT_ENTRY).map(|g| g.m.line_id).collect();
    for g in causes_of(groups, &[THROTTLED_ENTRY]) {
        if acr_marked(raw, g.m.line_id, g.m.end) {
            continue;
        }
        let line = &raw[g.m.line_id..line_end(raw, g.m.end)];
        let above = &raw[lines_above(raw, g.m.line_id)..g.m.line_id];
        let service = if let Some(host) = requested_host(line).or_else(|| requested_host(above)) {
            format!("{}, not a container registry", String::from_utf8_lossy(host))
        } else if let InView::Other(host) = registry_in_view(raw, g.m.line_id, g.m.end) {
            format!("{}, another registry than ACR", String::from_utf8_lossy(&host))
        } else if hub_lines.contains(&g.m.line_id) {
            "Docker Hub (its pull limit is named on the same line), not ACR".to_string()
        } else if let Some((_, name)) = THROTTLING_SERVICES.iter().find(|(lead, _)| find_folded(line, lead).is_some()) {
            format!("{name}, not a container registry")
        } else {
            continue;
        };
        g.demote(format!("But the throttled request went to {service}: that service's own limit answered, not ACR's (wait and retry). Ranked as a symptom."));
    }
}

/// Connection failures (AL044, AL301, AL303, AL304), whose causes are the network between the
/// client and the registry (an egress firewall, a private endpoint, a proxy).
pub(super) const CONNECTION_ENTRIES: &[&str] = &["AL044", "AL301", "AL303", "AL304"];

/// What Go and Node print before the address a connection failed to: `dial tcp <ip>:<port>`,
/// `connect ECONNREFUSED <ip>:<port>`. A read or write on an open connection prints the local
/// address first (`read tcp <local>-><remote>`): only the part after `->` is the far end.
pub(super) const ADDRESS_LEADS: &[&[u8]] = &[b"dial tcp ", b"econnrefused ", b"etimedout ", b"econnreset ", b"ehostunreach "];
pub(super) const CONNECTION_LEADS: &[&[u8]] = &[b"read tcp ", b"write tcp "];

/// The addresses a line says a connection failed to: (host, port if printed).
pub(super) fn failed_addresses(line: &[u8]) -> Vec<(&[u8], Option<u16>)> {
    fn token(t: &[u8]) -> (&[u8], Option<u16>) {
        let end = t.iter().position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']' | b'*'))).unwrap_or(t.len());
        // The sentence may end right after the address (`connect ETIMEDOUT 169.254.169.254:80.`).
        let mut addr = &t[..end];
        while let [rest @ .., b':' | b'.'] = addr {
            addr = rest;
        }
        match addr.iter().rposition(|&b| b == b':') {
            Some(c) if addr[c + 1..].iter().all(u8::is_ascii_digit) && c + 1 < addr.len() && (addr[0] == b'[' || !addr[..c].contains(&b':')) => {
                (&addr[..c], std::str::from_utf8(&addr[c + 1..]).ok().and_then(|p| p.parse().ok()))
            }
            _ => (addr, None),
        }
    }
    let mut out = Vec::new();
    for (leads, far_end) in [(ADDRESS_LEADS, false), (CONNECTION_LEADS, true)] {
        for lead in leads {
            let mut i = 0;
            while let Some(off) = find_folded(&line[i..], lead) {
                let mut at = i + off + lead.len();
                i = at;
                if far_end {
                    let Some(arrow) = line[at..line.len().min(at + 64)].windows(2).position(|w| w == b"->") else { continue };
                    at += arrow + 2;
                }
                let (host, port) = token(&line[at..]);
                if !host.is_empty() {
                    out.push((host, port));
                }
            }
        }
    }
    out
}

/// Whether the failed connections were all to this machine or to ports an ACR never listens on
/// (it answers on 443 of its own host only); `false` when there were none.
pub(super) fn none_at_a_registry(addresses: &[(&[u8], Option<u16>)]) -> bool {
    !addresses.is_empty() && addresses.iter().all(|(host, port)| is_loopback(host) || port.is_some_and(|p| p != 443))
}

pub(super) fn is_loopback(host: &[u8]) -> bool {
    host.starts_with(b"127.") || host.eq_ignore_ascii_case(b"localhost") || host == b"[::1]" || host == b"::1"
}

/// A Kubernetes service (`<name>.<namespace>.svc`, `.svc.cluster.local`) or the API server (its
/// `/api/` and `/apis/` paths) among the URLs of the text.
pub(super) fn cluster_endpoint(text: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    while let Some(off) = find_folded(&text[i..], b"://") {
        let at = i + off + 3;
        i = at;
        // An IPv6 or bracketed address (`https://[10.43.0.1]:443/`) keeps its port after the bracket.
        let host = match text[at..].iter().position(|&b| b == b']') {
            Some(close) if text[at..].starts_with(b"[") => &text[at..at + close + 1 + host_at(&text[at + close + 1..]).len()],
            _ => host_at(&text[at..]),
        };
        let path = &text[at + host.len()..];
        let name = match host.iter().rposition(|&b| b == b':') {
            Some(c) if !host.starts_with(b"[") || host[..c].ends_with(b"]") => &host[..c],
            _ => host,
        };
        let service = name.len() > 4 && (name[name.len() - 4..].eq_ignore_ascii_case(b".svc") || find_folded(name, b".svc.").is_some());
        let api = [&b"/api/"[..], b"/apis/"].iter().any(|p| path.len() >= p.len() && path[..p.len()].eq_ignore_ascii_case(p));
        if !host.is_empty() && (service || api) {
            return Some(host);
        }
    }
    None
}

/// What kubectl prints before any failure to reach the cluster's API server (its own lead, whatever
/// the error after it: a TLS handshake timeout, a dial timeout), which names no URL.
pub(super) const API_SERVER_LEADS: &[&[u8]] = &[b"unable to connect to the server: "];

pub(super) const API_SERVER_EVIDENCE: &str = "But kubectl printed it (`Unable to connect to the server:`): the connection that failed was to the cluster's API server, not a container registry. Check the cluster's state and the path to its API server (authorized IP ranges, a private cluster reached from outside its network). Ranked as a symptom.";

/// The registry's name not resolving (AL041) and its certificate not trusted or for another
/// name (AL042, AL306): DNS and TLS causes whose fixes are the registry's name and the path to it.
pub(super) const NAME_AND_CERTIFICATE_ENTRIES: &[&str] = &["AL041", "AL042", "AL306"];

/// What the evidence of [`connections_an_acr_cannot_be_at_are_not_its_network`] says of a failure
/// at the cluster's own services and names (the report drops the network entries from its
/// candidates after it).
pub(super) const CLUSTER_ENDPOINT_WORDS: &str = "a Kubernetes service or API server, not a container registry";
pub(super) const CLUSTER_NAME_WORDS: &str = "a name only the cluster's DNS answers";

/// AL041, of [`NAME_AND_CERTIFICATE_ENTRIES`]: the name that did not resolve.
pub(super) const DNS_ENTRY: &str = "AL041";

/// The name a resolver error is about: the one the pattern captured (`getaddrinfo ENOTFOUND
/// <name>`), else the last quoted word before the match on its line (psycopg2's `could not
/// translate host name "<name>" to address:`, pgBackRest's `unable to get address for '<name>':`).
/// `None` for a masked value or anything that is not a host name.
pub(super) fn looked_up_name<'t>(line_to_match: &'t [u8], captured: Option<&'t str>) -> Option<&'t [u8]> {
    let name = match captured {
        Some(h) => h.as_bytes(),
        None => {
            let close = line_to_match.iter().rposition(|&b| b == b'"' || b == b'\'')?;
            let quote = line_to_match[close];
            let open = line_to_match[..close].iter().rposition(|&b| b == quote)?;
            &line_to_match[open + 1..close]
        }
    };
    let host_like = !name.is_empty() && name.len() <= 255 && name.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    host_like.then_some(name)
}

/// Commands whose failed lookup is a registry's name (`docker login contosoacr`).
const REGISTRY_COMMANDS: &[&[u8]] = &[b"docker login", b"docker pull", b"docker push", b"az acr ", b"helm registry login", b"oras login"];

/// A name only a cluster's DNS answers: a Service's (`<name>.<namespace>.svc`,
/// `.svc.cluster.local`, with or without the final dot) or a name without a domain (`postgres`),
/// which the pod's search list expands to one. A registry's login server always has a domain.
pub(super) fn is_cluster_name(name: &[u8]) -> bool {
    let name = name.strip_suffix(b".").unwrap_or(name);
    let service = (name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(b".svc")) || find_folded(name, b".svc.").is_some();
    service || (!name.contains(&b'.') && !is_loopback(name))
}

/// An ACR answers on its host's port 443, from outside the machine and outside any cluster: a
/// connection that failed to a loopback address or another port (a database of the tests, a
/// local service), or a request to a Kubernetes service or API server (an admission webhook, a
/// CNI plugin reaching the API, kubectl's own `Unable to connect to the server:`), is not the
/// registry's network, whatever the words. The same for the DNS and certificate entries: a
/// certificate refused at a Kubernetes service or API server (a webhook's `caBundle` out of step,
/// the API server reached at an IP its certificate does not name) is that service's, and a name
/// only the cluster's DNS answers (a Service, a name without a domain: a pod's database) that did
/// not resolve is a Service missing or not ready, not a registry's name. kubectl's lead keeps a
/// DNS failure a cause (the API server's name is resolved like a registry's). Looked for on the
/// match's line; an ACR host, link or command on it or the three lines above keeps the cause.
pub(super) fn connections_an_acr_cannot_be_at_are_not_its_network(raw: &[u8], groups: &mut [Group]) {
    let all = catalog::entries();
    for g in groups.iter_mut() {
        let id = all[g.m.entry].id;
        let connection = CONNECTION_ENTRIES.contains(&id);
        if g.m.strength < Strength::Consequence || !(connection || NAME_AND_CERTIFICATE_ENTRIES.contains(&id)) || acr_marked(raw, g.m.line_id, g.m.end) {
            continue;
        }
        let line = &raw[g.m.line_id..line_end(raw, g.m.end)];
        let addresses = failed_addresses(line);
        let local = none_at_a_registry(&addresses);
        let evidence = if local {
            let (host, port) = addresses[0];
            format!(
                "But the connection was to {}{}, where no Azure Container Registry answers (ACR listens on port 443 of its own host, never on this machine): the service at that address was not up or not reachable. Ranked as a symptom.",
                String::from_utf8_lossy(host),
                port.map(|p| format!(":{p}")).unwrap_or_default()
            )
        } else if id == DNS_ENTRY {
            let Some(name) = looked_up_name(&raw[g.m.line_id..g.m.end.max(g.m.line_id)], g.m.params.host.as_deref()).filter(|n| is_cluster_name(n)) else { continue };
            // A name without a domain in a registry's request (`https://contosoacr/v2/`, `docker
            // login contosoacr`) is a login server missing its suffix, not a pod's Service.
            let around = &raw[lines_above(raw, g.m.line_id)..line_end(raw, g.m.end)];
            if !name.contains(&b'.') && (REGISTRY_PATHS.iter().any(|p| find_folded(line, p).is_some()) || REGISTRY_COMMANDS.iter().any(|c| find_folded(around, c).is_some())) {
                continue;
            }
            format!(
                "But `{}` is {CLUSTER_NAME_WORDS} (a Service, or a name without a domain), not a registry's login server: that Service does not exist in the pod's namespace, or the cluster's DNS is not ready. Ranked as a symptom.",
                String::from_utf8_lossy(name)
            )
        } else if let Some(host) = cluster_endpoint(line) {
            let host = String::from_utf8_lossy(host);
            if connection {
                format!("But the request went to {host}, {CLUSTER_ENDPOINT_WORDS}: the cluster's own path to it failed (its pods not ready, kube-proxy, or a firewall between the control plane and the nodes). Ranked as a symptom.")
            } else {
                format!("But the certificate is {host}'s, {CLUSTER_ENDPOINT_WORDS}'s: it does not match what its caller trusts (a webhook's `caBundle`, the API server's names). Ranked as a symptom.")
            }
        } else if API_SERVER_LEADS.iter().any(|l| find_folded(&raw[g.m.line_id..g.m.start.max(g.m.line_id)], l).is_some()) {
            API_SERVER_EVIDENCE.to_string()
        } else {
            continue;
        };
        g.demote(evidence);
    }
}
