//! Adding a registry credential to a docker `config.json` (or a containers `auth.json`) and
//! taking it out again, touching nothing else.
//!
//! Contract:
//! - [`merge`] edits the text in place: the one `auths` member for the registry is added or
//!   replaced; every other byte (other entries, `credHelpers`, `credsStore`, `proxies`, `plugins`,
//!   unknown keys, key order, formatting) stays as it was. It never "repairs" a malformed file:
//!   it returns a [`DockerConfigError`] naming the file, the problem and the fix.
//! - It also returns the exact [`Undo`]: the post step removes our entry, or restores the entry
//!   we replaced, but only if the entry is still the one we wrote (another job may have logged
//!   in since). `Undo` holds no credential of ours, only a fingerprint; it does hold the replaced
//!   entry verbatim, so the host keeps it in a private (0600) file, not in step state.
//! - [`helper_for`]: when `credHelpers` names the registry, or `credsStore` is set (docker
//!   format), docker reads credentials from that helper and ignores `auths[...].auth`. The host then
//!   stores through `docker-credential-<name>` as docker does ([`helper_payload`]), or, when the
//!   helper is not installed, writes a private config dir from [`without_helpers`].
//!
//! Files, locks, atomic renames and permissions are the host's job.

mod json_text;

use crate::login::Secret;
use json_text::{insert_member, object_at, quote, remove_member, replace_value, replace_value_verbatim, root};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfigFormat {
    /// `~/.docker/config.json` (also read by buildx, skopeo, crane, helm registry).
    Docker,
    /// containers-auth.json (podman, skopeo, buildah; `REGISTRY_AUTH_FILE`): no `credsStore`.
    Containers,
}

/// Why a config file cannot be edited safely. The file is never rewritten in these cases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DockerConfigError {
    /// The file is not JSON.
    #[error("{file} is not valid JSON (line {line}, column {column}: {detail}). It was left untouched: fix it, or move it away to start a fresh one")]
    Malformed { file: String, line: usize, column: usize, detail: String },
    /// The top level is not an object.
    #[error("{file} must hold a JSON object at the top level, but holds {found}. It was left untouched: fix it, or move it away to start a fresh one")]
    NotObject { file: String, found: &'static str },
    /// `auths` or `credHelpers` is not an object.
    #[error("{file}: `{key}` must be an object, but is {found}. It was left untouched: fix `{key}` (e.g. `\"{key}\": {{}}`)")]
    BadSection { file: String, key: &'static str, found: &'static str },
}

impl DockerConfigError {
    pub fn code(&self) -> &'static str {
        match self {
            DockerConfigError::Malformed { .. } => "DOCKER_CONFIG_MALFORMED",
            DockerConfigError::NotObject { .. } => "DOCKER_CONFIG_NOT_OBJECT",
            DockerConfigError::BadSection { .. } => "DOCKER_CONFIG_BAD_SECTION",
        }
    }
}

/// How to take our entry back out. Serialise it into a private file for the post step.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Undo {
    pub registry: String,
    /// Fingerprint of the `auth` value we wrote (FNV-1a 64, hex): identifies our entry without
    /// keeping the credential.
    pub written: String,
    /// The entry we replaced, verbatim.
    pub previous: Option<String>,
    /// `auths` did not exist before we added it.
    pub created_auths: bool,
    /// The file did not exist (or was empty) before.
    pub created_file: bool,
}

impl Undo {
    /// JSON for the host's private undo file (written by hand: see [`crate::login::LoginOptions::from_json`]).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"registry\":{},\"written\":{},\"previous\":{},\"createdAuths\":{},\"createdFile\":{}}}",
            quote(&self.registry),
            quote(&self.written),
            self.previous.as_deref().map(quote).unwrap_or_else(|| "null".into()),
            self.created_auths,
            self.created_file
        )
    }

    pub fn from_json(text: &str) -> Option<Undo> {
        let v: Value = serde_json::from_str(text).ok()?;
        Some(Undo {
            registry: v.get("registry")?.as_str()?.to_string(),
            written: v.get("written")?.as_str()?.to_string(),
            previous: v.get("previous").and_then(Value::as_str).map(String::from),
            created_auths: v.get("createdAuths").and_then(Value::as_bool).unwrap_or(false),
            created_file: v.get("createdFile").and_then(Value::as_bool).unwrap_or(false),
        })
    }
}

impl std::fmt::Debug for Undo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Undo")
            .field("registry", &self.registry)
            .field("written", &self.written)
            .field("previous", &self.previous.as_ref().map(|_| "***"))
            .field("created_auths", &self.created_auths)
            .field("created_file", &self.created_file)
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HelperSource {
    CredHelpers,
    CredsStore,
}

/// A credential helper that docker would use for the registry instead of `auths`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Helper {
    /// `desktop` → the program `docker-credential-desktop`.
    pub name: String,
    pub source: HelperSource,
}

#[derive(Clone)]
pub struct Merged {
    pub text: String,
    pub undo: Undo,
    pub helper: Option<Helper>,
}

/// The text holds our credential and every other registry's: `Debug` shows only its length.
impl std::fmt::Debug for Merged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Merged").field("text_len", &self.text.len()).field("undo", &self.undo).field("helper", &self.helper).finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UndoOutcome {
    /// Our entry was removed (nothing was there before).
    Removed,
    /// The entry we replaced is back.
    Restored,
    /// The entry is no longer ours (someone logged in again): left alone.
    ChangedSince,
    /// The entry is gone already.
    Absent,
    /// The file only held our entry: the host deletes it.
    DeleteFile,
}

#[derive(Clone)]
pub struct Undone {
    /// The new text, `None` when nothing changes.
    pub text: Option<String>,
    pub outcome: UndoOutcome,
}

/// Like [`Merged`]: the text holds other registries' credentials.
impl std::fmt::Debug for Undone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Undone").field("text_len", &self.text.as_ref().map(String::len)).field("outcome", &self.outcome).finish()
    }
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// FNV-1a 64: a fingerprint, not a protection (the value itself is never stored).
fn fingerprint(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// `base64(username:password)`, docker's `auth` field.
pub fn auth_value(username: &str, password: &Secret) -> String {
    crate::b64::encode(format!("{username}:{}", password.expose()).as_bytes())
}

fn entry_text(auth: &str) -> String {
    format!("{{\n\t\"auth\": \"{auth}\"\n}}")
}

/// Parses and checks the shape docker relies on. Empty or blank text counts as `{}`.
fn parse(text: &str, file: &str) -> Result<Value, DockerConfigError> {
    if text.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    if text.starts_with('\u{feff}') {
        // Docker and podman decode with Go's encoding/json, which rejects it too: name it, since
        // "expected value at line 1 column 1" points at nothing visible.
        return Err(DockerConfigError::Malformed {
            file: file.to_string(),
            line: 1,
            column: 1,
            detail: "it starts with a UTF-8 byte order mark, which docker cannot read either; save it as UTF-8 without BOM".to_string(),
        });
    }
    let v: Value = serde_json::from_str(text).map_err(|e| DockerConfigError::Malformed {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        detail: e.to_string().split(" at line").next().unwrap_or("").to_string(),
    })?;
    if !v.is_object() {
        return Err(DockerConfigError::NotObject { file: file.to_string(), found: kind_name(&v) });
    }
    for key in ["auths", "credHelpers"] {
        if let Some(s) = v.get(key) {
            if !s.is_object() {
                return Err(DockerConfigError::BadSection { file: file.to_string(), key, found: kind_name(s) });
            }
        }
    }
    Ok(v)
}

/// The helper docker would use for `registry`, if any.
pub fn helper_for(existing: Option<&str>, file: &str, registry: &str, format: ConfigFormat) -> Result<Option<Helper>, DockerConfigError> {
    let v = parse(existing.unwrap_or(""), file)?;
    if let Some(name) = v.get("credHelpers").and_then(|h| h.get(registry)).and_then(Value::as_str).filter(|s| !s.is_empty()) {
        return Ok(Some(Helper { name: name.to_string(), source: HelperSource::CredHelpers }));
    }
    if format == ConfigFormat::Docker {
        if let Some(name) = v.get("credsStore").and_then(Value::as_str).filter(|s| !s.is_empty()) {
            return Ok(Some(Helper { name: name.to_string(), source: HelperSource::CredsStore }));
        }
    }
    Ok(None)
}

/// Adds (or replaces) the registry's entry. See the module docs.
pub fn merge(existing: Option<&str>, file: &str, registry: &str, username: &str, password: &Secret, format: ConfigFormat) -> Result<Merged, DockerConfigError> {
    let original = existing.unwrap_or("");
    parse(original, file)?;
    let helper = helper_for(existing, file, registry, format)?;
    let auth = auth_value(username, password);
    let value = entry_text(&auth);
    let created_file = original.trim().is_empty();
    let text = if created_file { "{\n}\n".to_string() } else { original.to_string() };
    let top = root(&text);
    let (text, previous, created_auths) = match top.get("auths") {
        None => (insert_member(&text, &top, "auths", &format!("{{\n\t{}: {value}\n}}", quote(registry)).replace("\n\t\"auth\"", "\n\t\t\"auth\"").replace("\n}\n}", "\n\t}\n}")), None, true),
        Some(m) => {
            let auths = object_at(&text, m.value_start);
            match auths.get(registry) {
                Some(e) => (replace_value(&text, &auths, e, &value), Some(text[e.value_start..e.value_end].to_string()), false),
                None => (insert_member(&text, &auths, registry, &value), None, false),
            }
        }
    };
    debug_assert!(serde_json::from_str::<Value>(&text).is_ok(), "merge produced invalid JSON");
    Ok(Merged {
        text,
        undo: Undo { registry: registry.to_string(), written: fingerprint(&auth), previous, created_auths, created_file },
        helper,
    })
}

/// Takes our entry out again (see [`UndoOutcome`]).
pub fn undo(existing: Option<&str>, file: &str, u: &Undo) -> Result<Undone, DockerConfigError> {
    let Some(text) = existing.filter(|t| !t.trim().is_empty()) else {
        return Ok(Undone { text: None, outcome: UndoOutcome::Absent });
    };
    let v = parse(text, file)?;
    let top = root(text);
    let Some(auths_m) = top.get("auths") else {
        return Ok(Undone { text: None, outcome: UndoOutcome::Absent });
    };
    let auths = object_at(text, auths_m.value_start);
    let Some(entry) = auths.get(&u.registry) else {
        return Ok(Undone { text: None, outcome: UndoOutcome::Absent });
    };
    let current = v["auths"][&u.registry].get("auth").and_then(Value::as_str).unwrap_or("");
    if fingerprint(current) != u.written {
        return Ok(Undone { text: None, outcome: UndoOutcome::ChangedSince });
    }
    if let Some(prev) = &u.previous {
        return Ok(Undone { text: Some(replace_value_verbatim(text, entry, prev)), outcome: UndoOutcome::Restored });
    }
    let mut out = remove_member(text, &auths, &u.registry);
    let after: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    let auths_empty = after.get("auths").and_then(Value::as_object).is_some_and(|m| m.is_empty());
    if u.created_auths && auths_empty {
        out = remove_member(&out, &root(&out), "auths");
    }
    let after: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    if u.created_file && after.as_object().is_some_and(|m| m.is_empty() || (m.len() == 1 && auths_empty && m.contains_key("auths"))) {
        return Ok(Undone { text: None, outcome: UndoOutcome::DeleteFile });
    }
    Ok(Undone { text: Some(out), outcome: UndoOutcome::Removed })
}

/// A copy of the config for a private config dir: `credsStore` and the `credHelpers` entries of
/// these registries removed (their helper is not installed, so they could not work anyway).
pub fn without_helpers(existing: &str, file: &str, registries: &[String]) -> Result<String, DockerConfigError> {
    let v = parse(existing, file)?;
    let mut text = if existing.trim().is_empty() { "{\n}\n".to_string() } else { existing.to_string() };
    if v.get("credsStore").is_some() {
        text = remove_member(&text, &root(&text), "credsStore");
    }
    for r in registries {
        let top = root(&text);
        if let Some(m) = top.get("credHelpers") {
            let helpers = object_at(&text, m.value_start);
            if helpers.get(r).is_some() {
                text = remove_member(&text, &helpers, r);
            }
        }
    }
    Ok(text)
}

/// stdin for `docker-credential-<name> store`.
pub fn helper_payload(registry: &str, username: &str, password: &Secret) -> String {
    format!("{{\"ServerURL\":{},\"Username\":{},\"Secret\":{}}}", quote(registry), quote(username), quote(password.expose()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = "myacr.azurecr.io";
    const USER: &str = "00000000-0000-0000-0000-000000000000";

    fn pw() -> Secret {
        Secret::new("refresh-token-value")
    }

    fn auth_of(text: &str, reg: &str) -> Option<String> {
        let v: Value = serde_json::from_str(text).unwrap();
        v["auths"][reg]["auth"].as_str().map(String::from)
    }

    #[test]
    fn creates_a_fresh_config_in_dockers_style() {
        let m = merge(None, "config.json", REG, USER, &pw(), ConfigFormat::Docker).unwrap();
        assert_eq!(m.text, format!("{{\n\t\"auths\": {{\n\t\t\"{REG}\": {{\n\t\t\t\"auth\": \"{}\"\n\t\t}}\n\t}}\n}}\n", auth_value(USER, &pw())));
        assert!(m.undo.created_file && m.undo.created_auths && m.undo.previous.is_none());
        assert_eq!(m.helper, None);
        let u = undo(Some(&m.text), "config.json", &m.undo).unwrap();
        assert_eq!(u.outcome, UndoOutcome::DeleteFile);
    }

    const RICH: &str = r#"{
	"auths": {
		"ghcr.io": {
			"auth": "Z2g6dG9r"
		},
		"https://index.docker.io/v1/": {}
	},
	"credHelpers": {
		"123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"
	},
	"proxies": {"default": {"httpsProxy": "http://proxy:3128", "noProxy": "*.internal"}},
	"plugins": {"buildx": {"default": "builder1"}},
	"zzUnknown": [1, 2.50, {"keep": true}],
	"detachKeys": "ctrl-e,e"
}"#;

    #[test]
    fn merge_preserves_every_other_byte_and_undo_restores_exactly() {
        let m = merge(Some(RICH), "config.json", REG, USER, &pw(), ConfigFormat::Docker).unwrap();
        assert_eq!(auth_of(&m.text, REG), Some(auth_value(USER, &pw())));
        assert_eq!(auth_of(&m.text, "ghcr.io").as_deref(), Some("Z2g6dG9r"));
        // Everything after `auths` is byte-identical, `2.50` included (serde would print 2.5).
        let tail = &RICH[RICH.find("\"credHelpers\"").unwrap()..];
        assert!(m.text.ends_with(tail));
        assert!(m.text.contains("\t\t\"https://index.docker.io/v1/\": {},\n\t\t\"myacr.azurecr.io\": {\n\t\t\t\"auth\""), "{}", m.text);
        assert!(!m.undo.created_auths && !m.undo.created_file);
        let u = undo(Some(&m.text), "config.json", &m.undo).unwrap();
        assert_eq!(u.outcome, UndoOutcome::Removed);
        assert_eq!(u.text.as_deref(), Some(RICH));
    }

    #[test]
    fn replacing_an_entry_is_undone_by_restoring_it() {
        let before = "{\"auths\":{\"myacr.azurecr.io\":{\"auth\":\"b2xkOm9sZA==\",\"email\":\"x@y\"}},\"credsStore\":\"\"}";
        let m = merge(Some(before), "c", REG, USER, &pw(), ConfigFormat::Docker).unwrap();
        assert_eq!(m.undo.previous.as_deref(), Some("{\"auth\":\"b2xkOm9sZA==\",\"email\":\"x@y\"}"));
        assert!(!format!("{:?}", m.undo).contains("b2xk"), "Debug hides the replaced credential");
        let u = undo(Some(&m.text), "c", &m.undo).unwrap();
        assert_eq!(u.outcome, UndoOutcome::Restored);
        assert_eq!(u.text.as_deref(), Some(before));
    }

    #[test]
    fn restoring_a_multi_line_entry_keeps_its_indentation() {
        let before = "{\n    \"auths\": {\n        \"myacr.azurecr.io\": {\n            \"auth\": \"b2xk\"\n        },\n        \"x.io\": {}\n    }\n}\n";
        let m = merge(Some(before), "c", REG, USER, &pw(), ConfigFormat::Docker).unwrap();
        assert!(m.text.contains("        \"myacr.azurecr.io\": {\n            \"auth\": \""), "{}", m.text);
        assert_eq!(undo(Some(&m.text), "c", &m.undo).unwrap().text.as_deref(), Some(before));
    }

    #[test]
    fn undo_leaves_an_entry_someone_else_wrote_since() {
        let m = merge(Some("{}"), "c", REG, USER, &pw(), ConfigFormat::Docker).unwrap();
        let other = merge(Some(&m.text), "c", REG, USER, &Secret::new("newer-token"), ConfigFormat::Docker).unwrap();
        assert_eq!(undo(Some(&other.text), "c", &m.undo).unwrap().outcome, UndoOutcome::ChangedSince);
        assert_eq!(undo(Some("{}"), "c", &m.undo).unwrap().outcome, UndoOutcome::Absent);
        assert_eq!(undo(None, "c", &m.undo).unwrap().outcome, UndoOutcome::Absent);
        // Created `auths` in an existing file: removing our entry removes `auths` too.
        let u = undo(Some(&m.text), "c", &m.undo).unwrap();
        assert_eq!(u.text.as_deref(), Some("{}"));
    }

    #[test]
    fn many_registries_merge_and_unmerge_in_any_order() {
        let mut text = RICH.to_string();
        let mut undos = Vec::new();
        for i in 0..32 {
            let m = merge(Some(&text), "c", &format!("r{i}.azurecr.io"), USER, &Secret::new(format!("tok{i}")), ConfigFormat::Docker).unwrap();
            text = m.text;
            undos.push(m.undo);
        }
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["auths"].as_object().unwrap().len(), 34);
        for u in undos.iter().rev().step_by(2).chain(undos.iter().step_by(2)) {
            text = undo(Some(&text), "c", u).unwrap().text.unwrap();
        }
        assert_eq!(text, RICH);
    }

    #[test]
    fn undo_records_round_trip_through_json() {
        let m = merge(Some("{\"auths\":{\"myacr.azurecr.io\":{\"auth\":\"x\\\"y\"}}}"), "c", REG, USER, &pw(), ConfigFormat::Docker).unwrap();
        let back = Undo::from_json(&m.undo.to_json()).unwrap();
        assert_eq!(back, m.undo);
        let v: Value = serde_json::from_str(&m.undo.to_json()).unwrap();
        assert_eq!(v["previous"], "{\"auth\":\"x\\\"y\"}");
        assert_eq!(Undo::from_json("{}"), None);
    }

    #[test]
    fn helpers_are_detected_per_format() {
        assert_eq!(helper_for(Some(RICH), "c", REG, ConfigFormat::Docker).unwrap(), None);
        let ecr = helper_for(Some(RICH), "c", "123.dkr.ecr.us-east-1.amazonaws.com", ConfigFormat::Docker).unwrap().unwrap();
        assert_eq!((ecr.name.as_str(), ecr.source), ("ecr-login", HelperSource::CredHelpers));
        let store = r#"{"auths":{},"credsStore":"desktop","credHelpers":{"myacr.azurecr.io":"acr-env"}}"#;
        assert_eq!(helper_for(Some(store), "c", REG, ConfigFormat::Docker).unwrap().unwrap().name, "acr-env");
        assert_eq!(helper_for(Some(store), "c", "other.io", ConfigFormat::Docker).unwrap().unwrap().source, HelperSource::CredsStore);
        assert_eq!(helper_for(Some(store), "c", "other.io", ConfigFormat::Containers).unwrap(), None);
        let m = merge(Some(store), "c", REG, USER, &pw(), ConfigFormat::Docker).unwrap();
        assert_eq!(m.helper.unwrap().source, HelperSource::CredHelpers);
        let stripped = without_helpers(store, "c", &[REG.to_string()]).unwrap();
        assert_eq!(stripped, r#"{"auths":{},"credHelpers":{}}"#);
        let payload: Value = serde_json::from_str(&helper_payload(REG, USER, &pw())).unwrap();
        assert_eq!(payload["ServerURL"], REG);
        assert_eq!(payload["Secret"], "refresh-token-value");
    }

    #[test]
    fn debug_never_shows_a_credential_of_the_file() {
        let m = merge(Some(RICH), "c", REG, USER, &pw(), ConfigFormat::Docker).unwrap();
        let u = undo(Some(&m.text), "c", &m.undo).unwrap();
        for dbg in [format!("{m:?}"), format!("{u:?}")] {
            assert!(!dbg.contains(&auth_value(USER, &pw())), "{dbg}");
            assert!(!dbg.contains("Z2g6dG9r"), "another registry's credential: {dbg}");
        }
        assert!(format!("{m:?}").contains("myacr.azurecr.io"), "the registry is still named");
    }

    #[test]
    fn a_byte_order_mark_is_named_as_the_problem() {
        let e = merge(Some("\u{feff}{\"auths\": {}}"), "/home/u/.docker/config.json", REG, USER, &pw(), ConfigFormat::Docker).unwrap_err();
        assert_eq!(e.code(), "DOCKER_CONFIG_MALFORMED");
        let m = e.to_string();
        assert!(m.contains("byte order mark") && m.contains("left untouched"), "{m}");
    }

    #[test]
    fn malformed_configs_are_refused_with_the_file_and_the_fix() {
        let cases = [
            ("{\"auths\": {", "DOCKER_CONFIG_MALFORMED"),
            ("[1]", "DOCKER_CONFIG_NOT_OBJECT"),
            ("{\"auths\": []}", "DOCKER_CONFIG_BAD_SECTION"),
            ("{\"credHelpers\": \"x\"}", "DOCKER_CONFIG_BAD_SECTION"),
        ];
        for (text, code) in cases {
            let e = merge(Some(text), "/home/u/.docker/config.json", REG, USER, &pw(), ConfigFormat::Docker).unwrap_err();
            assert_eq!(e.code(), code);
            let msg = e.to_string();
            assert!(msg.contains("/home/u/.docker/config.json") && msg.contains("left untouched"), "{msg}");
        }
        let e = merge(Some("{\n  \"auths\": {,}\n}"), "f", REG, USER, &pw(), ConfigFormat::Docker).unwrap_err();
        assert!(matches!(e, DockerConfigError::Malformed { line: 2, .. }), "{e:?}");
        // Blank files are treated as new.
        assert!(merge(Some("  \n"), "f", REG, USER, &pw(), ConfigFormat::Containers).unwrap().undo.created_file);
    }
}
