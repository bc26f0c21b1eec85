//! GitHub Actions OIDC tokens: which GitHub issued it, what the run was, which `sub` form GitHub
//! chose and the federated credential that accepts it. Facts: reference §1.3 ([GH-OIDC-REF]) and
//! §1.4 ([ENTRA-FIC], immutable subjects).

use serde::Serialize;

use super::claims::{https_host_and_path, str_claim, text_claim, Claims};
use super::fic::{exchange_audience, federated_credential, FederatedCredential, EXCHANGE_AUDIENCES};
use super::warnings::{codes, Severity, Warning};

const GITHUB_COM_ISSUER: &str = "https://token.actions.githubusercontent.com";

/// Which GitHub product issued the token; each has its own `iss`, and the FIC must repeat it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GithubIssuer {
    /// `https://token.actions.githubusercontent.com`
    #[serde(rename = "github.com")]
    GithubCom,
    /// GHEC with a customised issuer: `https://token.actions.githubusercontent.com/<enterpriseSlug>`
    #[serde(rename = "enterprise-slug")]
    EnterpriseSlug,
    /// GHE.com data residency: `https://token.actions.<subdomain>.ghe.com`
    #[serde(rename = "ghe.com")]
    GheCom,
    /// GitHub Enterprise Server: `https://<host>/_services/token`
    #[serde(rename = "ghes")]
    Ghes,
}

/// Recognises a GitHub Actions issuer; the string is the enterprise slug or host where there is one.
pub(crate) fn parse_issuer(iss: &str) -> Option<(GithubIssuer, Option<String>)> {
    let iss = iss.strip_suffix('/').unwrap_or(iss);
    if iss == GITHUB_COM_ISSUER {
        return Some((GithubIssuer::GithubCom, None));
    }
    if let Some(slug) = iss.strip_prefix(GITHUB_COM_ISSUER).and_then(|r| r.strip_prefix('/')) {
        return (!slug.is_empty() && !slug.contains('/')).then(|| (GithubIssuer::EnterpriseSlug, Some(slug.to_owned())));
    }
    let (host, path) = https_host_and_path(iss)?;
    if path.is_empty() && host.starts_with("token.actions.") && host.ends_with(".ghe.com") && host.len() > 22 {
        return Some((GithubIssuer::GheCom, Some(host.to_owned())));
    }
    if path == "/_services/token" && !host.is_empty() {
        return Some((GithubIssuer::Ghes, Some(host.to_owned())));
    }
    None
}

/// Which of GitHub's `sub` formats the token carries (precedence: environment > pull_request > ref).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SubjectForm {
    #[serde(rename = "environment")]
    Environment,
    #[serde(rename = "pull_request")]
    PullRequest,
    #[serde(rename = "branch")]
    Branch,
    #[serde(rename = "tag")]
    Tag,
    /// A ref that is neither a branch nor a tag.
    #[serde(rename = "ref")]
    Ref,
    /// A customised template (`include_claim_keys`), or anything not in the default shape.
    #[serde(rename = "custom")]
    Custom,
}

impl SubjectForm {
    /// The serialised name, for prose.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectForm::Environment => "environment",
            SubjectForm::PullRequest => "pull_request",
            SubjectForm::Branch => "branch",
            SubjectForm::Tag => "tag",
            SubjectForm::Ref => "ref",
            SubjectForm::Custom => "custom",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedSubject<'a> {
    pub form: SubjectForm,
    /// `owner@id/repo@id` instead of `owner/repo`.
    pub immutable: bool,
    /// The repository part as written in the subject.
    pub repository: Option<&'a str>,
    /// Branch, tag, environment or ref name.
    pub value: Option<&'a str>,
}

pub(crate) fn parse_subject(sub: &str) -> ParsedSubject<'_> {
    let custom = ParsedSubject { form: SubjectForm::Custom, immutable: false, repository: None, value: None };
    let Some((repo, context)) = sub.strip_prefix("repo:").and_then(|r| r.split_once(':')) else {
        return custom;
    };
    let immutable = is_immutable_repository(repo);
    let with = |form, value| ParsedSubject { form, immutable, repository: Some(repo), value };
    if context == "pull_request" {
        with(SubjectForm::PullRequest, None)
    } else if let Some(env) = context.strip_prefix("environment:").filter(|v| is_single_value(v)) {
        with(SubjectForm::Environment, Some(env))
    } else if let Some(r) = context.strip_prefix("ref:").filter(|v| is_single_value(v)) {
        if let Some(branch) = r.strip_prefix("refs/heads/").filter(|v| !v.is_empty()) {
            with(SubjectForm::Branch, Some(branch))
        } else if let Some(tag) = r.strip_prefix("refs/tags/").filter(|v| !v.is_empty()) {
            with(SubjectForm::Tag, Some(tag))
        } else {
            with(SubjectForm::Ref, Some(r))
        }
    } else {
        ParsedSubject { form: SubjectForm::Custom, immutable, repository: Some(repo), value: None }
    }
}

/// A ':' inside the value means more claim keys follow: a customised template. Git refs cannot
/// contain ':', and the default template never adds anything after the value.
fn is_single_value(v: &str) -> bool {
    !v.is_empty() && !v.contains(':')
}

/// `owner@123/repo@456`: GitHub's immutable subject prefix.
fn is_immutable_repository(repo: &str) -> bool {
    // Most subjects have no `@` at all: one memchr instead of two reverse searches.
    if !repo.as_bytes().contains(&b'@') {
        return false;
    }
    let with_id = |part: &str| {
        part.rsplit_once('@')
            .is_some_and(|(name, id)| !name.is_empty() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
    };
    repo.split_once('/').is_some_and(|(owner, name)| with_id(owner) && with_id(name))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GithubInfo {
    pub issuer_kind: GithubIssuer,
    /// GHES or GHE.com host that issued the token.
    pub host: Option<String>,
    /// Enterprise slug from a customised issuer, else the `enterprise` claim.
    pub enterprise: Option<String>,
    pub repository: Option<String>,
    pub repository_id: Option<String>,
    pub repository_owner: Option<String>,
    pub repository_owner_id: Option<String>,
    pub repository_visibility: Option<String>,
    #[serde(rename = "ref")]
    pub git_ref: Option<String>,
    pub ref_type: Option<String>,
    pub sha: Option<String>,
    pub environment: Option<String>,
    pub event_name: Option<String>,
    pub actor: Option<String>,
    pub workflow_ref: Option<String>,
    pub job_workflow_ref: Option<String>,
    pub runner_environment: Option<String>,
    pub run_id: Option<String>,
    pub run_attempt: Option<String>,
    pub head_ref: Option<String>,
    pub base_ref: Option<String>,
    pub subject_form: SubjectForm,
    pub immutable_subject: bool,
    /// The branch, tag, environment or ref named by the subject.
    pub subject_value: Option<String>,
    /// One paragraph: why GitHub produced this subject and what a matching credential looks like.
    pub subject_explanation: String,
    /// The audience is one of the `api://AzureADTokenExchange*` values.
    pub audience_ok: bool,
    pub federated_credential: FederatedCredential,
}

pub(crate) fn analyse(claims: &Claims, audiences: &[String], warnings: &mut Vec<Warning>) -> GithubInfo {
    let iss = str_claim(claims, "iss").unwrap_or_default();
    let (issuer_kind, where_) = parse_issuer(iss).unwrap_or((GithubIssuer::GithubCom, None));
    let sub = str_claim(claims, "sub").unwrap_or_default();
    let parsed = parse_subject(sub);
    let t = |k| text_claim(claims, k);

    let exchange = exchange_audience(audiences);
    if exchange.is_none() {
        warnings.push(audience_warning(audiences, t("repository_owner").as_deref()));
    }
    if parsed.immutable {
        warnings.push(
            Warning::new(
                codes::SUBJECT_IMMUTABLE,
                Severity::Info,
                "The subject uses GitHub's immutable form (owner@id/repo@id). A federated credential written with \
                 the owner and repository names only will not match and Entra answers AADSTS700213: use the subject \
                 exactly as shown.",
            )
            .catalog("AL013"),
        );
    }
    if parsed.form == SubjectForm::Custom {
        warnings.push(
            Warning::new(
                codes::SUBJECT_CUSTOM,
                Severity::Info,
                "The subject comes from a customised template, not GitHub's default (environment / pull_request / ref): \
                 a credential for the default subject will not match (AADSTS700213). Use the subject exactly as shown.",
            )
            .catalog("AL013"),
        );
    }

    let audience = exchange.unwrap_or(EXCHANGE_AUDIENCES[0]);
    let federated_credential = federated_credential(&name_hint(&parsed, sub), iss, sub, audience);
    GithubInfo {
        issuer_kind,
        host: where_.clone().filter(|_| issuer_kind != GithubIssuer::EnterpriseSlug),
        enterprise: where_.filter(|_| issuer_kind == GithubIssuer::EnterpriseSlug).or_else(|| t("enterprise")),
        repository: t("repository"),
        repository_id: t("repository_id"),
        repository_owner: t("repository_owner"),
        repository_owner_id: t("repository_owner_id"),
        repository_visibility: t("repository_visibility"),
        git_ref: t("ref"),
        ref_type: t("ref_type"),
        sha: t("sha"),
        environment: t("environment"),
        event_name: t("event_name"),
        actor: t("actor"),
        workflow_ref: t("workflow_ref"),
        job_workflow_ref: t("job_workflow_ref"),
        runner_environment: t("runner_environment"),
        run_id: t("run_id"),
        run_attempt: t("run_attempt"),
        head_ref: t("head_ref").filter(|s| !s.is_empty()),
        base_ref: t("base_ref").filter(|s| !s.is_empty()),
        subject_form: parsed.form,
        immutable_subject: parsed.immutable,
        subject_value: parsed.value.map(str::to_owned),
        subject_explanation: explain_subject(&parsed),
        audience_ok: exchange.is_some(),
        federated_credential,
    }
}

fn audience_warning(audiences: &[String], owner: Option<&str>) -> Warning {
    let shown = if audiences.is_empty() { "missing".to_owned() } else { format!("'{}'", audiences.join("', '")) };
    // GitHub's default audience is the owner's URL (`https://github.com/<owner>`, GHES `https://HOST/<owner>`).
    let is_default = owner.is_some_and(|o| {
        audiences.iter().any(|a| a.starts_with("https://") && a.trim_end_matches('/').rsplit('/').next() == Some(o))
    });
    let why = if is_default {
        "that is GitHub's default audience, used when the workflow requests the token without one"
    } else {
        "that is not a token-exchange audience"
    };
    Warning::new(
        codes::AUDIENCE_NOT_TOKEN_EXCHANGE,
        Severity::Error,
        format!(
            "The audience is {shown}: {why}. Entra only exchanges GitHub tokens whose audience equals the federated \
             credential's, normally api://AzureADTokenExchange (api://AzureADTokenExchangeUSGov / \
             api://AzureADTokenExchangeChina in the sovereign clouds), so this token fails with AADSTS700212. Request \
             it with that audience: core.getIDToken('api://AzureADTokenExchange'), or append \
             '&audience=api%3A%2F%2FAzureADTokenExchange' to ACTIONS_ID_TOKEN_REQUEST_URL."
        ),
    )
    .catalog("AL012")
}

/// The credential name's source for a GitHub subject (see [`name_hint`]).
pub(crate) fn credential_hint(sub: &str) -> String {
    name_hint(&parse_subject(sub), sub)
}

/// `owner-repo-branch-main`: readable in the portal list, derived from what the credential matches.
fn name_hint(parsed: &ParsedSubject<'_>, sub: &str) -> String {
    let Some(repo) = parsed.repository else { return sub.to_owned() };
    let middle = match parsed.form {
        SubjectForm::Environment => "-env-",
        SubjectForm::PullRequest => "-pull-request",
        SubjectForm::Branch => "-branch-",
        SubjectForm::Tag => "-tag-",
        SubjectForm::Ref => "-",
        SubjectForm::Custom => return sub.to_owned(),
    };
    // Appended piece by piece (format! is slow in the wasm, and this runs for every GitHub token).
    let mut name = String::with_capacity(sub.len() + 16);
    for (i, part) in repo.split('/').enumerate() {
        if i > 0 {
            name.push('-');
        }
        // Drop the `@id` parts of an immutable subject: they make the name unreadable, not unique.
        name.push_str(part.rsplit_once('@').map_or(part, |(n, _)| n));
    }
    name.push_str(middle);
    if parsed.form != SubjectForm::PullRequest {
        name.push_str(parsed.value.unwrap_or_default());
    }
    name
}

fn explain_subject(p: &ParsedSubject<'_>) -> String {
    // (before the value, after it); pieces appended rather than format!ted (slow in the wasm).
    let (before, after) = match p.form {
        SubjectForm::Environment => (
            "The job references the environment '",
            "', so GitHub uses the environment form; it takes precedence over pull_request and branch/tag. Portal \
             entity type: Environment.",
        ),
        SubjectForm::PullRequest => (
            "A pull_request event in a job without an environment: every pull request of the repository gets this \
             same subject. Portal entity type: Pull request.",
            "",
        ),
        SubjectForm::Branch => (
            "A run on the branch '",
            "' in a job without an environment, not a pull_request event. Portal entity type: Branch. Credentials \
             take no wildcards, so each branch needs its own.",
        ),
        SubjectForm::Tag => (
            "A run for the tag '",
            "' in a job without an environment. Portal entity type: Tag. Credentials take no wildcards, so each tag \
             needs its own (or use an environment).",
        ),
        SubjectForm::Ref => ("A run for the ref '", "' (neither a branch nor a tag) in a job without an environment."),
        SubjectForm::Custom => (
            "A customised subject template (the repository's or organisation's OIDC include_claim_keys), or a shape \
             GitHub's default template does not produce. The credential's subject must repeat it character for \
             character.",
            "",
        ),
    };
    const IMMUTABLE: &str = " Owner and repository carry their numeric ids (owner@id/repo@id): GitHub's immutable \
                             subject form, applied from 2026-07-15 to repositories created, renamed or transferred \
                             (and to any that opted in).";
    let value = match p.form {
        SubjectForm::PullRequest | SubjectForm::Custom => "",
        _ => p.value.unwrap_or_default(),
    };
    let mut text = String::with_capacity(before.len() + value.len() + after.len() + IMMUTABLE.len());
    text.push_str(before);
    text.push_str(value);
    text.push_str(after);
    if p.immutable {
        text.push_str(IMMUTABLE);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_every_issuer() {
        assert_eq!(parse_issuer("https://token.actions.githubusercontent.com"), Some((GithubIssuer::GithubCom, None)));
        assert_eq!(
            parse_issuer("https://token.actions.githubusercontent.com/octo-enterprise"),
            Some((GithubIssuer::EnterpriseSlug, Some("octo-enterprise".into())))
        );
        assert_eq!(
            parse_issuer("https://token.actions.contoso.ghe.com"),
            Some((GithubIssuer::GheCom, Some("token.actions.contoso.ghe.com".into())))
        );
        assert_eq!(
            parse_issuer("https://github.example.com/_services/token"),
            Some((GithubIssuer::Ghes, Some("github.example.com".into())))
        );
        assert_eq!(parse_issuer("https://token.actions.githubusercontent.com/a/b"), None);
        assert_eq!(parse_issuer("https://sts.windows.net/x/"), None);
        assert_eq!(parse_issuer("http://github.example.com/_services/token"), None);
    }

    #[test]
    fn subject_form_names_match_serde() {
        for f in [SubjectForm::Environment, SubjectForm::PullRequest, SubjectForm::Branch, SubjectForm::Tag, SubjectForm::Ref, SubjectForm::Custom] {
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
        }
    }

    #[test]
    fn tells_every_subject_form_apart() {
        let p = parse_subject("repo:octo-org/octo-repo:environment:prod");
        assert_eq!((p.form, p.value, p.immutable), (SubjectForm::Environment, Some("prod"), false));
        assert_eq!(parse_subject("repo:octo-org/octo-repo:pull_request").form, SubjectForm::PullRequest);
        let p = parse_subject("repo:octo-org/octo-repo:ref:refs/heads/feature/x");
        assert_eq!((p.form, p.value), (SubjectForm::Branch, Some("feature/x")));
        let p = parse_subject("repo:octo-org/octo-repo:ref:refs/tags/v1.2.3");
        assert_eq!((p.form, p.value), (SubjectForm::Tag, Some("v1.2.3")));
        assert_eq!(parse_subject("repo:octo-org/octo-repo:ref:refs/pull/7/merge").form, SubjectForm::Ref);
        // The documented customised example (reference §1.3).
        let p = parse_subject("repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main");
        assert_eq!((p.form, p.repository), (SubjectForm::Custom, Some("octo-org/octo-repo")));
        assert_eq!(parse_subject("repository_owner:monalisa").form, SubjectForm::Custom);
        let p = parse_subject("repo:octo-org@1234/octo-repo@5678:ref:refs/heads/main");
        assert_eq!((p.form, p.immutable, p.value), (SubjectForm::Branch, true, Some("main")));
        assert!(!parse_subject("repo:octo@org/octo-repo:pull_request").immutable);
        assert_eq!(parse_subject("repo:").form, SubjectForm::Custom);
        assert_eq!(parse_subject("repo:o/r:ref:").form, SubjectForm::Custom);
    }

    #[test]
    fn credential_names_follow_the_subject() {
        let n = |s| super::super::fic::credential_name(&name_hint(&parse_subject(s), s));
        assert_eq!(n("repo:octo-org/octo-repo:ref:refs/heads/main"), "octo-org-octo-repo-branch-main");
        assert_eq!(n("repo:octo-org@1234/octo-repo@5678:environment:prod"), "octo-org-octo-repo-env-prod");
        assert_eq!(n("repo:octo-org/octo-repo:pull_request"), "octo-org-octo-repo-pull-request");
        assert_eq!(n("repository_owner:monalisa"), "repository_owner-monalisa");
    }
}
