//! From a failed response to a [`Finding`]: which catalog entry, the values involved, the fix.
//! Structured fields are read first (Entra's `error_codes`, ACR's `errors[].code`, the HTTP
//! status); the log scanner is the fallback for texts this module does not know.

use super::config::{AuthType, Plan, RepoAction};
use super::http::{HttpResponse, TransportErrorKind};
use super::permissions::PermissionReport;
use super::secret::{redact, Secret};
use crate::diagnose::Finding;
use serde_json::{Map, Value};

pub(crate) struct Ctx<'a> {
    pub plan: &'a Plan,
    /// Claims of the assertion presented to Entra (GitHub token or federated token file).
    pub assertion: Option<&'a Map<String, Value>>,
    pub entra: Option<&'a Map<String, Value>>,
    pub secrets: &'a [Secret],
    pub now_s: i64,
}

pub(crate) fn claim<'m>(claims: Option<&'m Map<String, Value>>, name: &str) -> Option<&'m str> {
    claims?.get(name)?.as_str()
}

/// `aud` may be a string or an array; the first value is the one that matters here.
pub(crate) fn audience(claims: Option<&Map<String, Value>>) -> Option<String> {
    match claims?.get("aud")? {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.first().and_then(Value::as_str).map(String::from),
        _ => None,
    }
}

impl Ctx<'_> {
    fn client_id(&self) -> &str {
        self.plan.client_id.as_deref().unwrap_or("<client-id>")
    }

    fn tenant(&self) -> String {
        self.plan
            .tenant_id
            .clone()
            .or_else(|| claim(self.entra, "tid").map(String::from))
            .unwrap_or_else(|| "<tenant-id>".to_string())
    }

    fn redact(&self, s: &str) -> String {
        redact(s, self.secrets)
    }

    /// The service's words for a finding. Redacted whole, then shortened: shortening first could
    /// cut a token where neither its known value nor the JWT shape matches any more.
    fn evidence(&self, body: &str) -> Option<String> {
        acr_evidence(&self.redact(body))
    }

    /// The identity as ACR sees it: app ID and object ID from the Entra token.
    fn identity(&self) -> String {
        let app = claim(self.entra, "appid").or(claim(self.entra, "azp")).unwrap_or(self.client_id());
        match claim(self.entra, "oid") {
            Some(oid) => format!("app {app} (object {oid})"),
            None => format!("app {app}"),
        }
    }

    /// Assignee for `az role assignment create`: the service principal's object ID when known.
    fn assignee(&self) -> String {
        claim(self.entra, "oid").map(String::from).unwrap_or_else(|| self.client_id().to_string())
    }

    /// What the presented assertion carried: issuer, subject, and the audience it was asked for.
    pub fn needed_credential(&self) -> Option<(String, String, String)> {
        let iss = claim(self.assertion, "iss")?.to_string();
        let sub = claim(self.assertion, "sub")?.to_string();
        Some((iss, sub, self.plan.audience.clone()))
    }

    fn create_credential_commands(&self) -> Vec<String> {
        if self.assertion.is_some_and(|a| crate::token::classify(a) == crate::token::TokenKind::KubernetesSaLegacy) {
            return vec![
                "The token file holds a legacy Kubernetes service-account secret token (issuer `kubernetes/serviceaccount`, no expiry), which Entra cannot federate: no credential will accept it. Present the projected token Azure Workload Identity mounts (pod label `azure.workload.identity/use: \"true\"`, token in $AZURE_FEDERATED_TOKEN_FILE) on a cluster with an OIDC issuer (`az aks update --enable-oidc-issuer --enable-workload-identity`).".to_owned(),
            ];
        }
        // The builder decodeToken uses: the page and this fix name the same credential, quoted alike.
        let Some(fic) = self.assertion.and_then(|a| crate::token::federated_credential_for(a, &self.plan.audience)) else {
            return vec![format!(
                "List the credentials that exist: `az ad app federated-credential list --id {} -o table`, and compare issuer, subject and audience with the token the workflow presents (run with `diagnose: always` to see it).",
                self.client_id()
            )];
        };
        let id = self.client_id();
        let id = if id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') { id.to_owned() } else { crate::token::shell_quoted(id) };
        let presenter = if self.plan.auth_type == AuthType::WorkloadIdentity { "the token file" } else { "this workflow" };
        vec![
            format!(
                "Add a federated credential for exactly what {presenter} presents: `{}`",
                fic.command.replace(crate::token::APP_ID_PLACEHOLDER, &id)
            ),
            format!("For a user-assigned managed identity instead: `{}`", fic.managed_identity_command),
        ]
    }
}

/// Short registry name for az commands (`myacr` of `myacr.azurecr.io`). A registry with a domain
/// name label scope is served at `<name>-<hash>.azurecr.io`; registry names hold only letters and
/// digits, so the name ends at the first dash.
pub(crate) fn registry_name(host: &str) -> &str {
    if host.contains(".azurecr.") {
        let label = host.split('.').next().unwrap_or(host);
        label.split('-').next().unwrap_or(label)
    } else {
        host
    }
}

/// Text between the quote after `marker` and the next quote: `subject 'repo:x'` → `repo:x`.
fn quoted_after(text: &str, marker: &str) -> Option<String> {
    let start = text.find(marker)? + marker.len();
    let rest = &text[start..];
    let open = rest.find(['\'', '"'])?;
    let q = rest.as_bytes()[open] as char;
    let rest = &rest[open + 1..];
    let end = rest.find(q)?;
    Some(rest[..end].to_string())
}

#[derive(Debug, Default)]
pub(crate) struct EntraError {
    pub error: Option<String>,
    pub description: String,
    pub codes: Vec<u64>,
    pub correlation_id: Option<String>,
    pub trace_id: Option<String>,
}

pub(crate) fn parse_entra_error(body: &str) -> EntraError {
    let mut e = EntraError::default();
    if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(body) {
        e.error = m.get("error").and_then(Value::as_str).map(String::from);
        e.description = m.get("error_description").and_then(Value::as_str).unwrap_or("").to_string();
        e.codes = m.get("error_codes").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_u64).collect();
        e.correlation_id = m.get("correlation_id").and_then(Value::as_str).map(String::from);
        e.trace_id = m.get("trace_id").and_then(Value::as_str).map(String::from);
    } else {
        e.description = body.to_string();
    }
    if e.codes.is_empty() {
        if let Some(i) = e.description.find("AADSTS") {
            let digits: String = e.description[i + 6..].chars().take_while(char::is_ascii_digit).collect();
            if let Ok(c) = digits.parse() {
                e.codes.push(c);
            }
        }
    }
    e
}

/// First line of an Entra description: the AADSTS sentence without trace/correlation noise.
fn first_line(s: &str) -> String {
    let line = s.split(['\r', '\n']).next().unwrap_or("");
    let line = line.split(" Trace ID:").next().unwrap_or(line);
    line.trim().chars().take(500).collect()
}

/// ACR's `{"errors":[{"code","message"}]}` as `CODE: message`, else the body's start.
fn acr_evidence(body: &str) -> Option<String> {
    if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(body) {
        if let Some(e) = m.get("errors").and_then(Value::as_array).and_then(|a| a.first()) {
            let code = e.get("code").and_then(Value::as_str).unwrap_or("");
            let msg = e.get("message").and_then(Value::as_str).unwrap_or("");
            return Some(format!("{}: {msg}", code.to_ascii_lowercase()));
        }
        if let Some(d) = m.get("error_description").or(m.get("error")).and_then(Value::as_str) {
            return Some(first_line(d));
        }
    }
    let t = body.trim();
    (!t.is_empty()).then(|| t.chars().take(300).collect())
}

/// The log scanner's root cause for a text, as a finding (used when nothing structured matched).
fn scanned(text: &str, now_s: i64) -> Option<Finding> {
    let report = crate::scan::scan_log(text, now_s);
    let top = report.findings.first()?;
    Some(Finding::known(top.id))
}

fn status_param(f: Finding, resp: &HttpResponse) -> Finding {
    f.param("httpStatus", resp.status.to_string())
}

/// Entra's token endpoint refused.
pub(crate) fn entra_failure(ctx: &Ctx, resp: &HttpResponse) -> Finding {
    let e = parse_entra_error(&resp.body);
    let code = e.codes.first().copied();
    let desc = &e.description;
    let evidence = Some(first_line(&ctx.redact(desc))).filter(|s| !s.is_empty()).or_else(|| ctx.evidence(&resp.body));
    let via = match ctx.plan.auth_type {
        AuthType::WorkloadIdentity => "the federated token file",
        _ => "the GitHub OIDC token",
    };
    let f = match code {
        Some(70021) => {
            let mut f = Finding::known("AL010").explain(format!(
                "Entra found no federated credential on app {} matching {via}{}. A credential created in the last few minutes may also not have propagated yet.",
                ctx.client_id(),
                match ctx.needed_credential() {
                    Some((i, s, a)) => format!(" (issuer `{i}`, subject `{s}`, audience `{a}`)"),
                    None => String::new(),
                }
            ));
            for c in ctx.create_credential_commands() {
                f = f.fix(c);
            }
            f.fix("If the credential was just created, wait a few minutes and re-run the job.")
        }
        Some(700211) => {
            let presented = quoted_after(desc, "issuer").or(claim(ctx.assertion, "iss").map(String::from)).unwrap_or_default();
            Finding::known("AL011")
                .explain(format!("The token's issuer is `{presented}`, and no federated credential on app {} has exactly that issuer.", ctx.client_id()))
                .fix(format!("Set the credential's issuer to exactly `{presented}` (character for character: a trailing slash only if the token has one, no spaces): `az ad app federated-credential update --id {} --federated-credential-id <name> --parameters '{{\"issuer\":\"{presented}\"}}'`", ctx.client_id()))
                .fix(if ctx.plan.auth_type == AuthType::WorkloadIdentity {
                    "An AKS cluster's issuer, trailing slash included: `az aks show -n <CLUSTER> -g <RESOURCE_GROUP> --query oidcIssuerProfile.issuerUrl -o tsv`; each cluster has its own."
                } else {
                    "GitHub Enterprise Server issues `https://HOST/_services/token`; an enterprise with a custom issuer adds `/<enterprise>`: use the token's value."
                })
                .param("presentedIssuer", presented)
        }
        Some(700212) => {
            let presented = quoted_after(desc, "audience").or_else(|| audience(ctx.assertion)).unwrap_or_default();
            let f = Finding::known("AL012").explain(format!(
                "The token's audience is `{presented}`, but the federated credential expects another one (for this cloud: `{}`).",
                ctx.plan.cloud.federated_audience()
            ));
            let f = if ctx.plan.auth_type == AuthType::WorkloadIdentity {
                // The file's audience is the pod's projected-token volume's, not something this step asks for.
                f.fix(format!("Present the token Azure Workload Identity mounts for the pod ($AZURE_FEDERATED_TOKEN_FILE, audience `{}`), not the pod's own API-server token; a hand-written `serviceAccountToken` volume needs `audience: {}`.", ctx.plan.cloud.federated_audience(), ctx.plan.cloud.federated_audience()))
                    .fix(format!("Or set the credential's audience to `{presented}`."))
            } else {
                f.fix(format!("Remove the `audience` input (the default `{}` is what federated credentials use), or set the credential's audience to `{presented}`.", ctx.plan.cloud.federated_audience()))
                    .fix("A token requested without any audience carries `https://github.com/<owner>`: this happens when another tool fetched it.")
            };
            f.param("presentedAudience", presented)
        }
        Some(700213) => {
            // The subject we sent, rather than Entra's echo of it: a branch name may hold a `'`, which
            // ends the echo's quotes early.
            let presented = claim(ctx.assertion, "sub").map(String::from).or_else(|| quoted_after(desc, "subject")).unwrap_or_default();
            let pod = ctx.plan.auth_type == AuthType::WorkloadIdentity;
            let mut f = Finding::known("AL013")
                .explain(if pod {
                    format!(
                        "The federated token file presents subject `{presented}`, and no federated credential on app {} has exactly that subject (it is case-sensitive; a pod's is `system:serviceaccount:<namespace>:<service account>`, and the credential's issuer must be this cluster's).",
                        ctx.client_id()
                    )
                } else {
                    format!(
                        "This workflow presents subject `{presented}`, and no federated credential on app {} has exactly that subject (it is case-sensitive; environment wins over pull_request, which wins over the branch or tag).",
                        ctx.client_id()
                    )
                })
                .param("presentedSubject", presented.clone());
            for c in ctx.create_credential_commands() {
                f = f.fix(c);
            }
            if presented.contains('@') {
                f = f.fix("This is an immutable subject (`owner@id/repo@id`), which GitHub uses for repositories created, renamed or transferred since 2026-07-15: credentials written with plain names no longer match.");
            }
            f.fix(if pod {
                "Or run the pod as the service account the existing credential trusts (`serviceAccountName` in the pod spec; for actions-runner-controller, in the runner scale set's template), with the pod label `azure.workload.identity/use: \"true\"`."
            } else {
                "Or make the job present the subject the existing credential expects (add or remove `environment:`, or run on that branch)."
            })
        }
        Some(70025) => {
            let mut f = Finding::known("AL014").explain(format!("App {} has no federated credentials at all (or the client-id names a different app or identity).", ctx.client_id()));
            for c in ctx.create_credential_commands() {
                f = f.fix(c);
            }
            f
        }
        Some(700027) => Finding::known("AL015")
            .explain(format!("Entra could not validate the signature of {via}: it was altered or truncated, or its issuer's keys are not the ones Entra fetched."))
            .fix("Pass the token unmodified; check that the federated credential's issuer is the one that signed it."),
        Some(7000218) => Finding::known("AL016")
            .explain(format!("The token request reached Entra without a client assertion: {via} was empty."))
            .fix("Check that the job has `permissions: id-token: write` and that the token source is not empty."),
        Some(700024) => Finding::known("AL002")
            .explain(format!("Entra says {via} is outside its valid time range. This action fetched it just before the exchange, so the runner's clock is probably off, or the file holds an old token."))
            .fix("Check the runner's clock (`timedatectl`), or re-run the job."),
        Some(7000222) => Finding::known("AL020")
            .explain(format!("The client secret of app {} has expired.", ctx.client_id()))
            .fix(format!("Switch to `auth-type: oidc` (no secret to expire), or create a new secret: `az ad app credential reset --id {} --append --years 1` and update the repository secret.", ctx.client_id())),
        Some(7000215) => Finding::known("AL021")
            .explain(format!("Entra rejected the client secret for app {}: commonly the secret's ID was stored instead of its Value.", ctx.client_id()))
            .fix("Store the secret's Value (shown once, when created) in the repository secret, not its Secret ID.")
            .fix("Better: switch to `auth-type: oidc`, which needs no secret."),
        Some(700016) => {
            let app = quoted_after(desc, "identifier").unwrap_or_else(|| ctx.client_id().to_string());
            Finding::known("AL022")
                .explain(format!("No application `{app}` exists in tenant `{}`.", ctx.tenant()))
                .fix("Use the Application (client) ID from the app's Overview page (not the object ID), and the tenant it lives in.")
                .fix(format!("Check: `az ad sp show --id {app} --query '{{appId:appId, tenant:appOwnerOrganizationId}}'`"))
                .param("clientId", app)
        }
        Some(90002) | Some(900023) => {
            let t = quoted_after(desc, "Tenant").or(quoted_after(desc, "identifier")).unwrap_or_else(|| ctx.tenant());
            Finding::known("AL023")
                .explain(format!("Entra at {} does not know tenant `{t}`.", ctx.plan.authority_host))
                .fix("Use the Directory (tenant) ID: `az account show --query tenantId -o tsv`.")
                .fix("A tenant in a sovereign cloud needs its cloud: set `environment` (or use the registry's .us/.cn suffix).")
                .param("tenant", t)
        }
        Some(53003) => Finding::known("AL024")
            .explain("A Conditional Access policy for workload identities blocked this sign-in (often a location policy that does not include GitHub's runner IPs).")
            .fix("Check the sign-in logs for the service principal in Entra ID, and exclude it from the policy or run on a self-hosted runner in an allowed network."),
        Some(1002012) | Some(70011) | Some(700022) => Finding::known("AL025")
            .explain(format!("Entra rejected the scope `{}`: client credentials need exactly one `<resource>/.default`.", ctx.plan.scope))
            .fix(format!("Remove the scope override, or use `{}/.default`.", ctx.plan.cloud.acr_resource())),
        Some(500011) => Finding::known("AL026")
            .explain(format!("The resource of scope `{}` does not exist in tenant `{}` (wrong resource, or a resource of another cloud).", ctx.plan.scope, ctx.tenant()))
            .fix(format!("Use `{}/.default` for this cloud.", ctx.plan.cloud.acr_resource())),
        _ => scanned(&resp.body, ctx.now_s).unwrap_or_else(|| {
            Finding::unknown(format!("Entra ID refused the token request ({})", e.error.clone().unwrap_or_else(|| format!("HTTP {}", resp.status))))
                .explain("Entra's answer matches no known failure; its own words are below.")
        }),
    };
    let mut f = status_param(f, resp).evidence(evidence);
    if let Some(c) = code {
        f = f.param("aadsts", format!("AADSTS{c}"));
    }
    if let Some(c) = &e.correlation_id {
        f = f.param("correlationId", c.clone());
    }
    if let Some(t) = &e.trace_id {
        f = f.param("traceId", t.clone());
    }
    for (k, v) in [("clientId", ctx.plan.client_id.clone()), ("tenant", ctx.plan.tenant_id.clone())] {
        if !f.params.contains_key(k) {
            f = f.param(k, v.unwrap_or_default());
        }
    }
    f
}

/// The runner gave no way to request an OIDC token.
pub(crate) fn missing_oidc_env() -> Finding {
    Finding::known("AL001")
        .explain("ACTIONS_ID_TOKEN_REQUEST_URL / ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: the job may not request a GitHub OIDC token.")
        .fix("Add to the job (or workflow): `permissions: { id-token: write, contents: read }`. Listing any permission sets every unlisted one to none, so keep `contents: read` or actions/checkout breaks.")
        .fix("Pull requests from forks never get `id-token: write`: use `pull_request_target` with care, or skip the push for forks.")
        .fix("A reusable workflow in another organization needs `id-token: write` in the caller.")
}

pub(crate) fn github_failure(ctx: &Ctx, resp: &HttpResponse) -> Finding {
    let f = Finding::known("AL001")
        .explain(format!("GitHub refused to issue an OIDC token (HTTP {}).", resp.status))
        .fix("Check that the job has `permissions: id-token: write`; re-run the job if the runner's request token expired.");
    status_param(f, resp).evidence(ctx.evidence(&resp.body))
}

pub(crate) fn github_bad_body(ctx: &Ctx, resp: &HttpResponse) -> Finding {
    let _ = ctx;
    Finding::unknown("GitHub's OIDC token response had no `value`")
        .explain("The token endpoint answered 200, but not with `{\"value\": \"<jwt>\"}`; a proxy or a changed API may be in the way.")
        .param("httpStatus", resp.status.to_string())
}

pub(crate) fn imds_failure(ctx: &Ctx, resp: &HttpResponse) -> Finding {
    let e = parse_entra_error(&resp.body);
    let evidence = Some(first_line(&ctx.redact(&e.description))).filter(|s| !s.is_empty()).or(e.error.clone());
    let f = scanned(&resp.body, ctx.now_s).unwrap_or_else(|| {
        let mut f = Finding::unknown(format!("The managed identity endpoint refused (HTTP {})", resp.status))
            .explain("IMDS did not issue a token for the registry scope.");
        if ctx.plan.client_id.is_some() {
            f = f.fix(format!("Check that the user-assigned identity {} is assigned to this VM or scale set.", ctx.client_id()));
        } else {
            f = f.fix("Enable a system-assigned identity on this VM, or give the `client-id` of an assigned user-assigned identity.");
        }
        f
    });
    status_param(f, resp).evidence(evidence.map(|s| ctx.redact(&s)))
}

/// A request got no response. `what` names the endpoint (`the registry myacr.azurecr.io`).
pub(crate) fn transport_failure(ctx: &Ctx, what: &str, host: &str, kind: TransportErrorKind, message: &str, imds: bool) -> Finding {
    let f = match kind {
        TransportErrorKind::Dns => Finding::known("AL041")
            .explain(format!("{what}: `{host}` does not resolve."))
            .fix("Check the spelling and the cloud suffix (.azurecr.io, .azurecr.us, .azurecr.cn).")
            .fix("Behind a private endpoint, the runner must use a DNS server that resolves the privatelink zone (a self-hosted runner in the VNet)."),
        TransportErrorKind::Tls => Finding::known("AL042")
            .explain(format!("{what}: the TLS connection to `{host}` failed; a TLS-inspecting proxy with its own CA is the usual cause."))
            .fix("Give the proxy's CA to Node: set `NODE_EXTRA_CA_CERTS=/path/to/ca.pem` in the job's env."),
        TransportErrorKind::Proxy => Finding::known("AL045")
            .explain(format!("{what}: the proxy refused or could not be reached."))
            .fix("Check HTTPS_PROXY / HTTP_PROXY / NO_PROXY (credentials as `http://user:pass@host:port`)."),
        _ if imds => Finding::known("AL044")
            .explain(format!("{what}: {} ({host}). IMDS exists only on Azure VMs, scale sets and AKS nodes; GitHub-hosted runners have none.", kind.describe()))
            .fix("On GitHub-hosted runners use `auth-type: oidc`."),
        _ => Finding::known("AL044")
            .explain(format!("{what}: {} ({host}).", kind.describe()))
            .fix("Check that the runner can reach the endpoint (firewall, private endpoint, proxy); re-run if it was a blip."),
    };
    f.param("host", host.to_string()).param("error", kind_name(kind)).evidence(Some(ctx.redact(message)))
}

fn kind_name(kind: TransportErrorKind) -> &'static str {
    match kind {
        TransportErrorKind::Dns => "dns",
        TransportErrorKind::Tls => "tls",
        TransportErrorKind::ConnectionRefused => "connection-refused",
        TransportErrorKind::ConnectionReset => "connection-reset",
        TransportErrorKind::Timeout => "timeout",
        TransportErrorKind::Proxy => "proxy",
        TransportErrorKind::Other => "other",
    }
}

pub(crate) fn throttled(ctx: &Ctx, what: &str, resp: &HttpResponse, attempts: u32) -> Finding {
    let _ = ctx;
    let ra = resp.header("retry-after").unwrap_or("").to_string();
    Finding::known("AL043")
        .explain(format!(
            "{what} kept answering 429 Too Many Requests ({attempts} attempts{}).",
            match ra.trim() {
                "" => String::new(),
                // Delta-seconds or an HTTP-date (RFC 9110 §10.2.3): only the first is a count of seconds.
                n if n.bytes().all(|b| b.is_ascii_digit()) => format!(", last Retry-After {n} s"),
                date => format!(", last Retry-After {date}"),
            }
        ))
        .fix("Many parallel jobs share the registry's token-request budget: stagger them, or log in once and share the credentials.")
        .fix("Premium registries have higher limits.")
        .param("retryAfter", ra)
        .param("httpStatus", "429")
}

fn firewall(ctx: &Ctx, registry: &str, resp: &HttpResponse) -> Finding {
    let ev = ctx.evidence(&resp.body);
    let ip = quoted_after(&resp.body, "client with IP").unwrap_or_default();
    let name = registry_name(registry);
    let ip_arg = if ip.is_empty() { "<runner-ip>".to_string() } else { ip.clone() };
    status_param(
        Finding::known("AL040")
            .explain(format!(
                "Registry `{registry}` refused {} (403): its network rules do not allow this runner. GitHub-hosted runners' IPs change, so allow-listing them rarely holds.",
                if ip.is_empty() { "this client".to_string() } else { format!("client IP {ip}") }
            ))
            .fix(format!("Allow the IP: `az acr network-rule add -n {name} --ip-address {ip_arg}` (Premium), or enable public access: `az acr update -n {name} --public-network-enabled true`."))
            .fix("Or run on a self-hosted runner inside the registry's virtual network (private endpoint).")
            .param("clientIp", ip)
            .param("registry", registry.to_string()),
        resp,
    )
    .evidence(ev)
}

pub(crate) fn challenge_failure(ctx: &Ctx, registry: &str, resp: &HttpResponse) -> Finding {
    if resp.status == 403 {
        return firewall(ctx, registry, resp);
    }
    let ev = ctx.evidence(&resp.body);
    let f = scanned(&resp.body, ctx.now_s).unwrap_or_else(|| match resp.status {
        404 => Finding::unknown(format!("`{registry}` is not a container registry"))
            .explain(format!("`GET https://{registry}/v2/` answered 404: the host exists but serves no registry API."))
            .fix("Check the `registry` input: it must be the login server (`<name>.azurecr.io`)."),
        _ => Finding::unknown(format!("Registry `{registry}` did not issue a usable challenge"))
            .explain(format!("`GET https://{registry}/v2/` answered {} instead of 401 with `WWW-Authenticate: Bearer realm=…`.", resp.status)),
    });
    status_param(f, resp).param("registry", registry.to_string()).evidence(ev)
}

/// The challenge's realm is not somewhere a credential may go (see `realm_is_safe`).
pub(crate) fn unsafe_realm(registry: &str, realm: &str) -> Finding {
    Finding::unknown(format!("Registry `{registry}` named a token service that is not a plain https URL"))
        .explain(format!("Its challenge gives `realm=\"{realm}\"`. Credentials go only to an absolute https URL with a plain host name (no user information, backslash or escapes; plain http only on the loopback interface), so nothing was sent: a proxy or a misconfigured registry rewrote the challenge."))
        .fix("Check the `registry` input, and any proxy or gateway between the runner and the registry (it must pass the registry's `WWW-Authenticate` header through unchanged).")
        .param("registry", registry.to_string())
        .param("realm", realm.to_string())
}

/// The challenge names a token service outside Azure's registries (see `realm_may_take_entra_token`).
pub(crate) fn foreign_realm(registry: &str, realm: &str) -> Finding {
    Finding::unknown(format!("Registry `{registry}` named a token service that is not an Azure registry"))
        .explain(format!("Its challenge gives `realm=\"{realm}\"`. ACR's token service is the registry itself, and the Entra token opens every registry this identity may use, so nothing was sent: a proxy or gateway between the runner and the registry rewrote the challenge."))
        .fix("Check the proxy or gateway between the runner and the registry (it must pass the registry's `WWW-Authenticate` header through unchanged), or exempt the registry from it (`NO_PROXY`).")
        .param("registry", registry.to_string())
        .param("realm", realm.to_string())
}

pub(crate) fn not_bearer(registry: &str, scheme: &str) -> Finding {
    Finding::unknown(format!("Registry `{registry}` does not support Entra (token) login"))
        .explain(format!("Its challenge is `{scheme}`, not `Bearer`: it is not an Azure Container Registry, or a proxy rewrote the answer."))
        .fix("For a registry with username/password, use `auth-type: basic`.")
        .param("registry", registry.to_string())
}

fn is_arm_token(ctx: &Ctx) -> bool {
    audience(ctx.entra).is_some_and(|a| a.contains("management.") || a.contains("management.core."))
}

pub(crate) fn exchange_failure(ctx: &Ctx, registry: &str, resp: &HttpResponse) -> Finding {
    if resp.status == 403 {
        return firewall(ctx, registry, resp);
    }
    let ev = ctx.evidence(&resp.body);
    let name = registry_name(registry);
    let body_lower = resp.body.to_ascii_lowercase();
    let f = if resp.status == 401 && (is_arm_token(ctx) || body_lower.contains("sufficient scope") || body_lower.contains("authentication-as-arm") || body_lower.contains("arm audience")) {
        Finding::known("AL031")
            .explain(format!("Registry `{registry}` refuses Entra tokens with the ARM audience (authentication-as-arm is disabled), and this token's audience is `{}`.", audience(ctx.entra).unwrap_or_default()))
            .fix(format!("Request an ACR-scoped token: remove the `scope` override (default `{}/.default`).", ctx.plan.cloud.acr_resource()))
            .fix(format!("Or (not recommended) re-enable it: `az acr config authentication-as-arm update -r {name} --status enabled`."))
    } else if resp.status == 401 {
        let (role, abac) = ctx.plan.actions.iter().max().copied().unwrap_or(RepoAction::Pull).role();
        Finding::known("AL030")
            .explain(format!("Registry `{registry}` refused to exchange the Entra token of {}: that identity holds no data-plane role on the registry (role assignments take up to 10 minutes to apply).", ctx.identity()))
            .fix(format!("Grant a role: `az role assignment create --assignee {} --role {role} --scope $(az acr show -n {name} --query id -o tsv)`", ctx.assignee()))
            .fix(format!("On a registry in ABAC mode (RBAC Registry + ABAC Repository Permissions) AcrPull/AcrPush do not apply: assign `{abac}` instead."))
            .param("identity", ctx.identity())
    } else {
        scanned(&resp.body, ctx.now_s).unwrap_or_else(|| {
            Finding::unknown(format!("Registry `{registry}` refused the token exchange (HTTP {})", resp.status))
                .explain("`POST /oauth2/exchange` did not return a refresh token; the registry's words are below.")
        })
    };
    status_param(f, resp).param("registry", registry.to_string()).param("tenant", ctx.tenant()).evidence(ev)
}

pub(crate) fn exchange_not_found(registry: &str, url: &str) -> Finding {
    Finding::unknown(format!("`{registry}`'s token service has no /oauth2/exchange"))
        .explain(format!("`POST {url}` answered 404: the registry is not an Azure Container Registry, so an Entra token cannot be exchanged there."))
        .fix("For a registry with username/password, use `auth-type: basic`.")
        .param("registry", registry.to_string())
}

pub(crate) fn access_failure(ctx: &Ctx, registry: &str, resp: &HttpResponse, refresh_claims: Option<&Map<String, Value>>) -> Finding {
    if resp.status == 403 {
        return firewall(ctx, registry, resp);
    }
    let ev = ctx.evidence(&resp.body);
    let expired = refresh_claims.and_then(|c| c.get("exp")).and_then(Value::as_i64).is_some_and(|exp| exp <= ctx.now_s);
    let f = if resp.status == 401 && expired {
        Finding::known("AL032").explain(format!("The refresh token for `{registry}` expired before it was used.")).fix("Re-run the login step.")
    } else if resp.status == 401 {
        let name = registry_name(registry);
        Finding::known("AL030")
            .explain(format!("Registry `{registry}` issued a refresh token but refused an access token for `{}`: the identity has no role covering it.", ctx.plan.repository.as_deref().unwrap_or("registry:catalog:*")))
            .fix(format!("Grant a role: `az role assignment create --assignee {} --role AcrPull --scope $(az acr show -n {name} --query id -o tsv)`", ctx.assignee()))
    } else {
        scanned(&resp.body, ctx.now_s).unwrap_or_else(|| Finding::unknown(format!("Registry `{registry}` refused an access token (HTTP {})", resp.status)))
    };
    status_param(f, resp).param("registry", registry.to_string()).evidence(ev)
}

pub(crate) fn basic_failure(ctx: &Ctx, registry: &str, resp: &HttpResponse) -> Finding {
    if resp.status == 403 {
        return firewall(ctx, registry, resp);
    }
    let ev = ctx.evidence(&resp.body);
    let name = registry_name(registry);
    let user = ctx.plan.username.clone().unwrap_or_default();
    let lower = resp.body.to_ascii_lowercase();
    // The admin user is named after the registry (5-50 letters and digits); token names may hold
    // dashes and underscores. On an azurecr.io host the name is known exactly.
    let looks_like_registry_name = (5..=50).contains(&user.len()) && user.bytes().all(|c| c.is_ascii_alphanumeric());
    let admin = lower.contains("admin") || if registry.contains(".azurecr.") { user.eq_ignore_ascii_case(name) } else { looks_like_registry_name };
    let f = if resp.status != 401 {
        scanned(&resp.body, ctx.now_s).unwrap_or_else(|| Finding::unknown(format!("Registry `{registry}` refused the credentials (HTTP {})", resp.status)))
    } else if admin {
        Finding::known("AL061")
            .explain(format!("Registry `{registry}` refused the admin credentials for `{user}`: the admin user is disabled or the password was regenerated."))
            .fix(format!("Prefer `auth-type: oidc`. To keep admin: `az acr update -n {name} --admin-enabled true` and store `az acr credential show -n {name} --query 'passwords[0].value' -o tsv`."))
    } else {
        Finding::known("AL063")
            .explain(format!("Registry `{registry}` refused token `{user}`: its password is wrong or expired, the token is disabled, or its scope map grants nothing here."))
            .fix(format!("Check: `az acr token show -n {user} -r {name}`; new password: `az acr token credential generate -n {user} -r {name} --password1`."))
    };
    status_param(f, resp).param("registry", registry.to_string()).param("username", user).evidence(ev)
}

/// The access token holds less than the requested actions.
pub(crate) fn permissions_missing(ctx: &Ctx, registry: &str, report: &PermissionReport) -> Finding {
    let missing: Vec<&str> = report.missing.iter().map(|a| a.as_str()).collect();
    let granted = if report.granted.is_empty() { "nothing".to_string() } else { report.granted.join(",") };
    let name = registry_name(registry);
    let base = if ctx.plan.auth_type == AuthType::Basic {
        let user = ctx.plan.username.clone().unwrap_or_default();
        Finding::known("AL063")
            .explain(format!(
                "Token `{user}` may do `{granted}` on `{}` but not `{}`: its scope map lacks the action.",
                report.repository,
                missing.join(",")
            ))
            .fix(format!(
                "Add the actions: `az acr scope-map update -n <scope-map> -r {name} --add-repository {} content/read content/write` (content/delete for delete).",
                report.repository
            ))
    } else {
        let strongest = report.missing.iter().max().copied().unwrap_or(RepoAction::Pull);
        let (role, abac) = strongest.role();
        Finding::known("AL033")
            .explain(format!(
                "Asked `{}` on `{}`, the registry granted `{granted}`: {} lacks {role}, so `{}` will fail with `requested access to the resource is denied`.",
                report.requested.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(","),
                report.repository,
                ctx.identity(),
                missing.join(",")
            ))
            .fix(format!("`az role assignment create --assignee {} --role {role} --scope $(az acr show -n {name} --query id -o tsv)`", ctx.assignee()))
            .fix(format!("In ABAC mode: assign `{abac}` (optionally with a condition on repository `{}`).", report.repository))
            .param("role", role)
    };
    base.param("registry", registry.to_string())
        .param("repository", report.repository.clone())
        .param("requested", report.requested.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(","))
        .param("granted", report.granted.join(","))
        .param("missing", missing.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entra_codes_from_fields_or_text() {
        let e = parse_entra_error(r#"{"error":"invalid_client","error_description":"AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:o/r:ref:refs/heads/main'. Please check.\r\nTrace ID: t\r\nCorrelation ID: c","error_codes":[700213],"correlation_id":"c"}"#);
        assert_eq!(e.codes, vec![700213]);
        assert_eq!(quoted_after(&e.description, "subject").as_deref(), Some("repo:o/r:ref:refs/heads/main"));
        assert_eq!(first_line(&e.description), "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:o/r:ref:refs/heads/main'. Please check.");
        assert_eq!(parse_entra_error("AADSTS90002: Tenant 'x' not found.").codes, vec![90002]);
    }

    #[test]
    fn registry_names_are_short() {
        assert_eq!(registry_name("myacr.azurecr.io"), "myacr");
        assert_eq!(registry_name("127.0.0.1:5000"), "127.0.0.1:5000");
    }

    #[test]
    fn registry_names_drop_the_domain_name_label_hash() {
        assert_eq!(registry_name("myacr-e2fjh3c5dqb8a7hz.azurecr.io"), "myacr");
        assert_eq!(registry_name("myacr.westeurope.geo.azurecr.io"), "myacr");
        assert_eq!(registry_name("myacr-e2fjh3c5dqb8a7hz.westeurope.geo.azurecr.us"), "myacr");
        assert_eq!(registry_name("my-registry.example.com"), "my-registry.example.com");
    }

    #[test]
    fn acr_evidence_reads_error_arrays() {
        assert_eq!(
            acr_evidence(r#"{"errors":[{"code":"DENIED","message":"client with IP '1.2.3.4' is not allowed access."}]}"#).as_deref(),
            Some("denied: client with IP '1.2.3.4' is not allowed access.")
        );
    }
}
