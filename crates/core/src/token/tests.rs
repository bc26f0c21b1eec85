//! decode_token end to end, on real-shaped tokens. Fixtures are unsigned look-alikes (a fixed
//! 256-byte "signature"), built from documented claim sets:
//! - GitHub: the sample token in GitHub's OIDC docs (github/docs content/actions/concepts/security/
//!   openid-connect.md, reference §1.3) plus every custom claim listed in §1.3.
//! - Entra v1/v2: Microsoft's "Access token claims reference" (MicrosoftDocs/entra-docs
//!   docs/identity-platform/access-token-claims-reference.md): v1 has appid/appidacr/idp and
//!   iss https://sts.windows.net/<tid>/, v2 has azp/azpacr/preferred_username and iss .../v2.0.
//! - ACR: Azure/acr docs/AAD-OAuth.md (reference §1.7).
//! - Azure DevOps: azure-pipelines-tasks docs/service-connections/azure-oidc/README.md (sc:// subject).

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde_json::{json, Value};

use super::*;

pub(super) const NOW: i64 = 1_632_493_700; // 133 s after the GitHub sample's iat
pub(super) const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const APP: &str = "4c8e1a2b-6d3f-4e5a-9b7c-1d2e3f4a5b6c";
const OID: &str = "0d3b1c2a-7e6f-4a5b-8c9d-0e1f2a3b4c5d";

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

fn jwt_with(header: Value, claims: Value) -> String {
    format!("{}.{}.{}", b64(&header), b64(&claims), URL_SAFE_NO_PAD.encode([7u8; 256]))
}

pub(super) fn rs256(claims: Value) -> String {
    jwt_with(json!({"typ": "JWT", "alg": "RS256", "x5t": "example-thumbprint", "kid": "example-key-id"}), claims)
}

/// GitHub's documented sample (environment `prod`), with `sub`/`aud` overridable.
fn github_claims(sub: &str, aud: &str) -> Value {
    json!({
        "jti": "example-id",
        "sub": sub,
        "environment": "prod",
        "aud": aud,
        "ref": "refs/heads/main",
        "sha": "example-sha",
        "repository": "octo-org/octo-repo",
        "repository_owner": "octo-org",
        "actor_id": "12",
        "repository_visibility": "private",
        "repository_id": "74",
        "repository_owner_id": "65",
        "run_id": "example-run-id",
        "run_number": "10",
        "run_attempt": "2",
        "runner_environment": "github-hosted",
        "actor": "octocat",
        "workflow": "example-workflow",
        "workflow_ref": "octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main",
        "workflow_sha": "example-sha",
        "job_workflow_ref": "octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main",
        "job_workflow_sha": "example-sha",
        "head_ref": "",
        "base_ref": "",
        "event_name": "workflow_dispatch",
        "ref_type": "branch",
        "iss": "https://token.actions.githubusercontent.com",
        "nbf": 1_632_492_967,
        "exp": 1_632_493_867,
        "iat": 1_632_493_567
    })
}

fn github(sub: &str) -> String {
    rs256(github_claims(sub, "api://AzureADTokenExchange"))
}

pub(super) fn with(mut claims: Value, changes: Value) -> Value {
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            claims.as_object_mut().unwrap().remove(k);
        } else {
            claims[k] = v.clone();
        }
    }
    claims
}

/// v1 app-only token as Entra issues it to a federated app for `https://containerregistry.azure.net/.default`.
fn entra_v1_claims(aud: &str) -> Value {
    json!({
        "aud": aud,
        "iss": format!("https://sts.windows.net/{TENANT}/"),
        "iat": NOW - 600,
        "nbf": NOW - 600,
        "exp": NOW + 4_500,
        "aio": "k2BgYJjQ3NzE1NDEzAA==",
        "appid": APP,
        "appidacr": "2",
        "idp": format!("https://sts.windows.net/{TENANT}/"),
        "idtyp": "app",
        "oid": OID,
        "rh": "0.AQEAv4j5cvGGr0GRqy180BHbR0ZIf3kAutdPukPawfj2MBMBAAA.",
        "sub": OID,
        "tid": TENANT,
        "uti": "AbCdEfGhIjKlMnOpQrStAA",
        "ver": "1.0",
        "xms_tcdt": 1_289_241_547
    })
}

/// v2 delegated token (a user through an app), with `scp` and `preferred_username`.
fn entra_v2_delegated_claims(aud: &str) -> Value {
    json!({
        "aud": aud,
        "iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"),
        "iat": NOW - 60,
        "nbf": NOW - 60,
        "exp": NOW + 3_900,
        "aio": "AWQAm/8TAAAA",
        "azp": APP,
        "azpacr": "0",
        "name": "Megan Bowen",
        "oid": OID,
        "preferred_username": "megan@contoso.com",
        "rh": "0.AXoAv4j5cvGGr0GRqy180BHbRw.",
        "scp": "access_as_user User.Read",
        "sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
        "tid": TENANT,
        "uti": "fqiBqXLPj0eQa82S-IYFAA",
        "ver": "2.0"
    })
}

/// ACR refresh token as /oauth2/exchange returns it (reference §1.7).
fn acr_refresh_claims() -> Value {
    json!({
        "jti": "365e2fb0-7c37-4c55-9a5c-7bb3bd2d13a3",
        "sub": OID,
        "nbf": NOW - 60,
        "exp": NOW + 10_740,
        "iat": NOW - 60,
        "iss": "Azure Container Registry",
        "aud": "contosoregistry.azurecr.io",
        "version": "1.0",
        "rid": "9b1d8c2f4a6e4b0a8d3c5e7f9a1b2c3d",
        "grant_type": "refresh_token",
        "appid": APP,
        "tenant": TENANT,
        "permissions": {"actions": ["read", "write"], "notActions": []},
        "roles": []
    })
}

fn acr_access_claims(access: Value) -> Value {
    with(
        acr_refresh_claims(),
        json!({"grant_type": "access_token", "permissions": null, "access": access, "exp": NOW + 4_440}),
    )
}

pub(super) fn only(text: &str) -> FoundToken {
    let mut r = decode_token(text, NOW);
    assert_eq!(r.tokens.len(), 1, "expected one token, hint: {:?}", r.hint);
    r.tokens.remove(0)
}

pub(super) fn codes_of(t: &FoundToken) -> Vec<&'static str> {
    t.warnings.iter().map(|w| w.code).collect()
}

pub(super) fn warning<'a>(t: &'a FoundToken, code: &str) -> &'a Warning {
    t.warnings.iter().find(|w| w.code == code).unwrap_or_else(|| panic!("no {code} in {:?}", codes_of(t)))
}

// ---- kinds ----

#[test]
fn github_token_is_explained_in_full() {
    let t = only(&github("repo:octo-org/octo-repo:environment:prod"));
    assert_eq!(t.kind, TokenKind::GithubOidc);
    assert_eq!(t.status, TokenStatus::Valid);
    assert!(t.warnings.is_empty(), "{:?}", codes_of(&t));
    assert_eq!(t.issuer.as_deref(), Some("https://token.actions.githubusercontent.com"));
    assert_eq!(t.lifetime_seconds, Some(300));
    assert_eq!(t.lifetime.as_deref(), Some("5 min"));
    let exp = t.times.exp.as_ref().unwrap();
    assert_eq!((exp.iso.as_deref(), exp.relative.as_str()), (Some("2021-09-24T14:31:07Z"), "expires in 2 min"));
    assert_eq!(t.times.nbf.as_ref().unwrap().relative, "valid since 12 min ago");
    let g = t.github.as_ref().unwrap();
    assert_eq!(g.issuer_kind, GithubIssuer::GithubCom);
    assert_eq!(g.repository.as_deref(), Some("octo-org/octo-repo"));
    assert_eq!(g.git_ref.as_deref(), Some("refs/heads/main"));
    assert_eq!(g.environment.as_deref(), Some("prod"));
    assert_eq!(g.event_name.as_deref(), Some("workflow_dispatch"));
    assert_eq!(g.runner_environment.as_deref(), Some("github-hosted"));
    assert_eq!(g.job_workflow_ref.as_deref(), Some("octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main"));
    assert_eq!(g.head_ref, None, "empty head_ref is noise outside pull requests");
    assert_eq!((g.subject_form, g.subject_value.as_deref(), g.immutable_subject), (SubjectForm::Environment, Some("prod"), false));
    assert!(g.audience_ok);
    let f = &g.federated_credential;
    assert_eq!(f.issuer, "https://token.actions.githubusercontent.com");
    assert_eq!(f.subject, "repo:octo-org/octo-repo:environment:prod");
    assert_eq!(f.audiences, ["api://AzureADTokenExchange"]);
    assert_eq!(f.name, "octo-org-octo-repo-env-prod");
    assert_eq!(
        f.command,
        r#"az ad app federated-credential create --id <APP_CLIENT_ID> --parameters '{"name":"octo-org-octo-repo-env-prod","issuer":"https://token.actions.githubusercontent.com","subject":"repo:octo-org/octo-repo:environment:prod","audiences":["api://AzureADTokenExchange"]}'"#
    );
    assert_eq!(t.summary, "GitHub Actions OIDC token for octo-org/octo-repo (environment prod), audience api://AzureADTokenExchange; expires in 2 min.");
}

#[test]
fn github_enterprise_issuers() {
    for (iss, kind, host, enterprise) in [
        ("https://github.example.com/_services/token", GithubIssuer::Ghes, Some("github.example.com"), None),
        ("https://token.actions.githubusercontent.com/octo-enterprise", GithubIssuer::EnterpriseSlug, None, Some("octo-enterprise")),
        ("https://token.actions.contoso.ghe.com", GithubIssuer::GheCom, Some("token.actions.contoso.ghe.com"), None),
    ] {
        let claims = with(github_claims("repo:octo-org/octo-repo:pull_request", "api://AzureADTokenExchange"), json!({"iss": iss}));
        let t = only(&rs256(claims));
        assert_eq!(t.kind, TokenKind::GithubOidc, "{iss}");
        let g = t.github.unwrap();
        assert_eq!((g.issuer_kind, g.host.as_deref(), g.enterprise.as_deref()), (kind, host, enterprise));
        // The credential must repeat the token's issuer byte for byte.
        assert_eq!(g.federated_credential.issuer, iss);
    }
}

#[test]
fn every_github_subject_form() {
    let cases = [
        ("repo:octo-org/octo-repo:ref:refs/heads/main", SubjectForm::Branch, Some("main"), false, "octo-org-octo-repo-branch-main"),
        ("repo:octo-org/octo-repo:ref:refs/tags/v2.0.1", SubjectForm::Tag, Some("v2.0.1"), false, "octo-org-octo-repo-tag-v2-0-1"),
        ("repo:octo-org/octo-repo:environment:prod", SubjectForm::Environment, Some("prod"), false, "octo-org-octo-repo-env-prod"),
        ("repo:octo-org/octo-repo:pull_request", SubjectForm::PullRequest, None, false, "octo-org-octo-repo-pull-request"),
        (
            "repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main",
            SubjectForm::Custom,
            None,
            false,
            // Cut at 120 characters, the Entra limit.
            "repo-octo-org-octo-repo-environment-prod-job_workflow_ref-octo-org-octo-automation-github-workflows-oidc-yml-refs-heads",
        ),
        ("repo:octo-org@65/octo-repo@74:ref:refs/heads/main", SubjectForm::Branch, Some("main"), true, "octo-org-octo-repo-branch-main"),
    ];
    for (sub, form, value, immutable, name) in cases {
        let t = only(&github(sub));
        let g = t.github.as_ref().unwrap();
        assert_eq!((g.subject_form, g.subject_value.as_deref(), g.immutable_subject), (form, value, immutable), "{sub}");
        assert_eq!(g.federated_credential.subject, sub);
        assert_eq!(g.federated_credential.name, name);
        // A log's subject gets the same name as the token (the page's fix for AADSTS700213).
        assert_eq!(super::credential_name_for_subject(sub), name);
        assert!(!g.subject_explanation.is_empty());
        let codes = codes_of(&t);
        assert_eq!(codes.contains(&codes::SUBJECT_IMMUTABLE), immutable, "{sub}");
        assert_eq!(codes.contains(&codes::SUBJECT_CUSTOM), form == SubjectForm::Custom, "{sub}");
    }
    let t = only(&github("repo:octo-org@65/octo-repo@74:ref:refs/heads/main"));
    assert_eq!(warning(&t, codes::SUBJECT_IMMUTABLE).catalog_id, Some("AL013"));
    assert!(t.github.unwrap().subject_explanation.contains("owner@id/repo@id"));
}

#[test]
fn github_default_audience_predicts_aadsts700212() {
    let t = only(&rs256(github_claims("repo:octo-org/octo-repo:ref:refs/heads/main", "https://github.com/octo-org")));
    let w = warning(&t, codes::AUDIENCE_NOT_TOKEN_EXCHANGE);
    assert_eq!((w.severity, w.catalog_id), (Severity::Error, Some("AL012")));
    assert!(w.message.contains("GitHub's default audience") && w.message.contains("AADSTS700212"), "{}", w.message);
    let g = t.github.unwrap();
    assert!(!g.audience_ok);
    // The credential to create still uses the exchange audience: the token has to be re-requested.
    assert_eq!(g.federated_credential.audiences, ["api://AzureADTokenExchange"]);
}

#[test]
fn sovereign_exchange_audience_is_kept() {
    let t = only(&rs256(github_claims("repo:octo-org/octo-repo:pull_request", "api://AzureADTokenExchangeUSGov")));
    assert!(t.warnings.is_empty(), "{:?}", codes_of(&t));
    assert_eq!(t.github.unwrap().federated_credential.audiences, ["api://AzureADTokenExchangeUSGov"]);
}

#[test]
fn azure_devops_tokens_of_both_generations() {
    let claims = json!({
        "jti": "9b4c2e55-3c1a-4f6e-8d2a-6f0c1b7e9a11",
        "sub": "sc://contoso/web/acr-push",
        "aud": "api://AzureADTokenExchange",
        "iss": "https://vstoken.dev.azure.com/0a1b2c3d-0000-4000-8000-000000000001",
        "nbf": NOW - 30, "exp": NOW + 570, "iat": NOW - 30
    });
    let t = only(&rs256(claims));
    assert_eq!(t.kind, TokenKind::AzureDevopsOidc);
    let a = t.azure_devops.as_ref().unwrap();
    assert_eq!((a.organization.as_deref(), a.project.as_deref(), a.service_connection.as_deref()), (Some("contoso"), Some("web"), Some("acr-push")));
    assert_eq!(a.organization_id.as_deref(), Some("0a1b2c3d-0000-4000-8000-000000000001"));
    assert_eq!(a.federated_credential.subject, "sc://contoso/web/acr-push");
    assert_eq!(a.federated_credential.name, "contoso-web-acr-push");
    assert_eq!(super::credential_name_for_subject("sc://contoso/web/acr-push"), "contoso-web-acr-push");
    assert!(t.summary.starts_with("Azure DevOps OIDC token for service connection contoso/web/acr-push"));

    let sub = "/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/rJtXmSETf0KqFyZ8ppdXmA/sc/0a1b2c3d-0000-4000-8000-000000000001/11112222-3333-4444-5555-666677778888";
    let claims = json!({
        "aud": "api://AzureADTokenExchange",
        "iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"),
        "sub": sub, "tid": TENANT,
        "nbf": NOW - 30, "exp": NOW + 570, "iat": NOW - 30
    });
    let t = only(&rs256(claims));
    assert_eq!(t.kind, TokenKind::AzureDevopsOidc);
    let a = t.azure_devops.unwrap();
    assert_eq!(a.issuer_format, AdoIssuerFormat::Entra);
    assert_eq!(a.service_connection_id.as_deref(), Some("11112222-3333-4444-5555-666677778888"));
    assert_eq!(a.federated_credential.issuer, format!("https://login.microsoftonline.com/{TENANT}/v2.0"));
    assert_eq!(t.tenant.as_deref(), Some(TENANT));
}

#[test]
fn entra_v1_app_only_for_acr() {
    let t = only(&rs256(entra_v1_claims("https://containerregistry.azure.net")));
    assert_eq!(t.kind, TokenKind::EntraAccessV1);
    assert!(t.warnings.is_empty(), "{:?}", codes_of(&t));
    assert_eq!(t.tenant.as_deref(), Some(TENANT));
    assert_eq!(t.identity, Identity { app_id: Some(APP.into()), object_id: Some(OID.into()), upn: None, name: None });
    let e = t.entra.as_ref().unwrap();
    assert_eq!((e.version.as_str(), e.cloud, e.principal_type), ("1.0", Cloud::AzureCloud, PrincipalType::AppOnly));
    assert_eq!((e.resource, e.acr_exchange), (AudienceResource::Acr, AcrExchange::Accepted));
    assert_eq!(e.acr_scope, "https://containerregistry.azure.net/.default");
    assert_eq!(t.lifetime.as_deref(), Some("1 h 25 min"));
    assert!(t.summary.starts_with("Entra ID access token (v1.0) for Azure Container Registry (app-only, app 4c8e1a2b"), "{}", t.summary);
}

#[test]
fn entra_arm_audience_depends_on_authentication_as_arm() {
    for aud in ["https://management.azure.com/", "https://management.core.windows.net/"] {
        let t = only(&rs256(entra_v1_claims(aud)));
        let e = t.entra.as_ref().unwrap();
        assert_eq!((e.resource, e.acr_exchange), (AudienceResource::Arm, AcrExchange::AcceptedUnlessArmDisabled));
        let w = warning(&t, codes::AUDIENCE_ARM);
        assert_eq!((w.severity, w.catalog_id), (Severity::Warning, Some("AL031")));
        assert!(w.message.contains("authentication-as-arm"));
    }
}

#[test]
fn entra_v2_delegated_for_another_api_is_refused_by_acr() {
    let t = only(&rs256(entra_v2_delegated_claims("6e74172b-be56-4843-9ff4-e66a39bb12e3")));
    assert_eq!(t.kind, TokenKind::EntraAccessV2);
    let e = t.entra.as_ref().unwrap();
    assert_eq!(e.principal_type, PrincipalType::Delegated);
    assert_eq!(e.scopes, ["access_as_user", "User.Read"]);
    assert_eq!((e.resource, e.acr_exchange), (AudienceResource::Other, AcrExchange::Refused));
    assert_eq!(t.identity.upn.as_deref(), Some("megan@contoso.com"));
    assert_eq!(t.identity.app_id.as_deref(), Some(APP));
    assert_eq!(warning(&t, codes::AUDIENCE_NOT_ACR).severity, Severity::Error);
    // A registry's own URL as audience gets its specific explanation.
    let t = only(&rs256(entra_v1_claims("https://contosoregistry.azurecr.io")));
    assert!(warning(&t, codes::AUDIENCE_NOT_ACR).message.contains("registry's own URL"));
}

#[test]
fn entra_app_only_without_idtyp_and_sovereign_clouds() {
    let claims = with(entra_v1_claims("https://containerregistry.azure.us"), json!({"idtyp": null, "iss": format!("https://login.microsoftonline.us/{TENANT}/")}));
    let t = only(&rs256(claims));
    let e = t.entra.unwrap();
    assert_eq!((e.cloud, e.principal_type, e.resource), (Cloud::AzureUSGovernment, PrincipalType::AppOnly, AudienceResource::Acr));
    assert_eq!(e.acr_scope, "https://containerregistry.azure.us/.default");
    let claims = with(entra_v1_claims("https://management.chinacloudapi.cn"), json!({"iss": format!("https://sts.chinacloudapi.cn/{TENANT}/")}));
    let e = only(&rs256(claims)).entra.unwrap();
    assert_eq!((e.cloud, e.resource), (Cloud::AzureChinaCloud, AudienceResource::Arm));
    assert_eq!(e.acr_scope, "https://containerregistry.azure.cn/.default");
    let claims = with(entra_v2_delegated_claims("x"), json!({"iss": format!("https://login.chinacloudapi.cn/{TENANT}/v2.0"), "ver": null}));
    assert_eq!(only(&rs256(claims)).kind, TokenKind::EntraAccessV2);
}

#[test]
fn acr_refresh_and_access_tokens() {
    let t = only(&rs256(acr_refresh_claims()));
    assert_eq!(t.kind, TokenKind::AcrRefresh);
    assert!(t.warnings.is_empty(), "{:?}", codes_of(&t));
    assert_eq!(t.lifetime.as_deref(), Some("3 h"));
    let a = t.acr.as_ref().unwrap();
    assert_eq!(a.registry.as_deref(), Some("contosoregistry.azurecr.io"));
    assert_eq!(a.grant_type.as_deref(), Some("refresh_token"));
    assert_eq!(a.permissions, Some(AcrPermissions { actions: vec!["read".into(), "write".into()], not_actions: vec![] }));
    assert_eq!(t.tenant.as_deref(), Some(TENANT));
    assert!(a.usage.contains("docker login contosoregistry.azurecr.io -u 00000000-0000-0000-0000-000000000000"));

    let t = only(&rs256(acr_access_claims(json!([
        {"type": "repository", "name": "hello-world", "actions": ["pull"]},
        {"type": "registry", "name": "catalog", "actions": ["*"]}
    ]))));
    assert_eq!(t.kind, TokenKind::AcrAccess);
    let a = t.acr.as_ref().unwrap();
    assert_eq!(a.access[0], AcrAccessEntry { resource_type: "repository".into(), name: "hello-world".into(), actions: vec!["pull".into()] });
    assert_eq!(t.summary, "ACR access token for contosoregistry.azurecr.io granting repository hello-world: pull; registry catalog: *; expires in 1 h 14 min.");
    // No grant_type: `access` decides.
    let claims = with(acr_access_claims(json!([])), json!({"grant_type": null}));
    assert_eq!(only(&rs256(claims)).kind, TokenKind::AcrAccess);
}

#[test]
fn acr_token_granting_nothing_is_flagged() {
    let t = only(&rs256(acr_access_claims(json!([{"type": "repository", "name": "web", "actions": []}]))));
    let w = warning(&t, codes::ACR_NO_ACTIONS);
    assert_eq!(w.catalog_id, Some("AL030"));
    assert!(w.message.contains("repository 'web'"));
    let claims = with(acr_refresh_claims(), json!({"permissions": {"actions": [], "notActions": []}}));
    assert_eq!(warning(&only(&rs256(claims)), codes::ACR_NO_ACTIONS).catalog_id, Some("AL030"));
}

#[test]
fn unknown_issuer_is_a_plain_jwt() {
    let t = only(&rs256(json!({"iss": "https://accounts.google.com", "sub": "1", "aud": ["a", "b"], "exp": NOW + 60, "iat": NOW})));
    assert_eq!(t.kind, TokenKind::Jwt);
    assert_eq!(t.audience, ["a", "b"]);
    assert!(t.github.is_none() && t.entra.is_none() && t.acr.is_none() && t.azure_devops.is_none());
    assert_eq!(t.summary, "JWT issued by https://accounts.google.com; expires in 1 min.");
}

// ---- paste forms ----

#[test]
fn every_paste_form_names_its_source() {
    let gh = github("repo:octo-org/octo-repo:ref:refs/heads/main");
    let acr = rs256(acr_refresh_claims());
    let entra = rs256(entra_v1_claims("https://containerregistry.azure.net"));
    let docker_auth = STANDARD.encode(format!("00000000-0000-0000-0000-000000000000:{acr}"));
    let cases: Vec<(String, &str, TokenKind)> = vec![
        (gh.clone(), "bare", TokenKind::GithubOidc),
        (format!("Authorization: Bearer {entra}"), "bearer", TokenKind::EntraAccessV1),
        (format!(r#"{{"accessToken": "{acr}", "loginServer": "contosoregistry.azurecr.io"}}"#), "json:accessToken", TokenKind::AcrRefresh),
        (format!(r#"{{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{entra}"}}"#), "json:access_token", TokenKind::EntraAccessV1),
        (format!(r#"{{"refresh_token":"{acr}"}}"#), "json:refresh_token", TokenKind::AcrRefresh),
        (format!(r#"{{"access_token":"{}"}}"#, rs256(acr_access_claims(json!([])))), "json:access_token", TokenKind::AcrAccess),
        (format!(r#"{{"count":1,"value":"{gh}"}}"#), "json:value", TokenKind::GithubOidc),
        (
            format!("{{\n\t\"auths\": {{\n\t\t\"contosoregistry.azurecr.io\": {{\n\t\t\t\"auth\": \"{docker_auth}\"\n\t\t}}\n\t}}\n}}"),
            "docker-config:auths.contosoregistry.azurecr.io.auth",
            TokenKind::AcrRefresh,
        ),
        (format!(r#"{{"auth":"{docker_auth}"}}"#), "docker-config:auth", TokenKind::AcrRefresh),
        (format!(r#"{{"auths":{{"contosoregistry.azurecr.io":{{"auth":"","identitytoken":"{acr}"}}}}}}"#), "docker-config:auths.contosoregistry.azurecr.io.identitytoken", TokenKind::AcrRefresh),
        (format!("2021-09-24T14:28:00.1234567Z ##[debug]client_assertion={gh}&scope=x"), "param:client_assertion", TokenKind::GithubOidc),
        // kubectl get secret acr-pull -o yaml (an image pull secret holding an ACR refresh token)
        (
            format!(
                "apiVersion: v1\ndata:\n  .dockerconfigjson: {}\nkind: Secret\nmetadata:\n  name: acr-pull\ntype: kubernetes.io/dockerconfigjson\n",
                STANDARD.encode(format!(r#"{{"auths":{{"contosoregistry.azurecr.io":{{"username":"00000000-0000-0000-0000-000000000000","password":"{acr}","auth":"{docker_auth}"}}}}}}"#))
            ),
            // kubectl writes the password in clear next to `auth`: the first occurrence names the source.
            "docker-config:auths.contosoregistry.azurecr.io.password",
            TokenKind::AcrRefresh,
        ),
    ];
    for (text, source, kind) in cases {
        let t = only(&text);
        assert_eq!((t.source.as_str(), t.kind), (source, kind), "pasted: {}", &text[..text.len().min(40)]);
    }
}

#[test]
fn spans_are_utf16_and_point_at_the_token() {
    let gh = github("repo:octo-org/octo-repo:pull_request");
    let text = format!("😀 «log» Bearer {gh} ✓ and again {gh}");
    let r = decode_token(&text, NOW);
    assert_eq!(r.tokens.len(), 1);
    let t = &r.tokens[0];
    assert_eq!(t.occurrences, 2);
    let units: Vec<u16> = text.encode_utf16().collect();
    let slice = |s: Span| String::from_utf16(&units[s.start..s.end]).unwrap();
    assert!(slice(t.span) == gh, "span does not cover the token");
    let segs = t.segment_spans.unwrap();
    let parts: Vec<&str> = gh.split('.').collect();
    assert!(slice(segs.header) == parts[0] && slice(segs.payload) == parts[1] && slice(segs.signature) == parts[2]);
    // Inside docker auth the token is not literal: the span covers the base64 value instead.
    let auth = STANDARD.encode(format!("u:{gh}"));
    let text = format!(r#"{{"é":1,"auths":{{"r":{{"auth":"{auth}"}}}}}}"#);
    let t = only(&text);
    assert!(t.segment_spans.is_none());
    let units: Vec<u16> = text.encode_utf16().collect();
    assert!(String::from_utf16(&units[t.span.start..t.span.end]).unwrap() == auth);
}

#[test]
fn several_tokens_in_a_log_keep_their_order() {
    let gh = github("repo:octo-org/octo-repo:ref:refs/heads/main");
    let entra = rs256(entra_v1_claims("https://management.azure.com/"));
    let acr = rs256(acr_refresh_claims());
    let log = format!(
        "2021-09-24T14:28:01Z Run azure/login@v2\n\
         2021-09-24T14:28:02Z ##[debug]assertion {gh}\n\
         2021-09-24T14:28:03Z POST https://contosoregistry.azurecr.io/oauth2/exchange grant_type=access_token&access_token={entra}\n\
         2021-09-24T14:28:04Z {{\"refresh_token\":\"{acr}\"}}\n"
    );
    let r = decode_token(&log, NOW);
    let got: Vec<(TokenKind, &str)> = r.tokens.iter().map(|t| (t.kind, t.source.as_str())).collect();
    assert_eq!(
        got,
        [(TokenKind::GithubOidc, "text"), (TokenKind::EntraAccessV1, "param:access_token"), (TokenKind::AcrRefresh, "json:refresh_token")]
    );
}

// ---- warnings ----

#[test]
fn expiry_warnings_carry_the_right_catalog_id() {
    let late = NOW + 10 * 3600;
    let gh = decode_token(&github("repo:octo-org/octo-repo:pull_request"), late).tokens.remove(0);
    assert_eq!(gh.status, TokenStatus::Expired);
    let w = warning(&gh, codes::TOKEN_EXPIRED);
    assert_eq!((w.severity, w.catalog_id), (Severity::Error, Some("AL002")));
    assert!(w.message.contains("AADSTS700024") && w.message.contains("expired 9 h 57 min ago"), "{}", w.message);
    assert_eq!(gh.times.exp.as_ref().unwrap().relative, "expired 9 h 57 min ago");
    let acr = decode_token(&rs256(acr_refresh_claims()), late).tokens.remove(0);
    assert_eq!(warning(&acr, codes::TOKEN_EXPIRED).catalog_id, Some("AL032"));
    let acr = decode_token(&rs256(acr_access_claims(json!([]))), late).tokens.remove(0);
    assert_eq!(warning(&acr, codes::TOKEN_EXPIRED).catalog_id, Some("AL032"));
    let entra = decode_token(&rs256(entra_v1_claims("https://containerregistry.azure.net")), late).tokens.remove(0);
    // No kind-specific entry for an expired Entra token: the general one (AL901).
    assert_eq!(warning(&entra, codes::TOKEN_EXPIRED).catalog_id, Some("AL901"));
    // Exactly at exp is already expired (RFC 7519 §4.1.4).
    let at = decode_token(&github("repo:octo-org/octo-repo:pull_request"), 1_632_493_867).tokens.remove(0);
    assert_eq!(at.status, TokenStatus::Expired);
}

#[test]
fn not_yet_valid_and_clock_skew() {
    let early = 1_632_492_967 - 120; // 2 min before the GitHub sample's nbf
    let t = decode_token(&github("repo:octo-org/octo-repo:pull_request"), early).tokens.remove(0);
    assert_eq!(t.status, TokenStatus::NotYetValid);
    let w = warning(&t, codes::TOKEN_NOT_YET_VALID);
    assert_eq!(w.catalog_id, Some("AL002"));
    assert!(w.message.contains("becomes valid in 2 min"), "{}", w.message);
    assert!(codes_of(&t).contains(&codes::TOKEN_ISSUED_IN_FUTURE));
}

#[test]
fn millisecond_timestamps_are_called_out() {
    let claims = with(github_claims("repo:octo-org/octo-repo:pull_request", "api://AzureADTokenExchange"), json!({"exp": 1_632_493_867_000_i64}));
    let t = only(&rs256(claims));
    assert!(warning(&t, codes::MILLISECOND_TIMESTAMP).message.starts_with("exp is 1632493867000"));
    let exp = t.times.exp.unwrap();
    assert!(exp.milliseconds);
    assert_eq!(exp.iso.as_deref(), Some("2021-09-24T14:31:07Z"));
    let t = only(&rs256(json!({"iss": "x", "exp": "soon"})));
    assert!(codes_of(&t).contains(&codes::INVALID_TIME_CLAIM));
    assert!(codes_of(&t).contains(&codes::TOKEN_NO_EXPIRY));
    assert_eq!(t.status, TokenStatus::Unknown);
}

#[test]
fn alg_none_and_missing_signature() {
    let claims = github_claims("repo:octo-org/octo-repo:pull_request", "api://AzureADTokenExchange");
    let unsigned = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&claims));
    let t = only(&unsigned);
    assert!(t.decoded);
    assert_eq!(warning(&t, codes::ALG_NONE).severity, Severity::Error);
    let cut = format!("{}.{}.", b64(&json!({"alg": "RS256"})), b64(&claims));
    assert_eq!(warning(&only(&cut), codes::MALFORMED_JWT).catalog_id, Some("AL015"));
}

#[test]
fn malformed_tokens_are_reported_not_dropped() {
    let header = b64(&json!({"alg": "RS256", "typ": "JWT"}));
    let payload = b64(&github_claims("repo:o/r:pull_request", "api://AzureADTokenExchange"));
    let truncated_json = URL_SAFE_NO_PAD.encode("{\"iss\":");
    let cases = [
        (format!("{header}.{}", &payload[..40]), "JWT_SEGMENT_COUNT", None),
        (format!("{header}.{truncated_json}.c2ln"), "JWT_JSON", Some("payload")),
        (format!("{header}.eyJ!.c2ln"), "JWT_SEGMENT_COUNT", None), // '!' ends the token in free text: 2 parts
        (format!("{header}.{}.c2ln", b64(&json!([1]))), "JWT_NOT_OBJECT", Some("payload")),
        (format!("{header}.abcde.c2ln"), "JWT_BASE64", Some("payload")),
        (format!("{header}.{payload}.c2ln.ZXh0cmE.eA"), "JWT_SEGMENT_COUNT", None),
    ];
    for (text, code, segment) in cases {
        let t = only(&format!("log line: {text} end"));
        assert!(!t.decoded, "{code}");
        let e = t.error.as_ref().unwrap();
        assert_eq!((e.code, e.segment), (code, segment), "{}", e.message);
        assert_eq!(t.kind, TokenKind::Jwt);
        assert_eq!(t.status, TokenStatus::Unknown);
        assert_eq!(warning(&t, codes::MALFORMED_JWT).severity, Severity::Error);
        assert!(t.summary.starts_with("Looks like a JWT but does not decode"));
    }
    // A lone "eyJ" pasted on its own is reported; inside text it is just a word.
    assert_eq!(only("eyJ").error.unwrap().code, "JWT_SEGMENT_COUNT");
    assert!(decode_token("the prefix eyJ means JSON", NOW).tokens.is_empty());
    // '=' inside a segment of a bare paste: names the segment.
    let t = only(&format!("{header}.ab=cd.c2ln"));
    assert_eq!(t.error.unwrap().segment, Some("payload"));
    let t = only(&format!("x {header}.{payload}.c2ln.ZXh0cmE.eA y"));
    assert!(t.error.unwrap().message.contains("JWE"));
}

#[test]
fn nothing_found_gives_a_hint() {
    for (text, needle) in [
        ("", "Paste a token"),
        ("hello world", "No JWT found"),
        ("2021-09-24T14:28:00Z ##[debug]client_assertion=***", "masks secrets"),
        ("ghp_0123456789abcdefghijklmnopqrstuvwxyz", "personal access"),
        (r#"{"auths":{"contoso.azurecr.io":{}},"credsStore":"desktop"}"#, "credential helper"),
        (r#"{"auths":{"contoso.azurecr.io":{"auth":"YWRtaW46aHVudGVyMg=="}}}"#, "holds a password"),
    ] {
        let r = decode_token(text, NOW);
        assert!(r.tokens.is_empty());
        assert!(r.hint.as_deref().unwrap().contains(needle), "{text}: {:?}", r.hint);
        assert_eq!(r.notice, NOTICE);
    }
}

// ---- adversarial ----

#[test]
fn garbage_never_panics() {
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let mut bytes = Vec::with_capacity(1 << 20);
    for _ in 0..(1 << 20) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Bias towards the characters the scanner cares about.
        const ALPHABET: &[u8] = b"eyJ.-_=\"{}[]:,\\ Bearer \n\xff\xc3\xa9";
        bytes.push(ALPHABET[(seed % ALPHABET.len() as u64) as usize]);
    }
    let text = String::from_utf8_lossy(&bytes);
    let r = decode_token(&text, NOW);
    assert!(r.tokens.len() <= MAX_TOKENS);
    for t in ["eyJ", "eyJ.", "eyJ..", "..", "Bearer ", "Bearer eyJ", "\"", "{", "[", "{\"auth\":\"\"}", "{\"a\":\"eyJ\"}", "\u{FFFD}eyJ"] {
        let _ = decode_token(t, NOW);
    }
    let _ = decode_token(&github("repo:o/r:pull_request"), i64::MIN);
    let _ = decode_token(&github("repo:o/r:pull_request"), i64::MAX);
}

#[test]
fn deep_json_and_huge_inputs() {
    let gh = github("repo:octo-org/octo-repo:pull_request");
    // Nesting far beyond serde_json's limit, with a token inside: treated as text, token still found.
    let deep = format!("{}\"{gh}\"{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(only(&deep).source, "text");
    // A nested payload inside the token itself hits serde_json's limit and is reported, not a crash.
    let nested = format!("{}.{}.c2ln", b64(&json!({"alg": "RS256"})), URL_SAFE_NO_PAD.encode(format!("{{\"a\":{}1{}}}", "[".repeat(5000), "]".repeat(5000))));
    assert_eq!(only(&nested).error.unwrap().code, "JWT_JSON");
    // 1 MB single line with no token; 10 MB log with tokens sprinkled in.
    assert!(decode_token(&"A".repeat(1 << 20), NOW).tokens.is_empty());
    let line = "2021-09-24T14:28:02.1234567Z ##[debug]Evaluating: secrets.AZURE_CLIENT_ID eyJhIjoxfQ and some noise\n";
    let mut log = String::with_capacity(11 << 20);
    let mut lines = 0;
    while log.len() < 10 << 20 {
        log.push_str(line);
        lines += 1;
        if lines % 1000 == 0 {
            log.push_str(&gh);
            log.push('\n');
        }
    }
    let r = decode_token(&log, NOW);
    assert_eq!(r.tokens.len(), 1);
    assert_eq!(r.tokens[0].occurrences, lines / 1000);
}

#[test]
fn caps_the_number_of_distinct_tokens() {
    let mut text = String::new();
    for i in 0..(MAX_TOKENS + 5) {
        text.push_str(&rs256(json!({"iss": "x", "n": i, "exp": NOW + 60})));
        text.push(' ');
    }
    let first = rs256(json!({"iss": "x", "n": 0, "exp": NOW + 60}));
    text.push_str(&first);
    let last = rs256(json!({"iss": "x", "n": MAX_TOKENS, "exp": NOW + 60}));
    text.push(' ');
    text.push_str(&last);
    let r = decode_token(&text, NOW);
    assert_eq!((r.tokens.len(), r.omitted), (MAX_TOKENS, 5));
    assert_eq!(r.tokens[0].occurrences, 2);
}

// ---- the JS shape ----

#[test]
fn serialises_to_the_documented_shape() {
    let v = serde_json::to_value(decode_token(&github("repo:octo-org/octo-repo:environment:prod"), NOW)).unwrap();
    let t = &v["tokens"][0];
    assert_eq!(t["kind"], "github-oidc");
    assert_eq!(t["status"], "valid");
    assert_eq!(t["github"]["subjectForm"], "environment");
    assert_eq!(t["github"]["issuerKind"], "github.com");
    assert_eq!(t["github"]["ref"], "refs/heads/main");
    assert_eq!(t["github"]["federatedCredential"]["audiences"][0], "api://AzureADTokenExchange");
    assert_eq!(t["segmentSpans"]["header"]["start"], 0);
    assert_eq!(t["times"]["exp"]["raw"], 1_632_493_867);
    assert!(t["entra"].is_null() && t["acr"].is_null() && t["azureDevops"].is_null());
    let r = serde_json::to_value(decode_token(&rs256(entra_v1_claims("https://management.azure.com")), NOW)).unwrap();
    let e = &r["tokens"][0]["entra"];
    assert_eq!((e["acrExchange"].as_str(), e["principalType"].as_str(), e["cloud"].as_str(), e["resource"].as_str()), (Some("accepted-unless-arm-disabled"), Some("app-only"), Some("AzureCloud"), Some("arm")));
    assert_eq!(r["tokens"][0]["warnings"][0]["catalogId"], "AL031");
    assert_eq!(r["tokens"][0]["warnings"][0]["severity"], "warning");
    let nyv = serde_json::to_value(decode_token(&github("repo:o/r:pull_request"), 0)).unwrap();
    assert_eq!(nyv["tokens"][0]["status"], "not-yet-valid");
}

/// Every field name the Rust side emits must be declared in pkg/types/token.d.ts, and every string
/// union there must list the values Rust emits: a cheap guard against the two drifting apart.
#[test]
fn typescript_declarations_match_the_serde_output() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../pkg/types/token.d.ts");
    // `Span` is shared with decodeJwt and declared in the package's index.d.ts.
    let index = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../pkg/index.d.ts")).unwrap_or_default();
    let Ok(dts) = std::fs::read_to_string(path).map(|t| t + &index) else {
        // The standalone copy used while the workspace does not build has no pkg/ next to it.
        assert!(!std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml")).exists(), "missing {path}");
        return;
    };
    let gh = github("repo:octo-org/octo-repo:environment:prod");
    let texts = [
        gh.clone(),
        rs256(entra_v1_claims("https://management.azure.com")),
        rs256(acr_refresh_claims()),
        rs256(acr_access_claims(json!([{"type": "repository", "name": "web", "actions": ["pull"]}]))),
        rs256(json!({"iss": "https://vstoken.dev.azure.com/o", "sub": "sc://a/b/c", "aud": "api://AzureADTokenExchange", "exp": NOW + 9})),
        rs256(json!({"iss": "https://gitlab.com", "sub": "project_path:g/p:ref_type:branch:ref:main", "project_path": "g/p", "aud": "api://AzureADTokenExchange", "exp": NOW + 9})),
        rs256(json!({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:a:b", "kubernetes.io/serviceaccount/namespace": "a"})),
        rs256(json!({"iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"), "aud": "6731de76-14a6-49ae-97bc-6eba6914391e", "nonce": "n", "ver": "2.0", "exp": NOW + 9})),
        "eyJ.x".to_owned(),
    ];
    let mut keys = std::collections::BTreeSet::new();
    for text in &texts {
        let v = serde_json::to_value(decode_token(text, NOW)).unwrap();
        collect_keys(&v, &mut keys);
    }
    collect_keys(&serde_json::to_value(decode_token("", NOW)).unwrap(), &mut keys);
    for key in &keys {
        assert!(dts.contains(&format!("{key}: ")) || dts.contains(&format!("{key}?: ")), "token.d.ts lacks field `{key}`");
    }
    let enum_values = [
        "github-oidc", "azure-devops-oidc", "entra-access-v1", "entra-access-v2", "acr-refresh", "acr-access", "jwt",
        "valid", "expired", "not-yet-valid", "unknown", "error", "warning", "info",
        "github.com", "enterprise-slug", "ghe.com", "ghes",
        "environment", "pull_request", "branch", "tag", "ref", "custom",
        "vstoken", "entra", "AzureCloud", "AzureUSGovernment", "AzureChinaCloud", "acr", "arm", "other",
        "accepted", "accepted-unless-arm-disabled", "refused", "app-only", "delegated",
        "header", "payload", "signature",
        "entra-id-token", "gitlab-oidc", "kubernetes-sa", "kubernetes-sa-legacy", "terraform-oidc",
        "gitlab", "kubernetes", "terraform", "gitlab.com", "gitlab-self-managed", "aks", "eks", "gke",
        "kubernetes-legacy", "hcp-terraform", "terraform-enterprise",
    ];
    for value in enum_values {
        assert!(dts.contains(&format!("\"{value}\"")), "token.d.ts lacks the string literal \"{value}\"");
    }
}

fn collect_keys(v: &Value, keys: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                keys.insert(k.clone());
                // Claims and headers are free-form maps: their keys are data, not schema.
                if k != "claims" && k != "header" {
                    collect_keys(child, keys);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_keys(i, keys)),
        _ => {}
    }
}

#[test]
fn every_catalog_id_a_warning_names_exists_in_the_catalog() {
    use base64::Engine as _;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    // alg none + millisecond, future nbf, expired: several warnings with default catalog IDs.
    let t = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(r#"{"iss":"x","exp":1700000000000,"nbf":4000000000}"#));
    let expired = format!("{}.{}.c2ln", b64(r#"{"alg":"RS256"}"#), b64(r#"{"iss":"x","exp":1000}"#));
    // A JWT-shaped string whose payload is cut short: malformed.
    let malformed = format!("{}.{}.c2ln", b64(r#"{"alg":"RS256","typ":"JWT"}"#), &b64(r#"{"iss":"https://x","sub":"y"}"#)[..10]);
    let report = decode_token(&format!("{t}\n{expired}\n{malformed}"), 1_763_000_000);
    let ids: Vec<&str> = report.tokens.iter().flat_map(|t| t.warnings.iter()).filter_map(|w| w.catalog_id).collect();
    for want in ["AL901", "AL903", "AL904", "AL905"] {
        assert!(ids.contains(&want), "{want} not attached: {ids:?}");
    }
    for id in ids {
        assert!(crate::catalog::entry(id).is_some(), "warning names {id}, which the catalog lacks");
    }
}
