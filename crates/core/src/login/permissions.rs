//! What an ACR access token actually grants, from its `access` claim. The token server filters the
//! requested scope down to what the identity's roles allow, so a 200 can still grant less than
//! asked: comparing here finds a missing AcrPush before the first push fails.

use super::config::RepoAction;
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionReport {
    pub repository: String,
    pub requested: Vec<RepoAction>,
    /// The actions the token holds for that repository, as the registry wrote them.
    pub granted: Vec<String>,
    pub missing: Vec<RepoAction>,
}

impl PermissionReport {
    pub fn ok(&self) -> bool {
        self.missing.is_empty()
    }
}

/// `access: [{"type":"repository","name":"team/app","actions":["pull"]}]` → report.
pub fn analyze(claims: &Map<String, Value>, repository: &str, requested: &[RepoAction]) -> PermissionReport {
    let mut granted: Vec<String> = Vec::new();
    for entry in access_entries(claims) {
        let is_repo = entry.get("type").and_then(Value::as_str) == Some("repository");
        let name = entry.get("name").and_then(Value::as_str).unwrap_or("");
        if is_repo && name.eq_ignore_ascii_case(repository) {
            for a in entry.get("actions").and_then(Value::as_array).into_iter().flatten() {
                if let Some(a) = a.as_str() {
                    if !granted.iter().any(|g| g == a) {
                        granted.push(a.to_string());
                    }
                }
            }
        }
    }
    let missing = requested
        .iter()
        .copied()
        .filter(|r| !granted.iter().any(|g| g == "*" || g.eq_ignore_ascii_case(r.as_str())))
        .collect();
    PermissionReport { repository: repository.to_string(), requested: requested.to_vec(), granted, missing }
}

/// Whether the token may list the catalog (`registry:catalog:*`).
pub fn has_catalog(claims: &Map<String, Value>) -> bool {
    access_entries(claims).any(|e| {
        e.get("type").and_then(Value::as_str) == Some("registry")
            && e.get("name").and_then(Value::as_str) == Some("catalog")
            && e.get("actions").and_then(Value::as_array).is_some_and(|a| !a.is_empty())
    })
}

fn access_entries(claims: &Map<String, Value>) -> impl Iterator<Item = &Map<String, Value>> {
    claims.get("access").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object)
}

/// The docker scope string for a repository and actions.
pub fn scope(repository: &str, actions: &[RepoAction]) -> String {
    let a: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
    format!("repository:{repository}:{}", a.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn asked_pull_push_got_pull_means_push_missing() {
        let c = claims(json!({"access":[{"type":"repository","name":"team/app","actions":["pull"]}]}));
        let r = analyze(&c, "team/app", &[RepoAction::Pull, RepoAction::Push]);
        assert_eq!(r.granted, vec!["pull"]);
        assert_eq!(r.missing, vec![RepoAction::Push]);
        assert!(!r.ok());
    }

    #[test]
    fn wildcard_other_repos_and_missing_claim() {
        let c = claims(json!({"access":[
            {"type":"repository","name":"other","actions":["pull","push","delete"]},
            {"type":"repository","name":"Team/App","actions":["*"]}]}));
        assert!(analyze(&c, "team/app", &[RepoAction::Delete]).ok());
        let none = analyze(&claims(json!({})), "x", &[RepoAction::Pull]);
        assert_eq!(none.missing, vec![RepoAction::Pull]);
        assert!(has_catalog(&claims(json!({"access":[{"type":"registry","name":"catalog","actions":["*"]}]}))));
        assert!(!has_catalog(&claims(json!({"access":[]}))));
        assert_eq!(scope("a/b", &[RepoAction::Pull, RepoAction::Push]), "repository:a/b:pull,push");
    }
}
