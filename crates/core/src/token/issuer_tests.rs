//! Workload-identity issuers other than GitHub and Azure DevOps, and Entra ID tokens, through
//! decode_token. Fixtures are unsigned look-alikes built from documented claim sets:
//! - GitLab: the sample payload in GitLab's docs (ci/secrets/id_token_authentication.md), with the
//!   Entra audience a job declares in `id_tokens`.
//! - Kubernetes: a projected service-account token as the Azure Workload Identity webhook mounts it
//!   on AKS (`kubernetes.io` object claim), and a legacy secret token (`kubernetes/serviceaccount`).
//! - Terraform: the workspace-run token of HashiCorp's "Workload identity" token specification.
//! - Entra ID tokens: Microsoft's "ID token claims reference" (v1.0 and v2.0).

use serde_json::{json, Value};

use super::tests::{codes_of, only, rs256, warning, with, NOW, TENANT};
use super::*;

const CLIENT: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
const AKS_ISSUER: &str =
    "https://eastus.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/9d2c4b1e-5a6f-4e7d-8c9b-0a1b2c3d4e5f/";

fn gitlab_claims(sub: &str, aud: &str) -> Value {
    json!({
        "namespace_id": "72",
        "namespace_path": "my-group",
        "project_id": "20",
        "project_path": "my-group/my-project",
        "user_id": "1",
        "user_login": "sample-user",
        "user_email": "sample-user@example.com",
        "pipeline_id": "574",
        "pipeline_source": "push",
        "job_id": "302",
        "ref": "main",
        "ref_type": "branch",
        "ref_path": "refs/heads/main",
        "ref_protected": "true",
        "runner_id": 1,
        "runner_environment": "gitlab-hosted",
        "sha": "714a629c0b401fdce83e847fc9589983fc6f46bc",
        "project_visibility": "private",
        "ci_config_ref_uri": "gitlab.com/my-group/my-project//.gitlab-ci.yml@refs/heads/main",
        "ci_config_sha": "714a629c0b401fdce83e847fc9589983fc6f46bc",
        "jti": "235b3a54-b797-45c7-ae9a-f72d7bc6ef5b",
        "iss": "https://gitlab.com",
        "iat": NOW - 60,
        "nbf": NOW - 65,
        "exp": NOW + 240,
        "sub": sub,
        "aud": aud
    })
}

const GITLAB_SUB: &str = "project_path:my-group/my-project:ref_type:branch:ref:main";

fn aks_claims(aud: Value) -> Value {
    json!({
        "aud": aud,
        "exp": NOW + 3_540,
        "iat": NOW - 60,
        "iss": AKS_ISSUER,
        "jti": "4f6c1b2a-9e8d-4c7b-a6f5-e4d3c2b1a098",
        "kubernetes.io": {
            "namespace": "apps",
            "node": {"name": "aks-nodepool1-12345678-vmss000000", "uid": "0c9f1e2d-3b4a-4c5d-8e7f-6a5b4c3d2e1f"},
            "pod": {"name": "web-7d9c8b6f5-x2k4q", "uid": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"},
            "serviceaccount": {"name": "acr-puller", "uid": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"}
        },
        "nbf": NOW - 60,
        "sub": "system:serviceaccount:apps:acr-puller"
    })
}

fn terraform_claims(iss: &str, aud: &str, phase: &str) -> Value {
    json!({
        "jti": "1192426d-b525-4fde-9d42-f238be437bbd",
        "iss": iss,
        "aud": aud,
        "iat": NOW - 30,
        "nbf": NOW - 35,
        "exp": NOW + 4_770,
        "sub": format!("organization:my-org:project:Default Project:workspace:my-workspace:run_phase:{phase}"),
        "terraform_organization_id": "org-GRNbCjYNpBB6NEH9",
        "terraform_organization_name": "my-org",
        "terraform_project_id": "prj-vegSA59s1XPwMr2t",
        "terraform_project_name": "Default Project",
        "terraform_workspace_id": "ws-mbsd5E3Ktt5Rg2Xm",
        "terraform_workspace_name": "my-workspace",
        "terraform_full_workspace": "organization:my-org:project:Default Project:workspace:my-workspace",
        "terraform_run_id": "run-X3n1AUQNBNxajKGc",
        "terraform_run_phase": phase
    })
}

/// v2.0 ID token of a user signing in to an app (OpenID Connect, with `nonce`).
fn entra_id_token_v2() -> Value {
    json!({
        "aud": CLIENT,
        "iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"),
        "iat": NOW - 120,
        "nbf": NOW - 120,
        "exp": NOW + 3_480,
        "aio": "AUQAu/8OAAAA",
        "name": "Megan Bowen",
        "nonce": "638741238472618372.NmQ4",
        "oid": "0d3b1c2a-7e6f-4a5b-8c9d-0e1f2a3b4c5d",
        "preferred_username": "megan@contoso.com",
        "rh": "0.AXoAv4j5cvGGr0GRqy180BHbRw.",
        "sid": "00161c8e-3b55-4f0a-9d2b-7a1c2e3f4a5b",
        "sub": "fNq2HnB6mHyo4PsB5Ncb4MIzQ-WK2t5dQf6Q1xz8kVA",
        "tid": TENANT,
        "uti": "Ixw7NAj2HEaQ3fMmt8kHAA",
        "ver": "2.0"
    })
}

fn federation(t: &FoundToken) -> &FederationInfo {
    t.federation.as_ref().unwrap_or_else(|| panic!("no federation section for {:?}", t.kind))
}

fn detail<'a>(f: &'a FederationInfo, label: &str) -> Option<&'a str> {
    f.details.iter().find(|d| d.label == label).map(|d| d.value.as_str())
}

// ---- GitLab ----

#[test]
fn gitlab_id_token_is_explained_with_its_credential() {
    let t = only(&rs256(gitlab_claims(GITLAB_SUB, "api://AzureADTokenExchange")));
    assert_eq!(t.kind, TokenKind::GitlabOidc);
    assert_eq!(t.label, "GitLab CI ID token");
    assert!(t.warnings.is_empty(), "{:?}", codes_of(&t));
    assert_eq!(t.summary, "GitLab CI ID token for my-group/my-project (branch main), audience api://AzureADTokenExchange; expires in 4 min.");
    let f = federation(&t);
    assert_eq!((f.platform, f.issuer_kind), (FederationPlatform::Gitlab, FederationIssuer::GitlabCom));
    assert_eq!(f.workload.as_deref(), Some("my-group/my-project"));
    assert_eq!(detail(f, "Pipeline source"), Some("push"));
    assert_eq!(detail(f, "Protected ref"), Some("true"));
    assert_eq!(detail(f, "Environment"), None);
    assert!(f.default_subject && f.audience_ok);
    assert!(f.subject_explanation.contains("each branch or tag needs its own credential"));
    let fic = f.federated_credential.as_ref().unwrap();
    assert_eq!((fic.issuer.as_str(), fic.subject.as_str()), ("https://gitlab.com", GITLAB_SUB));
    assert_eq!(fic.audiences, ["api://AzureADTokenExchange"]);
    assert_eq!(fic.name, "gitlab-my-group-my-project-branch-main");
    assert!(fic.command.starts_with("az ad app federated-credential create --id <APP_CLIENT_ID> --parameters '{\"name\":\"gitlab-my-group-my-project-branch-main\",\"issuer\":\"https://gitlab.com\",\"subject\":\"project_path:my-group/my-project:ref_type:branch:ref:main\",\"audiences\":[\"api://AzureADTokenExchange\"]}'"), "{}", fic.command);
    assert!(fic.managed_identity_command.contains("--issuer 'https://gitlab.com' --subject 'project_path:my-group/my-project:ref_type:branch:ref:main' --audiences 'api://AzureADTokenExchange'"));
    // The action's failure explanation builds the same credential from the assertion's claims.
    let claims = gitlab_claims(GITLAB_SUB, "api://AzureADTokenExchange");
    assert_eq!(federated_credential_for(claims.as_object().unwrap(), "api://AzureADTokenExchange").as_ref(), Some(fic));
    assert_eq!(super::credential_name_for_subject(&fic.subject), fic.name);
}

#[test]
fn gitlab_self_managed_with_the_default_audience_predicts_aadsts700212() {
    // Without `aud` in id_tokens, GitLab uses its own URL as the audience.
    let claims = with(gitlab_claims(GITLAB_SUB, "https://gitlab.example.com"), json!({"iss": "https://gitlab.example.com"}));
    let t = only(&rs256(claims));
    assert_eq!(t.kind, TokenKind::GitlabOidc);
    let w = warning(&t, codes::AUDIENCE_NOT_TOKEN_EXCHANGE);
    assert_eq!((w.severity, w.catalog_id), (Severity::Error, Some("AL012")));
    assert!(w.message.contains("'https://gitlab.example.com'") && w.message.contains("AADSTS700212") && w.message.contains("id_tokens"));
    let f = federation(&t);
    assert_eq!(f.issuer_kind, FederationIssuer::GitlabSelfManaged);
    assert!(!f.audience_ok);
    assert!(f.subject_explanation.contains("Self-hosted issuer"));
    // The credential still carries the exchange audience the token must be re-requested with.
    assert_eq!(f.federated_credential.as_ref().unwrap().audiences, ["api://AzureADTokenExchange"]);
}

#[test]
fn gitlab_customised_subject_and_sovereign_audience() {
    let sub = "project_path:my-group/my-project:ref_type:branch:ref:main:environment:production";
    let t = only(&rs256(gitlab_claims(sub, "api://AzureADTokenExchangeUSGov")));
    let f = federation(&t);
    assert!(!f.default_subject);
    assert!(f.subject_explanation.contains("ci_id_token_sub_claim_components"));
    let fic = f.federated_credential.as_ref().unwrap();
    assert_eq!((fic.subject.as_str(), fic.audiences[0].as_str()), (sub, "api://AzureADTokenExchangeUSGov"));
    // Each customised subject is its own credential, so each gets its own name: Entra refuses a
    // second credential of the same name on an app.
    let name_for = |env: &str| {
        let sub = format!("project_path:my-group/my-project:ref_type:branch:ref:main:environment:{env}");
        let t = only(&rs256(gitlab_claims(&sub, "api://AzureADTokenExchange")));
        federation(&t).federated_credential.as_ref().unwrap().name.clone()
    };
    assert_ne!(name_for("production"), name_for("staging"));
    // A trimmed claim set is still GitLab by its subject alone.
    let t = only(&rs256(json!({"iss": "https://gitlab.com", "sub": GITLAB_SUB, "aud": "api://AzureADTokenExchange", "exp": NOW + 60})));
    assert_eq!(t.kind, TokenKind::GitlabOidc);
    assert_eq!(federation(&t).workload.as_deref(), Some("my-group/my-project"));
}

// ---- Kubernetes ----

#[test]
fn aks_workload_identity_token_is_explained() {
    let t = only(&rs256(aks_claims(json!(["api://AzureADTokenExchange"]))));
    assert_eq!(t.kind, TokenKind::KubernetesSa);
    assert!(t.warnings.is_empty(), "{:?}", codes_of(&t));
    assert_eq!(t.summary, "Kubernetes service account token for apps/acr-puller (pod web-7d9c8b6f5-x2k4q), audience api://AzureADTokenExchange; expires in 59 min.");
    let f = federation(&t);
    assert_eq!((f.platform, f.issuer_kind), (FederationPlatform::Kubernetes, FederationIssuer::Aks));
    let shown: Vec<(&str, &str)> = f.details.iter().map(|d| (d.label, d.value.as_str())).collect();
    assert_eq!(shown, [("Namespace", "apps"), ("Service account", "acr-puller"), ("Pod", "web-7d9c8b6f5-x2k4q"), ("Node", "aks-nodepool1-12345678-vmss000000")]);
    let fic = f.federated_credential.as_ref().unwrap();
    // AKS issuers end in a slash, and the credential must keep it.
    assert_eq!((fic.issuer.as_str(), fic.subject.as_str()), (AKS_ISSUER, "system:serviceaccount:apps:acr-puller"));
    assert_eq!(fic.name, "k8s-apps-acr-puller");
    assert!(fic.managed_identity_command.starts_with("az identity federated-credential create --name 'k8s-apps-acr-puller' --identity-name <IDENTITY_NAME>"));
    assert_eq!(super::credential_name_for_subject(&fic.subject), "k8s-apps-acr-puller");
    assert!(f.subject_explanation.contains("trailing slash"));
}

#[test]
fn kubernetes_api_token_and_other_clusters() {
    // The pod's default token is for the API server, not for Entra.
    let api = json!(["https://myaks-dns-1a2b3c4d.hcp.eastus.azmk8s.io", "\"myaks-dns-1a2b3c4d.hcp.eastus.azmk8s.io\""]);
    let t = only(&rs256(aks_claims(api)));
    let w = warning(&t, codes::AUDIENCE_NOT_TOKEN_EXCHANGE);
    assert_eq!(w.catalog_id, Some("AL012"));
    assert!(w.message.contains("AZURE_FEDERATED_TOKEN_FILE") && w.message.contains("azure.workload.identity/use"));
    assert!(!federation(&t).audience_ok);

    let on = |iss: &str| only(&rs256(with(aks_claims(json!("api://AzureADTokenExchange")), json!({"iss": iss}))));
    assert_eq!(federation(&on("https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE")).issuer_kind, FederationIssuer::Eks);
    assert_eq!(federation(&on("https://container.googleapis.com/v1/projects/p/locations/us-central1/clusters/c")).issuer_kind, FederationIssuer::Gke);
    let internal = on("https://kubernetes.default.svc.cluster.local");
    let f = federation(&internal);
    assert_eq!(f.issuer_kind, FederationIssuer::KubernetesCluster);
    assert!(f.subject_explanation.contains("Self-hosted issuer: Entra must fetch"));
    assert!(!federation(&on(AKS_ISSUER)).subject_explanation.contains("Self-hosted"));
}

#[test]
fn legacy_service_account_secret_cannot_be_federated() {
    let claims = json!({
        "iss": "kubernetes/serviceaccount",
        "kubernetes.io/serviceaccount/namespace": "default",
        "kubernetes.io/serviceaccount/secret.name": "build-robot-token-x7k2p",
        "kubernetes.io/serviceaccount/service-account.name": "build-robot",
        "kubernetes.io/serviceaccount/service-account.uid": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
        "sub": "system:serviceaccount:default:build-robot"
    });
    let t = only(&rs256(claims));
    assert_eq!(t.kind, TokenKind::KubernetesSaLegacy);
    assert_eq!(t.status, TokenStatus::Unknown);
    assert_eq!(codes_of(&t), [codes::TOKEN_NO_EXPIRY, codes::AUDIENCE_NOT_TOKEN_EXCHANGE]);
    let w = warning(&t, codes::AUDIENCE_NOT_TOKEN_EXCHANGE);
    assert_eq!(w.severity, Severity::Error);
    assert!(w.message.contains("cannot be federated"), "{}", w.message);
    let f = federation(&t);
    assert_eq!(f.issuer_kind, FederationIssuer::KubernetesLegacy);
    assert!(f.federated_credential.is_none());
    let shown: Vec<&str> = f.details.iter().map(|d| d.label).collect();
    assert_eq!(shown, ["Namespace", "Service account", "Secret"]);
    assert_eq!(t.summary, "Kubernetes service account secret token (legacy) for default/build-robot, no audience; no expiry.");
}

// ---- Terraform ----

#[test]
fn hcp_terraform_token_needs_one_credential_per_run_phase() {
    let t = only(&rs256(terraform_claims("https://app.terraform.io", "api://AzureADTokenExchange", "apply")));
    assert_eq!(t.kind, TokenKind::TerraformOidc);
    assert!(t.warnings.is_empty(), "{:?}", codes_of(&t));
    assert_eq!(t.summary, "HCP Terraform workload identity token for my-org/Default Project/my-workspace (apply phase), audience api://AzureADTokenExchange; expires in 1 h 19 min.");
    let f = federation(&t);
    assert_eq!((f.platform, f.issuer_kind), (FederationPlatform::Terraform, FederationIssuer::HcpTerraform));
    assert!(f.default_subject);
    assert!(f.subject_explanation.contains("run_phase:plan") && f.subject_explanation.contains("Default Project"));
    assert_eq!(detail(f, "Run phase"), Some("apply"));
    let fic = f.federated_credential.as_ref().unwrap();
    assert_eq!(fic.subject, "organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply");
    assert_eq!(fic.name, "tfc-my-org-Default-Project-my-workspace-apply");
    assert!(fic.managed_identity_command.contains("--subject 'organization:my-org:project:Default Project:workspace:my-workspace:run_phase:apply'"));
}

#[test]
fn terraform_enterprise_with_another_audience() {
    let t = only(&rs256(terraform_claims("https://tfe.example.com", "aws.workload.identity", "plan")));
    let f = federation(&t);
    assert_eq!(f.issuer_kind, FederationIssuer::TerraformEnterprise);
    assert!(f.subject_explanation.contains("run_phase:apply"));
    assert!(warning(&t, codes::AUDIENCE_NOT_TOKEN_EXCHANGE).message.contains("TFC_AZURE_WORKLOAD_IDENTITY_AUDIENCE"));
}

// ---- Entra ID tokens ----

#[test]
fn entra_id_token_is_not_an_access_token() {
    let t = only(&rs256(entra_id_token_v2()));
    assert_eq!(t.kind, TokenKind::EntraIdToken);
    assert_eq!(t.label, "Entra ID ID token");
    let e = t.entra.as_ref().unwrap();
    assert_eq!((e.version.as_str(), e.acr_exchange, e.resource), ("2.0", AcrExchange::Refused, AudienceResource::Other));
    assert_eq!(e.principal_type, PrincipalType::Delegated);
    assert_eq!(e.acr_scope, "https://containerregistry.azure.net/.default");
    assert_eq!(codes_of(&t), [codes::AUDIENCE_NOT_ACR]);
    let w = warning(&t, codes::AUDIENCE_NOT_ACR);
    assert_eq!(w.severity, Severity::Error);
    assert!(w.message.starts_with("This is an ID token") && w.message.contains("/oauth2/exchange") && w.message.contains("https://containerregistry.azure.net"));
    assert!(w.message.contains("https://management.azure.com"));
    assert_eq!(t.summary, format!("Entra ID ID token signing megan@contoso.com in to app {CLIENT}; expires in 58 min."));
    assert!(t.federation.is_none());

    // v1.0 ID tokens: sts.windows.net issuer, upn / unique_name, no nonce (implicit flow without one).
    let v1 = json!({
        "aud": CLIENT, "iss": format!("https://sts.windows.net/{TENANT}/"), "iat": NOW - 60, "nbf": NOW - 60, "exp": NOW + 3_540,
        "amr": ["pwd", "mfa"], "family_name": "Bowen", "given_name": "Megan", "ipaddr": "203.0.113.7", "name": "Megan Bowen",
        "oid": "0d3b1c2a-7e6f-4a5b-8c9d-0e1f2a3b4c5d", "sub": "fNq2HnB6mHyo4PsB5Ncb4MIzQ-WK2t5dQf6Q1xz8kVA", "tid": TENANT,
        "unique_name": "megan@contoso.com", "upn": "megan@contoso.com", "ver": "1.0"
    });
    let t = only(&rs256(v1));
    assert_eq!(t.kind, TokenKind::EntraIdToken);
    assert_eq!(t.entra.as_ref().unwrap().version, "1.0");
    // Expired ID tokens say what they are.
    let expired = with(entra_id_token_v2(), json!({"exp": NOW - 7_200}));
    assert!(warning(&only(&rs256(expired)), codes::TOKEN_EXPIRED).message.starts_with("This ID token expired 2 h ago"));
}

#[test]
fn access_tokens_for_an_app_stay_access_tokens() {
    // A v2 app-only token for a custom API: the audience is a client id too, but azp names the caller.
    let claims = with(entra_id_token_v2(), json!({"nonce": null, "name": null, "preferred_username": null, "sid": null, "azp": "4c8e1a2b-6d3f-4e5a-9b7c-1d2e3f4a5b6c", "azpacr": "2", "roles": ["Reader"], "idtyp": "app"}));
    assert_eq!(only(&rs256(claims)).kind, TokenKind::EntraAccessV2);
    // Delegated: scp.
    let claims = with(entra_id_token_v2(), json!({"nonce": null, "scp": "User.Read"}));
    assert_eq!(only(&rs256(claims)).kind, TokenKind::EntraAccessV2);
}

// ---- shape ----

#[test]
fn federation_section_serialises_in_camel_case_and_is_null_elsewhere() {
    let v = serde_json::to_value(decode_token(&rs256(aks_claims(json!("api://AzureADTokenExchange"))), NOW)).unwrap();
    let t = &v["tokens"][0];
    assert_eq!(t["kind"], "kubernetes-sa");
    let f = &t["federation"];
    // serde_json's map sorts keys; the point is the names (camelCase, and no internal `headline`).
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["audienceOk", "defaultSubject", "details", "federatedCredential", "issuerKind", "platform", "subjectExplanation", "workload"]);
    assert_eq!((f["platform"].as_str(), f["issuerKind"].as_str()), (Some("kubernetes"), Some("aks")));
    assert_eq!(f["details"][0], json!({"label": "Namespace", "value": "apps"}));
    assert!(t["github"].is_null() && t["entra"].is_null());
    let g = serde_json::to_value(decode_token(&rs256(gitlab_claims(GITLAB_SUB, "api://AzureADTokenExchange")), NOW)).unwrap();
    assert_eq!(g["tokens"][0]["kind"], "gitlab-oidc");
    let legacy = serde_json::to_value(decode_token(&rs256(json!({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:a:b"})), NOW)).unwrap();
    assert_eq!(legacy["tokens"][0]["kind"], "kubernetes-sa-legacy");
    assert!(legacy["tokens"][0]["federation"]["federatedCredential"].is_null());
    let id = serde_json::to_value(decode_token(&rs256(entra_id_token_v2()), NOW)).unwrap();
    assert_eq!((id["tokens"][0]["kind"].as_str(), id["tokens"][0]["federation"].is_null()), (Some("entra-id-token"), true));
}

#[test]
fn unknown_issuers_with_lookalike_claims_stay_plain_jwts() {
    // A subject that merely starts like a Kubernetes one, without the kubernetes.io claim.
    let t = only(&rs256(json!({"iss": "https://idp.example.com", "sub": "system:serviceaccount:a:b", "exp": NOW + 60})));
    assert_eq!(t.kind, TokenKind::Jwt);
    assert!(t.federation.is_none());
}

// ---- Catalog links of the new kinds' warnings ----

/// Every warning these kinds raise links to an entry whose cause fits it: AL012 (widened to
/// GitLab, AKS and Terraform) for an audience, AL002 (AADSTS700024, any federated issuer) for
/// expiry and clock skew, AL906 for an ID token, AL907 for a legacy secret token.
#[test]
fn every_warning_of_the_new_kinds_links_a_fitting_catalog_entry() {
    let legacy = json!({
        "iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:ci:build-robot",
        "kubernetes.io/serviceaccount/namespace": "ci", "kubernetes.io/serviceaccount/secret.name": "build-robot-token-x7k2p"
    });
    let t = only(&rs256(legacy));
    assert_eq!(warning(&t, codes::AUDIENCE_NOT_TOKEN_EXCHANGE).catalog_id, Some("AL907"));
    assert_eq!(warning(&t, codes::TOKEN_NO_EXPIRY).catalog_id, None, "no entry is about a missing exp alone");

    let t = only(&rs256(entra_id_token_v2()));
    assert_eq!(warning(&t, codes::AUDIENCE_NOT_ACR).catalog_id, Some("AL906"));
    let expired = only(&rs256(with(entra_id_token_v2(), json!({ "exp": NOW - 60 }))));
    assert_eq!(warning(&expired, codes::TOKEN_EXPIRED).catalog_id, Some("AL901"), "an ID token is no assertion: the general entry");

    let past = json!({ "iat": NOW - 7_200, "nbf": NOW - 7_200, "exp": NOW - 3_600 });
    let future = json!({ "iat": NOW - 60, "nbf": NOW + 3_600 });
    let federated = [
        gitlab_claims(GITLAB_SUB, "api://AzureADTokenExchange"),
        aks_claims(json!(["api://AzureADTokenExchange"])),
        terraform_claims("https://app.terraform.io", "api://AzureADTokenExchange", "apply"),
    ];
    for claims in federated {
        let t = only(&rs256(with(claims.clone(), past.clone())));
        assert_eq!(warning(&t, codes::TOKEN_EXPIRED).catalog_id, Some("AL002"), "{:?}", t.kind);
        let t = only(&rs256(with(claims.clone(), future.clone())));
        assert_eq!(warning(&t, codes::TOKEN_NOT_YET_VALID).catalog_id, Some("AL002"), "{:?}", t.kind);
        let t = only(&rs256(with(claims, json!({ "aud": "https://kubernetes.default.svc" }))));
        assert_eq!(warning(&t, codes::AUDIENCE_NOT_TOKEN_EXCHANGE).catalog_id, Some("AL012"), "{:?}", t.kind);
    }

    // The linked entries exist and say what the warnings say.
    let al012 = crate::catalog::entry("AL012").unwrap();
    for platform in ["id_tokens", "AZURE_FEDERATED_TOKEN_FILE", "TFC_AZURE_WORKLOAD_IDENTITY_AUDIENCE"] {
        let text: String = al012.fix.iter().map(|s| format!("{} {}", s.text, s.code.unwrap_or(""))).collect();
        assert!(al012.cause.contains(platform) || text.contains(platform), "AL012 does not cover {platform}");
    }
    assert!(crate::catalog::entry("AL002").unwrap().cause.contains("AKS workload identity"));
    assert!(crate::catalog::entry("AL906").unwrap().title.contains("ID token"));
    assert!(crate::catalog::entry("AL907").unwrap().cause.contains("kubernetes/serviceaccount"));
}

#[test]
fn kind_names_are_the_serialised_names() {
    for kind in [TokenKind::GithubOidc, TokenKind::EntraIdToken, TokenKind::KubernetesSaLegacy, TokenKind::TerraformOidc, TokenKind::Jwt] {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
    }
}
