//! Workload-identity tokens from issuers other than GitHub and Azure DevOps that people federate
//! with Entra to reach ACR: GitLab CI `id_tokens`, Kubernetes service-account tokens (AKS workload
//! identity, EKS, GKE, self-managed clusters, and the legacy secret tokens that cannot be
//! federated) and HCP Terraform / Terraform Enterprise workload identity tokens.
//!
//! One report section ([`FederationInfo`]) serves all three: what differs per platform is data
//! (which claims to show, how to fix the audience, how the subject is built), kept in the tables
//! below rather than in a struct per platform. Facts:
//! - GitLab: docs `ci/secrets/id_token_authentication.md` (claims; `sub` =
//!   `project_path:{group}/{project}:ref_type:{type}:ref:{ref}` unless the project customises it
//!   with `ci_id_token_sub_claim_components`, whose first component is always `project_path`).
//! - Kubernetes: projected tokens carry `sub` = `system:serviceaccount:<ns>:<name>` and a
//!   `kubernetes.io` object (namespace, serviceaccount, pod, node); AKS issuers are
//!   `https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/`; legacy secret tokens have
//!   `iss` = `kubernetes/serviceaccount`, flat `kubernetes.io/serviceaccount/*` claims, no `aud`
//!   and no `exp` (Azure Workload Identity docs, Kubernetes service-account docs).
//! - Terraform: `sub` = `organization:<org>:project:<project>:workspace:<ws>:run_phase:<plan|apply>`
//!   and `terraform_*` claims (HashiCorp "Workload identity" token specification).

use serde::Serialize;

use super::claims::{https_host_and_path, str_claim, text_claim, Claims};
use super::fic::{exchange_audience, federated_credential, FederatedCredential, EXCHANGE_AUDIENCES};
use super::kind::TokenKind;
use super::warnings::{codes, Severity, Warning};
use crate::jwt::Claim;

/// The platform that minted the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FederationPlatform {
    Gitlab,
    Kubernetes,
    Terraform,
}

/// Which deployment of the platform issued it; hosted issuers are public, self-managed ones must
/// be reachable by Entra for the exchange to work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FederationIssuer {
    /// `https://gitlab.com`
    GitlabCom,
    GitlabSelfManaged,
    /// `https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/`
    Aks,
    /// `https://oidc.eks.<region>.amazonaws.com/id/<id>`
    Eks,
    /// `https://container.googleapis.com/v1/projects/...`
    Gke,
    /// Any other cluster's service-account issuer.
    KubernetesCluster,
    /// `kubernetes/serviceaccount`: a legacy, non-expiring secret token.
    KubernetesLegacy,
    /// `https://app.terraform.io`
    HcpTerraform,
    TerraformEnterprise,
}

impl FederationPlatform {
    /// The serialised name.
    pub fn as_str(self) -> &'static str {
        ["gitlab", "kubernetes", "terraform"][self as usize]
    }
}

impl FederationIssuer {
    /// The serialised name.
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; 9] = [
            "gitlab.com", "gitlab-self-managed", "aks", "eks", "gke", "kubernetes", "kubernetes-legacy", "hcp-terraform",
            "terraform-enterprise",
        ];
        NAMES[self as usize]
    }
}

// Serialised as their names by hand: an index into a table is less wasm than a derived serialiser.
impl Serialize for FederationPlatform {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for FederationIssuer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One platform claim worth reading, in the platform's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FederationDetail {
    pub label: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FederationInfo {
    pub platform: FederationPlatform,
    pub issuer_kind: FederationIssuer,
    /// What the token speaks for: the GitLab project path, the Kubernetes `namespace/serviceaccount`,
    /// the Terraform `organization/project/workspace`.
    pub workload: Option<String>,
    /// The platform's claims worth reading (project, ref, pod, run phase...), in display order.
    pub details: Vec<FederationDetail>,
    /// The subject is in the platform's default shape (false: customised, or not understood).
    pub default_subject: bool,
    /// One paragraph: how the platform built this subject and what a matching credential needs.
    pub subject_explanation: String,
    /// The audience is one of the `api://AzureADTokenExchange*` values.
    pub audience_ok: bool,
    /// The credential that accepts this token; null when Entra cannot federate it at all (legacy
    /// Kubernetes secret tokens).
    pub federated_credential: Option<FederatedCredential>,
    /// The summary's "what" part (for the report's `summary`), not serialised.
    #[serde(skip)]
    pub(crate) headline: String,
}

pub(crate) const K8S_SUBJECT_PREFIX: &str = "system:serviceaccount:";
const K8S_LEGACY_ISSUER: &str = "kubernetes/serviceaccount";
const K8S_CLAIM: &str = "kubernetes.io";

/// The federation kind of a token, from its `iss`, `sub` and which claims it has; None for any
/// other token. Called after the GitHub, Azure DevOps, Entra and ACR issuers were ruled out.
pub(crate) fn classify<'a>(iss: &str, text: &dyn Fn(&str) -> Option<&'a str>, has: &dyn Fn(&str) -> bool) -> Option<TokenKind> {
    let sub = text("sub").unwrap_or_default();
    if sub.starts_with(K8S_SUBJECT_PREFIX) {
        if iss == K8S_LEGACY_ISSUER || has("kubernetes.io/serviceaccount/namespace") {
            return Some(TokenKind::KubernetesSaLegacy);
        }
        if has(K8S_CLAIM) {
            return Some(TokenKind::KubernetesSa);
        }
    }
    // GitLab's subject always starts with project_path (customised ones too); its claims name the
    // pipeline. Either is enough: a customised subject or a trimmed claim set still reads as GitLab.
    if sub.starts_with("project_path:") || (has("project_path") && has("pipeline_source")) {
        return Some(TokenKind::GitlabOidc);
    }
    if has("terraform_workspace_id") || has("terraform_run_phase") {
        return Some(TokenKind::TerraformOidc);
    }
    None
}

/// What differs per platform, as data: one [`analyse`] reads it for all three.
struct Platform {
    platform: FederationPlatform,
    /// Claims shown, as (label, path into the claims); the ones a token lacks are skipped.
    details: &'static [(&'static str, &'static [&'static str])],
    /// The subject's keys in the platform's default shape. Their values name the workload (the
    /// first `workload_keys`) and the credential (all of them, after `hint_prefix`).
    subject_keys: &'static [&'static str],
    workload_keys: usize,
    hint_prefix: &'static str,
    /// Claims for the summary's parenthesis ("branch main", "pod x", "apply phase").
    context: &'static [&'static [&'static str]],
    context_before: &'static str,
    context_after: &'static str,
    explain_default: &'static str,
    explain_custom: &'static str,
    /// How to get a token with the exchange audience.
    audience_fix: &'static str,
}

const NO_WILDCARDS: &str = " Federated credentials take no wildcards; a flexible federated identity credential (app \
     registrations) can match claims['sub'] with '*'.";

const GITLAB: Platform = Platform {
    platform: FederationPlatform::Gitlab,
    details: &[
        ("Project", &["project_path"]),
        ("Project ID", &["project_id"]),
        ("Namespace", &["namespace_path"]),
        ("Ref", &["ref"]),
        ("Ref type", &["ref_type"]),
        ("Protected ref", &["ref_protected"]),
        ("Pipeline source", &["pipeline_source"]),
        ("Environment", &["environment"]),
        ("Protected environment", &["environment_protected"]),
        ("User", &["user_login"]),
        ("Pipeline", &["pipeline_id"]),
        ("Job", &["job_id"]),
        ("Runner", &["runner_environment"]),
    ],
    subject_keys: &["project_path", "ref_type", "ref"],
    workload_keys: 1,
    hint_prefix: "gitlab",
    context: &[&["ref_type"], &["ref"]],
    context_before: "",
    context_after: "",
    explain_default: "GitLab's default subject: project path, ref type and ref (not the environment), so each branch or tag \
                      needs its own credential.",
    explain_custom: "A customised subject (the project's ci_id_token_sub_claim_components) or an unusual shape: the \
                     credential must repeat it exactly.",
    audience_fix: "Declare the token with that audience in .gitlab-ci.yml: `id_tokens: { AZURE_ID_TOKEN: { aud: \
                   api://AzureADTokenExchange } }`.",
};

const KUBERNETES: Platform = Platform {
    platform: FederationPlatform::Kubernetes,
    details: &[
        ("Namespace", &[K8S_CLAIM, "namespace"]),
        ("Service account", &[K8S_CLAIM, "serviceaccount", "name"]),
        ("Pod", &[K8S_CLAIM, "pod", "name"]),
        ("Node", &[K8S_CLAIM, "node", "name"]),
        ("Namespace", &["kubernetes.io/serviceaccount/namespace"]),
        ("Service account", &["kubernetes.io/serviceaccount/service-account.name"]),
        ("Secret", &["kubernetes.io/serviceaccount/secret.name"]),
    ],
    // `system:serviceaccount:<ns>:<name>` is read as these two pairs (see `subject_parts`).
    subject_keys: &["namespace", "serviceaccount"],
    workload_keys: 2,
    hint_prefix: "k8s",
    context: &[&[K8S_CLAIM, "pod", "name"]],
    context_before: "pod ",
    context_after: "",
    explain_default: "One credential per service account (subject system:serviceaccount:<namespace>:<name>), whatever pod \
                      uses it. The issuer is the cluster's OIDC issuer URL, trailing slash included (AKS: az aks show \
                      --query oidcIssuerProfile.issuerUrl).",
    // Kubernetes subjects have one shape; the other text is for the legacy secret tokens.
    explain_custom: "Legacy secret tokens serve the Kubernetes API only; Entra needs the projected token Azure Workload \
                     Identity mounts (same subject form).",
    audience_fix: "This looks like the pod's API-server token: with Azure Workload Identity (pod label \
                   `azure.workload.identity/use: \"true\"`), present the token in $AZURE_FEDERATED_TOKEN_FILE instead.",
};

const TERRAFORM: Platform = Platform {
    platform: FederationPlatform::Terraform,
    details: &[
        ("Organization", &["terraform_organization_name"]),
        ("Project", &["terraform_project_name"]),
        ("Workspace", &["terraform_workspace_name"]),
        ("Run phase", &["terraform_run_phase"]),
        ("Run", &["terraform_run_id"]),
        ("Workspace ID", &["terraform_workspace_id"]),
    ],
    subject_keys: &["organization", "project", "workspace", "run_phase"],
    workload_keys: 3,
    hint_prefix: "tfc",
    context: &[&["terraform_run_phase"]],
    context_before: "",
    context_after: " phase",
    explain_default: "Plan and apply have different subjects (run_phase:plan / run_phase:apply): Entra needs a credential \
                      for each. Workspaces not moved to a project are in 'Default Project'.",
    explain_custom: "Not HCP Terraform's default subject shape: the credential must repeat it exactly.",
    audience_fix: "Unset TFC_AZURE_WORKLOAD_IDENTITY_AUDIENCE (the default is api://AzureADTokenExchange), or give the \
                   credential that audience.",
};

fn platform_of(kind: TokenKind) -> &'static Platform {
    match kind {
        TokenKind::GitlabOidc => &GITLAB,
        TokenKind::TerraformOidc => &TERRAFORM,
        _ => &KUBERNETES,
    }
}

pub(crate) fn analyse(kind: TokenKind, claims: &Claims, audiences: &[String], warnings: &mut Vec<Warning>) -> FederationInfo {
    let p = platform_of(kind);
    let iss = str_claim(claims, "iss").unwrap_or_default();
    let sub = str_claim(claims, "sub").unwrap_or_default();
    let legacy = kind == TokenKind::KubernetesSaLegacy;
    let exchange = exchange_audience(audiences);
    if legacy {
        warnings.push(Warning::new(
            codes::AUDIENCE_NOT_TOKEN_EXCHANGE,
            Severity::Error,
            "Legacy Kubernetes service-account secret token (issuer kubernetes/serviceaccount): it cannot be federated. Its \
             issuer is not a URL Entra can fetch keys from, and it has no audience and no expiry. Use the projected token \
             of Azure Workload Identity on a cluster with a public OIDC issuer (az aks update --enable-oidc-issuer \
             --enable-workload-identity).",
        ).catalog("AL907"));
    } else if exchange.is_none() {
        warnings.push(audience_warning(audiences, p.audience_fix));
    }

    // Plain loops rather than iterator chains: each `collect` is its own function in the wasm.
    let mut details = Vec::new();
    for &(label, path) in p.details {
        if let Some(value) = claim_at(claims, path).filter(|v| !v.is_empty()) {
            details.push(FederationDetail { label, value });
        }
    }
    let parts = subject_parts(sub);
    let default_subject = keys_are(&parts, p.subject_keys);
    let workload = join_values(&parts, &p.subject_keys[..p.workload_keys], "/");
    let mut context = String::new();
    for path in p.context {
        if let Some(value) = claim_at(claims, path) {
            if !context.is_empty() {
                context.push(' ');
            }
            context.push_str(&value);
        }
    }

    let host = https_host_and_path(iss).map(|(h, _)| h.to_ascii_lowercase()).unwrap_or_default();
    let issuer_kind = match p.platform {
        FederationPlatform::Gitlab if host == "gitlab.com" => FederationIssuer::GitlabCom,
        FederationPlatform::Gitlab => FederationIssuer::GitlabSelfManaged,
        FederationPlatform::Terraform if host == "app.terraform.io" => FederationIssuer::HcpTerraform,
        FederationPlatform::Terraform => FederationIssuer::TerraformEnterprise,
        _ if legacy => FederationIssuer::KubernetesLegacy,
        _ if host.contains(".oic.prod-aks.azure.") => FederationIssuer::Aks,
        _ if host.starts_with("oidc.eks.") => FederationIssuer::Eks,
        _ if host == "container.googleapis.com" => FederationIssuer::Gke,
        _ => FederationIssuer::KubernetesCluster,
    };
    let mut explanation =
        String::from(if default_subject && !legacy { p.explain_default } else { p.explain_custom });
    if p.platform != FederationPlatform::Kubernetes {
        explanation.push_str(NO_WILDCARDS);
    }
    if matches!(issuer_kind, FederationIssuer::GitlabSelfManaged | FederationIssuer::TerraformEnterprise | FederationIssuer::KubernetesCluster)
    {
        // kubeadm's default issuer (https://kubernetes.default.svc...) is the usual unreachable one.
        explanation.push_str(
            " Self-hosted issuer: Entra must fetch <issuer>/.well-known/openid-configuration from the internet.",
        );
    }

    let audience = exchange.unwrap_or(EXCHANGE_AUDIENCES[0]);
    let federated_credential = (!legacy).then(|| federated_credential(&credential_hint(kind, sub), iss, sub, audience));
    let mut headline = String::with_capacity(96);
    for piece in [kind.label(), " for ", workload.as_deref().unwrap_or("an unknown workload")] {
        headline.push_str(piece);
    }
    if !context.is_empty() {
        for piece in [" (", p.context_before, &context, p.context_after, ")"] {
            headline.push_str(piece);
        }
    }
    headline.push_str(if audiences.is_empty() { ", no audience" } else { ", audience " });
    headline.push_str(&audiences.join(", "));
    FederationInfo {
        platform: p.platform,
        issuer_kind,
        workload,
        details,
        default_subject,
        subject_explanation: explanation,
        audience_ok: exchange.is_some(),
        federated_credential,
        headline,
    }
}

/// The audience warning for every platform here: the same check as GitHub's and Azure DevOps'
/// ([`exchange_audience`]), with the platform's own way to request the right audience.
fn audience_warning(audiences: &[String], fix: &str) -> Warning {
    let shown = if audiences.is_empty() { "missing".to_owned() } else { format!("'{}'", audiences.join("', '")) };
    Warning::new(
        codes::AUDIENCE_NOT_TOKEN_EXCHANGE,
        Severity::Error,
        format!(
            "The audience is {shown}, not api://AzureADTokenExchange (...USGov / ...China in the sovereign clouds): Entra \
             refuses the exchange with AADSTS700212 unless it equals the credential's audience. {fix}"
        ),
    )
    .catalog("AL012")
}

/// The credential name's source for a subject of `kind`: the platform's prefix and the subject's
/// values (`gitlab-<project>-<ref type>-<ref>`), or the subject itself when it has another shape
/// (a customised GitLab subject: naming it by its default keys alone would give every environment
/// the same name, and Entra refuses a second credential of one name).
pub(crate) fn credential_hint(kind: TokenKind, sub: &str) -> String {
    let p = platform_of(kind);
    let parts = subject_parts(sub);
    match join_values(&parts, p.subject_keys, "-").filter(|_| keys_are(&parts, p.subject_keys)) {
        Some(values) => {
            let mut hint = String::from(p.hint_prefix);
            hint.push('-');
            hint.push_str(&values);
            hint
        }
        None => sub.to_owned(),
    }
}

/// `key:value:key:value...` subjects (GitLab, Terraform) as pairs, and Kubernetes'
/// `system:serviceaccount:<ns>:<name>` as `namespace` / `serviceaccount`; empty otherwise.
fn subject_parts(sub: &str) -> Vec<(&str, &str)> {
    if let Some((ns, name)) = sub.strip_prefix(K8S_SUBJECT_PREFIX).and_then(|r| r.split_once(':')) {
        return vec![("namespace", ns), ("serviceaccount", name)];
    }
    let mut parts = Vec::new();
    let mut items = sub.split(':');
    while let Some(key) = items.next() {
        let Some(value) = items.next() else { return Vec::new() };
        parts.push((key, value));
    }
    parts
}

/// The values of `keys` present in `parts`, joined; None when there is none.
fn join_values(parts: &[(&str, &str)], keys: &[&str], sep: &str) -> Option<String> {
    let mut joined = String::new();
    for key in keys {
        if let Some((_, value)) = parts.iter().find(|(k, _)| k == key) {
            if !joined.is_empty() {
                joined.push_str(sep);
            }
            joined.push_str(value);
        }
    }
    (!joined.is_empty()).then_some(joined)
}

fn keys_are(parts: &[(&str, &str)], keys: &[&str]) -> bool {
    parts.len() == keys.len() && parts.iter().zip(keys).all(|((k, v), want)| k == want && !v.is_empty())
}

/// A claim, or a value nested in an object claim (`kubernetes.io` → `pod` → `name`), as text.
fn claim_at(claims: &Claims, path: &[&str]) -> Option<String> {
    let (first, rest) = path.split_first()?;
    if rest.is_empty() {
        return text_claim(claims, first);
    }
    let Some(Claim::Value(mut v)) = claims.get(first) else { return None };
    for k in rest {
        v = v.get(k)?;
    }
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_split_into_pairs() {
        let parts = subject_parts("project_path:my-group/my-project:ref_type:branch:ref:main");
        assert!(keys_are(&parts, &["project_path", "ref_type", "ref"]));
        assert_eq!(join_values(&parts, &["ref", "nothing", "ref_type"], " ").as_deref(), Some("main branch"));
        assert_eq!(subject_parts("system:serviceaccount:apps:puller"), [("namespace", "apps"), ("serviceaccount", "puller")]);
        assert!(subject_parts("a:b:c").is_empty());
        assert!(!keys_are(&subject_parts("project_path:g/p:ref_type:branch:ref:"), &["project_path", "ref_type", "ref"]));
    }

    #[test]
    fn credential_names_follow_the_subject() {
        assert_eq!(
            credential_hint(TokenKind::GitlabOidc, "project_path:my-group/my-project:ref_type:branch:ref:main"),
            "gitlab-my-group/my-project-branch-main"
        );
        assert_eq!(
            credential_hint(TokenKind::TerraformOidc, "organization:acme:project:Default Project:workspace:acr:run_phase:apply"),
            "tfc-acme-Default Project-acr-apply"
        );
        assert_eq!(credential_hint(TokenKind::KubernetesSa, "system:serviceaccount:apps:puller"), "k8s-apps-puller");
        // Another shape: the subject itself.
        assert_eq!(credential_hint(TokenKind::GitlabOidc, "a:b:c"), "a:b:c");
        let custom = "project_path:g/p:ref_type:branch:ref:main:environment:prod";
        assert_eq!(credential_hint(TokenKind::GitlabOidc, custom), custom);
    }
}
